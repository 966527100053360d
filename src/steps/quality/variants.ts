/**
 * Step 4's two prompt variants side by side: the primary metric of each candidate's task
 * prompt and optimized prompt on the same documents (the optimized variant runs on the first
 * `prompts.optimizedDocuments` only), and what goes into the tracking CSV
 * (`quality_*_optimized`). Whether the difference is more than noise is step 5's paired test.
 */
import { m as messages } from '../../core/i18n';
import { formatOrNull } from '../../core/format';
import { namer } from '../../core/model-names';
import { displayPath } from '../../core/paths';
import { upsertModelRow } from '../../core/tracking';
import type { PrimaryScore } from '../../results';
import type { WorkshopSession } from '../../runs/session';
import type { ModelQuality } from './run';

type Primaries = { model: string; score: PrimaryScore }[];

const meanOf = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * One line per candidate with an optimized variant: the task prompt's primary metric on the
 * optimized variant's documents, the optimized prompt's, and the difference (plain means;
 * step 5 tests it). Skipped candidates keep a line with the reason.
 */
export function variantPrimaryTable(
  task: Primaries,
  optimized: Primaries,
  optimizedQuality: readonly ModelQuality[],
): Record<string, string | number | null>[] {
  const name = namer(optimizedQuality.map((q) => q.model));
  return optimizedQuality.map((q) => {
    const o = optimized.find((x) => x.model === q.model)?.score;
    const t = task.find((x) => x.model === q.model)?.score;
    if (!o || o.items.length === 0)
      return {
        model: name(q.model),
        metric: null,
        documents: 0,
        task: null,
        optimized: null,
        'optimized − task': null,
        note: q.reason || messages().views.quality.variants.noJudged,
      };
    const keys = new Set(o.items.map((i) => i.key));
    const taskSame = (t?.items ?? []).filter((i) => keys.has(i.key)).map((i) => i.value);
    const tMean = meanOf(taskSame);
    const oMean = meanOf(o.items.map((i) => i.value));
    return {
      model: name(q.model),
      metric: o.metric,
      documents: new Set(o.items.map((i) => i.document_id)).size,
      task: formatOrNull(tMean, 'score'),
      optimized: formatOrNull(oMean, 'score'),
      'optimized − task': tMean === null || oMean === null ? null : formatOrNull(oMean - tMean, 'diff'),
      note: q.reason || messages().views.quality.variants.sameDocuments,
    };
  });
}

/** Save the optimized variant's status, primary metric and result file on each candidate's tracking row. */
export function recordOptimizedQuality(session: WorkshopSession, optimizedQuality: readonly ModelQuality[], optimized: Primaries): void {
  for (const q of optimizedQuality) {
    const s = optimized.find((x) => x.model === q.model)?.score;
    upsertModelRow(session.tracking, q.model, {
      quality_status_optimized: q.status,
      quality_message_optimized:
        q.reason ||
        messages().views.quality.run.optimizedMessage({
          n: String(q.rows.filter((r) => r.judge_status === 'judged').length),
          resumed: String(q.resumed),
        }),
      quality_primary_optimized: s?.value === null || s?.value === undefined ? null : Number(s.value.toFixed(4)),
      quality_primary_n_optimized: s ? s.n : null,
      quality_results_file_optimized: q.resultFile ? displayPath(q.resultFile) : '',
    });
  }
}
