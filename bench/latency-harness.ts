/**
 * Step 3's harness, measured against the local endpoint (`npm run bench`):
 * 1. overhead — the notebook's benchmark loop (retries, logging, checkpoint, CSV) running
 *    notebook 03's own measured function (`measureStream`, compiled from the notebook) vs a
 *    bare loop of SDK ConverseStream calls, one request at a time, latency scale 0, same requests;
 * 2. concurrency — with emulated latency on and 16 in flight: achieved throughput vs the
 *    ideal 16 ÷ mean emulated latency, and measured median latency vs the emulated median.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { allModels } from '../src/core/config';
import { loadDataset } from '../src/core/dataset';
import { benchmarkModel } from '../src/steps/latency/benchmark';
import { notebookMeasure } from './notebook-measure';
import { loadTaskTemplate, taskPrompt } from '../src/core/task';
import { openSession } from '../src/runs/session';
import { percentile } from '../src/core/stats';

const MODEL = 'amazon.nova-lite-v1:0';

async function sessionFor(env: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-latency-'));
  return openSession({
    step: 1,
    env: {
      WORKSHOP_TRACKING_FILE: path.join(dir, 't.csv'),
      WORKSHOP_OUTPUTS_DIR: path.join(dir, 'out'),
      WORKSHOP_CANDIDATE_MODELS: MODEL,
      ...env,
    },
  });
}

export interface HarnessBench {
  calls: number;
  bareMsPerCall: number;
  harnessMsPerCall: number;
  addedMsPerCall: number;
  throughputRatio: number;
  pass: boolean;
}

export async function benchHarnessOverhead(invocations = 40): Promise<HarnessBench> {
  const s = await sessionFor({
    LOCAL_BEDROCK_LATENCY_SCALE: '0',
    BENCHMARK_NUM_PARALLEL_CALLS: '1',
    BENCHMARK_INVOCATIONS_PER_SCENARIO: String(invocations),
  });
  const docs = (await loadDataset(s.config)).rows;
  const setting = allModels(s.config).find((m) => m.modelId === MODEL)!;
  const template = loadTaskTemplate(setting.promptTemplate);
  const prompts = docs.flatMap((d) => Array.from({ length: invocations }, () => taskPrompt(s.config.taskSpec, template, d.document)));
  const bare = async () => {
    const t0 = performance.now();
    for (const prompt of prompts) {
      const r = await s.backend.runtime.send(
        new ConverseStreamCommand({
          modelId: MODEL,
          messages: [{ role: 'user', content: [{ text: prompt }] }],
          inferenceConfig: {
            maxTokens: s.config.inference.maxTokens,
            temperature: s.config.inference.temperature,
            topP: s.config.inference.topP ?? undefined,
          },
        }),
      );
      for await (const _ of r.stream ?? []) void _;
    }
    return (performance.now() - t0) / prompts.length;
  };
  const harness = async () => {
    const t0 = performance.now();
    await benchmarkModel(s, setting, docs, { fresh: true, print: () => {}, measure: notebookMeasure() });
    return (performance.now() - t0) / prompts.length;
  };
  await bare(); // warm-up (connections, JIT, answer memo) for both
  await harness();
  const bareRuns: number[] = [];
  const harnessRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    bareRuns.push(await bare());
    harnessRuns.push(await harness());
  }
  await s.close();
  const bareMs = percentile(bareRuns, 0.5)!;
  const harnessMs = percentile(harnessRuns, 0.5)!;
  const added = harnessMs - bareMs;
  return {
    calls: prompts.length,
    bareMsPerCall: bareMs,
    harnessMsPerCall: harnessMs,
    addedMsPerCall: added,
    throughputRatio: bareMs / harnessMs,
    pass: added <= 0.5 && bareMs / harnessMs >= 0.9,
  };
}

export interface ConcurrencyBench {
  calls: number;
  inFlight: number;
  latencyScale: number;
  achievedRps: number;
  idealRps: number;
  throughputRatio: number;
  measuredMedianMs: number;
  emulatedMedianMs: number;
  medianDeviation: number;
  pass: boolean;
}

export async function benchConcurrency(latencyScale = 0.25, inFlight = 16, invocations = 32): Promise<ConcurrencyBench> {
  const s = await sessionFor({
    LOCAL_BEDROCK_LATENCY_SCALE: String(latencyScale),
    BENCHMARK_NUM_PARALLEL_CALLS: String(inFlight),
    BENCHMARK_INVOCATIONS_PER_SCENARIO: String(invocations),
  });
  const docs = (await loadDataset(s.config)).rows;
  const setting = allModels(s.config).find((m) => m.modelId === MODEL)!;
  const t0 = performance.now();
  const r = await benchmarkModel(s, setting, docs, { fresh: true, print: () => {}, measure: notebookMeasure() });
  const wallS = (performance.now() - t0) / 1000;
  await s.close();
  const ok = r.rows.filter((x) => x.status === 'success');
  const emulated = ok.map((x) => x.model_latencyMs!);
  const meanEmulatedS = emulated.reduce((a, b) => a + b, 0) / emulated.length / 1000;
  const idealRps = inFlight / meanEmulatedS;
  const achievedRps = r.rows.length / wallS;
  const measuredMedianMs = percentile(
    ok.map((x) => x.latency_ms!),
    0.5,
  )!;
  const emulatedMedianMs = percentile(emulated, 0.5)!;
  const medianDeviation = measuredMedianMs / emulatedMedianMs - 1;
  return {
    calls: r.rows.length,
    inFlight,
    latencyScale,
    achievedRps,
    idealRps,
    throughputRatio: achievedRps / idealRps,
    measuredMedianMs,
    emulatedMedianMs,
    medianDeviation,
    pass: achievedRps / idealRps >= 0.9 && Math.abs(medianDeviation) <= 0.05,
  };
}
