/**
 * Reading a request as a hostile client may send it: the body within a byte limit (checked
 * against Content-Length before reading, and as a running count while reading, so an
 * oversized body is never buffered), strict UTF-8, JSON that must be an object and may not
 * nest deeper than {@link MAX_JSON_DEPTH}, and percent-encoded path segments that must decode.
 * Every refusal is a Bedrock-shaped 4xx naming what was wrong, where, and the fix; a client
 * that goes away mid-body is a {@link ClientGone}, answered with nothing.
 * docs/local-endpoint.md ("Limits and timeouts") gives each limit's source.
 */
import type { Readable } from 'node:stream';
import { firstInvalidUtf8Offset } from '../core/files';
import { BedrockError } from './errors';

/** The client closed or reset its connection before the body ended: there is no one to answer. */
export class ClientGone extends Error {}

/** The body passed the byte limit (`size` is its declared or counted size so far). */
export class BodyTooLarge extends Error {
  constructor(
    readonly size: number,
    readonly declared: boolean,
  ) {
    super(`request body over the limit (${size} bytes)`);
  }
}

/** The whole body did not arrive within the request timeout. */
export class BodyTimedOut extends Error {}

/**
 * Read a request body of at most `limit` bytes. Rejects with {@link BodyTooLarge} as soon as
 * the running count passes the limit (what was read is dropped at once), with
 * {@link BodyTimedOut} after `timeoutMs` (when given), and with {@link ClientGone} when the
 * stream errors or closes before its end.
 *
 * @example
 * const bytes = await readBody(req, 25_000_000); // a Buffer of ≤ 25,000,000 bytes
 */
export function readBody(stream: Readable, limit: number, timeoutMs?: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const timer = timeoutMs ? setTimeout(() => finish(new BodyTimedOut()), timeoutMs) : undefined;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(new BodyTooLarge(size, false));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(undefined, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    const onError = (error: Error) => finish(new ClientGone(error.message));
    const onClose = () => finish(new ClientGone('the connection closed before the body ended'));
    function finish(error?: Error, bytes?: Buffer): void {
      if (done) return;
      done = true;
      chunks = [];
      if (timer) clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('close', onClose);
      // The error listener stays: a stream must never emit 'error' with no listener.
      if (error) reject(error);
      else resolve(bytes!);
    }
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

const INVOKE_OPS = new Set(['invoke', 'invoke-with-response-stream']);

/**
 * The refusal of an oversized body, in the shape Bedrock uses for the operation:
 * - InvokeModel / InvokeModelWithResponseStream: 400 ValidationException with the constraint
 *   message of the API model's `body` member (`length` max 25,000,000), as Bedrock returns it
 *   (quoted in langchain-ai/langchain-aws#419);
 * - every other route: 413 with `x-amzn-ErrorType: ValidationException` and the message the
 *   Bedrock endpoints answer an oversized request with ("Request exceeds the maximum allowed
 *   size", HTTP 413, quoted in aws/aws-sdk-js-v3#8297) — Converse documents no total limit.
 */
export function bodyTooLarge(op: string | undefined, size: number, declared: boolean, limit: number): BedrockError {
  const what = declared ? `its Content-Length is ${size} bytes` : `more than ${limit} bytes arrived`;
  const fix = `Fix: send a smaller body (large images and documents through s3Location), or raise the endpoint's limit with LOCAL_BEDROCK_MAX_BODY_BYTES.`;
  if (op && INVOKE_OPS.has(op))
    return new BedrockError(
      'ValidationException',
      `1 validation error detected: Value at 'body' failed to satisfy constraint: Member must have length less than or equal to ${limit} (local endpoint: ${what}. ${fix})`,
    );
  return new BedrockError(
    'ValidationException',
    `Request exceeds the maximum allowed size of ${limit} bytes: ${what} (POST ${op ?? 'request'} body). ${fix}`,
    413,
  );
}

/** A client that did not send its whole request in time (408, a retryable error type). */
export function requestTimedOut(where: string): BedrockError {
  return new BedrockError(
    'RequestTimeoutException',
    `The request was not received in time (${where}). Fix: send the whole request at once, or raise LOCAL_BEDROCK_REQUEST_TIMEOUT_MS / LOCAL_BEDROCK_HEADERS_TIMEOUT_MS.`,
  );
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text; bytes that are not UTF-8 are a ValidationException naming where they start. */
export function decodeUtf8(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new BedrockError(
      'ValidationException',
      `Malformed input request: the request body is not valid UTF-8 (an invalid byte sequence at byte ${firstInvalidUtf8Offset(bytes)}). Fix: send the JSON body encoded as UTF-8.`,
    );
  }
}

/**
 * Deepest nesting of arrays and objects the endpoint reads in a JSON body. Bedrock documents
 * no figure; 1,000 is the default maximum nesting depth of Jackson (StreamReadConstraints,
 * since 2.15), the JSON parser of most Java services, and stays well inside what this
 * endpoint's recursive readers (shape checks, the emulator's JSON-schema walker,
 * JSON.stringify) handle on Node's default stack — measured: they overflow between 2,000 and
 * 3,000 levels.
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * The path of the first value nested deeper than `max` levels (objects and arrays), or
 * undefined. Iterative, so it cannot itself overflow the stack.
 *
 * @example
 * tooDeep({ a: [[1]] }, 2); // → 'a.0'  (the object is level 1, the outer array 2, the inner array 3)
 */
export function tooDeep(value: unknown, max: number): string | undefined {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '' }];
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return path || '(root)';
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v as Record<string, unknown>);
    for (const [k, x] of entries)
      if (x !== null && typeof x === 'object') stack.push({ v: x, depth: depth + 1, path: path ? `${path}.${k}` : k });
  }
  return undefined;
}

/** A JSON object body (empty = `{}`), refused as Bedrock refuses malformed input. */
export function parseJsonObject(text: string, where = 'the request body'): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text || '{}');
  } catch (error) {
    throw new BedrockError(
      'ValidationException',
      `Malformed input request: ${where} is not valid JSON (${(error as Error).message}), please reformat your input and try again.`,
    );
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new BedrockError(
      'ValidationException',
      `Malformed input request: expected a JSON object in ${where}, found ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}, please reformat your input and try again.`,
    );
  const deep = tooDeep(json, MAX_JSON_DEPTH);
  if (deep)
    throw new BedrockError(
      'ValidationException',
      `Malformed input request: ${where} nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels (at ${deep}). Fix: flatten the tool schema, tool input or tool result to at most ${MAX_JSON_DEPTH} levels.`,
    );
  return json as Record<string, unknown>;
}

/** A percent-encoded path segment, decoded; malformed encoding is a ValidationException. */
export function decodePathSegment(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BedrockError(
      'ValidationException',
      `1 validation error detected: Value '${raw.slice(0, 200)}' at '${what}' failed to satisfy constraint: Member must be valid percent-encoded UTF-8 (local endpoint: the path segment does not decode). Fix: percent-encode the identifier's UTF-8 bytes (encodeURIComponent).`,
    );
  }
}
