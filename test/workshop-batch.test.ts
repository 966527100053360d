/**
 * The batch path notebook 03 teaches (section 3.6), end to end and offline: notebooks 01–03
 * run as an attendee runs them, then every candidate is switched to emulated batch results
 * through the library (`prepareBatchJobs` → `runEmulatedBatch` → `importBatchOutput` →
 * `useBatchResults`), then notebooks 04 and 05 run on them and the report is read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseCsv } from '../src/core/csv';
import { loadDataset } from '../src/core/dataset';
import { readLatencyResults, readQualityResults } from '../src/results';
import { openSession } from '../src/runs/session';
import { importBatchOutput, prepareBatchJobs, runEmulatedBatch, useBatchResults, type BatchImport } from '../src/steps/batch/run';
import { readNotebook } from '../src/workshop/notebook';
import { openScratchSession } from './helpers/scratch-session';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const ROOT = path.resolve(__dirname, '..');
const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0'; // published batch price
const GPT_OSS = 'openai.gpt-oss-120b-1:0'; // no batch price in the catalogue

async function runNotebooks(steps: string[], env: Record<string, string>) {
  return promisify(execFile)(process.execPath, [path.join(ROOT, 'dist', 'bin', 'workshop.js'), ...steps], {
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

const outputText = (file: string) =>
  readNotebook(file)
    .cells.flatMap((c) => c.outputs ?? [])
    .map((o) => JSON.stringify(o))
    .join('\n');

test('the batch path end to end: notebooks 01–03, every candidate switched to emulated batch results, then 04 and 05 and the report', async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'workshop-batch-'));
  const env = {
    LOCAL_BEDROCK_LATENCY_SCALE: '0',
    WORKSHOP_TRACKING_FILE: path.join(scratch, 'evaluation_tracking.csv'),
    WORKSHOP_OUTPUTS_DIR: path.join(scratch, 'outputs'),
    WORKSHOP_EXECUTED_DIR: path.join(scratch, 'executed'),
  };
  const first = await runNotebooks(['01', '02', '03'], env);
  assert.equal(first.code, 0, first.out);

  // Section 3.6, done for every candidate: write the jobs, run them emulated, import, use.
  const session = await openSession({ step: 3, env });
  const imports: BatchImport[] = [];
  try {
    const docs = (await loadDataset(session.config)).rows;
    const jobs = prepareBatchJobs(session, docs, { env: {} });
    const candidates = jobs.filter((j) => j.role === 'candidate');
    assert.equal(candidates.length, 5);
    for (const job of candidates) {
      assert.equal(job.status, 'written', `${job.model}: ${job.reason}`);
      // 10 documents: Bedrock would refuse the job (minimum 100 records); the emulation runs it anyway, and says so.
      assert.match(job.problems.join(' '), /10 records: Bedrock needs at least 100 per job/);
      const run = await runEmulatedBatch(session, job);
      const imported = importBatchOutput(session, job, run);
      assert.equal(imported.success, 10, `${job.model}: ${imported.message}`);
      assert.match(imported.message, /EMULATED batch job.*Bedrock would refuse it as written: 10 records/);
      useBatchResults(session, imported);
      imports.push(imported);
    }
  } finally {
    await session.close();
  }
  const second = await runNotebooks(['04', '05'], env);
  assert.equal(second.code, 0, second.out);

  const rows = parseCsv(readFileSync(env.WORKSHOP_TRACKING_FILE, 'utf8')).rows;
  const row = (model: string) => rows.find((r) => r.model === model)!;
  const source = rows.find((r) => r.role === 'source')!;
  assert.equal(source.latency_status, 'measured');
  assert.ok(Number(source.latency_median_ms) > 0);

  for (const imp of imports) {
    const r = row(imp.model);
    // the tracking CSV points at the batch rows, without latency figures
    assert.equal(r.latency_status, 'batch', imp.model);
    assert.equal(r.latency_median_ms, null, imp.model);
    assert.equal(path.resolve(ROOT, String(r.latency_results_file)), imp.resultFile);
    // step 4 judged the batch answers, not notebook 03's measured ones
    assert.equal(r.quality_status, 'judged', `${imp.model}: ${r.quality_message}`);
    const judged = readQualityResults(path.resolve(ROOT, String(r.quality_results_file)));
    assert.deepEqual(
      judged.map((q) => q.response),
      imp.rows.map((x) => x.model_response),
      imp.model,
    );
    // step 5: no latency verdict, no rank on latency it does not have
    assert.equal(r.latency_verdict, 'not measured (batch inference)', imp.model);
    assert.equal(r.latency_p_holm, null, imp.model);
    assert.equal(r.rank, null, imp.model);
    assert.match(String(r.recommendation), /latency not measured — batch inference/, imp.model);
    assert.doesNotMatch(String(r.recommendation), /median latency/, imp.model);
  }
  // cost at the batch price where the catalogue has one; unknown (empty, never 0) where it has none
  const haikuRows = readLatencyResults(imports.find((i) => i.model === HAIKU)!.resultFile);
  const haikuTokens = haikuRows.reduce((a, x) => ({ i: a.i + (x.model_input_tokens ?? 0), o: a.o + (x.model_output_tokens ?? 0) }), {
    i: 0,
    o: 0,
  });
  // Claude Haiku 4.5 batch: $0.50 / $2.50 per 1M tokens
  const expected = ((haikuTokens.i * 0.0005 + haikuTokens.o * 0.0025) / 1000 / haikuRows.length) * 1000;
  assert.ok(
    Math.abs(Number(row(HAIKU).cost_per_1k_requests_usd) - expected) < 1e-3,
    `${row(HAIKU).cost_per_1k_requests_usd} vs ${expected}`,
  );
  assert.equal(row(GPT_OSS).cost_per_1k_requests_usd, null);
  assert.equal(row(GPT_OSS).monthly_cost_usd, null);

  // What notebook 05 printed, and the report: batch named, emulated offline, latency not measured, cost unknown where it is.
  const printed = outputText(path.join(env.WORKSHOP_EXECUTED_DIR, '05_compare.ipynb'));
  const report = readFileSync(path.join(env.WORKSHOP_OUTPUTS_DIR, 'report.html'), 'utf8');
  for (const text of [printed, report]) {
    assert.match(text, /came from Bedrock batch inference \(EMULATED offline by the local endpoint\)/);
    assert.match(text, /not measured — batch inference/);
    assert.match(text, /batch price unknown/);
    assert.doesNotMatch(text, /\$0\.00/);
  }
  // no latency verdict of "not enough data" or "?" in place of the figure batch does not have
  assert.doesNotMatch(printed, /not enough data/);
  const recommendation = report.slice(report.indexOf('<h2>Recommendation</h2>'), report.indexOf('<h2>What the data cannot tell</h2>'));
  assert.match(recommendation, /batch inference/);
  // Every candidate unranked (latency unknown): the pick is said to rest on the primary metric alone, and is the largest difference.
  assert.match(recommendation, /Picked on judge_overall alone \(the largest paired difference\)/);
  const nonInferior = rows.filter((r) => r.role === 'candidate' && String(r.non_inferior_quality) === 'true');
  assert.ok(nonInferior.length > 0, JSON.stringify(rows.map((r) => r.non_inferior_quality)));
  const recommended = rows.filter((r) => /^recommended/.test(String(r.recommendation)));
  assert.equal(recommended.length, 1);
  assert.equal(Number(recommended[0].quality_diff), Math.max(...nonInferior.map((r) => Number(r.quality_diff))));
  if (process.env.CI || spawnSync('chromium', ['--version']).status === 0) {
    // Every chart of the report rendered: the five of step 5, and the prompt variants' when a candidate has both variants.
    const charts = (report.match(/<div class="chart" /g) ?? []).length;
    assert.ok(charts >= 5, `${charts} charts in the report`);
    assert.match(printed, new RegExp(`Browser check: ${charts}/${charts} charts rendered, 0 page error\\(s\\)`));
  }
});

test('bad input: useBatchResults refuses an import with no successful record, saying what, where and the fix', async () => {
  const { s: session } = await openScratchSession('batch-empty', { WORKSHOP_CANDIDATE_MODELS: 'us.amazon.nova-2-lite-v1:0' });
  try {
    const docs = (await loadDataset(session.config)).rows.slice(0, 2);
    const [, job] = prepareBatchJobs(session, docs, { env: {} });
    const run = await runEmulatedBatch(session, job);
    const imported = importBatchOutput(session, job, run);
    const failed: BatchImport = {
      ...imported,
      rows: imported.rows.map((r) => ({ ...r, status: 'error', model_response: '', error_type: 'BatchRecordMissing' })),
      success: 0,
      errors: imported.rows.length,
    };
    const before = JSON.stringify(session.tracking.rows);
    assert.throws(
      () => useBatchResults(session, failed),
      /us\.amazon\.nova-2-lite-v1:0 has no successful record .*latency_.*_batch-emulated-.*\.csv.*Fix: /s,
    );
    assert.equal(JSON.stringify(session.tracking.rows), before, 'the tracking table is left as it was');
  } finally {
    await session.close();
  }
});
