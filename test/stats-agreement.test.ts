/**
 * Agreement between raters on ordinal scales: weighted Cohen's kappa and Krippendorff's
 * alpha at the ordinal level, against published values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkshopError } from '../src/core/errors';
import { cohensKappa, krippendorffAlpha } from '../src/core/stats';

const close = (actual: number | null, expected: number, tol: number, what = '') =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= tol, `${what} expected ${expected} ± ${tol}, got ${actual}`);
const refuses = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof WorkshopError && pattern.test(e.message) && /Fix: /.test(e.message));

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the reliability data with
// missing values: 4 observers × 12 units. Published: nominal 0.743, ordinal 0.815, interval 0.849.
const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
const units = A.map((_, u) => [A[u], B[u], C[u], D[u]]);

test("Krippendorff's alpha, ordinal level: the published 0.815", () => {
  close(krippendorffAlpha(units, 'ordinal'), 0.815, 0.0005);
  close(krippendorffAlpha(units, 'nominal'), 0.743, 0.0005);
  close(krippendorffAlpha(units, 'interval'), 0.849, 0.0005);
});

test("Krippendorff's alpha, ordinal level: only the order counts", () => {
  const ordinal = krippendorffAlpha(units, 'ordinal')!;
  // A monotone relabelling (1…5 → 10, 20, 30, 40, 500) leaves the ordinal alpha unchanged and moves the interval one.
  const stretch = (v: number | null) => (v === null ? null : [0, 10, 20, 30, 40, 500][v]);
  const stretched = units.map((u) => u.map(stretch));
  close(krippendorffAlpha(stretched, 'ordinal'), ordinal, 1e-12);
  assert.ok(Math.abs(krippendorffAlpha(stretched, 'interval')! - 0.849) > 0.05);
  // Text categories with their order given.
  const words = ['poor', 'fair', 'good', 'very good', 'excellent'];
  const asText = units.map((u) => u.map((v) => (v === null ? null : words[v - 1])));
  close(krippendorffAlpha(asText, 'ordinal', { levels: words }), ordinal, 1e-12);
  refuses(() => krippendorffAlpha(asText, 'ordinal'), /needs numbers, but a rating is "poor"/);
  refuses(() => krippendorffAlpha(asText, 'ordinal', { levels: words.slice(1) }), /"poor" is not one of the levels/);
  refuses(() => krippendorffAlpha(asText, 'interval'), /interval metric needs numbers/);
  assert.equal(
    krippendorffAlpha(
      [
        [3, 3],
        [3, 3],
      ],
      'ordinal',
    ),
    null,
  );
  // NaN (e.g. Number('') of an empty cell) counts as a missing rating, like null.
  close(
    krippendorffAlpha(
      units.map((u) => u.map((v) => (v === null ? Number.NaN : v))),
      'ordinal',
    ),
    ordinal,
    1e-12,
  );
});

// R irr::kappa2(anxiety[, 2:3], weight), as recorded in statsmodels' test_inter_rater.py:
// unweighted −0.006289308, "equal" (linear) 0.1459075, "squared" (quadratic) 0.2520325.
const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
const rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];

test("weighted Cohen's kappa: R irr::kappa2 on the anxiety ratings", () => {
  close(cohensKappa(rater2, rater3), -0.006289308, 5e-10);
  close(cohensKappa(rater2, rater3, { weights: 'linear' }), 0.1459075, 5e-8);
  close(cohensKappa(rater2, rater3, { weights: 'quadratic' }), 0.2520325, 5e-8);
});

test("weighted Cohen's kappa: SAS PROC FREQ printout (simple 0.4842, Cicchetti–Allison weighted 0.4701)", () => {
  // The 3 × 3 table [[0, 4, 1], [0, 8, 0], [0, 1, 5]] of statsmodels' test_inter_rater.py (table10), from a SAS printout.
  const table = [
    [0, 4, 1],
    [0, 8, 0],
    [0, 1, 5],
  ];
  const a: number[] = [];
  const b: number[] = [];
  for (const [i, row] of table.entries()) {
    for (const [j, count] of row.entries()) {
      for (let t = 0; t < count; t++) {
        a.push(i + 1);
        b.push(j + 1);
      }
    }
  }
  close(cohensKappa(a, b, { categories: [1, 2, 3] }), 0.4842, 5e-5);
  close(cohensKappa(a, b, { weights: 'linear', categories: [1, 2, 3] }), 0.4701, 5e-5);
  // Without `categories`, the scale would be the values seen: here all three occur, so the same.
  close(cohensKappa(a, b, { weights: 'linear' }), 0.4701, 5e-5);
});

test("Cohen's kappa: the scale comes from `categories`; values outside it are refused by name", () => {
  // Nobody used 2: by default 1 and 3 are adjacent, with the 1–5 scale they are two steps apart.
  const x = [1, 3, 4, 5, 5, 1];
  const y = [3, 3, 5, 4, 5, 1];
  const seen = cohensKappa(x, y, { weights: 'linear' })!;
  const scale = cohensKappa(x, y, { weights: 'linear', categories: [1, 2, 3, 4, 5] })!;
  assert.notEqual(seen, scale);
  refuses(
    () => cohensKappa([1, 2, 6], [1, 2, 3], { categories: [1, 2, 3, 4, 5] }),
    /first rater rated item 3 6, which is not one of the categories/,
  );
  refuses(() => cohensKappa([1, 2], [1, '2'], { categories: [1, 2] }), /second rater rated item 2 "2"/);
  refuses(() => cohensKappa([1], [1, 2]), /rated 1 and 2 items/);
  refuses(() => cohensKappa([1], [1], { weights: 'cubic' as never }), /unknown weights "cubic"/);
  refuses(() => cohensKappa([1], [1], { categories: [1, 1] }), /names a category twice/);
});
