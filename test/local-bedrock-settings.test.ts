import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { findModel } from '../src/core/catalog';
import { startLocalBedrock, type LocalBedrock } from '../src/local-bedrock';
import { sampleTiming } from '../src/local-bedrock/latency';
import { resolveSettings } from '../src/local-bedrock/settings';
import { estimateTokens } from '../src/core/tokens';
import { testCatalog } from './helpers/test-catalog';

const catalog = testCatalog();
const NOVA_LITE = findModel(catalog, 'amazon.nova-lite-v1:0')!;

/** A "generator" that replays fixed numbers, to place the normal draw exactly. */
const replay = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length];
};

test('sampled latency at z = 0 is the profile medians: TTFT + tokens ÷ throughput', () => {
  // Box–Muller with u = v = 0.25 gives z = sqrt(-2 ln 0.25)·cos(π/2) = 0.
  const t = sampleTiming(NOVA_LITE, 300, 1, replay(0.25));
  const { timeToFirstTokenMs: ttft, outputTokensPerSecond: tps } = NOVA_LITE.latency;
  assert.ok(Math.abs(t.timeToFirstTokenMs - ttft.median) < 1e-9);
  assert.ok(Math.abs(t.outputTokensPerSecond - tps.median) < 1e-9);
  assert.ok(Math.abs(t.totalMs - (ttft.median + (300 / tps.median) * 1000)) < 1e-9);
});

test('sampled latency at z = 1 is median × e^σ, and the scale multiplies the times', () => {
  // u = e^(-1/2), v = 0 gives z = sqrt(1)·cos(0) = 1.
  const t = sampleTiming(NOVA_LITE, 100, 0.5, replay(Math.exp(-0.5), 0));
  const { timeToFirstTokenMs: ttft, outputTokensPerSecond: tps } = NOVA_LITE.latency;
  const expectedTtft = ttft.median * Math.exp(ttft.sigma);
  const expectedTps = tps.median * Math.exp(tps.sigma);
  assert.ok(Math.abs(t.timeToFirstTokenMs - 0.5 * expectedTtft) < 1e-9);
  assert.ok(Math.abs(t.outputTokensPerSecond - expectedTps) < 1e-9);
  assert.ok(Math.abs(t.generationMs - 0.5 * (100 / expectedTps) * 1000) < 1e-9);
  assert.equal(sampleTiming(NOVA_LITE, 100, 0, replay(0.3, 0.7)).totalMs, 0);
});

test('settings: defaults, environment variables, and explicit options winning', () => {
  const defaults = resolveSettings({}, {});
  assert.deepEqual([defaults.port, defaults.seed, defaults.latencyScale], [0, 42, 1]);
  assert.deepEqual(defaults.faults, { throttlingRate: 0, serverErrorRate: 0, timeoutRate: 0 });
  const env = {
    LOCAL_BEDROCK_SEED: '9',
    LOCAL_BEDROCK_LATENCY_SCALE: '0.5',
    LOCAL_BEDROCK_THROTTLING_RATE: '0.2',
    LOCAL_BEDROCK_SERVER_ERROR_RATE: '0.1',
    LOCAL_BEDROCK_TIMEOUT_RATE: '0.05',
    LOCAL_BEDROCK_PORT: '8765',
  };
  const fromEnv = resolveSettings({}, env);
  assert.deepEqual([fromEnv.port, fromEnv.seed, fromEnv.latencyScale], [8765, 9, 0.5]);
  assert.deepEqual(fromEnv.faults, { throttlingRate: 0.2, serverErrorRate: 0.1, timeoutRate: 0.05 });
  const explicit = resolveSettings({ seed: 1, latencyScale: 0, faults: { throttlingRate: 0 } }, env);
  assert.deepEqual([explicit.seed, explicit.latencyScale, explicit.faults.throttlingRate, explicit.faults.serverErrorRate], [1, 0, 0, 0.1]);
});

test('settings: a bad value is one error naming the variable or setting and the fix', () => {
  assert.throws(
    () => resolveSettings({}, { LOCAL_BEDROCK_THROTTLING_RATE: 'lots' }),
    /LOCAL_BEDROCK_THROTTLING_RATE="lots" is invalid: use a number between 0 and 1/,
  );
  assert.throws(() => resolveSettings({}, { LOCAL_BEDROCK_LATENCY_SCALE: '-1' }), /LOCAL_BEDROCK_LATENCY_SCALE="-1" is invalid/);
  assert.throws(() => resolveSettings({}, { LOCAL_BEDROCK_SEED: 'abc' }), /LOCAL_BEDROCK_SEED/);
  assert.throws(() => resolveSettings({ faults: { timeoutRate: 1.5 } }, {}), /faults\.timeoutRate must be between 0 and 1 \(got 1\.5\)/);
});

test('settings: limits and timeouts default like a production Node server, from options or LOCAL_BEDROCK_* variables', () => {
  assert.deepEqual(resolveSettings({}, {}).limits, {
    maxBodyBytes: 25_000_000,
    headersTimeoutMs: 60_000,
    requestTimeoutMs: 300_000,
    keepAliveTimeoutMs: 30_000,
    idleTimeoutMs: 120_000,
  });
  const env = {
    LOCAL_BEDROCK_MAX_BODY_BYTES: '1000',
    LOCAL_BEDROCK_HEADERS_TIMEOUT_MS: '100',
    LOCAL_BEDROCK_REQUEST_TIMEOUT_MS: '200',
    LOCAL_BEDROCK_KEEP_ALIVE_TIMEOUT_MS: '300',
    LOCAL_BEDROCK_IDLE_TIMEOUT_MS: '400',
  };
  assert.deepEqual(resolveSettings({}, env).limits, {
    maxBodyBytes: 1000,
    headersTimeoutMs: 100,
    requestTimeoutMs: 200,
    keepAliveTimeoutMs: 300,
    idleTimeoutMs: 400,
  });
  assert.equal(resolveSettings({ limits: { maxBodyBytes: 5 } }, env).limits.maxBodyBytes, 5);
  assert.throws(
    () => resolveSettings({}, { LOCAL_BEDROCK_MAX_BODY_BYTES: 'big' }),
    /LOCAL_BEDROCK_MAX_BODY_BYTES="big" is invalid: use a number between 1 and \d+\. Fix: /,
  );
  assert.throws(
    () => resolveSettings({ limits: { idleTimeoutMs: 1.5 } }, {}),
    /limits\.idleTimeoutMs must be a whole number ≥ 1 \(got 1\.5\)\. Fix: /,
  );
  assert.throws(
    () => resolveSettings({ limits: { headersTimeoutMs: 500, requestTimeoutMs: 100 } }, {}),
    /headersTimeoutMs \(500\) is longer than limits\.requestTimeoutMs \(100\).*Fix: /,
  );
});

// Raw wire checks (no SDK): status codes, the error header the SDK reads, and bodies.
let lb: LocalBedrock;
before(async () => {
  lb = await startLocalBedrock({ latencyScale: 0, seed: 3, catalog: testCatalog() });
});
after(async () => {
  await lb.stop();
});

function post(url: string, body: string, method = 'POST'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url.startsWith('http') ? url : `${lb.url}${url}`,
      { method, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test("a malformed JSON body is a 400 ValidationException in Bedrock's error shape", async () => {
  const r = await post('/model/amazon.nova-lite-v1%3A0/converse', '{"messages": [');
  assert.equal(r.status, 400);
  assert.equal(r.headers['x-amzn-errortype'], 'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/');
  assert.match(JSON.parse(r.body).message, /not valid JSON/);
});

test('an unknown route is a 404 that lists the supported routes', async () => {
  const r = await post('/model/amazon.nova-lite-v1%3A0/chat', '{}');
  assert.equal(r.status, 404);
  assert.match(
    JSON.parse(r.body).message,
    /No such route on the local Bedrock endpoint: POST \/model\/amazon\.nova-lite-v1%3A0\/chat\. Supported: POST \/model\/\{id\}\/converse/,
  );
});

test('the context-window check counts system and every turn, assistant turns included', async () => {
  // Test catalogue: Nova Micro with a 50-token window. Each turn alone fits; together they do not.
  const tiny = await startLocalBedrock({ latencyScale: 0, catalogPath: path.resolve(__dirname, 'fixtures', 'tiny-catalog.json') });
  try {
    const turn = 'word '.repeat(24);
    const messages = [
      { role: 'user', content: [{ text: turn }] },
      { role: 'assistant', content: [{ text: turn }] },
      { role: 'user', content: [{ text: 'Go on.' }] },
    ];
    const expected = estimateTokens(['Be brief.', turn, turn, 'Go on.'].join('\n\n'));
    assert.ok(estimateTokens(turn) < 50 && expected > 50);
    const r = await post(
      `${tiny.url}/model/amazon.nova-micro-v1%3A0/converse`,
      JSON.stringify({ system: [{ text: 'Be brief.' }], messages }),
    );
    assert.equal(r.status, 400);
    assert.match(
      JSON.parse(r.body).message,
      new RegExp(`Input is too long for requested model amazon\\.nova-micro-v1:0: ${expected} input tokens, context window 50\\.`),
    );
    // With a short assistant turn the same conversation fits.
    const ok = await post(
      `${tiny.url}/model/amazon.nova-micro-v1%3A0/converse`,
      JSON.stringify({ messages: [messages[0], { role: 'assistant', content: [{ text: 'OK.' }] }, messages[2]] }),
    );
    assert.equal(ok.status, 200);
  } finally {
    await tiny.stop();
  }
});
