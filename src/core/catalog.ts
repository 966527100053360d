/**
 * The model catalogue: what the workshop knows about each Bedrock model it compares —
 * context window, prices (on-demand, and where published: prompt cache, batch, service tiers,
 * latency-optimized, global/geo profiles), lifecycle (ACTIVE / LEGACY with Bedrock's dates),
 * how Bedrock serves it (bare model id and/or inference profiles), what Converse supports
 * for it, and the latency profile the offline endpoint emulates.
 *
 * The figures are data, kept in `data/model_catalog.json` with their public sources, so that
 * an instructor can add a model or update a price without touching code. This module is the
 * schema of that file (zod: the TypeScript types are inferred from it) and its loader.
 *
 * Conventions (also stated in the file's "conventions" section):
 * - Prices are USD per 1,000 tokens. `null` means unknown (not found in the sources): cost
 *   figures computed from an unknown price are unknown — never 0.
 * - Whether an option exists is a feature (`features.serviceTiers`, `features.latencyOptimized`,
 *   `features.promptCaching`); what it costs is under `pricing` (null = not found).
 * - Lifecycle dates are Bedrock's (not the provider's) as ISO dates. A LEGACY model whose
 *   end-of-life date has passed no longer answers on Bedrock: see {@link lifecycleState}.
 */
import path from 'node:path';
import { z } from 'zod';
import { WorkshopError } from './errors';
import { m } from './i18n/messages';
import { emulationSchema } from './emulation';
import { readTextUtf8 } from './files';
import { repoPath } from './paths';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');
/** USD per 1,000 tokens; null = unknown. */
const price = z.number().nonnegative().nullable();
const pricePair = z.object({ per1kInputTokens: price, per1kOutputTokens: price }).strict();

/** A log-normal distribution described by its median and the sigma of its logarithm. */
const logNormalSchema = z.object({ median: z.number().positive(), sigma: z.number().nonnegative() }).strict();

const lifecycleSchema = z
  .object({
    /** As GetFoundationModel's `modelLifecycle.status` reports it. */
    status: z.enum(['ACTIVE', 'LEGACY']),
    /** When the model became available on Bedrock (`startOfLifeTime`). */
    launchDate: isoDate.optional(),
    /** When Bedrock moved it to Legacy (`legacyTime`). */
    legacyDate: isoDate.optional(),
    /** Start of the public extended access part of Legacy, when prices may rise (`publicExtendedAccessTime`). */
    publicExtendedAccessDate: isoDate.optional(),
    /** When requests start failing (`endOfLifeTime`). */
    endOfLifeDate: isoDate.optional(),
  })
  .strict()
  .superRefine((l, ctx) => {
    if (l.status === 'LEGACY' && !l.endOfLifeDate)
      ctx.addIssue({
        code: 'custom',
        path: ['endOfLifeDate'],
        message: 'a LEGACY model needs its end-of-life date (Bedrock announces one with the Legacy state)',
      });
    const order = [
      ['launchDate', l.launchDate],
      ['legacyDate', l.legacyDate],
      ['publicExtendedAccessDate', l.publicExtendedAccessDate],
      ['endOfLifeDate', l.endOfLifeDate],
    ] as const;
    const known = order.filter(([, d]) => d);
    for (let i = 1; i < known.length; i++) {
      if (known[i][1]! < known[i - 1][1]!)
        ctx.addIssue({
          code: 'custom',
          path: [known[i][0]],
          message: `${known[i][0]} ${known[i][1]} is before ${known[i - 1][0]} ${known[i - 1][1]}`,
        });
    }
  });

const featuresSchema = z
  .object({
    tools: z.boolean().optional(),
    /** `toolConfig.toolChoice.any` (and, outside Anthropic and Nova, a named tool choice). */
    toolChoiceAny: z.boolean().optional(),
    /** Tool use through ConverseStream (the Converse feature table's "Streaming tool use"). */
    streamingToolUse: z.boolean().optional(),
    images: z.boolean().optional(),
    documents: z.boolean().optional(),
    video: z.boolean().optional(),
    systemPrompt: z.boolean().optional(),
    reasoning: z.boolean().optional(),
    promptCaching: z.boolean().optional(),
    countTokens: z.boolean().optional(),
    latencyOptimized: z.boolean().optional(),
    /** Per-request service tiers Converse accepts (`default` = Standard). */
    serviceTiers: z.array(z.enum(['priority', 'default', 'flex'])).optional(),
    /**
     * Simple prompt optimization (`OptimizePrompt` of Agents for Amazon Bedrock Runtime) for
     * this model: AWS's list of supported models (copy: data/aws/prompt-optimization-models.json).
     * Advanced Prompt Optimization jobs support every text model and need no key.
     */
    promptOptimization: z.boolean().optional(),
  })
  .strict();

const pricingSchema = z
  .object({
    /** Region the prices are for, and which table of the pricing page (deployment, tier). */
    region: z.string().min(1),
    basis: z.string().min(1),
    /** Prompt cache: reading cached input tokens, and writing them (5-minute and 1-hour TTL). */
    cacheReadPer1kInputTokens: price.optional(),
    cacheWritePer1kInputTokens: price.optional(),
    cacheWrite1hPer1kInputTokens: price.optional(),
    /** Batch inference (CreateModelInvocationJob). */
    batch: pricePair.nullable().optional(),
    serviceTiers: z.object({ priority: pricePair.nullable().optional(), flex: pricePair.nullable().optional() }).strict().optional(),
    latencyOptimized: pricePair.nullable().optional(),
    /** Calls through a `global.` profile, and through a geography profile (`us.`, `eu.`…) where it differs. */
    globalProfile: pricePair.nullable().optional(),
    geoProfile: pricePair.nullable().optional(),
  })
  .strict();

const inferenceType = z.enum(['ON_DEMAND', 'INFERENCE_PROFILE', 'PROVISIONED']);

const modelSchema = z
  .object({
    modelId: z.string().regex(/^[a-z0-9-]+\.[A-Za-z0-9._:-]+$/, 'a Bedrock model id such as amazon.nova-lite-v1:0'),
    name: z.string().min(1),
    provider: z.string().min(1),
    /** Prompt-template family: `claude`, `nova`, `llama`, … (see `data/prompts/`). */
    family: z.string().min(1),
    contextWindow: z.number().int().positive(),
    maxOutputTokens: z.number().int().positive(),
    /** Cross-region (`us.`, `eu.`, `apac.`, `jp.`, `au.`…) and global (`global.`) inference profile ids. */
    inferenceProfiles: z.array(z.string().min(1)).default([]),
    /** On-demand (Standard tier) prices; null = unknown. */
    pricePer1kInputTokens: price,
    pricePer1kOutputTokens: price,
    pricing: pricingSchema.optional(),
    latency: z.object({ timeToFirstTokenMs: logNormalSchema, outputTokensPerSecond: logNormalSchema }).strict(),
    /**
     * How Bedrock serves the model in the catalogue's region, as GetFoundationModel's
     * `inferenceTypesSupported` reports it: `ON_DEMAND` — callable by its bare model id;
     * `INFERENCE_PROFILE` only — callable only through one of `inferenceProfiles` (a bare-id
     * call is refused with a ValidationException). Absent means `['ON_DEMAND']`.
     */
    inferenceTypesSupported: z.array(inferenceType).min(1).optional(),
    /** Lifecycle as GetFoundationModel's `modelLifecycle` reports it, with Bedrock's published dates (ISO). */
    lifecycle: lifecycleSchema.optional(),
    /** What the model supports through Converse: true, false, or absent = unknown (the endpoint then tries it as Bedrock would). */
    features: featuresSchema.optional(),
    /** Only used by the offline endpoint: tier (1 = weakest answers … 4 = strongest) and invented habits (src/core/emulation.ts). */
    emulation: emulationSchema,
    /** Where each figure comes from (field or group → public URL and how it was read). */
    sources: z.record(z.string()),
    /** What is unknown or uncertain about this entry, in words. */
    notes: z.array(z.string()).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    for (const [i, p] of m.inferenceProfiles.entries()) {
      if (!p.endsWith(`.${m.modelId}`))
        ctx.addIssue({
          code: 'custom',
          path: ['inferenceProfiles', i],
          message: `"${p}" is not a profile of ${m.modelId} (a profile id is <geography>.${m.modelId})`,
        });
    }
    const types = m.inferenceTypesSupported ?? ['ON_DEMAND'];
    if (!types.includes('ON_DEMAND') && types.includes('INFERENCE_PROFILE') && m.inferenceProfiles.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['inferenceProfiles'],
        message: 'the model is callable only through an inference profile, so at least one profile id is needed',
      });
    }
    if ((m.pricePer1kInputTokens === null || m.pricePer1kOutputTokens === null) && !m.notes?.length) {
      ctx.addIssue({ code: 'custom', path: ['notes'], message: 'a price is unknown (null): say why in "notes"' });
    }
    if (!m.sources.price)
      ctx.addIssue({ code: 'custom', path: ['sources', 'price'], message: 'every entry names the source of its prices' });
  });

const catalogSchema = z
  .object({
    about: z.string().default(''),
    /** The date the figures describe (ISO). */
    asOf: isoDate.optional(),
    /** Region the figures (prices, inference types) are for. */
    region: z.string().optional(),
    conventions: z.record(z.string()).optional(),
    sourcesRead: z.record(z.string()).optional(),
    models: z.array(z.unknown()).min(1, 'at least one model'),
  })
  .strict();

export type LogNormalProfile = z.infer<typeof logNormalSchema>;
export type PricePair = z.infer<typeof pricePair>;
export type ModelLifecycle = z.infer<typeof lifecycleSchema>;
export type ModelFeatures = z.infer<typeof featuresSchema>;
export type ModelPricing = z.infer<typeof pricingSchema>;
export type CatalogModel = z.infer<typeof modelSchema>;
export type ModelCatalog = Omit<z.infer<typeof catalogSchema>, 'models'> & { models: CatalogModel[] };

/** Where the catalogue lives in a checkout (`<repo>/data/model_catalog.json`). */
export const DEFAULT_CATALOG_PATH = path.resolve(__dirname, '..', '..', 'data', 'model_catalog.json');

/** The catalogue in use: the file named by WORKSHOP_CATALOG (relative to the repository root), else the checkout's. */
export function catalogPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.WORKSHOP_CATALOG ? repoPath(env.WORKSHOP_CATALOG) : DEFAULT_CATALOG_PATH;
}

const shown = (file: string) => {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
};

function valueAt(obj: unknown, keys: (string | number)[]): unknown {
  return keys.reduce<unknown>(
    (o, k) => (o !== null && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined),
    obj,
  );
}

function issueText(issue: z.ZodIssue, entry: unknown): { field: string; text: string } {
  const msg = m().errors.data;
  const field = issue.path.join('.') || msg.catalogueEntry;
  if (issue.code === 'unrecognized_keys')
    return { field: issue.keys.join(', '), text: msg.catalogueUnknownFields({ fields: issue.keys.map((k) => `"${k}"`).join(', ') }) };
  const value = valueAt(entry, issue.path);
  const got = value === undefined ? msg.catalogueMissing : msg.catalogueGot({ value: String(JSON.stringify(value)?.slice(0, 80)) });
  return { field, text: msg.catalogueField({ field, message: issue.message, got }) };
}

/**
 * Read and check the catalogue. A broken entry is refused with a {@link WorkshopError} naming
 * the file, the model and the field, and saying how to fix it.
 */
export function loadCatalog(file: string = catalogPath()): ModelCatalog {
  const where = shown(file);
  const text = readTextUtf8(file, {
    what: 'the model catalogue',
    setting: process.env.WORKSHOP_CATALOG && file === catalogPath() ? 'WORKSHOP_CATALOG' : undefined,
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new WorkshopError(m().errors.data.catalogueJson({ shown: where, message: (err as Error).message }), {
      file: where,
      fix: m().errors.data.catalogueJsonFix,
      cause: err,
    });
  }
  const errorMap: z.ZodErrorMap = (issue, ctx) => ({ message: m().errors.config.zodIssue({ issue, defaultMessage: ctx.defaultError }) });
  const top = catalogSchema.safeParse(parsed, { errorMap });
  if (!top.success) {
    const { field, text } = issueText(top.error.issues[0], parsed);
    throw new WorkshopError(m().errors.data.notCatalogue({ shown: where, text }), {
      file: where,
      key: field,
      fix: m().errors.data.notCatalogueFix,
    });
  }
  const models: CatalogModel[] = [];
  const seen = new Map<string, string>();
  top.data.models.forEach((entry, i) => {
    const id =
      entry && typeof entry === 'object' && typeof (entry as { modelId?: unknown }).modelId === 'string'
        ? (entry as { modelId: string }).modelId
        : m().errors.data.catalogueNoModelId({ entry: i + 1 });
    const result = modelSchema.safeParse(entry, { errorMap });
    if (!result.success) {
      // A field that is present but wrong says more than one that is missing: report it first.
      const issues = [...result.error.issues].sort(
        (a, b) => Number(valueAt(entry, a.path) === undefined) - Number(valueAt(entry, b.path) === undefined),
      );
      const problems = issues.map((issue) => issueText(issue, entry));
      const first = problems[0];
      const more =
        problems.length > 1
          ? m().errors.data.catalogueMore({
              count: problems.length - 1,
              fields: `${problems
                .slice(1, 9)
                .map((p) => p.field)
                .join(', ')}${problems.length > 9 ? ', …' : ''}`,
            })
          : '';
      throw new WorkshopError(m().errors.data.catalogueInvalid({ shown: where, model: id, text: first.text, more }), {
        file: where,
        model: id,
        key: `models[${i}].${first.field}`,
        fix: m().errors.data.catalogueInvalidFix({ field: first.field, model: id, shown: where }),
      });
    }
    for (const name of [result.data.modelId, ...result.data.inferenceProfiles]) {
      const owner = seen.get(name);
      if (owner) {
        throw new WorkshopError(m().errors.data.catalogueTwice({ shown: where, name, owner, model: result.data.modelId }), {
          file: where,
          model: result.data.modelId,
          fix: m().errors.data.catalogueTwiceFix,
        });
      }
      seen.set(name, result.data.modelId);
    }
    models.push(result.data);
  });
  return { ...top.data, models };
}

/**
 * Find a model by its id, an inference profile id (`us.amazon.nova-lite-v1:0`) or an ARN
 * ending in either. Returns undefined when the catalogue does not know it.
 */
export function findModel(catalog: ModelCatalog, id: string): CatalogModel | undefined {
  const bare = id.includes('/') ? id.slice(id.lastIndexOf('/') + 1) : id;
  return (
    catalog.models.find((m) => m.modelId === bare || m.inferenceProfiles.includes(bare)) ??
    catalog.models.find((m) => bare.endsWith(`.${m.modelId}`))
  );
}

/**
 * Cost in USD of one call with the given token counts at the on-demand prices, or null when
 * the catalogue does not know a price that the call needs (unknown, never 0).
 */
export function callCostUsd(model: CatalogModel, inputTokens: number, outputTokens: number): number | null {
  const pin = model.pricePer1kInputTokens;
  const pout = model.pricePer1kOutputTokens;
  if ((pin === null && inputTokens > 0) || (pout === null && outputTokens > 0)) return null;
  return (inputTokens / 1000) * (pin ?? 0) + (outputTokens / 1000) * (pout ?? 0);
}

/** True when `model` has an on-demand price for both input and output tokens. */
export function hasKnownPrice(model: CatalogModel | undefined): boolean {
  return !!model && model.pricePer1kInputTokens !== null && model.pricePer1kOutputTokens !== null;
}

/** `inferenceTypesSupported`, with its documented default. */
export function inferenceTypes(model: CatalogModel): ('ON_DEMAND' | 'INFERENCE_PROFILE' | 'PROVISIONED')[] {
  return model.inferenceTypesSupported ?? ['ON_DEMAND'];
}

/** True when Bedrock refuses a bare-model-id call: the model must be called through an inference profile. */
export function requiresInferenceProfile(model: CatalogModel): boolean {
  const types = inferenceTypes(model);
  return !types.includes('ON_DEMAND') && types.includes('INFERENCE_PROFILE');
}

/** Inference profiles usable from `region`: its geography's (`us.` for us-east-1…) and the global one. */
export function profilesForRegion(model: CatalogModel, region: string): string[] {
  const geo = regionGeography(region);
  return model.inferenceProfiles.filter((p) => {
    const prefix = p.split('.')[0];
    return prefix === 'global' || geo.includes(prefix);
  });
}

/** Profile prefixes a region's calls may use: us-east-1 → us; eu-west-1 → eu; ap-northeast-1 → apac, jp… */
export function regionGeography(region: string): string[] {
  const [area, sub] = region.split('-');
  if (area === 'us') return region.includes('gov') ? ['us-gov'] : ['us'];
  if (area === 'eu') return ['eu'];
  if (area === 'ap') {
    if (sub === 'northeast' && region.endsWith('-1')) return ['apac', 'jp'];
    if (sub === 'northeast' && region.endsWith('-3')) return ['apac', 'jp'];
    if (sub === 'southeast' && (region.endsWith('-2') || region.endsWith('-4'))) return ['apac', 'au'];
    return ['apac'];
  }
  return [area];
}

/** Whole days from `from` to `to` (ISO dates or Dates), negative when `to` is earlier. */
export function daysBetween(from: Date | string, to: Date | string): number {
  const day = (d: Date | string) => {
    const x = typeof d === 'string' ? new Date(`${d.slice(0, 10)}T00:00:00Z`) : d;
    return Date.UTC(x.getUTCFullYear(), x.getUTCMonth(), x.getUTCDate());
  };
  return Math.round((day(to) - day(from)) / 86_400_000);
}

export type LifecycleState = 'ACTIVE' | 'LEGACY' | 'END_OF_LIFE' | 'UNKNOWN';

/**
 * The state of a model on a given day: ACTIVE, LEGACY (still answers, EOL announced),
 * END_OF_LIFE (its Bedrock end-of-life date has passed — requests fail) or UNKNOWN (the
 * catalogue has no lifecycle for it).
 */
export function lifecycleState(model: CatalogModel | undefined, today: Date | string = new Date()): LifecycleState {
  const l = model?.lifecycle;
  if (!l) return 'UNKNOWN';
  if (l.endOfLifeDate && daysBetween(today, l.endOfLifeDate) <= 0) return 'END_OF_LIFE';
  return l.status;
}

const perMillion = (per1k: number | null | undefined): string => {
  if (per1k === null) return 'unknown';
  if (per1k === undefined) return '—';
  const x = per1k * 1000;
  return `$${Number(x.toPrecision(4))}`;
};
const pairText = (p: PricePair | null | undefined): string =>
  p === undefined ? '—' : p === null ? 'unknown' : `${perMillion(p.per1kInputTokens)} / ${perMillion(p.per1kOutputTokens)}`;
const tokensText = (n: number): string =>
  n >= 1_000_000 && n % 100_000 === 0 ? `${n / 1_000_000}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}K` : n.toLocaleString('en-US');

/** The catalogue as a Markdown table (docs/model-catalog.md is generated from it by scripts/update-docs.ts). */
export function catalogMarkdown(catalog: ModelCatalog): string {
  const head =
    '| model id | model | lifecycle (Bedrock) | how Bedrock serves it | context / max output | on-demand $ per 1M in / out | batch | cache read | tiers | emulated TTFT · tokens/s · tier |';
  const rows = catalog.models.map((m) => {
    const l = m.lifecycle;
    const life = !l
      ? 'unknown'
      : l.status === 'LEGACY'
        ? `LEGACY ${l.legacyDate ?? ''} → EOL ${l.endOfLifeDate}`.replace('LEGACY  →', 'LEGACY →')
        : 'ACTIVE';
    const serves = requiresInferenceProfile(m)
      ? `profile only: ${m.inferenceProfiles.map((p) => `\`${p.split('.')[0]}.\``).join(' ')}`
      : m.inferenceProfiles.length
        ? `model id, or ${m.inferenceProfiles.map((p) => `\`${p.split('.')[0]}.\``).join(' ')}`
        : 'model id';
    const tiers = m.features?.serviceTiers?.join(', ') ?? '?';
    return `| \`${m.modelId}\` | ${m.name} (${m.provider}) | ${life} | ${serves} | ${tokensText(m.contextWindow)} / ${tokensText(m.maxOutputTokens)} | ${perMillion(m.pricePer1kInputTokens)} / ${perMillion(m.pricePer1kOutputTokens)} | ${pairText(m.pricing?.batch)} | ${perMillion(m.pricing?.cacheReadPer1kInputTokens)} | ${tiers} | ${m.latency.timeToFirstTokenMs.median} ms · ${m.latency.outputTokensPerSecond.median} · ${m.emulation.tier} |`;
  });
  return [head, '|---|---|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}
