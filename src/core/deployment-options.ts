/**
 * Deployment options: the same model, served differently — which options a model offers,
 * how each is called, and what it costs, from the catalogue (`data/model_catalog.json`).
 *
 * | option | how it is called | price (catalogue, USD per 1,000 tokens) |
 * |---|---|---|
 * | `standard` | the configured id, Standard tier (`serviceTier` left out = `default`) — the baseline | its route's price (below) |
 * | `in-region` | the bare model id (on-demand, this region) | `pricePer1k…` (on-demand) |
 * | `geo-profile` | the region's geography profile (`us.…`) | `pricing.geoProfile`; absent → the on-demand price |
 * | `global-profile` | the `global.…` profile | `pricing.globalProfile`; absent → the on-demand price |
 * | `priority`, `flex` | `serviceTier: { type }` | `pricing.serviceTiers.priority / .flex` |
 * | `latency-optimized` | `performanceConfig: { latency: 'optimized' }` | `pricing.latencyOptimized` |
 * | `prompt-cache` | a `cachePoint` after the shared system prompt | input and output at the route's price, cache reads at `pricing.cacheReadPer1kInputTokens`, writes at `pricing.cacheWritePer1kInputTokens` |
 * | `batch` | an asynchronous job (CreateModelInvocationJob): priced, never timed | `pricing.batch` |
 *
 * Rules:
 * - **Support** is the catalogue's (`features.serviceTiers`, `features.latencyOptimized`,
 *   `features.promptCaching`, `inferenceTypesSupported`, `inferenceProfiles`): `supported` and
 *   `unknown` (the catalogue does not say, or does not know the model) options are tried — Bedrock's
 *   answer, success or refusal, is the result; `unsupported` ones are skipped with the reason.
 * - The route rows (in-region, geo, global) use the Standard tier; the tier, latency and cache
 *   rows use the configured id, so each row changes one thing against `standard`.
 * - **Prices**: `null` in the catalogue means "not found" → unknown, never 0. A profile price that
 *   is absent (not null) means the catalogue lists none separately — its convention is to list
 *   profile prices "where they differ" — so the on-demand price applies, and the basis says so.
 *   Tier, latency-optimized, cache and batch prices are unknown when absent.
 */
import {
  type CatalogModel,
  findModel,
  type ModelCatalog,
  type PricePair,
  profilesForRegion,
  regionGeography,
  requiresInferenceProfile,
} from './catalog';

export const OPTION_IDS = [
  'standard',
  'in-region',
  'geo-profile',
  'global-profile',
  'priority',
  'flex',
  'latency-optimized',
  'prompt-cache',
  'batch',
] as const;
export type OptionId = (typeof OPTION_IDS)[number];
export type Route = 'in-region' | 'geo-profile' | 'global-profile';
export type Support = 'supported' | 'unknown' | 'unsupported';

export interface DeploymentOption {
  id: OptionId;
  /** How people read it: "Priority tier", "Global profile (global.…)". */
  label: string;
  /** `measured`: called and timed; `priced`: priced only (batch). */
  kind: 'measured' | 'priced';
  /** The id to call (null for batch or an option that cannot be called). */
  modelId: string | null;
  route: Route | null;
  serviceTier: 'default' | 'priority' | 'flex';
  latency: 'standard' | 'optimized';
  promptCache: boolean;
  support: Support;
  /** Why an option is unsupported (skipped) or unknown (tried anyway). */
  reason: string;
}

const ROUTE_LABEL: Record<Route, string> = {
  'in-region': 'in-region (bare model id)',
  'geo-profile': 'cross-region geography profile',
  'global-profile': 'global profile',
};

/** How an id reaches the model: a `global.` profile, a geography profile (`us.`, `eu.`…) or the bare model id. */
export function routeOf(modelId: string, entry: CatalogModel | undefined): Route {
  const bare = modelId.includes('/') ? modelId.slice(modelId.lastIndexOf('/') + 1) : modelId;
  if (bare.startsWith('global.')) return 'global-profile';
  if (entry) return entry.inferenceProfiles.includes(bare) ? 'geo-profile' : 'in-region';
  // Not in the catalogue: a short prefix before a provider-qualified id is a geography (`us.meta.…`).
  return bare.split('.').length > 2 && /^(us|eu|apac|jp|au|ca|us-gov)$/.test(bare.split('.')[0]) ? 'geo-profile' : 'in-region';
}

/** The options of one model as configured (`modelId` as called), in table order. */
export function planDeploymentOptions(catalog: ModelCatalog, modelId: string, region: string): DeploymentOption[] {
  const entry = findModel(catalog, modelId);
  const name = entry ? entry.name : modelId;
  const route = routeOf(modelId, entry);
  const base = { kind: 'measured' as const, serviceTier: 'default' as const, latency: 'standard' as const, promptCache: false };
  const options: DeploymentOption[] = [
    {
      ...base,
      id: 'standard',
      label: `Standard tier, ${ROUTE_LABEL[route]}${route === 'in-region' ? '' : ` (${modelId.split('.')[0]}.)`} — as configured (baseline)`,
      modelId,
      route,
      support: 'supported',
      reason: '',
    },
  ];

  // 1. Routes: in-region, geography profile, global profile — each at the Standard tier.
  const notInCatalogue = `${modelId} is not in the model catalogue (data/model_catalog.json), so its inference profiles are unknown`;
  const geo = regionGeography(region);
  const routes: { id: Route; target: string | null; why: string }[] = [
    {
      id: 'in-region',
      target: entry && !requiresInferenceProfile(entry) ? entry.modelId : null,
      why: !entry
        ? notInCatalogue
        : `Bedrock serves ${name} only through an inference profile (inferenceTypesSupported ${JSON.stringify(entry.inferenceTypesSupported)}): a bare-id call is refused`,
    },
    {
      id: 'geo-profile',
      target: entry ? (profilesForRegion(entry, region).find((p) => !p.startsWith('global.')) ?? null) : null,
      why: !entry
        ? notInCatalogue
        : `the catalogue lists no ${geo.map((g) => `${g}.`).join('/')} inference profile of ${name} for ${region}`,
    },
    {
      id: 'global-profile',
      target: entry ? (entry.inferenceProfiles.find((p) => p.startsWith('global.')) ?? null) : null,
      why: !entry ? notInCatalogue : `the catalogue lists no global. inference profile of ${name}`,
    },
  ];
  for (const r of routes) {
    if (r.id === route) continue; // the baseline row is this route
    options.push({
      ...base,
      id: r.id,
      label: `Standard tier, ${ROUTE_LABEL[r.id]}${r.id !== 'in-region' && r.target ? ` (${r.target.split('.')[0]}.)` : ''}`,
      modelId: r.target,
      route: r.id,
      support: r.target ? 'supported' : 'unsupported',
      reason: r.target ? '' : r.why,
    });
  }

  // 2. Service tiers, latency-optimized inference and the prompt cache, on the configured id.
  const unknownFeature = (what: string) =>
    entry
      ? `the catalogue does not say whether ${name} supports ${what} — tried; Bedrock's answer is the result`
      : `${modelId} is not in the model catalogue — tried; Bedrock's answer is the result`;
  const tiers = entry?.features?.serviceTiers;
  for (const tier of ['priority', 'flex'] as const) {
    const support: Support = tiers === undefined ? 'unknown' : tiers.includes(tier) ? 'supported' : 'unsupported';
    options.push({
      ...base,
      id: tier,
      label: `${tier === 'priority' ? 'Priority' : 'Flex'} tier (serviceTier ${tier})`,
      modelId: support === 'unsupported' ? null : modelId,
      route,
      serviceTier: tier,
      support,
      reason:
        support === 'unsupported'
          ? `${name} offers the tiers ${tiers!.join(', ')} (features.serviceTiers), not ${tier}`
          : support === 'unknown'
            ? unknownFeature(`the ${tier} tier`)
            : '',
    });
  }
  const tri = (flag: boolean | undefined): Support => (flag === undefined ? 'unknown' : flag ? 'supported' : 'unsupported');
  const optimized = tri(entry?.features?.latencyOptimized);
  options.push({
    ...base,
    id: 'latency-optimized',
    label: 'Latency-optimized inference (performanceConfig.latency optimized)',
    modelId: optimized === 'unsupported' ? null : modelId,
    route,
    latency: 'optimized',
    support: optimized,
    reason:
      optimized === 'unsupported'
        ? `${name} has no latency-optimized inference (features.latencyOptimized false)`
        : optimized === 'unknown'
          ? unknownFeature('latency-optimized inference')
          : '',
  });
  const caching = tri(entry?.features?.promptCaching);
  options.push({
    ...base,
    id: 'prompt-cache',
    label: 'Prompt cache on the shared prefix (cachePoint after the system prompt)',
    modelId: caching === 'unsupported' ? null : modelId,
    route,
    promptCache: true,
    support: caching,
    reason:
      caching === 'unsupported'
        ? `${name} has no prompt caching (features.promptCaching false)`
        : caching === 'unknown'
          ? unknownFeature('prompt caching')
          : '',
  });

  // 3. Batch inference: priced only.
  options.push({
    ...base,
    kind: 'priced',
    id: 'batch',
    label: 'Batch inference (asynchronous job, no immediate answer)',
    modelId: null,
    route: null,
    support: entry ? 'supported' : 'unknown',
    reason: entry ? '' : `${modelId} is not in the model catalogue`,
  });
  return options;
}

/** Prices an option is charged at (USD per 1,000 tokens; null = unknown), and where they come from. */
export interface OptionPrices {
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  /** In words: which catalogue price applies, or why it is unknown. */
  basis: string;
}

const UNKNOWN = (basis: string): OptionPrices => ({ input: null, output: null, cacheRead: null, cacheWrite: null, basis });
const fromPair = (pair: PricePair, basis: string): OptionPrices => ({
  input: pair.per1kInputTokens,
  output: pair.per1kOutputTokens,
  cacheRead: null,
  cacheWrite: null,
  basis,
});

function routePrices(entry: CatalogModel, route: Route): OptionPrices {
  const onDemand = fromPair(
    { per1kInputTokens: entry.pricePer1kInputTokens, per1kOutputTokens: entry.pricePer1kOutputTokens },
    `on-demand price (${entry.pricing?.basis ?? 'catalogue'})`,
  );
  if (route === 'in-region') return onDemand;
  const key = route === 'geo-profile' ? 'geoProfile' : 'globalProfile';
  const what = route === 'geo-profile' ? 'geography-profile' : 'global-profile';
  const listed = entry.pricing?.[key];
  if (listed === undefined) return { ...onDemand, basis: `on-demand price (the catalogue lists no separate ${what} price)` };
  if (listed === null) return UNKNOWN(`${what} price unknown (pricing.${key} is null in the catalogue)`);
  return fromPair(listed, `${what} price (pricing.${key})`);
}

/** What `option` is charged at for the model `modelId`, from the catalogue. */
export function optionPrices(catalog: ModelCatalog, modelId: string, option: Pick<DeploymentOption, 'id' | 'route'>): OptionPrices {
  const entry = findModel(catalog, modelId);
  if (!entry) return UNKNOWN(`${modelId} is not in the model catalogue: price unknown`);
  const p = entry.pricing;
  const pair = (value: PricePair | null | undefined, key: string, what: string): OptionPrices =>
    value
      ? fromPair(value, `${what} price (pricing.${key})`)
      : UNKNOWN(`${what} price unknown (pricing.${key} is ${value === null ? 'null' : 'not'} in the catalogue)`);
  switch (option.id) {
    case 'priority':
    case 'flex':
      return pair(p?.serviceTiers?.[option.id], `serviceTiers.${option.id}`, `${option.id}-tier`);
    case 'latency-optimized':
      return pair(p?.latencyOptimized, 'latencyOptimized', 'latency-optimized');
    case 'batch':
      return pair(p?.batch, 'batch', 'batch');
    case 'prompt-cache': {
      const route = routePrices(entry, option.route ?? 'in-region');
      return {
        ...route,
        cacheRead: p?.cacheReadPer1kInputTokens ?? null,
        cacheWrite: p?.cacheWritePer1kInputTokens ?? null,
        basis: `${route.basis}; cache read ${p?.cacheReadPer1kInputTokens == null ? 'unknown' : 'pricing.cacheReadPer1kInputTokens'}, cache write ${p?.cacheWritePer1kInputTokens == null ? 'unknown' : 'pricing.cacheWritePer1kInputTokens'}`,
      };
    }
    default:
      return routePrices(entry, option.route ?? 'in-region');
  }
}

export interface CallTokens {
  input: number | null;
  output: number | null;
  cacheRead?: number | null;
  cacheWrite?: number | null;
}

/**
 * Cost in USD of one call at `prices`, or null when the call used tokens whose price is
 * unknown, or its token counts are unknown (unknown, never 0).
 */
export function optionCallCost(prices: OptionPrices, tokens: CallTokens): number | null {
  const parts: [number | null | undefined, number | null][] = [
    [tokens.input, prices.input],
    [tokens.output, prices.output],
    [tokens.cacheRead ?? 0, prices.cacheRead],
    [tokens.cacheWrite ?? 0, prices.cacheWrite],
  ];
  let total = 0;
  for (const [n, price] of parts) {
    if (n === null || n === undefined) return null;
    if (n === 0) continue;
    if (price === null) return null;
    total += (n / 1000) * price;
  }
  return total;
}
