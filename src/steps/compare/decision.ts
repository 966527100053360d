/**
 * Step 5 put together: comparisons against the source, the ranking, and the recommendation
 * sentences — each claim with its evidence, and what the data cannot tell.
 */
import dayjs from 'dayjs';
import type { CompareConfig } from '../../core/config';
import type { WorkshopSession } from '../../runs/session';
import { percentile } from '../../core/stats';
import { formatNumber, formatOrNull, formatRange, usd } from '../../core/format';
import { namer } from '../../core/model-names';
import { upsertModelRow } from '../../core/tracking';
import { compareLatency, compareMetric, costFigures, type CostFigures, type LatencyComparison, type MetricComparison } from './comparison';
import { applyHolm, compareLatencyPaired, comparePrimaryPaired, type PairedLatency, type PairedQuality } from './paired';
import { loadEvidence, type ModelEvidence } from './evidence';
import { rankingCaveats, rankModels, type Ranked } from './ranking';

/** Weights, non-inferiority margin and monthly volume: `compare` in workshop.config.json. */
export type CompareSettings = CompareConfig;

export interface ModelComparison {
  model: string;
  role: 'source' | 'candidate';
  evidence: ModelEvidence;
  /** Unpaired figures for display (medians, P90, TTFT, % change). */
  latency: LatencyComparison | null;
  /** Paired latency comparison on the shared items, Holm-corrected across candidates. */
  latencyPaired: PairedLatency | null;
  /** Per judge metric, for display (unpaired means). */
  quality: MetricComparison[];
  overall: MetricComparison | null;
  /** The task's primary metric, paired non-inferiority with Holm: what the decision rests on. */
  primary: PairedQuality | null;
  cost: CostFigures;
  ranked: Ranked;
}

export interface Comparison {
  source: string;
  /** The recommended model's id (null when none is). */
  recommended: string | null;
  /** The task's primary metric (judge_overall, accuracy, macro_f1). */
  primaryMetric: string;
  models: ModelComparison[];
  recommendation: string[];
  caveats: string[];
  settings: CompareSettings;
}

const pctText = (x: number | null) => (x === null ? '?' : formatNumber(x, 'change'));
/** A p-value as people write it: "< 0.001" rather than 0.000. */
export const pText = (p: number | null | undefined) => (p === null || p === undefined ? 'n/a' : formatNumber(p, 'p'));
/** A number the way every table and sentence shows it ('?' when missing). */
const num = (x: number | null | undefined, kind: Parameters<typeof formatNumber>[1]) => formatNumber(x, kind) || '?';

export function compareModels(session: WorkshopSession, settings: CompareSettings = session.config.compare): Comparison {
  const evidence = loadEvidence(session);
  const source = evidence.find((e) => e.role === 'source')!;
  const task = session.config.taskSpec;
  // 1. Rank on the task's primary metric, latency and cost (relative to the source).
  const ranked = rankModels(
    evidence.map((e) => ({
      model: e.model,
      quality: e.primary?.value ?? null,
      latencyMs: percentile(e.latencyMs, 0.5),
      cost: costFigures(e.costs, settings.monthlyRequests).costPer1kRequests,
    })),
    settings.weights,
    source.model,
  );
  // 2. Each candidate against the source: paired on the shared items, then Holm across candidates.
  const kind = task.kind === 'classification' ? 'right/wrong' : 'scores';
  const models = evidence.map((e, i): ModelComparison => {
    const isSource = e.role === 'source';
    const metrics = Object.keys(e.quality).filter((k) => k !== 'overall');
    const paired = !isSource && e.primary && source.primary;
    return {
      model: e.model,
      role: e.role,
      evidence: e,
      latency: isSource ? null : compareLatency(source.latencyMs, e.latencyMs, source.ttftMs, e.ttftMs),
      latencyPaired: isSource ? null : compareLatencyPaired(source.latencyByItem, e.latencyByItem),
      quality: isSource ? [] : metrics.map((m) => compareMetric(m, source.quality[m] ?? [], e.quality[m] ?? [], settings.margin)),
      overall: isSource ? null : compareMetric('overall', source.quality.overall ?? [], e.quality.overall ?? [], settings.margin),
      primary: paired ? comparePrimaryPaired(task.primaryMetric, kind, source.primaryByItem, e.primaryByItem, settings.margin) : null,
      cost: costFigures(e.costs, settings.monthlyRequests),
      ranked: ranked[i],
    };
  });
  const candidates = models.filter((m) => m.role === 'candidate');
  applyHolm(
    candidates.map((m) => m.primary),
    candidates.map((m) => m.latencyPaired),
  );
  return { source: source.model, primaryMetric: task.primaryMetric, models, ...recommend(session, models, settings), settings };
}

/** One sentence: what decided it — the primary metric's paired difference and interval, the test, the correction, and n. */
function primarySentence(m: ModelComparison, settings: CompareSettings, k: number): string {
  const p = m.primary!;
  return `${p.metric} ${num(p.candidate, 'score')} vs ${num(p.source, 'score')} on ${p.n} paired items (difference ${num(p.diff, 'diff')}, paired 95% CI ${num(p.lower, 'diff')} to ${num(p.upper, 'diff')}; non-inferiority margin ${settings.margin}: ${p.test}, one-sided p ${pText(p.pValue)}, Holm-adjusted over ${k} candidate(s) ${pText(p.pHolm)}${p.mcnemarP !== null ? `; McNemar exact p ${pText(p.mcnemarP)}` : ''})`;
}

/** What step 5 says instead of a latency figure for answers imported from a batch job (it reports none). */
export const BATCH_LATENCY = 'not measured — batch inference';
const batchNote = (m: ModelComparison) => (m.evidence.batch === 'emulated' ? ' (emulated offline)' : '');

function latencySentence(m: ModelComparison, source?: ModelComparison): string {
  const l = m.latency;
  const lp = m.latencyPaired;
  if (m.evidence.batch) return `latency ${BATCH_LATENCY}${batchNote(m)}: a batch job reports no latency, so none is compared`;
  if (source?.evidence.batch) return `latency not compared: the source's answers came from batch inference (${BATCH_LATENCY})`;
  if (!l || !lp) return 'latency: not measured';
  return `median latency ${num(l.candidateMedian, 'ms')} ms vs ${num(l.sourceMedian, 'ms')} ms (${pctText(l.medianChangePct)}); paired on ${lp.n} items, median difference ${num(lp.diffMedian, 'ms')} ms (95% CI ${num(lp.lower, 'ms')} to ${num(lp.upper, 'ms')}), Wilcoxon signed-rank p ${pText(lp.pValue)}, Holm-adjusted ${pText(lp.pHolm)}: ${lp.verdict}`;
}

function recommend(
  session: WorkshopSession,
  models: ModelComparison[],
  settings: CompareSettings,
): { recommended: string | null; recommendation: string[]; caveats: string[] } {
  const source = models.find((m) => m.role === 'source')!;
  // Models by their catalogue names; the recommended one and the caveats also with the id.
  const name = namer(models.map((m) => m.model));
  const withId = (id: string) => (name(id) === id ? id : `${name(id)} (${id})`);
  let recommended: string | null = null;
  const candidates = models.filter((m) => m.role === 'candidate');
  const task = session.config.taskSpec;
  const lines: string[] = [];
  const compared = candidates.filter((c) => c.primary && c.primary.pValue !== null);
  const nonInferior = compared.filter((c) => c.primary!.nonInferior === true);
  const usable = candidates.filter((c) => c.evidence.successes > 0);
  const hasPrimary = (m: ModelComparison) => m.evidence.primary !== null;
  if (usable.length === 0) {
    lines.push('No candidate has a successful call yet: nothing can be recommended. Check model access (step 1) and re-run steps 3 and 4.');
  } else if (!hasPrimary(source) || !usable.some(hasPrimary)) {
    lines.push(
      `Quality was not measured for ${!hasPrimary(source) ? `the source (${withId(source.model)})` : 'any candidate'} — step 4 produced no ${task.primaryMetric} (its quality_status and the caveats below say why, e.g. a judge model denied in step 1): no recommendation can rest on quality. Latency and cost are compared below; re-run step 4 once the judge answers.`,
    );
  } else if (nonInferior.length === 0) {
    lines.push(
      `No candidate is shown to be non-inferior to ${name(source.model)} on ${task.primaryMetric} within a margin of ${settings.margin} (paired tests, Holm-corrected over ${compared.length} candidate(s)): keep the source model, or collect more evidence before migrating.`,
    );
  } else {
    // Composites are improvements over the source and can be below −1: an unranked model sorts last.
    // Unranked models (a criterion unknown, e.g. latency of batch answers) after the ranked ones, by their paired difference.
    const best = [...nonInferior].sort(
      (a, b) =>
        (b.ranked.composite ?? -Infinity) - (a.ranked.composite ?? -Infinity) ||
        (b.primary!.diff ?? -Infinity) - (a.primary!.diff ?? -Infinity),
    )[0];
    const costRatio =
      source.cost.costPer1kRequests && best.cost.costPer1kRequests ? best.cost.costPer1kRequests / source.cost.costPer1kRequests : null;
    recommended = best.model;
    lines.push(
      `Recommended: ${withId(best.model)}. On the task's primary metric it is not worse than ${name(source.model)} within ${settings.margin}: ${primarySentence(best, settings, compared.length)}.`,
    );
    if (best.ranked.composite === null && nonInferior.length > 1)
      lines.push(
        `Picked on ${task.primaryMetric} alone (the largest paired difference): no non-inferior candidate has a composite score — ${best.ranked.notes.filter((n) => n.startsWith('not ranked')).join('; ') || 'not ranked'}.`,
      );
    lines.push(`Speed: ${latencySentence(best, source)}.`);
    if (costRatio !== null)
      lines.push(
        `Cost${best.evidence.batch ? ' (at the batch price)' : ''}: ${usd(best.cost.costPer1kRequests)} per 1,000 requests vs ${usd(source.cost.costPer1kRequests)} (${formatNumber(costRatio, 'percent')} of the source), about ${usd(best.cost.monthly)} vs ${usd(source.cost.monthly)} a month at ${formatNumber(settings.monthlyRequests, 'count')} requests.`,
      );
    else {
      const unpriced = [best, source]
        .filter((m) => m.cost.costPer1kRequests === null)
        .map((m) => `${name(m.model)}${m.evidence.batch ? ' (batch price unknown)' : ''}`);
      if (unpriced.length)
        lines.push(
          `Cost: unknown — no price is known for ${unpriced.join(' and ')} (data/model_catalog.json), so the cost comparison cannot be made.`,
        );
    }
    const others = nonInferior.filter((c) => c !== best).map((c) => name(c.model));
    if (others.length) lines.push(`Also non-inferior on ${task.primaryMetric}: ${others.join(', ')}.`);
  }
  for (const origin of ['emulated', 'bedrock'] as const) {
    const batch = models.filter((m) => m.evidence.batch === origin).map((m) => name(m.model));
    if (batch.length)
      lines.push(
        `The answers of ${batch.join(', ')} came from Bedrock batch inference (${origin === 'emulated' ? 'EMULATED offline by the local endpoint' : 'imported from Bedrock batch jobs'}): judged, and costed at the batch price where the catalogue has one, but a batch job reports no latency — latency ${BATCH_LATENCY}, so ${batch.length > 1 ? 'they are' : 'it is'} not ranked while latency has a weight (set compare.weights.latency to 0 to rank on quality and cost).`,
      );
  }
  const pareto = models.filter((m) => m.ranked.paretoOptimal).map((m) => name(m.model));
  if (pareto.length)
    lines.push(
      `Pareto-optimal on quality, latency and cost (no other model is at least as good on all three and strictly better on one): ${pareto.join(', ')}.`,
    );
  const worse = compared.filter((c) => c.primary!.nonInferior === false).map((c) => name(c.model));
  if (worse.length) lines.push(`Not shown to be as good as the source on ${task.primaryMetric}: ${worse.join(', ')}.`);

  const caveats: string[] = [];
  const n = Math.min(...models.map((m) => m.evidence.successes).filter((x) => x > 0));
  if (Number.isFinite(n))
    caveats.push(
      `Small sample: as few as ${n} successful calls per model — intervals are wide; production decisions need more calls, on several days.`,
    );
  const mdd = compared.map((c) => c.primary!.minDetectable).filter((x): x is number => x !== null);
  if (mdd.length)
    caveats.push(
      `What this n can show: with these items and their spread, a real difference smaller than about ${formatNumber(Math.min(...mdd), 'score')}–${formatNumber(Math.max(...mdd), 'score')} on ${task.primaryMetric} (margin included) would usually go undetected (80% power, one-sided 2.5%) — "not shown non-inferior" is not "shown worse".`,
    );
  if (nonInferior.length > 1)
    caveats.push(
      `The recommended model was picked as the best of ${nonInferior.length} non-inferior candidates: its advantage on this sample is likely a little optimistic (the winner's curse) — confirm it on fresh documents before migrating.`,
    );
  if (session.backend.kind === 'local')
    caveats.push(
      'OFFLINE: the answers come from emulated models with invented habits (docs/local-endpoint.md), latencies are emulated from published figures and quality comes from a heuristic judge — these results teach the workflow; they do not describe the real models and are no basis for choosing one.',
    );
  caveats.push(
    `One region (${session.config.region}) and one dataset (${session.config.dataset.path})${task.kind === 'generation' ? '; an LLM judge cannot check facts that are not in the document' : ''}.`,
  );
  for (const m of models) for (const miss of m.evidence.missing) caveats.push(`${withId(m.model)}: ${miss}.`);
  const unpricedOf = (batch: boolean) =>
    models
      .filter((m) => m.evidence.successes > 0 && m.cost.costPer1kRequests === null && Boolean(m.evidence.batch) === batch)
      .map((m) => withId(m.model));
  if (unpricedOf(false).length)
    caveats.push(
      `Cost unknown for ${unpricedOf(false).join(', ')}: the model catalogue has no price for it (data/model_catalog.json), so its cost shows as unknown — never 0.`,
    );
  if (unpricedOf(true).length)
    caveats.push(
      `Cost unknown for ${unpricedOf(true).join(', ')}: batch price unknown — the catalogue has no batch price for it (pricing.batch in data/model_catalog.json; check that Bedrock offers it in batch), so its cost shows as unknown — never 0, and never the on-demand price.`,
    );
  caveats.push(...rankingCaveats(models.map((m) => m.ranked)));
  return { recommended, recommendation: lines, caveats };
}

/** A candidate's latency can be compared with the source's: neither answered through a batch job (no latency). */
const comparedLatency = (m: ModelComparison, c: Comparison): boolean =>
  m.latency !== null && !m.evidence.batch && !c.models.some((x) => x.role === 'source' && x.evidence.batch);

/** The side-by-side table of notebook 05 and the report. */
export function comparisonTable(c: Comparison): Record<string, string | number | null>[] {
  const name = namer(c.models.map((m) => m.model));
  return c.models.map((m) => ({
    model: name(m.model),
    role: m.role,
    'p50 ms': m.evidence.batch ? BATCH_LATENCY : formatOrNull(percentile(m.evidence.latencyMs, 0.5), 'ms'),
    'p50 vs source': comparedLatency(m, c) ? pctText(m.latency!.medianChangePct) : '—',
    'p90 vs source': comparedLatency(m, c) ? pctText(m.latency!.p90ChangePct) : '—',
    'Δ median 95% CI (ms)': comparedLatency(m, c) ? formatRange(m.latency!.diffLower, m.latency!.diffUpper, 'ms') : '',
    'latency p-value': comparedLatency(m, c) ? pText(m.latency!.pValue) : '',
    'paired latency (Holm)': !m.latencyPaired
      ? ''
      : comparedLatency(m, c)
        ? `${m.latencyPaired.verdict}, p ${pText(m.latencyPaired.pHolm)}`
        : '—',
    [c.primaryMetric]: formatOrNull(m.evidence.primary?.value ?? null, 'score'),
    'Δ paired 95% CI': m.primary ? formatRange(m.primary.lower, m.primary.upper, 'diff') : '',
    'non-inferior (Holm p)':
      m.role === 'source'
        ? 'source'
        : m.primary
          ? m.primary.nonInferior === null
            ? 'n/a'
            : `${m.primary.nonInferior ? 'yes' : 'no'} (${pText(m.primary.pHolm)})`
          : 'n/a',
    '$ / 1k requests':
      m.cost.costPer1kRequests === null && m.evidence.successes > 0
        ? m.evidence.batch
          ? 'unknown (batch price unknown)'
          : 'unknown'
        : m.evidence.batch && m.cost.costPer1kRequests !== null
          ? `${formatOrNull(m.cost.costPer1kRequests, 'usd')} (batch price)`
          : formatOrNull(m.cost.costPer1kRequests, 'usd'),
    '$ / month': m.cost.monthly === null && m.evidence.successes > 0 ? 'unknown' : formatOrNull(m.cost.monthly, 'usd'),
    composite: formatOrNull(m.ranked.composite, 'score'),
    rank: m.ranked.rank,
    pareto: m.ranked.paretoOptimal ? 'yes' : '',
  }));
}

/** The tracking CSV's recommendation for one model: a sentence saying what decided it. */
export function recommendationFor(m: ModelComparison, c: Comparison): string {
  if (m.evidence.successes === 0) return `not evaluated — ${m.evidence.missing.join('; ') || 'no successful call'}`;
  if (m.role === 'source')
    return `source (baseline): ${c.primaryMetric} ${formatNumber(m.evidence.primary?.value, 'score') || 'not measured'}`;
  const k = c.models.filter((x) => x.role === 'candidate' && x.primary?.pValue != null).length;
  if (!m.primary || m.primary.pValue === null)
    return `not recommended — ${c.primaryMetric} could not be compared with the source (${m.evidence.missing.join('; ') || 'no paired items'})`;
  const why = `${primarySentence(m, c.settings, k)}; ${latencySentence(
    m,
    c.models.find((x) => x.role === 'source'),
  )}`;
  if (c.recommended === m.model) return `recommended — ${why}`;
  return m.primary.nonInferior ? `non-inferior alternative — ${why}` : `not recommended: not shown non-inferior — ${why}`;
}

export function recordComparison(session: WorkshopSession, c: Comparison): void {
  const now = dayjs().toISOString();
  for (const m of c.models) {
    upsertModelRow(session.tracking, m.model, {
      cost_per_1k_requests_usd: m.cost.costPer1kRequests === null ? null : Number(m.cost.costPer1kRequests.toFixed(4)),
      monthly_cost_usd: m.cost.monthly === null ? null : Number(m.cost.monthly.toFixed(2)),
      composite_score: m.ranked.composite === null ? null : Number(m.ranked.composite.toFixed(4)),
      rank: m.ranked.rank,
      pareto_optimal: m.ranked.paretoOptimal,
      non_inferior_quality: m.primary ? m.primary.nonInferior : null,
      quality_diff: m.primary?.diff == null ? null : Number(m.primary.diff.toFixed(4)),
      quality_diff_ci_low: m.primary?.lower == null ? null : Number(m.primary.lower.toFixed(4)),
      quality_diff_ci_high: m.primary?.upper == null ? null : Number(m.primary.upper.toFixed(4)),
      quality_test: m.primary?.test ?? null,
      quality_p_holm: m.primary?.pHolm == null ? null : Number(m.primary.pHolm.toPrecision(4)),
      quality_min_detectable: m.primary?.minDetectable == null ? null : Number(m.primary.minDetectable.toFixed(4)),
      latency_p_holm: m.latencyPaired?.pHolm == null ? null : Number(m.latencyPaired.pHolm.toPrecision(4)),
      latency_verdict:
        m.role === 'candidate' && !comparedLatency(m, c) ? 'not measured (batch inference)' : (m.latencyPaired?.verdict ?? null),
      recommendation: recommendationFor(m, c),
      compare_at: now,
    });
  }
}
