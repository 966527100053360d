/**
 * Record and replay (docs/record-replay.md): the cassette's matching key, the recorder on
 * the SDK's pipeline (every operation, event streams frame by frame, no secret stored), the
 * local endpoint replaying it to the unmodified SDK (the same bytes, in order, paced), and
 * every failure path — an unmatched call both ways, a damaged or truncated line, a bad folder.
 * Timings are asserted only as lower bounds (a timer never fires early); the pace itself is
 * measured in `npm run bench`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BedrockClient, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  CountTokensCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  type ConverseCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import { recordClient } from '../src/core/bedrock';
import { CassetteWriter, firstDifference, readCassette, requestKey } from '../src/core/cassette';
import { allModels, loadConfig } from '../src/core/config';
import { loadDataset } from '../src/core/dataset';
import { WorkshopError } from '../src/core/errors';
import { startLocalBedrock, type LocalBedrock } from '../src/local-bedrock';
import { upsertModelRow } from '../src/core/tracking';
import { connectBackend } from '../src/runs/backend';
import { openSession } from '../src/runs/session';
import { benchmarkModel } from '../src/steps/latency/benchmark';
import { NOVA, SONNET_PROFILE, testCatalog } from './helpers/test-catalog';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** Credentials that must never reach a cassette. */
const FAKE = {
  accessKeyId: 'AKIAFAKEREPLAYTEST42',
  secretAccessKey: 'fakeSecret/ReplayTest+DoNotStore0123456789',
  sessionToken: 'FAKE-SESSION-TOKEN-replay-test-0123456789',
};
const converseInput = (text: string): ConverseCommandInput => ({
  modelId: NOVA,
  messages: [{ role: 'user', content: [{ text }] }],
  inferenceConfig: { maxTokens: 200, temperature: 0.2 },
});
const DOC = 'Summarize: The quarterly report shows revenue grew 12% while costs fell 3%. The board approved a new plant in Ohio.';

function clients(url: string, credentials: typeof FAKE | { accessKeyId: string; secretAccessKey: string }) {
  const runtime = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1 });
  const control = new BedrockClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1 });
  return { runtime, control };
}

/** Every operation the workshop uses, once; the outputs without `$metadata` plus the request ids. */
async function callEverything(runtime: BedrockRuntimeClient, control: BedrockClient) {
  const out: Record<string, unknown> = {};
  const ids: string[] = [];
  const meta = (r: { $metadata: { requestId?: string } }) => ids.push(r.$metadata.requestId ?? '');
  const strip = <T extends { $metadata: unknown }>(r: T) => {
    const { $metadata: _, ...rest } = r;
    return rest;
  };
  const list = await control.send(new ListFoundationModelsCommand({ byOutputModality: 'TEXT' }));
  meta(list);
  out.list = strip(list);
  const conv = await runtime.send(new ConverseCommand(converseInput(DOC)));
  meta(conv);
  out.converse = strip(conv);
  const stream = await runtime.send(new ConverseStreamCommand(converseInput(`${DOC} Stream it.`)));
  meta(stream);
  const events: unknown[] = [];
  for await (const e of stream.stream ?? []) events.push(e);
  out.stream = events;
  const body = JSON.stringify({
    schemaVersion: 'messages-v1',
    messages: [{ role: 'user', content: [{ text: DOC }] }],
    inferenceConfig: { maxTokens: 100 },
  });
  const inv = await runtime.send(
    new InvokeModelCommand({ modelId: NOVA, body, contentType: 'application/json', accept: 'application/json' }),
  );
  meta(inv);
  out.invoke = Buffer.from(inv.body).toString('utf8');
  const invs = await runtime.send(new InvokeModelWithResponseStreamCommand({ modelId: NOVA, body, contentType: 'application/json' }));
  meta(invs);
  const chunks: string[] = [];
  for await (const e of invs.body ?? []) if (e.chunk?.bytes) chunks.push(Buffer.from(e.chunk.bytes).toString('utf8'));
  out.invokeStream = chunks;
  const count = await runtime.send(
    new CountTokensCommand({ modelId: NOVA, input: { converse: { messages: converseInput(DOC).messages } } }),
  );
  meta(count);
  out.count = strip(count);
  // A refusal is recorded and replayed too (temperature out of range).
  const refused = await runtime
    .send(new ConverseCommand({ ...converseInput(DOC), inferenceConfig: { temperature: 3 } }))
    .catch((e: Error) => e);
  out.refused = refused instanceof Error ? `${refused.name}: ${refused.message}` : 'no error';
  return { out, ids };
}

let dir: string;
let cassette: string;
let recorded: Awaited<ReturnType<typeof callEverything>>;
let source: LocalBedrock;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cassette-'));
  cassette = path.join(dir, 'sample');
  // The local endpoint stands in for AWS (same wire protocol), with a little emulated latency.
  source = await startLocalBedrock({ latencyScale: 0.02, catalog: testCatalog() });
  const { runtime, control } = clients(source.url, FAKE);
  const writer = CassetteWriter.open(cassette, { region: 'us-east-1', endpoint: source.url, dataset: null });
  recordClient(runtime, { writer, region: 'us-east-1', step: 3 });
  recordClient(control, { writer, region: 'us-east-1', step: 3 });
  recorded = await callEverything(runtime, control);
  writer.close();
  runtime.destroy();
  control.destroy();
});

after(async () => {
  await source.stop();
});

test('the matching key: key order, URL encoding, requestMetadata and unrelated headers do not matter; the body and Bedrock headers do', () => {
  const base = { method: 'POST', query: {}, headers: {} };
  const a = requestKey({ ...base, path: '/model/amazon.nova-lite-v1%3A0/converse', body: '{"b":{"y":1,"x":2},"a":[1,2]}' });
  assert.equal(a, requestKey({ ...base, path: '/model/amazon.nova-lite-v1:0/converse', body: '{ "a": [1, 2], "b": {"x": 2, "y": 1} }' }));
  assert.equal(
    a,
    requestKey({
      ...base,
      path: '/model/amazon.nova-lite-v1:0/converse',
      headers: { authorization: 'AWS4-HMAC-SHA256 …', 'x-amz-date': '20261205T000000Z', 'amz-sdk-invocation-id': 'x' },
      body: '{"a":[1,2],"b":{"x":2,"y":1},"requestMetadata":{"run":"42"}}',
    }),
  );
  assert.notEqual(a, requestKey({ ...base, path: '/model/amazon.nova-lite-v1:0/converse', body: '{"a":[2,1],"b":{"x":2,"y":1}}' }));
  assert.notEqual(a, requestKey({ ...base, path: '/model/amazon.nova-lite-v1:0/converse-stream', body: '{"a":[1,2],"b":{"x":2,"y":1}}' }));
  // requestMetadata is ignored only where it is Converse's log tag, not inside an InvokeModel body.
  const invoke = { ...base, path: '/model/m/invoke' };
  assert.notEqual(requestKey({ ...invoke, body: '{"a":1}' }), requestKey({ ...invoke, body: '{"a":1,"requestMetadata":{}}' }));
  assert.notEqual(
    requestKey({ ...invoke, body: '{"a":1}' }),
    requestKey({ ...invoke, headers: { 'X-Amzn-Bedrock-Service-Tier': 'flex' }, body: '{"a":1}' }),
  );
  const list = { method: 'GET', path: '/foundation-models', headers: {}, body: '' };
  assert.equal(
    requestKey({ ...list, query: { byProvider: 'Amazon', byOutputModality: 'TEXT' } }),
    requestKey({ ...list, query: { byOutputModality: ['TEXT'], byProvider: 'Amazon' } }),
  );
});

test('firstDifference names where two request bodies part', () => {
  assert.deepEqual(firstDifference({ messages: [{ text: 'a' }] }, { messages: [{ text: 'b' }] }), {
    path: 'messages[0].text',
    recorded: '"a"',
    sent: '"b"',
  });
  assert.equal(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), null);
  assert.equal(firstDifference({ a: 1 }, { a: 1, c: 2 })?.path, 'c');
});

test('recording: every operation is one line with its request id, timing and (for streams) its frames — and no credential or signature is stored', () => {
  const c = readCassette(cassette);
  assert.deepEqual(
    c.entries.map((e) => e.operation),
    ['ListFoundationModels', 'Converse', 'ConverseStream', 'InvokeModel', 'InvokeModelWithResponseStream', 'CountTokens', 'Converse'],
  );
  assert.deepEqual(
    c.entries.slice(0, 6).map((e) => e.requestId),
    recorded.ids,
  );
  assert.equal(c.manifest.counts.interactions, 7);
  assert.equal(c.manifest.counts.errors, 1);
  assert.deepEqual(c.manifest.models, [NOVA]);
  assert.equal(c.manifest.endpoint, source.url);
  for (const e of c.entries) {
    assert.equal(e.step, 3);
    assert.equal(e.region, 'us-east-1');
    assert.ok(e.timing.totalMs >= (e.timing.firstByteMs ?? 0), `${e.operation}: total ≥ first byte`);
    assert.deepEqual(
      Object.keys(e.request.headers).filter((h) => !h.startsWith('x-amzn-bedrock-')),
      [],
    );
  }
  for (const e of c.entries.filter((x) => /Stream$/.test(x.operation))) {
    const frames = e.response?.frames ?? [];
    assert.ok(frames.length >= 3, `${e.operation} has its frames`);
    assert.ok(
      frames.every((f, i) => i === 0 || f.atMs >= frames[i - 1].atMs),
      'frame offsets only grow',
    );
    assert.ok(frames.some((f) => f.event === 'contentBlockDelta' || f.event === 'chunk'));
  }
  // The secret-free promise: grep every file of the folder.
  for (const file of readdirSync(cassette)) {
    const text = readFileSync(path.join(cassette, file), 'utf8');
    for (const secret of [
      FAKE.accessKeyId,
      FAKE.secretAccessKey,
      FAKE.sessionToken,
      'AWS4-HMAC-SHA256',
      'Signature=',
      'X-Amz-Security-Token',
      'x-amz-date',
    ])
      assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `${file} contains ${secret}`);
  }
});

test('replay: the unmodified SDK gets the recorded answers byte for byte — streams, invoke bodies, counts, listings, refusals and request ids', async () => {
  const lb = await startLocalBedrock({ latencyScale: 0, catalog: testCatalog(), replay: { folder: cassette } });
  const { runtime, control } = clients(lb.url, { accessKeyId: 'local', secretAccessKey: 'local' });
  try {
    const replayed = await callEverything(runtime, control);
    assert.deepEqual(replayed.out, recorded.out);
    assert.deepEqual(replayed.ids, recorded.ids);
    assert.deepEqual(lb.replay?.stats, { replayed: 7, emulated: 0, refused: 0 });
  } finally {
    runtime.destroy();
    control.destroy();
    await lb.stop();
  }
});

test('replay is paced as recorded: a call never answers before its recorded total, a stream never before its first frame', async () => {
  const c = readCassette(cassette);
  const conv = c.entries.find((e) => e.operation === 'Converse')!;
  const stream = c.entries.find((e) => e.operation === 'ConverseStream')!;
  const firstDelta = stream.response!.frames!.find((f) => f.event === 'contentBlockDelta')!;
  const lb = await startLocalBedrock({ latencyScale: 1, catalog: testCatalog(), replay: { folder: cassette } });
  const { runtime } = clients(lb.url, { accessKeyId: 'local', secretAccessKey: 'local' });
  try {
    let t0 = performance.now();
    await runtime.send(new ConverseCommand(converseInput(DOC)));
    assert.ok(performance.now() - t0 >= conv.timing.totalMs - 1, 'Converse answered before its recorded latency');
    t0 = performance.now();
    const r = await runtime.send(new ConverseStreamCommand(converseInput(`${DOC} Stream it.`)));
    let firstTokenMs: number | null = null;
    for await (const e of r.stream ?? []) if (e.contentBlockDelta && firstTokenMs === null) firstTokenMs = performance.now() - t0;
    const totalMs = performance.now() - t0;
    assert.ok(firstTokenMs !== null && firstTokenMs >= firstDelta.atMs - 1, 'first token before its recorded offset');
    assert.ok(totalMs >= stream.timing.totalMs - 1, 'stream ended before its recorded total');
  } finally {
    runtime.destroy();
    await lb.stop();
  }
});

test('a call recorded several times answers with its recorded responses in order, then repeats the last; a step prefers its own recording', async () => {
  const folder = path.join(dir, 'repeats');
  const { runtime } = clients(source.url, FAKE);
  const writer = CassetteWriter.open(folder, { region: 'us-east-1', endpoint: source.url, dataset: null });
  const ctx = { writer, region: 'us-east-1', step: 3 as number | null };
  recordClient(runtime, ctx);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await runtime.send(new ConverseCommand(converseInput('Say hi.')))).$metadata.requestId!);
  ctx.step = 4;
  const step4 = (await runtime.send(new ConverseCommand(converseInput('Say hi.')))).$metadata.requestId!;
  writer.close();
  runtime.destroy();

  const replayIds = async (step: number | null, n: number) => {
    const lb = await startLocalBedrock({ latencyScale: 0, catalog: testCatalog(), replay: { folder, step } });
    const c = clients(lb.url, { accessKeyId: 'local', secretAccessKey: 'local' });
    const got: string[] = [];
    for (let i = 0; i < n; i++) got.push((await c.runtime.send(new ConverseCommand(converseInput('Say hi.')))).$metadata.requestId!);
    c.runtime.destroy();
    c.control.destroy();
    await lb.stop();
    return got;
  };
  assert.deepEqual(await replayIds(3, 5), [...ids, ids[2], ids[2]]);
  assert.deepEqual(await replayIds(4, 2), [step4, step4]);
  assert.deepEqual(await replayIds(null, 5), [...ids, step4, step4]);
  assert.deepEqual(await replayIds(5, 1), [ids[0]], 'a step with no recording of its own takes the recording order');
});

test('an unmatched call fails with ResourceNotFoundException naming the call, the cassette and where the nearest recorded call differs', async () => {
  const lb = await startLocalBedrock({ latencyScale: 0, catalog: testCatalog(), replay: { folder: cassette } });
  const { runtime } = clients(lb.url, { accessKeyId: 'local', secretAccessKey: 'local' });
  try {
    const err = (await runtime.send(new ConverseCommand(converseInput(`${DOC} (today is 2026-12-06)`))).catch((e: Error) => e)) as Error;
    assert.equal(err.name, 'ResourceNotFoundException');
    assert.match(err.message, /No recorded response for Converse of amazon\.nova-lite-v1:0/);
    assert.match(err.message, /cassette "sample"/);
    assert.ok(err.message.includes(cassette) || err.message.includes('sample'), err.message);
    assert.match(err.message, /nearest differs at messages\[0\]\.content\[0\]\.text/);
    assert.match(err.message, /Fix: .*LOCAL_BEDROCK_REPLAY_UNMATCHED=emulate/);
    const other = (await runtime
      .send(new ConverseCommand({ ...converseInput(DOC), modelId: SONNET_PROFILE }))
      .catch((e: Error) => e)) as Error;
    assert.match(other.message, /It recorded no Converse of us\.anthropic\.claude-3-7-sonnet.*its models: amazon\.nova-lite-v1:0/);
    assert.deepEqual(lb.replay?.stats, { replayed: 0, emulated: 0, refused: 2 });
  } finally {
    runtime.destroy();
    await lb.stop();
  }
});

test('unmatched = emulate: the emulator answers what the cassette lacks, and the counts say so', async () => {
  const lb = await startLocalBedrock({ latencyScale: 0, catalog: testCatalog(), replay: { folder: cassette, unmatched: 'emulate' } });
  const { runtime } = clients(lb.url, { accessKeyId: 'local', secretAccessKey: 'local' });
  try {
    const fresh = await runtime.send(new ConverseCommand(converseInput(`${DOC} Another document.`)));
    assert.ok(fresh.output?.message?.content?.[0]?.text, 'the emulator answered');
    const again = await runtime.send(new ConverseCommand(converseInput(DOC)));
    assert.deepEqual(again.output, (recorded.out.converse as { output: unknown }).output, 'a recorded call is still replayed');
    assert.deepEqual(lb.replay?.stats, { replayed: 1, emulated: 1, refused: 0 });
  } finally {
    runtime.destroy();
    await lb.stop();
  }
});

/** A copy of the sample cassette with its interactions file changed by `edit`. */
function damagedCopy(name: string, edit: (lines: string[]) => string[]): string {
  const folder = path.join(dir, name);
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'manifest.json'), readFileSync(path.join(cassette, 'manifest.json')));
  const lines = readFileSync(path.join(cassette, 'interactions.jsonl'), 'utf8').split('\n');
  writeFileSync(path.join(folder, 'interactions.jsonl'), edit(lines).join('\n'));
  return folder;
}

test('a truncated or damaged cassette line is an error naming the file and the line', async () => {
  const truncated = damagedCopy('truncated', (lines) => {
    const out = lines.filter(Boolean);
    out[out.length - 1] = out[out.length - 1].slice(0, 120);
    return out;
  });
  await assert.rejects(
    startLocalBedrock({ catalog: testCatalog(), replay: { folder: truncated } }),
    (e: WorkshopError) =>
      e instanceof WorkshopError &&
      /truncated[/\\]interactions\.jsonl line 7 is damaged or truncated: not valid JSON/.test(e.message) &&
      e.context.row === 7 &&
      /Fix: .*delete line 7/.test(e.message),
  );
  const wrongShape = damagedCopy('wrong-shape', (lines) => {
    const obj = JSON.parse(lines[2]);
    obj.timing.totalMs = 'slow';
    lines[2] = JSON.stringify(obj);
    return lines;
  });
  await assert.rejects(
    startLocalBedrock({ catalog: testCatalog(), replay: { folder: wrongShape } }),
    /interactions\.jsonl line 3 is not a recorded call: timing\.totalMs: Expected number/,
  );
  const noManifest = path.join(dir, 'not-a-cassette');
  mkdirSync(noManifest);
  await assert.rejects(
    startLocalBedrock({ catalog: testCatalog(), replay: { folder: noManifest } }),
    /manifest .*manifest\.json does not exist\. Fix: point cassette\.replay/,
  );
  await assert.rejects(
    startLocalBedrock({ catalog: testCatalog(), replay: { folder: path.join(dir, 'nowhere') } }),
    /The cassette folder .*nowhere does not exist/,
  );
});

test('recording: a folder that is not a cassette is refused; a line half-written by a crash damages only itself', () => {
  const busy = path.join(dir, 'busy');
  mkdirSync(busy);
  writeFileSync(path.join(busy, 'notes.txt'), 'mine');
  assert.throws(
    () => CassetteWriter.open(busy, { region: 'us-east-1', endpoint: null, dataset: null }),
    /is not empty and holds no cassette/,
  );
  const crashed = path.join(dir, 'crashed');
  const w = CassetteWriter.open(crashed, { region: 'us-east-1', endpoint: null, dataset: null });
  const line = readFileSync(path.join(cassette, 'interactions.jsonl'), 'utf8').split('\n')[1];
  w.append(JSON.parse(line));
  w.close();
  appendFileSync(path.join(crashed, 'interactions.jsonl'), line.slice(0, 50)); // the crash
  const again = CassetteWriter.open(crashed, { region: 'us-east-1', endpoint: null, dataset: null });
  again.append(JSON.parse(line));
  again.close();
  assert.throws(() => readCassette(crashed), /line 2 is damaged or truncated/);
  const lines = readFileSync(path.join(crashed, 'interactions.jsonl'), 'utf8').split('\n');
  assert.doesNotThrow(() => JSON.parse(lines[2]), 'the next line is whole');
  assert.throws(
    () => CassetteWriter.open(crashed, { region: 'eu-west-1', endpoint: null, dataset: null }),
    /recorded in us-east-1; this run calls eu-west-1/,
  );
});

test('configuration: record needs backend aws, replay needs backend local, never both — each refusal names the variable', () => {
  const env = (extra: Record<string, string>) => ({ ...extra });
  assert.throws(
    () => loadConfig({ env: env({ LOCAL_BEDROCK_RECORD: 'x' }) }),
    /cassette\.record \(set by the environment variable LOCAL_BEDROCK_RECORD\) asks to record, but backend is "local".*Fix: set "backend": "aws"/s,
  );
  assert.throws(
    () => loadConfig({ env: env({ LOCAL_BEDROCK_REPLAY: 'x', WORKSHOP_BACKEND: 'aws' }) }),
    /asks to replay a cassette, but backend is "aws".*Fix: set "backend": "local"/s,
  );
  assert.throws(
    () => loadConfig({ env: env({ LOCAL_BEDROCK_REPLAY: 'x', LOCAL_BEDROCK_RECORD: 'y', WORKSHOP_BACKEND: 'aws' }) }),
    /a run either records or replays/,
  );
  assert.throws(
    () => loadConfig({ env: env({ LOCAL_BEDROCK_REPLAY_UNMATCHED: 'guess' }) }),
    /cassette\.unmatched .*LOCAL_BEDROCK_REPLAY_UNMATCHED/,
  );
  const c = loadConfig({ env: env({ LOCAL_BEDROCK_REPLAY: 'cassettes/x', LOCAL_BEDROCK_REPLAY_UNMATCHED: 'emulate' }) });
  assert.deepEqual(c.cassette, { record: null, replay: 'cassettes/x', unmatched: 'emulate' });
});

test('the replay backend: its column names the cassette and the day, its identity never matches an emulated or an aws run', async () => {
  const config = loadConfig({ env: { LOCAL_BEDROCK_REPLAY: cassette } });
  const day = readCassette(cassette).manifest.recordedFrom!.slice(0, 10);
  const b = await connectBackend(config, { step: 3 });
  try {
    assert.equal(b.kind, 'replay');
    assert.equal(b.column, `replay:sample@${day}`);
    assert.match(b.identity, new RegExp(`^replay:sample@${day},cassette=[0-9a-f]{12},latencyScale=1,unmatched=error$`));
    assert.match(
      b.description,
      /^REPLAYED from a recording made through the aws backend via http:\/\/127\.0\.0\.1:\d+ \(standing in for Amazon Bedrock\) on \d{4}-\d{2}-\d{2}/,
    );
    assert.match(b.label, /^REPLAYED/);
  } finally {
    await b.stop();
  }
  const emulate = await connectBackend(loadConfig({ env: { LOCAL_BEDROCK_REPLAY: cassette, LOCAL_BEDROCK_REPLAY_UNMATCHED: 'emulate' } }));
  try {
    assert.equal(emulate.column, `replay:sample@${day}+emulated`);
    assert.match(emulate.description, /answered by the EMULATOR/);
  } finally {
    await emulate.stop();
  }
});

test('provenance: a replayed run never resumes an emulated run, and an emulated run never resumes a replayed one', async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'replay-provenance-'));
  const env = {
    WORKSHOP_TRACKING_FILE: path.join(scratch, 'tracking.csv'),
    WORKSHOP_OUTPUTS_DIR: path.join(scratch, 'outputs'),
    LOCAL_BEDROCK_LATENCY_SCALE: '0',
  };
  const replayEnv = { ...env, LOCAL_BEDROCK_REPLAY: cassette, LOCAL_BEDROCK_REPLAY_UNMATCHED: 'emulate' };
  const measure = async (e: Record<string, string>) => {
    const s = await openSession({ step: 3, env: e }).catch(async () => {
      // step 3 needs step 1's rows: create them once.
      const one = await openSession({ step: 1, env: e });
      for (const m of allModels(one.config)) upsertModelRow(one.tracking, m.modelId, { role: m.role });
      await one.close();
      return openSession({ step: 3, env: e });
    });
    const docs = (await loadDataset(s.config)).rows.slice(0, 2);
    const r = await benchmarkModel(s, allModels(s.config)[0], docs, { print: () => {} });
    await s.close();
    return r;
  };
  const local = await measure(env);
  assert.deepEqual([local.made, local.resumed, local.setAside], [2, 0, 0]);
  const replayed = await measure(replayEnv);
  assert.deepEqual([replayed.made, replayed.resumed, replayed.setAside], [2, 0, 2], 'the emulated rows are set aside');
  assert.match(replayed.rows[0].backend, /^replay:sample@\d{4}-\d{2}-\d{2}\+emulated$/);
  assert.match(replayed.rows[0].endpoint, /^replay:sample@.*unmatched=emulate/);
  const again = await measure(env);
  assert.deepEqual(
    [again.made, again.resumed, again.setAside],
    [0, 2, 2],
    'the emulated run resumes its own rows, never the replayed ones',
  );
  assert.equal(again.rows[0].backend, 'local');
});
