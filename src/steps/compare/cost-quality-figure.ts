/**
 * The cost-vs-quality chart of step 5 (Plotly figure as data): one marker per model, the
 * Pareto front joined by a dotted line. It depends on the decision's settings (the front is
 * drawn among the models that meet the constraints), so the report's what-if controls draw it
 * again with this same module in the browser: no Node.js import.
 * https://plotly.com/javascript/reference/scatter/
 */
import { m } from '../../core/i18n/messages';
import { currentLanguage, localeOf } from '../../core/i18n/state';

export interface CostQualityPoint {
  name: string;
  role: 'source' | 'candidate';
  /** The task's primary metric, 0–1. */
  quality: number | null;
  /** USD per 1,000 requests. */
  cost: number | null;
  latencyMs: number | null;
  paretoOptimal: boolean;
  /** Outside the decision's constraints (budget, latency target, minimum quality). */
  excluded: boolean;
}

const axis = (extra: Record<string, unknown> = {}) => ({ automargin: true, ...extra });

/**
 * The layout key that makes Plotly write numbers (ticks, hover text) with the reader's
 * decimal and group marks — `{ separators: ',.' }` in pt-BR, from `Intl`; nothing in English,
 * Plotly's default. https://plotly.com/javascript/reference/layout/#layout-separators
 */
export function plotlySeparators(): { separators?: string } {
  const language = currentLanguage();
  if (language === 'en') return {};
  const parts = new Intl.NumberFormat(localeOf(language)).formatToParts(12345.6);
  const mark = (type: string, fallback: string) => parts.find((p) => p.type === type)?.value ?? fallback;
  return { separators: `${mark('decimal', '.')}${mark('group', ',')}` };
}

/** Cost per 1,000 requests vs the primary metric; Pareto-optimal models joined by a line. */
export function costQualityFigureOf(
  points: readonly CostQualityPoint[],
  primaryMetric: string,
  subtitle: string,
): { data: Record<string, unknown>[]; layout: Record<string, unknown> } {
  const pts = points.filter((m) => m.quality !== null && m.cost !== null);
  const front = pts.filter((m) => m.paretoOptimal).sort((a, b) => a.cost! - b.cost!);
  // Labels alternate above and below the markers (in order of quality), so close models stay readable,
  // and the quality axis leaves room for the labels at its ends.
  const byQuality = [...pts].sort((a, b) => a.quality! - b.quality!);
  const position = (m: CostQualityPoint) => (byQuality.indexOf(m) % 2 === 0 ? 'bottom center' : 'top center');
  const qs = pts.map((m) => m.quality!);
  const qMin = qs.reduce((a, b) => Math.min(a, b), Infinity);
  const qMax = qs.reduce((a, b) => Math.max(a, b), -Infinity);
  const pad = Math.max(0.02, (qMax - qMin) * 0.15);
  const yRange = qs.length ? [qMin - pad, qMax + pad] : undefined;
  const t = m().compare.charts;
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers+text',
        name: t.modelsTrace,
        x: pts.map((m) => m.cost),
        y: pts.map((m) => m.quality),
        // No latency (batch answers): an open marker of the smallest size, labelled — never drawn as "fastest".
        text: pts.map((m) => `${m.name}${m.latencyMs === null ? t.noLatency : ''}${m.excluded ? t.outside : ''}`),
        textposition: pts.map(position),
        cliponaxis: false,
        marker: {
          size: pts.map((m) => 10 + Math.min(30, (m.latencyMs ?? 0) / 200)),
          symbol: pts.map((m) => (m.latencyMs === null ? 'circle-open' : m.excluded ? 'x' : 'circle')),
          color: pts.map((m) => (m.role === 'source' ? '#b45309' : m.paretoOptimal ? '#1a56db' : '#9ca3af')),
        },
      },
      {
        type: 'scatter',
        mode: 'lines',
        name: t.frontTrace,
        x: front.map((m) => m.cost),
        y: front.map((m) => m.quality),
        line: { dash: 'dot', color: '#1a56db' },
      },
    ],
    layout: {
      title: { text: `${t.costQualityTitle}<br><sup>${subtitle}</sup>` },
      xaxis: axis({ type: 'log', title: { text: t.costAxis } }),
      yaxis: axis({ title: { text: t.qualityAxis({ metric: primaryMetric }) }, ...(yRange ? { range: yRange } : {}) }),
      showlegend: true,
      legend: { orientation: 'h', y: -0.25 },
      ...plotlySeparators(),
    },
  };
}
