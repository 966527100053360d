/**
 * Bootstrap confidence intervals: how sure can we be of a median measured on 30 calls?
 *
 * The bootstrap (Efron, 1979) re-samples the observed values with replacement many times,
 * recomputes the statistic each time, and reads the interval off the spread of those
 * re-computed values (the percentile method: the 2.5th and 97.5th percentiles for 95%).
 * It assumes nothing about the shape of the distribution — latencies are skewed, so this
 * matters. https://en.wikipedia.org/wiki/Bootstrapping_(statistics)
 *
 * Re-sampling is seeded: the same data and seed give the same interval. With fewer than
 * two values there is nothing to re-sample: the bounds are `null`.
 */
import { mean } from 'simple-statistics';
import { percentileSorted } from './percentile';
import { seededRandom } from './random';
import { finite } from './summary';

export type Statistic = 'mean' | 'median' | ((xs: number[]) => number);

export interface BootstrapOptions {
  iterations?: number;
  confidence?: number;
  seed?: number | string;
}

export interface BootstrapCI {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  confidence: number;
  iterations: number;
  n: number;
}

function statisticFn(statistic: Statistic): (xs: number[]) => number {
  if (statistic === 'mean') return (xs) => mean(xs);
  if (statistic === 'median') return (xs) => percentileSorted([...xs].sort((a, b) => a - b), 0.5) as number;
  return statistic;
}

function resample(xs: number[], random: () => number): number[] {
  const out = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[Math.floor(random() * xs.length)];
  return out;
}

function check(iterations: number, confidence: number): void {
  if (!(Number.isInteger(iterations) && iterations >= 100)) throw new RangeError(`bootstrap iterations must be an integer ≥ 100 (got ${iterations})`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`bootstrap confidence must be between 0 and 1 (got ${confidence})`);
}

/** Percentile-method bootstrap interval of a statistic of one sample. */
export function bootstrapCI(values: readonly (number | null | undefined)[], statistic: Statistic = 'median', options: BootstrapOptions = {}): BootstrapCI {
  const { iterations = 2000, confidence = 0.95, seed = 42 } = options;
  check(iterations, confidence);
  const xs = finite(values);
  const fn = statisticFn(statistic);
  if (xs.length === 0) return { estimate: null, lower: null, upper: null, confidence, iterations, n: 0 };
  if (xs.length === 1) return { estimate: fn(xs), lower: null, upper: null, confidence, iterations, n: 1 };
  const random = seededRandom(seed);
  const stats = new Array<number>(iterations);
  for (let i = 0; i < iterations; i++) stats[i] = fn(resample(xs, random));
  stats.sort((a, b) => a - b);
  const alpha = (1 - confidence) / 2;
  return { estimate: fn(xs), lower: percentileSorted(stats, alpha), upper: percentileSorted(stats, 1 - alpha), confidence, iterations, n: xs.length };
}

/**
 * Interval of the difference `statistic(b) − statistic(a)` between two independent
 * samples (each re-sampled separately). With a = source, b = candidate, a negative
 * difference of medians means the candidate is faster; an interval that excludes 0 means
 * the difference is unlikely to be chance.
 */
export function bootstrapDiffCI(
  a: readonly (number | null | undefined)[],
  b: readonly (number | null | undefined)[],
  statistic: Statistic = 'median',
  options: BootstrapOptions = {},
): BootstrapCI {
  const { iterations = 2000, confidence = 0.95, seed = 42 } = options;
  check(iterations, confidence);
  const xa = finite(a);
  const xb = finite(b);
  const fn = statisticFn(statistic);
  const n = Math.min(xa.length, xb.length);
  if (n === 0) return { estimate: null, lower: null, upper: null, confidence, iterations, n };
  const estimate = fn(xb) - fn(xa);
  if (n === 1) return { estimate, lower: null, upper: null, confidence, iterations, n };
  const random = seededRandom(seed);
  const diffs = new Array<number>(iterations);
  for (let i = 0; i < iterations; i++) diffs[i] = fn(resample(xb, random)) - fn(resample(xa, random));
  diffs.sort((x, y) => x - y);
  const alpha = (1 - confidence) / 2;
  return { estimate, lower: percentileSorted(diffs, alpha), upper: percentileSorted(diffs, 1 - alpha), confidence, iterations, n };
}
