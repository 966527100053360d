import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bootstrapCI,
  bootstrapDiffCI,
  mannWhitneyU,
  normalCdf,
  normalDraw,
  percentile,
  rankWithTies,
  seededRandom,
  studentTCdf,
  summarize,
  welchTTest,
} from '../src/core/stats';

const close = (actual: number | null, expected: number, tol = 1e-6, what = '') =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= tol, `${what} expected ${expected}, got ${actual}`);

test('type-7 percentiles match NumPy', () => {
  const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  // np.percentile(range(1, 11), [50, 90, 95, 99]) → 5.5, 9.1, 9.55, 9.91
  close(percentile(xs, 0.5), 5.5, 1e-12);
  close(percentile(xs, 0.9), 9.1, 1e-12);
  close(percentile(xs, 0.95), 9.55, 1e-12);
  close(percentile(xs, 0.99), 9.91, 1e-12);
  close(percentile([15, 20, 35, 40, 50], 0.4), 29, 1e-12); // np.percentile(..., 40) = 29.0
  close(percentile([50, 15, 40, 20, 35], 0), 15, 0);
  assert.equal(percentile([], 0.5), null);
  assert.throws(() => percentile([1], 1.5), /between 0 and 1/);
});

test('summarize: hand-checked values, empty and one-element samples', () => {
  const s = summarize([2, 4, 4, 4, 5, 5, 7, 9, NaN, null]);
  assert.equal(s.n, 8);
  assert.equal(s.dropped, 2);
  close(s.mean, 5, 1e-12);
  close(s.median, 4.5, 1e-12);
  close(s.stdDev, Math.sqrt(32 / 7), 1e-12); // Σ(x − 5)² = 32, n − 1 = 7
  close(s.cv, Math.sqrt(32 / 7) / 5, 1e-12);
  close(s.iqr, 1.5, 1e-12); // P75 = 5.5, P25 = 4
  assert.deepEqual([s.min, s.max], [2, 9]);
  const empty = summarize([]);
  assert.equal(empty.n, 0);
  assert.ok(Object.entries(empty).every(([k, v]) => k === 'n' || k === 'dropped' || v === null));
  const one = summarize([7]);
  assert.deepEqual([one.mean, one.median, one.p99, one.stdDev, one.cv, one.iqr], [7, 7, 7, null, null, null]); // one value has no spread
  assert.equal(summarize([5]).iqr, null);
  assert.equal(summarize([5, 5]).iqr, 0);
});

test('normal and Student t distribution functions match tables', () => {
  close(normalCdf(1.96), 0.9750021, 1e-6);
  close(normalCdf(0), 0.5, 1e-7); // simple-statistics' erf approximation: error ~1e-8
  close(studentTCdf(1, 1), 0.75, 1e-9); // Cauchy: ½ + atan(1)/π
  close(studentTCdf(2.228, 10), 0.974994, 1e-5); // t table: 0.975
  close(studentTCdf(1.812, 10), 0.949962, 1e-5); // t table: 0.95
  close(studentTCdf(-2.228, 10), 1 - 0.974994, 1e-5);
  assert.throws(() => studentTCdf(1, 0), /degrees of freedom/);
});

test('Mann–Whitney U: SciPy-asymptotic value, symmetry, ties, alternatives', () => {
  const a = [1, 2, 3, 4, 5];
  const b = [6, 7, 8, 9, 10];
  const r = mannWhitneyU(a, b);
  assert.equal(r.u, 0);
  // σ = √(25·11/12) = 4.78714, z = (12.5 − 0.5)/σ = 2.50672 → p = 0.012186 (scipy: 0.01219)
  close(r.pValue, 0.012186, 2e-6);
  assert.equal(r.rankBiserial, -1);
  assert.equal(mannWhitneyU(b, a).u, 25);
  close(mannWhitneyU(a, b, { alternative: 'less' }).pValue, 0.006093, 2e-6);
  close(mannWhitneyU(a, b, { alternative: 'greater' }).pValue, 1 - normalCdf((0 - 12.5 - 0.5) / Math.sqrt(275 / 12)), 1e-12);
  assert.deepEqual(rankWithTies([10, 20, 20, 30]), { ranks: [1, 2.5, 2.5, 4], tieTerm: 6 });
  const tied = mannWhitneyU([3, 3, 3], [3, 3]);
  assert.deepEqual([tied.pValue, tied.rankBiserial], [1, 0]);
  assert.equal(mannWhitneyU([], [1]).pValue, null);
});

test("Welch's t-test against an independent numerical integration", () => {
  const r = welchTTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
  close(r.t, -3 / Math.sqrt(2.5), 1e-12);
  close(r.df, 6.25 / 1.0625, 1e-12); // Welch–Satterthwaite
  close(r.pValue, 0.1075312, 1e-5); // Simpson integration of the t density
  close(welchTTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10], { alternative: 'less' }).pValue, 0.1075312 / 2, 1e-5);
  assert.deepEqual(welchTTest([1], [2, 3]), { t: null, df: null, pValue: null, meanDiff: -1.5 });
});

test("Welch's t-test on samples without spread respects the alternative", () => {
  // a = 1, 1, 1 is certainly below b = 2, 2, 2: "a greater" has no support (p 1), "a less" is certain (p 0).
  assert.equal(welchTTest([1, 1, 1], [2, 2, 2], { alternative: 'greater' }).pValue, 1);
  assert.equal(welchTTest([1, 1, 1], [2, 2, 2], { alternative: 'less' }).pValue, 0);
  assert.equal(welchTTest([1, 1, 1], [2, 2, 2]).pValue, 0);
  assert.equal(welchTTest([3, 3], [2, 2, 2], { alternative: 'greater' }).pValue, 0);
  assert.equal(welchTTest([3, 3], [2, 2, 2], { alternative: 'less' }).pValue, 1);
  assert.equal(welchTTest([2, 2], [2, 2, 2], { alternative: 'less' }).pValue, 1);
});

test('bootstrap intervals repeat with a seed, cover the truth and narrow with n', () => {
  const constant = bootstrapCI([5, 5, 5, 5], 'median');
  assert.deepEqual([constant.estimate, constant.lower, constant.upper], [5, 5, 5]);
  const rng = seededRandom(7);
  const sample = (n: number) => Array.from({ length: n }, () => 100 + 10 * normalDraw(rng));
  const small = sample(30);
  const big = sample(600);
  const a = bootstrapCI(small, 'mean', { seed: 1 });
  assert.deepEqual(bootstrapCI(small, 'mean', { seed: 1 }), a);
  assert.ok(a.lower! < 100 && a.upper! > 100, `CI ${a.lower}–${a.upper} misses 100`);
  const b = bootstrapCI(big, 'mean', { seed: 1 });
  assert.ok(b.upper! - b.lower! < (a.upper! - a.lower!) / 2);
  assert.deepEqual(bootstrapCI([3], 'median'), { estimate: 3, lower: null, upper: null, confidence: 0.95, iterations: 2000, n: 1 });
  assert.equal(bootstrapCI([], 'mean').estimate, null);
  assert.throws(() => bootstrapCI([1, 2], 'mean', { iterations: 5 }), /iterations/);
});

test('bootstrap difference of medians: sign and exclusion of zero', () => {
  const source = Array.from({ length: 40 }, (_, i) => 1000 + (i % 10) * 10);
  const faster = source.map((x) => x - 300);
  const d = bootstrapDiffCI(source, faster, 'median');
  assert.equal(d.estimate, -300);
  assert.ok(d.upper! < 0);
  const same = bootstrapDiffCI(source, [...source].reverse(), 'median');
  assert.ok(same.lower! <= 0 && same.upper! >= 0);
});
