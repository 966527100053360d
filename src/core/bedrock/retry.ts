/**
 * Retries with exponential back-off and FULL jitter.
 *
 * When Bedrock is busy (throttling, a model still loading, a transient server error) the
 * right move is to wait and try again — but not all at the same moment, or every client
 * retries in lock-step and the service stays overloaded. Full jitter picks the wait
 * uniformly between 0 and an exponentially growing cap:
 *
 *   delay(attempt) = random(0, min(maxDelay, baseDelay × 2^(attempt − 1)))
 *
 * (AWS Architecture Blog, "Exponential Backoff And Jitter":
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 *
 * Some errors must never be retried: a ValidationException (bad request, input too long)
 * or an AccessDeniedException (no model access) will fail the same way every time.
 */

export interface RetryConfig {
  /** Attempts in all, including the first (≥ 1). Default 3. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryConfig = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 20_000 };

/** Bedrock exceptions that are transient. */
export const RETRYABLE_ERRORS = new Set([
  'ThrottlingException',
  'ServiceUnavailableException',
  'ModelNotReadyException',
  'InternalServerException',
  'ModelTimeoutException',
  'ModelStreamErrorException',
  'TimeoutError',
  'NetworkError',
]);

/** Network failures that are worth another attempt. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTCONN',
  'EAI_AGAIN',
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_SESSION_ERROR',
  'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_HTTP2_ERROR',
  'ERR_HTTP2_STREAM_CANCEL',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);

export interface ClassifiedError {
  type: string;
  message: string;
  retryable: boolean;
  httpStatus: number | null;
}

/** Name, message and retryability of anything thrown by a call. */
export function classifyError(error: unknown): ClassifiedError {
  const e = error as { name?: string; message?: string; code?: string; cause?: { code?: string }; $metadata?: { httpStatusCode?: number } };
  const code = e?.code ?? e?.cause?.code;
  let type = e?.name ?? 'Error';
  if (code && NETWORK_CODES.has(code)) type = 'NetworkError';
  else if (/socket hang up|premature close|stream.*(reset|closed)|GOAWAY/i.test(e?.message ?? '') && !e?.$metadata?.httpStatusCode)
    type = 'NetworkError';
  const message = (e?.message ?? String(error)) + (type === 'NetworkError' && code ? ` (${code})` : '');
  return { type, message, retryable: RETRYABLE_ERRORS.has(type), httpStatus: e?.$metadata?.httpStatusCode ?? null };
}

/** Whether an error is transient and worth retrying. */
export function isRetryable(error: unknown): boolean {
  return classifyError(error).retryable;
}

/** Full-jitter delay before attempt `attempt + 1`, where `attempt` ≥ 1 is the attempt that just failed. */
export function backoffDelayMs(attempt: number, config: RetryConfig = DEFAULT_RETRY, random: () => number = Math.random): number {
  const cap = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * cap);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
