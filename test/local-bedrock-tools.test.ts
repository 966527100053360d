import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  type ConverseCommandInput,
  type ContentBlockStartEvent,
  type ConverseCommandOutput,
  type Message,
  type Tool,
} from '@aws-sdk/client-bedrock-runtime';
import { exampleFor, schemaErrors } from '../src/local-bedrock/emulator/json-schema';
import { HAIKU, NOVA, SONNET_PROFILE } from './helpers/test-catalog';
import { startTestEndpoint, type TestEndpoint } from './helpers/test-endpoint';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
let endpoint: TestEndpoint;
let client: BedrockRuntimeClient;

before(async () => {
  endpoint = await startTestEndpoint({ seed: 9 });
  client = endpoint.runtime;
});
after(() => endpoint.stop());

const WEATHER_SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string', description: 'City name' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
  required: ['city', 'unit'],
};
const weather: Tool = {
  toolSpec: { name: 'get_weather', description: 'Get the current weather for a city', inputSchema: { json: WEATHER_SCHEMA as never } },
};
const RECORD_SCHEMA = {
  type: 'object',
  $defs: { tag: { type: 'string', pattern: '^[a-z]+$', minLength: 2 } },
  properties: {
    sentiment: { type: 'string', enum: ['positive', 'negative', 'neutral'] },
    score: { type: 'integer', minimum: 1, maximum: 5 },
    ratio: { type: 'number', exclusiveMinimum: 0, multipleOf: 0.5 },
    tags: { type: 'array', items: { $ref: '#/$defs/tag' }, minItems: 2, uniqueItems: true },
    contact: {
      type: 'object',
      properties: { email: { type: 'string', format: 'email' }, since: { type: 'string', format: 'date' } },
      required: ['email', 'since'],
      additionalProperties: false,
    },
    note: { anyOf: [{ type: 'null' }, { type: 'string', maxLength: 10 }] },
    flag: { type: 'boolean' },
  },
  required: ['sentiment', 'score', 'ratio', 'tags', 'contact', 'note', 'flag'],
  additionalProperties: false,
};
const record: Tool = {
  toolSpec: { name: 'record_review', description: 'Record a structured review', inputSchema: { json: RECORD_SCHEMA as never } },
};
const user = (text: string): Message => ({ role: 'user', content: [{ text }] });

test('the smallest valid input: every schema keyword the tools use is respected', () => {
  const input = exampleFor(RECORD_SCHEMA, { text: 'The delivery was fast.' });
  assert.deepEqual(schemaErrors(RECORD_SCHEMA, input), []);
  const value = input as Record<string, unknown>;
  assert.equal(value.sentiment, 'positive');
  assert.equal(value.score, 1);
  assert.equal(value.ratio, 0.5);
  assert.equal((value.tags as string[]).length, 2);
  assert.notEqual((value.tags as string[])[0], (value.tags as string[])[1]);
  // The validator does refuse what the schema forbids.
  assert.ok(schemaErrors(RECORD_SCHEMA, { ...value, score: 9 }).some((e) => /score: must be ≤ 5/.test(e)));
  assert.ok(schemaErrors(RECORD_SCHEMA, { ...value, extra: 1 }).some((e) => /additional property "extra"/.test(e)));
  assert.ok(schemaErrors(RECORD_SCHEMA, { ...value, tags: ['A1', 'b'] }).length >= 2);
  // Strings are taken from the request where the member asks for them.
  assert.deepEqual(exampleFor(WEATHER_SCHEMA, { text: "What's the weather like in Lisbon today?" }), { city: 'Lisbon', unit: 'celsius' });
  assert.deepEqual(
    exampleFor({ type: 'object', properties: { query: { type: 'string' } }, required: ['query'] }, { text: 'latest orders in Porto' }),
    { query: 'latest orders in Porto' },
  );
});

test('toolChoice any: the model must call a tool — a toolUse block whose input validates, stopReason tool_use', async () => {
  for (const modelId of [HAIKU, SONNET_PROFILE]) {
    const r: ConverseCommandOutput = await client.send(
      new ConverseCommand({
        modelId,
        messages: [user('Here is my review: I loved the fast delivery, five stars.')],
        toolConfig: { tools: [weather, record], toolChoice: { any: {} } },
      }),
    );
    assert.equal(r.stopReason, 'tool_use');
    const content = r.output!.message!.content!;
    assert.equal(content.length, 1, 'a forced call is the tool block alone');
    const use = content[0].toolUse!;
    assert.equal(use.name, 'record_review', 'the tool the request is about');
    assert.match(use.toolUseId!, /^tooluse_[A-Za-z0-9_-]{22}$/);
    assert.deepEqual(schemaErrors(RECORD_SCHEMA, use.input), []);
  }
});

test('a named tool is called even when another tool fits the request better', async () => {
  const r = await client.send(
    new ConverseCommand({
      modelId: NOVA,
      messages: [user("What's the weather in Paris?")],
      toolConfig: { tools: [weather, record], toolChoice: { tool: { name: 'record_review' } } },
    }),
  );
  assert.equal(r.stopReason, 'tool_use');
  assert.equal(r.output!.message!.content!.at(-1)!.toolUse!.name, 'record_review');
});

test('auto: the model calls a tool when the request evidently needs it, and answers in text otherwise', async () => {
  const needed = await client.send(
    new ConverseCommand({
      modelId: HAIKU,
      messages: [user("What's the weather like in Lisbon right now?")],
      toolConfig: { tools: [weather, record] },
    }),
  );
  assert.equal(needed.stopReason, 'tool_use');
  const [preamble, call] = needed.output!.message!.content!;
  assert.match(preamble.text!, /get_weather/, 'Claude says what it is about to do');
  assert.deepEqual(call.toolUse!.input, { city: 'Lisbon', unit: 'celsius' });
  const notNeeded = await client.send(
    new ConverseCommand({
      modelId: HAIKU,
      messages: [user('Reply with OK')],
      toolConfig: { tools: [weather, record], toolChoice: { auto: {} } },
    }),
  );
  assert.equal(notNeeded.stopReason, 'end_turn');
  assert.equal(notNeeded.output!.message!.content![0].text, 'OK');
});

test('a toolResult turn (text or json) leads to a final answer that uses the result', async () => {
  const first = await client.send(
    new ConverseCommand({ modelId: NOVA, messages: [user("What's the weather in Lisbon?")], toolConfig: { tools: [weather] } }),
  );
  const call = first.output!.message!.content!.find((b) => b.toolUse)!.toolUse!;
  for (const content of [[{ text: '21 °C and sunny' }], [{ json: { temperature: 21, sky: 'sunny' } }]]) {
    const messages: Message[] = [
      user("What's the weather in Lisbon?"),
      first.output!.message!,
      { role: 'user', content: [{ toolResult: { toolUseId: call.toolUseId!, content: content as never } }] },
    ];
    const final: ConverseCommandOutput = await client.send(
      new ConverseCommand({ modelId: NOVA, messages, toolConfig: { tools: [weather] } }),
    );
    assert.equal(final.stopReason, 'end_turn');
    const text = final.output!.message!.content![0].text!;
    assert.match(text, /get_weather/);
    assert.match(text, /21/);
    assert.match(text, /sunny/);
  }
  const failed = await client.send(
    new ConverseCommand({
      modelId: NOVA,
      messages: [
        user("What's the weather in Lisbon?"),
        first.output!.message!,
        { role: 'user', content: [{ toolResult: { toolUseId: call.toolUseId!, status: 'error', content: [{ text: 'service down' }] } }] },
      ],
      toolConfig: { tools: [weather] },
    }),
  );
  assert.match(failed.output!.message!.content![0].text!, /reported an error: service down/);
});

test('ConverseStream: contentBlockStart with the toolUse, then its input as JSON deltas, as Bedrock streams them', async () => {
  const input: ConverseCommandInput = {
    modelId: HAIKU,
    messages: [user('Please record this review: great service.')],
    toolConfig: { tools: [weather, record], toolChoice: { tool: { name: 'record_review' } } },
  };
  const whole = await client.send(new ConverseCommand(input));
  const stream = await client.send(new ConverseStreamCommand(input));
  let json = '';
  const kinds: string[] = [];
  let start: ContentBlockStartEvent | undefined;
  let stopReason: string | undefined;
  for await (const event of stream.stream!) {
    kinds.push(Object.keys(event)[0]);
    if (event.contentBlockStart) start = event.contentBlockStart;
    if (event.contentBlockDelta?.delta?.toolUse) json += event.contentBlockDelta.delta.toolUse.input;
    if (event.messageStop) stopReason = event.messageStop.stopReason;
  }
  assert.deepEqual(kinds.slice(0, 2), ['messageStart', 'contentBlockStart']);
  const use = whole.output!.message!.content![0].toolUse!;
  assert.deepEqual(start, { contentBlockIndex: 0, start: { toolUse: { toolUseId: use.toolUseId, name: 'record_review' } } });
  assert.ok(kinds.filter((k) => k === 'contentBlockDelta').length > 1, 'the input arrives in several deltas');
  assert.deepEqual(JSON.parse(json), use.input);
  assert.equal(stopReason, 'tool_use');
});

test('InvokeModel tool use in the Anthropic and Nova bodies', async () => {
  const anthropic = await client.send(
    new InvokeModelCommand({
      modelId: HAIKU,
      body: JSON.stringify({
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 300,
        tools: [{ name: 'get_weather', description: 'Get the current weather for a city', input_schema: WEATHER_SCHEMA }],
        tool_choice: { type: 'any' },
        messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      }),
    }),
  );
  const a = JSON.parse(new TextDecoder().decode(anthropic.body));
  assert.equal(a.stop_reason, 'tool_use');
  assert.equal(a.content[0].type, 'tool_use');
  assert.match(a.content[0].id, /^toolu_bdrk_/);
  assert.deepEqual(a.content[0].input, { city: 'Oslo', unit: 'celsius' });
  const nova = await client.send(
    new InvokeModelCommand({
      modelId: NOVA,
      body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Weather in Oslo?' }] }], toolConfig: { tools: [weather] } }),
    }),
  );
  const n = JSON.parse(new TextDecoder().decode(nova.body));
  assert.equal(n.stopReason, 'tool_use');
  assert.equal(n.output.message.content.at(-1).toolUse.name, 'get_weather');
});
