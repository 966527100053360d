/**
 * Step 3's harness, measured against the local endpoint (`npm run bench`):
 * 1. overhead — the notebook's benchmark (`benchmarkModel`: retries, timeouts, logging,
 *    checkpoint, progress, result rows and CSV) running notebook 03's own measured function
 *    (`measureStream`, compiled from the notebook) vs a bare loop of SDK ConverseStream calls
 *    over the same requests, latency scale 0, at 1 and at 16 requests in flight. Both run in
 *    this process against the same endpoint, in interleaved rounds (bare first in even
 *    rounds, harness first in odd ones), so load from other processes hits both alike; the
 *    figure is the median over rounds of bare ÷ harness time (a throughput ratio: 1 = the
 *    harness costs nothing, 0.95 = it adds 5%). The CPU time of the main thread, where all
 *    of it runs (the endpoint too), is compared the same way: on a busy machine, wall time
 *    mostly measures waiting for a core, CPU time still measures the work.
 *    Two things would otherwise decide the figure more than the harness does, both measured
 *    on this machine: V8 compiling the SDK's and the endpoint's code takes the first ~1,500
 *    calls (a bare round's time per call falls by a third over them), so each side first runs
 *    `warmUpRounds` untimed rounds; and garbage one side leaves behind is collected during
 *    whatever runs next, so each timed round starts from a full collection (`gc()`, untimed):
 *    each side pays for collecting its own garbage, not the other's. A round now and then
 *    runs slow as a whole (every kind of work in it slower alike: the machine, not the code),
 *    so besides the median of the paired ratios the bench prints the ratio of each side's
 *    fastest round — noise only ever adds time.
 *    Beside it, the harness alone: the same benchmark with a measure function that answers
 *    at once — what the harness's own code costs per call, without the SDK and the endpoint.
 *    And a control: every round also runs the bare loop a second time, and the bench prints
 *    the median of bare ÷ bare′ with its spread — what the same code scores against itself
 *    on this machine, so the harness's ratio can be read against the bench's own resolution
 *    (on this shared virtual machine the control's median lands between 0.95 and 1.03).
 * 2. concurrency — with emulated latency on and 16 in flight: achieved throughput vs the
 *    ideal 16 ÷ mean emulated latency, and measured median latency vs the emulated median.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { allModels } from '../src/core/config';
import { loadDataset } from '../src/core/dataset';
import { benchmarkModel } from '../src/steps/latency/benchmark';
import type { MeasureCall } from '../src/core/bedrock';
import { notebookMeasure } from './notebook-measure';
import { loadTaskTemplate, taskPrompt } from '../src/core/task';
import { openSession, type WorkshopSession } from '../src/runs/session';
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

export interface HarnessOverhead {
  inFlight: number;
  /** Calls per round and side. */
  calls: number;
  rounds: number;
  /** Medians over rounds, wall time per call. */
  bareMsPerCall: number;
  harnessMsPerCall: number;
  addedMsPerCall: number;
  /** bare ÷ harness wall time, one per round; `ratio` is their median. */
  ratios: number[];
  ratio: number;
  /** Each side's fastest round, bare ÷ harness. */
  fastestRatio: number;
  /**
   * The control: bare ÷ bare′, the bare loop against a second run of itself in the same
   * round, one per round, and their median — 1 on a quiet machine; how far it strays is the
   * bench's resolution here.
   */
  controlRatios: number[];
  controlRatio: number;
  /** The same with the main thread's CPU time (`cpuMs`): what the ratio would be on an idle machine, nearly. */
  cpuRatios: number[];
  cpuRatio: number;
  /**
   * The harness alone: ms per call of the same benchmark when the measure function answers at
   * once (no request) — logging, checkpoint, rows, CSV, with nothing of the SDK's or the
   * endpoint's. Median of the rounds.
   */
  harnessAloneMsPerCall: number;
  target: number;
  pass: boolean;
}

const TARGET = 0.95;

/** Rounds of this item when nothing is said. */
export const DEFAULT_HARNESS_ROUNDS = 15;

/**
 * Rounds of the overhead item: 15, or `BENCH_HARNESS_ROUNDS` (a whole number, 3 or more) —
 * more rounds, a median that moves less from run to run (and a longer bench: about 10 s a
 * round on the project's 2-core machine).
 *
 * @example
 * harnessRounds({ BENCH_HARNESS_ROUNDS: '45' }); // 45
 */
export function harnessRounds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.BENCH_HARNESS_ROUNDS?.trim();
  if (!raw) return DEFAULT_HARNESS_ROUNDS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 3)
    throw new Error(
      `BENCH_HARNESS_ROUNDS is "${raw}": not a whole number of rounds, 3 or more. Fix: leave it unset (${DEFAULT_HARNESS_ROUNDS} rounds) or set e.g. BENCH_HARNESS_ROUNDS=45.`,
    );
  return n;
}

/** A measure function that answers at once, with a realistic answer (for `harnessAloneMsPerCall`). */
const instantAnswer = (text: string): MeasureCall =>
  async function instant() {
    await Promise.resolve();
    return {
      text,
      stopReason: 'end_turn',
      inputTokens: 500,
      outputTokens: 120,
      serverLatencyMs: 300,
      timeToFirstTokenMs: 100,
      latencyMs: 310,
    };
  };

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/**
 * CPU time of this process's main thread, ms — where JavaScript (harness, SDK and the
 * in-process endpoint alike) runs. Linux reports it in nanoseconds (schedstat); elsewhere the
 * process's user + system time (all threads) stands in.
 */
export function cpuMs(): number {
  try {
    return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

/**
 * A full garbage collection, now. `--expose-gc` set at run time makes `gc` available to
 * contexts created afterwards, so `npm run bench` needs no Node flag.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** A session whose benchmark settings say `inFlight` requests at a time. */
function withInFlight(s: WorkshopSession, inFlight: number): WorkshopSession {
  return { ...s, config: { ...s.config, benchmark: { ...s.config.benchmark, num_parallel_calls: inFlight } } };
}

export async function benchHarnessOverhead({
  invocations = 40,
  rounds = harnessRounds(),
  warmUpRounds = 3,
  inFlight = [1, 16],
}: {
  invocations?: number;
  rounds?: number;
  warmUpRounds?: number;
  inFlight?: number[];
} = {}): Promise<HarnessOverhead[]> {
  const s = await sessionFor({ LOCAL_BEDROCK_LATENCY_SCALE: '0', BENCHMARK_INVOCATIONS_PER_SCENARIO: String(invocations) });
  const docs = (await loadDataset(s.config)).rows;
  const setting = allModels(s.config).find((m) => m.modelId === MODEL)!;
  const template = loadTaskTemplate(setting.promptTemplate);
  const inf = s.config.inference;
  const prompts = docs.flatMap((d) => Array.from({ length: invocations }, () => taskPrompt(s.config.taskSpec, template, d.document)));
  const measure = notebookMeasure();
  // The request both sides send for a prompt.
  const request = (prompt: string) => ({
    modelId: MODEL,
    messages: [{ role: 'user' as const, content: [{ text: prompt }] }],
    inferenceConfig: { maxTokens: inf.maxTokens, temperature: inf.temperature, topP: inf.topP ?? undefined },
  });

  // The bare loop: `n` workers sending the same requests, reading every stream to its end.
  const bare = async (n: number) => {
    let next = 0;
    const worker = async () => {
      while (next < prompts.length) {
        const prompt = prompts[next++];
        const r = await s.backend.runtime.send(new ConverseStreamCommand(request(prompt)));
        for await (const _ of r.stream ?? []) void _;
      }
    };
    await Promise.all(Array.from({ length: n }, worker));
  };
  // The harness: the notebook's benchmark of one model, from scratch each time.
  const harness = async (n: number) => {
    const r = await benchmarkModel(withInFlight(s, n), setting, docs, { fresh: true, print: () => {}, measure });
    if (r.rows.length !== prompts.length || r.status !== 'measured') throw new Error(`harness run: ${r.status} ${r.reason}`);
  };
  // A round, from a clean heap.
  const timed = async (f: () => Promise<void>) => {
    collectGarbage();
    const c0 = cpuMs();
    const t0 = performance.now();
    await f();
    return { ms: (performance.now() - t0) / prompts.length, cpuMs: (cpuMs() - c0) / prompts.length };
  };

  // The harness alone, with an answer as long as the endpoint's (one call's text, measured once).
  const sample = await measure(s.backend.runtime, request(prompts[0]), new AbortController().signal);
  const alone = async (n: number) => {
    const r = await benchmarkModel(withInFlight(s, n), setting, docs, {
      fresh: true,
      print: () => {},
      measure: instantAnswer(sample.text),
    });
    if (r.rows.length !== prompts.length) throw new Error(`harness-alone run: ${r.status} ${r.reason}`);
  };
  const aloneMs = new Map<number, number>();
  for (const n of inFlight) {
    const times: number[] = [];
    for (let round = 0; round < rounds + warmUpRounds; round++) {
      const t = await timed(() => alone(n));
      if (round >= warmUpRounds) times.push(t.ms);
    }
    aloneMs.set(n, percentile(times, 0.5)!);
  }

  const results: HarnessOverhead[] = [];
  const samples = new Map(
    inFlight.map((n) => [
      n,
      { bare: [] as number[], harness: [] as number[], ratios: [] as number[], cpuRatios: [] as number[], control: [] as number[] },
    ]),
  );
  // Warm-up (JIT, the endpoint's answer memo) for both, untimed.
  for (let round = 0; round < warmUpRounds; round++)
    for (const n of inFlight) {
      await bare(n);
      await harness(n);
    }
  // Each round runs bare, harness and bare′ (the control) in an order that turns with the
  // round, so each takes each place equally often.
  const sides = ['bare', 'harness', 'control'] as const;
  for (let round = 0; round < rounds; round++) {
    for (const n of inFlight) {
      const x = samples.get(n)!;
      const t = {} as Record<(typeof sides)[number], { ms: number; cpuMs: number }>;
      for (let i = 0; i < sides.length; i++) {
        const side = sides[(round + i) % sides.length];
        t[side] = await timed(() => (side === 'harness' ? harness(n) : bare(n)));
      }
      const { bare: b0, harness: h0, control: c0 } = t;
      x.bare.push(b0.ms);
      x.harness.push(h0.ms);
      x.ratios.push(b0.ms / h0.ms);
      x.cpuRatios.push(b0.cpuMs / h0.cpuMs);
      x.control.push(b0.ms / c0.ms);
    }
  }
  await s.close();
  for (const n of inFlight) {
    const x = samples.get(n)!;
    const bareMs = percentile(x.bare, 0.5)!;
    const harnessMs = percentile(x.harness, 0.5)!;
    const ratio = percentile(x.ratios, 0.5)!;
    results.push({
      inFlight: n,
      calls: prompts.length,
      rounds,
      bareMsPerCall: bareMs,
      harnessMsPerCall: harnessMs,
      addedMsPerCall: harnessMs - bareMs,
      ratios: x.ratios,
      ratio,
      fastestRatio: Math.min(...x.bare) / Math.min(...x.harness),
      controlRatios: x.control,
      controlRatio: percentile(x.control, 0.5)!,
      cpuRatios: x.cpuRatios,
      cpuRatio: percentile(x.cpuRatios, 0.5)!,
      harnessAloneMsPerCall: aloneMs.get(n)!,
      target: TARGET,
      pass: ratio >= TARGET,
    });
  }
  return results;
}

/** The overhead figures as `npm run bench` prints them. */
export function printHarnessOverhead(results: HarnessOverhead[], print: (line: string) => void = console.log): void {
  for (const h of results) {
    print(
      `   ${h.inFlight} in flight, ${h.rounds} rounds of ${h.calls} calls: bare ${h.bareMsPerCall.toFixed(3)} ms/call · harness ${h.harnessMsPerCall.toFixed(3)} ms/call · added ${h.addedMsPerCall.toFixed(3)} ms/call · the harness alone (a measure function that answers at once) ${h.harnessAloneMsPerCall.toFixed(3)} ms/call`,
    );
    print(
      `     throughput ratio (median of rounds) ${h.ratio.toFixed(3)} [${h.ratios.map((r) => r.toFixed(2)).join(' ')}] · fastest rounds ${h.fastestRatio.toFixed(3)} · main-thread CPU-time ratio ${h.cpuRatio.toFixed(3)} [${h.cpuRatios.map((r) => r.toFixed(2)).join(' ')}] · target ≥ ${h.target}: ${h.pass ? 'PASS' : 'BELOW TARGET'}`,
    );
    print(
      `     control, the bare loop against itself (bare ÷ bare′): median ${h.controlRatio.toFixed(3)} — how far the same code strays from 1 on this machine; single rounds ${percentile(h.controlRatios, 0.1)!.toFixed(2)}–${percentile(h.controlRatios, 0.9)!.toFixed(2)} (middle 80%) [${h.controlRatios.map((r) => r.toFixed(2)).join(' ')}]`,
    );
  }
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

// `node --import tsx bench/latency-harness.ts`: the overhead figures alone.
if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  benchHarnessOverhead()
    .then((results) => printHarnessOverhead(results))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
