/**
 * Logging: one winston logger per run, writing to the console and to a file under
 * `outputs/logs/` — the "flight recorder" of a benchmark: every call, retry and error.
 *
 * Secrets never reach a log line: a redaction step runs on every message and every
 * metadata value, whatever the level, and masks AWS access key ids, secret keys, session
 * tokens, `Authorization` headers and the current values of the AWS secret variables.
 *
 * Logging costs the call path little: an entry goes straight to the transports, without
 * winston's object streams. A plain line (a level and a message — every line a run logs per
 * call) bound for the file is queued as it is, with the time it was logged, and formatted
 * (redacted, timestamped) with the lines logged around it when they are written together, in
 * one write at the end of the event-loop turn or within 20 ms (`AppendFile`). No line is
 * lost when the process ends normally, by `process.exit()`, by an uncaught exception or by
 * SIGTERM/SIGINT/SIGHUP; under `kill -9` the lines of the last 20 ms may be (see
 * `./append-file`).
 */
import dayjs from 'dayjs';
import { EOL } from 'node:os';
import path from 'node:path';
import winston from 'winston';
import TransportStream from 'winston-transport';
import { AppendFile } from './append-file';
import { WorkshopError } from './errors';
import { m } from './i18n/messages';
import { ensureWritableDir } from './files';
import { displayPath, repoPath } from './paths';

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

/** The values of the AWS secret variables worth masking (read once per logger, not per line). */
function secretValues(env: NodeJS.ProcessEnv): string[] {
  return ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_BEARER_TOKEN_BEDROCK']
    .map((name) => env[name])
    .filter((value): value is string => !!value && value.length >= 8);
}

/** Mask secrets in one string. */
export function redact(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return maskSecrets(text, secretValues(env));
}

function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const value of secrets) if (out.includes(value)) out = out.split(value).join(MASK);
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
export function redactDeep(value: unknown, seen = new WeakSet<object>(), secrets = secretValues(process.env)): unknown {
  if (typeof value === 'string') return maskSecrets(value, secrets);
  if (value instanceof Error) return maskSecrets(`${value.name}: ${value.message}`, secrets);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, seen, secrets));
  if (value && typeof value === 'object') {
    if (seen.has(value)) return '[circular]';
    seen.add(value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? MASK : redactDeep(v, seen, secrets)]));
  }
  return value;
}

/** Masks every value of a log entry, with the secret variables' values read once. */
const redaction = winston.format((info, opts) => {
  const secrets = (opts as { secrets: string[] }).secrets;
  const record = info as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    record[key] = SECRET_KEY.test(key)
      ? MASK
      : typeof value === 'string'
        ? maskSecrets(value, secrets)
        : redactDeep(value, undefined, secrets);
  }
  // An Error logged as is (`logger.error(err)`) keeps its message out of Object.keys.
  if (typeof record.message === 'string') record.message = maskSecrets(record.message, secrets);
  return info;
});

const MESSAGE = Symbol.for('message');

/** A plain log line as queued: its level, its message, and when it was logged (ms since the epoch). */
interface QueuedLine {
  level: string;
  message: string;
  time: number;
}

/**
 * The run's log file as a winston transport: each line is appended to an `AppendFile`
 * (written with the lines logged around it, in one write), and the file is written and
 * closed when the logger ends. A plain line (a level and a message) is queued as it is and
 * formatted — redacted, timestamped — when the file is written, with the lines around it.
 */
class LogFileTransport extends TransportStream {
  readonly out: AppendFile<QueuedLine>;
  /** A write that failed (kept for `closeLogger` to report). */
  failure: Error | null = null;

  constructor(
    readonly file: string,
    secrets: readonly string[],
  ) {
    super();
    const format = (l: QueuedLine) => `${plainLine(l.level, maskSecrets(l.message, secrets), new Date(l.time).toISOString())}${EOL}`;
    this.out = new AppendFile<QueuedLine>(file, { what: 'the run log', setting: 'paths.outputs' }, format);
    this.out.openNow();
  }

  override log(info: Record<string | symbol, unknown>, next: () => void): void {
    try {
      this.out.append(`${String(info[MESSAGE])}${EOL}`);
    } catch (error) {
      this.failure ??= error as Error;
    }
    next();
  }

  /** Queue a plain line, formatted when it is written: the line `log` would have written for it. */
  logPlain(level: string, message: string, time: number): void {
    try {
      this.out.add({ level, message, time });
    } catch (error) {
      this.failure ??= error as Error;
    }
  }

  override _final(done: (error?: Error | null) => void): void {
    try {
      this.out.close();
    } catch (error) {
      this.failure ??= error as Error;
    }
    done();
  }
}

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
    return `${plainLine(String(lvl), String(message), String(ts))}${extra}`;
  });
  const secrets = secretValues(process.env);
  const transports: winston.transport[] = [new LogFileTransport(file, secrets)];
  if (toConsole) transports.push(new winston.transports.Console());
  const logger = winston.createLogger({
    level,
    format: winston.format.combine(redaction({ secrets }), winston.format.timestamp(), line),
    transports,
  });
  writeDirectly(logger, transports, secrets);
  return { logger, file };
}

const LEVEL = Symbol.for('level');
const done = () => {};

/** An entry with a string message and a level, and no other key (symbols aside). */
function isPlainLine(entry: Record<string | symbol, unknown>): entry is { level: string; message: string } {
  if (typeof entry.message !== 'string' || typeof entry.level !== 'string') return false;
  for (const key in entry) if (key !== 'level' && key !== 'message') return false;
  return true;
}

/** The line `createRunLogger`'s format writes for a plain entry (timestamp, LEVEL, message). */
function plainLine(level: string, message: string, timestamp: string): string {
  return `${timestamp} - ${level.toUpperCase()} - ${message}`;
}

/**
 * Every entry goes from the level check and the format straight to the transports: winston
 * passes each entry through two object streams (logger → transport), which cost more than
 * the line itself on a benchmark's call path. Same levels, same format, same lines. A plain
 * entry is queued in the log file as it is, and formatted when written; any other transport
 * (the console) gets it formatted now.
 */
function writeDirectly(logger: winston.Logger, transports: winston.transport[], secrets: readonly string[]): void {
  const levels = logger.levels;
  const write = (entry: Record<string | symbol, unknown>): boolean => {
    entry[LEVEL] ??= entry.level;
    const rank = levels[entry[LEVEL] as string];
    const plain = isPlainLine(entry);
    const time = Date.now();
    let line: unknown;
    for (const t of transports) {
      if (t.silent || levels[t.level ?? logger.level] < rank) continue;
      if (plain && t instanceof LogFileTransport) {
        t.logPlain(entry.level, entry.message, time);
        continue;
      }
      if (line === undefined) {
        if (plain) {
          // A message and its level, nothing else (every line a run logs): the format's own line —
          // redacted message, ISO timestamp, upper-case level — built without its per-key passes.
          const message = maskSecrets(entry.message, secrets);
          const timestamp = new Date(time).toISOString();
          line = { ...entry, message, timestamp, [MESSAGE]: plainLine(entry.level, message, timestamp) };
        } else line = logger.format.transform(entry as winston.Logform.TransformableInfo, logger.format.options) || null;
      }
      if (line) t.log?.(line, done);
    }
    return true;
  };
  (logger as unknown as { write: typeof write }).write = write;
}

/** Resolve when every line is in the log file and the file is closed (call before reading the file). */
export function closeLogger(logger: winston.Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    const files = logger.transports.filter((t): t is LogFileTransport => t instanceof LogFileTransport);
    let pending = files.length;
    const finished = () => {
      if (--pending > 0) return;
      const failed = files.find((t) => t.failure);
      if (!failed) return resolve();
      const failure = failed.failure as Error;
      // Translated by core/files (what, where, the setting, the fix): keep its words, say what it cost.
      if (failure instanceof WorkshopError)
        return reject(
          new WorkshopError(m().errors.runs.logLinesMissing({ problem: failure.problem }), {
            fix: m().errors.runs.logLinesMissingFix({ fix: failure.fix }),
            file: failed.file,
            cause: failure,
          }),
        );
      const code = (failure as NodeJS.ErrnoException).code ?? failure.message;
      reject(
        new WorkshopError(m().errors.runs.logWriteFailed({ shown: displayPath(failed.file), code }), {
          fix: m().errors.runs.logWriteFailedFix,
          file: failed.file,
        }),
      );
    };
    if (pending === 0) {
      logger.close();
      resolve();
      return;
    }
    for (const t of files) t.once('finish', finished);
    logger.end();
  });
}

/** A logger that discards everything (for library calls made without one). */
export function silentLogger(): winston.Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}
