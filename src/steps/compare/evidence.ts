/**
 * Step 5's evidence: for each model, the step-3 and step-4 result files named in the
 * tracking CSV, read back — and what is missing or failed, said plainly: how many calls
 * (step 3) and judgements (step 4) failed, and with which errors (`failureSummary`).
 */
import { allModels } from '../../core/config';
import { m } from '../../core/i18n';
import { finite } from '../../core/stats';
import { batchOriginOf, latencyResultsOf, primaryScore, qualityResultsOf, type BatchOrigin, type PrimaryScore } from '../../results';
import type { WorkshopSession } from '../../runs/session';

export interface ModelEvidence {
  model: string;
  role: 'source' | 'candidate';
  latencyMs: number[];
  ttftMs: number[];
  costs: (number | null)[];
  calls: number;
  successes: number;
  /** Step 3: calls that ended in an error (after the retries), counted by error type. */
  failedCalls: number;
  callErrors: Map<string, number>;
  /** Step 4: judgements asked for (one per step-3 answer and judge), and those that failed (the judge's call failed or its answer could not be read), by reason. */
  judgements: number;
  failedJudgements: number;
  judgeErrors: Map<string, number>;
  /** Judge scores (0–1) per metric, and overall, of judged answers. */
  quality: Record<string, number[]>;
  /** Latency (ms) of each successful call, by item (document × experiment × invocation): for paired comparisons. */
  latencyByItem: Map<string, number>;
  /** The task's primary metric per item (`results/primary.ts`), and its value with interval. */
  primaryByItem: Map<string, number>;
  primary: PrimaryScore | null;
  missing: string[];
  /** The answers came from a Bedrock batch inference job (`emulated` offline): no latency figures, batch price. */
  batch: BatchOrigin | null;
}

export function loadEvidence(session: WorkshopSession): ModelEvidence[] {
  const task = session.config.taskSpec;
  const t = m().compare.evidence;
  return allModels(session.config).map((m) => {
    const missing: string[] = [];
    // Step 3's calls and step 4's judged answers, through the typed results reader.
    const latency = latencyResultsOf(session.tracking, m.modelId);
    if (!latency.ok) missing.push(t.step3({ reason: latency.reason }));
    const step3 = latency.ok ? latency.rows : [];
    const ok = step3.filter((r) => r.status === 'success' || r.status === 'recorded');
    const judged = qualityResultsOf(session.tracking, m.modelId);
    if (!judged.ok) missing.push(t.step4({ reason: judged.reason }));
    const step4 = judged.ok ? judged.rows.filter((r) => r.judge_status === 'judged') : [];
    // Judgements asked for: the answers a judge was called on (a failed step-3 call or no judge is "skipped", not a judge failure).
    const asked = judged.ok ? judged.rows.filter((r) => r.judge_status !== 'skipped') : [];
    const judgeFailed = asked.filter((r) => r.judge_status === 'error' || r.judge_status === 'unparseable');
    const failed = step3.filter((r) => r.status === 'error');
    if (judged.ok && step4.length === 0) {
      const why = session.tracking.rows.find((r) => r.model === m.modelId)?.quality_message;
      missing.push(t.noJudged({ why: why ? String(why) : null }));
    }
    const quality: Record<string, number[]> = {};
    if (step4.length) {
      for (const col of Object.keys(step4[0]).filter((c) => c.endsWith('_norm')))
        quality[col.replace(/_norm$/, '')] = finite(step4.map((r) => r[col] as number | null));
      quality.overall = finite(step4.map((r) => r.overall as number | null));
    }
    if (step3.length && ok.length === 0) missing.push(t.noSuccess);
    const primary = step3.length ? primaryScore(task, step3, judged.ok ? judged.rows : []) : null;
    return {
      model: m.modelId,
      role: m.role,
      latencyMs: finite(ok.map((r) => r.latency_ms)),
      ttftMs: finite(ok.map((r) => r.time_to_first_token_ms)),
      costs: ok.map((r) => r.cost_usd),
      calls: step3.length,
      successes: ok.length,
      failedCalls: failed.length,
      callErrors: tally(failed.map((r) => r.error_type || 'error')),
      judgements: asked.length,
      failedJudgements: judgeFailed.length,
      judgeErrors: tally(judgeFailed.map((r) => judgeReason(r.judge_status, r.judge_error))),
      quality,
      latencyByItem: new Map(
        ok.filter((r) => r.latency_ms !== null).map((r) => [`${r.document_id}|${r.experiment}|${r.invocation}`, r.latency_ms as number]),
      ),
      primaryByItem: new Map((primary?.items ?? []).map((i) => [i.key, i.value])),
      primary: primary && primary.n > 0 ? primary : null,
      missing,
      batch: batchOriginOf(step3),
    };
  });
}

/** How many times each value occurs, most frequent first. */
function tally(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

/** A failed judgement's reason, short enough to count: the error's type or first clause. */
function judgeReason(status: unknown, error: unknown): string {
  if (status === 'unparseable') return m().compare.evidence.unreadable;
  const text = String(error ?? '').trim();
  const type = /\b([A-Z][A-Za-z]+(?:Exception|Error))\b/.exec(text)?.[1];
  return type ?? (text.split(/[:.(]/)[0].trim().slice(0, 60) || m().compare.evidence.judgeFailed);
}

const counts = (m: Map<string, number>) => [...m].map(([k, n]) => `${k} ×${n}`).join(', ');

/**
 * What failed for one model, in a sentence — or null when nothing did.
 *
 * @example
 * failureSummary(e) // → 'step 3: 3 of 10 calls failed (ThrottlingException ×2, ModelTimeoutException ×1); step 4: 1 of 7 judgements failed (InternalServerException ×1)'
 */
export function failureSummary(e: ModelEvidence, { reasons = true }: { reasons?: boolean } = {}): string | null {
  const t = m().compare.evidence;
  const parts: string[] = [];
  if (e.failedCalls) parts.push(t.calls({ failed: e.failedCalls, of: e.calls, reasons: reasons ? counts(e.callErrors) : null }));
  if (e.failedJudgements)
    parts.push(t.judgements({ failed: e.failedJudgements, of: e.judgements, reasons: reasons ? counts(e.judgeErrors) : null }));
  return parts.length ? parts.join('; ') : null;
}
