/**
 * Excel workbooks (`.xlsx`) as all-text tables, read with the `exceljs` library — the same
 * shape as `csv.ts` gives, so a dataset can come from a spreadsheet as it is (the seed
 * workshop read validation labels "from CSV or Excel").
 *
 * One sheet is read: the one named by `sheet`, or the only one. The first row is the
 * header. Every cell is read as text as the spreadsheet shows it (a formula as its cached
 * result, a date as ISO text, rich text joined); an empty cell is null. Rows are numbered as
 * Excel numbers them, the header being row 1.
 *
 * Refused, with the fix: several sheets and none chosen (the names are listed), a sheet name
 * that does not exist, merged cells in the header, an empty or repeated header name, and the
 * old binary `.xls` format (exceljs reads `.xlsx` only).
 */
import type ExcelJS from 'exceljs';
import { statSync } from 'node:fs';
import { readRange } from './files';
import { WorkshopError } from './errors';
import { m } from './i18n/messages';
import { fileError } from './files';
import type { CsvTable } from './csv';
import { displayPath } from './paths';

function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return value.result === undefined || value.result === null ? null : cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return JSON.stringify(value);
  }
  const text = String(value);
  return text === '' ? null : text;
}

/**
 * The bytes an .xlsx workbook unpacks to: an .xlsx is a ZIP archive, often ten times smaller
 * than the sheets it holds, so its file size says little about the memory reading it takes.
 * Summed from the archive's central directory (the sizes its entries declare,
 * https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT §4.3.12, §4.3.16, §4.5.3);
 * `null` when the file is not a ZIP archive (the reader then says what is wrong). An archive
 * that needs ZIP64's 64-bit directory (over 65,535 entries or 4 GB) counts as `Infinity`.
 *
 * @example
 * xlsxUnpackedBytes('tickets.xlsx') // → 23948693: 100,000 short rows, a 1.7 MB file unpacking to 14 times that
 */
export function xlsxUnpackedBytes(file: string): number | null {
  const size = statSync(file).size;
  // 1. the end-of-central-directory record: the last "PK\x05\x06" in the final 22 + 65,535 bytes.
  const tailStart = Math.max(0, size - 22 - 0xffff);
  const tail = readRange(file, tailStart, size - tailStart);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > tail.length) return null;
  const entries = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (entries === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) return Infinity;
  // 2. the central directory: each entry's uncompressed size (from its ZIP64 extra field when the 32-bit one is full).
  const dir = readRange(file, dirOffset, dirSize);
  let total = 0;
  let at = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== 0x02014b50) return null;
    let unpacked = dir.readUInt32LE(at + 24);
    const nameLength = dir.readUInt16LE(at + 28);
    const extraLength = dir.readUInt16LE(at + 30);
    const commentLength = dir.readUInt16LE(at + 32);
    if (unpacked === 0xffffffff) {
      const extra = dir.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
      unpacked = Infinity;
      for (let e = 0; e + 4 <= extra.length; e += 4 + extra.readUInt16LE(e + 2))
        if (extra.readUInt16LE(e) === 0x0001 && e + 12 <= extra.length) unpacked = Number(extra.readBigUInt64LE(e + 4));
    }
    total += unpacked;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return total;
}

/** Read one sheet of an .xlsx workbook as an all-text table. */
export async function readXlsx(
  file: string,
  { sheet, setting = 'dataset.sheet' }: { sheet?: string | null; setting?: string } = {},
): Promise<CsvTable & { sheet: string }> {
  const shown = displayPath(file);
  if (/\.xls$/i.test(file))
    throw new WorkshopError(m().errors.tables.xls({ shown }), {
      fix: m().errors.tables.xlsFix,
      file,
    });
  // exceljs (about 27 MB of memory once loaded) is loaded only when a workbook is read.
  const { Workbook } = require('exceljs') as typeof ExcelJS;
  const workbook = new Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (err) {
    // A file-system error (a folder, permissions…) says what it is and its fix; anything else is a broken workbook.
    if ((err as NodeJS.ErrnoException).code) throw fileError(err, 'read', file, { what: 'the workbook' });
    throw new WorkshopError(m().errors.tables.badWorkbook({ shown, message: (err as Error).message }), {
      fix: m().errors.tables.badWorkbookFix,
      file,
      cause: err,
    });
  }
  // 1. The sheet: the named one, or the only one.
  const msg = m().errors.tables;
  const names = workbook.worksheets.map((w) => w.name);
  if (names.length === 0) throw new WorkshopError(msg.noSheet({ shown }), { fix: msg.noSheetFix, file });
  if (!sheet && names.length > 1) {
    throw new WorkshopError(msg.sheetNotChosen({ shown, count: names.length, names: names.map((n) => `"${n}"`).join(', ') }), {
      fix: msg.sheetNotChosenFix({ setting }),
      file,
      key: setting,
    });
  }
  const ws = sheet ? workbook.getWorksheet(sheet) : workbook.worksheets[0];
  if (!ws)
    throw new WorkshopError(msg.sheetNotFound({ shown, sheet: String(sheet), setting, names: names.map((n) => `"${n}"`).join(', ') }), {
      fix: msg.sheetNotFoundFix({ setting }),
      file,
      key: setting,
    });

  // 2. The header: row 1, no merged cell, every name present and unique.
  const header = ws.getRow(1);
  const columns: string[] = [];
  for (let c = 1; c <= ws.columnCount; c++) {
    const cell = header.getCell(c);
    if (cell.isMerged)
      throw new WorkshopError(msg.mergedHeader({ shown, sheet: ws.name, cell: cell.address }), {
        fix: msg.mergedHeaderFix,
        file,
        row: 1,
      });
    const name = (cellText(cell.value) ?? '').trim();
    if (!name) {
      // Trailing empty header cells with no data below them are ignored.
      const hasData = ws.getColumn(c).values.some((v, i) => i > 1 && cellText(v as ExcelJS.CellValue) !== null);
      if (!hasData) continue;
      throw new WorkshopError(msg.unnamedColumn({ shown, sheet: ws.name, column: cell.address.replace(/\d+$/, '') }), {
        fix: msg.headerNoNameFix,
        file,
        row: 1,
      });
    }
    const first = columns.indexOf(name);
    if (first >= 0)
      throw new WorkshopError(msg.sheetHeaderTwice({ shown, sheet: ws.name, name, first: first + 1, second: c }), {
        fix: msg.headerTwiceFix,
        file,
        row: 1,
        column: name,
      });
    columns.push(name);
  }

  // 3. The rows (empty rows skipped), every cell as text.
  const rows: CsvTable['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const record = Object.fromEntries(columns.map((name, i) => [name, cellText(row.getCell(i + 1).value)]));
    if (Object.values(record).some((v) => v !== null)) rows.push(record);
  });
  return { columns, rows, sheet: ws.name };
}
