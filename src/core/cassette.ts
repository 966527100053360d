/**
 * A cassette: the Bedrock calls of a workshop run recorded on AWS, for the local endpoint to
 * replay offline — real answers and real latencies without an account
 * (docs/record-replay.md). A cassette is one folder of plain files:
 *
 *   manifest.json        what was recorded: name, region, endpoint, models, dataset hash,
 *                        dates, counts and the files
 *   interactions.jsonl   one call per line (JSON Lines), in the order the calls ended: the
 *                        request (its canonical parts only — never a credential or a
 *                        signature), the response (status, a few headers, the body or the
 *                        event-stream frames, each with its offset), the timing (time to first
 *                        byte, total) and Bedrock's request id
 *
 * On replay a request is found by its **key** (`requestKey`): the method, the path with the
 * model id decoded, the query sorted, the `x-amzn-bedrock-*` headers and the body as
 * canonical JSON (keys sorted; Converse's `requestMetadata`, which only tags invocation
 * logs, left out). Nothing else of a request varies from run to run in this workshop: no
 * prompt carries a date, a random value or an id.
 *
 * @example
 * requestKey({ method: 'POST', path: '/model/amazon.nova-lite-v1%3A0/converse', query: {}, headers: {}, body: '{"b":1,"a":2}' })
 *   === requestKey({ method: 'POST', path: '/model/amazon.nova-lite-v1:0/converse', query: {}, headers: {}, body: '{"a":2,"b":1}' })
 * // → true: the same model, the same body
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { configure } from 'safe-stable-stringify';
import { z } from 'zod';
import { AppendFile } from './append-file';
import { WorkshopError } from './errors';
import { m } from './i18n/messages';
import { ensureWritableDir, fileSize, listDir, readBytes, readRange, readTextUtf8 } from './files';
import { writeFileAtomic } from './files';
import { displayPath } from './paths';

export const CASSETTE_FORMAT = 'bedrock-workshop-cassette';
export const CASSETTE_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const INTERACTIONS_FILE = 'interactions.jsonl';

/** Request headers that change what Bedrock answers (InvokeModel's service tier, latency mode, guardrail, trace). */
const KEY_HEADER = /^x-amzn-bedrock-/;
/** Response headers kept: the content type, the request id, the error type and Bedrock's own. Never a cookie or a signature. */
const KEPT_RESPONSE_HEADER = /^(content-type|x-amzn-requestid|x-amzn-errortype|x-amzn-bedrock-.+|retry-after)$/;

/** Deterministic JSON: object keys sorted at every depth. */
const stableStringify = configure({ deterministic: true, bigint: false, circularValue: Error });

const frameSchema = z
  .object({
    /** When the frame's last byte arrived, ms after the request was sent. */
    atMs: z.number().min(0),
    /** The frame's `:event-type` header (for people reading the file), or null. */
    event: z.string().nullable(),
    /** The frame exactly as received (prelude, headers, payload, CRCs), base64. */
    bytes: z.string(),
  })
  .strict();

const requestSchema = z
  .object({
    method: z.string().min(1),
    /** Path with each segment decoded (`/model/amazon.nova-lite-v1:0/converse`). */
    path: z.string().startsWith('/'),
    query: z.record(z.array(z.string())),
    /** Only the `x-amzn-bedrock-*` headers (they change the answer); no credential, signature or date. */
    headers: z.record(z.string()),
    /** A JSON body, parsed. */
    body: z.unknown().optional(),
    /** A body that is not JSON. */
    bodyText: z.string().optional(),
  })
  .strict();

const responseSchema = z
  .object({
    status: z.number().int().min(100).max(599),
    headers: z.record(z.string()),
    /** The whole body as UTF-8 text (JSON responses, errors). */
    body: z.string().optional(),
    /** A body that is not UTF-8. */
    bodyBase64: z.string().optional(),
    /** An event stream (ConverseStream, InvokeModelWithResponseStream): its frames in order. */
    frames: z.array(frameSchema).optional(),
    /** False when the body ended early (the connection broke or the caller gave up). */
    complete: z.boolean(),
  })
  .strict();

export const interactionSchema = z
  .object({
    /** When the request was sent (ISO 8601, UTC). */
    at: z.string().datetime({ offset: true }),
    /** The workshop step whose session made the call (1–5), or null. */
    step: z.number().int().min(1).max(5).nullable(),
    /** The API operation (`Converse`, `ListFoundationModels`…). */
    operation: z.string().min(1),
    modelId: z.string().nullable(),
    region: z.string(),
    /** Bedrock's `x-amzn-RequestId`. */
    requestId: z.string().nullable(),
    request: requestSchema,
    /** Null when no response arrived at all (a network error or a client timeout before the headers). */
    response: responseSchema.nullable(),
    error: z.object({ name: z.string(), message: z.string() }).strict().nullable(),
    timing: z
      .object({
        /** Request sent → response headers received, ms. */
        firstByteMs: z.number().min(0).nullable(),
        /** Request sent → last byte of the body, ms. */
        totalMs: z.number().min(0),
      })
      .strict(),
  })
  .strict();

export type Interaction = z.infer<typeof interactionSchema>;
export type RecordedFrame = z.infer<typeof frameSchema>;

export const manifestSchema = z
  .object({
    format: z.literal(CASSETTE_FORMAT),
    version: z.literal(CASSETTE_VERSION),
    /** A name for people (default: the folder's name). */
    name: z.string().min(1),
    /** When the folder was first recorded into. */
    createdAt: z.string(),
    /** First and last call recorded (ISO 8601), null while empty. */
    recordedFrom: z.string().nullable(),
    recordedTo: z.string().nullable(),
    region: z.string(),
    /** The endpoint the calls went to: null = Amazon Bedrock's own; a URL when another endpoint stood in. */
    endpoint: z.string().nullable(),
    /** Model ids of the runtime calls. */
    models: z.array(z.string()),
    /** The dataset of the run (path as configured, SHA-256 of its bytes). */
    dataset: z.object({ path: z.string(), sha256: z.string() }).strict().nullable(),
    counts: z
      .object({
        interactions: z.number().int().min(0),
        byOperation: z.record(z.number().int()),
        byStep: z.record(z.number().int()),
        /** Calls answered with an error status (throttling, validation…): replayed as recorded. */
        errors: z.number().int().min(0),
        /** Calls that got no response (network error, client timeout): recorded, not replayed. */
        noResponse: z.number().int().min(0),
      })
      .strict(),
    files: z.array(z.object({ name: z.string().min(1), bytes: z.number().int().min(0), lines: z.number().int().min(0) }).strict()),
    note: z.string(),
  })
  .strict();

export type CassetteManifest = z.infer<typeof manifestSchema>;

/** What a request is matched on. `path` may be URL-encoded; `body` is the raw body text. */
export interface RequestParts {
  method: string;
  path: string;
  query: Record<string, string | string[] | null | undefined>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A path with every segment decoded, so `%3A` and `:` name the same model. */
export function canonicalPath(rawPath: string): string {
  return rawPath
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

/** The query as sorted name → values (empty values dropped, as the SDK drops them). */
export function canonicalQuery(query: RequestParts['query']): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of Object.keys(query).sort()) {
    const v = query[name];
    const values = (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]).filter((x) => x !== '');
    if (values.length) out[name] = [...values].sort();
  }
  return out;
}

/** The request headers that are part of the key: `x-amzn-bedrock-*`, names lower-cased. */
export function keyHeaders(headers: RequestParts['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    const v = headers[name];
    if (KEY_HEADER.test(lower) && v !== undefined) out[lower] = Array.isArray(v) ? v.join(',') : String(v);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A Converse body's `requestMetadata` tags invocation logs only: it does not change the answer. */
const isConverse = (p: string) => /\/converse(-stream)?$/.test(p);

/** The body as canonical text: JSON with sorted keys (no whitespace), or the text itself. */
export function canonicalBody(pathname: string, body: unknown, isText: boolean): string {
  let value = body;
  if (isText) {
    const text = body as string;
    if (!text.trim()) return '';
    try {
      value = JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && isConverse(pathname) && 'requestMetadata' in value) {
    const { requestMetadata: _, ...rest } = value as Record<string, unknown>;
    value = rest;
  }
  return stableStringify(value) ?? '';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function keyOf(method: string, pathname: string, query: Record<string, string[]>, headers: Record<string, string>, body: string): string {
  return sha256(`${method.toUpperCase()} ${pathname}\n${stableStringify(query)}\n${stableStringify(headers)}\n${body}`).slice(0, 32);
}

/** The matching key of a request as it arrives (at the local endpoint) or leaves (in the recorder). */
export function requestKey(parts: RequestParts): string {
  const pathname = canonicalPath(parts.path);
  return keyOf(parts.method, pathname, canonicalQuery(parts.query), keyHeaders(parts.headers), canonicalBody(pathname, parts.body, true));
}

/** The key of a recorded request (the same as `requestKey` of the request it was recorded from). */
export function recordedKey(request: Interaction['request']): string {
  const body =
    request.body !== undefined
      ? canonicalBody(request.path, request.body, false)
      : canonicalBody(request.path, request.bodyText ?? '', true);
  return keyOf(request.method, request.path, request.query, request.headers, body);
}

/** The request as stored: canonical parts only. */
export function recordedRequest(parts: RequestParts): Interaction['request'] {
  const pathname = canonicalPath(parts.path);
  const out: Interaction['request'] = {
    method: parts.method.toUpperCase(),
    path: pathname,
    query: canonicalQuery(parts.query),
    headers: keyHeaders(parts.headers),
  };
  if (parts.body.trim()) {
    try {
      out.body = JSON.parse(parts.body);
    } catch {
      out.bodyText = parts.body;
    }
  }
  return out;
}

/** The response headers worth keeping (names lower-cased). */
export function keptResponseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (KEPT_RESPONSE_HEADER.test(lower) && v !== undefined) out[lower] = Array.isArray(v) ? v.join(',') : String(v);
  }
  return out;
}

const RUNTIME_OPERATIONS: Record<string, string> = {
  converse: 'Converse',
  'converse-stream': 'ConverseStream',
  invoke: 'InvokeModel',
  'invoke-with-response-stream': 'InvokeModelWithResponseStream',
  'count-tokens': 'CountTokens',
};

/** The operation and model id a Bedrock path names (`POST /model/{id}/converse` → Converse). */
export function operationOf(method: string, rawPath: string): { operation: string; modelId: string | null } {
  const parts = canonicalPath(rawPath.split('?')[0]).split('/').filter(Boolean);
  const verb = method.toUpperCase();
  if (verb === 'POST' && parts[0] === 'model' && parts.length >= 3 && RUNTIME_OPERATIONS[parts[parts.length - 1]])
    return { operation: RUNTIME_OPERATIONS[parts[parts.length - 1]], modelId: parts.slice(1, -1).join('/') };
  if (verb === 'GET' && parts[0] === 'foundation-models')
    return parts.length === 1
      ? { operation: 'ListFoundationModels', modelId: null }
      : { operation: 'GetFoundationModel', modelId: parts[1] };
  if (verb === 'GET' && parts[0] === 'inference-profiles')
    return parts.length === 1
      ? { operation: 'ListInferenceProfiles', modelId: null }
      : { operation: 'GetInferenceProfile', modelId: parts[1] };
  return { operation: `${verb} /${parts.join('/')}`, modelId: null };
}

/**
 * Where two JSON values first differ, as a path and the two values (for "why did this request
 * not match?"), or null when they are equal.
 *
 * @example
 * firstDifference({ messages: [{ text: 'a' }] }, { messages: [{ text: 'b' }] })
 * // → { path: 'messages[0].text', recorded: '"a"', sent: '"b"' }
 */
export function firstDifference(recorded: unknown, sent: unknown, at = ''): { path: string; recorded: string; sent: string } | null {
  if (recorded && sent && typeof recorded === 'object' && typeof sent === 'object' && Array.isArray(recorded) === Array.isArray(sent)) {
    const keys = Array.isArray(recorded)
      ? Array.from({ length: Math.max(recorded.length, (sent as unknown[]).length) }, (_, i) => i)
      : [...new Set([...Object.keys(recorded), ...Object.keys(sent)])].sort();
    for (const k of keys) {
      const sub = Array.isArray(recorded) ? `${at}[${k}]` : at ? `${at}.${k}` : String(k);
      const d = firstDifference((recorded as Record<string, unknown>)[k], (sent as Record<string, unknown>)[k], sub);
      if (d) return d;
    }
    return null;
  }
  const a = stableStringify(recorded) ?? 'nothing';
  const b = stableStringify(sent) ?? 'nothing';
  if (a === b) return null;
  const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);
  return { path: at || '(the whole body)', recorded: clip(a), sent: clip(b) };
}

/** An interaction read back, with its matching key and where it is. */
export interface CassetteEntry extends Interaction {
  key: string;
  file: string;
  /** 1-based line number in `file`. */
  line: number;
}

export interface Cassette {
  folder: string;
  manifest: CassetteManifest;
  /** Every recorded call, in the order recorded. */
  entries: CassetteEntry[];
  /** SHA-256 (12 hex digits) of the recorded files: any change to what was recorded changes it. */
  contentId: string;
}

const replayFix = () => m().errors.data.cassetteReplayFix;

function readJsonFile(file: string, what: string): unknown {
  const msg = m().errors.data;
  let text: string;
  try {
    text = readTextUtf8(file, { what: msg.cassetteWhat({ what }) });
  } catch (err) {
    const cause = err instanceof WorkshopError && err.cause ? err.cause : err;
    const code = (cause as NodeJS.ErrnoException).code;
    throw new WorkshopError(msg.cassetteUnreadable({ what, shown: displayPath(file), missing: code === 'ENOENT', code: String(code) }), {
      fix: code === 'ENOENT' ? msg.cassetteUnreadableFix({ manifest: MANIFEST_FILE }) : replayFix(),
      file,
    });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new WorkshopError(msg.cassetteJson({ what, shown: displayPath(file), message: (err as Error).message }), {
      fix: replayFix(),
      file,
    });
  }
}

function readManifest(folder: string): CassetteManifest {
  const file = path.join(folder, MANIFEST_FILE);
  const raw = readJsonFile(file, m().errors.data.cassetteManifest);
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WorkshopError(
      m().errors.data.cassetteManifestInvalid({
        shown: displayPath(file),
        format: CASSETTE_FORMAT,
        version: CASSETTE_VERSION,
        field: issue.path.join('.') || m().errors.data.topLevel,
        message: issue.message,
      }),
      { fix: replayFix(), file, key: issue.path.join('.') },
    );
  }
  return parsed.data;
}

/** One line of an interactions file, checked; a damaged line is an error naming the file and the line. */
function parseLine(text: string, file: string, line: number): Interaction {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new WorkshopError(m().errors.data.cassetteLineDamaged({ shown: displayPath(file), line, message: (err as Error).message }), {
      fix: m().errors.data.cassetteLineDamagedFix({ replayFix: replayFix(), line }),
      file,
      row: line,
    });
  }
  const parsed = interactionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WorkshopError(
      m().errors.data.cassetteLineInvalid({
        shown: displayPath(file),
        line,
        field: issue.path.join('.') || m().errors.data.theLine,
        message: issue.message,
      }),
      { fix: m().errors.data.cassetteLineInvalidFix({ replayFix: replayFix(), line }), file, row: line, key: issue.path.join('.') },
    );
  }
  return parsed.data;
}

/** Read and check a whole cassette folder. */
export function readCassette(folder: string): Cassette {
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new WorkshopError(m().errors.data.cassetteNoFolder({ shown: displayPath(folder) }), {
      fix: m().errors.data.cassetteNoFolderFix,
      file: folder,
      key: 'cassette.replay',
    });
  const manifest = readManifest(folder);
  const entries: CassetteEntry[] = [];
  const hash = createHash('sha256');
  for (const { name } of manifest.files) {
    const file = path.join(folder, name);
    if (!existsSync(file))
      throw new WorkshopError(m().errors.data.cassetteMissingFile({ name, shown: displayPath(file) }), { fix: replayFix(), file });
    const bytes = readBytes(file, { what: 'the cassette file', setting: 'cassette.replay' });
    hash.update(bytes);
    const lines = bytes.toString('utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].trim()) continue;
      const interaction = parseLine(lines[i], file, i + 1);
      entries.push({ ...interaction, key: recordedKey(interaction.request), file, line: i + 1 });
    }
  }
  return { folder, manifest, entries, contentId: hash.digest('hex').slice(0, 12) };
}

/** One sentence about a cassette: name, calls, models, region, dates (and the endpoint it was recorded through, unless `withEndpoint` is false). */
export function describeCassette(m: CassetteManifest, withEndpoint = true): string {
  const from = m.recordedFrom?.slice(0, 10);
  const to = m.recordedTo?.slice(0, 10);
  const when = !from ? 'nothing recorded yet' : from === to ? `recorded on ${from}` : `recorded ${from} to ${to}`;
  return `cassette "${m.name}": ${m.counts.interactions} calls of ${m.models.length} model(s) in ${m.region}, ${when}${withEndpoint && m.endpoint ? ` through ${m.endpoint} (standing in for Amazon Bedrock)` : ''}`;
}

export interface CassetteWriterInfo {
  /** Default: the folder's name. */
  name?: string;
  region: string;
  endpoint: string | null;
  dataset: { path: string; sha256: string } | null;
}

/**
 * Appends recorded calls to a cassette folder, one line each, as they end; `close()`
 * rewrites the manifest (atomically) from what the file holds. Recording into a folder that
 * already holds a cassette adds to it (a resumed run records only the calls it makes).
 */
export class CassetteWriter {
  private out: AppendFile | null = null;
  private readonly file: string;

  private constructor(
    readonly folder: string,
    private readonly base: CassetteManifest,
  ) {
    this.file = path.join(folder, INTERACTIONS_FILE);
  }

  static open(folder: string, info: CassetteWriterInfo): CassetteWriter {
    ensureWritableDir(folder, 'cassette.record');
    const manifestFile = path.join(folder, MANIFEST_FILE);
    let base: CassetteManifest;
    if (existsSync(manifestFile)) {
      base = readManifest(folder);
      if (base.region !== info.region)
        throw new WorkshopError(
          m().errors.data.cassetteRegion({ shown: displayPath(folder), recorded: base.region, region: info.region }),
          { fix: m().errors.data.cassetteRegionFix, file: manifestFile, key: 'cassette.record' },
        );
    } else {
      const others = listDir(folder, { what: 'the cassette folder', setting: 'cassette.record' }).filter((f) => !f.startsWith('.'));
      if (others.length)
        throw new WorkshopError(m().errors.data.cassetteNotEmpty({ shown: displayPath(folder), manifest: MANIFEST_FILE }), {
          fix: m().errors.data.cassetteNotEmptyFix,
          file: folder,
          key: 'cassette.record',
        });
      base = {
        format: CASSETTE_FORMAT,
        version: CASSETTE_VERSION,
        name: info.name ?? path.basename(path.resolve(folder)),
        createdAt: new Date().toISOString(),
        recordedFrom: null,
        recordedTo: null,
        region: info.region,
        endpoint: info.endpoint,
        models: [],
        dataset: info.dataset,
        counts: { interactions: 0, byOperation: {}, byStep: {}, errors: 0, noResponse: 0 },
        files: [{ name: INTERACTIONS_FILE, bytes: 0, lines: 0 }],
        note: 'Recorded through the workshop\'s "aws" backend (LOCAL_BEDROCK_RECORD). Requests keep only their canonical parts: no credential, signature or date header is stored. Replay with LOCAL_BEDROCK_REPLAY=<this folder> (docs/record-replay.md).',
      };
    }
    if (info.endpoint && !base.endpoint) base.endpoint = info.endpoint;
    if (info.dataset) base.dataset = info.dataset;
    const writer = new CassetteWriter(folder, base);
    writer.writeManifest();
    return writer;
  }

  get manifest(): CassetteManifest {
    return this.base;
  }

  /** Append one recorded call (one write: the line is whole, or absent after a crash). */
  append(interaction: Interaction): void {
    if (this.out === null) {
      this.out = new AppendFile(this.file, { what: 'the cassette', setting: 'cassette.record' });
      // A line left half-written by a crash is closed first, so it damages only itself.
      const size = fileSize(this.file) ?? 0;
      if (size > 0 && readRange(this.file, size - 1, 1)[0] !== 0x0a) this.out.append('\n');
    }
    this.out.append(`${JSON.stringify(interaction)}\n`);
    this.out.flush();
  }

  /** Recount what the file holds and rewrite the manifest. */
  writeManifest(): void {
    const m = this.base;
    const counts: CassetteManifest['counts'] = { interactions: 0, byOperation: {}, byStep: {}, errors: 0, noResponse: 0 };
    const models = new Set<string>();
    let from: string | null = null;
    let to: string | null = null;
    let lines = 0;
    let bytes = 0;
    if (existsSync(this.file)) {
      const text = readTextUtf8(this.file, { what: 'the cassette', setting: 'cassette.record' });
      bytes = Buffer.byteLength(text);
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        lines++;
        let i: Interaction;
        try {
          i = JSON.parse(line) as Interaction;
        } catch {
          continue; // a damaged line: the reader names it
        }
        counts.interactions++;
        counts.byOperation[i.operation] = (counts.byOperation[i.operation] ?? 0) + 1;
        const step = i.step === null ? 'none' : String(i.step);
        counts.byStep[step] = (counts.byStep[step] ?? 0) + 1;
        if (!i.response) counts.noResponse++;
        else if (i.response.status >= 400) counts.errors++;
        if (i.modelId && /^(Converse|ConverseStream|InvokeModel|InvokeModelWithResponseStream|CountTokens)$/.test(i.operation))
          models.add(i.modelId);
        if (!from || i.at < from) from = i.at;
        if (!to || i.at > to) to = i.at;
      }
    }
    this.base.counts = counts;
    this.base.models = [...models].sort();
    this.base.recordedFrom = from;
    this.base.recordedTo = to;
    this.base.files = [{ name: INTERACTIONS_FILE, bytes, lines }];
    writeFileAtomic(path.join(this.folder, MANIFEST_FILE), `${JSON.stringify(m, null, 2)}\n`);
  }

  /** Release the file and write the final manifest. */
  close(): void {
    this.out?.close();
    this.out = null;
    this.writeManifest();
  }
}

/** SHA-256 of a file's bytes (the dataset hash of a manifest), or null when it cannot be read. */
export function fileSha256(file: string): string | null {
  try {
    return createHash('sha256').update(readBytes(file)).digest('hex');
  } catch {
    return null;
  }
}
