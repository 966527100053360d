import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCsv } from '../src/core/csv';
import { loadDataset } from '../src/core/dataset';
import { openSession } from '../src/runs/session';
import { REFERENCE_FAITHFULNESS } from '../src/steps/quality/controls';
import { loadRubrics } from '../src/core/judge/rubrics';
import { runJudgeSanityCheck, sanityTable } from '../src/steps/quality/sanity-check';

const quiet = { print: () => {} };

async function offlineSession() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sanity-'));
  const s = await openSession({
    step: 1,
    env: { WORKSHOP_TRACKING_FILE: path.join(dir, 't.csv'), WORKSHOP_OUTPUTS_DIR: path.join(dir, 'out'), LOCAL_BEDROCK_LATENCY_SCALE: '0' },
  });
  return { s, dir };
}

test('the offline judge ranks the controls on EVERY document of the sample: reference > invented fact > off-topic ≥ empty', async () => {
  const { s, dir } = await offlineSession();
  try {
    const rows = (await loadDataset(s.config)).rows;
    assert.equal(rows.length, 10);
    const rubrics = loadRubrics();
    const report = await runJudgeSanityCheck(s, rows, rubrics, quiet);
    assert.equal(report.documents, 10);
    assert.equal(report.rows.length, 40);
    // One assertion per document, so a broken document is named.
    for (const doc of rows) {
      const of = (kind: string) => report.rows.find((r) => r.document === doc.index && r.kind === kind)!;
      const [ref, inv, off, empty] = ['reference', 'invented_fact', 'off_topic', 'empty'].map(of);
      const shown = `document ${doc.index}: reference ${ref.overall}, invented ${inv.overall}, off-topic ${off.overall}, empty ${empty.overall}`;
      assert.ok(ref.overall! > inv.overall! && inv.overall! > off.overall! && off.overall! >= empty.overall!, shown);
      assert.ok(ref.faithfulness! >= REFERENCE_FAITHFULNESS, `${shown}; reference faithfulness ${ref.faithfulness}`);
      assert.ok(inv.faithfulness! < ref.faithfulness!, `${shown}; the invented fact is not penalised on faithfulness`);
      // Not a near tie: the invented fact costs at least a tenth of the scale.
      assert.ok(ref.overall! - inv.overall! >= 0.1, shown);
    }
    assert.equal(report.status, 'passed', report.violations.join('\n'));
    // The rows, to inspect: outputs/judge_sanity_check.csv.
    assert.equal(report.file, path.join(dir, 'out', 'judge_sanity_check.csv'));
    const csv = readCsv(report.file!);
    assert.deepEqual(csv.columns, [
      'judge_model',
      'document',
      'document_id',
      'control',
      'overall',
      ...rubrics.map((r) => `${r.name}_score`),
      'document_check',
    ]);
    assert.equal(csv.rows.length, 40);
    assert.ok(csv.rows.every((r) => r.document_check === 'ok' && /^[0-9a-f]{12}$/.test(r.document_id!)));
    assert.deepEqual(
      csv.rows.filter((r) => r.control === 'empty').map((r) => r.faithfulness_score),
      Array(10).fill('1'),
    );
    const table = sanityTable(report);
    assert.equal(table.length, 10);
    assert.ok(table.every((r) => r.ranking === 'ok'));
  } finally {
    await s.close();
  }
});

test('no reference answers: the check is "not run" (not failed) and writes nothing', async () => {
  const { s, dir } = await offlineSession();
  try {
    const rows = (await loadDataset(s.config)).rows.map((r) => ({ ...r, reference: null }));
    const report = await runJudgeSanityCheck(s, rows, loadRubrics(), quiet);
    assert.equal(report.status, 'not_run');
    assert.match(report.reason, /no reference answers.*not run \(this says nothing about the judge\)/);
    assert.deepEqual(report.violations, []);
    assert.equal(report.file, null);
    assert.equal(existsSync(path.join(dir, 'out', 'judge_sanity_check.csv')), false);
  } finally {
    await s.close();
  }
});
