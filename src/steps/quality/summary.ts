/**
 * Step 4's summary per model: the mean of each judge metric (normalised 0–1) with a
 * bootstrap 95% confidence interval, the share of responses below a threshold, the mean
 * reference metrics, and — with several judges — how much the judges agree.
 */
import { localizeDigits } from '../../core/format';
import { m as messages } from '../../core/i18n';
import dayjs from 'dayjs';
import { bootstrapCI, krippendorffAlpha } from '../../core/stats';
import { formatOrNull, formatRange } from '../../core/format';
import { namer } from '../../core/model-names';
import { displayPath } from '../../core/paths';
import { stepOutcome, type StepOutcome } from '../../runs/outcome';
import type { WorkshopSession } from '../../runs/session';
import { upsertModelRow } from '../../core/tracking';
import type { ModelQuality, QualityRow } from './run';
import type { Rubric } from '../../core/judge/rubrics';
import { latencyResultsOf, primaryScore, type PrimaryScore } from '../../results';

export interface MetricSummary {
  metric: string;
  mean: number | null;
  lower: number | null;
  upper: number | null;
  n: number;
  belowThreshold: number | null;
}

export interface QualitySummary {
  model: string;
  role: 'source' | 'candidate';
  judged: number;
  total: number;
  unparseable: number;
  metrics: MetricSummary[];
  overall: MetricSummary;
  rougeL: number | null;
  tokenF1: number | null;
}

/** The numeric values of a column (checkpointed rows hold numbers, CSV-read rows text). */
const nums = (rows: QualityRow[], col: string) =>
  rows
    .map((r) => r[col])
    .map((v) => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : NaN))
    .filter(Number.isFinite);

function metricSummary(metric: string, values: number[], threshold: number): MetricSummary {
  const ci = bootstrapCI(values, 'mean');
  return {
    metric,
    mean: ci.estimate,
    lower: ci.lower,
    upper: ci.upper,
    n: values.length,
    belowThreshold: values.length ? values.filter((v) => v < threshold).length / values.length : null,
  };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function summarizeQuality(result: ModelQuality, rubrics: Rubric[], threshold = 0.5): QualitySummary {
  const judged = result.rows.filter((r) => r.judge_status === 'judged');
  const answered = result.rows.filter((r) => r.answer_status !== 'error');
  return {
    model: result.model,
    role: result.role,
    judged: judged.length,
    total: result.rows.length,
    unparseable: result.rows.filter((r) => r.judge_status === 'unparseable').length,
    metrics: rubrics.map((r) => metricSummary(r.name, nums(judged, `${r.name}_norm`), threshold)),
    overall: metricSummary('overall', nums(judged, 'overall'), threshold),
    // Reference metrics over the answers that exist (not over failed step-3 calls), judged or not.
    rougeL: mean(nums(answered, 'rougeL_f1')),
    tokenF1: mean(nums(answered, 'token_f1')),
  };
}

const fmt = (x: number | null, d = 2) => (x === null ? null : Number(x.toFixed(d)));

/** The tracking columns of the primary metric (and, for classification, accuracy and macro F1). */
function primaryColumns(p: PrimaryScore | null): Record<string, string | number | null> {
  if (!p) return {};
  return {
    quality_primary_metric: p.metric,
    quality_primary: fmt(p.value, 4),
    quality_primary_ci_low: fmt(p.lower, 4),
    quality_primary_ci_high: fmt(p.upper, 4),
    quality_primary_n: p.n,
    accuracy: fmt(p.accuracy?.value ?? null, 4),
    accuracy_ci_low: fmt(p.accuracy?.lower ?? null, 4),
    accuracy_ci_high: fmt(p.accuracy?.upper ?? null, 4),
    macro_f1: fmt(p.macroF1?.value ?? null, 4),
    macro_f1_ci_low: fmt(p.macroF1?.lower ?? null, 4),
    macro_f1_ci_high: fmt(p.macroF1?.upper ?? null, 4),
  };
}

/** A judge metric as people read it: the catalogue's words for the rubrics we ship, else the name with spaces. */
export function metricLabel(metric: string | undefined): string {
  const known = messages().views.quality.metric as Record<string, string>;
  return metric === undefined ? '' : (known[metric] ?? metric.replace(/_/g, ' '));
}

export function qualitySummaryTable(summaries: QualitySummary[]): Record<string, string | number | null>[] {
  const name = namer(summaries.map((s) => s.model));
  const score = (x: number | null) => formatOrNull(x, 'score');
  return summaries.map((s) => ({
    model: name(s.model),
    role: s.role,
    judged: `${s.judged}/${s.total}`,
    overall: score(s.overall.mean),
    'overall 95% CI': formatRange(s.overall.lower, s.overall.upper, 'score'),
    // Metric names as column headers that wrap ("following instructions"), so the table fits.
    ...Object.fromEntries(s.metrics.map((m) => [metricLabel(m.metric), score(m.mean)])),
    'below 0.5': formatOrNull(s.overall.belowThreshold, 'percent'),
    'ROUGE-L': score(s.rougeL),
    'token F1': score(s.tokenF1),
  }));
}

export interface JuryAgreement {
  metric: string;
  alpha: number | null;
  units: number;
}

/** Krippendorff's alpha (interval) per metric across judges, over every judged response. */
export function juryAgreement(results: ModelQuality[], rubrics: Rubric[], judges: string[]): JuryAgreement[] {
  return [...rubrics.map((r) => `${r.name}_score`), 'overall'].map((col) => {
    const units: (number | null)[][] = [];
    for (const res of results) {
      const byResponse = new Map<string, QualityRow[]>();
      for (const row of res.rows.filter((x) => x.judge_status === 'judged')) {
        const k = `${row.document_id}|${row.experiment}|${row.invocation}`;
        byResponse.set(k, [...(byResponse.get(k) ?? []), row]);
      }
      for (const rows of byResponse.values())
        units.push(
          judges.map((j) => {
            const v = rows.find((x) => x.judge_model === j)?.[col];
            return typeof v === 'number' ? v : v ? Number(v) : null;
          }),
        );
    }
    return { metric: col.replace(/_score$/, ''), alpha: krippendorffAlpha(units, 'interval'), units: units.length };
  });
}

/** The responses the judges disagree on most (largest spread of overall scores). */
export function biggestDisagreements(
  results: ModelQuality[],
  top = 5,
): { model: string; document_index: unknown; spread: number; scores: string; response: string }[] {
  const out: { model: string; document_index: unknown; spread: number; scores: string; response: string }[] = [];
  for (const res of results) {
    const groups = new Map<string, QualityRow[]>();
    for (const row of res.rows.filter((x) => x.judge_status === 'judged'))
      groups.set(`${row.document_id}|${row.experiment}|${row.invocation}`, [
        ...(groups.get(`${row.document_id}|${row.experiment}|${row.invocation}`) ?? []),
        row,
      ]);
    for (const rows of groups.values()) {
      if (rows.length < 2) continue;
      const overall = rows.map((r) => Number(r.overall));
      out.push({
        model: res.model,
        document_index: rows[0].document_index,
        spread: overall.reduce((a, b) => Math.max(a, b)) - overall.reduce((a, b) => Math.min(a, b)),
        scores: rows.map((r) => `${r.judge_model}: ${localizeDigits(Number(r.overall).toFixed(2))}`).join('; '),
        response: String(rows[0].response ?? '').slice(0, 300),
      });
    }
  }
  return out.sort((a, b) => b.spread - a.spread).slice(0, top);
}

/**
 * Save each model's quality summary, status and files into the tracking table. Returns the
 * step's outcome: a model is usable when it has judgements, or at least reference metrics
 * (a denied judge leaves those); a step where judging failed for every model stops the run.
 */
/**
 * The task's primary quality metric for each model (`results/primary.ts`): judge overall for
 * generation, accuracy or macro F1 (both computed) for classification — with 95% intervals.
 */
export function primaryScores(session: WorkshopSession, results: ModelQuality[]): { model: string; score: PrimaryScore }[] {
  return results.map((r) => {
    const step3 = latencyResultsOf(session.tracking, r.model, r.variant);
    return { model: r.model, score: primaryScore(session.config.taskSpec, step3.ok ? step3.rows : [], r.rows) };
  });
}

/** The primary metric as a table: one row per model. */
export function primaryTable(scores: { model: string; score: PrimaryScore }[]): Record<string, string | number | null>[] {
  const name = namer(scores.map((x) => x.model));
  const ci = (x: { lower: number | null; upper: number | null } | null) => formatRange(x?.lower, x?.upper, 'score');
  const score = (x: number | null | undefined) => formatOrNull(x, 'score');
  return scores.map(({ model, score: s }) => ({
    model: name(model),
    metric: s.metric,
    value: score(s.value),
    '95% CI': ci(s),
    items: s.n,
    ...(s.accuracy
      ? {
          accuracy: score(s.accuracy.value),
          'accuracy 95% CI': ci(s.accuracy),
          'macro F1': score(s.macroF1?.value),
          'macro F1 95% CI': ci(s.macroF1),
        }
      : {}),
  }));
}

export function recordQuality(
  session: WorkshopSession,
  results: ModelQuality[],
  summaries: QualitySummary[],
  primaries: { model: string; score: PrimaryScore }[] = [],
): StepOutcome {
  const now = dayjs().toISOString();
  for (const r of results) {
    const s = summaries.find((x) => x.model === r.model);
    const metricCols = Object.fromEntries((s?.metrics ?? []).map((m) => [`quality_${m.metric}`, fmt(m.mean, 3)]));
    upsertModelRow(session.tracking, r.model, {
      quality_status: r.status,
      quality_message:
        r.reason || messages().views.quality.run.message({ n: String(r.rows.length), resumed: r.resumed ? String(r.resumed) : null }),
      judge_models: session.config.judge.models.join(';'),
      quality_overall: fmt(s?.overall.mean ?? null, 3),
      quality_overall_ci_low: fmt(s?.overall.lower ?? null, 3),
      quality_overall_ci_high: fmt(s?.overall.upper ?? null, 3),
      ...metricCols,
      rouge_l_f1: fmt(s?.rougeL ?? null, 3),
      ...primaryColumns(primaries.find((p) => p.model === r.model)?.score ?? null),
      quality_results_file: r.resultFile ? displayPath(r.resultFile) : '',
      quality_at: now,
    });
  }
  return stepOutcome(
    4,
    results.map((r) => ({ model: r.model, usable: r.rows.length > 0 && r.status !== 'failed', status: r.status, reason: r.reason })),
  );
}
