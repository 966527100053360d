/**
 * Text we did not write — documents, answers, labels, model ids and names, file names,
 * configuration strings — escaped for the format it is shown in, so that it is seen as text
 * and never runs or formats: HTML (notebook outputs, the report, chart pages), Markdown
 * (notebook outputs, which Jupyter and `jupyter nbconvert --to html` render with raw HTML
 * allowed) and Plotly labels (trace names, category labels, hover and point text, titles —
 * Plotly reads a small HTML subset in them: `<b>`, `<br>`, `<a href>`…, and LaTeX between `$`).
 *
 * The rule: build output from plain text, and escape at the point where the text meets its
 * format. The display helpers do it for you: tables, banners and charts (`showTable`,
 * `banner`, `showPlot`, the report) escape every cell, label and name; `showMarkdown` and
 * `showHtml` take markup you wrote — put other text in with `md` / `escapeHtml`.
 *
 * @example
 * escapeHtml('<img src=x onerror=alert(1)>') // → '&lt;img src=x onerror=alert(1)&gt;'
 * md`**Model:** ${'[x](javascript:alert(1))'}` // → '**Model:** \\[x\\]\\(javascript:alert\\(1\\)\\)'
 * plotlyText('<b>Nova</b> $5$') // → '&lt;b&gt;Nova&lt;/b&gt; &#36;5&#36;'
 */

/** Text as HTML text or attribute value (double- or single-quoted). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Text as Markdown text: it renders as exactly these characters in CommonMark (JupyterLab,
 * markdown-it), marked (classic Notebook) and mistune (nbconvert). `<`, `>` and `&` become
 * HTML entities (no raw HTML, no autolink); the punctuation that starts emphasis, links,
 * images, code, headings, lists, quotes and tables gets a backslash; line breaks become spaces
 * (a line break could start a block). `$` is left to `showMarkdown`, which keeps math
 * typesetting away.
 */
export function escapeMarkdown(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, '\\$&')
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

/** A template tag for Markdown you write: every interpolated value is escaped with `escapeMarkdown`. */
export function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? escapeMarkdown(values[i]) : ''), '');
}

/**
 * Text as a Plotly label: Plotly's own entities keep `<`, `>` and `&` literal, and `&#36;`
 * keeps a `$` from starting LaTeX. (Plotly decodes `&lt;`, `&gt;`, `&amp;` and numeric
 * entities back to the characters when it draws.)
 */
export function plotlyText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\$/g, '&#36;');
}

/**
 * A Plotly figure with every string in it passed through `plotlyText` — trace names, x/y
 * categories, `text`, `hovertext`, `theta`, titles. Figures are built from plain text (a
 * subtitle goes in `title.subtitle`, not in `<br><sup>` markup), so escaping every string is
 * right; enum values and colours (`'box'`, `'#1a56db'`) have none of the escaped characters
 * and stay as they are. Call it where a figure is drawn (`showPlot`, chart pages, the report).
 */
export function plotlySafe<T>(figure: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return plotlyText(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(figure) as T;
}
