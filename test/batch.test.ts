import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ConverseCommand, InvokeModelCommand, ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { loadDataset } from '../src/core/dataset';
import { readLatencyResults } from '../src/results';
import type { WorkshopSession } from '../src/runs/session';
import { batchJobName, modelInvocationJobRequest, quotaProblems, requestProblems } from '../src/steps/batch/job';
import {
  importBatchOutput,
  prepareBatchJobs,
  requireBatchAws,
  runEmulatedBatch,
  useBatchResults,
  type PreparedBatchJob,
} from '../src/steps/batch/run';
import { loadRubrics } from '../src/core/judge/rubrics';
import { runQuality } from '../src/steps/quality/run';
import { openScratchSession } from './helpers/scratch-session';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const NOVA = 'us.amazon.nova-2-lite-v1:0';

const session = (env: Record<string, string> = {}) => openScratchSession('batch', env);

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { recordId: string; modelInput: Record<string, unknown> });

test("every model's records are in its documented body, and the local endpoint's InvokeModel (or Converse) accepts each", async () => {
  const { s } = await session();
  try {
    const docs = (await loadDataset(s.config)).rows.slice(0, 3);
    const jobs = prepareBatchJobs(s, docs, { env: {} });
    // the default line-up: Claude (source and candidate), Nova, Llama, gpt-oss, Mistral
    assert.deepEqual(
      jobs.map((j) => [j.status, j.format, j.invocationType]),
      [
        ['written', 'anthropic', 'InvokeModel'],
        ['written', 'anthropic', 'InvokeModel'],
        ['written', 'nova', 'InvokeModel'],
        ['written', 'llama', 'InvokeModel'],
        ['written', 'converse', 'Converse'],
        ['written', 'converse', 'Converse'],
      ],
    );
    for (const job of jobs) {
      const records = job.inputFiles.flatMap(lines);
      assert.equal(records.length, 3);
      assert.equal(new Set(records.map((r) => r.recordId)).size, 3);
      for (const r of records) {
        assert.match(r.recordId, /^[A-Za-z0-9]+$/);
        if (job.invocationType === 'Converse') {
          const res = await s.backend.runtime.send(new ConverseCommand({ modelId: job.model, ...(r.modelInput as object) }));
          assert.ok(res.output?.message?.content?.[0]?.text, job.model);
        } else {
          const res = await s.backend.runtime.send(
            new InvokeModelCommand({ modelId: job.model, body: JSON.stringify(r.modelInput), contentType: 'application/json' }),
          );
          assert.ok(res.body.length > 0, job.model);
        }
      }
    }
    const claude = lines(jobs[1].inputFiles[0])[0].modelInput;
    assert.equal(claude.anthropic_version, 'bedrock-2023-05-31');
    assert.equal(claude.max_tokens, s.config.inference.maxTokens);
    assert.match(String((lines(jobs[3].inputFiles[0])[0].modelInput as { prompt: string }).prompt), /^<\|begin_of_text\|>/);
    // the check that accepted them can refuse: a Claude body sent to Nova is a ValidationException
    await assert.rejects(
      s.backend.runtime.send(new InvokeModelCommand({ modelId: NOVA, body: JSON.stringify(claude), contentType: 'application/json' })),
      (e: unknown) => e instanceof ValidationException && /anthropic_version/.test((e as Error).message),
    );
    // three documents are fewer than the documented minimum per job: the fix names the number
    assert.match(jobs[1].problems.join(' '), /3 records: Bedrock needs at least 100 per job.*add at least 97 more documents/);
    // without the AWS variables the request holds the documentation's placeholders, and says which are missing
    assert.deepEqual(jobs[1].missingEnv, ['BEDROCK_BATCH_ROLE_ARN', 'BEDROCK_BATCH_S3_URI']);
    assert.equal(JSON.parse(readFileSync(jobs[1].requestFile, 'utf8')).modelInvocationType, 'InvokeModel');
  } finally {
    await s.close();
  }
});

test('the CreateModelInvocationJob request is checked against the API model constraints', () => {
  const ok = modelInvocationJobRequest({
    jobName: batchJobName('us.anthropic.claude-sonnet-4-5-20250929-v1:0', '20261124201500'),
    roleArn: 'arn:aws:iam::111122223333:role/BatchRole',
    modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    inputS3Uri: 's3://my-bucket/batch/input/',
    outputS3Uri: 's3://my-bucket/batch/output/',
    invocationType: 'InvokeModel',
  });
  assert.deepEqual(requestProblems(ok), []);
  assert.ok(ok.jobName!.length <= 63);
  const bad = (patch: object) => requestProblems({ ...ok, ...patch }).join(' | ');
  assert.match(bad({ jobName: '-starts-with-hyphen' }), /jobName .* does not match/);
  assert.match(bad({ jobName: 'a'.repeat(64) }), /jobName is 64 characters; the API model allows at most 63/);
  assert.match(bad({ roleArn: 'arn:aws:iam::123:user/me' }), /roleArn .* does not match/);
  assert.match(bad({ inputDataConfig: { s3InputDataConfig: { s3Uri: 's3://My_Bucket/x' } } }), /s3InputDataConfig.s3Uri .* does not match/);
  assert.match(bad({ outputDataConfig: { s3OutputDataConfig: { s3Uri: '' } } }), /s3OutputDataConfig.s3Uri is required/);
  assert.match(bad({ timeoutDurationInHours: 12 }), /timeoutDurationInHours 12 is outside 24–168/);
  assert.match(bad({ timeoutDurationInHours: 169 }), /outside 24–168/);
  assert.match(bad({ clientRequestToken: 'has space' }), /clientRequestToken .* does not match/);
  // quotas: too many records in one file, and a job over the record limit
  const q = quotaProblems({ records: 60_000, files: [{ name: 'a.jsonl', records: 60_000, bytes: 10 }] });
  assert.match(q.join(' | '), /at most 50000 per job.*split the dataset into 2 jobs/);
  assert.match(q.join(' | '), /a\.jsonl: 60000 records, at most 50000 per file/);
  assert.deepEqual(quotaProblems({ records: 100, files: [{ name: 'a.jsonl', records: 100, bytes: 10 }] }), []);
});

test('models batch cannot serve are skipped with the reason; a missing batch price is "unknown", not 0', async () => {
  const { s } = await session({ WORKSHOP_CANDIDATE_MODELS: 'anthropic.claude-3-haiku-20240307-v1:0,openai.gpt-oss-120b-1:0' });
  try {
    const docs = (await loadDataset(s.config)).rows.slice(0, 2);
    const [, eol, gptOss] = prepareBatchJobs(s, docs, { env: {} });
    assert.equal(eol.status, 'skipped');
    assert.match(eol.reason, /past its Bedrock end of life \(2026-/);
    assert.equal(eol.inputFiles.length, 0);
    assert.equal(gptOss.status, 'written');
    assert.equal(gptOss.batchSupport, 'unknown');
    assert.equal(gptOss.batchPrice, null);
    assert.match(gptOss.reason, /no batch price .* \(unknown, not 0\)/);
  } finally {
    await s.close();
  }
});

test('submitting without AWS says what is missing and the fix', async () => {
  const { s } = await session({ WORKSHOP_CANDIDATE_MODELS: NOVA });
  try {
    const [job] = prepareBatchJobs(s, (await loadDataset(s.config)).rows.slice(0, 2), { env: {} });
    assert.throws(() => requireBatchAws(job, s), /needs real Amazon Bedrock.*Fix: set "backend": "aws"/s);
    const onAws = { ...s, backend: { ...s.backend, kind: 'aws' } } as WorkshopSession;
    assert.throws(
      () => requireBatchAws(job, onAws),
      /BEDROCK_BATCH_ROLE_ARN and BEDROCK_BATCH_S3_URI are not set\. Fix: set BEDROCK_BATCH_ROLE_ARN to the ARN/,
    );
    const [withEnv] = prepareBatchJobs(s, (await loadDataset(s.config)).rows.slice(0, 2), {
      env: { BEDROCK_BATCH_ROLE_ARN: 'arn:aws:iam::111122223333:role/R', BEDROCK_BATCH_S3_URI: 's3://my-bucket/p' },
      models: [s.config.models.source.modelId],
    });
    assert.deepEqual(withEnv.missingEnv, []);
    // all set, but 2 records: refused with the quota's message before anything is uploaded
    assert.throws(() => requireBatchAws(withEnv, onAws), /cannot be submitted:\n- 2 records: Bedrock needs at least 100/);
  } finally {
    await s.close();
  }
});

function writeOutput(_job: PreparedBatchJob, dir: string, outLines: string[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'records-001.jsonl.out'), `${outLines.join('\n')}\n`);
}

test('import: error records, malformed lines, unknown and duplicate ids, missing records — one row per input, nothing dropped, nothing thrown', async () => {
  const { s, dir } = await session({ WORKSHOP_CANDIDATE_MODELS: NOVA });
  try {
    const docs = (await loadDataset(s.config)).rows.slice(0, 5);
    const job = prepareBatchJobs(s, docs, { env: {}, models: [NOVA] })[0];
    const ids = lines(job.inputFiles[0]).map((r) => r.recordId);
    const good = (id: string, text: string) =>
      JSON.stringify({
        recordId: id,
        modelInput: {},
        modelOutput: {
          output: { message: { role: 'assistant', content: [{ text }] } },
          stopReason: 'end_turn',
          usage: { inputTokens: 10, outputTokens: 4 },
        },
      });
    const outDir = path.join(dir, 'handmade');
    writeOutput(job, outDir, [
      good(ids[0], 'first answer'),
      JSON.stringify({ recordId: ids[1], modelInput: {}, error: { errorCode: 400, errorMessage: 'Malformed input request' } }),
      '{"recordId": "R-broken', // malformed: ids[2]'s line is lost
      good('Rnotinput', 'stray'),
      good(ids[3], 'fourth answer'),
      good(ids[3], 'duplicate'),
      JSON.stringify({ recordId: ids[4], modelInput: {}, modelOutput: { completion: 'wrong shape' } }),
    ]);
    const imp = importBatchOutput(s, job, { jobId: 'handmade', emulated: false, outputDir: outDir, manifest: null });
    assert.equal(imp.rows.length, 5);
    assert.deepEqual(
      imp.rows.map((r) => [r.status, r.error_type, r.model_response]),
      [
        ['success', '', 'first answer'],
        ['error', 'BatchRecordError 400', ''],
        ['error', 'BatchRecordMissing', ''],
        ['success', '', 'fourth answer'],
        ['error', 'BatchOutputUnreadable', ''],
      ],
    );
    assert.match(imp.rows[1].error_message, /Malformed input request \(.*records-001\.jsonl\.out line 2\)/);
    assert.match(imp.rows[4].error_message, /no "output\.message\.content" array .*line 7/);
    assert.equal(imp.problems.length, 3);
    assert.match(imp.problems[0], /records-001\.jsonl\.out line 3: not valid JSON/);
    assert.match(imp.problems[1], /line 4: record id "Rnotinput" is not in the job's input/);
    assert.match(imp.problems[2], /line 6: record id ".*" appears again \(first at .*line 5\)/);
    // batch measures no latency: empty, never invented; the CSV reads back through the one reader
    const back = readLatencyResults(imp.resultFile);
    assert.equal(back.length, 5);
    for (const r of back) {
      assert.equal(r.latency_ms, null);
      assert.equal(r.time_to_first_token_ms, null);
      assert.equal(r.output_tokens_per_second, null);
    }
    assert.equal(back[0].model_input_tokens, 10);
    assert.match(imp.message, /no latency: latency columns are empty/);
  } finally {
    await s.close();
  }
});

test('end to end offline: write → emulated run → import → step 4 judges the imported answers', async () => {
  const { s } = await session({ WORKSHOP_CANDIDATE_MODELS: NOVA });
  try {
    const docs = (await loadDataset(s.config)).rows.slice(0, 3);
    const [, job] = prepareBatchJobs(s, docs, { env: {} });
    assert.equal(job.model, NOVA);
    const run = await runEmulatedBatch(s, job);
    assert.match(run.jobId, /^emulated-/);
    assert.match(run.outputDir, /emulated-output/);
    assert.deepEqual(JSON.parse(readFileSync(path.join(run.outputDir, 'EMULATED.json'), 'utf8')).emulated, true);
    const manifest = JSON.parse(readFileSync(path.join(run.outputDir, 'manifest.json.out'), 'utf8'));
    assert.equal(manifest.totalRecordCount, 3);
    assert.equal(manifest.successRecordCount, 3);
    assert.ok(manifest.outputTokenCount > 0);
    const out = readFileSync(path.join(run.outputDir, 'records-001.jsonl.out'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(Object.keys(out[0]).sort(), ['modelInput', 'modelOutput', 'recordId']);

    const imp = importBatchOutput(s, job, run);
    assert.equal(imp.success, 3);
    assert.deepEqual(imp.problems, []);
    assert.ok(imp.rows.every((r) => r.endpoint.startsWith('batch-emulated:local:') && r.model_response.length > 0));
    assert.ok(
      imp.rows.every((r) => r.cost_usd !== null && r.cost_usd > 0),
      'Nova 2 Lite has a published batch price',
    );
    assert.match(imp.message, /^EMULATED batch job/);
    useBatchResults(s, imp);
    const tracked = s.tracking.rows.find((r) => r.model === NOVA)!;
    assert.equal(tracked.latency_status, 'batch');
    assert.equal(tracked.latency_median_ms, null);

    const quality = await runQuality(s, { print: () => {}, rubrics: loadRubrics(undefined, ['correctness', 'faithfulness']) });
    const nova = quality.find((q) => q.model === NOVA)!;
    assert.equal(nova.status, 'judged');
    assert.equal(nova.rows.length, 3);
    assert.deepEqual(
      nova.rows.map((r) => r.response),
      imp.rows.map((r) => r.model_response),
    );
  } finally {
    await s.close();
  }
});

test("an emulated job's records carry what InvokeModel or Converse answers over HTTP; a throttled record is tried 3 times, then recorded as Bedrock's error", async () => {
  const { s } = await session();
  try {
    const docs = (await loadDataset(s.config)).rows.slice(0, 2);
    const jobs = prepareBatchJobs(s, docs, { env: {} });
    // one job of each kind: InvokeModel (Nova's body) and Converse
    for (const job of [jobs.find((j) => j.format === 'nova')!, jobs.find((j) => j.invocationType === 'Converse')!]) {
      const run = await runEmulatedBatch(s, job);
      const out = readFileSync(path.join(run.outputDir, 'records-001.jsonl.out'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { recordId: string; modelInput: Record<string, unknown>; modelOutput: unknown });
      assert.equal(out.length, 2);
      for (const record of out) {
        // the same request through the SDK, over HTTP/2 to the same endpoint
        let overHttp: unknown;
        if (job.invocationType === 'Converse') {
          const { $metadata: _, ...body } = await s.backend.runtime.send(
            new ConverseCommand({ modelId: job.model, ...(record.modelInput as object) }),
          );
          overHttp = JSON.parse(JSON.stringify(body));
        } else {
          const res = await s.backend.runtime.send(
            new InvokeModelCommand({
              modelId: job.model,
              body: JSON.stringify(record.modelInput),
              contentType: 'application/json',
              accept: 'application/json',
            }),
          );
          overHttp = JSON.parse(new TextDecoder().decode(res.body));
        }
        assert.deepEqual(record.modelOutput, overHttp, `${job.model} ${record.recordId}`);
      }
    }
  } finally {
    await s.close();
  }

  const throttled = await session({ LOCAL_BEDROCK_THROTTLING_RATE: '1' });
  try {
    const t = throttled.s;
    const docs = (await loadDataset(t.config)).rows.slice(0, 2);
    const job = prepareBatchJobs(t, docs, { env: {} }).find((j) => j.format === 'nova')!;
    const before = t.backend.local!.stats.requests;
    const run = await runEmulatedBatch(t, job);
    assert.equal(t.backend.local!.stats.requests - before, 2 * 3, 'two records, three attempts each');
    const out = readFileSync(path.join(run.outputDir, 'records-001.jsonl.out'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { error: { errorCode: number; errorMessage: string } });
    for (const record of out) {
      assert.equal(record.error.errorCode, 429);
      assert.match(record.error.errorMessage, /^ThrottlingException: \S/);
    }
    const manifest = JSON.parse(readFileSync(path.join(run.outputDir, 'manifest.json.out'), 'utf8'));
    assert.deepEqual([manifest.successRecordCount, manifest.errorRecordCount], [0, 2]);
  } finally {
    await throttled.s.close();
  }
});

test('the local endpoint in process answers as over HTTP: the same status, error type and body for a refused request', async () => {
  const { s } = await session();
  try {
    const local = s.backend.local!;
    // a request Bedrock refuses (no messages): the SDK's exception over HTTP, the same words in process
    const over = await s.backend.runtime.send(new ConverseCommand({ modelId: NOVA, messages: [] })).then(
      () => null,
      (e: unknown) => e as ValidationException,
    );
    assert.ok(over instanceof ValidationException);
    const r = await local.request(
      'POST',
      `/model/${encodeURIComponent(NOVA)}/converse`,
      { 'content-type': 'application/json' },
      '{"messages":[]}',
    );
    assert.equal(r.status, 400);
    assert.match(r.headers['x-amzn-errortype'], /^ValidationException:/);
    assert.equal(JSON.parse(r.body).message, over.message);
    // a body over the endpoint's limit is refused before it is read, in each operation's shape
    const tooBig = 'x'.repeat(local.settings.limits.maxBodyBytes + 1);
    const converse = await local.request('POST', `/model/${encodeURIComponent(NOVA)}/converse`, {}, tooBig);
    assert.equal(converse.status, 413);
    const invoke = await local.request('POST', `/model/${encodeURIComponent(NOVA)}/invoke`, {}, tooBig);
    assert.equal(invoke.status, 400);
    assert.match(JSON.parse(invoke.body).message, /Value at 'body' failed to satisfy constraint/);
  } finally {
    await s.close();
  }
});
