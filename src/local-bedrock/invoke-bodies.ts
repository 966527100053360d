/**
 * InvokeModel / InvokeModelWithResponseStream / CountTokens(invokeModel) bodies, per model
 * provider, checked against each provider's published request schema and turned into the
 * endpoint's ChatRequest; and the answers turned back into each provider's response body
 * and stream chunks.
 *
 * Bedrock validates these bodies with a JSON-schema validator and reports violations as
 *   Malformed input request: #: required key [anthropic_version] not found, please reformat your input and try again.
 *   Malformed input request: #: subject must not be valid against schema {"required":["messages"]}#: extraneous key [top_n] is not permitted, please reformat your input and try again.
 * (messages quoted in https://repost.aws/knowledge-center/bedrock-validation-exception-errors);
 * errors the model itself reports (an empty text block, a too-large max_tokens) come back
 * as the model words them.
 *
 * Schemas: Anthropic Claude Messages API, Amazon Nova messages-v1, Meta Llama — see
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html
 */
import type { CatalogModel } from '../core/catalog';
import { layoutPrompt, type Block, type ChatRequest, type ToolSpec, type Turn } from './chat-request';
import { CACHING_REFUSED, checkThinking, converseRequest, invalid } from './converse-input';
import { BedrockError } from './errors';
import { LLAMA_MAX_GEN_LEN, MAX_CACHE_CHECKPOINTS, oneSamplingParameter, providerOf, refuses, type Provider } from './model-support';

type Json = Record<string, unknown>;

/** Collects JSON-schema violations in the validator's wording. */
class SchemaErrors {
  readonly list: string[] = [];
  extraneous = false;
  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }
  key(where: string, key: string): void {
    this.extraneous = true;
    this.add(where, `extraneous key [${key}] is not permitted`);
  }
  throwIfAny(provider: Provider): void {
    if (!this.list.length) return;
    const lead = provider === 'anthropic' && this.extraneous ? '#: subject must not be valid against schema {"required":["messages"]}' : '';
    throw new BedrockError(
      'ValidationException',
      `Malformed input request: ${lead}${this.list.join('')}, please reformat your input and try again.`,
    );
  }
}

function typeOf(v: unknown): string {
  if (v === null) return 'Null';
  if (Array.isArray(v)) return 'JSONArray';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'BigDecimal';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  return 'JSONObject';
}

function number(
  errors: SchemaErrors,
  where: string,
  v: unknown,
  opts: { integer?: boolean; min?: number; max?: number },
): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || (opts.integer && !Number.isInteger(v))) {
    errors.add(where, `expected type: ${opts.integer ? 'Integer' : 'Number'}, found: ${typeOf(v)}`);
    return undefined;
  }
  if (opts.min !== undefined && v < opts.min) errors.add(where, `${v} is not greater or equal to ${opts.min}`);
  if (opts.max !== undefined && v > opts.max) errors.add(where, `${v} is not less or equal to ${opts.max}`);
  return v;
}

function keys(errors: SchemaErrors, where: string, obj: Json, allowed: readonly string[], required: readonly string[] = []): void {
  for (const r of required) if (obj[r] === undefined) errors.add(where, `required key [${r}] not found`);
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) errors.key(where, k);
}

/** Parse and check an InvokeModel body for `model`. */
export function invokeRequest(body: Json, model: CatalogModel): ChatRequest {
  const provider = providerOf(model);
  if (provider === 'anthropic') return anthropicRequest(body, model);
  if (provider === 'llama') return llamaRequest(body, model);
  if (provider === 'nova') return novaRequest(body, model, provider);
  // Other providers (OpenAI, Mistral, DeepSeek, Qwen…) have their own body schemas, which the
  // endpoint does not emulate: refused rather than answered in another provider's format.
  return invalid(
    `The local endpoint does not emulate the InvokeModel request body of ${model.modelId} (${model.provider}). Use Converse or ConverseStream, which every emulated model answers.`,
  );
}

// ---------------------------------------------------------------------------------------
// Anthropic Claude (Messages API on Bedrock)

const ANTHROPIC_KEYS = [
  'anthropic_version',
  'anthropic_beta',
  'max_tokens',
  'messages',
  'system',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'tools',
  'tool_choice',
  'thinking',
  'metadata',
] as const;

function anthropicRequest(body: Json, model: CatalogModel): ChatRequest {
  const errors = new SchemaErrors();
  keys(errors, '#', body, ANTHROPIC_KEYS, ['anthropic_version', 'max_tokens', 'messages']);
  if (body.anthropic_version !== undefined && body.anthropic_version !== 'bedrock-2023-05-31')
    errors.add('#/anthropic_version', `${String(body.anthropic_version)} is not a valid enum value`);
  const maxTokens = number(errors, '#/max_tokens', body.max_tokens, { integer: true, min: 1 });
  const temperature = number(errors, '#/temperature', body.temperature, { min: 0, max: 1 });
  const topP = number(errors, '#/top_p', body.top_p, { min: 0, max: 1 });
  number(errors, '#/top_k', body.top_k, { integer: true, min: 0, max: 500 });
  if (body.messages !== undefined && !Array.isArray(body.messages))
    errors.add('#/messages', `expected type: JSONArray, found: ${typeOf(body.messages)}`);
  errors.throwIfAny('anthropic');

  // The model's own rules (Anthropic's wording).
  if (temperature !== undefined && topP !== undefined && oneSamplingParameter(model))
    invalid('`temperature` and `top_p` cannot both be specified for this model. Please use only one.');
  if (maxTokens! > model.maxOutputTokens)
    invalid(
      `max_tokens: ${maxTokens} > ${model.maxOutputTokens}, which is the maximum allowed number of output tokens for ${model.modelId}`,
    );
  const cacheOf = (block: Json) => ((block.cache_control as Json | undefined)?.ttl as string | undefined) ?? '5m';

  const systemLayout: { text?: string; ttl?: string }[] = [];
  const system: string[] = [];
  if (typeof body.system === 'string') {
    system.push(body.system);
    systemLayout.push({ text: body.system });
  } else if (Array.isArray(body.system)) {
    for (const b of body.system as Json[]) {
      if (typeof b?.text !== 'string') invalid('system: Input should be a valid list of text blocks');
      system.push(b.text as string);
      systemLayout.push({ text: b.text as string });
      if (b.cache_control) systemLayout.push({ ttl: cacheOf(b) });
    }
  }
  if (system.length && refuses(model, 'systemPrompt')) invalid("This model doesn't support system messages.");

  const tools: ToolSpec[] = [];
  const toolCheckpoints: { afterTools: number; ttl: string }[] = [];
  if (body.tools !== undefined) {
    if (refuses(model, 'tools')) invalid('tools: Extra inputs are not permitted');
    for (const [i, t] of (body.tools as Json[]).entries()) {
      const schema = t.input_schema as Json;
      if (typeof t.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(t.name))
        invalid(`tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`);
      if (schema?.type !== 'object') invalid(`tools.${i}.custom.input_schema.type: Input should be 'object'`);
      tools.push({ name: t.name as string, description: t.description as string | undefined, schema });
      if (t.cache_control) toolCheckpoints.push({ afterTools: tools.length, ttl: cacheOf(t) });
    }
  }
  let toolChoice: ChatRequest['toolChoice'];
  const tc = body.tool_choice as Json | undefined;
  if (tc) {
    if (tc.type === 'any') toolChoice = { type: 'any' };
    else if (tc.type === 'tool') {
      if (!tools.some((t) => t.name === tc.name)) invalid(`tool_choice: Tool '${String(tc.name)}' not found in the provided tools.`);
      toolChoice = { type: 'tool', name: tc.name as string };
    } else if (tc.type === 'auto') toolChoice = { type: 'auto' };
    else
      invalid(
        `tool_choice: Input tag '${String(tc.type)}' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool'`,
      );
  }

  const turns: Turn[] = [];
  for (const [i, m] of ((body.messages ?? []) as Json[]).entries()) {
    if (m.role !== 'user' && m.role !== 'assistant') invalid(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    const blocks: Block[] = [];
    const content = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : (m.content as Json[]);
    if (!Array.isArray(content)) invalid(`messages.${i}.content: Input should be a valid list`);
    for (const [j, c] of content.entries()) {
      switch (c.type) {
        case 'text':
          if (typeof c.text !== 'string' || c.text === '') invalid('messages: text content blocks must be non-empty');
          if ((c.text as string).trim() === '') invalid('messages: text content blocks must contain non-whitespace text');
          blocks.push({ kind: 'text', text: c.text as string });
          break;
        case 'image':
        case 'document': {
          if (refuses(model, c.type === 'image' ? 'images' : 'documents'))
            invalid(`messages.${i}.content.${j}.${c.type}: This model doesn't support ${c.type} input.`);
          const source = (c.source ?? {}) as Json;
          blocks.push({
            kind: 'media',
            type: c.type,
            text: source.type === 'text' ? (source.data as string) : undefined,
            bytes: typeof source.data === 'string' ? Math.floor((source.data.length * 3) / 4) : 0,
          });
          break;
        }
        case 'tool_use':
          blocks.push({ kind: 'toolUse', id: c.id as string, name: c.name as string, input: c.input });
          break;
        case 'tool_result': {
          const inner = c.content;
          const text =
            typeof inner === 'string'
              ? inner
              : Array.isArray(inner)
                ? (inner as Json[]).map((x) => (typeof x.text === 'string' ? x.text : JSON.stringify(x))).join('\n')
                : '';
          blocks.push({ kind: 'toolResult', toolUseId: c.tool_use_id as string, text, status: c.is_error ? 'error' : undefined });
          break;
        }
        case 'thinking':
          blocks.push({ kind: 'reasoning', text: String(c.thinking ?? ''), signature: c.signature as string | undefined });
          break;
        default:
          invalid(
            `messages.${i}.content.${j}: Input tag '${String(c.type)}' found using 'type' does not match any of the expected tags: 'text', 'image', 'document', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking'`,
          );
      }
      if (c.cache_control) {
        blocks.push({ kind: 'cachePoint', ttl: cacheOf(c) });
      }
    }
    turns.push({ role: m.role as Turn['role'], blocks });
  }
  if (turns.length === 0) invalid('messages: at least one message is required');
  if ((blocksUse(turns) || body.tool_choice) && refuses(model, 'tools')) invalid('tools: Extra inputs are not permitted');

  let thinkingBudget: number | undefined;
  const thinking = body.thinking as Json | undefined;
  if (thinking) {
    if (refuses(model, 'reasoning')) invalid('thinking: Extra inputs are not permitted');
    if (thinking.type === 'enabled') {
      if (typeof thinking.budget_tokens !== 'number') invalid('thinking.enabled.budget_tokens: Field required');
      try {
        thinkingBudget = checkThinking(thinking.budget_tokens as number, model, { maxTokens, temperature, topP, toolChoice });
      } catch (e) {
        // InvokeModel reports the model's own message, without Converse's prefix.
        throw new BedrockError('ValidationException', (e as Error).message.replace(/^The model returned the following errors: /, ''));
      }
    } else if (thinking.type !== 'disabled')
      invalid(
        `Malformed input request: #/thinking/type: ${String(thinking.type)} is not a valid enum value, please reformat your input and try again.`,
      );
  }

  const layout = layoutPrompt(tools, toolCheckpoints, systemLayout, turns);
  if (layout.checkpoints.length) {
    if (refuses(model, 'promptCaching')) throw new BedrockError('AccessDeniedException', CACHING_REFUSED);
    if (layout.checkpoints.length > MAX_CACHE_CHECKPOINTS)
      invalid(`A maximum of ${MAX_CACHE_CHECKPOINTS} blocks with cache_control may be provided. Found ${layout.checkpoints.length}.`);
  }
  return {
    model,
    provider: 'anthropic',
    system,
    turns,
    maxTokens,
    temperature,
    topP,
    stopSequences: Array.isArray(body.stop_sequences) ? (body.stop_sequences as string[]) : undefined,
    tools,
    toolChoice,
    thinkingBudget,
    ...layout,
  };
}

const blocksUse = (turns: Turn[]) => turns.some((t) => t.blocks.some((b) => b.kind === 'toolUse' || b.kind === 'toolResult'));

// ---------------------------------------------------------------------------------------
// Amazon Nova (messages-v1): the Converse shapes, with its own inferenceConfig names.

const NOVA_KEYS = ['schemaVersion', 'system', 'messages', 'inferenceConfig', 'toolConfig'] as const;
const NOVA_INFERENCE = ['maxTokens', 'max_new_tokens', 'temperature', 'topP', 'top_p', 'topK', 'top_k', 'stopSequences'] as const;
const NOVA_BLOCK = ['text', 'image', 'video', 'document', 'toolUse', 'toolResult', 'cachePoint', 'reasoningContent'] as const;

function novaRequest(body: Json, model: CatalogModel, provider: Provider): ChatRequest {
  const errors = new SchemaErrors();
  keys(errors, '#', body, NOVA_KEYS, ['messages']);
  if (body.schemaVersion !== undefined && body.schemaVersion !== 'messages-v1')
    errors.add('#/schemaVersion', `${String(body.schemaVersion)} is not a valid enum value`);
  const cfg = (body.inferenceConfig ?? {}) as Json;
  if (body.inferenceConfig !== undefined) keys(errors, '#/inferenceConfig', cfg, NOVA_INFERENCE);
  const maxKey = cfg.maxTokens !== undefined ? 'maxTokens' : 'max_new_tokens';
  const maxTokens = number(errors, `#/inferenceConfig/${maxKey}`, cfg[maxKey], { integer: true, min: 1, max: model.maxOutputTokens });
  const temperature = number(errors, '#/inferenceConfig/temperature', cfg.temperature, { min: 0, max: 1 });
  const topKey = cfg.topP !== undefined ? 'topP' : 'top_p';
  const topP = number(errors, `#/inferenceConfig/${topKey}`, cfg[topKey], { min: 0, max: 1 });
  const topKKey = cfg.topK !== undefined ? 'topK' : 'top_k';
  number(errors, `#/inferenceConfig/${topKKey}`, cfg[topKKey], { integer: true, min: 0, max: 128 });
  if (Array.isArray(body.messages)) {
    (body.messages as Json[]).forEach((m, i) => {
      if (m && typeof m === 'object') keys(errors, `#/messages/${i}`, m, ['role', 'content'], ['role', 'content']);
      if (Array.isArray(m?.content))
        (m.content as Json[]).forEach((c, j) => {
          if (c && typeof c === 'object') keys(errors, `#/messages/${i}/content/${j}`, c, NOVA_BLOCK);
        });
    });
  } else if (body.messages !== undefined) errors.add('#/messages', `expected type: JSONArray, found: ${typeOf(body.messages)}`);
  if (Array.isArray(body.system))
    (body.system as Json[]).forEach((s, i) => {
      if (s && typeof s === 'object') keys(errors, `#/system/${i}`, s, ['text', 'cachePoint']);
    });
  errors.throwIfAny(provider);
  const converse: Json = {
    messages: body.messages,
    system: body.system,
    toolConfig: body.toolConfig,
    inferenceConfig: { maxTokens, temperature, topP, stopSequences: cfg.stopSequences },
  };
  return converseRequest(converse, model);
}

// ---------------------------------------------------------------------------------------
// Meta Llama (prompt completion)

function llamaRequest(body: Json, model: CatalogModel): ChatRequest {
  const errors = new SchemaErrors();
  keys(errors, '#', body, ['prompt', 'temperature', 'top_p', 'max_gen_len', 'images'], ['prompt']);
  if (body.prompt !== undefined && typeof body.prompt !== 'string')
    errors.add('#/prompt', `expected type: String, found: ${typeOf(body.prompt)}`);
  const temperature = number(errors, '#/temperature', body.temperature, { min: 0, max: 1 });
  const topP = number(errors, '#/top_p', body.top_p, { min: 0, max: 1 });
  const maxTokens = number(errors, '#/max_gen_len', body.max_gen_len, {
    integer: true,
    min: 1,
    max: Math.min(LLAMA_MAX_GEN_LEN, model.maxOutputTokens),
  });
  errors.throwIfAny('llama');
  if (body.images !== undefined && refuses(model, 'images'))
    invalid("This model doesn't support image input. Remove images and try again.");
  if ((body.prompt as string).trim() === '') invalid('Prompt must not be empty.');
  const turns: Turn[] = [{ role: 'user', blocks: [{ kind: 'text', text: body.prompt as string }] }];
  return { model, provider: 'llama', system: [], turns, maxTokens, temperature, topP, tools: [], ...layoutPrompt([], [], [], turns) };
}
