/**
 * CSV files as all-text tables — the one place the library reads and writes CSV.
 *
 * Every cell is read as text (an empty cell as `null`) and never type-guessed, so ids such
 * as `1e5` or `007` survive; callers convert the columns they know (see `readCsvRows`,
 * which validates each row with a zod schema and names the file, row and column of a bad
 * value). Rows are numbered as a spreadsheet shows them: the header is row 1.
 *
 * Parsing and quoting follow RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180). Parsing is done
 * by the well-kept `csv-parse` package; writing quotes each cell exactly as `csv-stringify`
 * does (`csvField`, tested against it on random tables), without its general machinery. Writes are atomic (temporary file, then
 * rename), so a crash never leaves half a file.
 *
 * **Spreadsheet-safe cells.** People open these files in a spreadsheet, which runs a cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula — so a document, an
 * answer or a model name could call out or run a command there (OWASP "CSV Injection",
 * https://owasp.org/www-community/attacks/CSV_Injection). Every cell written here that starts
 * with one of these (after any apostrophes) gets one more `'` in front, which spreadsheets
 * show as text; a plain number such as `-0.5` or `-1e-5` is left as it is, so it stays a
 * number. Every cell read here loses that one `'` again, so the library's readers get the
 * original text back exactly (`spreadsheetSafe` / `fromSpreadsheetSafe`, a round trip for any
 * text, tested with random strings).
 *
 * @example
 * parseCsv('model,latency_ms\nnova,"1,200"\n').rows // → [{ model: 'nova', latency_ms: '1,200' }]
 * formatCsv(['answer', 'diff'], [{ answer: '=HYPERLINK("http://x")', diff: -0.5 }]) // → 'answer,diff\n"\'=HYPERLINK(""http://x"")",-0.5\n'
 */
import { existsSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { WorkshopError } from './errors';
import { m } from './i18n/messages';
import { AtomicFileWriter, readTextUtf8 } from './files';
import { displayPath } from './paths';

export type CsvCell = string | null;
export type CsvRecord = Record<string, CsvCell>;

export interface CsvTable {
  columns: string[];
  rows: CsvRecord[];
}

export interface CsvSource {
  /** The file, for messages (or a label such as "the pasted text"). */
  file?: string;
  /** What the person should do when the file is broken. */
  fix?: string;
}

/** A cell a spreadsheet would evaluate: it starts (after any apostrophes) with =, +, -, @, tab or carriage return. */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** What `spreadsheetSafe` added: one apostrophe before such a start. */
const ESCAPED_START = /^'+[=+\-@\t\r]/;
/** A plain decimal number, which spreadsheets read as a number, never as a formula (e.g. -0.5, -12, -1.5e-7). */
const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A cell as written to a CSV file: one `'` more in front of anything a spreadsheet would run
 * as a formula; other text, and plain numbers such as `-0.5`, unchanged.
 *
 * @example
 * spreadsheetSafe('=1+1') // → "'=1+1"
 * spreadsheetSafe("'=1+1") // → "''=1+1" (so that reading gives back "'=1+1")
 * spreadsheetSafe('-0.5') // → '-0.5'
 */
export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The inverse of `spreadsheetSafe`: the cell's original text. */
export function fromSpreadsheetSafe(text: string): string {
  return ESCAPED_START.test(text) ? text.slice(1) : text;
}

/**
 * Parse CSV text (header first) into all-text rows; a ragged row or a repeated header name is an error.
 * The text may be given as UTF-8 bytes (already checked): a large file is then never one string in memory.
 */
export function parseCsv(text: string | Buffer, source: CsvSource = {}): CsvTable {
  const msg = m().errors.tables;
  const where = source.file ? displayPath(source.file) : msg.csvText;
  const fix = source.fix ?? msg.csvDefaultFix;
  if (typeof text === 'string' ? text.includes('\u0000') : text.includes(0))
    throw new WorkshopError(msg.binary({ where }), { fix, file: source.file });
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    const e = err as Error & { code?: string; records?: number };
    const row = (e.records ?? 0) + 1;
    const lengths = /expect (\d+), got (\d+)/.exec(e.message);
    const problem = lengths ? msg.ragged({ row, got: lengths[2], expected: lengths[1] }) : msg.unreadableRow({ row, message: e.message });
    throw new WorkshopError(msg.at({ where, problem }), { fix, file: source.file, row });
  }
  if (records.length === 0) return { columns: [], rows: [] };
  const [header, ...body] = records;
  const columns = header.map((c) => fromSpreadsheetSafe(c.trim()));
  columns.forEach((name, i) => {
    if (name === '')
      throw new WorkshopError(msg.headerNoName({ where, column: i + 1 }), {
        fix: msg.headerNoNameFix,
        file: source.file,
        row: 1,
      });
    const first = columns.indexOf(name);
    if (first !== i)
      throw new WorkshopError(msg.headerTwice({ where, name, first: first + 1, second: i + 1 }), {
        fix: msg.headerTwiceFix,
        file: source.file,
        row: 1,
        column: name,
      });
  });
  const rows = body.map((cells) =>
    Object.fromEntries(columns.map((c, i) => [c, cells[i] === undefined || cells[i] === '' ? null : fromSpreadsheetSafe(cells[i])])),
  );
  return { columns, rows };
}

/** Read a CSV file (UTF-8 checked). A missing file is an error unless `missingOk`, then an empty table. */
export function readCsv(file: string, source: Omit<CsvSource, 'file'> & { missingOk?: boolean } = {}): CsvTable {
  if (!existsSync(file)) {
    if (source.missingOk) return { columns: [], rows: [] };
    throw new WorkshopError(m().errors.tables.missingFile({ shown: displayPath(file) }), {
      fix: source.fix ?? m().errors.tables.missingFileFix,
      file,
    });
  }
  return parseCsv(readTextUtf8(file), { ...source, file });
}

/** A cell as CSV text: null/undefined → empty, numbers and booleans as JavaScript prints them; spreadsheet-safe. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return spreadsheetSafe(typeof value === 'string' ? value : String(value));
}

/** A cell `csvField` must quote: it holds a quote, a comma or a line feed. */
const NEEDS_QUOTES = /[",\n]/;

/**
 * One cell as CSV text — the bytes `csv-stringify` writes for a text cell with the options
 * used here (`record_delimiter: '\n'`): quoted, with its quotes doubled, when it holds a
 * quote, a comma or a line feed; as it is otherwise. A test holds the two equal on random
 * tables. Done here because the library's general path (casts, per-cell option objects)
 * made the step-3 result file a large part of the harness's own cost per call (issue #25;
 * `npm run bench`, item 2, "the harness alone").
 *
 * @example
 * csvField('1,200') // → '"1,200"'
 * csvField('say "hi"') // → '"say ""hi"""'
 * csvField('plain') // → 'plain'
 */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record: its cells, spreadsheet-safe and quoted, then a line feed. */
function csvLine(cells: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += i === 0 ? csvField(cellText(cells[i])) : `,${csvField(cellText(cells[i]))}`;
  return `${line}\n`;
}

/** A row's record: its values in `columns` order. */
function rowLine(columns: readonly string[], row: Record<string, unknown>): string {
  return csvLine(columns.map((c) => row[c]));
}

/** CSV text for `rows` with exactly `columns` (header always written, even with no rows); every cell spreadsheet-safe. */
export function formatCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  let text = csvLine(columns);
  for (const row of rows) text += rowLine(columns, row);
  return text;
}

/** Characters per piece of a CSV file written by `writeCsv` (a piece is at least one row). */
const CSV_PIECE_CHARS = 32 * 1024;

/**
 * Write rows as a CSV file, atomically — exactly the text of `formatCsv`, written a few rows
 * at a time (about 32,000 characters), so a table of any size is never one string in memory.
 */
export function writeCsv(file: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): void {
  const out = new AtomicFileWriter(file);
  try {
    let piece = csvLine(columns);
    for (const row of rows) {
      piece += rowLine(columns, row);
      if (piece.length >= CSV_PIECE_CHARS) {
        out.write(piece);
        piece = '';
      }
    }
    if (piece) out.write(piece);
    out.commit();
  } catch (err) {
    out.abort();
    throw err;
  }
}

/**
 * Read a CSV file and validate every row with `schema` (a zod object over the text cells,
 * converting them). A bad value names the file, the row, the column and the fix.
 */
export function readCsvRows<T>(
  file: string,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  source: Omit<CsvSource, 'file'> & { required?: readonly string[] } = {},
): { columns: string[]; rows: T[] } {
  const table = readCsv(file, source);
  const msg = m().errors.tables;
  const fix = source.fix ?? msg.rowsFix;
  const missing = (source.required ?? []).filter((c) => !table.columns.includes(c));
  if (missing.length) {
    throw new WorkshopError(
      msg.missingColumns({
        shown: displayPath(file),
        columns: missing.map((c) => `"${c}"`).join(', '),
        count: missing.length,
        found: table.columns.join(', '),
      }),
      { fix, file, column: missing[0] },
    );
  }
  const rows = table.rows.map((record, i) => {
    const parsed = schema.safeParse(record, {
      errorMap: (issue, ctx) => ({ message: m().errors.config.zodIssue({ issue, defaultMessage: ctx.defaultError }) }),
    });
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const column = String(issue.path[0] ?? '');
    throw new WorkshopError(
      msg.badCell({ shown: displayPath(file), row: i + 2, column, value: JSON.stringify(record[column] ?? null), message: issue.message }),
      { fix, file, row: i + 2, column },
    );
  });
  return { columns: table.columns, rows };
}
