/**
 * One Bedrock call, measured and retried, as a record.
 *
 * `converse` uses the Converse API (the whole answer at once); `converseStream` uses
 * ConverseStream (the answer arrives in pieces, so we can also measure the time to the
 * first token — what a chat user feels). Both:
 *   1. build the Converse request (messages, system prompt, inferenceConfig);
 *   2. send it, timing the attempt with the monotonic clock `performance.now()` from the
 *      moment the request is handed to the SDK (not while it waits in our own queue);
 *   3. on a transient error, wait (full-jitter back-off) and try again, logging each attempt;
 *   4. return a `CallRecord` — a failed call is an error record, never an exception
 *      (unless `throwOnError`), so a benchmark keeps every outcome.
 *
 * Step 2 — one attempt, measured — is a `MeasureCall`: `measureConverse` and
 * `measureConverseStream` here, or a function written in a notebook (step 3 defines its
 * own and passes it to the benchmark); `callMeasured` wraps any of them in steps 1, 3 and 4.
 * API reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
import {
  ConverseCommand,
  ConverseStreamCommand,
  type BedrockRuntimeClient,
  type ConverseCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import { createHash } from 'node:crypto';
import type winston from 'winston';
import { backoffDelayMs, classifyError, DEFAULT_RETRY, sleep, type RetryConfig } from './retry';
import type { CallRecord, CallRequest } from './types';
import { WorkshopError } from '../errors';
import { m } from '../i18n/messages';
import { LANGUAGES } from '../i18n/state';

export interface CallOptions {
  retry?: Partial<RetryConfig>;
  /** Per-attempt timeout, ms. Default 60 s. */
  timeoutMs?: number;
  logger?: winston.Logger;
  throwOnError?: boolean;
  /** Injected for tests. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** What one attempt of a call measured: the answer, its token counts and its timings. */
export interface Measurement {
  /** The answer's text. */
  text: string;
  stopReason: string | null;
  /** `usage.inputTokens` / `usage.outputTokens` (null when not reported). */
  inputTokens: number | null;
  outputTokens: number | null;
  /** Prompt-cache tokens (`usage.cacheRead/WriteInputTokens`), when reported. */
  cacheReadInputTokens?: number | null;
  cacheWriteInputTokens?: number | null;
  /** Bedrock's own `metrics.latencyMs`. */
  serverLatencyMs: number | null;
  /** Request sent → first piece of text, ms; null when the answer was not streamed. */
  timeToFirstTokenMs: number | null;
  /** Request sent → complete answer, ms. */
  latencyMs: number;
}

/**
 * One attempt of a call, measured: send `input` with `client` (passing `signal`, which
 * aborts the attempt at its timeout) and time it. Throw what the SDK throws: the caller
 * classifies the error, retries what is transient and records the rest.
 */
export type MeasureCall = (client: BedrockRuntimeClient, input: ConverseCommandInput, signal: AbortSignal) => Promise<Measurement>;

/**
 * What a measure function is, for provenance: its name and a hash of its source (whitespace
 * runs collapsed) — so editing the function, even a comment, makes it another set-up whose
 * rows a resume does not mix with the earlier ones.
 *
 * @example
 *   measureId(async function measureStream() {…}) // → 'measureStream@3f9a1c0b7e2d'
 */
export function measureId(measure: MeasureCall): string {
  const source = Function.prototype.toString.call(measure).replace(/\s+/g, ' ').trim();
  return `${measure.name || 'anonymous'}@${createHash('sha256').update(source).digest('hex').slice(0, 12)}`;
}

const nullableCount = (x: unknown) => x === null || x === undefined || (typeof x === 'number' && Number.isFinite(x) && x >= 0);

/**
 * What is wrong with a measurement (a function written in a notebook can return anything),
 * or null: the text must be a string, the latency a finite number of ms ≥ 0, the other
 * figures numbers ≥ 0 or missing (null), and the time to first token no later than the total.
 */
export function measurementProblem(m: unknown): string | null {
  if (m === null || typeof m !== 'object') return `it returned ${m === null ? 'null' : typeof m}, not a measurement object`;
  const x = m as Record<string, unknown>;
  if (typeof x.text !== 'string') return `"text" is ${typeof x.text}, not the answer's text`;
  if (typeof x.latencyMs !== 'number' || !Number.isFinite(x.latencyMs) || x.latencyMs < 0)
    return `"latencyMs" is ${String(x.latencyMs)}, not the milliseconds from the request to the whole answer`;
  for (const k of ['inputTokens', 'outputTokens', 'serverLatencyMs', 'timeToFirstTokenMs'])
    if (!nullableCount(x[k])) return `"${k}" is ${String(x[k])}, not a number ≥ 0 or null`;
  if (typeof x.timeToFirstTokenMs === 'number' && x.timeToFirstTokenMs > x.latencyMs)
    return `"timeToFirstTokenMs" (${x.timeToFirstTokenMs}) is later than "latencyMs" (${x.latencyMs})`;
  return null;
}

/** The Converse API input for a request. */
export function toConverseInput(request: CallRequest): ConverseCommandInput {
  const messages = request.messages ?? [{ role: 'user' as const, text: request.prompt ?? '' }];
  // Only the members that are set: the request a person would write (and fewer keys for the SDK to walk).
  const inferenceConfig: NonNullable<ConverseCommandInput['inferenceConfig']> = {};
  if (request.maxTokens !== undefined) inferenceConfig.maxTokens = request.maxTokens;
  if (request.temperature !== undefined) inferenceConfig.temperature = request.temperature;
  if (request.topP !== undefined) inferenceConfig.topP = request.topP;
  if (request.stopSequences !== undefined) inferenceConfig.stopSequences = request.stopSequences;
  const input: ConverseCommandInput = {
    modelId: request.modelId,
    messages: messages.map((m) => ({ role: m.role, content: [{ text: m.text }] })),
  };
  if (request.system)
    input.system = [{ text: request.system }, ...(request.cacheSystemPrompt ? [{ cachePoint: { type: 'default' as const } }] : [])];
  if (Object.keys(inferenceConfig).length > 0) input.inferenceConfig = inferenceConfig;
  if (request.serviceTier) input.serviceTier = { type: request.serviceTier };
  if (request.latency) input.performanceConfig = { latency: request.latency };
  return input;
}

/** One Converse attempt, timed from the moment the request is handed to the SDK to the whole answer. */
export async function measureConverse(
  client: BedrockRuntimeClient,
  input: ConverseCommandInput,
  signal: AbortSignal,
): Promise<Measurement> {
  const started = performance.now();
  const response = await client.send(new ConverseCommand(input), { abortSignal: signal });
  const latencyMs = performance.now() - started;
  const text = (response.output?.message?.content ?? []).map((block) => block.text ?? '').join('');
  return {
    text,
    stopReason: response.stopReason ?? null,
    inputTokens: response.usage?.inputTokens ?? null,
    outputTokens: response.usage?.outputTokens ?? null,
    cacheReadInputTokens: response.usage?.cacheReadInputTokens ?? null,
    cacheWriteInputTokens: response.usage?.cacheWriteInputTokens ?? null,
    serverLatencyMs: response.metrics?.latencyMs ?? null,
    timeToFirstTokenMs: null,
    latencyMs,
  };
}

/** One ConverseStream attempt: time to the first text delta, and to the end of the stream. */
export async function measureConverseStream(
  client: BedrockRuntimeClient,
  input: ConverseCommandInput,
  signal: AbortSignal,
): Promise<Measurement> {
  const started = performance.now();
  const response = await client.send(new ConverseStreamCommand(input), { abortSignal: signal });
  let text = '';
  let firstTokenAt: number | null = null;
  let stopReason: string | null = null;
  let usage: { inputTokens?: number; outputTokens?: number; cacheReadInputTokens?: number; cacheWriteInputTokens?: number } | undefined;
  let serverLatencyMs: number | null = null;
  for await (const event of response.stream ?? []) {
    const delta = event.contentBlockDelta?.delta?.text;
    if (delta) {
      if (firstTokenAt === null) firstTokenAt = performance.now();
      text += delta;
    }
    if (event.messageStop) stopReason = event.messageStop.stopReason ?? null;
    if (event.metadata) {
      usage = event.metadata.usage;
      serverLatencyMs = event.metadata.metrics?.latencyMs ?? null;
    }
    // Errors sent inside the stream (throttling, model errors) end this attempt.
    const streamError =
      event.throttlingException ??
      event.modelStreamErrorException ??
      event.internalServerException ??
      event.serviceUnavailableException ??
      event.validationException;
    if (streamError) throw streamError;
  }
  const latencyMs = performance.now() - started;
  return {
    text,
    stopReason,
    inputTokens: usage?.inputTokens ?? null,
    outputTokens: usage?.outputTokens ?? null,
    cacheReadInputTokens: usage?.cacheReadInputTokens ?? null,
    cacheWriteInputTokens: usage?.cacheWriteInputTokens ?? null,
    serverLatencyMs,
    timeToFirstTokenMs: firstTokenAt === null ? null : firstTokenAt - started,
    latencyMs,
  };
}

/** " Fix: <what to do>" for an SDK error type (the label and text in the process's language), or nothing. */
function fixFor(type: string, modelId: string): string {
  const msg = m().errors.bedrock;
  const fix =
    type === 'AccessDeniedException'
      ? msg.accessDeniedFix({ model: modelId })
      : type === 'ValidationException'
        ? msg.validationFix
        : type === 'ResourceNotFoundException'
          ? msg.notFoundFix
          : type === 'ThrottlingException'
            ? msg.throttlingFix
            : type === 'TimeoutError'
              ? msg.timeoutFix
              : '';
  return fix ? ` ${m().common.fix}: ${fix}` : '';
}

/** Where " Fix: " (or its translation) starts in a call record's error message, or -1. */
export function fixLabelAt(text: string): { at: number; length: number } {
  for (const language of LANGUAGES) {
    const label = ` ${m(language).common.fix}: `;
    const at = text.indexOf(label);
    if (at >= 0) return { at, length: label.length };
  }
  return { at: -1, length: 0 };
}

/**
 * One call with retries, each attempt measured by `measure`; resolves to a record (errors
 * included). `streaming` says which API the measure sends (recorded, and named in the log).
 */
export async function callMeasured(
  client: BedrockRuntimeClient,
  request: CallRequest,
  measure: MeasureCall,
  options: CallOptions,
  streaming: boolean,
): Promise<CallRecord> {
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const wait = options.sleep ?? sleep;
  const log = options.logger;
  const input = toConverseInput(request);
  const startedAt = new Date().toISOString();
  const wallStart = performance.now();
  const api = streaming ? 'ConverseStream' : 'Converse';

  for (let attempt = 1; ; attempt++) {
    // One attempt, with its own timeout.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const result = await measure(client, input, controller.signal);
      clearTimeout(timer);
      const problem = measurementProblem(result);
      if (problem) {
        // A broken measure function fails the same way every time: an error record, not a retry.
        const error = new Error(
          `the measure function ${measure.name || '(anonymous)'} ${problem}. Fix: return { text, stopReason, inputTokens, outputTokens, serverLatencyMs, timeToFirstTokenMs, latencyMs } (see the Measurement type).`,
        );
        error.name = 'InvalidMeasurement';
        throw error;
      }
      const ttft = result.timeToFirstTokenMs ?? null;
      const generationMs = ttft !== null ? result.latencyMs - ttft : result.latencyMs;
      const record: CallRecord = {
        modelId: request.modelId,
        status: 'success',
        responseText: result.text,
        stopReason: result.stopReason ?? null,
        inputTokens: result.inputTokens ?? null,
        outputTokens: result.outputTokens ?? null,
        cacheReadInputTokens: result.cacheReadInputTokens ?? null,
        cacheWriteInputTokens: result.cacheWriteInputTokens ?? null,
        latencyMs: result.latencyMs,
        serverLatencyMs: result.serverLatencyMs ?? null,
        timeToFirstTokenMs: result.timeToFirstTokenMs ?? null,
        totalTimeMs: performance.now() - wallStart,
        outputTokensPerSecond: result.outputTokens && generationMs > 0 ? (result.outputTokens / generationMs) * 1000 : null,
        attempts: attempt,
        errorType: null,
        errorMessage: null,
        retryable: null,
        startedAt,
        streaming,
      };
      log?.info(
        `${api} ${request.modelId} attempt ${attempt}/${retry.maxAttempts}: success in ${result.latencyMs.toFixed(1)} ms (${result.inputTokens ?? '?'} in / ${result.outputTokens ?? '?'} out tokens, stop ${result.stopReason})`,
      );
      return record;
    } catch (error) {
      clearTimeout(timer);
      const info = timedOut
        ? { type: 'TimeoutError', message: m().errors.bedrock.noAnswer({ ms: timeoutMs }), retryable: true, httpStatus: null }
        : classifyError(error);
      const last = !info.retryable || attempt >= retry.maxAttempts;
      if (last) {
        const reason = `${request.modelId}: ${info.type} — ${info.message}${attempt > 1 ? m().errors.bedrock.afterAttempts({ attempts: attempt }) : ''}.${fixFor(info.type, request.modelId)}`;
        log?.error(`${api} ${request.modelId} attempt ${attempt}/${retry.maxAttempts}: ${info.type} — ${info.message}; giving up`);
        const record: CallRecord = {
          modelId: request.modelId,
          status: 'error',
          responseText: '',
          stopReason: null,
          inputTokens: null,
          outputTokens: null,
          cacheReadInputTokens: null,
          cacheWriteInputTokens: null,
          latencyMs: null,
          totalTimeMs: performance.now() - wallStart,
          serverLatencyMs: null,
          timeToFirstTokenMs: null,
          outputTokensPerSecond: null,
          attempts: attempt,
          errorType: info.type,
          errorMessage: reason,
          retryable: info.retryable,
          startedAt,
          streaming,
        };
        if (options.throwOnError) throw new BedrockCallError(record);
        return record;
      }
      const delay = backoffDelayMs(attempt, retry, options.random);
      log?.warn(
        `${api} ${request.modelId} attempt ${attempt}/${retry.maxAttempts}: ${info.type} — ${info.message}; retrying in ${delay} ms`,
      );
      await wait(delay);
    }
  }
}

/**
 * A Bedrock call that failed (after its retries), thrown when `throwOnError` is set: the
 * message names the model, the SDK error type and the fix; `record` keeps the whole call
 * record (error type, attempts, timings) and `errorType` the SDK exception's name.
 */
export class BedrockCallError extends WorkshopError {
  override name = 'BedrockCallError';
  readonly errorType: string;

  constructor(readonly record: CallRecord) {
    const text = record.errorMessage ?? `${record.modelId}: ${record.errorType}`;
    const { at, length } = fixLabelAt(text);
    super(at >= 0 ? text.slice(0, at) : text, { fix: at >= 0 ? text.slice(at + length) : undefined, model: record.modelId });
    this.errorType = record.errorType ?? 'Error';
  }
}

/** One Converse call with retries; resolves to a record (errors included). */
export function converse(client: BedrockRuntimeClient, request: CallRequest, options: CallOptions = {}): Promise<CallRecord> {
  return callMeasured(client, request, measureConverse, options, false);
}

/** One ConverseStream call with retries; also measures the time to first token. */
export function converseStream(client: BedrockRuntimeClient, request: CallRequest, options: CallOptions = {}): Promise<CallRecord> {
  return callMeasured(client, request, measureConverseStream, options, true);
}
