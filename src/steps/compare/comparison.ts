/**
 * Step 5's comparison: each candidate against the source model, on speed, quality and
 * cost — with how sure we are.
 *
 * - Latency: median and P90 with % change; a bootstrap 95% interval of the difference of
 *   medians (candidate − source; negative = faster) and a Mann–Whitney p-value.
 * - Quality: per metric, the difference of means with its bootstrap interval, and a
 *   NON-INFERIORITY check: the candidate is "not worse than the source within a margin" when
 *   the lower bound of that interval is above −margin. (Absence of a significant difference is
 *   not proof of equality; non-inferiority asks the right question.
 *   https://en.wikipedia.org/wiki/Non-inferiority_trial)
 * - Cost (`cost.ts`): measured tokens × catalogue prices → cost per 1,000 requests and per
 *   month at a configurable volume.
 */
import { bootstrapDiffCI, mannWhitneyU, percentile, summarize } from '../../core/stats';

export interface LatencyComparison {
  sourceMedian: number | null;
  candidateMedian: number | null;
  sourceP90: number | null;
  candidateP90: number | null;
  medianChangePct: number | null;
  p90ChangePct: number | null;
  ttftSourceMedian: number | null;
  ttftCandidateMedian: number | null;
  diffMedian: number | null;
  diffLower: number | null;
  diffUpper: number | null;
  pValue: number | null;
  verdict: 'faster' | 'slower' | 'no clear difference' | 'not enough data';
}

const pct = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : ((a - b) / b) * 100);

export function compareLatency(
  source: number[],
  candidate: number[],
  ttftSource: number[] = [],
  ttftCandidate: number[] = [],
): LatencyComparison {
  const s = summarize(source);
  const c = summarize(candidate);
  const diff = bootstrapDiffCI(source, candidate, 'median');
  const mw = mannWhitneyU(candidate, source);
  const enough = source.length >= 2 && candidate.length >= 2;
  const verdict = !enough
    ? 'not enough data'
    : diff.upper! < 0 && (mw.pValue ?? 1) < 0.05
      ? 'faster'
      : diff.lower! > 0 && (mw.pValue ?? 1) < 0.05
        ? 'slower'
        : 'no clear difference';
  return {
    sourceMedian: s.median,
    candidateMedian: c.median,
    sourceP90: s.p90,
    candidateP90: c.p90,
    medianChangePct: pct(c.median, s.median),
    p90ChangePct: pct(c.p90, s.p90),
    ttftSourceMedian: percentile(ttftSource, 0.5),
    ttftCandidateMedian: percentile(ttftCandidate, 0.5),
    diffMedian: diff.estimate,
    diffLower: diff.lower,
    diffUpper: diff.upper,
    pValue: mw.pValue,
    verdict,
  };
}

export interface MetricComparison {
  metric: string;
  source: number | null;
  candidate: number | null;
  diff: number | null;
  lower: number | null;
  upper: number | null;
  nonInferior: boolean | null;
}

/** Difference of mean scores (candidate − source, 0–1 scale) and the non-inferiority check. */
export function compareMetric(metric: string, source: number[], candidate: number[], margin: number): MetricComparison {
  if (source.length < 2 || candidate.length < 2) {
    const m = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
    return { metric, source: m(source), candidate: m(candidate), diff: null, lower: null, upper: null, nonInferior: null };
  }
  const d = bootstrapDiffCI(source, candidate, 'mean');
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    metric,
    source: mean(source),
    candidate: mean(candidate),
    diff: d.estimate,
    lower: d.lower,
    upper: d.upper,
    nonInferior: d.lower !== null ? d.lower > -margin : null,
  };
}

// The cost figures live in their own module (no Node.js import), which the report's what-if controls also run.
export { costFigures, costFiguresOf, meanCost, type CostFigures } from './cost';
