/**
 * Where a model's step-3 answers came from when they are not notebook 03's measured calls:
 * a Bedrock batch inference job imported by `importBatchOutput` (`src/steps/batch`), whose
 * rows carry `endpoint` `batch-emulated:…` (offline emulation) or `batch:…` (real Bedrock)
 * and no latency figures. Later steps ask here, not the batch step.
 */
import type { LatencyResultRow } from './latency-rows';

export type BatchOrigin = 'emulated' | 'bedrock';

/** `emulated` / `bedrock` when the rows are an imported batch job, null for on-demand (or mixed) rows. */
export function batchOriginOf(rows: readonly Pick<LatencyResultRow, 'endpoint'>[]): BatchOrigin | null {
  if (rows.length === 0) return null;
  if (rows.every((r) => r.endpoint.startsWith('batch-emulated:'))) return 'emulated';
  if (rows.every((r) => r.endpoint.startsWith('batch:'))) return 'bedrock';
  return null;
}
