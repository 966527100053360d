/**
 * Step 2's migration plan: which model is asked what (prompt templates side by side), and
 * what running the dataset through each model will cost (`plan.ts` does the arithmetic).
 */
import { formatNumber, usd } from '../../core/format';
import { currentLanguage, type Language } from '../../core/i18n';
import { namer } from '../../core/model-names';
import dayjs from 'dayjs';
import { findModel } from '../../core/catalog';
import { allModels } from '../../core/config';
import { loadDataset, type Dataset } from '../../core/dataset';
import { estimateJudgePlan, estimatePlan, type ModelPlan, type PlanModel } from './cost-estimate';
import { countPromptTokens, lazyRequests } from './token-count';
import { renderTemplate } from '../../core/prompts';
import { buildJudgeRequest, judgeTaskText, loadJudgeTemplates } from '../../core/judge/prompt';
import { loadRubrics } from '../../core/judge/rubrics';
import { loadTaskTemplate, taskPrompt, templateFairness, type Task } from '../../core/task';
import type { WorkshopSession } from '../../runs/session';
import { upsertModelRow } from '../../core/tracking';
import { escapeHtml } from '../../core/display';
import { setupBlockOf } from '../../results';
import { m as messages } from '../../core/i18n';

export interface MigrationPlan {
  models: PlanModel[];
  dataset: Dataset;
}

/** The models with their (checked) prompt templates, and the dataset. */
export async function loadMigrationPlan(session: WorkshopSession): Promise<MigrationPlan> {
  const models = allModels(session.config).map((m) => {
    const template = loadTaskTemplate(m.promptTemplate);
    return {
      modelId: m.modelId,
      role: m.role,
      kind: m.kind,
      template,
      render: (document: string) => taskPrompt(session.config.taskSpec, template, document),
      catalog: findModel(session.catalog, m.modelId),
    };
  });
  return { models, dataset: await loadDataset(session.config) };
}

/** The distinct templates as an HTML table, one column each, with the models using it: the prompt as sent, the document left out. */
export function templatesSideBySide(plan: MigrationPlan, task: Task): string {
  const byTemplate = new Map<string, { text: string; models: string[] }>();
  const t = messages().views.plan;
  for (const m of plan.models) {
    const entry = byTemplate.get(m.template.name) ?? { text: taskPrompt(task, m.template, t.theDocument), models: [] };
    entry.models.push(`${m.modelId}${m.role === 'source' ? t.sourceTag : ''}`);
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
  const t = messages().views.plan.fairness;
  const rows = plan.models
    .filter((m) => m.kind !== 'recorded')
    .map((m) => {
      const f = templateFairness(task, m.template);
      return {
        model: m.modelId,
        role: m.role,
        template: m.template.name,
        instruction: f.instruction ? t.yes : t.missing,
        constraints: `${task.constraints.length - f.missingConstraints.length}/${task.constraints.length}`,
        dropped: f.missingConstraints.join(' | '),
      };
    });
  const unfair = rows.filter((r) => r.dropped || r.instruction !== t.yes);
  const message = unfair.length
    ? t.unfair({
        list: unfair
          .map((r) =>
            t.drops({
              model: r.model,
              template: r.template,
              what: [r.instruction === t.yes ? '' : t.theInstruction, r.dropped.replace(/\.$/, '')].filter(Boolean).join(' | '),
            }),
          )
          .join('; '),
      })
    : t.fair({ n: formatNumber(task.constraints.length, 'auto') });
  return { rows, fair: unfair.length === 0, message };
}

export interface CostEstimate {
  /** Compared models first, then the judge(s). */
  plans: ModelPlan[];
  documents: number;
  callsPerDocument: number;
  table: Record<string, string | number | null>[];
  summary: string;
}

/**
 * Tokens and cost of steps 3 and 4 for every model, the judge included. Prompt tokens are
 * counted with Bedrock's CountTokens where the model supports it (`token-count.ts`; offline
 * the local endpoint answers it — emulated), estimated elsewhere, and the table says which.
 */
export async function estimateMigrationCost(session: WorkshopSession, plan: MigrationPlan): Promise<CostEstimate> {
  const b = session.config.benchmark;
  const inf = session.config.inference;
  const callsPerDocument = b.invocations_per_scenario * b.experiment_counts;
  const docs = plan.dataset.rows;
  const counting = {
    runtime: session.backend.runtime,
    enabled: session.config.plan.countTokens,
    maxCounted: session.config.plan.countTokensMaxPrompts,
    concurrency: b.num_parallel_calls,
    maxAttempts: b.retry_attempts,
    timeoutMs: b.timeout_seconds * 1000,
  };

  // 1. every compared model's prompts — exactly what step 3 sends — counted or estimated.
  const models: PlanModel[] = [];
  for (const m of plan.models) {
    if (m.kind === 'recorded') {
      models.push(m);
      continue;
    }
    const render = m.render ?? ((document: string) => renderTemplate(m.template, { document }));
    const requests = lazyRequests(docs.length, (i) => ({ modelId: m.modelId, prompt: render(docs[i].document), maxTokens: inf.maxTokens }));
    models.push({ ...m, promptTokens: await countPromptTokens(m, requests, counting) });
  }
  const plans = estimatePlan(
    models,
    docs.map((r) => ({ document: r.document, reference: r.reference })),
    { maxTokens: inf.maxTokens, callsPerDocument },
  );

  // 2. the judge(s) of step 4: one call per judged answer, the reference standing in for the answer.
  const answersPerDocument = plan.models.reduce((n, m) => n + (m.kind === 'recorded' ? 1 : callsPerDocument), 0);
  const source = plan.models.find((m) => m.role === 'source') ?? plan.models[0];
  const rubrics = loadRubrics();
  const templates = loadJudgeTemplates();
  const judgeTask = judgeTaskText(session.config.taskSpec, source.template);
  for (const judgeId of session.config.judge.models) {
    const catalog = findModel(session.catalog, judgeId);
    const notCalled = judgeNotCalled(session, judgeId);
    const requests = lazyRequests(notCalled ? 0 : docs.length, (i) => ({
      modelId: judgeId,
      ...buildJudgeRequest(templates, rubrics, {
        task: judgeTask,
        document: docs[i].document,
        reference: docs[i].reference,
        response: docs[i].reference ?? '',
      }),
      maxTokens: session.config.judge.maxTokens,
    }));
    plans.push(
      estimateJudgePlan({
        modelId: judgeId,
        catalog,
        promptTokens: await countPromptTokens({ modelId: judgeId, catalog }, requests, counting),
        answersPerDocument,
        maxTokens: session.config.judge.maxTokens,
        notCalled,
      }),
    );
  }

  // 3. the table and its reading.
  const emulated = session.backend.kind === 'local';
  const name = namer(plans.map((p) => p.modelId));
  const table = plans.map((p) => ({
    model: name(p.modelId),
    id: p.modelId,
    role: p.role,
    calls: p.calls,
    context_window: p.contextWindow,
    largest_prompt_tokens: p.largestInputTokens,
    est_input_tokens: p.estInputTokens,
    input_tokens_by: tokenMethodLabel(p, emulated, currentLanguage()),
    est_output_tokens: p.estOutputTokens,
    est_cost_usd: p.estCostUsd === null ? (p.calls > 0 ? messages().views.plan.cost.unknown : null) : formatNumber(p.estCostUsd, 'usd'),
    docs_over_context: p.docsOverContext.join('; '),
    note: p.note,
  }));
  return { plans, documents: docs.length, callsPerDocument, table, summary: costSummary(plans, name, emulated) };
}

/** Why a judge will make no calls in step 4 (empty when it will). */
function judgeNotCalled(session: WorkshopSession, judgeId: string): string {
  const t = messages().views.plan.cost;
  if (session.config.taskSpec.kind === 'classification') return t.classificationJudge({ metric: session.config.taskSpec.primaryMetric });
  const blocked = setupBlockOf(session.tracking, judgeId);
  if (blocked) return t.blockedJudge({ status: blocked.status });
  return '';
}

/**
 * `CountTokens` / `estimate` as the table shows it; offline counts say they are emulated.
 * In English by default: the tracking CSV stores it (`est_input_tokens_by`); views pass their language.
 */
export function tokenMethodLabel(p: ModelPlan, emulated: boolean, language: Language = 'en'): string {
  if (p.tokenMethod === null) return '';
  const t = messages(language).views.plan.cost;
  const label = p.tokenMethod === 'estimate' ? t.estimate : p.tokenMethod;
  return emulated && p.tokenMethod !== 'estimate' ? t.emulated({ label }) : label;
}

function costSummary(plans: ModelPlan[], name: (id: string) => string, emulated: boolean): string {
  const compared = plans.filter((p) => p.role !== 'judge');
  const judges = plans.filter((p) => p.role === 'judge');
  const sum = (ps: ModelPlan[]) => ps.reduce((s, p) => s + (p.estCostUsd ?? 0), 0);
  const unknown = (ps: ModelPlan[]) => ps.filter((p) => p.calls > 0 && p.estCostUsd === null).map((p) => name(p.modelId));
  const calls = (ps: ModelPlan[]) =>
    formatNumber(
      ps.reduce((s, p) => s + p.calls, 0),
      'count',
    );
  const t = messages().views.plan.cost;
  const notCounting = (ps: ModelPlan[]) => (unknown(ps).length ? t.notCounting({ models: unknown(ps).join(', ') }) : '');
  const priced = compared.filter((p) => p.estCostUsd !== null);
  const cheapest = [...priced].sort((a, b2) => (a.estCostUsd ?? 0) - (b2.estCostUsd ?? 0))[0];
  const dearest = [...priced].sort((a, b2) => (b2.estCostUsd ?? 0) - (a.estCostUsd ?? 0))[0];
  const over = plans.filter((p) => p.docsOverContext.length > 0);
  const counted = plans.filter((p) => p.tokenMethod && p.tokenMethod !== 'estimate').map((p) => name(p.modelId));
  const byReason = new Map<string, string[]>();
  for (const p of plans.filter((x) => x.tokenMethod === 'estimate'))
    byReason.set(p.tokenWhy, [...(byReason.get(p.tokenWhy) ?? []), name(p.modelId)]);
  const estimated = [...byReason].map(([why, names]) => `${names.join(', ')} (${why})`);
  const lines = [
    t.step3({ cost: usd(sum(compared)), calls: calls(compared), notCounting: notCounting(compared) }),
    judges.length
      ? t.judge({ cost: usd(sum(judges)), calls: calls(judges), notCounting: notCounting(judges), total: usd(sum(plans)) })
      : '',
    cheapest && dearest && cheapest !== dearest
      ? t.range({
          cheapest: name(cheapest.modelId),
          cheapestCost: usd(cheapest.estCostUsd),
          dearest: name(dearest.modelId),
          dearestCost: usd(dearest.estCostUsd),
          times: formatNumber(dearest.estCostUsd! / Math.max(cheapest.estCostUsd!, 1e-12), 'count'),
        })
      : '',
    over.length
      ? t.tooLong({ list: over.map((p) => t.tooLongModel({ model: name(p.modelId), rows: p.docsOverContext.join(', ') })).join('; ') })
      : t.allFit,
    counted.length ? t.counted({ models: counted.join(', '), emulated }) : '',
    estimated.length ? t.estimated({ list: estimated.join('; ') }) : '',
    t.outputEstimated,
    emulated ? t.offline : '',
  ];
  return lines.filter(Boolean).join('\n');
}

/** Save templates, prices and estimates into the tracking table. */
export function recordPlan(session: WorkshopSession, plan: MigrationPlan, estimate: CostEstimate): void {
  const now = dayjs().toISOString();
  const emulated = session.backend.kind === 'local';
  for (const p of estimate.plans) {
    const template = plan.models.find((m) => m.modelId === p.modelId)?.template.name;
    upsertModelRow(session.tracking, p.modelId, {
      ...(template ? { prompt_template: template } : {}),
      context_window: p.contextWindow,
      price_per_1k_input_usd: p.pricePer1kInputUsd,
      price_per_1k_output_usd: p.pricePer1kOutputUsd,
      est_input_tokens: p.estInputTokens,
      est_input_tokens_by: tokenMethodLabel(p, emulated),
      est_output_tokens: p.estOutputTokens,
      est_cost_usd: p.estCostUsd,
      docs_over_context: p.docsOverContext.join(';'),
      plan_status: 'planned',
      plan_at: now,
    });
  }
}
