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
import ExcelJS from 'exceljs';
import { WorkshopError } from './errors';
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

/** Read one sheet of an .xlsx workbook as an all-text table. */
export async function readXlsx(
  file: string,
  { sheet, setting = 'dataset.sheet' }: { sheet?: string | null; setting?: string } = {},
): Promise<CsvTable & { sheet: string }> {
  const shown = displayPath(file);
  if (/\.xls$/i.test(file))
    throw new WorkshopError(`${shown} is an old binary Excel file (.xls), which cannot be read.`, {
      fix: 'open it in Excel (or LibreOffice) and save it as .xlsx or as "CSV UTF-8".',
      file,
    });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (err) {
    // A file-system error (a folder, permissions…) says what it is and its fix; anything else is a broken workbook.
    if ((err as NodeJS.ErrnoException).code) throw fileError(err, 'read', file, { what: 'the workbook' });
    throw new WorkshopError(`${shown} could not be read as an Excel workbook (${(err as Error).message}).`, {
      fix: 'check that it is an .xlsx file saved by Excel or LibreOffice, or save it as "CSV UTF-8".',
      file,
      cause: err,
    });
  }
  // 1. The sheet: the named one, or the only one.
  const names = workbook.worksheets.map((w) => w.name);
  if (names.length === 0)
    throw new WorkshopError(`${shown} has no sheet.`, { fix: 'add a sheet with a header row and one document per row.', file });
  if (!sheet && names.length > 1) {
    throw new WorkshopError(`${shown} has ${names.length} sheets (${names.map((n) => `"${n}"`).join(', ')}) and no sheet was chosen.`, {
      fix: `set ${setting} to the name of the sheet that holds the documents.`,
      file,
      key: setting,
    });
  }
  const ws = sheet ? workbook.getWorksheet(sheet) : workbook.worksheets[0];
  if (!ws)
    throw new WorkshopError(
      `${shown} has no sheet named "${sheet}" (${setting}); its sheets are ${names.map((n) => `"${n}"`).join(', ')}.`,
      { fix: `set ${setting} to one of these names.`, file, key: setting },
    );

  // 2. The header: row 1, no merged cell, every name present and unique.
  const header = ws.getRow(1);
  const columns: string[] = [];
  for (let c = 1; c <= ws.columnCount; c++) {
    const cell = header.getCell(c);
    if (cell.isMerged)
      throw new WorkshopError(`${shown}, sheet "${ws.name}", row 1: the header has merged cells (at ${cell.address}).`, {
        fix: 'unmerge the header cells so that each column has its own name.',
        file,
        row: 1,
      });
    const name = (cellText(cell.value) ?? '').trim();
    if (!name) {
      // Trailing empty header cells with no data below them are ignored.
      const hasData = ws.getColumn(c).values.some((v, i) => i > 1 && cellText(v as ExcelJS.CellValue) !== null);
      if (!hasData) continue;
      throw new WorkshopError(
        `${shown}, sheet "${ws.name}", row 1: column ${cell.address.replace(/\d+$/, '')} holds data but has no name.`,
        { fix: 'give every column a name in the first row.', file, row: 1 },
      );
    }
    const first = columns.indexOf(name);
    if (first >= 0)
      throw new WorkshopError(`${shown}, sheet "${ws.name}": the header names "${name}" twice (columns ${first + 1} and ${c}).`, {
        fix: 'rename one of them so every column name is unique.',
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
