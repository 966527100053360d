/**
 * Step 2's migration plan: which model is asked what (prompt templates side by side), and
 * what running the dataset through each model will cost (`plan.ts` does the arithmetic).
 */
import { formatNumber, usd } from '../../core/format';
import { namer } from '../../core/model-names';
import dayjs from 'dayjs';
import { findModel } from '../../core/catalog';
import { allModels } from '../../core/config';
import { loadDataset, type Dataset } from '../../core/dataset';
import { estimatePlan, type ModelPlan, type PlanModel } from './cost-estimate';
import { loadTaskTemplate, taskPrompt, templateFairness, type Task } from '../../core/task';
import type { WorkshopSession } from '../../runs/session';
import { upsertModelRow } from '../../core/tracking';
import { escapeHtml } from '../../core/display';

export interface MigrationPlan {
  models: PlanModel[];
  dataset: Dataset;
}

/** The models with their (checked) prompt templates, and the dataset. */
export async function loadMigrationPlan(session: WorkshopSession): Promise<MigrationPlan> {
  const models = allModels(session.config).map((m) => ({
    modelId: m.modelId,
    role: m.role,
    kind: m.kind,
    template: loadTaskTemplate(m.promptTemplate),
    render: (document: string) => taskPrompt(session.config.taskSpec, loadTaskTemplate(m.promptTemplate), document),
    catalog: findModel(session.catalog, m.modelId),
  }));
  return { models, dataset: await loadDataset(session.config) };
}

/** The distinct templates as an HTML table, one column each, with the models using it: the prompt as sent, the document left out. */
export function templatesSideBySide(plan: MigrationPlan, task: Task): string {
  const byTemplate = new Map<string, { text: string; models: string[] }>();
  for (const m of plan.models) {
    const entry = byTemplate.get(m.template.name) ?? { text: taskPrompt(task, m.template, '[the document]'), models: [] };
    entry.models.push(`${m.modelId}${m.role === 'source' ? ' (source)' : ''}`);
    byTemplate.set(m.template.name, entry);
  }
  const cols = [...byTemplate.entries()];
  const head = cols
    .map(
      ([name, e]) =>
        `<th style="text-align:left;vertical-align:top">${escapeHtml(name)}<br><small>${e.models.map(escapeHtml).join('<br>')}</small></th>`,
    )
    .join('');
  const body = cols
    .map(
      ([, e]) =>
        `<td style="text-align:left;vertical-align:top"><pre style="white-space:pre-wrap;font-size:12px">${escapeHtml(e.text)}</pre></td>`,
    )
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody><tr>${body}</tr></tbody></table>`;
}

export interface FairnessRow {
  model: string;
  role: string;
  template: string;
  instruction: string;
  constraints: string;
  dropped: string;
}

/**
 * Does every model get the same task? For each model: whether its prompt carries the task's
 * instruction, and which of the task's constraints it drops. `fair` is false when one drops
 * anything — the comparison then measures prompt + model together, and the notebook says so.
 */
export function promptFairness(plan: MigrationPlan, task: Task): { rows: FairnessRow[]; fair: boolean; message: string } {
  const rows = plan.models
    .filter((m) => m.kind !== 'recorded')
    .map((m) => {
      const f = templateFairness(task, m.template);
      return {
        model: m.modelId,
        role: m.role,
        template: m.template.name,
        instruction: f.instruction ? 'yes' : 'MISSING',
        constraints: `${task.constraints.length - f.missingConstraints.length}/${task.constraints.length}`,
        dropped: f.missingConstraints.join(' | '),
      };
    });
  const unfair = rows.filter((r) => r.dropped || r.instruction !== 'yes');
  const message = unfair.length
    ? `Not the same task for every model: ${unfair.map((r) => `${r.model} (${r.template}) drops ${r.dropped || 'the instruction'}`).join('; ')}. The comparison then measures prompt + model together — fine when you deliberately keep a production prompt, but say so when you report the result.`
    : `Every model gets the task's instruction and all ${task.constraints.length} of its constraints; only the format differs.`;
  return { rows, fair: unfair.length === 0, message };
}

export interface CostEstimate {
  plans: ModelPlan[];
  documents: number;
  callsPerDocument: number;
  table: Record<string, string | number | null>[];
  summary: string;
}

export function estimateMigrationCost(session: WorkshopSession, plan: MigrationPlan): CostEstimate {
  const b = session.config.benchmark;
  const callsPerDocument = b.invocations_per_scenario * b.experiment_counts;
  const plans = estimatePlan(
    plan.models,
    plan.dataset.rows.map((r) => ({ document: r.document, reference: r.reference })),
    { maxTokens: session.config.inference.maxTokens, callsPerDocument },
  );
  const name = namer(plans.map((p) => p.modelId));
  const table = plans.map((p) => ({
    model: name(p.modelId),
    id: p.modelId,
    role: p.role,
    calls: p.calls,
    context_window: p.contextWindow,
    largest_prompt_tokens: p.largestInputTokens,
    est_input_tokens: p.estInputTokens,
    est_output_tokens: p.estOutputTokens,
    est_cost_usd: p.estCostUsd === null ? (p.calls > 0 ? 'unknown' : null) : formatNumber(p.estCostUsd, 'usd'),
    docs_over_context: p.docsOverContext.join('; '),
    note: p.note,
  }));
  const priced = plans.filter((p) => p.estCostUsd !== null);
  const total = priced.reduce((s, p) => s + (p.estCostUsd ?? 0), 0);
  const cheapest = [...priced].sort((a, b2) => (a.estCostUsd ?? 0) - (b2.estCostUsd ?? 0))[0];
  const dearest = [...priced].sort((a, b2) => (b2.estCostUsd ?? 0) - (a.estCostUsd ?? 0))[0];
  const over = plans.filter((p) => p.docsOverContext.length > 0);
  const unpriced = plans.filter((p) => p.calls > 0 && p.estCostUsd === null).map((p) => p.modelId);
  const lines = [
    `Estimated cost of step 3 for all models: ${usd(total)} (${formatNumber(
      plans.reduce((s, p) => s + p.calls, 0),
      'count',
    )} calls)${unpriced.length ? `, not counting ${unpriced.map(name).join(', ')}, whose price is unknown` : ''}.`,
    cheapest && dearest && cheapest !== dearest
      ? `Cheapest: ${name(cheapest.modelId)} (${usd(cheapest.estCostUsd)}); most expensive: ${name(dearest.modelId)} (${usd(dearest.estCostUsd)}) — ${formatNumber(dearest.estCostUsd! / Math.max(cheapest.estCostUsd!, 1e-12), 'count')}× more.`
      : '',
    over.length
      ? `⚠️ Documents too long for: ${over.map((p) => `${name(p.modelId)} (rows ${p.docsOverContext.join(', ')})`).join('; ')}.`
      : 'Every document fits every model’s context window.',
    session.backend.kind === 'local' ? 'Offline: no money is spent — these are the prices real Bedrock would charge.' : '',
  ];
  return { plans, documents: plan.dataset.rows.length, callsPerDocument, table, summary: lines.filter(Boolean).join('\n') };
}

/** Save templates, prices and estimates into the tracking table. */
export function recordPlan(session: WorkshopSession, plan: MigrationPlan, estimate: CostEstimate): void {
  const now = dayjs().toISOString();
  for (const m of plan.models) {
    const p = estimate.plans.find((x) => x.modelId === m.modelId)!;
    upsertModelRow(session.tracking, m.modelId, {
      prompt_template: m.template.name,
      context_window: p.contextWindow,
      price_per_1k_input_usd: p.pricePer1kInputUsd,
      price_per_1k_output_usd: p.pricePer1kOutputUsd,
      est_input_tokens: p.estInputTokens,
      est_output_tokens: p.estOutputTokens,
      est_cost_usd: p.estCostUsd,
      docs_over_context: p.docsOverContext.join(';'),
      plan_status: 'planned',
      plan_at: now,
    });
  }
}
