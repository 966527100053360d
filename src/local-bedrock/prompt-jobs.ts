/**
 * Advanced Prompt Optimization jobs on the local endpoint (the Bedrock control plane's
 * `/advanced-prompt-optimization-jobs` routes): Create, Get, List, Stop and BatchDelete, with
 * the job states of the API model (`InProgress`, `Completed`, `PartiallyCompleted`, `Failed`,
 * `Stopping`, `Stopped`, `Deleting`), checked against the API model's constraints and AWS's
 * documented quotas (core/prompt-optimization.ts).
 *
 * "S3" is a folder on disk (`settings.s3Dir`: `s3://bucket/key` is `<s3Dir>/bucket/key`), so a
 * client writes the input where the job reads it and reads the results where it writes them.
 *
 * The emulated job really optimizes, EMULATED: for every template and target model it
 * 1. answers every evaluation sample with the emulated model (the template's `{{variables}}`
 *    filled from the sample),
 * 2. scores each answer with the template's evaluation method — a custom LLM-as-a-judge
 *    (its prompt filled with `{{prompt}}`, `{{response}}`, `{{referenceResponse}}` and sent to
 *    the emulated judge model; the score read from its answer), or the service's default
 *    judge (emulated: the judge heuristic's correctness, completeness and professional-style
 *    metrics for Answer Accuracy, Answer Completeness and Expression Quality, plus
 *    following-instructions with steering criteria; a short reference label is matched
 *    exactly), 0–1,
 * 3. tries every documented rewrite of the template (emulator/prompt-rewrite.ts) the same way
 *    and keeps the best-scoring one when it beats the original (ties: the shorter prompt),
 * 4. writes `<output>/<job id>/advanced_prompt_optimization_results.jsonl` in the documented
 *    format, and `EMULATED.json` beside it.
 * A Lambda evaluator cannot run offline: that template's results are FAILED with the reason
 * (the job is then PartiallyCompleted). An input that breaks the format or a quota fails the
 * job with every problem named (line, field). The job takes as long as its computation: real
 * jobs take tens of minutes, which is not emulated. docs/prompt-optimization.md has the rules.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CatalogModel } from '../core/catalog';
import { readBytes, writeFileAtomic } from '../core/files';
import {
  APO_QUOTAS,
  APO_REQUEST_CONSTRAINTS,
  APO_RESULTS_FILE,
  baseModelId,
  fillTemplate,
  inputFileProblems,
  sampleVariables,
  type ApoAverages,
  type ApoInputLine,
  type ApoModelResult,
  type ApoPromptMetrics,
  type ApoResultLine,
  type ApoSampleResult,
} from '../core/prompt-optimization';
import { localS3Path } from '../core/s3-uri';
import { seededRandom } from '../core/stats/random';
import { estimateTokens } from '../core/tokens';
import { BedrockError } from './errors';
import { generateAnswer } from './emulator';
import { rewritesOf } from './emulator/prompt-rewrite';
import { hash32 } from './emulator/text';
import { sampleTiming } from './latency';
import { maxResultsProblem, nextTokenProblem, pageOf, throwIfInvalid } from './paging';
import { type Spec, validateShape } from './shapes';

export type JobStatus = 'InProgress' | 'Completed' | 'PartiallyCompleted' | 'Failed' | 'Stopping' | 'Stopped' | 'Deleting';
const FINAL: JobStatus[] = ['Completed', 'PartiallyCompleted', 'Failed', 'Stopped'];

const C = APO_REQUEST_CONSTRAINTS;
const str = (extra: Omit<Extract<Spec, { t: 'string' }>, 't'> = {}): Spec => ({ t: 'string', ...extra });
const req = <S extends Spec>(s: S): S & { req: true } => ({ ...s, req: true });

/**
 * CreateAdvancedPromptOptimizationJobRequest as the API reference states it (Smithy patterns
 * are not anchored: each is tested as written). Only the members' documented constraints are
 * checked; `inferenceConfig` is checked for types and the 0–1 ranges of temperature and topP.
 */
export const CREATE_JOB_REQUEST: Spec = {
  t: 'struct',
  m: {
    jobName: req(str(C.jobName)),
    jobDescription: str(C.jobDescription),
    clientToken: str(C.clientToken),
    inputConfig: req({ t: 'struct', m: { s3Uri: req(str(C.inputS3Uri)) } }),
    outputConfig: req({ t: 'struct', m: { s3Uri: req(str(C.outputS3Uri)) } }),
    encryptionKeyArn: str(C.encryptionKeyArn),
    tags: {
      t: 'list',
      max: C.tags.max,
      of: { t: 'struct', m: { key: req(str({ min: 1, max: 128 })), value: req(str({ min: 0, max: 256 })) } },
    },
    modelConfigurations: req({
      t: 'list',
      min: C.modelConfigurations.min,
      max: C.modelConfigurations.max,
      of: {
        t: 'struct',
        m: {
          modelId: req(str(C.modelId)),
          inferenceConfig: {
            t: 'struct',
            m: {
              maxTokens: { t: 'int', min: 1 },
              temperature: { t: 'float', min: 0, max: 1 },
              topP: { t: 'float', min: 0, max: 1 },
              stopSequences: { t: 'list', of: str({ min: 1 }) },
            },
          },
          additionalModelRequestFields: { t: 'map', of: { t: 'doc' } },
        },
      },
    }),
  },
};

const BATCH_DELETE_REQUEST: Spec = { t: 'struct', m: { jobIdentifiers: req({ t: 'list', min: 1, of: str({ min: 1, max: 1011 }) }) } };
const JOB_IDENTIFIER = /((arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:advanced-prompt-optimization-job\/)?[a-z0-9]{12})/;

interface ModelConfiguration {
  modelId: string;
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  additionalModelRequestFields?: Record<string, unknown>;
}

interface Job {
  id: string;
  arn: string;
  name: string;
  description?: string;
  clientToken?: string;
  status: JobStatus;
  inputConfig: { s3Uri: string };
  outputConfig: { s3Uri: string };
  encryptionKeyArn?: string;
  modelConfigurations: ModelConfiguration[];
  creationTime: string;
  lastModifiedTime: string;
  failureMessage?: string;
  stopRequested: boolean;
}

/** What the job runner needs from the endpoint. */
export interface JobContext {
  region: string;
  seed: number;
  latencyScale: number;
  s3Dir: string;
  clock: () => number;
  /** A model identifier as Bedrock takes it (id, profile, ARN); throws a BedrockError when it is not callable. */
  resolveModel(id: string): CatalogModel;
  /** The catalogue entry of a model id or profile, without access or lifecycle checks, or undefined. */
  findModel(id: string): CatalogModel | undefined;
  /** Wait (emulated time, cancelled when the endpoint stops). */
  wait(ms: number): Promise<void>;
  closed(): boolean;
}

const ACCOUNT_ID = '000000000000';

export class PromptOptimizationJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly ctx: JobContext) {}

  private now(): string {
    return new Date(this.ctx.clock()).toISOString();
  }

  private find(identifier: string): Job {
    if (!JOB_IDENTIFIER.test(identifier) || identifier.length > 1011)
      throw new BedrockError(
        'ValidationException',
        `1 validation error detected: Value '${identifier}' at 'jobIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: ${JOB_IDENTIFIER.source}`,
      );
    const id = identifier.slice(identifier.lastIndexOf('/') + 1);
    const job = this.jobs.get(id);
    if (!job) throw new BedrockError('ResourceNotFoundException', `The advanced prompt optimization job ${identifier} was not found.`);
    return job;
  }

  /** POST /advanced-prompt-optimization-jobs */
  create(body: Record<string, unknown>): { jobArn: string } {
    validateShape(CREATE_JOB_REQUEST, body);
    const input = body as unknown as {
      jobName: string;
      jobDescription?: string;
      clientToken?: string;
      inputConfig: { s3Uri: string };
      outputConfig: { s3Uri: string };
      encryptionKeyArn?: string;
      modelConfigurations: ModelConfiguration[];
    };
    if (input.clientToken) {
      const same = [...this.jobs.values()].find((j) => j.clientToken === input.clientToken);
      if (same) return { jobArn: same.arn };
    }
    if ([...this.jobs.values()].some((j) => j.name === input.jobName))
      throw new BedrockError(
        'ConflictException',
        `An advanced prompt optimization job named ${input.jobName} already exists. Choose another jobName.`,
      );
    // Every target model must be one Bedrock knows (refused at creation, as an unknown model id is).
    const ids = input.modelConfigurations.map((m) => m.modelId);
    for (const id of ids) {
      if (!this.ctx.findModel(id))
        throw new BedrockError(
          'ValidationException',
          `The provided model identifier is invalid: ${id} (not one of this local endpoint's models or inference profiles: see data/model_catalog.json).`,
        );
    }
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate)
      throw new BedrockError('ValidationException', `modelConfigurations lists ${duplicate} twice: give each target model once.`);
    const running = [...this.jobs.values()].filter((j) => j.status === 'InProgress' || j.status === 'Stopping').length;
    if (running >= APO_QUOTAS.concurrentJobs)
      throw new BedrockError(
        'ServiceQuotaExceededException',
        `You have ${running} advanced prompt optimization jobs in progress, the quota of ${APO_QUOTAS.concurrentJobs} concurrent jobs per account and Region. Wait for one to finish or stop one.`,
      );
    const id = randomUUID().replace(/-/g, '').slice(0, 12);
    const now = this.now();
    const job: Job = {
      id,
      arn: `arn:aws:bedrock:${this.ctx.region}:${ACCOUNT_ID}:advanced-prompt-optimization-job/${id}`,
      name: input.jobName,
      description: input.jobDescription,
      clientToken: input.clientToken,
      status: 'InProgress',
      inputConfig: { s3Uri: input.inputConfig.s3Uri },
      outputConfig: { s3Uri: input.outputConfig.s3Uri },
      encryptionKeyArn: input.encryptionKeyArn,
      modelConfigurations: input.modelConfigurations,
      creationTime: now,
      lastModifiedTime: now,
      stopRequested: false,
    };
    this.jobs.set(id, job);
    void this.run(job).catch((error: Error) => this.finish(job, 'Failed', `Local endpoint error while running the job: ${error.message}`));
    return { jobArn: job.arn };
  }

  /** GET /advanced-prompt-optimization-jobs/{jobIdentifier} */
  get(identifier: string) {
    const job = this.find(identifier);
    return {
      jobArn: job.arn,
      jobName: job.name,
      ...(job.description ? { jobDescription: job.description } : {}),
      jobStatus: job.status,
      inputConfig: job.inputConfig,
      outputConfig: job.outputConfig,
      ...(job.encryptionKeyArn ? { encryptionKeyArn: job.encryptionKeyArn } : {}),
      creationTime: job.creationTime,
      lastModifiedTime: job.lastModifiedTime,
      ...(job.failureMessage ? { failureMessage: job.failureMessage } : {}),
      modelConfigurations: job.modelConfigurations,
    };
  }

  /** GET /advanced-prompt-optimization-jobs?maxResults&nextToken&sortBy&sortOrder */
  list(query: URLSearchParams) {
    const sortBy = query.get('sortBy');
    const sortOrder = query.get('sortOrder');
    throwIfInvalid([
      maxResultsProblem(query),
      sortBy !== null && sortBy !== 'CreationTime'
        ? `Value '${sortBy}' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [CreationTime]`
        : null,
      sortOrder !== null && sortOrder !== 'Ascending' && sortOrder !== 'Descending'
        ? `Value '${sortOrder}' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [Ascending, Descending]`
        : null,
      nextTokenProblem(query, '\\S*'),
    ]);
    const all = [...this.jobs.values()].sort((a, b) => a.creationTime.localeCompare(b.creationTime) || a.id.localeCompare(b.id));
    if (sortOrder !== 'Ascending') all.reverse();
    const { page, nextToken } = pageOf(all, query);
    const jobSummaries = page.map((j) => ({
      jobArn: j.arn,
      jobName: j.name,
      jobStatus: j.status,
      creationTime: j.creationTime,
      lastModifiedTime: j.lastModifiedTime,
    }));
    return nextToken ? { jobSummaries, nextToken } : { jobSummaries };
  }

  /** POST /advanced-prompt-optimization-jobs/{jobIdentifier}/stop */
  stop(identifier: string): Record<string, never> {
    const job = this.find(identifier);
    if (job.status !== 'InProgress')
      throw new BedrockError(
        'ConflictException',
        `The advanced prompt optimization job ${job.name} is ${job.status}: only a job in progress can be stopped.`,
      );
    job.stopRequested = true;
    this.setStatus(job, 'Stopping');
    return {};
  }

  /** POST /advanced-prompt-optimization-job/batch-delete */
  batchDelete(body: Record<string, unknown>) {
    validateShape(BATCH_DELETE_REQUEST, body);
    const errors: { jobIdentifier: string; code: string; message: string }[] = [];
    const deleted: { jobIdentifier: string; jobStatus: JobStatus }[] = [];
    for (const identifier of body.jobIdentifiers as string[]) {
      const id = identifier.slice(identifier.lastIndexOf('/') + 1);
      const job = this.jobs.get(id);
      if (!job)
        errors.push({ jobIdentifier: identifier, code: 'ResourceNotFoundException', message: `The job ${identifier} was not found.` });
      else if (!FINAL.includes(job.status))
        errors.push({
          jobIdentifier: identifier,
          code: 'ConflictException',
          message: `The job ${job.name} is ${job.status}: stop it, then delete it.`,
        });
      else {
        this.jobs.delete(id);
        deleted.push({ jobIdentifier: identifier, jobStatus: 'Deleting' });
      }
    }
    return { errors, advancedPromptOptimizationJobs: deleted };
  }

  private setStatus(job: Job, status: JobStatus, failureMessage?: string): void {
    job.status = status;
    job.lastModifiedTime = this.now();
    if (failureMessage) job.failureMessage = failureMessage;
  }

  private finish(job: Job, status: JobStatus, failureMessage?: string): void {
    if (!this.jobs.has(job.id) || FINAL.includes(job.status)) return;
    this.setStatus(job, job.stopRequested ? 'Stopped' : status, job.stopRequested ? undefined : failureMessage);
  }

  // ---------------------------------------------------------------------------------------
  // The emulated optimization.

  private async run(job: Job): Promise<void> {
    // Let a client see InProgress, as it would on Bedrock (scaled like every emulated wait).
    await this.ctx.wait(200 * this.ctx.latencyScale);
    await new Promise((r) => setImmediate(r));
    const inputFile = localS3Path(this.ctx.s3Dir, job.inputConfig.s3Uri);
    if (!existsSync(inputFile) || !statSync(inputFile).isFile())
      return this.finish(
        job,
        'Failed',
        `The input file ${job.inputConfig.s3Uri} does not exist (offline, S3 is the folder ${this.ctx.s3Dir}: expected ${inputFile}). Upload the JSONL input there, then create the job again.`,
      );
    const bytes = readBytes(inputFile);
    const lines = bytes
      .toString('utf8')
      .split('\n')
      .map((text, i) => ({ text: text.trim(), line: i + 1 }))
      .filter((l) => l.text)
      .map(({ text, line }) => {
        try {
          return { line, value: JSON.parse(text) as unknown, problem: null };
        } catch (e) {
          return { line, value: null, problem: `not valid JSON (${(e as Error).message.split('\n')[0]})` };
        }
      });
    const problems = inputFileProblems(lines, bytes.length);
    if (problems.length)
      return this.finish(
        job,
        'Failed',
        `The input file ${job.inputConfig.s3Uri} is not valid: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}.`,
      );
    const templates = lines.map((l) => l.value as ApoInputLine);
    const results: ApoResultLine[] = [];
    for (const template of templates) {
      const promptOptimizationResults: ApoModelResult[] = [];
      for (const config of job.modelConfigurations) {
        if (job.stopRequested || this.ctx.closed()) return this.finish(job, 'Stopped');
        promptOptimizationResults.push(await this.optimize(template, config));
      }
      results.push({
        promptTemplateId: template.templateId,
        promptTemplate: template.promptTemplate,
        ...(template.steeringCriteria ? { steeringCriteria: template.steeringCriteria } : {}),
        ...(template.customEvaluationMetricLabel ? { customEvaluationMetricLabel: template.customEvaluationMetricLabel } : {}),
        promptOptimizationResults,
      });
    }
    if (job.stopRequested) return this.finish(job, 'Stopped');
    const outputDir = localS3Path(this.ctx.s3Dir, `${job.outputConfig.s3Uri.replace(/\/+$/, '')}/${job.id}/`);
    writeFileAtomic(path.join(outputDir, APO_RESULTS_FILE), `${results.map((r) => JSON.stringify(r)).join('\n')}\n`);
    writeFileAtomic(
      path.join(outputDir, 'EMULATED.json'),
      `${JSON.stringify({ emulated: true, jobArn: job.arn, note: 'Optimized by the local endpoint (offline emulation), not by Amazon Bedrock: docs/prompt-optimization.md says how.' }, null, 2)}\n`,
    );
    const all = results.flatMap((r) => r.promptOptimizationResults);
    const failed = all.filter((r) => r.status === 'FAILED');
    if (failed.length === all.length)
      this.finish(
        job,
        'Failed',
        `Every template failed for every model: ${failed.map((f) => `${f.modelId}: ${f.failureReason}`).join('; ')}`,
      );
    else this.finish(job, failed.length ? 'PartiallyCompleted' : 'Completed');
  }

  /** One template for one target model: the original scored, every rewrite scored, the best kept. */
  private async optimize(template: ApoInputLine, config: ModelConfiguration): Promise<ApoModelResult> {
    const failed = (reason: string): ApoModelResult => ({ modelId: config.modelId, status: 'FAILED', failureReason: reason });
    if (template.evaluationMetricLambdaArn)
      return failed(
        `Lambda evaluators are not emulated offline: the local endpoint cannot invoke ${template.evaluationMetricLambdaArn}. Use a custom LLM-as-a-judge, steering criteria or the default judge offline; on AWS the job invokes the function with your credentials.`,
      );
    let model: CatalogModel;
    try {
      model = this.ctx.resolveModel(config.modelId);
    } catch (error) {
      return failed(`${(error as BedrockError).type ?? 'Error'}: ${(error as Error).message}`);
    }
    let judgeModel: CatalogModel | undefined;
    if (template.customLLMJConfig) {
      judgeModel =
        this.ctx.findModel(template.customLLMJConfig.customLLMJModelId) ??
        this.ctx.findModel(baseModelId(template.customLLMJConfig.customLLMJModelId));
      if (!judgeModel)
        return failed(
          `The judge model ${template.customLLMJConfig.customLLMJModelId} is not one of this local endpoint's models (data/model_catalog.json).`,
        );
    } else {
      judgeModel = this.ctx.findModel('anthropic.claude-sonnet-4-6');
    }
    const scorer = (prompt: string, response: string, reference: string, variables: Record<string, string>) =>
      this.score(template, judgeModel, prompt, response, reference, variables);
    const original = await this.evaluate(template, template.promptTemplate, model, config, scorer);
    let best = { text: template.promptTemplate, evals: original, name: 'original' };
    const references = template.evaluationSamples.map((s) => s.referenceResponse ?? '');
    for (const rewrite of rewritesOf(template.promptTemplate, { family: model.family, references })) {
      const evals = await this.evaluate(template, rewrite.text, model, config, scorer);
      const [a, b] = [mean(evals.map((e) => e.metrics.score)), mean(best.evals.map((e) => e.metrics.score))];
      const shorter = mean(evals.map((e) => e.metrics.inputTokens)) < mean(best.evals.map((e) => e.metrics.inputTokens));
      if (a > b + 1e-9 || (Math.abs(a - b) <= 1e-9 && best.name !== 'original' && shorter))
        best = { text: rewrite.text, evals, name: rewrite.name };
    }
    const dataset: ApoSampleResult[] = template.evaluationSamples.map((sample, i) => ({
      inputVariables: sample.inputVariables,
      ...(sample.referenceResponse !== undefined ? { referenceResponse: sample.referenceResponse } : {}),
      originalPromptDetails: {
        originalPromptModelResponse: original[i].response,
        llmjRawEvalOutputForOriginalPrompt: original[i].raw,
        originalPromptMetrics: original[i].metrics,
      },
      optimizedPromptDetails: {
        optimizedPromptModelResponse: best.evals[i].response,
        llmjRawEvalOutputForOptimizedPrompt: best.evals[i].raw,
        optimizedPromptMetrics: best.evals[i].metrics,
      },
    }));
    return {
      status: 'SUCCESS',
      optimizedPromptTemplate: best.text,
      dataset,
      modelId: config.modelId,
      optimizedPromptTemplateId: `${template.templateId}-optimized-for-${config.modelId}`,
      originalPromptMetrics: averages(original.map((e) => e.metrics)),
      optimizedPromptMetrics: averages(best.evals.map((e) => e.metrics)),
    };
  }

  /** Every sample answered with `text` as the template, and scored. */
  private async evaluate(
    template: ApoInputLine,
    text: string,
    model: CatalogModel,
    config: ModelConfiguration,
    scorer: (prompt: string, response: string, reference: string, variables: Record<string, string>) => { score: number; raw: string },
  ): Promise<{ response: string; raw: string; metrics: ApoPromptMetrics }[]> {
    const out: { response: string; raw: string; metrics: ApoPromptMetrics }[] = [];
    for (const sample of template.evaluationSamples) {
      const variables = sampleVariables(sample);
      const prompt = fillTemplate(text, variables);
      const inf = config.inferenceConfig ?? {};
      const answer = generateAnswer({
        model,
        system: [],
        messages: [{ role: 'user', text: prompt }],
        maxTokens: inf.maxTokens ?? Math.min(model.maxOutputTokens, 4096),
        temperature: inf.temperature,
        topP: inf.topP,
        stopSequences: inf.stopSequences,
        seed: this.ctx.seed,
      });
      const timing = sampleTiming(
        model,
        answer.outputTokens,
        this.ctx.latencyScale,
        seededRandom(`${this.ctx.seed}|apo|${model.modelId}|${hash32(prompt)}`),
      );
      const { score, raw } = scorer(prompt, answer.text, sample.referenceResponse ?? '', variables);
      out.push({
        response: answer.text,
        raw,
        metrics: {
          inputTokens: estimateTokens(prompt),
          outputTokens: answer.outputTokens,
          score,
          ttftInSec: Math.round(timing.timeToFirstTokenMs) / 1000,
        },
      });
      // Yield between samples: a long job never holds the endpoint's event loop.
      await new Promise((r) => setImmediate(r));
    }
    return out;
  }

  /** The evaluation method's score (0–1) and the judge's raw answer. */
  private score(
    template: ApoInputLine,
    judgeModel: CatalogModel | undefined,
    prompt: string,
    response: string,
    reference: string,
    variables: Record<string, string>,
  ): { score: number; raw: string } {
    const ask = (text: string): string =>
      judgeModel
        ? generateAnswer({
            model: judgeModel,
            system: [],
            messages: [{ role: 'user', text }],
            maxTokens: 2000,
            temperature: 0,
            seed: this.ctx.seed,
          }).text
        : '';
    if (template.customLLMJConfig) {
      const raw = ask(fillTemplate(template.customLLMJConfig.customLLMJPrompt, { prompt, response, referenceResponse: reference }));
      return { score: judgeScore(raw), raw };
    }
    // The service's default judge (emulated), steered by the steering criteria when given.
    if (reference && reference.trim().split(/\s+/).length <= 4) {
      const match = normalizeLabel(response) === normalizeLabel(reference);
      return {
        score: match ? 1 : 0,
        raw: `Score: ${match ? 1 : 0}\n${match ? 'The answer is the reference label.' : `The answer is not the reference label "${reference}".`}`,
      };
    }
    const task = [
      template.promptTemplate.replace(/\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/g, ''),
      ...(template.steeringCriteria ?? []).map((c) => `- ${c}`),
    ].join('\n');
    const metrics = [
      '<metric name="correctness" scale="1-5">Answer Accuracy</metric>',
      '<metric name="completeness" scale="1-5">Answer Completeness</metric>',
      '<metric name="professional_style" scale="1-5">Expression Quality</metric>',
      ...(template.steeringCriteria?.length ? ['<metric name="following_instructions" scale="1-5">Steering criteria</metric>'] : []),
    ];
    const raw = ask(
      `<task>${escapeXml(task)}</task>\n<document>${escapeXml(Object.values(variables).join('\n\n'))}</document>\n<reference>${escapeXml(reference)}</reference>\n<response>${escapeXml(response)}</response>\n<metrics>\n${metrics.join('\n')}\n</metrics>\nAnswer with JSON only, in this form:\n{"scores":[{"metric":"<name>","score":<integer on the metric's scale>,"reason":"<one sentence>"}]}`,
    );
    return { score: judgeScore(raw), raw };
  }
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const normalizeLabel = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

function averages(metrics: ApoPromptMetrics[]): ApoAverages {
  return {
    averageInputTokens: Math.round(mean(metrics.map((m) => m.inputTokens))),
    averageOutputTokens: Math.round(mean(metrics.map((m) => m.outputTokens))),
    averageScore: mean(metrics.map((m) => m.score)),
    averageTtftInSec: Math.round(mean(metrics.map((m) => m.ttftInSec)) * 10000) / 10000,
  };
}

/**
 * A judge's answer as a 0–1 score: a `Score: <0–1>` line (AWS's examples ask for one), an
 * `<Overall>` of the default judge's 1–3 scale, or JSON `{"scores":[…]}` on each metric's
 * 1–5 scale (the judge protocol of docs/judge-protocol.md) averaged; 0 when nothing can be read, as the service scores an unreadable judgement.
 */
export function judgeScore(raw: string): number {
  const line = raw.match(/(?:^|\n)\s*score\s*:\s*([01](?:\.\d+)?)\b/i);
  if (line) return Math.max(0, Math.min(1, Number(line[1])));
  const overall = raw.match(/<Overall>\s*([\d.]+)\s*<\/Overall>/i);
  if (overall) return Math.max(0, Math.min(1, (Number(overall[1]) - 1) / 2));
  const json = raw.match(/\{[\s\S]*\}/);
  if (json) {
    try {
      const scores = (JSON.parse(json[0]) as { scores?: { score?: unknown }[] }).scores ?? [];
      const values = scores.map((s) => Number(s.score)).filter((n) => Number.isFinite(n));
      if (values.length) return mean(values.map((v) => Math.max(0, Math.min(1, (v - 1) / 4))));
    } catch {
      return 0;
    }
  }
  return 0;
}
