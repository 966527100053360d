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
import { localizeDigits } from '../../core/format';
import { m as messages } from '../../core/i18n';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { allModels } from '../../core/config';
import { readCsv, writeCsv } from '../../core/csv';
import { documentId, loadDataset, type DatasetRow } from '../../core/dataset';
import { WorkshopError } from '../../core/errors';
import { m } from '../../core/i18n';
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
  const msg = m().errors.jobs;
  const fix = msg.calibrationFix;
  const table = readCsv(file, { fix: msg.calibrationCsvFix({ fix }) });
  const missing = REQUIRED.filter((c) => !table.columns.includes(c));
  if (missing.length)
    throw new WorkshopError(
      msg.calibrationNoColumn({ shown, columns: missing.map((c) => `"${c}"`).join(', '), found: table.columns.join(', ') }),
      { fix: msg.calibrationNoColumnFix({ fix }), file, row: 1, column: missing[0] },
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
      msg.calibrationBadColumn({
        shown,
        column,
        metrics: metricNames.join(', '),
        columns: [...REQUIRED, ...DESCRIPTIVE, ...OPTIONAL].join(', '),
      }),
      {
        fix: msg.calibrationBadColumnFix({ column }),
        file,
        row: 1,
        column,
      },
    );
  }
  const rated = rubrics.filter((r) => table.columns.includes(r.name));
  if (rated.length === 0)
    throw new WorkshopError(msg.calibrationNoRating({ shown, metrics: metricNames.join(', ') }), {
      fix: msg.calibrationNoRatingFix({ fix }),
      file,
      row: 1,
    });
  if (table.rows.length === 0)
    throw new WorkshopError(msg.calibrationNoAnswers({ shown }), { fix: msg.calibrationNoAnswersFix({ fix }), file });

  const byId = new Map(documents.map((d) => [documentId(d.document), d]));
  const tasks = new Map<string, Task>();
  const seen = new Map<string, number>();
  return table.rows.map((record, i) => {
    const row = i + 2;
    const at = (column: string) => msg.calibrationAt({ shown, row, column });
    const answerId = record.answer_id?.trim() ?? '';
    if (!answerId)
      throw new WorkshopError(msg.calibrationEmptyId({ at: at('answer_id') }), {
        fix: msg.calibrationEmptyIdFix,
        file,
        row,
        column: 'answer_id',
      });
    if (seen.has(answerId))
      throw new WorkshopError(msg.calibrationIdTwice({ at: at('answer_id'), id: answerId, row: seen.get(answerId) ?? 0 }), {
        fix: msg.calibrationIdTwiceFix,
        file,
        row,
        column: 'answer_id',
      });
    seen.set(answerId, row);
    const docId = record.document_id?.trim() ?? '';
    const doc = byId.get(docId);
    if (!doc) {
      throw new WorkshopError(msg.calibrationNoDocument({ at: at('document_id'), id: docId, file: CALIBRATION_DOCUMENTS.path }), {
        fix: msg.calibrationNoDocumentFix,
        file,
        row,
        column: 'document_id',
      });
    }
    const taskName = record.task?.trim() ?? '';
    const languageCell = record.language?.trim() || 'en';
    if (!isLanguage(languageCell))
      throw new WorkshopError(
        msg.calibrationLanguage({ at: at('language'), value: JSON.stringify(languageCell), languages: LANGUAGES.join(', ') }),
        { fix: msg.calibrationLanguageFix({ languages: LANGUAGES.join(', ') }), file, row, column: 'language' },
      );
    let task = tasks.get(`${taskName}|${languageCell}`);
    if (!task) {
      try {
        task = loadTask(taskName || '(empty)', { language: languageCell });
      } catch (err) {
        throw new WorkshopError(msg.calibrationTask({ at: at('task'), message: (err as Error).message }), {
          fix: msg.calibrationTaskFix,
          file,
          row,
          column: 'task',
          cause: err,
        });
      }
      if (task.kind !== 'generation')
        throw new WorkshopError(msg.calibrationNotGeneration({ at: at('task'), task: taskName, kind: task.kind }), {
          fix: msg.calibrationNotGenerationFix,
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
        throw new WorkshopError(msg.calibrationOffScale({ at: at(r.name), cell: JSON.stringify(cell), min: r.min, max: r.max }), {
          fix: msg.calibrationOffScaleFix({ min: r.min, max: r.max, metric: r.name }),
          file,
          row,
          column: r.name,
        });
      }
      human[r.name] = value;
    }
    if (Object.values(human).every((v) => v === null))
      throw new WorkshopError(msg.calibrationUnrated({ shown, row, id: answerId }), {
        fix: msg.calibrationUnratedFix,
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
    if (existsSync(repoPath(source.path))) for (const row of (await loadDataset(source)).rows) samples.push(row);
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
      messages().views.quality.calibration.classification({
        task: session.config.taskSpec.name,
        metric: session.config.taskSpec.primaryMetric,
      }),
    );
  if (!existsSync(file)) return empty(messages().views.quality.calibration.noSet({ file: displayPath(file) }));
  const items = loadCalibrationSet(file, rubrics, await calibrationDocuments(options.dataset));
  const judges = session.config.judge.models.filter((j) => !setupBlockOf(session.tracking, j));
  if (judges.length === 0) return empty(messages().views.quality.calibration.noJudge, items);

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
      ? messages().views.quality.calibration.someFailed({
          failed: String(failed.length),
          total: String(judgements.length),
          errors: [...new Set(failed.map((f) => f.error))].slice(0, 2).join('; '),
        })
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
  const c = messages().views.quality.calibration.col;
  return report.agreement.map((a) => ({
    ...(multi ? { [c.judgeModel]: a.judge } : {}),
    [c.metric]: a.metric,
    [c.answers]: a.n,
    [c.kappa]: fmt(a.kappa),
    [c.alpha]: fmt(a.alpha),
    [c.exact]: a.exact === null ? null : `${Math.round(a.exact * 100)}%`,
    [c.withinOne]: a.withinOne === null ? null : `${Math.round(a.withinOne * 100)}%`,
    [c.difference]: fmt(a.meanDifference),
  }));
}

/** The largest disagreements as a table. */
export function worstTable(report: CalibrationReport): Record<string, string | number | null>[] {
  const multi = report.judges.length > 1;
  const c = messages().views.quality.calibration.col;
  return report.worst.map((d) => ({
    ...(multi ? { [c.judgeModel]: d.judge } : {}),
    [c.answer]: d.answer_id,
    [c.quality]: d.quality,
    [c.metric]: d.metric,
    [c.human]: d.human,
    [c.judge]: d.judge_score,
    [c.judgeSays]: d.judge_reason,
  }));
}

/** One sentence per judge: the pooled agreement, over what, and how to read it. */
export function calibrationSummary(report: CalibrationReport): string {
  const t = messages().views.quality.calibration;
  const two = (x: number | null) => (x === null ? t.na : localizeDigits(x.toFixed(2)));
  if (report.status === 'not_run') return t.notRun({ reason: report.reason });
  const lines = report.judges.map((judge) => {
    const all = report.agreement.find((a) => a.judge === judge && a.metric === 'all');
    if (!all || all.kappa === null) return t.tooFew({ judge });
    const hard = report.agreement.find((a) => a.judge === judge && a.metric === HARD_SUBSET);
    // Read on the hard subset when there is one: the easy answers flatter any judge.
    const kappa = hard?.kappa ?? all.kappa;
    const words = kappa >= 0.8 ? t.close : kappa >= 0.6 ? t.usable : t.far;
    const hardText = hard && hard.kappa !== null ? t.hard({ n: String(hard.n), kappa: two(hard.kappa), alpha: two(hard.alpha) }) : '';
    return t.summary({
      judge,
      kappa: two(all.kappa),
      alpha: two(all.alpha),
      n: String(all.n),
      answers: String(report.items.length),
      file: displayPath(report.file),
      words,
      hard: hardText,
    });
  });
  return [...lines, ...(report.reason ? [t.note({ reason: report.reason })] : [])].join('\n');
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
