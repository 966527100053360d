import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as pl from 'nodejs-polars';
import { allModels } from '../src/core/config';
import { loadDataset } from '../src/core/dataset';
import { benchmarkModel, runLatencyBenchmark } from '../src/steps/latency/benchmark';
import { LATENCY_RESULT_COLUMNS, workKey } from '../src/results/latency-rows';
import { latencySummaryTable, recordLatency, summarizeModel } from '../src/steps/latency/summary';
import { summarize } from '../src/core/stats';
import { upsertModelRow } from '../src/core/tracking';
import { openScratchSession } from './helpers/scratch-session';
import { measureId, type MeasureCall } from '../src/core/bedrock';
import { harnessRounds } from '../bench/latency-harness';
import { notebookMeasure } from '../bench/notebook-measure';

const LITE = 'amazon.nova-lite-v1:0';

async function session(env: Record<string, string> = {}) {
  const { s, dir } = await openScratchSession('latency', {
    WORKSHOP_CANDIDATE_MODELS: LITE,
    BENCHMARK_INVOCATIONS_PER_SCENARIO: '2',
    BENCHMARK_NUM_PARALLEL_CALLS: '4',
    ...env,
  });
  const docs = (await loadDataset(s.config)).rows.slice(0, 3);
  const lite = allModels(s.config).find((m) => m.modelId === LITE)!;
  return { s, dir, docs, lite };
}

const quiet = { print: () => {} };

test('a run measures every (document, experiment, invocation) once and writes CSV, log and summary', async () => {
  const { s, dir, docs, lite } = await session();
  try {
    const r = await benchmarkModel(s, lite, docs, quiet);
    assert.equal(r.status, 'measured');
    assert.equal(r.rows.length, 6); // 3 documents × 2 invocations
    assert.equal(new Set(r.rows.map(workKey)).size, 6);
    assert.ok(r.rows.every((row) => row.status === 'success' && row.backend === 'local' && row.streaming === true));
    assert.ok(r.rows.every((row) => row.time_to_first_token_ms !== null && row.model_latencyMs !== null && row.cost_usd! > 0));
    assert.match(path.basename(r.resultFile!), /^latency_document_summarization_amazon\.nova-lite-v1-0_run-[0-9a-f]{10}\.csv$/);
    const csv = pl.readCSV(readFileSync(r.resultFile!, 'utf8'), { inferSchemaLength: 0 });
    assert.deepEqual(csv.columns, LATENCY_RESULT_COLUMNS);
    assert.equal(csv.height, 6);
    assert.ok(
      csv
        .getColumn('model_response')
        .toArray()
        .every((t) => String(t).length > 20),
    );
    assert.match(path.basename(r.logFile!), /^model_latency_benchmarking_amazon\.nova-lite-v1-0_\d{8}_\d{6}\.log$/);
    assert.equal((readFileSync(r.logFile!, 'utf8').match(/attempt 1\/3: success/g) ?? []).length, 6);

    const summary = summarizeModel(r);
    const direct = summarize(r.rows.map((row) => row.latency_ms));
    assert.equal(summary.latency.median, direct.median);
    assert.equal(summary.latency.p90, direct.p90);
    assert.equal(summary.successRate, 1);
    assert.ok(summary.medianCi.lower! <= direct.median! && summary.medianCi.upper! >= direct.median!);
    const [table] = latencySummaryTable([summary]);
    assert.equal(table.n, 6);
    assert.equal(table.success, '100%');
    recordLatency(s, [r], [summary]);
    const row = s.tracking.rows.find((x) => x.model === LITE)!;
    assert.equal(row.latency_status, 'measured');
    assert.equal(row.latency_median_ms, Number(direct.median!.toFixed(1)));
    assert.ok(String(row.latency_results_file).endsWith('.csv'));
    assert.ok(dir.length > 0);
  } finally {
    await s.close();
  }
});

test('an interrupted run resumes: only missing calls are made, no duplicate, no gap', async () => {
  const { s, dir, docs, lite } = await session();
  try {
    const first = await benchmarkModel(s, lite, docs, quiet);
    // Simulate a crash after 2 calls: keep the run header and 2 complete rows, and a half-written third.
    const ckpt = path.join(dir, 'outputs', 'checkpoints', 'latency_amazon.nova-lite-v1-0.jsonl');
    const lines = readFileSync(ckpt, 'utf8').split('\n').filter(Boolean);
    writeFileSync(ckpt, `${lines.slice(0, 3).join('\n')}\n${lines[3].slice(0, 40)}`);
    const before = s.backend.local!.stats.requests;
    const resumed = await benchmarkModel(s, lite, docs, quiet);
    assert.equal(s.backend.local!.stats.requests - before, 4); // 6 planned − 2 done
    assert.equal(resumed.resumed, 2);
    assert.equal(resumed.rows.length, 6);
    assert.equal(new Set(resumed.rows.map(workKey)).size, 6);
    assert.deepEqual(resumed.rows.map(workKey), first.rows.map(workKey));
    assert.equal(resumed.resultFile, first.resultFile); // same run, same file
    // A re-run with nothing left makes no call; a fresh run redoes everything.
    const again = s.backend.local!.stats.requests;
    await benchmarkModel(s, lite, docs, quiet);
    assert.equal(s.backend.local!.stats.requests, again);
    const fresh = await benchmarkModel(s, lite, docs, { ...quiet, fresh: true });
    assert.equal(s.backend.local!.stats.requests - again, 6);
    assert.equal(fresh.resumed, 0);
    appendFileSync(ckpt, ''); // still a readable checkpoint
  } finally {
    await s.close();
  }
});

test("the checkpoint keeps a row without the dataset's texts; a resume puts them back, and reads an older checkpoint's full rows too", async () => {
  const { s, dir, docs, lite } = await session();
  try {
    const first = await benchmarkModel(s, lite, docs, quiet);
    const ckpt = path.join(dir, 'outputs', 'checkpoints', 'latency_amazon.nova-lite-v1-0.jsonl');
    const lines = readFileSync(ckpt, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; row?: Record<string, unknown> });
    const rows = lines.filter((l) => l.type === 'row');
    assert.equal(rows.length, 6);
    for (const l of rows) {
      for (const key of ['document', 'referenceResponse', 'label']) assert.ok(!(key in l.row!), key);
      assert.equal(typeof l.row!.model_response, 'string');
    }
    // Resumed from those lines: the same rows as measured, texts included.
    const resumed = await benchmarkModel(s, lite, docs, quiet);
    assert.deepEqual([resumed.resumed, resumed.made], [6, 0]);
    assert.deepEqual(resumed.rows, first.rows);
    assert.deepEqual(
      resumed.rows.map((r) => r.document),
      docs.flatMap((d) => [d.document, d.document]),
    );
    // A checkpoint written before rows were kept this way (full rows) resumes the same.
    const header = lines.find((l) => l.type === 'run');
    const full = first.rows.map((row, i) => JSON.stringify({ ...rows[i], row }));
    writeFileSync(ckpt, `${JSON.stringify(header)}\n${full.join('\n')}\n`);
    const fromFull = await benchmarkModel(s, lite, docs, quiet);
    assert.deepEqual([fromFull.resumed, fromFull.made], [6, 0]);
    assert.deepEqual(fromFull.rows, first.rows);
  } finally {
    await s.close();
  }
});

test('with injected throttling every call ends as a success or a recorded error, and a re-run retries only the errors', async () => {
  const { s, docs, lite } = await session({
    LOCAL_BEDROCK_THROTTLING_RATE: '0.5',
    BENCHMARK_RETRY_ATTEMPTS: '1',
    BENCHMARK_INVOCATIONS_PER_SCENARIO: '4',
  });
  try {
    const r = await benchmarkModel(s, lite, docs, quiet);
    assert.equal(r.rows.length, 12);
    const errors = r.rows.filter((x) => x.status === 'error');
    assert.ok(errors.length > 0 && errors.length < 12, `${errors.length} errors`);
    assert.ok(errors.every((x) => x.error_type === 'ThrottlingException' && /Fix:/.test(x.error_message) && x.latency_ms === null));
    const before = s.backend.local!.stats.requests;
    const rerun = await benchmarkModel(s, lite, docs, quiet);
    assert.equal(s.backend.local!.stats.requests - before, errors.length);
    assert.equal(rerun.rows.length, 12);
    assert.ok(rerun.rows.filter((x) => x.status === 'error').length < errors.length || errors.length === 0);
    const summary = summarizeModel(rerun);
    assert.equal(summary.successRate, rerun.rows.filter((x) => x.status === 'success').length / 12);
  } finally {
    await s.close();
  }
});

test('models without access are skipped with the reason; a recorded source uses the dataset', async () => {
  const { s, docs } = await session();
  try {
    upsertModelRow(s.tracking, LITE, { setup_status: 'denied', setup_message: 'AccessDeniedException' });
    const results = await runLatencyBenchmark(s, docs, { ...quiet, models: [LITE] });
    assert.equal(results[0].status, 'skipped');
    assert.match(results[0].reason, /model access is "denied".*re-run notebook 01/);
    const recorded = await benchmarkModel(
      s,
      { modelId: 'acme.legacy', role: 'source', promptTemplate: 'data/prompts/source.txt', kind: 'recorded' },
      docs.map((d, i) => ({ ...d, sourceResponse: `answer ${i}`, sourceLatencyMs: 1000 + i })),
      quiet,
    );
    assert.equal(recorded.status, 'recorded');
    assert.deepEqual(
      recorded.rows.map((r) => r.latency_ms),
      [1000, 1001, 1002],
    );
    assert.equal(summarizeModel(recorded).latency.median, 1001);
  } finally {
    await s.close();
  }
});

test('the measured call is a function the caller passes: it runs for every unit of work, and editing it is a new set-up (set aside, measured again); the same function resumes', async () => {
  const { s, docs, lite } = await session({ LOCAL_BEDROCK_THROTTLING_RATE: '0.5', BENCHMARK_RETRY_ATTEMPTS: '8' });
  try {
    // Notebook 03's own measureStream (ConverseStream, clock at send, first token at the first delta, tokens from
    // metadata), compiled from the notebook's cell; wrapped to count its attempts.
    const fromNotebook = notebookMeasure('measureStream');
    let calls = 0;
    const measureStream: MeasureCall = (client, input, signal) => {
      calls++;
      return fromNotebook(client, input, signal);
    };
    const first = await benchmarkModel(s, lite, docs, { ...quiet, measure: measureStream });
    assert.equal(first.status, 'measured');
    assert.equal(first.rows.length, 6);
    assert.ok(
      s.backend.local!.stats.faults > 0 && calls === 6 + s.backend.local!.stats.faults,
      `throttled attempts were retried around the function (${calls} attempts for 6 calls)`,
    );
    assert.ok(
      first.rows.every((r) => r.time_to_first_token_ms! > 0 && r.time_to_first_token_ms! < r.latency_ms! && r.model_input_tokens! > 0),
    );
    assert.ok(first.rows.some((r) => r.attempts > 1));
    // The same function again: everything resumed, no call.
    const before = calls;
    const again = await benchmarkModel(s, lite, docs, { ...quiet, measure: measureStream });
    assert.equal(calls, before);
    assert.deepEqual([again.resumed, again.made, again.resultFile], [6, 0, first.resultFile]);
    // An edited function (time to the first sentence): another provenance, a fresh run, a new result file.
    const measureFirstSentence: MeasureCall = async (bedrock, request, signal) => {
      const m = await measureStream(bedrock, request, signal);
      return { ...m, timeToFirstTokenMs: m.timeToFirstTokenMs === null ? null : Math.min(m.latencyMs, m.timeToFirstTokenMs + 1) };
    };
    assert.notEqual(measureId(measureFirstSentence), measureId(measureStream));
    assert.match(measureId(measureStream), /^measureStream@[0-9a-f]{12}$/);
    const lines: string[] = [];
    const edited = await benchmarkModel(s, lite, docs, { print: (l) => lines.push(l), measure: measureFirstSentence });
    assert.deepEqual([edited.resumed, edited.made, edited.setAside], [0, 6, 6]);
    assert.notEqual(edited.resultFile, first.resultFile);
    assert.notEqual(edited.rows[0].provenance_id, first.rows[0].provenance_id);
    assert.match(
      lines.join('\n'),
      /set aside 6 row\(s\) from another set-up \(measure: measureStream@[0-9a-f]{12} → measureFirstSentence@[0-9a-f]{12}\)/,
    );
    // Without a function, the library's own measurement is yet another set-up.
    const library = await benchmarkModel(s, lite, docs, quiet);
    assert.equal(library.made, 6);
  } finally {
    await s.close();
  }
});

test("notebook 03's measureConverse (streaming: false): the whole answer at once, no time to first token, tokens and Bedrock's latency from the response", async () => {
  const { s, docs, lite } = await session({ BENCHMARK_STREAMING: 'false' });
  try {
    const r = await benchmarkModel(s, lite, docs, { ...quiet, measure: notebookMeasure('measureConverse') });
    assert.equal(r.status, 'measured');
    assert.ok(r.rows.every((x) => x.streaming === false && x.time_to_first_token_ms === null));
    assert.ok(
      r.rows.every(
        (x) => x.model_response.length > 20 && x.model_input_tokens! > 0 && x.model_output_tokens! > 0 && x.model_latencyMs !== null,
      ),
    );
    assert.ok(r.rows.every((x) => x.latency_ms! > 0 && x.latency_ms! <= x.total_time_ms!));
  } finally {
    await s.close();
  }
});

test('npm run bench: the harness item runs 15 rounds, or BENCH_HARNESS_ROUNDS; a bad value is one clear error', () => {
  assert.equal(harnessRounds({}), 15);
  assert.equal(harnessRounds({ BENCH_HARNESS_ROUNDS: ' 45 ' }), 45);
  for (const bad of ['2', '4.5', 'many', '-30'])
    assert.throws(() => harnessRounds({ BENCH_HARNESS_ROUNDS: bad }), new RegExp(`BENCH_HARNESS_ROUNDS is "${bad}".*Fix: `));
});
