/**
 * Showing results in a notebook: tables, HTML, banners and Plotly charts.
 *
 * Under Jupyter (the tslab kernel) or the headless runner, each call emits one rich
 * output — an HTML rendering plus a plain-text one for consoles and diffs. In plain Node.js
 * (scripts, tests) it prints the plain text. Charts are also saved as self-contained HTML
 * files under outputs/charts/, which open in any browser, offline.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './files';
import { displayPath, repoPath } from './paths';

type DisplayWriter = (message: { data: Record<string, string>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

function writer(): DisplayWriter | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('tslab/dist/jupyter') as { lastWriteDisplayData: DisplayWriter | null }).lastWriteDisplayData;
  } catch {
    return null;
  }
}

/** Emit a MIME bundle (HTML + plain text); plain Node.js prints the text. */
export function emit(html: string, text: string): void {
  const write = writer();
  if (write) write({ data: { 'text/html': html, 'text/plain': text }, metadata: {}, transient: {} }, false);
  else console.log(text);
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Row = Record<string, unknown>;

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : Math.abs(value) >= 100 ? value.toFixed(1) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(3);
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Rows as a plain-text table (columns padded, long cells shortened). */
export function textTable(rows: readonly object[], maxWidth = 60): string {
  const list = rows as Row[];
  if (list.length === 0) return '(no rows)';
  const columns = [...new Set(list.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    const s = formatCell(v).replace(/\s+/g, ' ');
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  };
  const widths = columns.map((c) => Math.max(c.length, ...list.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...list.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

/** Rows as an HTML table. */
export function htmlTable(input: readonly object[], title?: string): string {
  const rows = input as Row[];
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const head = columns.map((c) => `<th style="text-align:left">${escapeHtml(c)}</th>`).join('');
  const body = rows.map((r) => `<tr>${columns.map((c) => `<td style="text-align:left;vertical-align:top">${escapeHtml(formatCell(r[c])).replace(/\n/g, '<br>')}</td>`).join('')}</tr>`).join('');
  return `${title ? `<p><b>${escapeHtml(title)}</b></p>` : ''}<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export interface TableOptions {
  title?: string;
  maxRows?: number;
}

/** Show rows (objects, or anything with `toRecords()` such as a polars DataFrame) as a table. */
export function showTable(data: readonly object[] | { toRecords(): object[] }, options: TableOptions = {}): void {
  const all = (Array.isArray(data) ? data : (data as { toRecords(): object[] }).toRecords()) as Row[];
  const maxRows = options.maxRows ?? 50;
  const rows = all.slice(0, maxRows);
  const more = all.length > maxRows ? `\n… ${all.length - maxRows} more row(s)` : '';
  const title = options.title ? `${options.title}\n` : '';
  emit(htmlTable(rows, options.title) + (more ? `<p>${escapeHtml(more)}</p>` : ''), `${title}${textTable(rows)}${more}`);
}

export function showHtml(html: string, text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()): void {
  emit(html, text);
}

/** Show Markdown text (Jupyter renders it; consoles and diffs get the text as written). */
export function showMarkdown(markdown: string): void {
  const write = writer();
  if (write) write({ data: { 'text/markdown': markdown, 'text/plain': markdown }, metadata: {}, transient: {} }, false);
  else console.log(markdown);
}

/** A loud notice, e.g. which backend is in use. */
export function banner(text: string, level: 'info' | 'warning' | 'error' = 'info'): void {
  const colours = { info: ['#e8f0fe', '#1a56db'], warning: ['#fff4e5', '#b45309'], error: ['#fde8e8', '#b91c1c'] }[level];
  const icon = { info: 'ℹ️', warning: '⚠️', error: '⛔' }[level];
  emit(
    `<div style="padding:10px 14px;border-left:6px solid ${colours[1]};background:${colours[0]};font-weight:600">${icon} ${escapeHtml(text).replace(/\n/g, '<br>')}</div>`,
    `${'='.repeat(Math.min(78, Math.max(...text.split('\n').map((l) => l.length)) + 3))}\n${icon} ${text}\n${'='.repeat(Math.min(78, Math.max(...text.split('\n').map((l) => l.length)) + 3))}`,
  );
}

/** A Plotly figure as data ({ data, layout }): https://plotly.com/javascript/reference/ */
export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

let plotlySource: string | null = null;
let plotlyEmitted = false;
let chartCounter = 0;

/** plotly.js itself (from the pinned `plotly.js-dist` package), to embed offline. */
export function plotlyLibrary(): string {
  plotlySource ??= readFileSync(require.resolve('plotly.js-dist'), 'utf8');
  return plotlySource;
}

/**
 * A complete HTML page showing one figure, offline: plotly.js is embedded, or — for the
 * chart pages under outputs/charts/, which share one copy — loaded from `plotlySrc`.
 */
export function figurePage(figure: PlotlyFigure, title: string, plotlySrc?: string): string {
  const json = JSON.stringify(figure).replace(/</g, '\\u003c');
  const library = plotlySrc ? `<script src="${escapeHtml(plotlySrc)}"></script>` : `<script>${plotlyLibrary()}</script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${library}</head><body><div id="chart" style="width:100%;height:90vh"></div><script>const f=${json};Plotly.newPlot('chart',f.data,f.layout,{responsive:true});</script></body></html>`;
}

export interface PlotOptions {
  /** Name of the chart file under outputs/charts/ (without extension). Default: from the title, else `chart-N`. */
  name?: string;
  title?: string;
  chartsDir?: string;
}

/**
 * Show a Plotly figure in the notebook and save it as a standalone page under
 * outputs/charts/. The first chart of a notebook session carries plotly.js with it (so the
 * executed notebook renders offline); later charts reuse it.
 */
export function showPlot(figure: PlotlyFigure, options: PlotOptions = {}): string {
  const dir = options.chartsDir ?? repoPath('outputs', 'charts');
  const fromTitle = (options.title ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const name = options.name ?? (fromTitle || `chart-${chartCounter + 1}`);
  const file = path.join(dir, `${name}.html`);
  const shared = path.join(dir, 'plotly.js');
  if (!existsSync(shared) || statSync(shared).size !== Buffer.byteLength(plotlyLibrary())) writeFileAtomic(shared, plotlyLibrary());
  writeFileAtomic(file, figurePage(figure, options.title ?? name, 'plotly.js'));
  const id = `chart-${name}-${++chartCounter}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const json = JSON.stringify(figure).replace(/</g, '\\u003c');
  const library = plotlyEmitted ? '' : `<script>if (!window.Plotly) { ${plotlyLibrary()} }</script>`;
  plotlyEmitted = true;
  const traces = figure.data.length;
  emit(
    `${library}<div id="${id}" style="width:100%;height:460px"></div><script>(function(){const f=${json};Plotly.newPlot('${id}',f.data,f.layout,{responsive:true});})();</script>`,
    `[chart: ${options.title ?? name} — ${traces} trace(s); open ${displayPath(file)} in a browser]`,
  );
  return file;
}
