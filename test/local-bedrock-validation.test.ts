import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  CountTokensCommand,
  InvokeModelCommand,
  ValidationException,
  AccessDeniedException,
  ResourceNotFoundException,
} from '@aws-sdk/client-bedrock-runtime';
import type { LocalBedrock } from '../src/local-bedrock';
import { postModel, raw } from './helpers/raw-http';
import { HAIKU, LLAMA, NOVA, SONNET_PROFILE } from './helpers/test-catalog';
import { VALIDATION_CASES } from './helpers/validation-cases';
import { startTestEndpoint, type TestEndpoint } from './helpers/test-endpoint';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
let endpoint: TestEndpoint;
let lb: LocalBedrock;
let client: BedrockRuntimeClient;

before(async () => {
  endpoint = await startTestEndpoint({ seed: 1 });
  ({ lb, runtime: client } = endpoint);
});
after(() => endpoint.stop());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test("every validation case is a 400 with x-amzn-ErrorType ValidationException, Bedrock's message and a request id (raw HTTP/1.1)", async () => {
  for (const c of VALIDATION_CASES) {
    const r = await postModel(lb.url, c.modelId, c.op, c.body, c.headers);
    assert.equal(r.status, 400, `${c.name}: status ${r.status} ${r.body}`);
    assert.match(String(r.headers['x-amzn-errortype']), /^ValidationException:/, c.name);
    assert.match(String(r.headers['x-amzn-requestid']), UUID, c.name);
    assert.match(r.json().message as string, c.message, `${c.name}: ${r.json().message}`);
  }
});

test('the unmodified SDK v3 raises ValidationException for every Converse, InvokeModel and CountTokens case', async () => {
  for (const c of VALIDATION_CASES) {
    const input = { modelId: c.modelId, ...c.body };
    const command =
      c.op === 'converse'
        ? new ConverseCommand(input as never)
        : c.op === 'converse-stream'
          ? new ConverseStreamCommand(input as never)
          : c.op === 'count-tokens'
            ? new CountTokensCommand({ modelId: c.modelId, input: (c.body as { input?: never }).input } as never)
            : c.op === 'invoke'
              ? new InvokeModelCommand({
                  modelId: c.modelId,
                  body: JSON.stringify(c.body),
                  contentType: 'application/json',
                  serviceTier: c.headers?.['X-Amzn-Bedrock-Service-Tier'] as never,
                })
              : null;
    if (!command) continue;
    await assert.rejects(client.send(command as never), (e: Error & { $metadata: { httpStatusCode: number; requestId?: string } }) => {
      assert.ok(e instanceof ValidationException, `${c.name}: ${e.name} ${e.message}`);
      assert.equal(e.$metadata.httpStatusCode, 400, c.name);
      assert.match(e.$metadata.requestId ?? '', UUID, `${c.name}: the SDK reads the request id`);
      assert.match(e.message, c.message, `${c.name}: ${e.message}`);
      return true;
    });
  }
});

test('a model served only through an inference profile answers through the profile id and its ARN', async () => {
  const viaProfile = await client.send(
    new ConverseCommand({ modelId: SONNET_PROFILE, messages: [{ role: 'user', content: [{ text: 'Reply with OK' }] }] }),
  );
  assert.equal(viaProfile.output?.message?.content?.[0].text, 'OK');
  const arn = `arn:aws:bedrock:us-east-1:000000000000:inference-profile/${SONNET_PROFILE}`;
  const viaArn = await client.send(
    new ConverseCommand({ modelId: arn, messages: [{ role: 'user', content: [{ text: 'Reply with OK' }] }] }),
  );
  assert.equal(viaArn.output?.message?.content?.[0].text, 'OK');
  // A model ARN is on-demand invocation, refused like the bare id.
  await assert.rejects(
    client.send(
      new ConverseCommand({
        modelId: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0',
        messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      }),
    ),
    /on-demand throughput/,
  );
  // An on-demand model answers by id, by model ARN and by its profile.
  for (const id of [NOVA, `arn:aws:bedrock:us-east-1::foundation-model/${NOVA}`, `us.${NOVA}`]) {
    const r = await client.send(new ConverseCommand({ modelId: id, messages: [{ role: 'user', content: [{ text: 'Reply with OK' }] }] }));
    assert.equal(r.output?.message?.content?.[0].text, 'OK', id);
  }
});

test('a cache checkpoint on a model without prompt caching is refused as Bedrock refuses it (403)', async () => {
  await assert.rejects(
    client.send(
      new ConverseCommand({
        modelId: HAIKU,
        system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }],
        messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      }),
    ),
    (e: Error) =>
      e instanceof AccessDeniedException && /You invoked an unsupported model or your request did not allow prompt caching/.test(e.message),
  );
});

test("a model past its end-of-life date is a 404 with Bedrock's message; a legacy one still answers", async () => {
  await assert.rejects(
    client.send(new ConverseCommand({ modelId: 'amazon.retired-v1:0', messages: [{ role: 'user', content: [{ text: 'Hi' }] }] })),
    (e: Error) => e instanceof ResourceNotFoundException && /reached the end of its life/.test(e.message),
  );
  const legacy = await client.send(
    new ConverseCommand({ modelId: LLAMA, messages: [{ role: 'user', content: [{ text: 'Reply with OK' }] }] }),
  );
  assert.equal(legacy.output?.message?.content?.[0].text, 'OK');
});

test('valid edge values are accepted: temperature 0 and 1, topP 1, maxTokens 1 and the model limit', async () => {
  for (const inferenceConfig of [{ temperature: 0 }, { temperature: 1, topP: 1 }, { maxTokens: 1 }, { maxTokens: 4096 }]) {
    const r = await client.send(
      new ConverseCommand({
        modelId: HAIKU,
        messages: [{ role: 'user', content: [{ text: 'Summarize: the cat sat on the mat. It was warm.' }] }],
        inferenceConfig,
      }),
    );
    assert.ok(r.output?.message, JSON.stringify(inferenceConfig));
  }
  const one = await client.send(
    new ConverseCommand({
      modelId: HAIKU,
      messages: [{ role: 'user', content: [{ text: 'Summarize: the cat sat on the mat. It was warm.' }] }],
      inferenceConfig: { maxTokens: 1 },
    }),
  );
  assert.equal(one.stopReason, 'max_tokens');
  assert.ok(one.usage!.outputTokens! <= 1);
});

test('every error response of the control plane also carries a request id', async () => {
  const r = await raw(`${lb.url}/inference-profiles?maxResults=0`);
  assert.equal(r.status, 400);
  assert.match(String(r.headers['x-amzn-errortype']), /^ValidationException/);
  assert.match(String(r.headers['x-amzn-requestid']), UUID);
  assert.match(
    r.json().message as string,
    /Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1/,
  );
  const missing = await raw(`${lb.url}/nowhere`);
  assert.equal(missing.status, 404);
  assert.match(String(missing.headers['x-amzn-requestid']), UUID);
});
