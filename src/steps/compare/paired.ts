/**
 * Paired comparisons of each candidate with the source, on the items both answered, and an
 * honest multiplicity correction across the candidates.
 *
 * Every model answers the same documents, so the fair and more powerful comparison is item
 * by item: per item, `candidate − source`. A document that is hard for both models stays
 * hard for both, and its difficulty cancels out.
 *
 * - **Primary quality metric, non-inferiority** ("not worse than the source by more than
 *   the margin Δ"), one-sided, H₀: mean difference ≤ −Δ:
 *   - scores (judge overall, 0–1): Wilcoxon signed-rank test of the differences shifted by
 *     the margin (dᵢ + Δ > 0), https://en.wikipedia.org/wiki/Wilcoxon_signed-rank_test;
 *   - right/wrong items (classification): the score test of Nam (1997) and Tango (1998)
 *     (`pairedProportionNonInferiority`: variance under H₀, valid with empty discordant
 *     cells); beside it McNemar's exact test of "any difference at all".
 *   The interval is the paired percentile-bootstrap 95% interval of the mean difference.
 * - **Latency**: the Wilcoxon signed-rank test (two-sided) of per-item latency differences,
 *   with the paired bootstrap 95% interval of their median.
 * - **Holm–Bonferroni** across the candidates before any verdict: with k candidates, k tests
 *   are run, and "the best of k" would otherwise pass by chance more often than 5%.
 *   Non-inferior = Holm-adjusted one-sided p < 0.025 (the one-sided level that matches a
 *   two-sided 95% interval); faster/slower = Holm-adjusted two-sided p < 0.05 in that direction.
 * - What this n can show: the minimum detectable difference (`minimumDetectableDifference`,
 *   80% power, one-sided 2.5%) from the observed spread of the differences.
 */
import {
  holmBonferroni,
  mcnemarCounts,
  minimumDetectableDifference,
  pairedBootstrapCI,
  pairedProportionNonInferiority,
  summarize,
  wilcoxonSignedRank,
} from '../../core/stats';

export const NON_INFERIORITY_ALPHA = 0.025;
export const LATENCY_ALPHA = 0.05;

export interface PairedQuality {
  metric: string;
  kind: 'scores' | 'right/wrong';
  /** Items both models have a value for. */
  n: number;
  source: number | null;
  candidate: number | null;
  /** Mean of candidate − source over the paired items (positive = candidate better). */
  diff: number | null;
  lower: number | null;
  upper: number | null;
  test: string;
  /** One-sided p-value of non-inferiority (H₀: difference ≤ −margin), before and after Holm. */
  pValue: number | null;
  pHolm: number | null;
  nonInferior: boolean | null;
  /** Classification: McNemar's exact two-sided p-value of any difference. */
  mcnemarP: number | null;
  /** Standard deviation of the per-item differences, and the smallest shift this n resolves. */
  sdDiff: number | null;
  minDetectable: number | null;
}

export interface PairedLatency {
  n: number;
  /** Median of per-item differences, ms (negative = candidate faster), with its paired bootstrap interval. */
  diffMedian: number | null;
  lower: number | null;
  upper: number | null;
  pValue: number | null;
  pHolm: number | null;
  verdict: 'faster' | 'slower' | 'no clear difference' | 'not enough data';
}

/** The values of the items both models have, in the same order. */
export function pairItems(
  source: ReadonlyMap<string, number>,
  candidate: ReadonlyMap<string, number>,
): { keys: string[]; s: number[]; c: number[] } {
  const keys = [...source.keys()].filter((k) => candidate.has(k)).sort();
  return { keys, s: keys.map((k) => source.get(k)!), c: keys.map((k) => candidate.get(k)!) };
}

/** Sample standard deviation (null below 2 values) and mean (null when empty), from `summarize`. */
const sd = (xs: number[]) => summarize(xs).stdDev;
const mean = (xs: number[]) => summarize(xs).mean;

/** Paired non-inferiority of the candidate on the primary metric (Holm applied later by `applyHolm`). */
export function comparePrimaryPaired(
  metric: string,
  kind: PairedQuality['kind'],
  source: ReadonlyMap<string, number>,
  candidate: ReadonlyMap<string, number>,
  margin: number,
  seed = 42,
): PairedQuality {
  const { s, c } = pairItems(source, candidate);
  const n = s.length;
  const diffs = c.map((x, i) => x - s[i]);
  const ci = pairedBootstrapCI(s, c, 'mean', { seed });
  const spread = sd(diffs);
  const base = {
    metric,
    kind,
    n,
    source: mean(s),
    candidate: mean(c),
    diff: mean(diffs),
    lower: ci.lower,
    upper: ci.upper,
    pHolm: null,
    nonInferior: null,
    sdDiff: spread,
  };
  const minDetectable =
    spread && spread > 0 && n >= 2 ? minimumDetectableDifference({ n, sdDiff: spread, alpha: NON_INFERIORITY_ALPHA, power: 0.8 }) : null;
  if (n < 2) return { ...base, test: 'not enough paired items', pValue: null, mcnemarP: null, minDetectable };
  if (kind === 'right/wrong') {
    const b = s.filter((x, i) => x === 1 && c[i] === 0).length;
    const cc = s.filter((x, i) => x === 0 && c[i] === 1).length;
    const { pValue } = pairedProportionNonInferiority(b, cc, n, margin);
    return {
      ...base,
      test: 'paired-proportion score test of non-inferiority (Nam 1997, Tango 1998); McNemar exact for any difference',
      pValue,
      mcnemarP: mcnemarCounts(b, cc, { method: 'exact' }).pValue,
      minDetectable,
    };
  }
  const w = wilcoxonSignedRank(
    s,
    c.map((x) => x + margin),
    { alternative: 'greater' },
  );
  return {
    ...base,
    test: 'Wilcoxon signed-rank, one-sided, differences shifted by the margin',
    pValue: w.pValue,
    mcnemarP: null,
    minDetectable,
  };
}

/** Paired latency comparison on the items both models answered (Holm applied later). */
export function compareLatencyPaired(
  source: ReadonlyMap<string, number>,
  candidate: ReadonlyMap<string, number>,
  seed = 42,
): PairedLatency {
  const { s, c } = pairItems(source, candidate);
  if (s.length < 2)
    return { n: s.length, diffMedian: null, lower: null, upper: null, pValue: null, pHolm: null, verdict: 'not enough data' };
  const ci = pairedBootstrapCI(s, c, 'median', { seed });
  const w = wilcoxonSignedRank(s, c);
  return {
    n: s.length,
    diffMedian: ci.estimate,
    lower: ci.lower,
    upper: ci.upper,
    pValue: w.pValue,
    pHolm: null,
    verdict: 'no clear difference',
  };
}

/** Holm–Bonferroni across the candidates, then the verdicts. Mutates and returns the comparisons. */
export function applyHolm(quality: (PairedQuality | null)[], latency: (PairedLatency | null)[]): void {
  const q = holmBonferroni(quality.map((x) => x?.pValue ?? null));
  quality.forEach((x, i) => {
    if (!x) return;
    x.pHolm = q[i];
    x.nonInferior = x.pHolm === null ? null : x.pHolm < NON_INFERIORITY_ALPHA;
  });
  const l = holmBonferroni(latency.map((x) => x?.pValue ?? null));
  latency.forEach((x, i) => {
    if (!x || x.pValue === null) return;
    x.pHolm = l[i];
    const clear = x.pHolm !== null && x.pHolm < LATENCY_ALPHA;
    x.verdict = !clear ? 'no clear difference' : (x.diffMedian ?? 0) < 0 ? 'faster' : 'slower';
  });
}
