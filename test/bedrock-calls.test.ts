import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  backoffDelayMs,
  callMeasured,
  classifyError,
  converse,
  converseStream,
  createRuntimeClient,
  measurementProblem,
  toConverseInput,
  type MeasureCall,
} from '../src/core/bedrock';
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { closeLogger, createRunLogger } from '../src/core/logging';
import { CONVERSE_OK, startScriptedServer, type Step } from './helpers/scripted-h2-server';
import { BedrockCallError } from '../src/core/bedrock';
import { WorkshopError } from '../src/core/errors';

const CREDS = { accessKeyId: 'local', secretAccessKey: 'local' };
const MODEL = 'amazon.nova-lite-v1:0';
const noWait = { sleep: async () => {}, random: () => 0.5 };
const servers: { stop(): Promise<void> }[] = [];
after(async () => {
  for (const s of servers) await s.stop();
});

async function setup(script: Step[]) {
  const server = await startScriptedServer(script);
  servers.push(server);
  const client = createRuntimeClient({ region: 'us-east-1', endpoint: server.url, credentials: CREDS });
  return { server, client };
}

const STREAM_EVENTS: [string, unknown][] = [
  ['messageStart', { role: 'assistant' }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hello ' } }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'world' } }],
  ['contentBlockStop', { contentBlockIndex: 0 }],
  ['messageStop', { stopReason: 'end_turn' }],
  ['metadata', { usage: { inputTokens: 7, outputTokens: 4, totalTokens: 11 }, metrics: { latencyMs: 42 } }],
];

test('toConverseInput builds messages, system and inferenceConfig, with only the members that are set', () => {
  assert.deepEqual(toConverseInput({ modelId: MODEL, prompt: 'Hi', system: 'Be brief', maxTokens: 10 }), {
    modelId: MODEL,
    messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
    system: [{ text: 'Be brief' }],
    inferenceConfig: { maxTokens: 10 },
  });
  assert.deepEqual(Object.keys(toConverseInput({ modelId: MODEL, prompt: 'Hi' })), ['modelId', 'messages']);
  assert.deepEqual(toConverseInput({ modelId: MODEL, prompt: 'Hi', temperature: 0, stopSequences: ['END'] }).inferenceConfig, {
    temperature: 0,
    stopSequences: ['END'],
  });
});

test('a Converse success is recorded with tokens, stop reason and server latency', async () => {
  const { server, client } = await setup([{ kind: 'json', body: CONVERSE_OK }]);
  const r = await converse(client, { modelId: MODEL, prompt: 'Say hi', maxTokens: 50 });
  assert.equal(r.status, 'success');
  assert.equal(r.responseText, 'hi there');
  assert.equal(r.stopReason, 'end_turn');
  assert.deepEqual([r.inputTokens, r.outputTokens, r.serverLatencyMs, r.attempts], [3, 2, 5, 1]);
  assert.equal(r.timeToFirstTokenMs, null);
  assert.ok(r.latencyMs! > 0 && r.latencyMs! <= r.totalTimeMs);
  assert.ok(r.outputTokensPerSecond! > 0);
  assert.equal(server.requests[0].path, '/model/amazon.nova-lite-v1%3A0/converse');
  assert.deepEqual(JSON.parse(server.requests[0].body).inferenceConfig, { maxTokens: 50 });
});

test('a ConverseStream success measures time to first token', async () => {
  const { client } = await setup([{ kind: 'stream', events: STREAM_EVENTS, gapMs: 15 }]);
  const r = await converseStream(client, { modelId: MODEL, prompt: 'Say hello' });
  assert.equal(r.status, 'success');
  assert.equal(r.responseText, 'Hello world');
  assert.deepEqual([r.inputTokens, r.outputTokens, r.serverLatencyMs, r.stopReason], [7, 4, 42, 'end_turn']);
  assert.ok(r.timeToFirstTokenMs! > 0 && r.timeToFirstTokenMs! < r.latencyMs!, `ttft ${r.timeToFirstTokenMs} latency ${r.latencyMs}`);
  assert.ok(r.outputTokensPerSecond! > 0);
  assert.equal(r.streaming, true);
});

test('throttled twice then success: 3 attempts, latency of the final attempt only', async () => {
  const throttle: Step = { kind: 'error', status: 429, type: 'ThrottlingException', message: 'Too many requests' };
  const { client } = await setup([throttle, throttle, { kind: 'json', body: CONVERSE_OK }]);
  const delays: number[] = [];
  const r = await converse(
    client,
    { modelId: MODEL, prompt: 'x' },
    {
      retry: { maxAttempts: 3, baseDelayMs: 40, maxDelayMs: 1000 },
      random: () => 0.99,
      sleep: (ms) => {
        delays.push(ms);
        return new Promise((res) => setTimeout(res, ms));
      },
    },
  );
  assert.equal(r.status, 'success');
  assert.equal(r.attempts, 3);
  assert.deepEqual(delays, [39, 79]); // full jitter: floor(0.99 × 40), floor(0.99 × 80)
  assert.ok(r.totalTimeMs >= r.latencyMs! + 100, `total ${r.totalTimeMs} latency ${r.latencyMs}`);
});

test('ValidationException and AccessDeniedException are not retried and name the model', async () => {
  const { client } = await setup([
    { kind: 'error', status: 400, type: 'ValidationException', message: 'The provided model identifier is invalid.' },
    { kind: 'error', status: 403, type: 'AccessDeniedException', message: "You don't have access to the model." },
    { kind: 'error', status: 403, type: 'AccessDeniedException', message: "You don't have access to the model." },
  ]);
  const v = await converse(client, { modelId: MODEL, prompt: 'x' }, noWait);
  assert.deepEqual([v.status, v.attempts, v.errorType, v.retryable], ['error', 1, 'ValidationException', false]);
  assert.match(v.errorMessage!, /^amazon\.nova-lite-v1:0: ValidationException — The provided model identifier is invalid\..*Fix:/);
  const a = await converse(client, { modelId: MODEL, prompt: 'x' }, noWait);
  assert.equal(a.errorType, 'AccessDeniedException');
  assert.match(a.errorMessage!, /Model access/);
  await assert.rejects(converse(client, { modelId: MODEL, prompt: 'x' }, { ...noWait, throwOnError: true }), (e: unknown) => {
    // The Bedrock error type and the whole record survive the throw; the message keeps model, reason and fix.
    assert.ok(e instanceof BedrockCallError && e instanceof WorkshopError);
    assert.equal(e.errorType, 'AccessDeniedException');
    assert.equal(e.record.attempts, 1);
    assert.equal(e.context.model, MODEL);
    assert.match(e.message, /^amazon\.nova-lite-v1:0: AccessDeniedException — .* Fix: .*Model access/);
    assert.match(String(e.fix), /Model access/);
    return true;
  });
});

test('exhausted retries end as an error record with every attempt counted', async () => {
  const err: Step = { kind: 'error', status: 503, type: 'ServiceUnavailableException', message: 'busy' };
  const { client } = await setup([err, err, err]);
  const r = await converseStream(client, { modelId: MODEL, prompt: 'x' }, { ...noWait, retry: { maxAttempts: 3 } });
  assert.deepEqual([r.status, r.attempts, r.errorType, r.retryable], ['error', 3, 'ServiceUnavailableException', true]);
  assert.match(r.errorMessage!, /after 3 attempts/);
});

test('a hanging server times out per attempt; a dropped connection is retried', async () => {
  const { client } = await setup([{ kind: 'hang' }, { kind: 'hang' }]);
  const t = await converse(client, { modelId: MODEL, prompt: 'x' }, { ...noWait, timeoutMs: 100, retry: { maxAttempts: 2 } });
  assert.deepEqual([t.status, t.errorType, t.attempts], ['error', 'TimeoutError', 2]);
  assert.match(t.errorMessage!, /no complete answer within 100 ms.*timeout_seconds/);

  const second = await setup([{ kind: 'reset' }, { kind: 'json', body: CONVERSE_OK }]);
  const r = await converse(second.client, { modelId: MODEL, prompt: 'x' }, noWait);
  assert.deepEqual([r.status, r.attempts], ['success', 2]);
});

test('every attempt is logged, and the log holds no credentials', async () => {
  const throttle: Step = { kind: 'error', status: 429, type: 'ThrottlingException', message: 'slow down' };
  const { client } = await setup([throttle, { kind: 'json', body: CONVERSE_OK }]);
  const { logger, file } = createRunLogger({ modelId: MODEL, logDir: mkdtempSync(path.join(tmpdir(), 'log-')) });
  await converse(client, { modelId: MODEL, prompt: 'x' }, { ...noWait, logger });
  await closeLogger(logger);
  const log = readFileSync(file, 'utf8');
  assert.match(log, /WARN - Converse amazon\.nova-lite-v1:0 attempt 1\/3: ThrottlingException — slow down; retrying in \d+ ms/);
  assert.match(log, /INFO - Converse amazon\.nova-lite-v1:0 attempt 2\/3: success/);
});

test('backoff is full jitter under an exponential cap', () => {
  const cfg = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
  assert.equal(
    backoffDelayMs(1, cfg, () => 0),
    0,
  );
  assert.equal(
    backoffDelayMs(1, cfg, () => 0.999),
    99,
  );
  assert.equal(
    backoffDelayMs(3, cfg, () => 0.999),
    399,
  );
  assert.equal(
    backoffDelayMs(10, cfg, () => 0.999),
    999,
  ); // capped at maxDelayMs
});

test('classifyError separates transient from permanent errors', () => {
  assert.equal(classifyError({ name: 'ThrottlingException', message: 'x' }).retryable, true);
  assert.equal(classifyError({ name: 'ModelNotReadyException', message: 'x' }).retryable, true);
  assert.equal(classifyError({ name: 'ValidationException', message: 'x' }).retryable, false);
  assert.equal(classifyError({ name: 'AccessDeniedException', message: 'x' }).retryable, false);
  const reset = classifyError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  assert.deepEqual([reset.type, reset.retryable], ['NetworkError', true]);
  assert.equal(classifyError(new TypeError('bug')).retryable, false);
});

test('callMeasured runs a measure function written outside the library, inside the same retries, timeouts and records', async () => {
  const throttle: Step = { kind: 'error', status: 429, type: 'ThrottlingException', message: 'Too many requests' };
  const { client } = await setup([throttle, { kind: 'stream', events: STREAM_EVENTS, gapMs: 15 }]);
  // A notebook-style function: time to the first sentence's end instead of the first token.
  const signals: AbortSignal[] = [];
  const firstWord: MeasureCall = async (bedrock, input, signal) => {
    signals.push(signal);
    const start = performance.now();
    const response = await bedrock.send(new ConverseStreamCommand(input), { abortSignal: signal });
    let text = '';
    let firstWordMs: number | null = null;
    let usage: { inputTokens?: number; outputTokens?: number } | undefined;
    for await (const event of response.stream ?? []) {
      text += event.contentBlockDelta?.delta?.text ?? '';
      if (firstWordMs === null && text.includes(' ')) firstWordMs = performance.now() - start;
      if (event.metadata) usage = event.metadata.usage;
    }
    return {
      text,
      stopReason: 'end_turn',
      inputTokens: usage?.inputTokens ?? null,
      outputTokens: usage?.outputTokens ?? null,
      serverLatencyMs: null,
      timeToFirstTokenMs: firstWordMs,
      latencyMs: performance.now() - start,
    };
  };
  const r = await callMeasured(client, { modelId: MODEL, prompt: 'Say hello' }, firstWord, noWait, true);
  assert.equal(r.status, 'success');
  assert.equal(r.attempts, 2, 'the throttled attempt was retried around the function');
  assert.equal(signals.length, 2);
  assert.equal(r.responseText, 'Hello world');
  assert.deepEqual([r.inputTokens, r.outputTokens, r.streaming], [7, 4, true]);
  assert.ok(r.timeToFirstTokenMs! > 0 && r.timeToFirstTokenMs! < r.latencyMs!);
});

test('a measure function that returns a broken measurement gives an error record naming the field and the fix, not a retry', async () => {
  const { client } = await setup([{ kind: 'json', body: CONVERSE_OK }]);
  let calls = 0;
  const broken = (async () => {
    calls++;
    return {
      text: 'hi',
      stopReason: null,
      inputTokens: 3,
      outputTokens: 2,
      serverLatencyMs: null,
      timeToFirstTokenMs: null,
      latencyMs: Number.NaN,
    };
  }) as MeasureCall;
  Object.defineProperty(broken, 'name', { value: 'measureStream' });
  const r = await callMeasured(client, { modelId: MODEL, prompt: 'x' }, broken, noWait, true);
  assert.equal(r.status, 'error');
  assert.equal(calls, 1);
  assert.equal(r.errorType, 'InvalidMeasurement');
  assert.match(
    r.errorMessage!,
    /the measure function measureStream "latencyMs" is NaN, not the milliseconds .* Fix: return \{ text, stopReason/,
  );
  assert.equal(measurementProblem(undefined), 'it returned undefined, not a measurement object');
  assert.match(measurementProblem({ text: 'a', latencyMs: 5, inputTokens: -1 })!, /"inputTokens" is -1/);
  assert.match(measurementProblem({ text: 'a', latencyMs: 5, outputTokens: '4' })!, /"outputTokens" is 4, not a number/);
  assert.match(measurementProblem({ text: 'a', latencyMs: 5, timeToFirstTokenMs: 9 })!, /later than "latencyMs"/);
  assert.equal(
    measurementProblem({ text: '', latencyMs: 0, inputTokens: null, outputTokens: 0, serverLatencyMs: null, timeToFirstTokenMs: null }),
    null,
  );
});
