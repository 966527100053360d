/**
 * The evaluation-tracking CSV: the migration's logbook, one row per model, carried from
 * notebook to notebook. Each step reads it, adds or updates its own columns for each model
 * (`upsertModelRow`) and writes it back atomically.
 *
 * Every column is read as text and then converted by the type the column registry
 * (`tracking-columns.ts`) gives it, so ids such as `1e5` or empty cells are never mangled
 * by type guessing. Columns a user adds by hand are kept, after the known ones.
 */
import { existsSync } from 'node:fs';
import { formatCsv, readCsv } from './csv';
import { WorkshopError } from './errors';
import { m } from './i18n/messages';
import { writeFileAtomic } from './files';
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

function fixText(file: string): string {
  return m().errors.data.trackingFix({ shown: displayPath(file) });
}

function convert(name: string, raw: string | null, file: string, row: number): TrackingValue {
  if (raw === null || raw === '') return null;
  const type = KNOWN.get(name)?.type ?? 'string';
  if (type === 'number') {
    const n = Number(raw);
    if (!Number.isFinite(n))
      throw new WorkshopError(m().errors.data.trackingNotNumber({ shown: displayPath(file), row, column: name, raw }), {
        fix: fixText(file),
        file,
        row,
        column: name,
      });
    return n;
  }
  if (type === 'boolean') {
    if (/^true$/i.test(raw)) return true;
    if (/^false$/i.test(raw)) return false;
    throw new WorkshopError(m().errors.data.trackingNotBoolean({ shown: displayPath(file), row, column: name, raw }), {
      fix: fixText(file),
      file,
      row,
      column: name,
    });
  }
  return raw;
}

/** Read the tracking CSV; a missing file is an empty table. A corrupt file is an error naming file and row. */
export function readTracking(file: string): TrackingTable {
  if (!existsSync(file)) return { file, columns: ['model'], rows: [] };
  // 1. every cell as text; a ragged row or a repeated column name is refused.
  const { columns, rows: records } = readCsv(file, { fix: fixText(file) });
  if (columns.length === 0) return { file, columns: ['model'], rows: [] };
  if (!columns.includes('model')) {
    throw new WorkshopError(m().errors.data.trackingNoModelColumn({ shown: displayPath(file), found: columns.join(', ') }), {
      fix: fixText(file),
      file,
      column: 'model',
    });
  }

  // 2. convert by column type; model ids must be present and unique.
  const seen = new Map<string, number>();
  const rows = records.map((rec, i) => {
    const rowNumber = i + 2; // as a spreadsheet shows it: the header is row 1
    const row: TrackingRow = {};
    for (const col of columns) row[col] = convert(col, rec[col], file, rowNumber);
    const id = row.model;
    if (typeof id !== 'string' || !id)
      throw new WorkshopError(m().errors.data.trackingEmptyModel({ shown: displayPath(file), row: rowNumber }), {
        fix: fixText(file),
        file,
        row: rowNumber,
        column: 'model',
      });
    if (seen.has(id))
      throw new WorkshopError(
        m().errors.data.trackingModelTwice({ shown: displayPath(file), model: id, first: seen.get(id) ?? 0, second: rowNumber }),
        {
          fix: fixText(file),
          file,
          row: rowNumber,
          model: id,
        },
      );
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
  const text = formatCsv(columns, table.rows);
  writeFileAtomic(file, text, {
    what: 'the tracking CSV',
    setting: process.env.WORKSHOP_TRACKING_FILE ? 'WORKSHOP_TRACKING_FILE' : 'paths.tracking',
  });
}

/** Each row's model and the columns written by one step (for showing a step's results). */
export function stepColumns(table: TrackingTable, step: 1 | 2 | 3 | 4 | 5): TrackingRow[] {
  const names = TRACKING_COLUMNS.filter((c) => c.step === step && table.columns.includes(c.name)).map((c) => c.name);
  return table.rows.map((r) =>
    Object.fromEntries([['model', r.model], ...names.filter((n) => n !== 'model').map((n) => [n, r[n] ?? null])]),
  );
}
