/**
 * Cohen's kappa: do two raters (two judges, or a judge and a human) agree beyond what chance
 * would give?
 *
 *   κ = 1 − Σ wᵢⱼ oᵢⱼ / Σ wᵢⱼ eᵢⱼ
 *
 * with oᵢⱼ the share of items rated i by the first rater and j by the second, eᵢⱼ the share
 * expected by chance (product of the two raters' own shares) and wᵢⱼ the weight of that
 * disagreement. Unweighted kappa counts every disagreement the same (w = 1 off the
 * diagonal), which is right for labels. For an ORDINAL scale such as 1–5 judge scores, a 4
 * against a 5 is a smaller disagreement than a 1 against a 5: weighted kappa (Cohen, 1968)
 * gives partial credit —
 *
 * - linear weights wᵢⱼ = |i − j| / (k − 1) (Cicchetti–Allison; SAS's default weighted kappa);
 * - quadratic weights wᵢⱼ = (i − j)² / (k − 1)² (Fleiss–Cohen; close to an intraclass correlation).
 *
 * i and j are POSITIONS in the list of categories, so the list matters: by default it is the
 * values seen, sorted — a 1–5 scale on which nobody gave a 2 becomes 1, 3, 4, 5 with 1 and 3
 * adjacent (this is what R's irr::kappa2 does). Pass `categories: [1, 2, 3, 4, 5]` to keep the
 * whole scale. A value outside the given categories is refused.
 *
 * 1 = perfect agreement, 0 = chance level, below 0 = systematic disagreement; null when
 * there are no items or chance alone would already give perfect agreement.
 * Definitions: Cohen, J. (1960), Educational and Psychological Measurement 20(1); Cohen, J.
 * (1968), "Weighted kappa", Psychological Bulletin 70(4); https://en.wikipedia.org/wiki/Cohen%27s_kappa#Weighted_kappa
 *
 * @example
 * // Wikipedia's example: 50 proposals, yes/no by two readers (20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no).
 * cohensKappa(r1, r2)                                   // → 0.4
 * // R irr::kappa2(anxiety[, 2:3]) on scores 1–6: unweighted −0.00629, "equal" 0.1459, "squared" 0.2520
 * cohensKappa(rater2, rater3, { weights: 'quadratic' }) // → 0.2520325
 */
import { WorkshopError } from '../errors';
import { m } from '../i18n/messages';

export type KappaWeights = 'none' | 'linear' | 'quadratic';

export interface KappaOptions {
  weights?: KappaWeights;
  /** The scale, in order (e.g. [1, 2, 3, 4, 5]); default: the values seen, sorted. */
  categories?: readonly (string | number)[];
}

const byValue = (x: string | number, y: string | number) =>
  typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));

export function cohensKappa(
  a: readonly (string | number)[],
  b: readonly (string | number)[],
  { weights = 'none', categories }: KappaOptions = {},
): number | null {
  if (a.length !== b.length)
    throw new WorkshopError(m().errors.stats.kappaLengths({ a: a.length, b: b.length }), {
      fix: m().errors.stats.kappaLengthsFix,
    });
  if (!['none', 'linear', 'quadratic'].includes(weights))
    throw new WorkshopError(m().errors.stats.kappaWeights({ weights: String(weights) }), {
      fix: m().errors.stats.kappaWeightsFix,
    });
  if (a.length === 0) return null;
  const cats = categories ? [...categories] : [...new Set([...a, ...b])].sort(byValue);
  if (new Set(cats).size !== cats.length)
    throw new WorkshopError(m().errors.stats.kappaCategoryTwice({ categories: JSON.stringify(cats) }), {
      fix: m().errors.stats.kappaCategoryTwiceFix,
    });
  const k = cats.length;
  const idx = new Map(cats.map((c, i) => [c, i]));
  const position = (v: string | number, rater: string, item: number) => {
    const i = idx.get(v);
    if (i === undefined)
      throw new WorkshopError(
        m().errors.stats.kappaUnknownCategory({ rater, item: item + 1, value: JSON.stringify(v), categories: JSON.stringify(cats) }),
        { fix: m().errors.stats.kappaUnknownCategoryFix },
      );
    return i;
  };
  const w = (i: number, j: number) =>
    weights === 'none' ? (i === j ? 0 : 1) : k < 2 ? 0 : weights === 'linear' ? Math.abs(i - j) / (k - 1) : ((i - j) / (k - 1)) ** 2;
  const n = a.length;
  const rowM = new Array<number>(k).fill(0);
  const colM = new Array<number>(k).fill(0);
  let observed = 0;
  for (let t = 0; t < n; t++) {
    const i = position(a[t], 'the first rater', t);
    const j = position(b[t], 'the second rater', t);
    rowM[i]++;
    colM[j]++;
    observed += w(i, j);
  }
  let expected = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) expected += w(i, j) * (rowM[i] / n) * (colM[j] / n);
  observed /= n;
  return expected === 0 ? null : 1 - observed / expected;
}
