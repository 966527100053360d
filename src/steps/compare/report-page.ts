/**
 * The migration report: one self-contained HTML file (plotly.js embedded, no network
 * needed) with the recommendation, its evidence, every chart with how to read it, and the
 * tables — readable by someone who never opened the notebooks.
 */
import { writeFileAtomic } from '../../core/files';
import type { PlotlyFigure } from '../../core/display';
import { escapeHtml, htmlTable as cellStyledTable, plotlyLibrary } from '../../core/display';

/** A table styled by the page's stylesheet rather than per cell (the report stays small: the budget is 5 MB, plotly.js takes 4.8). */
const htmlTable = (rows: Record<string, unknown>[]) =>
  cellStyledTable(rows)
    .replace(/ style="text-align:left;vertical-align:top;white-space:nowrap"/g, ' class="nw"')
    .replace(/ style="text-align:left(;vertical-align:top)?"/g, '');

export interface ReportChart {
  id: string;
  title: string;
  figure: PlotlyFigure;
  howToRead: string;
}

export interface ReportInput {
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
  deploymentOptions?: { title: string; notes: string[]; rows: Record<string, unknown>[] };
  charts: ReportChart[];
  /** The tracking file as a compact table… */
  tracking: Record<string, unknown>[];
  /** …and, in a collapsed section, every column of it. */
  trackingAll?: Record<string, unknown>[];
  trackingFile?: string;
}

export function buildReportHtml(r: ReportInput): string {
  const charts = r.charts
    .map(
      (c) =>
        `<section><h3>${escapeHtml(c.title)}</h3><div class="chart" id="${escapeHtml(c.id)}" data-chart="${escapeHtml(c.id)}"></div><p class="read"><b>How to read it:</b> ${escapeHtml(c.howToRead)}</p></section>`,
    )
    .join('\n');
  const figures = JSON.stringify(Object.fromEntries(r.charts.map((c) => [c.id, c.figure]))).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(r.title)}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1f2937;line-height:1.5}
h1{margin-bottom:.2em} .meta{color:#4b5563} .banner{padding:10px 14px;border-left:6px solid #b45309;background:#fff4e5;font-weight:600;margin:1em 0}
.rec{background:#e8f0fe;border-left:6px solid #1a56db;padding:10px 14px} table{border-collapse:collapse;font-size:13px;margin:1em 0;display:block;overflow-x:auto}
th,td{border-bottom:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top} .nw{white-space:nowrap} .chart{width:100%;height:460px} .read{color:#374151}
</style>
<script>${plotlyLibrary()}</script>
</head><body>
<h1>${escapeHtml(r.title)}</h1>
<p class="meta">Backend: <b>${escapeHtml(r.backend)}</b> · dataset: ${escapeHtml(r.dataset)} · source model: ${escapeHtml(r.source)} · models: ${r.models.map(escapeHtml).join(', ')} · run: ${escapeHtml(r.runDate)}</p>
${/OFFLINE/.test(r.backend) ? '<div class="banner">⚠️ OFFLINE results: answers and latencies are emulated (invented model habits) and quality comes from a heuristic judge. They show the workflow, not the real models — no basis for choosing one.</div>' : ''}
<h2>Recommendation</h2>
<div class="rec">${r.recommendation.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>
<h2>What the data cannot tell</h2>
<ul>${r.caveats.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>
<h2>Side by side</h2>
${htmlTable(r.comparison)}
${
  r.deploymentOptions
    ? `<h2 id="deployment-options">${escapeHtml(r.deploymentOptions.title)}</h2>
${r.deploymentOptions.rows.length ? htmlTable(r.deploymentOptions.rows) : ''}
<ul>${r.deploymentOptions.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
    : ''
}
<h2>Charts</h2>
${charts}
<h2>Evaluation tracking (final)</h2>
${htmlTable(r.tracking)}
${r.trackingAll ? `<details><summary>All ${Object.keys(r.trackingAll[0] ?? {}).length} columns${r.trackingFile ? ` of ${escapeHtml(r.trackingFile)}` : ''}</summary>${htmlTable(r.trackingAll)}</details>` : ''}
<script>
const FIGURES = ${figures};
for (const [id, f] of Object.entries(FIGURES)) Plotly.newPlot(id, f.data, f.layout, { responsive: true, displaylogo: false });
</script>
</body></html>
`;
}

export function writeReport(file: string, input: ReportInput): string {
  writeFileAtomic(file, buildReportHtml(input));
  return file;
}
