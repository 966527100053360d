import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluationDatasetLines, evaluationJobRequest, importEvaluationResults } from '../src/steps/quality/bedrock-evaluation';
import { loadRubrics } from '../src/core/judge/rubrics';
import { openScratchSession } from './helpers/scratch-session';

const rubrics = loadRubrics();
const settings = {
  jobName: 'workshop-nova-lite-1',
  roleArn: 'arn:aws:iam::123456789012:role/BedrockEvalRole',
  datasetS3Uri: 's3://my-eval-bucket/datasets/nova-lite.jsonl',
  outputS3Uri: 's3://my-eval-bucket/results/',
  judgeModelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
  modelIdentifier: 'amazon.nova-lite-v1:0',
  rubrics,
};

test('the bring-your-own-responses dataset has one JSON object per line, in Bedrock’s field names', () => {
  const jsonl = evaluationDatasetLines([
    { prompt: 'Summarize: A', reference: 'ref A', response: 'resp A', modelIdentifier: 'amazon.nova-lite-v1:0' },
    { prompt: 'Summarize: B', reference: null, response: 'resp "B"', modelIdentifier: 'amazon.nova-lite-v1:0', category: 'finance' },
  ]);
  const lines = jsonl
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(lines[0], {
    prompt: 'Summarize: A',
    referenceResponse: 'ref A',
    modelResponses: [{ response: 'resp A', modelIdentifier: 'amazon.nova-lite-v1:0' }],
  });
  assert.deepEqual(Object.keys(lines[1]), ['prompt', 'category', 'modelResponses']);
  assert.throws(() => evaluationDatasetLines([]), /would be empty/);
  assert.throws(
    () =>
      evaluationDatasetLines(Array.from({ length: 1001 }, () => ({ prompt: 'p', reference: null, response: 'r', modelIdentifier: 'm' }))),
    /at most 1,000 prompts/,
  );
});

test('the CreateEvaluationJob request names the judge, the built-in metrics, S3 and the role', () => {
  const req = evaluationJobRequest(settings);
  assert.equal(req.applicationType, 'ModelEvaluation');
  const cfg = req.evaluationConfig!.automated!;
  assert.equal(cfg.datasetMetricConfigs![0].taskType, 'Summarization');
  assert.equal(cfg.datasetMetricConfigs![0].dataset!.datasetLocation!.s3Uri, settings.datasetS3Uri);
  assert.deepEqual(cfg.datasetMetricConfigs![0].metricNames!.sort(), [
    'Builtin.Coherence',
    'Builtin.Completeness',
    'Builtin.Correctness',
    'Builtin.Faithfulness',
    'Builtin.FollowingInstructions',
    'Builtin.ProfessionalStyleAndTone',
    'Builtin.Relevance',
  ]);
  assert.deepEqual(cfg.evaluatorModelConfig!.bedrockEvaluatorModels, [{ modelIdentifier: settings.judgeModelId }]);
  assert.deepEqual(req.inferenceConfig!.models, [{ precomputedInferenceSource: { inferenceSourceIdentifier: 'amazon.nova-lite-v1:0' } }]);
  assert.equal(req.outputDataConfig!.s3Uri, settings.outputS3Uri);
  assert.throws(() => evaluationJobRequest({ ...settings, roleArn: 'BedrockEvalRole' }), /not an IAM role ARN/);
  assert.throws(
    () => evaluationJobRequest({ ...settings, datasetS3Uri: '/tmp/x.jsonl' }),
    /dataset location "\/tmp\/x\.jsonl" is not an s3:\/\/ URI/,
  );
  assert.throws(() => evaluationJobRequest({ ...settings, jobName: 'Bad_Name' }), /lower-case letters, digits and hyphens/);
});

test('job results are imported into the same per-metric scores as our judge', () => {
  // A hand-written record in the format of the evaluation job's output (inputRecord + automatedEvaluationResult).
  const output = [
    JSON.stringify({
      inputRecord: {
        prompt: 'Summarize: A',
        referenceResponse: 'ref A',
        modelResponses: [{ response: 'resp A', modelIdentifier: 'amazon.nova-lite-v1:0' }],
      },
      automatedEvaluationResult: {
        scores: [
          {
            metricName: 'Builtin.Correctness',
            result: 0.75,
            evaluatorDetails: [{ modelIdentifier: settings.judgeModelId, explanation: 'Mostly right.' }],
          },
          { metricName: 'Builtin.Faithfulness', result: 1.3 },
        ],
      },
    }),
    '',
  ].join('\n');
  const [rec] = importEvaluationResults(output, rubrics);
  assert.equal(rec.response, 'resp A');
  const by = Object.fromEntries(rec.scores.map((s) => [s.metric, s]));
  assert.deepEqual(
    [by.correctness.normalized, by.correctness.score, by.correctness.reason, by.correctness.status],
    [0.75, 4, 'Mostly right.', 'ok'],
  );
  assert.deepEqual([by.faithfulness.score, by.faithfulness.status], [null, 'invalid']);
  assert.equal(by.coherence.status, 'missing');
  assert.throws(() => importEvaluationResults('{"nope":1}\n', rubrics), /line 1: no "inputRecord"/);
  assert.throws(() => importEvaluationResults('ok\n{bad', rubrics), /line 1: not valid JSON/);
});

test('prepareBedrockEvaluation writes one dataset per model, and the request only when role and bucket are set', async () => {
  const { readFileSync } = await import('node:fs');
  const { allModels } = await import('../src/core/config');
  const { loadDataset } = await import('../src/core/dataset');
  const { benchmarkModel } = await import('../src/steps/latency/benchmark');
  const { recordLatency, summarizeModel } = await import('../src/steps/latency/summary');
  const { prepareBedrockEvaluation } = await import('../src/steps/quality/bedrock-evaluation');
  const { s } = await openScratchSession('beval', { WORKSHOP_CANDIDATE_MODELS: 'amazon.nova-lite-v1:0' });
  try {
    const docs = (await loadDataset(s.config)).rows.slice(0, 2);
    const results = [];
    for (const m of allModels(s.config)) results.push(await benchmarkModel(s, m, docs, { print: () => {} }));
    recordLatency(
      s,
      results,
      results.map((r) => summarizeModel(r)),
    );
    const offline = prepareBedrockEvaluation(s, rubrics, {});
    assert.equal(offline.length, 2);
    assert.equal(offline[1].requestFile, null);
    const lines = readFileSync(offline[1].datasetFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    assert.match(lines[0].prompt, /## Document/);
    assert.equal(lines[0].modelResponses[0].modelIdentifier, 'amazon.nova-lite-v1:0');
    const ready = prepareBedrockEvaluation(s, rubrics, {
      BEDROCK_EVAL_ROLE_ARN: settings.roleArn,
      BEDROCK_EVAL_S3_URI: 's3://my-eval-bucket/workshop/',
    });
    const req = JSON.parse(readFileSync(ready[1].requestFile!, 'utf8'));
    assert.equal(
      req.evaluationConfig.automated.datasetMetricConfigs[0].dataset.datasetLocation.s3Uri,
      's3://my-eval-bucket/workshop/datasets/amazon.nova-lite-v1-0.jsonl',
    );
    assert.match(req.jobName, /^workshop-amazon-nova-lite-v1-0-\d{8}-\d{6}$/);
  } finally {
    await s.close();
  }
});
