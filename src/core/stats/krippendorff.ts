/**
 * Krippendorff's alpha: do several raters (e.g. a jury of LLM judges) agree beyond chance?
 * Any number of raters, and missing ratings are allowed.
 *
 *   α = 1 − Dₒ / Dₑ
 *
 * Dₒ is the observed disagreement between ratings of the SAME unit, Dₑ the disagreement
 * expected between any two ratings taken at random from all units. Only "pairable" values
 * count: a unit needs at least two ratings. How far apart two values are depends on the
 * level of measurement (the metric δ²):
 *
 * - nominal — labels: same or different (δ² = 0 or 1);
 * - ordinal — ordered categories such as 1–5 scores, where only the ORDER is trusted: the
 *   distance between c and k grows with how many pairable values lie between them,
 *   δ²ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², n_g the number of pairable values g;
 * - interval — numbers whose differences mean something: δ² = (c − k)².
 *
 * Computed through the coincidence matrix ock = Σ_u (number of c–k pairs in u) / (m_u − 1):
 * α = 1 − (n − 1) Σ ock δ²ck / Σ n_c n_k δ²ck (sums over all c, k). 1 = perfect agreement,
 * 0 = chance level, below 0 = systematic disagreement. Too little data (fewer than two
 * pairable values, or no variation at all) gives null.
 * Definition: Krippendorff, K. (2011), "Computing Krippendorff's Alpha-Reliability",
 * https://repository.upenn.edu/asc_papers/43/ ; https://en.wikipedia.org/wiki/Krippendorff%27s_alpha
 *
 * @example
 * // Krippendorff's (2011) reliability data: 4 observers, 12 units, missing values as null.
 * krippendorffAlpha(units, 'nominal')  // → 0.743
 * krippendorffAlpha(units, 'ordinal')  // → 0.815
 * krippendorffAlpha(units, 'interval') // → 0.849
 */
import { WorkshopError } from '../errors';
import { m } from '../i18n/messages';

export type KrippendorffMetric = 'nominal' | 'ordinal' | 'interval';

export interface KrippendorffOptions {
  /** For the ordinal metric with text values: the categories from lowest to highest. Numbers are ordered by value. */
  levels?: readonly (string | number)[];
}

/** `ratings[unit][rater]`; null, undefined or a non-finite number (NaN) is a missing rating. */
export function krippendorffAlpha(
  ratings: readonly (readonly (number | string | null | undefined)[])[],
  metric: KrippendorffMetric = 'interval',
  { levels }: KrippendorffOptions = {},
): number | null {
  if (!['nominal', 'ordinal', 'interval'].includes(metric))
    throw new WorkshopError(m().errors.stats.alphaMetric({ metric: String(metric) }), {
      fix: m().errors.stats.alphaMetricFix,
    });
  const present = (v: number | string | null | undefined): v is number | string =>
    v !== null && v !== undefined && !(typeof v === 'number' && !Number.isFinite(v));
  const units = ratings.map((u) => u.filter(present)).filter((u) => u.length >= 2);
  const pooled = units.flat();
  const n = pooled.length;
  if (n < 2) return null;

  // The values, in order (for ordinal and interval), and their pairable frequencies n_c.
  let values: (number | string)[];
  if (metric === 'nominal') values = [...new Set(pooled)];
  else if (levels) {
    values = [...levels];
    const known = new Set(values);
    const stray = pooled.find((v) => !known.has(v));
    if (stray !== undefined)
      throw new WorkshopError(m().errors.stats.alphaLevel({ value: JSON.stringify(stray), levels: JSON.stringify(values) }), {
        fix: m().errors.stats.alphaLevelFix,
      });
  } else {
    const text = pooled.find((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (text !== undefined) {
      throw new WorkshopError(m().errors.stats.alphaNumbers({ metric, value: JSON.stringify(text) }), {
        fix: metric === 'ordinal' ? m().errors.stats.alphaNumbersOrdinalFix : m().errors.stats.alphaNumbersFix,
      });
    }
    values = [...new Set(pooled)].sort((x, y) => (x as number) - (y as number));
  }
  if (metric === 'interval' && values.some((v) => typeof v !== 'number'))
    throw new WorkshopError(m().errors.stats.alphaIntervalLevels, {
      fix: m().errors.stats.alphaIntervalLevelsFix,
    });
  const index = new Map(values.map((v, i) => [v, i]));
  const k = values.length;

  // Coincidence matrix.
  const o = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const u of units) {
    const m = u.length;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) o[index.get(u[i])!][index.get(u[j])!] += 1 / (m - 1);
  }
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));

  const cumulative = [0];
  for (const f of nc) cumulative.push(cumulative[cumulative.length - 1] + f);
  const delta2 = (c: number, d: number): number => {
    if (c === d) return 0;
    if (metric === 'nominal') return 1;
    if (metric === 'interval') return ((values[c] as number) - (values[d] as number)) ** 2;
    const [lo, hi] = c < d ? [c, d] : [d, c];
    return (cumulative[hi + 1] - cumulative[lo] - (nc[lo] + nc[hi]) / 2) ** 2;
  };

  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      const w = delta2(c, d);
      observed += o[c][d] * w;
      expected += nc[c] * nc[d] * w;
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}
