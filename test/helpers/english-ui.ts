/**
 * The English text of the message catalogue, as fragments to look for in what a Portuguese run
 * wrote: every string message of three or more words, and every function message's fixed text
 * between its parameters (each called with placeholders; a message whose code needs a real
 * value is skipped). A fragment is kept when it has at least three words of letters, so model
 * ids, numbers and file names never count as "English left over".
 */
import { m } from '../../src/core/i18n';
import { TRACKING_COLUMNS } from '../../src/core/tracking-columns';

const HOLE = '\u0001';

/** A parameter object whose every property is a placeholder (numbers: 0, lists: one placeholder). */
function placeholders(): unknown {
  return new Proxy(
    {},
    {
      get: (_t, key) => {
        if (key === Symbol.toPrimitive) return () => HOLE;
        if (key === 'toString' || key === 'valueOf') return () => HOLE;
        return HOLE;
      },
    },
  );
}

/** Words a person reads: whitespace-separated, with two letters or more (an identifier such as `end_of_life_date` is one). */
const words = (s: string) => s.split(/\s+/).filter((w) => /[A-Za-z]{2,}/.test(w)).length;

/**
 * The machine codes of the CSV files (`no clear difference`, `not enough data`…): values the
 * tracking CSV documents between backticks, written the same in every edition like the column
 * names, and shown as they are where a view shows the CSV itself.
 */
function machineCodes(): Set<string> {
  const codes = new Set<string>();
  for (const column of TRACKING_COLUMNS) for (const match of column.description.matchAll(/`([^`]+)`/g)) codes.add(match[1]);
  return codes;
}

/** English fragments of the catalogue (area names: all when omitted). */
export function englishFragments(areas?: string[]): string[] {
  const out = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      for (const part of value.split(/\s*[\n:;]\s*/)) if (words(part) >= 3) out.add(part.trim());
      return;
    }
    if (typeof value === 'function') {
      let text: unknown;
      try {
        text = value(placeholders());
      } catch {
        return;
      }
      if (typeof text !== 'string') return;
      for (const piece of text.split(HOLE)) for (const part of piece.split(/\s*[\n:;]\s*/)) if (words(part) >= 3) out.add(part.trim());
      return;
    }
    if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
  };
  const en = m('en') as unknown as Record<string, unknown>;
  for (const [area, messages] of Object.entries(en)) if (!areas || areas.includes(area)) walk(messages);
  const codes = machineCodes();
  return [...out].filter((f) => !codes.has(f));
}

/** The English fragments found in `text` (whitespace-normalized on both sides). */
export function englishLeftovers(text: string, fragments = englishFragments()): string[] {
  const flat = text.replace(/\s+/g, ' ');
  return fragments.filter((f) => flat.includes(f.replace(/\s+/g, ' ')));
}

/** What a person reads in an executed notebook: its outputs' text, HTML and Markdown (not the cells' code). */
export function notebookOutputText(nb: { cells: { outputs?: unknown[] }[] }): string {
  const parts: string[] = [];
  const text = (v: unknown) => (Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : '');
  for (const cell of nb.cells)
    for (const out of (cell.outputs ?? []) as { text?: unknown; data?: Record<string, unknown>; ename?: string; evalue?: string }[]) {
      parts.push(text(out.text));
      for (const mime of ['text/plain', 'text/html', 'text/markdown']) parts.push(text(out.data?.[mime]));
      if (out.evalue) parts.push(out.evalue);
    }
  return visibleText(parts.join('\n'));
}

/** The text of an HTML page or fragment as a reader sees it: no scripts, styles or tags, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
