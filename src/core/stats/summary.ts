/**
 * A sample's summary: how many, where the centre is (mean, median), how spread out
 * (standard deviation, coefficient of variation, interquartile range) and the tail
 * (P90, P95, P99, max) — the figures of a latency table.
 *
 * Values that are not finite numbers (null, undefined, NaN, ±Infinity) are dropped and
 * counted in `dropped`. An empty sample gives `n: 0` and every statistic `null`; one
 * value gives that value for the centre and percentiles and `null` for the spread
 * (standard deviation, coefficient of variation and interquartile range: a spread needs two
 * values). Never NaN, never an exception.
 *
 * @example
 * summarize([2, 4, 4, 4, 5, 5, 7, 9, null])
 * // → { n: 8, dropped: 1, mean: 5, median: 4.5, p90: 7.6, stdDev: 2.138, iqr: 1.5, … }
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { percentileSorted } from './percentile';

export interface Summary {
  n: number;
  dropped: number;
  mean: number | null;
  median: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  min: number | null;
  max: number | null;
  /** Sample standard deviation (n − 1 in the denominator). */
  stdDev: number | null;
  /** Coefficient of variation = stdDev ÷ mean (null when the mean is 0). */
  cv: number | null;
  /** Interquartile range P75 − P25 (type-7 percentiles). */
  iqr: number | null;
}

/** Keep the finite numbers of a list. */
export function finite(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

export function summarize(values: readonly (number | null | undefined)[]): Summary {
  const xs = finite(values);
  const dropped = values.length - xs.length;
  if (xs.length === 0) {
    return {
      n: 0,
      dropped,
      mean: null,
      median: null,
      p50: null,
      p90: null,
      p95: null,
      p99: null,
      min: null,
      max: null,
      stdDev: null,
      cv: null,
      iqr: null,
    };
  }
  const sorted = [...xs].sort((a, b) => a - b);
  const m = mean(sorted);
  const sd = sorted.length > 1 ? sampleStandardDeviation(sorted) : null;
  const median = percentileSorted(sorted, 0.5);
  return {
    n: sorted.length,
    dropped,
    mean: m,
    median,
    p50: median,
    p90: percentileSorted(sorted, 0.9),
    p95: percentileSorted(sorted, 0.95),
    p99: percentileSorted(sorted, 0.99),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    stdDev: sd,
    cv: sd === null || m === 0 ? null : sd / m,
    iqr: sorted.length > 1 ? (percentileSorted(sorted, 0.75) as number) - (percentileSorted(sorted, 0.25) as number) : null,
  };
}
