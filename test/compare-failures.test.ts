/**
 * Failures are not hidden in step 5: per model, how many calls (step 3) and judgements
 * (step 4) failed and with which errors; why a candidate has no verdict, with the paired
 * items counted as they are ("1 paired item; the test needs at least 2"); and no candidate
 * left out of the verdict lists. The end-to-end part runs the whole workshop under injected
 * faults with one attempt per call, and checks the executed notebook and the report against
 * the result files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { allModels } from '../src/core/config';
import { parseCsv } from '../src/core/csv';
import { loadDataset } from '../src/core/dataset';
import { loadRubrics } from '../src/core/judge/rubrics';
import { readLatencyResults, readQualityResults } from '../src/results';
import { compareModels, comparisonTable, failedColumn, noVerdictReason, recommendationFor } from '../src/steps/compare/decision';
import { failureSummary } from '../src/steps/compare/evidence';
import { benchmarkModel } from '../src/steps/latency/benchmark';
import { recordLatency, summarizeModel } from '../src/steps/latency/summary';
import { runQuality } from '../src/steps/quality/run';
import { recordQuality, summarizeQuality } from '../src/steps/quality/summary';
import { readNotebook } from '../src/workshop/notebook';
import { openScratchSession } from './helpers/scratch-session';
import { runSteps3And4 } from './helpers/steps-3-4';

const ROOT = path.resolve(__dirname, '..');

test('one paired item: counted as one, and the reason says the test needs at least 2 — in the verdict list, the table and the tracking sentence', async () => {
  const { s } = await openScratchSession('one-pair', { WORKSHOP_CANDIDATE_MODELS: 'amazon.nova-lite-v1:0,amazon.nova-micro-v1:0' });
  try {
    const docs = (await loadDataset(s.config)).rows;
    const [source, lite, micro] = allModels(s.config);
    // The source and Nova Lite answer three documents, Nova Micro only the first: one item in common with the source.
    const results = [
      await benchmarkModel(s, source, docs.slice(0, 3), { print: () => {} }),
      await benchmarkModel(s, lite, docs.slice(0, 3), { print: () => {} }),
      await benchmarkModel(s, micro, docs.slice(0, 1), { print: () => {} }),
    ];
    recordLatency(
      s,
      results,
      results.map((r) => summarizeModel(r)),
    );
    const rubrics = loadRubrics();
    const quality = await runQuality(s, { print: () => {}, rubrics });
    recordQuality(
      s,
      quality,
      quality.map((q) => summarizeQuality(q, rubrics)),
    );
    const c = compareModels(s);
    const m = c.models.find((x) => x.model === micro.modelId)!;
    assert.equal(m.primary?.n, 1);
    assert.match(noVerdictReason(m, c.models, c.primaryMetric)!, /^1 paired item \(.*\); the test needs at least 2$/);
    assert.doesNotMatch(recommendationFor(m, c), /no paired items/);
    assert.match(recommendationFor(m, c), /could not be compared with the source: 1 paired item .*the test needs at least 2/);
    assert.equal(
      comparisonTable(c).find((r) => r.model === 'Amazon Nova Micro')!['non-inferior (Holm p)'],
      'no verdict: 1 paired item (needs 2)',
    );
    // Every candidate is in a verdict list or in the no-verdict line with its reason.
    const text = c.recommendation.join('\n');
    assert.match(text, /No verdict on judge_overall for Amazon Nova Micro \(amazon\.nova-micro-v1:0\): 1 paired item/);
    const lite3 = c.models.find((x) => x.model === lite.modelId)!;
    assert.equal(lite3.primary?.n, 3);
    assert.equal(noVerdictReason(lite3, c.models, c.primaryMetric), null);
    assert.ok(
      /Recommended: Amazon Nova Lite|Also non-inferior on judge_overall: .*Amazon Nova Lite|Not shown to be as good as the source on judge_overall: .*Amazon Nova Lite/.test(
        text,
      ),
      text,
    );
  } finally {
    await s.close();
  }
});

test('failed calls and judgements, counted per model from the result files, in the table, the caveats and the no-verdict reasons', async () => {
  const { s } = await openScratchSession('failures', {
    WORKSHOP_CANDIDATE_MODELS: 'amazon.nova-lite-v1:0',
    LOCAL_BEDROCK_SERVER_ERROR_RATE: '0.3',
    LOCAL_BEDROCK_THROTTLING_RATE: '0.1',
    BENCHMARK_RETRY_ATTEMPTS: '1',
  });
  try {
    const docs = (await loadDataset(s.config)).rows;
    await runSteps3And4(s, docs);
    const c = compareModels(s);
    const table = comparisonTable(c);
    let anyFailure = false;
    for (const [i, m] of c.models.entries()) {
      const row = s.tracking.rows.find((r) => r.model === m.model)!;
      const step3 = readLatencyResults(path.resolve(ROOT, String(row.latency_results_file)));
      const step4 = readQualityResults(path.resolve(ROOT, String(row.quality_results_file)));
      const failed3 = step3.filter((r) => r.status === 'error').length;
      const asked = step4.filter((r) => r.judge_status !== 'skipped').length;
      const failed4 = step4.filter((r) => r.judge_status === 'error' || r.judge_status === 'unparseable').length;
      assert.equal(
        table[i][failedColumn()],
        failed3 === 0 && failed4 === 0 ? 'none' : `${failed3} of ${step3.length} · ${asked ? `${failed4} of ${asked}` : '—'}`,
      );
      const summary = failureSummary(m.evidence);
      if (failed3 || failed4) {
        anyFailure = true;
        if (failed3)
          assert.match(
            summary!,
            new RegExp(
              `step 3: ${failed3} of ${step3.length} calls failed \\((ThrottlingException|InternalServerException|ServiceUnavailableException) ×\\d`,
            ),
          );
        if (failed4) assert.match(summary!, new RegExp(`step 4: ${failed4} of ${asked} judgements failed \\(`));
        assert.ok(
          c.caveats.some((x) => x.startsWith('Failures for ') && x.includes(summary!)),
          c.caveats.join('\n'),
        );
      } else assert.equal(summary, null);
    }
    assert.ok(anyFailure, 'with 40% faults and one attempt, some calls fail');
  } finally {
    await s.close();
  }
});

test("end to end under faults (one attempt per call): the executed step-5 notebook and the report state each model's failed calls and judgements, and why a candidate has no verdict", async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'failures-e2e-'));
  const env = {
    ...process.env,
    LOCAL_BEDROCK_LATENCY_SCALE: '0',
    WORKSHOP_CHART_IMAGES: '0',
    LOCAL_BEDROCK_SERVER_ERROR_RATE: '0.35',
    LOCAL_BEDROCK_THROTTLING_RATE: '0.15',
    BENCHMARK_RETRY_ATTEMPTS: '1',
    WORKSHOP_CANDIDATE_MODELS: 'anthropic.claude-haiku-4-5-20251001-v1:0,us.amazon.nova-2-lite-v1:0',
    WORKSHOP_OPTION_DOCUMENTS: '0',
    WORKSHOP_TRACKING_FILE: path.join(scratch, 'evaluation_tracking.csv'),
    WORKSHOP_OUTPUTS_DIR: path.join(scratch, 'outputs'),
    WORKSHOP_EXECUTED_DIR: path.join(scratch, 'executed'),
  };
  const r = await promisify(execFile)(process.execPath, [path.join(ROOT, 'dist', 'bin', 'workshop.js')], {
    env,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    (x) => ({ code: 0, out: x.stdout + x.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
  assert.equal(r.code, 0, r.out);
  const rows = parseCsv(readFileSync(env.WORKSHOP_TRACKING_FILE, 'utf8')).rows.filter((x) => x.role !== 'judge');
  const notebook = JSON.stringify(readNotebook(path.join(scratch, 'executed', '05_compare.ipynb')));
  const report = readFileSync(path.join(scratch, 'outputs', 'report.html'), 'utf8');
  // The report's text, as a reader sees it (tags removed, entities decoded).
  const reportText = report
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  let failures = 0;
  for (const row of rows) {
    const step3 = readLatencyResults(path.resolve(ROOT, String(row.latency_results_file)));
    const step4 = readQualityResults(path.resolve(ROOT, String(row.quality_results_file)));
    const failed3 = step3.filter((x) => x.status === 'error').length;
    const asked = step4.filter((x) => x.judge_status !== 'skipped').length;
    const failed4 = step4.filter((x) => x.judge_status === 'error' || x.judge_status === 'unparseable').length;
    failures += failed3 + failed4;
    const said3 = `step 3: ${failed3} of ${step3.length} calls failed`;
    const said4 = `step 4: ${failed4} of ${asked} judgements failed`;
    for (const [where, text] of [
      ['notebook 05', notebook],
      ['report', reportText],
    ]) {
      if (failed3) assert.ok(text.includes(said3), `${where} says "${said3}" for ${row.model}`);
      if (failed4) assert.ok(text.includes(said4), `${where} says "${said4}" for ${row.model}`);
    }
    // A candidate without a verdict: the tracking sentence says why, counting the paired items as they are.
    if (row.role === 'candidate' && row.non_inferior_quality === null) {
      assert.match(String(row.recommendation), /could not be compared with the source: .+|^not evaluated — .+/, String(row.model));
      assert.doesNotMatch(String(row.recommendation), /no paired items/);
      const judgedIds = (rs: typeof step4) => new Set(rs.filter((x) => x.judge_status === 'judged').map((x) => x.document_id));
      const source = rows.find((x) => x.role === 'source')!;
      const sourceJudged = judgedIds(readQualityResults(path.resolve(ROOT, String(source.quality_results_file))));
      const paired = [...judgedIds(step4)].filter((id) => sourceJudged.has(id)).length;
      if (paired < 2 && paired > 0 && String(row.recommendation).includes('paired item'))
        assert.match(String(row.recommendation), new RegExp(`${paired} paired item${paired === 1 ? '' : 's'} `));
      assert.ok(
        reportText.includes(`No verdict on judge_overall for `) && reportText.includes(String(row.model)),
        `the report names ${row.model} without a verdict`,
      );
    }
  }
  assert.ok(failures > 0, 'the injected faults left failures to report');
  // The per-model counts are in the side-by-side table (notebook and report), not only in the collapsed tracking table.
  assert.match(notebook, /failed: calls · judgements/);
  assert.match(report, /<th[^>]*>failed: calls · judgements<\/th>[\s\S]*<h2>Charts/);
});
