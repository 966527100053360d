/**
 * Welch's t-test: do two samples have different means, without assuming equal variances?
 *
 *   t = (mean(a) − mean(b)) / √(s²a/na + s²b/nb)
 *   ν = (s²a/na + s²b/nb)² / ((s²a/na)²/(na − 1) + (s²b/nb)²/(nb − 1))   (Welch–Satterthwaite)
 *
 * and the p-value from Student's t with ν degrees of freedom. It compares MEANS, so it is
 * sensitive to a few very slow calls; report it beside the Mann–Whitney test.
 * https://en.wikipedia.org/wiki/Welch%27s_t-test
 * Each sample needs at least two values: otherwise every field but the means is null. Two
 * samples without any spread (every value equal within each) have no t; the p-value is then
 * 0 for a difference in the direction tested and 1 otherwise.
 *
 * @example
 * welchTTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])
 * // → { t: −1.897, df: 5.882, pValue: 0.1075, meanDiff: −3 }
 * welchTTest([1, 1, 1], [2, 2, 2], { alternative: 'greater' }).pValue // → 1 (a is not larger)
 */
import { mean, sampleVariance } from 'simple-statistics';
import { studentTCdf } from './distributions';
import type { Alternative } from './mann-whitney';
import { finite } from './summary';

export interface WelchResult {
  t: number | null;
  df: number | null;
  pValue: number | null;
  meanDiff: number | null;
}

export function welchTTest(
  a: readonly (number | null | undefined)[],
  b: readonly (number | null | undefined)[],
  { alternative = 'two-sided' }: { alternative?: Alternative } = {},
): WelchResult {
  const xa = finite(a);
  const xb = finite(b);
  const meanDiff = xa.length && xb.length ? mean(xa) - mean(xb) : null;
  if (xa.length < 2 || xb.length < 2) return { t: null, df: null, pValue: null, meanDiff };
  const va = sampleVariance(xa) / xa.length;
  const vb = sampleVariance(xb) / xb.length;
  if (va + vb === 0) {
    // No spread at all: the means are known exactly. A difference in the direction tested is
    // certain (p 0); no difference, or one in the other direction, gives no evidence (p 1).
    const d = meanDiff as number;
    const pValue = d === 0 ? 1 : alternative === 'two-sided' ? 0 : alternative === 'greater' ? (d > 0 ? 0 : 1) : d < 0 ? 0 : 1;
    return { t: null, df: null, pValue, meanDiff };
  }
  const t = (meanDiff as number) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (xa.length - 1) + vb ** 2 / (xb.length - 1));
  const cdf = studentTCdf(t, df);
  const pValue = alternative === 'two-sided' ? Math.min(1, 2 * Math.min(cdf, 1 - cdf)) : alternative === 'greater' ? 1 - cdf : cdf;
  return { t, df, pValue, meanDiff };
}
