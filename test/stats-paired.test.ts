/**
 * Paired comparisons and the decision statistics of issue #12: distribution functions,
 * Wilcoxon signed-rank, McNemar, the paired bootstrap, Holm–Bonferroni and the sample-size
 * planner. Each expected figure is either published (source in the comment) or derived in
 * the test by an independent exact computation (enumeration, exact fractions).
 */
import { pairedProportionNonInferiority } from '../src/core/stats';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkshopError } from '../src/core/errors';
import {
  binomialCdf,
  bootstrapDiffCI,
  chiSquareSf,
  holmBonferroni,
  mcnemarCounts,
  mcnemarTest,
  minimumDetectableDifference,
  normalCdf,
  normalQuantile,
  pairedBootstrapCI,
  pairedNonInferioritySampleSize,
  wilcoxonSignedRank,
} from '../src/core/stats';

const close = (actual: number | null | undefined, expected: number, tol: number, what = '') =>
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) <= tol,
    `${what} expected ${expected} ± ${tol}, got ${actual}`,
  );
const refuses = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof WorkshopError && pattern.test(e.message) && /Fix: /.test(e.message));

/** ∫ of the standard normal density from `from` to `to` by composite Simpson's rule (independent of normalCdf). */
function simpsonNormal(from: number, to: number, steps = 20_000): number {
  const f = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  const h = (to - from) / steps;
  let s = f(from) + f(to);
  for (let i = 1; i < steps; i++) s += (i % 2 ? 4 : 2) * f(from + i * h);
  return (s * h) / 3;
}

/** C(n, k) as an exact BigInt. */
function choose(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

test('normal distribution function: tables and an independent numerical integration, far into the tails', () => {
  close(normalCdf(1.96), 0.9750021048517795, 1e-12); // standard normal table: Φ(1.96) = 0.975002
  close(normalCdf(0), 0.5, 1e-15);
  for (const z of [-3, -1, 0.3, 1, 2.5]) close(normalCdf(z), z < 0 ? simpsonNormal(-40, z) : 1 - simpsonNormal(z, 40), 1e-12, `Φ(${z})`);
  const tail = simpsonNormal(-40, -8);
  assert.ok(Math.abs(normalCdf(-8) / tail - 1) < 1e-9, `Φ(−8) relative error: ${normalCdf(-8)} vs ${tail}`);
  refuses(() => normalCdf(Number.NaN), /NaN/);
});

test('normal quantile: published critical values and the round trip Φ(Φ⁻¹(p)) = p', () => {
  // Wikipedia, "97.5th percentile point": 1.959963984540054; "Normal distribution", table of
  // two-sided intervals: z for 90 % = 1.644853626951, 98 % = 2.326347874041, 99 % = 2.575829303549, 99.9 % = 3.290526731492.
  close(normalQuantile(0.975), 1.959963984540054, 1e-12);
  close(normalQuantile(0.95), 1.644853626951, 1e-11);
  close(normalQuantile(0.99), 2.326347874041, 1e-11);
  close(normalQuantile(0.995), 2.575829303549, 1e-11);
  close(normalQuantile(0.9995), 3.290526731492, 1e-11);
  close(normalQuantile(0.025), -1.959963984540054, 1e-12);
  assert.equal(normalQuantile(0.5), 0);
  for (const p of [1e-12, 1e-6, 0.01, 0.2, 0.8, 0.99, 1 - 1e-9])
    assert.ok(Math.abs(normalCdf(normalQuantile(p)) / p - 1) < 1e-9, `round trip at ${p}`);
  refuses(() => normalQuantile(1), /strictly between 0 and 1/);
  refuses(() => normalQuantile(0), /strictly between 0 and 1/);
});

test('chi-square survival function: table critical values and exact identities', () => {
  // χ² table, 1 degree of freedom: 3.841459 (5 %), 6.634897 (1 %), 10.827566 (0.1 %).
  close(chiSquareSf(3.841459, 1), 0.05, 1e-7);
  close(chiSquareSf(6.634897, 1), 0.01, 1e-7);
  close(chiSquareSf(10.827566, 1), 0.001, 1e-7);
  // Exact: with 2 degrees of freedom P(X > x) = e^(−x/2); with 1, P(X > x) = P(|Z| > √x).
  for (const x of [0.1, 1, 5.991464547107979, 20, 60])
    close(chiSquareSf(x, 2), Math.exp(-x / 2), 1e-14 + 1e-12 * Math.exp(-x / 2), `df 2 at ${x}`);
  for (const x of [0.01, 0.5, 4.5, 21.35]) close(chiSquareSf(x, 1), 2 * simpsonNormal(Math.sqrt(x), 40), 1e-12, `df 1 at ${x}`);
  assert.equal(chiSquareSf(0, 1), 1);
  refuses(() => chiSquareSf(1, 0), /degrees of freedom/);
});

test('binomial distribution function against exact fractions', () => {
  for (const [k, n] of [
    [0, 1],
    [1, 8],
    [5, 17],
    [12, 30],
    [40, 100],
  ]) {
    let num = 0n;
    for (let i = 0; i <= k; i++) num += choose(n, i);
    const exact = Number((num * 10n ** 18n) / 2n ** BigInt(n)) / 1e18;
    close(binomialCdf(k, n, 0.5), exact, 1e-13, `P(X ≤ ${k}), n = ${n}`);
  }
  close(binomialCdf(2, 5, 0.3), 0.16807 + 0.36015 + 0.3087, 1e-12); // 0.7⁵ + 5·0.3·0.7⁴ + 10·0.09·0.343
  assert.equal(binomialCdf(-1, 5, 0.5), 0);
  assert.equal(binomialCdf(5, 5, 0.5), 1);
  refuses(() => binomialCdf(1, 2.5, 0.5), /whole number of trials/);
});

// SciPy's documentation of scipy.stats.wilcoxon (Darwin's maize data, after Wilcoxon 1945 / Fisher):
//   wilcoxon(d)                        → statistic 24.0, pvalue 0.041259765625 (exact)
//   wilcoxon(d, alternative='greater') → statistic 96.0, pvalue 0.0206298828125
//   wilcoxon(d, method='approx')       → statistic 24.0, pvalue 0.04088813291185591 (correction=False)
const darwin = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
const zeros = darwin.map(() => 0);

test('Wilcoxon signed-rank: SciPy’s published example, exact and normal', () => {
  const r = wilcoxonSignedRank(zeros, darwin);
  assert.deepEqual(
    [r.statistic, r.pValue, r.n, r.zeros, r.dropped, r.method, r.wPlus, r.wMinus],
    [24, 0.041259765625, 15, 0, 0, 'exact', 96, 24],
  );
  const g = wilcoxonSignedRank(zeros, darwin, { alternative: 'greater' });
  assert.deepEqual([g.statistic, g.pValue], [96, 0.0206298828125]);
  const approx = wilcoxonSignedRank(zeros, darwin, { method: 'normal', correction: false });
  assert.equal(approx.method, 'normal');
  close(approx.pValue, 0.04088813291185591, 1e-13);
  // With the continuity correction: z = (24 − 60 + ½) / √(15·16·31/24) = −35.5/√310.
  const corrected = wilcoxonSignedRank(zeros, darwin, { method: 'normal' });
  close(corrected.z, -35.5 / Math.sqrt(310), 1e-14);
  close(corrected.pValue, 2 * normalCdf(-35.5 / Math.sqrt(310)), 1e-15);
  // Swapping the models mirrors the test: candidate lower ('less') is as surprising as 'greater' above.
  assert.equal(wilcoxonSignedRank(darwin, zeros, { alternative: 'less' }).pValue, 0.0206298828125);
});

test('Wilcoxon exact distribution equals brute-force enumeration of all 2¹⁵ sign patterns', () => {
  const ranks = Array.from({ length: 15 }, (_, i) => i + 1);
  let atLeast96 = 0;
  let atMost96 = 0;
  for (let mask = 0; mask < 1 << 15; mask++) {
    let w = 0;
    for (const r of ranks) if (mask & (1 << (r - 1))) w += r;
    if (w >= 96) atLeast96++;
    if (w <= 96) atMost96++;
  }
  assert.equal(atLeast96 / 2 ** 15, 0.0206298828125); // = 676 / 32768
  assert.equal(wilcoxonSignedRank(zeros, darwin, { alternative: 'less' }).pValue, atMost96 / 2 ** 15);
  assert.equal(wilcoxonSignedRank(zeros, darwin).pValue, (2 * atLeast96) / 2 ** 15);
});

test('Wilcoxon with zeros and ties: zeros dropped (wilcox), tie-corrected variance equals the exact one', () => {
  const source = [110, 122, 125, 120, 140, 124, 123, 137, 135, 145];
  const candidate = [125, 115, 130, 140, 140, 115, 140, 125, 140, 135];
  // d = 15, −7, 5, 20, 0, −9, 17, −12, 5, −10: one zero, |d| = 5 tied twice.
  const r = wilcoxonSignedRank(source, candidate);
  assert.deepEqual([r.n, r.zeros, r.method, r.wPlus, r.wMinus, r.statistic], [9, 1, 'normal', 27, 18, 18]);
  // Exact moments of W⁺ under H₀ by enumerating the 2⁹ sign patterns over the mid-ranks.
  const midranks = [7, 3, 1.5, 9, 4, 8, 6, 1.5, 5];
  let sum = 0;
  let sumSq = 0;
  for (let mask = 0; mask < 1 << 9; mask++) {
    let w = 0;
    midranks.forEach((m, i) => {
      if (mask & (1 << i)) w += m;
    });
    sum += w;
    sumSq += w * w;
  }
  const mean = sum / 512;
  const variance = sumSq / 512 - mean * mean;
  assert.equal(mean, 22.5);
  close(r.z, (18 - mean + 0.5) / Math.sqrt(variance), 1e-12);
  close(r.pValue, 2 * normalCdf((18 - mean + 0.5) / Math.sqrt(variance)), 1e-12);
  refuses(() => wilcoxonSignedRank(source, candidate, { method: 'exact' }), /exact Wilcoxon p-value needs/);
});

test('Wilcoxon: differences equal on paper tie in floating point; missing pairs and degenerate input', () => {
  // 0.8 − 0.6 and 0.6 − 0.4 differ in the 17th digit; they must share a rank (so: normal method).
  const r = wilcoxonSignedRank([0.6, 0.4, 0.2, 0.1], [0.8, 0.6, 0.5, 0.3]);
  assert.equal(r.method, 'normal');
  assert.equal(wilcoxonSignedRank([0.1 + 0.2, 1], [0.3, 2]).zeros, 1);
  const withGaps = wilcoxonSignedRank([1, null, 3, NaN], [2, 5, 4, 1]);
  assert.deepEqual([withGaps.n, withGaps.dropped], [2, 2]);
  const none = wilcoxonSignedRank([1, 2], [1, 2]);
  assert.deepEqual([none.pValue, none.statistic, none.method, none.zeros], [null, null, null, 2]);
  refuses(() => wilcoxonSignedRank([1, 2], [1]), /paired values/);
});

test('McNemar: Fagerland et al. (2013) worked example, exact and chi-square', () => {
  // Fagerland, Lydersen & Laake, BMC Med Res Methodol 13:91, Table 1 (Bentur et al.): discordant
  // pairs 1 and 7. Published: exact conditional p = 0.070, asymptotic 0.034, with continuity correction 0.077.
  const exact = mcnemarCounts(1, 7);
  assert.deepEqual([exact.b, exact.c, exact.n, exact.statistic, exact.method], [1, 7, 8, 1, 'exact']);
  close(exact.pValue, 18 / 256, 1e-15); // exact fraction: 2 · (C(8,0) + C(8,1)) / 2⁸
  close(exact.pValue, 0.07, 0.0005);
  close(mcnemarCounts(1, 7, { method: 'chi-square' }).pValue, 0.077, 0.0005);
  close(mcnemarCounts(1, 7, { method: 'chi-square', correction: false }).pValue, 0.034, 0.0005);
  assert.equal(mcnemarCounts(1, 7, { alternative: 'greater' }).pValue, 9 / 256); // P(C ≥ 7)
  close(mcnemarCounts(1, 7, { alternative: 'less' }).pValue, 255 / 256, 1e-15); // P(C ≤ 7)
});

test('McNemar: Wikipedia’s first example (b = 121, c = 59) and the switch at b + c = 25', () => {
  // Wikipedia, "McNemar's test": χ² = (121 − 59)² / (121 + 59) = 21.35 without correction.
  const plain = mcnemarCounts(121, 59, { correction: false });
  close(plain.statistic, 21.35, 0.01);
  assert.equal(plain.statistic, 62 ** 2 / 180);
  const r = mcnemarCounts(121, 59);
  assert.equal(r.method, 'chi-square');
  close(r.statistic, 61 ** 2 / 180, 1e-12);
  close(r.pValue, 2 * simpsonNormal(Math.sqrt(61 ** 2 / 180), 40), 1e-13); // χ²₁ tail = two normal tails
  assert.equal(mcnemarCounts(10, 14).method, 'exact');
  assert.equal(mcnemarCounts(10, 15).method, 'chi-square');
  assert.equal(mcnemarCounts(5, 5).pValue, 1);
  assert.deepEqual(mcnemarCounts(0, 0), { b: 0, c: 0, n: 0, statistic: null, pValue: null, method: null });
  refuses(() => mcnemarCounts(1.5, 2), /whole number/);
  refuses(() => mcnemarCounts(30, 10, { method: 'chi-square', alternative: 'greater' }), /two-sided only/);
});

test('McNemar from per-item outcomes: counts the discordant items, leaves out unknown ones', () => {
  const source = [true, true, false, false, true, null, true];
  const candidate = [true, false, true, true, true, true, undefined];
  const r = mcnemarTest(source, candidate);
  assert.deepEqual([r.b, r.c, r.pairs, r.dropped], [1, 2, 5, 2]);
  assert.equal(r.pValue, 1); // 2 · P(X ≤ 1 | n = 3) = 2 · 4/8 → capped at 1
  refuses(() => mcnemarTest([true], []), /paired outcomes/);
});

test('paired bootstrap: bounds lie where the exact bootstrap distribution puts them', () => {
  const source = [0.9, 0.5, 0.7, 0.6, 0.8];
  const candidate = [0.8, 0.7, 0.7, 0.9, 1.0];
  const d = candidate.map((c, i) => c - source[i]); // −0.1, 0.2, 0, 0.3, 0.2
  // Exact bootstrap distribution of the mean: all 5⁵ = 3125 equally likely re-samples.
  const means: number[] = [];
  for (let code = 0; code < 5 ** 5; code++) {
    let s = 0;
    for (let k = 0, c = code; k < 5; k++, c = Math.floor(c / 5)) s += d[c % 5];
    means.push(s / 5);
  }
  means.sort((a, b) => a - b);
  const q = (p: number) => means[Math.ceil(p * means.length) - 1]; // exact quantile: min{x : F(x) ≥ p}
  const r = pairedBootstrapCI(source, candidate, 'mean', { iterations: 20_000, seed: 3 });
  close(r.estimate, 0.12, 1e-12);
  assert.ok(r.lower! >= q(0.015) - 1e-12 && r.lower! <= q(0.035) + 1e-12, `lower ${r.lower} outside [${q(0.015)}, ${q(0.035)}]`);
  assert.ok(r.upper! >= q(0.965) - 1e-12 && r.upper! <= q(0.985) + 1e-12, `upper ${r.upper} outside [${q(0.965)}, ${q(0.985)}]`);
  assert.deepEqual(pairedBootstrapCI(source, candidate, 'mean', { iterations: 20_000, seed: 3 }), r);
  close(pairedBootstrapCI(source, candidate, 'median').estimate, 0.2, 1e-12);
});

test('paired bootstrap: narrower than the unpaired interval when items differ in difficulty; missing pairs dropped', () => {
  const difficulty = Array.from({ length: 40 }, (_, i) => 0.3 + (i % 8) * 0.08);
  const source = difficulty;
  const candidate = difficulty.map((x, i) => x + 0.02 + (i % 3 === 0 ? 0.01 : -0.005));
  const paired = pairedBootstrapCI(source, candidate);
  const unpaired = bootstrapDiffCI(source, candidate, 'mean');
  assert.ok(paired.lower! > 0, 'the paired interval sees the consistent gain');
  assert.ok(unpaired.lower! < 0, 'the unpaired one is swamped by item difficulty');
  assert.ok(paired.upper! - paired.lower! < (unpaired.upper! - unpaired.lower!) / 5);
  const gaps = pairedBootstrapCI([1, null, 3, 4], [2, 2, Number.NaN, 5]);
  assert.deepEqual([gaps.n, gaps.dropped, gaps.estimate], [2, 2, 1]);
  refuses(() => pairedBootstrapCI([1, 2], [1]), /paired values/);
  refuses(() => pairedBootstrapCI([1, 2], [1, 2], 'mean', { confidence: 95 }), /confidence/);
});

test('Holm–Bonferroni: Wikipedia’s example and R multtest’s published adjusted p-values', () => {
  // Wikipedia, "Holm–Bonferroni method": p = 0.01, 0.04, 0.03, 0.005 at α = 0.05 → H1 and H4 rejected.
  const w = holmBonferroni([0.01, 0.04, 0.03, 0.005]);
  for (const [i, x] of [0.03, 0.06, 0.06, 0.02].entries()) close(w[i], x, 1e-15);
  assert.deepEqual(
    w.map((p) => p! <= 0.05),
    [true, false, false, true],
  );
  // R multtest::mt.rawp2adjp, "Holm" column, as recorded in statsmodels' test_multi.py (res_multtest1).
  const raw = [
    0.838541367553, 0.642193923795, 0.680845947633, 0.967833824309, 0.71626938238, 0.177096952723, 5.23656777208e-5, 0.0202732688798,
    0.00028140506198, 0.0149877310796,
  ];
  const rHolm = [1, 1, 1, 1, 1, 1, 5.23656777208e-4, 0.1419128821586, 0.00253264555782, 0.1199018486368];
  for (const [i, x] of holmBonferroni(raw).entries()) close(x, rHolm[i], 1e-15, `p #${i + 1}`);
  // Same source (res_multtest3): the running maximum keeps them monotone (0.06 × 4 = 0.24 → 0.25).
  const mono = holmBonferroni([0.001, 0.002, 0.003, 0.004, 0.005, 0.05, 0.06, 0.07, 0.08, 0.09]);
  for (const [i, x] of [0.01, 0.018, 0.024, 0.028, 0.03, 0.25, 0.25, 0.25, 0.25, 0.25].entries()) close(mono[i], x, 1e-15);
  assert.deepEqual(holmBonferroni([0.02, null, 0.03]), [0.04, null, 0.04]);
  assert.deepEqual(holmBonferroni([]), []);
  refuses(() => holmBonferroni([0.5, 1.2]), /#2 is 1.2/);
});

test('sample size for a paired non-inferiority comparison: Chow, Shao & Wang’s formula and example', () => {
  // powerandsamplesize.com, 1-sample non-inferiority (Chow, Shao & Wang 2008, p. 52): μ − μ₀ = 0.5,
  // margin −0.5, σ = 1, α = 0.05, β = 0.2 → n = (1 · (qnorm(0.95) + qnorm(0.8)) / 1)² = 6.18 → ceiling 7.
  const plan = pairedNonInferioritySampleSize({ sdDiff: 1, margin: 0.5, expectedDiff: 0.5 });
  assert.equal(plan.n, 7);
  close(plan.exact, (1.644853626951 + 0.841621233573) ** 2, 1e-10);
  close(plan.zAlpha, 1.644853626951, 1e-11);
  // Expected equal models (default), σ_d = 0.15, margin 0.05: (2.486475 · 3)² = 55.64 → 56.
  const quality = pairedNonInferioritySampleSize({ sdDiff: 0.15, margin: 0.05 });
  assert.equal(quality.n, 56);
  close(quality.exact, (3 * (1.644853626951 + 0.841621233573)) ** 2, 1e-9);
  // Stricter settings need more items; an expected shortfall needs more still.
  assert.ok(pairedNonInferioritySampleSize({ sdDiff: 0.15, margin: 0.05, alpha: 0.025, power: 0.9 }).n > 56);
  assert.equal(pairedNonInferioritySampleSize({ sdDiff: 0.15, margin: 0.05, expectedDiff: -0.025 }).n, Math.ceil(4 * 55.64301508817788));
  refuses(() => pairedNonInferioritySampleSize({ sdDiff: 0.15, margin: 0.05, expectedDiff: -0.05 }), /no number of items/);
  refuses(() => pairedNonInferioritySampleSize({ sdDiff: 0, margin: 0.05 }), /standard deviation/);
  refuses(() => pairedNonInferioritySampleSize({ sdDiff: 0.1, margin: 0.05, power: 80 }), /power/);
});

test('minimum detectable difference is the sample-size formula turned around', () => {
  const mdd = minimumDetectableDifference({ n: 56, sdDiff: 0.15 });
  close(mdd, ((1.644853626951 + 0.841621233573) * 0.15) / Math.sqrt(56), 1e-11);
  assert.ok(mdd <= 0.05 && minimumDetectableDifference({ n: 55, sdDiff: 0.15 }) > 0.05, '56 items resolve 0.05, 55 do not');
  for (const n of [10, 100, 1000]) {
    const plan = pairedNonInferioritySampleSize({
      sdDiff: 0.2,
      margin: minimumDetectableDifference({ n, sdDiff: 0.2, power: 0.9 }),
      power: 0.9,
    });
    assert.equal(plan.n, n);
  }
  refuses(() => minimumDetectableDifference({ n: 1, sdDiff: 0.1 }), /≥ 2/);
  refuses(() => minimumDetectableDifference({ n: 10, sdDiff: 0.1, alpha: 0.7 }), /alpha/);
});

test('paired-proportion non-inferiority (Nam 1997, Tango 1998): McNemar at margin 0, valid with empty discordant cells', () => {
  // With margin 0 the score statistic is McNemar's z without continuity correction: (c − b)/√(b + c).
  for (const [b, c, n] of [
    [3, 7, 40],
    [10, 4, 30],
    [12, 12, 50],
  ] as const) {
    assert.ok(Math.abs(pairedProportionNonInferiority(b, c, n, 0).z - (c - b) / Math.sqrt(b + c)) < 1e-9, `${b},${c}`);
  }
  // Twenty items on which both models agree: the Wald test would call this certain; the score test does not.
  const allAgree = pairedProportionNonInferiority(0, 0, 20, 0.05);
  assert.ok(Math.abs(allAgree.z - 0.05 / Math.sqrt(0.0475 / 20)) < 1e-9);
  assert.ok(allAgree.pValue > 0.1 && allAgree.pValue < 0.2);
  // More agreeing items, or a wider margin, give smaller p-values.
  assert.ok(pairedProportionNonInferiority(0, 0, 200, 0.05).pValue < allAgree.pValue);
  assert.ok(pairedProportionNonInferiority(0, 0, 20, 0.1).pValue < allAgree.pValue);
  assert.throws(() => pairedProportionNonInferiority(5, 6, 10, 0.05), /5 \+ 6 discordant items out of 10/);
  assert.throws(() => pairedProportionNonInferiority(1, 1, 10, -0.1), /margin must be in \[0, 1\)/);
});
