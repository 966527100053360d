/**
 * Step 5 put together: comparisons against the source, the ranking, and the recommendation
 * sentences — each claim with its evidence, and what the data cannot tell.
 */
import dayjs from 'dayjs';
import type { CompareConfig } from '../../core/config';
import type { WorkshopSession } from '../../runs/session';
import { percentile } from '../../core/stats';
import { upsertModelRow } from '../../core/tracking';
import { compareLatency, compareMetric, costFigures, type CostFigures, type LatencyComparison, type MetricComparison } from './comparison';
import { loadEvidence, type ModelEvidence } from './evidence';
import { rankModels, type Ranked } from './ranking';

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
  models: ModelComparison[];
  recommendation: string[];
  caveats: string[];
  settings: CompareSettings;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const pctText = (x: number | null) => (x === null ? '?' : `${x > 0 ? '+' : ''}${x.toFixed(0)}%`);
/** A p-value as people write it: "< 0.001" rather than 0.000. */
export const pText = (p: number | null | undefined) => (p === null || p === undefined ? 'n/a' : p < 0.001 ? '< 0.001' : p.toFixed(3));

export function compareModels(session: WorkshopSession, settings: CompareSettings = session.config.compare): Comparison {
  const evidence = loadEvidence(session);
  const source = evidence.find((e) => e.role === 'source')!;
  const ranked = rankModels(
    evidence.map((e) => ({ model: e.model, quality: mean(e.quality.overall ?? []), latencyMs: percentile(e.latencyMs, 0.5), cost: costFigures(e.costs, settings.monthlyRequests).costPer1kRequests })),
    settings.weights,
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

function recommend(session: WorkshopSession, models: ModelComparison[], settings: CompareSettings): { recommendation: string[]; caveats: string[] } {
  const source = models.find((m) => m.role === 'source')!;
  const candidates = models.filter((m) => m.role === 'candidate');
  const lines: string[] = [];
  const nonInferior = candidates.filter((c) => c.overall?.nonInferior === true);
  const usable = candidates.filter((c) => c.evidence.successes > 0);
  const judged = (m: ModelComparison) => (m.evidence.quality.overall?.length ?? 0) > 0;
  if (usable.length === 0) {
    lines.push('No candidate has a successful call yet: nothing can be recommended. Check model access (step 1) and re-run steps 3 and 4.');
  } else if (!judged(source) || !usable.some(judged)) {
    lines.push(`Quality was not measured for ${!judged(source) ? `the source (${source.model})` : 'any candidate'} — step 4 judged nothing (its quality_status and the caveats below say why, e.g. a judge model denied in step 1): no recommendation can rest on quality. Latency and cost are compared below; re-run step 4 once the judge answers.`);
  } else if (nonInferior.length === 0) {
    lines.push(`No candidate is shown to be non-inferior to ${source.model} in quality within a margin of ${settings.margin} (0–1 scale): keep the source model, or collect more evidence before migrating.`);
  } else {
    const best = [...nonInferior].sort((a, b) => (b.ranked.composite ?? -1) - (a.ranked.composite ?? -1))[0];
    const l = best.latency!;
    const costRatio = source.cost.costPer1kRequests && best.cost.costPer1kRequests ? best.cost.costPer1kRequests / source.cost.costPer1kRequests : null;
    lines.push(`Recommended: ${best.model}. Its quality is not worse than ${source.model} within ${settings.margin} (overall ${best.overall!.candidate?.toFixed(2)} vs ${best.overall!.source?.toFixed(2)}, difference ${best.overall!.diff?.toFixed(2)} [95% CI ${best.overall!.lower?.toFixed(2)} to ${best.overall!.upper?.toFixed(2)}]).`);
    lines.push(`Speed: median latency ${l.candidateMedian?.toFixed(0)} ms vs ${l.sourceMedian?.toFixed(0)} ms (${pctText(l.medianChangePct)}; difference of medians ${l.diffMedian?.toFixed(0)} ms, 95% CI ${l.diffLower?.toFixed(0)} to ${l.diffUpper?.toFixed(0)}, Mann–Whitney p ${l.pValue !== null && l.pValue < 0.001 ? '' : '= '}${pText(l.pValue)}): ${l.verdict}.`);
    if (costRatio !== null) lines.push(`Cost: $${best.cost.costPer1kRequests!.toFixed(3)} per 1,000 requests vs $${source.cost.costPer1kRequests!.toFixed(3)} (${(costRatio * 100).toFixed(0)}% of the source), about $${best.cost.monthly!.toFixed(0)} vs $${source.cost.monthly!.toFixed(0)} a month at ${settings.monthlyRequests.toLocaleString('en-US')} requests.`);
    const others = nonInferior.filter((c) => c !== best).map((c) => c.model);
    if (others.length) lines.push(`Also non-inferior in quality: ${others.join(', ')}.`);
  }
  const pareto = models.filter((m) => m.ranked.paretoOptimal).map((m) => m.model);
  if (pareto.length) lines.push(`Pareto-optimal on quality, latency and cost (no other model is better on all three): ${pareto.join(', ')}.`);
  const worse = candidates.filter((c) => c.overall?.nonInferior === false).map((c) => c.model);
  if (worse.length) lines.push(`Not shown to be as good as the source in quality: ${worse.join(', ')}.`);

  const caveats: string[] = [];
  const n = Math.min(...models.map((m) => m.evidence.successes).filter((x) => x > 0));
  if (Number.isFinite(n)) caveats.push(`Small sample: as few as ${n} successful calls per model — intervals are wide; production decisions need more calls, on several days.`);
  if (session.backend.kind === 'local') caveats.push('OFFLINE: latencies are emulated from published figures and quality comes from a heuristic judge — these results teach the workflow; they do not describe the real models.');
  caveats.push(`One region (${session.config.region}) and one dataset (${session.config.dataset.path}); an LLM judge cannot check facts that are not in the document.`);
  for (const m of models) for (const miss of m.evidence.missing) caveats.push(`${m.model}: ${miss}.`);
  return { recommendation: lines, caveats };
}

/** The side-by-side table of notebook 05 and the report. */
export function comparisonTable(c: Comparison): Record<string, string | number | null>[] {
  const f = (x: number | null | undefined, d = 0) => (x === null || x === undefined ? null : Number(x.toFixed(d)));
  return c.models.map((m) => ({
    model: m.model,
    role: m.role,
    'p50 ms': f(percentile(m.evidence.latencyMs, 0.5)),
    'p50 vs source': m.latency ? pctText(m.latency.medianChangePct) : '—',
    'p90 vs source': m.latency ? pctText(m.latency.p90ChangePct) : '—',
    'Δ median 95% CI (ms)': m.latency?.diffLower != null ? `${m.latency.diffLower.toFixed(0)} to ${m.latency.diffUpper!.toFixed(0)}` : '',
    'latency p-value': m.latency ? pText(m.latency.pValue) : '',
    quality: f(mean(m.evidence.quality.overall ?? []), 3),
    'Δ quality 95% CI': m.overall?.lower != null ? `${m.overall.lower.toFixed(2)} to ${m.overall.upper!.toFixed(2)}` : '',
    'non-inferior': m.overall ? (m.overall.nonInferior === null ? 'n/a' : m.overall.nonInferior ? 'yes' : 'no') : 'source',
    '$ / 1k requests': f(m.cost.costPer1kRequests, 3),
    '$ / month': f(m.cost.monthly, 0),
    composite: f(m.ranked.composite, 3),
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
          : c.recommendation[0]?.startsWith(`Recommended: ${m.model}.`)
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
