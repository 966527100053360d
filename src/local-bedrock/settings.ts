/**
 * Settings of the local endpoint: explicit options win, then environment variables, then
 * defaults. A malformed variable is an error naming it.
 */
import type { ModelCatalog } from '../core/catalog';
import { repoPath } from '../core/paths';
import type { ReplayOptions } from './replay';

export interface FaultRates {
  /** Share of requests answered with 429 ThrottlingException. */
  throttlingRate?: number;
  /** Share answered with 500 InternalServerException or 503 ServiceUnavailableException. */
  serverErrorRate?: number;
  /** Share answered with 408 ModelTimeoutException (after a delay). */
  timeoutRate?: number;
}

export interface LocalBedrockOptions {
  /** 0 = any free port. */
  port?: number;
  seed?: number;
  /** 1 = realistic latencies, 0 = answer at once. */
  latencyScale?: number;
  faults?: FaultRates;
  catalogPath?: string;
  /** A catalogue object to serve instead of reading `catalogPath` (tests build their own). */
  catalog?: ModelCatalog;
  /** The clock of time-dependent rules (prompt-cache time to live, end-of-life dates); default Date.now. */
  clock?: () => number;
  /** Model ids answered with AccessDeniedException (to practise the access check). */
  deniedModels?: string[];
  region?: string;
  /** Remember answers to repeated identical requests (default true; off to benchmark the cold path). */
  answerMemo?: boolean;
  /** Serve a cassette recorded on AWS (docs/record-replay.md); null = emulate everything. */
  replay?: ReplayOptions | null;
}

export interface ResolvedSettings {
  port: number;
  seed: number;
  latencyScale: number;
  faults: Required<FaultRates>;
  catalogPath?: string;
  catalog?: ModelCatalog;
  clock: () => number;
  deniedModels: string[];
  region: string;
  answerMemo: boolean;
  replay: ReplayOptions | null;
}

/** The replay settings: explicit options, else LOCAL_BEDROCK_REPLAY (a folder, from the repository root) and LOCAL_BEDROCK_REPLAY_UNMATCHED. */
function resolveReplay(option: ReplayOptions | null | undefined, env: NodeJS.ProcessEnv): ReplayOptions | null {
  if (option !== undefined) return option;
  const folder = env.LOCAL_BEDROCK_REPLAY?.trim();
  if (!folder) return null;
  const unmatched = env.LOCAL_BEDROCK_REPLAY_UNMATCHED?.trim() || 'error';
  if (unmatched !== 'error' && unmatched !== 'emulate')
    throw new Error(`Environment variable LOCAL_BEDROCK_REPLAY_UNMATCHED=${JSON.stringify(unmatched)} is invalid: use error or emulate.`);
  return { folder: repoPath(folder), unmatched, step: null };
}

function envNumber(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new Error(`Environment variable ${name}=${JSON.stringify(raw)} is invalid: use a number between ${min} and ${max}.`);
  }
  return n;
}

function checkRate(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw new Error(`Local endpoint setting ${name} must be between 0 and 1 (got ${value}).`);
  return value;
}

export function resolveSettings(options: LocalBedrockOptions = {}, env: NodeJS.ProcessEnv = process.env): ResolvedSettings {
  const faults = options.faults ?? {};
  const latencyScale = options.latencyScale ?? envNumber(env, 'LOCAL_BEDROCK_LATENCY_SCALE', 0, 100) ?? 1;
  if (!(latencyScale >= 0)) throw new Error(`Local endpoint setting latencyScale must be ≥ 0 (got ${latencyScale}).`);
  return {
    port: options.port ?? envNumber(env, 'LOCAL_BEDROCK_PORT', 0, 65535) ?? 0,
    seed: options.seed ?? envNumber(env, 'LOCAL_BEDROCK_SEED', -(2 ** 31), 2 ** 31) ?? 42,
    latencyScale,
    faults: {
      throttlingRate: checkRate(
        'faults.throttlingRate',
        faults.throttlingRate ?? envNumber(env, 'LOCAL_BEDROCK_THROTTLING_RATE', 0, 1) ?? 0,
      ),
      serverErrorRate: checkRate(
        'faults.serverErrorRate',
        faults.serverErrorRate ?? envNumber(env, 'LOCAL_BEDROCK_SERVER_ERROR_RATE', 0, 1) ?? 0,
      ),
      timeoutRate: checkRate('faults.timeoutRate', faults.timeoutRate ?? envNumber(env, 'LOCAL_BEDROCK_TIMEOUT_RATE', 0, 1) ?? 0),
    },
    catalogPath: options.catalogPath,
    catalog: options.catalog,
    clock: options.clock ?? Date.now,
    deniedModels:
      options.deniedModels ??
      (env.LOCAL_BEDROCK_DENIED_MODELS
        ? env.LOCAL_BEDROCK_DENIED_MODELS.split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : []),
    region: options.region ?? 'us-east-1',
    answerMemo: options.answerMemo ?? true,
    replay: resolveReplay(options.replay, env),
  };
}
