/**
 * A Converse / ConverseStream / CountTokens(converse) body → the endpoint's ChatRequest,
 * refusing what Bedrock refuses, in Bedrock's order: the API model's constraints first
 * (shapes.ts), then the service's own conversation rules, then what the model supports,
 * then the model provider's rules (reported, as Bedrock does, after "The model returned the
 * following errors: "). Each message is Bedrock's where Bedrock's wording is documented or
 * widely reported; docs/local-endpoint.md lists them with their sources.
 */
import type { CatalogModel } from '../core/catalog';
import { layoutPrompt, type Block, type ChatRequest, type ToolChoice, type ToolSpec, type Turn } from './chat-request';
import { BedrockError } from './errors';
import {
  MAX_CACHE_CHECKPOINTS,
  oneSamplingParameter,
  providerOf,
  refuses,
  supports,
  supportsServiceTier,
  type Provider,
} from './model-support';
import { CONVERSE_REQUEST, validateShape } from './shapes';

type Json = Record<string, unknown>;

export const invalid = (message: string): never => {
  throw new BedrockError('ValidationException', message);
};

/** A provider-side refusal, prefixed as Bedrock's Converse prefixes them. */
export const modelError = (message: string): never => invalid(`The model returned the following errors: ${message}`);

/** Anthropic's and Amazon's JSON-schema wording for a key their request schema does not have. */
export const extraneousKey = (provider: Provider, key: string, where = '#'): never =>
  provider === 'anthropic'
    ? modelError(`${where === '#' ? '' : `${where.slice(2).replace(/\//g, '.')}.`}${key}: Extra inputs are not permitted`)
    : modelError(`Malformed input request: ${where}: extraneous key [${key}] is not permitted, please reformat your input and try again.`);

export const CACHING_REFUSED =
  'You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.';

const MEDIA_FEATURE = { image: 'images', document: 'documents', video: 'video', audio: null } as const;

/** Parse and check a Converse body for `model`. */
export function converseRequest(body: Json, model: CatalogModel): ChatRequest {
  validateShape(CONVERSE_REQUEST, body);
  const provider = providerOf(model);
  const raw = (body.messages ?? []) as Json[];
  const turns: Turn[] = [];
  let toolBlocks = false;

  // 1. The service's conversation rules.
  if (raw.length === 0 || raw[0].role !== 'user')
    invalid('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
  for (let i = 0; i < raw.length; i++) {
    const role = raw[i].role as Turn['role'];
    if (i > 0 && role === raw[i - 1].role)
      invalid(
        'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
      );
    const content = raw[i].content as Json[];
    if (content.length === 0)
      invalid(
        `The content field in the Message object at messages.${i} is empty. Add a ContentBlock object to the content field and try again.`,
      );
    const blocks: Block[] = [];
    let hasText = false;
    let hasDocument = false;
    for (let j = 0; j < content.length; j++) {
      const c = content[j];
      const text = c.text;
      if (typeof text === 'string') {
        if (text.trim() === '')
          invalid(
            `The text field in the ContentBlock object at messages.${i}.content.${j} is blank. Add text to the text field, and try again.`,
          );
        hasText = true;
        blocks.push({ kind: 'text', text });
      } else blocks.push(otherBlock(c, role, i, j, model, provider));
      const last = blocks[blocks.length - 1];
      if (last.kind === 'toolUse' || last.kind === 'toolResult') toolBlocks = true;
      if (last.kind === 'media' && last.type === 'document') hasDocument = true;
      if (last.kind === 'cachePoint' && j > 0 && blocks[blocks.length - 2].kind === 'reasoning')
        invalid('Cache point cannot be inserted after reasoning block. Please remove the invalid cache point and try again.');
    }
    if (hasDocument && !hasText)
      invalid(
        `The Message object at messages.${i} includes a document block without a text block. If you include a ContentBlock with a document field, you must also include a ContentBlock with a text field.`,
      );
    turns.push({ role, blocks });
  }
  if (toolBlocks && !body.toolConfig) invalid('The toolConfig field must be defined when using toolUse and toolResult content blocks.');
  checkToolPairs(turns);

  // 2. System prompt.
  const system: string[] = [];
  const systemLayout: { text?: string; ttl?: string }[] = [];
  for (const s of (body.system ?? []) as Json[]) {
    if (typeof s.text === 'string') {
      if (refuses(model, 'systemPrompt')) invalid("This model doesn't support system messages. Remove the system field and try again.");
      system.push(s.text);
      systemLayout.push({ text: s.text });
    } else if (s.cachePoint) {
      systemLayout.push({ ttl: ((s.cachePoint as Json).ttl as string) ?? '5m' });
    } else if (s.guardContent) {
      const t = guardText(s.guardContent);
      system.push(t);
      systemLayout.push({ text: t });
    }
  }

  // 3. Tools.
  const { tools, toolChoice, toolCheckpoints } = toolConfigOf(body.toolConfig as Json | undefined, model, provider);

  // 4. Inference settings.
  const cfg = (body.inferenceConfig ?? {}) as Json;
  const maxTokens = cfg.maxTokens as number | undefined;
  const temperature = cfg.temperature as number | undefined;
  const topP = cfg.topP as number | undefined;
  const stopSequences = cfg.stopSequences as string[] | undefined;
  if (temperature !== undefined && topP !== undefined && oneSamplingParameter(model)) {
    modelError('`temperature` and `top_p` cannot both be specified for this model. Please use only one.');
  }
  if (maxTokens !== undefined && maxTokens > model.maxOutputTokens) {
    invalid(
      `The maximum tokens you requested (${maxTokens}) exceeds the model limit of ${model.maxOutputTokens} for ${model.modelId}. Try again with a maximum tokens value that is lower than ${model.maxOutputTokens}.`,
    );
  }

  // 5. Features the request asks for.
  if (body.guardrailConfig)
    invalid(
      'The guardrail identifier or version provided in the request does not exist. (No guardrails exist on the local endpoint: guardrails are not emulated.)',
    );
  if (body.outputConfig)
    invalid(
      `This model doesn't support the outputConfig field. Remove outputConfig and try again. (Structured outputs are not emulated by the local endpoint.)`,
    );
  const extra = (body.additionalModelRequestFields ?? undefined) as Json | undefined;
  const thinkingBudget = extra ? additionalFields(extra, model, provider, { maxTokens, temperature, topP, toolChoice }) : undefined;
  const latency = (body.performanceConfig as Json | undefined)?.latency as ChatRequest['latency'];
  if (latency === 'optimized' && refuses(model, 'latencyOptimized')) {
    invalid(
      `The model ${model.modelId} doesn't support latency-optimized inference. Remove performanceConfig or set performanceConfig.latency to standard and try again.`,
    );
  }
  const serviceTier = ((body.serviceTier as Json | undefined)?.type ?? undefined) as ChatRequest['serviceTier'];
  if (serviceTier && !supportsServiceTier(model, serviceTier)) {
    invalid(
      `The service tier ${serviceTier} isn't supported for model ${model.modelId}. Remove serviceTier or use a supported tier and try again.`,
    );
  }

  const layout = layoutPrompt(tools, toolCheckpoints, systemLayout, turns);
  if (layout.checkpoints.length) {
    if (refuses(model, 'promptCaching')) throw new BedrockError('AccessDeniedException', CACHING_REFUSED);
    if (layout.checkpoints.length > MAX_CACHE_CHECKPOINTS)
      modelError(`A maximum of ${MAX_CACHE_CHECKPOINTS} blocks with cache_control may be provided. Found ${layout.checkpoints.length}.`);
  }
  return {
    model,
    provider,
    system,
    turns,
    maxTokens,
    temperature,
    topP,
    stopSequences,
    tools,
    toolChoice,
    thinkingBudget,
    serviceTier,
    latency,
    ...layout,
  };
}

function guardText(guard: unknown): string {
  const text = (guard as { text?: { text?: unknown } })?.text?.text;
  return typeof text === 'string' ? text : '';
}

function otherBlock(c: Json, role: Turn['role'], i: number, j: number, model: CatalogModel, provider: Provider): Block {
  for (const type of ['image', 'document', 'video', 'audio'] as const) {
    const value = c[type] as Json | undefined;
    if (!value) continue;
    if (role !== 'user')
      invalid(
        `messages.${i}.content.${j} is ${type === 'image' ? 'an image' : `a ${type}`} block in an assistant message. You can only include images and documents if the role is user.`,
      );
    const feature = MEDIA_FEATURE[type];
    if (!feature || refuses(model, feature))
      invalid(
        `This model doesn't support the ${type} content block that you provided at messages.${i}.content.${j}. Remove it and try again.`,
      );
    const source = (value.source ?? {}) as Json;
    const text =
      typeof source.text === 'string'
        ? source.text
        : Array.isArray(source.content)
          ? (source.content as Json[]).map((x) => String(x.text ?? '')).join('\n')
          : undefined;
    const bytes = typeof source.bytes === 'string' ? Math.floor((source.bytes.length * 3) / 4) : 0;
    return { kind: 'media', type, text, bytes };
  }
  if (c.toolUse) {
    const t = c.toolUse as Json;
    if (role !== 'assistant') invalid(`messages.${i}.content.${j}: a toolUse block can only be sent in an assistant message.`);
    return { kind: 'toolUse', id: t.toolUseId as string, name: t.name as string, input: t.input };
  }
  if (c.toolResult) {
    const t = c.toolResult as Json;
    if (role !== 'user') invalid(`messages.${i}.content.${j}: a toolResult block can only be sent in a user message.`);
    const parts: string[] = [];
    for (const r of t.content as Json[]) {
      if (typeof r.text === 'string') parts.push(r.text);
      else if (r.json !== undefined) parts.push(JSON.stringify(r.json));
      else {
        const type = (['image', 'document', 'video'] as const).find((k) => r[k]);
        if (type && refuses(model, MEDIA_FEATURE[type]))
          invalid(
            `This model doesn't support the ${type} content block that you provided at messages.${i}.content.${j}.toolResult. Remove it and try again.`,
          );
      }
    }
    if (t.status && provider !== 'anthropic' && provider !== 'nova')
      invalid("This model doesn't support the toolResult.status field. Remove toolResult.status and try again.");
    return { kind: 'toolResult', toolUseId: t.toolUseId as string, text: parts.join('\n'), status: t.status as string | undefined };
  }
  if (c.reasoningContent) {
    const r = c.reasoningContent as Json;
    if (role !== 'assistant') invalid(`messages.${i}.content.${j}: a reasoningContent block can only be sent in an assistant message.`);
    const rt = (r.reasoningText ?? {}) as Json;
    return { kind: 'reasoning', text: (rt.text as string) ?? '', signature: rt.signature as string | undefined };
  }
  if (c.cachePoint) return { kind: 'cachePoint', ttl: ((c.cachePoint as Json).ttl as string) ?? '5m' };
  if (c.guardContent) return { kind: 'text', text: guardText(c.guardContent) };
  const member = Object.keys(c)[0];
  return invalid(
    `The ${member} content block at messages.${i}.content.${j} isn't supported by the local endpoint's emulated models, and this model doesn't accept it. Remove it and try again.`,
  );
}

/**
 * Tool-use pairing, as the providers check it (Anthropic's wording): every toolUse of an
 * assistant turn is answered by a toolResult in the next user turn, and every toolResult
 * answers a toolUse of the turn before.
 */
function checkToolPairs(turns: Turn[]): void {
  for (let i = 0; i < turns.length; i++) {
    const uses = turns[i].blocks.filter((b): b is Extract<Block, { kind: 'toolUse' }> => b.kind === 'toolUse').map((b) => b.id);
    if (uses.length && i + 1 < turns.length) {
      const answered = new Set(
        turns[i + 1].blocks.filter((b) => b.kind === 'toolResult').map((b) => (b as Extract<Block, { kind: 'toolResult' }>).toolUseId),
      );
      const missing = uses.filter((id) => !answered.has(id));
      if (missing.length)
        modelError(
          `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
        );
    }
    const prior = new Set(
      i > 0 ? turns[i - 1].blocks.filter((b) => b.kind === 'toolUse').map((b) => (b as Extract<Block, { kind: 'toolUse' }>).id) : [],
    );
    turns[i].blocks.forEach((b, j) => {
      if (b.kind === 'toolResult' && !prior.has(b.toolUseId)) {
        modelError(
          `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${b.toolUseId}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        );
      }
    });
  }
}

function toolConfigOf(
  config: Json | undefined,
  model: CatalogModel,
  provider: Provider,
): { tools: ToolSpec[]; toolChoice?: ToolChoice; toolCheckpoints: { afterTools: number; ttl: string }[] } {
  if (!config) return { tools: [], toolCheckpoints: [] };
  if (refuses(model, 'tools')) invalid("This model doesn't support tool use.");
  const tools: ToolSpec[] = [];
  const toolCheckpoints: { afterTools: number; ttl: string }[] = [];
  const names = new Set<string>();
  ((config.tools ?? []) as Json[]).forEach((t, i) => {
    if (t.cachePoint) {
      if (provider === 'nova') extraneousKey(provider, 'cachePoint', `#/toolConfig/tools/${i}`);
      toolCheckpoints.push({ afterTools: tools.length, ttl: ((t.cachePoint as Json).ttl as string) ?? '5m' });
      return;
    }
    if (t.systemTool)
      invalid(
        `The system tool ${(t.systemTool as Json).name} isn't available for ${model.modelId}. (System tools are not emulated by the local endpoint.)`,
      );
    const spec = t.toolSpec as Json;
    const schema = (spec.inputSchema as Json).json as Json;
    if (!schema || typeof schema !== 'object' || Array.isArray(schema) || schema.type !== 'object') {
      modelError(`tools.${i}.custom.input_schema.type: Input should be 'object'. The top level schema type must be object.`);
    }
    const name = spec.name as string;
    if (names.has(name)) modelError('tools: Tool names must be unique.');
    names.add(name);
    tools.push({ name, description: spec.description as string | undefined, schema });
  });
  if (tools.length === 0)
    invalid(
      "1 validation error detected: Value at 'toolConfig.tools' failed to satisfy constraint: Member must contain at least one toolSpec",
    );
  const choice = config.toolChoice as Json | undefined;
  let toolChoice: ToolChoice | undefined;
  if (choice?.any) {
    if (refuses(model, 'toolChoiceAny'))
      invalid("This model doesn't support the toolConfig.toolChoice.any field. Remove toolConfig.toolChoice.any and try again.");
    toolChoice = { type: 'any' };
  } else if (choice?.tool) {
    // "Only supported by Anthropic Claude 3 and Amazon Nova models" (API model, ToolChoice.tool).
    if (!supports(model, 'toolChoiceAny') && provider !== 'anthropic' && provider !== 'nova')
      invalid("This model doesn't support the toolConfig.toolChoice.tool field. Remove toolConfig.toolChoice.tool and try again.");
    const name = (choice.tool as Json).name as string;
    if (!names.has(name)) modelError(`tool_choice: Tool '${name}' not found in the provided tools.`);
    toolChoice = { type: 'tool', name };
  } else if (choice?.auto) toolChoice = { type: 'auto' };
  return { tools, toolChoice, toolCheckpoints };
}

const NOVA_EXTRA = new Set(['inferenceConfig', 'reasoningConfig']);
const ANTHROPIC_EXTRA = new Set(['thinking', 'top_k', 'anthropic_beta']);
const NOVA_EFFORT_BUDGET: Record<string, number> = { low: 1024, medium: 4096, high: 16_000 };

/**
 * `additionalModelRequestFields`, as each provider's request schema takes them. Returns the
 * reasoning budget when extended thinking is enabled.
 */
function additionalFields(
  extra: Json,
  model: CatalogModel,
  provider: Provider,
  ctx: { maxTokens?: number; temperature?: number; topP?: number; toolChoice?: ToolChoice },
): number | undefined {
  const allowed = provider === 'anthropic' ? ANTHROPIC_EXTRA : provider === 'nova' ? NOVA_EXTRA : new Set<string>();
  for (const key of Object.keys(extra)) if (!allowed.has(key)) extraneousKey(provider, key);
  if (provider === 'anthropic') {
    if (extra.top_k !== undefined && !(Number.isInteger(extra.top_k) && (extra.top_k as number) >= 0 && (extra.top_k as number) <= 500))
      modelError('top_k: Input should be an integer between 0 and 500');
    const thinking = extra.thinking as Json | undefined;
    if (thinking === undefined) return undefined;
    if (refuses(model, 'reasoning')) extraneousKey(provider, 'thinking');
    if (!thinking || typeof thinking !== 'object' || (thinking.type !== 'enabled' && thinking.type !== 'disabled'))
      modelError(
        `thinking: Input tag '${String((thinking as Json)?.type)}' found using 'type' does not match any of the expected tags: 'disabled', 'enabled'`,
      );
    if (thinking.type === 'disabled') return undefined;
    const budget = thinking.budget_tokens;
    if (typeof budget !== 'number' || !Number.isInteger(budget)) return modelError('thinking.enabled.budget_tokens: Field required');
    return checkThinking(budget, model, ctx);
  }
  if (provider === 'nova') {
    const cfg = extra.inferenceConfig as Json | undefined;
    if (cfg) for (const key of Object.keys(cfg)) if (key !== 'topK') extraneousKey(provider, key, '#/inferenceConfig');
    const reasoning = extra.reasoningConfig as Json | undefined;
    if (!reasoning) return undefined;
    if (refuses(model, 'reasoning')) extraneousKey(provider, 'reasoningConfig');
    if (reasoning.type !== 'enabled') return undefined;
    const effort = (reasoning.maxReasoningEffort as string) ?? 'low';
    if (!(effort in NOVA_EFFORT_BUDGET))
      modelError(
        `Malformed input request: #/reasoningConfig/maxReasoningEffort: ${effort} is not a valid enum value, please reformat your input and try again.`,
      );
    return NOVA_EFFORT_BUDGET[effort];
  }
  return undefined;
}

/** Anthropic's extended-thinking rules (budget ≥ 1,024 and < max_tokens; temperature 1; no forced tool). */
export function checkThinking(
  budget: number,
  model: CatalogModel,
  ctx: { maxTokens?: number; temperature?: number; topP?: number; toolChoice?: ToolChoice },
): number {
  if (budget < 1024) modelError('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
  const maxTokens = ctx.maxTokens ?? model.maxOutputTokens;
  if (maxTokens <= budget)
    modelError(
      '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
    );
  if (ctx.temperature !== undefined && ctx.temperature !== 1)
    modelError(
      '`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#important-considerations-when-using-extended-thinking',
    );
  if (ctx.topP !== undefined && ctx.topP < 0.95)
    modelError(
      '`top_p` must be unset or between 0.95 and 1 when thinking is enabled. Please consult our documentation at https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#important-considerations-when-using-extended-thinking',
    );
  if (ctx.toolChoice && ctx.toolChoice.type !== 'auto') modelError('Thinking may not be enabled when tool_choice forces tool use.');
  return budget;
}
