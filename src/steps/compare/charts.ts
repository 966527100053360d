/** Step 5's charts as Plotly figures (pure data). https://plotly.com/javascript/reference/ */
import { namer } from '../../core/model-names';
import { chartTitle, type PlotlyFigure } from '../../core/display';
import { bootstrapCI, percentile } from '../../core/stats';
import { m } from '../../core/i18n';
import { costQualityFigureOf, plotlySeparators } from './cost-quality-figure';
import type { Comparison } from './decision';

const title = chartTitle;
/** Plotted values to 0.1 ms: the figure JSON (embedded in the report) stays small with many calls. */
const tenth = (x: number) => Math.round(x * 10) / 10;
const axis = (extra: Record<string, unknown> = {}) => ({ automargin: true, ...extra });
const names = (c: Comparison) => namer(c.models.map((m) => m.model));
const metricLabel = (m: string | undefined) => (m ?? '').replace(/_/g, ' ');

export function latencyDistributionFigure(c: Comparison, subtitle: string): PlotlyFigure {
  return {
    data: c.models.map((m) => ({
      type: 'box',
      name: names(c)(m.model),
      y: m.evidence.latencyMs.map(tenth),
      boxpoints: 'all',
      jitter: 0.3,
      pointpos: 0,
    })),
    layout: {
      title: title(m().compare.charts.latencyTitle, subtitle),
      xaxis: axis(),
      yaxis: axis({ rangemode: 'tozero', title: { text: 'ms' } }),
      showlegend: false,
      ...plotlySeparators(),
    },
  };
}

export function latencyPercentilesFigure(c: Comparison, subtitle: string): PlotlyFigure {
  const name = names(c);
  const x = c.models.map((m) => name(m.model));
  return {
    data: [
      { type: 'bar', name: 'P50', x, y: c.models.map((m) => percentile(m.evidence.latencyMs, 0.5)) },
      { type: 'bar', name: 'P90', x, y: c.models.map((m) => percentile(m.evidence.latencyMs, 0.9)) },
      { type: 'bar', name: m().compare.charts.ttftTrace, x, y: c.models.map((m) => percentile(m.evidence.ttftMs, 0.5)) },
    ],
    layout: {
      title: title(m().compare.charts.percentilesTitle, subtitle),
      barmode: 'group',
      xaxis: axis(),
      yaxis: axis({ rangemode: 'tozero' }),
      legend: { orientation: 'h', y: -0.25 },
      ...plotlySeparators(),
    },
  };
}

export function qualityBarsFigure(c: Comparison, subtitle: string): PlotlyFigure {
  const metrics = [...new Set(c.models.flatMap((m) => Object.keys(m.evidence.quality).filter((k) => k !== 'overall')))].sort();
  const name = names(c);
  return {
    data: c.models.map((m) => {
      const cis = metrics.map((k) => bootstrapCI(m.evidence.quality[k] ?? [], 'mean'));
      return {
        type: 'bar',
        name: name(m.model),
        x: metrics.map(metricLabel),
        y: cis.map((ci) => ci.estimate),
        error_y: {
          type: 'data',
          symmetric: false,
          array: cis.map((ci) => (ci.upper !== null ? ci.upper - (ci.estimate ?? 0) : 0)),
          arrayminus: cis.map((ci) => (ci.lower !== null ? (ci.estimate ?? 0) - ci.lower : 0)),
        },
      };
    }),
    layout: {
      title: title(m().compare.charts.qualityTitle, subtitle),
      barmode: 'group',
      xaxis: axis(),
      yaxis: axis({ range: [0, 1.05] }),
      legend: { orientation: 'h', y: -0.3 },
      ...plotlySeparators(),
    },
  };
}

export function qualityRadarFigure(c: Comparison, subtitle: string): PlotlyFigure {
  const metrics = [...new Set(c.models.flatMap((m) => Object.keys(m.evidence.quality).filter((k) => k !== 'overall')))].sort();
  const name = names(c);
  return {
    data: c.models.map((m) => {
      const r = metrics.map((k) => {
        const xs = m.evidence.quality[k] ?? [];
        return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
      });
      return {
        type: 'scatterpolar',
        name: name(m.model),
        r: [...r, r[0]],
        theta: [...metrics, metrics[0]].map(metricLabel),
        fill: 'toself',
        opacity: 0.5,
      };
    }),
    layout: {
      title: title(m().compare.charts.radarTitle, subtitle),
      polar: { radialaxis: { range: [0, 1] } },
      legend: { orientation: 'h', y: -0.2 },
      ...plotlySeparators(),
    },
  };
}

/** Cost per 1,000 requests vs the primary metric; Pareto-optimal models joined by a line (`cost-quality-figure.ts`). */
export function costQualityFigure(c: Comparison, subtitle: string): PlotlyFigure {
  const name = names(c);
  return costQualityFigureOf(
    c.models.map((m) => ({
      name: name(m.model),
      role: m.role,
      quality: m.ranked.quality,
      cost: m.ranked.cost,
      latencyMs: m.ranked.latencyMs,
      paretoOptimal: m.ranked.paretoOptimal,
      excluded: m.unmet.length > 0,
    })),
    c.primaryMetric,
    subtitle,
  );
}
