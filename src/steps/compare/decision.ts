/**
 * Step 5 put together: comparisons against the source (paired, Holm-corrected), then the
 * decision (`decide.ts`: costs, constraints, ranking, recommendation) — each claim with its
 * evidence, and what the data cannot tell.
 */
import dayjs from 'dayjs';
import type { CompareConfig } from '../../core/config';
import type { WorkshopSession } from '../../runs/session';
import { percentile } from '../../core/stats';
import { formatNumber, formatOrNull, formatRange } from '../../core/format';
import { m as messages } from '../../core/i18n';
import { namer } from '../../core/model-names';
import { upsertModelRow } from '../../core/tracking';
import { compareLatency, compareMetric, type LatencyComparison, type MetricComparison } from './comparison';
import { meanCost, type CostFigures } from './cost';
import {
  batchLatency,
  decide,
  decisionCells,
  decisionSettingsOf,
  latencySentence,
  latencyVerdictText,
  primarySentence,
  pText,
  testText,
  type DecisionInput,
  type DecisionModel,
} from './decide';
import { applyHolm, compareLatencyPaired, comparePrimaryPaired, type PairedLatency, type PairedQuality } from './paired';
import { failureSummary, loadEvidence, type ModelEvidence } from './evidence';
import type { Ranked } from './ranking';

export { batchLatency, pText };

/** The step-5 messages of the current language. */
const t = () => messages().compare;

/** The constraint keys of `compare`, optional here (none set = no constraint). */
type ConstraintKey = 'monthlyBudgetUsd' | 'p90LatencyTargetMs' | 'minPrimaryMetric';
/** Weights, non-inferiority margin, monthly volume and the optional constraints: `compare` in workshop.config.json. */
export type CompareSettings = Omit<CompareConfig, ConstraintKey> & Partial<Pick<CompareConfig, ConstraintKey>>;

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
  /** The constraints (budget, P90 target, minimum quality) this model does not meet, in words. */
  unmet: string[];
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
  settings: CompareConfig;
  /** What the decision rests on, as plain data: `decide(decisionInput, other settings)` takes it again (the report's controls do). */
  decisionInput: DecisionInput;
}

export function compareModels(session: WorkshopSession, settings: CompareSettings = session.config.compare): Comparison {
  const full: CompareConfig = { ...settings, ...decisionSettingsOf(settings) };
  const evidence = loadEvidence(session);
  const source = evidence.find((e) => e.role === 'source')!;
  const task = session.config.taskSpec;
  // 1. Each candidate against the source: paired on the shared items, then Holm across candidates.
  const kind = task.kind === 'classification' ? 'right/wrong' : 'scores';
  const compared = evidence.map((e) => {
    const isSource = e.role === 'source';
    const metrics = Object.keys(e.quality).filter((k) => k !== 'overall');
    const paired = !isSource && e.primary && source.primary;
    return {
      model: e.model,
      role: e.role,
      evidence: e,
      latency: isSource ? null : compareLatency(source.latencyMs, e.latencyMs, source.ttftMs, e.ttftMs),
      latencyPaired: isSource ? null : compareLatencyPaired(source.latencyByItem, e.latencyByItem),
      quality: isSource ? [] : metrics.map((m) => compareMetric(m, source.quality[m] ?? [], e.quality[m] ?? [], full.margin)),
      overall: isSource ? null : compareMetric('overall', source.quality.overall ?? [], e.quality.overall ?? [], full.margin),
      primary: paired ? comparePrimaryPaired(task.primaryMetric, kind, source.primaryByItem, e.primaryByItem, full.margin) : null,
    };
  });
  const candidates = compared.filter((m) => m.role === 'candidate');
  applyHolm(
    candidates.map((m) => m.primary),
    candidates.map((m) => m.latencyPaired),
  );
  // 2. The evidence as plain data, and the decision on it (costs, constraints, ranking, recommendation).
  const name = namer(evidence.map((e) => e.model));
  const decisionInput: DecisionInput = {
    context: {
      primaryMetric: task.primaryMetric,
      taskKind: task.kind === 'classification' ? 'classification' : 'generation',
      margin: full.margin,
      offline: session.backend.kind === 'local',
      replayed: session.backend.replay
        ? t().decide.replayed({
            cassette: session.backend.replay.name,
            recordedOn: session.backend.replay.recordedOn,
            emulator: session.backend.column.endsWith('+emulated'),
          })
        : null,
      region: session.config.region,
      dataset: session.config.dataset.path,
    },
    models: compared.map(
      (m): DecisionModel => ({
        model: m.model,
        name: name(m.model),
        role: m.role,
        successes: m.evidence.successes,
        missing: m.evidence.missing,
        batch: m.evidence.batch,
        primaryValue: m.evidence.primary?.value ?? null,
        latencyP50Ms: percentile(m.evidence.latencyMs, 0.5),
        latencyP90Ms: percentile(m.evidence.latencyMs, 0.9),
        costPerRequest: meanCost(m.evidence.costs),
        latency: m.latency,
        latencyPaired: m.latencyPaired,
        primary: m.primary,
        failures: failureSummary(m.evidence),
        noVerdict: noVerdictReason(m, compared, task.primaryMetric),
      }),
    ),
  };
  const d = decide(decisionInput, decisionSettingsOf(full));
  return {
    source: source.model,
    primaryMetric: task.primaryMetric,
    models: compared.map((m, i) => ({ ...m, cost: d.models[i].cost, ranked: d.models[i].ranked, unmet: d.models[i].unmet })),
    recommended: d.recommended,
    recommendation: d.recommendation,
    caveats: d.caveats,
    settings: full,
    decisionInput,
  };
}

/** The fewest paired items the non-inferiority test runs on (`comparePrimaryPaired`). */
export const MIN_PAIRED_ITEMS = 2;

/**
 * Why a candidate has no non-inferiority verdict — or null when it has one. Counts what is
 * there: "1 paired item …; the test needs at least 2", with the failures that left it so few
 * (the counts; their error types are in the caveats). It does not depend on the decision's
 * settings, so the report's what-if controls show the same reasons.
 */
export function noVerdictReason(
  m: Pick<ModelComparison, 'role' | 'primary' | 'evidence'>,
  models: readonly Pick<ModelComparison, 'role' | 'evidence'>[],
  metric: string,
): string | null {
  if (m.role !== 'candidate' || (m.primary && m.primary.pValue !== null)) return null;
  const r = t().noVerdictReason;
  const failed = failureSummary(m.evidence, { reasons: false });
  const also = failed ? ` — ${failed}` : '';
  const source = models.find((x) => x.role === 'source');
  const sourceFailed = source ? failureSummary(source.evidence, { reasons: false }) : null;
  const missing = m.evidence.missing.length ? ` (${m.evidence.missing.join('; ')})` : '';
  if (m.evidence.successes === 0) return r.noCall({ missing, also });
  if (!m.evidence.primary) return r.noMetric({ metric, missing, also });
  if (source && !source.evidence.primary) return r.sourceHasNone({ metric, sourceFailed });
  const n = m.primary?.n ?? 0;
  if (n < MIN_PAIRED_ITEMS) return r.fewPairs({ n, metric, min: MIN_PAIRED_ITEMS, also });
  return r.noP({ n, test: m.primary ? testText(m.primary.test) : r.noTest, also });
}

/** A candidate's latency can be compared with the source's: neither answered through a batch job (no latency). */
const comparedLatency = (m: ModelComparison, c: Comparison): boolean =>
  m.latency !== null && !m.evidence.batch && !c.models.some((x) => x.role === 'source' && x.evidence.batch);

/** A latency figure with its change against the source: "52 (−79%)". */
const msWithChange = (ms: number | null, change: number | null) =>
  ms === null ? null : `${formatNumber(ms, 'ms')}${change === null ? '' : ` (${formatNumber(change, 'change')})`}`;

/**
 * The side-by-side table of notebook 05 and the report, one row per model, headed in the
 * reader's language. The columns the decision's settings change (`decisionColumns()`:
 * $ / month, composite, rank, pareto) come from `decisionCells`, which the report's what-if
 * controls call again in the page.
 */
export function comparisonTable(c: Comparison): Record<string, string | number | null>[] {
  const h = t().table;
  return c.models.map((m, i) => {
    const dm = c.decisionInput.models[i];
    const compared = comparedLatency(m, c);
    const lp = m.latencyPaired;
    return {
      [h.model]: m.role === 'source' ? `${dm.name}${h.sourceTag}` : dm.name,
      [h.p50]: m.evidence.batch ? batchLatency() : msWithChange(dm.latencyP50Ms, compared ? m.latency!.medianChangePct : null),
      [h.p90]: m.evidence.batch ? batchLatency() : msWithChange(dm.latencyP90Ms, compared ? m.latency!.p90ChangePct : null),
      [h.pairedLatency]: !lp
        ? ''
        : compared
          ? `${h.latencyCell({ verdict: latencyVerdictText(lp.verdict), p: pText(lp.pHolm) })}${lp.diffMedian === null ? '' : h.latencyDiff({ ms: formatNumber(lp.diffMedian, 'ms'), range: formatRange(lp.lower, lp.upper, 'ms') })}`
          : '—',
      [c.primaryMetric]: formatOrNull(m.evidence.primary?.value ?? null, 'score'),
      [h.pairedCi]: m.primary ? formatRange(m.primary.lower, m.primary.upper, 'diff') : '',
      [h.nonInferior]:
        m.role === 'source'
          ? h.source
          : m.primary && m.primary.nonInferior !== null
            ? h.verdictCell({ verdict: m.primary.nonInferior ? t().yes : t().no, p: pText(m.primary.pHolm) })
            : m.primary && m.primary.n < MIN_PAIRED_ITEMS
              ? h.noVerdictFew({ n: m.primary.n, min: MIN_PAIRED_ITEMS })
              : h.noVerdict,
      [h.per1k]:
        m.cost.costPer1kRequests === null && m.evidence.successes > 0
          ? m.evidence.batch
            ? h.unknownBatch
            : t().unknown
          : m.evidence.batch && m.cost.costPer1kRequests !== null
            ? h.batchPrice({ usd: formatOrNull(m.cost.costPer1kRequests, 'usd') ?? '' })
            : formatOrNull(m.cost.costPer1kRequests, 'usd'),
      // What failed, visible beside the figures it thins out (the error types are in the caveats).
      // One column for both steps, so the table still fits a printed page.
      [failedColumn()]: failedCell(m.evidence),
      ...decisionCells(dm, { model: m.model, cost: m.cost, ranked: m.ranked, unmet: m.unmet }),
    };
  });
}

/** The side-by-side column of failed calls (step 3) and failed judgements (step 4), headed in the reader's language. */
export const failedColumn = () => t().table.failed;

/**
 * One model's failures in one short cell: "none" when every call and judgement succeeded,
 * else "3 of 10 · 0 of 7" (failed calls of step 3's calls · failed judgements of step 4's),
 * "—" for a step with nothing asked.
 */
export function failedCell(e: Pick<ModelEvidence, 'calls' | 'failedCalls' | 'judgements' | 'failedJudgements'>): string {
  if (e.failedCalls === 0 && e.failedJudgements === 0 && (e.calls > 0 || e.judgements > 0)) return t().none;
  const part = (failed: number, of: number) => (of ? t().table.failedOf({ failed, of }) : '—');
  return `${part(e.failedCalls, e.calls)} · ${part(e.failedJudgements, e.judgements)}`;
}

/**
 * The tracking CSV's recommendation for one model: a sentence saying what decided it, in the
 * reader's language (docs/tracking-columns.md), its verdict first.
 */
export function recommendationFor(m: ModelComparison, c: Comparison): string {
  const r = t().recommendationColumn;
  if (m.evidence.successes === 0) return r.notEvaluated({ why: m.evidence.missing.join('; ') || r.noSuccessfulCall });
  if (m.role === 'source')
    return r.source({ metric: c.primaryMetric, value: formatNumber(m.evidence.primary?.value, 'score') || t().notMeasured });
  const k = c.models.filter((x) => x.role === 'candidate' && x.primary?.pValue != null).length;
  if (!m.primary || m.primary.pValue === null)
    return r.notComparable({ metric: c.primaryMetric, why: noVerdictReason(m, c.models, c.primaryMetric) ?? '' });
  const input = c.decisionInput.models;
  const why = `${primarySentence(m.primary, c.settings.margin, k)}; ${latencySentence(
    input[c.models.indexOf(m)],
    input.find((x) => x.role === 'source'),
  )}`;
  if (c.recommended === m.model) return r.recommended({ why });
  if (!m.primary.nonInferior) return r.notNonInferior({ why });
  return m.unmet.length ? r.outsideConstraints({ unmet: m.unmet.join('; '), why }) : r.alternative({ why });
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
