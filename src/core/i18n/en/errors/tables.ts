/** Errors reading tables: CSV (`core/csv`) and Excel workbooks (`core/xlsx`) (English). */
export const tables = {
  csvText: 'the CSV text',
  csvDefaultFix: 'check the quoting around that row: fields with commas, quotes or line breaks must be in double quotes.',
  binary: (p: { where: string }) => `${p.where} contains binary data and is not a CSV.`,
  ragged: (p: { row: number; got: string; expected: string }) => `row ${p.row} has ${p.got} fields but the header has ${p.expected}`,
  unreadableRow: (p: { row: number; message: string }) => `row ${p.row} cannot be read as CSV (${p.message})`,
  at: (p: { where: string; problem: string }) => `${p.where}: ${p.problem}.`,
  headerNoName: (p: { where: string; column: number }) => `${p.where}: column ${p.column} of the header has no name.`,
  headerNoNameFix: 'give every column a name in the first row.',
  headerTwice: (p: { where: string; name: string; first: number; second: number }) =>
    `${p.where}: the header names "${p.name}" twice (columns ${p.first} and ${p.second}).`,
  headerTwiceFix: 'rename one of them so every column name is unique.',
  missingFile: (p: { shown: string }) => `${p.shown} does not exist.`,
  missingFileFix: 'check the path, or re-run the step that writes it.',
  rowsFix: 'correct the value, or re-run the step that writes this file.',
  missingColumns: (p: { shown: string; columns: string; count: number; found: string }) =>
    `${p.shown} has no ${p.columns} column${p.count > 1 ? 's' : ''} (found: ${p.found || 'none'}).`,
  badCell: (p: { shown: string; row: number; column: string; value: string; message: string }) =>
    `${p.shown}, row ${p.row}, column "${p.column}": ${p.value} — ${p.message}.`,
  xls: (p: { shown: string }) => `${p.shown} is an old binary Excel file (.xls), which cannot be read.`,
  xlsFix: 'open it in Excel (or LibreOffice) and save it as .xlsx or as "CSV UTF-8".',
  badWorkbook: (p: { shown: string; message: string }) => `${p.shown} could not be read as an Excel workbook (${p.message}).`,
  badWorkbookFix: 'check that it is an .xlsx file saved by Excel or LibreOffice, or save it as "CSV UTF-8".',
  noSheet: (p: { shown: string }) => `${p.shown} has no sheet.`,
  noSheetFix: 'add a sheet with a header row and one document per row.',
  sheetNotChosen: (p: { shown: string; count: number; names: string }) =>
    `${p.shown} has ${p.count} sheets (${p.names}) and no sheet was chosen.`,
  sheetNotChosenFix: (p: { setting: string }) => `set ${p.setting} to the name of the sheet that holds the documents.`,
  sheetNotFound: (p: { shown: string; sheet: string; setting: string; names: string }) =>
    `${p.shown} has no sheet named "${p.sheet}" (${p.setting}); its sheets are ${p.names}.`,
  sheetNotFoundFix: (p: { setting: string }) => `set ${p.setting} to one of these names.`,
  mergedHeader: (p: { shown: string; sheet: string; cell: string }) =>
    `${p.shown}, sheet "${p.sheet}", row 1: the header has merged cells (at ${p.cell}).`,
  mergedHeaderFix: 'unmerge the header cells so that each column has its own name.',
  unnamedColumn: (p: { shown: string; sheet: string; column: string }) =>
    `${p.shown}, sheet "${p.sheet}", row 1: column ${p.column} holds data but has no name.`,
  sheetHeaderTwice: (p: { shown: string; sheet: string; name: string; first: number; second: number }) =>
    `${p.shown}, sheet "${p.sheet}": the header names "${p.name}" twice (columns ${p.first} and ${p.second}).`,
};
