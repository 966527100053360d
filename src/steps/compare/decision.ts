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
import { loadEvidence, type ModelEvidence } from './evidence';
import { rankingCaveats, rankModels, type Ranked } from './ranking';

/** Weights, non-inferiority margin and monthly volume: `compare` in workshop.config.json. */
export type CompareSettings = CompareConfig;

export interface ModelComparison {
  model: string;
  role: 'source' | 'candidate';
  evidence: ModelEvidence;
  latency: LatencyComparison | null;
  quality: MetricComparison[];
  overall: MetricComparison | null;
  cost: CostFigures;
  ranked: Ranked;
}

export interface Comparison {
  source: string;
  /** The recommended model's id (null when none is). */
  recommended: string | null;
  models: ModelComparison[];
  recommendation: string[];
  caveats: string[];
  settings: CompareSettings;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const pctText = (x: number | null) => (x === null ? '?' : formatNumber(x, 'change'));
/** A p-value as people write it: "< 0.001" rather than 0.000. */
export const pText = (p: number | null | undefined) => (p === null || p === undefined ? 'n/a' : formatNumber(p, 'p'));

export function compareModels(session: WorkshopSession, settings: CompareSettings = session.config.compare): Comparison {
  const evidence = loadEvidence(session);
  const source = evidence.find((e) => e.role === 'source')!;
  const ranked = rankModels(
    evidence.map((e) => ({ model: e.model, quality: mean(e.quality.overall ?? []), latencyMs: percentile(e.latencyMs, 0.5), cost: costFigures(e.costs, settings.monthlyRequests).costPer1kRequests })),
    settings.weights,
    source.model,
  );
  const models = evidence.map((e, i): ModelComparison => {
    const isSource = e.role === 'source';
    const metrics = Object.keys(e.quality).filter((k) => k !== 'overall');
    return {
      model: e.model,
      role: e.role,
      evidence: e,
      latency: isSource ? null : compareLatency(source.latencyMs, e.latencyMs, source.ttftMs, e.ttftMs),
      quality: isSource ? [] : metrics.map((m) => compareMetric(m, source.quality[m] ?? [], e.quality[m] ?? [], settings.margin)),
      overall: isSource ? null : compareMetric('overall', source.quality.overall ?? [], e.quality.overall ?? [], settings.margin),
      cost: costFigures(e.costs, settings.monthlyRequests),
      ranked: ranked[i],
    };
  });
  return { source: source.model, models, ...recommend(session, models, settings), settings };
}

function recommend(session: WorkshopSession, models: ModelComparison[], settings: CompareSettings): { recommended: string | null; recommendation: string[]; caveats: string[] } {
  const source = models.find((m) => m.role === 'source')!;
  const name = namer(models.map((m) => m.model));
  const withId = (id: string) => (name(id) === id ? id : `${name(id)} (${id})`);
  let recommended: string | null = null;
  const candidates = models.filter((m) => m.role === 'candidate');
  const lines: string[] = [];
  const nonInferior = candidates.filter((c) => c.overall?.nonInferior === true);
  const usable = candidates.filter((c) => c.evidence.successes > 0);
  const judged = (m: ModelComparison) => (m.evidence.quality.overall?.length ?? 0) > 0;
  if (usable.length === 0) {
    lines.push('No candidate has a successful call yet: nothing can be recommended. Check model access (step 1) and re-run steps 3 and 4.');
  } else if (!judged(source) || !usable.some(judged)) {
    lines.push(`Quality was not measured for ${!judged(source) ? `the source (${withId(source.model)})` : 'any candidate'} — step 4 judged nothing (its quality_status and the caveats below say why, e.g. a judge model denied in step 1): no recommendation can rest on quality. Latency and cost are compared below; re-run step 4 once the judge answers.`);
  } else if (nonInferior.length === 0) {
    lines.push(`No candidate is shown to be non-inferior to ${name(source.model)} in quality within a margin of ${settings.margin} (0–1 scale): keep the source model, or collect more evidence before migrating.`);
  } else {
    // Composites are improvements over the source and can be below −1: an unranked model sorts last.
    const best = [...nonInferior].sort((a, b) => (b.ranked.composite ?? -Infinity) - (a.ranked.composite ?? -Infinity))[0];
    const l = best.latency!;
    const costRatio = source.cost.costPer1kRequests && best.cost.costPer1kRequests ? best.cost.costPer1kRequests / source.cost.costPer1kRequests : null;
    const o = best.overall!;
    recommended = best.model;
    lines.push(`Recommended: ${withId(best.model)}. Its quality is not worse than ${name(source.model)} within ${settings.margin} (overall ${formatNumber(o.candidate, 'score')} vs ${formatNumber(o.source, 'score')}, difference ${formatNumber(o.diff, 'diff')} [95% CI ${formatRange(o.lower, o.upper, 'diff')}]).`);
    lines.push(`Speed: median latency ${formatNumber(l.candidateMedian, 'ms')} ms vs ${formatNumber(l.sourceMedian, 'ms')} ms (${pctText(l.medianChangePct)}; difference of medians ${formatNumber(l.diffMedian, 'ms')} ms, 95% CI ${formatRange(l.diffLower, l.diffUpper, 'ms')}, Mann–Whitney p ${l.pValue !== null && l.pValue < 0.001 ? '' : '= '}${pText(l.pValue)}): ${l.verdict}.`);
    if (costRatio !== null) lines.push(`Cost: ${usd(best.cost.costPer1kRequests)} per 1,000 requests vs ${usd(source.cost.costPer1kRequests)} (${formatNumber(costRatio, 'percent')} of the source), about ${usd(best.cost.monthly)} vs ${usd(source.cost.monthly)} a month at ${formatNumber(settings.monthlyRequests, 'count')} requests.`);
    const others = nonInferior.filter((c) => c !== best).map((c) => name(c.model));
    if (others.length) lines.push(`Also non-inferior in quality: ${others.join(', ')}.`);
  }
  const pareto = models.filter((m) => m.ranked.paretoOptimal).map((m) => name(m.model));
  if (pareto.length) lines.push(`Pareto-optimal on quality, latency and cost (no other model is at least as good on all three and strictly better on one): ${pareto.join(', ')}.`);
  const worse = candidates.filter((c) => c.overall?.nonInferior === false).map((c) => name(c.model));
  if (worse.length) lines.push(`Not shown to be as good as the source in quality: ${worse.join(', ')}.`);

  const caveats: string[] = [];
  const n = Math.min(...models.map((m) => m.evidence.successes).filter((x) => x > 0));
  if (Number.isFinite(n)) caveats.push(`Small sample: as few as ${n} successful calls per model — intervals are wide; production decisions need more calls, on several days.`);
  if (session.backend.kind === 'local') caveats.push('OFFLINE: latencies are emulated from published figures and quality comes from a heuristic judge — these results teach the workflow; they do not describe the real models.');
  caveats.push(`One region (${session.config.region}) and one dataset (${session.config.dataset.path}); an LLM judge cannot check facts that are not in the document.`);
  for (const m of models) for (const miss of m.evidence.missing) caveats.push(`${withId(m.model)}: ${miss}.`);
  caveats.push(...rankingCaveats(models.map((m) => m.ranked)));
  return { recommended, recommendation: lines, caveats };
}

/** The side-by-side table of notebook 05 and the report. */
export function comparisonTable(c: Comparison): Record<string, string | number | null>[] {
  const name = namer(c.models.map((m) => m.model));
  return c.models.map((m) => ({
    model: name(m.model),
    role: m.role,
    'p50 ms': formatOrNull(percentile(m.evidence.latencyMs, 0.5), 'ms'),
    'p50 vs source': m.latency ? pctText(m.latency.medianChangePct) : '—',
    'p90 vs source': m.latency ? pctText(m.latency.p90ChangePct) : '—',
    'Δ median 95% CI (ms)': m.latency ? formatRange(m.latency.diffLower, m.latency.diffUpper, 'ms') : '',
    'latency p-value': m.latency ? pText(m.latency.pValue) : '',
    quality: formatOrNull(mean(m.evidence.quality.overall ?? []), 'score'),
    'Δ quality 95% CI': m.overall ? formatRange(m.overall.lower, m.overall.upper, 'diff') : '',
    'non-inferior': m.overall ? (m.overall.nonInferior === null ? 'n/a' : m.overall.nonInferior ? 'yes' : 'no') : 'source',
    '$ / 1k requests': formatOrNull(m.cost.costPer1kRequests, 'usd'),
    '$ / month': formatOrNull(m.cost.monthly, 'usd'),
    composite: formatOrNull(m.ranked.composite, 'score'),
    rank: m.ranked.rank,
    pareto: m.ranked.paretoOptimal ? 'yes' : '',
  }));
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
      non_inferior_quality: m.overall ? m.overall.nonInferior : null,
      recommendation:
        m.evidence.successes === 0
          ? `not evaluated — ${m.evidence.missing.join('; ') || 'no successful call'}`
          : c.recommended === m.model
            ? 'recommended'
            : m.role === 'source'
              ? 'source (baseline)'
              : m.overall?.nonInferior
                ? 'non-inferior alternative'
                : 'not recommended',
      compare_at: now,
    });
  }
}
