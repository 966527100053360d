/** Step 4's charts as Plotly figures (pure data). https://plotly.com/javascript/reference/ */
import { metricLabel } from './summary';
import { m as messages } from '../../core/i18n';
import { namer } from '../../core/model-names';
import { boxTrace, chartTitle, plotlySeparators, type PlotlyFigure } from '../../core/display';
import type { QualityRow } from './run';
import type { QualitySummary } from './summary';

/** Mean score per metric per model, with 95% bootstrap intervals as error bars. */

export function metricBarsFigure(summaries: QualitySummary[], subtitle: string): PlotlyFigure {
  const name = namer(summaries.map((s) => s.model));
  const metrics = summaries[0]?.metrics.map((m) => metricLabel(m.metric)) ?? [];
  const data = summaries.map((s) => ({
    type: 'bar',
    name: name(s.model),
    x: metrics,
    y: s.metrics.map((m) => m.mean),
    error_y: {
      type: 'data',
      symmetric: false,
      array: s.metrics.map((m) => (m.upper !== null && m.mean !== null ? m.upper - m.mean : 0)),
      arrayminus: s.metrics.map((m) => (m.lower !== null && m.mean !== null ? m.mean - m.lower : 0)),
    },
  }));
  return {
    data,
    layout: {
      title: chartTitle(messages().views.quality.charts.metrics, subtitle),
      ...plotlySeparators(),
      barmode: 'group',
      xaxis: { automargin: true },
      yaxis: { range: [0, 1.05], title: { text: messages().views.quality.charts.meanScore }, automargin: true },
      legend: { orientation: 'h', y: -0.3 },
    },
  };
}

/** One radar trace per model over the metrics. */
export function metricRadarFigure(summaries: QualitySummary[], subtitle: string): PlotlyFigure {
  const name = namer(summaries.map((s) => s.model));
  const data = summaries.map((s) => {
    const theta = s.metrics.map((m) => metricLabel(m.metric));
    const r = s.metrics.map((m) => m.mean ?? 0);
    return { type: 'scatterpolar', name: name(s.model), r: [...r, r[0]], theta: [...theta, theta[0]], fill: 'toself', opacity: 0.5 };
  });
  return {
    data,
    layout: {
      title: chartTitle(messages().views.quality.charts.radar, subtitle),
      ...plotlySeparators(),
      polar: { radialaxis: { range: [0, 1] } },
      legend: { orientation: 'h', y: -0.2 },
    },
  };
}

/** Distribution of the overall score per model (box). */
export function overallDistributionFigure(rowsByModel: { model: string; rows: QualityRow[] }[], subtitle: string): PlotlyFigure {
  const name = namer(rowsByModel.map((r) => r.model));
  const data = rowsByModel.map(({ model, rows }) =>
    boxTrace(
      name(model),
      rows.filter((r) => r.judge_status === 'judged').map((r) => Number(r.overall)),
    ),
  );
  return {
    data,
    layout: {
      title: chartTitle(messages().views.quality.charts.overall, subtitle),
      ...plotlySeparators(),
      xaxis: { automargin: true },
      yaxis: { range: [0, 1.05], automargin: true },
      showlegend: false,
    },
  };
}
