/**
 * The migration plan's estimate: before paying for a single call, how many tokens and how
 * many dollars will it take to run the dataset through each model, and which documents do
 * not fit a model's context window?
 *
 * For each model and document:
 *   input tokens  = the prompt's tokens as Bedrock's CountTokens counted them, when the plan
 *                   could ask (`token-count.ts`), otherwise estimateTokens(system prompt + the
 *                   model's filled-in template); `tokenMethod` says which
 *   output tokens = the reference answer's tokens when the dataset has references (what a
 *                   good answer costs), otherwise `maxTokens` (the worst case)
 *   cost          = input/1000 × input price + output/1000 × output price   (catalogue prices;
 *                   unknown — null, shown as "unknown", never 0 — when a price is unknown)
 * multiplied by the number of calls per document (invocations × experiments).
 * A document "does not fit" when its input tokens + `maxTokens` exceed the context window:
 * Bedrock would reject it with a ValidationException.
 *
 * The judge of step 4 is priced too (`estimateJudgePlan`): one call per judged answer, its
 * prompt holding the task, the document, the reference and the answer (the reference stands
 * in for answers not written yet), its output priced at the judge's `maxTokens` (worst case).
 */
import { callCostUsd, hasKnownPrice, type CatalogModel } from '../../core/catalog';
import { renderTemplate, type PromptTemplate } from '../../core/prompts';
import { estimateTokens } from '../../core/tokens';
import { WorkshopError } from '../../core/errors';
import { formatNumber } from '../../core/format';
import { m } from '../../core/i18n';
import type { PromptTokens, TokenMethod } from './token-count';

export interface PlanModel {
  modelId: string;
  role: 'source' | 'candidate';
  /** `recorded`: an outside source model whose answers are already in the dataset — no calls. */
  kind?: 'bedrock' | 'recorded';
  template: PromptTemplate;
  /** The prompt for one document (the template filled with the task); default: the template with `{{document}}` only. */
  render?: (document: string) => string;
  /** Catalogue entry; undefined for a model the catalogue does not know (no price, no window). */
  catalog?: CatalogModel;
  /** Each document's prompt tokens, counted (or estimated) by `countPromptTokens`; absent: estimated here. */
  promptTokens?: PromptTokens;
}

export interface PlanDocument {
  document: string;
  reference?: string | null;
}

export interface PlanOptions {
  maxTokens: number;
  callsPerDocument?: number;
  system?: string;
}

export interface ModelPlan {
  modelId: string;
  role: 'source' | 'candidate' | 'judge';
  calls: number;
  contextWindow: number | null;
  pricePer1kInputUsd: number | null;
  pricePer1kOutputUsd: number | null;
  estInputTokens: number;
  estOutputTokens: number;
  /** null when the model makes no calls or its price is unknown (not in the catalogue, or a null price there) — never 0 for "unknown". */
  estCostUsd: number | null;
  /** 1-based row numbers (as a spreadsheet shows data rows) of documents that do not fit. */
  docsOverContext: number[];
  largestInputTokens: number;
  /** How the input tokens were obtained; null when the model makes no calls. */
  tokenMethod: TokenMethod | null;
  /** In words: counted by CountTokens, or estimated and why. */
  tokenNote: string;
  /** The reason for any estimate, in a few words (empty when every prompt was counted). */
  tokenWhy: string;
  note: string;
}

/** Estimate tokens, cost and context-window fit of running `docs` through each model. */
export function estimatePlan(models: PlanModel[], docs: PlanDocument[], options: PlanOptions): ModelPlan[] {
  const { maxTokens, callsPerDocument = 1, system = '' } = options;
  if (!(maxTokens > 0))
    throw new WorkshopError(m().errors.steps.maxTokens({ got: maxTokens }), {
      fix: m().errors.steps.maxTokensFix,
      key: 'inference.maxTokens',
    });
  if (!(callsPerDocument >= 1))
    throw new WorkshopError(m().errors.steps.callsPerDocument({ got: callsPerDocument }), {
      fix: m().errors.steps.callsPerDocumentFix,
    });
  const systemTokens = estimateTokens(system);

  return models.map((model) => {
    // 1. an outside (recorded) source model makes no calls at all.
    if (model.kind === 'recorded') {
      return emptyPlan(model, m().views.plan.cost.recorded);
    }
    const window = model.catalog?.contextWindow ?? null;
    let inputTokens = 0;
    let outputTokens = 0;
    let largest = 0;
    const over: number[] = [];

    // 2. fill the model's template with each document and count tokens.
    if (model.promptTokens && model.promptTokens.tokens.length !== docs.length)
      throw new WorkshopError(
        m().errors.steps.promptCounts({ model: model.modelId, counts: model.promptTokens.tokens.length, documents: docs.length }),
        {
          model: model.modelId,
          fix: m().errors.steps.promptCountsFix,
        },
      );
    docs.forEach((doc, i) => {
      const promptTokens =
        model.promptTokens?.tokens[i] ??
        systemTokens +
          estimateTokens(model.render ? model.render(doc.document) : renderTemplate(model.template, { document: doc.document }));
      const answerTokens = doc.reference ? Math.min(estimateTokens(doc.reference), maxTokens) : maxTokens;
      inputTokens += promptTokens;
      outputTokens += answerTokens;
      largest = Math.max(largest, promptTokens);
      if (window !== null && promptTokens + maxTokens > window) over.push(i + 1);
    });

    // 3. price the calls with the catalogue's on-demand prices.
    const calls = docs.length * callsPerDocument;
    inputTokens *= callsPerDocument;
    outputTokens *= callsPerDocument;
    const cost = model.catalog ? callCostUsd(model.catalog, inputTokens, outputTokens) : null;
    const t = m().views.plan.cost;
    const notes: string[] = [];
    if (!model.catalog) notes.push(t.notInCatalogue);
    else if (!hasKnownPrice(model.catalog)) notes.push(t.priceUnknown);
    if (over.length > 0) notes.push(t.overContext({ n: formatNumber(over.length, 'auto'), window: formatNumber(window, 'auto') }));

    return {
      modelId: model.modelId,
      role: model.role,
      calls,
      contextWindow: window,
      pricePer1kInputUsd: model.catalog?.pricePer1kInputTokens ?? null,
      pricePer1kOutputUsd: model.catalog?.pricePer1kOutputTokens ?? null,
      estInputTokens: inputTokens,
      estOutputTokens: outputTokens,
      estCostUsd: cost,
      docsOverContext: over,
      largestInputTokens: largest,
      tokenMethod: model.promptTokens?.method ?? 'estimate',
      tokenNote: model.promptTokens?.note ?? 'estimated: characters ÷ 4 rule (src/core/tokens.ts)',
      tokenWhy: model.promptTokens?.why ?? 'not asked',
      note: notes.join('; ') || t.ok,
    };
  });
}

export interface JudgePlanInput {
  modelId: string;
  catalog?: CatalogModel;
  /** The judge prompt's tokens for each document (the reference standing in for the answer). */
  promptTokens: PromptTokens;
  /** Judged answers per document, all compared models together (each judge judges every one). */
  answersPerDocument: number;
  /** The judge's `maxTokens`: its output is priced at this worst case. */
  maxTokens: number;
  /** Set when the judge will not be called (a classification task, a judge denied in step 1…). */
  notCalled?: string;
}

/** Calls, tokens and cost of one judge judging every answer of step 3. */
export function estimateJudgePlan(judge: JudgePlanInput): ModelPlan {
  const base = emptyPlan({ modelId: judge.modelId, role: 'judge', catalog: judge.catalog }, judge.notCalled ?? '');
  if (judge.notCalled) return base;
  if (!(judge.maxTokens > 0))
    throw new WorkshopError(m().errors.steps.judgeMaxTokens({ got: judge.maxTokens }), {
      key: 'judge.maxTokens',
      fix: m().errors.steps.judgeMaxTokensFix,
    });
  const window = judge.catalog?.contextWindow ?? null;
  const perDocument = judge.promptTokens.tokens;
  const inputTokens = perDocument.reduce((s, t) => s + t, 0) * judge.answersPerDocument;
  const calls = perDocument.length * judge.answersPerDocument;
  const outputTokens = calls * judge.maxTokens;
  const over = perDocument.flatMap((t, i) => (window !== null && t + judge.maxTokens > window ? [i + 1] : []));
  const t = m().views.plan.cost;
  const notes = [t.judgeAnswers({ n: formatNumber(judge.answersPerDocument, 'auto') })];
  if (!judge.catalog) notes.push(t.notInCatalogue);
  else if (!hasKnownPrice(judge.catalog)) notes.push(t.priceUnknown);
  if (over.length > 0) notes.push(t.judgeOverContext({ n: formatNumber(over.length, 'auto'), window: formatNumber(window, 'auto') }));
  return {
    ...base,
    calls,
    estInputTokens: inputTokens,
    estOutputTokens: outputTokens,
    estCostUsd: judge.catalog ? callCostUsd(judge.catalog, inputTokens, outputTokens) : null,
    docsOverContext: over,
    largestInputTokens: perDocument.reduce((m, t) => Math.max(m, t), 0),
    tokenMethod: judge.promptTokens.method,
    tokenNote: judge.promptTokens.note,
    tokenWhy: judge.promptTokens.why,
    note: notes.join('; '),
  };
}

function emptyPlan(model: Pick<PlanModel, 'modelId' | 'catalog'> & { role: ModelPlan['role'] }, note: string): ModelPlan {
  return {
    modelId: model.modelId,
    role: model.role,
    calls: 0,
    contextWindow: model.catalog?.contextWindow ?? null,
    pricePer1kInputUsd: model.catalog?.pricePer1kInputTokens ?? null,
    pricePer1kOutputUsd: model.catalog?.pricePer1kOutputTokens ?? null,
    estInputTokens: 0,
    estOutputTokens: 0,
    estCostUsd: null,
    docsOverContext: [],
    largestInputTokens: 0,
    tokenMethod: null,
    tokenNote: '',
    tokenWhy: '',
    note,
  };
}
