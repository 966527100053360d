/**
 * Logging: one winston logger per run, writing to the console and to a file under
 * `outputs/logs/` — the "flight recorder" of a benchmark: every call, retry and error.
 *
 * Secrets never reach a log line: a redaction step runs on every message and every
 * metadata value, whatever the level, and masks AWS access key ids, secret keys, session
 * tokens, `Authorization` headers and the current values of the AWS secret variables.
 */
import dayjs from 'dayjs';
import path from 'node:path';
import winston from 'winston';
import { ensureWritableDir } from './files';
import { repoPath } from './paths';

const MASK = '[REDACTED]';
/** Object keys whose values are always secret. */
const SECRET_KEY = /^(authorization|secretaccesskey|sessiontoken|aws_secret_access_key|aws_session_token|x-amz-security-token)$/i;
const PATTERNS: RegExp[] = [
  /\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b/g, // access key ids
  /(aws_secret_access_key|secretAccessKey|secret_access_key|aws_session_token|sessionToken|session_token|x-amz-security-token)(["']?\s*[:=]\s*["']?)([^"'\s,;}]+)/gi,
  /(authorization)(["']?\s*[:=]\s*["']?)([^"'\n]+)/gi,
  /(Credential=)([^,\s]+)/g,
  /(Signature=)([0-9a-f]+)/gi,
];

/** Anything that could start a secret; lines without it skip the pattern passes. */
const SUSPECT = /AKIA|ASIA|AROA|AIDA|secret|token|authoriz|credential=|signature=/i;

/** Mask secrets in one string. */
export function redact(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_BEARER_TOKEN_BEDROCK']) {
    const value = env[name];
    if (value && value.length >= 8 && out.includes(value)) out = out.split(value).join(MASK);
  }
  if (!SUSPECT.test(out)) return out;
  out = out.replace(PATTERNS[0], MASK);
  for (const re of PATTERNS.slice(1)) {
    out = out.replace(re, (...m: string[]) =>
      m.length >= 6 && m[3] !== undefined && /[:=]/.test(m[2]) ? `${m[1]}${m[2]}${MASK}` : `${m[1]}${MASK}`,
    );
  }
  return out;
}

/** Mask secrets in any value (strings, arrays, plain objects), returning a copy. */
export function redactDeep(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error) return redact(`${value.name}: ${value.message}`);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, seen));
  if (value && typeof value === 'object') {
    if (seen.has(value)) return '[circular]';
    seen.add(value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? MASK : redactDeep(v, seen)]));
  }
  return value;
}

const redaction = winston.format((info) => {
  const record = info as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    record[key] = SECRET_KEY.test(key) ? MASK : redactDeep(record[key]);
  }
  return info;
});

/** A model id made safe for a file name: `amazon.nova-lite-v1:0` → `amazon.nova-lite-v1-0`. */
export function safeFileName(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned || 'unnamed';
}

/** `YYYYMMDD_HHmmss`, the timestamp used in every output file name. */
export function fileTimestamp(date: Date = new Date()): string {
  return dayjs(date).format('YYYYMMDD_HHmmss');
}

export interface RunLoggerOptions {
  /** File name prefix; default `model_latency_benchmarking`. */
  name?: string;
  modelId?: string;
  /** Default `<repo>/outputs/logs`. */
  logDir?: string;
  level?: string;
  console?: boolean;
  timestamp?: string;
}

export interface RunLogger {
  logger: winston.Logger;
  file: string;
}

/** A logger for one run: console (optional) plus `{name}_{model}_{timestamp}.log`. */
export function createRunLogger(options: RunLoggerOptions = {}): RunLogger {
  const { name = 'model_latency_benchmarking', modelId, level = 'info', console: toConsole = false, timestamp = fileTimestamp() } = options;
  const logDir = options.logDir ?? repoPath('outputs', 'logs');
  ensureWritableDir(logDir);
  const file = path.join(logDir, `${[name, modelId ? safeFileName(modelId) : null, timestamp].filter(Boolean).join('_')}.log`);
  const line = winston.format.printf((info) => {
    const { level: lvl, message, timestamp: ts, ...meta } = info as Record<string, unknown>;
    const extra = Object.keys(meta).length ? ` ${JSON.stringify(meta)}` : '';
    return `${ts} - ${String(lvl).toUpperCase()} - ${message}${extra}`;
  });
  const transports: winston.transport[] = [new winston.transports.File({ filename: file })];
  if (toConsole) transports.push(new winston.transports.Console());
  const logger = winston.createLogger({
    level,
    format: winston.format.combine(redaction(), winston.format.timestamp(), line),
    transports,
  });
  return { logger, file };
}

/** Resolve when every transport has flushed (call before reading the file). */
export function closeLogger(logger: winston.Logger): Promise<void> {
  return new Promise((resolve) => {
    const fileTransports = logger.transports.filter((t) => t instanceof winston.transports.File);
    let pending = fileTransports.length;
    if (pending === 0) {
      logger.close();
      resolve();
      return;
    }
    for (const t of fileTransports) t.once('finish', () => (--pending === 0 ? resolve() : undefined));
    logger.end();
  });
}

/** A logger that discards everything (for library calls made without one). */
export function silentLogger(): winston.Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}
