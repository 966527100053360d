/**
 * The emulated model's whole answer to a ChatRequest: an optional reasoning block, then
 * either a tool call or text.
 *
 * - Tool use: with `toolChoice` `any` or a named `tool`, the model must call a tool; with
 *   `auto` (the default) it calls the tool the request evidently needs — the last user turn
 *   names it, or shares at least two content words with its description. The tool's `input`
 *   is the smallest value its JSON schema accepts (json-schema.ts), with strings taken from
 *   the request where the member's name asks for them. `stopReason` is `tool_use`. A user
 *   turn that carries tool results gets a final text answer built from those results.
 * - Reasoning (extended thinking): a reasoning text written from the request — what is asked,
 *   the evidence found, the plan — up to the thinking budget, with an opaque signature; its
 *   tokens count in the output usage and the emulated latency.
 * - Otherwise the text answer of `generateAnswer` (summaries, labels, judge scores…).
 */
import { createHash } from 'node:crypto';
import { estimateTokens, truncateToTokens } from '../../core/tokens';
import { seededRandom } from '../../core/stats/random';
import { turnText, type ChatRequest, type ToolSpec } from '../chat-request';
import { composeText } from './index';
import { exampleFor } from './json-schema';
import { contentWords, hash32, words } from './text';
import type { EmulatorAnswer } from './types';

export type AnswerBlock =
  | { type: 'reasoning'; text: string; signature: string }
  | { type: 'text'; text: string }
  | { type: 'toolUse'; id: string; name: string; input: unknown };

export interface ChatAnswer {
  blocks: AnswerBlock[];
  stopReason: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use';
  kind: EmulatorAnswer['kind'] | 'tool_use' | 'tool_result';
  outputTokens: number;
}

const GENERIC_TOOL_WORDS = new Set(['get', 'set', 'fetch', 'tool', 'do', 'run', 'call', 'make', 'use', 'function', 'the', 'for', 'and']);

/** Words of a tool name: `get_weather`, `getWeather`, `get-weather` → get, weather. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^a-zA-Z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 1 && !GENERIC_TOOL_WORDS.has(w));
}

/** How evidently the request needs `tool`: name words × 2 + description words found in the text. */
export function toolRelevance(tool: ToolSpec, text: string): number {
  const bag = new Set(words(text));
  const stems = new Set([...bag].map((w) => w.replace(/(es|s)$/, '')));
  const has = (w: string) => bag.has(w) || stems.has(w.replace(/(es|s)$/, ''));
  let score = 0;
  for (const w of nameWords(tool.name)) if (has(w)) score += 2;
  for (const w of new Set(contentWords(tool.description ?? ''))) if (!GENERIC_TOOL_WORDS.has(w) && has(w)) score += 1;
  return score;
}

/** The tool the model calls, or null for a text answer. */
export function chooseTool(req: ChatRequest, lastUserText: string): ToolSpec | null {
  if (!req.tools.length) return null;
  const choice = req.toolChoice ?? { type: 'auto' };
  if (choice.type === 'tool') return req.tools.find((t) => t.name === choice.name) ?? null;
  const scored = req.tools.map((t) => [toolRelevance(t, lastUserText), t] as const).sort((a, b) => b[0] - a[0]);
  if (choice.type === 'any') return scored[0][1];
  return scored[0][0] >= 2 ? scored[0][1] : null;
}

/** A Bedrock-style tool-use id (`tooluse_` + 22 URL-safe characters), seeded. */
export function toolUseId(random: () => number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let id = 'tooluse_';
  for (let i = 0; i < 22; i++) id += alphabet[Math.floor(random() * 64)];
  return id;
}

function reasoningFor(req: ChatRequest, userText: string, answer: string, tool: ToolSpec | null): string {
  const topic = [...new Set(contentWords(userText))].slice(0, 6).join(', ') || 'the request';
  const steps = [`The request is about ${topic}.`];
  if (tool)
    steps.push(
      `Answering needs the ${tool.name} tool${tool.description ? ` (${tool.description})` : ''}, so I will call it with the inputs its schema requires.`,
    );
  else if (answer) {
    steps.push(`The key points I found: ${[...new Set(contentWords(answer))].slice(0, 10).join(', ')}.`);
    steps.push('I will answer with exactly what was asked, staying faithful to the given text.');
  }
  if (req.system.length) steps.push('The system prompt sets the format I must follow.');
  return steps.join(' ');
}

function applyLimits(
  text: string,
  req: ChatRequest,
  reasoningTokens: number,
): { text: string; tokens: number; stopReason: ChatAnswer['stopReason'] } {
  let stopReason: ChatAnswer['stopReason'] = 'end_turn';
  for (const s of req.stopSequences ?? []) {
    const i = s ? text.indexOf(s) : -1;
    if (i >= 0) {
      text = text.slice(0, i);
      stopReason = 'stop_sequence';
    }
  }
  let tokens = estimateTokens(text);
  const budget = req.maxTokens === undefined ? undefined : Math.max(0, req.maxTokens - reasoningTokens);
  if (budget !== undefined && tokens > budget) {
    text = truncateToTokens(text, budget);
    tokens = estimateTokens(text);
    stopReason = 'max_tokens';
  }
  return { text, tokens, stopReason };
}

export function answerChat(req: ChatRequest, seed: number): ChatAnswer {
  const lastUser = [...req.turns].reverse().find((t) => t.role === 'user');
  const lastUserText = lastUser ? turnText(lastUser) : '';
  const results = lastUser?.blocks.filter((b) => b.kind === 'toolResult') ?? [];
  const blocks: AnswerBlock[] = [];
  let kind: ChatAnswer['kind'];
  let stopReason: ChatAnswer['stopReason'];

  const tool = results.length ? null : chooseTool(req, lastUserText);
  let text = '';
  /** A run-on answer without maxTokens, already cut at the model's limit. */
  let ranOutOfTokens = false;
  let toolBlock: AnswerBlock | null = null;
  if (tool) {
    kind = 'tool_use';
    const random = seededRandom(`${seed}|${req.model.modelId}|${hash32(lastUserText)}|tools`);
    toolBlock = { type: 'toolUse', id: toolUseId(random), name: tool.name, input: exampleFor(tool.schema, { text: lastUserText }) };
    // Claude says what it is about to do when it chooses a tool itself (auto); a forced call is the tool block alone.
    if (req.provider === 'anthropic' && (req.toolChoice ?? { type: 'auto' }).type === 'auto')
      text = `I'll use the ${tool.name} tool to answer this.`;
  } else if (results.length) {
    kind = 'tool_result';
    const used = new Map<string, string>();
    for (const t of req.turns) for (const b of t.blocks) if (b.kind === 'toolUse') used.set(b.id, b.name);
    text = results
      .map((r) => {
        const name = used.get((r as { toolUseId: string }).toolUseId) ?? 'tool';
        const body = (r as { text: string }).text.trim() || '(no content)';
        return (r as { status?: string }).status === 'error'
          ? `The ${name} tool reported an error: ${body}. I can't complete the request without it.`
          : `According to the ${name} tool: ${body}`;
      })
      .join('\n\n');
  } else {
    // maxTokens is the budget a run-on answer writes into; applyLimits cuts it below.
    const emulated = composeText({
      model: req.model,
      seed,
      system: req.system,
      messages: req.turns.map((t) => ({ role: t.role, text: turnText(t) })).filter((m) => m.text),
      maxTokens: req.maxTokens,
      temperature: req.temperature,
      topP: req.topP,
    });
    kind = emulated.kind;
    text = emulated.text;
    ranOutOfTokens = emulated.ranOn && req.maxTokens === undefined;
  }

  let reasoningTokens = 0;
  if (req.thinkingBudget) {
    const reasoning = truncateToTokens(reasoningFor(req, lastUserText, text, tool), req.thinkingBudget);
    reasoningTokens = estimateTokens(reasoning);
    const signature = createHash('sha256').update(`${req.model.modelId}\n${reasoning}`).digest('base64');
    blocks.push({ type: 'reasoning', text: reasoning, signature });
  }
  const limited = applyLimits(text, req, reasoningTokens);
  if (limited.text) blocks.push({ type: 'text', text: limited.text });
  stopReason = ranOutOfTokens && limited.stopReason === 'end_turn' ? 'max_tokens' : limited.stopReason;
  let outputTokens = reasoningTokens + limited.tokens;
  if (toolBlock && limited.stopReason === 'end_turn') {
    blocks.push(toolBlock);
    stopReason = 'tool_use';
    outputTokens += estimateTokens(JSON.stringify(toolBlock.input));
  }
  if (!blocks.some((b) => b.type !== 'reasoning')) blocks.push({ type: 'text', text: '' });
  return { blocks, stopReason, kind, outputTokens };
}
