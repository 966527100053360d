/**
 * Readable views of the tracking CSV: a compact table per step (the few columns a person
 * reads at that point, models by their human names, numbers rounded by one formatter)
 * instead of all of its ~60 columns. The whole file stays one click away
 * (`showTracking` puts the full table in a collapsed section under the compact one).
 */
import { formatNumber, formatRange, kindOfColumn, usd } from './format';
import { formatDate } from './format-date';
import { m } from './i18n';
import { namer } from './model-names';
import type { TrackingRow, TrackingTable } from './tracking';

type ViewRow = Record<string, string>;

const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const yesNo = (t: { yes: string; no: string }, v: unknown): string =>
  v === true || v === 'true' ? t.yes : v === false || v === 'false' ? t.no : '';

/** The compact view of what `step` (1–5) wrote, one row per model; step 0 = an overview of every step. */
export function trackingView(table: TrackingTable, step: 0 | 1 | 2 | 3 | 4 | 5): ViewRow[] {
  const name = namer(table.rows.map((r) => String(r.model)));
  const t = m().views.tracking;
  const c = t.col;
  const model = (r: TrackingRow) => ({ [c.model]: text(r.model_name) || name(String(r.model)), [c.id]: String(r.model) });
  return table.rows.map((r): ViewRow => {
    switch (step) {
      case 1:
        return {
          ...model(r),
          [c.role]: text(r.role),
          [c.backend]: text(r.backend),
          [c.access]: text(r.setup_status),
          [c.note]: text(r.setup_message),
          [c.lifecycleStatus]: text(r.lifecycle_status),
          [c.endOfLife]: formatDate(text(r.end_of_life_date)),
          [c.daysToEndOfLife]: formatNumber(num(r.days_to_end_of_life), 'count'),
          [c.requiresProfile]: yesNo(t, r.requires_inference_profile),
        };
      case 2:
        return {
          ...model(r),
          [c.template]: text(r.prompt_template).replace(/^data\/prompts\//, ''),
          [c.contextWindow]: formatNumber(num(r.context_window), 'count'),
          [c.perInput]: formatNumber(num(r.price_per_1k_input_usd), 'usd'),
          [c.perOutput]: formatNumber(num(r.price_per_1k_output_usd), 'usd'),
          [c.estCost]: usd(num(r.est_cost_usd)),
          [c.docsOver]: text(r.docs_over_context) || t.none,
          [c.plan]: text(r.plan_status),
        };
      case 3:
        return {
          ...model(r),
          [c.status]: text(r.latency_status),
          [c.calls]: formatNumber(num(r.latency_n), 'count'),
          [c.success]: formatNumber(num(r.latency_success_rate), 'percent'),
          [c.medianMs]: formatNumber(num(r.latency_median_ms), 'ms'),
          [c.medianCi]: formatRange(num(r.latency_median_ci_low_ms), num(r.latency_median_ci_high_ms), 'ms'),
          [c.p90Ms]: formatNumber(num(r.latency_p90_ms), 'ms'),
          [c.ttftMs]: formatNumber(num(r.ttft_median_ms), 'ms'),
          [c.tokensPerS]: formatNumber(num(r.output_tokens_per_s_mean), 'rate'),
        };
      case 4:
        return {
          ...model(r),
          [c.status]: text(r.quality_status),
          // What step 5 decides on (the task's primary metric), then the judge's view and a reference metric.
          [c.decidesOn]: text(r.quality_primary_metric),
          [c.value]: formatNumber(num(r.quality_primary ?? r.quality_overall), 'score'),
          [c.ci95]: formatRange(
            num(r.quality_primary_ci_low ?? r.quality_overall_ci_low),
            num(r.quality_primary_ci_high ?? r.quality_overall_ci_high),
            'score',
          ),
          [c.correctness]: formatNumber(num(r.quality_correctness), 'score'),
          [c.completeness]: formatNumber(num(r.quality_completeness), 'score'),
          [c.faithfulness]: formatNumber(num(r.quality_faithfulness), 'score'),
          [c.rougeL]: formatNumber(num(r.rouge_l_f1), 'score'),
        };
      case 5:
        return {
          ...model(r),
          [c.role]: text(r.role),
          [c.rank]: formatNumber(num(r.rank), 'count'),
          [c.composite]: formatNumber(num(r.composite_score), 'score'),
          [c.nonInferior]: yesNo(t, r.non_inferior_quality),
          [c.pareto]: yesNo(t, r.pareto_optimal),
          [c.perKRequests]: formatNumber(num(r.cost_per_1k_requests_usd), 'usd'),
          [c.perMonth]: formatNumber(num(r.monthly_cost_usd), 'usd'),
          // The verdict; the sentence saying what decided it is in the full view and the CSV.
          [c.recommendation]: text(r.recommendation).split(/ — |: /)[0],
        };
      default:
        return {
          ...model(r),
          [c.role]: text(r.role),
          [c.access]: text(r.setup_status),
          [c.plan]: text(r.plan_status),
          [c.latency]: text(r.latency_status),
          [c.quality]: text(r.quality_status),
          [c.recommendation]: text(r.recommendation).split(/ — |: /)[0],
        };
    }
  });
}

/** Every column of the tracking CSV, numbers formatted by their kind (for the full view). */
export function trackingFull(table: TrackingTable): ViewRow[] {
  return table.rows.map((r) =>
    Object.fromEntries(
      table.columns.map((c) => {
        const v = r[c];
        return [c, typeof v === 'number' ? formatNumber(v, kindOfColumn(c)) : text(v)];
      }),
    ),
  );
}

/**
 * The full view turned on its side: one row per column of the tracking CSV, one column per
 * model (by its name) — so every column of the file fits a page, where 80 columns side by side
 * would not.
 */
export function trackingByColumn(table: TrackingTable): ViewRow[] {
  const name = namer(table.rows.map((r) => String(r.model)));
  const full = trackingFull(table);
  const heads = table.rows.map((r) => text(r.model_name) || name(String(r.model)));
  // Two rows with one name (a model listed twice by different ids) keep both: the id tells them apart.
  const unique = heads.map((h, i) => (heads.indexOf(h) === i ? h : `${h} (${String(table.rows[i].model)})`));
  const column = m().views.tracking.col.column;
  return table.columns.map((c) => ({ [column]: c, ...Object.fromEntries(full.map((r, i) => [unique[i], r[c]])) }));
}
