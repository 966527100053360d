/**
 * Wilcoxon signed-rank test: on the SAME items, does one model score higher than the other?
 *
 * Take each item's difference d = candidate − source. Items with d = 0 say nothing about
 * which model is better and are dropped (Wilcoxon's own rule, SciPy's default
 * `zero_method="wilcox"`). Rank the remaining |d| from 1 (smallest) to n, ties sharing their
 * average rank; W⁺ is the sum of the ranks of the positive differences, W⁻ that of the
 * negative ones (W⁺ + W⁻ = n(n + 1)/2). If neither model is better, every difference is as
 * likely positive as negative, so W⁺ sits near n(n + 1)/4; the p-value says how surprising
 * the observed W⁺ is.
 *
 * Pairing matters: it compares each item with itself, so items that are hard for both
 * models do not blur the comparison the way they do for the Mann–Whitney test.
 *
 * - Exact p-value — the null distribution of W⁺ by counting all 2ⁿ sign patterns — when
 *   n ≤ 50, no difference was zero and no |d| are tied (SciPy's `method="auto"` rule).
 * - Otherwise the normal approximation: mean n(n + 1)/4, variance
 *   [n(n + 1)(2n + 1) − ½ Σ t(t² − 1)] / 24 (t = size of each group of tied |d|), and a
 *   continuity correction of ½ towards the mean (SciPy's `correction=True`; pass
 *   `correction: false` for SciPy's default).
 *
 * Differences are rounded to 12 significant digits first, so that differences equal on paper
 * are tied in the ranking too (SciPy's documentation warns about this very trap).
 *
 * Statistic, as SciPy reports it: min(W⁺, W⁻) for `two-sided`, W⁺ for `greater`/`less`.
 * `greater` tests "candidate tends to be higher than source".
 * Definition: Wilcoxon, F. (1945), "Individual comparisons by ranking methods", Biometrics
 * Bulletin 1(6); https://en.wikipedia.org/wiki/Wilcoxon_signed-rank_test ;
 * https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.wilcoxon.html
 *
 * @example
 * // Darwin's maize data (SciPy's example): differences in height between paired plants.
 * const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
 * wilcoxonSignedRank(d.map(() => 0), d)
 * // → { statistic: 24, pValue: 0.041259765625, n: 15, zeros: 0, method: 'exact', wPlus: 96, wMinus: 24, ... }
 */
import { WorkshopError } from '../errors';
import { m } from '../i18n/messages';
import { normalCdf } from './distributions';
import { type Alternative, rankWithTies } from './mann-whitney';

export interface WilcoxonOptions {
  alternative?: Alternative;
  /** Continuity correction in the normal approximation (default true). */
  correction?: boolean;
  /** `auto` (default): exact when allowed (n ≤ 50, no zero, no tie), otherwise normal. */
  method?: 'auto' | 'exact' | 'normal';
}

export interface WilcoxonResult {
  /** min(W⁺, W⁻) for a two-sided test, W⁺ for a one-sided one (SciPy's convention). */
  statistic: number | null;
  pValue: number | null;
  /** Pairs used: non-zero differences. */
  n: number;
  /** Pairs dropped because the difference was 0. */
  zeros: number;
  /** Pairs dropped because a value was missing (null, NaN, ±Infinity). */
  dropped: number;
  method: 'exact' | 'normal' | null;
  wPlus: number;
  wMinus: number;
  /** z of the normal approximation (null for the exact method). */
  z: number | null;
}

/** Number of subsets of {1, …, n} with each sum s = 0 … n(n + 1)/2: the null distribution of W⁺ × 2ⁿ (exact below 2⁵³ for n ≤ 50). */
function signedRankCounts(n: number): number[] {
  const max = (n * (n + 1)) / 2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) for (let s = (k * (k + 1)) / 2; s >= k; s--) counts[s] += counts[s - k];
  return counts;
}

/**
 * c − s rounded to 12 significant digits, and 0 when it is below 1e-12 of the values: judge
 * scores such as 0.8 − 0.6 and 0.6 − 0.4 then tie as they should (in floating point they
 * differ in the 17th digit), and 0.3 − (0.1 + 0.2) is a zero difference.
 */
function difference(s: number, c: number): number {
  const d = c - s;
  if (Math.abs(d) <= 1e-12 * Math.max(Math.abs(s), Math.abs(c))) return 0;
  return Number(d.toPrecision(12));
}

/**
 * Wilcoxon signed-rank test on paired values `source[i]`, `candidate[i]` (same item i).
 * Pairs with a missing value are dropped and counted in `dropped`.
 */
export function wilcoxonSignedRank(
  source: readonly (number | null | undefined)[],
  candidate: readonly (number | null | undefined)[],
  { alternative = 'two-sided', correction = true, method = 'auto' }: WilcoxonOptions = {},
): WilcoxonResult {
  if (source.length !== candidate.length) {
    throw new WorkshopError(
      m().errors.stats.pairedValues({ fn: 'wilcoxonSignedRank', source: source.length, candidate: candidate.length }),
      { fix: m().errors.stats.pairedValuesFix },
    );
  }
  if (!['two-sided', 'less', 'greater'].includes(alternative))
    throw new WorkshopError(m().errors.stats.unknownAlternative({ alternative }), { fix: m().errors.stats.unknownAlternativeFix });
  const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const diffs: number[] = [];
  let dropped = 0;
  for (let i = 0; i < source.length; i++) {
    const s = source[i];
    const c = candidate[i];
    if (isNum(s) && isNum(c)) diffs.push(difference(s, c));
    else dropped++;
  }
  const nonZero = diffs.filter((d) => d !== 0);
  const zeros = diffs.length - nonZero.length;
  const n = nonZero.length;
  if (n === 0) return { statistic: null, pValue: null, n, zeros, dropped, method: null, wPlus: 0, wMinus: 0, z: null };
  const { ranks, tieTerm } = rankWithTies(nonZero.map(Math.abs));
  let wPlus = 0;
  let wMinus = 0;
  nonZero.forEach((d, i) => {
    if (d > 0) wPlus += ranks[i];
    else wMinus += ranks[i];
  });
  const statistic = alternative === 'two-sided' ? Math.min(wPlus, wMinus) : wPlus;
  const exactAllowed = n <= 50 && zeros === 0 && tieTerm === 0;
  if (method === 'exact' && !exactAllowed) {
    throw new WorkshopError(m().errors.stats.wilcoxonExact({ n, zeros, ties: tieTerm !== 0 }), { fix: m().errors.stats.wilcoxonExactFix });
  }
  if (method !== 'normal' && exactAllowed) {
    const counts = signedRankCounts(n);
    const total = 2 ** n;
    const w = Math.round(wPlus);
    const below = counts.slice(0, w + 1).reduce((a, b) => a + b, 0) / total; // P(W⁺ ≤ w)
    const above = counts.slice(w).reduce((a, b) => a + b, 0) / total; // P(W⁺ ≥ w)
    const pValue = alternative === 'greater' ? above : alternative === 'less' ? below : Math.min(1, 2 * Math.min(below, above));
    return { statistic, pValue, n, zeros, dropped, method: 'exact', wPlus, wMinus, z: null };
  }
  const mean = (n * (n + 1)) / 4;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1) - tieTerm / 2) / 24);
  const cc = !correction ? 0 : alternative === 'two-sided' ? 0.5 * Math.sign(statistic - mean) : alternative === 'less' ? -0.5 : 0.5;
  const z = (statistic - mean - cc) / sd;
  const pValue =
    alternative === 'two-sided' ? Math.min(1, 2 * normalCdf(-Math.abs(z))) : alternative === 'greater' ? normalCdf(-z) : normalCdf(z);
  return { statistic, pValue, n, zeros, dropped, method: 'normal', wPlus, wMinus, z };
}
