/**
 * Chaos tests: the whole workshop as a user runs it (`npm run workshop`), under injected
 * faults, a denied model, and a `kill -9` in the middle of steps 3 and 4. Latency scale 0
 * (or small) keeps them fast; they assert accounting, never timings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCsv, writeCsv } from '../src/core/csv';
import { readLatencyResults, readQualityResults, workKey } from '../src/results';

const ROOT = path.resolve(__dirname, '..');
const DENIED = 'us.meta.llama4-maverick-17b-instruct-v1:0'; // a default candidate, denied by the id it is called with
const DOCS = 10; // data/document_sample_10.csv, 1 invocation × 1 experiment

interface Run {
  code: number | null;
  out: string;
}

/** Run `npm run workshop -- args` (the compiled runner) in its own process group; optionally kill -9 it when `killWhen` matches the output. */
function workshop(args: string[], env: Record<string, string>, killWhen?: RegExp): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'bin', 'workshop.js'), ...args], {
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let killed = false;
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (killWhen && !killed && killWhen.test(out)) {
        killed = true;
        process.kill(-child.pid!, 'SIGKILL'); // the runner and its kernel process: like a power cut
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

function scratchEnv(extra: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'chaos-'));
  return {
    WORKSHOP_OUTPUTS_DIR: path.join(dir, 'outputs'),
    WORKSHOP_TRACKING_FILE: path.join(dir, 'evaluation_tracking.csv'),
    WORKSHOP_EXECUTED_DIR: path.join(dir, 'executed'),
    LOCAL_BEDROCK_LATENCY_SCALE: '0',
    ...extra,
  };
}

function tracking(env: Record<string, string>): Record<string, string | null>[] {
  return parseCsv(readFileSync(env.WORKSHOP_TRACKING_FILE, 'utf8')).rows;
}

function resultFile(row: Record<string, string | null>, column: string): string {
  return path.resolve(ROOT, String(row[column]));
}

test('chaos: 20% throttling, 5% server errors, 2% timeouts and a denied model — the workshop completes and every call is accounted', async (t) => {
  const env = scratchEnv({
    LOCAL_BEDROCK_THROTTLING_RATE: '0.2',
    LOCAL_BEDROCK_SERVER_ERROR_RATE: '0.05',
    LOCAL_BEDROCK_TIMEOUT_RATE: '0.02',
    LOCAL_BEDROCK_DENIED_MODELS: DENIED,
  });
  const r = await workshop([], env);
  assert.equal(r.code, 0, r.out);
  const rows = tracking(env);
  const models = rows.filter((x) => x.role === 'source' || x.role === 'candidate');
  assert.equal(models.length, 6); // the source and five candidates

  // The denied model is reported as denied in every step, and never ranked.
  const denied = rows.find((x) => x.model === DENIED)!;
  assert.equal(denied.setup_status, 'denied');
  assert.equal(denied.latency_status, 'skipped');
  assert.match(String(denied.latency_message), /model access is "denied" in step 1/);
  assert.equal(denied.quality_status, 'skipped');
  assert.equal(denied.rank, null);
  assert.match(String(denied.recommendation), /^not evaluated — /);

  // Every call of every callable model: one row per unit of work, none lost, none duplicated,
  // each a success or an error with its type and message; every attempt logged once.
  const totals = { units: 0, successes: 0, errors: 0, attempts: 0, judged: 0, judgeRows: 0 };
  for (const m of models.filter((x) => x.model !== DENIED)) {
    assert.notEqual(m.setup_status, 'denied', `${m.model}: a transient error is not a lack of access`);
    const step3 = readLatencyResults(resultFile(m, 'latency_results_file'));
    totals.units += step3.length;
    totals.successes += step3.filter((x) => x.status === 'success').length;
    totals.errors += step3.filter((x) => x.status === 'error').length;
    totals.attempts += step3.reduce((a, row) => a + row.attempts, 0);
    assert.equal(step3.length, DOCS, `${m.model}: step-3 rows`);
    assert.equal(new Set(step3.map(workKey)).size, DOCS, `${m.model}: no duplicate`);
    for (const row of step3) {
      assert.ok(
        row.status === 'success' || (row.status === 'error' && row.error_type && row.error_message),
        `${m.model}: ${JSON.stringify(row).slice(0, 200)}`,
      );
    }
    const log = readFileSync(resultFile(m, 'latency_log_file'), 'utf8');
    const attemptLines = (log.match(/ attempt \d+\/\d+: /g) ?? []).length;
    assert.equal(
      attemptLines,
      step3.reduce((a, row) => a + row.attempts, 0),
      `${m.model}: every attempt in the log`,
    );
    assert.match(String(m.latency_status), /^(measured|partial)$/);
    const step4 = readQualityResults(resultFile(m, 'quality_results_file'));
    assert.equal(step4.length, DOCS, `${m.model}: one judgement row per answer`);
    assert.equal(new Set(step4.map((q) => `${q.document_id}|${q.judge_model}`)).size, DOCS);
    totals.judgeRows += step4.length;
    totals.judged += step4.filter((q) => q.judge_status === 'judged').length;
  }
  // The figures of the README's reliability table (seeded run; printed with the test's diagnostics).
  t.diagnostic(
    `step 3: ${totals.units} units of work, ${totals.successes} successes, ${totals.errors} recorded errors, ${totals.attempts} attempts, 0 lost, 0 duplicated; step 4: ${totals.judged}/${totals.judgeRows} judged`,
  );
  assert.ok(existsSync(path.join(env.WORKSHOP_OUTPUTS_DIR, 'report.html')), 'the report is written');
  const report = readFileSync(path.join(env.WORKSHOP_OUTPUTS_DIR, 'report.html'), 'utf8');
  // The caveat names the model by its catalogue name with its id: "Llama 3.1 8B Instruct (meta.llama3-1-8b-instruct-v1:0): step 3 …".
  assert.match(report, new RegExp(`\\(${DENIED.replace(/[.]/g, '\\.')}\\): step 3 \\(latency\\)`));
});

test('nothing succeeded: with every call failing, step 3 stops the run with a non-zero exit and the reasons', async () => {
  const env = scratchEnv({ LOCAL_BEDROCK_SERVER_ERROR_RATE: '1', BENCHMARK_RETRY_ATTEMPTS: '1' });
  const r = await workshop(['01', '02', '03'], env);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /01_setup\s+ok/);
  assert.match(
    r.out,
    /Step 3 produced no usable result for any model:\n- us\.anthropic\.claude-sonnet-4-5-20250929-v1:0: failed — 10 of 10 calls failed \((InternalServerException|ServiceUnavailableException)/,
  );
  assert.match(r.out, /Fix: look at the reasons above/);
  const rows = tracking(env);
  assert.ok(
    rows.filter((x) => x.role !== 'judge').every((x) => x.setup_status === 'unavailable' && x.latency_status === 'failed'),
    JSON.stringify(rows.map((x) => [x.setup_status, x.latency_status])),
  );
});

test('kill -9 in the middle of step 3, then of step 4: the re-runs resume with exact row counts and no duplicate', async () => {
  const env = scratchEnv({ LOCAL_BEDROCK_LATENCY_SCALE: '0.05', BENCHMARK_NUM_PARALLEL_CALLS: '2' });
  assert.equal((await workshop(['01', '02'], env)).code, 0);

  // Step 3: killed once the second model has started (some rows checkpointed, some not).
  const killed3 = await workshop(['03'], env, /anthropic\.claude-haiku-4-5-20251001-v1:0: [1-9]\/10/);
  assert.notEqual(killed3.code, 0);
  const resumed3 = await workshop(['03'], env);
  assert.equal(resumed3.code, 0, resumed3.out);
  assert.match(resumed3.out, /resumed [1-9]/, 'the re-run reused checkpointed calls');
  for (const m of tracking(env).filter((x) => x.role !== 'judge')) {
    const rows = readLatencyResults(resultFile(m, 'latency_results_file'));
    assert.equal(rows.length, DOCS, `${m.model}: step-3 rows after resume`);
    assert.equal(new Set(rows.map(workKey)).size, DOCS, `${m.model}: no duplicate`);
  }

  // Step 4: killed while judging the second model.
  const killed4 = await workshop(['04'], env, /judging anthropic\.claude-haiku-4-5-20251001-v1:0: [1-9]\/10/);
  assert.notEqual(killed4.code, 0);
  const resumed4 = await workshop(['04'], env);
  assert.equal(resumed4.code, 0, resumed4.out);
  assert.match(resumed4.out, /judging us\.anthropic\.claude-sonnet-4-5-20250929-v1:0: 10\/10 .*resumed 10/);
  for (const m of tracking(env).filter((x) => x.role !== 'judge')) {
    const rows = readQualityResults(resultFile(m, 'quality_results_file'));
    assert.equal(rows.length, DOCS, `${m.model}: step-4 rows after resume`);
    assert.equal(new Set(rows.map((q) => q.document_id)).size, DOCS, `${m.model}: no duplicate`);
  }
});

test('a second run with another backend set-up, streaming setting or dataset re-measures and overwrites no earlier result file', async () => {
  const env = scratchEnv();
  assert.equal((await workshop(['01', '02', '03'], env)).code, 0);
  const first = readdirSync(env.WORKSHOP_OUTPUTS_DIR).filter((f) => f.startsWith('latency_'));
  const firstText = new Map(first.map((f) => [f, readFileSync(path.join(env.WORKSHOP_OUTPUTS_DIR, f), 'utf8')]));

  // Non-streaming: every call made again (nothing "resumed"), into new files.
  const nonStreaming = await workshop(['03'], { ...env, BENCHMARK_STREAMING: 'false' });
  assert.equal(nonStreaming.code, 0, nonStreaming.out);
  assert.doesNotMatch(nonStreaming.out, /resumed \d/);
  // Notebook 03 then measures with its Converse function instead of its ConverseStream one: both changes are named.
  assert.match(
    nonStreaming.out,
    /set aside 10 row\(s\) from another set-up \(measure: measureStream@[0-9a-f]{12} → measureConverse@[0-9a-f]{12}; streaming: true → false\)/,
  );
  const rows = tracking(env).filter((x) => x.role !== 'judge');
  for (const m of rows)
    assert.ok(readLatencyResults(resultFile(m, 'latency_results_file')).every((x) => x.streaming === false && x.status === 'success'));

  // Another dataset (three of the documents): a new run, new files; the earlier ones stay as they were.
  const sample = parseCsv(readFileSync(path.join(ROOT, 'data', 'document_sample_10.csv'), 'utf8'));
  const dataset = path.join(path.dirname(env.WORKSHOP_TRACKING_FILE), 'three_docs.csv');
  writeCsv(dataset, sample.columns, sample.rows.slice(0, 3));
  const other = await workshop(['01', '03'], { ...env, WORKSHOP_DATASET: dataset, BENCHMARK_STREAMING: 'false' });
  assert.equal(other.code, 0, other.out);
  const after = readdirSync(env.WORKSHOP_OUTPUTS_DIR).filter((f) => f.startsWith('latency_'));
  assert.equal(after.length, first.length * 3, 'one new result file per model and set-up');
  for (const [f, text] of firstText)
    assert.equal(readFileSync(path.join(env.WORKSHOP_OUTPUTS_DIR, f), 'utf8'), text, `${f} was not overwritten`);
});
