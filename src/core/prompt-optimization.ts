/**
 * Advanced Prompt Optimization's files, as AWS documents them — shared by the library that
 * writes a job's input and reads its results (step 2) and by the local endpoint that runs
 * the emulated job:
 *
 * - **input** (one JSON Lines file per job, one line per prompt template):
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/advanced-prompt-optimization-input.html
 *   `version` ("bedrock-2026-05-14"), `templateId`, `promptTemplate` (with `{{variable}}`
 *   placeholders), `evaluationSamples` (`inputVariables`, `referenceResponse`), and at most
 *   one evaluation method: `steeringCriteria`, `customLLMJConfig`
 *   (`customLLMJPrompt` with `{{prompt}}`, `{{response}}`, `{{referenceResponse}}`, and
 *   `customLLMJModelId`) or `evaluationMetricLambdaArn` — with `customEvaluationMetricLabel`
 *   for the last two; none = the service's default judge;
 * - **quotas**: https://docs.aws.amazon.com/bedrock/latest/userguide/advanced-prompt-optimization-quotas.html
 *   (10 templates per job, 100 samples per template, 20 text variables per template, 5 models
 *   per job, 5 steering criteria per template, a 50 MB input file);
 * - **results** (`<output s3Uri>/<job id>/advanced_prompt_optimization_results.jsonl`):
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/advanced-prompt-optimization-results.html
 *   — one line per template with `promptTemplateId` and `promptOptimizationResults`, one
 *   entry per target model (`modelId`, `status`, `optimizedPromptTemplate`, per-sample
 *   `dataset` with the original and optimized responses and metrics, and averages). The field
 *   names follow a real job's output published by AWS (aws-samples/amazon-bedrock-samples,
 *   advanced-prompt-optimization/data/xsum/results_live.jsonl).
 *
 * @example
 * inputLineProblems({ version: 'bedrock-2026-05-14', templateId: 't1', promptTemplate: 'Summarize: {{document}}',
 *   evaluationSamples: [{ inputVariables: [{ document: 'Sales rose.' }], referenceResponse: 'Sales rose.' }] });
 * // → []
 */
import { placeholdersOf } from './prompts';

export const APO_INPUT_VERSION = 'bedrock-2026-05-14';
export const APO_RESULTS_FILE = 'advanced_prompt_optimization_results.jsonl';

/** The documented quotas (they are not adjustable per the quotas page). */
export const APO_QUOTAS = {
  templatesPerJob: 10,
  samplesPerTemplate: 100,
  variablesPerTemplate: 20,
  modelsPerJob: 5,
  steeringCriteriaPerTemplate: 5,
  inputFileBytes: 50 * 1024 * 1024,
  concurrentJobs: 20,
} as const;

/** Judge models a custom LLM-as-a-judge may use (the quotas page, "Supported judge models"). */
export const APO_JUDGE_MODELS = [
  'anthropic.claude-opus-4-6-v1',
  'anthropic.claude-sonnet-4-5-20250929-v1:0',
  'anthropic.claude-sonnet-4-6',
];

/** Placeholders of a custom LLM-as-a-judge prompt (the input page's field table). */
export const LLMJ_PLACEHOLDERS = ['prompt', 'response', 'referenceResponse'] as const;

export interface ApoSample {
  /** A list of objects whose keys are the template's variables (AWS's examples use one object). */
  inputVariables: Record<string, string>[];
  referenceResponse?: string;
}

export interface ApoInputLine {
  version: string;
  templateId: string;
  promptTemplate: string;
  steeringCriteria?: string[];
  customEvaluationMetricLabel?: string;
  customLLMJConfig?: { customLLMJPrompt: string; customLLMJModelId: string };
  evaluationMetricLambdaArn?: string;
  evaluationSamples: ApoSample[];
}

export interface ApoPromptMetrics {
  inputTokens: number;
  outputTokens: number;
  /** 0–1. */
  score: number;
  ttftInSec: number;
}

export interface ApoSampleResult {
  inputVariables: Record<string, string>[];
  referenceResponse?: string;
  originalPromptDetails: {
    originalPromptModelResponse: string;
    llmjRawEvalOutputForOriginalPrompt: string;
    originalPromptMetrics: ApoPromptMetrics;
  };
  optimizedPromptDetails: {
    optimizedPromptModelResponse: string;
    llmjRawEvalOutputForOptimizedPrompt: string;
    optimizedPromptMetrics: ApoPromptMetrics;
  };
}

export interface ApoAverages {
  averageInputTokens: number;
  averageOutputTokens: number;
  averageScore: number;
  averageTtftInSec: number;
}

export interface ApoModelResult {
  modelId: string;
  status: 'SUCCESS' | 'FAILED';
  optimizedPromptTemplate?: string;
  optimizedPromptTemplateId?: string;
  dataset?: ApoSampleResult[];
  originalPromptMetrics?: ApoAverages;
  optimizedPromptMetrics?: ApoAverages;
  failureReason?: string;
}

export interface ApoResultLine {
  promptTemplateId: string;
  promptTemplate: string;
  steeringCriteria?: string[];
  customEvaluationMetricLabel?: string;
  promptOptimizationResults: ApoModelResult[];
}

/** A model id without its geography or global inference-profile prefix (`us.anthropic…` → `anthropic…`). */
export function baseModelId(id: string): string {
  const tail = id.slice(id.lastIndexOf('/') + 1);
  return tail.replace(/^(us|eu|apac|jp|au|ca|us-gov|global)\./, '');
}

/** `{{ name }}` blocks whose name is not a variable name, and `{name}` single-brace variables — both refused by the service. */
function placeholderSyntaxProblems(template: string): string[] {
  const problems: string[] = [];
  let rest = template;
  for (const m of template.matchAll(/\{\{([^{}]*)\}\}/g)) {
    if (!/^\s*[A-Za-z_][A-Za-z0-9_]*\s*$/.test(m[1]))
      problems.push(
        `promptTemplate: malformed placeholder "{{${m[1]}}}" (a variable name is letters, digits and _, not starting with a digit)`,
      );
    rest = rest.replace(m[0], '');
  }
  const single = rest.match(/(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})/);
  if (single) problems.push(`promptTemplate: single-brace placeholder "{${single[1]}}"; write "{{${single[1]}}}"`);
  return problems;
}

const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * Every way one input line breaks the documented format or quotas (empty when none), each
 * naming the field.
 */
export function inputLineProblems(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['not a JSON object'];
  const v = value as Record<string, unknown>;
  const problems: string[] = [];
  if (v.version !== APO_INPUT_VERSION) problems.push(`version: must be "${APO_INPUT_VERSION}" (got ${JSON.stringify(v.version)})`);
  if (!isString(v.templateId) || !v.templateId.trim()) problems.push('templateId: required (a non-empty string)');
  if (!isString(v.promptTemplate) || !v.promptTemplate.trim()) problems.push('promptTemplate: required (a non-empty string)');
  const template = isString(v.promptTemplate) ? v.promptTemplate : '';
  for (const problem of placeholderSyntaxProblems(template)) problems.push(problem);
  const variables = placeholdersOf(template);
  if (variables.length > APO_QUOTAS.variablesPerTemplate)
    problems.push(
      `promptTemplate: ${variables.length} variables; at most ${APO_QUOTAS.variablesPerTemplate} per template (quota "Text variables per template")`,
    );

  // Evaluation method: at most one; a label with a custom judge or a Lambda.
  const methods = (['steeringCriteria', 'customLLMJConfig', 'evaluationMetricLambdaArn'] as const).filter((k) => v[k] !== undefined);
  if (methods.length > 1) problems.push(`${methods.join(' and ')}: pick one evaluation method per template`);
  if (v.steeringCriteria !== undefined) {
    if (!Array.isArray(v.steeringCriteria) || !v.steeringCriteria.every((s) => isString(s) && s.trim()))
      problems.push('steeringCriteria: a list of non-empty strings');
    else if (v.steeringCriteria.length > APO_QUOTAS.steeringCriteriaPerTemplate)
      problems.push(
        `steeringCriteria: ${v.steeringCriteria.length} criteria; at most ${APO_QUOTAS.steeringCriteriaPerTemplate} per template (quota "Steering criteria per template")`,
      );
  }
  if (v.customLLMJConfig !== undefined) {
    const j = v.customLLMJConfig as Record<string, unknown> | null;
    if (!j || typeof j !== 'object' || !isString(j.customLLMJPrompt) || !j.customLLMJPrompt.trim())
      problems.push('customLLMJConfig.customLLMJPrompt: required with customLLMJConfig');
    if (!j || typeof j !== 'object' || !isString(j.customLLMJModelId))
      problems.push('customLLMJConfig.customLLMJModelId: required with customLLMJConfig');
    else if (!APO_JUDGE_MODELS.includes(baseModelId(j.customLLMJModelId)))
      problems.push(
        `customLLMJConfig.customLLMJModelId: "${j.customLLMJModelId}" is not a supported judge model (${APO_JUDGE_MODELS.join(', ')})`,
      );
  }
  if (
    (v.customLLMJConfig !== undefined || v.evaluationMetricLambdaArn !== undefined) &&
    !(isString(v.customEvaluationMetricLabel) && v.customEvaluationMetricLabel.trim())
  )
    problems.push('customEvaluationMetricLabel: required with customLLMJConfig or evaluationMetricLambdaArn');
  if (
    v.evaluationMetricLambdaArn !== undefined &&
    !(isString(v.evaluationMetricLambdaArn) && /^arn:aws(-[^:]+)?:lambda:/.test(v.evaluationMetricLambdaArn))
  )
    problems.push('evaluationMetricLambdaArn: a Lambda function ARN (arn:aws:lambda:…)');

  // Samples: 1–100, every placeholder filled with a string.
  const samples = v.evaluationSamples;
  if (!Array.isArray(samples) || samples.length === 0) problems.push('evaluationSamples: required (at least one sample)');
  else {
    if (samples.length > APO_QUOTAS.samplesPerTemplate)
      problems.push(
        `evaluationSamples: ${samples.length} samples; at most ${APO_QUOTAS.samplesPerTemplate} per template (quota "Evaluation samples per template")`,
      );
    for (const [i, s] of samples.entries()) {
      const where = `evaluationSamples[${i}]`;
      const sample = s as Record<string, unknown> | null;
      if (!sample || typeof sample !== 'object') {
        problems.push(`${where}: not an object`);
        continue;
      }
      const vars = sample.inputVariables;
      if (!Array.isArray(vars) || !vars.every((o) => o && typeof o === 'object' && !Array.isArray(o) && Object.values(o).every(isString))) {
        problems.push(`${where}.inputVariables: a list of objects whose values are strings`);
        continue;
      }
      const given = new Set(vars.flatMap((o) => Object.keys(o as object)));
      const missing = variables.filter((name) => !given.has(name));
      if (missing.length) problems.push(`${where}.inputVariables: no value for ${missing.map((m) => `{{${m}}}`).join(', ')}`);
      if (variables.length === 0 && given.size > 0)
        problems.push(`${where}.inputVariables: the template has no {{placeholder}} for ${[...given].map((g) => `"${g}"`).join(', ')}`);
      if (sample.referenceResponse !== undefined && !isString(sample.referenceResponse))
        problems.push(`${where}.referenceResponse: a string`);
    }
  }
  return problems;
}

/**
 * Every problem of a whole input file's lines (line numbers 1-based), including the job-level
 * quotas: at most 10 templates, unique template ids, the file size.
 */
export function inputFileProblems(lines: { line: number; value: unknown; problem?: string | null }[], bytes: number): string[] {
  const problems: string[] = [];
  if (bytes > APO_QUOTAS.inputFileBytes)
    problems.push(`the input file is ${bytes} bytes; at most ${APO_QUOTAS.inputFileBytes} (quota "Input file size", 50 MB)`);
  if (lines.length === 0) problems.push('the input file has no template line');
  if (lines.length > APO_QUOTAS.templatesPerJob)
    problems.push(`${lines.length} templates; at most ${APO_QUOTAS.templatesPerJob} per job (quota "Templates per job")`);
  const ids = new Map<string, number>();
  for (const { line, value, problem } of lines) {
    if (problem) {
      problems.push(`line ${line}: ${problem}`);
      continue;
    }
    for (const p of inputLineProblems(value)) problems.push(`line ${line}: ${p}`);
    const id = (value as { templateId?: unknown })?.templateId;
    if (isString(id)) {
      if (ids.has(id)) problems.push(`line ${line}: templateId "${id}" is already used on line ${ids.get(id)}`);
      else ids.set(id, line);
    }
  }
  return problems;
}

/** The values of one sample's variables, merged from its `inputVariables` objects. */
export function sampleVariables(sample: ApoSample): Record<string, string> {
  const values: Record<string, string> = {};
  for (const variables of sample.inputVariables) Object.assign(values, variables);
  return values;
}

/** A template with its `{{variables}}` filled in from `values` (a variable without a value is left as written). */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * The API model's constraints on `CreateAdvancedPromptOptimizationJobRequest` (Smithy model of
 * Amazon Bedrock, `codegen/sdk-codegen/aws-models/bedrock.json` in aws/aws-sdk-js-v3). Smithy
 * patterns are not implicitly anchored: each is tested as written, as the service does. The
 * local endpoint checks requests with the same values (local-bedrock/prompt-jobs.ts).
 */
export const APO_REQUEST_CONSTRAINTS = {
  jobName: { min: 1, max: 100, pattern: /[a-zA-Z0-9][a-zA-Z0-9.+-]*/ },
  jobDescription: { min: 1, max: 500 },
  clientToken: { min: 1, max: 256, pattern: /[a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?/ },
  /** `S3Uri`: an object. */
  inputS3Uri: {
    min: 1,
    max: 1024,
    pattern: /s3:\/\/[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:\/[-!_*'().a-z0-9A-Z]+(?:\/[-!_*'().a-z0-9A-Z]+)*)?\/?/,
  },
  /** `S3UriFolder`: a prefix ending in `/`. */
  outputS3Uri: {
    min: 1,
    max: 1024,
    pattern: /s3:\/\/[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:\/[-!_*'().a-z0-9A-Z]+(?:\/[-!_*'().a-z0-9A-Z]+)*)?\//,
  },
  encryptionKeyArn: { min: 1, max: 2048, pattern: /arn:aws(-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:key\/[a-zA-Z0-9-]{36}/ },
  modelId: {
    min: 0,
    max: 140,
    pattern: /[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}(\/[a-z0-9]{12}|)/,
  },
  /** `ModelConfigurations`: 1 to 5 (the quota "Models per job" says the same). */
  modelConfigurations: { min: 1, max: APO_QUOTAS.modelsPerJob },
  tags: { max: 200 },
} as const;

/** What the library's request checker reads of a request (the SDK's `CreateAdvancedPromptOptimizationJobRequest`). */
export interface ApoJobRequestLike {
  jobName?: string;
  jobDescription?: string;
  clientToken?: string;
  inputConfig?: { s3Uri?: string };
  outputConfig?: { s3Uri?: string };
  encryptionKeyArn?: string;
  tags?: unknown[];
  modelConfigurations?: { modelId?: string; inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number } }[];
}

/**
 * Every way a `CreateAdvancedPromptOptimizationJob` request breaks the API model's constraints
 * (empty when none), each naming the member as Bedrock's validation message does.
 *
 * @example
 * jobRequestProblems({ jobName: 'x', inputConfig: { s3Uri: 's3://amzn-s3-demo-bucket/in.jsonl' },
 *   outputConfig: { s3Uri: 's3://amzn-s3-demo-bucket/out' }, modelConfigurations: [{ modelId: 'amazon.nova-lite-v1:0' }] });
 * // → ["outputConfig.s3Uri: 's3://amzn-s3-demo-bucket/out' must satisfy the pattern …"]
 */
export function jobRequestProblems(request: ApoJobRequestLike): string[] {
  const c = APO_REQUEST_CONSTRAINTS;
  const problems: string[] = [];
  const text = (name: string, value: string | undefined, rule: { min: number; max: number; pattern?: RegExp }, required: boolean): void => {
    if (value === undefined) {
      if (required) problems.push(`${name}: required`);
      return;
    }
    if (value.length < rule.min || value.length > rule.max)
      problems.push(`${name}: length ${value.length}, must be ${rule.min} to ${rule.max} characters`);
    if (rule.pattern && !rule.pattern.test(value)) problems.push(`${name}: '${value}' must satisfy the pattern ${rule.pattern.source}`);
  };
  text('jobName', request.jobName, c.jobName, true);
  text('jobDescription', request.jobDescription, c.jobDescription, false);
  text('clientToken', request.clientToken, c.clientToken, false);
  text('inputConfig.s3Uri', request.inputConfig?.s3Uri, c.inputS3Uri, true);
  text('outputConfig.s3Uri', request.outputConfig?.s3Uri, c.outputS3Uri, true);
  text('encryptionKeyArn', request.encryptionKeyArn, c.encryptionKeyArn, false);
  if ((request.tags?.length ?? 0) > c.tags.max) problems.push(`tags: ${request.tags!.length}, at most ${c.tags.max}`);
  const models = request.modelConfigurations ?? [];
  if (models.length < c.modelConfigurations.min || models.length > c.modelConfigurations.max)
    problems.push(
      `modelConfigurations: ${models.length} models, must be ${c.modelConfigurations.min} to ${c.modelConfigurations.max} (quota "Models per job": the baseline and 4 more)`,
    );
  for (const [i, m] of models.entries()) {
    text(`modelConfigurations[${i}].modelId`, m.modelId, c.modelId, true);
    const inf = m.inferenceConfig ?? {};
    if (inf.maxTokens !== undefined && !(Number.isInteger(inf.maxTokens) && inf.maxTokens >= 1))
      problems.push(`modelConfigurations[${i}].inferenceConfig.maxTokens: ${inf.maxTokens}, must be an integer ≥ 1`);
    for (const k of ['temperature', 'topP'] as const)
      if (inf[k] !== undefined && !(inf[k]! >= 0 && inf[k]! <= 1))
        problems.push(`modelConfigurations[${i}].inferenceConfig.${k}: ${inf[k]}, must be 0 to 1`);
  }
  const ids = models.map((m) => m.modelId);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) problems.push(`modelConfigurations: ${dup} is listed twice`);
  return problems;
}
