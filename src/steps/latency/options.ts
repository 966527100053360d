/**
 * Step 3's deployment options: the same model measured under each option it offers —
 * Standard / Priority / Flex tier, latency-optimized inference, a prompt cache on the shared
 * prefix, and in-region vs geography vs global inference profile (`src/core/deployment-options.ts`
 * says which, how each is called and priced).
 *
 * How it stays comparable and cheap:
 * 1. Every option of a model is called with the same request, built from the model's prompt
 *    template: the shared part before the document (the task's instruction, after the optional
 *    `deploymentOptions.sharedPrefixFile`) as the system prompt, the document and the rest as
 *    the user message. Only the option changes — so the `standard` row is the baseline of the
 *    others (it is measured here again, not taken from the benchmark, whose prompt differs).
 * 2. On a small subset: the first `deploymentOptions.documents` documents, `invocations` calls
 *    each; models whose benchmark had no successful call are left out, saying why.
 * 3. Each option is one resumable run (`runResumable`) with the option in its provenance, so a
 *    resume never mixes options; one checkpoint file per model. The prompt-cache option runs
 *    one call at a time, so the calls after the first find the prefix cached, as steady traffic
 *    would; the others use `benchmark.num_parallel_calls`.
 * 4. A refusal (Bedrock or the offline endpoint says the model does not take the option) is
 *    that option's result, with Bedrock's message — never a crash. Options the catalogue says
 *    the model lacks are skipped with the reason, without a call.
 */
import { m } from '../../core/i18n';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { converse, converseStream, fixLabelAt } from '../../core/bedrock';
import type { CallRecord } from '../../core/bedrock/types';
import { allModels, type ModelSetting } from '../../core/config';
import { writeCsv } from '../../core/csv';
import { documentId, type DatasetRow } from '../../core/dataset';
import { type DeploymentOption, planDeploymentOptions } from '../../core/deployment-options';
import { WorkshopError } from '../../core/errors';
import { readTextUtf8 } from '../../core/files';
import { formatNumber } from '../../core/format';
import { closeLogger, createRunLogger, fileTimestamp, safeFileName } from '../../core/logging';
import { namer } from '../../core/model-names';
import { displayPath, repoPath } from '../../core/paths';
import { loadTaskTemplate, taskPrompt } from '../../core/task';
import { upsertModelRow } from '../../core/tracking';
import { printProgress } from '../../runs/progress';
import { runResumable, type Provenance } from '../../runs/resumable-run';
import type { WorkshopSession } from '../../runs/session';
import { OPTION_RESULT_COLUMNS, type OptionResultRow, optionResultRowSchema, summarizeOptionRows } from '../../results/option-rows';
import { latencyProvenance, type ModelBenchmark } from './benchmark';

/** Errors that mean "Bedrock does not take this option for this model", not a transient failure. */
const REFUSALS = new Set(['ValidationException', 'AccessDeniedException', 'ResourceNotFoundException']);

export interface ModelOptionsRun {
  model: string;
  /** `measured` options were run · `skipped` the model was not (reason). */
  status: 'measured' | 'skipped';
  reason: string;
  rows: OptionResultRow[];
  resultFile: string | null;
  logFile: string | null;
  made: number;
  resumed: number;
}

export interface OptionsRunOptions {
  fresh?: boolean;
  print?: (line: string) => void;
  progressEveryMs?: number;
}

/** The request every option of a model sends: the shared prefix as the system prompt, the document in the user turn. */
export function optionRequestParts(session: WorkshopSession, setting: ModelSetting, document: string): { system: string; user: string } {
  const template = loadTaskTemplate(setting.promptTemplate);
  const marker = '\u0000DOCUMENT\u0000';
  const full = taskPrompt(session.config.taskSpec, template, marker);
  const at = full.indexOf(marker);
  const cut = full.lastIndexOf('\n\n', at);
  let system = cut > 0 ? full.slice(0, cut).trim() : '';
  let user = cut > 0 ? full.slice(cut).trim() : full;
  if (!system) {
    system = session.config.taskSpec.instruction;
    user = full;
  }
  const shared = sharedPrefix(session);
  return { system: shared ? `${shared}\n\n${system}` : system, user: user.replace(marker, document) };
}

function sharedPrefix(session: WorkshopSession): string {
  const file = session.config.deploymentOptions.sharedPrefixFile;
  if (!file) return '';
  try {
    return readTextUtf8(repoPath(file), { what: 'the shared prefix file', setting: 'deploymentOptions.sharedPrefixFile' }).trim();
  } catch (error) {
    // A file-system error other than "not found" (a folder, permissions…) comes with its own fix.
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code && code !== 'ENOENT') throw error;
    throw new WorkshopError(
      m().errors.steps.sharedPrefixUnreadable({
        file,
        reason: code ? m().errors.steps.itDoesNotExist : ((error as WorkshopError).problem ?? (error as Error).message).replace(/\.$/, ''),
      }),
      {
        key: 'deploymentOptions.sharedPrefixFile',
        file,
        fix: m().errors.steps.sharedPrefixFix,
        cause: error,
      },
    );
  }
}

const sha12 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** Which models' options step 3 measures: `deploymentOptions.models`, or every candidate. */
export function optionModels(session: WorkshopSession): ModelSetting[] {
  const wanted = session.config.deploymentOptions.models;
  const all = allModels(session.config).filter((m) => m.kind === 'bedrock');
  if (!wanted) return all.filter((m) => m.role === 'candidate');
  const unknown = wanted.filter((id) => !all.some((m) => m.modelId === id));
  if (unknown.length)
    throw new WorkshopError(m().errors.steps.notConfiguredModel({ models: unknown.join(', ') }), {
      key: 'deploymentOptions.models',
      fix: m().errors.steps.notConfiguredModelFix({ models: all.map((x) => x.modelId).join(', ') }),
    });
  return all.filter((m) => wanted.includes(m.modelId));
}

function skippedRow(session: WorkshopSession, model: string, o: DeploymentOption, reason: string): OptionResultRow {
  return {
    model,
    option: o.id,
    option_label: o.label,
    called_model_id: '',
    service_tier: o.serviceTier,
    latency_mode: o.latency,
    prompt_cache: o.promptCache,
    support: o.support,
    status: 'skipped',
    error_type: '',
    error_message: reason,
    document_id: '',
    document_index: null,
    invocation: null,
    latency_ms: null,
    time_to_first_token_ms: null,
    output_tokens_per_second: null,
    input_tokens: null,
    output_tokens: null,
    cache_read_input_tokens: null,
    cache_write_input_tokens: null,
    attempts: null,
    streaming: session.config.benchmark.streaming,
    backend: session.backend.column,
    endpoint: session.backend.identity,
    region: session.config.region,
    timestamp: '',
    run_id: '',
    provenance_id: '',
  };
}

/** A failed call's message without our generic "Fix:" (which is about model ids, not options): Bedrock's words stay. */
const bedrockMessage = (record: CallRecord) => {
  const text = record.errorMessage ?? '';
  const { at } = fixLabelAt(text);
  return at >= 0 ? text.slice(0, at) : text;
};

/** Measure every deployment option of one model (resuming what is done). */
export async function measureModelOptions(
  session: WorkshopSession,
  setting: ModelSetting,
  docs: DatasetRow[],
  benchmark: ModelBenchmark | undefined,
  options: OptionsRunOptions = {},
): Promise<ModelOptionsRun> {
  const print = options.print ?? printProgress;
  const cfg = session.config.deploymentOptions;
  const none = { rows: [], resultFile: null, logFile: null, made: 0, resumed: 0 };
  if (cfg.documents === 0) return { model: setting.modelId, status: 'skipped', reason: m().views.latency.options.noDocuments, ...none };
  if (benchmark && benchmark.status !== 'measured' && benchmark.status !== 'partial')
    return {
      model: setting.modelId,
      status: 'skipped',
      reason: m().views.latency.options.benchmarkNot({ status: benchmark.status, reason: benchmark.reason }),
      ...none,
    };

  const b = session.config.benchmark;
  const inf = session.config.inference;
  const subset = docs.slice(0, cfg.documents);
  const plan = planDeploymentOptions(session.catalog, setting.modelId, session.config.region);
  const out = session.outputsDir;
  const { logger, file: logFile } = createRunLogger({
    name: 'deployment_options',
    modelId: setting.modelId,
    logDir: path.join(out, 'logs'),
    timestamp: fileTimestamp(),
  });
  const template = loadTaskTemplate(setting.promptTemplate);
  const base = latencyProvenance(session, setting, template);
  const prefixSha = sha12(optionRequestParts(session, setting, '').system);
  const call = b.streaming ? converseStream : converse;
  const rows: OptionResultRow[] = [];
  let made = 0;
  let resumed = 0;
  for (const o of plan) {
    if (o.kind !== 'measured') continue; // batch is priced in step 5
    if (!o.modelId) {
      rows.push(skippedRow(session, setting.modelId, o, o.reason));
      continue;
    }
    const calledId = o.modelId;
    const provenance: Provenance = {
      ...base,
      step: 'options',
      option: o.id,
      called_model: calledId,
      service_tier: o.serviceTier,
      latency_mode: o.latency,
      prompt_cache: o.promptCache,
      shared_prefix_sha: prefixSha,
    };
    const work = subset.flatMap((doc) =>
      Array.from({ length: cfg.invocations }, (_, i) => ({
        key: `${o.id}|${documentId(doc.document)}|${i + 1}`,
        item: { doc, invocation: i + 1 },
      })),
    );
    logger.info(`${setting.modelId} · ${o.id} (${calledId}, support ${o.support}): ${work.length} call(s)`);
    const run = await runResumable<{ doc: DatasetRow; invocation: number }, OptionResultRow>({
      label: m().views.latency.options.runLabel({ model: setting.modelId, option: o.id }),
      checkpointFile: path.join(out, 'checkpoints', `options_${safeFileName(setting.modelId)}.jsonl`),
      work,
      provenance,
      rowSchema: optionResultRowSchema,
      isFinal: (row) => row.status === 'success' || row.status === 'refused',
      isSuccess: (row) => row.status === 'success',
      concurrency: o.promptCache ? 1 : b.num_parallel_calls,
      fresh: options.fresh && o === plan[0],
      print,
      progressEveryMs: options.progressEveryMs,
      run: async ({ doc, invocation }, ctx) => {
        const parts = optionRequestParts(session, setting, doc.document);
        const record = await call(
          session.backend.runtime,
          {
            modelId: calledId,
            system: parts.system,
            prompt: parts.user,
            maxTokens: inf.maxTokens,
            temperature: inf.temperature,
            topP: inf.topP ?? undefined,
            serviceTier: o.serviceTier === 'default' ? undefined : o.serviceTier,
            latency: o.latency === 'optimized' ? 'optimized' : undefined,
            cacheSystemPrompt: o.promptCache,
          },
          { timeoutMs: b.timeout_seconds * 1000, retry: { maxAttempts: b.retry_attempts }, logger },
        );
        const refused = record.status === 'error' && REFUSALS.has(record.errorType ?? '');
        return {
          ...skippedRow(session, setting.modelId, o, ''),
          called_model_id: calledId,
          status: record.status === 'success' ? 'success' : refused ? 'refused' : 'error',
          error_type: record.errorType ?? '',
          error_message: record.status === 'success' ? '' : bedrockMessage(record),
          document_id: documentId(doc.document),
          document_index: doc.index,
          invocation,
          latency_ms: record.latencyMs,
          time_to_first_token_ms: record.timeToFirstTokenMs,
          output_tokens_per_second: record.outputTokensPerSecond,
          input_tokens: record.inputTokens,
          output_tokens: record.outputTokens,
          cache_read_input_tokens: record.cacheReadInputTokens ?? null,
          cache_write_input_tokens: record.cacheWriteInputTokens ?? null,
          attempts: record.attempts,
          streaming: record.streaming,
          timestamp: record.startedAt,
          run_id: ctx.runId,
          provenance_id: ctx.provenanceId,
        };
      },
    });
    made += run.made;
    resumed += run.resumed;
    for (const row of run.rows) rows.push(row);
  }
  await closeLogger(logger);
  const id = sha12(`${base.endpoint}|${prefixSha}|${subset.map((d) => documentId(d.document)).join(',')}|${cfg.invocations}`);
  const resultFile = path.join(out, `options_${safeFileName(session.config.task)}_${safeFileName(setting.modelId)}_${id}.csv`);
  writeCsv(resultFile, OPTION_RESULT_COLUMNS, rows as unknown as Record<string, unknown>[]);
  return { model: setting.modelId, status: 'measured', reason: '', rows, resultFile, logFile, made, resumed };
}

/** Measure the deployment options of every model `deploymentOptions.models` names (default: the candidates). */
export async function runDeploymentOptions(
  session: WorkshopSession,
  docs: DatasetRow[],
  benchmarks: ModelBenchmark[] = [],
  options: OptionsRunOptions = {},
): Promise<ModelOptionsRun[]> {
  const results: ModelOptionsRun[] = [];
  for (const setting of optionModels(session)) {
    const r = await measureModelOptions(
      session,
      setting,
      docs,
      benchmarks.find((x) => x.model === setting.modelId),
      options,
    );
    if (r.status === 'skipped')
      (options.print ?? printProgress)(m().views.latency.options.skippedLine({ model: setting.modelId, reason: r.reason }));
    results.push(r);
  }
  return results;
}

/** Save where each model's options file is (step 5 reads it through `src/results`). */
export function recordDeploymentOptions(session: WorkshopSession, runs: ModelOptionsRun[]): void {
  for (const r of runs) upsertModelRow(session.tracking, r.model, { options_results_file: r.resultFile ? displayPath(r.resultFile) : '' });
}

const ms = (x: number | null) => (x === null ? null : formatNumber(x, 'ms'));

/** Step 3's view: per model and option, what happened and how fast (no prices: step 5 prices them). */
export function optionsMeasuredTable(session: WorkshopSession, runs: ModelOptionsRun[]): Record<string, unknown>[] {
  const name = namer(runs.map((r) => r.model));
  const t = m().views.latency.options;
  const c = t.col;
  const em = session.backend.kind === 'local' ? t.emulated : '';
  return runs.flatMap((r) =>
    r.status === 'skipped'
      ? [{ [c.model]: name(r.model), [c.option]: '—', [c.status]: 'skipped', [c.calls]: 0, [c.note]: r.reason }]
      : summarizeOptionRows(r.rows).map((s) => ({
          [c.model]: name(r.model),
          [c.option]: s.label,
          [c.status]: s.status,
          [c.calls]: s.calls,
          [`${c.p50}${em}`]: ms(s.p50Ms),
          [`${c.p90}${em}`]: ms(s.p90Ms),
          [`${c.ttft}${em}`]: ms(s.ttftP50Ms),
          [c.cache]:
            s.option === 'prompt-cache' && s.successes
              ? t.cacheTokens({
                  read: formatNumber(s.tokens.cacheRead, 'count'),
                  write: formatNumber(s.tokens.cacheWrite, 'count'),
                  hits: formatNumber(s.cacheHits, 'auto'),
                  successes: formatNumber(s.successes, 'auto'),
                })
              : '',
          [c.note]: s.reason,
        })),
  );
}
