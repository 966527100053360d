/**
 * Step 2's Advanced Prompt Optimization job (`CreateAdvancedPromptOptimizationJob`, Bedrock
 * control plane): the source's prompt optimized for every candidate — the source as the
 * baseline and up to 4 candidates per job (the quota "Models per job"; more candidates make
 * more jobs) — scored on evaluation samples from the dataset.
 *
 * 1. `prepareOptimizationJobs` writes each job's JSON Lines input (core/prompt-optimization.ts
 *    has the documented format): one template — the source's task prompt with `{{document}}`
 *    as its variable —, the first `promptOptimization.samples` documents with their reference
 *    answers (generation) or labels (classification) as ground truth, and the evaluation
 *    method: step 4's judge rubrics from `data/judge/` as a custom LLM-as-a-judge (generation),
 *    or the task's constraints as steering criteria (classification: the label is matched);
 *    and the request, typed by the SDK and checked against the API model and the quotas.
 * 2. `runOptimizationJob`: upload the input (S3 on AWS — `BEDROCK_APO_S3_URI`; offline the
 *    local endpoint's S3 folder), create the job, poll it (runs/aws-jobs.ts), and
 * 3. import the results file: per model the original and optimized scores, tokens and time
 *    to first token, and the optimized template, checked like every optimized template
 *    (prompt-optimization.ts).
 * Offline the job is emulated by the local endpoint (it tries documented rewrites and keeps
 * the best on the samples: docs/prompt-optimization.md), and every view says so.
 *
 * @example
 * const [job] = prepareOptimizationJobs(session, plan).jobs;
 * const run = await runOptimizationJob(session, job);
 * showTable(jobScoresTable(run));
 */
import { m as messages } from '../../core/i18n';
import { localizeDigits } from '../../core/format';
import {
  CreateAdvancedPromptOptimizationJobCommand,
  GetAdvancedPromptOptimizationJobCommand,
  type CreateAdvancedPromptOptimizationJobCommandInput,
  type GetAdvancedPromptOptimizationJobCommandOutput,
} from '@aws-sdk/client-bedrock';
import { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadDataset } from '../../core/dataset';
import { WorkshopError } from '../../core/errors';
import { m } from '../../core/i18n';
import { writeFileAtomic } from '../../core/files';
import { optimizationJudgePrompt, loadJudgeTemplates } from '../../core/judge/prompt';
import { loadRubrics } from '../../core/judge/rubrics';
import { safeFileName } from '../../core/logging';
import { displayPath, repoPath } from '../../core/paths';
import {
  APO_INPUT_VERSION,
  APO_JUDGE_MODELS,
  APO_QUOTAS,
  APO_RESULTS_FILE,
  baseModelId,
  inputFileProblems,
  jobRequestProblems,
  type ApoInputLine,
  type ApoResultLine,
} from '../../core/prompt-optimization';
import { localStorage, pollUntilFinal, s3Storage, type JobStorage } from '../../runs/aws-jobs';
import type { WorkshopSession } from '../../runs/session';
import { setupBlockOf } from '../../results';
import type { MigrationPlan } from './migration-plan';
import { judgeOptimizedText, optimizationPrompt, type OptimizedPrompt } from './prompt-optimization';

/** The variable naming the S3 prefix for job files on AWS. */
export const APO_ENV = { s3Uri: 'BEDROCK_APO_S3_URI' } as const;
/** Offline, "S3" is the local endpoint's folder: this bucket in it. */
export const LOCAL_APO_S3 = 's3://local-workshop/prompt-optimization';
const FINAL = ['Completed', 'PartiallyCompleted', 'Failed', 'Stopped'];

export interface PreparedOptimizationJob {
  jobName: string;
  /** The baseline (the source) first, then the candidates. */
  models: { modelId: string; role: 'source' | 'candidate' }[];
  lines: ApoInputLine[];
  request: CreateAdvancedPromptOptimizationJobCommandInput;
  /** The local copy of the input (`outputs/prompt-optimization/<task>/<job>/input.jsonl`) and of the request. */
  inputFile: string;
  requestFile: string;
  /** The evaluation method, in words. */
  evaluation: string;
  /** Why it cannot be submitted (API model, quotas, a missing setting); empty = ready. */
  problems: string[];
}

export interface PreparedOptimization {
  jobs: PreparedOptimizationJob[];
  /** Candidates left out, with why. */
  skipped: { modelId: string; reason: string }[];
}

/** The judge model of a custom LLM-as-a-judge: step 4's judge when the job supports it, else the first supported one. */
function jobJudgeModel(session: WorkshopSession): { id: string; note: string } {
  const configured = session.config.judge.models[0];
  if (configured && APO_JUDGE_MODELS.includes(baseModelId(configured))) return { id: baseModelId(configured), note: "step 4's judge" };
  return {
    id: APO_JUDGE_MODELS[APO_JUDGE_MODELS.length - 1],
    note: `step 4's judge ${configured ?? '(none)'} is not one the job supports (${APO_JUDGE_MODELS.join(', ')})`,
  };
}

/** The evaluation-method members of a template line, and a sentence saying what they are. */
function evaluationMethod(session: WorkshopSession): { fields: Partial<ApoInputLine>; text: string } {
  const task = session.config.taskSpec;
  if (task.kind === 'classification') {
    const criteria = [...task.constraints, `Answer with exactly one of these labels: ${(task.labels ?? []).join(', ')}.`].slice(
      0,
      APO_QUOTAS.steeringCriteriaPerTemplate,
    );
    return {
      fields: { steeringCriteria: criteria },
      text: `the service's judge, steered by the task's constraints (${criteria.length} steering criteria); the reference is each document's label (${task.primaryMetric})`,
    };
  }
  const judge = jobJudgeModel(session);
  const rubrics = loadRubrics();
  return {
    fields: {
      customEvaluationMetricLabel: task.primaryMetric,
      customLLMJConfig: { customLLMJPrompt: optimizationJudgePrompt(loadJudgeTemplates(), rubrics), customLLMJModelId: judge.id },
    },
    text: `a custom LLM-as-a-judge: step 4's judge prompt and its ${rubrics.length} rubrics from data/judge/ (${rubrics.map((r) => r.name).join(', ')}), judged by ${judge.id} (${judge.note})`,
  };
}

/**
 * The job(s) of this configuration: input lines, request and checks, with a local copy of
 * each written under `outputs/prompt-optimization/<task>/<job name>/`. Nothing is submitted.
 */
export async function prepareOptimizationJobs(session: WorkshopSession, plan: MigrationPlan): Promise<PreparedOptimization> {
  const cfg = session.config;
  const task = cfg.taskSpec;
  const skipped: PreparedOptimization['skipped'] = [];
  const candidates = plan.models.filter((m) => m.role === 'candidate');
  if (!cfg.promptOptimization.advanced) {
    return {
      jobs: [],
      skipped: candidates.map((m) => ({ modelId: m.modelId, reason: messages().views.plan.job.advancedOff })),
    };
  }
  const usable = candidates.filter((m) => {
    const blocked = setupBlockOf(session.tracking, m.modelId);
    if (blocked)
      skipped.push({
        modelId: m.modelId,
        reason: messages().views.plan.optimization.blocked({ status: blocked.status, message: blocked.message }),
      });
    return !blocked;
  });
  const source = plan.models.find((m) => m.role === 'source')!;
  const baseline = source.kind === 'recorded' || setupBlockOf(session.tracking, source.modelId) ? null : source;
  const perJob = APO_QUOTAS.modelsPerJob - (baseline ? 1 : 0);

  // 1. the evaluation samples: the first N documents, with their ground truth.
  const dataset = await loadDataset(cfg);
  const rows = dataset.rows.slice(0, cfg.promptOptimization.samples);
  const samples = rows.map((r) => {
    const truth = task.kind === 'classification' ? r.label : r.reference;
    return { inputVariables: [{ document: r.document }], ...(truth ? { referenceResponse: truth } : {}) };
  });
  const method = evaluationMethod(session);
  const line: ApoInputLine = {
    version: APO_INPUT_VERSION,
    templateId: `${safeFileName(cfg.task)}-source-prompt`,
    promptTemplate: optimizationPrompt(task, source.template),
    ...method.fields,
    evaluationSamples: samples,
  };
  const jsonl = `${JSON.stringify(line)}\n`;

  // 2. one job per group of candidates, each with the baseline.
  const s3Base = session.backend.kind === 'local' ? LOCAL_APO_S3 : process.env[APO_ENV.s3Uri]?.trim().replace(/\/+$/, '');
  const jobs: PreparedOptimizationJob[] = [];
  for (let i = 0; i < usable.length; i += perJob) {
    const group = usable.slice(i, i + perJob);
    const models = [
      ...(baseline ? [{ modelId: baseline.modelId, role: 'source' as const }] : []),
      ...group.map((m) => ({ modelId: m.modelId, role: 'candidate' as const })),
    ];
    const hash = createHash('sha256')
      .update(jsonl)
      .update(models.map((m) => m.modelId).join(','))
      .update(session.backend.identity)
      .digest('hex')
      .slice(0, 10);
    const jobName = `${safeFileName(cfg.task).replace(/[^a-zA-Z0-9.+-]/g, '-')}-apo-${hash}`;
    const prefix = `${s3Base ?? 's3://amzn-s3-demo-bucket/prompt-optimization'}/${safeFileName(cfg.task)}/${jobName}`;
    const inf = cfg.inference;
    const request: CreateAdvancedPromptOptimizationJobCommandInput = {
      jobName,
      jobDescription: `Bedrock migration workshop, step 2: the source's prompt for ${cfg.task}, optimized for ${models.map((m) => m.modelId).join(', ')}.`,
      clientToken: hash,
      inputConfig: { s3Uri: `${prefix}/input.jsonl` },
      outputConfig: { s3Uri: `${prefix}/output/` },
      modelConfigurations: models.map((m) => ({
        modelId: m.modelId,
        inferenceConfig: {
          maxTokens: inf.maxTokens,
          temperature: inf.temperature,
          ...(inf.topP !== null && inf.topP !== undefined ? { topP: inf.topP } : {}),
        },
      })),
    };
    const problems = [
      ...jobRequestProblems(request),
      ...inputFileProblems([{ line: 1, value: line }], Buffer.byteLength(jsonl)),
      ...(s3Base ? [] : [`${APO_ENV.s3Uri} is not set: on AWS the job reads its input from S3 (set it to s3://your-bucket/prefix)`]),
    ];
    const dir = path.join(repoPath(cfg.paths.outputs), 'prompt-optimization', safeFileName(cfg.task), jobName);
    const inputFile = path.join(dir, 'input.jsonl');
    const requestFile = path.join(dir, 'request.json');
    writeFileAtomic(inputFile, jsonl);
    writeFileAtomic(requestFile, `${JSON.stringify(request, null, 2)}\n`);
    jobs.push({ jobName, models, lines: [line], request, inputFile, requestFile, evaluation: method.text, problems });
  }
  return { jobs, skipped };
}

export interface OptimizationJobModelResult {
  modelId: string;
  role: 'source' | 'candidate';
  status: 'SUCCESS' | 'FAILED' | 'missing';
  originalScore: number | null;
  optimizedScore: number | null;
  originalInputTokens: number | null;
  optimizedInputTokens: number | null;
  originalTtftSec: number | null;
  optimizedTtftSec: number | null;
  optimizedTemplate: string | null;
  failureReason: string;
}

export interface OptimizationJobRun {
  job: PreparedOptimizationJob;
  jobArn: string;
  status: string;
  failureMessage: string;
  /** Where the results file is (its S3 URI, or the local file offline). */
  resultsAt: string;
  results: OptimizationJobModelResult[];
  emulated: boolean;
}

function storageFor(session: WorkshopSession): JobStorage {
  if (session.backend.local) return localStorage(session.backend.local.settings.s3Dir);
  return s3Storage(new S3Client({ region: session.backend.region }));
}

/** Parse the results file's lines (the documented format); a malformed line is an error naming it. */
export function parseJobResults(text: string, where: string): ApoResultLine[] {
  return text
    .split('\n')
    .map((t, i) => ({ t: t.trim(), line: i + 1 }))
    .filter((l) => l.t)
    .map(({ t, line }) => {
      let value: unknown;
      try {
        value = JSON.parse(t);
      } catch (error) {
        throw new WorkshopError(m().errors.steps.apoLineJson({ line, where, message: (error as Error).message }), {
          fix: m().errors.steps.apoLineJsonFix,
        });
      }
      if (!value || typeof value !== 'object' || !Array.isArray((value as ApoResultLine).promptOptimizationResults))
        throw new WorkshopError(m().errors.steps.apoLineNoResults({ line, where }), {
          fix: m().errors.steps.apoLineNoResultsFix,
        });
      return value as ApoResultLine;
    });
}

/**
 * Submit a prepared job (upload its input, CreateAdvancedPromptOptimizationJob), poll it until
 * it ends and import its results. A job with problems is not submitted: the error lists them.
 */
export async function runOptimizationJob(
  session: WorkshopSession,
  job: PreparedOptimizationJob,
  options: { onStatus?: (status: string, elapsedMs: number) => void; storage?: JobStorage } = {},
): Promise<OptimizationJobRun> {
  if (job.problems.length)
    throw new WorkshopError(m().errors.steps.apoCannotSubmit({ job: job.jobName, problems: job.problems.join('; ') }), {
      fix: m().errors.steps.apoCannotSubmitFix({ request: displayPath(job.requestFile), input: displayPath(job.inputFile) }),
    });
  const storage = options.storage ?? storageFor(session);
  const emulated = session.backend.kind === 'local';
  // 1. the input where the job reads it.
  await storage.put(job.request.inputConfig!.s3Uri!, job.lines.map((l) => `${JSON.stringify(l)}\n`).join(''), 'application/jsonl');
  // 2. the job.
  const created = await session.backend.control.send(new CreateAdvancedPromptOptimizationJobCommand(job.request));
  const jobArn = created.jobArn ?? '';
  // 3. wait for a final state (jobs take tens of minutes on AWS; the emulated one, seconds).
  const done = await pollUntilFinal<GetAdvancedPromptOptimizationJobCommandOutput>(
    () => session.backend.control.send(new GetAdvancedPromptOptimizationJobCommand({ jobIdentifier: jobArn })),
    {
      statusOf: (j) => j.jobStatus ?? '',
      final: FINAL,
      what: m().errors.jobs.apoJob({ job: job.jobName, arn: jobArn }),
      intervalMs: emulated ? 200 : session.config.promptOptimization.pollSeconds * 1000,
      onStatus: options.onStatus,
    },
  );
  const status = done.jobStatus ?? '';
  const failureMessage = done.failureMessage ?? '';
  // 4. the results: <output>/<job id>/advanced_prompt_optimization_results.jsonl.
  const resultsUri = `${job.request.outputConfig!.s3Uri!.replace(/\/+$/, '')}/${jobArn.slice(jobArn.lastIndexOf('/') + 1)}/${APO_RESULTS_FILE}`;
  const text = status === 'Completed' || status === 'PartiallyCompleted' ? await storage.getText(resultsUri) : null;
  const lines = text === null ? [] : parseJobResults(text, storage.where(resultsUri));
  const entries = lines.flatMap((l) => l.promptOptimizationResults);
  const results = job.models.map((m): OptimizationJobModelResult => {
    const r = entries.find((e) => e.modelId === m.modelId);
    return {
      modelId: m.modelId,
      role: m.role,
      status: r?.status ?? 'missing',
      originalScore: r?.originalPromptMetrics?.averageScore ?? null,
      optimizedScore: r?.optimizedPromptMetrics?.averageScore ?? null,
      originalInputTokens: r?.originalPromptMetrics?.averageInputTokens ?? null,
      optimizedInputTokens: r?.optimizedPromptMetrics?.averageInputTokens ?? null,
      originalTtftSec: r?.originalPromptMetrics?.averageTtftInSec ?? null,
      optimizedTtftSec: r?.optimizedPromptMetrics?.averageTtftInSec ?? null,
      optimizedTemplate: r?.optimizedPromptTemplate ?? null,
      failureReason: r?.failureReason ?? (r ? '' : failureMessage || `no result for this model in ${storage.where(resultsUri)}`),
    };
  });
  return { job, jobArn, status, failureMessage, resultsAt: storage.where(resultsUri), results, emulated };
}

export interface OptimizationJobsOutcome {
  runs: OptimizationJobRun[];
  /** Candidates without a job result: left out (`not run`), in a job not submitted (`not run`, its problems) or refused by Bedrock (`refused`, its message). */
  skipped: { modelId: string; status: 'not run' | 'refused'; reason: string }[];
}

/**
 * Run every prepared job (side by side). A job with problems is not submitted (its candidates
 * `not run`, the problems said); a job Bedrock refuses (an error on create or poll) makes its
 * candidates `refused` with Bedrock's message — the other jobs still run.
 */
export async function runOptimizationJobs(
  session: WorkshopSession,
  prepared: PreparedOptimization,
  options: { onStatus?: (jobName: string, status: string, elapsedMs: number) => void; storage?: JobStorage } = {},
): Promise<OptimizationJobsOutcome> {
  const skipped: OptimizationJobsOutcome['skipped'] = prepared.skipped.map((s) => ({ ...s, status: 'not run' as const }));
  const candidatesOf = (job: PreparedOptimizationJob) => job.models.filter((m) => m.role === 'candidate').map((m) => m.modelId);
  const runs = await Promise.all(
    prepared.jobs.map(async (job) => {
      if (job.problems.length) {
        for (const modelId of candidatesOf(job))
          skipped.push({
            modelId,
            status: 'not run',
            reason: messages().views.plan.job.notSubmitted({ job: job.jobName, problems: job.problems.join('; ') }),
          });
        return null;
      }
      try {
        return await runOptimizationJob(session, job, {
          storage: options.storage,
          onStatus: (status, ms) => options.onStatus?.(job.jobName, status, ms),
        });
      } catch (error) {
        const e = error as Error;
        for (const modelId of candidatesOf(job))
          skipped.push({
            modelId,
            status: 'refused',
            reason: messages().views.plan.job.refused({ job: job.jobName, error: `${e.name}: ${e.message}` }),
          });
        return null;
      }
    }),
  );
  return { runs: runs.filter((r): r is OptimizationJobRun => r !== null), skipped };
}

const score = (x: number | null) => (x === null ? '' : localizeDigits(x.toFixed(3)));

/** Original vs optimized, per model of a job run: scores, prompt tokens, time to first token. */
export function jobScoresTable(run: OptimizationJobRun): Record<string, string | number | null>[] {
  const t = messages().views.plan.job;
  const c = t.col;
  const e = run.emulated ? t.emulated : '';
  return run.results.map((r) => ({
    [c.model]: r.modelId,
    [c.role]: r.role === 'source' ? t.baseline : r.role,
    [c.status]: r.status,
    [`${c.originalScore}${e}`]: score(r.originalScore),
    [`${c.optimizedScore}${e}`]: score(r.optimizedScore),
    [c.change]:
      r.originalScore !== null && r.optimizedScore !== null
        ? (r.optimizedScore - r.originalScore >= 0 ? '+' : '') + localizeDigits((r.optimizedScore - r.originalScore).toFixed(3))
        : '',
    [c.originalTokens]: r.originalInputTokens,
    [c.optimizedTokens]: r.optimizedInputTokens,
    [`${c.originalTtft}${e}`]: r.originalTtftSec,
    [`${c.optimizedTtft}${e}`]: r.optimizedTtftSec,
    [c.failure]: r.failureReason,
  }));
}

/**
 * Each candidate's optimized prompt from the job runs, as `recordOptimizedPrompts` takes them:
 * `optimized` (the template checked: a template that lost `{{document}}` is `refused`),
 * `refused` when the job or the model's optimization failed (Bedrock's message), and the
 * candidates left out (`not run`, with why).
 */
export function jobOptimizedPrompts(session: WorkshopSession, outcome: OptimizationJobsOutcome): OptimizedPrompt[] {
  const { runs, skipped } = outcome;
  const task = session.config.taskSpec;
  const out: OptimizedPrompt[] = [];
  for (const run of runs) {
    const by = `advanced job ${run.job.jobName}${run.emulated ? ' (emulated)' : ''}`;
    const original = run.job.lines[0]?.promptTemplate ?? '';
    for (const r of run.results.filter((x) => x.role === 'candidate')) {
      const base = { modelId: r.modelId, by, original, optimized: r.optimizedTemplate, analysis: '' };
      if (r.status !== 'SUCCESS' || !r.optimizedTemplate) {
        out.push({
          ...base,
          status: 'refused',
          message: messages().views.plan.job.failed({
            status: run.status,
            reason: r.failureReason || run.failureMessage || messages().views.plan.job.noTemplate,
          }),
          check: null,
        });
        continue;
      }
      const kept = r.optimizedTemplate.trim() === original.trim() ? messages().views.plan.job.kept : '';
      const scores = `${messages().views.plan.job.scores({
        emulated: run.emulated,
        n: String(run.job.lines[0].evaluationSamples.length),
        // The message is stored in the tracking CSV: its numbers in the machine's format.
        before: r.originalScore === null ? '' : r.originalScore.toFixed(3),
        after: r.optimizedScore === null ? '' : r.optimizedScore.toFixed(3),
      })}${kept} `;
      out.push(judgeOptimizedText(task, base, scores));
    }
  }
  for (const s of skipped)
    out.push({
      modelId: s.modelId,
      by: '',
      status: s.status,
      message: s.reason,
      original: '',
      optimized: null,
      analysis: '',
      check: null,
    });
  return out;
}
