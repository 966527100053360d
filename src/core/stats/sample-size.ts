/**
 * How many items do we need? Sample size for a PAIRED non-inferiority comparison, and the
 * smallest difference a given number of items can resolve.
 *
 * Setting: both models answer the same n items; d = candidate score − source score per item,
 * with standard deviation σ_d. We want to show the candidate is not worse than the source by
 * more than a margin Δ (H₀: mean d ≤ −Δ, one-sided test at level α), and to succeed with
 * probability `power` = 1 − β when the true mean difference is ε (0 = equally good; −0.01 =
 * the candidate is expected to be 0.01 worse). With the normal approximation:
 *
 *   n = ((z₁₋α + z₁₋β) · σ_d / (Δ + ε))²,  rounded up
 *
 * (written (Δ − δ) with δ = −ε, the expected shortfall, in some texts). Turned around, n items
 * resolve a distance between margin and true difference of
 *
 *   Δ + ε = (z₁₋α + z₁₋β) · σ_d / √n   — the minimum detectable difference.
 *
 * It is also the minimum detectable effect of a one-sided paired superiority test (Δ = 0).
 * The normal approximation ignores that σ_d is estimated: for n below ~30, add a few items.
 * Source: Chow, S.-C., Shao, J. & Wang, H. (2008), Sample Size Calculations in Clinical
 * Research, 2nd ed., §3.1 (one-sample mean: test for non-inferiority/superiority), p. 52 —
 * a paired design is a one-sample test on the differences. Calculator and R code:
 * https://powerandsamplesize.com/Calculators/Test-1-Mean/1-Sample-Non-Inferiority-or-Superiority
 *
 * @example
 * // σ_d = 0.15 on a 0–1 score, margin 0.05, models expected equal, α = 0.05, power 0.8:
 * pairedNonInferioritySampleSize({ sdDiff: 0.15, margin: 0.05 })
 * // → { n: 56, exact: 55.64…, zAlpha: 1.6449, zBeta: 0.8416 }
 * minimumDetectableDifference({ n: 56, sdDiff: 0.15 })  // → 0.0498
 */
import { WorkshopError } from '../errors';
import { m } from '../i18n/messages';
import { normalQuantile } from './distributions';

export interface PowerSettings {
  /** One-sided significance level (default 0.05). */
  alpha?: number;
  /** Probability of showing non-inferiority when it holds (default 0.8). */
  power?: number;
}

export interface SampleSizePlan {
  /** Items needed (rounded up). */
  n: number;
  /** The formula's value before rounding. */
  exact: number;
  zAlpha: number;
  zBeta: number;
}

function levels(alpha: number, power: number): { zAlpha: number; zBeta: number } {
  if (!(alpha > 0 && alpha < 0.5))
    throw new WorkshopError(m().errors.stats.alpha({ got: alpha }), {
      fix: m().errors.stats.alphaFix,
    });
  if (!(power > 0.5 && power < 1)) throw new WorkshopError(m().errors.stats.power({ got: power }), { fix: m().errors.stats.powerFix });
  return { zAlpha: normalQuantile(1 - alpha), zBeta: normalQuantile(power) };
}

function checkSd(sdDiff: number): void {
  if (!(sdDiff > 0 && Number.isFinite(sdDiff)))
    throw new WorkshopError(m().errors.stats.sdDiff({ got: sdDiff }), {
      fix: m().errors.stats.sdDiffFix,
    });
}

/** Items needed to show non-inferiority within `margin` (Δ > 0) when the true mean difference is `expectedDiff` (ε, candidate − source, default 0). */
export function pairedNonInferioritySampleSize({
  sdDiff,
  margin,
  expectedDiff = 0,
  alpha = 0.05,
  power = 0.8,
}: { sdDiff: number; margin: number; expectedDiff?: number } & PowerSettings): SampleSizePlan {
  checkSd(sdDiff);
  if (!(margin > 0 && Number.isFinite(margin)))
    throw new WorkshopError(m().errors.stats.margin({ got: margin }), {
      fix: m().errors.stats.marginFix,
    });
  if (!Number.isFinite(expectedDiff))
    throw new WorkshopError(m().errors.stats.expectedDiff({ got: expectedDiff }), {
      fix: m().errors.stats.expectedDiffFix,
    });
  if (!(margin + expectedDiff > 0)) {
    throw new WorkshopError(m().errors.stats.hopeless({ expected: expectedDiff, margin }), { fix: m().errors.stats.hopelessFix });
  }
  const { zAlpha, zBeta } = levels(alpha, power);
  const exact = (((zAlpha + zBeta) * sdDiff) / (margin + expectedDiff)) ** 2;
  return { n: Math.ceil(exact - 1e-9), exact, zAlpha, zBeta };
}

/** The smallest distance between margin and true difference (Δ + ε) that n paired items resolve with the given α and power. */
export function minimumDetectableDifference({
  n,
  sdDiff,
  alpha = 0.05,
  power = 0.8,
}: { n: number; sdDiff: number } & PowerSettings): number {
  if (!(Number.isInteger(n) && n >= 2))
    throw new WorkshopError(m().errors.stats.items({ got: n }), {
      fix: m().errors.stats.itemsFix,
    });
  checkSd(sdDiff);
  const { zAlpha, zBeta } = levels(alpha, power);
  return ((zAlpha + zBeta) * sdDiff) / Math.sqrt(n);
}
