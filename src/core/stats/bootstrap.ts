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
 *
 * Three forms: one sample (`bootstrapCI`), two independent samples (`bootstrapDiffCI`, e.g.
 * latencies of two models measured on separate calls) and two paired samples
 * (`pairedBootstrapCI`, two models scored on the same items).
 *
 * @example
 * bootstrapCI([820, 910, 870, 1500, 890, 930], 'median', { seed: 1 })
 * // → { estimate: 900, lower: 845, upper: 1215, confidence: 0.95, iterations: 2000, n: 6 } (bounds depend on the seed)
 */
import { mean } from 'simple-statistics';
import { WorkshopError } from '../errors';
import { m } from '../i18n/messages';
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
  if (statistic === 'median')
    return (xs) =>
      percentileSorted(
        [...xs].sort((a, b) => a - b),
        0.5,
      ) as number;
  return statistic;
}

function resample(xs: number[], random: () => number): number[] {
  const out = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[Math.floor(random() * xs.length)];
  return out;
}

function check(iterations: number, confidence: number): void {
  if (!(Number.isInteger(iterations) && iterations >= 100))
    throw new WorkshopError(m().errors.stats.bootstrapIterations({ got: iterations }), {
      fix: m().errors.stats.bootstrapIterationsFix,
    });
  if (!(confidence > 0 && confidence < 1))
    throw new WorkshopError(m().errors.stats.bootstrapConfidence({ got: confidence }), {
      fix: m().errors.stats.bootstrapConfidenceFix,
    });
}

/** Percentile-method bootstrap interval of a statistic of one sample. */
export function bootstrapCI(
  values: readonly (number | null | undefined)[],
  statistic: Statistic = 'median',
  options: BootstrapOptions = {},
): BootstrapCI {
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
  return {
    estimate: fn(xs),
    lower: percentileSorted(stats, alpha),
    upper: percentileSorted(stats, 1 - alpha),
    confidence,
    iterations,
    n: xs.length,
  };
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

export interface PairedBootstrapCI extends BootstrapCI {
  /** Pairs left out because one of the two values was missing (null, NaN, ±Infinity). */
  dropped: number;
}

/**
 * Paired bootstrap interval of the mean (or median) of per-item differences
 * `candidate[i] − source[i]`, for two models scored on the SAME items.
 *
 * Re-sampling whole items (both models' scores together) keeps the pairing: an item that is
 * hard for both models stays hard for both in every re-sample, so the interval is narrower
 * — and more honest — than re-sampling the two models separately (`bootstrapDiffCI`), which
 * treats them as unrelated samples. Re-sampling items is the same as re-sampling their
 * differences, so this is the one-sample percentile bootstrap of the differences.
 * Efron & Tibshirani (1993), An Introduction to the Bootstrap, §13 (percentile interval);
 * https://en.wikipedia.org/wiki/Bootstrapping_(statistics)
 *
 * A positive difference means the candidate scores higher. For a non-inferiority check on a
 * quality score, compare `lower` with −margin.
 *
 * @example
 * pairedBootstrapCI([0.8, 0.6, 0.9, 0.7], [0.9, 0.6, 0.8, 0.9], 'mean', { seed: 1 })
 * // → { estimate: 0.05, lower: -0.05, upper: 0.15, n: 4, dropped: 0, … } (bounds depend on the seed)
 */
export function pairedBootstrapCI(
  source: readonly (number | null | undefined)[],
  candidate: readonly (number | null | undefined)[],
  statistic: 'mean' | 'median' = 'mean',
  options: BootstrapOptions = {},
): PairedBootstrapCI {
  if (source.length !== candidate.length) {
    throw new WorkshopError(
      m().errors.stats.pairedValues({ fn: 'pairedBootstrapCI', source: source.length, candidate: candidate.length }),
      { fix: m().errors.stats.pairedValuesFix },
    );
  }
  const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const diffs: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const s = source[i];
    const c = candidate[i];
    if (isNum(s) && isNum(c)) diffs.push(c - s);
  }
  return { ...bootstrapCI(diffs, statistic, options), dropped: source.length - diffs.length };
}
