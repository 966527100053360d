/**
 * Step 3's summary per model: how many calls, how many succeeded, and the distribution of
 * total latency and time to first token (mean, median, P90/P95/P99, spread), output speed,
 * and a bootstrap 95% confidence interval for the median — so "A is faster than B" can be
 * read together with how sure we are.
 */
import { m } from '../../core/i18n';
import dayjs from 'dayjs';
import { bootstrapCI, summarize, type Summary } from '../../core/stats';
import { formatNumber, formatOrNull, formatRange } from '../../core/format';
import { namer } from '../../core/model-names';
import { displayPath } from '../../core/paths';
import { stepOutcome, type StepOutcome } from '../../runs/outcome';
import type { WorkshopSession } from '../../runs/session';
import { upsertModelRow } from '../../core/tracking';
import type { ModelBenchmark } from './benchmark';
import type { LatencyResultRow } from '../../results/latency-rows';

export interface LatencySummary {
  model: string;
  role: 'source' | 'candidate';
  status: ModelBenchmark['status'];
  n: number;
  successRate: number | null;
  latency: Summary;
  medianCi: { lower: number | null; upper: number | null };
  ttft: Summary;
  outputTokensPerSecondMean: number | null;
  costUsd: number | null;
}

const measured = (rows: LatencyResultRow[]) => rows.filter((r) => r.status === 'success' || r.status === 'recorded');

export function summarizeModel(result: ModelBenchmark, seed = 42): LatencySummary {
  const ok = measured(result.rows);
  const latencies = ok.map((r) => r.latency_ms);
  const ci = bootstrapCI(latencies, 'median', { seed });
  const tps = summarize(ok.map((r) => r.output_tokens_per_second));
  const costs = result.rows.map((r) => r.cost_usd).filter((c): c is number => c !== null);
  return {
    model: result.model,
    role: result.role,
    status: result.status,
    n: result.rows.length,
    successRate: result.rows.length ? ok.length / result.rows.length : null,
    latency: summarize(latencies),
    medianCi: { lower: ci.lower, upper: ci.upper },
    ttft: summarize(ok.map((r) => r.time_to_first_token_ms)),
    outputTokensPerSecondMean: tps.mean,
    costUsd: costs.length ? costs.reduce((a, b) => a + b, 0) : null,
  };
}

const round = (x: number | null, digits = 0) => (x === null ? null : Number(x.toFixed(digits)));

/** The summary table shown in the notebook (ms, rounded). */
export function latencySummaryTable(summaries: LatencySummary[]): Record<string, string | number | null>[] {
  const name = namer(summaries.map((s) => s.model));
  const ms = (x: number | null) => formatOrNull(x, 'ms');
  return summaries.map((s) => ({
    model: name(s.model),
    role: s.role,
    status: s.status,
    n: s.n,
    success: formatOrNull(s.successRate, 'percent'),
    mean: ms(s.latency.mean),
    median: ms(s.latency.median),
    'median 95% CI': formatRange(s.medianCi.lower, s.medianCi.upper, 'ms'),
    p90: ms(s.latency.p90),
    p95: ms(s.latency.p95),
    p99: ms(s.latency.p99),
    min: ms(s.latency.min),
    max: ms(s.latency.max),
    std: ms(s.latency.stdDev),
    'ttft median': ms(s.ttft.median),
    'ttft p90': ms(s.ttft.p90),
    'tokens/s': s.outputTokensPerSecondMean === null ? null : formatNumber(s.outputTokensPerSecondMean, 'rate'),
  }));
}

/**
 * Save each model's latency summary, status and files into the tracking table (a skipped
 * or failed model gets its status and reason, and empty figures). Returns the step's
 * outcome: which models have usable latency figures, and why the others do not.
 */
export function recordLatency(
  session: WorkshopSession,
  results: ModelBenchmark[],
  summaries: LatencySummary[] = results.map((r) => summarizeModel(r)),
): StepOutcome {
  const now = dayjs().toISOString();
  for (const r of results) {
    const s = summaries.find((x) => x.model === r.model) ?? summarizeModel(r);
    upsertModelRow(session.tracking, r.model, {
      latency_status: r.status,
      latency_message:
        r.reason ||
        m().views.latency.message({
          resumed: r.resumed ? String(r.resumed) : null,
          made: String(r.made),
          setAside: r.setAside ? String(r.setAside) : null,
        }),
      latency_n: s.n,
      latency_success_rate: s.successRate,
      latency_mean_ms: round(s.latency.mean, 1),
      latency_median_ms: round(s.latency.median, 1),
      latency_p90_ms: round(s.latency.p90, 1),
      latency_p95_ms: round(s.latency.p95, 1),
      latency_p99_ms: round(s.latency.p99, 1),
      latency_std_ms: round(s.latency.stdDev, 1),
      latency_median_ci_low_ms: round(s.medianCi.lower, 1),
      latency_median_ci_high_ms: round(s.medianCi.upper, 1),
      ttft_median_ms: round(s.ttft.median, 1),
      ttft_p90_ms: round(s.ttft.p90, 1),
      output_tokens_per_s_mean: round(s.outputTokensPerSecondMean, 1),
      latency_results_file: r.resultFile ? displayPath(r.resultFile) : '',
      latency_log_file: r.logFile ? displayPath(r.logFile) : '',
      latency_at: now,
    });
  }
  return stepOutcome(
    3,
    results.map((r) => ({
      model: r.model,
      usable: r.status === 'measured' || r.status === 'partial' || r.status === 'recorded',
      status: r.status,
      reason: r.reason,
    })),
  );
}
