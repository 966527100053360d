/**
 * The local Bedrock endpoint: an HTTP server on 127.0.0.1 that the unmodified AWS SDK
 * clients talk to. Only the endpoint differs from real Bedrock; the wire protocol is the
 * same:
 *
 * 1. one port serves both HTTP/2 cleartext (the SDK's runtime client speaks h2c with prior
 *    knowledge to an `http://` endpoint) and HTTP/1.1 (curl, the SDK's `NodeHttpHandler`,
 *    the AWS SDK for JavaScript v2): we peek at the first bytes of each connection — an
 *    HTTP/2 client starts with `PRI * HTTP/2.0` — and hand the socket to the matching server;
 * 2. runtime routes: `POST /model/{id}/converse`, `/converse-stream`, `/invoke`,
 *    `/invoke-with-response-stream`, `/count-tokens`; control plane: `GET /foundation-models`
 *    `[/{id}]`, `GET /inference-profiles[/{id}]`, the Advanced Prompt Optimization jobs
 *    (`/advanced-prompt-optimization-jobs[/{id}[/stop]]`, `/advanced-prompt-optimization-job/batch-delete`,
 *    prompt-jobs.ts); Agents for Amazon Bedrock Runtime: `POST /optimize-prompt` (an event
 *    stream of `analyzePromptEvent` and `optimizedPromptEvent`). Every response carries
 *    `x-amzn-RequestId`;
 * 3. each call: resolve the model (ids, inference profiles and ARNs, as Bedrock allows them),
 *    check the body as Bedrock does (converse-input.ts, invoke-bodies.ts), maybe inject a
 *    fault, compute the answer, apply the prompt cache, sample its latency, wait, respond.
 * docs/local-endpoint.md describes every emulation rule and its source.
 */
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import type { Readable } from 'node:stream';
import { loadCatalog, type CatalogModel, type ModelCatalog } from '../core/catalog';
import { seededRandom } from '../core/stats/random';
import { promptTokens, type ChatRequest } from './chat-request';
import { getFoundationModel, getInferenceProfile, listFoundationModels, listInferenceProfiles } from './control-plane';
import { converseRequest } from './converse-input';
import { answerChat, type ChatAnswer } from './emulator/chat';
import { hash32 } from './emulator/text';
import { BedrockError, errorResponse } from './errors';
import { eventFrame } from './event-stream';
import { invokeRequest } from './invoke-bodies';
import { simpleOptimization } from './emulator/prompt-rewrite';
import { PromptOptimizationJobs } from './prompt-jobs';
import { estimateTokens } from '../core/tokens';
import { sampleTiming, type LatencyFactors } from './latency';
import { LATENCY_FACTORS, onDemand, refuses, supportsServiceTier } from './model-support';
import { PromptCache, type CacheUsage } from './prompt-cache';
import { Replay } from './replay';
import { converseBody, converseStreamEvents, invokeBody, invokeStreamChunks, type Figures } from './responses';
import { COUNT_TOKENS_REQUEST, OPTIMIZE_PROMPT_REQUEST, validateShape } from './shapes';
import {
  BodyTimedOut,
  BodyTooLarge,
  bodyTooLarge,
  ClientGone,
  readBody,
  decodePathSegment,
  decodeUtf8,
  parseJsonObject,
  requestTimedOut,
} from './request-body';
import { resolveSettings, type LocalBedrockOptions, type ResolvedSettings } from './settings';

export { streamChunks } from './responses';

export interface LocalBedrock {
  url: string;
  /** The address the server is bound to: always 127.0.0.1 (never reachable from other machines). */
  host: string;
  port: number;
  settings: ResolvedSettings;
  /** Requests served so far, by route kind. */
  stats: { requests: number; faults: number };
  /** The cassette being replayed (LOCAL_BEDROCK_REPLAY), with its counts; null when every answer is emulated. */
  replay: Replay | null;
  /**
   * Serve one request in this process, without a connection: the same routing, checks,
   * answer, faults and latency as the request over HTTP, and the response as HTTP would
   * carry it (status, headers, body). What Bedrock's batch service does with a job's records,
   * inside AWS — the emulated batch job uses it (`runEmulatedBatch`), so a 20,000-record job
   * costs no client signing, no HTTP/2 framing and no connection per record.
   *
   * @example
   * const r = await endpoint.request('POST', '/model/amazon.nova-lite-v1%3A0/invoke',
   *   { 'content-type': 'application/json' }, JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }));
   * // r.status 200 · r.headers['content-type'] 'application/json' · JSON.parse(r.body).output.message…
   */
  request(method: string, path: string, headers: Record<string, string>, body: string): Promise<InProcessResponse>;
  stop(): Promise<void>;
}

/** A response served in process (`LocalBedrock.request`): what the wire would have carried. */
export interface InProcessResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The few response operations we need, over an HTTP/1.1 response or a raw HTTP/2 stream. */
interface Responder {
  readonly started: boolean;
  /** The client is gone (connection closed or stream reset): nothing more can reach it. */
  readonly gone: boolean;
  head(status: number, headers: Record<string, string>): void;
  write(chunk: Uint8Array | string): void;
  end(chunk?: Uint8Array | string): void;
  /**
   * The request body will not be read (refused early): answer, then stop the client sending —
   * HTTP/1.1 closes the connection after a short drain, HTTP/2 resets the stream (NO_ERROR).
   */
  abandonRequest(): void;
}

type Headers = Record<string, string | string[] | undefined>;

/** After an early answer, how long an HTTP/1.1 connection may keep draining the unread body. */
const ABANDON_GRACE_MS = 5000;

function http1Responder(req: http.IncomingMessage, res: http.ServerResponse): Responder {
  return {
    get started() {
      return res.headersSent;
    },
    get gone() {
      return res.destroyed || !!req.socket?.destroyed;
    },
    head: (status, headers) => void res.writeHead(status, headers),
    write: (chunk) => void (res.destroyed || res.write(chunk)),
    end: (chunk) => void (res.destroyed || (chunk === undefined ? res.end() : res.end(chunk))),
    abandonRequest: () => {
      // A lingering close: discard what still arrives (nothing is buffered), end our side
      // (FIN) once the answer is written, and destroy the socket only after a grace period —
      // destroying it while the client still sends resets the connection, and a reset can
      // discard the answer before the client reads it. Node's own close after an answer to a
      // `Connection: close` request (socket.destroySoon) would do just that, so it lingers too.
      req.resume();
      const socket = req.socket as net.Socket & { destroySoon?: () => void };
      const linger = () => {
        socket.end();
        setTimeout(() => socket.destroy(), ABANDON_GRACE_MS).unref();
      };
      socket.destroySoon = linger;
      res.once('finish', linger);
    },
  };
}

function http2Responder(stream: http2.ServerHttp2Stream): Responder {
  let started = false;
  let abandon = false;
  return {
    get started() {
      return started;
    },
    get gone() {
      return stream.destroyed || stream.closed;
    },
    head: (status, headers) => {
      started = true;
      if (!stream.destroyed) stream.respond({ ':status': status, ...headers });
    },
    write: (chunk) => void (stream.destroyed || stream.write(chunk)),
    end: (chunk) => {
      if (stream.destroyed) return;
      const after = () => abandon && !stream.destroyed && stream.close(http2.constants.NGHTTP2_NO_ERROR);
      if (chunk === undefined) stream.end(after);
      else stream.end(chunk, after);
    },
    abandonRequest: () => {
      abandon = true;
    },
  };
}

/** A response collected in memory: `LocalBedrock.request`, with no connection under it. */
function memoryResponder(): Responder & { response(): InProcessResponse } {
  let status = 0;
  let head: Record<string, string> = {};
  let ended = false;
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  const add = (chunk: Uint8Array | string) => chunks.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  return {
    get started() {
      return status !== 0;
    },
    gone: false,
    head: (s, h) => {
      status = s;
      head = h;
    },
    write: add,
    end: (chunk) => {
      if (chunk !== undefined) add(chunk);
      chunks.push(decoder.decode());
      ended = true;
    },
    abandonRequest: () => {},
    response: () => ({ status: ended ? status : 500, headers: head, body: chunks.join('') }),
  };
}

const ANSWER_MEMO_SIZE = 2000;
const RUNTIME_OPS = new Set(['converse', 'converse-stream', 'invoke', 'invoke-with-response-stream', 'count-tokens']);
type RuntimeOp = 'converse' | 'converse-stream' | 'invoke' | 'invoke-with-response-stream' | 'count-tokens';

export const ON_DEMAND_REFUSED = (id: string) =>
  `Invocation of model ID ${id} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`;
export const END_OF_LIFE = 'This model version has reached the end of its life. Please refer to the AWS documentation for more details.';

const header = (headers: Headers, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

class Endpoint {
  readonly catalog: ModelCatalog;
  readonly timers = new Set<NodeJS.Timeout>();
  readonly seen = new Map<string, number>();
  readonly stats = { requests: 0, faults: 0 };
  readonly cache: PromptCache;
  readonly replay: Replay | null;
  /** Answers are deterministic per (model, body): a bounded memo saves recomputing them. */
  private readonly answers = new Map<string, ChatAnswer>();
  /** Memo keys seen once (an answer is kept from the second time on). */
  private readonly seenOnce = new Set<string>();
  /** Advanced Prompt Optimization jobs (control plane), emulated. */
  readonly jobs: PromptOptimizationJobs;
  closed = false;

  constructor(readonly settings: ResolvedSettings) {
    this.catalog = settings.catalog ?? loadCatalog(settings.catalogPath);
    for (const m of this.catalog.models) m.inferenceProfiles ??= [];
    this.cache = new PromptCache(settings.clock);
    this.replay = settings.replay ? new Replay(settings.replay, settings.latencyScale, (ms) => this.wait(ms)) : null;
    this.jobs = new PromptOptimizationJobs({
      region: settings.region,
      seed: settings.seed,
      latencyScale: settings.latencyScale,
      s3Dir: settings.s3Dir,
      clock: settings.clock,
      // A job calls its target models as ConverseStream would (by profile where Bedrock requires one).
      resolveModel: (id) => this.resolveModel(id, 'converse'),
      findModel: (id) => this.findModel(id),
      wait: (ms) => this.wait(ms),
      closed: () => this.closed,
    });
  }

  /** The catalogue entry of a model id, profile id or ARN — no access or lifecycle check. */
  findModel(raw: string): CatalogModel | undefined {
    const tail = raw.slice(raw.lastIndexOf('/') + 1);
    return this.catalog.models.find((m) => m.modelId === tail || m.inferenceProfiles.includes(tail));
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

  /**
   * A model identifier as Bedrock takes it: a base model id or its foundation-model ARN
   * (on-demand throughput), or a system inference profile id or ARN.
   */
  /** Identifiers resolved so far (the catalogue and the denied list do not change while the endpoint runs). */
  private readonly resolved = new Map<string, { model: CatalogModel; viaProfile: boolean; tail: string }>();

  resolveModel(raw: string, op: RuntimeOp): CatalogModel {
    let entry = this.resolved.get(raw);
    if (!entry) {
      entry = this.lookUpModel(raw);
      if (this.resolved.size < 1000) this.resolved.set(raw, entry);
    }
    const { model, viaProfile, tail } = entry;
    const eol = model.lifecycle?.endOfLifeDate;
    if (eol && this.settings.clock() >= Date.parse(eol)) throw new BedrockError('ResourceNotFoundException', END_OF_LIFE);
    if (!viaProfile && op !== 'count-tokens' && !onDemand(model)) throw new BedrockError('ValidationException', ON_DEMAND_REFUSED(tail));
    return model;
  }

  lookUpModel(raw: string): { model: CatalogModel; viaProfile: boolean; tail: string } {
    const id = decodePathSegment(raw, 'modelId');
    const slash = id.lastIndexOf('/');
    const tail = slash >= 0 ? id.slice(slash + 1) : id;
    const isProfileArn = id.startsWith('arn:') && id.includes(':inference-profile/');
    const isModelArn = id.startsWith('arn:') && id.includes(':foundation-model/');
    let model: CatalogModel | undefined;
    let viaProfile = false;
    if (!id.startsWith('arn:') || isModelArn) model = this.catalog.models.find((m) => m.modelId === tail);
    if (!model && (!id.startsWith('arn:') || isProfileArn)) {
      model = this.catalog.models.find((m) => m.inferenceProfiles.includes(tail));
      viaProfile = !!model;
    }
    if (!model)
      throw new BedrockError(
        'ValidationException',
        `The provided model identifier is invalid. (${id} is not one of this local endpoint's models or inference profiles: see data/model_catalog.json)`,
      );
    if (this.settings.deniedModels.includes(model.modelId) || this.settings.deniedModels.includes(id)) {
      throw new BedrockError(
        'AccessDeniedException',
        `You don't have access to the model with the specified model ID. (${id} is set as denied on this local endpoint)`,
      );
    }
    return { model, viaProfile, tail };
  }

  /**
   * The answer to a request, memoized by a hash of what decides it (model, operation, body).
   * An answer is kept only once its request comes a second time: a benchmark repeating a
   * prompt is served from memory, while a stream of distinct requests (a 20,000-record batch
   * job) keeps nothing — each kept answer outlives many young-generation collections, so a
   * memo filled by one-off requests would be promoted garbage for the full collector.
   */
  answerFor(model: string, op: string, body: string, request: ChatRequest): ChatAnswer {
    const key = `${model}|${op}|${createHash('sha1').update(body).digest('base64')}`;
    const cached = this.answers.get(key);
    if (cached) return cached;
    const answer = answerChat(request, this.settings.seed);
    if (!this.seenOnce.has(key)) {
      if (this.seenOnce.size >= ANSWER_MEMO_SIZE) this.seenOnce.delete(this.seenOnce.values().next().value as string);
      this.seenOnce.add(key);
      return answer;
    }
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
      throw new BedrockError(
        'ModelTimeoutException',
        'The request took too long to process. Processing time exceeded the model timeout length.',
      );
    }
  }

  /**
   * One request, from its first body byte to its answer: read the body within the limits
   * (refusing an oversized, slow or non-UTF-8 body early, Bedrock-shaped), then dispatch it.
   * Never rejects: a client that goes away mid-body gets nothing, every other failure an answer.
   */
  async serve(method: string, rawUrl: string, headers: Headers, body: Readable, res: Responder, timeoutMs?: number): Promise<void> {
    const arrived = performance.now();
    const requestId = randomUUID();
    const { maxBodyBytes } = this.settings.limits;
    const op = runtimeOpOf(rawUrl);
    let text: string;
    try {
      const declared = Number(header(headers, 'content-length'));
      if (declared > maxBodyBytes) throw new BodyTooLarge(declared, true);
      text = decodeUtf8(await readBody(body, maxBodyBytes, timeoutMs));
    } catch (error) {
      if (error instanceof ClientGone || res.gone) return;
      if (error instanceof BodyTooLarge || error instanceof BodyTimedOut) res.abandonRequest();
      if (error instanceof BodyTooLarge) return sendError(res, bodyTooLarge(op, error.size, error.declared, maxBodyBytes), requestId);
      if (error instanceof BodyTimedOut)
        return sendError(res, requestTimedOut(`${method} ${rawUrl.slice(0, 200)}: the whole body within ${timeoutMs} ms`), requestId);
      if (error instanceof BedrockError) return sendError(res, error, requestId);
      return sendError(res, new BedrockError('InternalServerException', `Local endpoint error: ${(error as Error).message}`), requestId);
    }
    await this.handle(method, rawUrl, headers, text, res, requestId, arrived);
  }

  /** One request whose body has been read (`arrived`: when its first byte came, for a replay's pacing). */
  async handle(
    method: string,
    rawUrl: string,
    headers: Headers,
    body: string,
    res: Responder,
    requestId = randomUUID(),
    arrived = performance.now(),
  ): Promise<void> {
    this.stats.requests++;
    const q = rawUrl.indexOf('?');
    const pathname = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const parts = pathname.split('/').filter(Boolean);
    const verb = method.toUpperCase();
    try {
      // A cassette recorded on AWS answers first (LOCAL_BEDROCK_REPLAY; replay.ts).
      if (this.replay && (await this.replay.serve(verb, rawUrl, headers, body, res, arrived))) return;
      if (verb === 'POST' && parts[0] === 'model' && parts.length === 3 && RUNTIME_OPS.has(parts[2])) {
        return await this.runtime(parts[2] as RuntimeOp, parts[1], headers, body, res, requestId);
      }
      if (verb === 'POST' && pathname === '/optimize-prompt') return await this.optimizePrompt(body, res, requestId);
      if (parts[0] === 'advanced-prompt-optimization-jobs' || parts[0] === 'advanced-prompt-optimization-job') {
        const routed = this.promptJobRoute(verb, parts, rawUrl, q, body);
        if (routed) return sendJson(res, routed.status, routed.body, requestId);
      }
      if (verb === 'GET' && (parts[0] === 'foundation-models' || parts[0] === 'inference-profiles') && parts.length <= 2) {
        const query = new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : '');
        const region = this.settings.region;
        const id = parts.length === 2 ? decodePathSegment(parts[1], 'modelIdentifier') : '';
        const result =
          parts[0] === 'foundation-models'
            ? id
              ? getFoundationModel(this.catalog, id, region, this.settings.clock())
              : listFoundationModels(this.catalog, query, region)
            : id
              ? getInferenceProfile(this.catalog, id, region)
              : listInferenceProfiles(this.catalog, query, region);
        return sendJson(res, 200, result, requestId);
      }
      throw new BedrockError(
        'ResourceNotFoundException',
        `No such route on the local Bedrock endpoint: ${verb} ${pathname}. Supported: POST /model/{id}/converse, /converse-stream, /invoke, /invoke-with-response-stream, /count-tokens; GET /foundation-models[/{id}], /inference-profiles[/{id}]; POST /optimize-prompt; POST, GET /advanced-prompt-optimization-jobs, GET /advanced-prompt-optimization-jobs/{id}, POST /advanced-prompt-optimization-jobs/{id}/stop, POST /advanced-prompt-optimization-job/batch-delete.`,
      );
    } catch (error) {
      if (error instanceof BedrockError) return sendError(res, error, requestId);
      return sendError(res, new BedrockError('InternalServerException', `Local endpoint error: ${(error as Error).message}`), requestId);
    }
  }

  /** The Advanced Prompt Optimization job routes (null when the path is none of them). */
  promptJobRoute(verb: string, parts: string[], rawUrl: string, q: number, body: string): { status: number; body: unknown } | null {
    if (parts[0] === 'advanced-prompt-optimization-job')
      return verb === 'POST' && parts.length === 2 && parts[1] === 'batch-delete'
        ? { status: 202, body: this.jobs.batchDelete(asClientInput(() => parseJsonObject(body))) }
        : null;
    if (parts.length === 1 && verb === 'POST') return { status: 200, body: this.jobs.create(asClientInput(() => parseJsonObject(body))) };
    if (parts.length === 1 && verb === 'GET')
      return { status: 200, body: this.jobs.list(new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : '')) };
    const id = parts.length >= 2 ? decodePathSegment(parts[1], 'jobIdentifier') : '';
    if (parts.length === 2 && verb === 'GET') return { status: 200, body: this.jobs.get(id) };
    if (parts.length === 3 && parts[2] === 'stop' && verb === 'POST') return { status: 200, body: this.jobs.stop(id) };
    return null;
  }

  /**
   * OptimizePrompt (Agents for Amazon Bedrock Runtime): the request checked against the API
   * model, the target model resolved (ids, profiles and ARNs, access and lifecycle as for any
   * call), refused where the catalogue marks `features.promptOptimization` false, then an
   * event stream — an `analyzePromptEvent` after the model's time to first token, an
   * `optimizedPromptEvent` once the optimized prompt is "generated" (emulator/prompt-rewrite.ts).
   */
  async optimizePrompt(body: string, res: Responder, requestId: string): Promise<void> {
    const { model, text } = asClientInput(() => {
      const json = parseJsonObject(body);
      validateShape(OPTIMIZE_PROMPT_REQUEST, json);
      const target = this.resolveModel(json.targetModelId as string, 'count-tokens');
      return { model: target, text: (json.input as { textPrompt: { text: string } }).textPrompt.text };
    });
    if (refuses(model, 'promptOptimization'))
      throw new BedrockError(
        'ValidationException',
        `Prompt optimization isn't supported for the model ${model.modelId}. (features.promptOptimization is false in data/model_catalog.json, after AWS's list of supported models: https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-management-optimize.html)`,
      );
    const { analysis, optimized } = simpleOptimization(text, model);
    const random = this.randomFor(model.modelId, body);
    const timing = sampleTiming(model, estimateTokens(optimized), this.settings.latencyScale, random);
    res.head(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': requestId });
    const start = performance.now();
    await this.wait(timing.timeToFirstTokenMs);
    if (this.closed || res.gone) return res.end();
    res.write(eventFrame('analyzePromptEvent', { message: analysis }));
    await this.wait(start + timing.totalMs - performance.now());
    if (this.closed || res.gone) return res.end();
    res.end(eventFrame('optimizedPromptEvent', { optimizedPrompt: { textPrompt: { text: optimized } } }));
  }

  /** InvokeModel's service tier and latency travel in headers; check them like Converse's. */
  invokeSettings(req: ChatRequest, headers: Headers): Record<string, string> {
    const echo: Record<string, string> = {};
    const tier = header(headers, 'x-amzn-bedrock-service-tier');
    const latency = header(headers, 'x-amzn-bedrock-performanceconfig-latency');
    if (tier !== undefined) {
      if (!['priority', 'default', 'flex', 'reserved'].includes(tier))
        throw new BedrockError(
          'ValidationException',
          `1 validation error detected: Value '${tier}' at 'serviceTier' failed to satisfy constraint: Member must satisfy enum value set: [priority, default, flex, reserved]`,
        );
      if (!supportsServiceTier(req.model, tier))
        throw new BedrockError(
          'ValidationException',
          `The service tier ${tier} isn't supported for model ${req.model.modelId}. Remove serviceTier or use a supported tier and try again.`,
        );
      req.serviceTier = tier as ChatRequest['serviceTier'];
      echo['x-amzn-bedrock-service-tier'] = tier;
    }
    if (latency !== undefined) {
      if (latency !== 'standard' && latency !== 'optimized')
        throw new BedrockError(
          'ValidationException',
          `1 validation error detected: Value '${latency}' at 'performanceConfigLatency' failed to satisfy constraint: Member must satisfy enum value set: [standard, optimized]`,
        );
      if (latency === 'optimized' && refuses(req.model, 'latencyOptimized'))
        throw new BedrockError(
          'ValidationException',
          `The model ${req.model.modelId} doesn't support latency-optimized inference. Remove performanceConfig or set performanceConfig.latency to standard and try again.`,
        );
      req.latency = latency;
      echo['x-amzn-bedrock-performanceconfig-latency'] = latency;
    }
    return echo;
  }

  /**
   * Step 1 of a call: the model, and the body checked as Bedrock checks it (API-model shapes,
   * conversation rules, what the model supports, the provider's rules) and its token count.
   */
  readRequest(
    op: RuntimeOp,
    rawModel: string,
    headers: Headers,
    body: string,
  ): { model: CatalogModel; req: ChatRequest; echo: Record<string, string>; tokens: number } {
    const model = this.resolveModel(rawModel, op);
    const json = parseJsonObject(body);
    let req: ChatRequest;
    let echo: Record<string, string> = {};
    if (op === 'count-tokens') {
      validateShape(COUNT_TOKENS_REQUEST, json);
      if (refuses(model, 'countTokens'))
        throw new BedrockError(
          'ValidationException',
          `The provided model doesn't support counting tokens. (${model.modelId}: features.countTokens is false in the catalogue)`,
        );
      const input = json.input as Record<string, Record<string, unknown>>;
      req = input.converse
        ? converseRequest(input.converse, model)
        : invokeRequest(
            parseJsonObject(decodeUtf8(Buffer.from(input.invokeModel.body as string, 'base64')), 'input.invokeModel.body'),
            model,
          );
    } else if (op === 'converse' || op === 'converse-stream') {
      req = converseRequest(json, model);
      // "Streaming tool use" of the Converse feature table; Bedrock's wording (reported, earendil-works/pi#3739).
      if (op === 'converse-stream' && req.tools.length && refuses(model, 'streamingToolUse'))
        throw new BedrockError(
          'ValidationException',
          `This model doesn't support tool use in streaming mode. (${model.modelId}: features.streamingToolUse is false in data/model_catalog.json. Fix: call Converse instead of ConverseStream when you pass toolConfig.)`,
        );
    } else {
      req = invokeRequest(json, model);
      echo = this.invokeSettings(req, headers);
    }
    return { model, req, echo, tokens: promptTokens(req) };
  }

  async runtime(op: RuntimeOp, rawModel: string, headers: Headers, body: string, res: Responder, requestId: string): Promise<void> {
    // 1. model and request, checked as Bedrock checks them (a reader tripping over an
    //    unexpected shape is malformed client input: 400, never 500).
    const { model, req, echo, tokens } = asClientInput(() => this.readRequest(op, rawModel, headers, body));

    // 2. the input must fit the model's context window (tools, system, every message).
    if (tokens > model.contextWindow) {
      throw new BedrockError(
        'ValidationException',
        `Input is too long for requested model ${model.modelId}: ${tokens} input tokens, context window ${model.contextWindow}. Shorten the document (truncateToTokens in src/core/tokens.ts) or choose a model with a larger window.`,
      );
    }
    if (op === 'count-tokens') return sendJson(res, 200, { inputTokens: tokens }, requestId);

    // 3. the answer (deterministic), the prompt cache, its timing and any fault (seeded per request).
    const answer = this.settings.answerMemo
      ? this.answerFor(
          model.modelId,
          op === 'converse-stream' ? 'converse' : op === 'invoke-with-response-stream' ? 'invoke' : op,
          body,
          req,
        )
      : answerChat(req, this.settings.seed);
    const cache: CacheUsage = req.checkpoints.length ? this.cache.apply(req) : { read: 0, write: 0 };
    const random = this.randomFor(model.modelId, body);
    const timing = sampleTiming(model, answer.outputTokens, this.settings.latencyScale, random, factorsFor(req, cache, tokens));
    await this.maybeFault(random, timing.totalMs * 2);
    const figures: Figures = {
      inputTokens: tokens - cache.read - cache.write,
      outputTokens: answer.outputTokens,
      cache,
      latencyMs: Math.max(1, Math.round(timing.totalMs)),
      firstByteMs: Math.max(1, Math.round(timing.timeToFirstTokenMs)),
    };

    // 4. respond, as a whole or as a paced event stream.
    if (op === 'converse') {
      await this.wait(timing.totalMs);
      return sendJson(res, 200, converseBody(req, answer, figures), requestId);
    }
    if (op === 'invoke') {
      await this.wait(timing.totalMs);
      const extra: Record<string, string> = {
        ...echo,
        'x-amzn-bedrock-input-token-count': String(figures.inputTokens),
        'x-amzn-bedrock-output-token-count': String(figures.outputTokens),
        'x-amzn-bedrock-invocation-latency': String(figures.latencyMs),
      };
      if (req.checkpoints.length) {
        extra['x-amzn-bedrock-cache-read-input-token-count'] = String(cache.read);
        extra['x-amzn-bedrock-cache-write-input-token-count'] = String(cache.write);
      }
      return sendJson(res, 200, invokeBody(req, answer, figures, requestId), requestId, extra);
    }
    const frames =
      op === 'converse-stream'
        ? converseStreamEvents(req, answer, figures).map((e) => ({ bytes: eventFrame(e.type, e.payload), paced: e.paced }))
        : invokeStreamChunks(req, answer, figures, requestId).map((c) => ({
            bytes: eventFrame('chunk', { bytes: Buffer.from(JSON.stringify(c.chunk)).toString('base64') }),
            paced: c.paced,
          }));
    const streamHeaders: Record<string, string> = {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-requestid': requestId,
      ...echo,
    };
    if (op === 'invoke-with-response-stream') streamHeaders['x-amzn-bedrock-content-type'] = 'application/json';
    res.head(200, streamHeaders);
    // Pace token-bearing frames on an absolute schedule (first after TTFT, the rest spread over
    // the generation time), so timer rounding cannot accumulate into a shorter total.
    const paced = frames.filter((f) => f.paced).length;
    const gap = paced > 1 ? timing.generationMs / (paced - 1) : 0;
    const start = performance.now();
    let n = 0;
    for (let i = 0; i < frames.length; i++) {
      if (frames[i].paced) {
        await this.wait(start + timing.timeToFirstTokenMs + n * gap - performance.now());
        n++;
      }
      if (this.closed || res.gone) break;
      if (i === frames.length - 1) res.end(frames[i].bytes);
      else res.write(frames[i].bytes);
    }
    if (this.closed) res.end();
  }
}

/** Latency multipliers for the request's service tier, latency mode and cache reads. */
function factorsFor(req: ChatRequest, cache: CacheUsage, tokens: number): LatencyFactors | undefined {
  if (!req.serviceTier && !req.latency && !cache.read) return undefined;
  let ttft = 1;
  let tps = 1;
  if (req.serviceTier === 'priority' || req.serviceTier === 'flex') {
    ttft *= LATENCY_FACTORS[req.serviceTier].ttft;
    tps *= LATENCY_FACTORS[req.serviceTier].tps;
  }
  if (req.latency === 'optimized') {
    ttft *= LATENCY_FACTORS.optimized.ttft;
    tps *= LATENCY_FACTORS.optimized.tps;
  }
  if (cache.read && tokens > 0) ttft *= 1 - LATENCY_FACTORS.cacheReadTtftReduction * (cache.read / tokens);
  return { ttft, tps };
}

/** The runtime operation a path names (`/model/{id}/{op}`), if any. */
function runtimeOpOf(rawUrl: string): RuntimeOp | undefined {
  const q = rawUrl.indexOf('?');
  const parts = (q >= 0 ? rawUrl.slice(0, q) : rawUrl).split('/').filter(Boolean);
  return parts[0] === 'model' && parts.length === 3 && RUNTIME_OPS.has(parts[2]) ? (parts[2] as RuntimeOp) : undefined;
}

/**
 * Run a reader of client input: one that trips over a shape it did not expect (a TypeError
 * on a number where an object belongs…) is answered as malformed input, 400 — never 500.
 */
function asClientInput<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof BedrockError) throw error;
    throw new BedrockError(
      'ValidationException',
      `Malformed input request: the local endpoint could not read the request body (${(error as Error).message}). Fix: check the body against the operation's request shape (docs/local-endpoint.md), please reformat your input and try again.`,
    );
  }
}

function sendJson(res: Responder, status: number, body: unknown, requestId: string, headers?: Record<string, string>): void {
  const bytes = Buffer.from(JSON.stringify(body));
  const head: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(bytes.length),
    'x-amzn-requestid': requestId,
  };
  if (headers) Object.assign(head, headers);
  res.head(status, head);
  res.end(bytes);
}

function sendError(res: Responder, error: BedrockError, requestId: string): void {
  if (res.started) {
    res.end();
    return;
  }
  const { status, headers, body } = errorResponse(error);
  res.head(status, { ...headers, 'content-length': String(Buffer.byteLength(body)), 'x-amzn-requestid': requestId });
  res.end(body);
}

/** An HTTP/1.1 error before a request could be read (bad syntax, headers too large or too slow), Bedrock-shaped. */
function http1ClientError(error: NodeJS.ErrnoException, socket: net.Socket, headersTimeoutMs: number, requestTimeoutMs: number): void {
  const inProgress = (socket as net.Socket & { _httpMessage?: http.ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inProgress?.headersSent) {
    socket.destroy();
    return;
  }
  // Node reports both of its timeouts as ERR_HTTP_REQUEST_TIMEOUT.
  const bedrock =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT'
      ? requestTimedOut(`headers within ${headersTimeoutMs} ms, the whole request within ${requestTimeoutMs} ms`)
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? new BedrockError(
            'ValidationException',
            'Request header fields too large (more than 16 KB of headers). Fix: send fewer or shorter headers.',
            431,
          )
        : new BedrockError(
            'ValidationException',
            `Malformed HTTP request (${error.code ?? error.message}). Fix: send a well-formed HTTP/1.1 or HTTP/2 request.`,
          );
  const { status, headers, body } = errorResponse(bedrock);
  const head = Object.entries({
    ...headers,
    'content-length': String(Buffer.byteLength(body)),
    'x-amzn-requestid': randomUUID(),
    connection: 'close',
  })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\n${head}\r\n\r\n${body}`);
  socket.destroySoon();
}

/** Start the endpoint on 127.0.0.1 (port 0 = any free port). */
export async function startLocalBedrock(options: LocalBedrockOptions = {}): Promise<LocalBedrock> {
  const settings = resolveSettings(options);
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, idleTimeoutMs } = settings.limits;
  const endpoint = new Endpoint(settings);
  const noop = () => {};

  // HTTP/1.1, with a production server's timeouts (Node checks them every connectionsCheckingInterval).
  const h1 = http.createServer(
    { connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(headersTimeoutMs / 4))) },
    (req, res) => {
      req.on('error', noop); // a reset mid-body: readBody reports it, nothing may throw
      res.on('error', noop);
      void endpoint.serve(req.method ?? 'GET', req.url ?? '/', req.headers, req, http1Responder(req, res)).catch(noop);
    },
  );
  h1.headersTimeout = headersTimeoutMs;
  h1.requestTimeout = requestTimeoutMs;
  h1.keepAliveTimeout = keepAliveTimeoutMs;
  // h1 never listens itself (the net server below hands it connections), so start its
  // connection tracking — what enforces headersTimeout and requestTimeout — by hand.
  h1.emit('listening');
  h1.on('clientError', (error: NodeJS.ErrnoException, socket: net.Socket) =>
    http1ClientError(error, socket, headersTimeoutMs, requestTimeoutMs),
  );

  // HTTP/2 through raw streams (lighter than Node's HTTP/1-compatibility layer). An idle
  // session is closed (GOAWAY); a stream's body must arrive within the request timeout.
  const h2 = http2.createServer();
  h2.on('stream', (stream, headers) => {
    stream.on('error', () => stream.destroy());
    const responder = http2Responder(stream);
    void endpoint
      .serve(String(headers[':method']), String(headers[':path']), headers, stream, responder, requestTimeoutMs)
      .catch(() => stream.destroy());
  });
  h2.on('sessionError', noop);
  const sockets = new Set<net.Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  // The idle timer is our own, armed while the session has no open stream and cleared when it
  // closes: a session's own timer (`session.setTimeout`) stays armed after the session is
  // destroyed (Node 20 skips clearing it once destroyed), which kept every closed session — one
  // per call, as the SDK's Bedrock Runtime client opens a connection per call — in memory for
  // the whole timeout (≈ 4,800 of them during a 20,000-record emulated batch job).
  h2.on('session', (s) => {
    sessions.add(s);
    s.on('error', noop);
    let openStreams = 0;
    let idle: NodeJS.Timeout | undefined;
    const arm = () => {
      idle = setTimeout(() => {
        s.close();
        setTimeout(() => s.destroy(), 1000).unref();
      }, idleTimeoutMs).unref();
    };
    arm();
    s.on('stream', (stream: http2.ServerHttp2Stream) => {
      openStreams++;
      clearTimeout(idle);
      stream.once('close', () => {
        if (--openStreams === 0 && !s.closed && !s.destroyed) arm();
      });
    });
    s.on('close', () => {
      sessions.delete(s);
      clearTimeout(idle);
    });
  });

  // One port, two protocols: peek at the first bytes of each connection. A connection that
  // sends nothing is closed after the headers timeout.
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(Math.min(headersTimeoutMs, idleTimeoutMs), () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(first);
      if (first[0] === 0x50 && first[1] === 0x52 && first[2] === 0x49) {
        // "PRI": the HTTP/2 connection preface. The session takes the socket's handle.
        h2.emit('connection', socket);
      } else {
        h1.emit('connection', socket);
        process.nextTick(() => socket.resume());
      }
    });
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
    replay: endpoint.replay,
    async request(method, path, headers, body) {
      const { maxBodyBytes } = settings.limits;
      const res = memoryResponder();
      const size = Buffer.byteLength(body);
      if (size > maxBodyBytes) sendError(res, bodyTooLarge(runtimeOpOf(path), size, true, maxBodyBytes), randomUUID());
      else await endpoint.handle(method, path, headers, body, res);
      return res.response();
    },
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
