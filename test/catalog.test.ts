import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  callCostUsd,
  catalogMarkdown,
  daysBetween,
  findModel,
  hasKnownPrice,
  lifecycleState,
  loadCatalog,
  profilesForRegion,
  regionGeography,
  requiresInferenceProfile,
} from '../src/core/catalog';
import { WorkshopError } from '../src/core/errors';

const ROOT = path.resolve(__dirname, '..');
const shipped = () => JSON.parse(readFileSync(path.join(ROOT, 'data', 'model_catalog.json'), 'utf8'));
const GOOD = shipped().models.find((m: { modelId: string }) => m.modelId === 'amazon.nova-micro-v1:0');

/** Write a catalogue with the given models to a temporary file and load it. */
function load(models: unknown[], extra: Record<string, unknown> = {}) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'catalog-')), 'cat.json');
  writeFileSync(file, JSON.stringify({ about: 'test', ...extra, models }));
  return loadCatalog(file);
}
const broken = (patch: Record<string, unknown>) => ({ ...GOOD, ...patch });

test("the shipped catalogue keeps the first workshop's eight models", () => {
  const catalog = loadCatalog();
  for (const id of [
    'anthropic.claude-3-sonnet-20240229-v1:0',
    'anthropic.claude-3-haiku-20240307-v1:0',
    'anthropic.claude-3-5-haiku-20241022-v1:0',
    'anthropic.claude-3-7-sonnet-20250219-v1:0',
    'amazon.nova-micro-v1:0',
    'amazon.nova-lite-v1:0',
    'amazon.nova-pro-v1:0',
    'meta.llama3-1-8b-instruct-v1:0',
  ]) {
    assert.ok(findModel(catalog, id), `missing ${id}`);
  }
});

test("the shipped catalogue is current: as-of date, five providers or more, today's models with lifecycle and sources", () => {
  const catalog = loadCatalog();
  assert.equal(catalog.asOf, '2026-11-24');
  assert.ok(new Set(catalog.models.map((m) => m.provider)).size >= 5);
  for (const id of [
    'anthropic.claude-sonnet-4-5-20250929-v1:0',
    'anthropic.claude-haiku-4-5-20251001-v1:0',
    'anthropic.claude-opus-4-1-20250805-v1:0',
    'amazon.nova-2-lite-v1:0',
    'amazon.nova-premier-v1:0',
    'meta.llama4-scout-17b-instruct-v1:0',
    'meta.llama4-maverick-17b-instruct-v1:0',
    'openai.gpt-oss-120b-1:0',
    'mistral.mistral-large-3-675b-instruct',
    'deepseek.v3.2',
    'qwen.qwen3-235b-a22b-2507-v1:0',
  ])
    assert.ok(findModel(catalog, id), `missing ${id}`);
  for (const m of catalog.models) {
    assert.ok(m.lifecycle, `${m.modelId} has no lifecycle`);
    assert.ok(m.sources.price && m.sources.latency && m.sources.lifecycle, `${m.modelId} lacks a price, latency or lifecycle source`);
    if (m.lifecycle!.status === 'LEGACY') assert.ok(m.lifecycle!.endOfLifeDate, m.modelId);
    if (requiresInferenceProfile(m)) assert.ok(m.inferenceProfiles.length > 0, m.modelId);
    // A price is a number or null (unknown) — never a silent 0 standing for "unknown".
    for (const p of [m.pricePer1kInputTokens, m.pricePer1kOutputTokens]) assert.ok(p === null || p > 0, `${m.modelId}: price ${p}`);
    // New entries say where their latency comes from: a benchmark or an estimate with its reasoning.
    if (!m.sources.latency.startsWith('approximate')) assert.match(m.sources.latency, /estimate|https:\/\//, m.modelId);
  }
});

test('Bedrock lifecycle dates as the model lifecycle page lists them', () => {
  const catalog = loadCatalog();
  const sonnet45 = findModel(catalog, 'anthropic.claude-sonnet-4-5-20250929-v1:0')!;
  assert.deepEqual(sonnet45.lifecycle, {
    status: 'LEGACY',
    launchDate: '2025-09-30',
    legacyDate: '2026-10-08',
    publicExtendedAccessDate: '2027-01-08',
    endOfLifeDate: '2027-04-08',
  });
  assert.equal(lifecycleState(sonnet45, '2026-11-24'), 'LEGACY');
  assert.equal(lifecycleState(sonnet45, '2027-04-08'), 'END_OF_LIFE');
  assert.equal(lifecycleState(findModel(catalog, 'anthropic.claude-3-sonnet-20240229-v1:0'), '2026-11-24'), 'END_OF_LIFE');
  assert.equal(lifecycleState(findModel(catalog, 'amazon.nova-2-lite-v1:0'), '2026-11-24'), 'ACTIVE');
  assert.equal(lifecycleState(undefined), 'UNKNOWN');
});

test('findModel resolves inference profiles (geography and global) and ARNs to their model', () => {
  const catalog = loadCatalog();
  assert.equal(findModel(catalog, 'us.amazon.nova-lite-v1:0')?.modelId, 'amazon.nova-lite-v1:0');
  assert.equal(findModel(catalog, 'eu.amazon.nova-lite-v1:0')?.modelId, 'amazon.nova-lite-v1:0');
  assert.equal(findModel(catalog, 'global.anthropic.claude-sonnet-4-6')?.modelId, 'anthropic.claude-sonnet-4-6');
  assert.equal(findModel(catalog, 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0')?.modelId, 'amazon.nova-pro-v1:0');
  assert.equal(findModel(catalog, 'no.such-model'), undefined);
});

test('inference profiles: which models need one, and which ids a region may use', () => {
  const catalog = loadCatalog();
  const sonnet = findModel(catalog, 'anthropic.claude-sonnet-4-5-20250929-v1:0')!;
  assert.equal(requiresInferenceProfile(sonnet), true);
  assert.deepEqual(profilesForRegion(sonnet, 'us-east-1'), [
    'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
  ]);
  assert.deepEqual(profilesForRegion(sonnet, 'ap-northeast-1'), [
    'jp.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
  ]);
  assert.equal(requiresInferenceProfile(findModel(catalog, 'anthropic.claude-haiku-4-5-20251001-v1:0')!), false);
  assert.equal(
    requiresInferenceProfile(findModel(catalog, 'amazon.nova-micro-v1:0')!),
    false,
    'absent inferenceTypesSupported means ON_DEMAND',
  );
  assert.deepEqual(regionGeography('eu-west-1'), ['eu']);
  assert.deepEqual(regionGeography('ap-southeast-2'), ['apac', 'au']);
});

test('callCostUsd uses the per-1,000-token prices, and an unknown price gives an unknown cost (null, never 0)', () => {
  const catalog = loadCatalog();
  const haiku = findModel(catalog, 'anthropic.claude-3-haiku-20240307-v1:0')!;
  // 2,000 input tokens at $0.00025/1k + 400 output tokens at $0.00125/1k
  assert.ok(Math.abs(callCostUsd(haiku, 2000, 400)! - (0.0005 + 0.0005)) < 1e-12);
  const qwen = findModel(catalog, 'qwen.qwen3-235b-a22b-2507-v1:0')!;
  assert.equal(hasKnownPrice(qwen), false);
  assert.equal(callCostUsd(qwen, 1000, 100), null);
  assert.equal(callCostUsd(qwen, 0, 0), 0, 'no tokens cost nothing, whatever the price');
  assert.equal(hasKnownPrice(haiku), true);
});

test('a broken catalogue names the file, the model and the field, with a fix', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
  const file = path.join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({ models: [{ modelId: 'x.y', contextWindow: 'big' }] }));
  assert.throws(() => loadCatalog(file), /bad\.json.*x\.y.*contextWindow.*Fix:/);
  writeFileSync(file, '{ not json');
  assert.throws(
    () => loadCatalog(file),
    (e: unknown) => e instanceof WorkshopError && /Cannot read the model catalogue .*bad\.json/.test(e.message) && /Fix:/.test(e.message),
  );
});

test('each kind of bad entry is refused with the field named', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ pricePer1kInputTokens: -1 }, /amazon\.nova-micro-v1:0 has an invalid "pricePer1kInputTokens"/],
    [{ pricePer1kInputTokens: null, notes: undefined }, /"notes": a price is unknown/],
    [{ lifecycle: { status: 'LEGACY' } }, /"lifecycle\.endOfLifeDate": a LEGACY model needs its end-of-life date/],
    [
      { lifecycle: { status: 'LEGACY', legacyDate: '2026-05-01', endOfLifeDate: '2026-01-01' } },
      /endOfLifeDate 2026-01-01 is before legacyDate/,
    ],
    [{ lifecycle: { status: 'RETIRED' } }, /"lifecycle\.status"/],
    [{ lifecycle: { status: 'ACTIVE', endOfLifeDate: '1 May 2027' } }, /"lifecycle\.endOfLifeDate": a date written YYYY-MM-DD/],
    [
      { inferenceTypesSupported: ['INFERENCE_PROFILE'], inferenceProfiles: [] },
      /"inferenceProfiles": the model is callable only through an inference profile/,
    ],
    [{ inferenceProfiles: ['us.amazon.nova-lite-v1:0'] }, /not a profile of amazon\.nova-micro-v1:0/],
    [{ maxOutputTokens: 0 }, /"maxOutputTokens"/],
    [{ emulation: { tier: 5 } }, /"emulation\.tier"/],
    [{ features: { tools: 'yes' } }, /"features\.tools"/],
    [
      { pricing: { region: 'us-east-1', basis: 'x', batch: { per1kInputTokens: 'cheap', per1kOutputTokens: 1 } } },
      /"pricing\.batch\.per1kInputTokens"/,
    ],
    [{ contextWindw: 5 }, /unknown field\(s\) "contextWindw" \(a typo\?\)/],
    [{ sources: {} }, /"sources\.price"/],
  ];
  for (const [patch, expected] of cases) {
    assert.throws(
      () => load([broken(patch)]),
      (e: unknown) => {
        assert.ok(e instanceof WorkshopError, String(e));
        assert.match(e.message, expected);
        assert.match(e.message, /Fix: correct/);
        assert.equal(e.context.model, 'amazon.nova-micro-v1:0');
        return true;
      },
      JSON.stringify(patch),
    );
  }
});

test('duplicate model or profile ids are refused; a minimal entry loads with defaults', () => {
  assert.throws(() => load([GOOD, GOOD]), /"amazon\.nova-micro-v1:0" appears twice/);
  const minimal = { ...GOOD, inferenceProfiles: undefined, pricing: undefined, lifecycle: undefined, features: undefined };
  const catalog = load([minimal]);
  assert.deepEqual(catalog.models[0].inferenceProfiles, []);
  assert.equal(lifecycleState(catalog.models[0]), 'UNKNOWN');
});

test('daysBetween counts calendar days in UTC', () => {
  assert.equal(daysBetween('2026-11-24', '2027-04-08'), 135);
  assert.equal(daysBetween('2026-11-24', '2026-07-30'), -117);
  assert.equal(daysBetween(new Date('2026-11-24T23:59:00Z'), '2026-11-25'), 1);
});

test('docs/model-catalog.md shows the current catalogue (regenerate with scripts/update-docs.ts)', () => {
  const doc = readFileSync(path.join(ROOT, 'docs', 'model-catalog.md'), 'utf8');
  assert.ok(
    doc.includes(catalogMarkdown(loadCatalog())),
    'docs/model-catalog.md is out of date: run `node --import tsx scripts/update-docs.ts`',
  );
  assert.match(catalogMarkdown(loadCatalog()), /\| `qwen\.qwen3-235b-a22b-2507-v1:0` \| .* \| unknown \/ unknown \|/);
});
