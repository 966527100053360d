import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allModels, loadConfig } from '../src/core/config';
import { loadDataset } from '../src/core/dataset';

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));

/** Every leaf of a JSON value as `path → value`. */
function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) for (const [p, x] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, x);
  else out.set(prefix, value);
  return out;
}

test('workshop.pt-BR.config.json equals workshop.config.json except the language, the dataset, the prompt templates and the paths', () => {
  const en = leaves(read('workshop.config.json'));
  const pt = leaves(read('workshop.pt-BR.config.json'));
  assert.deepEqual([...pt.keys()].sort(), [...en.keys()].sort(), 'the same keys');
  const differing = [...en.keys()].filter((k) => JSON.stringify(en.get(k)) !== JSON.stringify(pt.get(k)));
  const allowed = (k: string) => k === 'language' || k === 'dataset.path' || k.endsWith('.promptTemplate') || k.startsWith('paths.');
  assert.deepEqual(
    differing.filter((k) => !allowed(k)),
    [],
    'only the language, dataset path, templates and paths may differ',
  );
  assert.equal(pt.get('language'), 'pt-BR');
  assert.equal(pt.get('dataset.path'), 'data/pt-BR/document_sample_10.csv');
  assert.equal(pt.get('paths.outputs'), 'outputs/pt-BR');
  assert.equal(pt.get('paths.tracking'), 'data/evaluation_tracking.pt-BR.csv');
  for (const k of differing.filter((k) => k.endsWith('.promptTemplate')))
    assert.equal(pt.get(k), String(en.get(k)).replace('data/prompts/', 'data/pt-BR/prompts/'), k);
});

test('the pt-BR edition loads: Portuguese task, Portuguese templates for every model (the defaults too), its own outputs', () => {
  const cfg = loadConfig({ env: {}, language: 'pt-BR' });
  assert.match(cfg.source.file, /workshop\.pt-BR\.config\.json$/);
  assert.equal(cfg.language, 'pt-BR');
  assert.equal(cfg.taskSpec.language, 'pt-BR');
  assert.match(cfg.taskSpec.instruction, /^Resuma o documento/);
  for (const m of allModels(cfg)) assert.match(m.promptTemplate, /^data\/pt-BR\/prompts\//, m.modelId);
  // The English edition is untouched, even when the UI speaks Portuguese through WORKSHOP_CONFIG.
  const en = loadConfig({ env: { WORKSHOP_CONFIG: 'workshop.config.json', WORKSHOP_LANGUAGE: 'pt-BR' } });
  assert.equal(en.language, 'pt-BR');
  assert.equal(en.taskSpec.language, 'en');
  for (const m of allModels(en)) assert.match(m.promptTemplate, /^data\/prompts\//, m.modelId);
});

test('the pt-BR sample has the English sample’s columns, ten documents with references, accents intact', async () => {
  const header = (file: string) => readFileSync(path.join(ROOT, file), 'utf8').split('\n')[0];
  assert.equal(header('data/pt-BR/document_sample_10.csv'), header('data/document_sample_10.csv'));
  const { rows } = await loadDataset({
    path: 'data/pt-BR/document_sample_10.csv',
    columns: { document: 'document', reference: 'referenceResponse' },
  });
  assert.equal(rows.length, 10);
  const english = await loadDataset({
    path: 'data/document_sample_10.csv',
    columns: { document: 'document', reference: 'referenceResponse' },
  });
  const lengths = (rs: typeof rows) => rs.map((r) => r.document.length);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // Similar lengths: the same budgets (tokens, latency) make sense for both editions.
  assert.ok(Math.abs(mean(lengths(rows)) / mean(lengths(english.rows)) - 1) < 0.25);
  for (const r of rows) {
    assert.ok(r.reference && r.reference.length > 300 && r.reference.length < r.document.length * 0.6, r.document.slice(0, 40));
    assert.match(`${r.document} ${r.reference}`, /[ãçéêíóõúâ]/);
  }
  const all = rows.map((r) => r.document).join('\n');
  // What the Portuguese text tools must handle is in the data.
  for (const re of [
    /R\$ \d{1,3}(?:\.\d{3})+,\d{2}/,
    /\d+,\d+%/,
    /\d{1,2} de (?:março|abril|junho) de 2026/,
    /\bSra?\. [A-Z]/,
    /\bDra?\. [A-Z]/,
    /\bnão\b/,
    /\bnenhum/,
  ])
    assert.match(all, re);
});
