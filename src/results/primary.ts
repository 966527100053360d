/**
 * The task's primary quality metric, per item and per model, from the step results — the
 * one definition step 4 records and step 5 compares (paired, document by document).
 *
 * - `judge_overall` (generation tasks): an item is one answer (document × experiment ×
 *   invocation); its value is the mean over the judges of the judge's overall score (0–1).
 *   Answers no judge scored are left out (never counted as 0).
 * - `accuracy` / `macro_f1` (classification tasks): an item is one answer; its value is 1
 *   when the answer, normalised, equals the document's true label, else 0 — an answer
 *   outside the task's labels is wrong, not ignored. A failed call counts as wrong: a
 *   migration that fails to answer has not classified. Macro F1 is computed over the items
 *   (classes weigh equally; a class with no true example is left out, see
 *   `classificationReport`).
 *
 * Intervals are seeded percentile-bootstrap 95% intervals over the items.
 */
import { bootstrapCI } from '../core/stats';
import type { Task } from '../core/task';
import { classificationReport, normalizeLabel } from '../core/text-metrics/classification';
import type { LatencyResultRow } from './latency-rows';
import type { QualityRow } from './quality-rows';

export interface PrimaryItem {
  /** Document id + experiment + invocation: the same key for every model, so items pair up. */
  key: string;
  document_id: string;
  value: number;
  /** Classification: the predicted label (normalised; '' when outside the task's labels) and the true label, else ''. */
  predicted: string;
  truth: string;
}

export interface PrimaryScore {
  metric: Task['primaryMetric'];
  value: number | null;
  lower: number | null;
  upper: number | null;
  n: number;
  /** Classification only: accuracy and macro F1 with their intervals, whichever is primary. */
  accuracy: { value: number | null; lower: number | null; upper: number | null } | null;
  macroF1: { value: number | null; lower: number | null; upper: number | null } | null;
  items: PrimaryItem[];
}

const itemKey = (r: object) => {
  const x = r as Record<string, unknown>;
  return `${x.document_id}|${x.experiment}|${x.invocation}`;
};

/** Per-item values of the primary metric for one model. */
export function primaryItems(task: Task, latency: readonly LatencyResultRow[], quality: readonly QualityRow[]): PrimaryItem[] {
  if (task.kind === 'classification') {
    const labels = new Set((task.labels ?? []).map(normalizeLabel));
    return latency
      .filter((r) => r.label !== '')
      .map((r) => {
        const answer = r.status === 'error' ? '' : normalizeLabel(r.model_response);
        const predicted = labels.has(answer) ? answer : '';
        return {
          key: itemKey(r),
          document_id: r.document_id,
          truth: r.label,
          value: predicted === normalizeLabel(r.label) ? 1 : 0,
          predicted,
        };
      });
  }
  const byItem = new Map<string, { document_id: string; scores: number[] }>();
  for (const q of quality) {
    if (q.judge_status !== 'judged' || typeof q.overall !== 'number') continue;
    const entry = byItem.get(itemKey(q)) ?? { document_id: String(q.document_id), scores: [] };
    entry.scores.push(q.overall);
    byItem.set(itemKey(q), entry);
  }
  return [...byItem.entries()].map(([key, e]) => ({
    key,
    document_id: e.document_id,
    truth: '',
    value: e.scores.reduce((a, b) => a + b, 0) / e.scores.length,
    predicted: '',
  }));
}

/** Macro F1 of a set of classification items. */
function macroF1Of(task: Task, items: readonly PrimaryItem[]): number | null {
  return classificationReport(
    items.map((i) => i.truth),
    items.map((i) => i.predicted),
    task.labels,
  ).macroF1;
}

/** The primary metric of one model, with its interval (and, for classification, accuracy and macro F1 both). */
export function primaryScore(task: Task, latency: readonly LatencyResultRow[], quality: readonly QualityRow[], seed = 42): PrimaryScore {
  const items = primaryItems(task, latency, quality);
  if (task.kind !== 'classification') {
    const ci = bootstrapCI(
      items.map((i) => i.value),
      'mean',
      { seed },
    );
    return {
      metric: task.primaryMetric,
      value: ci.estimate,
      lower: ci.lower,
      upper: ci.upper,
      n: items.length,
      accuracy: null,
      macroF1: null,
      items,
    };
  }
  const acc = bootstrapCI(
    items.map((i) => i.value),
    'mean',
    { seed },
  );
  const f1 = bootstrapCI(
    items.map((_, k) => k),
    (idx) =>
      macroF1Of(
        task,
        idx.map((k) => items[k]),
      ) ?? 0,
    { seed },
  );
  const accuracy = { value: acc.estimate, lower: acc.lower, upper: acc.upper };
  const macroF1 = { value: items.length ? macroF1Of(task, items) : null, lower: f1.lower, upper: f1.upper };
  const primary = task.primaryMetric === 'macro_f1' ? macroF1 : accuracy;
  return { metric: task.primaryMetric, ...primary, n: items.length, accuracy, macroF1, items };
}
