/**
 * Step 3's latency benchmark: every callable model on every document, `invocations ×
 * experiments` times, with `num_parallel_calls` requests in flight.
 *
 * The measured call itself can be the caller's: notebook 03 defines `measureStream` (a
 * ConverseStream request with a stopwatch) and passes it as `measure`; the runner executes
 * it for every unit of work, inside the library's timeout and retries, and records its name
 * and source hash in the provenance.
 *
 * Trustworthy by construction:
 * 1. the clock starts when a request is handed to the SDK (inside the measure function),
 *    never while it waits for a free slot in our own queue (p-limit);
 * 2. an event-loop monitor flags runs where this process itself was the bottleneck;
 * 3. every call ends as a row — success or recorded error — and every row is appended to a
 *    checkpoint the moment it ends, so an interrupted run resumes with no duplicate and no
 *    gap, and a re-run does not pay again for work already done;
 * 4. every call, retry and error goes to a per-model log file.
 */
import { m } from '../../core/i18n';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { callCostUsd, findModel } from '../../core/catalog';
import { callMeasured, converse, converseStream, measureId, type MeasureCall } from '../../core/bedrock';
import { allModels, type ModelSetting } from '../../core/config';
import { documentId, type DatasetRow } from '../../core/dataset';
import { writeCsv } from '../../core/csv';
import { closeLogger, createRunLogger, fileTimestamp, safeFileName } from '../../core/logging';
import { displayPath, repoPath } from '../../core/paths';
import type { PromptTemplate } from '../../core/prompts';
import { loadTaskTemplate, taskPrompt } from '../../core/task';
import type { WorkshopSession } from '../../runs/session';
import { EventLoopMonitor, type EventLoopReport } from '../../runs/event-loop';
import { printProgress } from '../../runs/progress';
import { runResumable, type Provenance, type ResumableRunResult } from '../../runs/resumable-run';
import { LATENCY_RESULT_COLUMNS, latencyResultRowSchema, workKey, type LatencyResultRow } from '../../results/latency-rows';
import { optimizedPromptOf, setupBlockOf, type PromptVariant } from '../../results';

export interface ModelBenchmark {
  model: string;
  role: 'source' | 'candidate';
  /** The prompt it ran with: `task` (the task's template) or `optimized` (step 2's; docs/prompt-variants.md). */
  variant: PromptVariant;
  /**
   * `measured` every call succeeded · `partial` some did · `failed` none did · `recorded` an
   * outside source's dataset figures · `skipped` not called (no access), with the reason.
   */
  status: 'measured' | 'partial' | 'failed' | 'recorded' | 'skipped';
  reason: string;
  rows: LatencyResultRow[];
  resultFile: string | null;
  logFile: string | null;
  /** Calls found done in the checkpoint and not repeated. */
  resumed: number;
  /** Calls made by this run. */
  made: number;
  /** Checkpoint rows of another set-up (backend, prompt, settings…) not reused. */
  setAside: number;
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
  /**
   * The measured call, e.g. a function defined in notebook 03 (a ConverseStream call timed
   * from the request to the first text and to the end of the stream). It runs inside the
   * library's timeout and retries for every unit of work; its name and source are part of
   * the provenance, so editing it measures again instead of mixing rows. Default: the
   * library's `measureConverseStream` or `measureConverse`, as `benchmark.streaming` says.
   */
  measure?: MeasureCall;
  /**
   * Run the model with another prompt: `optimized` and the template file (step 2's optimized
   * prompt). The variant is part of the provenance, the checkpoint and the result file name,
   * so a resume never mixes the two. Default: the task variant (the model's `promptTemplate`).
   */
  variant?: { name: Exclude<PromptVariant, 'task'>; template: string };
}

function outputsDir(session: WorkshopSession): string {
  return repoPath(session.config.paths.outputs);
}

/** The dataset's texts a result row repeats: the document, its reference answer and its label. */
function datasetTexts(doc: DatasetRow): Pick<LatencyResultRow, 'document' | 'referenceResponse' | 'label'> {
  return { document: doc.document, referenceResponse: doc.reference ?? '', label: doc.label ?? '' };
}

/** Rows of an outside source model, from the dataset's recorded answers and latencies. */
function recordedRows(setting: ModelSetting, docs: DatasetRow[]): LatencyResultRow[] {
  return docs.map((d) => ({
    run_id: 'recorded',
    model: setting.modelId,
    role: setting.role,
    region: '',
    inference_profile: '',
    backend: 'recorded',
    document_index: d.index,
    document_id: documentId(d.document),
    experiment: 1,
    invocation: 1,
    ...datasetTexts(d),
    model_response: d.sourceResponse ?? '',
    latency: d.sourceLatencyMs === null ? null : d.sourceLatencyMs / 1000,
    latency_ms: d.sourceLatencyMs,
    model_latencyMs: null,
    time_to_first_token_ms: null,
    output_tokens_per_second: null,
    total_time_ms: d.sourceLatencyMs,
    attempts: 0,
    model_input_tokens: null,
    model_output_tokens: null,
    stop_reason: '',
    status: d.sourceResponse === null ? 'error' : 'recorded',
    error_type: d.sourceResponse === null ? 'MissingRecordedAnswer' : '',
    error_message: d.sourceResponse === null ? m().views.latency.recordedRow({ row: String(d.index) }) : '',
    cost_usd: null,
    streaming: false,
    timestamp: '',
    endpoint: '',
    prompt_sha: '',
    max_tokens: null,
    temperature: null,
    top_p: null,
    provenance_id: 'recorded',
    variant: 'task',
  }));
}

/** What produces a model's step-3 rows: a resume reuses only rows with the same provenance. */
export function latencyProvenance(
  session: WorkshopSession,
  setting: ModelSetting,
  template: PromptTemplate,
  variant: PromptVariant = 'task',
): Provenance {
  const inf = session.config.inference;
  return {
    step: 'latency',
    variant,
    backend: session.backend.column,
    endpoint: session.backend.identity,
    region: session.config.region,
    model: setting.modelId,
    prompt_sha: sha12(taskPrompt(session.config.taskSpec, template, '')),
    max_tokens: inf.maxTokens,
    temperature: inf.temperature,
    top_p: inf.topP ?? null,
    streaming: session.config.benchmark.streaming,
  };
}

function sha12(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

interface LatencyWork {
  doc: DatasetRow;
  /** `documentId(doc.document)`, computed once per document. */
  documentId: string;
  /** The request's prompt, built once per document (shared by its invocations). */
  prompt: string;
  experiment: number;
  invocation: number;
}

/** Write result rows as the step-3 CSV (atomically, seed columns first). */
export function writeResultCsv(file: string, rows: LatencyResultRow[]): void {
  writeCsv(file, LATENCY_RESULT_COLUMNS, rows as unknown as Record<string, unknown>[]);
}

/** Benchmark one model (resuming from its checkpoint rows of the same set-up). */
export async function benchmarkModel(
  session: WorkshopSession,
  setting: ModelSetting,
  docs: DatasetRow[],
  options: BenchmarkOptions = {},
): Promise<ModelBenchmark> {
  const print = options.print ?? printProgress;
  const variant: PromptVariant = options.variant?.name ?? 'task';
  // `…_optimized` in checkpoint and result file names: one variant's rows never land in the other's files.
  const variantTag = variant === 'task' ? '' : `_${variant}`;
  const base = { model: setting.modelId, role: setting.role, variant };
  const out = outputsDir(session);
  const task = safeFileName(session.config.task);
  const none = { rows: [], resultFile: null, logFile: null, resumed: 0, made: 0, setAside: 0, eventLoop: null };

  // 1. models that cannot be called are skipped, saying why; recorded ones are read.
  const trackingRow = session.tracking.rows.find((r) => r.model === setting.modelId);
  if (setting.kind === 'recorded') {
    const rows = recordedRows(setting, docs);
    const file = path.join(
      out,
      `latency_${task}_${safeFileName(setting.modelId)}_recorded_${sha12(docs.map((d) => documentId(d.document)).join(','))}.csv`,
    );
    writeResultCsv(file, rows);
    return { ...base, ...none, status: 'recorded', reason: m().views.latency.recorded, rows, resultFile: file };
  }
  const blocked = setupBlockOf(session.tracking, setting.modelId);
  if (blocked) {
    return {
      ...base,
      ...none,
      status: 'skipped',
      reason: m().views.latency.blocked({ status: blocked.status, message: blocked.message }),
    };
  }

  // 2. the work list and what produces its rows.
  const b = session.config.benchmark;
  const inf = session.config.inference;
  const template = loadTaskTemplate(options.variant?.template ?? setting.promptTemplate);
  const provenance: Provenance = {
    ...latencyProvenance(session, setting, template, variant),
    ...(options.measure ? { measure: measureId(options.measure) } : {}),
  };
  const entry = findModel(session.catalog, setting.modelId);
  const profile = typeof trackingRow?.inference_profile === 'string' ? trackingRow.inference_profile : '';
  const work = docs.flatMap((doc) => {
    const id = documentId(doc.document);
    const prompt = taskPrompt(session.config.taskSpec, template, doc.document);
    return Array.from({ length: b.experiment_counts }, (_, e) =>
      Array.from({ length: b.invocations_per_scenario }, (_, i) => ({
        key: workKey({ model: setting.modelId, document_id: id, experiment: e + 1, invocation: i + 1 }),
        item: { doc, documentId: id, prompt, experiment: e + 1, invocation: i + 1 },
      })),
    ).flat();
  });

  // 3. run what is not done yet, with bounded concurrency; log every call.
  const { logger, file: logFile } = createRunLogger({
    modelId: `${setting.modelId}${variantTag}`,
    logDir: path.join(out, 'logs'),
    timestamp: fileTimestamp(),
  });
  logger.info(
    `Benchmark of ${setting.modelId} (${setting.role}, ${variant} prompt${options.variant ? ` ${options.variant.template}` : ''}) on ${session.backend.kind}: ${work.length} calls planned, ${b.num_parallel_calls} in parallel, ${b.streaming ? 'ConverseStream' : 'Converse'}${options.measure ? `, measured by ${measureId(options.measure)}` : ''}`,
  );
  // What every call of this run shares, looked up once.
  const custom = options.measure;
  const call: typeof converse = custom
    ? (c, request, o) => callMeasured(c, request, custom, o ?? {}, b.streaming)
    : b.streaming
      ? converseStream
      : converse;
  const callOptions = { timeoutMs: b.timeout_seconds * 1000, retry: { maxAttempts: b.retry_attempts }, logger };
  const client = session.backend.runtime;
  const region = session.config.region;
  const backendColumn = session.backend.column;
  const endpoint = String(provenance.endpoint);
  const promptSha = String(provenance.prompt_sha);
  const topP = inf.topP ?? null;
  // One measured call: the request handed to the SDK, timed inside the measure function (the caller's, or `converse*`).
  const measure = (w: LatencyWork) =>
    call(
      client,
      { modelId: setting.modelId, prompt: w.prompt, maxTokens: inf.maxTokens, temperature: inf.temperature, topP: topP ?? undefined },
      callOptions,
    );
  const monitor = new EventLoopMonitor().start();
  let run: ResumableRunResult<LatencyResultRow>;
  try {
    run = await runResumable<LatencyWork, LatencyResultRow>({
      label: m().views.latency.runLabel({ model: setting.modelId, variant: variant === 'task' ? null : variant }),
      checkpointFile: path.join(out, 'checkpoints', `latency_${safeFileName(setting.modelId)}${variantTag}.jsonl`),
      work,
      provenance,
      rowSchema: latencyResultRowSchema,
      isFinal: (row) => row.status === 'success',
      // The checkpoint keeps a row without the dataset's texts (document, reference, label):
      // they come back from the unit of work on resume — a third of the bytes to write per call.
      stored: {
        keep: ({ document: _d, referenceResponse: _r, label: _l, ...rest }) => rest,
        restore: (stored, w) => ({ ...datasetTexts(w.doc), ...stored }),
      },
      concurrency: b.num_parallel_calls,
      delayMs: b.delay_between_calls * 1000,
      fresh: options.fresh,
      print,
      progressEveryMs: options.progressEveryMs,
      run: async (w, ctx) => {
        const record = await measure(w);
        const { doc } = w;
        return {
          run_id: ctx.runId,
          model: setting.modelId,
          role: setting.role,
          region,
          inference_profile: profile,
          backend: backendColumn,
          document_index: doc.index,
          document_id: w.documentId,
          experiment: w.experiment,
          invocation: w.invocation,
          ...datasetTexts(doc),
          model_response: record.responseText,
          latency: record.latencyMs === null ? null : record.latencyMs / 1000,
          latency_ms: record.latencyMs,
          model_latencyMs: record.serverLatencyMs,
          time_to_first_token_ms: record.timeToFirstTokenMs,
          output_tokens_per_second: record.outputTokensPerSecond,
          total_time_ms: record.totalTimeMs,
          attempts: record.attempts,
          model_input_tokens: record.inputTokens,
          model_output_tokens: record.outputTokens,
          stop_reason: record.stopReason ?? '',
          status: record.status,
          error_type: record.errorType ?? '',
          error_message: record.errorMessage ?? '',
          cost_usd:
            entry && record.inputTokens !== null && record.outputTokens !== null
              ? callCostUsd(entry, record.inputTokens, record.outputTokens)
              : null,
          streaming: record.streaming,
          timestamp: record.startedAt,
          endpoint,
          prompt_sha: promptSha,
          max_tokens: inf.maxTokens,
          temperature: inf.temperature,
          top_p: topP,
          provenance_id: ctx.provenanceId,
          variant,
        };
      },
    });
  } catch (error) {
    monitor.stop();
    await closeLogger(logger);
    throw error;
  }
  const eventLoop = monitor.stop();
  logger.info(
    `${run.made} calls made, ${run.resumed} resumed from the checkpoint${run.setAside.rows ? `, set aside ${run.setAside.reasons.join('; ')}` : ''}. ${eventLoop.message}`,
  );
  await closeLogger(logger);

  // 4. the result file of this run — one row per unit of work, in a stable order.
  const resultFile = path.join(out, `latency_${task}_${safeFileName(setting.modelId)}${variantTag}_${run.runId}.csv`);
  writeResultCsv(resultFile, run.rows);
  const ok = run.rows.filter((r) => r.status === 'success').length;
  const errors = [...new Set(run.rows.filter((r) => r.status === 'error').map((r) => r.error_type))].join(', ');
  const status = ok === run.rows.length ? 'measured' : ok > 0 ? 'partial' : 'failed';
  const reason =
    status === 'measured'
      ? ''
      : m().views.latency.failedCalls({
          failed: String(run.rows.length - ok),
          total: String(run.rows.length),
          errors,
          log: displayPath(logFile),
        });
  return {
    ...base,
    status,
    reason,
    rows: run.rows,
    resultFile,
    logFile,
    resumed: run.resumed,
    made: run.made,
    setAside: run.setAside.rows,
    eventLoop,
  };
}

/** Benchmark every configured model, one after the other. */
export async function runLatencyBenchmark(
  session: WorkshopSession,
  docs: DatasetRow[],
  options: BenchmarkOptions = {},
): Promise<ModelBenchmark[]> {
  const results: ModelBenchmark[] = [];
  for (const setting of allModels(session.config)) {
    if (options.models && !options.models.includes(setting.modelId)) continue;
    const result = await benchmarkModel(session, setting, docs, options);
    if (result.status === 'skipped' || result.status === 'failed')
      (options.print ?? printProgress)(
        m().views.latency.skippedLine({ model: setting.modelId, status: result.status, reason: result.reason }),
      );
    results.push(result);
  }
  return results;
}

/**
 * The second prompt variant of step 3: every candidate that step 2 gave an optimized prompt
 * (`prompt_optimized_status` = `optimized`, read through `src/results`) runs again with it,
 * on the first `prompts.optimizedDocuments` documents — the same documents its task variant
 * answered, so step 5 can pair them. With `prompts.variants` = `task`, or for a candidate
 * without an optimized prompt, the entry is `skipped` with the reason (no call).
 *
 * @example
 * const optimized = await runOptimizedVariants(session, dataset.rows, { measure: measureStream });
 * // [{ model: 'us.meta.llama4-maverick…', variant: 'optimized', status: 'measured', rows: [5 rows], … }, …]
 */
export async function runOptimizedVariants(
  session: WorkshopSession,
  docs: DatasetRow[],
  options: Omit<BenchmarkOptions, 'variant'> = {},
): Promise<ModelBenchmark[]> {
  const { variants, optimizedDocuments } = session.config.prompts;
  const results: ModelBenchmark[] = [];
  const none = { rows: [], resultFile: null, logFile: null, resumed: 0, made: 0, setAside: 0, eventLoop: null };
  for (const setting of allModels(session.config)) {
    if (setting.role !== 'candidate' || setting.kind === 'recorded') continue;
    if (options.models && !options.models.includes(setting.modelId)) continue;
    const base = { model: setting.modelId, role: setting.role, variant: 'optimized' as const, ...none };
    if (variants === 'task') {
      results.push({
        ...base,
        status: 'skipped',
        reason: m().views.latency.variantsTask,
      });
      continue;
    }
    const optimized = optimizedPromptOf(session.tracking, setting.modelId);
    if (!optimized.ok) {
      results.push({ ...base, status: 'skipped', reason: optimized.reason });
      continue;
    }
    results.push(
      await benchmarkModel(session, setting, docs.slice(0, optimizedDocuments), {
        ...options,
        variant: { name: 'optimized', template: optimized.template },
      }),
    );
  }
  return results;
}

/** Paths as people read them, for notebook output. */
export function describeFiles(
  results: ModelBenchmark[],
): { model: string; variant: string; status: string; results: string; log: string; resumed: number }[] {
  return results.map((r) => ({
    model: r.model,
    variant: r.variant,
    status: r.status,
    results: r.resultFile ? displayPath(r.resultFile) : '',
    log: r.logFile ? displayPath(r.logFile) : '',
    resumed: r.resumed,
  }));
}
