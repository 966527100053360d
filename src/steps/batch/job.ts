/**
 * The `CreateModelInvocationJob` request of a batch inference job, checked against
 * Bedrock's API model and the documented batch quotas before anything is uploaded.
 *
 * API-model constraints (Smithy model of Amazon Bedrock, `codegen/sdk-codegen/aws-models/bedrock.json`
 * in aws/aws-sdk-js-v3, read at commit 0912614120dff0a569b3e19d2c25a82eb7b88354):
 * `ModelInvocationJobName`, `RoleArn`, `ModelId`, `S3Uri`, `ModelInvocationIdempotencyToken`,
 * `ModelInvocationJobTimeoutDurationInHours` (24–168), `TagList` (≤ 200). Smithy patterns are
 * not implicitly anchored: each is tested as written, as the service does.
 *
 * Quotas (https://docs.aws.amazon.com/bedrock/latest/userguide/batch-inference-data.html names
 * them; values per model in Service Quotas, https://docs.aws.amazon.com/general/latest/gr/bedrock.html):
 * the defaults below, which your account may have changed — `BATCH_QUOTAS` is overridable.
 */
import type { CreateModelInvocationJobCommandInput } from '@aws-sdk/client-bedrock';
import type { BatchInvocationType } from './records';

/** Default batch quotas, per model and job. */
export interface BatchQuotas {
  /** "Minimum number of records per batch inference job". */
  minRecordsPerJob: number;
  /** "Records per batch inference job". */
  maxRecordsPerJob: number;
  /** "Records per input file per batch inference job". */
  maxRecordsPerFile: number;
  /** "Batch inference input file size (in GB)", in bytes. */
  maxFileBytes: number;
  /** "Batch inference job size (in GB)", in bytes. */
  maxJobBytes: number;
}

const GB = 1024 ** 3;
/**
 * Default values: minimum 100 records, 50,000 records per job and per file, 1 GB per file, 5 GB
 * per job — as AWS's own quota names and the defaults quoted for them (the quota table of the
 * general reference lists them per model; some models, e.g. Nova Lite/Pro, allow larger jobs).
 */
export const BATCH_QUOTAS: BatchQuotas = {
  minRecordsPerJob: 100,
  maxRecordsPerJob: 50_000,
  maxRecordsPerFile: 50_000,
  maxFileBytes: 1 * GB,
  maxJobBytes: 5 * GB,
};

/** Smithy constraints of CreateModelInvocationJobRequest's members. */
export const SMITHY = {
  jobName: { min: 1, max: 63, pattern: /^[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\-.]){0,63}$/ },
  roleArn: { max: 2048, pattern: /^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+$/ },
  modelId: {
    min: 1,
    max: 2048,
    pattern:
      /^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model\/[a-z0-9-]{1,63}[.]{1}[a-z0-9-:]{1,63}\/[a-z0-9]{12}$)|(:foundation-model\/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}$)))|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})|(([0-9a-zA-Z][_-]?)+)$/,
  },
  s3Uri: { min: 1, max: 1024, pattern: /^s3:\/\/[a-z0-9][-.a-z0-9]{1,61}(?:\/[-!_*'().a-z0-9A-Z]+(?:\/[-!_*'().a-z0-9A-Z]+)*)?\/?$/ },
  clientRequestToken: { min: 1, max: 256, pattern: /^[a-zA-Z0-9]{1,256}(-*[a-zA-Z0-9]){0,256}$/ },
  timeoutDurationInHours: { min: 24, max: 168 },
  tags: { max: 200 },
} as const;

export interface BatchJobSettings {
  jobName: string;
  roleArn: string;
  modelId: string;
  /** s3://bucket/prefix/ holding the job's .jsonl files. */
  inputS3Uri: string;
  /** s3://bucket/prefix/ for the outputs. */
  outputS3Uri: string;
  invocationType: BatchInvocationType;
  timeoutDurationInHours?: number;
  clientRequestToken?: string;
}

/** The request, typed by the SDK itself. */
export function modelInvocationJobRequest(s: BatchJobSettings): CreateModelInvocationJobCommandInput {
  return {
    jobName: s.jobName,
    roleArn: s.roleArn,
    modelId: s.modelId,
    ...(s.clientRequestToken ? { clientRequestToken: s.clientRequestToken } : {}),
    inputDataConfig: { s3InputDataConfig: { s3Uri: s.inputS3Uri, s3InputFormat: 'JSONL' } },
    outputDataConfig: { s3OutputDataConfig: { s3Uri: s.outputS3Uri } },
    timeoutDurationInHours: s.timeoutDurationInHours ?? 24,
    modelInvocationType: s.invocationType,
  };
}

function lengthProblem(field: string, v: string, c: { min?: number; max?: number }): string | null {
  if (c.min !== undefined && v.length < c.min) return `${field} is ${v.length} characters; the API model requires at least ${c.min}`;
  if (c.max !== undefined && v.length > c.max) return `${field} is ${v.length} characters; the API model allows at most ${c.max}`;
  return null;
}

/** Every way `request` breaks the API model's constraints (empty when none), one sentence each. */
export function requestProblems(request: CreateModelInvocationJobCommandInput): string[] {
  const problems: string[] = [];
  const text = (field: string, v: string | undefined, c: { min?: number; max?: number; pattern: RegExp }, hint: string) => {
    if (v === undefined || v === '') {
      problems.push(`${field} is required`);
      return;
    }
    const len = lengthProblem(field, v, c);
    if (len) problems.push(len);
    else if (!c.pattern.test(v)) problems.push(`${field} "${v}" does not match the API model's pattern (${hint})`);
  };
  text('jobName', request.jobName, SMITHY.jobName, 'letters and digits, then letters, digits, "+", "-", "."');
  text('roleArn', request.roleArn, SMITHY.roleArn, 'arn:aws:iam::<12-digit account>:role/<name>');
  text('modelId', request.modelId, SMITHY.modelId, 'a model id, inference-profile id or model ARN');
  const input = request.inputDataConfig?.s3InputDataConfig;
  text('inputDataConfig.s3InputDataConfig.s3Uri', input?.s3Uri, SMITHY.s3Uri, 's3://bucket/prefix/');
  if (input?.s3InputFormat !== undefined && input.s3InputFormat !== 'JSONL')
    problems.push(`inputDataConfig.s3InputDataConfig.s3InputFormat "${input.s3InputFormat}" is not JSONL (the only value)`);
  text(
    'outputDataConfig.s3OutputDataConfig.s3Uri',
    request.outputDataConfig?.s3OutputDataConfig?.s3Uri,
    SMITHY.s3Uri,
    's3://bucket/prefix/',
  );
  if (request.clientRequestToken !== undefined)
    text('clientRequestToken', request.clientRequestToken, SMITHY.clientRequestToken, 'letters and digits, hyphen-separated');
  const t = request.timeoutDurationInHours;
  if (t !== undefined && (!Number.isInteger(t) || t < SMITHY.timeoutDurationInHours.min || t > SMITHY.timeoutDurationInHours.max))
    problems.push(
      `timeoutDurationInHours ${t} is outside ${SMITHY.timeoutDurationInHours.min}–${SMITHY.timeoutDurationInHours.max} (an integer number of hours)`,
    );
  if ((request.tags?.length ?? 0) > SMITHY.tags.max)
    problems.push(`${request.tags?.length} tags; the API model allows at most ${SMITHY.tags.max}`);
  if (request.modelInvocationType !== undefined && !['InvokeModel', 'Converse'].includes(request.modelInvocationType))
    problems.push(`modelInvocationType "${request.modelInvocationType}" is not InvokeModel or Converse`);
  return problems;
}

export interface JobSize {
  records: number;
  files: { name: string; records: number; bytes: number }[];
}

/** Every documented quota the job's input breaks (empty when none), each with its fix. */
export function quotaProblems(size: JobSize, quotas: BatchQuotas = BATCH_QUOTAS): string[] {
  const problems: string[] = [];
  if (size.records < quotas.minRecordsPerJob)
    problems.push(
      `${size.records} records: Bedrock needs at least ${quotas.minRecordsPerJob} per job (quota "Minimum number of records per batch inference job"). Fix: add at least ${quotas.minRecordsPerJob - size.records} more documents, or run these ${size.records} on demand (notebook 03).`,
    );
  if (size.records > quotas.maxRecordsPerJob)
    problems.push(
      `${size.records} records: at most ${quotas.maxRecordsPerJob} per job (quota "Records per batch inference job"). Fix: split the dataset into ${Math.ceil(size.records / quotas.maxRecordsPerJob)} jobs.`,
    );
  const bytes = size.files.reduce((a, f) => a + f.bytes, 0);
  if (bytes > quotas.maxJobBytes)
    problems.push(
      `the input files hold ${bytes} bytes: at most ${quotas.maxJobBytes} per job (quota "Batch inference job size"). Fix: split the job.`,
    );
  for (const f of size.files) {
    if (f.records > quotas.maxRecordsPerFile)
      problems.push(
        `${f.name}: ${f.records} records, at most ${quotas.maxRecordsPerFile} per file (quota "Records per input file per batch inference job").`,
      );
    if (f.bytes > quotas.maxFileBytes)
      problems.push(`${f.name}: ${f.bytes} bytes, at most ${quotas.maxFileBytes} per file (quota "Batch inference input file size").`);
  }
  return problems;
}

/**
 * A job name from the model and a stamp that satisfies `ModelInvocationJobName`: letters,
 * digits and hyphens, at most 63 characters, starting with a letter or digit.
 */
export function batchJobName(modelId: string, stamp: string): string {
  const base = `workshop-${modelId}`.replace(/[^a-zA-Z0-9]+/g, '-');
  const tail = `-${stamp.replace(/[^a-zA-Z0-9]+/g, '')}`;
  return `${base.slice(0, 63 - tail.length).replace(/-+$/, '')}${tail}`;
}
