import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { callCostUsd, findModel, loadCatalog } from '../src/core/catalog';

test('the shipped catalogue covers the workshop line-up', () => {
  const catalog = loadCatalog();
  for (const id of [
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

test('findModel resolves inference profiles and ARNs to their model', () => {
  const catalog = loadCatalog();
  assert.equal(findModel(catalog, 'us.amazon.nova-lite-v1:0')?.modelId, 'amazon.nova-lite-v1:0');
  assert.equal(findModel(catalog, 'eu.amazon.nova-lite-v1:0')?.modelId, 'amazon.nova-lite-v1:0');
  assert.equal(
    findModel(catalog, 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0')?.modelId,
    'amazon.nova-pro-v1:0',
  );
  assert.equal(findModel(catalog, 'no.such-model'), undefined);
});

test('callCostUsd uses the per-1,000-token prices', () => {
  const haiku = findModel(loadCatalog(), 'anthropic.claude-3-haiku-20240307-v1:0')!;
  // 2,000 input tokens at $0.00025/1k + 400 output tokens at $0.00125/1k
  assert.ok(Math.abs(callCostUsd(haiku, 2000, 400) - (0.0005 + 0.0005)) < 1e-12);
});

test('a broken catalogue names the file and the field', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
  const file = path.join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({ models: [{ modelId: 'x.y', contextWindow: 'big' }] }));
  assert.throws(() => loadCatalog(file), /bad\.json.*x\.y.*contextWindow/);
  writeFileSync(file, '{ not json');
  assert.throws(() => loadCatalog(file), /Cannot read the model catalogue .*bad\.json/);
});
