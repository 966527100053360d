/**
 * The emulated models of the local endpoint: `generateAnswer` reads a request and writes
 * the answer a model of the given tier and habits (src/core/emulation.ts) would plausibly
 * give — computed from the request, never canned — then applies `maxTokens` and stop
 * sequences as Bedrock does.
 *
 * Same model + request + seed → same answer. Temperature > 0 lets the seed change the
 * answer a little (a different endpoint seed, a different wording); temperature 0 does not.
 */
import { estimateTokens, truncateToTokens } from '../../core/tokens';
import { seededRandom } from '../../core/stats/random';
import { classify } from './classify';
import { askedLanguage, detectKind, extractDocument, offeredLabels, withoutLabelList } from './detect';
import { judge } from './judge';
import { summarize } from './summarize';
import { hash32, splitSentences, contentWords } from './text';
import type { EmulatorAnswer, EmulatorRequest } from './types';

export type { EmulatorAnswer, EmulatorRequest } from './types';

function generic(prompt: string): string {
  const sentences = splitSentences(prompt);
  const question = sentences.find((s) => s.endsWith('?')) ?? sentences[0] ?? prompt;
  const keys = new Set(contentWords(question));
  const context = sentences.filter((s) => s !== question);
  const best = context.map((s) => [contentWords(s).filter((w) => keys.has(w)).length, s] as const).sort((a, b) => b[0] - a[0])[0];
  return best && best[0] > 0
    ? `Based on the text: ${best[1]}`
    : `You asked: "${question.slice(0, 200)}". I can answer best with more context about ${[...keys].slice(0, 4).join(', ') || 'the topic'}.`;
}

/** Where `text` must stop for the first stop sequence it contains, or null. */
function stopAt(text: string, stops: string[] | undefined): number | null {
  let cut: number | null = null;
  for (const s of stops ?? []) {
    if (!s) continue;
    const i = text.indexOf(s);
    if (i >= 0 && (cut === null || i < cut)) cut = i;
  }
  return cut;
}

/** A run-on answer without maxTokens stops at the model's output limit, and never past this many tokens. */
export const RUN_ON_CAP = 4096;

export interface ComposedText {
  text: string;
  kind: EmulatorAnswer['kind'];
  promptText: string;
  /** The model ran on to its budget (`maxTokens`, else its limit): the answer must end with `max_tokens`. */
  ranOn: boolean;
}

/**
 * The model's answer before Bedrock's limits (stop sequences, maxTokens) are applied. A run-on
 * answer is written past `maxTokens`, for the caller to cut; without `maxTokens` it is cut here,
 * at the model's output limit (at most {@link RUN_ON_CAP}).
 */
export function composeText(req: EmulatorRequest): ComposedText {
  const userText = req.messages
    .filter((m) => m.role === 'user')
    .map((m) => m.text)
    .join('\n\n');
  const promptText = [...req.system, userText].join('\n\n');
  const temperature = req.temperature ?? 0.7;
  // Seed: endpoint seed + model + request; temperature 0 drops the endpoint seed.
  const seed = `${temperature > 0 ? req.seed : 0}|${req.model.modelId}|${hash32(promptText)}`;
  const random = seededRandom(seed);
  const kind = detectKind(userText);
  const budgetTokens = req.maxTokens ?? Math.min(req.model.maxOutputTokens, RUN_ON_CAP);

  let text: string;
  let ranOn = false;
  switch (kind) {
    case 'judge':
      text = judge(userText);
      break;
    case 'classification': {
      const body = withoutLabelList(userText);
      const answer = classify(extractDocument(body) || body, offeredLabels(userText), {
        model: req.model,
        random,
        language: askedLanguage(promptText) ?? 'en',
        budgetTokens,
      });
      ({ text, ranOn } = answer);
      break;
    }
    case 'summarization': {
      const document = extractDocument(userText);
      // What the prompt asks (length, "summary only", language) is read around the document, not in it.
      const instructions = document ? promptText.replace(document, ' ') : promptText;
      ({ text, ranOn } = summarize(document, { model: req.model, instructions, temperature, random, budgetTokens }));
      break;
    }
    case 'ping':
      text = 'OK';
      break;
    default:
      text = generic(userText);
  }
  ranOn &&= estimateTokens(text) > budgetTokens;
  if (ranOn && req.maxTokens === undefined) text = truncateToTokens(text, budgetTokens);
  return { text, kind, promptText, ranOn };
}

/** The answer's text, stop reason and kind, without token counts (the endpoint counts the prompt itself). */
export function generateText(req: EmulatorRequest): Omit<EmulatorAnswer, 'inputTokens' | 'outputTokens'> & { promptText: string } {
  const composed = composeText(req);
  let { text } = composed;
  // Bedrock's own limits: stop sequences first, then maxTokens.
  let stopReason: EmulatorAnswer['stopReason'] = 'end_turn';
  const cut = stopAt(text, req.stopSequences);
  if (cut !== null) {
    text = text.slice(0, cut);
    stopReason = 'stop_sequence';
  }
  if (req.maxTokens !== undefined && estimateTokens(text) > req.maxTokens) {
    text = truncateToTokens(text, req.maxTokens);
    stopReason = 'max_tokens';
  } else if (composed.ranOn && req.maxTokens === undefined && stopReason === 'end_turn') stopReason = 'max_tokens';
  return { text, stopReason, kind: composed.kind, promptText: composed.promptText };
}

export function generateAnswer(req: EmulatorRequest): EmulatorAnswer {
  const { text, stopReason, kind, promptText } = generateText(req);
  return { text, stopReason, kind, inputTokens: estimateTokens(promptText), outputTokens: estimateTokens(text) };
}
