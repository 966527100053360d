/**
 * Rows as an HTML table that fits its page: the one table renderer of the notebooks'
 * outputs and of the report (no Node.js import: the report's page script uses it too).
 *
 * - Columns whose every cell is empty are dropped (a "not measured yet" column says nothing).
 * - A table is never wider than its page at 1280 px: text wraps at spaces, long tokens (model
 *   ids, file names, column names) may break after `.`, `-`, `:`, `/`, `_` (`<wbr>`), and
 *   only short cells (numbers, short words) are kept on one line.
 * - A long note is folded: its first words, and the whole text one click away
 *   (`<details class="fold">`), so one note does not make every row of a table tall.
 * - Note columns named in `wide` are not squeezed into a column at all: each row's note is a
 *   line of its own under the row, as wide as the table.
 *
 * @example
 * htmlTable([{ model: 'us.amazon.nova-2-lite-v1:0', n: 3, unused: '' }])
 * // → one column "model" (the id breakable after "." "-" ":") and one column "n"; "unused" is dropped
 */
import { escapeHtml } from './escape';
import { formatNumber } from './format';

export { escapeHtml };

type Row = Record<string, unknown>;

/** A cell's text: numbers through the one formatter, arrays joined, objects as JSON. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The columns of `rows` in first-seen order, less those empty in every row (unless in `keep`). */
export function tableColumns(rows: readonly object[], keep: readonly string[] = []): string[] {
  const list = rows as Row[];
  const all = [...new Set(list.flatMap((r) => Object.keys(r)))];
  return all.filter((c) => keep.includes(c) || list.some((r) => formatCell(r[c]) !== ''));
}

/** Cells up to this many characters (numbers, short words) stay on one line; headers and longer text wrap. */
export const NOWRAP_MAX = 10;
/** Text longer than this is folded (its start shown, the rest one click away)… */
export const FOLD_OVER = 160;
/** …or, on a full-width line under its row (`wide`), longer than this. */
export const FOLD_OVER_WIDE = 320;
/** Tokens longer than this may break after punctuation. */
const LONG_TOKEN = 18;

/** Escaped text whose long tokens may break after `. - : / _ ; , =` and whose newlines are line breaks. */
export function breakableHtml(text: string): string {
  return text
    .split(/(\s+)/)
    .map((tok) =>
      tok.length > LONG_TOKEN
        ? tok
            .split(/(?<=[./:_\-;,=])/)
            .map(escapeHtml)
            .join('<wbr>')
        : escapeHtml(tok).replace(/\n/g, '<br>'),
    )
    .join('');
}

/** The first words of a long text: its first sentence when that is 40–140 characters, else about 100 characters cut at a space, then "…". */
export function foldHead(text: string): string {
  const sentence = /^.{40,140}?[.!?](?=\s)/s.exec(text)?.[0];
  if (sentence) return `${sentence} …`;
  const cut = text.slice(0, 100);
  const space = cut.lastIndexOf(' ');
  return `${space > 50 ? cut.slice(0, space) : cut} …`;
}

export interface HtmlTableOptions {
  /** A bold line above the table. */
  title?: string;
  /** Columns kept even when every cell is empty (e.g. cells a page script fills in). */
  keep?: readonly string[];
  /**
   * `inline` (default): the layout rules as style attributes, for notebook outputs, which carry
   * no stylesheet. `classes`: class names only (`nw` one line, `brk` may break anywhere), for
   * a page that styles its tables itself (the report).
   */
  styling?: 'inline' | 'classes';
  /** One id per row, as `data-row` (for a page script). */
  rowIds?: readonly string[];
  /** The table element's id. */
  id?: string;
  /** Columns shown as a full-width line under each row (long notes), not as columns. */
  wide?: readonly string[];
}

/** Rows as an HTML table (escaped), in a wrapper that scrolls only if a table still cannot fit. */
export function htmlTable(input: readonly object[], options: string | HtmlTableOptions = {}): string {
  const o: HtmlTableOptions = typeof options === 'string' ? { title: options } : options;
  const rows = input as Row[];
  const columns = tableColumns(rows, o.keep);
  const inline = o.styling !== 'classes';
  const cell = (tag: 'td' | 'th', text: string): string => {
    const short = tag === 'td' && text.length <= NOWRAP_MAX && !text.includes('\n');
    const longToken = text.split(/\s+/).some((t) => t.length > LONG_TOKEN);
    const style = inline
      ? ` style="text-align:left;vertical-align:top${short ? ';white-space:nowrap' : ''}${longToken ? ';overflow-wrap:anywhere' : ''}"`
      : short
        ? ' class="nw"'
        : longToken
          ? ' class="brk"'
          : '';
    const body =
      tag === 'td' && text.length > FOLD_OVER
        ? `<details class="fold"><summary>${breakableHtml(foldHead(text))}</summary>${breakableHtml(text)}</details>`
        : breakableHtml(text);
    return `<${tag}${style}>${body}</${tag}>`;
  };
  const wide = columns.filter((c) => o.wide?.includes(c));
  const narrow = columns.filter((c) => !wide.includes(c));
  const head = narrow.map((c) => cell('th', c)).join('');
  const noteLine = (c: string, text: string) => {
    const label = `<i>${escapeHtml(c)}:</i> `;
    return text.length > FOLD_OVER_WIDE
      ? `<details class="fold"><summary>${label}${breakableHtml(foldHead(text))}</summary>${label}${breakableHtml(text)}</details>`
      : `<div>${label}${breakableHtml(text)}</div>`;
  };
  const body = rows
    .map((r, i) => {
      const id = o.rowIds?.[i] !== undefined ? ` data-row="${escapeHtml(o.rowIds[i])}"` : '';
      const notes = wide.map((c) => [c, formatCell(r[c])]).filter(([, t]) => t !== '');
      const main = `<tr${id}${notes.length ? (inline ? ' style="border-bottom:none"' : ' class="has-note"') : ''}>${narrow.map((c) => cell('td', formatCell(r[c]))).join('')}</tr>`;
      if (!notes.length) return main;
      const style = inline ? ' style="text-align:left;vertical-align:top;padding-top:0;color:#4b5563"' : ' class="row-note"';
      return `${main}<tr${inline ? '' : ' class="note-row"'}><td colspan="${narrow.length}"${style}>${notes.map(([c, t]) => noteLine(c, t)).join('')}</td></tr>`;
    })
    .join('');
  return `${o.title ? `<p><b>${escapeHtml(o.title)}</b></p>` : ''}<div style="overflow-x:auto"><table${o.id ? ` id="${escapeHtml(o.id)}"` : ''}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}
