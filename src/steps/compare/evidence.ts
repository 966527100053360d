/**
 * Step 5's evidence: for each model, the step-3 and step-4 result files named in the
 * tracking CSV, read back — and what is missing, said plainly.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as pl from 'nodejs-polars';
import { allModels } from '../../core/config';
import { repoPath } from '../../core/paths';
import type { WorkshopSession } from '../../runs/session';

export interface ModelEvidence {
  model: string;
  role: 'source' | 'candidate';
  latencyMs: number[];
  ttftMs: number[];
  costs: (number | null)[];
  calls: number;
  successes: number;
  /** Judge scores (0–1) per metric, and overall, of judged answers. */
  quality: Record<string, number[]>;
  missing: string[];
}

function readCsv(tracked: unknown, label: string, missing: string[]): Record<string, string | null>[] {
  if (typeof tracked !== 'string' || !tracked) {
    missing.push(`${label}: not run for this model`);
    return [];
  }
  const file = repoPath(tracked);
  if (!existsSync(file)) {
    missing.push(`${label}: result file ${tracked} is missing`);
    return [];
  }
  return pl.readCSV(readFileSync(file, 'utf8'), { inferSchemaLength: 0 }).toRecords() as Record<string, string | null>[];
}

const num = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? null : Number(v));
const finite = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null && Number.isFinite(x));

export function loadEvidence(session: WorkshopSession): ModelEvidence[] {
  return allModels(session.config).map((m) => {
    const row = session.tracking.rows.find((r) => r.model === m.modelId);
    const missing: string[] = [];
    const step3 = readCsv(row?.latency_results_file, 'step 3 (latency)', missing);
    const ok = step3.filter((r) => r.status === 'success' || r.status === 'recorded');
    const step4 = readCsv(row?.quality_results_file, 'step 4 (quality)', missing).filter((r) => r.judge_status === 'judged');
    const quality: Record<string, number[]> = {};
    if (step4.length) {
      for (const col of Object.keys(step4[0]).filter((c) => c.endsWith('_norm'))) quality[col.replace(/_norm$/, '')] = finite(step4.map((r) => num(r[col])));
      quality.overall = finite(step4.map((r) => num(r.overall)));
    }
    if (step3.length && ok.length === 0) missing.push('step 3: no successful call');
    return {
      model: m.modelId,
      role: m.role,
      latencyMs: finite(ok.map((r) => num(r.latency_ms))),
      ttftMs: finite(ok.map((r) => num(r.time_to_first_token_ms))),
      costs: ok.map((r) => num(r.cost_usd)),
      calls: step3.length,
      successes: ok.length,
      quality,
      missing,
    };
  });
}
