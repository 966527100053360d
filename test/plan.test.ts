import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findModel, loadCatalog, type CatalogModel } from '../src/core/catalog';
import { estimatePlan, type PlanModel } from '../src/steps/plan/cost-estimate';
import { estimateTokens } from '../src/core/tokens';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSession } from '../src/runs/session';
import { LARGE_DATASET_FACTOR, LARGE_DATASET_MIN, sampleSizeAdvice } from '../src/steps/plan/sample-size';

const catalog = loadCatalog();
const template = { name: 't', file: 't', text: 'Summarize: {{document}}', placeholders: ['document'] };

function model(id: string, extra: Partial<PlanModel> = {}): PlanModel {
  return { modelId: id, role: 'candidate', template, catalog: findModel(catalog, id), ...extra };
}

test('tokens and cost follow the documented formula', () => {
  const docs = [
    { document: 'alpha beta gamma', reference: 'alpha' },
    { document: 'delta epsilon', reference: null },
  ];
  const [plan] = estimatePlan([model('amazon.nova-lite-v1:0')], docs, { maxTokens: 100, callsPerDocument: 2 });
  const in1 = estimateTokens('Summarize: alpha beta gamma');
  const in2 = estimateTokens('Summarize: delta epsilon');
  assert.equal(plan.calls, 4);
  assert.equal(plan.estInputTokens, 2 * (in1 + in2));
  assert.equal(plan.estOutputTokens, 2 * (estimateTokens('alpha') + 100));
  const lite = findModel(catalog, 'amazon.nova-lite-v1:0')!;
  const expected =
    (plan.estInputTokens / 1000) * lite.pricePer1kInputTokens! + (plan.estOutputTokens / 1000) * lite.pricePer1kOutputTokens!;
  assert.ok(Math.abs(plan.estCostUsd! - expected) < 1e-15);
  assert.deepEqual(plan.docsOverContext, []);
});

test('documents that do not fit the context window are flagged by row number', () => {
  const tiny: CatalogModel = { ...findModel(catalog, 'amazon.nova-micro-v1:0')!, contextWindow: 60 };
  const docs = [{ document: 'short' }, { document: 'word '.repeat(80) }, { document: 'also short' }];
  const [plan] = estimatePlan([model('amazon.nova-micro-v1:0', { catalog: tiny })], docs, { maxTokens: 20 });
  assert.deepEqual(plan.docsOverContext, [2]);
  assert.match(plan.note, /1 document\(s\) exceed the 60-token context window/);
});

test('a recorded source makes no calls and an unknown model has no price', () => {
  const plans = estimatePlan(
    [
      model('anthropic.claude-3-sonnet-20240229-v1:0', { role: 'source', kind: 'recorded' }),
      model('acme.unknown-v1', { catalog: undefined }),
    ],
    [{ document: 'x' }],
    { maxTokens: 10 },
  );
  assert.equal(plans[0].calls, 0);
  assert.equal(plans[0].estCostUsd, null);
  assert.equal(plans[1].estCostUsd, null);
  assert.match(plans[1].note, /not in the model catalogue/);
});

test('a catalogue model whose price is unknown gets an unknown cost (null, with a note), never 0', () => {
  const [plan] = estimatePlan([model('qwen.qwen3-235b-a22b-2507-v1:0')], [{ document: 'alpha beta' }], { maxTokens: 10 });
  assert.equal(plan.calls, 1);
  assert.ok(plan.estInputTokens > 0);
  assert.equal(plan.estCostUsd, null);
  assert.equal(plan.pricePer1kInputUsd, null);
  assert.match(plan.note, /price unknown in the model catalogue: cost unknown/);
});

test('bad settings give a clear error', () => {
  assert.throws(() => estimatePlan([], [], { maxTokens: 0 }), /inference\.maxTokens/);
});

test('sample size: too few, enough, and a large dataset steered to a sample for steps 3–4 and batch inference for the rest', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sample-size-'));
  const session = await openSession({
    step: 1,
    env: { WORKSHOP_TRACKING_FILE: path.join(dir, 't.csv'), WORKSHOP_OUTPUTS_DIR: path.join(dir, 'out'), LOCAL_BEDROCK_LATENCY_SCALE: '0' },
  });
  try {
    const needed = sampleSizeAdvice(session, 10).needed;
    assert.ok(needed > 10);
    const few = sampleSizeAdvice(session, 10);
    assert.match(few.verdict, /^too few: 10 documents < \d+ needed/);
    assert.equal(few.sampleForSteps3And4, null);
    const enough = sampleSizeAdvice(session, needed);
    assert.match(enough.verdict, /^enough: /);
    assert.equal(enough.sampleForSteps3And4, null);
    const sample = Math.max(LARGE_DATASET_MIN, LARGE_DATASET_FACTOR * needed);
    assert.equal(sampleSizeAdvice(session, sample).sampleForSteps3And4, null, 'at the threshold: not yet large');
    const large = sampleSizeAdvice(session, 1_000_000);
    assert.equal(large.sampleForSteps3And4, sample);
    assert.match(
      large.verdict,
      new RegExp(
        `^more than enough: 1000000 documents, ${needed} needed — .* run them on a random sample of about ${sample} documents \\(save it as its own file and point WORKSHOP_DATASET at it\\), and send the whole dataset through batch inference \\(notebook 03, section 3\\.6`,
      ),
    );
  } finally {
    await session.close();
  }
});
