/**
 * The scale-out path: one Bedrock batch inference job per model instead of one call per
 * document, at the batch price (about half of on-demand) and with no latency figures.
 *
 * 1. `prepareBatchJobs` writes, per model, the job's input (`input/records-001.jsonl`, …: one
 *    `{recordId, modelInput}` line per document, the same prompt step 3 sends), a sidecar
 *    with the documents (`documents.jsonl`, for the import), and the checked
 *    `CreateModelInvocationJob` request (`request.json`).
 * 2. Offline, `runEmulatedBatch` plays the job against the local endpoint: every record
 *    through InvokeModel (or Converse for a Converse job), written as Bedrock writes its
 *    outputs (`<input>.jsonl.out` lines with `recordId`, `modelInput`, `modelOutput` or
 *    `error`, and `manifest.json.out`) under `emulated-output/`. On AWS, `submitBatchJob`,
 *    `pollBatchJob` and `downloadBatchOutput` do the real thing.
 * 3. `importBatchOutput` turns the outputs into step-3 result rows (the same CSV as notebook
 *    03 writes) — latency columns empty, since batch measures none — and `useBatchResults`
 *    points the tracking CSV at them so steps 4 and 5 work on them.
 */
import { m } from '../../core/i18n';
import { localizeDigits } from '../../core/format';
import { formatDate } from '../../core/format-date';
import {
  CreateModelInvocationJobCommand,
  GetModelInvocationJobCommand,
  type BedrockClient,
  type CreateModelInvocationJobCommandInput,
} from '@aws-sdk/client-bedrock';
import { backoffDelayMs, DEFAULT_RETRY, sleep } from '../../core/bedrock/retry';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { findModel, type CatalogModel } from '../../core/catalog';
import { allModels, type ModelSetting } from '../../core/config';
import { writeCsv } from '../../core/csv';
import { documentId, type DatasetRow } from '../../core/dataset';
import { errorText, WorkshopError } from '../../core/errors';
import { AtomicFileWriter, fileReadStream, fileSize, listDir, readLines, readTextUtf8, writeFileAtomic } from '../../core/files';
import { fileTimestamp, safeFileName } from '../../core/logging';
import { displayPath, repoPath } from '../../core/paths';
import { upsertModelRow } from '../../core/tracking';
import { loadTaskTemplate, taskPrompt } from '../../core/task';
import { pollUntilFinal } from '../../runs/aws-jobs';
import type { WorkshopSession } from '../../runs/session';
import { parseS3Uri } from '../../core/s3-uri';
import { LATENCY_RESULT_COLUMNS, type LatencyResultRow } from '../../results';
import {
  BATCH_QUOTAS,
  batchJobName,
  modelInvocationJobRequest,
  quotaProblems,
  requestProblems,
  type BatchQuotas,
  type JobSize,
} from './job';
import { bodyFormatOf, modelInput, parseModelOutput, recordIdOf, type BatchBodyFormat, type BatchInvocationType } from './records';

/** Environment variables of the AWS path (as step 4's managed evaluation has its own). */
export const BATCH_ENV = { roleArn: 'BEDROCK_BATCH_ROLE_ARN', s3Uri: 'BEDROCK_BATCH_S3_URI' } as const;
/** AWS documentation's example values, used in a request written without the variables (never submitted). */
const PLACEHOLDER = { roleArn: 'arn:aws:iam::111122223333:role/BedrockBatchInferenceRole', s3Uri: 's3://amzn-s3-demo-bucket/batch' };

export interface BatchDocument {
  recordId: string;
  document_index: number;
  document_id: string;
  document: string;
  reference: string;
  label: string;
}

export interface PreparedBatchJob {
  model: string;
  role: 'source' | 'candidate';
  /** `written`, or `skipped` (with `reason`) for a model batch cannot serve. */
  status: 'written' | 'skipped';
  reason: string;
  /** `published` when the catalogue has a batch price; `unknown` when it has none (null). */
  batchSupport: 'published' | 'unknown' | 'none';
  /** Batch price per 1,000 tokens (input, output), or null when unknown. */
  batchPrice: { input: number | null; output: number | null } | null;
  onDemandPrice: { input: number | null; output: number | null } | null;
  format: BatchBodyFormat;
  invocationType: BatchInvocationType;
  dir: string;
  inputFiles: string[];
  documentsFile: string;
  requestFile: string;
  request: CreateModelInvocationJobCommandInput | null;
  records: number;
  /** API-model and quota problems: the job cannot be submitted until they are fixed. */
  problems: string[];
  /** Environment variables still missing for a real submission (the request holds placeholders). */
  missingEnv: string[];
  promptSha: string;
}

export interface PrepareOptions {
  env?: NodeJS.ProcessEnv;
  quotas?: BatchQuotas;
  /** Which models (default: every configured model). */
  models?: string[];
  timeoutDurationInHours?: number;
}

function sha12(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

export function batchDir(session: WorkshopSession, modelId: string): string {
  return path.join(repoPath(session.config.paths.outputs), 'batch', safeFileName(session.config.task), safeFileName(modelId));
}

/** Why batch cannot serve a model, or null. */
function unsupportedReason(setting: ModelSetting, entry: CatalogModel | undefined, session: WorkshopSession): string | null {
  const t = m().views.batch;
  if (setting.kind === 'recorded') return t.recordedSource;
  if (entry?.lifecycle?.endOfLifeDate && entry.lifecycle.endOfLifeDate <= new Date().toISOString().slice(0, 10))
    return t.pastEndOfLife({ date: formatDate(entry.lifecycle.endOfLifeDate) });
  if (!entry && session.backend.kind === 'local') return t.notInCatalogue;
  return null;
}

/**
 * Write a job's input files and its documents sidecar, one record at a time: each file within
 * the per-file quotas (records and bytes), written atomically; memory holds one record, not
 * the job. Returns the files with their record and byte counts (for the quota check).
 */
function writeJobInput(
  dir: string,
  docs: DatasetRow[],
  quotas: BatchQuotas,
  record: (doc: DatasetRow, recordId: string) => string,
): { inputFiles: string[]; files: JobSize['files'] } {
  const inputFiles: string[] = [];
  const files: JobSize['files'] = [];
  const documents = new AtomicFileWriter(path.join(dir, 'documents.jsonl'));
  let input: AtomicFileWriter | null = null;
  let records = 0;
  const close = () => {
    if (!input) return;
    input.commit();
    files.push({ name: displayPath(input.file), records, bytes: input.bytes });
    input = null;
  };
  try {
    for (const doc of docs) {
      const id = documentId(doc.document);
      const recordId = recordIdOf(doc.index, id);
      const line = `${record(doc, recordId)}\n`;
      const size = Buffer.byteLength(line);
      if (input && (records >= quotas.maxRecordsPerFile || input.bytes + size > quotas.maxFileBytes)) close();
      if (!input) {
        inputFiles.push(path.join(dir, 'input', `records-${String(inputFiles.length + 1).padStart(3, '0')}.jsonl`));
        input = new AtomicFileWriter(inputFiles[inputFiles.length - 1]);
        records = 0;
      }
      input.write(line);
      records++;
      const document: BatchDocument = {
        recordId,
        document_index: doc.index,
        document_id: id,
        document: doc.document,
        reference: doc.reference ?? '',
        label: doc.label ?? '',
      };
      documents.write(`${JSON.stringify(document)}\n`);
    }
    close();
    if (docs.length === 0) documents.write('\n'); // as a join of no lines wrote it
    documents.commit();
  } catch (err) {
    (input as AtomicFileWriter | null)?.abort();
    documents.abort();
    throw err;
  }
  return { inputFiles, files };
}

/** Write every model's job input and request (see the module comment). */
export function prepareBatchJobs(session: WorkshopSession, docs: DatasetRow[], options: PrepareOptions = {}): PreparedBatchJob[] {
  const env = options.env ?? process.env;
  const quotas = options.quotas ?? BATCH_QUOTAS;
  const roleArn = env[BATCH_ENV.roleArn];
  const s3 = env[BATCH_ENV.s3Uri]?.replace(/\/+$/, '');
  const missingEnv: string[] = [];
  if (!roleArn) missingEnv.push(BATCH_ENV.roleArn);
  if (!s3) missingEnv.push(BATCH_ENV.s3Uri);
  const stamp = fileTimestamp().replace('_', '');
  const inf = session.config.inference;
  const settings = { maxTokens: inf.maxTokens, temperature: inf.temperature, topP: inf.topP ?? null };
  const jobs: PreparedBatchJob[] = [];
  for (const setting of allModels(session.config)) {
    if (options.models && !options.models.includes(setting.modelId)) continue;
    const entry = findModel(session.catalog, setting.modelId);
    const { format, invocationType } = bodyFormatOf(entry ?? { modelId: setting.modelId });
    const dir = batchDir(session, setting.modelId);
    const batch = entry?.pricing?.batch ?? null;
    const base: PreparedBatchJob = {
      model: setting.modelId,
      role: setting.role,
      status: 'written',
      reason: '',
      batchSupport: batch ? 'published' : 'unknown',
      batchPrice: batch ? { input: batch.per1kInputTokens, output: batch.per1kOutputTokens } : null,
      onDemandPrice: entry ? { input: entry.pricePer1kInputTokens, output: entry.pricePer1kOutputTokens } : null,
      format,
      invocationType,
      dir,
      inputFiles: [],
      documentsFile: path.join(dir, 'documents.jsonl'),
      requestFile: path.join(dir, 'request.json'),
      request: null,
      records: 0,
      problems: [],
      missingEnv,
      promptSha: '',
    };
    const unsupported = unsupportedReason(setting, entry, session);
    if (unsupported) {
      jobs.push({ ...base, status: 'skipped', reason: unsupported, batchSupport: 'none' });
      continue;
    }
    if (!batch) base.reason = m().views.batch.noBatchPrice({ model: setting.modelId });

    const template = loadTaskTemplate(setting.promptTemplate);
    const { inputFiles, files } = writeJobInput(dir, docs, quotas, (doc, recordId) =>
      JSON.stringify({
        recordId,
        modelInput: modelInput(format, taskPrompt(session.config.taskSpec, template, doc.document), settings),
      }),
    );
    const jobName = batchJobName(setting.modelId, stamp);
    const prefix = `${s3 ?? PLACEHOLDER.s3Uri}/${safeFileName(session.config.task)
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')}/${jobName}`;
    const request = modelInvocationJobRequest({
      jobName,
      roleArn: roleArn ?? PLACEHOLDER.roleArn,
      modelId: setting.modelId,
      inputS3Uri: `${prefix}/input/`,
      outputS3Uri: `${prefix}/output/`,
      invocationType,
      timeoutDurationInHours: options.timeoutDurationInHours,
    });
    writeFileAtomic(base.requestFile, `${JSON.stringify(request, null, 2)}\n`);
    const size = { records: docs.length, files };
    jobs.push({
      ...base,
      inputFiles,
      request,
      records: docs.length,
      problems: [...requestProblems(request), ...quotaProblems(size, quotas)],
      promptSha: sha12(taskPrompt(session.config.taskSpec, template, '')),
    });
  }
  return jobs;
}

// ---------------------------------------------------------------------------------------
// Running the job: emulated offline, or on AWS.

export interface BatchManifest {
  totalRecordCount: number;
  processedRecordCount: number;
  successRecordCount: number;
  errorRecordCount: number;
  inputTokenCount: number;
  outputTokenCount: number;
}

export interface BatchRun {
  /** `emulated-…` offline; the job ARN on AWS. */
  jobId: string;
  emulated: boolean;
  outputDir: string;
  manifest: BatchManifest | null;
}

/** The JSON lines of a file, one at a time (blank lines skipped, numbered as in the file); a line that is not JSON says why. */
function* readJsonl(file: string): Generator<{ line: number; value: unknown; problem: string | null }> {
  let line = 0;
  for (const raw of readLines(file, { what: 'the batch file' })) {
    line++;
    const text = raw.trim();
    if (!text) continue;
    try {
      yield { line, value: JSON.parse(text) as unknown, problem: null };
    } catch (e) {
      yield { line, value: null, problem: `not valid JSON (${errorText(e).split('\n')[0]})` };
    }
  }
}

/**
 * Run a prepared job against the local endpoint, record by record, and write Bedrock's
 * documented output files. Offline only: real jobs run on AWS (`submitBatchJob`).
 */
export async function runEmulatedBatch(session: WorkshopSession, job: PreparedBatchJob, { concurrency = 4 } = {}): Promise<BatchRun> {
  const endpoint = session.backend.local;
  if (session.backend.kind !== 'local' || !endpoint)
    throw new WorkshopError(m().errors.jobs.emulatedNeedsLocal({ backend: session.backend.kind }), {
      fix: m().errors.jobs.emulatedNeedsLocalFix({ roleVar: BATCH_ENV.roleArn, s3Var: BATCH_ENV.s3Uri }),
      key: 'backend',
    });
  if (job.status !== 'written') throw notWritten(job);
  const jobId = `emulated-${fileTimestamp().replace('_', '')}`;
  const outputDir = path.join(job.dir, 'emulated-output', jobId);
  const limit = pLimit(concurrency);
  const manifest: BatchManifest = {
    totalRecordCount: 0,
    processedRecordCount: 0,
    successRecordCount: 0,
    errorRecordCount: 0,
    inputTokenCount: 0,
    outputTokenCount: 0,
  };
  // Bedrock runs a job's records inside AWS, not through the caller's connection: so does the
  // emulation — each record is served by the local endpoint in this process (`request`: the
  // same checks, answers, faults and latency as InvokeModel or Converse over HTTP), with no
  // SDK client, signing or connection per record. A transient error (throttling, 5xx) is
  // tried again, up to the SDK's standard 3 attempts, as the SDK path did.
  const route = `/model/${encodeURIComponent(job.model)}/${job.invocationType === 'Converse' ? 'converse' : 'invoke'}`;
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  const serve = async (body: string) => {
    for (let attempt = 1; ; attempt++) {
      const r = await endpoint.request('POST', route, headers, body);
      if ((r.status !== 429 && r.status < 500) || attempt >= DEFAULT_RETRY.maxAttempts) return r;
      await sleep(backoffDelayMs(attempt, { ...DEFAULT_RETRY, baseDelayMs: 100 }));
    }
  };
  // Each record, `concurrency` at a time; outputs written in the input's order as they
  // complete, so memory holds a few records, not the file.
  const answer = async (value: unknown): Promise<string> => {
    const rec = value as { recordId?: string; modelInput?: Record<string, unknown> };
    manifest.totalRecordCount++;
    manifest.processedRecordCount++;
    // Served in process, a record never waits for I/O: yield to the event loop first, so timers,
    // I/O and the garbage collector's own tasks keep running during a long job.
    await new Promise(setImmediate);
    const r = await serve(JSON.stringify(rec.modelInput));
    if (r.status !== 200) {
      manifest.errorRecordCount++;
      // `x-amzn-errortype: ThrottlingException:http://…`, body `{"message": …}` (as the SDK reads them).
      const type = (r.headers['x-amzn-errortype'] ?? 'InternalServerException').split(':')[0];
      let message = r.body;
      try {
        message = String((JSON.parse(r.body) as { message?: unknown }).message ?? r.body);
      } catch {
        // not JSON: the body as it came
      }
      return JSON.stringify({
        recordId: rec.recordId,
        modelInput: rec.modelInput,
        error: { errorCode: r.status, errorMessage: `${type}: ${message}` },
      });
    }
    const modelOutput: unknown = JSON.parse(r.body);
    const parsed = parseModelOutput(job.format, modelOutput);
    if (!('problem' in parsed)) {
      manifest.inputTokenCount += parsed.inputTokens ?? 0;
      manifest.outputTokenCount += parsed.outputTokens ?? 0;
    }
    manifest.successRecordCount++;
    return JSON.stringify({ recordId: rec.recordId, modelInput: rec.modelInput, modelOutput });
  };
  for (const file of job.inputFiles) {
    const out = new AtomicFileWriter(path.join(outputDir, `${path.basename(file)}.out`));
    const inFlight: Promise<string>[] = [];
    let written = 0;
    const writeNext = async () => {
      out.write(`${await (inFlight.shift() as Promise<string>)}\n`);
      written++;
    };
    try {
      for (const { value } of readJsonl(file)) {
        inFlight.push(limit(() => answer(value)));
        if (inFlight.length >= concurrency * 2) await writeNext();
      }
      while (inFlight.length) await writeNext();
      if (written === 0) out.write('\n'); // as a join of no lines wrote it
      out.commit();
    } catch (err) {
      out.abort();
      await Promise.allSettled(inFlight);
      throw err;
    }
  }
  writeFileAtomic(path.join(outputDir, 'manifest.json.out'), `${JSON.stringify(manifest)}\n`);
  writeFileAtomic(
    path.join(outputDir, 'EMULATED.json'),
    `${JSON.stringify({ emulated: true, endpoint: session.backend.identity, note: 'Answered by the local endpoint (offline emulation), not by Amazon Bedrock.' }, null, 2)}\n`,
  );
  return { jobId, emulated: true, outputDir, manifest };
}

/** The AWS settings a submission needs, or a WorkshopError naming the missing variable and the fix. */
export function requireBatchAws(job: PreparedBatchJob, session: WorkshopSession): CreateModelInvocationJobCommandInput {
  if (session.backend.kind !== 'aws')
    throw new WorkshopError(m().errors.jobs.submitNeedsAws, {
      fix: m().errors.jobs.submitNeedsAwsFix,
      key: 'backend',
    });
  if (job.missingEnv.length)
    throw new WorkshopError(
      m().errors.jobs.batchEnvMissing({
        model: job.model,
        variables: job.missingEnv.join(m().errors.jobs.and),
        count: job.missingEnv.length,
      }),
      {
        fix: m().errors.jobs.batchEnvMissingFix({ roleVar: BATCH_ENV.roleArn, s3Var: BATCH_ENV.s3Uri }),
        key: job.missingEnv[0],
        model: job.model,
      },
    );
  if (job.status !== 'written' || !job.request) throw notWritten(job);
  if (job.problems.length)
    throw new WorkshopError(m().errors.jobs.batchProblems({ model: job.model, problems: job.problems.join('\n- ') }), {
      model: job.model,
      fix: m().errors.jobs.batchProblemsFix,
    });
  return job.request;
}

/** The error for a job that was not written (the model cannot be batched): its reason, and the fix. */
function notWritten(job: PreparedBatchJob): WorkshopError {
  return new WorkshopError(m().errors.jobs.notWritten({ model: job.model, reason: String(job.reason) }), {
    model: job.model,
    fix: m().errors.jobs.notWrittenFix,
  });
}

const s3Parts = (uri: string) => parseS3Uri(uri, BATCH_ENV.s3Uri);

/** Upload the input files and create the job (AWS only). Returns the job ARN. */
export async function submitBatchJob(
  session: WorkshopSession,
  clients: { s3: S3Client; bedrock: BedrockClient },
  job: PreparedBatchJob,
): Promise<string> {
  const request = requireBatchAws(job, session);
  const { bucket, key } = s3Parts(request.inputDataConfig!.s3InputDataConfig!.s3Uri!);
  for (const file of job.inputFiles)
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${key}${path.basename(file)}`,
        // Streamed from disk (an input file may hold up to 1 GB): the length is given, as S3 needs it for a stream.
        Body: fileReadStream(file),
        ContentLength: fileSize(file) ?? undefined,
        ContentType: 'application/jsonl',
      }),
    );
  const created = await clients.bedrock.send(new CreateModelInvocationJobCommand(request));
  if (!created.jobArn)
    throw new WorkshopError(m().errors.jobs.noBatchArn, {
      fix: m().errors.jobs.noBatchArnFix,
    });
  return created.jobArn;
}

const FINAL = ['Completed', 'PartiallyCompleted', 'Failed', 'Stopped', 'Expired'];

/** Wait until the job ends (AWS only). Batch jobs take minutes to hours: poll rarely. */
export async function pollBatchJob(
  bedrock: BedrockClient,
  jobArn: string,
  options: { intervalMs?: number; timeoutMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<{ status: string; message: string }> {
  const job = await pollUntilFinal(() => bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn })), {
    ...options,
    statusOf: (j) => j.status ?? '',
    final: FINAL,
    what: m().errors.jobs.batchJob({ arn: jobArn }),
  });
  return { status: job.status ?? '', message: job.message ?? '' };
}

/** Download the job's `.jsonl.out` files and `manifest.json.out` into `<dir>/output/<job id>/` (AWS only). */
export async function downloadBatchOutput(s3: S3Client, job: PreparedBatchJob, jobArn: string): Promise<BatchRun> {
  const jobId = jobArn.slice(jobArn.lastIndexOf('/') + 1);
  const { bucket, key } = s3Parts(job.request!.outputDataConfig!.s3OutputDataConfig!.s3Uri!);
  const outputDir = path.join(job.dir, 'output', jobId);
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${key}${jobId}/` }));
  for (const obj of listed.Contents ?? []) {
    if (!obj.Key || !/\.out$/.test(obj.Key)) continue;
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: obj.Key }));
    // Streamed to disk piece by piece: an output file is as large as its input and the answers together.
    const out = new AtomicFileWriter(path.join(outputDir, path.basename(obj.Key)));
    try {
      for await (const chunk of (got.Body ?? []) as AsyncIterable<Uint8Array>) out.write(chunk);
      out.commit();
    } catch (err) {
      out.abort();
      throw err;
    }
  }
  const manifestFile = path.join(outputDir, 'manifest.json.out');
  const manifest = existsSync(manifestFile)
    ? (JSON.parse(readTextUtf8(manifestFile, { what: 'the batch manifest' })) as BatchManifest)
    : null;
  return { jobId, emulated: false, outputDir, manifest };
}

// ---------------------------------------------------------------------------------------
// Import: outputs → step-3 result rows.

export interface BatchImport {
  model: string;
  rows: LatencyResultRow[];
  /** Where the rows were written: the same CSV format as notebook 03's. */
  resultFile: string;
  /** Lines that could not be used, each naming the file and the line. */
  problems: string[];
  success: number;
  errors: number;
  manifest: BatchManifest | null;
  emulated: boolean;
  /** The sentence for the tracking CSV and the notebook. */
  message: string;
}

function listOutputFiles(dir: string): string[] {
  if (!existsSync(dir))
    throw new WorkshopError(m().errors.jobs.noOutputFolder({ shown: displayPath(dir) }), {
      fix: m().errors.jobs.noOutputFolderFix,
      file: dir,
    });
  return listDir(dir, { what: 'the batch output folder' })
    .filter((f) => f.endsWith('.jsonl.out') && statSync(path.join(dir, f)).isFile())
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Read a job's outputs into one step-3 row per input record — in the input's order, whatever
 * order the outputs come in. A record with an `error`, an unreadable `modelOutput`, or no
 * output line at all becomes an `error` row with the reason (file and line named); a
 * malformed line or a record id that is not in the input is listed in `problems`. Nothing is
 * dropped and nothing throws on bad lines.
 */
export function importBatchOutput(session: WorkshopSession, job: PreparedBatchJob, run: BatchRun): BatchImport {
  if (job.status !== 'written') throw notWritten(job);
  const documents: BatchDocument[] = [];
  for (const { value } of readJsonl(job.documentsFile)) documents.push(value as BatchDocument);
  const byId = new Map(documents.map((d) => [d.recordId, d]));
  // Per record only what its row needs (the error, or the answer read from modelOutput) — not the whole line with its modelInput.
  const outputs = new Map<string, { error: unknown; answer: ReturnType<typeof parseModelOutput> | null; where: string }>();
  const problems: string[] = [];
  for (const file of listOutputFiles(run.outputDir)) {
    for (const { line, value, problem } of readJsonl(file)) {
      const where = `${displayPath(file)} line ${line}`;
      if (problem || !value || typeof value !== 'object' || Array.isArray(value)) {
        problems.push(`${where}: ${problem ?? 'not a JSON object'} — skipped; its record is reported as missing`);
        continue;
      }
      const record = value as Record<string, unknown>;
      const id = typeof record.recordId === 'string' ? record.recordId : '';
      if (!byId.has(id)) {
        problems.push(`${where}: record id "${id}" is not in the job's input (${displayPath(job.documentsFile)}) — not imported`);
        continue;
      }
      if (outputs.has(id)) {
        problems.push(`${where}: record id "${id}" appears again (first at ${outputs.get(id)!.where}) — the first is kept`);
        continue;
      }
      outputs.set(id, { error: record.error, answer: record.error ? null : parseModelOutput(job.format, record.modelOutput), where });
    }
  }
  const manifestFile = path.join(run.outputDir, 'manifest.json.out');
  const manifest =
    run.manifest ??
    (existsSync(manifestFile) ? (JSON.parse(readTextUtf8(manifestFile, { what: 'the batch manifest' })) as BatchManifest) : null);
  const entry = findModel(session.catalog, job.model);
  const batchPrice = entry?.pricing?.batch ?? null;
  const identity = `${run.emulated ? 'batch-emulated' : 'batch'}:${session.backend.identity}`;
  const inf = session.config.inference;
  const trackingRow = session.tracking.rows.find((r) => r.model === job.model);
  const now = new Date().toISOString();
  const rows = documents.map((d): LatencyResultRow => {
    const out = outputs.get(d.recordId);
    let status: 'success' | 'error' = 'error';
    let response = '';
    let errorType = '';
    let errorMessage = '';
    let inTokens: number | null = null;
    let outTokens: number | null = null;
    let stop = '';
    if (!out) {
      errorType = 'BatchRecordMissing';
      errorMessage = `no output record for ${d.recordId} in ${displayPath(run.outputDir)}${problems.length ? ' (see the import problems: a malformed line may have held it)' : ''}`;
    } else if (out.error) {
      const err = out.error as { errorCode?: unknown; errorMessage?: unknown };
      errorType = `BatchRecordError${err.errorCode === undefined ? '' : ` ${String(err.errorCode)}`}`;
      errorMessage = `${String(err.errorMessage ?? 'no message')} (${out.where})`;
    } else {
      const parsed = out.answer as ReturnType<typeof parseModelOutput>;
      if ('problem' in parsed) {
        errorType = 'BatchOutputUnreadable';
        errorMessage = `${parsed.problem} (${out.where})`;
      } else {
        status = 'success';
        response = parsed.text;
        inTokens = parsed.inputTokens;
        outTokens = parsed.outputTokens;
        stop = parsed.stopReason;
      }
    }
    return {
      run_id: `batch-${run.jobId}`,
      variant: 'task',
      model: job.model,
      role: job.role,
      region: session.config.region,
      inference_profile: typeof trackingRow?.inference_profile === 'string' ? trackingRow.inference_profile : '',
      backend: session.backend.column,
      document_index: d.document_index,
      document_id: d.document_id,
      experiment: 1,
      invocation: 1,
      document: d.document,
      referenceResponse: d.reference,
      label: d.label,
      model_response: response,
      // Batch inference measures no latency: these stay empty, never estimated.
      latency: null,
      latency_ms: null,
      model_latencyMs: null,
      time_to_first_token_ms: null,
      output_tokens_per_second: null,
      total_time_ms: null,
      attempts: 1,
      model_input_tokens: inTokens,
      model_output_tokens: outTokens,
      stop_reason: stop,
      status,
      error_type: errorType,
      error_message: errorMessage,
      cost_usd:
        batchPrice &&
        batchPrice.per1kInputTokens !== null &&
        batchPrice.per1kOutputTokens !== null &&
        inTokens !== null &&
        outTokens !== null
          ? (inTokens / 1000) * batchPrice.per1kInputTokens + (outTokens / 1000) * batchPrice.per1kOutputTokens
          : null,
      streaming: false,
      timestamp: now,
      endpoint: identity,
      prompt_sha: job.promptSha,
      max_tokens: inf.maxTokens,
      temperature: inf.temperature,
      top_p: inf.topP ?? null,
      provenance_id: `batch-${run.jobId}`,
    };
  });
  const success = rows.filter((r) => r.status === 'success').length;
  const resultFile = path.join(
    repoPath(session.config.paths.outputs),
    `latency_${safeFileName(session.config.task)}_${safeFileName(job.model)}_batch-${safeFileName(run.jobId.slice(run.jobId.lastIndexOf('/') + 1))}.csv`,
  );
  writeCsv(resultFile, LATENCY_RESULT_COLUMNS, rows as unknown as Record<string, unknown>[]);
  // The emulation runs a job Bedrock would refuse (e.g. the 10-document sample, under the 100-record minimum): say so.
  const t = m().views.batch;
  const refused = run.emulated && job.problems.length ? t.wouldRefuse({ problems: job.problems.join('; ') }) : '';
  const message = t.imported({
    job: run.emulated ? t.emulatedJob : t.bedrockJob({ job: run.jobId }),
    success: String(success),
    total: String(rows.length),
    unusable: problems.length ? String(problems.length) : null,
    batchPrice: Boolean(batchPrice),
    refused,
  });
  return {
    model: job.model,
    rows,
    resultFile,
    problems,
    success,
    errors: rows.length - success,
    manifest,
    emulated: run.emulated,
    message,
  };
}

/** The step-3 tracking columns a batch import fills; the latency figures are cleared (batch has none). */
const LATENCY_FIGURES = [
  'latency_mean_ms',
  'latency_median_ms',
  'latency_p90_ms',
  'latency_p95_ms',
  'latency_p99_ms',
  'latency_std_ms',
  'latency_median_ci_low_ms',
  'latency_median_ci_high_ms',
  'ttft_median_ms',
  'ttft_p90_ms',
  'output_tokens_per_s_mean',
  'latency_log_file',
];

/**
 * Point the tracking CSV at imported batch rows, so step 4 judges them and step 5 compares
 * them: `latency_status` `batch`, the latency figures emptied (batch measures none — step 5
 * then says latency is not available rather than ranking on it). Saves the tracking CSV.
 */
export function useBatchResults(session: WorkshopSession, imported: BatchImport): void {
  if (imported.success === 0 || !imported.rows.some((r) => r.status === 'success'))
    throw new WorkshopError(
      m().errors.jobs.noSuccess({
        model: imported.model,
        rows: imported.rows.length,
        shown: displayPath(imported.resultFile),
        first: imported.rows[0]?.error_type
          ? m().errors.jobs.firstError({ type: imported.rows[0].error_type, message: imported.rows[0].error_message ?? '' })
          : '',
      }),
      {
        fix: m().errors.jobs.noSuccessFix,
        file: imported.resultFile,
        model: imported.model,
      },
    );
  upsertModelRow(session.tracking, imported.model, {
    latency_status: 'batch',
    latency_message: imported.message,
    latency_n: imported.rows.length,
    latency_success_rate: imported.rows.length ? imported.success / imported.rows.length : null,
    latency_results_file: displayPath(imported.resultFile),
    latency_at: new Date().toISOString(),
    ...Object.fromEntries(LATENCY_FIGURES.map((c) => [c, null])),
  });
  session.save();
}

/** A compact table of the prepared jobs, for the notebook. */
export function describeBatchJobs(jobs: PreparedBatchJob[]): Record<string, string | number>[] {
  const t = m().views.batch;
  const c = t.col;
  const dollars = (x: number) => `${m().common.usdPrefix}${localizeDigits((x * 1000).toFixed(3))}`;
  const price = (p: { input: number | null; output: number | null } | null) =>
    p && p.input !== null && p.output !== null ? `${dollars(p.input)} / ${dollars(p.output)}` : t.unknown;
  return jobs.map((j) => ({
    [c.model]: j.model,
    [c.status]: j.status,
    [c.jobType]: j.status === 'written' ? j.invocationType : '',
    [c.records]: j.records,
    [c.onDemand]: price(j.onDemandPrice),
    [c.batch]: price(j.batchPrice),
    [c.canSubmit]: j.status !== 'written' ? t.no : j.problems.length || j.missingEnv.length ? t.notYet : t.yes,
    [c.why]: [j.reason, ...j.problems, j.missingEnv.length ? t.set({ names: j.missingEnv.join(', ') }) : ''].filter(Boolean).join(' · '),
  }));
}
