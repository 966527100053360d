/**
 * Step 5's ranking (pure functions): scores relative to the source, competition ranks for
 * ties, models with a missing criterion reported, and the Pareto front as defined.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkshopError } from '../src/core/errors';
import { type Candidate, dominates, rankingCaveats, rankModels } from '../src/steps/compare/ranking';

const close = (actual: number | null, expected: number, tol = 1e-12) =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);
const byModel = <T extends { model: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.model, r]));

test('composite = weighted mean of improvements over the source, in fractions of its values', () => {
  const r = byModel(
    rankModels(
      [
        { model: 'source', quality: 0.8, latencyMs: 1000, cost: 2 },
        { model: 'fast', quality: 0.78, latencyMs: 500, cost: 1 },
      ],
      { quality: 0.5, latency: 0.25, cost: 0.25 },
      'source',
    ),
  );
  close(r.fast.improvement.quality, -0.025); // 0.78 is 2.5 % below 0.80
  close(r.fast.improvement.latency, 0.5); // half the latency
  close(r.fast.improvement.cost, 0.5);
  close(r.fast.composite, 0.5 * -0.025 + 0.25 * 0.5 + 0.25 * 0.5);
  assert.deepEqual([r.source.composite, r.source.improvement], [0, { quality: 0, latency: 0, cost: 0 }]);
  assert.deepEqual([r.fast.rank, r.source.rank], [1, 2]);
  assert.deepEqual([r.fast.paretoOptimal, r.source.paretoOptimal], [true, true]); // each is better on something
});

test('equal composites share a rank and the next rank is skipped (1, 1, 3)', () => {
  const models: Candidate[] = [
    { model: 'source', quality: 0.8, latencyMs: 1000, cost: 2 },
    { model: 'twin-a', quality: 0.8, latencyMs: 800, cost: 2 },
    { model: 'twin-b', quality: 0.8, latencyMs: 800, cost: 2 },
  ];
  assert.deepEqual(
    rankModels(models, undefined, 'source').map((r) => r.rank),
    [3, 1, 1],
  );
  // Ties through floating-point noise: +10 % quality or +10 % speed, equal weights → both 0.05.
  const noisy = rankModels(
    [
      { model: 'source', quality: 0.7, latencyMs: 1000, cost: 1 },
      { model: 'better', quality: 0.77, latencyMs: 1000, cost: 1 },
      { model: 'faster', quality: 0.7, latencyMs: 900, cost: 1 },
    ],
    { quality: 1, latency: 1, cost: 0 },
  );
  assert.deepEqual(
    noisy.map((r) => r.rank),
    [3, 1, 1],
  );
});

test('adding a dominated bystander model changes nobody’s score or order', () => {
  const weights = { quality: 0.5, latency: 0.5, cost: 0 };
  const three: Candidate[] = [
    { model: 'source', quality: 0.75, latencyMs: 800, cost: 1 },
    { model: 'a', quality: 0.8, latencyMs: 1000, cost: 1 },
    { model: 'b', quality: 0.7, latencyMs: 600, cost: 1 },
  ];
  const bystander: Candidate = { model: 'bystander', quality: 0.6, latencyMs: 3000, cost: 5 };
  for (const m of three) assert.ok(dominates(m, bystander), `${m.model} dominates the bystander`);
  const before = byModel(rankModels(three, weights, 'source'));
  const after = byModel(rankModels([...three, bystander], weights, 'source'));
  // Under the former min–max rescaling all three scored 0.5 without the bystander (yet were ranked 1, 2, 3);
  // with it, a scored 0.917, the source 0.833 and b 0.75.
  for (const m of ['source', 'a', 'b']) {
    assert.equal(after[m].composite, before[m].composite, m);
    assert.equal(after[m].rank, before[m].rank, m);
    assert.equal(after[m].paretoOptimal, before[m].paretoOptimal, m);
  }
  assert.deepEqual(
    ['b', 'source', 'a'].map((m) => before[m].rank),
    [1, 2, 3],
  );
  assert.equal(after.bystander.rank, 4);
  assert.equal(after.bystander.paretoOptimal, false);
  // Nor does the order in which models are listed matter.
  const shuffled = byModel(rankModels([three[2], bystander, three[0], three[1]], weights, 'source'));
  for (const m of ['source', 'a', 'b', 'bystander']) assert.equal(shuffled[m].rank, after[m].rank);
});

test('a model with a criterion unknown is reported: not ranked, not on the Pareto front, and why', () => {
  const models: Candidate[] = [
    { model: 'source', quality: 0.8, latencyMs: 1000, cost: 2 },
    { model: 'no-price', quality: 0.95, latencyMs: 200, cost: null },
    { model: 'slower', quality: 0.8, latencyMs: 1200, cost: 2 },
  ];
  const r = byModel(rankModels(models, undefined, 'source'));
  assert.deepEqual(
    [r['no-price'].rank, r['no-price'].composite, r['no-price'].paretoOptimal, r['no-price'].missing],
    [null, null, false, ['cost']],
  );
  assert.deepEqual(r['no-price'].notes, [
    'not ranked: cost unknown',
    'not on the Pareto front: cost unknown, so it cannot be compared on all three criteria',
  ]);
  assert.deepEqual([r.source.rank, r.slower.rank], [1, 2]); // ranks of the others have no gap
  assert.deepEqual(r.source.notes, []);
  // With no weight on cost the model is ranked on the rest, but still cannot be placed on the front.
  const free = byModel(rankModels(models, { quality: 1, latency: 1, cost: 0 }, 'source'));
  assert.equal(free['no-price'].rank, 1);
  assert.equal(free['no-price'].paretoOptimal, false);
  assert.deepEqual(rankingCaveats(Object.values(r)), [
    'no-price: not ranked: cost unknown.',
    'no-price: not on the Pareto front: cost unknown, so it cannot be compared on all three criteria.',
  ]);
});

test('a criterion the source has no figure for is left out for everyone, and said once', () => {
  const r = rankModels(
    [
      { model: 'source', quality: 0.8, latencyMs: 1000, cost: null },
      { model: 'cand', quality: 0.88, latencyMs: 1000, cost: 1 },
    ],
    { quality: 0.5, latency: 0.25, cost: 0.25 },
    'source',
  );
  close(r[1].composite, (0.5 * 0.1 + 0.25 * 0) / 0.75); // weights renormalised over quality and latency
  assert.deepEqual(
    r.map((x) => x.rank),
    [2, 1],
  );
  const caveats = rankingCaveats(r);
  assert.equal(caveats.filter((c) => /cost left out of the composite/.test(c)).length, 1);
  assert.match(caveats[0], /^Ranking: cost left out of the composite: the source model \(source\) has no cost figure/);
  assert.ok(caveats.includes('source: not on the Pareto front: cost unknown, so it cannot be compared on all three criteria.'));
  // A source latency of 0 cannot serve as a base either.
  const zero = rankModels([{ model: 's', quality: 0.5, latencyMs: 0, cost: 1 }], { quality: 0, latency: 1, cost: 0 });
  assert.deepEqual([zero[0].rank, zero[0].composite], [null, null]);
  assert.ok(zero[0].notes.includes('not ranked: no weighted criterion can be measured against the source'));
});

test('Pareto: no other model at least as good on every criterion and strictly better on one', () => {
  const s = { model: 's', quality: 0.8, latencyMs: 1000, cost: 2 };
  assert.equal(dominates({ ...s, model: 'copy' }, s), false); // equal everywhere: neither dominates
  assert.equal(dominates({ ...s, model: 'cheaper', cost: 1 }, s), true); // equal on two, better on one
  assert.equal(dominates({ ...s, model: 'trade', cost: 1, quality: 0.7 }, s), false); // better on one, worse on another
  assert.equal(dominates({ ...s, model: 'unknown', cost: null }, s), false);
  const r = rankModels([s, { ...s, model: 'copy' }, { ...s, model: 'trade', cost: 1, quality: 0.7 }], undefined, 's');
  assert.deepEqual(
    r.map((x) => x.paretoOptimal),
    [true, true, true],
  );
  const withCheaper = rankModels([s, { ...s, model: 'cheaper', cost: 1 }], undefined, 's');
  assert.deepEqual(
    withCheaper.map((x) => x.paretoOptimal),
    [false, true],
  );
});

test('the source must be one of the models; no models, no ranking', () => {
  assert.throws(
    () => rankModels([{ model: 'a', quality: 1, latencyMs: 1, cost: 1 }], undefined, 'b'),
    (e: unknown) =>
      e instanceof WorkshopError && /source model "b" is not among the models to rank \(a\)/.test(e.message) && /Fix: /.test(e.message),
  );
  assert.deepEqual(rankModels([]), []);
});
