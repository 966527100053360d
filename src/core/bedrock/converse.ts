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
 * API reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
import {
  ConverseCommand,
  ConverseStreamCommand,
  type BedrockRuntimeClient,
  type ConverseCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import type winston from 'winston';
import { backoffDelayMs, classifyError, DEFAULT_RETRY, sleep, type RetryConfig } from './retry';
import type { CallRecord, CallRequest } from './types';
import { WorkshopError } from '../errors';

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

interface AttemptResult {
  responseText: string;
  stopReason: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadInputTokens: number | null;
  cacheWriteInputTokens: number | null;
  serverLatencyMs: number | null;
  timeToFirstTokenMs: number | null;
  latencyMs: number;
}

/** The Converse API input for a request. */
export function toConverseInput(request: CallRequest): ConverseCommandInput {
  const messages = request.messages ?? [{ role: 'user' as const, text: request.prompt ?? '' }];
  const inferenceConfig = {
    maxTokens: request.maxTokens,
    temperature: request.temperature,
    topP: request.topP,
    stopSequences: request.stopSequences,
  };
  return {
    modelId: request.modelId,
    messages: messages.map((m) => ({ role: m.role, content: [{ text: m.text }] })),
    system: request.system
      ? [{ text: request.system }, ...(request.cacheSystemPrompt ? [{ cachePoint: { type: 'default' as const } }] : [])]
      : undefined,
    inferenceConfig: Object.values(inferenceConfig).some((v) => v !== undefined) ? inferenceConfig : undefined,
    ...(request.serviceTier ? { serviceTier: { type: request.serviceTier } } : {}),
    ...(request.latency ? { performanceConfig: { latency: request.latency } } : {}),
  };
}

async function converseAttempt(client: BedrockRuntimeClient, input: ConverseCommandInput, signal: AbortSignal): Promise<AttemptResult> {
  const started = performance.now();
  const response = await client.send(new ConverseCommand(input), { abortSignal: signal });
  const latencyMs = performance.now() - started;
  const text = (response.output?.message?.content ?? []).map((block) => block.text ?? '').join('');
  return {
    responseText: text,
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

async function streamAttempt(client: BedrockRuntimeClient, input: ConverseCommandInput, signal: AbortSignal): Promise<AttemptResult> {
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
    responseText: text,
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

function fixFor(type: string, modelId: string): string {
  switch (type) {
    case 'AccessDeniedException':
      return ` Fix: enable ${modelId} under "Model access" in the Bedrock console for this region (or check your IAM permissions for bedrock:InvokeModel).`;
    case 'ValidationException':
      return ' Fix: check the model id (or use its inference profile id, e.g. "us." + id) and that the input fits the context window.';
    case 'ResourceNotFoundException':
      return ' Fix: check the model id and the region.';
    case 'ThrottlingException':
      return ' Fix: lower num_parallel_calls, add delay_between_calls, or ask for a higher quota.';
    case 'TimeoutError':
      return ' Fix: raise timeout_seconds, or lower maxTokens.';
    default:
      return '';
  }
}

async function callWithRetries(
  client: BedrockRuntimeClient,
  request: CallRequest,
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
      const result = streaming
        ? await streamAttempt(client, input, controller.signal)
        : await converseAttempt(client, input, controller.signal);
      clearTimeout(timer);
      const generationMs =
        streaming && result.timeToFirstTokenMs !== null ? result.latencyMs - result.timeToFirstTokenMs : result.latencyMs;
      const record: CallRecord = {
        modelId: request.modelId,
        status: 'success',
        ...result,
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
        ? { type: 'TimeoutError', message: `no complete answer within ${timeoutMs} ms`, retryable: true, httpStatus: null }
        : classifyError(error);
      const last = !info.retryable || attempt >= retry.maxAttempts;
      if (last) {
        const reason = `${request.modelId}: ${info.type} — ${info.message}${attempt > 1 ? ` (after ${attempt} attempts)` : ''}.${fixFor(info.type, request.modelId)}`;
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
    const at = text.indexOf(' Fix: ');
    super(at >= 0 ? text.slice(0, at) : text, { fix: at >= 0 ? text.slice(at + 6) : undefined, model: record.modelId });
    this.errorType = record.errorType ?? 'Error';
  }
}

/** One Converse call with retries; resolves to a record (errors included). */
export function converse(client: BedrockRuntimeClient, request: CallRequest, options: CallOptions = {}): Promise<CallRecord> {
  return callWithRetries(client, request, options, false);
}

/** One ConverseStream call with retries; also measures the time to first token. */
export function converseStream(client: BedrockRuntimeClient, request: CallRequest, options: CallOptions = {}): Promise<CallRecord> {
  return callWithRetries(client, request, options, true);
}
