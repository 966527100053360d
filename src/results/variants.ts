/**
 * Step 2's optimized prompt of a candidate, read from the tracking CSV for steps 3–5 (a step
 * never reads step 2's files by itself): the columns `prompt_optimized_template`, `_by`,
 * `_status` and `_message` (docs/prompt-optimization.md), checked — the template file must
 * exist, else the reason and the fix.
 *
 * @example
 * const o = optimizedPromptOf(session.tracking, 'us.meta.llama4-maverick-17b-instruct-v1:0');
 * // { ok: true, template: 'outputs/prompts/document_summarization/us.meta…optimized.txt', by: 'OptimizePrompt (emulated)' }
 */
import { existsSync } from 'node:fs';
import { m } from '../core/i18n';
import { repoPath } from '../core/paths';
import type { TrackingTable } from '../core/tracking';

export type OptimizedPrompt = { ok: true; template: string; by: string } | { ok: false; reason: string };

export function optimizedPromptOf(tracking: TrackingTable, modelId: string): OptimizedPrompt {
  const row = tracking.rows.find((r) => r.model === modelId);
  const status = String(row?.prompt_optimized_status ?? '');
  if (!row || status === '') return { ok: false, reason: m().views.runs.results.noOptimized };
  if (status !== 'optimized') {
    const message = String(row.prompt_optimized_message ?? '');
    return { ok: false, reason: m().views.runs.results.optimization({ status, message }) };
  }
  const template = String(row.prompt_optimized_template ?? '');
  if (!template) return { ok: false, reason: m().views.runs.results.emptyTemplate };
  if (!existsSync(repoPath(template))) return { ok: false, reason: m().views.runs.results.missingTemplate({ template }) };
  return { ok: true, template, by: String(row.prompt_optimized_by ?? '') };
}
