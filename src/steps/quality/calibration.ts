/**
 * Judge calibration: does the judge agree with PEOPLE? The sanity check (controls.ts) shows a
 * judge can tell a reference from an empty answer; calibration measures how close its 1–5
 * scores are to a human's on answers of graded quality.
 *
 * The calibration set is a CSV (`data/judge/calibration.csv`, described in
 * data/judge/CALIBRATION.md): one candidate answer per row, the document it answers (by
 * `document_id`), the task it was written for, and a human rating per rubric metric. Every
 * answer is judged — with the judge prompt of step 4, the document and its reference — by each
 * configured judge, on the run machinery (progress, bounded concurrency, checkpoint). Then,
 * per judge and metric, over the answers a human rated:
 *
 * - quadratic-weighted Cohen's kappa on the rubric's whole scale (1 = perfect agreement,
 *   0 = chance; a 4 against a 5 costs far less than a 1 against a 5);
 * - Krippendorff's alpha, ordinal (only the order of the scores is trusted);
 * - the share of exact matches, of matches within one point, and the mean difference
 *   (judge − human: above 0 the judge is more lenient than the person);
 *
 * and the answers where judge and human are furthest apart, to read.
 *
 * @example
 * const report = await runCalibration(session, loadRubrics());
 * showTable(calibrationTable(report)); showTable(worstTable(report));
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { allModels } from '../../core/config';
import { readCsv, writeCsv } from '../../core/csv';
import { documentId, loadDataset, type DatasetRow } from '../../core/dataset';
import { WorkshopError } from '../../core/errors';
import { displayPath, repoPath } from '../../core/paths';
import { isLanguage, LANGUAGES, type Language } from '../../core/i18n';
import { cohensKappa, krippendorffAlpha } from '../../core/stats';
import { constraintsText, loadTask, taskInstruction, type Task } from '../../core/task';
import { upsertModelRow } from '../../core/tracking';
import { runResumable } from '../../runs/resumable-run';
import type { WorkshopSession } from '../../runs/session';
import { judgeCallOf, judgeResponse, type JudgeCall } from './judge';
import { loadJudgeTemplates, type JudgeTemplates } from '../../core/judge/prompt';
import type { Rubric } from '../../core/judge/rubrics';
import { judgeTask } from './run';
import { setupBlockOf } from '../../results';

export const DEFAULT_CALIBRATION_FILE = repoPath('data', 'judge', 'calibration.csv');
/** The pt-BR edition's calibration set: Portuguese answers to the Portuguese sample, rated by hand (data/judge/CALIBRATION.md). */
export const PT_BR_CALIBRATION_FILE = repoPath('data', 'pt-BR', 'judge', 'calibration.csv');

/** The shipped calibration set of a data language: English, or the pt-BR edition's. */
export function defaultCalibrationFile(language: Language = 'en'): string {
  return language === 'pt-BR' ? PT_BR_CALIBRATION_FILE : DEFAULT_CALIBRATION_FILE;
}

/** The documents the shipped calibration set was written for (looked up besides the configured dataset). */
export const CALIBRATION_DOCUMENTS = {
  path: 'data/document_sample_10.csv',
  columns: { document: 'document', reference: 'referenceResponse' },
};
/** The documents of the pt-BR calibration set. */
export const PT_BR_CALIBRATION_DOCUMENTS = { ...CALIBRATION_DOCUMENTS, path: 'data/pt-BR/document_sample_10.csv' };
export const CALIBRATION_OUTPUT = 'judge_calibration.csv';

const REQUIRED = ['answer_id', 'document_id', 'task', 'answer'] as const;
const DESCRIPTIVE = ['quality', 'note'] as const;
/** Optional: the language the answer is written in (`en` when absent) — its task is read in that language. */
const OPTIONAL = ['language'] as const;

export interface CalibrationItem {
  /** Row of the CSV as a spreadsheet numbers it (header = 1). */
  row: number;
  answerId: string;
  documentId: string;
  task: Task;
  quality: string;
  answer: string;
  note: string;
  /** Human rating per metric on the rubric's scale; null = not rated. */
  human: Record<string, number | null>;
  document: string;
  reference: string | null;
}

/**
 * Read and check a calibration CSV. Every problem names the file, the row, the column and
 * the fix: a column that is no rubric metric, a rating off the rubric's scale, a document
 * not found, an unknown task, a repeated answer id.
 */
export function loadCalibrationSet(file: string, rubrics: Rubric[], documents: readonly DatasetRow[]): CalibrationItem[] {
  const shown = displayPath(file);
  const fix = 'see data/judge/CALIBRATION.md for the columns and how to rate.';
  const table = readCsv(file, { fix: `${fix} Fields with commas, quotes or line breaks must be in double quotes.` });
  const missing = REQUIRED.filter((c) => !table.columns.includes(c));
  if (missing.length)
    throw new WorkshopError(
      `${shown} has no ${missing.map((c) => `"${c}"`).join(', ')} column (found: ${table.columns.join(', ') || 'none'}).`,
      { fix: `add it: ${fix}`, file, row: 1, column: missing[0] },
    );
  const metricNames = rubrics.map((r) => r.name);
  for (const column of table.columns) {
    if (
      (REQUIRED as readonly string[]).includes(column) ||
      (DESCRIPTIVE as readonly string[]).includes(column) ||
      (OPTIONAL as readonly string[]).includes(column) ||
      metricNames.includes(column)
    )
      continue;
    throw new WorkshopError(
      `${shown}, row 1, column "${column}": "${column}" is not a metric of the judge's rubrics (${metricNames.join(', ')}) nor a calibration column (${[...REQUIRED, ...DESCRIPTIVE, ...OPTIONAL].join(', ')}).`,
      {
        fix: `rename the column to the metric it rates, add a rubric file data/judge/${column}.txt, or delete the column.`,
        file,
        row: 1,
        column,
      },
    );
  }
  const rated = rubrics.filter((r) => table.columns.includes(r.name));
  if (rated.length === 0)
    throw new WorkshopError(`${shown} has no rating column: none of ${metricNames.join(', ')}.`, {
      fix: `add a column per metric you rate, named like the rubric. ${fix}`,
      file,
      row: 1,
    });
  if (table.rows.length === 0) throw new WorkshopError(`${shown} has a header but no answers.`, { fix: `add rated answers. ${fix}`, file });

  const byId = new Map(documents.map((d) => [documentId(d.document), d]));
  const tasks = new Map<string, Task>();
  const seen = new Map<string, number>();
  return table.rows.map((record, i) => {
    const row = i + 2;
    const at = (column: string) => `${shown}, row ${row}, column "${column}"`;
    const answerId = record.answer_id?.trim() ?? '';
    if (!answerId)
      throw new WorkshopError(`${at('answer_id')}: the answer id is empty.`, {
        fix: 'give every answer a unique id (e.g. northwind-faithful).',
        file,
        row,
        column: 'answer_id',
      });
    if (seen.has(answerId))
      throw new WorkshopError(`${at('answer_id')}: "${answerId}" was already used on row ${seen.get(answerId)}.`, {
        fix: 'give every answer a unique id.',
        file,
        row,
        column: 'answer_id',
      });
    seen.set(answerId, row);
    const docId = record.document_id?.trim() ?? '';
    const doc = byId.get(docId);
    if (!doc) {
      throw new WorkshopError(`${at('document_id')}: no document with id "${docId}" in the dataset or in ${CALIBRATION_DOCUMENTS.path}.`, {
        fix: `use the document_id of one of those documents (the document_id column of outputs/judge_sanity_check.csv or of a quality result CSV lists them), or delete the row.`,
        file,
        row,
        column: 'document_id',
      });
    }
    const taskName = record.task?.trim() ?? '';
    const languageCell = record.language?.trim() || 'en';
    if (!isLanguage(languageCell))
      throw new WorkshopError(
        `${at('language')}: ${JSON.stringify(languageCell)} is not a language of the workshop (${LANGUAGES.join(', ')}).`,
        {
          fix: `write one of ${LANGUAGES.join(', ')} (the language the answer is written in), or leave it empty for en.`,
          file,
          row,
          column: 'language',
        },
      );
    let task = tasks.get(`${taskName}|${languageCell}`);
    if (!task) {
      try {
        task = loadTask(taskName || '(empty)', { language: languageCell });
      } catch (err) {
        throw new WorkshopError(`${at('task')}: ${(err as Error).message}`, {
          fix: 'name a task of data/tasks/ (e.g. document_summarization).',
          file,
          row,
          column: 'task',
          cause: err,
        });
      }
      if (task.kind !== 'generation')
        throw new WorkshopError(`${at('task')}: "${taskName}" is a ${task.kind} task, which is decided on its labels and uses no judge.`, {
          fix: 'calibrate the judge on answers of a generation task (e.g. document_summarization).',
          file,
          row,
          column: 'task',
        });
      tasks.set(`${taskName}|${languageCell}`, task);
    }
    const human: Record<string, number | null> = {};
    for (const r of rated) {
      const cell = record[r.name]?.trim() ?? '';
      if (cell === '') {
        human[r.name] = null;
        continue;
      }
      const value = Number(cell);
      if (!/^-?\d+(?:\.0+)?$/.test(cell) || value < r.min || value > r.max) {
        throw new WorkshopError(`${at(r.name)}: ${JSON.stringify(cell)} is not a rating on the rubric's ${r.min}–${r.max} scale.`, {
          fix: `write a whole number from ${r.min} to ${r.max} (data/judge/${r.name}.txt says what each means), or leave the cell empty for "not rated".`,
          file,
          row,
          column: r.name,
        });
      }
      human[r.name] = value;
    }
    if (Object.values(human).every((v) => v === null))
      throw new WorkshopError(`${shown}, row ${row}: answer "${answerId}" has no rating at all.`, {
        fix: 'rate it on at least one metric, or delete the row.',
        file,
        row,
      });
    return {
      row,
      answerId,
      documentId: docId,
      task,
      quality: record.quality ?? '',
      answer: record.answer ?? '',
      note: record.note ?? '',
      human,
      document: doc.document,
      reference: doc.reference,
    };
  });
}

export interface CalibrationJudgement {
  judge: string;
  answer_id: string;
  status: 'judged' | 'unparseable' | 'error';
  scores: Record<string, number | null>;
  reasons: Record<string, string>;
  error: string;
}

export interface MetricAgreement {
  judge: string;
  /** A rubric metric, `all` (every rating pooled, when the rubrics share one scale) or {@link HARD_SUBSET}. */
  metric: string;
  /** Answers with both a human and a judge score. */
  n: number;
  kappa: number | null;
  alpha: number | null;
  exact: number | null;
  withinOne: number | null;
  /** Mean of judge − human: above 0 the judge is more lenient than the person. */
  meanDifference: number | null;
}

export interface Disagreement {
  judge: string;
  answer_id: string;
  quality: string;
  metric: string;
  human: number;
  judge_score: number;
  difference: number;
  judge_reason: string;
  answer: string;
}

export interface CalibrationReport {
  status: 'done' | 'partial' | 'not_run';
  /** Why not run, or what was missing. */
  reason: string;
  file: string;
  items: CalibrationItem[];
  judges: string[];
  judgements: CalibrationJudgement[];
  agreement: MetricAgreement[];
  /** Largest |judge − human| first. */
  worst: Disagreement[];
  /** `outputs/judge_calibration.csv` (one line per answer × metric × judge), or null. */
  outputFile: string | null;
}

const judgementSchema = z.object({
  judge: z.string(),
  answer_id: z.string(),
  status: z.enum(['judged', 'unparseable', 'error']),
  scores: z.record(z.number().nullable()),
  reasons: z.record(z.string()),
  error: z.string(),
});

const sha12 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

export interface CalibrationOptions {
  /** The calibration CSV; default data/judge/calibration.csv (the pt-BR edition: data/pt-BR/judge/calibration.csv). */
  file?: string;
  call?: JudgeCall;
  templates?: JudgeTemplates;
  print?: (line: string) => void;
  /** Judge everything anew (default true: calibration is about the judge as it answers now); false resumes an interrupted run. */
  fresh?: boolean;
  /** Disagreements listed. Default 10. */
  top?: number;
}

/** What the judge is told the answer was asked to do: step 4's task text when it is the configured task, else the task's instruction and rules. */
export function calibrationTaskText(session: WorkshopSession, task: Task): string {
  if (task.name === session.config.taskSpec.name && task.language === session.config.taskSpec.language)
    return judgeTask(session, allModels(session.config)[0].promptTemplate);
  return `${taskInstruction(task)}\n\n${constraintsText(task)}`;
}

/** The documents calibration answers may refer to: the configured dataset's and the sample's. */
export async function calibrationDocuments(dataset: readonly DatasetRow[] = []): Promise<DatasetRow[]> {
  const samples: DatasetRow[] = [];
  for (const source of [CALIBRATION_DOCUMENTS, PT_BR_CALIBRATION_DOCUMENTS])
    if (existsSync(repoPath(source.path))) samples.push(...(await loadDataset(source)).rows);
  return [...dataset, ...samples];
}

export async function runCalibration(
  session: WorkshopSession,
  rubrics: Rubric[],
  options: CalibrationOptions & { dataset?: readonly DatasetRow[] } = {},
): Promise<CalibrationReport> {
  const file = options.file ?? defaultCalibrationFile(session.config.taskSpec.language);
  const empty = (reason: string, items: CalibrationItem[] = []): CalibrationReport => ({
    status: 'not_run',
    reason,
    file,
    items,
    judges: [],
    judgements: [],
    agreement: [],
    worst: [],
    outputFile: null,
  });
  // 1. What can be calibrated: a generation task, a calibration set, judges step 1 did not find denied.
  if (session.config.taskSpec.kind === 'classification')
    return empty(
      `the task "${session.config.taskSpec.name}" is a classification task, decided on its labels (${session.config.taskSpec.primaryMetric}) — it uses no judge, so there is no judge to calibrate`,
    );
  if (!existsSync(file))
    return empty(
      `there is no calibration set at ${displayPath(file)} — restore data/judge/calibration.csv from git, or write one (data/judge/CALIBRATION.md)`,
    );
  const items = loadCalibrationSet(file, rubrics, await calibrationDocuments(options.dataset));
  const judges = session.config.judge.models.filter((j) => !setupBlockOf(session.tracking, j));
  if (judges.length === 0) return empty('no judge model is usable (denied or unknown in step 1)', items);

  // 2. Judge every answer with every judge, as step 4 judges a model's answer.
  const templates = options.templates ?? loadJudgeTemplates();
  const call: JudgeCall = options.call ?? judgeCallOf(session);
  const taskKey = (t: Task) => `${t.name}|${t.language}`;
  const taskText = new Map(items.map((it) => [taskKey(it.task), calibrationTaskText(session, it.task)]));
  const run = await runResumable({
    label: 'judge calibration',
    checkpointFile: path.join(repoPath(session.config.paths.outputs), 'checkpoints', 'judge_calibration.jsonl'),
    work: judges.flatMap((judge) =>
      items.map((item) => ({
        key: `${judge}|${item.answerId}|${sha12(`${item.documentId}\n${item.task.name}\n${item.answer}`)}`,
        item: { judge, item },
      })),
    ),
    provenance: {
      step: 'judge-calibration',
      backend: session.backend.column,
      endpoint: session.backend.identity,
      judge_prompt_sha: sha12(
        [templates.system, templates.prompt, ...rubrics.map((r) => JSON.stringify(r)), ...taskText.values()].join('\n'),
      ),
      judge_max_tokens: session.config.judge.maxTokens,
    },
    rowSchema: judgementSchema,
    isFinal: (row) => row.status === 'judged',
    concurrency: session.config.judge.concurrency,
    fresh: options.fresh ?? true,
    print: options.print,
    run: async ({ judge, item }) => {
      const j = await judgeResponse({
        call,
        judgeModelId: judge,
        templates,
        rubrics,
        task: taskText.get(taskKey(item.task))!,
        document: item.document,
        reference: item.reference,
        response: item.answer,
        maxTokens: session.config.judge.maxTokens,
      });
      return {
        judge,
        answer_id: item.answerId,
        status: j.status,
        scores: Object.fromEntries(rubrics.map((r) => [r.name, j.scores.find((s) => s.metric === r.name)?.score ?? null])),
        reasons: Object.fromEntries(rubrics.map((r) => [r.name, j.scores.find((s) => s.metric === r.name)?.reason ?? ''])),
        error: j.error,
      };
    },
  });

  // 3. Agreement with the human ratings, per judge and metric; the largest disagreements.
  const judgements = run.rows;
  const agreement = judges.flatMap((judge) =>
    agreementFor(
      judge,
      items,
      judgements.filter((j) => j.judge === judge),
      rubrics,
    ),
  );
  const worst = disagreements(items, judgements, rubrics).slice(0, options.top ?? 10);
  const failed = judgements.filter((j) => j.status !== 'judged');
  const outputFile = path.join(repoPath(session.config.paths.outputs), CALIBRATION_OUTPUT);
  writeCalibrationCsv(outputFile, items, judgements, rubrics);
  return {
    status: failed.length ? 'partial' : 'done',
    reason: failed.length
      ? `${failed.length} of ${judgements.length} answer(s) could not be judged (${[...new Set(failed.map((f) => f.error))].slice(0, 2).join('; ')}) — they are left out of the agreement`
      : '',
    file,
    items,
    judges,
    judgements,
    agreement,
    worst,
    outputFile,
  };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function agreementOf(judge: string, metric: string, pairs: [number, number][], categories: number[]): MetricAgreement {
  const h = pairs.map(([x]) => x);
  const j = pairs.map(([, y]) => y);
  return {
    judge,
    metric,
    n: pairs.length,
    kappa: pairs.length ? cohensKappa(h, j, { weights: 'quadratic', categories }) : null,
    alpha: krippendorffAlpha(pairs, 'ordinal'),
    exact: mean(pairs.map(([x, y]) => (x === y ? 1 : 0))),
    withinOne: mean(pairs.map(([x, y]) => (Math.abs(x - y) <= 1 ? 1 : 0))),
    meanDifference: mean(pairs.map(([x, y]) => y - x)),
  };
}

/** Per metric (and pooled as `all` when the rubrics share one scale): kappa, alpha, exact and within-one shares, mean difference. */
export function agreementFor(
  judge: string,
  items: readonly CalibrationItem[],
  judgements: readonly CalibrationJudgement[],
  rubrics: readonly Rubric[],
): MetricAgreement[] {
  const scale = (r: Pick<Rubric, 'min' | 'max'>) => Array.from({ length: r.max - r.min + 1 }, (_, i) => r.min + i);
  const byAnswer = new Map(judgements.filter((j) => j.status === 'judged').map((j) => [j.answer_id, j]));
  const rows: MetricAgreement[] = [];
  const pooled: [number, number][] = [];
  for (const r of rubrics) {
    const pairs: [number, number][] = [];
    for (const item of items) {
      const h = item.human[r.name];
      const s = byAnswer.get(item.answerId)?.scores[r.name];
      if (h != null && s != null) pairs.push([h, s]);
    }
    if (!items.some((it) => it.human[r.name] != null)) continue;
    rows.push(agreementOf(judge, r.name, pairs, scale(r)));
    for (const pair of pairs) pooled.push(pair);
  }
  const oneScale = rubrics.every((r) => r.min === rubrics[0].min && r.max === rubrics[0].max);
  if (rows.length > 1 && oneScale) {
    rows.push(agreementOf(judge, 'all', pooled, scale(rubrics[0])));
    // The hard subset: without the empty and off-topic answers, which any judge gets right and which lift the pooled figure.
    const hard = items.filter((it) => !isEasyAnswer(it));
    if (hard.length > 0 && hard.length < items.length) {
      const pairs: [number, number][] = [];
      for (const it of hard)
        for (const r of rubrics) {
          const h = it.human[r.name];
          const sc = byAnswer.get(it.answerId)?.scores[r.name];
          if (h != null && sc != null) pairs.push([h, sc]);
        }
      rows.push(agreementOf(judge, HARD_SUBSET, pairs, scale(rubrics[0])));
    }
  }
  return rows;
}

/** The pooled row over the hard subset of the calibration set (every answer but the empty and off-topic ones). */
export const HARD_SUBSET = 'all, without empty and off-topic answers';

/** An answer any judge should get right: empty, or about something else (its `quality` says so). */
export function isEasyAnswer(item: Pick<CalibrationItem, 'answer' | 'quality'>): boolean {
  return item.answer.trim() === '' || /^(?:empty|off-topic)\b/i.test(item.quality.trim());
}

/** Every (judge, answer, metric) with both scores, largest |judge − human| first. */
export function disagreements(
  items: readonly CalibrationItem[],
  judgements: readonly CalibrationJudgement[],
  rubrics: readonly Rubric[],
): Disagreement[] {
  const out: Disagreement[] = [];
  for (const j of judgements.filter((x) => x.status === 'judged')) {
    const item = items.find((it) => it.answerId === j.answer_id);
    if (!item) continue;
    for (const r of rubrics) {
      const h = item.human[r.name];
      const s = j.scores[r.name];
      if (h == null || s == null) continue;
      out.push({
        judge: j.judge,
        answer_id: item.answerId,
        quality: item.quality,
        metric: r.name,
        human: h,
        judge_score: s,
        difference: s - h,
        judge_reason: j.reasons[r.name] ?? '',
        answer: item.answer,
      });
    }
  }
  return out.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference)).filter((d) => d.difference !== 0);
}

/** `outputs/judge_calibration.csv`: one line per judge × answer × metric, with both scores. */
export function writeCalibrationCsv(
  file: string,
  items: readonly CalibrationItem[],
  judgements: readonly CalibrationJudgement[],
  rubrics: readonly Rubric[],
): void {
  const rows = judgements.flatMap((j) => {
    const item = items.find((it) => it.answerId === j.answer_id);
    return rubrics
      .filter((r) => item && r.name in item.human)
      .map((r) => {
        const h = item!.human[r.name];
        const s = j.scores[r.name];
        return {
          judge_model: j.judge,
          answer_id: j.answer_id,
          document_id: item!.documentId,
          quality: item!.quality,
          metric: r.name,
          human: h,
          judge: s,
          difference: h != null && s != null ? s - h : null,
          judge_status: j.status,
          judge_reason: j.reasons[r.name] ?? j.error,
        };
      });
  });
  writeCsv(
    file,
    ['judge_model', 'answer_id', 'document_id', 'quality', 'metric', 'human', 'judge', 'difference', 'judge_status', 'judge_reason'],
    rows,
  );
}

const fmt = (x: number | null, d = 2) => (x === null ? null : Number(x.toFixed(d)));

/** The agreement as a table: one row per judge × metric. */
export function calibrationTable(report: CalibrationReport): Record<string, string | number | null>[] {
  const multi = report.judges.length > 1;
  return report.agreement.map((a) => ({
    ...(multi ? { 'judge model': a.judge } : {}),
    metric: a.metric,
    answers: a.n,
    'kappa (quadratic)': fmt(a.kappa),
    'alpha (ordinal)': fmt(a.alpha),
    'exact match': a.exact === null ? null : `${Math.round(a.exact * 100)}%`,
    'within 1 point': a.withinOne === null ? null : `${Math.round(a.withinOne * 100)}%`,
    'judge − human': fmt(a.meanDifference),
  }));
}

/** The largest disagreements as a table. */
export function worstTable(report: CalibrationReport): Record<string, string | number | null>[] {
  const multi = report.judges.length > 1;
  return report.worst.map((d) => ({
    ...(multi ? { 'judge model': d.judge } : {}),
    answer: d.answer_id,
    quality: d.quality,
    metric: d.metric,
    human: d.human,
    judge: d.judge_score,
    'judge says': d.judge_reason,
  }));
}

/** One sentence per judge: the pooled agreement, over what, and how to read it. */
export function calibrationSummary(report: CalibrationReport): string {
  if (report.status === 'not_run') return `Judge calibration not run: ${report.reason}.`;
  const lines = report.judges.map((judge) => {
    const all = report.agreement.find((a) => a.judge === judge && a.metric === 'all');
    if (!all || all.kappa === null) return `${judge}: too few judged ratings to measure agreement.`;
    const hard = report.agreement.find((a) => a.judge === judge && a.metric === HARD_SUBSET);
    // Read on the hard subset when there is one: the easy answers flatter any judge.
    const kappa = hard?.kappa ?? all.kappa;
    const words =
      kappa >= 0.8
        ? 'close to the person'
        : kappa >= 0.6
          ? 'usable, but read the disagreements'
          : 'too far from the person to trust its scores alone';
    const hardText =
      hard && hard.kappa !== null
        ? ` Without the easy empty and off-topic answers (${hard.n} ratings): kappa ${hard.kappa.toFixed(2)}, alpha ${hard.alpha === null ? 'n/a' : hard.alpha.toFixed(2)} — the figure to judge it by.`
        : '';
    return `${judge} against the human ratings: kappa ${all.kappa.toFixed(2)} (quadratic), alpha ${all.alpha === null ? 'n/a' : all.alpha.toFixed(2)} (ordinal), ${all.n} ratings of ${report.items.length} answers in ${displayPath(report.file)} — ${words}.${hardText}`;
  });
  return [...lines, ...(report.reason ? [`Note: ${report.reason}.`] : [])].join('\n');
}

/** Save each judge's pooled agreement to its row of the tracking table (`judge_calibration_*`). */
export function recordCalibration(session: WorkshopSession, report: CalibrationReport): void {
  if (report.status === 'not_run') return;
  for (const judge of report.judges) {
    const all = report.agreement.find((a) => a.judge === judge && a.metric === 'all') ?? null;
    upsertModelRow(session.tracking, judge, {
      judge_calibration_kappa: fmt(all?.kappa ?? null, 3),
      judge_calibration_alpha: fmt(all?.alpha ?? null, 3),
      judge_calibration_n: all?.n ?? null,
      judge_calibration_file: displayPath(report.file),
    });
  }
}
