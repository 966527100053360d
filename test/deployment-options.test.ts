import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogModel, ModelCatalog } from '../src/core/catalog';
import { allModels } from '../src/core/config';
import { loadDataset } from '../src/core/dataset';
import { optionCallCost, optionPrices, planDeploymentOptions, routeOf } from '../src/core/deployment-options';
import { optionResultsOf, readOptionResults, summarizeOptionRows } from '../src/results';
import { recordDeploymentOptions, runDeploymentOptions } from '../src/steps/latency/options';
import { deploymentOptionsView } from '../src/steps/compare/options-table';
import type { Comparison } from '../src/steps/compare/decision';
import { openScratchSession } from './helpers/scratch-session';

/** A catalogue entry with only what the option rules read; prices per 1,000 tokens. */
function entry(over: Partial<CatalogModel>): CatalogModel {
  return {
    modelId: 'acme.model-v1:0',
    name: 'Acme Model',
    provider: 'Acme',
    family: 'nova',
    contextWindow: 100_000,
    maxOutputTokens: 4096,
    inferenceProfiles: [],
    pricePer1kInputTokens: 0.001,
    pricePer1kOutputTokens: 0.004,
    latency: { timeToFirstTokenMs: { median: 300, sigma: 0.1 }, outputTokensPerSecond: { median: 100, sigma: 0.1 } },
    emulation: { tier: 2 },
    sources: { price: 'test' },
    ...over,
  };
}
const catalog = (...models: CatalogModel[]): ModelCatalog => ({ about: 'test', models });

const FULL = entry({
  modelId: 'acme.full-v1:0',
  name: 'Acme Full',
  inferenceProfiles: ['us.acme.full-v1:0', 'eu.acme.full-v1:0', 'global.acme.full-v1:0'],
  inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'],
  features: { serviceTiers: ['priority', 'default', 'flex'], latencyOptimized: true, promptCaching: true },
  pricing: {
    region: 'us-east-1',
    basis: 'test table',
    cacheReadPer1kInputTokens: 0.0001,
    cacheWritePer1kInputTokens: 0.00125,
    batch: { per1kInputTokens: 0.0005, per1kOutputTokens: 0.002 },
    serviceTiers: { priority: { per1kInputTokens: 0.00175, per1kOutputTokens: 0.007 }, flex: null },
    latencyOptimized: { per1kInputTokens: 0.00125, per1kOutputTokens: 0.005 },
    globalProfile: { per1kInputTokens: 0.0009, per1kOutputTokens: 0.0036 },
    geoProfile: null,
  },
});
const PROFILE_ONLY = entry({
  modelId: 'acme.lean-v1:0',
  name: 'Acme Lean',
  inferenceProfiles: ['us.acme.lean-v1:0'],
  inferenceTypesSupported: ['INFERENCE_PROFILE'],
  features: { serviceTiers: ['default'], latencyOptimized: false, promptCaching: false },
});

const byId = (options: ReturnType<typeof planDeploymentOptions>) => Object.fromEntries(options.map((o) => [o.id, o]));

test('routes: a global. profile, a geography profile and the bare model id are told apart', () => {
  assert.equal(routeOf('global.acme.full-v1:0', FULL), 'global-profile');
  assert.equal(routeOf('us.acme.full-v1:0', FULL), 'geo-profile');
  assert.equal(routeOf('acme.full-v1:0', FULL), 'in-region');
  assert.equal(routeOf('eu.other.model-v1:0', undefined), 'geo-profile');
  assert.equal(routeOf('other.model-v1:0', undefined), 'in-region');
});

test('a model that offers every option: all are called, the configured route is the baseline and not repeated', () => {
  const plan = planDeploymentOptions(catalog(FULL), 'acme.full-v1:0', 'us-east-1');
  assert.deepEqual(
    plan.map((o) => o.id),
    ['standard', 'geo-profile', 'global-profile', 'priority', 'flex', 'latency-optimized', 'prompt-cache', 'batch'],
  );
  const o = byId(plan);
  assert.equal(o.standard.modelId, 'acme.full-v1:0');
  assert.equal(o.standard.route, 'in-region');
  assert.equal(o['geo-profile'].modelId, 'us.acme.full-v1:0'); // the region's geography, not eu.
  assert.equal(o['global-profile'].modelId, 'global.acme.full-v1:0');
  assert.ok(plan.filter((x) => x.kind === 'measured').every((x) => x.support === 'supported' && x.modelId));
  assert.equal(o.priority.serviceTier, 'priority');
  assert.equal(o['latency-optimized'].latency, 'optimized');
  assert.equal(o['prompt-cache'].promptCache, true);
  assert.equal(o.batch.kind, 'priced');
  // From eu-west-1 the geography profile is eu.
  assert.equal(byId(planDeploymentOptions(catalog(FULL), 'acme.full-v1:0', 'eu-west-1'))['geo-profile'].modelId, 'eu.acme.full-v1:0');
});

test('bad input: options the catalogue says a model lacks are skipped with the reason, and never called', () => {
  const o = byId(planDeploymentOptions(catalog(PROFILE_ONLY), 'us.acme.lean-v1:0', 'us-east-1'));
  assert.equal(o.standard.route, 'geo-profile');
  assert.equal(o['geo-profile'], undefined, 'the configured route is the standard row');
  const expect: Record<string, RegExp> = {
    'in-region': /only through an inference profile/,
    'global-profile': /no global\. inference profile/,
    priority: /offers the tiers default \(features\.serviceTiers\), not priority/,
    flex: /not flex/,
    'latency-optimized': /no latency-optimized inference \(features\.latencyOptimized false\)/,
    'prompt-cache': /no prompt caching \(features\.promptCaching false\)/,
  };
  for (const [id, reason] of Object.entries(expect)) {
    assert.equal(o[id].support, 'unsupported', id);
    assert.equal(o[id].modelId, null, `${id} is not called`);
    assert.match(o[id].reason, reason);
  }
});

test('features the catalogue does not state are tried (Bedrock decides), and a model unknown to the catalogue runs what it can', () => {
  const silent = entry({ modelId: 'acme.silent-v1:0', name: 'Acme Silent', features: {} });
  const o = byId(planDeploymentOptions(catalog(silent), 'acme.silent-v1:0', 'us-east-1'));
  for (const id of ['priority', 'flex', 'latency-optimized', 'prompt-cache']) {
    assert.equal(o[id].support, 'unknown', id);
    assert.equal(o[id].modelId, 'acme.silent-v1:0');
    assert.match(o[id].reason, /does not say whether Acme Silent supports/);
  }
  const u = byId(planDeploymentOptions(catalog(FULL), 'us.stranger.model-v2:0', 'us-east-1'));
  assert.equal(u.standard.modelId, 'us.stranger.model-v2:0');
  assert.equal(u.priority.support, 'unknown');
  assert.match(u['in-region'].reason, /not in the model catalogue/);
  assert.match(u['global-profile'].reason, /not in the model catalogue/);
  const prices = optionPrices(catalog(FULL), 'us.stranger.model-v2:0', u.standard);
  assert.deepEqual([prices.input, prices.output], [null, null]);
  assert.match(prices.basis, /not in the model catalogue: price unknown/);
  assert.equal(optionCallCost(prices, { input: 100, output: 50 }), null);
});

test('option prices are the catalogue published values; a null or missing price is unknown, never 0', () => {
  const c = catalog(FULL);
  const plan = byId(planDeploymentOptions(c, 'acme.full-v1:0', 'us-east-1'));
  const p = (id: string) => optionPrices(c, 'acme.full-v1:0', plan[id]);
  assert.deepEqual([p('standard').input, p('standard').output], [0.001, 0.004]);
  assert.deepEqual([p('priority').input, p('priority').output], [0.00175, 0.007]);
  assert.deepEqual([p('latency-optimized').input, p('latency-optimized').output], [0.00125, 0.005]);
  assert.deepEqual([p('global-profile').input, p('global-profile').output], [0.0009, 0.0036]);
  assert.deepEqual([p('batch').input, p('batch').output], [0.0005, 0.002]);
  assert.deepEqual([p('prompt-cache').cacheRead, p('prompt-cache').cacheWrite], [0.0001, 0.00125]);
  // null in the catalogue: unknown.
  assert.deepEqual([p('flex').input, p('flex').output], [null, null]);
  assert.match(p('flex').basis, /flex-tier price unknown/);
  assert.deepEqual([p('geo-profile').input, p('geo-profile').output], [null, null]);
  // 1,000 input + 500 output tokens: $0.001 + $0.002 standard; priority $0.00175 + $0.0035.
  assert.ok(Math.abs(optionCallCost(p('standard'), { input: 1000, output: 500 })! - 0.003) < 1e-12);
  assert.ok(Math.abs(optionCallCost(p('priority'), { input: 1000, output: 500 })! - 0.00525) < 1e-12);
  assert.equal(optionCallCost(p('flex'), { input: 1000, output: 500 }), null);
  // Cache: 200 uncached + 2,000 read + 0 written.
  assert.ok(
    Math.abs(optionCallCost(p('prompt-cache'), { input: 200, output: 500, cacheRead: 2000, cacheWrite: 0 })! - (0.0002 + 0.002 + 0.0002)) <
      1e-12,
  );
  // A model without tier, cache or batch prices: unknown (absent), and an absent profile price is the on-demand one.
  const lean = catalog(PROFILE_ONLY);
  const leanPlan = byId(planDeploymentOptions(lean, 'us.acme.lean-v1:0', 'us-east-1'));
  assert.equal(optionPrices(lean, 'us.acme.lean-v1:0', leanPlan.batch).input, null);
  assert.equal(optionPrices(lean, 'us.acme.lean-v1:0', leanPlan.priority).output, null);
  const geo = optionPrices(lean, 'us.acme.lean-v1:0', leanPlan.standard);
  assert.deepEqual([geo.input, geo.output], [0.001, 0.004]);
  assert.match(geo.basis, /no separate geography-profile price/);
  const noRead = optionPrices(lean, 'us.acme.lean-v1:0', leanPlan['prompt-cache']);
  assert.equal(optionCallCost(noRead, { input: 100, output: 10, cacheRead: 1000, cacheWrite: 0 }), null);
  assert.equal(optionCallCost(noRead, { input: 100, output: 10, cacheRead: 0, cacheWrite: 0 }), 0.0001 + 0.00004);
  assert.equal(optionCallCost(p('standard'), { input: null, output: 10 }), null, 'unknown token counts: unknown cost');
});

test('step 3 → step 5 offline: every option a row (measured, refused with Bedrock’s message, or skipped with the reason), a cache that is read, and the priced table', async () => {
  const NOVA2 = 'us.amazon.nova-2-lite-v1:0';
  // Bedrock refuses an option the catalogue says is there: the refusal is that option's result.
  process.env.LOCAL_BEDROCK_DENIED_MODELS = 'global.amazon.nova-2-lite-v1:0';
  const { s, dir } = await openScratchSession('options', { WORKSHOP_CANDIDATE_MODELS: NOVA2, WORKSHOP_OPTION_DOCUMENTS: '3' });
  delete process.env.LOCAL_BEDROCK_DENIED_MODELS;
  const prefix = path.join(dir, 'shared.txt');
  // A long shared system prompt (about 2,000 tokens): above every model's cache minimum.
  writeFileSync(
    prefix,
    Array.from({ length: 160 }, (_, i) => `Rule ${i + 1}: keep the summary factual, short and in plain business English.`).join('\n'),
  );
  try {
    s.config.deploymentOptions.sharedPrefixFile = path.relative(path.resolve(__dirname, '..'), prefix);
    const docs = (await loadDataset(s.config)).rows;
    const runs = await runDeploymentOptions(s, docs, [], { print: () => {} });
    assert.equal(runs.length, 1);
    const run = runs[0];
    const plan = planDeploymentOptions(s.catalog, NOVA2, s.config.region).filter((o) => o.kind === 'measured');
    const summaries = summarizeOptionRows(run.rows);
    assert.deepEqual(
      summaries.map((x) => x.option),
      plan.map((o) => o.id),
    );
    for (const o of plan) {
      const x = summaries.find((y) => y.option === o.id)!;
      if (o.support === 'unsupported') {
        assert.equal(x.status, 'skipped', o.id);
        assert.equal(x.reason, o.reason);
      } else if (o.id === 'global-profile') {
        assert.equal(x.status, 'refused');
        assert.match(x.reason, /AccessDeniedException — You don't have access to the model/);
      } else if (o.support === 'supported') assert.equal(x.status, 'measured', `${o.id}: ${x.reason}`);
      else assert.ok(x.status === 'measured' || (x.status === 'refused' && x.reason.length > 0), `${o.id}: ${x.status}`);
      if (x.status !== 'skipped') assert.equal(x.calls, 3, o.id);
    }
    const cache = summaries.find((x) => x.option === 'prompt-cache')!;
    if (cache.status === 'measured') {
      assert.ok(cache.cacheHits >= 2, `the calls after the first read the cache (${cache.cacheHits})`);
      assert.ok(cache.tokens.cacheRead! > 1000);
    }
    // The rows go through the file and the tracking pointer, as step 5 reads them.
    recordDeploymentOptions(s, runs);
    const back = optionResultsOf(s.tracking, NOVA2);
    assert.ok(back.ok);
    assert.deepEqual(back.rows, readOptionResults(run.resultFile!));
    assert.equal(back.rows.length, run.rows.length);

    // Step 5's table for this model as if recommended, then with no recommendation.
    const fake = (recommended: string | null) =>
      ({
        recommended,
        settings: s.config.compare,
        models: [{ model: NOVA2, role: 'candidate', ranked: { rank: 1 } }],
      }) as unknown as Comparison;
    const view = deploymentOptionsView(s, fake(NOVA2));
    assert.equal(view.basis, 'recommended');
    assert.match(view.title, /recommended candidate: Amazon Nova 2 Lite/);
    const batch = view.rows.at(-1)!;
    assert.match(String(batch.option), /^Batch inference/);
    assert.match(String(batch['P50 ms (emulated)']), /asynchronous/);
    assert.match(String(batch.note), /asynchronous job/);
    const standard = view.rows.find((r) => String(r.option).includes('as configured'))!;
    assert.match(String(standard['$ / 1k requests']), /^\$\d/);
    assert.match(String(standard['$ / month (100,000 requests)']), /^\$\d/);
    assert.ok(view.rows.filter((r) => r.status === 'skipped' || r.status === 'refused').every((r) => r['$ / 1k requests'] === '—'));
    assert.ok(
      view.rows.every((r) => r['$ / 1k requests'] !== '$0'),
      'no cost is shown as 0',
    );
    assert.match(view.notes.join(' '), /EMULATED/);
    const none = deploymentOptionsView(s, fake(null));
    assert.equal(none.basis, 'best-ranked');
    assert.match(none.title, /best-ranked candidate \(NOT recommended\)/);
    assert.match(none.notes[0], /^NOT A RECOMMENDATION: no candidate is recommended/);
  } finally {
    await s.close();
  }
});

test('bad input: deploymentOptions.models naming a model that is not configured stops with the key and the fix', async () => {
  const { s } = await openScratchSession('options');
  try {
    s.config.deploymentOptions.models = ['acme.nowhere-v1:0'];
    await assert.rejects(
      runDeploymentOptions(s, [], []),
      /deploymentOptions\.models names acme\.nowhere-v1:0.*Fix: use ids as they appear/s,
    );
    s.config.deploymentOptions.models = null;
    s.config.deploymentOptions.documents = 0;
    const off = await runDeploymentOptions(s, [], [], { print: () => {} });
    assert.equal(off.length, allModels(s.config).filter((m) => m.role === 'candidate').length);
    assert.ok(off.every((r) => r.status === 'skipped' && r.rows.length === 0));
  } finally {
    await s.close();
  }
});
