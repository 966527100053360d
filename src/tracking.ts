/**
 * The evaluation-tracking CSV: the migration's logbook, one row per model, carried from
 * notebook to notebook. Each step reads it, adds or updates its own columns for each model
 * (`upsertModelRow`) and writes it back atomically.
 *
 * Every column is read as text and then converted by the type the column registry
 * (`tracking-columns.ts`) gives it, so ids such as `1e5` or empty cells are never mangled
 * by type guessing. Columns a user adds by hand are kept, after the known ones.
 */
import * as pl from 'nodejs-polars';
import { existsSync } from 'node:fs';
import { readTextUtf8, writeFileAtomic } from './files';
import { displayPath } from './paths';
import { TRACKING_COLUMNS } from './tracking-columns';

export type TrackingValue = string | number | boolean | null;
export type TrackingRow = Record<string, TrackingValue>;

export interface TrackingTable {
  file: string;
  columns: string[];
  rows: TrackingRow[];
}

const KNOWN = new Map(TRACKING_COLUMNS.map((c) => [c.name, c]));
const ORDER = TRACKING_COLUMNS.map((c) => c.name);

function fix(file: string): string {
  return `Fix: correct it in a text editor, or delete ${displayPath(file)} to start over — notebook 01 recreates it (the later notebooks then refill their columns).`;
}

/** Count the fields of each CSV record (RFC 4180 quoting) — used only to detect ragged rows. */
export function csvRecordWidths(text: string): number[] {
  const widths: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === ',') fields++;
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (any || fields > 1) widths.push(fields);
      fields = 1;
      any = false;
      continue;
    }
    any = true;
  }
  if (any || fields > 1) widths.push(fields);
  return widths;
}

function convert(name: string, raw: string | null, file: string, row: number): TrackingValue {
  if (raw === null || raw === '') return null;
  const type = KNOWN.get(name)?.type ?? 'string';
  if (type === 'number') {
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new Error(`${displayPath(file)}, row ${row}, column "${name}": "${raw}" is not a number. ${fix(file)}`);
    return n;
  }
  if (type === 'boolean') {
    if (/^true$/i.test(raw)) return true;
    if (/^false$/i.test(raw)) return false;
    throw new Error(`${displayPath(file)}, row ${row}, column "${name}": "${raw}" is not true/false. ${fix(file)}`);
  }
  return raw;
}

/** Read the tracking CSV; a missing file is an empty table. A corrupt file is an error naming file and row. */
export function readTracking(file: string): TrackingTable {
  if (!existsSync(file)) return { file, columns: ['model'], rows: [] };
  const text = readTextUtf8(file);
  if (text.includes('\u0000')) throw new Error(`${displayPath(file)} contains binary data and is not a CSV. ${fix(file)}`);
  if (!text.trim()) return { file, columns: ['model'], rows: [] };

  // Step 1: structure — every record has as many fields as the header.
  const widths = csvRecordWidths(text);
  const bad = widths.findIndex((w) => w !== widths[0]);
  if (bad > 0) {
    throw new Error(`${displayPath(file)} is damaged: row ${bad + 1} has ${widths[bad]} fields but the header has ${widths[0]}. ${fix(file)}`);
  }

  // Step 2: parse with polars, every column as text.
  let records: Record<string, string | null>[];
  let columns: string[];
  try {
    const df = pl.readCSV(text, { inferSchemaLength: 0, hasHeader: true });
    columns = df.columns;
    records = df.toRecords() as Record<string, string | null>[];
  } catch (err) {
    throw new Error(`${displayPath(file)} could not be read as CSV (${(err as Error).message.split('\n')[0]}). ${fix(file)}`);
  }
  if (!columns.includes('model')) {
    throw new Error(`${displayPath(file)} has no "model" column (found: ${columns.join(', ')}). ${fix(file)}`);
  }

  // Step 3: convert by column type; model ids must be present and unique.
  const seen = new Map<string, number>();
  const rows = records.map((rec, i) => {
    const rowNumber = i + 2; // as a spreadsheet shows it: the header is row 1
    const row: TrackingRow = {};
    for (const col of columns) row[col] = convert(col, rec[col], file, rowNumber);
    const id = row.model;
    if (typeof id !== 'string' || !id) throw new Error(`${displayPath(file)}, row ${rowNumber}: the "model" cell is empty. ${fix(file)}`);
    if (seen.has(id)) throw new Error(`${displayPath(file)}: model "${id}" appears twice (rows ${seen.get(id)} and ${rowNumber}). ${fix(file)}`);
    seen.set(id, rowNumber);
    return row;
  });
  return { file, columns: orderColumns(columns), rows };
}

function orderColumns(columns: Iterable<string>): string[] {
  const set = new Set(columns);
  return [...ORDER.filter((c) => set.has(c)), ...[...set].filter((c) => !KNOWN.has(c))];
}

/** Add or update the row of `modelId` with `values`; new columns are added in registry order. */
export function upsertModelRow(table: TrackingTable, modelId: string, values: TrackingRow): TrackingRow {
  let row = table.rows.find((r) => r.model === modelId);
  if (!row) {
    row = { model: modelId };
    table.rows.push(row);
  }
  Object.assign(row, values, { model: modelId });
  table.columns = orderColumns([...table.columns, ...Object.keys(row)]);
  return row;
}

/** Remove rows whose model is not in `keep` (e.g. a candidate dropped from the config). */
export function keepModels(table: TrackingTable, keep: string[]): string[] {
  const removed = table.rows.filter((r) => !keep.includes(String(r.model))).map((r) => String(r.model));
  table.rows = table.rows.filter((r) => keep.includes(String(r.model)));
  return removed;
}

/** Write the table atomically (temporary file, then rename). */
export function writeTracking(table: TrackingTable, file: string = table.file): void {
  const columns = orderColumns(table.columns);
  const text = table.rows.length === 0
    ? `${columns.join(',')}\n`
    : String(
        pl
          .DataFrame(table.rows.map((r) => Object.fromEntries(columns.map((col) => [col, r[col] === null || r[col] === undefined ? null : String(r[col])]))), {
            schema: Object.fromEntries(columns.map((col) => [col, pl.Utf8])),
          })
          .writeCSV(),
      );
  writeFileAtomic(file, text);
}

/** Each row's model and the columns written by one step (for showing a step's results). */
export function stepColumns(table: TrackingTable, step: 1 | 2 | 3 | 4 | 5): TrackingRow[] {
  const names = TRACKING_COLUMNS.filter((c) => c.step === step && table.columns.includes(c.name)).map((c) => c.name);
  return table.rows.map((r) => Object.fromEntries([['model', r.model], ...names.filter((n) => n !== 'model').map((n) => [n, r[n] ?? null])]));
}
