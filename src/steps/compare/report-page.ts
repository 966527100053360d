/**
 * The migration report: one self-contained HTML file (plotly.js and the page script embedded,
 * no network needed) with the recommendation, its evidence, every chart with how to read it,
 * and the tables — readable by someone who never opened the notebooks — and what-if controls
 * that take step 5's decision again with other settings (`report-app/what-if.ts`, step 5's own
 * code bundled by `report-app-bundle.ts`). Printed to PDF by `browser-check.ts`; the print
 * stylesheet keeps tables with their captions and shows the charts as images.
 */
import { writeFileAtomic } from '../../core/files';
import type { PlotlyFigure } from '../../core/display';
import { escapeHtml, htmlTable, plotlyLibrary } from '../../core/display';
import { plotlySafe } from '../../core/escape';
import { formatNumber } from '../../core/format';
import { currentLanguage, m, type Language } from '../../core/i18n';
import { decisionColumns, settingsText } from './decide';
import { reportAppScript } from './report-app-bundle';
import { WHAT_IF_DATA_ID, type WhatIfData } from './what-if-data';

/** A table styled by the page's stylesheet rather than per cell (the report stays small: the budget is 5 MB, plotly.js takes 4.8). */
const pageTable = (
  rows: Record<string, unknown>[],
  options: { id?: string; rowIds?: string[]; keep?: readonly string[]; wide?: readonly string[] } = {},
) => htmlTable(rows, { ...options, styling: 'classes' });

/** A table with its caption, kept together on a printed page. */
const captioned = (caption: string, table: string, id?: string) =>
  `<figure class="tbl"${id ? ` id="${escapeHtml(id)}"` : ''}><figcaption>${escapeHtml(caption)}</figcaption>${table}</figure>`;

export interface ReportChart {
  id: string;
  title: string;
  figure: PlotlyFigure;
  howToRead: string;
}

export interface ReportInput {
  /** The page's language (`<html lang>`, and the what-if controls' sentences); default: the process's. */
  language?: Language;
  title: string;
  backend: string;
  dataset: string;
  models: string[];
  source: string;
  runDate: string;
  recommendation: string[];
  caveats: string[];
  comparison: Record<string, unknown>[];
  /** The deployment-options table of the recommended (or best-ranked) candidate, with its notes. */
  deploymentOptions?: { title: string; notes: string[]; rows: Record<string, unknown>[]; wide?: readonly string[] };
  charts: ReportChart[];
  /** The tracking file as a compact table… */
  tracking: Record<string, unknown>[];
  /** …and, in a collapsed section, every column of it (one row per column). */
  trackingAll?: Record<string, unknown>[];
  trackingFile?: string;
  /** The evidence and settings of the what-if controls; without it the page has none. */
  whatIf?: WhatIfData;
  /** Task prompt vs optimized prompt per candidate (docs/prompt-variants.md): a sentence each and the before/after table. */
  promptVariants?: { caption: string; sentences: string[]; rows: Record<string, unknown>[] };
}

const STYLE = `
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1180px;margin:2em auto;padding:0 1em;color:#1f2937;line-height:1.5}
h1{margin-bottom:.2em} .meta{color:#4b5563} .banner{padding:10px 14px;border-left:6px solid #b45309;background:#fff4e5;font-weight:600;margin:1em 0}
.rec{background:#e8f0fe;border-left:6px solid #1a56db;padding:10px 14px} .decided{color:#374151;font-style:italic;margin:.4em 0}
body.what-if-changed .rec{background:#fef9c3;border-left-color:#a16207} body.what-if-changed .decided{color:#a16207;font-weight:600}
table{border-collapse:collapse;font-size:13px;margin:.4em 0 1em}
th,td{border-bottom:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top} th{background:#f9fafb}
.nw{white-space:nowrap} .brk{overflow-wrap:anywhere} tr.has-note td{border-bottom:none} td.row-note{padding-top:0;color:#4b5563} td.changed{background:#fef9c3;font-weight:600}
details.fold>summary{cursor:pointer;color:#374151} details.fold[open]>summary{display:none}
figure.tbl{margin:1em 0} figcaption{font-weight:600;margin:.2em 0}
.chart{width:100%;height:460px} .chart-img{display:none;max-width:100%} .read{color:#374151} .note{color:#92400e;font-weight:600}
.what-if{border:1px solid #d1d5db;border-radius:6px;padding:.6em 1em;margin:1em 0;background:#fafafa}
.what-if h3{margin:.2em 0} .what-if fieldset{border:0;padding:0;margin:.4em 0;display:flex;flex-wrap:wrap;gap:.4em 1.4em}
.what-if legend{font-weight:600;padding:0;margin-bottom:.2em} .what-if label{display:flex;align-items:center;gap:.4em}
.what-if input[type=number]{width:7.5em} .what-if output{font-variant-numeric:tabular-nums;min-width:6.5em}
.what-if pre{background:#f3f4f6;padding:.5em;overflow-x:auto} .err{color:#b91c1c;font-weight:600;margin:.2em 0}
@media print{
  body{max-width:none;margin:0;padding:0}
  .what-if,.screen-only{display:none!important}
  .chart{display:none!important} .chart-img{display:block;margin:0 auto}
  h2,h3,figcaption{break-after:avoid} figure.tbl,section.chart-section,.rec,.banner,li{break-inside:avoid}
  thead{display:table-header-group} tr{break-inside:avoid}
  table{font-size:12px} th,td{padding:3px 5px}
  details.fold>summary{display:none}
  a{color:inherit;text-decoration:none}
}
`;

function whatIfPanel(w: WhatIfData): string {
  const s = w.configured;
  const t = m().report.whatIf;
  const metric = w.input.context.primaryMetric;
  const max = Math.max(1, s.weights.quality, s.weights.latency, s.weights.cost);
  const slider = (k: 'quality' | 'latency' | 'cost') =>
    `<label>${escapeHtml(m().compare.criterion[k])} <input type="range" id="w-${k}" min="0" max="${max}" step="any" value="${s.weights[k]}" disabled> <output id="w-${k}-out">${escapeHtml(formatNumber(s.weights[k]))}</output></label>`;
  const number = (id: string, label: string, value: number | null, attrs: string) =>
    `<label>${escapeHtml(label)} <input type="number" id="${id}" ${attrs} value="${value ?? ''}" placeholder="${escapeHtml(t.placeholder)}" disabled></label>`;
  return `<section class="what-if" id="what-if">
<h3>${escapeHtml(t.heading)}</h3>
<p>${t.introHtml({ margin: escapeHtml(formatNumber(w.input.context.margin)) })}</p>
<form id="what-if-form" autocomplete="off">
<fieldset><legend>${escapeHtml(t.weightsLegend)}</legend>${slider('quality')}${slider('latency')}${slider('cost')}</fieldset>
<fieldset><legend>${escapeHtml(t.volumeLegend)}</legend>
${number('monthly-requests', t.requests, s.monthlyRequests, 'min="0" step="1000"')}
${number('monthly-budget', t.budget, s.monthlyBudgetUsd, 'min="0" step="any"')}
${number('p90-target', t.p90, s.p90LatencyTargetMs, 'min="1" step="any"')}
${number('min-primary', t.minimum({ metric }), s.minPrimaryMetric, 'min="0" max="1" step="0.01"')}
</fieldset>
<button type="button" id="what-if-reset">${escapeHtml(t.reset)}</button>
<p id="what-if-error" class="err" role="alert"></p>
</form>
<div id="what-if-diff"></div>
</section>`;
}

export function buildReportHtml(r: ReportInput): string {
  const t = m().report.page;
  const charts = r.charts
    .map(
      (c) =>
        `<section class="chart-section"><h3>${escapeHtml(c.title)}</h3><div class="chart" id="${escapeHtml(c.id)}" data-chart="${escapeHtml(c.id)}"></div><p class="read"><b>${escapeHtml(t.howToRead)}</b> ${escapeHtml(c.howToRead)}</p></section>`,
    )
    .join('\n');
  // Every string of a figure escaped for Plotly (names, labels), and no `<` left to close the script element.
  const figures = JSON.stringify(Object.fromEntries(r.charts.map((c) => [c.id, plotlySafe(c.figure)]))).replace(/</g, '\\u003c');
  const w = r.whatIf;
  const offline = /OFFLINE/.test(r.backend);
  return `<!doctype html>
<html lang="${escapeHtml(r.language ?? currentLanguage())}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(r.title)}</title>
<style>${STYLE}</style>
<script>${plotlyLibrary()}</script>
</head><body>
<h1>${escapeHtml(r.title)}</h1>
<p class="meta">${t.metaHtml({ backend: escapeHtml(r.backend), dataset: escapeHtml(r.dataset), source: escapeHtml(r.source), models: r.models.map(escapeHtml).join(', '), run: escapeHtml(r.runDate) })}</p>
${offline ? `<div class="banner" id="offline-warning">${escapeHtml(t.offlineBanner)}</div>` : ''}
<h2>${escapeHtml(t.recommendation)}</h2>
${w ? `<p class="decided" id="decided-with">${escapeHtml(m().report.whatIf.decidedWithConfigured({ settings: settingsText(w.configured, w.input.context.primaryMetric) }))}</p>` : ''}
<div class="rec" id="recommendation"${w ? ` data-model="${escapeHtml(w.configuredRecommended ?? '')}"` : ''}>${r.recommendation.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>
${w ? whatIfPanel(w) : ''}
<h2>${escapeHtml(t.caveats)}</h2>
<ul id="caveats">${r.caveats.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>
<h2>${escapeHtml(t.sideBySide)}</h2>
${captioned(
  t.sideBySideCaption({ source: r.source }),
  pageTable(r.comparison, { id: 'side-by-side', rowIds: w?.input.models.map((m) => m.model), keep: w ? decisionColumns() : [] }),
)}
${
  r.deploymentOptions
    ? `<h2 id="deployment-options">${escapeHtml(t.deploymentOptions)}</h2>
<p id="options-note" class="note" hidden></p>
${r.deploymentOptions.rows.length ? captioned(r.deploymentOptions.title, pageTable(r.deploymentOptions.rows, { wide: r.deploymentOptions.wide })) : ''}
<ul>${r.deploymentOptions.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
    : ''
}
${
  r.promptVariants
    ? `<h2 id="prompt-variants">${escapeHtml(t.promptVariants)}</h2>
${captioned(r.promptVariants.caption, pageTable(r.promptVariants.rows, { id: 'prompt-variants-table' }))}
<ul id="prompt-variants-sentences">${r.promptVariants.sentences.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
    : ''
}
<h2>${escapeHtml(t.charts)}</h2>
${charts}
<h2>${escapeHtml(t.tracking)}</h2>
${captioned(t.trackingCaption({ file: r.trackingFile ?? t.trackingFile }), pageTable(r.tracking))}
${r.trackingAll ? `<details><summary>${t.allColumnsHtml({ n: escapeHtml(formatNumber(r.trackingAll.length, 'count')), file: r.trackingFile ? escapeHtml(r.trackingFile) : null })}</summary>${pageTable(r.trackingAll)}</details>` : ''}
<script>
const FIGURES = ${figures};
for (const [id, f] of Object.entries(FIGURES)) Plotly.newPlot(id, f.data, f.layout, { responsive: true, displaylogo: false });
</script>
${w ? `<script type="application/json" id="${WHAT_IF_DATA_ID}">${JSON.stringify(w).replace(/</g, '\\u003c')}</script>\n<script>${reportAppScript(w.language).replace(/<\/script/gi, '<\\/script')}</script>` : ''}
</body></html>
`;
}

export function writeReport(file: string, input: ReportInput): string {
  writeFileAtomic(file, buildReportHtml(input));
  return file;
}
