/**
 * Non-inferiority of one paired proportion to another — e.g. the accuracy of a candidate
 * model against the source on the same items — by the score test of Nam (1997) and Tango
 * (1998).
 *
 * Each item is right or wrong for each model. Only the discordant items carry information:
 * b = source right, candidate wrong; c = source wrong, candidate right. The difference of
 * accuracies is d̂ = (c − b)/n. Non-inferiority with margin Δ tests H₀: d ≤ −Δ against
 * H₁: d > −Δ with
 *
 *   Z = (d̂ + Δ) / √( (2t̃ − Δ − Δ²) / n ),
 *
 * where t̃ is the restricted maximum-likelihood estimate of P(source right, candidate wrong)
 * under H₀ (the cell probabilities being t̃, t̃ − Δ and 1 − 2t̃ + Δ). The variance is taken
 * under H₀, which keeps the test valid when a discordant cell is empty — where the Wald test
 * (variance from the observed b and c) degenerates to "certain" with zero variance. With
 * Δ = 0 it is McNemar's test without continuity correction: Z = (c − b)/√(b + c).
 * The one-sided p-value is 1 − Φ(Z).
 *
 * Nam, J. (1997). Establishing equivalence of two treatments and sample size requirements in
 * matched-pairs design. Biometrics 53:1422–1430. Tango, T. (1998). Equivalence test and
 * confidence interval for the difference in proportions for the paired-sample design.
 * Statistics in Medicine 17:891–908.
 *
 * @example
 * pairedProportionNonInferiority(0, 0, 20, 0.05) // 20 items, all concordant
 * // → { diff: 0, z: 1.026…, pValue: 0.152…, restrictedB: 0.05 } — twenty agreeing items do not yet show non-inferiority within 0.05
 */
import { WorkshopError } from '../errors';
import { m } from '../i18n/messages';
import { normalCdf } from './distributions';

export interface PairedProportionTest {
  /** Difference of proportions, candidate − source: (c − b)/n. */
  diff: number;
  z: number;
  /** One-sided p-value of H₀: difference ≤ −margin. */
  pValue: number;
  /** Restricted ML estimate of P(source right, candidate wrong) under H₀. */
  restrictedB: number;
}

export function pairedProportionNonInferiority(b: number, c: number, n: number, margin: number): PairedProportionTest {
  for (const [name, x] of [
    ['b', b],
    ['c', c],
    ['n', n],
  ] as const) {
    if (!(Number.isInteger(x) && x >= 0))
      throw new WorkshopError(m().errors.stats.proportionCount({ name, got: x }), {
        fix: m().errors.stats.proportionCountFix,
      });
  }
  if (b + c > n || n === 0)
    throw new WorkshopError(m().errors.stats.proportionDiscordant({ b, c, n }), {
      fix: m().errors.stats.proportionDiscordantFix,
    });
  if (!(margin >= 0 && margin < 1))
    throw new WorkshopError(m().errors.stats.proportionMargin({ got: margin }), {
      fix: m().errors.stats.proportionMarginFix,
    });
  const delta = -margin;
  // Under H₀: P(c-cell) = t + delta ≥ 0, P(b-cell) = t ≥ 0, concordant 1 − 2t − delta ≥ 0.
  const lo = Math.max(0, -delta);
  const hi = (1 - delta) / 2;
  const slope = (t: number) =>
    (b > 0 ? b / t : 0) + (c > 0 ? c / (t + delta) : 0) - (n - b - c > 0 ? (2 * (n - b - c)) / (1 - 2 * t - delta) : 0);
  // The log-likelihood is concave in t: find where its slope crosses 0 by bisection.
  let left = lo + 1e-15;
  let right = hi - 1e-15;
  let t: number;
  if (slope(left) <= 0) t = lo;
  else if (slope(right) >= 0) t = hi;
  else {
    for (let i = 0; i < 200; i++) {
      const mid = (left + right) / 2;
      if (slope(mid) > 0) left = mid;
      else right = mid;
    }
    t = (left + right) / 2;
  }
  const diff = (c - b) / n;
  const variance = (2 * t + delta - delta * delta) / n;
  const z =
    variance > 0
      ? (diff - delta) / Math.sqrt(variance)
      : diff - delta > 0
        ? Number.POSITIVE_INFINITY
        : diff - delta < 0
          ? Number.NEGATIVE_INFINITY
          : 0;
  return { diff, z, pValue: 1 - normalCdf(z), restrictedB: t };
}
