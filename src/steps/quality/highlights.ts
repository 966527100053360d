/**
 * The answers worth reading after step 4, found in this run's results — so that notebook 04's
 * prose points at them instead of describing them in the abstract:
 *
 * - **the fact the judge caught**: the judged answer with the lowest correctness (then
 *   faithfulness) score, with the judge's reason — offline, typically a changed figure ("42.8"
 *   where the document has "48.2") or a dropped negation;
 * - **the instruction ignored**: the lowest following-instructions score, with its reason —
 *   typically a preamble although the task asks for the summary only, or the wrong length;
 * - **the truncated answers**: step-3 answers that stopped at `maxTokens` (`stop_reason`
 *   `max_tokens`), with how the judge scored their coherence.
 *
 * Works for any judge (the reasons are the judge's own words) and any rubric set (a metric the
 * rubrics lack is skipped). Answers cut off at maxTokens are left out of the first two, so one
 * answer does not fill every highlight.
 *
 * @example
 * const h = answerHighlights(session, quality);
 * showTable(answerHighlightsTable(h), { title: 'Answers worth reading' });
 */
import { formatNumber } from '../../core/format';
import { metricLabel } from './summary';
import { m as messages } from '../../core/i18n';
import { modelName } from '../../core/model-names';
import { latencyResultsOf } from '../../results';
import type { QualityRow } from '../../results/quality-rows';
import type { WorkshopSession } from '../../runs/session';
import type { ModelQuality } from './run';

export interface AnswerHighlight {
  kind: 'caught fact' | 'ignored instruction' | 'truncated';
  model: string;
  /** Row of the dataset (1-based). */
  document: number | null;
  /** The metric it is about, the judge's score (on the rubric's scale) and reason. */
  metric: string;
  score: number | null;
  reason: string;
  answer: string;
}

export interface AnswerHighlights {
  caughtFact: AnswerHighlight | null;
  ignoredInstruction: AnswerHighlight | null;
  truncated: AnswerHighlight[];
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const key = (model: string, r: { document_id?: unknown; experiment?: unknown; invocation?: unknown }) =>
  `${model}|${String(r.document_id)}|${String(r.experiment)}|${String(r.invocation)}`;

/** The judged row with the lowest score on `metric` (ties: lower on `then`), below the scale's top; null when none. */
function lowest(rows: { model: string; row: QualityRow }[], metric: string, then: string): { model: string; row: QualityRow } | null {
  const scored = rows.filter((r) => num(r.row[`${metric}_score`]) !== null && (num(r.row[`${metric}_norm`]) ?? 1) < 1);
  scored.sort(
    (a, b) =>
      num(a.row[`${metric}_score`])! - num(b.row[`${metric}_score`])! ||
      (num(a.row[`${then}_score`]) ?? 99) - (num(b.row[`${then}_score`]) ?? 99),
  );
  return scored[0] ?? null;
}

function highlight(kind: AnswerHighlight['kind'], metric: string, found: { model: string; row: QualityRow }): AnswerHighlight {
  return {
    kind,
    model: found.model,
    document: num(found.row.document_index),
    metric,
    score: num(found.row[`${metric}_score`]),
    reason: String(found.row[`${metric}_reason`] ?? ''),
    answer: String(found.row.response ?? ''),
  };
}

export function answerHighlights(session: WorkshopSession, quality: readonly ModelQuality[]): AnswerHighlights {
  // Step 3's answers that hit maxTokens, by item.
  const cut = new Map<string, { model: string; document: number | null; answer: string }>();
  for (const q of quality) {
    const step3 = latencyResultsOf(session.tracking, q.model);
    if (!step3.ok) continue;
    for (const r of step3.rows)
      if (r.status === 'success' && r.stop_reason === 'max_tokens')
        cut.set(key(q.model, r), { model: q.model, document: r.document_index, answer: r.model_response });
  }
  const judged = quality.flatMap((q) => q.rows.filter((r) => r.judge_status === 'judged').map((row) => ({ model: q.model, row })));
  const whole = judged.filter((j) => !cut.has(key(j.model, j.row)));
  const byCorrectness = lowest(whole, 'correctness', 'faithfulness');
  const fact = byCorrectness ?? lowest(whole, 'faithfulness', 'correctness');
  const instruction = lowest(whole, 'following_instructions', 'professional_style');
  const truncated = [...cut.entries()].map(([k, c]): AnswerHighlight => {
    const row = judged.find((j) => key(j.model, j.row) === k)?.row;
    return {
      kind: 'truncated',
      model: c.model,
      document: c.document,
      metric: 'coherence',
      score: row ? num(row.coherence_score) : null,
      reason: row ? String(row.coherence_reason ?? '') : messages().views.quality.highlights.notJudged,
      answer: c.answer,
    };
  });
  return {
    caughtFact: fact ? highlight('caught fact', byCorrectness ? 'correctness' : 'faithfulness', fact) : null,
    ignoredInstruction: instruction ? highlight('ignored instruction', 'following_instructions', instruction) : null,
    truncated,
  };
}

/** One table row per highlight: the model by its catalogue name, the document, the score and the judge's reason, the answer's start and end. */
export function answerHighlightsTable(h: AnswerHighlights): Record<string, string | number | null>[] {
  const shown = (a: string) => (a.length > 220 ? `${a.slice(0, 110)} … ${a.slice(-100)}` : a);
  const t = messages().views.quality.highlights;
  const c = t.col;
  return [h.caughtFact, h.ignoredInstruction, ...h.truncated]
    .filter((x): x is AnswerHighlight => x !== null)
    .map((x) => ({
      [c.what]: x.kind === 'caught fact' ? t.caughtFact : x.kind === 'ignored instruction' ? t.ignoredInstruction : t.truncated,
      [c.model]: modelName(x.model),
      [c.document]: x.document,
      [c.metricScore]: `${metricLabel(x.metric)}: ${x.score === null ? t.na : formatNumber(x.score, 'auto')}`,
      [c.reason]: x.reason,
      [c.answer]: shown(x.answer),
    }));
}
