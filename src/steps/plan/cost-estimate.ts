/**
 * The migration plan's estimate: before paying for a single call, how many tokens and how
 * many dollars will it take to run the dataset through each model, and which documents do
 * not fit a model's context window?
 *
 * For each model and document:
 *   input tokens  = estimateTokens(system prompt + the model's filled-in template)
 *   output tokens = the reference answer's tokens when the dataset has references (what a
 *                   good answer costs), otherwise `maxTokens` (the worst case)
 *   cost          = input/1000 × input price + output/1000 × output price   (catalogue prices;
 *                   unknown — null, shown as "unknown", never 0 — when a price is unknown)
 * multiplied by the number of calls per document (invocations × experiments).
 * A document "does not fit" when its input tokens + `maxTokens` exceed the context window:
 * Bedrock would reject it with a ValidationException.
 */
import { callCostUsd, hasKnownPrice, type CatalogModel } from '../../core/catalog';
import { renderTemplate, type PromptTemplate } from '../../core/prompts';
import { estimateTokens } from '../../core/tokens';
import { WorkshopError } from '../../core/errors';

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
  role: 'source' | 'candidate';
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
  note: string;
}

/** Estimate tokens, cost and context-window fit of running `docs` through each model. */
export function estimatePlan(models: PlanModel[], docs: PlanDocument[], options: PlanOptions): ModelPlan[] {
  const { maxTokens, callsPerDocument = 1, system = '' } = options;
  if (!(maxTokens > 0))
    throw new WorkshopError(`maxTokens must be a positive number (got ${maxTokens}). Fix "inference.maxTokens" in workshop.config.json.`);
  if (!(callsPerDocument >= 1)) throw new WorkshopError(`callsPerDocument must be at least 1 (got ${callsPerDocument}).`);
  const systemTokens = estimateTokens(system);

  return models.map((model) => {
    // 1. an outside (recorded) source model makes no calls at all.
    if (model.kind === 'recorded') {
      return emptyPlan(model, 'answers recorded in the dataset: no calls, no Bedrock cost');
    }
    const window = model.catalog?.contextWindow ?? null;
    let inputTokens = 0;
    let outputTokens = 0;
    let largest = 0;
    const over: number[] = [];

    // 2. fill the model's template with each document and count tokens.
    docs.forEach((doc, i) => {
      const promptTokens =
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
    const notes: string[] = [];
    if (!model.catalog) notes.push('not in the model catalogue: no price or context window known');
    else if (!hasKnownPrice(model.catalog)) notes.push('price unknown in the model catalogue: cost unknown');
    if (over.length > 0) notes.push(`${over.length} document(s) exceed the ${window}-token context window`);

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
      note: notes.join('; ') || 'ok',
    };
  });
}

function emptyPlan(model: PlanModel, note: string): ModelPlan {
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
    note,
  };
}
