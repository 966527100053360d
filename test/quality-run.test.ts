import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as pl from 'nodejs-polars';
import type { CallRequest } from '../src/core/bedrock';
import { allModels } from '../src/core/config';
import { loadDataset } from '../src/core/dataset';
import { benchmarkModel } from '../src/steps/latency/benchmark';
import { recordLatency, summarizeModel } from '../src/steps/latency/summary';
import { checkJudgeRanking, inventFact } from '../src/steps/quality/controls';
import { judgeResponse } from '../src/steps/quality/judge';
import { loadJudgeTemplates } from '../src/core/judge/prompt';
import { loadRubrics } from '../src/core/judge/rubrics';
import { runQuality } from '../src/steps/quality/run';
import { runJudgeSanityCheck } from '../src/steps/quality/sanity-check';
import { juryAgreement, qualitySummaryTable, recordQuality, summarizeQuality } from '../src/steps/quality/summary';
import { openScratchSession } from './helpers/scratch-session';

const LITE = 'amazon.nova-lite-v1:0';
const rubrics = loadRubrics(undefined, ['correctness', 'faithfulness']);
const templates = loadJudgeTemplates();
const quiet = { print: () => {} };

async function sessionWithStep3(env: Record<string, string> = {}) {
  const { s, dir } = await openScratchSession('quality', { WORKSHOP_CANDIDATE_MODELS: LITE, ...env });
  const docs = (await loadDataset(s.config)).rows.slice(0, 3);
  const results = [];
  for (const m of allModels(s.config)) results.push(await benchmarkModel(s, m, docs, quiet));
  recordLatency(
    s,
    results,
    results.map((r) => summarizeModel(r)),
  );
  return { s, docs, dir };
}

test('every step-3 answer is judged once; a re-run judges only what is missing', async () => {
  const { s } = await sessionWithStep3();
  try {
    const first = await runQuality(s, { ...quiet, rubrics });
    assert.deepEqual(
      first.map((q) => [q.status, q.rows.length]),
      [
        ['judged', 3],
        ['judged', 3],
      ],
    );
    const row = first[1].rows[0];
    assert.equal(row.judge_status, 'judged');
    assert.ok(typeof row.correctness_score === 'number' && typeof row.rougeL_f1 === 'number');
    const csv = pl.readCSV(readFileSync(first[1].resultFile!, 'utf8'), { inferSchemaLength: 0 });
    assert.ok(
      [
        'model',
        'document_id',
        'judge_model',
        'correctness_score',
        'correctness_norm',
        'correctness_reason',
        'parse_status',
        'rougeL_f1',
      ].every((c) => csv.columns.includes(c)),
    );
    const before = s.backend.local!.stats.requests;
    const again = await runQuality(s, { ...quiet, rubrics });
    assert.equal(s.backend.local!.stats.requests, before);
    assert.equal(again[1].resumed, 3);
    const summaries = again.map((q) => summarizeQuality(q, rubrics));
    assert.equal(summaries[1].judged, 3);
    assert.ok(summaries[1].overall.mean! > 0 && summaries[1].overall.mean! <= 1);
    assert.equal(qualitySummaryTable(summaries)[1].judged, '3/3');
    recordQuality(s, again, summaries);
    assert.equal(s.tracking.rows.find((r) => r.model === LITE)!.quality_status, 'judged');
  } finally {
    await s.close();
  }
});

test('failed step-3 calls are skipped, unparseable judges are recorded with raw text, never as 0', async () => {
  const { s } = await sessionWithStep3({ LOCAL_BEDROCK_THROTTLING_RATE: '0.6', BENCHMARK_RETRY_ATTEMPTS: '1' });
  try {
    let calls = 0;
    const garbage = async () => ({ status: 'success' as const, responseText: `I refuse ${++calls}`, errorType: null, errorMessage: null });
    const q = await runQuality(s, { ...quiet, rubrics, call: garbage });
    const rows = q.flatMap((x) => x.rows);
    const skipped = rows.filter((r) => r.judge_status === 'skipped');
    const unparseable = rows.filter((r) => r.judge_status === 'unparseable');
    assert.equal(skipped.length + unparseable.length, rows.length);
    assert.ok(skipped.every((r) => String(r.judge_error).startsWith('step-3 call failed')));
    assert.ok(
      unparseable.every((r) => r.correctness_score === null && r.overall === null && String(r.raw_judge_output).startsWith('I refuse')),
    );
    assert.equal(calls, unparseable.length * 2); // one retry each
    assert.equal(summarizeQuality(q[1], rubrics).overall.mean, null);
  } finally {
    await s.close();
  }
});

test('judgeResponse: a fenced answer is repaired; a failed call is an error, not a score', async () => {
  const fenced = async (req: CallRequest) => {
    assert.match(req.prompt!, /<metric name="correctness"/);
    return {
      status: 'success' as const,
      responseText:
        '```json\n{"scores":[{"metric":"correctness","score":4,"reason":"ok"},{"metric":"faithfulness","score":5,"reason":"ok"}]}\n```',
      errorType: null,
      errorMessage: null,
    };
  };
  const j = await judgeResponse({
    call: fenced,
    judgeModelId: 'judge',
    templates,
    rubrics,
    task: 't',
    document: 'd',
    reference: 'r',
    response: 'x',
  });
  assert.deepEqual([j.status, j.parseStatus, j.overall], ['judged', 'repaired', 0.875]);
  const failing = async () => ({
    status: 'error' as const,
    responseText: '',
    errorType: 'AccessDeniedException',
    errorMessage: 'judge: AccessDeniedException — no access. Fix: enable it.',
  });
  const e = await judgeResponse({
    call: failing,
    judgeModelId: 'judge',
    templates,
    rubrics,
    task: 't',
    document: 'd',
    reference: 'r',
    response: 'x',
  });
  assert.deepEqual([e.status, e.overall, e.scores.length], ['error', null, 0]);
  assert.match(e.error, /AccessDeniedException/);
});

test('the sanity check passes the emulated judge and fails a judge that likes everything', async () => {
  const { s, docs } = await sessionWithStep3();
  try {
    const good = await runJudgeSanityCheck(s, docs, loadRubrics(), { documents: 2 });
    assert.equal(good.passed, true, good.violations.join('\n'));
    assert.equal(good.rows.length, 8);
    const flatterer = async () => ({
      status: 'success' as const,
      responseText: '{"scores":{"correctness":5,"faithfulness":5}}',
      errorType: null,
      errorMessage: null,
    });
    const bad = await runJudgeSanityCheck(s, docs, rubrics, { documents: 1, call: flatterer });
    assert.equal(bad.passed, false);
    assert.match(bad.violations.join('\n'), /invented fact was not penalised/);
  } finally {
    await s.close();
  }
});

test('controls and jury statistics', () => {
  assert.equal(
    inventFact('Revenue grew 12% to $48.2 million.'),
    'Revenue grew 25% to $48.2 million. The company also announced a partnership with Orion Analytics worth 3.2 million euros.',
  );
  const good = {
    reference: { overall: 0.9, faithfulness: 1, correctness: 1 },
    invented_fact: { overall: 0.7, faithfulness: 0.5, correctness: 0.5 },
    off_topic: { overall: 0.2, faithfulness: 0, correctness: 0 },
    empty: { overall: 0, faithfulness: 0, correctness: 0 },
  };
  assert.deepEqual(checkJudgeRanking(good), { ok: true, violations: [] });
  const flipped = { ...good, empty: { overall: 0.5, faithfulness: 0, correctness: 0 } };
  assert.match(checkJudgeRanking(flipped, 'doc 1').violations[0], /doc 1: the empty answer scored 0.5/);
  const row = (judge: string, score: number) => ({
    document_id: 'd',
    experiment: 1,
    invocation: 1,
    judge_model: judge,
    judge_status: 'judged',
    correctness_score: score,
    faithfulness_score: score,
    overall: score / 5,
  });
  const results = [
    {
      model: 'm',
      role: 'candidate' as const,
      status: 'judged' as const,
      variant: 'task' as const,
      reason: '',
      resultFile: null,
      resumed: 0,
      rows: [row('a', 5), row('b', 5), { ...row('a', 2), document_id: 'e' }, { ...row('b', 2), document_id: 'e' }],
    },
  ];
  const agreement = juryAgreement(results, rubrics, ['a', 'b']);
  assert.deepEqual(
    agreement.map((a) => [a.metric, a.alpha]),
    [
      ['correctness', 1],
      ['faithfulness', 1],
      ['overall', 1],
    ],
  );
});
