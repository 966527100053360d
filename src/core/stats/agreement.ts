/**
 * Inter-rater agreement: do several judges agree beyond what chance would give?
 *
 * - Cohen's kappa (two raters): κ = (pₒ − pₑ) / (1 − pₑ), observed vs chance agreement;
 *   the quadratic-weighted variant counts near-misses on an ordinal scale (4 vs 5) as
 *   partial agreement. https://en.wikipedia.org/wiki/Cohen%27s_kappa
 * - Krippendorff's alpha (any number of raters, missing ratings allowed):
 *   α = 1 − Dₒ / Dₑ, observed vs expected disagreement over pairable values, with the
 *   nominal (different or not) or interval (squared difference) metric.
 *   Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
 *   https://repository.upenn.edu/asc_papers/43/
 * 1 = perfect agreement, 0 = chance level, below 0 = systematic disagreement. Too little
 * data (fewer than two pairable values, or no variation at all) gives null.
 */
export function cohensKappa(a: readonly (string | number)[], b: readonly (string | number)[], { weights = 'none' as 'none' | 'quadratic', categories }: { weights?: 'none' | 'quadratic'; categories?: (string | number)[] } = {}): number | null {
  if (a.length !== b.length) throw new Error(`cohensKappa: the raters rated ${a.length} and ${b.length} items.`);
  if (a.length === 0) return null;
  const cats = categories ?? [...new Set([...a, ...b])].sort((x, y) => (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))));
  const k = cats.length;
  const idx = new Map(cats.map((c, i) => [c, i]));
  const w = (i: number, j: number) => (weights === 'quadratic' ? (k > 1 ? ((i - j) / (k - 1)) ** 2 : 0) : i === j ? 0 : 1);
  const n = a.length;
  const rowM = new Array<number>(k).fill(0);
  const colM = new Array<number>(k).fill(0);
  let observed = 0;
  for (let t = 0; t < n; t++) {
    const i = idx.get(a[t])!;
    const j = idx.get(b[t])!;
    rowM[i]++;
    colM[j]++;
    observed += w(i, j);
  }
  let expected = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) expected += w(i, j) * (rowM[i] / n) * (colM[j] / n);
  observed /= n;
  return expected === 0 ? null : 1 - observed / expected;
}

/** `ratings[unit][rater]`, null for a missing rating. */
export function krippendorffAlpha(ratings: readonly (readonly (number | string | null)[])[], metric: 'nominal' | 'interval' = 'interval'): number | null {
  const delta = (x: number | string, y: number | string) => (metric === 'nominal' ? (x === y ? 0 : 1) : ((x as number) - (y as number)) ** 2);
  const units = ratings.map((u) => u.filter((v): v is number | string => v !== null && v !== undefined)).filter((u) => u.length >= 2);
  const pooled = units.flat();
  const n = pooled.length;
  if (n < 2) return null;
  let observed = 0;
  for (const u of units) {
    let sum = 0;
    for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) sum += delta(u[i], u[j]);
    observed += sum / (u.length - 1);
  }
  observed /= n;
  let expected = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) expected += delta(pooled[i], pooled[j]);
  expected /= n * (n - 1);
  return expected === 0 ? null : 1 - observed / expected;
}
