/**
 * Step 3's latency benchmark: every callable model on every document, `invocations ×
 * experiments` times, with `num_parallel_calls` requests in flight.
 *
 * Trustworthy by construction:
 * 1. the clock starts when a request is handed to the SDK (inside `converse*`), never while
 *    it waits for a free slot in our own queue (p-limit);
 * 2. an event-loop monitor flags runs where this process itself was the bottleneck;
 * 3. every call ends as a row — success or recorded error — and every row is appended to a
 *    checkpoint the moment it ends, so an interrupted run resumes with no duplicate and no
 *    gap, and a re-run does not pay again for work already done;
 * 4. every call, retry and error goes to a per-model log file.
 */
import path from 'node:path';
import pLimit from 'p-limit';
import * as pl from 'nodejs-polars';
import { callCostUsd, findModel } from '../../core/catalog';
import { converse, converseStream, sleep, type CallRecord } from '../../core/bedrock';
import { allModels, type ModelSetting } from '../../core/config';
import { documentId, type DatasetRow } from '../../core/dataset';
import { writeFileAtomic } from '../../core/files';
import { closeLogger, createRunLogger, fileTimestamp, safeFileName } from '../../core/logging';
import { displayPath, repoPath } from '../../core/paths';
import { loadTemplate, renderTemplate } from '../../core/prompts';
import type { WorkshopSession } from '../../runs/session';
import { Checkpoint } from '../../runs/checkpoint';
import { EventLoopMonitor, type EventLoopReport } from '../../runs/event-loop';
import { Progress, printProgress } from '../../runs/progress';
import { LATENCY_RESULT_COLUMNS, workKey, type LatencyResultRow } from '../../results/latency-rows';

export interface ModelBenchmark {
  model: string;
  role: 'source' | 'candidate';
  status: 'measured' | 'recorded' | 'skipped';
  reason: string;
  rows: LatencyResultRow[];
  resultFile: string | null;
  logFile: string | null;
  /** Calls found done in the checkpoint and not repeated. */
  resumed: number;
  eventLoop: EventLoopReport | null;
}

export interface BenchmarkOptions {
  /** Forget earlier results and measure everything again. */
  fresh?: boolean;
  /** Only these models (default: every configured model). */
  models?: string[];
  print?: (line: string) => void;
  /** Progress lines at most this often, ms. */
  progressEveryMs?: number;
}

function outputsDir(session: WorkshopSession): string {
  return repoPath(session.config.paths.outputs);
}

/** Rows of an outside source model, from the dataset's recorded answers and latencies. */
function recordedRows(session: WorkshopSession, setting: ModelSetting, docs: DatasetRow[], runId: string): LatencyResultRow[] {
  return docs.map((d) => ({
    run_id: runId, model: setting.modelId, role: setting.role, region: '', inference_profile: '', backend: 'recorded',
    document_index: d.index, document_id: documentId(d.document), experiment: 1, invocation: 1,
    document: d.document, referenceResponse: d.reference ?? '', model_response: d.sourceResponse ?? '',
    latency: d.sourceLatencyMs === null ? null : d.sourceLatencyMs / 1000, latency_ms: d.sourceLatencyMs, model_latencyMs: null,
    time_to_first_token_ms: null, output_tokens_per_second: null, total_time_ms: d.sourceLatencyMs, attempts: 0,
    model_input_tokens: null, model_output_tokens: null, stop_reason: '', status: d.sourceResponse === null ? 'error' : 'recorded',
    error_type: d.sourceResponse === null ? 'MissingRecordedAnswer' : '', error_message: d.sourceResponse === null ? `row ${d.index} has no recorded answer` : '',
    cost_usd: null, streaming: false, timestamp: '',
  }));
}

function toRow(session: WorkshopSession, setting: ModelSetting, doc: DatasetRow, experiment: number, invocation: number, record: CallRecord, runId: string): LatencyResultRow {
  const entry = findModel(session.catalog, setting.modelId);
  const profile = session.tracking.rows.find((r) => r.model === setting.modelId)?.inference_profile;
  return {
    run_id: runId, model: setting.modelId, role: setting.role, region: session.config.region,
    inference_profile: typeof profile === 'string' ? profile : '', backend: session.backend.kind,
    document_index: doc.index, document_id: documentId(doc.document), experiment, invocation,
    document: doc.document, referenceResponse: doc.reference ?? '', model_response: record.responseText,
    latency: record.latencyMs === null ? null : record.latencyMs / 1000, latency_ms: record.latencyMs,
    model_latencyMs: record.serverLatencyMs, time_to_first_token_ms: record.timeToFirstTokenMs,
    output_tokens_per_second: record.outputTokensPerSecond, total_time_ms: record.totalTimeMs, attempts: record.attempts,
    model_input_tokens: record.inputTokens, model_output_tokens: record.outputTokens, stop_reason: record.stopReason ?? '',
    status: record.status, error_type: record.errorType ?? '', error_message: record.errorMessage ?? '',
    cost_usd: entry && record.inputTokens !== null && record.outputTokens !== null ? callCostUsd(entry, record.inputTokens, record.outputTokens) : null,
    streaming: record.streaming, timestamp: record.startedAt,
  };
}

/** Write result rows as the step-3 CSV (atomically, seed columns first). */
export function writeResultCsv(file: string, rows: LatencyResultRow[]): void {
  const records = rows.map((r) => Object.fromEntries(LATENCY_RESULT_COLUMNS.map((c) => [c, r[c] === null || r[c] === undefined ? null : String(r[c])])));
  const frame = pl.DataFrame(records.length ? records : [], { schema: Object.fromEntries(LATENCY_RESULT_COLUMNS.map((c) => [c, pl.Utf8])) });
  writeFileAtomic(file, records.length ? String(frame.writeCSV()) : `${LATENCY_RESULT_COLUMNS.join(',')}\n`);
}

/** Benchmark one model (resuming from its checkpoint). */
export async function benchmarkModel(session: WorkshopSession, setting: ModelSetting, docs: DatasetRow[], options: BenchmarkOptions = {}): Promise<ModelBenchmark> {
  const print = options.print ?? printProgress;
  const base = { model: setting.modelId, role: setting.role };
  const out = outputsDir(session);
  const task = safeFileName(session.config.task);

  // Step 1: models that cannot be called are skipped, saying why; recorded ones are read.
  const trackingRow = session.tracking.rows.find((r) => r.model === setting.modelId);
  if (setting.kind === 'recorded') {
    const rows = recordedRows(session, setting, docs, 'recorded');
    const file = path.join(out, `${task}_${safeFileName(setting.modelId)}_recorded.csv`);
    writeResultCsv(file, rows);
    return { ...base, status: 'recorded', reason: 'latencies recorded in the dataset', rows, resultFile: file, logFile: null, resumed: 0, eventLoop: null };
  }
  const access = trackingRow?.setup_status;
  if (access === 'denied' || access === 'error') {
    return { ...base, status: 'skipped', reason: `model access is "${access}" in step 1 (${trackingRow?.setup_message ?? ''}) — fix it and re-run notebook 01`, rows: [], resultFile: null, logFile: null, resumed: 0, eventLoop: null };
  }

  // Step 2: the work to do, minus what the checkpoint says is done.
  const b = session.config.benchmark;
  const checkpoint = new Checkpoint<LatencyResultRow>(path.join(out, 'checkpoints', `latency_${safeFileName(setting.modelId)}.jsonl`));
  if (options.fresh) checkpoint.clear();
  const previous = checkpoint.read().rows;
  const runId = previous[0]?.run_id ?? fileTimestamp();
  const template = loadTemplate(repoPath(setting.promptTemplate), { name: setting.promptTemplate });
  const work = docs.flatMap((doc) => {
    const id = documentId(doc.document);
    return Array.from({ length: b.experiment_counts }, (_, e) =>
      Array.from({ length: b.invocations_per_scenario }, (_, i) => ({ doc, experiment: e + 1, invocation: i + 1, key: workKey({ model: setting.modelId, document_id: id, experiment: e + 1, invocation: i + 1 }) })),
    ).flat();
  });
  const keys = new Set(work.map((w) => w.key));
  const latest = new Map<string, LatencyResultRow>();
  for (const r of previous) if (keys.has(workKey(r))) latest.set(workKey(r), r);
  const done = new Set([...latest.entries()].filter(([, r]) => r.status === 'success').map(([k]) => k));
  const todo = work.filter((w) => !done.has(w.key));

  // Step 3: run the rest with bounded concurrency; log and checkpoint every call.
  const { logger, file: logFile } = createRunLogger({ modelId: setting.modelId, logDir: path.join(out, 'logs'), timestamp: fileTimestamp() });
  logger.info(`Benchmark of ${setting.modelId} (${setting.role}) on ${session.backend.kind}: ${work.length} calls planned, ${done.size} already done (run ${runId}), ${b.num_parallel_calls} in parallel, ${b.streaming ? 'ConverseStream' : 'Converse'}`);
  const progress = new Progress({ label: setting.modelId, total: work.length, skipped: done.size, print, everyMs: options.progressEveryMs });
  if (todo.length === 0) progress.report();
  const call = b.streaming ? converseStream : converse;
  const limit = pLimit(b.num_parallel_calls);
  const monitor = new EventLoopMonitor().start();
  await Promise.all(
    todo.map((w, i) =>
      limit(async () => {
        if (b.delay_between_calls > 0 && i >= b.num_parallel_calls) await sleep(b.delay_between_calls * 1000);
        const record = await call(
          session.backend.runtime,
          { modelId: setting.modelId, prompt: renderTemplate(template, { document: w.doc.document }), maxTokens: session.config.inference.maxTokens, temperature: session.config.inference.temperature, topP: session.config.inference.topP },
          { timeoutMs: b.timeout_seconds * 1000, retry: { maxAttempts: b.retry_attempts }, logger },
        );
        const row = toRow(session, setting, w.doc, w.experiment, w.invocation, record, runId);
        checkpoint.append(row);
        latest.set(workKey(row), row);
        progress.tick(record.status === 'success');
      }),
    ),
  );
  checkpoint.close();
  const eventLoop = monitor.stop();
  logger.info(eventLoop.message);
  await closeLogger(logger);

  // Step 4: the result file — one row per unit of work, in a stable order.
  const rows = work
    .map((w) => latest.get(w.key))
    .filter((r): r is LatencyResultRow => r !== undefined);
  const resultFile = path.join(out, `${task}_${safeFileName(setting.modelId)}_${runId}.csv`);
  writeResultCsv(resultFile, rows);
  return { ...base, status: 'measured', reason: '', rows, resultFile, logFile, resumed: done.size, eventLoop };
}

/** Benchmark every configured model, one after the other. */
export async function runLatencyBenchmark(session: WorkshopSession, docs: DatasetRow[], options: BenchmarkOptions = {}): Promise<ModelBenchmark[]> {
  const results: ModelBenchmark[] = [];
  for (const setting of allModels(session.config)) {
    if (options.models && !options.models.includes(setting.modelId)) continue;
    const result = await benchmarkModel(session, setting, docs, options);
    if (result.status === 'skipped') (options.print ?? printProgress)(`${setting.modelId}: skipped — ${result.reason}`);
    results.push(result);
  }
  return results;
}

/** Paths as people read them, for notebook output. */
export function describeFiles(results: ModelBenchmark[]): { model: string; status: string; results: string; log: string; resumed: number }[] {
  return results.map((r) => ({ model: r.model, status: r.status, results: r.resultFile ? displayPath(r.resultFile) : '', log: r.logFile ? displayPath(r.logFile) : '', resumed: r.resumed }));
}

