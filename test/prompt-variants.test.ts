/**
 * Steps 3–5 with two prompt variants, end to end through the local endpoint: step 2's
 * optimized prompt (OptimizePrompt, emulated) recorded in the tracking CSV; step 3 runs the
 * candidate again with it (`variant` = `optimized` in rows, provenance, checkpoint and file
 * names; a resume never mixes the variants); step 4 judges those answers; step 5 tests
 * optimized vs task, paired, states the cost and which variant it compared with the source;
 * the report shows the before/after. And a bad `prompts` setting names the key and the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadDataset } from '../src/core/dataset';
import { loadRubrics } from '../src/core/judge/rubrics';
import { latencyResultsOf, optimizedPromptOf, qualityResultsOf } from '../src/results';
import { loadMigrationPlan } from '../src/steps/plan/migration-plan';
import { optimizeCandidatePrompts, recordOptimizedPrompts } from '../src/steps/plan/prompt-optimization';
import { runLatencyBenchmark, runOptimizedVariants } from '../src/steps/latency/benchmark';
import { recordLatency } from '../src/steps/latency/summary';
import { recordOptimizedLatency, variantLatencyTable } from '../src/steps/latency/variants';
import { runOptimizedQuality, runQuality } from '../src/steps/quality/run';
import { primaryScores, recordQuality, summarizeQuality } from '../src/steps/quality/summary';
import { recordOptimizedQuality, variantPrimaryTable } from '../src/steps/quality/variants';
import { compareModels } from '../src/steps/compare/decision';
import { writeMigrationReport } from '../src/steps/compare/report';
import { compareVariants, promptVariantsFigure, recordVariants, variantSentence, variantsTable } from '../src/steps/compare/variants';
import { openScratchSession } from './helpers/scratch-session';

const MAVERICK = 'us.meta.llama4-maverick-17b-instruct-v1:0';
const HAIKU45 = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const quiet = { print: () => {} };
const rubrics = loadRubrics(undefined, ['correctness', 'faithfulness']);

test('steps 3–5 run the optimized prompt as a second variant, labelled, resumed without mixing, tested paired in step 5 and shown in the report', async () => {
  const { s } = await openScratchSession('variants', {
    WORKSHOP_CANDIDATE_MODELS: `${MAVERICK},${HAIKU45}`,
    WORKSHOP_OPTIMIZED_DOCUMENTS: '3',
  });
  try {
    // Step 2: Maverick gets an optimized prompt (emulated OptimizePrompt); Haiku 4.5 is unsupported.
    const plan = await loadMigrationPlan(s);
    recordOptimizedPrompts(s, { simple: await optimizeCandidatePrompts(s, plan) });
    const optimized = optimizedPromptOf(s.tracking, MAVERICK);
    assert.ok(optimized.ok, JSON.stringify(optimized));
    const haiku = optimizedPromptOf(s.tracking, HAIKU45);
    assert.ok(!haiku.ok && /unsupported/.test(haiku.reason), JSON.stringify(haiku));

    // Step 3: the task variant on 4 documents, the optimized one on the first 3.
    const docs = (await loadDataset(s.config)).rows.slice(0, 4);
    const task = await runLatencyBenchmark(s, docs, quiet);
    recordLatency(s, task);
    const runs = await runOptimizedVariants(s, docs, quiet);
    recordOptimizedLatency(s, runs);
    const mav = runs.find((r) => r.model === MAVERICK)!;
    assert.equal(mav.variant, 'optimized');
    assert.equal(mav.status, 'measured', mav.reason);
    assert.equal(mav.rows.length, 3);
    assert.ok(mav.rows.every((r) => r.variant === 'optimized' && r.status === 'success'));
    assert.deepEqual(
      mav.rows.map((r) => r.document_id),
      docs.slice(0, 3).map((d) => task[0].rows.find((r) => r.document_index === d.index)!.document_id),
    );
    assert.match(mav.resultFile!, /_optimized_run-/);
    const checkpoint = readFileSync(
      mav.resultFile!.replace(/latency_.*$/, 'checkpoints/latency_us.meta.llama4-maverick-17b-instruct-v1-0_optimized.jsonl'),
      'utf8',
    );
    assert.match(checkpoint, /"variant":"optimized"/, 'the variant is in the provenance');
    const taskMav = task.find((r) => r.model === MAVERICK)!;
    assert.ok(taskMav.rows.every((r) => r.variant === 'task'));
    assert.notEqual(mav.rows[0].prompt_sha, taskMav.rows[0].prompt_sha, 'another prompt was sent');
    assert.ok((mav.rows[0].model_input_tokens ?? 0) > 0);
    assert.equal(runs.find((r) => r.model === HAIKU45)!.status, 'skipped');
    assert.match(runs.find((r) => r.model === HAIKU45)!.reason, /unsupported/);
    assert.ok(variantLatencyTable(task, runs).some((l) => l.variant === 'optimized' && l.documents === 3));

    // A re-run resumes each variant from its own rows: nothing is called again, nothing mixed.
    const again = await runOptimizedVariants(s, docs, quiet);
    assert.equal(again.find((r) => r.model === MAVERICK)!.resumed, 3);
    assert.equal(again.find((r) => r.model === MAVERICK)!.made, 0);
    const taskAgain = await runLatencyBenchmark(s, docs, quiet);
    assert.equal(taskAgain.find((r) => r.model === MAVERICK)!.made, 0);
    assert.equal(taskAgain.find((r) => r.model === MAVERICK)!.setAside, 0);

    // The tracking row points at the optimized file; the results reader reads it back, labelled.
    const row = s.tracking.rows.find((r) => r.model === MAVERICK)!;
    assert.equal(row.latency_status_optimized, 'measured');
    const back = latencyResultsOf(s.tracking, MAVERICK, 'optimized');
    assert.ok(back.ok && back.rows.length === 3 && back.rows.every((r) => r.variant === 'optimized'));
    assert.equal(s.tracking.rows.find((r) => r.model === HAIKU45)!.latency_status_optimized, 'skipped');

    // Step 4: both variants judged.
    const quality = await runQuality(s, { ...quiet, rubrics });
    const primaries = primaryScores(s, quality);
    recordQuality(
      s,
      quality,
      quality.filter((q) => q.rows.length > 0).map((q) => summarizeQuality(q, rubrics)),
      primaries,
    );
    const optimizedQuality = await runOptimizedQuality(s, { ...quiet, rubrics });
    const optimizedPrimaries = primaryScores(s, optimizedQuality);
    recordOptimizedQuality(s, optimizedQuality, optimizedPrimaries);
    const mq = optimizedQuality.find((q) => q.model === MAVERICK)!;
    assert.equal(mq.status, 'judged', mq.reason);
    assert.equal(mq.variant, 'optimized');
    assert.match(mq.resultFile!, /quality_.*_optimized_run-/);
    assert.ok(mq.rows.every((r) => r.variant === 'optimized'));
    assert.equal(optimizedQuality.find((q) => q.model === HAIKU45)!.status, 'skipped');
    assert.equal(optimizedPrimaries.find((p) => p.model === MAVERICK)!.score.n, 3);
    assert.ok(qualityResultsOf(s.tracking, MAVERICK, 'optimized').ok);
    assert.equal(s.tracking.rows.find((r) => r.model === MAVERICK)!.quality_primary_n_optimized, 3);
    assert.equal(
      variantPrimaryTable(primaries, optimizedPrimaries, optimizedQuality).find((l) => l.documents === 3)?.metric,
      'judge_overall',
    );

    // Step 5: optimized vs task, paired on the 3 shared documents; the cost; the variant used against the source.
    const v = compareVariants(s);
    const cm = v.comparisons.find((c) => c.model === MAVERICK)!;
    assert.equal(cm.reason, '');
    assert.equal(cm.n, 3);
    assert.equal(cm.test, 'Wilcoxon signed-rank, two-sided');
    assert.ok(['better', 'worse', 'no clear difference'].includes(cm.verdict), cm.verdict);
    assert.ok(cm.cost.task !== null && cm.cost.optimized !== null && cm.cost.diff !== null);
    assert.ok(cm.inputTokens.diff !== null);
    assert.equal(cm.used, cm.verdict === 'better' ? 'optimized' : 'task');
    assert.ok(cm.vsSource && cm.vsSource.pHolm !== null);
    const sentence = variantSentence(cm, v.margin);
    assert.match(
      sentence,
      /the optimized prompt (raised|lowered|did not clearly change) judge_overall .* on 3 paired item\(s\).*Wilcoxon signed-rank, two-sided, p .*Cost per call .*Compared with the source using the (task|optimized) prompt/,
    );
    const ch = v.comparisons.find((c) => c.model === HAIKU45)!;
    assert.match(ch.reason, /unsupported/);
    assert.match(variantSentence(ch, v.margin), /no optimized-prompt comparison/);
    assert.match(v.label, /OFFLINE/);
    recordVariants(s, v);
    const after = s.tracking.rows.find((r) => r.model === MAVERICK)!;
    assert.equal(after.optimized_vs_task_n, 3);
    assert.equal(after.optimized_vs_task_verdict, cm.verdict);
    assert.equal(after.variant_used, cm.used);
    assert.equal(variantsTable(v).length, 2);

    // The report: the before/after section, titled with the backend's label.
    const html = readFileSync(writeMigrationReport(s, compareModels(s), []), 'utf8');
    assert.match(html, /id="prompt-variants"/);
    assert.match(html, /data-chart="prompt-variants-chart"/);
    const figure = promptVariantsFigure(v)!;
    assert.deepEqual(
      figure.data.map((t) => (t as { y: (number | null)[] }).y),
      [[cm.task], [cm.optimized]],
      'one candidate with both prompts: a task bar and an optimized bar',
    );
    assert.match(html, /Task prompt vs optimized prompt/);
    assert.match(html, /OFFLINE — emulated by the local endpoint/);
    assert.ok(html.includes(variantSentence(cm, v.margin).slice(0, 60)));

    // prompts.variants = task: no optimized call, the reason says which setting.
    s.config.prompts.variants = 'task';
    const off = await runOptimizedVariants(s, docs, quiet);
    assert.ok(off.every((r) => r.status === 'skipped' && /prompts\.variants is "task"/.test(r.reason) && r.made === 0));
  } finally {
    await s.close();
  }
});

test('a bad prompts setting stops the session with the key and the fix', async () => {
  await assert.rejects(openScratchSession('variants-bad', { WORKSHOP_PROMPT_VARIANTS: 'all' }), (e: Error) => {
    assert.match(e.message, /prompts\.variants/);
    assert.match(e.message, /task|both/);
    assert.match(e.message, /Fix:/);
    return true;
  });
  await assert.rejects(openScratchSession('variants-bad', { WORKSHOP_OPTIMIZED_DOCUMENTS: '1' }), (e: Error) => {
    assert.match(e.message, /prompts\.optimizedDocuments/);
    assert.match(e.message, /Fix:/);
    return true;
  });
});
