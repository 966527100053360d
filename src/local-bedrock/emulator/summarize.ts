/**
 * Emulated summaries: an extractive method chosen by the model's `emulation.tier` picks the
 * document's sentences, then the model's **habits** (src/core/emulation.ts — invented, one
 * reason each in the catalogue) decide how it writes them, so that two models of one tier
 * answer differently for reasons one can name.
 *
 * What to keep (tier):
 * - tier 1 — lead: the first sentences of the document (a classic baseline);
 * - tier 2 — word frequency: sentences scored by how often their content words occur in the
 *   document (Luhn, 1958);
 * - tier 3 — TF-IDF ranking with redundancy removal: sentences scored by TF-IDF weight
 *   (https://en.wikipedia.org/wiki/Tf%E2%80%93idf) and picked by Maximal Marginal Relevance
 *   (Carbonell & Goldstein, 1998), so two sentences saying the same thing are not both kept;
 * - tier 4 — as tier 3 with more weight on covering different points.
 * Scores are multiplied by `1 + leadBias / (1 + position)` (the habit of favouring the
 * opening), and temperature > 0 perturbs them with seeded noise. Picked sentences keep the
 * document's order, or come most important first (`order`).
 *
 * How to write them (habits): how many sentences against the range asked (`verbosity`, and
 * `ignoresLength`), how much to cut (`compression`), prose or bullets (`bullets`), a preamble
 * or closing remark where the prompt allows it (`preamble`, `closing`) or although it forbids
 * it (`ignoresSummaryOnly`), in which language its own words are (`ignoresLanguage`), slips
 * (`slipRate`: a changed figure, name or date, a dropped negation — slips.ts), an invented
 * claim (`inventRate`), and not stopping (`runOn`: it keeps writing until its token budget, so
 * the caller cuts it at maxTokens with `stopReason: max_tokens`).
 *
 * Every choice is drawn from the seeded stream in a fixed order: same model + request + seed →
 * same summary.
 */
import type { CatalogModel } from '../../core/catalog';
import { habitsOf, type Habits } from '../../core/emulation';
import { estimateTokens } from '../../core/tokens';
import { askedLanguage, asksAnswerOnly, requestedSentences, type OwnLanguage } from './detect';
import { CLOSINGS, EMPTY_DOCUMENT, LIST_PREAMBLES, PREAMBLES, pick } from './own-words';
import { ignoreFactor } from './prompt-rewrite';
import { documentFacts, inventedClaim, slipSentence, type DocumentFacts, type Slip } from './slips';
import { contentWords, splitSentences } from './text';

export interface SummaryOptions {
  model: CatalogModel;
  /** The whole prompt (system and user text): the constraints are read from it. */
  instructions: string;
  temperature: number;
  random: () => number;
  /** Tokens a run-on answer writes up to (maxTokens, else the model's limit): the caller cuts it there. */
  budgetTokens: number;
}

export type IgnoredConstraint = 'length' | 'summaryOnly' | 'language';

export interface EmulatedSummary {
  text: string;
  /** The model did not stop: the text runs past `budgetTokens`, to be cut with stopReason max_tokens. */
  ranOn: boolean;
  /** What it got wrong (for tests and the docs; never sent over the wire). */
  slips: Slip[];
  /** The prompt's constraints it ignored this time. */
  ignored: IgnoredConstraint[];
}

function termFrequencies(sentences: string[][]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const s of sentences) for (const w of s) tf.set(w, (tf.get(w) ?? 0) + 1);
  return tf;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    dot += v * (b.get(k) ?? 0);
  }
  for (const v of b.values()) nb += v * v;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function tfidfVectors(sentences: string[][]): Map<string, number>[] {
  const df = new Map<string, number>();
  for (const s of sentences) for (const w of new Set(s)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = sentences.length;
  return sentences.map((s) => {
    const v = new Map<string, number>();
    for (const w of s) v.set(w, (v.get(w) ?? 0) + 1);
    for (const [w, c] of v) v.set(w, c * Math.log(1 + n / (df.get(w) ?? 1)));
    return v;
  });
}

const FILLER =
  /^(?:in addition|additionally|moreover|furthermore|however|also|overall|as a result|in summary|finally|meanwhile|notably)\s*,\s*/i;
/** A section label opening a sentence: "Root cause: …", "Finding: …", "Action items: …". */
const SECTION_LABEL = /^[\p{Lu}][\p{L} -]{0,28}:\s+(?=\S)/u;
/** Where a long sentence's trailing clause starts (strong compression cuts it). */
const TRAILING_CLAUSE = /,\s+(?:which|while|whose|because|as|with|and the|but)\b/g;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A sentence written with the model's compression habit. */
export function compressSentence(sentence: string, compression: Habits['compression']): string {
  if (compression === 'none') return sentence;
  let s = sentence
    .replace(/\s*\([^)]*\)/g, '')
    .replace(SECTION_LABEL, '')
    .replace(FILLER, '');
  if (compression === 'strong' && s.split(/\s+/).length > 20) {
    const cuts = [...s.matchAll(TRAILING_CLAUSE)].map((m) => m.index ?? 0).filter((i) => s.slice(0, i).split(/\s+/).length >= 10);
    if (cuts.length) s = `${s.slice(0, cuts[0]).replace(/[,;:]$/, '')}.`;
  }
  return capitalise(s.trim());
}

/** Which sentences the tier's method keeps, most important first (the lead keeps the document's order). */
function pickSentences(sentences: string[], target: number, tier: number, habits: Habits, noise: () => number): number[] {
  if (tier <= 1) return sentences.map((_, i) => i).slice(0, target);
  const tokens = sentences.map((s) => contentWords(s));
  const lead = (i: number) => 1 + habits.leadBias / (1 + i);
  if (tier === 2) {
    const tf = termFrequencies(tokens);
    const scores = tokens.map((ws, i) => (ws.reduce((s, w) => s + (tf.get(w) ?? 0), 0) / Math.max(4, ws.length)) * lead(i) * (1 + noise()));
    return scores
      .map((s, i) => [s, i] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, target)
      .map(([, i]) => i);
  }
  const vectors = tfidfVectors(tokens);
  const centroid = new Map<string, number>();
  for (const v of vectors) for (const [k, x] of v) centroid.set(k, (centroid.get(k) ?? 0) + x);
  const relevance = vectors.map((v, i) => cosine(v, centroid) * lead(i) * (1 + noise()));
  const lambda = tier >= 4 ? 0.6 : 0.7;
  const picked: number[] = [];
  while (picked.length < target) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < sentences.length; i++) {
      if (picked.includes(i) || tokens[i].length < 3) continue;
      const redundancy = picked.reduce((r, j) => Math.max(r, cosine(vectors[i], vectors[j])), picked.length ? -Infinity : 0);
      const score = lambda * relevance[i] - (1 - lambda) * redundancy;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0) break;
    picked.push(best);
  }
  return picked;
}

/** Append sentences (the rest of the document, then the summary again) until the text passes `budget` tokens. */
function runOn(text: string, more: string[], budget: number, separator: string): string {
  if (!more.length) return text;
  let out = text;
  let tokens = estimateTokens(out);
  for (let i = 0; tokens <= budget && i < 10_000; i++) {
    const next = separator + more[i % more.length];
    out += next;
    // Whitespace ends a token, so the count adds up piece by piece.
    tokens += estimateTokens(next);
  }
  return out;
}

/** Write a summary of `document` the way the model's tier and habits say. */
export function summarize(document: string, options: SummaryOptions): EmulatedSummary {
  const { model, instructions, temperature, random, budgetTokens } = options;
  const habits = habitsOf(model);
  // Every draw in a fixed order: the same request and seed always decide the same way.
  const draw = {
    length: random(),
    answerOnly: random(),
    language: random(),
    bullets: random(),
    preamble: random(),
    closing: random(),
    runOn: random(),
    invent: random(),
    jitter: random(),
  };
  const ignored: IgnoredConstraint[] = [];
  const asked = askedLanguage(instructions);
  let language: OwnLanguage = asked ?? 'en';
  if (asked && asked !== 'en' && draw.language < habits.ignoresLanguage) {
    language = 'en';
    ignored.push('language');
  }
  const sentences = splitSentences(document);
  if (sentences.length === 0) return { text: EMPTY_DOCUMENT[language], ranOn: false, slips: [], ignored };

  // How many sentences: the range asked (3 to 5 when none) × verbosity, a little jitter, within the range unless ignored.
  const range = requestedSentences(instructions);
  const wanted = range ?? { min: 3, max: 5 };
  let target = Math.round(((wanted.min + wanted.max) / 2) * habits.verbosity + draw.jitter - 0.5);
  // A prompt that restates its rules or lays them out in sections is followed more often (PROMPT_RESPONSE, invented).
  const follow = ignoreFactor(instructions, model.family);
  if (range && draw.length < habits.ignoresLength * follow) {
    ignored.push('length');
    target = habits.verbosity >= 1 ? Math.max(target, range.max + 1 + Math.floor(draw.jitter * 3)) : Math.min(target, range.min - 1);
  } else if (range) target = Math.min(range.max, Math.max(range.min, target));
  target = Math.max(1, Math.min(sentences.length, target));

  const noise = () => (temperature > 0 ? (random() - 0.5) * temperature * 0.3 : 0);
  const ranked = pickSentences(sentences, target, model.emulation.tier, habits, noise);
  const picked = habits.order === 'importance' ? ranked : [...ranked].sort((a, b) => a - b);
  // The document's facts are only needed for a slip: computed then, once.
  let facts: DocumentFacts | null = null;
  const factsOf = () => (facts ??= documentFacts(document));
  const slips: Slip[] = [];
  const written = picked.map((i) => {
    const sentence = compressSentence(sentences[i], habits.compression);
    if (random() >= habits.slipRate) return sentence;
    const slipped = slipSentence(sentence, factsOf(), random);
    if (!slipped) return sentence;
    slips.push(slipped.slip);
    return slipped.text;
  });
  if (draw.invent < habits.inventRate) {
    const claim = inventedClaim(factsOf(), random);
    slips.push(claim.slip);
    written.splice(1 + Math.floor(random() * written.length), 0, claim.text);
  }

  const bullets = draw.bullets < habits.bullets;
  const body = bullets ? written.map((s) => `- ${s}`).join('\n') : written.join(' ');
  // Chatter: where the prompt allows it, as the habits say; where it forbids it, only when the habit of ignoring that strikes.
  let preamble = draw.preamble < habits.preamble;
  let closing = draw.closing < habits.closing;
  if (asksAnswerOnly(instructions)) {
    if (draw.answerOnly >= habits.ignoresSummaryOnly * follow) preamble = closing = false;
    else {
      ignored.push('summaryOnly');
      // It chats the way it usually does: its likelier habit of the two.
      if (!preamble && !closing) {
        if (habits.preamble >= habits.closing) preamble = true;
        else closing = true;
      }
    }
  }
  let text = body;
  if (preamble) text = `${pick(bullets ? LIST_PREAMBLES[language] : PREAMBLES[language], random)}\n\n${text}`;
  const ranOn = draw.runOn < habits.runOn;
  if (ranOn) {
    const rest = sentences.filter((_, i) => !picked.includes(i)).map((s) => compressSentence(s, habits.compression));
    text = runOn(text, [...rest, ...written], budgetTokens, bullets ? '\n- ' : ' ');
  } else if (closing) text = `${text}\n\n${pick(CLOSINGS[language], random)}`;
  return { text, ranOn, slips, ignored };
}
