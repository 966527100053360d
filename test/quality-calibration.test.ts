import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatCsv, readCsv } from '../src/core/csv';
import { loadDataset, type DatasetRow } from '../src/core/dataset';
import { WorkshopError } from '../src/core/errors';
import { cohensKappa, krippendorffAlpha } from '../src/core/stats';
import { setLanguage } from '../src/core/i18n';
import { openSession } from '../src/runs/session';
import {
  agreementFor,
  CALIBRATION_DOCUMENTS,
  calibrationSummary,
  calibrationTable,
  DEFAULT_CALIBRATION_FILE,
  HARD_SUBSET,
  PT_BR_CALIBRATION_DOCUMENTS,
  PT_BR_CALIBRATION_FILE,
  isEasyAnswer,
  loadCalibrationSet,
  recordCalibration,
  runCalibration,
  worstTable,
  type CalibrationItem,
} from '../src/steps/quality/calibration';
import { loadRubrics } from '../src/core/judge/rubrics';

const ROOT = path.resolve(__dirname, '..');
const rubrics = loadRubrics();
let sample: DatasetRow[] = [];
before(async () => {
  sample = (await loadDataset(CALIBRATION_DOCUMENTS)).rows;
});
const quiet = { print: () => {} };
const shipped = readCsv(DEFAULT_CALIBRATION_FILE);

test('the shipped calibration set: written for this project, 4 documents, graded answers rated 1–5 on every metric', () => {
  assert.match(readFileSync(path.join(ROOT, 'data', 'judge', 'CALIBRATION.md'), 'utf8'), /Written for this project/);
  const items = loadCalibrationSet(DEFAULT_CALIBRATION_FILE, rubrics, sample);
  assert.equal(items.length, 26);
  assert.equal(new Set(items.map((i) => i.documentId)).size, 4);
  assert.ok(items.every((i) => rubrics.every((r) => Number.isInteger(i.human[r.name]) && i.human[r.name]! >= 1 && i.human[r.name]! <= 5)));
  // Graded quality: every metric uses the low, middle and high end of the scale.
  for (const r of rubrics) {
    const values = new Set(items.map((i) => i.human[r.name]));
    assert.ok(values.has(1) && values.has(5) && [2, 3, 4].some((v) => values.has(v)), r.name);
  }
  for (const kind of ['faithful', 'incomplete', 'invented figure', 'off-topic', 'empty'])
    assert.ok(
      items.some((i) => i.quality === kind),
      kind,
    );
  assert.ok(items.filter((i) => i.quality === 'empty').every((i) => i.answer === '' && Object.values(i.human).every((v) => v === 1)));
});

/** A copy of the shipped set with one cell changed (or a column renamed), written to a temporary file. */
function edited(change: (columns: string[], rows: Record<string, string | null>[]) => void): string {
  const columns = [...shipped.columns];
  const rows = shipped.rows.map((r) => ({ ...r }));
  change(columns, rows);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'calibration-')), 'calibration.csv');
  writeFileSync(file, formatCsv(columns, rows));
  return file;
}

function refused(file: string, pattern: RegExp, where: { row?: number; column?: string }): void {
  assert.throws(
    () => loadCalibrationSet(file, rubrics, sample),
    (err: unknown) => {
      assert.ok(err instanceof WorkshopError, String(err));
      assert.match(err.message, pattern);
      assert.match(err.message, /calibration\.csv/);
      assert.ok(err.fix, 'a fix is given');
      assert.equal(err.context.file, file);
      if (where.row !== undefined) assert.equal(err.context.row, where.row);
      if (where.column !== undefined) assert.equal(err.context.column, where.column);
      return true;
    },
  );
}

test('bad calibration files are refused with the file, row, column and fix', () => {
  refused(
    edited((_, rows) => {
      rows[1].faithfulness = '6';
    }),
    /row 3, column "faithfulness": "6" is not a rating on the rubric's 1–5 scale.*Fix: write a whole number from 1 to 5/,
    { row: 3, column: 'faithfulness' },
  );
  refused(
    edited((_, rows) => {
      rows[0].coherence = '0';
    }),
    /row 2, column "coherence": "0" is not a rating/,
    { row: 2, column: 'coherence' },
  );
  refused(
    edited((_, rows) => {
      rows[4].relevance = '4.5';
    }),
    /row 6, column "relevance": "4.5" is not a rating/,
    { row: 6, column: 'relevance' },
  );
  refused(
    edited((columns, rows) => {
      columns[columns.indexOf('relevance')] = 'helpfulness';
      for (const r of rows) r.helpfulness = r.relevance;
    }),
    /column "helpfulness": "helpfulness" is not a metric of the judge's rubrics.*Fix: rename the column/,
    { row: 1, column: 'helpfulness' },
  );
  refused(
    edited((_, rows) => {
      rows[2].document_id = 'ffffffffffff';
    }),
    /row 4, column "document_id": no document with id "ffffffffffff"/,
    { row: 4, column: 'document_id' },
  );
  refused(
    edited((_, rows) => {
      rows[3].answer_id = rows[0].answer_id;
    }),
    /row 5, column "answer_id": "northwind-faithful" was already used on row 2/,
    { row: 5, column: 'answer_id' },
  );
  refused(
    edited((_, rows) => {
      rows[0].task = 'translation';
    }),
    /row 2, column "task": There is no task file/,
    { row: 2, column: 'task' },
  );
  refused(
    edited((_, rows) => {
      rows[0].task = 'ticket_classification';
    }),
    /classification task, which is decided on its labels/,
    { row: 2, column: 'task' },
  );
  refused(
    edited((_, rows) => {
      for (const r of rubrics) rows[0][r.name] = null;
    }),
    /row 2: answer "northwind-faithful" has no rating at all/,
    { row: 2 },
  );
  refused(
    edited((columns) => {
      columns.splice(columns.indexOf('document_id'), 1);
    }),
    /has no "document_id" column/,
    { column: 'document_id' },
  );
  // An empty rating cell is "not rated", not an error.
  const partial = loadCalibrationSet(
    edited((_, rows) => {
      rows[0].coherence = null;
    }),
    rubrics,
    sample,
  );
  assert.equal(partial[0].human.coherence, null);
});

test('agreement: kappa and alpha per metric and pooled; a judge one point too kind agrees within one point, never exactly', () => {
  const item = (id: string, score: number): CalibrationItem => ({
    row: 2,
    answerId: id,
    documentId: 'd',
    task: null as never,
    quality: '',
    answer: '',
    note: '',
    human: { coherence: score, relevance: score },
    document: '',
    reference: null,
  });
  const items = [1, 2, 3, 4, 1, 2, 3, 4].map((s, i) => item(`a${i}`, s));
  const two = rubrics.filter((r) => ['coherence', 'relevance'].includes(r.name));
  const same = agreementFor(
    'j',
    items,
    items.map((i) => ({ judge: 'j', answer_id: i.answerId, status: 'judged' as const, scores: { ...i.human }, reasons: {}, error: '' })),
    two,
  );
  assert.deepEqual(
    same.map((a) => [a.metric, a.n, a.kappa, a.alpha, a.exact]),
    [
      ['coherence', 8, 1, 1, 1],
      ['relevance', 8, 1, 1, 1],
      ['all', 16, 1, 1, 1],
    ],
  );
  const kind = agreementFor(
    'j',
    items,
    items.map((i) => ({
      judge: 'j',
      answer_id: i.answerId,
      status: 'judged' as const,
      scores: { coherence: i.human.coherence! + 1, relevance: null },
      reasons: {},
      error: '',
    })),
    two,
  );
  const coherence = kind.find((a) => a.metric === 'coherence')!;
  const h = items.map((i) => i.human.coherence!);
  const j = h.map((x) => x + 1);
  assert.equal(coherence.kappa, cohensKappa(h, j, { weights: 'quadratic', categories: [1, 2, 3, 4, 5] }));
  assert.equal(
    coherence.alpha,
    krippendorffAlpha(
      h.map((x, i) => [x, j[i]]),
      'ordinal',
    ),
  );
  assert.deepEqual([coherence.exact, coherence.withinOne, coherence.meanDifference], [0, 1, 1]);
  assert.equal(kind.find((a) => a.metric === 'relevance')!.n, 0);
});

test('offline calibration: every answer judged, agreement and disagreements reported, the judge row of the tracking table filled', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'calibrate-'));
  const s = await openSession({
    step: 1,
    env: { WORKSHOP_TRACKING_FILE: path.join(dir, 't.csv'), WORKSHOP_OUTPUTS_DIR: path.join(dir, 'out'), LOCAL_BEDROCK_LATENCY_SCALE: '0' },
  });
  try {
    const report = await runCalibration(s, rubrics, quiet);
    assert.equal(report.status, 'done', report.reason);
    assert.equal(report.judgements.length, 26);
    assert.deepEqual(
      report.agreement.map((a) => a.metric),
      [...rubrics.map((r) => r.name), 'all', HARD_SUBSET],
    );
    const all = report.agreement.find((a) => a.metric === 'all')!;
    assert.equal(all.n, 182);
    // A regression guard with slack, not the figure itself (docs/judge-protocol.md gives the measured one).
    assert.ok(all.kappa! >= 0.75 && all.alpha! >= 0.7, `pooled kappa ${all.kappa}, alpha ${all.alpha}`);
    // The hard subset (without the 6 empty and off-topic answers) is reported beside it, and is the lower figure.
    const hard = report.agreement.find((a) => a.metric === HARD_SUBSET)!;
    assert.equal(hard.n, 140);
    assert.ok(
      hard.kappa! >= 0.7 && hard.alpha! >= 0.65 && hard.kappa! < all.kappa!,
      `hard-subset kappa ${hard.kappa}, alpha ${hard.alpha}`,
    );
    assert.match(calibrationSummary(report), /Without the easy empty and off-topic answers \(140 ratings\): kappa 0\.\d\d/);
    assert.ok(
      report.worst.length > 0 &&
        report.worst.every((d, i) => d.difference !== 0 && (i === 0 || Math.abs(d.difference) <= Math.abs(report.worst[i - 1].difference))),
    );
    // Answers that contradict their document — a changed central figure, facts stated as done where the document hedges
    // them — score at most 2 on correctness and faithfulness, as the person rated them.
    const scoreOf = (id: string, metric: string) => report.judgements.find((j) => j.answer_id === id)!.scores[metric];
    const contradicting = report.items.filter(
      (it) => (it.human.correctness ?? 5) <= 2 && !isEasyAnswer(it) && /contradict|figure/.test(it.quality),
    );
    assert.ok(contradicting.length >= 4, contradicting.map((c) => c.answerId).join(', '));
    for (const it of contradicting)
      for (const metric of ['correctness', 'faithfulness'])
        assert.ok(scoreOf(it.answerId, metric)! <= 2, `${it.answerId}: ${metric} ${scoreOf(it.answerId, metric)}`);
    assert.equal(calibrationTable(report).length, 9);
    assert.equal(worstTable(report).length, 10);
    const csv = readCsv(report.outputFile!);
    assert.equal(csv.rows.length, 182);
    assert.deepEqual(csv.columns, [
      'judge_model',
      'answer_id',
      'document_id',
      'quality',
      'metric',
      'human',
      'judge',
      'difference',
      'judge_status',
      'judge_reason',
    ]);
    // The pooled kappa recomputed from the written file agrees.
    assert.equal(
      cohensKappa(
        csv.rows.map((r) => Number(r.human)),
        csv.rows.map((r) => Number(r.judge)),
        { weights: 'quadratic', categories: [1, 2, 3, 4, 5] },
      ),
      all.kappa,
    );
    recordCalibration(s, report);
    const judgeRow = s.tracking.rows.find((r) => r.model === s.config.judge.models[0])!;
    assert.equal(judgeRow.judge_calibration_kappa, Number(all.kappa!.toFixed(3)));
    assert.equal(judgeRow.judge_calibration_n, 182);
    assert.equal(judgeRow.judge_calibration_file, 'data/judge/calibration.csv');
  } finally {
    await s.close();
  }
});

test('the pt-BR calibration set: Portuguese answers to 4 Portuguese documents, rated 1–5 on every metric, task read in Portuguese', async () => {
  const ptSample = (await loadDataset(PT_BR_CALIBRATION_DOCUMENTS)).rows;
  const items = loadCalibrationSet(PT_BR_CALIBRATION_FILE, rubrics, ptSample);
  assert.ok(items.length >= 20, `${items.length} answers`);
  assert.equal(new Set(items.map((i) => i.documentId)).size, 4);
  assert.ok(items.every((i) => i.task.language === 'pt-BR' && /^Resuma/.test(i.task.instruction)));
  assert.ok(items.every((i) => rubrics.every((r) => Number.isInteger(i.human[r.name]))));
  for (const kind of [
    'faithful',
    'invented figure',
    'dropped negation',
    'hedge stated as done',
    'contradicts the document',
    'off-topic',
    'empty',
  ])
    assert.ok(
      items.some((i) => i.quality === kind),
      kind,
    );
  // The English set is untouched by it.
  assert.equal(loadCalibrationSet(DEFAULT_CALIBRATION_FILE, rubrics, sample).length, 26);
  // A language the workshop does not speak is refused with the row and column.
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'calibration-')), 'calibration.csv');
  writeFileSync(file, readFileSync(PT_BR_CALIBRATION_FILE, 'utf8').replace(',pt-BR,', ',pt-PT,'));
  assert.throws(
    () => loadCalibrationSet(file, rubrics, ptSample),
    (err: WorkshopError) =>
      /row 2, column "language": "pt-PT" is not a language of the workshop/.test(err.message) && err.context.column === 'language',
  );
});

test('offline calibration of the pt-BR edition: agreement on the Portuguese set, and answers that contradict their document score ≤ 2', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'calibrate-pt-'));
  const s = await openSession({
    step: 1,
    language: 'pt-BR',
    env: { WORKSHOP_TRACKING_FILE: path.join(dir, 't.csv'), WORKSHOP_OUTPUTS_DIR: path.join(dir, 'out'), LOCAL_BEDROCK_LATENCY_SCALE: '0' },
  });
  try {
    assert.equal(s.config.taskSpec.language, 'pt-BR');
    const report = await runCalibration(s, rubrics, quiet);
    assert.equal(report.status, 'done', report.reason);
    assert.equal(report.file, PT_BR_CALIBRATION_FILE, 'the pt-BR edition calibrates on the Portuguese set by default');
    const all = report.agreement.find((a) => a.metric === 'all')!;
    const hard = report.agreement.find((a) => a.metric === HARD_SUBSET)!;
    assert.equal(all.n, report.items.length * rubrics.length);
    // A regression guard with slack (docs/judge-protocol.md gives the measured figures).
    assert.ok(all.kappa! >= 0.75 && all.alpha! >= 0.7, `pooled kappa ${all.kappa}, alpha ${all.alpha}`);
    assert.ok(hard.kappa! >= 0.7 && hard.alpha! >= 0.65, `hard-subset kappa ${hard.kappa}, alpha ${hard.alpha}`);
    // Changed Brazilian figures, a dropped "não", hedges stated as done: at most 2 on correctness and faithfulness, as rated.
    const scoreOf = (id: string, metric: string) => report.judgements.find((j) => j.answer_id === id)!.scores[metric];
    const contradicting = report.items.filter(
      (it) => (it.human.correctness ?? 5) <= 2 && !isEasyAnswer(it) && /contradict|figure|negation|stated as done/.test(it.quality),
    );
    assert.ok(contradicting.length >= 4, contradicting.map((c) => c.answerId).join(', '));
    for (const it of contradicting)
      for (const metric of ['correctness', 'faithfulness'])
        assert.ok(scoreOf(it.answerId, metric)! <= 2, `${it.answerId}: ${metric} ${scoreOf(it.answerId, metric)}`);
    // The faithful answers, the one with its figures written out in words of scale included, score 5 on correctness.
    for (const it of report.items.filter((i) => i.quality.startsWith('faithful')))
      assert.equal(scoreOf(it.answerId, 'correctness'), 5, it.answerId);
  } finally {
    await s.close();
    setLanguage('en');
  }
});

test('a classification task skips calibration with a clear message', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'calibrate-cls-'));
  const s = await openSession({
    step: 1,
    configFile: path.join(ROOT, 'workshop.classification.config.json'),
    env: { WORKSHOP_TRACKING_FILE: path.join(dir, 't.csv'), WORKSHOP_OUTPUTS_DIR: path.join(dir, 'out'), LOCAL_BEDROCK_LATENCY_SCALE: '0' },
  });
  try {
    const report = await runCalibration(s, rubrics, quiet);
    assert.equal(report.status, 'not_run');
    assert.match(
      report.reason,
      /classification task, decided on its labels \(accuracy\) — it uses no judge, so there is no judge to calibrate/,
    );
    assert.equal(report.outputFile, null);
    recordCalibration(s, report);
    assert.ok(s.tracking.rows.every((r) => r.judge_calibration_kappa === undefined));
  } finally {
    await s.close();
  }
});
