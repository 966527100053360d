/**
 * One row of a step-4 result file `outputs/quality_{task}_{model}_{run id}.csv`: one answer
 * of one model judged by one judge model, with the reference metrics beside it.
 *
 * Fixed columns (ids, judge status, overall score, reference metrics, provenance) plus, per
 * rubric metric `m`, `m_score` (1–5), `m_norm` (0–1), `m_reason` and `m_status` — the
 * metrics are the rubric files in `data/judge/`, so the column set follows them.
 */
import { z } from 'zod';
import { readCsvRows } from '../core/csv';
import { cell } from './cells';

export type QualityValue = string | number | null;
export type QualityRow = Record<string, QualityValue>;

export const JUDGE_STATUSES = ['judged', 'unparseable', 'error', 'skipped'] as const;

/** Columns holding numbers (rubric scores included, by suffix). */
const NUMERIC = /^(document_index|experiment|invocation|judge_attempts|overall|rouge1_f1|rouge2_f1|rougeL_f1|token_f1)$|_(score|norm)$/;

/**
 * A step-4 row, validated — from a checkpoint line or a result CSV: numeric columns are
 * converted (empty → null), the judge status must be one of `JUDGE_STATUSES`.
 */
export const qualityRowSchema: z.ZodType<QualityRow, z.ZodTypeDef, unknown> = z
  .record(z.unknown())
  .transform((record, ctx) => {
    const row: QualityRow = {};
    for (const [key, value] of Object.entries(record)) {
      if (NUMERIC.test(key)) {
        const parsed = cell.number.safeParse(value);
        if (!parsed.success) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'is not a number' });
          return z.NEVER;
        }
        row[key] = parsed.data;
      } else {
        row[key] = value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
      }
    }
    return row;
  })
  .superRefine((row, ctx) => {
    if (!row.model) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['model'], message: 'is empty' });
    if (!JUDGE_STATUSES.includes(row.judge_status as (typeof JUDGE_STATUSES)[number])) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['judge_status'], message: `must be one of ${JUDGE_STATUSES.join(', ')}` });
    }
  });

/** Read a step-4 result CSV back, every row validated. */
export function readQualityResults(file: string): QualityRow[] {
  return readCsvRows(file, qualityRowSchema, {
    required: ['model', 'document_id', 'judge_model', 'judge_status'],
    fix: 'this is not a step-4 result file as this version writes it — re-run notebook 04 (or `npm run workshop -- 04`).',
  }).rows;
}
