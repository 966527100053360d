/**
 * Showing results in a notebook: tables, HTML, banners and Plotly charts.
 *
 * Text that is not ours (cells, labels, model names, file names) is escaped for its format
 * here — HTML for tables and banners, Plotly's entities for every string of a chart
 * (`core/escape.ts`) — so a document or a model name that holds HTML shows as text.
 *
 * Under Jupyter (the tslab kernel) or the headless runner, each call emits one rich
 * output — an HTML rendering plus a plain-text one for consoles and diffs. In plain Node.js
 * (scripts, tests) it prints the plain text. Charts are also saved as self-contained HTML
 * files under outputs/charts/, which open in any browser, offline.
 */
import path from 'node:path';
import { escapeHtml, plotlySafe } from './escape';
import { fileSize, readTextUtf8, writeFileAtomic } from './files';
import { renderChartPng } from './chart-image';
import { formatCell, htmlTable, tableColumns } from './html-table';
import type { TrackingTable } from './tracking';
import { trackingByColumn, trackingView } from './tracking-view';
import { displayPath, repoPath } from './paths';
import { formatNumber, localizeDigits } from './format';
import { currentLanguage, m } from './i18n';

type DisplayWriter = (
  message: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> },
  update: boolean,
) => void;

function writer(): DisplayWriter | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('tslab/dist/jupyter') as { lastWriteDisplayData: DisplayWriter | null }).lastWriteDisplayData;
  } catch {
    return null;
  }
}

/**
 * HTML that math typesetting leaves alone: Jupyter runs MathJax over HTML and Markdown
 * outputs, which would turn "$48.2 million … $19.6" into italic math. MathJax 2 (classic
 * Notebook) skips `tex2jax_ignore`, MathJax 3 (JupyterLab) `mathjax_ignore`.
 */
export function noMath(html: string): string {
  return `<div class="tex2jax_ignore mathjax_ignore">${html}</div>`;
}

/** Emit a MIME bundle (HTML + plain text); plain Node.js prints the text. */
export function emit(html: string, text: string): void {
  const write = writer();
  if (write) write({ data: { 'text/html': noMath(html), 'text/plain': text }, metadata: {}, transient: {} }, false);
  else console.log(text);
}

type Row = Record<string, unknown>;

// The one table renderer (no Node.js import: the report's page script uses it too), and the escaping of each format.
export { htmlTable, type HtmlTableOptions } from './html-table';
export { escapeHtml, escapeMarkdown, md } from './escape';

/** Rows as a plain-text table (columns padded, long cells shortened; columns empty in every row left out). */
export function textTable(rows: readonly object[], maxWidth = 60): string {
  const list = rows as Row[];
  if (list.length === 0) return m().views.display.noRows;
  const columns = tableColumns(list);
  const cell = (v: unknown) => {
    const s = formatCell(v).replace(/\s+/g, ' ');
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  };
  const widths = columns.map((c) => list.reduce((w, r) => Math.max(w, cell(r[c]).length), c.length));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...list.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

export interface TableOptions {
  title?: string;
  maxRows?: number;
  /** Columns shown as a full-width line under each row (long notes), not as columns (`htmlTable`). */
  wide?: readonly string[];
}

/**
 * Rows whose keys the catalogue knows (`m().views.headings`: the library's data objects) with
 * those keys as headings in the view's language; other keys, and values, as they are. A heading
 * that would collide with another key of the row keeps its original name.
 */
export function localizeHeadings(rows: readonly Row[]): Row[] {
  if (currentLanguage() === 'en') return rows as Row[];
  const headings = m().views.headings as Record<string, string>;
  return rows.map((row) => {
    const out: Row = {};
    for (const [key, value] of Object.entries(row)) {
      const heading = Object.hasOwn(headings, key) ? headings[key] : key;
      out[heading !== key && (heading in row || heading in out) ? key : heading] = value;
    }
    return out;
  });
}

/** Show rows (objects, or anything with `toRecords()` such as a polars DataFrame) as a table. */
export function showTable(data: readonly object[] | { toRecords(): object[] }, options: TableOptions = {}): void {
  const all = (Array.isArray(data) ? data : (data as { toRecords(): object[] }).toRecords()) as Row[];
  const maxRows = options.maxRows ?? 50;
  const rows = localizeHeadings(all.slice(0, maxRows));
  const more = all.length > maxRows ? `\n${m().views.display.moreRows({ n: formatNumber(all.length - maxRows, 'auto') })}` : '';
  const title = options.title ? `${options.title}\n` : '';
  const wide = options.wide && localizeHeadings([Object.fromEntries(options.wide.map((c) => [c, c]))]).map((r) => Object.keys(r))[0];
  emit(htmlTable(rows, { title: options.title, wide }) + (more ? `<p>${escapeHtml(more)}</p>` : ''), `${title}${textTable(rows)}${more}`);
}

/** Show HTML you wrote (put any other text in it with `escapeHtml`); plain consoles get its text. */
export function showHtml(
  html: string,
  text = html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim(),
): void {
  emit(html, text);
}

/**
 * Show Markdown you wrote (Jupyter renders it; consoles and diffs get the text as written).
 * Put text that is not yours — names, ids, messages — in with the `md` tag, which escapes it:
 * showMarkdown(md`**Recommended:** ${name}`). A `$` stays a dollar: it is escaped and the text
 * kept out of math typesetting.
 */
export function showMarkdown(markdown: string): void {
  const write = writer();
  const safe = markdown.includes('$')
    ? `<div class="tex2jax_ignore mathjax_ignore">\n\n${markdown.replace(/(?<!\\)\$/g, '\\$')}\n\n</div>`
    : markdown;
  if (write) write({ data: { 'text/markdown': safe, 'text/plain': markdown }, metadata: {}, transient: {} }, false);
  else console.log(markdown);
}

/** Plain-text sentences as a bulleted list (each escaped: shown exactly as written). */
export function showNotes(notes: readonly string[]): void {
  if (notes.length === 0) return;
  emit(`<ul>${notes.map((n) => `<li>${escapeHtml(n).replace(/\n/g, '<br>')}</li>`).join('')}</ul>`, notes.map((n) => `- ${n}`).join('\n'));
}

/**
 * The tracking CSV as a person reads it at `step`: a compact table (human model names, a
 * few columns), with the whole file — every column — in a collapsed section below it.
 * Step 0 is an overview of every step.
 */
export function showTracking(table: TrackingTable, step: 0 | 1 | 2 | 3 | 4 | 5, title?: string): void {
  const compact = trackingView(table, step);
  const v = m().views.display;
  const file = displayPath(table.file);
  const n = formatNumber(table.columns.length, 'auto');
  const heading = title ?? (step ? v.trackingStepColumns({ file, step }) : file);
  // The whole file turned on its side (one row per column, one column per model), so it fits the page.
  const html =
    `${htmlTable(compact, heading)}` +
    `<details><summary>${escapeHtml(v.trackingAllColumns({ n, file }))}</summary>${htmlTable(trackingByColumn(table))}</details>`;
  emit(html, `${heading}\n${textTable(compact)}\n${v.trackingAllColumnsText({ n, file })}`);
}

/** A loud notice, e.g. which backend is in use. */
export function banner(text: string, level: 'info' | 'warning' | 'error' = 'info'): void {
  const colours = { info: ['#e8f0fe', '#1a56db'], warning: ['#fff4e5', '#b45309'], error: ['#fde8e8', '#b91c1c'] }[level];
  const icon = { info: 'ℹ️', warning: '⚠️', error: '⛔' }[level];
  emit(
    `<div style="padding:10px 14px;border-left:6px solid ${colours[1]};background:${colours[0]};font-weight:600">${icon} ${escapeHtml(text).replace(/\n/g, '<br>')}</div>`,
    `${'='.repeat(Math.min(78, text.split('\n').reduce((w, l) => Math.max(w, l.length), 0) + 3))}\n${icon} ${text}\n${'='.repeat(Math.min(78, text.split('\n').reduce((w, l) => Math.max(w, l.length), 0) + 3))}`,
  );
}

/**
 * A Plotly figure as data ({ data, layout }): https://plotly.com/javascript/reference/ —
 * built from plain text (no Plotly markup such as `<br>` or `<b>` in its strings): every
 * string is escaped where the figure is drawn (`plotlySafe`), so a name shows as written.
 */
export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

/** A chart title with an optional subtitle (Plotly's `title.subtitle`), as plain text. */
export function chartTitle(text: string, subtitle?: string): Record<string, unknown> {
  return subtitle ? { text, subtitle: { text: subtitle } } : { text };
}

/**
 * Plotly's number marks for the view's language, to spread into a layout: nothing in English
 * (Plotly's default `.,`), `,.` in pt-BR — so axis ticks and hover numbers read 1.234,5 there.
 */
export function plotlySeparators(): { separators?: string } {
  if (currentLanguage() === 'en') return {};
  const marks = localizeDigits('1,234.5'); // '1.234,5' in pt-BR: the group mark at 1, the decimal at 5
  return { separators: `${marks[5]}${marks[1]}` };
}

/**
 * A Plotly box trace that also shows every point beside the box: the median line, the
 * quartile box, the whiskers and each observation (https://plotly.com/javascript/box-plots/);
 * a null (a call with no figure) is left out by Plotly.
 */
export function boxTrace(name: string, y: (number | null)[]): Record<string, unknown> {
  return { type: 'box', name, y, boxpoints: 'all', jitter: 0.3, pointpos: 0 };
}

/** The npm package whose minified plotly.js the notebooks, chart pages and report use. */
export const PLOTLY_PACKAGE = 'plotly.js-dist-min';
/** File name of plotly.js wherever a copy is shared (chart pages, the Jupyter kernel spec). */
export const PLOTLY_FILE = 'plotly.min.js';

let plotlySource: string | null = null;
let chartCounter = 0;

/** Where the pinned minified plotly.js is on disk. */
export function plotlyLibraryPath(): string {
  return require.resolve(PLOTLY_PACKAGE);
}

/** plotly.js itself (the pinned minified bundle), to embed offline. */
export function plotlyLibrary(): string {
  plotlySource ??= readTextUtf8(plotlyLibraryPath(), { what: 'plotly.js (run `npm ci`)' });
  return plotlySource;
}

/** Figure JSON safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * A complete HTML page showing one figure, offline: plotly.js is embedded, or — for the
 * chart pages under outputs/charts/, which share one copy — loaded from `plotlySrc`.
 */
export function figurePage(figure: PlotlyFigure, title: string, plotlySrc?: string): string {
  const library = plotlySrc ? `<script src="${escapeHtml(plotlySrc)}"></script>` : `<script>${plotlyLibrary()}</script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${library}</head><body><div id="chart" style="width:100%;height:90vh"></div><script>const f=${scriptJson(plotlySafe(figure))};Plotly.newPlot('chart',f.data,f.layout,{responsive:true});</script></body></html>`;
}

export interface PlotOptions {
  /** Name of the chart file under outputs/charts/ (without extension). Default: from the title, else `chart-N`. */
  name?: string;
  title?: string;
  chartsDir?: string;
}

function chartName(options: PlotOptions): string {
  const fromTitle = (options.title ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return options.name ?? (fromTitle || `chart-${chartCounter + 1}`);
}

/** Save the figure as a standalone page under outputs/charts/ (sharing one plotly.min.js); returns its path. */
export function savePlotPage(figure: PlotlyFigure, options: PlotOptions = {}): string {
  const dir = options.chartsDir ?? repoPath('outputs', 'charts');
  const name = chartName(options);
  const file = path.join(dir, `${name}.html`);
  const shared = path.join(dir, PLOTLY_FILE);
  if (fileSize(shared) !== fileSize(plotlyLibraryPath())) writeFileAtomic(shared, plotlyLibrary());
  writeFileAtomic(file, figurePage(figure, options.title ?? name, PLOTLY_FILE));
  return file;
}

/**
 * The browser-side loader of a chart output: draws the figure with plotly.js when a script
 * may run, and only then hides the static image. plotly.js comes from the page (an earlier
 * chart loaded it) or from the Jupyter server, which serves the files of a kernel spec at
 * `<base>/kernelspecs/<kernel>/…` — `npm run kernel:install` puts plotly.min.js there. So
 * each output draws on its own (re-run alone, after a reload) without carrying 4.8 MB of
 * plotly.js, and where the script cannot run or plotly.js cannot be had, the image stays.
 */
function chartScript(id: string, figure: PlotlyFigure, height: number): string {
  return `(function(){var id=${JSON.stringify(id)},f=${scriptJson(figure)};
function base(){var b=document.body&&document.body.getAttribute('data-base-url');if(b==null){var c=document.getElementById('jupyter-config-data');if(c){try{b=JSON.parse(c.textContent).baseUrl;}catch(e){}}}return b==null?null:b.replace(/\\/?$/,'/');}
function lib(){if(window.Plotly)return Promise.resolve(window.Plotly);if(!window.__workshopPlotly){var b=base();window.__workshopPlotly=new Promise(function(ok,no){if(b==null)return no(new Error('not in Jupyter'));var s=document.createElement('script');s.src=b+'kernelspecs/tslab/${PLOTLY_FILE}';s.onload=function(){window.Plotly?ok(window.Plotly):no(new Error('no Plotly'));};s.onerror=function(){window.__workshopPlotly=null;no(new Error('plotly.js not found'));};document.head.appendChild(s);});}return window.__workshopPlotly;}
function draw(P,n){var el=document.getElementById(id+'-plot');if(!el){if(n<100)setTimeout(function(){draw(P,n+1);},50);return;}el.style.height='${height}px';P.newPlot(el,f.data,f.layout,{responsive:true,displaylogo:false}).then(function(){var s=document.getElementById(id+'-static');if(s)s.style.display='none';el.setAttribute('data-drawn','1');});}
lib().then(function(P){draw(P,0);},function(){});})();`;
}

export interface ChartBundleInput {
  figure: PlotlyFigure;
  title: string;
  /** Id of the output's elements (unique on the page). */
  id: string;
  /** The standalone page, as people should read its path (relative to the repository). */
  page: string;
  /** A PNG (base64) of the figure, or why there is none. */
  image: { png: string; width: number; height: number } | { reason: string };
}

/**
 * The MIME bundle of one chart output, carrying what each front end needs:
 * - `application/vnd.plotly.v1+json` — JupyterLab (with the Plotly extension) and VS Code draw it natively;
 * - `text/html` — the static image (or a note why there is none), then the interactive chart
 *   drawn by a script that depends on no earlier cell (classic Notebook, trusted);
 * - `image/png` — for untrusted and static views (notebook viewers, code hosts);
 * - `text/plain` — consoles and diffs.
 */
export function chartBundle({ figure, title, id, page, image }: ChartBundleInput): {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
} {
  const height = typeof figure.layout.height === 'number' ? figure.layout.height : 460;
  const fig: PlotlyFigure = plotlySafe({ data: figure.data, layout: { height, ...figure.layout } });
  const v = m().views.display;
  const staticPart =
    'png' in image
      ? `<img src="data:image/png;base64,${image.png}" width="${image.width}" height="${image.height}" alt="${escapeHtml(title)}" style="max-width:100%;height:auto"><br><small>${escapeHtml(v.chartStatic({ page }))}</small>`
      : `<p><b>${escapeHtml(v.chartLabel({ title }))}</b> — ${escapeHtml(image.reason)}. ${escapeHtml(v.chartNoStatic({ page }))}</p>`;
  const eid = escapeHtml(id);
  const html = `<div class="workshop-chart tex2jax_ignore mathjax_ignore" id="${eid}"><div id="${eid}-static">${staticPart}</div><div id="${eid}-plot"></div><script>${chartScript(id, fig, height)}</script></div>`;
  const data: Record<string, unknown> = {
    'application/vnd.plotly.v1+json': { data: fig.data, layout: fig.layout, config: { displaylogo: false } },
    'text/html': html,
    'text/plain': v.chartText({ title, traces: formatNumber(figure.data.length, 'auto'), page }),
  };
  const metadata: Record<string, unknown> = {};
  if ('png' in image) {
    data['image/png'] = image.png;
    metadata['image/png'] = { width: image.width, height: image.height };
  }
  return { data, metadata };
}

/**
 * Show a Plotly figure in the notebook and save it as a standalone page under
 * outputs/charts/. Each chart output stands alone (see `chartBundle`); its static image is
 * drawn by headless Chromium when there is one. Await it: `await showPlot(figure, …)`.
 */
export async function showPlot(figure: PlotlyFigure, options: PlotOptions = {}): Promise<void> {
  const name = chartName(options);
  const title = options.title ?? name;
  const file = savePlotPage(figure, { ...options, name });
  const id = `wc-${name}-${process.pid.toString(36)}-${++chartCounter}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const write = writer();
  const image = write ? await renderChartPng(plotlySafe(figure)) : { ok: false as const, reason: m().views.display.chartPlainNode };
  const bundle = chartBundle({ figure, title, id, page: displayPath(file), image: image.ok ? image : { reason: image.reason } });
  if (write) write({ data: bundle.data, metadata: bundle.metadata, transient: {} }, false);
  else console.log(bundle.data['text/plain']);
}
