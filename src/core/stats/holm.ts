/**
 * Holm–Bonferroni adjustment: several p-values at once without fooling ourselves.
 *
 * Test five quality metrics at 5 % each and, even if the candidate is exactly as good as the
 * source, the chance that at least one comes out "significant" is up to 23 %. Holm's
 * step-down method keeps that family-wise chance at α: sort the m p-values from smallest to
 * largest, p₍₁₎ ≤ … ≤ p₍ₘ₎, and multiply the i-th by (m − i + 1) — the smallest by m, the
 * next by m − 1, and so on — then carry the running maximum forward (an adjusted p-value is
 * never smaller than that of a more significant test) and cap at 1:
 *
 *   p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1) · p₍ⱼ₎)
 *
 * Reject the hypotheses whose adjusted p-value is ≤ α. It is uniformly more powerful than
 * plain Bonferroni (every p × m) and assumes nothing about how the tests depend on each
 * other. Same as R's `p.adjust(p, "holm")` and statsmodels' `multipletests(method="holm")`.
 * Definition: Holm, S. (1979), "A simple sequentially rejective multiple test procedure",
 * Scandinavian Journal of Statistics 6(2); https://en.wikipedia.org/wiki/Holm%E2%80%93Bonferroni_method
 *
 * `null` entries (a test that could not be run) are passed through as null and do not count
 * in m. Results come back in the order given.
 *
 * @example
 * // Wikipedia's example: four hypotheses at α = 0.05.
 * holmBonferroni([0.01, 0.04, 0.03, 0.005])
 * // → [0.03, 0.06, 0.06, 0.02]: H1 and H4 rejected (≤ 0.05), H2 and H3 not.
 */
import { WorkshopError } from '../errors';
import { m as messages } from '../i18n/messages';

export function holmBonferroni(pValues: readonly (number | null)[]): (number | null)[] {
  pValues.forEach((p, i) => {
    if (p !== null && !(typeof p === 'number' && p >= 0 && p <= 1)) {
      throw new WorkshopError(messages().errors.stats.holmP({ index: i + 1, got: String(p) }), {
        fix: messages().errors.stats.holmPFix,
      });
    }
  });
  const order = pValues
    .map((p, i) => [p, i] as const)
    .filter((x): x is readonly [number, number] => x[0] !== null)
    .sort((x, y) => x[0] - y[0]);
  const m = order.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
