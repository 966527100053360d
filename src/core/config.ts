/**
 * Workshop configuration: one documented place for every setting — backend, region,
 * models and their prompts, dataset and its columns, benchmark parameters — read from
 * `workshop.config.json` at the repository root and overridable by environment variables.
 *
 * A malformed value gives one readable message naming the setting (as a JSON path such as
 * `benchmark.num_parallel_calls`, or the environment variable), the bad value, what is
 * allowed and the file. See docs/configuration.md for every key.
 */
import { z } from 'zod';
import { findModel, loadCatalog, type ModelCatalog } from './catalog';
import { readTextUtf8 } from './files';
import { displayPath, repoPath } from './paths';
import { defaultTemplateFor } from './prompts';

const modelRef = z
  .object({
    modelId: z.string().min(1),
    promptTemplate: z.string().min(1).optional(),
  })
  .strict();

const schema = z
  .object({
    backend: z.enum(['local', 'aws']),
    region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'a region name such as us-east-1'),
    task: z.string().min(1),
    dataset: z
      .object({
        path: z.string().min(1),
        columns: z
          .object({
            document: z.string().min(1),
            reference: z.string().min(1).nullable(),
            label: z.string().min(1).nullable(),
            sourceResponse: z.string().min(1).nullable(),
            sourceLatencyMs: z.string().min(1).nullable(),
          })
          .strict(),
      })
      .strict(),
    models: z
      .object({
        source: modelRef.extend({ kind: z.enum(['bedrock', 'recorded']) }).strict(),
        candidates: z.array(modelRef).min(1, 'at least one candidate model'),
      })
      .strict(),
    inference: z
      .object({
        maxTokens: z.number().int().positive(),
        temperature: z.number().min(0).max(1),
        topP: z.number().gt(0).max(1),
      })
      .strict(),
    benchmark: z
      .object({
        invocations_per_scenario: z.number().int().min(1),
        experiment_counts: z.number().int().min(1),
        num_parallel_calls: z.number().int().min(1).max(256),
        timeout_seconds: z.number().positive(),
        retry_attempts: z.number().int().min(1).max(20),
        delay_between_calls: z.number().min(0),
        streaming: z.boolean(),
      })
      .strict(),
    judge: z.object({ models: z.array(z.string().min(1)).min(1), maxTokens: z.number().int().positive() }).strict(),
    localEndpoint: z
      .object({
        seed: z.number().int(),
        latencyScale: z.number().min(0),
        faults: z
          .object({
            throttlingRate: z.number().min(0).max(1),
            serverErrorRate: z.number().min(0).max(1),
            timeoutRate: z.number().min(0).max(1),
          })
          .strict(),
      })
      .strict(),
    paths: z.object({ outputs: z.string().min(1), tracking: z.string().min(1) }).strict(),
  })
  .strict();

export interface ModelSetting {
  modelId: string;
  role: 'source' | 'candidate';
  /** Template file, relative to the repository root. */
  promptTemplate: string;
  /** `recorded`: an outside source model whose answers and latencies are dataset columns. */
  kind: 'bedrock' | 'recorded';
}

export interface BenchmarkConfig {
  invocations_per_scenario: number;
  experiment_counts: number;
  num_parallel_calls: number;
  timeout_seconds: number;
  retry_attempts: number;
  delay_between_calls: number;
  streaming: boolean;
}

export interface DatasetColumns {
  document: string;
  reference: string | null;
  label: string | null;
  sourceResponse: string | null;
  sourceLatencyMs: string | null;
}

export interface WorkshopConfig {
  backend: 'local' | 'aws';
  region: string;
  task: string;
  dataset: { path: string; columns: DatasetColumns };
  models: {
    source: { modelId: string; promptTemplate: string; kind: 'bedrock' | 'recorded' };
    candidates: { modelId: string; promptTemplate: string }[];
  };
  inference: { maxTokens: number; temperature: number; topP: number };
  benchmark: BenchmarkConfig;
  judge: { models: string[]; maxTokens: number };
  localEndpoint: { seed: number; latencyScale: number; faults: { throttlingRate: number; serverErrorRate: number; timeoutRate: number } };
  paths: { outputs: string; tracking: string };
  /** The file the settings came from, and the environment variables that changed them. */
  source: { file: string; envOverrides: string[] };
  /** Warnings worth showing (e.g. a model id the catalogue does not know, on AWS). */
  warnings: string[];
}

/** Environment variables that override a setting: variable → [JSON path, kind]. */
export const ENV_OVERRIDES: Record<string, [string, 'string' | 'number' | 'boolean' | 'list']> = {
  WORKSHOP_BACKEND: ['backend', 'string'],
  AWS_REGION: ['region', 'string'],
  WORKSHOP_DATASET: ['dataset.path', 'string'],
  WORKSHOP_SOURCE_MODEL: ['models.source.modelId', 'string'],
  WORKSHOP_CANDIDATE_MODELS: ['models.candidates', 'list'],
  WORKSHOP_JUDGE_MODELS: ['judge.models', 'list'],
  WORKSHOP_TRACKING_FILE: ['paths.tracking', 'string'],
  WORKSHOP_OUTPUTS_DIR: ['paths.outputs', 'string'],
  BENCHMARK_INVOCATIONS_PER_SCENARIO: ['benchmark.invocations_per_scenario', 'number'],
  BENCHMARK_EXPERIMENT_COUNTS: ['benchmark.experiment_counts', 'number'],
  BENCHMARK_NUM_PARALLEL_CALLS: ['benchmark.num_parallel_calls', 'number'],
  BENCHMARK_TIMEOUT_SECONDS: ['benchmark.timeout_seconds', 'number'],
  BENCHMARK_RETRY_ATTEMPTS: ['benchmark.retry_attempts', 'number'],
  BENCHMARK_DELAY_BETWEEN_CALLS: ['benchmark.delay_between_calls', 'number'],
  BENCHMARK_STREAMING: ['benchmark.streaming', 'boolean'],
  LOCAL_BEDROCK_SEED: ['localEndpoint.seed', 'number'],
  LOCAL_BEDROCK_LATENCY_SCALE: ['localEndpoint.latencyScale', 'number'],
  LOCAL_BEDROCK_THROTTLING_RATE: ['localEndpoint.faults.throttlingRate', 'number'],
  LOCAL_BEDROCK_SERVER_ERROR_RATE: ['localEndpoint.faults.serverErrorRate', 'number'],
  LOCAL_BEDROCK_TIMEOUT_RATE: ['localEndpoint.faults.timeoutRate', 'number'],
};

export interface LoadConfigOptions {
  /** Config file; default `WORKSHOP_CONFIG` or `<repo>/workshop.config.json`. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  catalog?: ModelCatalog;
}

function setPath(obj: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}

function parseEnvValue(name: string, raw: string, kind: 'string' | 'number' | 'boolean' | 'list'): unknown {
  const text = raw.trim();
  if (kind === 'number') {
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) throw new Error(`Environment variable ${name}=${JSON.stringify(raw)} is not a number. Fix: set a number, or unset it to use workshop.config.json.`);
    return n;
  }
  if (kind === 'boolean') {
    if (/^(1|true|yes|on)$/i.test(text)) return true;
    if (/^(0|false|no|off)$/i.test(text)) return false;
    throw new Error(`Environment variable ${name}=${JSON.stringify(raw)} is not true/false. Fix: use true or false.`);
  }
  if (kind === 'list') return text.split(',').map((s) => s.trim()).filter(Boolean);
  return text;
}

/** Read, override, validate and complete the workshop configuration. */
export function loadConfig(options: LoadConfigOptions = {}): WorkshopConfig {
  const env = options.env ?? process.env;
  const file = options.file ? repoPath(options.file) : env.WORKSHOP_CONFIG ? repoPath(env.WORKSHOP_CONFIG) : repoPath('workshop.config.json');
  const shown = displayPath(file);

  // Step 1: read the JSON file.
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readTextUtf8(file)) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`Cannot load the workshop configuration ${shown}: ${(err as Error).message.replace(/^File not found: .*\.$/, 'file not found')}. Fix: restore it with \`git checkout workshop.config.json\` or correct the JSON.`);
  }

  // Step 2: apply environment overrides.
  const envOverrides: string[] = [];
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  for (const [name, [jsonPath, kind]] of Object.entries(ENV_OVERRIDES)) {
    const value = name === 'AWS_REGION' ? region : env[name];
    if (value === undefined || value === '') continue;
    let parsed = parseEnvValue(name, value, kind);
    if (jsonPath === 'models.candidates') parsed = (parsed as string[]).map((modelId) => ({ modelId }));
    setPath(raw, jsonPath, parsed);
    envOverrides.push(name === 'AWS_REGION' && !env.AWS_REGION ? 'AWS_DEFAULT_REGION' : name);
  }

  // Step 3: validate; report the first problems with their JSON path.
  const result = schema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 5).map((issue) => {
      const where = issue.path.join('.') || '(top level)';
      const envName = Object.entries(ENV_OVERRIDES).find(([n, [p]]) => where.startsWith(p) && envOverrides.includes(n))?.[0];
      const value = issue.path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), raw);
      const shownValue = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : JSON.stringify(value);
      const detail = issue.code === 'unrecognized_keys' ? `unknown key(s) ${shownValue} (a typo?)` : `${issue.message} (got ${shownValue})`;
      return `- ${where}${envName ? ` (from ${envName})` : ''}: ${detail}`;
    });
    throw new Error(`The workshop configuration ${shown} has ${result.error.issues.length} problem(s):\n${lines.join('\n')}\nFix these settings (docs/configuration.md lists every key and its allowed values).`);
  }
  const parsed = result.data;

  // Step 4: complete prompt templates from the model family and check models against the catalogue.
  const catalog = options.catalog ?? loadCatalog();
  const warnings: string[] = [];
  const withTemplate = (ref: { modelId: string; promptTemplate?: string }) => {
    const entry = findModel(catalog, ref.modelId);
    if (!entry) {
      const known = catalog.models.map((m) => m.modelId).join(', ');
      if (parsed.backend === 'local') {
        throw new Error(`The model "${ref.modelId}" in ${shown} is not in the model catalogue (data/model_catalog.json), so the offline endpoint cannot emulate it. Known models: ${known}. Fix: use one of these, add it to the catalogue, or switch to "backend": "aws".`);
      }
      warnings.push(`${ref.modelId} is not in data/model_catalog.json: no price or context window known; cost columns stay empty.`);
    }
    return { modelId: ref.modelId, promptTemplate: ref.promptTemplate ?? defaultTemplateFor(entry?.family) };
  };
  if (parsed.models.source.kind === 'recorded' && (!parsed.dataset.columns.sourceResponse || !parsed.dataset.columns.sourceLatencyMs)) {
    throw new Error(`models.source.kind is "recorded" in ${shown}, so the dataset must say where the source model's answers and latencies are: set dataset.columns.sourceResponse and dataset.columns.sourceLatencyMs.`);
  }
  const source = parsed.models.source.kind === 'recorded'
    ? { modelId: parsed.models.source.modelId, promptTemplate: parsed.models.source.promptTemplate ?? defaultTemplateFor(undefined) }
    : withTemplate(parsed.models.source);
  const candidates = parsed.models.candidates.map(withTemplate);
  const ids = [source.modelId, ...candidates.map((c) => c.modelId)];
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new Error(`The model "${dup}" appears twice in ${shown} (models.source / models.candidates). Fix: list each model once.`);
  for (const id of parsed.judge.models) if (!findModel(catalog, id) && parsed.backend === 'local') {
    throw new Error(`The judge model "${id}" (judge.models in ${shown}) is not in data/model_catalog.json. Fix: pick a catalogue model or use "backend": "aws".`);
  }

  return {
    ...parsed,
    models: { source: { ...source, kind: parsed.models.source.kind }, candidates },
    source: { file, envOverrides },
    warnings,
  };
}

/** The source model first, then each candidate, with role and template. */
export function allModels(cfg: WorkshopConfig): ModelSetting[] {
  return [
    { modelId: cfg.models.source.modelId, role: 'source', promptTemplate: cfg.models.source.promptTemplate, kind: cfg.models.source.kind },
    ...cfg.models.candidates.map((c) => ({ modelId: c.modelId, role: 'candidate' as const, promptTemplate: c.promptTemplate, kind: 'bedrock' as const })),
  ];
}

/** A short human description of the configuration, for notebooks. */
export function describeConfig(cfg: WorkshopConfig): string {
  const b = cfg.benchmark;
  const lines = [
    `Configuration: ${displayPath(cfg.source.file)}${cfg.source.envOverrides.length ? ` (overridden by ${cfg.source.envOverrides.join(', ')})` : ''}`,
    `• backend: ${cfg.backend} · region: ${cfg.region} · task: ${cfg.task}`,
    `• dataset: ${cfg.dataset.path} (document column "${cfg.dataset.columns.document}", reference column "${cfg.dataset.columns.reference ?? '—'}")`,
    `• source model: ${cfg.models.source.modelId} (${cfg.models.source.kind === 'recorded' ? 'answers recorded in the dataset' : 'called on Bedrock'})`,
    `• candidates: ${cfg.models.candidates.map((c) => c.modelId).join(', ')}`,
    `• benchmark: ${b.invocations_per_scenario} invocation(s) × ${b.experiment_counts} experiment(s), ${b.num_parallel_calls} in parallel, ${b.streaming ? 'streaming' : 'non-streaming'}, timeout ${b.timeout_seconds}s, ${b.retry_attempts} attempt(s)`,
    `• judge: ${cfg.judge.models.join(', ')}`,
  ];
  for (const w of cfg.warnings) lines.push(`⚠️ ${w}`);
  return lines.join('\n');
}
