/**
 * The model catalogue: what the workshop knows about each Bedrock model it compares —
 * context window, on-demand price, cross-region inference profiles and a latency profile.
 *
 * The figures are data, kept in `data/model_catalog.json` with their sources, so that an
 * instructor can add a model or update a price without touching code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A log-normal distribution described by its median and the sigma of its logarithm. */
export interface LogNormalProfile {
  median: number;
  sigma: number;
}

export interface CatalogModel {
  modelId: string;
  name: string;
  provider: string;
  /** Prompt-template family: `claude`, `nova`, `llama`, … (see `data/prompts/`). */
  family: string;
  contextWindow: number;
  maxOutputTokens: number;
  inferenceProfiles: string[];
  pricePer1kInputTokens: number;
  pricePer1kOutputTokens: number;
  latency: { timeToFirstTokenMs: LogNormalProfile; outputTokensPerSecond: LogNormalProfile };
  /**
   * How Bedrock serves the model, as GetFoundationModel's `inferenceTypesSupported` reports it:
   * `ON_DEMAND` — callable by its bare model id; `INFERENCE_PROFILE` only — callable only
   * through one of `inferenceProfiles` (a bare-id call is refused with a ValidationException).
   * Absent means `['ON_DEMAND']`.
   */
  inferenceTypesSupported?: ('ON_DEMAND' | 'INFERENCE_PROFILE' | 'PROVISIONED')[];
  /** Lifecycle as GetFoundationModel's `modelLifecycle` reports it, with Bedrock's published dates (ISO). */
  lifecycle?: { status: 'ACTIVE' | 'LEGACY'; legacyDate?: string; endOfLifeDate?: string };
  /** What the model supports through Converse (absent = unknown; the endpoint then assumes text only). */
  features?: {
    tools?: boolean;
    toolChoiceAny?: boolean;
    images?: boolean;
    documents?: boolean;
    video?: boolean;
    systemPrompt?: boolean;
    reasoning?: boolean;
    promptCaching?: boolean;
    countTokens?: boolean;
    latencyOptimized?: boolean;
    serviceTiers?: ('priority' | 'default' | 'flex')[];
  };
  /** Only used by the offline endpoint: 1 = weakest answers … 4 = strongest. */
  emulation: { tier: 1 | 2 | 3 | 4 };
  sources: Record<string, string>;
}

export interface ModelCatalog {
  about: string;
  models: CatalogModel[];
}

/** Where the catalogue lives in a checkout (`<repo>/data/model_catalog.json`). */
export const DEFAULT_CATALOG_PATH = path.resolve(__dirname, '..', '..', 'data', 'model_catalog.json');

const REQUIRED_NUMBERS = ['contextWindow', 'maxOutputTokens', 'pricePer1kInputTokens', 'pricePer1kOutputTokens'] as const;

/** Read and check the catalogue; a broken entry names the file, the model and the field. */
export function loadCatalog(file: string = DEFAULT_CATALOG_PATH): ModelCatalog {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read the model catalogue ${file}: ${(err as Error).message}. Restore it from git or fix the JSON.`);
  }
  const catalog = parsed as ModelCatalog;
  if (!catalog || !Array.isArray(catalog.models)) {
    throw new Error(`The model catalogue ${file} has no "models" list.`);
  }
  catalog.models.forEach((m, i) => {
    if (!m || typeof m.modelId !== 'string' || !m.modelId) {
      throw new Error(`The model catalogue ${file}: entry ${i} has no "modelId".`);
    }
    for (const key of REQUIRED_NUMBERS) {
      if (typeof m[key] !== 'number' || !(m[key] >= 0)) {
        throw new Error(`The model catalogue ${file}: model ${m.modelId} has no valid "${key}" (a number ≥ 0 is needed).`);
      }
    }
    const lat = m.latency;
    if (!lat || !(lat.timeToFirstTokenMs?.median > 0) || !(lat.outputTokensPerSecond?.median > 0)) {
      throw new Error(`The model catalogue ${file}: model ${m.modelId} needs "latency.timeToFirstTokenMs.median" and "latency.outputTokensPerSecond.median" > 0.`);
    }
    m.inferenceProfiles ??= [];
  });
  return catalog;
}

/**
 * Find a model by its id, an inference profile id (`us.amazon.nova-lite-v1:0`) or an ARN
 * ending in either. Returns undefined when the catalogue does not know it.
 */
export function findModel(catalog: ModelCatalog, id: string): CatalogModel | undefined {
  const bare = id.includes('/') ? id.slice(id.lastIndexOf('/') + 1) : id;
  return catalog.models.find((m) => m.modelId === bare || m.inferenceProfiles.includes(bare))
    ?? catalog.models.find((m) => bare.endsWith(`.${m.modelId}`));
}

/** Cost in USD of one call with the given token counts. */
export function callCostUsd(model: CatalogModel, inputTokens: number, outputTokens: number): number {
  return (inputTokens / 1000) * model.pricePer1kInputTokens + (outputTokens / 1000) * model.pricePer1kOutputTokens;
}
