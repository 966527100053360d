import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkReportInBrowser, findChromium } from '../src/steps/compare/browser-check';
import { compareLatency, compareMetric, costFigures } from '../src/steps/compare/comparison';
import { migrationCharts, writeMigrationReport } from '../src/steps/compare/report';
import { checkWeights, dominates, rankModels } from '../src/steps/compare/ranking';
import { compareModels, comparisonTable, pText, recordComparison } from '../src/steps/compare/decision';
import { allModels } from '../src/core/config';
import { loadDataset } from '../src/core/dataset';
import { benchmarkModel } from '../src/steps/latency/benchmark';
import { recordLatency, summarizeModel } from '../src/steps/latency/summary';
import { openScratchSession } from './helpers/scratch-session';
import { runSteps3And4 } from './helpers/steps-3-4';

test('latency comparison: medians, % change, interval of the difference, verdict', () => {
  const source = [1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900];
  const faster = source.map((x) => x / 2);
  const c = compareLatency(source, faster);
  assert.equal(c.sourceMedian, 1450);
  assert.equal(c.candidateMedian, 725);
  assert.equal(c.medianChangePct, -50);
  assert.equal(c.diffMedian, -725);
  assert.ok(c.diffUpper! < 0 && c.pValue! < 0.05);
  assert.equal(c.verdict, 'faster');
  assert.equal(compareLatency(source, [...source].reverse()).verdict, 'no clear difference');
  assert.equal(compareLatency(source, [900]).verdict, 'not enough data');
});

test('non-inferiority: the lower bound of the difference against −margin', () => {
  const source = [0.8, 0.82, 0.78, 0.81, 0.79, 0.8, 0.83, 0.77];
  assert.equal(
    compareMetric(
      'overall',
      source,
      source.map((x) => x - 0.01),
      0.05,
    ).nonInferior,
    true,
  );
  assert.equal(
    compareMetric(
      'overall',
      source,
      source.map((x) => x - 0.2),
      0.05,
    ).nonInferior,
    false,
  );
  assert.equal(compareMetric('overall', source, [0.9], 0.05).nonInferior, null);
  assert.deepEqual(costFigures([0.002, 0.004, null], 10_000), { costPerRequest: 0.003, costPer1kRequests: 3, monthly: 30 });
  assert.deepEqual(costFigures([null], 10), { costPerRequest: null, costPer1kRequests: null, monthly: null });
  assert.equal(pText(0.0001), '< 0.001');
  assert.equal(pText(0.0421), '0.042');
});

test('ranking: weights, composite, Pareto front; zero weights are refused', () => {
  const models = [
    { model: 'best-quality', quality: 0.9, latencyMs: 3000, cost: 5 },
    { model: 'cheap-fast', quality: 0.7, latencyMs: 800, cost: 0.1 },
    { model: 'dominated', quality: 0.65, latencyMs: 900, cost: 0.2 },
    { model: 'middle', quality: 0.8, latencyMs: 1500, cost: 1 },
  ];
  const r = rankModels(models, { quality: 1, latency: 0, cost: 0 });
  assert.deepEqual(
    r.map((x) => x.rank),
    [1, 3, 4, 2],
  );
  assert.deepEqual(
    r.map((x) => x.paretoOptimal),
    [true, true, false, true],
  );
  assert.equal(dominates(models[1], models[2]), true);
  assert.equal(rankModels(models, { quality: 0, latency: 0, cost: 1 })[1].rank, 1);
  assert.throws(() => checkWeights({ quality: 0, latency: 0, cost: 0 }), /weights sum to 0/);
  assert.throws(() => checkWeights({ quality: -1, latency: 1, cost: 1 }), /"quality" must be a number ≥ 0/);
  // A lone model without a cost: measured against itself (composite 0), cost left out and said so, not on the Pareto front.
  const alone = rankModels([{ model: 'only', quality: 0.5, latencyMs: 100, cost: null }]);
  assert.deepEqual([alone[0].rank, alone[0].composite, alone[0].paretoOptimal], [1, 0, false]);
  assert.ok(
    alone[0].notes.some((n) => /cost left out of the composite/.test(n)) &&
      alone[0].notes.some((n) => /not on the Pareto front: cost unknown/.test(n)),
  );
});

const fullSession = (env: Record<string, string> = {}) =>
  openScratchSession('compare', {
    LOCAL_BEDROCK_LATENCY_SCALE: '0.01',
    WORKSHOP_CANDIDATE_MODELS: 'amazon.nova-lite-v1:0,amazon.nova-micro-v1:0',
    ...env,
  });

test('step 5 with steps 3–4 missing for some models: says what is missing, never a broken report; an unknown price shows as unknown', async () => {
  const { s } = await fullSession({ WORKSHOP_CANDIDATE_MODELS: 'qwen.qwen3-235b-a22b-2507-v1:0,amazon.nova-micro-v1:0' });
  try {
    const docs = (await loadDataset(s.config)).rows.slice(0, 4);
    const [source, lite] = allModels(s.config);
    const results = [await benchmarkModel(s, source, docs, { print: () => {} }), await benchmarkModel(s, lite, docs, { print: () => {} })];
    recordLatency(
      s,
      results,
      results.map((r) => summarizeModel(r)),
    );
    const c = compareModels(s);
    assert.ok(
      c.caveats.some((x) =>
        /Amazon Nova Micro \(amazon\.nova-micro-v1:0\): step 3 \(latency\): no step-3 results recorded for this model/.test(x),
      ),
    );
    assert.ok(c.caveats.some((x) => /step 4 \(quality\): no step-4 results recorded/.test(x)));
    assert.match(c.recommendation[0], /Quality was not measured for the source .* no recommendation can rest on quality/);
    // The ranking says what it could not do: quality left out for all (no step 4), micro unranked.
    assert.ok(
      c.caveats.some((x) => /^Ranking: quality left out of the composite: the source model .* has no quality figure/.test(x)),
      c.caveats.join('\n'),
    );
    assert.ok(c.caveats.includes('amazon.nova-micro-v1:0: not ranked: latency and cost unknown.'), c.caveats.join('\n'));
    const table = comparisonTable(c);
    assert.equal(table.length, 3);
    assert.equal(table[2]['P50 ms (vs source)'], null);
    assert.equal(table[1]['$ / 1k requests'], 'unknown', 'a price the catalogue does not know is unknown, never 0');
    assert.equal(table[1]['$ / month'], 'unknown');
    assert.match(String(table[0]['$ / 1k requests']), /^\d[\d.,]*$/, 'a known cost is a number, formatted like everywhere else');
    assert.equal(table[2]['$ / 1k requests'], null, 'not measured is empty');
    assert.ok(c.caveats.some((x) => /Cost unknown for .*qwen\.qwen3-235b-a22b-2507-v1:0/.test(x)));
    const file = writeMigrationReport(s, c, migrationCharts(c, s.label));
    assert.match(readFileSync(file, 'utf8'), /no step-3 results recorded for this model/);
  } finally {
    await s.close();
  }
});

test('the full comparison recommends, records the tracking columns, and the report renders in a real browser', async () => {
  const { s } = await fullSession();
  try {
    const docs = (await loadDataset(s.config)).rows.slice(0, 5);
    await runSteps3And4(s, docs);
    const c = compareModels(s, { weights: { quality: 1, latency: 1, cost: 1 }, margin: 0.05, monthlyRequests: 50_000 });
    assert.match(c.recommendation.join('\n'), /^(Recommended: |No candidate)/);
    assert.ok(c.caveats.some((x) => x.startsWith('OFFLINE')));
    recordComparison(s, c);
    const lite = s.tracking.rows.find((r) => r.model === 'amazon.nova-lite-v1:0')!;
    assert.ok(
      typeof lite.cost_per_1k_requests_usd === 'number' && typeof lite.rank === 'number' && typeof lite.pareto_optimal === 'boolean',
    );
    assert.ok(Math.abs((lite.monthly_cost_usd as number) - (lite.cost_per_1k_requests_usd as number) * 50) <= 0.01); // 50,000 requests = 50 × 1,000
    const charts = migrationCharts(c, s.label);
    const file = writeMigrationReport(s, c, charts);
    const html = readFileSync(file, 'utf8');
    assert.ok(html.length > 1_000_000, 'plotly.js is embedded');
    assert.ok(!/<script src=/.test(html), 'no external script: the report works offline');
    for (const chart of charts) assert.ok(html.includes(`id="${chart.id}"`));
    assert.match(html, /OFFLINE results/);

    const chromium = findChromium();
    if (!chromium) {
      assert.ok(!process.env.CI, 'CI must install Chromium (.ci/run) to test the report in a browser');
      return;
    }
    const shot = path.join(s.outputsDir, 'report.png');
    const check = await checkReportInBrowser(file, shot, chromium);
    assert.deepEqual(check.errors, []);
    assert.equal(check.charts, charts.length);
    assert.equal(check.rendered, charts.length);
    assert.ok(existsSync(shot) && readFileSync(shot).subarray(1, 4).toString() === 'PNG');
  } finally {
    await s.close();
  }
});
