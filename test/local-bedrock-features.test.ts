import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  type ConverseCommandInput,
  type ConverseStreamMetadataEvent,
  type Message,
} from '@aws-sdk/client-bedrock-runtime';
import { estimateTokens } from '../src/core/tokens';
import { LATENCY_FACTORS } from '../src/local-bedrock/model-support';
import { NOVA, SONNET_PROFILE, testCatalog } from './helpers/test-catalog';
import { startTestEndpoint, type TestEndpoint } from './helpers/test-endpoint';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
let now = Date.parse('2026-11-24T12:00:00Z');
let client: BedrockRuntimeClient;
/** A client of an endpoint whose latencies have no spread (σ = 0), so latency rules can be checked exactly. */
let exactClient: BedrockRuntimeClient;

const endpoints: TestEndpoint[] = [];

before(async () => {
  const main = await startTestEndpoint({ seed: 2, clock: () => now });
  client = main.runtime;
  const catalog = testCatalog();
  for (const m of catalog.models)
    m.latency = { timeToFirstTokenMs: { median: 2000, sigma: 0 }, outputTokensPerSecond: { median: 200, sigma: 0 } };
  const exactEndpoint = await startTestEndpoint({ latencyScale: 0.05, seed: 2, catalog, clock: () => now });
  exactClient = exactEndpoint.runtime;
  endpoints.push(main, exactEndpoint);
});
after(async () => {
  for (const e of endpoints) await e.stop();
});

// A system prompt long enough to cache (≥ 1,024 tokens for Claude 3.7 Sonnet, ≥ 1,000 for Nova).
const MANUAL = Array.from(
  { length: 120 },
  (_, i) => `Rule ${i + 1}: shipments from warehouse ${i % 7} leave before noon and are tracked by the carrier portal.`,
).join(' ');
const user = (text: string): Message => ({ role: 'user', content: [{ text }] });
const cached = (question: string, modelId = SONNET_PROFILE): ConverseCommandInput => ({
  modelId,
  system: [{ text: MANUAL }, { cachePoint: { type: 'default' } }],
  messages: [user(question)],
});

test('prompt caching: the first call writes the prefix, a repeat within the TTL reads it, inputTokens counts the rest', async () => {
  const manualTokens = estimateTokens(MANUAL);
  assert.ok(manualTokens >= 1024);
  const first = await client.send(new ConverseCommand(cached('When do shipments leave?')));
  assert.equal(first.usage!.cacheWriteInputTokens, manualTokens);
  assert.equal(first.usage!.cacheReadInputTokens, 0);
  const second = await client.send(new ConverseCommand(cached('Who tracks them?')));
  assert.equal(second.usage!.cacheReadInputTokens, manualTokens);
  assert.equal(second.usage!.cacheWriteInputTokens, 0);
  assert.equal(second.usage!.inputTokens, estimateTokens('Who tracks them?'));
  const u = second.usage!;
  assert.equal(u.totalTokens, u.inputTokens! + u.outputTokens! + u.cacheReadInputTokens! + u.cacheWriteInputTokens!);
  // A hit resets the 5-minute time to live; 5 minutes without a hit expire the entry.
  now += 4 * 60_000;
  assert.equal((await client.send(new ConverseCommand(cached('Again?')))).usage!.cacheReadInputTokens, manualTokens);
  now += 4 * 60_000;
  assert.equal((await client.send(new ConverseCommand(cached('Still there?')))).usage!.cacheReadInputTokens, manualTokens);
  now += 5 * 60_000 + 1;
  const expired = await client.send(new ConverseCommand(cached('And now?')));
  assert.equal(expired.usage!.cacheReadInputTokens, 0);
  assert.equal(expired.usage!.cacheWriteInputTokens, manualTokens);
});

test('prompt caching: a 1-hour TTL, per-model entries, a changed prefix misses, and a prefix below the minimum is not cached', async () => {
  const oneHour: ConverseCommandInput = {
    modelId: SONNET_PROFILE,
    system: [{ text: `${MANUAL} Hourly.` }, { cachePoint: { type: 'default', ttl: '1h' } }],
    messages: [user('Q1')],
  };
  assert.ok((await client.send(new ConverseCommand(oneHour))).usage!.cacheWriteInputTokens! > 0);
  now += 30 * 60_000;
  assert.ok((await client.send(new ConverseCommand({ ...oneHour, messages: [user('Q2')] }))).usage!.cacheReadInputTokens! > 0);
  // Nova caches its own copy (minimum 1,000 tokens).
  const nova = await client.send(new ConverseCommand(cached('When do shipments leave?', NOVA)));
  assert.ok(nova.usage!.cacheWriteInputTokens! > 0);
  const changed = await client.send(
    new ConverseCommand({ ...cached('Q'), system: [{ text: `${MANUAL} Extra rule.` }, { cachePoint: { type: 'default' } }] }),
  );
  assert.equal(changed.usage!.cacheReadInputTokens, 0);
  assert.ok(changed.usage!.cacheWriteInputTokens! > 0);
  const short = {
    modelId: SONNET_PROFILE,
    system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }],
    messages: [user('Hi')],
  } as ConverseCommandInput;
  for (let i = 0; i < 2; i++) {
    const r = await client.send(new ConverseCommand(short));
    assert.equal(r.usage!.cacheReadInputTokens, 0);
    assert.equal(r.usage!.cacheWriteInputTokens, 0);
  }
  // Checkpoints in messages: the conversation prefix is cached, then read on the next turn.
  const turn1: Message[] = [
    { role: 'user', content: [{ text: MANUAL }, { cachePoint: { type: 'default' } }, { text: 'Summarize the rules.' }] },
  ];
  const a = await client.send(new ConverseCommand({ modelId: NOVA, messages: turn1 }));
  assert.equal(a.usage!.cacheWriteInputTokens, estimateTokens(MANUAL));
  const b = await client.send(
    new ConverseCommand({ modelId: NOVA, messages: [...turn1, a.output!.message!, user('Which warehouse is first?')] }),
  );
  assert.equal(b.usage!.cacheReadInputTokens, estimateTokens(MANUAL));
  await assert.rejects(
    client.send(
      new ConverseCommand({
        modelId: SONNET_PROFILE,
        messages: [
          { role: 'user', content: [{ text: 'a' }, ...Array.from({ length: 5 }, () => ({ cachePoint: { type: 'default' as const } }))] },
        ],
      }),
    ),
    /A maximum of 4 blocks with cache_control may be provided\. Found 5\./,
  );
});

test('prompt caching: time to first token shrinks for a cached prefix (× (1 − 0.85 × cached share))', async () => {
  const input = cached('When do shipments leave?');
  const write = await exactClient.send(new ConverseCommand(input));
  const read = await exactClient.send(new ConverseCommand(input));
  const total = write.usage!.inputTokens! + write.usage!.cacheWriteInputTokens!;
  const share = read.usage!.cacheReadInputTokens! / total;
  const ttft = 2000 * 0.05;
  const expectedGain = ttft * LATENCY_FACTORS.cacheReadTtftReduction * share;
  assert.ok(
    Math.abs(write.metrics!.latencyMs! - read.metrics!.latencyMs! - expectedGain) <= 1.5,
    `write ${write.metrics!.latencyMs} read ${read.metrics!.latencyMs} expected gain ${expectedGain}`,
  );
  // The stream follows the same schedule: its first token cannot come sooner than the cached time to first token
  // (a lower bound only — how much later depends on the machine's load, so no upper bound is asserted here).
  const firstToken = async () => {
    const t0 = performance.now();
    const s = await exactClient.send(new ConverseStreamCommand(input));
    let at = 0;
    for await (const e of s.stream!) if (!at && e.contentBlockDelta) at = performance.now() - t0;
    return at;
  };
  const cachedFirst = await firstToken();
  assert.ok(
    cachedFirst >= ttft - expectedGain - 2,
    `first token after ${cachedFirst.toFixed(1)} ms (cached schedule ${(ttft - expectedGain).toFixed(1)} ms)`,
  );
});

const THINK = { thinking: { type: 'enabled', budget_tokens: 1024 } };

test('reasoning: reasoningContent (text + signature) before the answer, counted in output tokens and latency', async () => {
  const question = 'Summarize in one sentence: The Porto warehouse shipped 12,400 orders in May. Late deliveries fell to 2.1 percent.';
  const plain = await exactClient.send(
    new ConverseCommand({ modelId: SONNET_PROFILE, messages: [user(question)], inferenceConfig: { maxTokens: 4000 } }),
  );
  const r = await exactClient.send(
    new ConverseCommand({
      modelId: SONNET_PROFILE,
      messages: [user(question)],
      inferenceConfig: { maxTokens: 4000 },
      additionalModelRequestFields: THINK,
    }),
  );
  const [reasoning, answer] = r.output!.message!.content!;
  const rt = reasoning.reasoningContent!.reasoningText!;
  assert.ok(rt.text!.length > 20);
  assert.match(rt.signature!, /^[A-Za-z0-9+/]+=*$/);
  assert.equal(answer.text, plain.output!.message!.content![0].text);
  assert.equal(r.usage!.outputTokens, plain.usage!.outputTokens! + estimateTokens(rt.text!));
  assert.ok(r.metrics!.latencyMs! > plain.metrics!.latencyMs!, 'reasoning tokens take time to generate');
  // The reasoning block goes back in the next turn.
  const next = await client.send(
    new ConverseCommand({
      modelId: SONNET_PROFILE,
      messages: [user(question), r.output!.message!, user('Thanks. And in May?')],
      additionalModelRequestFields: THINK,
    }),
  );
  assert.equal(next.stopReason, 'end_turn');
  // A cache point right after a reasoning block is refused.
  await assert.rejects(
    client.send(
      new ConverseCommand({
        modelId: SONNET_PROFILE,
        messages: [user(question), { role: 'assistant', content: [reasoning, { cachePoint: { type: 'default' } }] }, user('More?')],
      }),
    ),
    /Cache point cannot be inserted after reasoning block/,
  );
});

test('reasoning in ConverseStream (reasoning deltas, then the signature) and in the Anthropic InvokeModel body', async () => {
  const input = { modelId: SONNET_PROFILE, messages: [user('Reply with OK')], additionalModelRequestFields: THINK };
  const whole = await client.send(new ConverseCommand(input));
  const stream = await client.send(new ConverseStreamCommand(input));
  let reasoning = '';
  let signature = '';
  let text = '';
  const indexes = new Set<number>();
  for await (const e of stream.stream!) {
    const d = e.contentBlockDelta;
    if (d?.delta?.reasoningContent?.text) reasoning += d.delta.reasoningContent.text;
    if (d?.delta?.reasoningContent?.signature) signature = d.delta.reasoningContent.signature;
    if (d?.delta?.text) text += d.delta.text;
    if (d) indexes.add(d.contentBlockIndex!);
  }
  assert.equal(reasoning, whole.output!.message!.content![0].reasoningContent!.reasoningText!.text);
  assert.equal(signature, whole.output!.message!.content![0].reasoningContent!.reasoningText!.signature);
  assert.equal(text, 'OK');
  assert.deepEqual([...indexes], [0, 1]);
  const invoke = await client.send(
    new InvokeModelCommand({
      modelId: SONNET_PROFILE,
      body: JSON.stringify({
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 2000,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        messages: [{ role: 'user', content: 'Reply with OK' }],
      }),
    }),
  );
  const body = JSON.parse(new TextDecoder().decode(invoke.body));
  assert.equal(body.content[0].type, 'thinking');
  assert.ok(body.content[0].signature);
  assert.deepEqual(body.content[1], { type: 'text', text: 'OK' });
  await assert.rejects(
    client.send(
      new InvokeModelCommand({
        modelId: SONNET_PROFILE,
        body: JSON.stringify({
          anthropic_version: 'bedrock-2023-05-31',
          max_tokens: 1000,
          thinking: { type: 'enabled', budget_tokens: 1024 },
          messages: [{ role: 'user', content: 'Hi' }],
        }),
      }),
    ),
    /^ValidationException: `max_tokens` must be greater than `thinking\.budget_tokens`/,
  );
});

test('serviceTier and performanceConfig are echoed (Converse and the stream metadata) and change the emulated latency by the documented factors', async () => {
  const base = {
    modelId: SONNET_PROFILE,
    messages: [
      user(
        'Summarize: The Porto warehouse shipped 12,400 orders in May. Late deliveries fell to 2.1 percent. A second shift starts in July.',
      ),
    ],
  };
  const standard = await exactClient.send(new ConverseCommand(base));
  assert.equal(standard.serviceTier, undefined);
  const priority = await exactClient.send(new ConverseCommand({ ...base, serviceTier: { type: 'priority' } }));
  const flex = await exactClient.send(new ConverseCommand({ ...base, serviceTier: { type: 'flex' } }));
  const optimized = await exactClient.send(new ConverseCommand({ ...base, performanceConfig: { latency: 'optimized' } }));
  assert.deepEqual(priority.serviceTier, { type: 'priority' });
  assert.deepEqual(flex.serviceTier, { type: 'flex' });
  assert.deepEqual(optimized.performanceConfig, { latency: 'optimized' });
  const ttft = 2000 * 0.05;
  const gen = (tps: number) => (standard.usage!.outputTokens! / tps) * 1000 * 0.05;
  const near = (actual: number, expected: number, what: string) =>
    assert.ok(Math.abs(actual - expected) <= 1, `${what}: ${actual} vs ${expected.toFixed(1)}`);
  near(standard.metrics!.latencyMs!, ttft + gen(200), 'standard');
  near(priority.metrics!.latencyMs!, ttft + gen(200 * LATENCY_FACTORS.priority.tps), 'priority');
  near(flex.metrics!.latencyMs!, ttft * LATENCY_FACTORS.flex.ttft + gen(200), 'flex');
  near(optimized.metrics!.latencyMs!, ttft * LATENCY_FACTORS.optimized.ttft + gen(200 * LATENCY_FACTORS.optimized.tps), 'optimized');
  const stream = await client.send(
    new ConverseStreamCommand({ ...base, serviceTier: { type: 'priority' }, performanceConfig: { latency: 'optimized' } }),
  );
  let metadata: ConverseStreamMetadataEvent | undefined;
  for await (const e of stream.stream!) if (e.metadata) metadata = e.metadata;
  assert.deepEqual(metadata!.serviceTier, { type: 'priority' });
  assert.deepEqual(metadata!.performanceConfig, { latency: 'optimized' });
  // `default` is every model's tier; `reserved` needs a reservation no model has here.
  assert.deepEqual(
    (await client.send(new ConverseCommand({ modelId: NOVA, messages: base.messages, serviceTier: { type: 'default' } }))).serviceTier,
    { type: 'default' },
  );
  await assert.rejects(
    client.send(new ConverseCommand({ modelId: SONNET_PROFILE, messages: base.messages, serviceTier: { type: 'reserved' } })),
    /The service tier reserved isn't supported/,
  );
});
