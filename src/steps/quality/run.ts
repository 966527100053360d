/**
 * Step 4's run: judge every answer step 3 kept, with every judge model, and compute the
 * reference metrics beside it — on the same resumable-run machinery as step 3 (each judged
 * (answer, judge) pair is checkpointed at once; a re-run judges only what is missing, and
 * only reuses judgements made with the same judge set-up).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { allModels } from '../../core/config';
import { writeCsv } from '../../core/csv';
import { closeLogger, createRunLogger, fileTimestamp, safeFileName } from '../../core/logging';
import { displayPath, repoPath } from '../../core/paths';
import { loadTaskTemplate } from '../../core/task';
import { referenceScores } from '../../core/text-metrics/reference-metrics';
import {
  latencyResultsOf,
  optimizedPromptOf,
  qualityRowSchema,
  setupBlockOf,
  type LatencyResultRow,
  type PromptVariant,
  type QualityRow,
} from '../../results';
import { printProgress } from '../../runs/progress';
import { runResumable } from '../../runs/resumable-run';
import type { WorkshopSession } from '../../runs/session';
import { judgeCallOf, judgeResponse, type JudgeCall, type Judgement } from './judge';
import { judgeTaskText, loadJudgeTemplates, type JudgeTemplates } from '../../core/judge/prompt';
import { loadRubrics, type Rubric } from '../../core/judge/rubrics';

export type { QualityRow } from '../../results';

export interface ModelQuality {
  model: string;
  role: 'source' | 'candidate';
  /** The prompt the judged answers were produced with (docs/prompt-variants.md). */
  variant: PromptVariant;
  /**
   * `judged` every answer judged · `partial` some · `failed` none (judge errors) · `skipped`
   * nothing to judge or no usable judge (reference metrics are still computed) — with the reason.
   */
  status: 'judged' | 'partial' | 'failed' | 'skipped';
  reason: string;
  rows: QualityRow[];
  resultFile: string | null;
  resumed: number;
}

export interface QualityOptions {
  fresh?: boolean;
  print?: (line: string) => void;
  /** Inject the judge call (tests); default: Converse on the session's backend. */
  call?: JudgeCall;
  rubrics?: Rubric[];
  templates?: JudgeTemplates;
}

function judgementColumns(j: Judgement, rubrics: Rubric[]): QualityRow {
  const row: QualityRow = {
    judge_model: j.judgeModel,
    judge_status: j.status,
    parse_status: j.parseStatus ?? '',
    judge_attempts: j.attempts,
    overall: j.overall,
    judge_error: j.error,
    raw_judge_output: j.raw,
  };
  for (const r of rubrics) {
    const s = j.scores.find((x) => x.metric === r.name);
    row[`${r.name}_score`] = s?.score ?? null;
    row[`${r.name}_norm`] = s?.normalized ?? null;
    row[`${r.name}_reason`] = s?.reason ?? '';
    row[`${r.name}_status`] = s?.status ?? 'missing';
  }
  return row;
}

/** The task the judge is told the model had: the model's own prompt, without the document. */
export function judgeTask(session: WorkshopSession, promptTemplate: string): string {
  return judgeTaskText(session.config.taskSpec, loadTaskTemplate(promptTemplate));
}

const sha12 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** Judge every answer of step 3's task variant (every model, its task prompt). */
export async function runQuality(session: WorkshopSession, options: QualityOptions = {}): Promise<ModelQuality[]> {
  return judgeVariant(session, options, 'task');
}

/**
 * Judge the answers of step 3's optimized variant (`runOptimizedVariants`): every candidate
 * that has them, the same judges and rubrics, the judge told the optimized prompt as the
 * task. A candidate without them is `skipped` with the reason.
 *
 * @example
 * const optimizedQuality = await runOptimizedQuality(session, { rubrics });
 * // [{ model: 'us.meta.llama4-maverick…', variant: 'optimized', status: 'judged', rows: [5 rows], … }]
 */
export async function runOptimizedQuality(session: WorkshopSession, options: QualityOptions = {}): Promise<ModelQuality[]> {
  return judgeVariant(session, options, 'optimized');
}

async function judgeVariant(session: WorkshopSession, options: QualityOptions, variant: PromptVariant): Promise<ModelQuality[]> {
  const print = options.print ?? printProgress;
  const rubrics = options.rubrics ?? loadRubrics();
  const templates = options.templates ?? loadJudgeTemplates();
  const out = repoPath(session.config.paths.outputs);
  const task = safeFileName(session.config.task);
  const results: ModelQuality[] = [];
  // Judges that step 1 found denied (or unknown) are not called: their judgements cannot be had.
  const judgeProblems = new Map<string, string>();
  for (const judge of session.config.judge.models) {
    const blocked = setupBlockOf(session.tracking, judge);
    if (blocked) judgeProblems.set(judge, `judge ${judge} is "${blocked.status}" in step 1 (${blocked.message})`);
  }
  // A classification task is decided on its labels: asking a judge about a one-word label measures nothing.
  if (session.config.taskSpec.kind === 'classification')
    judgeProblems.set(
      '(all)',
      `the task "${session.config.taskSpec.name}" is a classification task, decided on its labels (${session.config.taskSpec.primaryMetric}), not by a judge`,
    );
  const judges = session.config.taskSpec.kind === 'classification' ? [] : session.config.judge.models.filter((j) => !judgeProblems.has(j));
  for (const [judge, reason] of judgeProblems)
    print(
      judge === '(all)'
        ? `${reason}: no judge is called.`
        : `${reason} — not called; the reference metrics are still computed. Fix: enable the judge model (or choose another in judge.models) and re-run notebooks 01 and 04.`,
    );
  const { logger, file: logFile } = createRunLogger({
    name: 'quality_judging',
    logDir: path.join(out, 'logs'),
    timestamp: fileTimestamp(),
  });
  logger.info(
    `Judging on ${session.backend.kind} with ${judges.join(', ') || 'no usable judge'}${judgeProblems.size ? `; not called: ${[...judgeProblems.keys()].join(', ')}` : ''}`,
  );
  const call: JudgeCall = options.call ?? judgeCallOf(session, logger);

  const variantTag = variant === 'task' ? '' : `_${variant}`;
  for (const setting of allModels(session.config)) {
    if (variant !== 'task' && setting.role !== 'candidate') continue;
    const base = { model: setting.modelId, role: setting.role, variant };
    // 1. the answers of step 3 (through the results reader), and the prompt they answered.
    const step3 = latencyResultsOf(session.tracking, setting.modelId, variant);
    const optimized = variant === 'task' ? null : optimizedPromptOf(session.tracking, setting.modelId);
    const problem = !step3.ok ? step3.reason : optimized && !optimized.ok ? optimized.reason : null;
    if (!step3.ok || problem) {
      const reason = problem ?? 'no answers';
      print(`${setting.modelId}${variantTag ? ` (${variant} prompt)` : ''}: skipped — ${reason}`);
      results.push({ ...base, status: 'skipped', reason, rows: [], resultFile: null, resumed: 0 });
      continue;
    }
    // 2. every (answer, judge) pair, keyed by the answer's text too — a new answer is judged anew.
    const jobTask = judgeTask(session, optimized?.ok ? optimized.template : setting.promptTemplate);
    // With no usable judge, each answer still gets one row: its reference metrics, judge_status "skipped".
    const judgeSlots: (string | null)[] = judges.length ? judges : [null];
    const work = step3.rows.flatMap((r) =>
      judgeSlots.map((judge) => ({
        key: `${r.document_id}|${r.experiment}|${r.invocation}|${judge ?? '(none)'}|${sha12(r.model_response)}`,
        item: { r, judge },
      })),
    );
    const provenance = {
      step: 'quality',
      variant,
      backend: session.backend.column,
      endpoint: session.backend.identity,
      judge_prompt_sha: sha12([templates.system, templates.prompt, ...rubrics.map((r) => JSON.stringify(r)), jobTask].join('\n')),
      judge_max_tokens: session.config.judge.maxTokens,
    };
    // 3. judge what is not judged yet; failed step-3 calls are recorded as skipped, not judged.
    const run = await runResumable<{ r: LatencyResultRow; judge: string | null }, QualityRow>({
      label: `judging ${setting.modelId}${variantTag ? ` (${variant} prompt)` : ''}`,
      checkpointFile: path.join(out, 'checkpoints', `quality_${safeFileName(setting.modelId)}${variantTag}.jsonl`),
      work,
      provenance,
      rowSchema: qualityRowSchema,
      isFinal: (row) => row.judge_status === 'judged' || row.judge_status === 'skipped',
      concurrency: session.config.judge.concurrency,
      fresh: options.fresh,
      print,
      run: async ({ r, judge }, ctx) => {
        const ids = {
          run_id: ctx.runId,
          model: setting.modelId,
          role: setting.role,
          variant,
          backend: session.backend.column,
          document_index: r.document_index,
          document_id: r.document_id,
          experiment: r.experiment,
          invocation: r.invocation,
        };
        const ref = referenceScores(r.model_response, r.referenceResponse || null);
        const refCols = {
          rouge1_f1: ref?.rouge1_f1 ?? null,
          rouge2_f1: ref?.rouge2_f1 ?? null,
          rougeL_f1: ref?.rougeL_f1 ?? null,
          token_f1: ref?.token_f1 ?? null,
        };
        let row: QualityRow;
        if (judge === null) {
          row = {
            ...ids,
            judge_model: '',
            judge_status: 'skipped',
            parse_status: '',
            judge_attempts: 0,
            overall: null,
            judge_error: [...judgeProblems.values()].join('; ') || 'no judge model',
            raw_judge_output: '',
            ...refCols,
          };
        } else if (r.status === 'error') {
          row = {
            ...ids,
            judge_model: judge,
            judge_status: 'skipped',
            parse_status: '',
            judge_attempts: 0,
            overall: null,
            judge_error: `step-3 call failed: ${r.error_message}`,
            raw_judge_output: '',
            ...refCols,
          };
        } else {
          const j = await judgeResponse({
            call,
            judgeModelId: judge,
            templates,
            rubrics,
            task: jobTask,
            document: r.document,
            reference: r.referenceResponse || null,
            response: r.model_response,
            maxTokens: session.config.judge.maxTokens,
          });
          row = { ...ids, ...judgementColumns(j, rubrics), ...refCols };
        }
        return { ...row, answer_status: r.status, response: r.model_response, provenance_id: ctx.provenanceId };
      },
    });
    // 4. the result file of this run.
    const resultFile = path.join(out, `quality_${task}_${safeFileName(setting.modelId)}${variantTag}_${run.runId}.csv`);
    writeQualityCsv(resultFile, run.rows);
    const rows = run.rows;
    const judged = rows.filter((r) => r.judge_status === 'judged').length;
    const judgeFailures = rows.filter((r) => r.judge_status === 'error' || r.judge_status === 'unparseable').length;
    const status: ModelQuality['status'] =
      rows.length > 0 && judged === rows.length ? 'judged' : judged > 0 ? 'partial' : judgeFailures > 0 ? 'failed' : 'skipped';
    const reason =
      status === 'judged'
        ? ''
        : judges.length === 0
          ? `${[...judgeProblems.values()].join('; ')} — reference metrics only`
          : `${rows.length - judged} of ${rows.length} not judged (${judgeFailures} judge error(s) or unreadable answers, ${rows.length - judged - judgeFailures} failed step-3 call(s)) — see ${displayPath(logFile)}`;
    results.push({ ...base, status, reason, rows, resultFile, resumed: run.resumed });
  }
  logger.info(results.map((r) => `${r.model}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`).join('; '));
  await closeLogger(logger);
  return results;
}

export function writeQualityCsv(file: string, rows: QualityRow[]): void {
  const columns = [...new Set(['model', ...rows.flatMap((r) => Object.keys(r))])];
  writeCsv(file, columns, rows);
}

export function describeQualityFiles(results: ModelQuality[]): Record<string, string | number>[] {
  return results.map((r) => ({
    model: r.model,
    variant: r.variant,
    status: r.status,
    judged: r.rows.filter((x) => x.judge_status === 'judged').length,
    rows: r.rows.length,
    resumed: r.resumed,
    results: r.resultFile ? displayPath(r.resultFile) : '',
    note: r.reason,
  }));
}
