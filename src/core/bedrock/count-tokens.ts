/**
 * Bedrock's CountTokens: how many input tokens a Converse request would be billed for, counted
 * by the model's own tokenizer, without running the model. It is free; it answers only for
 * the models that support it, and only by their foundation-model id (not an inference-profile
 * id). See https://docs.aws.amazon.com/bedrock/latest/userguide/count-tokens.html and
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html
 *
 * `countConverseTokens` sends exactly the messages and system prompt `toConverseInput` builds
 * for the same request — what step 3 sends — so the count is the count of that call.
 * Transient errors (throttling, 5xx, timeouts) are retried with the benchmark's back-off; any
 * other refusal (the model does not support counting, access denied…) is thrown at once as a
 * `CountTokensError` naming the model, Bedrock's error type and message.
 *
 * @example
 *   const tokens = await countConverseTokens(runtime, 'anthropic.claude-sonnet-4-6', {
 *     modelId: 'us.anthropic.claude-sonnet-4-6', system: 'Be brief.', prompt: 'Summarise: …',
 *   });
 */
import { CountTokensCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { WorkshopError } from '../errors';
import { m } from '../i18n/messages';
import { backoffDelayMs, classifyError, DEFAULT_RETRY, sleep, type RetryConfig } from './retry';
import { toConverseInput } from './converse';
import type { CallRequest } from './types';

export interface CountTokensOptions {
  retry?: Partial<RetryConfig>;
  /** Per-attempt timeout, ms. Default 30 s. */
  timeoutMs?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** CountTokens refused (or kept failing): `errorType` is Bedrock's exception name. */
export class CountTokensError extends WorkshopError {
  override name = 'CountTokensError';

  constructor(
    readonly modelId: string,
    readonly errorType: string,
    readonly reason: string,
  ) {
    super(m().errors.bedrock.countTokens({ model: modelId, type: errorType, reason }), {
      model: modelId,
      fix: m().errors.bedrock.countTokensFix,
    });
  }
}

/** Input tokens of `request` as Bedrock would bill them, counted by `foundationModelId`'s tokenizer. */
export async function countConverseTokens(
  client: BedrockRuntimeClient,
  foundationModelId: string,
  request: CallRequest,
  options: CountTokensOptions = {},
): Promise<number> {
  // 1. the same messages and system prompt the Converse call carries.
  const { messages, system } = toConverseInput(request);
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    // 2. one attempt, with its own timeout.
    const signal = AbortSignal.timeout(options.timeoutMs ?? 30_000);
    try {
      const response = await client.send(
        new CountTokensCommand({ modelId: foundationModelId, input: { converse: { messages, system } } }),
        {
          abortSignal: signal,
        },
      );
      if (typeof response.inputTokens !== 'number')
        throw new CountTokensError(foundationModelId, 'InvalidResponse', m().errors.bedrock.countTokensNoInput);
      return response.inputTokens;
    } catch (error) {
      if (error instanceof CountTokensError) throw error;
      // 3. retry what is transient; refuse the rest with Bedrock's own words.
      const info = signal.aborted ? { type: 'TimeoutError', message: 'no answer in time', retryable: true } : classifyError(error);
      if (!info.retryable || attempt >= retry.maxAttempts)
        throw new CountTokensError(
          foundationModelId,
          info.type,
          `${info.message}${attempt > 1 ? m().errors.bedrock.afterAttempts({ attempts: attempt }) : ''}`,
        );
      await wait(backoffDelayMs(attempt, retry));
    }
  }
}
