/**
 * Step 2's prompt optimization end to end, through the real wire protocol: the SDK clients
 * against the local endpoint (OptimizePrompt's event stream, the Advanced Prompt Optimization
 * job's control-plane routes), the files and tracking columns of the contract of issue #22 —
 * and the failure paths: an unsupported model (no call), Bedrock's refusal, a template
 * without its placeholder, a job that fails, a request the API model refuses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APO_JUDGE_MODELS, APO_QUOTAS, inputFileProblems, jobRequestProblems } from '../src/core/prompt-optimization';
import { loadCatalog } from '../src/core/catalog';
import { loadTask } from '../src/core/task';
import { repoPath } from '../src/core/paths';
import { localStorage } from '../src/runs/aws-jobs';
import { loadMigrationPlan } from '../src/steps/plan/migration-plan';
import {
  checkOptimizedTemplate,
  handOptimizedPrompt,
  optimizationTargets,
  optimizeCandidatePrompts,
  optimizePrompt,
  recordOptimizedPrompts,
} from '../src/steps/plan/prompt-optimization';
import { jobOptimizedPrompts, prepareOptimizationJobs, runOptimizationJobs } from '../src/steps/plan/optimization-job';
import { openScratchSession } from './helpers/scratch-session';

const MAVERICK = 'us.meta.llama4-maverick-17b-instruct-v1:0';
const HAIKU45 = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const GPT_OSS = 'openai.gpt-oss-120b-1:0';
const summarization = loadTask('document_summarization');

test('the fairness check of an optimized template: placeholders, instruction and constraints, named', () => {
  const full = `${summarization.instruction}\n${summarization.constraints.map((c) => `- ${c}`).join('\n')}\n\n{{document}}`;
  const ok = checkOptimizedTemplate(summarization, full);
  assert.equal(ok.usable, true);
  assert.deepEqual(ok.missingConstraints, []);
  assert.match(ok.message, /Keeps \{\{document\}\}, the task's instruction and all 4 constraints/);

  const lost = checkOptimizedTemplate(summarization, full.replace('{{document}}', 'the text'));
  assert.equal(lost.usable, false);
  assert.deepEqual(lost.missingPlaceholders, ['document']);
  assert.match(lost.message, /lost \{\{document\}\}.*cannot be used as a template/);

  const dropped = checkOptimizedTemplate(summarization, full.replace('- Write 3 to 5 sentences.\n', ''));
  assert.equal(dropped.usable, true);
  assert.deepEqual(dropped.missingConstraints, ['Write 3 to 5 sentences.']);
  assert.match(dropped.message, /drops \(or rewords\) constraint\(s\): "Write 3 to 5 sentences\."/);

  const invented = checkOptimizedTemplate(summarization, `${full}\n{{audience}}`);
  assert.equal(invented.usable, false);
  assert.match(invented.message, /placeholder\(s\) the task does not provide: \{\{audience\}\}/);
});

test('OptimizePrompt over the wire: the event stream read, a supported candidate optimized and checked, an unsupported one not called, refusals with Bedrock’s message', async () => {
  const { s } = await openScratchSession('optimize', { WORKSHOP_CANDIDATE_MODELS: `${MAVERICK},${HAIKU45},${GPT_OSS}` });
  try {
    const plan = await loadMigrationPlan(s);
    const targets = optimizationTargets(s, plan);
    assert.deepEqual(
      targets.map((t) => [t.modelId, t.support, t.targetModelId]),
      [
        [MAVERICK, 'supported', 'meta.llama4-maverick-17b-instruct-v1:0'],
        [HAIKU45, 'unsupported', HAIKU45],
        [GPT_OSS, 'unknown', GPT_OSS],
      ],
    );
    assert.ok(targets.every((t) => t.prompt.includes('{{document}}') && !t.prompt.includes('{{constraints}}')));

    // The raw call (as the notebook makes it): the analysis, then a template that keeps {{document}}.
    const got = await optimizePrompt(s.backend.agentRuntime, targets[0].targetModelId, targets[0].prompt);
    assert.match(got.analysis, /Llama 4 Maverick/);
    assert.match(got.optimized, /\{\{document\}\}/);

    // Bedrock refuses a model not on its list, and a prompt over the API model's 200,000 characters.
    await assert.rejects(optimizePrompt(s.backend.agentRuntime, HAIKU45, targets[0].prompt), (e: Error) => {
      assert.equal(e.name, 'ValidationException');
      assert.match(e.message, /Prompt optimization isn't supported for the model/);
      return true;
    });
    await assert.rejects(
      optimizePrompt(s.backend.agentRuntime, targets[0].targetModelId, `${'x'.repeat(200_001)} {{document}}`),
      /ValidationException|200000|length/,
    );

    const results = await optimizeCandidatePrompts(s, plan, { known: { [MAVERICK]: got } });
    const by = Object.fromEntries(results.map((r) => [r.modelId, r]));
    assert.equal(by[MAVERICK].status, 'optimized');
    assert.equal(by[MAVERICK].optimized, got.optimized, 'the result obtained by hand is not asked again');
    assert.equal(by[MAVERICK].by, 'OptimizePrompt (emulated)');
    assert.match(by[MAVERICK].message, /Keeps \{\{document\}\}/);
    assert.equal(by[HAIKU45].status, 'unsupported');
    assert.equal(by[HAIKU45].optimized, null);
    assert.match(by[HAIKU45].message, /not on AWS's list of supported models.*No call made/);
    assert.equal(by[GPT_OSS].status, 'optimized', 'a model the catalogue does not rule out is tried');

    const recorded = recordOptimizedPrompts(s, { simple: results });
    const file = path.join(s.outputsDir, 'prompts', 'document_summarization', 'us.meta.llama4-maverick-17b-instruct-v1-0.optimized.txt');
    assert.equal(readFileSync(file, 'utf8').trim(), got.optimized.trim());
    const row = (id: string) => s.tracking.rows.find((r) => r.model === id)!;
    assert.equal(row(MAVERICK).prompt_optimized_status, 'optimized');
    assert.equal(row(MAVERICK).prompt_optimized_by, 'OptimizePrompt (emulated)');
    assert.equal(path.resolve(repoPath(String(row(MAVERICK).prompt_optimized_template))), file);
    assert.equal(row(HAIKU45).prompt_optimized_status, 'unsupported');
    assert.equal(row(HAIKU45).prompt_optimized_template, '');
    assert.equal(recorded.length, 3);
  } finally {
    await s.close();
  }
});

test('a hand-written optimized template is checked and recorded as "hand"; a missing one names the key and the fix', async () => {
  const { s, dir } = await openScratchSession('optimize-hand', { WORKSHOP_CANDIDATE_MODELS: HAIKU45 });
  try {
    const hand = path.join(dir, 'haiku.optimized.txt');
    writeFileSync(hand, `<instructions>${summarization.instruction}</instructions>\n<document>\n{{document}}\n</document>\n`);
    const r = handOptimizedPrompt(s, HAIKU45, hand, '');
    assert.equal(r.by, 'hand');
    assert.equal(r.status, 'optimized');
    assert.equal(r.check!.missingConstraints.length, 4, 'the constraints it drops are named');
    assert.throws(
      () => handOptimizedPrompt(s, HAIKU45, path.join(dir, 'nope.txt'), ''),
      /does not exist.*Fix: correct models\.candidates\[\]\.optimizedPromptTemplate/,
    );
  } finally {
    await s.close();
  }
});

test('the advanced job end to end offline: input from the dataset, request checked, emulated job run and imported, one template per candidate recorded', async () => {
  const { s } = await openScratchSession('apo', {
    WORKSHOP_CANDIDATE_MODELS: `${MAVERICK},${HAIKU45}`,
    WORKSHOP_PROMPT_OPTIMIZATION_SAMPLES: '2',
  });
  try {
    const plan = await loadMigrationPlan(s);
    const prepared = await prepareOptimizationJobs(s, plan);
    assert.equal(prepared.jobs.length, 1);
    const job = prepared.jobs[0];
    assert.deepEqual(job.problems, []);
    assert.deepEqual(
      job.models.map((m) => m.role),
      ['source', 'candidate', 'candidate'],
    );
    // The input: one template with {{document}}, 2 samples with their references, step 4's judge as the evaluation method.
    const line = job.lines[0];
    assert.match(line.promptTemplate, /\{\{document\}\}/);
    assert.equal(line.evaluationSamples.length, 2);
    assert.ok(line.evaluationSamples.every((x) => x.referenceResponse && x.inputVariables[0].document));
    assert.match(line.customLLMJConfig!.customLLMJPrompt, /\{\{prompt\}\}[\s\S]*\{\{referenceResponse\}\}[\s\S]*\{\{response\}\}/);
    assert.equal(line.customEvaluationMetricLabel, 'judge_overall');
    assert.deepEqual(inputFileProblems([{ line: 1, value: JSON.parse(readFileSync(job.inputFile, 'utf8')) }], 1), []);
    assert.deepEqual(JSON.parse(readFileSync(job.requestFile, 'utf8')), JSON.parse(JSON.stringify(job.request)));
    assert.match(job.request.outputConfig!.s3Uri!, /\/$/);

    const seen: string[] = [];
    const outcome = await runOptimizationJobs(s, prepared, { onStatus: (_j, status) => seen.push(status) });
    assert.equal(outcome.runs.length, 1);
    const run = outcome.runs[0];
    assert.equal(run.status, 'Completed');
    assert.equal(seen[0], 'InProgress');
    assert.equal(run.emulated, true);
    for (const r of run.results) {
      assert.equal(r.status, 'SUCCESS', JSON.stringify(r));
      assert.ok(r.originalScore! >= 0 && r.originalScore! <= 1 && r.optimizedScore! >= r.originalScore!, JSON.stringify(r));
      assert.match(r.optimizedTemplate!, /\{\{document\}\}/);
    }
    const prompts = jobOptimizedPrompts(s, outcome);
    assert.deepEqual(
      prompts.map((p) => [p.modelId, p.status]),
      [
        [MAVERICK, 'optimized'],
        [HAIKU45, 'optimized'],
      ],
    );
    assert.match(prompts[0].by, /^advanced job .* \(emulated\)$/);
    assert.match(prompts[0].message, /^Score \(emulated\) on 2 samples: [\d.]+ → [\d.]+\./);

    recordOptimizedPrompts(s, { advanced: prompts });
    const row = s.tracking.rows.find((r) => r.model === HAIKU45)!;
    assert.equal(row.prompt_optimized_status, 'optimized');
    assert.match(String(row.prompt_optimized_by), /^advanced job document-summarization-apo-[0-9a-f]+ \(emulated\)$/);
    assert.equal(readFileSync(repoPath(String(row.prompt_optimized_template)), 'utf8').trim(), run.results[2].optimizedTemplate!.trim());
  } finally {
    await s.close();
  }
});

test('advanced job failures: a template without its placeholder is not submitted; a job Bedrock fails makes its candidates "refused" with its message; too many models are refused by the request check', async () => {
  const { s } = await openScratchSession('apo-fail', { WORKSHOP_CANDIDATE_MODELS: MAVERICK, WORKSHOP_PROMPT_OPTIMIZATION_SAMPLES: '1' });
  try {
    const plan = await loadMigrationPlan(s);
    // 1. the template lost {{document}}: the input check names it, nothing is submitted.
    const prepared = await prepareOptimizationJobs(s, plan);
    const job = prepared.jobs[0];
    const broken = { ...job, lines: [{ ...job.lines[0], promptTemplate: 'Summarize the document.' }] };
    broken.problems = inputFileProblems([{ line: 1, value: broken.lines[0] }], 100);
    assert.match(broken.problems.join('\n'), /the template has no \{\{placeholder\}\} for "document"/);
    const notRun = await runOptimizationJobs(s, { jobs: [broken], skipped: [] });
    assert.equal(notRun.runs.length, 0);
    assert.deepEqual(
      jobOptimizedPrompts(s, notRun).map((p) => [p.modelId, p.status]),
      [[MAVERICK, 'not run']],
    );
    assert.match(notRun.skipped[0].reason, /was not submitted: .*no \{\{placeholder\}\} for "document"/);

    // 2. the service fails the job (its input file is not what was checked: not JSON): refused, with the job's message.
    const real = localStorage(s.backend.local!.settings.s3Dir);
    const corrupt = { ...real, put: (uri: string) => real.put(uri, '{"version": oops\n') };
    const failed = await runOptimizationJobs(s, prepared, { storage: corrupt });
    assert.equal(failed.runs[0].status, 'Failed');
    assert.match(failed.runs[0].failureMessage, /is not valid: line 1: not valid JSON/);
    const [p] = jobOptimizedPrompts(s, failed);
    assert.equal(p.status, 'refused');
    assert.match(p.message, /^The job Failed: .*not valid JSON/);
    recordOptimizedPrompts(s, { advanced: [p] });
    const row = s.tracking.rows.find((r) => r.model === MAVERICK)!;
    assert.equal(row.prompt_optimized_status, 'refused');
    assert.equal(row.prompt_optimized_template, '');

    // 3. the request check: 6 models, a bad name, an output location that is not an s3:// URI.
    const problems = jobRequestProblems({
      ...job.request,
      jobName: '-',
      outputConfig: { s3Uri: 'https://amzn-s3-demo-bucket.s3.amazonaws.com/out/' },
      modelConfigurations: Array.from({ length: APO_QUOTAS.modelsPerJob + 1 }, (_, i) => ({ modelId: `amazon.nova-lite-v${i}:0` })),
    });
    assert.match(problems.join('\n'), /jobName: '-' must satisfy the pattern/);
    assert.match(
      problems.join('\n'),
      /outputConfig\.s3Uri: 'https:\/\/amzn-s3-demo-bucket\.s3\.amazonaws\.com\/out\/' must satisfy the pattern/,
    );
    assert.match(problems.join('\n'), /modelConfigurations: 6 models, must be 1 to 5/);
    // …and the endpoint refuses the same request over the wire.
    const tooMany = { ...prepared, jobs: [{ ...job, request: { ...job.request, modelConfigurations: problemsModels() } }] };
    const refused = await runOptimizationJobs(s, tooMany);
    assert.equal(refused.skipped[0].status, 'refused');
    assert.match(refused.skipped[0].reason, /Bedrock refused: ValidationException: .*modelConfigurations/);
  } finally {
    await s.close();
  }
});

function problemsModels() {
  return [
    'amazon.nova-lite-v1:0',
    'amazon.nova-micro-v1:0',
    'amazon.nova-pro-v1:0',
    'amazon.nova-premier-v1:0',
    'meta.llama4-scout-17b-instruct-v1:0',
    'amazon.nova-2-lite-v1:0',
  ].map((modelId) => ({ modelId }));
}

test('a classification task: the label is the ground truth and the task’s constraints steer the service’s judge', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apo-cls-'));
  const { s } = await openScratchSession('apo-cls', {
    WORKSHOP_CONFIG: 'workshop.classification.config.json',
    WORKSHOP_CANDIDATE_MODELS: MAVERICK,
    WORKSHOP_PROMPT_OPTIMIZATION_SAMPLES: '3',
    WORKSHOP_OUTPUTS_DIR: path.join(dir, 'outputs'),
  });
  try {
    const plan = await loadMigrationPlan(s);
    const prepared = await prepareOptimizationJobs(s, plan);
    const line = prepared.jobs[0].lines[0];
    assert.equal(line.customLLMJConfig, undefined);
    assert.ok(line.steeringCriteria!.includes('Answer with the label only.'));
    const labels = s.config.taskSpec.labels!;
    assert.ok(
      line.evaluationSamples.every((x) => labels.includes(x.referenceResponse!)),
      JSON.stringify(line.evaluationSamples.map((x) => x.referenceResponse)),
    );
    const outcome = await runOptimizationJobs(s, prepared);
    assert.equal(outcome.runs[0].status, 'Completed');
    assert.ok(existsSync(path.join(dir, 'outputs', 'prompt-optimization')));
  } finally {
    await s.close();
  }
});

test("the catalogue's features.promptOptimization follows the copy of AWS's list (data/aws/prompt-optimization-models.json)", () => {
  const copy = JSON.parse(readFileSync(repoPath('data', 'aws', 'prompt-optimization-models.json'), 'utf8')) as {
    catalogue: Record<string, { promptOptimization?: boolean | null }>;
    providersReadInFull: string[];
    advancedJob: { judgeModels: string[] };
  };
  const catalog = loadCatalog();
  for (const m of catalog.models) {
    const entry = copy.catalogue[m.modelId];
    assert.equal(
      m.features?.promptOptimization,
      entry?.promptOptimization ?? undefined,
      `${m.modelId}: catalogue vs the copy of AWS's list`,
    );
  }
  // The judge models the job accepts are the library's.
  assert.deepEqual([...APO_JUDGE_MODELS].sort(), [...copy.advancedJob.judgeModels].sort());
});
