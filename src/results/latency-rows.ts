/**
 * One row of a step-3 result file `outputs/document_summarization_{model}_{timestamp}.csv`:
 * one call of one model on one document, kept whole so step 4 can judge the response.
 *
 * The first columns are the seed workshop's; the rest are what a trustworthy benchmark
 * also needs. Times are milliseconds except `latency`, which keeps the seed's seconds.
 */
export interface LatencyResultRow {
  run_id: string;
  model: string;
  role: 'source' | 'candidate';
  region: string;
  inference_profile: string;
  backend: 'local' | 'aws' | 'recorded';
  document_index: number;
  /** Short hash of the document text: resume keys survive a reordered dataset. */
  document_id: string;
  experiment: number;
  invocation: number;
  document: string;
  referenceResponse: string;
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
}

/** Column order of the result CSV. */
export const LATENCY_RESULT_COLUMNS: (keyof LatencyResultRow)[] = [
  'model', 'region', 'inference_profile', 'document', 'referenceResponse', 'model_response',
  'latency', 'model_latencyMs', 'model_input_tokens', 'model_output_tokens', 'status', 'error_message', 'timestamp',
  'run_id', 'role', 'backend', 'document_index', 'document_id', 'experiment', 'invocation',
  'latency_ms', 'time_to_first_token_ms', 'output_tokens_per_second', 'total_time_ms', 'attempts',
  'stop_reason', 'error_type', 'cost_usd', 'streaming',
];

/** The identity of a unit of work: same key → same call, done once. */
export function workKey(row: Pick<LatencyResultRow, 'model' | 'document_id' | 'experiment' | 'invocation'>): string {
  return `${row.model}|${row.document_id}|${row.experiment}|${row.invocation}`;
}
