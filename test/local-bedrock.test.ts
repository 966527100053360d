import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import http from 'node:http';
import path from 'node:path';
import {
  type BedrockClient,
  GetFoundationModelCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
} from '@aws-sdk/client-bedrock';
import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InternalServerException,
  InvokeModelCommand,
  ModelTimeoutException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { converse, createRuntimeClient } from '../src/core/bedrock';
import { type startLocalBedrock, streamChunks, type LocalBedrock } from '../src/local-bedrock';
import { HAIKU, LLAMA, NOVA, SONNET_PROFILE, testCatalog } from './helpers/test-catalog';
import { startTestEndpoint, type TestEndpoint } from './helpers/test-endpoint';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const CREDS = { accessKeyId: 'local', secretAccessKey: 'local' };
// Models of a catalogue built for the tests (test/helpers/test-catalog.ts), not the shipped data.
const NOVA_LITE = NOVA;
const PROMPT =
  'Summarize the document in 2 sentences.\n\n<document>\nThe Porto warehouse shipped 12,400 orders in May, 8 percent more than in April. Late deliveries fell to 2.1 percent after the new sorting line started. The team will add a second shift in July to handle the summer peak. Costs per order rose slightly because of overtime.\n</document>';
const messages = (text = PROMPT) => [{ role: 'user' as const, content: [{ text }] }];

let lb: LocalBedrock;
let runtime: BedrockRuntimeClient;
let control: BedrockClient;
let endpoint: TestEndpoint;
const extra: TestEndpoint[] = [];

before(async () => {
  endpoint = await startTestEndpoint({ seed: 7, deniedModels: [LLAMA] });
  ({ lb, runtime, control } = endpoint);
});
after(async () => {
  await endpoint.stop();
  for (const e of extra) await e.stop();
});

/** Another endpoint for one test, stopped after the file. */
async function start(options: Parameters<typeof startLocalBedrock>[0]) {
  const e = await startTestEndpoint(options);
  extra.push(e);
  return { e: e.lb, client: e.runtime };
}

test('listens on 127.0.0.1 only', () => {
  assert.equal(lb.host, '127.0.0.1');
  assert.equal(lb.url, `http://127.0.0.1:${lb.port}`);
  assert.ok(lb.port > 0);
});

test('Converse over h2c answers with text, usage and metrics.latencyMs; profiles resolve', async () => {
  const r = await runtime.send(
    new ConverseCommand({ modelId: `us.${NOVA_LITE}`, messages: messages(), inferenceConfig: { maxTokens: 200 } }),
  );
  const text = r.output?.message?.content?.[0].text ?? '';
  // Two of the document's sentences (which two is the emulated model's choice: its tier and habits).
  const sentences = text.split(/(?<=[.!?])\s+/);
  assert.equal(sentences.length, 2, text);
  assert.ok(
    sentences.every((x) => PROMPT.includes(x)),
    text,
  );
  assert.equal(r.stopReason, 'end_turn');
  assert.ok(r.usage!.inputTokens! > 40 && r.usage!.outputTokens! > 10);
  assert.equal(r.usage!.totalTokens, r.usage!.inputTokens! + r.usage!.outputTokens!);
  assert.ok(r.metrics!.latencyMs! >= 1);
});

test('ConverseStream sends the events in order and the same text as Converse', async () => {
  const whole = await runtime.send(
    new ConverseCommand({ modelId: NOVA_LITE, messages: messages(), system: [{ text: 'You are concise.' }] }),
  );
  const stream = await runtime.send(
    new ConverseStreamCommand({ modelId: NOVA_LITE, messages: messages(), system: [{ text: 'You are concise.' }] }),
  );
  const kinds: string[] = [];
  let text = '';
  let usage: unknown;
  for await (const event of stream.stream!) {
    kinds.push(Object.keys(event)[0]);
    if (event.contentBlockDelta) text += event.contentBlockDelta.delta?.text ?? '';
    if (event.metadata) usage = event.metadata.usage;
  }
  assert.equal(kinds[0], 'messageStart');
  assert.deepEqual(kinds.slice(-3), ['contentBlockStop', 'messageStop', 'metadata']);
  assert.ok(kinds.filter((k) => k === 'contentBlockDelta').length > 3);
  assert.equal(text, whole.output?.message?.content?.[0].text);
  assert.deepEqual(usage, whole.usage);
});

test('InvokeModel speaks the Anthropic Messages and Amazon Nova bodies', async () => {
  const anthropic = await runtime.send(
    new InvokeModelCommand({
      modelId: HAIKU,
      contentType: 'application/json',
      body: JSON.stringify({
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 300,
        system: 'Be brief.',
        messages: [{ role: 'user', content: [{ type: 'text', text: PROMPT }] }],
      }),
    }),
  );
  const a = JSON.parse(new TextDecoder().decode(anthropic.body));
  assert.equal(a.type, 'message');
  assert.equal(a.content[0].type, 'text');
  assert.match(a.content[0].text, /second shift in July/);
  assert.ok(a.usage.input_tokens > 0 && a.usage.output_tokens > 0);
  const nova = await runtime.send(
    new InvokeModelCommand({
      modelId: NOVA_LITE,
      body: JSON.stringify({
        schemaVersion: 'messages-v1',
        messages: [{ role: 'user', content: [{ text: PROMPT }] }],
        inferenceConfig: { maxTokens: 5 },
      }),
    }),
  );
  const n = JSON.parse(new TextDecoder().decode(nova.body));
  assert.equal(n.stopReason, 'max_tokens');
  assert.ok(n.usage.outputTokens <= 5);
});

test('the control plane lists models (with filters), one model, and inference profiles', async () => {
  const all = await control.send(new ListFoundationModelsCommand({}));
  assert.ok(all.modelSummaries!.some((m) => m.modelId === NOVA_LITE));
  const anthropic = await control.send(new ListFoundationModelsCommand({ byProvider: 'Anthropic' }));
  assert.ok(anthropic.modelSummaries!.length === 3 && anthropic.modelSummaries!.every((m) => m.providerName === 'Anthropic'));
  const one = await control.send(new GetFoundationModelCommand({ modelIdentifier: NOVA_LITE }));
  assert.equal(one.modelDetails?.modelName, 'Amazon Nova Lite');
  await assert.rejects(
    control.send(new GetFoundationModelCommand({ modelIdentifier: 'acme.none' })),
    (e: Error) => e.name === 'ResourceNotFoundException',
  );
  const profiles = await control.send(new ListInferenceProfilesCommand({}));
  const lite = profiles.inferenceProfileSummaries!.find((p) => p.inferenceProfileId === `us.${NOVA_LITE}`);
  assert.equal(lite?.models?.[0].modelArn, `arn:aws:bedrock:us-east-1::foundation-model/${NOVA_LITE}`);
});

test('the same Converse call works over HTTP/1.1 (SDK NodeHttpHandler and a raw request)', async () => {
  const h1 = new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: lb.url,
    credentials: CREDS,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler(),
  });
  const viaH1 = await h1.send(new ConverseCommand({ modelId: NOVA_LITE, messages: messages() }));
  const viaH2 = await runtime.send(new ConverseCommand({ modelId: NOVA_LITE, messages: messages() }));
  assert.equal(viaH1.output?.message?.content?.[0].text, viaH2.output?.message?.content?.[0].text);
  h1.destroy();
  const raw = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      `${lb.url}/model/${encodeURIComponent(NOVA_LITE)}/converse`,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ messages: messages() }));
  });
  assert.equal(raw.status, 200);
  assert.equal(JSON.parse(raw.body).output.message.content[0].text, viaH2.output?.message?.content?.[0].text);
});

test('errors surface as the SDK exception classes with their status codes', async () => {
  const expectError = async (
    client: BedrockRuntimeClient,
    input: ConstructorParameters<typeof ConverseCommand>[0],
    cls: new (...args: never[]) => Error,
    status: number,
    message?: RegExp,
  ) => {
    await assert.rejects(client.send(new ConverseCommand(input)), (e: Error & { $metadata: { httpStatusCode: number } }) => {
      assert.ok(e instanceof cls, `${e.name} is not ${cls.name}`);
      assert.equal(e.$metadata.httpStatusCode, status);
      if (message) assert.match(e.message, message);
      return true;
    });
  };
  await expectError(
    runtime,
    { modelId: 'acme.unknown-v1:0', messages: messages() },
    ValidationException,
    400,
    /model identifier is invalid.*acme\.unknown-v1:0/,
  );
  await expectError(
    runtime,
    { modelId: NOVA_LITE, messages: [] },
    ValidationException,
    400,
    /A conversation must start with a user message/,
  );
  await expectError(
    runtime,
    { modelId: NOVA_LITE, messages: messages(), inferenceConfig: { maxTokens: 99_999 } },
    ValidationException,
    400,
    /exceeds the model limit of 5000/,
  );
  await expectError(runtime, { modelId: LLAMA, messages: messages() }, AccessDeniedException, 403);
  const tiny = await start({ latencyScale: 0, catalog: undefined, catalogPath: path.resolve(__dirname, 'fixtures', 'tiny-catalog.json') });
  await expectError(
    tiny.client,
    { modelId: 'amazon.nova-micro-v1:0', messages: messages() },
    ValidationException,
    400,
    /Input is too long .*context window 50/,
  );
  await expectError(
    (await start({ latencyScale: 0, faults: { throttlingRate: 1 } })).client,
    { modelId: NOVA_LITE, messages: messages() },
    ThrottlingException,
    429,
  );
  await expectError(
    (await start({ latencyScale: 0, faults: { timeoutRate: 1 } })).client,
    { modelId: NOVA_LITE, messages: messages() },
    ModelTimeoutException,
    408,
  );
  const flaky = (await start({ latencyScale: 0, faults: { serverErrorRate: 1 } })).client;
  const seen = new Set<string>();
  for (let i = 0; i < 12; i++) {
    await flaky.send(new ConverseCommand({ modelId: NOVA_LITE, messages: messages() })).catch((e: Error) => {
      assert.ok(e instanceof InternalServerException || e instanceof ServiceUnavailableException);
      seen.add(e.name);
    });
  }
  assert.deepEqual([...seen].sort(), ['InternalServerException', 'ServiceUnavailableException']);
});

test('same seed → same answers and latencies; another seed → other latencies', async () => {
  const run = async (seed: number) => {
    const { client } = await start({ latencyScale: 0.01, seed });
    const out = [];
    for (let i = 0; i < 3; i++) {
      const r = await client.send(new ConverseCommand({ modelId: NOVA_LITE, messages: messages(), inferenceConfig: { temperature: 0 } }));
      out.push([r.output?.message?.content?.[0].text, r.metrics?.latencyMs]);
    }
    return out;
  };
  const a = await run(1);
  assert.deepEqual(await run(1), a);
  const b = await run(2);
  assert.deepEqual(
    b.map((x) => x[0]),
    a.map((x) => x[0]),
  ); // temperature 0: same text
  assert.notDeepEqual(
    b.map((x) => x[1]),
    a.map((x) => x[1]),
  );
});

test('the endpoint waits the emulated latency before answering (how closely a client measures it is a benchmark ratio, npm run bench)', async () => {
  const { client } = await start({ latencyScale: 0.1, seed: 3 });
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = await client.send(new ConverseCommand({ modelId: SONNET_PROFILE, messages: messages() }));
    const measured = performance.now() - t0;
    const emulated = r.metrics!.latencyMs!;
    assert.ok(emulated > 40, `emulated ${emulated}`); // 10% of a ~0.5 s call (400 ms to the first token)
    // A lower bound only: the answer cannot come sooner than the emulated latency; how much later depends on the machine's load.
    assert.ok(measured >= emulated - 2, `measured ${measured.toFixed(1)} vs emulated ${emulated}`);
  }
});

test('faults are injected at the configured rate, and never at rate 0', async () => {
  const { e, client } = await start({ latencyScale: 0, seed: 11, faults: { throttlingRate: 0.2 } });
  let throttled = 0;
  for (let i = 0; i < 400; i++) {
    await client.send(new ConverseCommand({ modelId: NOVA_LITE, messages: messages(`Reply with OK ${i % 7}`) })).catch((err: Error) => {
      assert.ok(err instanceof ThrottlingException);
      throttled++;
    });
  }
  assert.ok(throttled >= 48 && throttled <= 112, `throttled ${throttled}/400`);
  assert.equal(e.stats.faults, throttled);
  assert.equal(lb.stats.faults, 0);
});

test('with 20% throttling, the project retry layer carries every request to success or a recorded error', async () => {
  const { e } = await start({ latencyScale: 0, seed: 5, faults: { throttlingRate: 0.2 } });
  const client = createRuntimeClient({ region: 'us-east-1', endpoint: e.url, credentials: CREDS });
  const records = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      converse(client, { modelId: NOVA_LITE, prompt: `Reply with OK ${i}` }, { retry: { maxAttempts: 4, baseDelayMs: 1 } }),
    ),
  );
  assert.equal(records.length, 60);
  assert.ok(records.every((r) => r.status === 'success' || (r.status === 'error' && r.errorType === 'ThrottlingException')));
  assert.ok(
    records.some((r) => r.attempts > 1),
    'no request was retried',
  );
  assert.ok(records.filter((r) => r.status === 'success').length >= 55);
});

test('an unmodified SDK script is pointed at the endpoint by the standard variables', async () => {
  // Asynchronous on purpose: a synchronous child would block the endpoint in this process.
  const script = `
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    const { BedrockRuntimeClient, ConverseCommand } = require('@aws-sdk/client-bedrock-runtime');
    const { BedrockClient, ListFoundationModelsCommand } = require('@aws-sdk/client-bedrock');
    (async () => {
      const r = await new BedrockRuntimeClient({}).send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: 'Reply with OK' }] }] }));
      const m = await new BedrockClient({}).send(new ListFoundationModelsCommand({}));
      console.log(JSON.stringify([r.output.message.content[0].text, m.modelSummaries.length]));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const { stdout: out } = await promisify(execFile)(process.execPath, ['-e', script], {
    cwd: path.resolve(__dirname, '..'),
    env: {
      PATH: process.env.PATH,
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: lb.url,
      AWS_ENDPOINT_URL_BEDROCK: lb.url,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: 'us-east-1',
    },
    encoding: 'utf8',
  });
  const [text, count] = JSON.parse(out);
  assert.equal(text, 'OK');
  assert.equal(count, testCatalog().models.length);
});

test('stream chunks keep every character of the answer', () => {
  const text = 'One two three four five six seven eight nine.\n\nTen eleven.';
  assert.equal(streamChunks(text).join(''), text);
  assert.equal(streamChunks(text, 4).length, 3);
  assert.deepEqual(streamChunks(''), ['']);
});
