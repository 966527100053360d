/**
 * Step 3's charts as Plotly figures ({ data, layout }): pure data, so they can be tested
 * here, shown in a notebook and embedded in the final report alike.
 * Plotly reference: https://plotly.com/javascript/reference/
 */
import { m } from '../../core/i18n';
import { formatNumber } from '../../core/format';
import { namer } from '../../core/model-names';
import { boxTrace, chartTitle, plotlySeparators, type PlotlyFigure } from '../../core/display';
import type { LatencyResultRow } from '../../results/latency-rows';

export interface LatencyBars {
  model: string;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/** Plotted values to 0.1 ms: smaller figure JSON in every chart output and page. */
const tenth = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

const successful = (rows: LatencyResultRow[]) => rows.filter((r) => r.status !== 'error' && r.latency_ms !== null);

/** Successful rows grouped by model, keyed by the model's human name (catalogue). */
function byModel(rows: LatencyResultRow[]): Map<string, LatencyResultRow[]> {
  const name = namer([...new Set(rows.map((r) => r.model))]);
  const groups = new Map<string, LatencyResultRow[]>();
  for (const r of successful(rows)) {
    const key = name(r.model);
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  return groups;
}

function baseLayout(title: string, subtitle?: string): Record<string, unknown> {
  return {
    title: chartTitle(title, subtitle),
    ...plotlySeparators(),
    template: 'plotly_white',
    margin: { t: 80, l: 70, r: 20, b: 60 },
    // Long model names get the room they need instead of being cut off.
    xaxis: { automargin: true },
    yaxis: { automargin: true },
    legend: { orientation: 'h', y: -0.25 },
  };
}

/** One box per model: median line, quartile box, whiskers and outlier points. */
export function latencyBoxFigure(rows: LatencyResultRow[], subtitle?: string): PlotlyFigure {
  const data = [...byModel(rows)].map(([model, list]) =>
    boxTrace(
      model,
      list.map((r) => tenth(r.latency_ms)),
    ),
  );
  return {
    data,
    layout: {
      ...baseLayout(m().views.latency.charts.box, subtitle),
      xaxis: { automargin: true },
      yaxis: { title: { text: m().views.latency.charts.latencyMs }, rangemode: 'tozero', automargin: true },
      showlegend: false,
    },
  };
}

/** Overlaid histograms of total latency, one colour per model. */
export function latencyHistogramFigure(rows: LatencyResultRow[], subtitle?: string): PlotlyFigure {
  const data = [...byModel(rows)].map(([model, list]) => ({
    type: 'histogram',
    name: model,
    x: list.map((r) => tenth(r.latency_ms)),
    opacity: 0.6,
    nbinsx: 20,
  }));
  return {
    data,
    layout: {
      ...baseLayout(m().views.latency.charts.histogram, subtitle),
      barmode: 'overlay',
      xaxis: { title: { text: m().views.latency.charts.latencyMs }, automargin: true },
      yaxis: { title: { text: m().views.latency.charts.calls }, automargin: true },
    },
  };
}

/** Latency against input tokens: do longer documents take longer, and for which model? */
export function latencyVsInputTokensFigure(rows: LatencyResultRow[], subtitle?: string): PlotlyFigure {
  const data = [...byModel(rows)].map(([model, list]) => ({
    type: 'scatter',
    mode: 'markers',
    name: model,
    x: list.map((r) => r.model_input_tokens),
    y: list.map((r) => tenth(r.latency_ms)),
    text: list.map((r) =>
      m().views.latency.charts.point({ doc: String(r.document_index), exp: String(r.experiment), inv: String(r.invocation) }),
    ),
  }));
  return {
    data,
    layout: {
      ...baseLayout(m().views.latency.charts.vsTokens, subtitle),
      xaxis: { title: { text: m().views.latency.charts.inputTokens }, automargin: true },
      yaxis: { title: { text: m().views.latency.charts.latencyMs }, rangemode: 'tozero', automargin: true },
    },
  };
}

/** Grouped bars of mean, median and P90 latency per model. */
export function latencyBarsFigure(summaries: LatencyBars[], subtitle?: string): PlotlyFigure {
  const name = namer(summaries.map((s) => s.model));
  const models = summaries.map((s) => name(s.model));
  const series: [keyof LatencyBars, string][] = [
    ['mean', m().views.latency.charts.mean],
    ['median', m().views.latency.charts.median],
    ['p90', m().views.latency.charts.p90],
  ];
  const data = series.map(([key, name]) => ({
    type: 'bar',
    name,
    x: models,
    y: summaries.map((s) => s[key]),
    text: summaries.map((s) => (typeof s[key] === 'number' ? formatNumber(s[key] as number, 'ms') : '')),
    textposition: 'outside',
  }));
  return {
    data,
    layout: {
      ...baseLayout(m().views.latency.charts.bars, subtitle),
      barmode: 'group',
      xaxis: { automargin: true },
      yaxis: { title: { text: m().views.latency.charts.latencyMs }, rangemode: 'tozero', automargin: true },
    },
  };
}
