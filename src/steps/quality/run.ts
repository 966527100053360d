/**
 * Step 4's run: judge every response step 3 kept, with every judge model, and compute the
 * reference metrics beside it. Like step 3 it checkpoints each judged (response, judge) at
 * once, so a re-run scores only what is missing, and an interrupted run resumes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import * as pl from 'nodejs-polars';
import { converse } from '../../core/bedrock';
import { allModels } from '../../core/config';
import { writeFileAtomic } from '../../core/files';
import { Checkpoint } from '../../runs/checkpoint';
import type { LatencyResultRow } from '../../results/latency-rows';
import { Progress, printProgress } from '../../runs/progress';
import { fileTimestamp, safeFileName } from '../../core/logging';
import { displayPath, repoPath } from '../../core/paths';
import { loadTemplate, renderTemplate } from '../../core/prompts';
import type { WorkshopSession } from '../../runs/session';
import { judgeResponse, type JudgeCall, type Judgement } from './judge';
import { loadJudgeTemplates, type JudgeTemplates } from './judge-prompt';
import { referenceScores } from '../../core/text-metrics/reference-metrics';
import { loadRubrics, type Rubric } from './rubrics';

export type QualityRow = Record<string, string | number | null>;

export interface ModelQuality {
  model: string;
  role: 'source' | 'candidate';
  status: 'judged' | 'partial' | 'skipped';
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

/** The step-3 columns step 4 needs (read back from the CSV, so `status` is plain text). */
type Step3Row = Pick<LatencyResultRow, 'document_index' | 'document_id' | 'experiment' | 'invocation' | 'document' | 'referenceResponse' | 'model_response' | 'error_message'> & { status: string };

/** The responses of step 3 for one model, from the result file the tracking CSV names. */
export function readStep3Results(session: WorkshopSession, modelId: string): { rows: Step3Row[]; file: string } | { error: string } {
  const tracked = session.tracking.rows.find((r) => r.model === modelId)?.latency_results_file;
  if (typeof tracked !== 'string' || !tracked) return { error: 'no step-3 results recorded for this model — run notebook 03 first' };
  const file = repoPath(tracked);
  if (!existsSync(file)) return { error: `the step-3 result file ${tracked} is missing — re-run notebook 03` };
  const frame = pl.readCSV(readFileSync(file, 'utf8'), { inferSchemaLength: 0 });
  for (const col of ['document_id', 'document', 'model_response', 'status']) {
    if (!frame.columns.includes(col)) return { error: `${tracked} has no "${col}" column — it is not a step-3 result file; re-run notebook 03` };
  }
  const rows = (frame.toRecords() as Record<string, string | null>[]).map((r) => ({
    document_index: Number(r.document_index ?? 0),
    document_id: r.document_id ?? '',
    experiment: Number(r.experiment ?? 1),
    invocation: Number(r.invocation ?? 1),
    document: r.document ?? '',
    referenceResponse: r.referenceResponse ?? '',
    model_response: r.model_response ?? '',
    status: r.status ?? '',
    error_message: r.error_message ?? '',
  }));
  return { rows, file };
}

function judgementColumns(j: Judgement, rubrics: Rubric[]): QualityRow {
  const row: QualityRow = { judge_model: j.judgeModel, judge_status: j.status, parse_status: j.parseStatus ?? '', judge_attempts: j.attempts, overall: j.overall, judge_error: j.error, raw_judge_output: j.raw };
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
  return renderTemplate(loadTemplate(repoPath(promptTemplate)), { document: '[the document below]' }).trim();
}

export async function runQuality(session: WorkshopSession, options: QualityOptions = {}): Promise<ModelQuality[]> {
  const print = options.print ?? printProgress;
  const rubrics = options.rubrics ?? loadRubrics();
  const templates = options.templates ?? loadJudgeTemplates();
  const judges = session.config.judge.models;
  const call: JudgeCall = options.call ?? ((req) => converse(session.backend.runtime, req, { timeoutMs: session.config.benchmark.timeout_seconds * 1000, retry: { maxAttempts: session.config.benchmark.retry_attempts } }));
  const out = repoPath(session.config.paths.outputs);
  const results: ModelQuality[] = [];

  for (const setting of allModels(session.config)) {
    const base = { model: setting.modelId, role: setting.role };
    const step3 = readStep3Results(session, setting.modelId);
    if ('error' in step3) {
      print(`${setting.modelId}: skipped — ${step3.error}`);
      results.push({ ...base, status: 'skipped', reason: step3.error, rows: [], resultFile: null, resumed: 0 });
      continue;
    }
    const task = judgeTask(session, setting.promptTemplate);
    const checkpoint = new Checkpoint<QualityRow>(path.join(out, 'checkpoints', `quality_${safeFileName(setting.modelId)}.jsonl`));
    if (options.fresh) checkpoint.clear();
    const previous = checkpoint.read().rows;
    const runId = String(previous[0]?.run_id ?? fileTimestamp());
    const keyOf = (r: Record<string, unknown>, judge: string) => `${r.document_id}|${r.experiment}|${r.invocation}|${judge}`;
    const latest = new Map<string, QualityRow>();
    for (const r of previous) latest.set(keyOf(r, String(r.judge_model)), r);

    // Every (response, judge) pair; error responses are recorded as skipped, not judged.
    const work = step3.rows.flatMap((r) => judges.map((judge) => ({ r, judge, key: keyOf({ ...r }, judge) })));
    const done = new Set([...latest.entries()].filter(([, row]) => row.judge_status === 'judged' || row.judge_status === 'skipped').map(([k]) => k));
    const todo = work.filter((w) => !done.has(w.key));
    const progress = new Progress({ label: `judging ${setting.modelId}`, total: work.length, skipped: work.length - todo.length, print });
    if (todo.length === 0) progress.report();
    const limit = pLimit(session.config.benchmark.num_parallel_calls);
    await Promise.all(
      todo.map((w) =>
        limit(async () => {
          const ids = { run_id: runId, model: setting.modelId, role: setting.role, backend: session.backend.kind, document_index: w.r.document_index, document_id: w.r.document_id, experiment: w.r.experiment, invocation: w.r.invocation };
          const ref = referenceScores(w.r.model_response, w.r.referenceResponse || null);
          const refCols = { rouge1_f1: ref?.rouge1_f1 ?? null, rouge2_f1: ref?.rouge2_f1 ?? null, rougeL_f1: ref?.rougeL_f1 ?? null, token_f1: ref?.token_f1 ?? null };
          let row: QualityRow;
          if (w.r.status === 'error') {
            row = { ...ids, judge_model: w.judge, judge_status: 'skipped', parse_status: '', judge_attempts: 0, overall: null, judge_error: `step-3 call failed: ${w.r.error_message}`, raw_judge_output: '', ...refCols };
          } else {
            const j = await judgeResponse({ call, judgeModelId: w.judge, templates, rubrics, task, document: w.r.document, reference: w.r.referenceResponse || null, response: w.r.model_response, maxTokens: session.config.judge.maxTokens });
            row = { ...ids, ...judgementColumns(j, rubrics), ...refCols };
          }
          row.response = w.r.model_response;
          checkpoint.append(row);
          latest.set(w.key, row);
          progress.tick(row.judge_status === 'judged' || row.judge_status === 'skipped');
        }),
      ),
    );
    checkpoint.close();
    const rows = work.map((w) => latest.get(w.key)).filter((r): r is QualityRow => r !== undefined);
    const resultFile = path.join(out, `quality_${safeFileName(setting.modelId)}_${runId}.csv`);
    writeQualityCsv(resultFile, rows);
    const judged = rows.filter((r) => r.judge_status === 'judged').length;
    results.push({ ...base, status: judged === rows.length ? 'judged' : judged > 0 ? 'partial' : 'skipped', reason: judged === rows.length ? '' : `${rows.length - judged} of ${rows.length} not judged (errors, unparseable or failed step-3 calls)`, rows, resultFile, resumed: work.length - todo.length });
  }
  return results;
}

export function writeQualityCsv(file: string, rows: QualityRow[]): void {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const records = rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] === null || r[c] === undefined ? null : String(r[c])])));
  writeFileAtomic(file, records.length ? String(pl.DataFrame(records, { schema: Object.fromEntries(columns.map((c) => [c, pl.Utf8])) }).writeCSV()) : 'model\n');
}

export function describeQualityFiles(results: ModelQuality[]): Record<string, string | number>[] {
  return results.map((r) => ({ model: r.model, status: r.status, judged: r.rows.filter((x) => x.judge_status === 'judged').length, rows: r.rows.length, resumed: r.resumed, results: r.resultFile ? displayPath(r.resultFile) : '', note: r.reason }));
}
