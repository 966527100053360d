/** Plain types of a Bedrock call and its recorded outcome. */

/** Example model ids (see data/model_catalog.json for the workshop's line-up). */
export const NOVA_LITE = 'amazon.nova-lite-v1:0';
export const CLAUDE_3_HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

export interface CallRequest {
  modelId: string;
  /** The user message; ignored when `messages` is given. */
  prompt?: string;
  /** A whole conversation, alternating user/assistant turns. */
  messages?: { role: 'user' | 'assistant'; text: string }[];
  system?: string;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  /** Converse `serviceTier` (`default` = Standard); left out when undefined. */
  serviceTier?: 'priority' | 'default' | 'flex';
  /** Converse `performanceConfig.latency`; left out when undefined. */
  latency?: 'standard' | 'optimized';
  /** Put a `cachePoint` right after the system prompt (the shared prefix), so Bedrock may cache it. */
  cacheSystemPrompt?: boolean;
}

export interface CallRecord {
  modelId: string;
  status: 'success' | 'error';
  responseText: string;
  stopReason: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  /** Prompt-cache tokens the call read / wrote (`usage.cacheRead/WriteInputTokens`; null when not reported). */
  cacheReadInputTokens?: number | null;
  cacheWriteInputTokens?: number | null;
  /** Client-side latency of the final attempt, ms (monotonic clock): request handed to the SDK → last byte. */
  latencyMs: number | null;
  /** Wall time of the whole call: every attempt plus back-off, ms. */
  totalTimeMs: number;
  /** Server-reported `metrics.latencyMs`. */
  serverLatencyMs: number | null;
  /** Streaming only: request sent → first text delta, ms. */
  timeToFirstTokenMs: number | null;
  /** Output tokens ÷ generation time (stream: after the first token; non-stream: whole latency). */
  outputTokensPerSecond: number | null;
  attempts: number;
  /** SDK exception name (`ThrottlingException`, …), `TimeoutError` or `NetworkError`. */
  errorType: string | null;
  errorMessage: string | null;
  /** Whether the last error was of a kind that is retried. */
  retryable: boolean | null;
  /** ISO timestamp of the first attempt. */
  startedAt: string;
  streaming: boolean;
}
