/**
 * The catalogue's features follow AWS's Converse feature table (a copy with its date and link
 * in data/aws/converse-features.json), and the local endpoint applies the catalogue's own
 * rule with the shipped data: a feature marked false is refused as Bedrock refuses it; a
 * feature that is true or unknown (no key) is tried. End to end: tool use offline on
 * Claude Haiku 4.5 through its `us.` inference profile, with the unmodified AWS SDK.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseCommandInput,
  type ConverseCommandOutput,
  type Message,
  type Tool,
  type ToolUseBlock,
} from '@aws-sdk/client-bedrock-runtime';
import { DEFAULT_CATALOG_PATH, loadCatalog, type CatalogModel } from '../src/core/catalog';
import { startLocalBedrock, type LocalBedrock } from '../src/local-bedrock';
import { featureState, type Feature } from '../src/local-bedrock/model-support';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

interface FeatureTable {
  source: string;
  read: string;
  columns: string[];
  catalogueKeys: Record<string, Feature>;
  rows: { model: string; readFrom: string; cells: ('Yes' | 'No' | null)[]; catalogue: string[] }[];
  notInTable: Record<string, string>;
}

const table = JSON.parse(readFileSync(path.join(__dirname, '..', 'data', 'aws', 'converse-features.json'), 'utf8')) as FeatureTable;
const catalog = loadCatalog(DEFAULT_CATALOG_PATH);
const byId = new Map(catalog.models.map((m) => [m.modelId, m]));

test('the copy of the Converse feature table says where and when it was read', () => {
  assert.equal(table.source, 'https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html');
  assert.match(table.read, /^\d{4}-\d{2}-\d{2}$/);
  for (const row of table.rows) {
    assert.equal(row.cells.length, table.columns.length, row.model);
    assert.ok(row.readFrom, `${row.model}: which copy it was read from`);
  }
  for (const column of Object.keys(table.catalogueKeys)) assert.ok(table.columns.includes(column), column);
});

test('every catalogue model either has a row of the table or is listed, with the reason, as not in it', () => {
  const inRows = table.rows.flatMap((r) => r.catalogue);
  for (const m of catalog.models) {
    const row = inRows.includes(m.modelId);
    const listed = m.modelId in table.notInTable;
    assert.ok(
      row !== listed,
      `${m.modelId}: ${row && listed ? 'both in a row and in notInTable' : 'neither in a row nor in notInTable'} (data/aws/converse-features.json)`,
    );
  }
  for (const id of [...inRows, ...Object.keys(table.notInTable)]) assert.ok(byId.has(id), `${id} is not in data/model_catalog.json`);
});

test('the catalogue states each feature of the table as the row does (system prompts, documents, vision, tool use, streaming tool use)', () => {
  for (const row of table.rows) {
    for (const id of row.catalogue) {
      const model = byId.get(id)!;
      for (const [column, key] of Object.entries(table.catalogueKeys)) {
        const cell = row.cells[table.columns.indexOf(column)];
        if (cell === null) continue;
        assert.equal(
          featureState(model, key),
          cell === 'Yes',
          `${id}: features.${key} should be ${cell === 'Yes'} — row "${row.model}", column "${column}" of ${table.source}`,
        );
      }
      assert.match(
        model.sources.converseFeatures ?? '',
        /conversation-inference-supported-models-features/,
        `${id}: sources.converseFeatures`,
      );
    }
  }
});

test('a feature a model without a row marks false cites its source', () => {
  for (const id of Object.keys(table.notInTable)) {
    const model = byId.get(id)!;
    for (const key of Object.values(table.catalogueKeys)) {
      if (featureState(model, key) !== false) continue;
      assert.ok(model.sources.features || model.sources.converseFeatures, `${id}: features.${key} is false without a source`);
    }
  }
});

// ---------------------------------------------------------------------------------------
// The endpoint, with the shipped catalogue.

let lb: LocalBedrock;
let runtime: BedrockRuntimeClient;
before(async () => {
  lb = await startLocalBedrock({ latencyScale: 0 });
  runtime = new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: lb.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});
after(async () => {
  runtime.destroy();
  await lb.stop();
});

const weather: Tool = {
  toolSpec: {
    name: 'get_weather',
    description: 'Get the current weather for a city',
    inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } as never },
  },
};
const ask = (text: string): Message => ({ role: 'user', content: [{ text }] });
/** The id a call uses: the bare id where Bedrock serves it on demand, else its first profile. */
const callId = (m: CatalogModel): string =>
  m.inferenceTypesSupported?.includes('ON_DEMAND') === false ? m.inferenceProfiles[0] : m.modelId;
const live = (m: CatalogModel) => !m.lifecycle?.endOfLifeDate || Date.parse(m.lifecycle.endOfLifeDate) > Date.now();

test('tool use offline on Claude Haiku 4.5 through its us. profile, with the unmodified SDK: a forced call, then an answer that uses the result', async () => {
  const modelId = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
  const messages: Message[] = [ask('What is the weather in Lisbon right now?')];
  const first = await runtime.send(new ConverseCommand({ modelId, messages, toolConfig: { tools: [weather], toolChoice: { any: {} } } }));
  assert.equal(first.stopReason, 'tool_use');
  const call = first.output?.message?.content?.find((b) => b.toolUse)?.toolUse as ToolUseBlock;
  assert.equal(call.name, 'get_weather');
  assert.equal(typeof (call.input as { city?: unknown }).city, 'string');
  messages.push(first.output!.message!, {
    role: 'user',
    content: [{ toolResult: { toolUseId: call.toolUseId, content: [{ json: { city: 'Lisbon', celsius: 21 } }] } }],
  });
  const second = await runtime.send(new ConverseCommand({ modelId, messages, toolConfig: { tools: [weather] } }));
  assert.equal(second.stopReason, 'end_turn');
  assert.ok(second.output?.message?.content?.[0]?.text, 'a final text answer');

  // ConverseStream with tools (streaming tool use) through the same profile.
  const stream = await runtime.send(
    new ConverseStreamCommand({ modelId, messages: [messages[0]], toolConfig: { tools: [weather], toolChoice: { any: {} } } }),
  );
  let stop: string | undefined;
  for await (const event of stream.stream!) stop = event.messageStop?.stopReason ?? stop;
  assert.equal(stop, 'tool_use');
});

test('with the shipped catalogue, tool use and toolChoice any are tried wherever the catalogue does not mark them false', async () => {
  for (const model of catalog.models.filter(live)) {
    const modelId = callId(model);
    const request: ConverseCommandInput = {
      modelId,
      messages: [ask('What is the weather in Lisbon right now?')],
      toolConfig: { tools: [weather], toolChoice: { any: {} } },
    };
    const refused = featureState(model, 'tools') === false || featureState(model, 'toolChoiceAny') === false;
    try {
      const answer: ConverseCommandOutput = await runtime.send(new ConverseCommand(request));
      assert.ok(!refused, `${modelId}: answered although the catalogue marks tool use or toolChoice any false`);
      assert.equal(answer.stopReason, 'tool_use', modelId);
    } catch (error) {
      if ((error as Error).name !== 'ValidationException') throw error;
      assert.ok(refused, `${modelId}: refused (${(error as Error).message}) although the catalogue does not mark tool use false`);
    }
  }
});

test("with the shipped catalogue, ConverseStream with tools is refused exactly where streaming tool use is false (Bedrock's wording)", async () => {
  for (const model of catalog.models.filter(live)) {
    const modelId = callId(model);
    const request: ConverseCommandInput = { modelId, messages: [ask('Weather in Lisbon?')], toolConfig: { tools: [weather] } };
    if (featureState(model, 'streamingToolUse') === false) {
      await assert.rejects(() => runtime.send(new ConverseStreamCommand(request)), {
        name: 'ValidationException',
        message: new RegExp(
          `^This model doesn't support tool use in streaming mode\\. \\(${model.modelId.replace(/\./g, '\\.')}: features\\.streamingToolUse is false .*Fix: call Converse instead of ConverseStream`,
        ),
      });
    } else {
      const stream = await runtime.send(new ConverseStreamCommand(request));
      for await (const _ of stream.stream!);
    }
  }
});
