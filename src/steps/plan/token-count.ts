/**
 * How many input tokens will each prompt cost? Asked of Bedrock's CountTokens where the model
 * supports it — the model's own tokenizer, free of charge — and estimated elsewhere with the
 * project's one rule of thumb (about four characters a token, `src/core/tokens.ts`).
 *
 * For one model and its prompts:
 *   1. a model the catalogue marks as not supporting CountTokens is estimated without asking;
 *   2. otherwise the first prompt is counted alone: a refusal (the model does not support
 *      counting, access denied…) means every prompt is estimated, with Bedrock's reason;
 *   3. then up to `maxCounted` prompts are counted, `concurrency` at a time; the others (past
 *      the cap on a large dataset, or whose count kept failing) get the estimate scaled by
 *      the ratio counted ÷ estimated measured on the counted ones.
 * The answer says which method gave the figures, so a plan never passes an estimate off as a count.
 *
 * @example
 *   // 10 prompts, a model that supports CountTokens, cap 100:
 *   // → { method: 'CountTokens', counted: 10, tokens: [812, 640, …], note: 'counted by CountTokens (10 of 10 prompts)' }
 */
import pLimit from 'p-limit';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { countConverseTokens, CountTokensError, type CallRequest } from '../../core/bedrock';
import type { CatalogModel } from '../../core/catalog';
import { errorText } from '../../core/errors';
import { estimateTokens } from '../../core/tokens';
import { m } from '../../core/i18n';

export type TokenMethod = 'CountTokens' | 'CountTokens + scaled estimate' | 'estimate';

export interface PromptTokens {
  /** Input tokens of each prompt, in the order given. */
  tokens: number[];
  method: TokenMethod;
  /** Prompts Bedrock counted. */
  counted: number;
  /** Why the figures are what they are, in words (names the reason for any estimate). */
  note: string;
  /** The reason for estimating, in a few words (`CountTokens refused (ValidationException)`); empty when all were counted. */
  why: string;
}

export interface CountOptions {
  runtime: BedrockRuntimeClient;
  /** Most prompts to send to CountTokens per model (the rest are scaled estimates). */
  maxCounted: number;
  /** Calls in flight at once. */
  concurrency: number;
  /** Attempts per call (transient errors only). */
  maxAttempts: number;
  timeoutMs: number;
  /** `false`: estimate everything (config `plan.countTokens`). */
  enabled: boolean;
}

/**
 * One model's prompts, in the dataset's order: an array, or anything with a `length` and an
 * `at(i)` that builds the i-th request when asked — so a million-row dataset never holds a
 * million prompts at once.
 */
export interface RequestList {
  readonly length: number;
  at(index: number): CallRequest | undefined;
}

/** The prompts `request(i)` makes for `length` documents, built one at a time when asked (never all held at once). */
export function lazyRequests(length: number, request: (index: number) => CallRequest): RequestList {
  return { length, at: (index) => (index >= 0 && index < length ? request(index) : undefined) };
}

/** The whole request's estimate: system prompt + message, as the offline endpoint and step 2 count them. */
export function estimateRequestTokens(request: CallRequest): number {
  return estimateTokens(request.system ?? '') + estimateTokens(request.prompt ?? '');
}

/** Input tokens of each of `requests` for `model`, counted where Bedrock can, estimated elsewhere. */
export async function countPromptTokens(
  model: { modelId: string; catalog?: CatalogModel },
  requests: RequestList,
  options: CountOptions,
): Promise<PromptTokens> {
  const request = (i: number) => requests.at(i) as CallRequest;
  const estimates: number[] = new Array(requests.length);
  for (let i = 0; i < requests.length; i++) estimates[i] = estimateRequestTokens(request(i));
  const estimated = (reason: string, why: string): PromptTokens => ({
    tokens: estimates,
    method: 'estimate',
    counted: 0,
    note: `estimated: ${reason}`,
    why,
  });
  if (requests.length === 0) return { tokens: [], method: 'CountTokens', counted: 0, note: 'no prompts', why: '' };
  if (!options.enabled) return estimated('CountTokens switched off (plan.countTokens = false)', m().views.plan.tokens.switchedOff);

  // 1. what the catalogue already says.
  if (model.catalog?.features?.countTokens === false)
    return estimated('the catalogue says Bedrock’s CountTokens does not support this model', m().views.plan.tokens.notSupported);
  // CountTokens takes the foundation-model id, not a profile id (us.…, global.…).
  const foundationId = model.catalog?.modelId ?? model.modelId;
  const count = (request: CallRequest) =>
    countConverseTokens(
      options.runtime,
      foundationId,
      { ...request, modelId: foundationId },
      {
        retry: { maxAttempts: options.maxAttempts },
        timeoutMs: options.timeoutMs,
      },
    );

  // 2. one call first: a model Bedrock will not count for is found out with one refusal.
  let first: number;
  try {
    first = await count(request(0));
  } catch (error) {
    const type = error instanceof CountTokensError ? error.errorType : 'Error';
    const why = error instanceof CountTokensError ? `${error.errorType} — ${error.reason}` : errorText(error);
    return estimated(`CountTokens refused (${why})`, m().views.plan.tokens.refused({ type }));
  }

  // 3. the rest, up to the cap; a count that keeps failing becomes a scaled estimate.
  const limit = pLimit(Math.max(1, options.concurrency));
  const cap = Math.min(requests.length, Math.max(1, options.maxCounted));
  const counts: (number | null)[] = new Array(requests.length).fill(null);
  counts[0] = first;
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: cap - 1 }, (_, k) =>
      limit(async () => {
        try {
          counts[k + 1] = await count(request(k + 1));
        } catch (error) {
          failures.push(error instanceof CountTokensError ? `${error.errorType} — ${error.reason}` : errorText(error));
        }
      }),
    ),
  );
  const counted = counts.filter((c): c is number => c !== null).length;
  if (counted === requests.length)
    return {
      tokens: counts as number[],
      method: 'CountTokens',
      counted,
      note: `counted by CountTokens (${counted} of ${requests.length} prompts)`,
      why: '',
    };

  // 4. scale the estimate of the uncounted prompts by what the counted ones showed.
  let countedSum = 0;
  let estimateSum = 0;
  counts.forEach((c, i) => {
    if (c !== null) {
      countedSum += c;
      estimateSum += estimates[i];
    }
  });
  const ratio = estimateSum > 0 ? countedSum / estimateSum : 1;
  const tokens = counts.map((c, i) => c ?? Math.round(estimates[i] * ratio));
  const reasons = [
    cap < requests.length ? m().views.plan.tokens.pastCap({ n: String(requests.length - cap), max: String(options.maxCounted) }) : '',
    failures.length ? m().views.plan.tokens.failed({ n: String(failures.length), first: failures[0] }) : '',
  ].filter(Boolean);
  return {
    tokens,
    method: 'CountTokens + scaled estimate',
    counted,
    why: reasons.join('; '),
    note: `counted by CountTokens for ${counted} of ${requests.length} prompts; the other ${requests.length - counted} (${reasons.join('; ')}) are estimates × ${ratio.toFixed(3)}, the counted/estimated ratio of the counted ones`,
  };
}
