/**
 * Step 5's decision on plain evidence (`decide.ts`): what the weights, the volume and the
 * three constraints (budget, P90 target, minimum quality) change — and what they do not.
 * The figures are chosen so that each expected value can be worked out by hand (see each case).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  changedSettings,
  compareBlock,
  decide,
  decisionCells,
  decisionSettingsOf,
  type DecisionInput,
  type DecisionModel,
  type DecisionSettings,
} from '../src/steps/compare/decide';
import type { PairedQuality } from '../src/steps/compare/paired';

const paired = (candidate: number, nonInferior: boolean): PairedQuality => ({
  metric: 'judge_overall',
  kind: 'scores',
  n: 10,
  source: 0.8,
  candidate,
  diff: candidate - 0.8,
  lower: candidate - 0.83,
  upper: candidate - 0.77,
  test: 'Wilcoxon signed-rank, one-sided, differences shifted by the margin',
  pValue: nonInferior ? 0.001 : 0.4,
  pHolm: nonInferior ? 0.004 : 0.4,
  nonInferior,
  mcnemarP: null,
  sdDiff: 0.02,
  minDetectable: 0.02,
});

const model = (
  id: string,
  quality: number,
  p50: number | null,
  p90: number | null,
  costPerRequest: number | null,
  nonInferior: boolean | null,
  extra: Partial<DecisionModel> = {},
): DecisionModel => ({
  model: id,
  name: id.toUpperCase(),
  role: nonInferior === null ? 'source' : 'candidate',
  successes: 10,
  missing: [],
  batch: null,
  primaryValue: quality,
  latencyP50Ms: p50,
  latencyP90Ms: p90,
  costPerRequest,
  latency: null,
  latencyPaired: null,
  primary: nonInferior === null ? null : paired(quality, nonInferior),
  failures: null,
  noVerdict: null,
  ...extra,
});

// Per 1,000 requests: source $4, a $2, b $1, c $0.50, d $2.50. At 100,000 requests a month: $400, $200, $100, $50, $250.
// Default weights (0.5 / 0.25 / 0.25), improvements over the source (quality, latency, cost):
//   a: 0, +0.5, +0.5 → 0.25;  b: +0.025, +0.1, +0.75 → 0.225;  d: −0.0125, +0.4, +0.375 → 0.1875;  c is not non-inferior.
const input: DecisionInput = {
  context: {
    primaryMetric: 'judge_overall',
    taskKind: 'generation',
    margin: 0.05,
    offline: true,
    region: 'us-east-1',
    dataset: 'data/x.csv',
  },
  models: [
    model('src', 0.8, 1000, 1500, 0.004, null),
    model('a', 0.8, 500, 700, 0.002, true),
    model('b', 0.82, 900, 3000, 0.001, true),
    model('c', 0.7, 1200, 2000, 0.0005, false),
    model('d', 0.79, 600, 650, 0.0025, true),
  ],
};
const base = decisionSettingsOf({ weights: { quality: 0.5, latency: 0.25, cost: 0.25 }, monthlyRequests: 100_000 });
const pick = (s: Partial<DecisionSettings>) => decide(input, { ...base, ...s });
const byId = (d: ReturnType<typeof decide>, id: string) => d.models[input.models.findIndex((m) => m.model === id)];

test('no constraint: the best composite among the non-inferior candidates; the Pareto front of all models', () => {
  const d = pick({});
  assert.equal(d.recommended, 'a');
  assert.ok(Math.abs(byId(d, 'a').ranked.composite! - 0.25) < 1e-12);
  assert.ok(Math.abs(byId(d, 'b').ranked.composite! - 0.225) < 1e-12);
  assert.deepEqual(
    d.models.map((m) => m.ranked.rank),
    [5, 1, 2, 4, 3],
  );
  // src is dominated by a; d by a (a is better on all three); a, b (best quality) and c (cheapest) are not dominated.
  assert.deepEqual(
    d.models.map((m) => m.ranked.paretoOptimal),
    [false, true, true, true, false],
  );
  assert.match(d.recommendation[0], /^Recommended: A \(a\)\. /);
  assert.match(d.recommendation.join('\n'), /about \$200 vs \$400 a month at 100,000 requests/);
  assert.ok(!d.recommendation.some((l) => l.startsWith('Your constraints')), 'no constraint, no constraint line');
  assert.ok(d.models.every((m) => m.unmet.length === 0));
});

test('the weights and the volume: cost-heavy weights pick the cheapest non-inferior candidate; the volume scales the monthly cost only', () => {
  // Cost alone: a +0.5, b +0.75, d +0.375 → b.
  assert.equal(pick({ weights: { quality: 0, latency: 0, cost: 1 } }).recommended, 'b');
  const d = pick({ monthlyRequests: 1_000_000 });
  assert.equal(d.recommended, 'a');
  assert.equal(byId(d, 'a').cost.monthly, 2000);
  assert.equal(byId(d, 'a').cost.costPer1kRequests, 2);
  assert.throws(() => pick({ weights: { quality: 0, latency: 0, cost: 0 } }), /The weights sum to 0\. Fix: /);
});

test('a monthly budget excludes the models over it — the source too — and the next candidate is recommended', () => {
  const d = pick({ monthlyBudgetUsd: 150 });
  assert.equal(d.recommended, 'b');
  assert.deepEqual(byId(d, 'a').unmet, ['$200 a month, over the $150 budget']);
  assert.deepEqual(byId(d, 'src').unmet, ['$400 a month, over the $150 budget']);
  assert.equal(byId(d, 'a').ranked.rank, null);
  assert.equal(byId(d, 'a').ranked.paretoOptimal, false);
  assert.ok(byId(d, 'a').ranked.composite !== null, 'an excluded model keeps its composite, for reading');
  // Ranks among the models within the budget: b (0.225), c (cheapest, not non-inferior but ranked).
  assert.equal(byId(d, 'b').ranked.rank, 1);
  const line = d.recommendation.find((l) => l.startsWith('Your constraints'))!;
  assert.match(line, /^Your constraints: a monthly budget of \$150 at 100,000 requests\. Not meeting them/);
  assert.match(line, /SRC \(the source\) — \$400 a month, over the \$150 budget/);
  assert.deepEqual(decisionCells(input.models[1], byId(d, 'a')).rank, 'excluded: $200 a month, over the $150 budget');
  assert.ok(
    d.caveats.includes(
      "a: excluded by the decision's constraints ($200 a month, over the $150 budget): not ranked, not on the Pareto front.",
    ),
  );
  // A cost the catalogue does not know cannot be checked against a budget: excluded, and said so.
  const unknown = decide(
    { ...input, models: input.models.map((m) => (m.model === 'b' ? { ...m, costPerRequest: null } : m)) },
    { ...base, monthlyBudgetUsd: 150 },
  );
  assert.deepEqual(byId(unknown, 'b').unmet, ['monthly cost unknown, so the $150 budget cannot be checked']);
});

test('a P90 target and a minimum quality; the Pareto front is drawn among the models that meet them', () => {
  // P90 ≤ 2,000 ms: b (3,000) is out; a is still best.
  const p90 = pick({ p90LatencyTargetMs: 2000 });
  assert.equal(p90.recommended, 'a');
  assert.deepEqual(byId(p90, 'b').unmet, ['P90 latency 3000 ms, above the 2000 ms target']);
  // judge_overall ≥ 0.81: only b qualifies among the non-inferior.
  const min = pick({ minPrimaryMetric: 0.81 });
  assert.equal(min.recommended, 'b');
  assert.deepEqual(byId(min, 'a').unmet, ['judge_overall 0.800, below the minimum 0.810']);
  // P90 ≤ 680 ms leaves d alone (a's P90 is 700): d, dominated only by a, is now on the front and recommended.
  const tight = pick({ p90LatencyTargetMs: 680 });
  assert.equal(tight.recommended, 'd');
  assert.deepEqual(
    tight.models.map((m) => m.ranked.paretoOptimal),
    [false, false, false, false, true],
  );
  assert.match(
    tight.recommendation.join('\n'),
    /Pareto-optimal on quality, latency and cost among the models that meet your constraints .*: D\./,
  );
  // Answers from a batch job have no latency: a P90 target cannot be checked for them.
  const batch = decide(
    {
      ...input,
      models: input.models.map((m) => (m.model === 'a' ? { ...m, batch: 'emulated', latencyP50Ms: null, latencyP90Ms: null } : m)),
    },
    { ...base, p90LatencyTargetMs: 2000 },
  );
  assert.deepEqual(byId(batch, 'a').unmet, ['P90 latency not measured — batch inference, so the 2000 ms target cannot be checked']);
});

test('when no non-inferior candidate meets the constraints, none is recommended, and the sentence says who misses what', () => {
  const d = pick({ monthlyBudgetUsd: 150, p90LatencyTargetMs: 600 });
  assert.equal(d.recommended, null);
  assert.match(
    d.recommendation[0],
    /^No candidate meets your constraints \(a monthly budget of \$150 at 100,000 requests, P90 latency ≤ 600 ms\) among those shown to be non-inferior to SRC on judge_overall within 0\.05: A — \$200 a month, over the \$150 budget; P90 latency 700 ms, above the 600 ms target; B — P90 latency 3000 ms, above the 600 ms target; D — \$250 a month, over the \$150 budget; P90 latency 650 ms, above the 600 ms target\. Keep the source model, or relax a constraint\.$/,
  );
  assert.ok(!d.caveats.some((c) => /winner's curse/.test(c)), 'nothing picked, no winner’s curse');
  // What the settings do not touch: the paired test results pass through unchanged.
  assert.deepEqual(
    input.models.map((m) => m.primary?.nonInferior ?? null),
    [null, true, true, false, true],
  );
});

test('the settings that differ from the configured ones, and a compare block that parses', () => {
  const now: DecisionSettings = { ...base, weights: { quality: 0.1, latency: 0.1, cost: 0.8 }, monthlyBudgetUsd: 150 };
  assert.deepEqual(changedSettings(base, now), [
    { key: 'compare.weights.quality', configured: 0.5, current: 0.1 },
    { key: 'compare.weights.latency', configured: 0.25, current: 0.1 },
    { key: 'compare.weights.cost', configured: 0.25, current: 0.8 },
    { key: 'compare.monthlyBudgetUsd', configured: null, current: 150 },
  ]);
  assert.deepEqual(changedSettings(base, { ...base }), []);
  const block = compareBlock(now, 0.05);
  assert.match(block, /^ {2}"compare": \{\n {4}"weights": \{ "quality": 0\.1, "latency": 0\.1, "cost": 0\.8 \},\n {4}"margin": 0\.05,/);
  assert.deepEqual(JSON.parse(`{${block}}`), {
    compare: {
      weights: now.weights,
      margin: 0.05,
      monthlyRequests: 100_000,
      monthlyBudgetUsd: 150,
      p90LatencyTargetMs: null,
      minPrimaryMetric: null,
    },
  });
});

test('the evidence is plain data: a JSON round trip (as the report embeds it) takes the same decision', () => {
  const again = JSON.parse(JSON.stringify(input)) as DecisionInput;
  for (const s of [{}, { monthlyBudgetUsd: 150 }, { weights: { quality: 0, latency: 0, cost: 1 } }] as Partial<DecisionSettings>[])
    assert.deepEqual(decide(again, { ...base, ...s }), pick(s));
});
