/**
 * Step 5's question about prompts: for each candidate that ran both prompt variants (its
 * task prompt and step 2's optimized prompt, docs/prompt-variants.md), did the optimized
 * prompt change the task's primary metric, and what does it cost?
 *
 * 1. **Optimized vs task, paired** on the items both variants answered (the same
 *    documents): the mean difference with its paired bootstrap 95% interval, and a
 *    two-sided test of "any change" — Wilcoxon signed-rank for scores (judge overall),
 *    McNemar's exact test for right/wrong items (classification). `better`/`worse` when
 *    p < 0.05, else `no clear difference`. One test per candidate, not Holm-corrected
 *    (each candidate's question is its own); a handful of documents can only see large
 *    changes — the interval says how large.
 * 2. **Cost**: the mean cost and input tokens per call of each variant on the same
 *    documents, measured by step 3 (an optimized prompt is usually longer: it costs more).
 * 3. **The variant used against the source**: `optimized` only when it was clearly better,
 *    else `task`; the same paired non-inferiority test as the main comparison
 *    (`comparePrimaryPaired`), Holm-adjusted across the candidates. When `optimized` is used,
 *    the pairs are only its documents.
 *
 * Everything is read through `src/results` (steps 3 and 4's files, via the tracking CSV).
 */
import { allModels } from '../../core/config';
import { chartTitle, type PlotlyFigure } from '../../core/display';
import { formatNumber, formatOrNull } from '../../core/format';
import { m } from '../../core/i18n';
import { namer } from '../../core/model-names';
import { upsertModelRow } from '../../core/tracking';
import { mcnemarCounts, pairedBootstrapCI, summarize, wilcoxonSignedRank } from '../../core/stats';
import {
  latencyResultsOf,
  optimizedPromptOf,
  primaryItems,
  qualityResultsOf,
  type LatencyResultRow,
  type PrimaryItem,
  type PromptVariant,
} from '../../results';
import type { WorkshopSession } from '../../runs/session';
import { plotlySeparators } from './cost-quality-figure';
import { applyHolm, comparePrimaryPaired, pairItems, type PairedQuality } from './paired';

/** The two-sided level of "did the optimized prompt change the primary metric". */
export const VARIANT_ALPHA = 0.05;

export interface VariantComparison {
  model: string;
  /** Why there is no comparison (no optimized variant, or not judged), else ''. */
  reason: string;
  metric: string;
  kind: 'scores' | 'right/wrong';
  /** Paired items (same document, experiment and invocation) of the two variants. */
  n: number;
  task: number | null;
  optimized: number | null;
  /** Mean of optimized − task over the paired items, with its paired bootstrap 95% interval. */
  diff: number | null;
  lower: number | null;
  upper: number | null;
  test: string;
  pValue: number | null;
  verdict: 'better' | 'worse' | 'no clear difference' | 'not enough data';
  /** Mean cost (USD) and input tokens per call of each variant, on the same documents. */
  cost: { task: number | null; optimized: number | null; diff: number | null };
  inputTokens: { task: number | null; optimized: number | null; diff: number | null };
  /** The variant compared with the source, and that comparison (Holm-adjusted across candidates). */
  used: PromptVariant;
  vsSource: PairedQuality | null;
}

export interface VariantsReport {
  source: string;
  margin: number;
  /** The backend's label: offline it says the figures are emulated. */
  label: string;
  comparisons: VariantComparison[];
}

const byKey = (items: readonly PrimaryItem[]) => new Map(items.map((i) => [i.key, i.value]));
const meanOf = (xs: (number | null)[]) => summarize(xs).mean;
const diffOf = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

/** Per-call means of successful calls on the given documents. */
function perCall(rows: readonly LatencyResultRow[], documents: ReadonlySet<string>): { cost: number | null; inputTokens: number | null } {
  const ok = rows.filter((r) => r.status === 'success' && documents.has(r.document_id));
  return { cost: meanOf(ok.map((r) => r.cost_usd)), inputTokens: meanOf(ok.map((r) => r.model_input_tokens)) };
}

/** The two-sided paired test of any change, optimized − task. */
function changeTest(kind: VariantComparison['kind'], t: number[], o: number[]): { test: string; pValue: number | null } {
  if (kind === 'right/wrong') {
    const b = t.filter((x, i) => x === 1 && o[i] === 0).length;
    const c = t.filter((x, i) => x === 0 && o[i] === 1).length;
    return { test: "McNemar's exact test, two-sided", pValue: mcnemarCounts(b, c, { method: 'exact' }).pValue };
  }
  return { test: 'Wilcoxon signed-rank, two-sided', pValue: wilcoxonSignedRank(t, o).pValue };
}

/** Compare each candidate's two prompt variants, and its better one with the source. */
export function compareVariants(session: WorkshopSession, margin: number = session.config.compare.margin, seed = 42): VariantsReport {
  const task = session.config.taskSpec;
  const kind: VariantComparison['kind'] = task.kind === 'classification' ? 'right/wrong' : 'scores';
  const source = session.config.models.source.modelId;
  const itemsOf = (model: string, variant: PromptVariant) => {
    const latency = latencyResultsOf(session.tracking, model, variant);
    const quality = qualityResultsOf(session.tracking, model, variant);
    if (!latency.ok) return { ok: false as const, reason: latency.reason };
    if (task.kind !== 'classification' && !quality.ok) return { ok: false as const, reason: quality.reason };
    return { ok: true as const, latency: latency.rows, items: primaryItems(task, latency.rows, quality.ok ? quality.rows : []) };
  };
  const sourceItems = itemsOf(source, 'task');
  const comparisons: VariantComparison[] = [];
  for (const setting of allModels(session.config)) {
    if (setting.role !== 'candidate') continue;
    const empty = { task: null, optimized: null, diff: null };
    const none: VariantComparison = {
      model: setting.modelId,
      reason: '',
      metric: task.primaryMetric,
      kind,
      n: 0,
      task: null,
      optimized: null,
      diff: null,
      lower: null,
      upper: null,
      test: '',
      pValue: null,
      verdict: 'not enough data',
      cost: empty,
      inputTokens: empty,
      used: 'task',
      vsSource: null,
    };
    const t = itemsOf(setting.modelId, 'task');
    const o = itemsOf(setting.modelId, 'optimized');
    if (!t.ok || !o.ok) {
      // Why there is no optimized variant: step 2 gave none, the setting ran none, or steps 3–4 did not run it.
      const prompt = optimizedPromptOf(session.tracking, setting.modelId);
      const v = m().compare.variants;
      const reason = !prompt.ok
        ? prompt.reason
        : !o.ok
          ? session.config.prompts.variants === 'task'
            ? v.variantsIsTask
            : v.optimizedPrompt({ reason: o.reason })
          : v.taskPrompt({ reason: !t.ok ? t.reason : '' });
      comparisons.push({
        ...none,
        reason,
        vsSource:
          sourceItems.ok && t.ok
            ? comparePrimaryPaired(task.primaryMetric, kind, byKey(sourceItems.items), byKey(t.items), margin, seed)
            : null,
      });
      continue;
    }
    // 1. optimized vs task, item by item.
    const { s: tv, c: ov } = pairItems(byKey(t.items), byKey(o.items));
    const ci = pairedBootstrapCI(tv, ov, 'mean', { seed });
    const { test, pValue } = tv.length >= 2 ? changeTest(kind, tv, ov) : { test: 'not enough paired items', pValue: null };
    const diff = summarize(ov.map((x, i) => x - tv[i])).mean;
    const verdict: VariantComparison['verdict'] =
      tv.length < 2
        ? 'not enough data'
        : pValue !== null && pValue < VARIANT_ALPHA && diff !== null && diff !== 0
          ? diff > 0
            ? 'better'
            : 'worse'
          : 'no clear difference';
    // 2. cost per call on the same documents.
    const docs = new Set(o.latency.map((r) => r.document_id));
    const tc = perCall(t.latency, docs);
    const oc = perCall(o.latency, docs);
    // 3. the variant used against the source.
    const used: PromptVariant = verdict === 'better' ? 'optimized' : 'task';
    const vsSource = sourceItems.ok
      ? comparePrimaryPaired(task.primaryMetric, kind, byKey(sourceItems.items), byKey((used === 'optimized' ? o : t).items), margin, seed)
      : null;
    comparisons.push({
      ...none,
      n: tv.length,
      task: summarize(tv).mean,
      optimized: summarize(ov).mean,
      diff,
      lower: ci.lower,
      upper: ci.upper,
      test,
      pValue,
      verdict,
      cost: { task: tc.cost, optimized: oc.cost, diff: diffOf(tc.cost, oc.cost) },
      inputTokens: { task: tc.inputTokens, optimized: oc.inputTokens, diff: diffOf(tc.inputTokens, oc.inputTokens) },
      used,
      vsSource,
    });
  }
  applyHolm(
    comparisons.map((c) => c.vsSource),
    [],
  );
  return { source, margin, label: session.label, comparisons };
}

const pText = (p: number | null) => (p === null ? m().compare.notAvailable : formatNumber(p, 'p'));
const orQ = (x: number | null, kind: Parameters<typeof formatOrNull>[1]) => formatOrNull(x, kind) ?? '?';

/** One sentence per candidate: did the optimized prompt change the primary metric, at what cost, and which variant was compared with the source. */
export function variantSentence(c: VariantComparison, margin: number): string {
  const t = m().compare;
  const v = t.variants;
  const head = c.reason
    ? v.noComparison({ model: c.model, reason: c.reason })
    : v.sentence({
        model: c.model,
        change: v.change[c.verdict],
        metric: c.metric,
        optimized: orQ(c.optimized, 'score'),
        task: orQ(c.task, 'score'),
        n: c.n,
        diff: orQ(c.diff, 'diff'),
        lower: orQ(c.lower, 'diff'),
        upper: orQ(c.upper, 'diff'),
        test: t.testName({ test: c.test }),
        p: pText(c.pValue),
        costOptimized: orQ(c.cost.optimized, 'usd'),
        costTask: orQ(c.cost.task, 'usd'),
        tokens:
          c.inputTokens.diff === null
            ? '?'
            : `${Math.round(c.inputTokens.diff) > 0 ? '+' : ''}${formatNumber(c.inputTokens.diff, 'count')}`,
      });
  // Below 6 pairs the exact two-sided tests (Wilcoxon, McNemar) cannot reach p < 0.05: say so rather than "no change".
  const few = !c.reason && c.n >= 2 && c.n < 6 ? v.few({ n: c.n, alpha: formatNumber(VARIANT_ALPHA) }) : '';
  const vs = c.vsSource
    ? v.vsSource({
        variant: v.variant[c.used],
        only: c.used === 'optimized' ? v.onlyItems({ n: c.vsSource.n }) : '',
        diff: orQ(c.vsSource.diff, 'diff'),
        margin: formatNumber(margin),
        verdict: c.vsSource.nonInferior === null ? v.notTested : c.vsSource.nonInferior ? t.yes : t.no,
        p: pText(c.vsSource.pHolm),
      })
    : '';
  return head + few + (c.reason ? '' : vs);
}

/** The before/after table: one line per candidate, headed in the reader's language. */
export function variantsTable(r: VariantsReport): Record<string, string | number | null>[] {
  const name = namer(r.comparisons.map((c) => c.model));
  const t = m().compare;
  const v = t.variants;
  return r.comparisons.map((c) => ({
    [v.model]: name(c.model),
    [v.pairedItems]: c.n,
    [v.metricTask({ metric: c.metric })]: formatOrNull(c.task, 'score'),
    [v.metricOptimized({ metric: c.metric })]: formatOrNull(c.optimized, 'score'),
    [v.diffHeading]:
      c.diff === null ? null : v.diffCell({ diff: orQ(c.diff, 'diff'), lower: orQ(c.lower, 'diff'), upper: orQ(c.upper, 'diff') }),
    [v.p]: c.pValue === null ? null : pText(c.pValue),
    [v.verdictHeading]: c.reason ? v.notRun : v.verdict[c.verdict],
    [v.costHeading]:
      c.cost.task === null && c.cost.optimized === null ? null : `${orQ(c.cost.task, 'usd')} → ${orQ(c.cost.optimized, 'usd')}`,
    [v.variantHeading]: v.variant[c.used],
    [v.vsSourceHeading]: c.vsSource?.nonInferior === null || c.vsSource === null ? null : c.vsSource.nonInferior ? t.yes : t.no,
    [v.note]: c.reason,
  }));
}

/**
 * The before/after chart: per candidate run with both prompts, the primary metric's mean on
 * the paired items with the task prompt and with the optimized prompt (side by side), the
 * cost per call of each in the hover text. Candidates without an optimized variant are left
 * out (the table says why). Null when no candidate has both.
 */
export function promptVariantsFigure(r: VariantsReport): PlotlyFigure | null {
  const compared = r.comparisons.filter((c) => !c.reason && c.n > 0);
  if (compared.length === 0) return null;
  const name = namer(r.comparisons.map((c) => c.model));
  const x = compared.map((c) => name(c.model));
  const v = m().compare.variants;
  const bar = (variant: 'task' | 'optimized', label: string) => ({
    type: 'bar',
    name: label,
    x,
    y: compared.map((c) => c[variant]),
    text: compared.map((c) => v.hover({ n: c.n, usd: orQ(c.cost[variant], 'usd') })),
    hovertemplate: '%{x}: %{y:.3f}<br>%{text}<extra>' + label + '</extra>',
  });
  return {
    data: [bar('task', v.taskTrace), bar('optimized', v.optimizedTrace)],
    layout: {
      title: chartTitle(v.title({ metric: compared[0].metric.replace(/_/g, ' ') }), r.label),
      barmode: 'group',
      xaxis: { automargin: true },
      yaxis: { automargin: true, range: [0, 1.05] },
      legend: { orientation: 'h', y: -0.3 },
      ...plotlySeparators(),
    },
  };
}

const r4 = (x: number | null | undefined) => (x === null || x === undefined ? null : Number(x.toFixed(4)));
const p4 = (x: number | null | undefined) => (x === null || x === undefined ? null : Number(x.toPrecision(4)));

/** Save the variant comparison on each candidate's tracking row (`optimized_vs_task_*`, `variant_*`). */
export function recordVariants(session: WorkshopSession, r: VariantsReport): void {
  for (const c of r.comparisons) {
    upsertModelRow(session.tracking, c.model, {
      optimized_vs_task_diff: r4(c.diff),
      optimized_vs_task_ci_low: r4(c.lower),
      optimized_vs_task_ci_high: r4(c.upper),
      optimized_vs_task_n: c.reason ? null : c.n,
      optimized_vs_task_test: c.test,
      optimized_vs_task_p: p4(c.pValue),
      optimized_vs_task_verdict: c.reason ? `not run: ${c.reason}` : c.verdict,
      optimized_vs_task_cost_diff_usd: c.cost.diff === null ? null : Number(c.cost.diff.toPrecision(4)),
      optimized_vs_task_input_tokens_diff: c.inputTokens.diff === null ? null : Number(c.inputTokens.diff.toFixed(1)),
      variant_used: c.used,
      variant_vs_source_diff: r4(c.vsSource?.diff),
      variant_vs_source_p_holm: p4(c.vsSource?.pHolm),
      variant_vs_source_non_inferior: c.vsSource?.nonInferior ?? null,
    });
  }
}
