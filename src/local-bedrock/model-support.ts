/**
 * What each emulated model supports and its documented limits, read from the catalogue
 * (`inferenceTypesSupported`, `lifecycle`, `features`) with the defaults the catalogue
 * documents: an absent `inferenceTypesSupported` means callable on demand by its bare id;
 * a feature key is **three-valued** — `true` (supported), `false` (Bedrock refuses it: the
 * catalogue cites the source) or absent (**unknown**). The catalogue's `conventions.features`
 * says "a missing key means unknown (not false)", so the endpoint *tries* an unknown feature
 * as Bedrock would (accepts the request and emulates it) and refuses only what the catalogue
 * marks `false` or what Bedrock documents as absent (see {@link refuses}).
 *
 * The figures that are not per-model catalogue data (minimum cacheable tokens, latency
 * factors) are kept here with their source; docs/local-endpoint.md lists every rule.
 */
import type { CatalogModel } from '../core/catalog';

export type Feature =
  | 'tools'
  | 'toolChoiceAny'
  | 'streamingToolUse'
  | 'images'
  | 'documents'
  | 'video'
  | 'systemPrompt'
  | 'reasoning'
  | 'promptCaching'
  | 'countTokens'
  | 'latencyOptimized';

/** What the catalogue says of `feature`: true, false, or undefined (unknown). */
export function featureState(model: CatalogModel, feature: Feature): boolean | undefined {
  const value = model.features?.[feature];
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * True when the catalogue marks `feature` false for the model: the endpoint refuses the
 * request as Bedrock does. An unknown feature (no key) is tried, not refused.
 *
 * @example
 * refuses({ ...model, features: { tools: false } }, 'tools'); // → true
 * refuses({ ...model, features: {} }, 'tools');               // → false (unknown: tried)
 */
export function refuses(model: CatalogModel, feature: Feature): boolean {
  return featureState(model, feature) === false;
}

/** True only when the catalogue states the feature (what the control plane reports, e.g. inputModalities). */
export function supports(model: CatalogModel, feature: Feature): boolean {
  return featureState(model, feature) === true;
}

/**
 * Service tiers the model accepts: `default` always; the others as the catalogue lists them,
 * or any when the catalogue does not list the model's tiers (unknown: tried).
 */
export function supportsServiceTier(model: CatalogModel, tier: string): boolean {
  const tiers = model.features?.serviceTiers;
  return tier === 'default' || tiers === undefined || tiers.includes(tier as 'priority');
}

/** GetFoundationModel's `inferenceTypesSupported` (absent = `['ON_DEMAND']`). */
export function inferenceTypes(model: CatalogModel): string[] {
  return model.inferenceTypesSupported?.length ? model.inferenceTypesSupported : ['ON_DEMAND'];
}

export function onDemand(model: CatalogModel): boolean {
  return inferenceTypes(model).includes('ON_DEMAND');
}

/**
 * The prompt-template family decides the request schema of InvokeModel and a few
 * provider rules: `anthropic` (Messages API), `nova` (messages-v1), `llama` (prompt).
 */
export type Provider = 'anthropic' | 'nova' | 'llama' | 'other';

export function providerOf(model: CatalogModel): Provider {
  if (model.family === 'claude' || model.modelId.startsWith('anthropic.')) return 'anthropic';
  if (model.family === 'nova' || model.modelId.startsWith('amazon.nova')) return 'nova';
  if (model.family === 'llama' || model.modelId.startsWith('meta.llama')) return 'llama';
  return 'other';
}

/**
 * Minimum tokens of a prompt prefix before a cache checkpoint takes effect, from the
 * "Supported models" table of https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html
 * (and Anthropic's prompt-caching page for the Claude 4.5 models): Claude 3.5 Haiku 2,048;
 * Claude Haiku 4.5 and Opus 4.5 4,096; other Claude models 1,024; Amazon Nova 1,000.
 * Below the minimum the call succeeds and nothing is cached (documented behaviour).
 */
export function minimumCacheableTokens(model: CatalogModel): number {
  const id = model.modelId;
  if (/claude-3-5-haiku|claude-3-haiku/.test(id)) return 2048;
  if (/claude-haiku-4-5|claude-opus-4-5/.test(id)) return 4096;
  if (providerOf(model) === 'nova') return 1000;
  return 1024;
}

/** Cache checkpoints allowed per request (same page: 4 for Claude and Nova). */
export const MAX_CACHE_CHECKPOINTS = 4;

/** Default time to live of a cache entry, reset by each hit (same page: 5 minutes). */
export const CACHE_TTL_MS: Record<string, number> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

/**
 * Latency factors of the emulation (multipliers on the sampled time to first token and
 * output tokens per second). Sources:
 * - serviceTier `priority`: "up to 25% better output tokens per second (OTPS) latency
 *   compared to Standard tier" — https://aws.amazon.com/bedrock/service-tiers/ → OTPS × 1.25;
 * - serviceTier `flex`: AWS documents only "longer processing times", no figure — ASSUMED
 *   here: time to first token × 2 (queued behind other tiers), OTPS unchanged;
 * - performanceConfig `optimized`: the user guide promises "significantly reduced latency"
 *   with no figure — ASSUMED here: TTFT × 0.7 and OTPS × 1.6;
 * - prompt cache reads: "reduce latency by up to 85%" (Amazon Bedrock prompt caching launch
 *   and user guide) — TTFT × (1 − 0.85 × cached share of the prompt).
 */
export const LATENCY_FACTORS = {
  priority: { ttft: 1, tps: 1.25 },
  flex: { ttft: 2, tps: 1 },
  optimized: { ttft: 0.7, tps: 1.6 },
  cacheReadTtftReduction: 0.85,
} as const;

/**
 * Claude models that take `temperature` or `top_p` but not both: Opus 4.1 and the 4.5 and later
 * generations. Bedrock answers "`temperature` and `top_p` cannot both be specified for this
 * model. Please use only one." (reported for Sonnet 4.5, Haiku 4.5, Opus 4.1 and Opus 4.6;
 * Anthropic's migration guide for the Claude 4.5 models lists it).
 */
export function oneSamplingParameter(model: CatalogModel): boolean {
  return /claude-opus-4-1|claude-(?:sonnet|haiku|opus)-4-(?:[5-9])|claude-(?:sonnet|haiku|opus)-[5-9]/.test(model.modelId);
}

/** Llama's `max_gen_len` upper bound (Meta Llama parameters page of the Bedrock user guide). */
export const LLAMA_MAX_GEN_LEN = 2048;
