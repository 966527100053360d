/**
 * Mann–Whitney U test: is one sample typically larger than the other?
 *
 * It compares ranks, not values, so one very slow call cannot dominate it — well suited to
 * skewed latency data. U counts, over every pair (a, b), how often a > b (ties count ½).
 * Under "no difference", U is close to n₁n₂/2; the p-value says how surprising the
 * observed U is. We use the normal approximation with tie correction and continuity
 * correction — the same as SciPy's `mannwhitneyu(x, y, method="asymptotic")` — so with
 * very small samples (fewer than ~8 per group) read p-values as rough.
 * https://en.wikipedia.org/wiki/Mann%E2%80%93Whitney_U_test
 *
 * Rank-biserial correlation r = 2U/(n₁n₂) − 1 is the effect size: +1 when every a is larger
 * than every b, −1 when every a is smaller, 0 when neither tends to be larger.
 */
import { normalCdf } from './distributions';
import { finite } from './summary';

export type Alternative = 'two-sided' | 'less' | 'greater';

export interface MannWhitneyResult {
  /** U statistic of the first sample. */
  u: number;
  z: number | null;
  pValue: number | null;
  n1: number;
  n2: number;
  rankBiserial: number | null;
}

/** Average ranks (1-based) of values, ties sharing the mean of their positions; also Σ(t³ − t). */
export function rankWithTies(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const ranks = new Array<number>(values.length);
  let tieTerm = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = avg;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    i = j + 1;
  }
  return { ranks, tieTerm };
}

/**
 * `alternative`: `greater` tests "a tends to be larger than b" (e.g. a = candidate
 * latencies: "the candidate is slower"), `less` the opposite, `two-sided` either.
 */
export function mannWhitneyU(
  a: readonly (number | null | undefined)[],
  b: readonly (number | null | undefined)[],
  { alternative = 'two-sided' }: { alternative?: Alternative } = {},
): MannWhitneyResult {
  const xa = finite(a);
  const xb = finite(b);
  const n1 = xa.length;
  const n2 = xb.length;
  if (n1 === 0 || n2 === 0) return { u: 0, z: null, pValue: null, n1, n2, rankBiserial: null };
  const { ranks, tieTerm } = rankWithTies([...xa, ...xb]);
  const r1 = ranks.slice(0, n1).reduce((s, r) => s + r, 0);
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mu = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const rankBiserial = (2 * u) / (n1 * n2) - 1;
  if (variance <= 0) return { u, z: 0, pValue: 1, n1, n2, rankBiserial }; // every value tied
  const sigma = Math.sqrt(variance);
  let z: number;
  let p: number;
  if (alternative === 'two-sided') {
    z = Math.max(Math.abs(u - mu) - 0.5, 0) / sigma;
    p = Math.min(1, 2 * (1 - normalCdf(z)));
  } else if (alternative === 'greater') {
    z = (u - mu - 0.5) / sigma;
    p = 1 - normalCdf(z);
  } else {
    z = (u - mu + 0.5) / sigma;
    p = normalCdf(z);
  }
  return { u, z, pValue: p, n1, n2, rankBiserial };
}
