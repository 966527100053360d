import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type BedrockClient,
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-bedrock';
import {
  type BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  CountTokensCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ValidationException,
  type ConverseCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import type { LocalBedrock } from '../src/local-bedrock';
import { decodeFrames } from './helpers/event-frames';
import { postModel, raw } from './helpers/raw-http';
import { HAIKU, LLAMA, NOVA, NOVA_PROFILE, SONNET, SONNET_PROFILE } from './helpers/test-catalog';
import { startTestEndpoint, type TestEndpoint } from './helpers/test-endpoint';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DOC =
  'Summarize the document in 2 sentences.\n\n<document>\nThe Porto warehouse shipped 12,400 orders in May, 8 percent more than in April. Late deliveries fell to 2.1 percent after the new sorting line started. The team will add a second shift in July to handle the summer peak. Costs per order rose slightly because of overtime.\n</document>';

let lb: LocalBedrock;
let runtime: BedrockRuntimeClient;
let control: BedrockClient;

let endpoint: TestEndpoint;

before(async () => {
  endpoint = await startTestEndpoint({ seed: 5 });
  ({ lb, runtime, control } = endpoint);
});
after(() => endpoint.stop());

test('x-amzn-RequestId on every successful response, streaming or not, and the SDK reads it', async () => {
  const bodies: [string, string, unknown][] = [
    [NOVA, 'converse', { messages: [{ role: 'user', content: [{ text: 'Reply with OK' }] }] }],
    [NOVA, 'converse-stream', { messages: [{ role: 'user', content: [{ text: 'Reply with OK' }] }] }],
    [HAIKU, 'invoke', { anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: [{ role: 'user', content: 'Reply with OK' }] }],
    [
      HAIKU,
      'invoke-with-response-stream',
      { anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: [{ role: 'user', content: 'Reply with OK' }] },
    ],
    [NOVA, 'count-tokens', { input: { converse: { messages: [{ role: 'user', content: [{ text: 'Reply with OK' }] }] } } }],
  ];
  const ids = new Set<string>();
  for (const [model, op, body] of bodies) {
    const r = await postModel(lb.url, model, op, body);
    assert.equal(r.status, 200, `${op}: ${r.body}`);
    assert.match(String(r.headers['x-amzn-requestid']), UUID, op);
    ids.add(String(r.headers['x-amzn-requestid']));
  }
  for (const path of ['/foundation-models', `/foundation-models/${NOVA}`, '/inference-profiles', `/inference-profiles/${NOVA_PROFILE}`]) {
    const r = await raw(`${lb.url}${path}`);
    assert.equal(r.status, 200, path);
    assert.match(String(r.headers['x-amzn-requestid']), UUID, path);
    ids.add(String(r.headers['x-amzn-requestid']));
  }
  assert.equal(ids.size, 9, 'request ids are unique');
  const c = await runtime.send(new ConverseCommand({ modelId: NOVA, messages: [{ role: 'user', content: [{ text: 'Reply with OK' }] }] }));
  assert.match(c.$metadata.requestId ?? '', UUID);
  const s = await runtime.send(
    new ConverseStreamCommand({ modelId: NOVA, messages: [{ role: 'user', content: [{ text: 'Reply with OK' }] }] }),
  );
  for await (const _ of s.stream!);
  assert.match(s.$metadata.requestId ?? '', UUID);
  const l = await control.send(new ListFoundationModelsCommand({}));
  assert.match(l.$metadata.requestId ?? '', UUID);
});

test('CountTokens (Converse input) equals the inputTokens Converse then reports, tools and system included', async () => {
  const input: Omit<ConverseCommandInput, 'modelId'> = {
    system: [{ text: 'You are a logistics analyst. Answer briefly.' }],
    messages: [
      { role: 'user', content: [{ text: DOC }] },
      { role: 'assistant', content: [{ text: 'Orders grew and late deliveries fell.' }] },
      { role: 'user', content: [{ text: 'What will the team do in July?' }] },
    ],
    toolConfig: {
      tools: [
        {
          toolSpec: {
            name: 'lookup_shift',
            description: 'Look up a shift plan',
            inputSchema: { json: { type: 'object', properties: { month: { type: 'string' } } } },
          },
        },
      ],
    },
  };
  for (const modelId of [NOVA, SONNET_PROFILE]) {
    const count = await runtime.send(new CountTokensCommand({ modelId, input: { converse: input as never } }));
    const answer = await runtime.send(new ConverseCommand({ modelId, ...input }));
    assert.equal(count.inputTokens, answer.usage?.inputTokens, modelId);
    assert.ok(count.inputTokens! > 100);
  }
  // CountTokens names a foundation model: a profile-only model is counted by its bare id.
  const bare = await runtime.send(new CountTokensCommand({ modelId: SONNET, input: { converse: input as never } }));
  assert.ok(bare.inputTokens! > 100);
});

test('CountTokens (InvokeModel input) equals what InvokeModel then reports', async () => {
  const body = JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 300,
    system: 'Be brief.',
    messages: [{ role: 'user', content: [{ type: 'text', text: DOC }] }],
  });
  const count = await runtime.send(
    new CountTokensCommand({ modelId: SONNET_PROFILE, input: { invokeModel: { body: new TextEncoder().encode(body) } } }),
  );
  const answer = await runtime.send(new InvokeModelCommand({ modelId: SONNET_PROFILE, body, contentType: 'application/json' }));
  const json = JSON.parse(new TextDecoder().decode(answer.body));
  assert.equal(count.inputTokens, json.usage.input_tokens);
  const novaBody = JSON.stringify({ schemaVersion: 'messages-v1', messages: [{ role: 'user', content: [{ text: DOC }] }] });
  const novaCount = await runtime.send(
    new CountTokensCommand({ modelId: NOVA, input: { invokeModel: { body: new TextEncoder().encode(novaBody) } } }),
  );
  const novaAnswer = JSON.parse(
    new TextDecoder().decode((await runtime.send(new InvokeModelCommand({ modelId: NOVA, body: novaBody }))).body),
  );
  assert.equal(novaCount.inputTokens, novaAnswer.usage.inputTokens);
  // A body the model's schema refuses is refused by CountTokens too.
  await assert.rejects(
    runtime.send(new CountTokensCommand({ modelId: NOVA, input: { invokeModel: { body: new TextEncoder().encode('{"prompt":"hi"}') } } })),
    (e: Error) => e instanceof ValidationException && /extraneous key \[prompt\]/.test(e.message),
  );
});

async function streamText(modelId: string, body: object): Promise<{ chunks: Record<string, unknown>[]; contentType?: string }> {
  const r = await runtime.send(
    new InvokeModelWithResponseStreamCommand({ modelId, body: JSON.stringify(body), contentType: 'application/json' }),
  );
  const chunks: Record<string, unknown>[] = [];
  for await (const event of r.body!) {
    assert.ok(event.chunk?.bytes, 'every event is a chunk with bytes');
    chunks.push(JSON.parse(new TextDecoder().decode(event.chunk.bytes)));
  }
  return { chunks, contentType: r.contentType };
}

test('InvokeModelWithResponseStream streams the Anthropic Messages events, the same text as InvokeModel', async () => {
  const body = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 300,
    messages: [{ role: 'user', content: [{ type: 'text', text: DOC }] }],
  };
  const { chunks, contentType } = await streamText(HAIKU, body);
  assert.equal(contentType, 'application/json');
  const types = chunks.map((c) => c.type);
  assert.deepEqual([types[0], types[1]], ['message_start', 'content_block_start']);
  assert.deepEqual(types.slice(-3), ['content_block_stop', 'message_delta', 'message_stop']);
  const text = chunks
    .filter((c) => c.type === 'content_block_delta')
    .map((c) => (c.delta as { text: string }).text)
    .join('');
  const whole = JSON.parse(
    new TextDecoder().decode((await runtime.send(new InvokeModelCommand({ modelId: HAIKU, body: JSON.stringify(body) }))).body),
  );
  assert.equal(text, whole.content[0].text);
  const metrics = chunks.at(-1)!['amazon-bedrock-invocationMetrics'] as Record<string, number>;
  assert.equal(metrics.inputTokenCount, whole.usage.input_tokens);
  assert.equal(metrics.outputTokenCount, whole.usage.output_tokens);
  assert.equal((chunks.at(-2)!.delta as { stop_reason: string }).stop_reason, whole.stop_reason);
});

test('InvokeModelWithResponseStream streams the Nova and Llama chunks', async () => {
  const nova = await streamText(NOVA, { messages: [{ role: 'user', content: [{ text: DOC }] }], inferenceConfig: { max_new_tokens: 300 } });
  const kinds = nova.chunks.map((c) => Object.keys(c).find((k) => k !== 'amazon-bedrock-invocationMetrics'));
  assert.equal(kinds[0], 'messageStart');
  assert.deepEqual(kinds.slice(-3), ['contentBlockStop', 'messageStop', 'metadata']);
  // The streamed text is the emulated summary: sentences of the document (which ones is the model's tier and habits).
  const novaText = nova.chunks
    .filter((c) => c.contentBlockDelta)
    .map((c) => (c.contentBlockDelta as { delta: { text: string } }).delta.text)
    .join('');
  assert.ok(novaText.length > 20 && novaText.split(/(?<=[.!?])\s+/).every((x) => DOC.includes(x)), novaText);
  const llama = await streamText(LLAMA, {
    prompt: `<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n${DOC}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`,
    max_gen_len: 300,
  });
  const last = llama.chunks.at(-1)!;
  assert.equal(last.stop_reason, 'stop');
  assert.ok((llama.chunks[0].prompt_token_count as number) > 50);
  assert.equal(llama.chunks[1]?.prompt_token_count ?? null, null);
  const generation = llama.chunks.map((c) => c.generation).join('');
  // A summary of the document, inside the preamble and closing remark its habits may add (the prompt does not ask for the summary only).
  assert.ok(
    generation
      .replace(/^Here[^\n]*:\n\n/, '')
      .replace(/\n\n[^\n]*$/, '')
      .split(/(?<=[.!?])\s+/)
      .every((x) => DOC.includes(x)),
    generation,
  );
});

test('on the wire, InvokeModelWithResponseStream chunks are `chunk` events carrying base64 `bytes`', async () => {
  const r = await postModel(lb.url, HAIKU, 'invoke-with-response-stream', {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 50,
    messages: [{ role: 'user', content: 'Reply with OK' }],
  });
  assert.equal(r.headers['content-type'], 'application/vnd.amazon.eventstream');
  assert.equal(r.headers['x-amzn-bedrock-content-type'], 'application/json');
  const frames = decodeFrames(r.bytes);
  assert.ok(frames.length >= 5);
  for (const f of frames) {
    assert.deepEqual(f.headers, { ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' });
    assert.deepEqual(Object.keys(f.payload), ['bytes']);
    assert.match(f.payload.bytes as string, /^[A-Za-z0-9+/]+=*$/);
  }
  assert.equal(JSON.parse(Buffer.from(frames[0].payload.bytes as string, 'base64').toString()).type, 'message_start');
});

test('ListInferenceProfiles honours maxResults, nextToken and typeEquals; GetInferenceProfile by id and ARN', async () => {
  const all = await control.send(new ListInferenceProfilesCommand({}));
  const ids = all.inferenceProfileSummaries!.map((p) => p.inferenceProfileId);
  assert.equal(ids.length, 5);
  assert.equal(all.nextToken, undefined);
  const paged: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await control.send(new ListInferenceProfilesCommand({ maxResults: 2, nextToken }));
    assert.ok(page.inferenceProfileSummaries!.length <= 2);
    paged.push(...page.inferenceProfileSummaries!.map((p) => p.inferenceProfileId!));
    nextToken = page.nextToken;
    pages++;
  } while (nextToken);
  assert.deepEqual(paged, ids);
  assert.equal(pages, 3);
  assert.equal(
    (await control.send(new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED' }))).inferenceProfileSummaries!.length,
    5,
  );
  assert.equal((await control.send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }))).inferenceProfileSummaries!.length, 0);
  await assert.rejects(
    control.send(new ListInferenceProfilesCommand({ nextToken: 'not-a-token' })),
    (e: Error) => e.name === 'ValidationException' && /pagination token is invalid/.test(e.message),
  );
  await assert.rejects(
    control.send(new ListInferenceProfilesCommand({ maxResults: 1001 })),
    (e: Error) => e.name === 'ValidationException' && /less than or equal to 1000/.test(e.message),
  );
  const one = await control.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: SONNET_PROFILE }));
  assert.equal(one.inferenceProfileId, SONNET_PROFILE);
  assert.equal(one.type, 'SYSTEM_DEFINED');
  assert.equal(one.status, 'ACTIVE');
  assert.deepEqual(
    one.models!.map((m) => m.modelArn),
    ['us-east-1', 'us-east-2', 'us-west-2'].map((r) => `arn:aws:bedrock:${r}::foundation-model/${SONNET}`),
  );
  assert.ok(one.createdAt instanceof Date);
  const byArn = await control.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: one.inferenceProfileArn }));
  assert.equal(byArn.inferenceProfileId, SONNET_PROFILE);
  await assert.rejects(
    control.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'us.acme.none-v1:0' })),
    (e: Error) => e instanceof ResourceNotFoundException,
  );
});

test('GetFoundationModel and ListFoundationModels report inference types and lifecycle from the catalogue', async () => {
  const sonnet = await control.send(new GetFoundationModelCommand({ modelIdentifier: SONNET }));
  assert.deepEqual(sonnet.modelDetails?.inferenceTypesSupported, ['INFERENCE_PROFILE']);
  assert.deepEqual(sonnet.modelDetails?.inputModalities, ['TEXT', 'IMAGE']);
  const llama = await control.send(new GetFoundationModelCommand({ modelIdentifier: LLAMA }));
  assert.deepEqual(llama.modelDetails?.inferenceTypesSupported, ['ON_DEMAND']);
  assert.equal(llama.modelDetails?.modelLifecycle?.status, 'LEGACY');
  assert.ok(llama.modelDetails?.modelLifecycle?.endOfLifeTime instanceof Date);
  const onDemand = await control.send(new ListFoundationModelsCommand({ byInferenceType: 'ON_DEMAND' }));
  assert.ok(!onDemand.modelSummaries!.some((m) => m.modelId === SONNET));
  assert.ok(onDemand.modelSummaries!.some((m) => m.modelId === NOVA));
  await assert.rejects(
    control.send(new GetFoundationModelCommand({ modelIdentifier: 'amazon.retired-v1:0' })),
    (e: Error) => e instanceof ResourceNotFoundException && /end of its life/.test(e.message),
  );
});

test('InvokeModel takes the service tier and latency mode in headers and echoes them', async () => {
  const r = await runtime.send(
    new InvokeModelCommand({
      modelId: SONNET_PROFILE,
      serviceTier: 'priority',
      performanceConfigLatency: 'optimized',
      body: JSON.stringify({
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'Reply with OK' }],
      }),
    }),
  );
  assert.equal(r.serviceTier, 'priority');
  assert.equal(r.performanceConfigLatency, 'optimized');
  await assert.rejects(
    runtime.send(
      new InvokeModelCommand({
        modelId: NOVA,
        serviceTier: 'flex',
        body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }),
      }),
    ),
    /The service tier flex isn't supported/,
  );
});
