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

/**
 * How much and how long the endpoint waits for a client, like a production Node server:
 * every figure has a default (docs/local-endpoint.md, "Limits and timeouts", gives each one's
 * source) and an environment variable.
 */
export interface EndpointLimits {
  /**
   * Largest request body, in bytes (default 25,000,000: the API model's limit on InvokeModel's
   * `body`; Converse documents none, so the endpoint states the same one). A larger body is
   * refused before it is read (its Content-Length) or as soon as the running count passes it.
   */
  maxBodyBytes?: number;
  /** Time for a client to send a request's headers (default 60,000 ms: Node's `server.headersTimeout`). */
  headersTimeoutMs?: number;
  /** Time for a client to send a whole request, headers and body (default 300,000 ms: Node's `server.requestTimeout`). */
  requestTimeoutMs?: number;
  /** An idle HTTP/1.1 keep-alive connection is closed after this (default 30,000 ms). */
  keepAliveTimeoutMs?: number;
  /** An idle HTTP/2 session, or a new connection that sends nothing, is closed after this (default 120,000 ms). */
  idleTimeoutMs?: number;
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
  /** Request size and timeouts (each defaults as documented on {@link EndpointLimits}). */
  limits?: EndpointLimits;
  /**
   * The folder that stands for S3 (`s3://bucket/key` = `<s3Dir>/bucket/key`): where emulated
   * Advanced Prompt Optimization jobs read their input and write their results. Default
   * `LOCAL_BEDROCK_S3_DIR`, else `outputs/local-s3` in the repository.
   */
  s3Dir?: string;
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
  limits: Required<EndpointLimits>;
  s3Dir: string;
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

/** The defaults of {@link EndpointLimits}, with their sources in docs/local-endpoint.md. */
export const DEFAULT_LIMITS: Required<EndpointLimits> = {
  maxBodyBytes: 25_000_000,
  headersTimeoutMs: 60_000,
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 30_000,
  idleTimeoutMs: 120_000,
};

const LIMIT_VARIABLES: Record<keyof EndpointLimits, string> = {
  maxBodyBytes: 'LOCAL_BEDROCK_MAX_BODY_BYTES',
  headersTimeoutMs: 'LOCAL_BEDROCK_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'LOCAL_BEDROCK_REQUEST_TIMEOUT_MS',
  keepAliveTimeoutMs: 'LOCAL_BEDROCK_KEEP_ALIVE_TIMEOUT_MS',
  idleTimeoutMs: 'LOCAL_BEDROCK_IDLE_TIMEOUT_MS',
};

/** Each limit from the options, else its environment variable, else its default; checked. */
function resolveLimits(options: EndpointLimits = {}, env: NodeJS.ProcessEnv): Required<EndpointLimits> {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(LIMIT_VARIABLES) as (keyof EndpointLimits)[]) {
    const value = options[key] ?? envNumber(env, LIMIT_VARIABLES[key], 1, 2 ** 31 - 1) ?? DEFAULT_LIMITS[key];
    if (!(Number.isInteger(value) && value >= 1))
      throw new Error(
        `Local endpoint setting limits.${key} must be a whole number ≥ 1 (got ${value}). Fix: set it (or ${LIMIT_VARIABLES[key]}) to a positive integer.`,
      );
    limits[key] = value;
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs)
    throw new Error(
      `Local endpoint setting limits.headersTimeoutMs (${limits.headersTimeoutMs}) is longer than limits.requestTimeoutMs (${limits.requestTimeoutMs}): the headers are part of the request. Fix: make ${LIMIT_VARIABLES.headersTimeoutMs} at most ${LIMIT_VARIABLES.requestTimeoutMs}.`,
    );
  return limits;
}

function envNumber(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new Error(
      `Environment variable ${name}=${JSON.stringify(raw)} is invalid: use a number between ${min} and ${max}. Fix: set ${name} to such a number, or unset it for the default.`,
    );
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
    limits: resolveLimits(options.limits, env),
    s3Dir: options.s3Dir ?? (env.LOCAL_BEDROCK_S3_DIR?.trim() || repoPath('outputs', 'local-s3')),
  };
}
