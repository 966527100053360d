/**
 * Requests real Bedrock refuses with a 400 ValidationException, each with the message the
 * endpoint answers (Bedrock's own wording where it is documented or widely reported — see
 * docs/local-endpoint.md). Shared by the SDK v3, raw HTTP, curl and SDK v2 conformance tests.
 * Models come from test/helpers/test-catalog.ts.
 */
import { HAIKU, LLAMA, NOVA, SONNET, SONNET_45_PROFILE, SONNET_PROFILE } from './test-catalog';

export interface ValidationCase {
  name: string;
  modelId: string;
  op: 'converse' | 'converse-stream' | 'invoke' | 'invoke-with-response-stream' | 'count-tokens';
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  message: RegExp;
}

const user = (text = 'What is the capital of France?') => ({ role: 'user', content: [{ text }] });
const assistant = (text = 'Paris.') => ({ role: 'assistant', content: [{ text }] });
const weatherTool = {
  toolSpec: {
    name: 'get_weather',
    description: 'Get the current weather for a city',
    inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  },
};
const PNG = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');

export const VALIDATION_CASES: ValidationCase[] = [
  {
    name: 'temperature above 1',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user()], inferenceConfig: { temperature: 1.5 } },
    message:
      /^1 validation error detected: Value '1\.5' at 'inferenceConfig\.temperature' failed to satisfy constraint: Member must have value less than or equal to 1$/,
  },
  {
    name: 'topP below 0',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user()], inferenceConfig: { topP: -0.1 } },
    message: /Value '-0\.1' at 'inferenceConfig\.topP' failed to satisfy constraint: Member must have value greater than or equal to 0/,
  },
  {
    name: 'maxTokens 0',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user()], inferenceConfig: { maxTokens: 0 } },
    message: /Value '0' at 'inferenceConfig\.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1/,
  },
  {
    name: 'two constraint violations reported together',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user()], inferenceConfig: { maxTokens: 0, temperature: 2 } },
    message: /^2 validation errors detected: Value '0' at 'inferenceConfig\.maxTokens'.*; Value '2' at 'inferenceConfig\.temperature'/,
  },
  {
    name: 'maxTokens above the model limit',
    modelId: HAIKU,
    op: 'converse',
    body: { messages: [user()], inferenceConfig: { maxTokens: 5000 } },
    message: /The maximum tokens you requested \(5000\) exceeds the model limit of 4096/,
  },
  {
    name: 'unknown role',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [{ role: 'bot', content: [{ text: 'hi' }] }] },
    message:
      /Value 'bot' at 'messages\.1\.member\.role' failed to satisfy constraint: Member must satisfy enum value set: \[user, assistant\]/,
  },
  {
    name: 'conversation starting with the assistant',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [assistant(), user()] },
    message: /^A conversation must start with a user message\. Try again with a conversation that starts with a user message\.$/,
  },
  {
    name: 'two user turns in a row',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user(), user('And Spain?')] },
    message:
      /^A conversation must alternate between user and assistant roles\. Make sure the conversation alternates between user and assistant roles and try again\.$/,
  },
  {
    name: 'empty text',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user('')] },
    message:
      /^The text field in the ContentBlock object at messages\.0\.content\.0 is blank\. Add text to the text field, and try again\.$/,
  },
  {
    name: 'whitespace-only text',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user(), assistant(), { role: 'user', content: [{ text: 'ok' }, { text: '  ' }] }] },
    message: /ContentBlock object at messages\.2\.content\.1 is blank/,
  },
  {
    name: 'content: []',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [{ role: 'user', content: [] }] },
    message:
      /^The content field in the Message object at messages\.0 is empty\. Add a ContentBlock object to the content field and try again\.$/,
  },
  {
    name: 'a content block with two members',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [{ role: 'user', content: [{ text: 'hi', image: { format: 'png', source: { bytes: PNG } } }] }] },
    message: /at 'messages\.1\.member\.content\.1\.member' failed to satisfy constraint: Member must have exactly one member set/,
  },
  {
    name: 'empty system text',
    modelId: NOVA,
    op: 'converse',
    body: { system: [{ text: '' }], messages: [user()] },
    message: /Value '' at 'system\.1\.member\.text' failed to satisfy constraint: Member must have length greater than or equal to 1/,
  },
  {
    name: 'empty stop sequence',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user()], inferenceConfig: { stopSequences: [''] } },
    message:
      /at 'inferenceConfig\.stopSequences\.1\.member' failed to satisfy constraint: Member must have length greater than or equal to 1/,
  },
  {
    name: 'image to a text-only model',
    modelId: LLAMA,
    op: 'converse',
    body: { messages: [{ role: 'user', content: [{ text: 'Describe it.' }, { image: { format: 'png', source: { bytes: PNG } } }] }] },
    message: /This model doesn't support the image content block/,
  },
  {
    name: 'document to a model without documents',
    modelId: HAIKU,
    op: 'converse',
    body: {
      messages: [
        {
          role: 'user',
          content: [{ text: 'Summarize.' }, { document: { format: 'txt', name: 'notes', source: { text: 'Some notes.' } } }],
        },
      ],
    },
    message: /This model doesn't support the document content block/,
  },
  {
    name: 'video to a model without video',
    modelId: HAIKU,
    op: 'converse',
    body: { messages: [{ role: 'user', content: [{ text: 'Describe.' }, { video: { format: 'mp4', source: { bytes: PNG } } }] }] },
    message: /This model doesn't support the video content block/,
  },
  {
    name: 'image in an assistant turn',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user(), { role: 'assistant', content: [{ image: { format: 'png', source: { bytes: PNG } } }] }, user()] },
    message: /You can only include images and documents if the role is user/,
  },
  {
    name: 'document without a text block',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [{ role: 'user', content: [{ document: { format: 'txt', name: 'notes', source: { text: 'Some notes.' } } }] }] },
    message: /If you include a ContentBlock with a document field, you must also include a ContentBlock with a text field/,
  },
  {
    name: 'toolUse and toolResult blocks without a toolConfig',
    modelId: HAIKU,
    op: 'converse',
    body: {
      messages: [
        user('Weather in Paris?'),
        { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } }] },
        { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ text: '18 °C' }] } }] },
      ],
    },
    message: /^The toolConfig field must be defined when using toolUse and toolResult content blocks\.$/,
  },
  {
    name: 'a toolUse without its toolResult in the next turn',
    modelId: HAIKU,
    op: 'converse',
    body: {
      toolConfig: { tools: [weatherTool] },
      messages: [
        user('Weather in Paris?'),
        { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } }] },
        user('Well?'),
      ],
    },
    message: /`tool_use` ids were found without `tool_result` blocks immediately after: tooluse_1/,
  },
  {
    name: 'tools to a model without tool use',
    modelId: LLAMA,
    op: 'converse',
    body: { messages: [user()], toolConfig: { tools: [weatherTool] } },
    message: /^This model doesn't support tool use\.$/,
  },
  {
    name: 'toolChoice any where unsupported',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user()], toolConfig: { tools: [weatherTool], toolChoice: { any: {} } } },
    message: /^This model doesn't support the toolConfig\.toolChoice\.any field\. Remove toolConfig\.toolChoice\.any and try again\.$/,
  },
  {
    name: 'a tool name outside the pattern',
    modelId: HAIKU,
    op: 'converse',
    body: { messages: [user()], toolConfig: { tools: [{ toolSpec: { ...weatherTool.toolSpec, name: 'get weather' } }] } },
    message: /toolConfig\.tools\.1\.member\.toolSpec\.name' failed to satisfy constraint: Member must satisfy regular expression pattern/,
  },
  {
    name: 'an empty tools list',
    modelId: HAIKU,
    op: 'converse',
    body: { messages: [user()], toolConfig: { tools: [] } },
    message: /at 'toolConfig\.tools' failed to satisfy constraint: Member must have length greater than or equal to 1/,
  },
  {
    name: 'a model served only through an inference profile, by bare id',
    modelId: SONNET,
    op: 'converse',
    body: { messages: [user()] },
    message:
      /^Invocation of model ID anthropic\.claude-3-7-sonnet-20250219-v1:0 with on-demand throughput isn[’']t supported\. Retry your request with the ID or ARN of an inference profile that contains this model\.$/,
  },
  {
    name: 'the same, through InvokeModel',
    modelId: SONNET,
    op: 'invoke',
    body: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, messages: [user()] },
    message: /with on-demand throughput isn[’']t supported/,
  },
  {
    name: 'temperature and topP together where the model takes only one',
    modelId: SONNET_45_PROFILE,
    op: 'converse',
    body: { messages: [user()], inferenceConfig: { temperature: 0.2, topP: 0.9 } },
    message:
      /^The model returned the following errors: `temperature` and `top_p` cannot both be specified for this model\. Please use only one\.$/,
  },
  {
    name: 'the same, in an Anthropic InvokeModel body',
    modelId: SONNET_45_PROFILE,
    op: 'invoke',
    body: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, temperature: 0.2, top_p: 0.9, messages: [user()] },
    message: /^`temperature` and `top_p` cannot both be specified for this model\. Please use only one\.$/,
  },
  {
    name: 'an unknown model id',
    modelId: 'acme.unknown-v1:0',
    op: 'converse',
    body: { messages: [user()] },
    message: /The provided model identifier is invalid/,
  },
  {
    name: 'an unknown inference profile',
    modelId: `apac.${NOVA}`,
    op: 'converse',
    body: { messages: [user()] },
    message: /The provided model identifier is invalid/,
  },
  {
    name: 'thinking on a model without reasoning',
    modelId: HAIKU,
    op: 'converse',
    body: { messages: [user()], additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } } },
    message: /^The model returned the following errors: thinking: Extra inputs are not permitted$/,
  },
  {
    name: 'a thinking budget below 1,024',
    modelId: SONNET_PROFILE,
    op: 'converse',
    body: { messages: [user()], additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 500 } } },
    message: /^The model returned the following errors: thinking\.enabled\.budget_tokens: Input should be greater than or equal to 1024$/,
  },
  {
    name: 'a thinking budget not below maxTokens',
    modelId: SONNET_PROFILE,
    op: 'converse',
    body: {
      messages: [user()],
      inferenceConfig: { maxTokens: 2000 },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2000 } },
    },
    message: /`max_tokens` must be greater than `thinking\.budget_tokens`/,
  },
  {
    name: 'thinking with a temperature other than 1',
    modelId: SONNET_PROFILE,
    op: 'converse',
    body: {
      messages: [user()],
      inferenceConfig: { temperature: 0.2 },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    },
    message: /`temperature` may only be set to 1 when thinking is enabled/,
  },
  {
    name: 'thinking with a forced tool choice',
    modelId: SONNET_PROFILE,
    op: 'converse',
    body: {
      messages: [user()],
      toolConfig: { tools: [weatherTool], toolChoice: { any: {} } },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    },
    message: /Thinking may not be enabled when tool_choice forces tool use/,
  },
  {
    name: 'an unknown additional field (Amazon schema)',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user()], additionalModelRequestFields: { foo: 1 } },
    message:
      /^The model returned the following errors: Malformed input request: #: extraneous key \[foo\] is not permitted, please reformat your input and try again\.$/,
  },
  {
    name: 'latency-optimized inference where unsupported',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user()], performanceConfig: { latency: 'optimized' } },
    message: /doesn't support latency-optimized inference/,
  },
  {
    name: 'an unknown latency mode',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user()], performanceConfig: { latency: 'fast' } },
    message:
      /Value 'fast' at 'performanceConfig\.latency' failed to satisfy constraint: Member must satisfy enum value set: \[standard, optimized\]/,
  },
  {
    name: 'a service tier the model does not offer',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user()], serviceTier: { type: 'priority' } },
    message: /The service tier priority isn't supported for model amazon\.nova-lite-v1:0/,
  },
  {
    name: 'an unknown service tier',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user()], serviceTier: { type: 'turbo' } },
    message:
      /Value 'turbo' at 'serviceTier\.type' failed to satisfy constraint: Member must satisfy enum value set: \[priority, default, flex, reserved\]/,
  },
  {
    name: 'a guardrail (none exist offline)',
    modelId: NOVA,
    op: 'converse',
    body: { messages: [user()], guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: '1' } },
    message: /The guardrail identifier or version provided in the request does not exist/,
  },
  {
    name: 'ConverseStream checks the same',
    modelId: NOVA,
    op: 'converse-stream',
    body: { messages: [user(), user()] },
    message: /A conversation must alternate between user and assistant roles/,
  },
  // InvokeModel bodies, per provider.
  {
    name: 'Anthropic body without anthropic_version',
    modelId: HAIKU,
    op: 'invoke',
    body: { max_tokens: 100, messages: [user()] },
    message: /^Malformed input request: #: required key \[anthropic_version\] not found, please reformat your input and try again\.$/,
  },
  {
    name: 'Anthropic body with an extraneous key',
    modelId: HAIKU,
    op: 'invoke',
    body: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, top_n: 1, messages: [user()] },
    message:
      /^Malformed input request: #: subject must not be valid against schema \{"required":\["messages"\]\}#: extraneous key \[top_n\] is not permitted, please reformat your input and try again\.$/,
  },
  {
    name: 'Anthropic temperature above 1',
    modelId: HAIKU,
    op: 'invoke',
    body: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, temperature: 2, messages: [user()] },
    message: /#\/temperature: 2 is not less or equal to 1/,
  },
  {
    name: 'Anthropic max_tokens above the model limit',
    modelId: HAIKU,
    op: 'invoke',
    body: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 10000, messages: [user()] },
    message: /^max_tokens: 10000 > 4096, which is the maximum allowed number of output tokens for anthropic\.claude-3-haiku-20240307-v1:0$/,
  },
  {
    name: 'Anthropic empty text block',
    modelId: HAIKU,
    op: 'invoke',
    body: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] },
    message: /^messages: text content blocks must be non-empty$/,
  },
  {
    name: 'an Anthropic-shaped body sent to Nova',
    modelId: NOVA,
    op: 'invoke',
    body: {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 100,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    },
    message:
      /^Malformed input request: #: extraneous key \[anthropic_version\] is not permitted#: extraneous key \[max_tokens\] is not permitted#\/messages\/0\/content\/0: extraneous key \[type\] is not permitted, please reformat your input and try again\.$/,
  },
  {
    name: 'Nova max_new_tokens above the model limit',
    modelId: NOVA,
    op: 'invoke',
    body: { messages: [user()], inferenceConfig: { max_new_tokens: 6000 } },
    message: /#\/inferenceConfig\/max_new_tokens: 6000 is not less or equal to 5000/,
  },
  {
    name: 'Llama body without prompt',
    modelId: LLAMA,
    op: 'invoke',
    body: { max_gen_len: 100 },
    message: /#: required key \[prompt\] not found/,
  },
  {
    name: 'Llama max_gen_len above 2,048',
    modelId: LLAMA,
    op: 'invoke',
    body: { prompt: 'Hi', max_gen_len: 5000 },
    message: /#\/max_gen_len: 5000 is not less or equal to 2048/,
  },
  {
    name: 'InvokeModelWithResponseStream checks the same',
    modelId: HAIKU,
    op: 'invoke-with-response-stream',
    body: { max_tokens: 100, messages: [user()] },
    message: /required key \[anthropic_version\] not found/,
  },
  {
    name: 'an unknown service tier header',
    modelId: NOVA,
    op: 'invoke',
    body: { messages: [user()] },
    headers: { 'X-Amzn-Bedrock-Service-Tier': 'turbo' },
    message: /Value 'turbo' at 'serviceTier' failed to satisfy constraint/,
  },
  // CountTokens.
  {
    name: 'CountTokens on a model without token counting',
    modelId: LLAMA,
    op: 'count-tokens',
    body: { input: { converse: { messages: [user()] } } },
    message: /The provided model doesn't support counting tokens/,
  },
  {
    name: 'CountTokens without input',
    modelId: NOVA,
    op: 'count-tokens',
    body: {},
    message: /Value null at 'input' failed to satisfy constraint: Member must not be null/,
  },
  {
    name: 'CountTokens checks the conversation too',
    modelId: NOVA,
    op: 'count-tokens',
    body: { input: { converse: { messages: [assistant()] } } },
    message: /A conversation must start with a user message/,
  },
];
