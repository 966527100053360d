/**
 * Is the benchmark client itself the bottleneck?
 *
 * Node runs JavaScript on one thread, the event loop. When it is busy (parsing responses,
 * too many requests in flight on a small machine), a response that has arrived waits
 * before our code sees it, and that wait is added to the latency we measure — the client,
 * not the model, is slow. `perf_hooks.monitorEventLoopDelay` samples how late the loop
 * runs (https://nodejs.org/api/perf_hooks.html#perf_hooksmonitoreventloopdelayoptions);
 * when its p99 delay during the run exceeds a threshold, the results carry a warning.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { formatNumber } from '../core/format';
import { m } from '../core/i18n';

export interface EventLoopReport {
  meanMs: number;
  p99Ms: number;
  maxMs: number;
  thresholdMs: number;
  /** True when the p99 delay exceeded the threshold: latencies may be inflated by the client. */
  clientBound: boolean;
  message: string;
}

export class EventLoopMonitor {
  private readonly histogram: IntervalHistogram;

  constructor(
    private readonly thresholdMs = 50,
    resolutionMs = 10,
  ) {
    this.histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  }

  start(): this {
    this.histogram.enable();
    return this;
  }

  /** Stop sampling and judge the run. */
  stop(): EventLoopReport {
    this.histogram.disable();
    const toMs = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
    const p99Ms = toMs(this.histogram.percentile(99));
    const report = {
      meanMs: toMs(this.histogram.mean),
      p99Ms,
      maxMs: toMs(this.histogram.max),
      thresholdMs: this.thresholdMs,
      clientBound: p99Ms > this.thresholdMs,
      message: '',
    };
    const figures = { p99: formatNumber(p99Ms, 'rate'), threshold: formatNumber(this.thresholdMs, 'auto') };
    report.message = report.clientBound ? m().views.runs.eventLoop.busy(figures) : m().views.runs.eventLoop.healthy(figures);
    this.histogram.reset();
    return report;
  }
}
