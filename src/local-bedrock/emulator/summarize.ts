/**
 * Emulated summaries: extractive methods of increasing quality, chosen by the model's
 * `emulation.tier` in the catalogue, so that stronger models write better summaries for
 * reasons one can explain:
 *
 * - tier 1 — lead: the first sentences of the document (a classic baseline), sometimes
 *   cut off mid-sentence, as small models do when they ramble into their token budget;
 * - tier 2 — word frequency: sentences scored by how often their content words occur in
 *   the document (Luhn, 1958), with a bonus for early sentences;
 * - tier 3 — TF-IDF ranking with redundancy removal: sentences scored by TF-IDF weight
 *   (https://en.wikipedia.org/wiki/Tf%E2%80%93idf) and picked by Maximal Marginal Relevance
 *   (Carbonell & Goldstein, 1998) so two sentences saying the same thing are not both kept;
 * - tier 4 — as tier 3 with more weight on covering different points, plus compression:
 *   asides in parentheses and filler openers ("In addition, …") removed.
 * Picked sentences are output in document order. Temperature > 0 perturbs the scores with
 * seeded noise, so a different endpoint seed gives a slightly different summary.
 */
import type { CatalogModel } from '../../core/catalog';
import { requestedSentences } from './detect';
import { contentWords, splitSentences } from './text';

export interface SummaryOptions {
  model: CatalogModel;
  instructions: string;
  temperature: number;
  random: () => number;
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

function compress(sentence: string): string {
  const trimmed = sentence.replace(/\s*\([^)]*\)/g, '').replace(FILLER, '');
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/** Write an extractive summary of `document` in the model's tier. */
export function summarize(document: string, options: SummaryOptions): string {
  const { model, instructions, temperature, random } = options;
  const sentences = splitSentences(document);
  if (sentences.length === 0) return 'The document is empty, so there is nothing to summarize.';
  const tier = model.emulation?.tier ?? 2;
  const wanted = requestedSentences(instructions) ?? { min: 3, max: 5 };
  const target = Math.max(1, Math.min(sentences.length, tier >= 3 ? Math.ceil((wanted.min + wanted.max) / 2) : wanted.max));
  const noise = () => (temperature > 0 ? (random() - 0.5) * temperature * 0.3 : 0);
  const tokens = sentences.map((s) => contentWords(s));

  let picked: number[];
  if (tier <= 1) {
    // Lead: the first sentences, sometimes cut mid-way.
    picked = sentences.map((_, i) => i).slice(0, target);
    const text = picked.map((i) => sentences[i]).join(' ');
    if (random() < 0.35) {
      const cut = text.split(' ');
      return `${cut.slice(0, Math.max(8, Math.floor(cut.length * 0.8))).join(' ')}`;
    }
    return text;
  }
  if (tier === 2) {
    // Luhn-style word frequency with a position bonus.
    const tf = termFrequencies(tokens);
    const scores = tokens.map(
      (ws, i) => (ws.reduce((s, w) => s + (tf.get(w) ?? 0), 0) / Math.max(4, ws.length)) * (1 + 0.6 / (1 + i)) * (1 + noise()),
    );
    picked = scores
      .map((s, i) => [s, i] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, target)
      .map(([, i]) => i)
      .sort((a, b) => a - b);
    return picked.map((i) => sentences[i]).join(' ');
  }
  // Tiers 3–4: TF-IDF relevance to the whole document + MMR.
  const vectors = tfidfVectors(tokens);
  const centroid = new Map<string, number>();
  for (const v of vectors) for (const [k, x] of v) centroid.set(k, (centroid.get(k) ?? 0) + x);
  const relevance = vectors.map((v, i) => cosine(v, centroid) * (1 + 0.15 / (1 + i)) * (1 + noise()));
  const lambda = tier >= 4 ? 0.6 : 0.7;
  picked = [];
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
  const ordered = picked.sort((a, b) => a - b);
  return ordered.map((i) => (tier >= 4 ? compress(sentences[i]) : sentences[i])).join(' ');
}
