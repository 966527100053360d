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
import { m as messages } from '../../core/i18n/messages';
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

/** What step 5 says instead of a latency figure for answers imported from a batch job (it reports none), in the reader's language. */
export const batchLatency = () => messages().compare.decide.batchLatency;

/** The step-5 messages of the current language (`m()` is shadowed here by the many `m` models). */
const t = () => messages().compare;

const pctText = (x: number | null) => (x === null ? '?' : formatNumber(x, 'change'));
/** A p-value as people write it: "< 0.001" rather than 0.000. */
export const pText = (p: number | null | undefined) => (p === null || p === undefined ? t().notAvailable : formatNumber(p, 'p'));
/** A paired latency verdict in the reader's language. */
export const latencyVerdictText = (v: PairedLatency['verdict']) => t().latencyVerdict[v];
/** A test's name in the reader's language (the tracking CSV keeps the English name). */
export const testText = (test: string) => t().testName({ test });
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
  return t().decide.primary({
    metric: p.metric,
    candidate: num(p.candidate, 'score'),
    source: num(p.source, 'score'),
    n: p.n,
    diff: num(p.diff, 'diff'),
    lower: num(p.lower, 'diff'),
    upper: num(p.upper, 'diff'),
    margin: formatNumber(margin),
    test: testText(p.test),
    p: pText(p.pValue),
    k,
    pHolm: pText(p.pHolm),
    mcnemar: p.mcnemarP !== null ? pText(p.mcnemarP) : null,
  });
}

const batchNote = (m: DecisionModel) => (m.batch === 'emulated' ? t().decide.emulatedOffline : '');

/** The latency half of a verdict: the paired test on the shared items (or why there is none). */
export function latencySentence(m: DecisionModel, source?: DecisionModel): string {
  const l = m.latency;
  const lp = m.latencyPaired;
  const d = t().decide;
  if (m.batch) return d.latencyBatch({ batch: batchLatency(), note: batchNote(m) });
  if (source?.batch) return d.latencySourceBatch({ batch: batchLatency() });
  if (!l || !lp) return d.latencyNotMeasured;
  return d.latency({
    candidate: num(l.candidateMedian, 'ms'),
    source: num(l.sourceMedian, 'ms'),
    change: pctText(l.medianChangePct),
    n: lp.n,
    diff: num(lp.diffMedian, 'ms'),
    lower: num(lp.lower, 'ms'),
    upper: num(lp.upper, 'ms'),
    p: pText(lp.pValue),
    pHolm: pText(lp.pHolm),
    verdict: latencyVerdictText(lp.verdict),
  });
}

/** The constraints that are set, in words ("" when none is). */
export function constraintsText(s: DecisionSettings, primaryMetric: string): string {
  const d = t().decide;
  const parts: string[] = [];
  if (s.monthlyBudgetUsd !== null)
    parts.push(d.budget({ usd: usd(s.monthlyBudgetUsd), requests: formatNumber(s.monthlyRequests, 'count') }));
  if (s.p90LatencyTargetMs !== null) parts.push(d.p90({ ms: formatNumber(s.p90LatencyTargetMs, 'ms') }));
  if (s.minPrimaryMetric !== null) parts.push(d.minimum({ metric: primaryMetric, value: formatNumber(s.minPrimaryMetric, 'score') }));
  return parts.join(', ');
}

/** The settings in one line, as the report prints what it decided with. */
export function settingsText(s: DecisionSettings, primaryMetric: string): string {
  const sum = s.weights.quality + s.weights.latency + s.weights.cost;
  const pct = (w: number) => (sum > 0 ? formatNumber(w / sum, 'percent') : '?');
  const d = t().decide;
  return [
    d.weights({ quality: pct(s.weights.quality), latency: pct(s.weights.latency), cost: pct(s.weights.cost) }),
    d.requestsAMonth({ requests: formatNumber(s.monthlyRequests, 'count') }),
    s.monthlyBudgetUsd === null ? d.noBudget : d.budgetSetting({ usd: usd(s.monthlyBudgetUsd) }),
    s.p90LatencyTargetMs === null ? d.noP90 : d.p90({ ms: formatNumber(s.p90LatencyTargetMs, 'ms') }),
    s.minPrimaryMetric === null
      ? d.noMinimum({ metric: primaryMetric })
      : d.minimum({ metric: primaryMetric, value: formatNumber(s.minPrimaryMetric, 'score') }),
  ].join(' · ');
}

/** The constraints `m` does not meet, in words. A model with no successful call is not checked (it is not evaluated at all). */
export function unmetConstraints(m: DecisionModel, cost: CostFigures, s: DecisionSettings, primaryMetric: string): string[] {
  if (m.successes === 0) return [];
  const d = t().decide;
  const out: string[] = [];
  const budget = s.monthlyBudgetUsd;
  if (budget !== null) {
    if (cost.monthly === null) out.push(d.budgetUnknown({ budget: usd(budget) }));
    else if (cost.monthly > budget) out.push(d.overBudget({ monthly: usd(cost.monthly), budget: usd(budget) }));
  }
  const target = s.p90LatencyTargetMs;
  if (target !== null) {
    if (m.latencyP90Ms === null)
      out.push(d.p90Unknown({ why: m.batch ? batchLatency() : t().notMeasured, target: formatNumber(target, 'ms') }));
    else if (m.latencyP90Ms > target) out.push(d.aboveP90({ p90: formatNumber(m.latencyP90Ms, 'ms'), target: formatNumber(target, 'ms') }));
  }
  const min = s.minPrimaryMetric;
  if (min !== null) {
    if (m.primaryValue === null) out.push(d.minimumUnknown({ metric: primaryMetric, min: formatNumber(min, 'score') }));
    else if (m.primaryValue < min)
      out.push(d.belowMinimum({ metric: primaryMetric, value: formatNumber(m.primaryValue, 'score'), min: formatNumber(min, 'score') }));
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
  const d = t().decide;
  const metric = context.primaryMetric;
  const margin = formatNumber(context.margin);
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
    lines.push(d.noCandidateCall);
  } else if (!hasPrimary(source) || !usable.some(hasPrimary)) {
    lines.push(d.qualityNotMeasured({ who: !hasPrimary(source) ? d.theSource({ model: withId(source) }) : d.anyCandidate, metric }));
  } else if (nonInferior.length === 0) {
    lines.push(d.noneNonInferior({ source: name(source), metric, margin, k: compared.length }));
  } else if (eligible.length === 0) {
    lines.push(
      d.noneWithinConstraints({
        constraints,
        source: name(source),
        metric,
        margin,
        models: nonInferior.map((c) => `${name(c)} — ${c.unmet.join('; ')}`).join('; '),
      }),
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
      d.recommended({
        model: withId(best),
        source: name(source),
        margin,
        evidence: primarySentence(best.primary!, context.margin, compared.length),
      }),
    );
    if (best.ranked.composite === null && eligible.length > 1) {
      const notRanked = t().ranking.notRanked;
      lines.push(d.pickedOnMetric({ metric, notes: best.ranked.notes.filter((n) => n.startsWith(notRanked)).join('; ') || notRanked }));
    }
    lines.push(d.speed({ latency: latencySentence(best, source) }));
    if (costRatio !== null)
      lines.push(
        d.cost({
          batch: Boolean(best.batch),
          per1k: usd(best.cost.costPer1kRequests),
          sourcePer1k: usd(source.cost.costPer1kRequests),
          share: formatNumber(costRatio, 'percent'),
          monthly: usd(best.cost.monthly),
          sourceMonthly: usd(source.cost.monthly),
          requests: formatNumber(settings.monthlyRequests, 'count'),
        }),
      );
    else {
      const unpriced = [best, source]
        .filter((m) => m.cost.costPer1kRequests === null)
        .map((m) => `${name(m)}${m.batch ? d.batchPriceUnknown : ''}`);
      if (unpriced.length) lines.push(d.costUnknown({ models: unpriced.join(` ${t().and} `) }));
    }
    const others = eligible.filter((c) => c !== best).map(name);
    if (others.length) lines.push(d.alsoNonInferior({ metric, constrained: Boolean(constraints), models: others.join(', ') }));
  }
  if (constraints) {
    const out = models.filter((m) => m.unmet.length > 0);
    lines.push(
      d.yourConstraints({
        constraints,
        outside: out.length
          ? out.map((m) => `${name(m)}${m.role === 'source' ? d.theSourceTag : ''} — ${m.unmet.join('; ')}`).join('; ')
          : null,
      }),
    );
  }
  for (const origin of ['emulated', 'bedrock'] as const) {
    const batch = models.filter((m) => m.batch === origin).map(name);
    if (batch.length)
      lines.push(
        d.batchAnswers({ models: batch.join(', '), emulated: origin === 'emulated', latency: batchLatency(), plural: batch.length > 1 }),
      );
  }
  const pareto = models.filter((m) => m.ranked.paretoOptimal).map(name);
  if (pareto.length) lines.push(d.pareto({ constrained: Boolean(constraints), models: pareto.join(', ') }));
  const worse = compared.filter((c) => c.primary!.nonInferior === false).map(name);
  if (worse.length) lines.push(d.notAsGood({ metric, models: worse.join(', ') }));
  // Every candidate is in a verdict list above, or here with the reason it has none.
  const noVerdict = candidates.filter((m) => m.noVerdict);
  if (noVerdict.length) lines.push(d.noVerdict({ metric, models: noVerdict.map((m) => `${withId(m)}: ${m.noVerdict}`).join('; ') }));

  const caveats: string[] = [];
  const n = models.reduce((least, m) => (m.successes > 0 ? Math.min(least, m.successes) : least), Infinity);
  if (Number.isFinite(n)) caveats.push(d.smallSample({ n }));
  const mdd = compared.map((c) => c.primary!.minDetectable).filter((x): x is number => x !== null);
  if (mdd.length)
    caveats.push(
      d.detectable({
        low: formatNumber(
          mdd.reduce((a, b) => Math.min(a, b)),
          'score',
        ),
        high: formatNumber(
          mdd.reduce((a, b) => Math.max(a, b)),
          'score',
        ),
        metric,
      }),
    );
  if (recommended !== null && eligible.length > 1) caveats.push(d.winnersCurse({ k: eligible.length }));
  if (context.offline) caveats.push(d.offline);
  if (context.replayed) caveats.push(context.replayed);
  caveats.push(d.scope({ region: context.region, dataset: context.dataset, generation: context.taskKind === 'generation' }));
  for (const m of models) for (const miss of m.missing) caveats.push(d.missing({ model: withId(m), missing: miss }));
  // Failed calls and judgements, per model: fewer items behind its figures, and errors worth a look.
  for (const m of models) if (m.failures) caveats.push(d.failures({ model: withId(m), failures: m.failures }));
  const unpricedOf = (batch: boolean) =>
    models.filter((m) => m.successes > 0 && m.cost.costPer1kRequests === null && Boolean(m.batch) === batch).map(withId);
  if (unpricedOf(false).length) caveats.push(d.costUnknownCaveat({ models: unpricedOf(false).join(', ') }));
  if (unpricedOf(true).length) caveats.push(d.batchCostUnknownCaveat({ models: unpricedOf(true).join(', ') }));
  for (const c of rankingCaveats(models.map((m) => m.ranked))) caveats.push(c);
  return { recommended, recommendation: lines, caveats };
}

/** The cells of the side-by-side table that the settings change (the report's controls rewrite exactly these), headed in the reader's language. */
export function decisionColumns(): [string, string, string, string] {
  const h = t().table;
  return [h.monthly, h.composite, h.rank, h.pareto];
}

/** Those cells for one model, keyed by `decisionColumns()`. */
export function decisionCells(m: DecisionModel, d: ModelDecision): Record<string, string | number | null> {
  const [monthly, composite, rank, pareto] = decisionColumns();
  return {
    [monthly]: d.cost.monthly === null && m.successes > 0 ? t().unknown : formatOrNull(d.cost.monthly, 'usd'),
    [composite]: formatOrNull(d.ranked.composite, 'score'),
    [rank]: d.unmet.length ? t().table.excluded({ why: d.unmet.join('; ') }) : d.ranked.rank,
    [pareto]: d.ranked.paretoOptimal ? t().yes : '',
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
