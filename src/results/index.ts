/**
 * The one typed reader of earlier steps' results. A step never imports another step's
 * modules: it asks here for the rows the tracking CSV points at (`latency_results_file`,
 * `quality_results_file`), validated, or a plain reason why there are none.
 */
import { existsSync } from 'node:fs';
import { m } from '../core/i18n';
import { repoPath } from '../core/paths';
import type { TrackingTable } from '../core/tracking';
import { readLatencyResults, type LatencyResultRow } from './latency-rows';
import { readOptionResults, type OptionResultRow } from './option-rows';
import { readQualityResults, type QualityRow } from './quality-rows';
import type { PromptVariant } from './cells';

export * from './latency-rows';
export * from './option-rows';
export * from './quality-rows';
export { PROMPT_VARIANTS, type PromptVariant } from './cells';
export * from './variants';

export type StepResults<R> = { ok: true; file: string; rows: R[] } | { ok: false; reason: string };

/** The tracking column of a variant's result file: `latency_results_file`, `latency_results_file_optimized`. */
export function variantColumn(column: string, variant: PromptVariant): string {
  return variant === 'task' ? column : `${column}_${variant}`;
}

function resultsOf<R>(
  tracking: TrackingTable,
  modelId: string,
  column: string,
  step: string,
  read: (file: string) => R[],
  variant: PromptVariant = 'task',
): StepResults<R> {
  const tracked = tracking.rows.find((r) => r.model === modelId)?.[variantColumn(column, variant)];
  if (typeof tracked !== 'string' || !tracked)
    return {
      ok: false,
      reason: m().views.runs.results.noResults({
        step,
        variant: variant === 'task' ? null : variant,
        notebook: step === 'step-3' ? '03' : '04',
      }),
    };
  const file = repoPath(tracked);
  if (!existsSync(file))
    return { ok: false, reason: m().views.runs.results.missingFile({ step, file: tracked, notebook: step === 'step-3' ? '03' : '04' }) };
  return { ok: true, file, rows: read(file) };
}

/** Step 3's rows for one model and prompt variant (every call: successes and recorded errors). */
export function latencyResultsOf(tracking: TrackingTable, modelId: string, variant: PromptVariant = 'task'): StepResults<LatencyResultRow> {
  return resultsOf(tracking, modelId, 'latency_results_file', 'step-3', readLatencyResults, variant);
}

/** Step 3's deployment-options rows for one model (calls under each option, and skipped options with the reason). */
export function optionResultsOf(tracking: TrackingTable, modelId: string): StepResults<OptionResultRow> {
  return resultsOf(tracking, modelId, 'options_results_file', 'step-3', readOptionResults);
}

/**
 * Step 1's verdict on a model it could not call — `denied` (no access) or `error` (e.g. an id
 * the backend does not know) — with its message; null when later steps may call it.
 */
export function setupBlockOf(tracking: TrackingTable, modelId: string): { status: 'denied' | 'error'; message: string } | null {
  const row = tracking.rows.find((r) => r.model === modelId);
  const status = row?.setup_status;
  return status === 'denied' || status === 'error' ? { status, message: String(row?.setup_message ?? '') } : null;
}

/** Step 4's rows for one model and prompt variant (one per answer and judge). */
export function qualityResultsOf(tracking: TrackingTable, modelId: string, variant: PromptVariant = 'task'): StepResults<QualityRow> {
  return resultsOf(tracking, modelId, 'quality_results_file', 'step-4', readQualityResults, variant);
}
export * from './primary';
export * from './batch';
