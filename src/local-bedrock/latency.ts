/**
 * Emulated latency of a model call, from the model's latency profile in the catalogue:
 *
 *   latency = time to first token + output tokens ÷ output tokens per second
 *
 * where time to first token (TTFT) and throughput are each drawn from a log-normal
 * distribution — `median × e^(σ·z)` with z standard normal — because real latencies are
 * skewed: mostly near the median, sometimes much slower, never negative.
 * https://en.wikipedia.org/wiki/Log-normal_distribution
 * Everything is multiplied by `scale` (1 = realistic, 0 = no waiting at all, for tests).
 * `factors` multiply the sampled time to first token and throughput (service tiers,
 * latency-optimized inference, prompt-cache reads: see LATENCY_FACTORS in model-support.ts).
 */
import type { CatalogModel } from '../core/catalog';
import { normalDraw } from '../core/stats/random';

export interface EmulatedTiming {
  timeToFirstTokenMs: number;
  outputTokensPerSecond: number;
  /** Time to generate the output after the first token. */
  generationMs: number;
  totalMs: number;
}

export interface LatencyFactors {
  ttft: number;
  tps: number;
}

const NO_FACTORS: LatencyFactors = { ttft: 1, tps: 1 };

export function sampleTiming(
  model: CatalogModel,
  outputTokens: number,
  scale: number,
  random: () => number,
  factors: LatencyFactors = NO_FACTORS,
): EmulatedTiming {
  const ttftProfile = model.latency.timeToFirstTokenMs;
  const tpsProfile = model.latency.outputTokensPerSecond;
  const ttft = ttftProfile.median * Math.exp(ttftProfile.sigma * normalDraw(random)) * factors.ttft;
  const tps = tpsProfile.median * Math.exp(tpsProfile.sigma * normalDraw(random)) * factors.tps;
  const generation = (outputTokens / tps) * 1000;
  return {
    timeToFirstTokenMs: ttft * scale,
    outputTokensPerSecond: tps,
    generationMs: generation * scale,
    totalMs: (ttft + generation) * scale,
  };
}
