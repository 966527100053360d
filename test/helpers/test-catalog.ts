/**
 * Catalogues built in the tests, so the endpoint's rules are tested against stated model
 * capabilities rather than against whatever data/model_catalog.json ships.
 */
import type { CatalogModel, ModelCatalog } from '../../src/core/catalog';

export const SONNET = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
export const SONNET_PROFILE = `us.${SONNET}`;
export const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
export const NOVA = 'amazon.nova-lite-v1:0';
export const NOVA_PROFILE = `us.${NOVA}`;
export const LLAMA = 'meta.llama3-1-8b-instruct-v1:0';
export const SONNET_45_PROFILE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

function model(modelId: string, family: string, provider: string, extra: Partial<CatalogModel>): CatalogModel {
  return {
    modelId,
    name: modelId,
    provider,
    family,
    contextWindow: 200_000,
    maxOutputTokens: 8192,
    inferenceProfiles: [],
    pricePer1kInputTokens: 0.001,
    pricePer1kOutputTokens: 0.002,
    latency: { timeToFirstTokenMs: { median: 400, sigma: 0.2 }, outputTokensPerSecond: { median: 100, sigma: 0.1 } },
    emulation: { tier: 3 },
    sources: {},
    ...extra,
  };
}

/**
 * Features are three-valued, as in the shipped catalogue: true, false (refused), or absent
 * (unknown: the endpoint tries it). The models below state `false` where a test needs a refusal.
 *
 * - Claude 3.7 Sonnet: inference-profile only; tools, images, documents, reasoning, prompt
 *   caching, CountTokens, priority and flex tiers, latency-optimized;
 * - Claude 3 Haiku: on demand; tools and images; no documents, video, reasoning, caching;
 * - Nova Lite: on demand and a profile; tools (no forced choice), images, video, documents,
 *   prompt caching, CountTokens; no latency-optimized inference, no reasoning;
 * - Llama 3.1 8B: on demand, every feature false (text only), 2,048 output tokens;
 * - Claude Sonnet 4.5: inference-profile only, no features block at all (every feature
 *   unknown, so tried; takes temperature or top_p, not both);
 * - a retired model, past its end-of-life date.
 */
const TEXT_ONLY = {
  tools: false,
  toolChoiceAny: false,
  streamingToolUse: false,
  images: false,
  documents: false,
  video: false,
  reasoning: false,
  promptCaching: false,
  countTokens: false,
  latencyOptimized: false,
  serviceTiers: ['default' as const],
};
export function testCatalog(): ModelCatalog {
  return {
    about: 'Test catalogue built in test/helpers/test-catalog.ts',
    models: [
      model(SONNET, 'claude', 'Anthropic', {
        name: 'Claude 3.7 Sonnet',
        inferenceProfiles: [SONNET_PROFILE, `eu.${SONNET}`],
        inferenceTypesSupported: ['INFERENCE_PROFILE'],
        features: {
          tools: true,
          toolChoiceAny: true,
          images: true,
          documents: true,
          reasoning: true,
          promptCaching: true,
          countTokens: true,
          latencyOptimized: true,
          serviceTiers: ['priority', 'default', 'flex'],
        },
      }),
      model(HAIKU, 'claude', 'Anthropic', {
        name: 'Claude 3 Haiku',
        maxOutputTokens: 4096,
        inferenceProfiles: [`us.${HAIKU}`],
        features: {
          tools: true,
          toolChoiceAny: true,
          images: true,
          documents: false,
          video: false,
          reasoning: false,
          promptCaching: false,
          countTokens: false,
          latencyOptimized: false,
          serviceTiers: ['default'],
        },
      }),
      model(NOVA, 'nova', 'Amazon', {
        name: 'Amazon Nova Lite',
        maxOutputTokens: 5000,
        inferenceProfiles: [NOVA_PROFILE],
        inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'],
        features: {
          tools: true,
          toolChoiceAny: false,
          images: true,
          video: true,
          documents: true,
          reasoning: false,
          promptCaching: true,
          countTokens: true,
          latencyOptimized: false,
          serviceTiers: ['default'],
        },
      }),
      model(LLAMA, 'llama', 'Meta', {
        name: 'Llama 3.1 8B Instruct',
        maxOutputTokens: 2048,
        contextWindow: 128_000,
        lifecycle: { status: 'LEGACY', legacyDate: '2026-01-01', endOfLifeDate: '2099-01-01' },
        features: TEXT_ONLY,
      }),
      model('anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude', 'Anthropic', {
        name: 'Claude Sonnet 4.5',
        inferenceProfiles: [SONNET_45_PROFILE],
        inferenceTypesSupported: ['INFERENCE_PROFILE'],
      }),
      model('amazon.retired-v1:0', 'nova', 'Amazon', {
        name: 'Retired model',
        lifecycle: { status: 'LEGACY', legacyDate: '2020-01-01', endOfLifeDate: '2021-01-01' },
      }),
    ],
  };
}
