/**
 * Turning Bedrock request bodies into the emulator's request — Converse, and InvokeModel's
 * Anthropic Messages, Amazon Nova and Meta Llama bodies — and the emulator's answer back
 * into each API's response body.
 * Converse: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 * Model bodies: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html
 */
import type { CatalogModel } from '../core/catalog';
import { BedrockError } from './errors';
import type { EmulatorAnswer, EmulatorMessage, EmulatorRequest } from './emulator/types';

type Json = Record<string, unknown>;

function fail(message: string): never {
  throw new BedrockError('ValidationException', `Malformed input request: ${message}, please reformat your input and try again.`);
}

function textOf(content: unknown, where: string): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) fail(`${where} must be an array of content blocks`);
  return content
    .map((block, i) => {
      if (!block || typeof block !== 'object') fail(`${where}[${i}] is not a content block`);
      const text = (block as Json).text;
      return typeof text === 'string' ? text : '';
    })
    .join('');
}

function messagesOf(raw: unknown): EmulatorMessage[] {
  if (!Array.isArray(raw) || raw.length === 0) fail('"messages" must be a non-empty array');
  return raw.map((m, i) => {
    const msg = m as Json;
    if (msg?.role !== 'user' && msg?.role !== 'assistant') fail(`messages[${i}].role must be "user" or "assistant"`);
    return { role: msg.role, text: textOf(msg.content, `messages[${i}].content`) };
  });
}

function systemOf(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw === 'string') return [raw];
  if (!Array.isArray(raw)) fail('"system" must be an array');
  return raw.map((b) => (typeof (b as Json)?.text === 'string' ? ((b as Json).text as string) : ''));
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined);

export type BodyKind = 'converse' | 'anthropic' | 'nova' | 'llama';

/** Parse a request body for the given API. */
export function parseRequest(kind: BodyKind, body: Json, model: CatalogModel, seed: number): EmulatorRequest {
  const base = { model, seed };
  switch (kind) {
    case 'converse':
    case 'nova': {
      const cfg = (body.inferenceConfig ?? {}) as Json;
      return {
        ...base,
        system: systemOf(body.system),
        messages: messagesOf(body.messages),
        maxTokens: num(cfg.maxTokens) ?? num(cfg.max_new_tokens),
        temperature: num(cfg.temperature),
        topP: num(cfg.topP) ?? num(cfg.top_p),
        stopSequences: strings(cfg.stopSequences),
      };
    }
    case 'anthropic':
      if (typeof body.max_tokens !== 'number') fail('required key [max_tokens] not found');
      return {
        ...base,
        system: systemOf(body.system),
        messages: messagesOf(body.messages),
        maxTokens: num(body.max_tokens),
        temperature: num(body.temperature),
        topP: num(body.top_p),
        stopSequences: strings(body.stop_sequences),
      };
    case 'llama':
      if (typeof body.prompt !== 'string') fail('required key [prompt] not found');
      return { ...base, system: [], messages: [{ role: 'user', text: body.prompt }], maxTokens: num(body.max_gen_len), temperature: num(body.temperature), topP: num(body.top_p) };
  }
}

/** Which InvokeModel body shape a request uses. */
export function invokeBodyKind(body: Json, model: CatalogModel): BodyKind {
  if ('anthropic_version' in body || model.family === 'claude') return 'anthropic';
  if ('prompt' in body && !('messages' in body)) return 'llama';
  return 'nova';
}

/** The response body of InvokeModel for each model family. */
export function invokeResponse(kind: BodyKind, answer: EmulatorAnswer, model: CatalogModel, requestId: string): Json {
  if (kind === 'anthropic') {
    return {
      id: `msg_local_${requestId}`,
      type: 'message',
      role: 'assistant',
      model: model.modelId,
      content: [{ type: 'text', text: answer.text }],
      stop_reason: answer.stopReason,
      stop_sequence: null,
      usage: { input_tokens: answer.inputTokens, output_tokens: answer.outputTokens },
    };
  }
  if (kind === 'llama') {
    return {
      generation: answer.text,
      prompt_token_count: answer.inputTokens,
      generation_token_count: answer.outputTokens,
      stop_reason: answer.stopReason === 'max_tokens' ? 'length' : 'stop',
    };
  }
  return {
    output: { message: { role: 'assistant', content: [{ text: answer.text }] } },
    stopReason: answer.stopReason,
    usage: { inputTokens: answer.inputTokens, outputTokens: answer.outputTokens, totalTokens: answer.inputTokens + answer.outputTokens },
  };
}
