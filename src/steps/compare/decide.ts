/**
 * Step 5's decision, from evidence already computed: the costs at the monthly volume, the
 * constraints (a monthly budget, a P90 latency target, a minimum of the primary metric), the
 * ranking and the Pareto front, and the recommendation with what decided it and what the data
 * cannot tell.
 *
 * Its input is plain data (`DecisionInput`, JSON): what `compareModels` measured and tested —
 * the paired tests, their intervals, the Holm-adjusted non-inferiority at the configured
 * margin — none of which depends on the settings here. So the same decision can be taken
 * again with other settings without re-reading a result file or re-running a test: notebook
 * 05 calls `decide` through `compareModels`, and the report's what-if controls call this very
 * module in the browser (bundled into report.html by `report-app-bundle.ts`). That is why it
 * imports no Node.js module.
 *
 * @example
 * const d = decide(comparison.decisionInput, { ...comparison.settings, monthlyBudgetUsd: 50 });
 * d.recommended      // the model picked under a $50 monthly budget (null when none qualifies)
 * d.recommendation   // the sentences, as notebook 05 and the report print them
 */
import { formatNumber, formatOrNull, usd } from '../../core/format';
import type { LatencyComparison } from './comparison';
import { costFiguresOf, type CostFigures } from './cost';
import type { PairedLatency, PairedQuality } from './paired';
import { rankingCaveats, rankModels, type Ranked, type Weights } from './ranking';

/** What the reader decides, not the data: `compare` in workshop.config.json, less the margin (the tests used it). */
export interface DecisionSettings {
  weights: Weights;
  monthlyRequests: number;
  monthlyBudgetUsd: number | null;
  p90LatencyTargetMs: number | null;
  minPrimaryMetric: number | null;
}

/** One model's evidence, as plain data. */
export interface DecisionModel {
  model: string;
  /** Its catalogue name, unique among the models. */
  name: string;
  role: 'source' | 'candidate';
  successes: number;
  /** What is missing for this model (step 3 or 4 not run, …), in words. */
  missing: string[];
  /** The answers came from a Bedrock batch job (`emulated` offline): no latency. */
  batch: 'emulated' | 'bedrock' | null;
  /** The task's primary metric (0–1), unpaired. */
  primaryValue: number | null;
  latencyP50Ms: number | null;
  latencyP90Ms: number | null;
  /** Mean measured cost of a successful call, USD. */
  costPerRequest: number | null;
  /** Unpaired latency figures against the source (null for the source). */
  latency: LatencyComparison | null;
  /** Paired latency test, Holm-corrected (null for the source). */
  latencyPaired: PairedLatency | null;
  /** Paired non-inferiority on the primary metric, Holm-corrected (null for the source). */
  primary: PairedQuality | null;
  /** Failed calls (step 3) and judgements (step 4) with their error types, in words — null when none failed. */
  failures: string | null;
  /** Why a candidate has no non-inferiority verdict (e.g. "1 paired item …; the test needs at least 2"), or null. */
  noVerdict: string | null;
}

/** What the sentences need to know about the run. */
export interface DecisionContext {
  primaryMetric: string;
  taskKind: 'generation' | 'classification';
  /** The non-inferiority margin the paired tests used. */
  margin: number;
  offline: boolean;
  /** A replayed recording's caveat (cassette, date, what the emulator answered), or null when nothing was replayed. */
  replayed?: string | null;
  region: string;
  dataset: string;
}

export interface DecisionInput {
  context: DecisionContext;
  models: DecisionModel[];
}

export interface ModelDecision {
  model: string;
  cost: CostFigures;
  ranked: Ranked;
  /** The constraints this model does not meet, in words (empty: it meets every one set). */
  unmet: string[];
}

export interface Decision {
  settings: DecisionSettings;
  /** The recommended model's id (null when none is). */
  recommended: string | null;
  recommendation: string[];
  caveats: string[];
  /** In the order of the input's models. */
  models: ModelDecision[];
}

/** What step 5 says instead of a latency figure for answers imported from a batch job (it reports none). */
export const BATCH_LATENCY = 'not measured — batch inference';

const pctText = (x: number | null) => (x === null ? '?' : formatNumber(x, 'change'));
/** A p-value as people write it: "< 0.001" rather than 0.000. */
export const pText = (p: number | null | undefined) => (p === null || p === undefined ? 'n/a' : formatNumber(p, 'p'));
/** A number the way every table and sentence shows it ('?' when missing). */
const num = (x: number | null | undefined, kind: Parameters<typeof formatNumber>[1]) => formatNumber(x, kind) || '?';

/** The decision's settings from a `compare` block (the constraints default to none). */
export function decisionSettingsOf(s: {
  weights: Weights;
  monthlyRequests: number;
  monthlyBudgetUsd?: number | null;
  p90LatencyTargetMs?: number | null;
  minPrimaryMetric?: number | null;
}): DecisionSettings {
  return {
    weights: { quality: s.weights.quality, latency: s.weights.latency, cost: s.weights.cost },
    monthlyRequests: s.monthlyRequests,
    monthlyBudgetUsd: s.monthlyBudgetUsd ?? null,
    p90LatencyTargetMs: s.p90LatencyTargetMs ?? null,
    minPrimaryMetric: s.minPrimaryMetric ?? null,
  };
}

/** One sentence: what decided it — the primary metric's paired difference and interval, the test, the correction, and n. */
export function primarySentence(p: PairedQuality, margin: number, k: number): string {
  return `${p.metric} ${num(p.candidate, 'score')} vs ${num(p.source, 'score')} on ${p.n} paired items (difference ${num(p.diff, 'diff')}, paired 95% CI ${num(p.lower, 'diff')} to ${num(p.upper, 'diff')}; non-inferiority margin ${margin}: ${p.test}, one-sided p ${pText(p.pValue)}, Holm-adjusted over ${k} candidate(s) ${pText(p.pHolm)}${p.mcnemarP !== null ? `; McNemar exact p ${pText(p.mcnemarP)}` : ''})`;
}

const batchNote = (m: DecisionModel) => (m.batch === 'emulated' ? ' (emulated offline)' : '');

/** The latency half of a verdict: the paired test on the shared items (or why there is none). */
export function latencySentence(m: DecisionModel, source?: DecisionModel): string {
  const l = m.latency;
  const lp = m.latencyPaired;
  if (m.batch) return `latency ${BATCH_LATENCY}${batchNote(m)}: a batch job reports no latency, so none is compared`;
  if (source?.batch) return `latency not compared: the source's answers came from batch inference (${BATCH_LATENCY})`;
  if (!l || !lp) return 'latency: not measured';
  return `median latency ${num(l.candidateMedian, 'ms')} ms vs ${num(l.sourceMedian, 'ms')} ms (${pctText(l.medianChangePct)}); paired on ${lp.n} items, median difference ${num(lp.diffMedian, 'ms')} ms (95% CI ${num(lp.lower, 'ms')} to ${num(lp.upper, 'ms')}), Wilcoxon signed-rank p ${pText(lp.pValue)}, Holm-adjusted ${pText(lp.pHolm)}: ${lp.verdict}`;
}

/** The constraints that are set, in words ("" when none is). */
export function constraintsText(s: DecisionSettings, primaryMetric: string): string {
  const parts: string[] = [];
  if (s.monthlyBudgetUsd !== null)
    parts.push(`a monthly budget of ${usd(s.monthlyBudgetUsd)} at ${formatNumber(s.monthlyRequests, 'count')} requests`);
  if (s.p90LatencyTargetMs !== null) parts.push(`P90 latency ≤ ${formatNumber(s.p90LatencyTargetMs, 'ms')} ms`);
  if (s.minPrimaryMetric !== null) parts.push(`${primaryMetric} ≥ ${formatNumber(s.minPrimaryMetric, 'score')}`);
  return parts.join(', ');
}

/** The settings in one line, as the report prints what it decided with. */
export function settingsText(s: DecisionSettings, primaryMetric: string): string {
  const sum = s.weights.quality + s.weights.latency + s.weights.cost;
  const pct = (w: number) => (sum > 0 ? formatNumber(w / sum, 'percent') : '?');
  return [
    `weights quality ${pct(s.weights.quality)}, latency ${pct(s.weights.latency)}, cost ${pct(s.weights.cost)}`,
    `${formatNumber(s.monthlyRequests, 'count')} requests a month`,
    s.monthlyBudgetUsd === null ? 'no monthly budget' : `monthly budget ${usd(s.monthlyBudgetUsd)}`,
    s.p90LatencyTargetMs === null ? 'no P90 latency target' : `P90 latency ≤ ${formatNumber(s.p90LatencyTargetMs, 'ms')} ms`,
    s.minPrimaryMetric === null ? `no minimum ${primaryMetric}` : `${primaryMetric} ≥ ${formatNumber(s.minPrimaryMetric, 'score')}`,
  ].join(' · ');
}

/** The constraints `m` does not meet, in words. A model with no successful call is not checked (it is not evaluated at all). */
export function unmetConstraints(m: DecisionModel, cost: CostFigures, s: DecisionSettings, primaryMetric: string): string[] {
  if (m.successes === 0) return [];
  const out: string[] = [];
  const budget = s.monthlyBudgetUsd;
  if (budget !== null) {
    if (cost.monthly === null) out.push(`monthly cost unknown, so the ${usd(budget)} budget cannot be checked`);
    else if (cost.monthly > budget) out.push(`${usd(cost.monthly)} a month, over the ${usd(budget)} budget`);
  }
  const target = s.p90LatencyTargetMs;
  if (target !== null) {
    if (m.latencyP90Ms === null)
      out.push(`P90 latency ${m.batch ? BATCH_LATENCY : 'not measured'}, so the ${formatNumber(target, 'ms')} ms target cannot be checked`);
    else if (m.latencyP90Ms > target)
      out.push(`P90 latency ${formatNumber(m.latencyP90Ms, 'ms')} ms, above the ${formatNumber(target, 'ms')} ms target`);
  }
  const min = s.minPrimaryMetric;
  if (min !== null) {
    if (m.primaryValue === null) out.push(`${primaryMetric} not measured, so the minimum ${formatNumber(min, 'score')} cannot be checked`);
    else if (m.primaryValue < min)
      out.push(`${primaryMetric} ${formatNumber(m.primaryValue, 'score')}, below the minimum ${formatNumber(min, 'score')}`);
  }
  return out;
}

type Row = DecisionModel & ModelDecision;

/** Take the decision on `input` with `settings`: costs, constraints, ranking, Pareto front, recommendation and caveats. */
export function decide(input: DecisionInput, settings: DecisionSettings): Decision {
  const { context } = input;
  const source = input.models.find((m) => m.role === 'source');
  if (!source) throw new Error('decide: the input has no source model.');
  const costs = input.models.map((m) => costFiguresOf(m.costPerRequest, settings.monthlyRequests));
  const unmet = input.models.map((m, i) => unmetConstraints(m, costs[i], settings, context.primaryMetric));
  // Rank on the task's primary metric, median latency and cost per request, relative to the source.
  const ranked = rankModels(
    input.models.map((m, i) => ({
      model: m.model,
      quality: m.primaryValue,
      latencyMs: m.latencyP50Ms,
      cost: costs[i].costPer1kRequests,
      excluded: unmet[i],
    })),
    settings.weights,
    source.model,
  );
  const models = input.models.map((m, i): ModelDecision => ({ model: m.model, cost: costs[i], ranked: ranked[i], unmet: unmet[i] }));
  const rows: Row[] = input.models.map((m, i) => ({ ...m, ...models[i] }));
  return { settings, models, ...recommend(context, rows, settings) };
}

function recommend(
  context: DecisionContext,
  models: Row[],
  settings: DecisionSettings,
): { recommended: string | null; recommendation: string[]; caveats: string[] } {
  const metric = context.primaryMetric;
  const source = models.find((m) => m.role === 'source')!;
  const name = (m: Row) => m.name;
  // The recommended one and the caveats name models also by id.
  const withId = (m: Row) => (m.name === m.model ? m.model : `${m.name} (${m.model})`);
  let recommended: string | null = null;
  const candidates = models.filter((m) => m.role === 'candidate');
  const lines: string[] = [];
  const compared = candidates.filter((c) => c.primary && c.primary.pValue !== null);
  const nonInferior = compared.filter((c) => c.primary!.nonInferior === true);
  const eligible = nonInferior.filter((c) => c.unmet.length === 0);
  const usable = candidates.filter((c) => c.successes > 0);
  const hasPrimary = (m: Row) => m.primaryValue !== null;
  const constraints = constraintsText(settings, metric);
  if (usable.length === 0) {
    lines.push('No candidate has a successful call yet: nothing can be recommended. Check model access (step 1) and re-run steps 3 and 4.');
  } else if (!hasPrimary(source) || !usable.some(hasPrimary)) {
    lines.push(
      `Quality was not measured for ${!hasPrimary(source) ? `the source (${withId(source)})` : 'any candidate'} — step 4 produced no ${metric} (its quality_status and the caveats below say why, e.g. a judge model denied in step 1): no recommendation can rest on quality. Latency and cost are compared below; re-run step 4 once the judge answers.`,
    );
  } else if (nonInferior.length === 0) {
    lines.push(
      `No candidate is shown to be non-inferior to ${name(source)} on ${metric} within a margin of ${context.margin} (paired tests, Holm-corrected over ${compared.length} candidate(s)): keep the source model, or collect more evidence before migrating.`,
    );
  } else if (eligible.length === 0) {
    lines.push(
      `No candidate meets your constraints (${constraints}) among those shown to be non-inferior to ${name(source)} on ${metric} within ${context.margin}: ${nonInferior.map((c) => `${name(c)} — ${c.unmet.join('; ')}`).join('; ')}. Keep the source model, or relax a constraint.`,
    );
  } else {
    // Composites are improvements over the source and can be below −1: an unranked model sorts last.
    // Unranked models (a criterion unknown, e.g. latency of batch answers) after the ranked ones, by their paired difference.
    const best = [...eligible].sort(
      (a, b) =>
        (b.ranked.composite ?? -Infinity) - (a.ranked.composite ?? -Infinity) ||
        (b.primary!.diff ?? -Infinity) - (a.primary!.diff ?? -Infinity),
    )[0];
    const costRatio =
      source.cost.costPer1kRequests && best.cost.costPer1kRequests ? best.cost.costPer1kRequests / source.cost.costPer1kRequests : null;
    recommended = best.model;
    lines.push(
      `Recommended: ${withId(best)}. On the task's primary metric it is not worse than ${name(source)} within ${context.margin}: ${primarySentence(best.primary!, context.margin, compared.length)}.`,
    );
    if (best.ranked.composite === null && eligible.length > 1)
      lines.push(
        `Picked on ${metric} alone (the largest paired difference): no non-inferior candidate has a composite score — ${best.ranked.notes.filter((n) => n.startsWith('not ranked')).join('; ') || 'not ranked'}.`,
      );
    lines.push(`Speed: ${latencySentence(best, source)}.`);
    if (costRatio !== null)
      lines.push(
        `Cost${best.batch ? ' (at the batch price)' : ''}: ${usd(best.cost.costPer1kRequests)} per 1,000 requests vs ${usd(source.cost.costPer1kRequests)} (${formatNumber(costRatio, 'percent')} of the source), about ${usd(best.cost.monthly)} vs ${usd(source.cost.monthly)} a month at ${formatNumber(settings.monthlyRequests, 'count')} requests.`,
      );
    else {
      const unpriced = [best, source]
        .filter((m) => m.cost.costPer1kRequests === null)
        .map((m) => `${name(m)}${m.batch ? ' (batch price unknown)' : ''}`);
      if (unpriced.length)
        lines.push(
          `Cost: unknown — no price is known for ${unpriced.join(' and ')} (data/model_catalog.json), so the cost comparison cannot be made.`,
        );
    }
    const others = eligible.filter((c) => c !== best).map(name);
    if (others.length)
      lines.push(`Also non-inferior on ${metric}${constraints ? ' and within your constraints' : ''}: ${others.join(', ')}.`);
  }
  if (constraints) {
    const out = models.filter((m) => m.unmet.length > 0);
    lines.push(
      `Your constraints: ${constraints}. ${out.length ? `Not meeting them (so not recommended, ranked or on the Pareto front): ${out.map((m) => `${name(m)}${m.role === 'source' ? ' (the source)' : ''} — ${m.unmet.join('; ')}`).join('; ')}.` : 'Every evaluated model meets them.'}`,
    );
  }
  for (const origin of ['emulated', 'bedrock'] as const) {
    const batch = models.filter((m) => m.batch === origin).map(name);
    if (batch.length)
      lines.push(
        `The answers of ${batch.join(', ')} came from Bedrock batch inference (${origin === 'emulated' ? 'EMULATED offline by the local endpoint' : 'imported from Bedrock batch jobs'}): judged, and costed at the batch price where the catalogue has one, but a batch job reports no latency — latency ${BATCH_LATENCY}, so ${batch.length > 1 ? 'they are' : 'it is'} not ranked while latency has a weight (set compare.weights.latency to 0 to rank on quality and cost).`,
      );
  }
  const pareto = models.filter((m) => m.ranked.paretoOptimal).map(name);
  if (pareto.length)
    lines.push(
      `Pareto-optimal on quality, latency and cost${constraints ? ' among the models that meet your constraints' : ''} (no other model is at least as good on all three and strictly better on one): ${pareto.join(', ')}.`,
    );
  const worse = compared.filter((c) => c.primary!.nonInferior === false).map(name);
  if (worse.length) lines.push(`Not shown to be as good as the source on ${metric}: ${worse.join(', ')}.`);
  // Every candidate is in a verdict list above, or here with the reason it has none.
  const noVerdict = candidates.filter((m) => m.noVerdict);
  if (noVerdict.length) lines.push(`No verdict on ${metric} for ${noVerdict.map((m) => `${withId(m)}: ${m.noVerdict}`).join('; ')}.`);

  const caveats: string[] = [];
  const n = models.reduce((least, m) => (m.successes > 0 ? Math.min(least, m.successes) : least), Infinity);
  if (Number.isFinite(n))
    caveats.push(
      `Small sample: as few as ${n} successful calls per model — intervals are wide; production decisions need more calls, on several days.`,
    );
  const mdd = compared.map((c) => c.primary!.minDetectable).filter((x): x is number => x !== null);
  if (mdd.length)
    caveats.push(
      `What this n can show: with these items and their spread, a real difference smaller than about ${formatNumber(
        mdd.reduce((a, b) => Math.min(a, b)),
        'score',
      )}–${formatNumber(
        mdd.reduce((a, b) => Math.max(a, b)),
        'score',
      )} on ${metric} (margin included) would usually go undetected (80% power, one-sided 2.5%) — "not shown non-inferior" is not "shown worse".`,
    );
  if (recommended !== null && eligible.length > 1)
    caveats.push(
      `The recommended model was picked as the best of ${eligible.length} non-inferior candidates: its advantage on this sample is likely a little optimistic (the winner's curse) — confirm it on fresh documents before migrating.`,
    );
  if (context.offline)
    caveats.push(
      'OFFLINE: the answers come from emulated models with invented habits (docs/local-endpoint.md), latencies are emulated from published figures and quality comes from a heuristic judge — these results teach the workflow; they do not describe the real models and are no basis for choosing one.',
    );
  if (context.replayed) caveats.push(context.replayed);
  caveats.push(
    `One region (${context.region}) and one dataset (${context.dataset})${context.taskKind === 'generation' ? '; an LLM judge cannot check facts that are not in the document' : ''}.`,
  );
  for (const m of models) for (const miss of m.missing) caveats.push(`${withId(m)}: ${miss}.`);
  // Failed calls and judgements, per model: fewer items behind its figures, and errors worth a look.
  for (const m of models)
    if (m.failures)
      caveats.push(
        `Failures for ${withId(m)}: ${m.failures} — its figures rest on the rest (the step-3 log and the step-4 result file name each error).`,
      );
  const unpricedOf = (batch: boolean) =>
    models.filter((m) => m.successes > 0 && m.cost.costPer1kRequests === null && Boolean(m.batch) === batch).map(withId);
  if (unpricedOf(false).length)
    caveats.push(
      `Cost unknown for ${unpricedOf(false).join(', ')}: the model catalogue has no price for it (data/model_catalog.json), so its cost shows as unknown — never 0.`,
    );
  if (unpricedOf(true).length)
    caveats.push(
      `Cost unknown for ${unpricedOf(true).join(', ')}: batch price unknown — the catalogue has no batch price for it (pricing.batch in data/model_catalog.json; check that Bedrock offers it in batch), so its cost shows as unknown — never 0, and never the on-demand price.`,
    );
  for (const c of rankingCaveats(models.map((m) => m.ranked))) caveats.push(c);
  return { recommended, recommendation: lines, caveats };
}

/** The cells of the side-by-side table that the settings change (the report's controls rewrite exactly these). */
export const DECISION_COLUMNS = ['$ / month', 'composite', 'rank', 'pareto'] as const;

/** Those cells for one model. */
export function decisionCells(m: DecisionModel, d: ModelDecision): Record<(typeof DECISION_COLUMNS)[number], string | number | null> {
  return {
    '$ / month': d.cost.monthly === null && m.successes > 0 ? 'unknown' : formatOrNull(d.cost.monthly, 'usd'),
    composite: formatOrNull(d.ranked.composite, 'score'),
    rank: d.unmet.length ? `excluded: ${d.unmet.join('; ')}` : d.ranked.rank,
    pareto: d.ranked.paretoOptimal ? 'yes' : '',
  };
}

/** The keys of `compare` in workshop.config.json, in the file's order, with how each reads. */
const SETTING_KEYS: { key: string; get: (s: DecisionSettings) => number | null }[] = [
  { key: 'weights.quality', get: (s) => s.weights.quality },
  { key: 'weights.latency', get: (s) => s.weights.latency },
  { key: 'weights.cost', get: (s) => s.weights.cost },
  { key: 'monthlyRequests', get: (s) => s.monthlyRequests },
  { key: 'monthlyBudgetUsd', get: (s) => s.monthlyBudgetUsd },
  { key: 'p90LatencyTargetMs', get: (s) => s.p90LatencyTargetMs },
  { key: 'minPrimaryMetric', get: (s) => s.minPrimaryMetric },
];

/** The settings of `current` that differ from `configured`, as `compare.<key>` with both values. */
export function changedSettings(
  configured: DecisionSettings,
  current: DecisionSettings,
): { key: string; configured: number | null; current: number | null }[] {
  return SETTING_KEYS.filter(({ get }) => get(configured) !== get(current)).map(({ key, get }) => ({
    key: `compare.${key}`,
    configured: get(configured),
    current: get(current),
  }));
}

/** `"compare": {…}` with `settings` and the configured margin, to paste into workshop.config.json. */
export function compareBlock(settings: DecisionSettings, margin: number): string {
  const block = {
    weights: settings.weights,
    margin,
    monthlyRequests: settings.monthlyRequests,
    monthlyBudgetUsd: settings.monthlyBudgetUsd,
    p90LatencyTargetMs: settings.p90LatencyTargetMs,
    minPrimaryMetric: settings.minPrimaryMetric,
  };
  const body = Object.entries(block)
    .map(
      ([k, v]) =>
        `    ${JSON.stringify(k)}: ${JSON.stringify(v).replace(/,"/g, ', "').replace(/":/g, '": ').replace(/^\{/, '{ ').replace(/\}$/, ' }')}`,
    )
    .join(',\n');
  return `  "compare": {\n${body}\n  }`;
}
