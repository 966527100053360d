/**
 * Classification datasets (a label column): each model's step-3 answers compared with the
 * labels — exact-match accuracy, per-class precision/recall/F1 and a confusion matrix.
 */
import { m as messages } from '../../core/i18n';
import { allModels } from '../../core/config';
import { documentId, type DatasetRow } from '../../core/dataset';
import type { WorkshopSession } from '../../runs/session';
import { classificationReport, type ClassificationReport } from '../../core/text-metrics/classification';
import { latencyResultsOf } from '../../results';

export interface ModelClassification {
  model: string;
  report: ClassificationReport | null;
  note: string;
}

export function classificationByModel(session: WorkshopSession, rows: DatasetRow[]): ModelClassification[] {
  const labelOf = new Map(rows.filter((r) => r.label !== null).map((r) => [documentId(r.document), r.label as string]));
  const labels = [...new Set(labelOf.values())];
  return allModels(session.config).map((m) => {
    const step3 = latencyResultsOf(session.tracking, m.modelId);
    if (!step3.ok) return { model: m.modelId, report: null, note: step3.reason };
    const answered = step3.rows.filter((r) => (r.status === 'success' || r.status === 'recorded') && labelOf.has(r.document_id));
    if (answered.length === 0) return { model: m.modelId, report: null, note: messages().views.quality.labels.noMatch };
    return {
      model: m.modelId,
      report: classificationReport(
        answered.map((r) => labelOf.get(r.document_id)!),
        answered.map((r) => r.model_response),
        labels,
      ),
      note: '',
    };
  });
}

/** How many step-3 answers belong to documents of the current dataset (a different dataset → 0). */
export function datasetOverlap(session: WorkshopSession, rows: DatasetRow[], modelId: string): { matching: number; total: number } {
  const ids = new Set(rows.map((r) => documentId(r.document)));
  const step3 = latencyResultsOf(session.tracking, modelId);
  if (!step3.ok) return { matching: 0, total: 0 };
  return { matching: step3.rows.filter((r) => ids.has(r.document_id)).length, total: step3.rows.length };
}
