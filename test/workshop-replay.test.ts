/**
 * Record once, replay anywhere — the whole workshop (docs/record-replay.md):
 *
 * 1. record: `npm run workshop` on the `aws` backend, with fake credentials, against a
 *    separately started local endpoint standing in for AWS (it speaks Bedrock's wire
 *    protocol; `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`/`_BEDROCK`/`_BEDROCK_AGENT_RUNTIME` point the SDK at it), with
 *    LOCAL_BEDROCK_RECORD;
 * 2. stop the stand-in, drop every AWS variable, and replay: `npm run workshop` on the
 *    default local backend with LOCAL_BEDROCK_REPLAY — no network, no account;
 * 3. compare: the same answers and judgements byte for byte, every row and banner saying it
 *    was replayed, and the replayed latencies paced by the recording (asserted as bounds
 *    that hold on a loaded machine; the measured tolerance is `npm run bench`'s item 6).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCassette } from '../src/core/cassette';
import { parseCsv } from '../src/core/csv';
import { startLocalBedrock } from '../src/local-bedrock';
import { readLatencyResults, readQualityResults } from '../src/results';

const ROOT = path.resolve(__dirname, '..');
const FAKE = {
  AWS_ACCESS_KEY_ID: 'AKIAFAKEWORKSHOPREC1',
  AWS_SECRET_ACCESS_KEY: 'fakeWorkshopSecret/DoNotStore+0123456789',
  AWS_SESSION_TOKEN: 'FAKE-WORKSHOP-SESSION-TOKEN-0123',
};

function workshop(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const base = { ...process.env };
  // Nothing of the machine's own AWS set-up reaches either run.
  for (const k of Object.keys(base)) if (/^AWS_/.test(k) || /^(LOCAL_BEDROCK_|WORKSHOP_|BENCHMARK_)/.test(k)) delete base[k];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'bin', 'workshop.js')], {
      env: { ...base, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const collect = (c: Buffer) => {
      out += c.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const scratch = (dir: string, name: string) => ({
  WORKSHOP_OUTPUTS_DIR: path.join(dir, name, 'outputs'),
  WORKSHOP_TRACKING_FILE: path.join(dir, name, 'tracking.csv'),
  WORKSHOP_EXECUTED_DIR: path.join(dir, name, 'executed'),
});
const tracking = (env: Record<string, string>) => parseCsv(readFileSync(env.WORKSHOP_TRACKING_FILE, 'utf8')).rows;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

test('a workshop recorded through the aws backend replays through all five notebooks offline: same answers, paced as recorded, labelled as replayed', {
  timeout: 40 * 60_000,
}, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'workshop-replay-'));
  const cassette = path.join(dir, 'sample-workshop');

  // 1. the stand-in for AWS, in its own server, with a little emulated latency to record.
  const standIn = await startLocalBedrock({ latencyScale: 0.05 });
  const recEnv = scratch(dir, 'recording');
  let rec: Awaited<ReturnType<typeof workshop>>;
  try {
    rec = await workshop({
      ...recEnv,
      ...FAKE,
      WORKSHOP_BACKEND: 'aws',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: standIn.url,
      AWS_ENDPOINT_URL_BEDROCK: standIn.url,
      AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME: standIn.url,
      LOCAL_BEDROCK_RECORD: cassette,
    });
  } finally {
    await standIn.stop();
  }
  assert.equal(rec.code, 0, rec.out);
  assert.match(
    readFileSync(path.join(recEnv.WORKSHOP_EXECUTED_DIR, '01_setup.ipynb'), 'utf8'),
    /RECORDING every call into the cassette .{1,8}sample-workshop/,
  );

  // 2. the cassette: every step's calls, no secret.
  const c = readCassette(cassette);
  // Step 5 makes calls too (notebook 05 looks up the deployment options by hand).
  assert.deepEqual(Object.keys(c.manifest.counts.byStep).sort(), ['1', '2', '3', '4', '5']);
  assert.equal(c.manifest.counts.noResponse, 0);
  assert.equal(c.manifest.endpoint, standIn.url);
  for (const file of readdirSync(cassette)) {
    const text = readFileSync(path.join(cassette, file), 'utf8');
    for (const secret of [...Object.values(FAKE), 'AWS4-HMAC-SHA256', 'Signature='])
      assert.ok(!text.includes(secret), `${file} holds ${secret}`);
  }
  t.diagnostic(`cassette: ${c.entries.length} calls, ${readFileSync(path.join(cassette, 'interactions.jsonl')).length} bytes`);

  // 3. replay: the stand-in is gone, no AWS variable is set.
  const repEnv = scratch(dir, 'replay');
  const rep = await workshop({ ...repEnv, LOCAL_BEDROCK_REPLAY: cassette });
  assert.equal(rep.code, 0, rep.out);
  const day = c.manifest.recordedFrom!.slice(0, 10);
  const recRows = tracking(recEnv);
  const repRows = tracking(repEnv);
  for (const r of repRows) assert.equal(r.backend, `replay:sample-workshop@${day}`, `${r.model}: backend column`);
  for (const r of recRows) assert.equal(r.backend, 'aws');

  // Every notebook's banner says it.
  for (const nb of readdirSync(repEnv.WORKSHOP_EXECUTED_DIR).filter((f) => f.endsWith('.ipynb')))
    assert.match(
      readFileSync(path.join(repEnv.WORKSHOP_EXECUTED_DIR, nb), 'utf8'),
      /REPLAYED from a recording made through the aws backend via http:\/\/127\.0\.0\.1:\d+/,
      nb,
    );
  assert.match(
    readFileSync(path.join(repEnv.WORKSHOP_OUTPUTS_DIR, 'report.html'), 'utf8'),
    /REPLAYED — recorded via a stand-in endpoint on/,
  );

  // 4. step 3: the same answers, tokens and errors; latencies paced by the recording.
  const ratios: number[] = [];
  let answers = 0;
  for (const r of recRows.filter((x) => x.latency_results_file)) {
    const p = repRows.find((x) => x.model === r.model)!;
    const a = readLatencyResults(path.resolve(ROOT, r.latency_results_file!));
    const b = readLatencyResults(path.resolve(ROOT, p.latency_results_file!));
    assert.equal(b.length, a.length, r.model!);
    for (const x of a) {
      const y = b.find((z) => z.document_id === x.document_id && z.experiment === x.experiment && z.invocation === x.invocation)!;
      assert.equal(y.model_response, x.model_response, `${r.model} document ${x.document_index}: the answer`);
      assert.deepEqual(
        [y.status, y.error_type, y.model_input_tokens, y.model_output_tokens, y.model_latencyMs],
        [x.status, x.error_type, x.model_input_tokens, x.model_output_tokens, x.model_latencyMs],
      );
      assert.match(y.backend, /^replay:sample-workshop@/);
      answers++;
      if (x.status !== 'success') continue;
      // The recording's stream took at least the latency Bedrock reported in it; the replay waits the recorded time.
      assert.ok(y.latency_ms! >= y.model_latencyMs! - 1, `${r.model}: replayed in ${y.latency_ms} ms, recorded ≥ ${y.model_latencyMs} ms`);
      ratios.push(y.latency_ms! / x.latency_ms!);
    }
  }
  assert.ok(answers >= 60);
  const m = median(ratios);
  t.diagnostic(`replayed ÷ recorded latency, median over ${ratios.length} calls: ${m.toFixed(3)}`);
  // A gross bound only (timers fire late on a loaded machine, never early): the pace itself is measured by npm run bench.
  assert.ok(m >= 0.8 && m <= 3, `median replayed/recorded latency ${m}`);

  // 5. step 4: the same judgements.
  for (const r of recRows.filter((x) => x.quality_results_file)) {
    const p = repRows.find((x) => x.model === r.model)!;
    const a = readQualityResults(path.resolve(ROOT, r.quality_results_file!));
    const b = readQualityResults(path.resolve(ROOT, p.quality_results_file!));
    assert.equal(b.length, a.length);
    for (const x of a) {
      const y = b.find((z) => z.document_id === x.document_id && z.judge_model === x.judge_model && z.invocation === x.invocation)!;
      for (const k of Object.keys(x).filter((k) => /(_score|_reason|_status|^overall)$/.test(k)))
        assert.equal(y[k], x[k], `${r.model} ${k}`);
    }
  }
  rmSync(dir, { recursive: true, force: true }); // kept when a check fails, for a look
});
