/**
 * Step 2's token counts: Bedrock's CountTokens where the model supports it (through the real
 * wire protocol of the local endpoint), the estimate elsewhere — and the plan saying which.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConverseCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { countConverseTokens, CountTokensError, toConverseInput } from '../src/core/bedrock';
import { findModel } from '../src/core/catalog';
import { estimateJudgePlan, estimatePlan } from '../src/steps/plan/cost-estimate';
import { countPromptTokens, estimateRequestTokens, type CountOptions } from '../src/steps/plan/token-count';
import { HAIKU, LLAMA, NOVA, SONNET, SONNET_PROFILE, testCatalog } from './helpers/test-catalog';
import { startTestEndpoint, type TestEndpoint } from './helpers/test-endpoint';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const catalog = testCatalog();
const PROMPTS = [
  'Summarize in two sentences.\n\n<document>The Porto warehouse shipped 12,400 orders in May.</document>',
  'Summarize in two sentences.\n\n<document>Late deliveries fell to 2.1 percent after the new sorting line started; costs per order rose slightly because of overtime.</document>',
  'Summarize in two sentences.\n\n<document>The team will add a second shift in July.</document>',
];

let endpoint: TestEndpoint;
let runtime: BedrockRuntimeClient;
before(async () => {
  endpoint = await startTestEndpoint({ seed: 3, catalog });
  runtime = endpoint.runtime;
});
after(() => endpoint.stop());

const options = (over: Partial<CountOptions> = {}): CountOptions => ({
  runtime,
  maxCounted: 100,
  concurrency: 2,
  maxAttempts: 2,
  timeoutMs: 10_000,
  enabled: true,
  ...over,
});
const requests = (modelId: string, prompts = PROMPTS) =>
  prompts.map((prompt) => ({ modelId, prompt, system: 'Be brief.', maxTokens: 200 }));

test('CountTokens counts what the Converse call of the same request is billed for (by the foundation id, for a profile-only model)', async () => {
  const request = requests(SONNET_PROFILE)[1];
  const counted = await countConverseTokens(runtime, SONNET, request);
  const billed = await runtime.send(new ConverseCommand(toConverseInput(request)));
  assert.equal(counted, billed.usage?.inputTokens);
  assert.ok(counted > 0);
});

test('a supported model is counted prompt by prompt; a profile id in the config is counted by its foundation model', async () => {
  const result = await countPromptTokens(
    { modelId: SONNET_PROFILE, catalog: findModel(catalog, SONNET_PROFILE) },
    requests(SONNET_PROFILE),
    options(),
  );
  assert.equal(result.method, 'CountTokens');
  assert.equal(result.counted, 3);
  for (const [i, r] of requests(SONNET).entries()) assert.equal(result.tokens[i], await countConverseTokens(runtime, SONNET, r));
  assert.match(result.note, /counted by CountTokens \(3 of 3 prompts\)/);
});

test('a model Bedrock refuses to count is estimated, with Bedrock’s reason; one refusal is enough', async () => {
  let calls = 0;
  const counting = {
    send: (...args: Parameters<BedrockRuntimeClient['send']>) => {
      calls++;
      return runtime.send(...args);
    },
  } as unknown as BedrockRuntimeClient;
  // The step's catalogue does not know (no countTokens key); the endpoint's says false, so it refuses as Bedrock does.
  const haiku = findModel(catalog, HAIKU)!;
  const { countTokens: _unknown, ...features } = haiku.features ?? {};
  const result = await countPromptTokens(
    { modelId: HAIKU, catalog: { ...haiku, features } },
    requests(HAIKU),
    options({ runtime: counting }),
  );
  assert.equal(result.method, 'estimate');
  assert.equal(calls, 1);
  assert.deepEqual(result.tokens, requests(HAIKU).map(estimateRequestTokens));
  assert.match(result.note, /CountTokens refused \(ValidationException — The provided model doesn't support counting tokens/);
});

test('a model the catalogue marks as not countable, or counting switched off, is estimated without a call', async () => {
  const noCalls = {
    send: () => {
      throw new Error('CountTokens must not be called');
    },
  } as unknown as BedrockRuntimeClient;
  const nova = findModel(catalog, NOVA)!;
  const marked = await countPromptTokens(
    { modelId: NOVA, catalog: { ...nova, features: { ...nova.features, countTokens: false } } },
    requests(NOVA),
    options({ runtime: noCalls }),
  );
  assert.equal(marked.method, 'estimate');
  assert.match(marked.note, /catalogue says .*does not support/);
  const off = await countPromptTokens({ modelId: NOVA, catalog: nova }, requests(NOVA), options({ runtime: noCalls, enabled: false }));
  assert.equal(off.method, 'estimate');
  assert.match(off.note, /plan\.countTokens = false/);
});

test('past the cap, the uncounted prompts are estimates scaled by the counted/estimated ratio', async () => {
  const many = Array.from({ length: 7 }, (_, i) => `${PROMPTS[i % 3]} Item ${i}.`);
  const result = await countPromptTokens(
    { modelId: NOVA, catalog: findModel(catalog, NOVA) },
    requests(NOVA, many),
    options({ maxCounted: 3 }),
  );
  assert.equal(result.method, 'CountTokens + scaled estimate');
  assert.equal(result.counted, 3);
  const reqs = requests(NOVA, many);
  const exact = await Promise.all(reqs.slice(0, 3).map((r) => countConverseTokens(runtime, NOVA, r)));
  assert.deepEqual(result.tokens.slice(0, 3), exact);
  const ratio =
    exact.reduce((a, b) => a + b, 0) /
    reqs
      .slice(0, 3)
      .map(estimateRequestTokens)
      .reduce((a, b) => a + b, 0);
  for (let i = 3; i < 7; i++) assert.equal(result.tokens[i], Math.round(estimateRequestTokens(reqs[i]) * ratio));
  assert.match(result.note, /4 past the cap of plan\.countTokensMaxPrompts = 3/);
});

test('CountTokens errors: a refusal is thrown at once with the model and Bedrock’s type; throttling is retried, then reported', async () => {
  const sleeps: number[] = [];
  let calls = 0;
  const throttled = {
    send: async () => {
      calls++;
      throw Object.assign(new Error('Too many requests, please wait before trying again.'), {
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 429 },
      });
    },
  } as unknown as BedrockRuntimeClient;
  await assert.rejects(
    countConverseTokens(throttled, NOVA, requests(NOVA)[0], {
      retry: { maxAttempts: 3, baseDelayMs: 1 },
      sleep: async (ms) => void sleeps.push(ms),
    }),
    (e: unknown) =>
      e instanceof CountTokensError &&
      e.errorType === 'ThrottlingException' &&
      /after 3 attempts/.test(e.message) &&
      e.context.model === NOVA,
  );
  assert.equal(calls, 3);
  assert.equal(sleeps.length, 2);
  await assert.rejects(
    countConverseTokens(runtime, LLAMA, requests(LLAMA)[0]),
    (e: unknown) => e instanceof CountTokensError && e.errorType === 'ValidationException',
  );
});

test('a failed count among counted ones becomes a scaled estimate, and the note says why', async () => {
  let n = 0;
  const flaky = {
    send: (...args: Parameters<BedrockRuntimeClient['send']>) => {
      n++;
      if (n === 2)
        return Promise.reject(
          Object.assign(new Error('Access denied'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }),
        );
      return runtime.send(...args);
    },
  } as unknown as BedrockRuntimeClient;
  const result = await countPromptTokens(
    { modelId: NOVA, catalog: findModel(catalog, NOVA) },
    requests(NOVA),
    options({ runtime: flaky, concurrency: 1 }),
  );
  assert.equal(result.method, 'CountTokens + scaled estimate');
  assert.equal(result.counted, 2);
  assert.match(result.note, /1 whose count failed \(AccessDeniedException/);
});

test('the plan uses the counted tokens, and refuses counts that do not match the documents', () => {
  const model = findModel(catalog, NOVA)!;
  const template = { name: 'nova.txt', file: 'nova.txt', text: '{{document}}', placeholders: ['document'] };
  const docs = [{ document: 'alpha' }, { document: 'beta' }];
  const promptTokens = {
    tokens: [100, 300],
    method: 'CountTokens' as const,
    counted: 2,
    note: 'counted by CountTokens (2 of 2 prompts)',
    why: '',
  };
  const [plan] = estimatePlan([{ modelId: NOVA, role: 'candidate', template, catalog: model, promptTokens }], docs, {
    maxTokens: 50,
    callsPerDocument: 2,
  });
  assert.equal(plan.estInputTokens, 800);
  assert.equal(plan.largestInputTokens, 300);
  assert.equal(plan.tokenMethod, 'CountTokens');
  assert.throws(
    () =>
      estimatePlan([{ modelId: NOVA, role: 'candidate', template, catalog: model, promptTokens: { ...promptTokens, tokens: [1] } }], docs, {
        maxTokens: 50,
      }),
    /1 prompt token counts for 2 documents/,
  );
});

test('the judge is priced: one call per judged answer, its output at judge.maxTokens; unknown price stays unknown; not called → no cost', () => {
  // Claude Sonnet 4.6 on-demand (us-east-1): $0.003 / 1k input, $0.015 / 1k output.
  const judgeModel = { ...findModel(catalog, SONNET)!, pricePer1kInputTokens: 0.003, pricePer1kOutputTokens: 0.015 };
  const promptTokens = { tokens: [1000, 2000], method: 'CountTokens' as const, counted: 2, note: '', why: '' };
  const plan = estimateJudgePlan({ modelId: SONNET_PROFILE, catalog: judgeModel, promptTokens, answersPerDocument: 6, maxTokens: 800 });
  assert.equal(plan.role, 'judge');
  assert.equal(plan.calls, 12);
  assert.equal(plan.estInputTokens, 18_000);
  assert.equal(plan.estOutputTokens, 9_600);
  assert.ok(Math.abs((plan.estCostUsd ?? 0) - (18 * 0.003 + 9.6 * 0.015)) < 1e-12, String(plan.estCostUsd));
  const unpriced = estimateJudgePlan({
    modelId: SONNET_PROFILE,
    catalog: { ...judgeModel, pricePer1kOutputTokens: null },
    promptTokens,
    answersPerDocument: 6,
    maxTokens: 800,
  });
  assert.equal(unpriced.estCostUsd, null);
  assert.match(unpriced.note, /price unknown/);
  const unknown = estimateJudgePlan({ modelId: 'acme.judge-v1:0', promptTokens, answersPerDocument: 6, maxTokens: 800 });
  assert.equal(unknown.estCostUsd, null);
  const notCalled = estimateJudgePlan({
    modelId: SONNET_PROFILE,
    catalog: judgeModel,
    promptTokens,
    answersPerDocument: 6,
    maxTokens: 800,
    notCalled: 'classification task',
  });
  assert.equal(notCalled.calls, 0);
  assert.equal(notCalled.estCostUsd, null);
  assert.equal(notCalled.note, 'classification task');
  assert.throws(
    () => estimateJudgePlan({ modelId: SONNET_PROFILE, catalog: judgeModel, promptTokens, answersPerDocument: 1, maxTokens: 0 }),
    /judge\.maxTokens/,
  );
});
