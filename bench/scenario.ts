/**
 * Does the offline classroom give step 5 something to decide? Steps 3–5 of the workshop, run
 * in this process exactly as the notebooks run them (the benchmark, the judging, the
 * comparison — not the sanity check, the calibration, the deployment options or the batch
 * job), on scratch files at latency scale 0, for one configuration and one endpoint seed; then
 * the properties issue #20 asks of the default scenarios:
 *
 * - answer diversity: on how many documents at least all models but one answer differently;
 * - the spread of the candidates' primary means;
 * - the branches of step 5 (src/steps/compare/highlights.ts): a candidate shown non-inferior
 *   and cheaper, one not shown non-inferior, a trade-off the weights decide, no paired
 *   interval of zero width;
 * - answers cut off at maxTokens.
 *
 * Used by `bench/scenario-seeds.ts` (how many of 20 seeds give such a decision) and by
 * test/scenario.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { documentId, loadDataset } from '../src/core/dataset';
import { loadRubrics } from '../src/core/judge/rubrics';
import { latencyResultsOf } from '../src/results';
import { openSession } from '../src/runs/session';
import { compareModels, type Comparison } from '../src/steps/compare/decision';
import { comparisonHighlights, type ComparisonHighlights } from '../src/steps/compare/highlights';
import { runLatencyBenchmark } from '../src/steps/latency/benchmark';
import { recordLatency, summarizeModel } from '../src/steps/latency/summary';
import { runQuality } from '../src/steps/quality/run';
import { primaryScores, recordQuality, summarizeQuality } from '../src/steps/quality/summary';

export interface ScenarioOptions {
  /** A workshop configuration file (default: workshop.config.json). */
  configFile?: string;
  /** The local endpoint's seed (default: the configuration's, `localEndpoint.seed`). */
  seed?: number;
  /** More environment overrides (e.g. WORKSHOP_DATASET). */
  env?: Record<string, string>;
}

export interface ScenarioResult {
  /** The endpoint seed the run used. */
  seed: number;
  task: 'generation' | 'classification';
  models: number;
  documents: number;
  /** Documents on which at least `models − 1` models gave distinct answers. */
  diverseDocuments: number;
  /** Answers (all models) that stopped at maxTokens. */
  truncated: number;
  highlights: ComparisonHighlights;
  comparison: Comparison;
  /** Every branch step 5 teaches is exercised (for a classification task: accuracies differ and a candidate is not non-inferior). */
  everyBranch: boolean;
}

/** On how many documents the models' answers are pairwise distinct but for at most `allowedRepeats` duplicates. */
export function diverseDocuments(answersByDocument: ReadonlyMap<string, string[]>, models: number, allowedRepeats = 1): number {
  let n = 0;
  for (const answers of answersByDocument.values()) if (answers.length === models && new Set(answers).size >= models - allowedRepeats) n++;
  return n;
}

const quiet = () => {};

export async function runScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const dir = mkdtempSync(path.join(tmpdir(), `scenario-${options.seed ?? 'default'}-`));
  const session = await openSession({
    step: 1,
    configFile: options.configFile,
    env: {
      ...process.env,
      WORKSHOP_TRACKING_FILE: path.join(dir, 'tracking.csv'),
      WORKSHOP_OUTPUTS_DIR: path.join(dir, 'outputs'),
      LOCAL_BEDROCK_LATENCY_SCALE: '0',
      ...(options.seed === undefined ? {} : { LOCAL_BEDROCK_SEED: String(options.seed) }),
      ...options.env,
    },
  });
  try {
    const rows = (await loadDataset(session.config)).rows;
    // Step 3: every model answers every document.
    const results = await runLatencyBenchmark(session, rows, { print: quiet });
    recordLatency(
      session,
      results,
      results.map((r) => summarizeModel(r)),
    );
    // Step 4: the judge (or, for classification, the labels).
    const rubrics = loadRubrics();
    const quality = await runQuality(session, { print: quiet, rubrics });
    recordQuality(
      session,
      quality,
      quality.filter((q) => q.rows.length > 0).map((q) => summarizeQuality(q, rubrics)),
      primaryScores(session, quality),
    );
    // Step 5.
    const comparison = compareModels(session);
    const highlights = comparisonHighlights(comparison);
    const answers = new Map<string, string[]>();
    let truncated = 0;
    for (const m of comparison.models) {
      const step3 = latencyResultsOf(session.tracking, m.model);
      if (!step3.ok) continue;
      for (const r of step3.rows.filter((x) => x.status === 'success')) {
        answers.set(r.document_id, [...(answers.get(r.document_id) ?? []), r.model_response]);
        if (r.stop_reason === 'max_tokens') truncated++;
      }
    }
    const task = session.config.taskSpec.kind;
    const candidates = comparison.models.filter((m) => m.role === 'candidate');
    const means = new Set(candidates.map((m) => m.evidence.primary?.value));
    const everyBranch =
      task === 'classification'
        ? means.size > 1 && highlights.notNonInferior.length > 0 && highlights.zeroWidth.length === 0
        : highlights.nonInferiorCheaper.length > 0 &&
          highlights.notNonInferior.length > 0 &&
          highlights.tradeOff &&
          highlights.zeroWidth.length === 0;
    return {
      seed: session.config.localEndpoint.seed,
      task,
      models: comparison.models.length,
      documents: new Set(rows.map((r) => documentId(r.document))).size,
      diverseDocuments: diverseDocuments(answers, comparison.models.length),
      truncated,
      highlights,
      comparison,
      everyBranch,
    };
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
