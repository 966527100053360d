import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { loadConfig } from '../src/core/config';
import { datasetFacts, loadDataset } from '../src/core/dataset';
import { estimateTokens } from '../src/core/tokens';
import { xlsxUnpackedBytes } from '../src/core/xlsx';

const COLS = { document: 'document', reference: 'referenceResponse' };
function file(name: string, content: string | Buffer): string {
  const f = path.join(mkdtempSync(path.join(tmpdir(), 'dataset-')), name);
  writeFileSync(f, content);
  return f;
}

test('a CSV loads with its mapped columns, quoting intact, everything as text', async () => {
  const f = file('docs.csv', 'document,referenceResponse,id\n"First doc, with comma.\n\nSecond paragraph.",Ref one,007\nDoc two,,1e5\n');
  const ds = await loadDataset({ path: f, columns: COLS });
  assert.equal(ds.rows.length, 2);
  assert.equal(ds.rows[0].document, 'First doc, with comma.\n\nSecond paragraph.');
  assert.equal(ds.rows[1].reference, null);
  assert.equal(ds.frame.getColumn('id').toArray()[0], '007');
  assert.match(ds.warnings[0], /1 row\(s\) have no reference/);
  const facts = datasetFacts(ds.rows);
  assert.equal(facts.rows, 2);
  assert.equal(facts.with_reference, 1);
});

test('JSON Lines works, and a bad line is named', async () => {
  const f = file('docs.jsonl', '{"text":"a doc","summary":"s","label":"billing"}\n\n{"text":"b doc","summary":"t","label":"billing"}\n');
  const ds = await loadDataset({ path: f, columns: { document: 'text', reference: 'summary', label: 'label' } });
  assert.deepEqual(
    ds.rows.map((r) => r.label),
    ['billing', 'billing'],
  );
  assert.match(ds.warnings.join(' '), /single class \(billing\)/);
  const bad = file('bad.jsonl', '{"text":"a"}\n{"text": nope}\n');
  await assert.rejects(() => loadDataset({ path: bad, columns: { document: 'text' } }), /bad\.jsonl, line 2 is not valid JSON/);
});

test('bad datasets give one clear message naming file, row or setting', async () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['empty.csv', '', /empty\.csv is empty/],
    ['header.csv', 'document,referenceResponse\n', /header but no rows/],
    [
      'cols.csv',
      'text,summary\na,b\n',
      /no column "document" \(dataset\.columns\.document\)\. Columns found: text, summary\. Fix: .*dataset\.columns\.document/,
    ],
    ['blank.csv', 'document,referenceResponse\nok,r\n  ,r\nok,r\n,r\n', /empty "document" cells at row\(s\) 3, 5/],
    ['ragged.csv', 'document,referenceResponse\na,b,c\n', /row 2 has 3 fields but the header has 2/],
    [
      'latin1.csv',
      Buffer.concat([Buffer.from('document,referenceResponse\nMigra'), Buffer.from([0xe7]), Buffer.from('ao,r\n')]),
      /latin1\.csv is not valid UTF-8: byte 0xe7 at line 2/,
    ],
    ['sheet.xlsx', 'PK', /sheet\.xlsx could not be read as an Excel workbook .*Fix: check that it is an \.xlsx file/],
    ['old.xls', 'x', /old\.xls is an old binary Excel file \(\.xls\).*Fix: open it in Excel \(or LibreOffice\) and save it as \.xlsx/],
  ];
  for (const [name, content, message] of cases) {
    const f = file(name, content);
    await assert.rejects(() => loadDataset({ path: f, columns: COLS }), message, name);
    assert.deepEqual(readFileSync(f), Buffer.from(content));
  }
  await assert.rejects(
    () => loadDataset({ path: '/nonexistent/docs.csv', columns: COLS }),
    /The dataset \/nonexistent\/docs\.csv does not exist \(set by dataset\.path in workshop\.config\.json\)\. Fix: check the path/,
  );
});

test('recorded source latencies must be numbers', async () => {
  const f = file('src.csv', 'document,answer,ms\na,x,120\nb,y,slow\n');
  await assert.rejects(
    () => loadDataset({ path: f, columns: { document: 'document', sourceResponse: 'answer', sourceLatencyMs: 'ms' } }),
    /non-numeric "ms" values at row\(s\) 3/,
  );
});

/** A workbook written with exceljs: sheets → rows (first row = header). */
async function workbook(name: string, sheets: Record<string, unknown[][]>, edit?: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) wb.addWorksheet(sheet).addRows(rows);
  edit?.(wb);
  const f = file(name, '');
  await wb.xlsx.writeFile(f);
  return f;
}

test('Excel (.xlsx): one sheet read as text, the same validation as CSV', async () => {
  const f = await workbook('tickets.xlsx', {
    Tickets: [
      ['message', 'category', 'id'],
      ['I was charged twice', 'billing', 7],
      ['App crashes on start', 'technical', 8],
    ],
  });
  const ds = await loadDataset({ path: f, columns: { document: 'message', label: 'category' } });
  assert.equal(ds.format, 'xlsx');
  assert.equal(ds.sheet, 'Tickets');
  assert.deepEqual(
    ds.rows.map((r) => [r.index, r.document, r.label]),
    [
      [1, 'I was charged twice', 'billing'],
      [2, 'App crashes on start', 'technical'],
    ],
  );
  assert.deepEqual(ds.columns, ['message', 'category', 'id']);
  await assert.rejects(
    () => loadDataset({ path: f, columns: { document: 'text' } }),
    /no column "text" \(dataset\.columns\.document\)\. Columns found: message, category, id/,
  );
});

test('Excel (.xlsx) bad input: several sheets, an unknown sheet, merged or repeated header cells', async () => {
  const two = await workbook('two.xlsx', { Notes: [['x'], ['y']], Data: [['document'], ['a doc']] });
  await assert.rejects(
    () => loadDataset({ path: two, columns: COLS }),
    /two\.xlsx has 2 sheets \("Notes", "Data"\) and no sheet was chosen\. Fix: set dataset\.sheet/,
  );
  assert.equal((await loadDataset({ path: two, sheet: 'Data', columns: { document: 'document' } })).rows[0].document, 'a doc');
  await assert.rejects(
    () => loadDataset({ path: two, sheet: 'Sheet1', columns: COLS }),
    /no sheet named "Sheet1" \(dataset\.sheet\); its sheets are "Notes", "Data"/,
  );
  const merged = await workbook(
    'merged.xlsx',
    {
      S: [
        ['document', ''],
        ['a', 'b'],
      ],
    },
    (wb) => wb.getWorksheet('S')!.mergeCells('A1:B1'),
  );
  await assert.rejects(
    () => loadDataset({ path: merged, columns: COLS }),
    /merged\.xlsx, sheet "S", row 1: the header has merged cells .*Fix: unmerge/,
  );
  const dup = await workbook('dup.xlsx', {
    S: [
      ['document', 'document'],
      ['a', 'b'],
    ],
  });
  await assert.rejects(() => loadDataset({ path: dup, columns: COLS }), /the header names "document" twice \(columns 1 and 2\)/);
});

test('classification datasets: an empty label cell, or a label the task does not offer, is refused naming the rows', async () => {
  const config = (csv: string) =>
    loadConfig({ file: 'workshop.classification.config.json', env: { WORKSHOP_DATASET: file('t.csv', csv) } });
  await assert.rejects(
    () => loadDataset(config('document,label\nI was charged twice,billing\nApp crashes,\n')),
    /empty "label" \(label\) cells at row\(s\) 3: a classification task needs the true label of every row\. Fix: fill them in/,
  );
  await assert.rejects(
    () => loadDataset(config('document,label\nI was charged twice,billing\nWhere is my refund,refunds\nLost parcel,Shipping.\n')),
    /labels that are not among the task's labels \(billing, technical, account, shipping, other\): "refunds" at row\(s\) 3\. Fix: correct those cells, or add the labels to "labels" in data\/tasks\/ticket_classification\.json/,
  );
  assert.equal((await loadDataset(config('document,label\nI was charged twice,Billing.\n'))).rows[0].label, 'Billing.');
});

test('a device, a pipe or a folder given as the dataset is refused before any read, naming what it is and the fix', async () => {
  // /dev/zero never ends: read whole, it grew the kernel to gigabytes. It is refused from its stat.
  await assert.rejects(
    () => loadDataset({ path: '/dev/zero', columns: COLS }),
    /The dataset \/dev\/zero \(set by dataset\.path in workshop\.config\.json\) is a character device \(such as \/dev\/zero.*\), not a regular file: it could be endless, so it is not read\. Fix: save the data to a \.csv, \.jsonl or \.xlsx file and point dataset\.path at it\./,
  );
  const config = loadConfig({ env: { WORKSHOP_DATASET: '/dev/zero' } });
  await assert.rejects(
    () => loadDataset(config),
    /set by the environment variable WORKSHOP_DATASET\) is a character device.*Fix: .*point the environment variable WORKSHOP_DATASET at it/,
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'dataset-'));
  await assert.rejects(
    () => loadDataset({ path: dir, columns: COLS }),
    /Cannot read the dataset .* \(dataset\.path\): it is a folder, not a file \(EISDIR\)\. Fix: give the path of a file inside that folder/,
  );
  const fifo = path.join(dir, 'docs.csv');
  try {
    execFileSync('mkfifo', [fifo]);
  } catch {
    return; // no mkfifo on this system: the device case above covers the rule.
  }
  // A named pipe with no writer would block a plain read forever.
  await assert.rejects(() => loadDataset({ path: fifo, columns: COLS }), /docs\.csv .* is a named pipe \(FIFO\), not a regular file/);
});

test('a dataset over dataset.maxMegabytes is refused before it is read (an .xlsx by its unpacked size)', async () => {
  const rows = Array.from({ length: 2000 }, (_, i) => `Document number ${i + 1} about a late parcel,Reference ${i + 1}`);
  const f = file('big.csv', `document,referenceResponse\n${rows.join('\n')}\n`);
  assert.equal((await loadDataset({ path: f, columns: COLS, maxMegabytes: 1 })).rows.length, 2000);
  await assert.rejects(
    () => loadDataset({ path: f, columns: COLS, maxMegabytes: 0.05 }),
    /The dataset .*big\.csv is 0\.1 MB, over the limit of 0\.05 MB \(dataset\.maxMegabytes\)\. Fix: raise dataset\.maxMegabytes in workshop\.config\.json .* or use a sample of the rows/,
  );
  const xlsx = await workbook('big.xlsx', {
    Data: [['document'], ...Array.from({ length: 2000 }, (_, i) => [`Document number ${i + 1}, a late parcel`])],
  });
  assert.ok(xlsxUnpackedBytes(xlsx)! > 3 * statSync(xlsx).size, 'an .xlsx unpacks to several times its size');
  const limit = (statSync(xlsx).size * 2) / 1024 ** 2;
  await assert.rejects(
    () => loadDataset({ path: xlsx, columns: { document: 'document' }, maxMegabytes: limit }),
    /big\.xlsx unpacks to .* MB of spreadsheet data \(an \.xlsx is a compressed archive\), over the limit of .* MB \(dataset\.maxMegabytes\)/,
  );
  assert.equal(xlsxUnpackedBytes(f), null, 'a file that is not a ZIP archive has no unpacked size');
});

test('200,000 rows load, and step 1 facts come out without spreading an array into a call', async () => {
  const n = 200_000;
  const lines = new Array<string>(n);
  for (let i = 0; i < n; i++)
    lines[i] = `"Parcel ${i + 1} arrived ${i % 7} days late${i % 2 ? ', box damaged' : ''}.",Late parcel ${i + 1}.`;
  const f = file('many.csv', `document,referenceResponse\n${lines.join('\n')}\n`);
  const ds = await loadDataset({ path: f, columns: COLS });
  assert.equal(ds.rows.length, n);
  assert.equal(ds.rows[n - 1].document, `Parcel ${n} arrived ${(n - 1) % 7} days late, box damaged.`);
  const facts = datasetFacts(ds.rows);
  assert.equal(facts.rows, n);
  assert.equal(facts.with_reference, n);
  assert.equal(facts.document_tokens_min, estimateTokens('Parcel 1 arrived 0 days late.'));
  assert.ok(facts.document_tokens_max >= estimateTokens(`Parcel ${n} arrived 6 days late, box damaged.`));
});
