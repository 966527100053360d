/**
 * Environment variables that override a configuration key — one table, used to apply the
 * overrides, to say which setting came from where in error messages, and to generate the
 * variables table of docs/configuration.md.
 */
import { WorkshopError } from '../errors';

export type OverrideKind = 'string' | 'number' | 'boolean' | 'list';

/** Environment variable → [JSON path of the key, how its text is read]. */
export const ENV_OVERRIDES: Record<string, [string, OverrideKind]> = {
  WORKSHOP_BACKEND: ['backend', 'string'],
  WORKSHOP_LANGUAGE: ['language', 'string'],
  AWS_REGION: ['region', 'string'],
  WORKSHOP_DATASET: ['dataset.path', 'string'],
  WORKSHOP_SOURCE_MODEL: ['models.source.modelId', 'string'],
  WORKSHOP_CANDIDATE_MODELS: ['models.candidates', 'list'],
  WORKSHOP_JUDGE_MODELS: ['judge.models', 'list'],
  WORKSHOP_JUDGE_CONCURRENCY: ['judge.concurrency', 'number'],
  WORKSHOP_TRACKING_FILE: ['paths.tracking', 'string'],
  WORKSHOP_OUTPUTS_DIR: ['paths.outputs', 'string'],
  BENCHMARK_INVOCATIONS_PER_SCENARIO: ['benchmark.invocations_per_scenario', 'number'],
  BENCHMARK_EXPERIMENT_COUNTS: ['benchmark.experiment_counts', 'number'],
  BENCHMARK_NUM_PARALLEL_CALLS: ['benchmark.num_parallel_calls', 'number'],
  BENCHMARK_TIMEOUT_SECONDS: ['benchmark.timeout_seconds', 'number'],
  BENCHMARK_RETRY_ATTEMPTS: ['benchmark.retry_attempts', 'number'],
  BENCHMARK_DELAY_BETWEEN_CALLS: ['benchmark.delay_between_calls', 'number'],
  BENCHMARK_STREAMING: ['benchmark.streaming', 'boolean'],
  WORKSHOP_OPTION_DOCUMENTS: ['deploymentOptions.documents', 'number'],
  WORKSHOP_PROMPT_OPTIMIZATION_SIMPLE: ['promptOptimization.simple', 'boolean'],
  WORKSHOP_PROMPT_OPTIMIZATION_ADVANCED: ['promptOptimization.advanced', 'boolean'],
  WORKSHOP_PROMPT_OPTIMIZATION_SAMPLES: ['promptOptimization.samples', 'number'],
  WORKSHOP_PROMPT_VARIANTS: ['prompts.variants', 'string'],
  WORKSHOP_OPTIMIZED_DOCUMENTS: ['prompts.optimizedDocuments', 'number'],
  LOCAL_BEDROCK_SEED: ['localEndpoint.seed', 'number'],
  LOCAL_BEDROCK_LATENCY_SCALE: ['localEndpoint.latencyScale', 'number'],
  LOCAL_BEDROCK_THROTTLING_RATE: ['localEndpoint.faults.throttlingRate', 'number'],
  LOCAL_BEDROCK_SERVER_ERROR_RATE: ['localEndpoint.faults.serverErrorRate', 'number'],
  LOCAL_BEDROCK_TIMEOUT_RATE: ['localEndpoint.faults.timeoutRate', 'number'],
  LOCAL_BEDROCK_RECORD: ['cassette.record', 'string'],
  LOCAL_BEDROCK_REPLAY: ['cassette.replay', 'string'],
  LOCAL_BEDROCK_REPLAY_UNMATCHED: ['cassette.unmatched', 'string'],
};

/** The variable that set a key (or one of its parents), when one did. */
export function overridingVariable(jsonPath: string, applied: readonly string[]): string | undefined {
  const used = (name: string) => applied.includes(name) || (name === 'AWS_REGION' && applied.includes('AWS_DEFAULT_REGION'));
  return Object.entries(ENV_OVERRIDES).find(
    ([name, [p]]) => (jsonPath === p || jsonPath.startsWith(`${p}.`) || jsonPath.startsWith(`${p}[`)) && used(name),
  )?.[0];
}

function parseValue(name: string, raw: string, kind: OverrideKind): unknown {
  const text = raw.trim();
  if (kind === 'number') {
    const n = Number(text);
    if (text === '' || !Number.isFinite(n))
      throw new WorkshopError(`Environment variable ${name}=${JSON.stringify(raw)} is not a number.`, {
        fix: 'set a number, or unset it to use workshop.config.json.',
        key: name,
      });
    return n;
  }
  if (kind === 'boolean') {
    if (/^(1|true|yes|on)$/i.test(text)) return true;
    if (/^(0|false|no|off)$/i.test(text)) return false;
    throw new WorkshopError(`Environment variable ${name}=${JSON.stringify(raw)} is not true/false.`, {
      fix: 'use true or false.',
      key: name,
    });
  }
  if (kind === 'list')
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return text;
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

/** Apply the environment's overrides to the raw configuration object; returns the variables used. */
export function applyEnvOverrides(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): string[] {
  const applied: string[] = [];
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  for (const [name, [jsonPath, kind]] of Object.entries(ENV_OVERRIDES)) {
    const value = name === 'AWS_REGION' ? region : env[name];
    if (value === undefined || value === '') continue;
    let parsed = parseValue(name, value, kind);
    if (jsonPath === 'models.candidates') parsed = (parsed as string[]).map((modelId) => ({ modelId }));
    setPath(raw, jsonPath, parsed);
    applied.push(name === 'AWS_REGION' && !env.AWS_REGION ? 'AWS_DEFAULT_REGION' : name);
  }
  return applied;
}
