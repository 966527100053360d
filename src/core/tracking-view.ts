/**
 * Readable views of the tracking CSV: a compact table per step (the few columns a person
 * reads at that point, models by their human names, numbers rounded by one formatter)
 * instead of all of its ~60 columns. The whole file stays one click away
 * (`showTracking` puts the full table in a collapsed section under the compact one).
 */
import { formatNumber, formatRange, kindOfColumn, usd } from './format';
import { namer } from './model-names';
import type { TrackingRow, TrackingTable } from './tracking';

type ViewRow = Record<string, string>;

const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const yesNo = (v: unknown): string => (v === true || v === 'true' ? 'yes' : v === false || v === 'false' ? 'no' : '');

/** The compact view of what `step` (1–5) wrote, one row per model; step 0 = an overview of every step. */
export function trackingView(table: TrackingTable, step: 0 | 1 | 2 | 3 | 4 | 5): ViewRow[] {
  const name = namer(table.rows.map((r) => String(r.model)));
  const model = (r: TrackingRow) => ({ model: text(r.model_name) || name(String(r.model)), id: String(r.model) });
  return table.rows.map((r): ViewRow => {
    switch (step) {
      case 1:
        return {
          ...model(r),
          role: text(r.role),
          backend: text(r.backend),
          access: text(r.setup_status),
          note: text(r.setup_message),
          lifecycle_status: text(r.lifecycle_status),
          end_of_life_date: text(r.end_of_life_date),
          days_to_end_of_life: formatNumber(num(r.days_to_end_of_life), 'count'),
          requires_inference_profile: yesNo(r.requires_inference_profile),
        };
      case 2:
        return {
          ...model(r),
          template: text(r.prompt_template).replace(/^data\/prompts\//, ''),
          'context window': formatNumber(num(r.context_window), 'count'),
          '$ / 1k input': formatNumber(num(r.price_per_1k_input_usd), 'usd'),
          '$ / 1k output': formatNumber(num(r.price_per_1k_output_usd), 'usd'),
          'est. cost': usd(num(r.est_cost_usd)),
          "docs that don't fit": text(r.docs_over_context) || 'none',
          plan: text(r.plan_status),
        };
      case 3:
        return {
          ...model(r),
          status: text(r.latency_status),
          calls: formatNumber(num(r.latency_n), 'count'),
          success: formatNumber(num(r.latency_success_rate), 'percent'),
          'median ms': formatNumber(num(r.latency_median_ms), 'ms'),
          'median 95% CI': formatRange(num(r.latency_median_ci_low_ms), num(r.latency_median_ci_high_ms), 'ms'),
          'p90 ms': formatNumber(num(r.latency_p90_ms), 'ms'),
          'TTFT median ms': formatNumber(num(r.ttft_median_ms), 'ms'),
          'tokens/s': formatNumber(num(r.output_tokens_per_s_mean), 'rate'),
        };
      case 4:
        return {
          ...model(r),
          status: text(r.quality_status),
          // What step 5 decides on (the task's primary metric), then the judge's view and a reference metric.
          'decides on': text(r.quality_primary_metric),
          value: formatNumber(num(r.quality_primary ?? r.quality_overall), 'score'),
          '95% CI': formatRange(
            num(r.quality_primary_ci_low ?? r.quality_overall_ci_low),
            num(r.quality_primary_ci_high ?? r.quality_overall_ci_high),
            'score',
          ),
          correctness: formatNumber(num(r.quality_correctness), 'score'),
          completeness: formatNumber(num(r.quality_completeness), 'score'),
          faithfulness: formatNumber(num(r.quality_faithfulness), 'score'),
          'ROUGE-L': formatNumber(num(r.rouge_l_f1), 'score'),
        };
      case 5:
        return {
          ...model(r),
          role: text(r.role),
          rank: formatNumber(num(r.rank), 'count'),
          composite: formatNumber(num(r.composite_score), 'score'),
          'non-inferior': yesNo(r.non_inferior_quality),
          pareto: yesNo(r.pareto_optimal),
          '$ / 1k requests': formatNumber(num(r.cost_per_1k_requests_usd), 'usd'),
          '$ / month': formatNumber(num(r.monthly_cost_usd), 'usd'),
          // The verdict; the sentence saying what decided it is in the full view and the CSV.
          recommendation: text(r.recommendation).split(/ — |: /)[0],
        };
      default:
        return {
          ...model(r),
          role: text(r.role),
          access: text(r.setup_status),
          plan: text(r.plan_status),
          latency: text(r.latency_status),
          quality: text(r.quality_status),
          recommendation: text(r.recommendation).split(/ — |: /)[0],
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
  return table.columns.map((c) => ({ column: c, ...Object.fromEntries(full.map((r, i) => [unique[i], r[c]])) }));
}
