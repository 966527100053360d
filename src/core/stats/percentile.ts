/**
 * Percentiles (quantiles): the value below which a given share of the observations fall.
 * P50 is the median; P90 is the latency 90% of calls beat.
 *
 * There are several conventions for values between two observations. We use linear
 * interpolation between closest ranks — Hyndman & Fan's type 7, the default of NumPy
 * (`np.percentile`), R (`quantile`) and Excel (`PERCENTILE.INC`):
 *
 *   h = (n − 1) × p,   Q(p) = x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋ + 1] − x[⌊h⌋])   (x sorted, 0-based)
 *
 * so for 1…10, P90 = 9.1 and P95 = 9.55. Definition: Hyndman, R. J. & Fan, Y. (1996),
 * "Sample quantiles in statistical packages", The American Statistician 50(4);
 * https://en.wikipedia.org/wiki/Percentile#The_linear_interpolation_between_closest_ranks_method
 */
import { WorkshopError } from '../errors';
import { m } from '../i18n/messages';

/** Type-7 percentile of an ascending-sorted sample; `p` in [0, 1]. Empty → null. */
export function percentileSorted(sorted: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new WorkshopError(m().errors.stats.percentileP({ got: p }), { fix: m().errors.stats.percentilePFix });
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Type-7 percentile of an unsorted sample; `p` in [0, 1]. Empty → null. */
export function percentile(values: readonly number[], p: number): number | null {
  return percentileSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}
