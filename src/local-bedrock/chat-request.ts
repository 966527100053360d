/**
 * The endpoint's one internal request form, whichever API it came from (Converse,
 * ConverseStream, CountTokens, or an InvokeModel body): turns of typed blocks, the system
 * prompt, inference settings, tools, cache checkpoints, reasoning and service settings.
 * `promptParts` lists the prompt's texts in the order the model reads them (tools, system,
 * messages) with the cache checkpoints between them, so token counts, CountTokens and
 * prompt caching all use the same figures.
 */
import type { CatalogModel } from '../core/catalog';
import { estimateTokens } from '../core/tokens';
import type { Provider } from './model-support';

export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'media'; type: 'image' | 'document' | 'video' | 'audio'; text?: string; bytes?: number }
  | { kind: 'toolUse'; id: string; name: string; input: unknown }
  | { kind: 'toolResult'; toolUseId: string; text: string; status?: string }
  | { kind: 'reasoning'; text: string; signature?: string }
  | { kind: 'cachePoint'; ttl: string };

export interface Turn {
  role: 'user' | 'assistant';
  blocks: Block[];
}

export interface ToolSpec {
  name: string;
  description?: string;
  schema: Record<string, unknown>;
}

export type ToolChoice = { type: 'auto' } | { type: 'any' } | { type: 'tool'; name: string };

export interface ChatRequest {
  model: CatalogModel;
  provider: Provider;
  system: string[];
  turns: Turn[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  tools: ToolSpec[];
  toolChoice?: ToolChoice;
  /** Extended thinking: the token budget (set only when enabled). */
  thinkingBudget?: number;
  serviceTier?: 'priority' | 'default' | 'flex' | 'reserved';
  latency?: 'standard' | 'optimized';
  /** Prompt texts in reading order, and where cache checkpoints sit between them. */
  promptParts: string[];
  /** Where each prompt part sits (tools, system, or a user/assistant turn number): part of the cache key. */
  promptLabels: string[];
  /** Tokens that are not text (images, video, binary documents), counted as documented. */
  extraPromptTokens: number;
  checkpoints: { afterParts: number; ttl: string }[];
}

/** Every block's text, as the model reads it (for token counts and the cache prefix). */
export function blockText(block: Block): string {
  switch (block.kind) {
    case 'text':
      return block.text;
    case 'media':
      return block.text ?? '';
    case 'toolUse':
      return `${block.name} ${JSON.stringify(block.input ?? {})}`;
    case 'toolResult':
      return block.text;
    case 'reasoning':
      return block.text;
    case 'cachePoint':
      return '';
  }
}

/**
 * Tokens of an image: Anthropic's vision guide puts an image at about
 * (width × height) ÷ 750 tokens, ≈ 1,600 for the largest size before resizing; without
 * decoding images the endpoint counts every image at that ceiling. Video and binary
 * documents count one token per 4 bytes of content.
 */
export const IMAGE_TOKENS = 1600;

export function promptTokens(request: Pick<ChatRequest, 'promptParts' | 'extraPromptTokens'>): number {
  let total = request.extraPromptTokens;
  for (const part of request.promptParts) total += estimateTokens(part);
  return total;
}

/** The user and assistant texts the emulated model reads (text blocks and text documents). */
export function turnText(turn: Turn): string {
  let out = '';
  for (const b of turn.blocks) {
    const t = b.kind === 'text' ? b.text : b.kind === 'media' && b.type === 'document' ? (b.text ?? '') : '';
    if (t) out = out ? `${out}\n\n${t}` : t;
  }
  return out;
}

/** Build the prompt parts and checkpoints from tools, system and turns (in that order). */
export function layoutPrompt(
  tools: ToolSpec[],
  toolCheckpoints: { afterTools: number; ttl: string }[],
  system: { text?: string; ttl?: string }[],
  turns: Turn[],
): Pick<ChatRequest, 'promptParts' | 'promptLabels' | 'extraPromptTokens' | 'checkpoints'> {
  const promptParts: string[] = [];
  const promptLabels: string[] = [];
  const push = (text: string, label: string) => {
    promptParts.push(text);
    promptLabels.push(label);
  };
  const checkpoints: ChatRequest['checkpoints'] = [];
  let extraPromptTokens = 0;
  let toolIndex = 0;
  for (const cp of toolCheckpoints) {
    while (toolIndex < cp.afterTools) push(toolText(tools[toolIndex++]), 'tool');
    checkpoints.push({ afterParts: promptParts.length, ttl: cp.ttl });
  }
  while (toolIndex < tools.length) push(toolText(tools[toolIndex++]), 'tool');
  for (const s of system) {
    if (s.text !== undefined) push(s.text, 'system');
    else checkpoints.push({ afterParts: promptParts.length, ttl: s.ttl ?? '5m' });
  }
  for (let t = 0; t < turns.length; t++) {
    const turn = turns[t];
    for (const b of turn.blocks) {
      if (b.kind === 'cachePoint') checkpoints.push({ afterParts: promptParts.length, ttl: b.ttl });
      else if (b.kind === 'media' && b.text === undefined)
        extraPromptTokens += b.type === 'image' ? IMAGE_TOKENS : Math.ceil((b.bytes ?? 0) / 4);
      else {
        const text = blockText(b);
        if (text) push(text, `${turn.role}${t}`);
      }
    }
  }
  return { promptParts, promptLabels, extraPromptTokens, checkpoints };
}

function toolText(tool: ToolSpec): string {
  return `${tool.name} ${tool.description ?? ''} ${JSON.stringify(tool.schema)}`;
}
