/**
 * Classification metrics, for datasets with a label column (e.g. support tickets):
 * exact-match accuracy, per-class precision / recall / F1, macro and weighted F1, and a
 * confusion matrix. https://en.wikipedia.org/wiki/Precision_and_recall
 *
 * Labels are compared after a documented normalisation: trimmed, lower-cased, trailing
 * period removed ("Billing." = "billing"). A prediction outside the label set is counted in
 * an `(unrecognised)` column — a model that answers "I think it's billing" is wrong, not
 * ignored.
 *
 * Macro F1 is the plain average of the per-class F1 over the classes that have at least one
 * TRUE example (support > 0); weighted F1 weights each class by its support. A class of
 * `labelSet` that never occurs in the truth has no recall (0 of 0), so no F1 (`null` in
 * `perClass`), and is left out of both averages: a perfect model is not marked down because
 * the sample happens to contain no ticket of that class. Predicting such a class is still
 * paid for — each of those predictions is a miss for the item's true class, whose recall and
 * F1 drop. scikit-learn's `f1_score(average="macro", labels=…)` counts such a class as F1 = 0
 * instead (its `zero_division` default), so with a label set larger than the truth its macro
 * F1 is lower than ours.
 *
 * @example
 * classificationReport(['a', 'a', 'b', 'b'], ['a', 'c', 'b', 'b'], ['a', 'b', 'c']).macroF1
 * // → 0.8333 = (F1 of a 2/3 + F1 of b 1) / 2; class c (no true example) is left out.
 * // scikit-learn, labels=['a','b','c']: (2/3 + 1 + 0) / 3 = 0.5556.
 */
export const UNRECOGNISED = '(unrecognised)';

export function normalizeLabel(label: string): string {
  return label.trim().toLowerCase().replace(/\.+$/, '').trim();
}

export interface ClassMetrics {
  label: string;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  support: number;
}

export interface ClassificationReport {
  n: number;
  accuracy: number | null;
  perClass: ClassMetrics[];
  macroF1: number | null;
  weightedF1: number | null;
  labels: string[];
  /** confusion[trueLabel][predictedLabel] = count; columns include `(unrecognised)`. */
  confusion: Record<string, Record<string, number>>;
}

/** Accuracy, per-class precision/recall/F1, macro and weighted F1 (over classes with true examples — see above) and the confusion matrix. */
export function classificationReport(truth: string[], predicted: string[], labelSet?: string[]): ClassificationReport {
  if (truth.length !== predicted.length)
    throw new Error(`classificationReport: ${truth.length} true labels but ${predicted.length} predictions.`);
  const t = truth.map(normalizeLabel);
  const labels = [...new Set(labelSet ? labelSet.map(normalizeLabel) : t)].sort();
  const p = predicted.map((x) => (labels.includes(normalizeLabel(x)) ? normalizeLabel(x) : UNRECOGNISED));
  const confusion: Record<string, Record<string, number>> = {};
  for (const l of labels) confusion[l] = Object.fromEntries([...labels, UNRECOGNISED].map((c) => [c, 0]));
  t.forEach((label, i) => {
    confusion[label] ??= Object.fromEntries([...labels, UNRECOGNISED].map((c) => [c, 0]));
    confusion[label][p[i]] += 1;
  });
  const perClass = labels.map((label): ClassMetrics => {
    const tp = t.filter((x, i) => x === label && p[i] === label).length;
    const predictedAs = p.filter((x) => x === label).length;
    const support = t.filter((x) => x === label).length;
    const precision = predictedAs ? tp / predictedAs : null;
    const recall = support ? tp / support : null;
    const f1 = precision !== null && recall !== null ? (precision + recall ? (2 * precision * recall) / (precision + recall) : 0) : null;
    return { label, precision, recall, f1, support };
  });
  const scored = perClass.filter((c) => c.support > 0);
  const macroF1 = scored.length ? scored.reduce((s, c) => s + (c.f1 ?? 0), 0) / scored.length : null;
  const weightedF1 = t.length ? scored.reduce((s, c) => s + (c.f1 ?? 0) * c.support, 0) / t.length : null;
  return {
    n: t.length,
    accuracy: t.length ? t.filter((x, i) => x === p[i]).length / t.length : null,
    perClass,
    macroF1,
    weightedF1,
    labels,
    confusion,
  };
}
