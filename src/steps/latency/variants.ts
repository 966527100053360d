/**
 * Step 3's two prompt variants side by side: for each candidate that ran its optimized prompt
 * (`runOptimizedVariants`), the same documents answered with the task prompt and with the
 * optimized one — latency, prompt tokens and cost per call — and what goes into the tracking
 * CSV (`latency_*_optimized`). A longer prompt costs more per call: the input-token column
 * shows by how much.
 */
import { m } from '../../core/i18n';
import dayjs from 'dayjs';
import { summarize } from '../../core/stats';
import { formatOrNull } from '../../core/format';
import { namer } from '../../core/model-names';
import { displayPath } from '../../core/paths';
import { upsertModelRow } from '../../core/tracking';
import type { WorkshopSession } from '../../runs/session';
import type { LatencyResultRow } from '../../results/latency-rows';
import type { ModelBenchmark } from './benchmark';

const ok = (rows: readonly LatencyResultRow[]) => rows.filter((r) => r.status === 'success');
const meanOf = (xs: (number | null)[]) => summarize(xs).mean;

/** The task variant's rows for the documents the optimized variant answered (the pairs). */
function sameDocuments(task: readonly LatencyResultRow[], optimized: readonly LatencyResultRow[]): LatencyResultRow[] {
  const ids = new Set(optimized.map((r) => r.document_id));
  return task.filter((r) => ids.has(r.document_id));
}

export interface VariantLatency {
  model: string;
  /** Documents the optimized variant answered (and the task variant too). */
  documents: number;
  task: { medianMs: number | null; inputTokens: number | null; costUsd: number | null };
  optimized: { medianMs: number | null; inputTokens: number | null; costUsd: number | null };
}

/** Per candidate run with both prompts: the same documents' figures, task vs optimized. */
export function variantLatencies(taskResults: readonly ModelBenchmark[], optimizedResults: readonly ModelBenchmark[]): VariantLatency[] {
  return optimizedResults
    .filter((o) => o.rows.length > 0)
    .map((o) => {
      const task = sameDocuments(taskResults.find((t) => t.model === o.model)?.rows ?? [], o.rows);
      const figures = (rows: LatencyResultRow[]) => ({
        medianMs: summarize(ok(rows).map((r) => r.latency_ms)).median,
        inputTokens: meanOf(ok(rows).map((r) => r.model_input_tokens)),
        costUsd: meanOf(ok(rows).map((r) => r.cost_usd)),
      });
      return { model: o.model, documents: new Set(o.rows.map((r) => r.document_id)).size, task: figures(task), optimized: figures(o.rows) };
    });
}

/** The before/after table of notebook 03: one line per candidate and variant, plus the skipped ones with their reason. */
export function variantLatencyTable(
  taskResults: readonly ModelBenchmark[],
  optimizedResults: readonly ModelBenchmark[],
): Record<string, string | number | null>[] {
  const name = namer(optimizedResults.map((o) => o.model));
  const figures = variantLatencies(taskResults, optimizedResults);
  return optimizedResults.flatMap((o): Record<string, string | number | null>[] => {
    const f = figures.find((x) => x.model === o.model);
    if (!f)
      return [
        {
          model: name(o.model),
          variant: 'optimized',
          documents: 0,
          status: o.status,
          'median (ms)': null,
          'input tokens (mean)': null,
          'cost per call (USD)': null,
          note: o.reason,
        },
      ];
    const line = (variant: 'task' | 'optimized', x: VariantLatency['task'], status: string, note: string) => ({
      model: name(o.model),
      variant,
      documents: f.documents,
      status,
      'median (ms)': formatOrNull(x.medianMs, 'ms'),
      'input tokens (mean)': x.inputTokens === null ? null : Math.round(x.inputTokens),
      'cost per call (USD)': formatOrNull(x.costUsd, 'usd'),
      note,
    });
    return [line('task', f.task, 'measured', m().views.latency.variants.sameDocuments), line('optimized', f.optimized, o.status, o.reason)];
  });
}

/** Save the optimized variant's status, median and result file on each candidate's tracking row. */
export function recordOptimizedLatency(session: WorkshopSession, optimizedResults: readonly ModelBenchmark[]): void {
  const now = dayjs().toISOString();
  for (const o of optimizedResults) {
    const measured = ok(o.rows);
    upsertModelRow(session.tracking, o.model, {
      latency_status_optimized: o.status,
      latency_message_optimized:
        o.reason ||
        m().views.latency.optimizedMessage({
          made: String(o.made),
          resumed: String(o.resumed),
          documents: String(new Set(o.rows.map((r) => r.document_id)).size),
        }),
      latency_median_ms_optimized: (() => {
        const m = summarize(measured.map((r) => r.latency_ms)).median;
        return m === null ? null : Number(m.toFixed(1));
      })(),
      latency_results_file_optimized: o.resultFile ? displayPath(o.resultFile) : '',
      latency_at: now,
    });
  }
}
