/**
 * The offline classroom gives step 5 something to decide (issue #20): steps 3–5 run in-process
 * as the notebooks run them (bench/scenario.ts), at the configuration's defaults (endpoint seed
 * 42), on the shipped sample data AND on datasets this test makes itself
 * (test/helpers/generated-data.ts) — the same properties on both, none of them scripted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runScenario, type ScenarioResult } from '../bench/scenario';
import { setLanguage } from '../src/core/i18n';
import { namer } from '../src/core/model-names';
import { generatedReports, generatedTickets, writeDataset } from './helpers/generated-data';

const dir = mkdtempSync(path.join(tmpdir(), 'scenario-data-'));

function shown(r: ScenarioResult): string {
  const name = namer(r.comparison.models.map((m) => m.model));
  return r.comparison.models
    .map((m) => `${name(m.model)} ${m.evidence.primary?.value?.toFixed(3)} ${m.primary?.nonInferior ?? ''}`)
    .join(' · ');
}

/** What a summarization scenario must show: distinct answers, a spread of quality, every branch of step 5. */
function assertSummarization(r: ScenarioResult): void {
  const why = shown(r);
  assert.equal(r.task, 'generation');
  assert.equal(r.models, 6);
  // On at least 8 of 10 documents, at least 5 of the 6 models give distinct answers.
  assert.ok(r.diverseDocuments >= 0.8 * r.documents, `diverse answers on ${r.diverseDocuments}/${r.documents} documents`);
  assert.ok(r.highlights.primarySpan! >= 0.05, `span of candidate means ${r.highlights.primarySpan}; ${why}`);
  assert.ok(r.highlights.nonInferiorCheaper.length >= 1, `no candidate non-inferior and cheaper; ${why}`);
  assert.ok(r.highlights.notNonInferior.length >= 1, `every candidate non-inferior; ${why}`);
  assert.ok(r.highlights.tradeOff, `no trade-off between non-inferior candidates; ${why}`);
  assert.deepEqual(r.highlights.zeroWidth, [], `paired intervals of zero width; ${why}`);
  for (const m of r.comparison.models.filter((x) => x.role === 'candidate'))
    assert.ok(m.primary!.upper! > m.primary!.lower!, `${m.model}: interval ${m.primary!.lower} to ${m.primary!.upper}`);
  assert.ok(r.everyBranch);
}

/** What a classification scenario must show: accuracies that differ, a candidate not shown non-inferior. */
function assertClassification(r: ScenarioResult): void {
  const why = shown(r);
  assert.equal(r.task, 'classification');
  const accuracies = r.comparison.models.map((m) => m.evidence.primary?.value);
  assert.ok(new Set(accuracies).size >= 3, `accuracies ${accuracies.join(', ')}`);
  assert.ok(r.highlights.primarySpan! >= 0.05, why);
  assert.ok(r.highlights.notNonInferior.length >= 1, why);
}

test('shipped sample, default configuration and seed: distinct answers, a spread of quality, every branch step 5 teaches', async () => {
  const r = await runScenario({});
  assert.equal(r.seed, 42, 'the configuration’s default seed');
  assert.equal(r.documents, 10);
  assertSummarization(r);
});

test('pt-BR edition: the Portuguese sample at the configuration’s seed shows the same properties — models that differ, every branch', async () => {
  const r = await runScenario({ configFile: 'workshop.pt-BR.config.json' });
  setLanguage('en');
  assert.equal(r.seed, 42, 'the same default seed as the English edition');
  assert.equal(r.documents, 10);
  assertSummarization(r);
});

test('shipped ticket sample, classification configuration: accuracies differ, a candidate is not shown non-inferior', async () => {
  const r = await runScenario({ configFile: 'workshop.classification.config.json' });
  assertClassification(r);
  assert.deepEqual(r.highlights.zeroWidth, []);
});

test('reports this test makes (12, seeded): the same properties as on the shipped sample', async () => {
  const file = writeDataset(
    path.join(dir, 'reports.csv'),
    generatedReports(12, 1).map((x) => ({ document: x.document, referenceResponse: x.reference })),
  );
  const r = await runScenario({ env: { WORKSHOP_DATASET: file } });
  assert.equal(r.documents, 12);
  assertSummarization(r);
});

test('tickets this test makes (24, seeded): accuracies differ, a candidate is not shown non-inferior', async () => {
  const file = writeDataset(path.join(dir, 'tickets.csv'), generatedTickets(24, 1));
  const r = await runScenario({ configFile: 'workshop.classification.config.json', env: { WORKSHOP_DATASET: file } });
  assert.equal(r.documents, 24);
  assertClassification(r);
});
