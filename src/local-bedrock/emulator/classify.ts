/**
 * Emulated classification: score each offered label by keyword overlap between the text and
 * the label's words plus a few documented synonyms, and answer the best one — then the
 * model's habits (src/core/emulation.ts, invented) make the mistakes one can name:
 *
 * - `labelConfusion`: when the text has cues for two labels within one cue of each other
 *   (an app error while paying an invoice: technical or billing?), the runner-up;
 * - `labelOutside`: a word outside the label set — a synonym such as "payment" for billing;
 * - `labelWords`: the label wrapped in words ("Category: billing"), which is not a label;
 * - `runOn`: the label, then an explanation that runs into maxTokens (stopReason max_tokens).
 *
 * A text with no cue at all gets the set's catch-all label (other/none/outro), else the last.
 * Step 4 counts an answer that is not exactly one of the labels (after trimming, lower case
 * and a final period) as wrong.
 */
import type { CatalogModel } from '../../core/catalog';
import { habitsOf } from '../../core/emulation';
import { estimateTokens } from '../../core/tokens';
import type { OwnLanguage } from './detect';
import { LABEL_PHRASES, pick } from './own-words';
import { splitSentences, words } from './text';

/** Words that suggest a label, for common support-ticket labels. */
export const LABEL_SYNONYMS: Record<string, string[]> = {
  billing: ['bill', 'invoice', 'charge', 'charged', 'payment', 'refund', 'price', 'subscription', 'card', 'fee', 'paid'],
  technical: ['error', 'bug', 'crash', 'crashes', 'broken', 'app', 'install', 'slow', 'timeout', 'api', 'update', 'screen', 'sync'],
  account: ['password', 'login', 'log', 'email', 'username', 'profile', 'locked', 'reset', 'two-factor', '2fa', 'delete', 'sign'],
  shipping: [
    'delivery',
    'deliver',
    'delivered',
    'package',
    'parcel',
    'tracking',
    'courier',
    'shipped',
    'arrive',
    'arrived',
    'address',
    'late',
  ],
  positive: ['great', 'good', 'love', 'excellent', 'happy', 'amazing'],
  negative: ['bad', 'terrible', 'hate', 'awful', 'poor', 'disappointed'],
};

/** The word outside the label set a model answers instead of a label (`labelOutside`). */
export const OUTSIDE_WORDS: Record<string, string> = {
  billing: 'payment',
  technical: 'bug',
  account: 'login',
  shipping: 'delivery',
  other: 'general',
  positive: 'good',
  negative: 'bad',
};

export interface ClassifyOptions {
  model: CatalogModel;
  random: () => number;
  language: OwnLanguage;
  /** Tokens a run-on answer writes up to: the caller cuts it at maxTokens. */
  budgetTokens: number;
}

/** Each label's cue count in `text`, in the order of `labels`. */
export function labelScores(text: string, labels: string[]): number[] {
  const bag = new Set(words(text));
  return labels.map((label) => {
    const cues = [...words(label), ...(LABEL_SYNONYMS[label.toLowerCase()] ?? [])];
    return cues.reduce((s, w) => s + (bag.has(w) ? 1 : 0), 0);
  });
}

export function classify(text: string, labels: string[], options: ClassifyOptions): { text: string; ranOn: boolean } {
  const { model, random, language, budgetTokens } = options;
  const habits = habitsOf(model);
  const draw = { confusion: random(), outside: random(), words: random(), runOn: random() };
  const scores = labelScores(text, labels);
  const order = labels.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const [best, second] = order;
  const fallback = labels.find((l) => /^(other|none|outro)$/i.test(l)) ?? labels[labels.length - 1];
  let answer = scores[best] > 0 ? labels[best] : fallback;
  const confusable = second !== undefined && scores[best] > 0 && scores[second] > 0 && scores[best] - scores[second] <= 1;
  if (confusable && draw.confusion < habits.labelConfusion) answer = labels[second];
  if (draw.outside < habits.labelOutside) answer = OUTSIDE_WORDS[answer.toLowerCase()] ?? `${answer}-related`;
  else if (draw.words < habits.labelWords) answer = pick(LABEL_PHRASES[language], random)(answer);
  if (draw.runOn >= habits.runOn) return { text: answer, ranOn: false };
  // Runs on: explains itself by quoting the text, over and over, until the budget cuts it.
  const quoted = splitSentences(text).slice(0, 3);
  let out = answer;
  let tokens = estimateTokens(out);
  for (let i = 0; tokens <= budgetTokens && quoted.length && i < 10_000; i++) {
    const next = i === 0 ? `\n\nThe customer writes: ${quoted[0]}` : ` ${quoted[i % quoted.length]}`;
    out += next;
    tokens += estimateTokens(next);
  }
  return { text: out, ranOn: true };
}
