/** Step 5's charts as Plotly figures (pure data). https://plotly.com/javascript/reference/ */
import { namer } from '../../core/model-names';
import { chartTitle, type PlotlyFigure } from '../../core/display';
import { bootstrapCI, percentile } from '../../core/stats';
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
      title: title('Total latency per model (ms)', subtitle),
      xaxis: axis(),
      yaxis: axis({ rangemode: 'tozero', title: { text: 'ms' } }),
      showlegend: false,
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
      { type: 'bar', name: 'TTFT P50', x, y: c.models.map((m) => percentile(m.evidence.ttftMs, 0.5)) },
    ],
    layout: {
      title: title('P50 and P90 latency, and median time to first token (ms)', subtitle),
      barmode: 'group',
      xaxis: axis(),
      yaxis: axis({ rangemode: 'tozero' }),
      legend: { orientation: 'h', y: -0.25 },
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
      title: title('Judge scores per metric (0–1, 95% CI)', subtitle),
      barmode: 'group',
      xaxis: axis(),
      yaxis: axis({ range: [0, 1.05] }),
      legend: { orientation: 'h', y: -0.3 },
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
      title: title('Quality profile per model', subtitle),
      polar: { radialaxis: { range: [0, 1] } },
      legend: { orientation: 'h', y: -0.2 },
    },
  };
}

/** Cost per 1,000 requests vs overall quality; Pareto-optimal models joined by a line. */
export function costQualityFigure(c: Comparison, subtitle: string): PlotlyFigure {
  const pts = c.models.filter((m) => m.ranked.quality !== null && m.ranked.cost !== null);
  const front = pts.filter((m) => m.ranked.paretoOptimal).sort((a, b) => a.ranked.cost! - b.ranked.cost!);
  const name = names(c);
  // Labels alternate above and below the markers (in order of quality), so close models stay readable,
  // and the quality axis leaves room for the labels at its ends.
  const byQuality = [...pts].sort((a, b) => a.ranked.quality! - b.ranked.quality!);
  const position = (m: (typeof pts)[number]) => (byQuality.indexOf(m) % 2 === 0 ? 'bottom center' : 'top center');
  const qs = pts.map((m) => m.ranked.quality!);
  const pad = Math.max(0.02, (Math.max(...qs) - Math.min(...qs)) * 0.15);
  const yRange = qs.length ? [Math.min(...qs) - pad, Math.max(...qs) + pad] : undefined;
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers+text',
        name: 'models',
        x: pts.map((m) => m.ranked.cost),
        y: pts.map((m) => m.ranked.quality),
        // No latency (batch answers): an open marker of the smallest size, labelled — never drawn as "fastest".
        text: pts.map((m) => `${name(m.model)}${m.ranked.latencyMs === null ? ' (latency not measured)' : ''}`),
        textposition: pts.map(position),
        cliponaxis: false,
        marker: {
          size: pts.map((m) => 10 + Math.min(30, (m.ranked.latencyMs ?? 0) / 200)),
          symbol: pts.map((m) => (m.ranked.latencyMs === null ? 'circle-open' : 'circle')),
          color: pts.map((m) => (m.role === 'source' ? '#b45309' : m.ranked.paretoOptimal ? '#1a56db' : '#9ca3af')),
        },
      },
      {
        type: 'scatter',
        mode: 'lines',
        name: 'Pareto front',
        x: front.map((m) => m.ranked.cost),
        y: front.map((m) => m.ranked.quality),
        line: { dash: 'dot', color: '#1a56db' },
      },
    ],
    layout: {
      title: title('Cost vs quality (marker size = median latency)', subtitle),
      xaxis: axis({ type: 'log', title: { text: 'USD per 1,000 requests (log scale)' } }),
      yaxis: axis({ title: { text: `${c.primaryMetric} (0–1, the task's primary metric)` }, ...(yRange ? { range: yRange } : {}) }),
      showlegend: true,
      legend: { orientation: 'h', y: -0.25 },
    },
  };
}
