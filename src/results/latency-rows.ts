/**
 * One row of a step-3 result file `outputs/latency_{task}_{model}_{run id}.csv`: one call
 * of one model on one document, kept whole so step 4 can judge the response.
 *
 * The first columns are the seed workshop's; the rest are what a trustworthy benchmark
 * also needs, including what produced the row (backend, endpoint, prompt hash, inference
 * settings, streaming → `provenance_id`). Times are milliseconds except `latency`, which
 * keeps the seed's seconds.
 */
import { z } from 'zod';
import { readCsvRows } from '../core/csv';
import { cell, variantCell, type BackendValue, type PromptVariant } from './cells';

export interface LatencyResultRow {
  run_id: string;
  model: string;
  role: 'source' | 'candidate';
  region: string;
  inference_profile: string;
  /** `local`, `aws`, `recorded` or `replay:<cassette>@<recording date>` (see `cell.backend`). */
  backend: BackendValue;
  document_index: number;
  /** Short hash of the document text: resume keys survive a reordered dataset. */
  document_id: string;
  experiment: number;
  invocation: number;
  document: string;
  referenceResponse: string;
  /** The document's true label (classification datasets), '' otherwise: results carry their own truth. */
  label: string;
  model_response: string;
  /** Client-side total latency of the final attempt, in seconds (the seed's column). */
  latency: number | null;
  latency_ms: number | null;
  /** Server-reported `metrics.latencyMs` (the seed filled this with the client time — a bug). */
  model_latencyMs: number | null;
  time_to_first_token_ms: number | null;
  output_tokens_per_second: number | null;
  /** Wall time of the call including retries and back-off. */
  total_time_ms: number | null;
  attempts: number;
  model_input_tokens: number | null;
  model_output_tokens: number | null;
  stop_reason: string;
  status: 'success' | 'error' | 'recorded';
  error_type: string;
  error_message: string;
  cost_usd: number | null;
  streaming: boolean;
  timestamp: string;
  /** What answered: `aws:<endpoint or default>`, or the local endpoint with its emulation settings (`local:seed=42,latencyScale=1`). */
  endpoint: string;
  /** SHA-256 (12 hex digits) of the prompt template as sent. */
  prompt_sha: string;
  max_tokens: number | null;
  temperature: number | null;
  top_p: number | null;
  /** Hash of everything that produced the row; a resume reuses only rows with the current one. */
  provenance_id: string;
  /** The prompt variant: `task` or `optimized` (step 2's optimized template; docs/prompt-variants.md). */
  variant: PromptVariant;
}

/** Column order of the result CSV. */
export const LATENCY_RESULT_COLUMNS: (keyof LatencyResultRow)[] = [
  'model',
  'region',
  'inference_profile',
  'document',
  'referenceResponse',
  'model_response',
  'latency',
  'model_latencyMs',
  'model_input_tokens',
  'model_output_tokens',
  'status',
  'error_message',
  'timestamp',
  'run_id',
  'role',
  'backend',
  'document_index',
  'document_id',
  'experiment',
  'invocation',
  'latency_ms',
  'time_to_first_token_ms',
  'output_tokens_per_second',
  'total_time_ms',
  'attempts',
  'stop_reason',
  'error_type',
  'cost_usd',
  'streaming',
  'endpoint',
  'prompt_sha',
  'max_tokens',
  'temperature',
  'top_p',
  'provenance_id',
  'label',
  'variant',
];

/**
 * A step-3 row, validated — from a checkpoint line (JSON values) or a result CSV (text
 * cells): numbers and booleans are converted, empty cells become null or ''.
 */
export const latencyResultRowSchema: z.ZodType<LatencyResultRow, z.ZodTypeDef, unknown> = z.object({
  run_id: cell.text,
  model: cell.requiredText,
  role: z.enum(['source', 'candidate']),
  region: cell.text,
  inference_profile: cell.text,
  backend: cell.backend,
  document_index: cell.integer,
  document_id: cell.requiredText,
  experiment: cell.integer,
  invocation: cell.integer,
  document: cell.text,
  referenceResponse: cell.text,
  label: cell.text,
  model_response: cell.text,
  latency: cell.number,
  latency_ms: cell.number,
  model_latencyMs: cell.number,
  time_to_first_token_ms: cell.number,
  output_tokens_per_second: cell.number,
  total_time_ms: cell.number,
  attempts: cell.integer,
  model_input_tokens: cell.number,
  model_output_tokens: cell.number,
  stop_reason: cell.text,
  status: z.enum(['success', 'error', 'recorded']),
  error_type: cell.text,
  error_message: cell.text,
  cost_usd: cell.number,
  streaming: cell.boolean,
  timestamp: cell.text,
  endpoint: cell.text,
  prompt_sha: cell.text,
  max_tokens: cell.number,
  temperature: cell.number,
  top_p: cell.number,
  provenance_id: cell.text,
  variant: variantCell,
});

/** Read a step-3 result CSV back, every row validated (a bad cell names the row, the column and the fix). */
export function readLatencyResults(file: string): LatencyResultRow[] {
  return readCsvRows(file, latencyResultRowSchema, {
    required: ['model', 'document_id', 'document', 'model_response', 'status'],
    fix: 'this is not a step-3 result file as this version writes it — re-run notebook 03 (or `npm run workshop -- 03`).',
  }).rows;
}

/** The identity of a unit of work: same key → same call, done once. */
export function workKey(row: Pick<LatencyResultRow, 'model' | 'document_id' | 'experiment' | 'invocation'>): string {
  return `${row.model}|${row.document_id}|${row.experiment}|${row.invocation}`;
}
