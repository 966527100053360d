import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allModels } from '../src/core/config';
import { loadDataset } from '../src/core/dataset';
import { benchmarkModel } from '../src/steps/latency/benchmark';
import { recordLatency, summarizeModel } from '../src/steps/latency/summary';
import { classificationByModel, datasetOverlap } from '../src/steps/quality/labels';
import { openSession } from '../src/runs/session';

test('a labelled dataset: step-3 answers are scored against the labels, per model', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'labels-'));
  const cfg = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'workshop.config.json'), 'utf8'));
  cfg.task = 'ticket_classification';
  cfg.dataset = {
    path: 'data/ticket_classification_sample.csv',
    columns: { document: 'document', reference: null, label: 'label', sourceResponse: null, sourceLatencyMs: null },
  };
  cfg.models.candidates = [{ modelId: 'amazon.nova-micro-v1:0' }, { modelId: 'amazon.nova-pro-v1:0' }];
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(cfg));
  const s = await openSession({
    step: 1,
    configFile: file,
    env: { WORKSHOP_TRACKING_FILE: path.join(dir, 't.csv'), WORKSHOP_OUTPUTS_DIR: path.join(dir, 'out'), LOCAL_BEDROCK_LATENCY_SCALE: '0' },
  });
  try {
    const dataset = await loadDataset(s.config);
    assert.equal(dataset.rows.length, 20);
    const results = [];
    for (const m of allModels(s.config)) results.push(await benchmarkModel(s, m, dataset.rows, { print: () => {} }));
    recordLatency(
      s,
      results,
      results.map((r) => summarizeModel(r)),
    );
    const reports = classificationByModel(s, dataset.rows);
    assert.equal(reports.length, 3);
    for (const r of reports) {
      assert.ok(r.report, r.note);
      assert.equal(r.report!.n, 20);
      assert.deepEqual(r.report!.labels, ['account', 'billing', 'other', 'shipping', 'technical']);
      const total = Object.values(r.report!.confusion).reduce((sum, row) => sum + Object.values(row).reduce((a, b) => a + b, 0), 0);
      assert.equal(total, 20);
    }
    const micro = reports.find((r) => r.model === 'amazon.nova-micro-v1:0')!.report!;
    const pro = reports.find((r) => r.model === 'amazon.nova-pro-v1:0')!.report!;
    assert.ok(pro.accuracy! >= micro.accuracy!, `pro ${pro.accuracy} vs micro ${micro.accuracy}`);
    assert.ok(pro.accuracy! >= 0.7, `pro accuracy ${pro.accuracy}`);
    assert.deepEqual(datasetOverlap(s, dataset.rows, 'amazon.nova-pro-v1:0'), { matching: 20, total: 20 });
    assert.deepEqual(datasetOverlap(s, dataset.rows.slice(0, 5), 'amazon.nova-pro-v1:0'), { matching: 5, total: 20 });
  } finally {
    await s.close();
  }
});
