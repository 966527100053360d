/**
 * Reference metrics: how close an answer is to the reference answer, word for word —
 * cheap, deterministic and judge-free, computed beside the LLM judge.
 *
 * - ROUGE-N (Lin, 2004, https://aclanthology.org/W04-1013/): overlap of word n-grams;
 *   recall = shared n-grams ÷ reference n-grams, precision = shared ÷ candidate n-grams, F1
 *   their harmonic mean. ROUGE-1 uses single words, ROUGE-2 pairs.
 * - ROUGE-L: based on the longest common subsequence (LCS) of words, which rewards words in
 *   the same order without requiring them to be adjacent.
 * - Token F1 (as in SQuAD, https://arxiv.org/abs/1606.05250): bag-of-words overlap after
 *   removing punctuation and the articles a/an/the.
 *
 * Tokenisation: lower case, words are runs of letters and digits (Unicode aware); no
 * stemming — so figures differ slightly from Python's `rouge-score` with its Porter stemmer.
 * They measure wording, not meaning: a correct paraphrase scores low.
 */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

function prf(overlap: number, candidate: number, reference: number): PRF {
  const precision = candidate ? overlap / candidate : 0;
  const recall = reference ? overlap / reference : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join(' ');
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

export function rougeN(candidate: string, reference: string, n: number): PRF {
  const c = ngrams(rougeTokens(candidate), n);
  const r = ngrams(rougeTokens(reference), n);
  let overlap = 0;
  for (const [g, count] of c) overlap += Math.min(count, r.get(g) ?? 0);
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return prf(overlap, total(c), total(r));
}

/** Length of the longest common subsequence of two token lists (dynamic programming). */
export function lcsLength(a: string[], b: string[]): number {
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(prev[j], prev[j - 1]);
      diag = up;
    }
  }
  return prev[b.length];
}

export function rougeL(candidate: string, reference: string): PRF {
  const c = rougeTokens(candidate);
  const r = rougeTokens(reference);
  return prf(lcsLength(c, r), c.length, r.length);
}

const ARTICLES = new Set(['a', 'an', 'the']);

/** F1 of the overlap of two bags of tokens (each token counted at most as often as it occurs in both). */
export function bagF1(candidate: readonly string[], reference: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const w of reference) counts.set(w, (counts.get(w) ?? 0) + 1);
  let overlap = 0;
  for (const w of candidate) {
    const k = counts.get(w) ?? 0;
    if (k > 0) {
      overlap++;
      counts.set(w, k - 1);
    }
  }
  return prf(overlap, candidate.length, reference.length).f1;
}

/** SQuAD-style token F1. */
export function tokenF1(candidate: string, reference: string): number {
  const norm = (t: string) => rougeTokens(t).filter((w) => !ARTICLES.has(w));
  return bagF1(norm(candidate), norm(reference));
}

export interface ReferenceScores {
  rouge1_f1: number;
  rouge2_f1: number;
  rougeL_f1: number;
  token_f1: number;
}

/** All reference metrics of one answer (null when there is no reference). */
export function referenceScores(candidate: string, reference: string | null): ReferenceScores | null {
  if (!reference?.trim()) return null;
  return {
    rouge1_f1: rougeN(candidate, reference, 1).f1,
    rouge2_f1: rougeN(candidate, reference, 2).f1,
    rougeL_f1: rougeL(candidate, reference).f1,
    token_f1: tokenF1(candidate, reference),
  };
}
