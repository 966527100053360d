/**
 * The local Bedrock endpoint: an HTTP server on 127.0.0.1 that the unmodified AWS SDK
 * clients talk to. Only the endpoint differs from real Bedrock; the wire protocol is the
 * same:
 *
 * 1. one port serves both HTTP/2 cleartext (the SDK's runtime client speaks h2c with prior
 *    knowledge to an `http://` endpoint) and HTTP/1.1 (curl, the SDK's `NodeHttpHandler`):
 *    we peek at the first bytes of each connection — an HTTP/2 client starts with
 *    `PRI * HTTP/2.0` — and hand the socket to the matching Node server;
 * 2. runtime routes: `POST /model/{id}/converse`, `/converse-stream`, `/invoke`;
 *    control plane: `GET /foundation-models[/{id}]`, `GET /inference-profiles`;
 * 3. each call: resolve the model (ids, inference profiles and ARNs), validate the body,
 *    maybe inject a fault, compute the answer, sample its latency, wait, respond.
 */
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { findModel, loadCatalog, type CatalogModel, type ModelCatalog } from '../core/catalog';
import { seededRandom } from '../core/stats/random';
import { getFoundationModel, listFoundationModels, listInferenceProfiles } from './control-plane';
import { generateAnswer } from './emulator';
import type { EmulatorAnswer, EmulatorRequest } from './emulator/types';
import { hash32 } from './emulator/text';
import { BedrockError, errorResponse } from './errors';
import { eventFrame } from './event-stream';
import { sampleTiming } from './latency';
import { estimateTokens } from '../core/tokens';
import { invokeBodyKind, invokeResponse, parseRequest } from './requests';
import { resolveSettings, type LocalBedrockOptions, type ResolvedSettings } from './settings';

export interface LocalBedrock {
  url: string;
  /** The address the server is bound to: always 127.0.0.1 (never reachable from other machines). */
  host: string;
  port: number;
  settings: ResolvedSettings;
  /** Requests served so far, by route kind. */
  stats: { requests: number; faults: number };
  stop(): Promise<void>;
}

/** The few response operations we need, over an HTTP/1.1 response or a raw HTTP/2 stream. */
interface Responder {
  readonly started: boolean;
  head(status: number, headers: Record<string, string>): void;
  write(chunk: Uint8Array | string): void;
  end(chunk?: Uint8Array | string): void;
}

function http1Responder(res: http.ServerResponse): Responder {
  return {
    get started() {
      return res.headersSent;
    },
    head: (status, headers) => void res.writeHead(status, headers),
    write: (chunk) => void res.write(chunk),
    end: (chunk) => void (chunk === undefined ? res.end() : res.end(chunk)),
  };
}

function http2Responder(stream: http2.ServerHttp2Stream): Responder {
  let started = false;
  return {
    get started() {
      return started;
    },
    head: (status, headers) => {
      started = true;
      if (!stream.destroyed) stream.respond({ ':status': status, ...headers });
    },
    write: (chunk) => void (stream.destroyed || stream.write(chunk)),
    end: (chunk) => void (stream.destroyed || (chunk === undefined ? stream.end() : stream.end(chunk))),
  };
}

const ANSWER_MEMO_SIZE = 2000;

/** Split an answer into stream chunks of a few words each (whitespace kept). */
export function streamChunks(text: string, wordsPerChunk = 4): string[] {
  const pieces = text.match(/\S+\s*/g) ?? [];
  const leading = text.match(/^\s*/)?.[0] ?? '';
  const chunks: string[] = [];
  for (let i = 0; i < pieces.length; i += wordsPerChunk) chunks.push(pieces.slice(i, i + wordsPerChunk).join(''));
  if (chunks.length && leading) chunks[0] = leading + chunks[0];
  return chunks.length ? chunks : [text];
}

class Endpoint {
  readonly catalog: ModelCatalog;
  readonly timers = new Set<NodeJS.Timeout>();
  readonly seen = new Map<string, number>();
  readonly stats = { requests: 0, faults: 0 };
  /** Answers are deterministic per (model, body): a bounded memo saves recomputing them. */
  private readonly answers = new Map<string, EmulatorAnswer>();
  private counter = 0;
  closed = false;

  constructor(readonly settings: ResolvedSettings) {
    this.catalog = loadCatalog(settings.catalogPath);
  }

  wait(ms: number): Promise<void> {
    if (ms <= 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, Math.ceil(ms));
      this.timers.add(t);
    });
  }

  /** A generator seeded by the endpoint seed, the request and how often it was seen. */
  randomFor(modelId: string, body: string): () => number {
    const key = `${modelId}|${hash32(body)}`;
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return seededRandom(`${this.settings.seed}|${key}|${n}`);
  }

  resolveModel(raw: string): CatalogModel {
    const id = decodeURIComponent(raw);
    const model = findModel(this.catalog, id);
    if (!model) throw new BedrockError('ValidationException', `The provided model identifier is invalid. (${id} is not one of this local endpoint's models: see data/model_catalog.json)`);
    if (this.settings.deniedModels.includes(model.modelId) || this.settings.deniedModels.includes(id)) {
      throw new BedrockError('AccessDeniedException', `You don't have access to the model with the specified model ID. (${id} is set as denied on this local endpoint)`);
    }
    return model;
  }

  answerFor(key: string, request: EmulatorRequest): EmulatorAnswer {
    const cached = this.answers.get(key);
    if (cached) return cached;
    const answer = generateAnswer(request);
    if (!this.settings.answerMemo) return answer;
    if (this.answers.size >= ANSWER_MEMO_SIZE) this.answers.delete(this.answers.keys().next().value as string);
    this.answers.set(key, answer);
    return answer;
  }

  /** Seeded fault injection at the configured rates. */
  async maybeFault(random: () => number, timeoutMs: number): Promise<void> {
    const { throttlingRate, serverErrorRate, timeoutRate } = this.settings.faults;
    const draw = random();
    if (draw < throttlingRate) {
      this.stats.faults++;
      throw new BedrockError('ThrottlingException', 'Too many requests, please wait before trying again.');
    }
    if (draw < throttlingRate + serverErrorRate) {
      this.stats.faults++;
      if (random() < 0.5) throw new BedrockError('InternalServerException', 'An internal server error occurred. Retry your request.');
      throw new BedrockError('ServiceUnavailableException', 'The service is temporarily unable to handle the request. Retry your request.');
    }
    if (draw < throttlingRate + serverErrorRate + timeoutRate) {
      this.stats.faults++;
      await this.wait(timeoutMs);
      throw new BedrockError('ModelTimeoutException', 'The request took too long to process. Processing time exceeded the model timeout length.');
    }
  }

  async handle(method: string, rawUrl: string, body: string, res: Responder): Promise<void> {
    this.stats.requests++;
    const url = new URL(rawUrl, 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean);
    const req = { method: method.toUpperCase() };
    try {
      if (req.method === 'GET' && parts[0] === 'foundation-models' && parts.length === 1) {
        return sendJson(res, 200, listFoundationModels(this.catalog, url.searchParams, this.settings.region));
      }
      if (req.method === 'GET' && parts[0] === 'foundation-models' && parts.length === 2) {
        return sendJson(res, 200, getFoundationModel(this.catalog, decodeURIComponent(parts[1]), this.settings.region));
      }
      if (req.method === 'GET' && parts[0] === 'inference-profiles' && parts.length === 1) {
        return sendJson(res, 200, listInferenceProfiles(this.catalog, this.settings.region));
      }
      if (req.method === 'POST' && parts[0] === 'model' && parts.length === 3 && ['converse', 'converse-stream', 'invoke'].includes(parts[2])) {
        return await this.runtime(parts[1], parts[2] as 'converse' | 'converse-stream' | 'invoke', body, res);
      }
      throw new BedrockError('ResourceNotFoundException', `No such route on the local Bedrock endpoint: ${req.method} ${url.pathname}. Supported: POST /model/{id}/converse, /converse-stream, /invoke; GET /foundation-models, /inference-profiles.`);
    } catch (error) {
      if (error instanceof BedrockError) return sendError(res, error);
      return sendError(res, new BedrockError('InternalServerException', `Local endpoint error: ${(error as Error).message}`));
    }
  }

  async runtime(rawModel: string, api: 'converse' | 'converse-stream' | 'invoke', body: string, res: Responder): Promise<void> {
    // 1. model and body.
    const model = this.resolveModel(rawModel);
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(body || '{}') as Record<string, unknown>;
    } catch {
      throw new BedrockError('ValidationException', 'Malformed input request: the body is not valid JSON, please reformat your input and try again.');
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw new BedrockError('ValidationException', 'Malformed input request: expected a JSON object.');
    const kind = api === 'invoke' ? invokeBodyKind(json, model) : 'converse';
    const request = parseRequest(kind, json, model, this.settings.seed);
    if (request.maxTokens !== undefined && request.maxTokens > model.maxOutputTokens) {
      throw new BedrockError('ValidationException', `The maximum tokens you requested (${request.maxTokens}) exceeds the model limit of ${model.maxOutputTokens} for ${model.modelId}.`);
    }

    // 2. the input must fit the model's context window (system + every message).
    const inputTokens = estimateTokens([...request.system, ...request.messages.map((m) => m.text)].join('\n\n'));
    if (inputTokens > model.contextWindow) {
      throw new BedrockError('ValidationException', `Input is too long for requested model ${model.modelId}: ${inputTokens} input tokens, context window ${model.contextWindow}. Shorten the document (truncateToTokens in src/core/tokens.ts) or choose a model with a larger window.`);
    }

    // 3. the answer (deterministic), its timing and any fault (seeded per request).
    const answer = this.answerFor(`${model.modelId}|${kind}|${body}`, request);
    const random = this.randomFor(model.modelId, body);
    const timing = sampleTiming(model, answer.outputTokens, this.settings.latencyScale, random);
    await this.maybeFault(random, timing.totalMs * 2);
    const latencyMs = Math.max(1, Math.round(timing.totalMs));
    const requestId = `${++this.counter}`;

    // 4. respond, as a whole or as a paced event stream.
    if (api === 'invoke') {
      await this.wait(timing.totalMs);
      return sendJson(res, 200, invokeResponse(kind, answer, model, requestId), { 'x-amzn-bedrock-input-token-count': String(answer.inputTokens), 'x-amzn-bedrock-output-token-count': String(answer.outputTokens), 'x-amzn-bedrock-invocation-latency': String(latencyMs) });
    }
    const usage = { inputTokens: answer.inputTokens, outputTokens: answer.outputTokens, totalTokens: answer.inputTokens + answer.outputTokens };
    if (api === 'converse') {
      await this.wait(timing.totalMs);
      return sendJson(res, 200, { output: { message: { role: 'assistant', content: [{ text: answer.text }] } }, stopReason: answer.stopReason, usage, metrics: { latencyMs } });
    }
    const out = res;
    out.head(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': requestId });
    out.write(eventFrame('messageStart', { role: 'assistant' }));
    const chunks = streamChunks(answer.text);
    // Pace chunks on an absolute schedule (first after TTFT, the rest spread over the
    // generation time), so timer rounding cannot accumulate into a shorter total.
    const start = performance.now();
    const gap = chunks.length > 1 ? timing.generationMs / (chunks.length - 1) : 0;
    for (let i = 0; i < chunks.length; i++) {
      await this.wait(start + timing.timeToFirstTokenMs + i * gap - performance.now());
      if (this.closed) break;
      out.write(eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: chunks[i] } }));
    }
    out.write(eventFrame('contentBlockStop', { contentBlockIndex: 0 }));
    out.write(eventFrame('messageStop', { stopReason: answer.stopReason }));
    out.end(eventFrame('metadata', { usage, metrics: { latencyMs } }));
  }
}

function readBody(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

function sendJson(res: Responder, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.head(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function sendError(res: Responder, error: BedrockError): void {
  if (res.started) {
    res.end();
    return;
  }
  const { status, headers, body } = errorResponse(error);
  res.head(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** Start the endpoint on 127.0.0.1 (port 0 = any free port). */
export async function startLocalBedrock(options: LocalBedrockOptions = {}): Promise<LocalBedrock> {
  const settings = resolveSettings(options);
  const endpoint = new Endpoint(settings);
  const h1 = http.createServer((req, res) => {
    void readBody(req).then((body) => endpoint.handle(req.method ?? 'GET', req.url ?? '/', body, http1Responder(res)));
  });
  h1.keepAliveTimeout = 30_000;
  // HTTP/2 through raw streams (lighter than Node's HTTP/1-compatibility layer).
  const h2 = http2.createServer();
  h2.on('stream', (stream, headers) => {
    stream.on('error', () => stream.destroy());
    void readBody(stream).then((body) => endpoint.handle(String(headers[':method']), String(headers[':path']), body, http2Responder(stream)));
  });
  const sockets = new Set<net.Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });

  // One port, two protocols: peek at the first bytes of each connection.
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      const target = first.subarray(0, 3).toString('latin1') === 'PRI' ? h2 : h1;
      target.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, '127.0.0.1', () => resolve());
  });
  const { address: host, port } = server.address() as net.AddressInfo;
  return {
    url: `http://${host}:${port}`,
    host,
    port,
    settings,
    stats: endpoint.stats,
    async stop() {
      endpoint.closed = true;
      for (const t of endpoint.timers) clearTimeout(t);
      endpoint.timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sessions) s.destroy();
        for (const s of sockets) s.destroy();
      });
      h1.close();
      h2.close();
    },
  };
}
