/**
 * One row of a step-3 deployment-options file `outputs/options_{task}_{model}_{hash}.csv`:
 * one call of one model under one deployment option (service tier, latency-optimized
 * inference, prompt cache, in-region / geography / global profile), or — status `skipped` —
 * one option that was not called, with the reason. Batch inference has no row: it is priced
 * in step 5 from the standard option's measured tokens.
 *
 * Status: `success` · `error` (a transient failure that outlived its retries) · `refused`
 * (Bedrock — or the offline endpoint — refused the option: ValidationException,
 * AccessDeniedException…; `error_message` is its message) · `skipped` (not called).
 */
import { z } from 'zod';
import { readCsvRows } from '../core/csv';
import { OPTION_IDS, type OptionId } from '../core/deployment-options';
import { percentile } from '../core/stats';
import { cell, type BackendValue } from './cells';

export interface OptionResultRow {
  model: string;
  option: OptionId;
  option_label: string;
  /** The id called (configured id, bare model id or a profile id); '' when skipped. */
  called_model_id: string;
  service_tier: string;
  latency_mode: string;
  prompt_cache: boolean;
  /** `supported`, `unknown` (the catalogue does not say: tried) or `unsupported` (skipped). */
  support: string;
  status: 'success' | 'error' | 'refused' | 'skipped';
  error_type: string;
  error_message: string;
  document_id: string;
  document_index: number | null;
  invocation: number | null;
  latency_ms: number | null;
  time_to_first_token_ms: number | null;
  output_tokens_per_second: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_input_tokens: number | null;
  cache_write_input_tokens: number | null;
  attempts: number | null;
  streaming: boolean;
  backend: BackendValue;
  endpoint: string;
  region: string;
  timestamp: string;
  run_id: string;
  provenance_id: string;
}

export const OPTION_RESULT_COLUMNS: (keyof OptionResultRow)[] = [
  'model',
  'option',
  'option_label',
  'called_model_id',
  'service_tier',
  'latency_mode',
  'prompt_cache',
  'support',
  'status',
  'error_type',
  'error_message',
  'document_id',
  'document_index',
  'invocation',
  'latency_ms',
  'time_to_first_token_ms',
  'output_tokens_per_second',
  'input_tokens',
  'output_tokens',
  'cache_read_input_tokens',
  'cache_write_input_tokens',
  'attempts',
  'streaming',
  'backend',
  'endpoint',
  'region',
  'timestamp',
  'run_id',
  'provenance_id',
];

const nullableInteger = z.preprocess(
  (v) => (v === '' || v === undefined ? null : typeof v === 'string' ? Number(v) : v),
  z.number().int().nullable(),
);

export const optionResultRowSchema: z.ZodType<OptionResultRow, z.ZodTypeDef, unknown> = z.object({
  model: cell.requiredText,
  option: z.enum(OPTION_IDS),
  option_label: cell.text,
  called_model_id: cell.text,
  service_tier: cell.text,
  latency_mode: cell.text,
  prompt_cache: cell.boolean,
  support: cell.text,
  status: z.enum(['success', 'error', 'refused', 'skipped']),
  error_type: cell.text,
  error_message: cell.text,
  document_id: cell.text,
  document_index: nullableInteger,
  invocation: nullableInteger,
  latency_ms: cell.number,
  time_to_first_token_ms: cell.number,
  output_tokens_per_second: cell.number,
  input_tokens: cell.number,
  output_tokens: cell.number,
  cache_read_input_tokens: cell.number,
  cache_write_input_tokens: cell.number,
  attempts: cell.number,
  streaming: cell.boolean,
  backend: cell.backend,
  endpoint: cell.text,
  region: cell.text,
  timestamp: cell.text,
  run_id: cell.text,
  provenance_id: cell.text,
});

/** Read a deployment-options file back, every row validated. */
export function readOptionResults(file: string): OptionResultRow[] {
  return readCsvRows(file, optionResultRowSchema, {
    required: ['model', 'option', 'status'],
    fix: 'this is not a deployment-options file as this version writes it — re-run notebook 03 (or `npm run workshop -- 03`).',
  }).rows;
}

/** What one option's rows add up to: status, latency percentiles, mean tokens. */
export interface OptionSummary {
  option: OptionId;
  label: string;
  calledModelId: string;
  support: string;
  /** `measured` (every call succeeded), `partial`, `refused`, `failed`, `skipped`. */
  status: 'measured' | 'partial' | 'refused' | 'failed' | 'skipped';
  /** Why skipped, Bedrock's refusal, or the errors. */
  reason: string;
  calls: number;
  successes: number;
  p50Ms: number | null;
  p90Ms: number | null;
  ttftP50Ms: number | null;
  /** Mean tokens of the successful calls. */
  tokens: { input: number | null; output: number | null; cacheRead: number | null; cacheWrite: number | null };
  /** Successful calls that read the prompt cache. */
  cacheHits: number;
}

const mean = (xs: (number | null)[]): number | null => {
  const known = xs.filter((x): x is number => typeof x === 'number');
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
};

/** One summary per option, in the order the options first appear in `rows`. */
export function summarizeOptionRows(rows: readonly OptionResultRow[]): OptionSummary[] {
  const order = [...new Set(rows.map((r) => r.option))];
  return order.map((option) => {
    const mine = rows.filter((r) => r.option === option);
    const first = mine[0];
    const calls = mine.filter((r) => r.status !== 'skipped');
    const ok = calls.filter((r) => r.status === 'success');
    const refused = calls.filter((r) => r.status === 'refused');
    const lat = ok.map((r) => r.latency_ms).filter((x): x is number => x !== null);
    const ttft = ok.map((r) => r.time_to_first_token_ms).filter((x): x is number => x !== null);
    const status: OptionSummary['status'] =
      calls.length === 0
        ? 'skipped'
        : ok.length === calls.length
          ? 'measured'
          : ok.length > 0
            ? 'partial'
            : refused.length > 0
              ? 'refused'
              : 'failed';
    const errors = [...new Set(calls.filter((r) => r.status !== 'success').map((r) => r.error_message || r.error_type))];
    const cacheTouched = ok.some((r) => (r.cache_read_input_tokens ?? 0) > 0 || (r.cache_write_input_tokens ?? 0) > 0);
    if (option === 'prompt-cache' && ok.length > 0 && !cacheTouched)
      errors.unshift(
        "nothing was cached (0 cache read and write tokens): the shared prefix is shorter than the model's minimum for a cache checkpoint (1,024–4,096 tokens by model) — a cache pays with a long shared prefix (deploymentOptions.sharedPrefixFile)",
      );
    return {
      option,
      label: first.option_label,
      calledModelId: first.called_model_id,
      support: first.support,
      status,
      reason: status === 'skipped' ? first.error_message : errors.join(' · '),
      calls: calls.length,
      successes: ok.length,
      p50Ms: percentile(lat, 0.5),
      p90Ms: percentile(lat, 0.9),
      ttftP50Ms: percentile(ttft, 0.5),
      tokens: {
        input: mean(ok.map((r) => r.input_tokens)),
        output: mean(ok.map((r) => r.output_tokens)),
        cacheRead: mean(ok.map((r) => r.cache_read_input_tokens ?? 0)),
        cacheWrite: mean(ok.map((r) => r.cache_write_input_tokens ?? 0)),
      },
      cacheHits: ok.filter((r) => (r.cache_read_input_tokens ?? 0) > 0).length,
    };
  });
}
