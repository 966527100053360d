/**
 * Running the judge sanity check (see controls.ts) on the documents of the dataset that have
 * a reference answer, with each judge model — and writing every control's scores to
 * `outputs/judge_sanity_check.csv` so they can be inspected.
 */
import path from 'node:path';
import { z } from 'zod';
import { allModels } from '../../core/config';
import { writeCsv } from '../../core/csv';
import { readTextUtf8 } from '../../core/files';
import { documentId, type DatasetRow } from '../../core/dataset';
import { displayPath, repoPath } from '../../core/paths';
import { runResumable } from '../../runs/resumable-run';
import type { WorkshopSession } from '../../runs/session';
import { checkJudgeRanking, controlAnswers, type ControlKind, type ControlScores } from './controls';
import { judgeCallOf, judgeResponse, type JudgeCall } from './judge';
import { loadJudgeTemplates } from '../../core/judge/prompt';
import { judgeDirFor, type Rubric } from '../../core/judge/rubrics';
import { judgeTask } from './run';
import { setupBlockOf } from '../../results';

export interface SanityResult {
  judge: string;
  /** 1-based row of the dataset. */
  document: number;
  document_id: string;
  kind: ControlKind;
  /** Mean of the normalised (0–1) scores. */
  overall: number | null;
  faithfulness: number | null;
  correctness: number | null;
  /** Every metric's score on its rubric's scale (e.g. 1–5), null when the judge gave none. */
  scores: Record<string, number | null>;
}

export interface SanityReport {
  rows: SanityResult[];
  /** `not_run` when there is nothing to check with (no reference answers, or no usable judge). */
  status: 'passed' | 'failed' | 'not_run';
  passed: boolean;
  violations: string[];
  /** Why the check was not run. */
  reason: string;
  /** Documents checked (per judge). */
  documents: number;
  /** `outputs/judge_sanity_check.csv`, or null when the check was not run. */
  file: string | null;
}

const sanityRowSchema = z.object({
  judge: z.string(),
  document: z.number(),
  document_id: z.string(),
  kind: z.enum(['reference', 'invented_fact', 'off_topic', 'empty']),
  overall: z.number().nullable(),
  faithfulness: z.number().nullable(),
  correctness: z.number().nullable(),
  scores: z.record(z.number().nullable()),
  status: z.string(),
});

export const SANITY_FILE = 'judge_sanity_check.csv';

export interface SanityOptions {
  /** How many documents with a reference to check (the first ones). Default 10: all of the sample. */
  documents?: number;
  call?: JudgeCall;
  /** The task the judge is told the answers were written for; default: the source model's task prompt. */
  task?: string;
  print?: (line: string) => void;
}

export async function runJudgeSanityCheck(
  session: WorkshopSession,
  docs: DatasetRow[],
  rubrics: Rubric[],
  { documents = 10, call, task, print }: SanityOptions = {},
): Promise<SanityReport> {
  const templates = loadJudgeTemplates();
  const offTopic = readTextUtf8(path.join(judgeDirFor(session.config.taskSpec.language), 'off_topic.txt'), {
    what: 'the off-topic control answer',
  }).trim();
  const judgeCall: JudgeCall = call ?? judgeCallOf(session);
  const notRun = (reason: string): SanityReport => ({
    rows: [],
    status: 'not_run',
    passed: false,
    violations: [],
    reason,
    documents: 0,
    file: null,
  });
  // 1. What can be checked: documents with a reference, judges step 1 did not find denied.
  if (session.config.taskSpec.kind === 'classification')
    return notRun(`the task is a classification task, decided on its labels (${session.config.taskSpec.primaryMetric}) — no judge is used`);
  const usable = docs.filter((d) => d.reference).slice(0, documents);
  if (usable.length === 0)
    return notRun(
      'the dataset has no reference answers, which the control answers are built from — the check was not run (this says nothing about the judge)',
    );
  const judges = session.config.judge.models.filter((j) => !setupBlockOf(session.tracking, j));
  if (judges.length === 0) return notRun('no judge model is usable (denied or unknown in step 1) — the check was not run');
  const judgeTaskText = task ?? judgeTask(session, allModels(session.config)[0].promptTemplate);

  // 2. Judge every control answer on the run machinery (progress, bounded concurrency); always anew —
  //    the check is about the judge as it answers now, so nothing is resumed from an earlier run.
  const work = judges.flatMap((judge) =>
    usable.flatMap((doc) =>
      controlAnswers(doc.reference!, offTopic, session.config.taskSpec.language).map((control) => ({
        key: `${judge}|${doc.index}|${control.kind}`,
        item: { judge, doc, control },
      })),
    ),
  );
  const run = await runResumable({
    label: 'judge sanity check',
    checkpointFile: path.join(repoPath(session.config.paths.outputs), 'checkpoints', 'judge_sanity_check.jsonl'),
    work,
    provenance: {
      step: 'judge-sanity',
      backend: session.backend.column,
      endpoint: session.backend.identity,
      task: judgeTaskText,
      judge_max_tokens: session.config.judge.maxTokens,
    },
    rowSchema: sanityRowSchema,
    isFinal: (row) => row.status === 'judged',
    concurrency: session.config.judge.concurrency,
    fresh: true,
    print,
    run: async ({ judge, doc, control }) => {
      const j = await judgeResponse({
        call: judgeCall,
        judgeModelId: judge,
        templates,
        rubrics,
        task: judgeTaskText,
        document: doc.document,
        reference: doc.reference,
        response: control.text,
        maxTokens: session.config.judge.maxTokens,
      });
      const metric = (name: string) => j.scores.find((s) => s.metric === name)?.normalized ?? null;
      const scores = Object.fromEntries(rubrics.map((r) => [r.name, j.scores.find((s) => s.metric === r.name)?.score ?? null]));
      return {
        judge,
        document: doc.index,
        document_id: documentId(doc.document),
        kind: control.kind,
        overall: j.overall,
        faithfulness: metric('faithfulness'),
        correctness: metric('correctness'),
        scores,
        status: j.status,
      };
    },
  });
  const rows: SanityResult[] = run.rows.map(({ status: _status, ...r }) => r);

  // 3. Each document's ranking of the controls, per judge.
  const violations: string[] = [];
  const checks = new Map<string, string[]>();
  for (const judge of judges) {
    for (const doc of usable) {
      const scores = Object.fromEntries(
        rows.filter((r) => r.judge === judge && r.document === doc.index).map((r) => [r.kind, r]),
      ) as unknown as Record<ControlKind, ControlScores>;
      const found = checkJudgeRanking(scores, `${judge}, document ${doc.index}`).violations;
      checks.set(`${judge}|${doc.index}`, found);
      for (const v of found) violations.push(v);
    }
  }

  // 4. The rows as a CSV to inspect: one line per (judge, document, control).
  const file = path.join(repoPath(session.config.paths.outputs), SANITY_FILE);
  writeSanityCsv(file, rows, rubrics, checks);
  return {
    rows,
    status: violations.length === 0 ? 'passed' : 'failed',
    passed: violations.length === 0,
    violations,
    reason: '',
    documents: usable.length,
    file,
  };
}

/** `outputs/judge_sanity_check.csv`: judge_model, document, document_id, control, overall (0–1), each metric's score on its scale, the document's check. */
export function writeSanityCsv(file: string, rows: SanityResult[], rubrics: Rubric[], checks: Map<string, string[]> = new Map()): void {
  const columns = [
    'judge_model',
    'document',
    'document_id',
    'control',
    'overall',
    ...rubrics.map((r) => `${r.name}_score`),
    'document_check',
  ];
  const round = (x: number | null) => (x === null ? null : Number(x.toFixed(4)));
  writeCsv(
    file,
    columns,
    rows.map((r) => {
      const found = checks.get(`${r.judge}|${r.document}`);
      return {
        judge_model: r.judge,
        document: r.document,
        document_id: r.document_id,
        control: r.kind,
        overall: round(r.overall),
        ...Object.fromEntries(rubrics.map((m) => [`${m.name}_score`, r.scores[m.name] ?? null])),
        document_check: found === undefined ? '' : found.length === 0 ? 'ok' : found.map((v) => v.replace(/^[^:]*: /, '')).join('; '),
      };
    }),
  );
}

/** The check's verdict in one message (for the notebook's banner), naming the CSV with every score. */
export function sanitySummary(report: SanityReport): string {
  if (report.status === 'not_run') return `Judge sanity check not run: ${report.reason}.`;
  const file = report.file ? ` Every score: ${displayPath(report.file)}.` : '';
  if (report.status === 'passed')
    return `The judge ranks the control answers as it should on all ${report.documents} document(s): reference > invented fact > off-topic ≥ empty, and the reference scores high on faithfulness.${file}`;
  return `The judge does NOT rank the control answers as it should — treat its scores with caution:\n${report.violations.join('\n')}\n${file.trim()}`;
}

/** One line per (judge, document): each control's overall score, and whether the ranking held. */
export function sanityTable(report: SanityReport): Record<string, string | number | null>[] {
  const fmt = (x: number | null | undefined) => (x == null ? null : Number(x.toFixed(3)));
  const keys = [...new Set(report.rows.map((r) => `${r.judge}|${r.document}`))];
  const multi = new Set(report.rows.map((r) => r.judge)).size > 1;
  return keys.map((key) => {
    const rows = report.rows.filter((r) => `${r.judge}|${r.document}` === key);
    const of = (kind: ControlKind) => rows.find((r) => r.kind === kind);
    const doc = rows[0].document;
    const bad = report.violations.filter((v) => v.startsWith(`${rows[0].judge}, document ${doc}:`));
    return {
      ...(multi ? { judge: rows[0].judge } : {}),
      document: doc,
      reference: fmt(of('reference')?.overall),
      invented_fact: fmt(of('invented_fact')?.overall),
      off_topic: fmt(of('off_topic')?.overall),
      empty: fmt(of('empty')?.overall),
      'reference faithfulness': fmt(of('reference')?.faithfulness),
      'invented-fact faithfulness': fmt(of('invented_fact')?.faithfulness),
      ranking: bad.length ? 'WRONG' : 'ok',
    };
  });
}
