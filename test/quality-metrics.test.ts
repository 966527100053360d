import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classificationReport, normalizeLabel, UNRECOGNISED } from '../src/core/text-metrics/classification';
import { lcsLength, referenceScores, rougeL, rougeN, tokenF1 } from '../src/core/text-metrics/reference-metrics';
import { cohensKappa, krippendorffAlpha } from '../src/core/stats';

const close = (a: number | null, b: number, tol = 1e-9) => assert.ok(a !== null && Math.abs(a - b) <= tol, `expected ${b}, got ${a}`);

test('ROUGE on the classic example', () => {
  const ref = 'the cat was under the bed';
  const cand = 'the cat was found under the bed';
  const r1 = rougeN(cand, ref, 1);
  close(r1.recall, 1);
  close(r1.precision, 6 / 7);
  close(r1.f1, 12 / 13); // 2·1·(6/7) / (1 + 6/7) ≈ 0.923
  const r2 = rougeN(cand, ref, 2);
  close(r2.recall, 4 / 5); // the cat, cat was, under the, the bed
  close(r2.precision, 4 / 6);
  const rl = rougeL(cand, ref);
  close(rl.recall, 1); // LCS = the cat was under the bed (6)
  close(rl.precision, 6 / 7);
  assert.equal(lcsLength(['a', 'b', 'c', 'd'], ['b', 'd', 'a']), 2);
  assert.deepEqual(rougeN('', ref, 1), { precision: 0, recall: 0, f1: 0 });
});

test('token F1 ignores case, punctuation and articles; no reference → null', () => {
  close(tokenF1('The cat sat.', 'a cat sat'), 1);
  close(tokenF1('cat sat on mat', 'cat sat'), 2 / 3); // P 2/4, R 1 → F1 2/3
  assert.equal(referenceScores('x', null), null);
  assert.equal(referenceScores('x', '  '), null);
  close(referenceScores('Revenue grew 12%.', 'Revenue grew 12%')!.rougeL_f1, 1);
});

test('classification report: accuracy, per-class P/R/F1, macro/weighted F1, confusion with unrecognised', () => {
  const truth = ['billing', 'billing', 'technical', 'technical', 'account', 'billing'];
  const pred = ['Billing.', 'technical', 'technical', 'I think account', 'account', 'billing'];
  const r = classificationReport(truth, pred);
  assert.equal(r.n, 6);
  close(r.accuracy, 4 / 6);
  const by = Object.fromEntries(r.perClass.map((c) => [c.label, c]));
  close(by.billing.precision, 1); // 2 predicted billing, both right
  close(by.billing.recall, 2 / 3);
  close(by.technical.precision, 1 / 2);
  close(by.technical.recall, 1 / 2);
  close(by.account.f1, 1);
  close(r.macroF1, (0.8 + 0.5 + 1) / 3);
  close(r.weightedF1, (0.8 * 3 + 0.5 * 2 + 1 * 1) / 6);
  assert.equal(r.confusion.technical[UNRECOGNISED], 1);
  assert.equal(r.confusion.billing.technical, 1);
  assert.equal(normalizeLabel('  Shipping. '), 'shipping');
  assert.throws(() => classificationReport(['a'], []), /1 true labels but 0 predictions/);
});

test('macro F1 leaves out classes with no true example (documented; scikit-learn counts them as 0)', () => {
  // Truth has no "c"; the label set has. Class a: P 1, R 1/2, F1 2/3; b: P 1, R 1, F1 1; c: recall 0/0 → no F1.
  const r = classificationReport(['a', 'a', 'b', 'b'], ['a', 'c', 'b', 'b'], ['a', 'b', 'c']);
  const c = r.perClass.find((x) => x.label === 'c')!;
  assert.deepEqual([c.support, c.precision, c.recall, c.f1], [0, 0, null, null]);
  close(r.macroF1, (2 / 3 + 1) / 2); // scikit-learn f1_score(..., labels=['a','b','c'], average='macro'): (2/3 + 1 + 0)/3
  close(r.weightedF1, (2 / 3) * 0.5 + 1 * 0.5);
  // The wrong "c" prediction is still paid for, through the recall of "a".
  close(classificationReport(['a', 'a', 'b', 'b'], ['a', 'a', 'b', 'b'], ['a', 'b', 'c']).macroF1, 1);
});

test("Cohen's kappa: a 2×2 textbook case and the weighted variant", () => {
  // a=20 (yes,yes), b=5 (yes,no), c=10 (no,yes), d=15 (no,no): pₒ = 0.7, pₑ = 0.5 → κ = 0.4
  const r1 = [...Array(25).fill('yes'), ...Array(25).fill('no')];
  const r2 = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
  close(cohensKappa(r1, r2), 0.4, 1e-12);
  close(cohensKappa([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], { weights: 'quadratic' }), 1);
  const near = cohensKappa([1, 2, 3, 4, 5], [2, 3, 4, 5, 5], { weights: 'quadratic' })!;
  const unweighted = cohensKappa([1, 2, 3, 4, 5], [2, 3, 4, 5, 5])!;
  assert.ok(near > unweighted, 'near-misses earn partial credit');
  assert.equal(cohensKappa([], []), null);
});

test("Krippendorff's alpha: the worked example of Krippendorff (2011) with missing values", () => {
  // 4 observers × 12 units; null = no rating. Published: nominal α = 0.743, interval α = 0.849.
  const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
  const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
  const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
  const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
  const units = A.map((_, u) => [A[u], B[u], C[u], D[u]]);
  close(krippendorffAlpha(units, 'nominal'), 0.743, 0.0005);
  close(krippendorffAlpha(units, 'interval'), 0.849, 0.0005);
  assert.equal(
    krippendorffAlpha(
      [
        [3, 3],
        [3, 3],
      ],
      'interval',
    ),
    null,
  ); // no variation at all
  assert.equal(krippendorffAlpha([[1], [2]]), null); // nothing pairable
});
