/**
 * Effect sizes: HOW BIG is a difference, independently of how many samples we have
 * (a p-value only says whether it is likely to be real).
 *
 * - Cohen's d: difference of means in units of the pooled standard deviation.
 *   https://en.wikipedia.org/wiki/Effect_size#Cohen's_d
 * - Cliff's delta: P(a > b) − P(a < b) over all pairs, from −1 to +1; rank-based, so robust
 *   to skewed latencies. Labels after Romano et al. (2006): |δ| < 0.147 negligible,
 *   < 0.33 small, < 0.474 medium, otherwise large.
 *   https://en.wikipedia.org/wiki/Effect_size#Effect_size_for_ordinal_data
 */
import { mean, sampleVariance } from 'simple-statistics';
import { finite } from './summary';

/** Cohen's d = (mean(a) − mean(b)) / pooled SD; null with fewer than 2 values per sample or zero spread. */
export function cohensD(a: readonly (number | null | undefined)[], b: readonly (number | null | undefined)[]): number | null {
  const xa = finite(a);
  const xb = finite(b);
  if (xa.length < 2 || xb.length < 2) return null;
  const pooled = Math.sqrt(((xa.length - 1) * sampleVariance(xa) + (xb.length - 1) * sampleVariance(xb)) / (xa.length + xb.length - 2));
  return pooled === 0 ? null : (mean(xa) - mean(xb)) / pooled;
}

export type CliffLabel = 'negligible' | 'small' | 'medium' | 'large';

/** Cliff's delta and its verbal label; null for an empty sample. */
export function cliffsDelta(a: readonly (number | null | undefined)[], b: readonly (number | null | undefined)[]): { delta: number; label: CliffLabel } | null {
  const xa = finite(a);
  const xb = finite(b);
  if (xa.length === 0 || xb.length === 0) return null;
  let more = 0;
  let less = 0;
  for (const x of xa) for (const y of xb) {
    if (x > y) more++;
    else if (x < y) less++;
  }
  const delta = (more - less) / (xa.length * xb.length);
  const m = Math.abs(delta);
  const label: CliffLabel = m < 0.147 ? 'negligible' : m < 0.33 ? 'small' : m < 0.474 ? 'medium' : 'large';
  return { delta, label };
}
