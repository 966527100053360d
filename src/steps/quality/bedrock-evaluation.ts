/**
 * Amazon Bedrock's managed model evaluation, for people with an AWS account: the same
 * step-3 answers, scored by Bedrock's own LLM-as-a-judge service.
 *
 * 1. `evaluationDatasetLines` — the "bring your own inference responses" prompt dataset
 *    (JSON Lines: `prompt`, `referenceResponse`, `modelResponses: [{response, modelIdentifier}]`),
 *    https://docs.aws.amazon.com/bedrock/latest/userguide/model-evaluation-prompt-datasets-judge.html
 * 2. `evaluationJobRequest` — a ready `CreateEvaluationJob` request (judge model, built-in
 *    metric names, S3 locations, IAM role), typed by the SDK itself.
 * 3. `submitEvaluationJob` / `pollEvaluationJob` — upload the dataset to S3, create the job,
 *    wait for it (these need AWS; offline they are not called).
 * 4. `importEvaluationResults` — the job's output records converted into the same per-metric
 *    scores as our own judge (`MetricScore`), so both kinds of results read alike.
 */
import {
  CreateEvaluationJobCommand,
  GetEvaluationJobCommand,
  type AutomatedEvaluationConfig,
  type BedrockClient,
  type CreateEvaluationJobCommandInput,
} from '@aws-sdk/client-bedrock';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import path from 'node:path';
import { allModels } from '../../core/config';
import { writeFileAtomic } from '../../core/files';
import { fileTimestamp, safeFileName } from '../../core/logging';
import { repoPath } from '../../core/paths';
import { loadTaskTemplate, taskPrompt } from '../../core/task';
import type { WorkshopSession } from '../../runs/session';
import type { MetricScore } from './judge-parse';
import type { Rubric } from '../../core/judge/rubrics';
import { latencyResultsOf } from '../../results';
import { WorkshopError } from '../../core/errors';
import { m } from '../../core/i18n';

export interface EvaluationInput {
  prompt: string;
  reference: string | null;
  response: string;
  /** The name the responses are reported under (must match the job's inference source). */
  modelIdentifier: string;
  category?: string;
}

/** One JSON line per answer; Bedrock accepts up to 1,000 prompts per job. */
export function evaluationDatasetLines(inputs: EvaluationInput[]): string {
  if (inputs.length === 0) throw new WorkshopError(m().errors.jobs.evalEmpty, { fix: m().errors.jobs.evalEmptyFix });
  if (inputs.length > 1000)
    throw new WorkshopError(m().errors.jobs.evalTooMany({ count: inputs.length }), {
      fix: m().errors.jobs.evalTooManyFix,
    });
  return inputs
    .map((i) =>
      JSON.stringify({
        prompt: i.prompt,
        ...(i.reference ? { referenceResponse: i.reference } : {}),
        ...(i.category ? { category: i.category } : {}),
        modelResponses: [{ response: i.response, modelIdentifier: i.modelIdentifier }],
      }),
    )
    .join('\n')
    .concat('\n');
}

export interface EvaluationJobSettings {
  jobName: string;
  roleArn: string;
  /** s3://bucket/key.jsonl of the uploaded dataset. */
  datasetS3Uri: string;
  /** s3://bucket/prefix/ for the results. */
  outputS3Uri: string;
  judgeModelId: string;
  modelIdentifier: string;
  rubrics: Rubric[];
  taskType?: 'Summarization' | 'Generation' | 'QuestionAndAnswer' | 'Classification' | 'Custom';
}

const S3_URI = /^s3:\/\/[a-z0-9.-]{3,63}\/.*/;
const ROLE_ARN = /^arn:aws(-[a-z]+)?:iam::\d{12}:role\/.+/;

export function evaluationJobRequest(s: EvaluationJobSettings): CreateEvaluationJobCommandInput {
  if (!/^[a-z0-9](-*[a-z0-9]){0,62}$/.test(s.jobName))
    throw new WorkshopError(m().errors.jobs.evalName({ name: s.jobName }), { fix: m().errors.jobs.evalNameFix });
  if (!ROLE_ARN.test(s.roleArn))
    throw new WorkshopError(m().errors.jobs.evalRole({ arn: s.roleArn }), {
      fix: m().errors.jobs.evalRoleFix,
    });
  for (const [name, uri] of [
    [m().errors.jobs.evalLocationDataset, s.datasetS3Uri],
    [m().errors.jobs.evalLocationOutput, s.outputS3Uri],
  ])
    if (!S3_URI.test(uri))
      throw new WorkshopError(m().errors.jobs.evalLocation({ name, uri }), {
        fix: m().errors.jobs.evalLocationFix,
      });
  const metricNames = s.rubrics.map((r) => r.bedrockMetric).filter((m): m is string => Boolean(m));
  if (metricNames.length === 0)
    throw new WorkshopError(m().errors.jobs.evalNoMetric, {
      fix: m().errors.jobs.evalNoMetricFix,
    });
  const automated: AutomatedEvaluationConfig = {
    datasetMetricConfigs: [
      {
        taskType: s.taskType ?? 'Summarization',
        dataset: { name: 'workshop-responses', datasetLocation: { s3Uri: s.datasetS3Uri } },
        metricNames,
      },
    ],
    evaluatorModelConfig: { bedrockEvaluatorModels: [{ modelIdentifier: s.judgeModelId }] },
  };
  return {
    jobName: s.jobName,
    roleArn: s.roleArn,
    applicationType: 'ModelEvaluation',
    evaluationConfig: { automated },
    inferenceConfig: { models: [{ precomputedInferenceSource: { inferenceSourceIdentifier: s.modelIdentifier } }] },
    outputDataConfig: { s3Uri: s.outputS3Uri },
  };
}

/** Upload the dataset, then create the job (AWS only). Returns the job ARN. */
export async function submitEvaluationJob(
  clients: { s3: S3Client; bedrock: BedrockClient },
  datasetJsonl: string,
  request: CreateEvaluationJobCommandInput,
): Promise<string> {
  const uri = request.evaluationConfig?.automated?.datasetMetricConfigs?.[0]?.dataset?.datasetLocation?.s3Uri ?? '';
  const [, bucket, key] = uri.match(/^s3:\/\/([^/]+)\/(.+)$/) ?? [];
  if (!bucket || !key)
    throw new WorkshopError(m().errors.jobs.evalUpload({ uri }), {
      fix: m().errors.jobs.evalUploadFix,
    });
  await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: datasetJsonl, ContentType: 'application/jsonl' }));
  const created = await clients.bedrock.send(new CreateEvaluationJobCommand(request));
  if (!created.jobArn)
    throw new WorkshopError(m().errors.jobs.noEvalArn, {
      fix: m().errors.jobs.noEvalArnFix,
    });
  return created.jobArn;
}

/** Wait until the job is Completed, Failed or Stopped (AWS only). */
export async function pollEvaluationJob(
  bedrock: BedrockClient,
  jobArn: string,
  { intervalMs = 30_000, timeoutMs = 3 * 3600_000, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) } = {},
): Promise<{ status: string; failureMessages: string[] }> {
  const started = Date.now();
  for (;;) {
    const job = await bedrock.send(new GetEvaluationJobCommand({ jobIdentifier: jobArn }));
    if (job.status === 'Completed' || job.status === 'Failed' || job.status === 'Stopped')
      return { status: job.status, failureMessages: job.failureMessages ?? [] };
    if (Date.now() - started > timeoutMs)
      throw new WorkshopError(
        m().errors.jobs.evalStillRunning({ arn: jobArn, status: String(job.status), minutes: Math.round(timeoutMs / 60000) }),
        {
          fix: m().errors.jobs.evalStillRunningFix,
        },
      );
    await sleep(intervalMs);
  }
}

export interface ImportedEvaluation {
  prompt: string;
  response: string;
  modelIdentifier: string;
  scores: MetricScore[];
}

/**
 * Convert the job's output records into our per-metric scores. Each output line holds the
 * input record and `automatedEvaluationResult.scores[]` with `metricName`, `result` (already
 * normalised 0–1 by Bedrock) and `evaluatorDetails[].explanation`. A record we cannot read
 * is reported with its line number rather than skipped.
 */
export function importEvaluationResults(jsonl: string, rubrics: Rubric[]): ImportedEvaluation[] {
  const byMetric = new Map(
    rubrics.filter((r) => r.bedrockMetric).map((r) => [r.bedrockMetric!.replace(/^Builtin\./, '').toLowerCase(), r]),
  );
  return jsonl
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter((x) => x.line)
    .map(({ line, n }) => {
      let rec: {
        inputRecord?: { prompt?: string; modelResponses?: { response?: string; modelIdentifier?: string }[] };
        automatedEvaluationResult?: { scores?: { metricName?: string; result?: number; evaluatorDetails?: { explanation?: string }[] }[] };
      };
      try {
        rec = JSON.parse(line);
      } catch {
        throw new WorkshopError(m().errors.jobs.evalLineJson({ line: n }), {
          fix: m().errors.jobs.evalLineJsonFix,
        });
      }
      const scores = rec.automatedEvaluationResult?.scores;
      if (!rec.inputRecord || !Array.isArray(scores))
        throw new WorkshopError(m().errors.jobs.evalLineShape({ line: n }), {
          fix: m().errors.jobs.evalLineShapeFix,
        });
      const out: MetricScore[] = rubrics.map((r) => ({
        metric: r.name,
        score: null,
        normalized: null,
        reason: '',
        status: 'missing',
        note: 'not in the Bedrock job results',
      }));
      for (const s of scores) {
        const rubric = byMetric.get(
          String(s.metricName ?? '')
            .replace(/^Builtin\./, '')
            .toLowerCase(),
        );
        if (!rubric) continue;
        const target = out.find((o) => o.metric === rubric.name)!;
        const value = typeof s.result === 'number' && s.result >= 0 && s.result <= 1 ? s.result : null;
        Object.assign(target, {
          normalized: value,
          score: value === null ? null : Math.round(rubric.min + value * (rubric.max - rubric.min)),
          reason: s.evaluatorDetails?.[0]?.explanation ?? '',
          status: value === null ? 'invalid' : 'ok',
          note: value === null ? `result ${JSON.stringify(s.result)} is not between 0 and 1` : 'scored by Bedrock model evaluation',
        });
      }
      const first = rec.inputRecord.modelResponses?.[0];
      return {
        prompt: rec.inputRecord.prompt ?? '',
        response: first?.response ?? '',
        modelIdentifier: first?.modelIdentifier ?? '',
        scores: out,
      };
    });
}

export interface PreparedEvaluation {
  model: string;
  datasetFile: string;
  requestFile: string | null;
  prompts: number;
  request: CreateEvaluationJobCommandInput | null;
  dataset: string;
}

/**
 * For each model with step-3 answers: write the Bedrock evaluation dataset
 * (`outputs/bedrock-evaluation/<model>.jsonl`) and, when the role and S3 location are set
 * (`BEDROCK_EVAL_ROLE_ARN`, `BEDROCK_EVAL_S3_URI` = s3://bucket/prefix), the ready request.
 */
export function prepareBedrockEvaluation(
  session: WorkshopSession,
  rubrics: Rubric[],
  env: NodeJS.ProcessEnv = process.env,
): PreparedEvaluation[] {
  const dir = path.join(repoPath(session.config.paths.outputs), 'bedrock-evaluation');
  const roleArn = env.BEDROCK_EVAL_ROLE_ARN;
  const s3 = env.BEDROCK_EVAL_S3_URI?.replace(/\/+$/, '');
  const stamp = fileTimestamp().replace('_', '-');
  const prepared: PreparedEvaluation[] = [];
  for (const setting of allModels(session.config)) {
    const step3 = latencyResultsOf(session.tracking, setting.modelId);
    if (!step3.ok) continue;
    const template = loadTaskTemplate(setting.promptTemplate);
    const ok = step3.rows.filter((r) => r.status === 'success' || r.status === 'recorded');
    if (ok.length === 0) continue;
    const dataset = evaluationDatasetLines(
      ok.map((r) => ({
        prompt: taskPrompt(session.config.taskSpec, template, r.document),
        reference: r.referenceResponse || null,
        response: r.model_response,
        modelIdentifier: setting.modelId,
      })),
    );
    const name = safeFileName(setting.modelId);
    const datasetFile = path.join(dir, `${name}.jsonl`);
    writeFileAtomic(datasetFile, dataset);
    let request: CreateEvaluationJobCommandInput | null = null;
    let requestFile: string | null = null;
    if (roleArn && s3) {
      const jobName = `workshop-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 46).replace(/-+$/, '') + `-${stamp}`;
      request = evaluationJobRequest({
        jobName,
        roleArn,
        datasetS3Uri: `${s3}/datasets/${name}.jsonl`,
        outputS3Uri: `${s3}/results/`,
        judgeModelId: session.config.judge.models[0],
        modelIdentifier: setting.modelId,
        rubrics,
      });
      requestFile = path.join(dir, `${name}.request.json`);
      writeFileAtomic(requestFile, `${JSON.stringify(request, null, 2)}\n`);
    }
    prepared.push({ model: setting.modelId, datasetFile, requestFile, prompts: ok.length, request, dataset });
  }
  return prepared;
}
