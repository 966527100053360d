/**
 * Recording Bedrock calls into a cassette (src/core/cassette.ts, docs/record-replay.md).
 *
 * `recordClient(client, recorder)` adds one middleware to an AWS SDK v3 client — any client:
 * Bedrock Runtime, Bedrock, S3 — at the innermost place of the SDK's pipeline, right around
 * the HTTP handler. It therefore sees every attempt (the SDK's and our own retries each are
 * one call), the request as it goes on the wire, and the raw response before the SDK reads
 * it. For each call it:
 *
 *   1. keeps the request's canonical parts (cassette.recordedRequest): method, path, query,
 *      `x-amzn-bedrock-*` headers, body — never `authorization`, `x-amz-security-token`,
 *      `x-amz-date` or any other header, so no credential or signature is stored;
 *   2. times the call with the monotonic clock: request sent → response headers (time to
 *      first byte) → each event-stream frame complete (its offset) → last byte (total);
 *   3. passes every byte of the body on to the SDK unchanged (the SDK reads a copy as it
 *      arrives: a stream is not delayed), and writes one line when the body ends.
 */
import { PassThrough, Readable } from 'node:stream';
import { EventStreamCodec } from '@smithy/core/event-streams';
import { fromUtf8, toUtf8 } from '@smithy/core/serde';
import type { DeserializeMiddleware, MetadataBearer, MiddlewareStack } from '@smithy/types';
import { keptResponseHeaders, operationOf, recordedRequest, type CassetteWriter, type Interaction, type RecordedFrame } from '../cassette';
import { firstInvalidUtf8Offset } from '../files';

export interface RecorderContext {
  writer: CassetteWriter;
  region: string;
  /** The workshop step whose session makes the calls, or null. */
  step: number | null;
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const round = (ms: number) => Math.round(ms * 10) / 10;

/** The `:event-type` (or `:exception-type`) of one event-stream frame, or null if it cannot be decoded. */
function eventTypeOf(frame: Uint8Array): string | null {
  try {
    const h = codec.decode(frame).headers;
    const v = h[':event-type'] ?? h[':exception-type'];
    return v ? String(v.value) : null;
  } catch {
    return null;
  }
}

/** Body bytes of a request as the SDK hands it to the HTTP handler (JSON text for Bedrock). */
function requestBodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // The bytes themselves (the SDK's JSON body is a Uint8Array whose valueOf() warns).
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return ''; // a stream (a large S3 upload): not recorded; the key then covers method, path and query
}

interface RawRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * Tee a response body: the SDK reads `out` exactly as it would have read `source`, while
 * the bytes (and for an event stream, each complete frame's offset) are kept.
 */
function teeBody(
  source: Readable,
  started: number,
  eventStream: boolean,
  done: (body: Buffer, frames: RecordedFrame[] | null, complete: boolean, totalMs: number, error?: Error) => void,
): PassThrough {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  const frames: RecordedFrame[] = [];
  let pending = Buffer.alloc(0);
  let finished = false;
  const finish = (complete: boolean, error?: Error) => {
    if (finished) return;
    finished = true;
    done(Buffer.concat(chunks), eventStream ? frames : null, complete, round(performance.now() - started), error);
  };
  source.on('data', (chunk: Buffer) => {
    const now = performance.now();
    chunks.push(chunk);
    if (eventStream) {
      // Frames: a 4-byte big-endian total length, then the rest of the frame.
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 4 && pending.length >= pending.readUInt32BE(0)) {
        const length = pending.readUInt32BE(0);
        if (length < 16) break; // not a frame: keep the bytes, the body is stored whole below
        const frame = pending.subarray(0, length);
        frames.push({ atMs: round(now - started), event: eventTypeOf(frame), bytes: Buffer.from(frame).toString('base64') });
        pending = pending.subarray(length);
      }
    }
    if (!out.write(chunk)) source.pause();
  });
  out.on('drain', () => source.resume());
  source.on('end', () => {
    finish(pending.length === 0);
    out.end();
  });
  source.on('error', (error: Error) => {
    finish(false, error);
    out.destroy(error);
  });
  source.on('close', () => {
    if (!finished) {
      finish(false);
      out.end();
    }
  });
  // The SDK gave up on the body (an abort): let go of the connection's stream too.
  out.on('close', () => {
    if (!finished) source.destroy();
  });
  return out;
}

/**
 * Record every call `client` makes into `context.writer`.
 *
 * @example
 * const writer = CassetteWriter.open('outputs/cassettes/sample', { region: 'us-east-1', endpoint: null, dataset: null });
 * recordClient(runtimeClient, { writer, region: 'us-east-1', step: 3 });
 * // … calls …
 * writer.close(); // manifest.json now counts them
 */
export function recordClient(client: { middlewareStack: unknown }, context: RecorderContext): void {
  const stack = client.middlewareStack as MiddlewareStack<object, MetadataBearer>;
  const middleware: DeserializeMiddleware<object, MetadataBearer> = (next, handlerContext) => async (args) => {
    const request = args.request as RawRequest;
    const at = new Date().toISOString();
    const started = performance.now();
    const parts = {
      method: request.method,
      path: request.path,
      query: request.query ?? {},
      headers: request.headers,
      body: requestBodyText(request.body),
    };
    const fromPath = operationOf(parts.method, parts.path);
    const operation = handlerContext.commandName?.replace(/Command$/, '') ?? fromPath.operation;
    const base = {
      at,
      step: context.step,
      operation,
      modelId: fromPath.modelId,
      region: context.region,
      request: recordedRequest(parts),
    };
    let result: Awaited<ReturnType<typeof next>>;
    try {
      result = await next(args);
    } catch (error) {
      // No response at all (network error, timeout before the headers): recorded, not replayable.
      const e = error as Error;
      context.writer.append({
        ...base,
        requestId: null,
        response: null,
        error: { name: e?.name ?? 'Error', message: String(e?.message ?? error).slice(0, 500) },
        timing: { firstByteMs: null, totalMs: round(performance.now() - started) },
      });
      throw error;
    }
    const firstByteMs = round(performance.now() - started);
    const response = result.response as RawResponse;
    const headers = keptResponseHeaders(response.headers ?? {});
    const requestId = headers['x-amzn-requestid'] ?? null;
    const write = (body: Buffer, frames: RecordedFrame[] | null, complete: boolean, totalMs: number, error?: Error) => {
      const recorded: NonNullable<Interaction['response']> = { status: response.statusCode, headers, complete };
      if (frames) recorded.frames = frames;
      else if (firstInvalidUtf8Offset(body) === body.length) recorded.body = body.toString('utf8');
      else recorded.bodyBase64 = body.toString('base64');
      context.writer.append({
        ...base,
        requestId,
        response: recorded,
        error: error ? { name: error.name, message: error.message.slice(0, 500) } : null,
        timing: { firstByteMs, totalMs },
      });
    };
    const body = response.body;
    if (body instanceof Readable) {
      const eventStream = /vnd\.amazon\.eventstream/.test(headers['content-type'] ?? '');
      response.body = teeBody(body, started, eventStream, write);
    } else {
      const bytes =
        typeof body === 'string'
          ? Buffer.from(body)
          : body instanceof Uint8Array
            ? Buffer.from(body.buffer, body.byteOffset, body.byteLength)
            : Buffer.alloc(0);
      write(bytes, null, true, firstByteMs);
    }
    return result;
  };
  stack.add(middleware, { step: 'deserialize', priority: 'low', name: 'workshopCassetteRecorder', override: true });
}
