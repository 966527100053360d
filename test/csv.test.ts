import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { csvField, formatCsv, fromSpreadsheetSafe, parseCsv, readCsv, readCsvRows, spreadsheetSafe, writeCsv } from '../src/core/csv';
import { WorkshopError } from '../src/core/errors';

test('all-text rows: quoted commas, quotes and line breaks, empty cells as null, ids never type-guessed', () => {
  const t = parseCsv('\uFEFFmodel,text,n\n1e5,"a, ""b""\nc",\n007,x,3\n');
  assert.deepEqual(t.columns, ['model', 'text', 'n']);
  assert.deepEqual(t.rows, [
    { model: '1e5', text: 'a, "b"\nc', n: null },
    { model: '007', text: 'x', n: '3' },
  ]);
});

test('write then read gives back the same rows; the header is written even with no rows', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'csv-'));
  const file = path.join(dir, 'x.csv');
  const rows = [
    { a: 'x,y', b: 1.5, c: true },
    { a: 'line\nbreak', b: null, c: false },
  ];
  writeCsv(file, ['a', 'b', 'c'], rows);
  assert.deepEqual(readCsv(file).rows, [
    { a: 'x,y', b: '1.5', c: 'true' },
    { a: 'line\nbreak', b: null, c: 'false' },
  ]);
  assert.equal(formatCsv(['a', 'b'], []), 'a,b\n');
});

test('bad input: a ragged row, a repeated or empty header name, binary data — each names the file, row and fix', () => {
  const ragged = () => parseCsv('a,b\n1,2\n3\n', { file: '/tmp/d.csv' });
  assert.throws(
    ragged,
    (e: unknown) =>
      e instanceof WorkshopError &&
      /d\.csv: row 3 has 1 fields but the header has 2\./.test(e.message) &&
      /Fix: check the quoting/.test(e.message) &&
      e.context.row === 3,
  );
  assert.throws(() => parseCsv('text,label,text\n1,2,3\n'), /names "text" twice \(columns 1 and 3\)\. Fix: rename one/);
  assert.throws(() => parseCsv('a,,b\n1,2,3\n'), /column 2 of the header has no name/);
  assert.throws(() => parseCsv('a\n\u0000\n'), /binary data/);
  assert.throws(() => readCsv('/nonexistent/x.csv'), /does not exist\. Fix:/);
  assert.deepEqual(readCsv('/nonexistent/x.csv', { missingOk: true }), { columns: [], rows: [] });
});

test('readCsvRows validates and converts each row, naming row and column of a bad value', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'csv-'));
  const file = path.join(dir, 'r.csv');
  writeFileSync(file, 'id,ms\na,12\nb,oops\n');
  const schema = z.object({ id: z.string(), ms: z.coerce.number().refine(Number.isFinite, 'not a number') });
  assert.throws(
    () => readCsvRows(file, schema),
    (e: unknown) => e instanceof WorkshopError && /r\.csv, row 3, column "ms": "oops"/.test(e.message) && e.context.column === 'ms',
  );
  writeFileSync(file, 'id,ms\na,12\n');
  assert.deepEqual(readCsvRows(file, schema).rows, [{ id: 'a', ms: 12 }]);
  assert.throws(() => readCsvRows(file, schema, { required: ['id', 'status'] }), /has no "status" column/);
  assert.ok(readFileSync(file, 'utf8').startsWith('id,ms'));
});

test('writeCsv writes a large table a few rows at a time, byte-identical to formatCsv; parseCsv reads the same rows from bytes', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'csv-')), 'big.csv');
  const columns = ['id', 'document', 'score'];
  const rows = Array.from({ length: 20_000 }, (_, i) => ({
    id: `00${i}`,
    document: i % 3 ? `Parcel ${i}, "late" –\nbox ${'damaged '.repeat(i % 40)}` : '',
    score: i % 5 ? i / 7 : null,
  }));
  writeCsv(file, columns, rows);
  const bytes = readFileSync(file);
  assert.equal(bytes.toString('utf8'), formatCsv(columns, rows));
  assert.deepEqual(parseCsv(bytes), parseCsv(bytes.toString('utf8')));
  assert.throws(() => parseCsv(Buffer.from('a,b\n1,\u0000\n'), { file }), /big\.csv contains binary data and is not a CSV/);
});

// Spreadsheet-safe cells (OWASP "CSV Injection"): what a spreadsheet would run is written as text,
// and the library's readers get the original text back exactly.
const DANGEROUS = ['=', '+', '-', '@', '\t', '\r'];

test('a cell a spreadsheet would run as a formula is written with one apostrophe more; plain numbers stay numbers', () => {
  assert.equal(spreadsheetSafe('=HYPERLINK("http://x","y")'), '\'=HYPERLINK("http://x","y")');
  for (const d of DANGEROUS) assert.equal(spreadsheetSafe(`${d}cmd|' /C calc'!A0`), `'${d}cmd|' /C calc'!A0`);
  assert.equal(spreadsheetSafe("'=1"), "''=1");
  assert.equal(spreadsheetSafe("'quoted"), "'quoted");
  for (const n of ['-0.5', '-12', '-1.5e-7', '-.5', '-3.', '0', '42', '1e5']) assert.equal(spreadsheetSafe(n), n, n);
  for (const notNumber of ['-1+2', '-0.5 ', '+5', '-Infinity', '-', '--1', '-1,5'])
    assert.equal(spreadsheetSafe(notNumber), `'${notNumber}`, notNumber);
  // What a spreadsheet sees: no raw cell of the file starts with a formula character, except a plain number.
  const text = formatCsv(
    ['=h', 'ok', 'diff'],
    [
      { '=h': '@SUM(A1:A9)', ok: '+33 1 23 45 67', diff: -0.05 },
      { '=h': '\t=1+1', ok: '\r-1', diff: '-2' },
    ],
  );
  const raw = parse(text, { relax_quotes: false }) as string[][];
  for (const cell of raw.flat()) assert.ok(!/^[=+\-@\t\r]/.test(cell) || /^-\d/.test(cell), JSON.stringify(cell));
  assert.deepEqual(parseCsv(text).columns, ['=h', 'ok', 'diff']);
  assert.deepEqual(parseCsv(text).rows, [
    { '=h': '@SUM(A1:A9)', ok: '+33 1 23 45 67', diff: '-0.05' },
    { '=h': '\t=1+1', ok: '\r-1', diff: '-2' },
  ]);
});

test('property: any text, with or without a dangerous start or apostrophes, round-trips exactly through writeCsv and readCsv', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'csv-prop-'));
  const file = path.join(dir, 'p.csv');
  // Text of any Unicode, biased towards the characters that matter: formula starts, apostrophes, quotes, separators, line breaks.
  const tricky = fc.constantFrom(...DANGEROUS, "'", '"', ',', ';', '\n', '\r\n', ' ', '0', '.', 'e', '1', '\uFEFF', '|', '!');
  const piece = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: tricky }), fc.string({ unit: 'binary' }));
  const cellText = fc
    .tuple(fc.array(fc.constantFrom("'", ...DANGEROUS), { maxLength: 3 }), piece)
    .map(([start, rest]) => start.join('') + rest)
    .filter((s) => !s.includes('\u0000')); // NUL marks a binary file: the reader refuses it, by design
  const cell = fc.oneof(cellText, fc.double({ noNaN: true }), fc.integer(), fc.constant(null));
  fc.assert(
    fc.property(fc.array(fc.tuple(cell, cell), { maxLength: 5 }), (pairs) => {
      const rows = pairs.map(([a, b]) => ({ a, b }));
      writeCsv(file, ['a', 'b'], rows);
      const back = readCsv(file).rows;
      assert.equal(back.length, rows.length);
      rows.forEach((r, i) => {
        for (const c of ['a', 'b'] as const) {
          const want = r[c] === null || r[c] === '' ? null : String(r[c]);
          assert.equal(back[i][c], want, JSON.stringify(r[c]));
        }
      });
    }),
    { numRuns: 400 },
  );
});

test('property: formatCsv writes the bytes csv-stringify writes for the same spreadsheet-safe cells, for any table', () => {
  // The oracle: the well-kept library, with the options this library used before writing cells itself (issue #25).
  const oracle = (columns: string[], rows: Record<string, unknown>[]) =>
    stringify(
      [
        columns.map((c) => spreadsheetSafe(c)),
        ...rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : spreadsheetSafe(String(r[c]))))),
      ],
      { record_delimiter: '\n' },
    );
  const tricky = fc.constantFrom(...DANGEROUS, "'", '"', '""', ',', ';', '\n', '\r', '\r\n', ' ', '\t', 'x', '\u2028', '\uFEFF', 'é');
  const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: tricky }), fc.string({ unit: 'binary' }));
  const cell = fc.oneof(text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
  fc.assert(
    fc.property(fc.uniqueArray(text, { maxLength: 4 }), fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 6 }), (columns, cells) => {
      const rows = cells.map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i]])));
      assert.equal(formatCsv(columns, rows), oracle(columns, rows));
    }),
    { numRuns: 1000 },
  );
  // The three cases, by hand: a comma, a quote and a line feed are quoted; a lone carriage return is not (csv-stringify's rule with '\n' records).
  assert.deepEqual(['1,200', 'say "hi"', 'a\nb', 'a\rb', 'plain'].map(csvField), ['"1,200"', '"say ""hi"""', '"a\nb"', 'a\rb', 'plain']);
});

test('property: spreadsheetSafe is undone by fromSpreadsheetSafe, and its result never starts a formula unless it is a plain number', () => {
  fc.assert(
    fc.property(
      fc.tuple(fc.array(fc.constantFrom("'", ...DANGEROUS), { maxLength: 4 }), fc.string({ unit: 'grapheme' })),
      ([start, rest]) => {
        const text = start.join('') + rest;
        const safe = spreadsheetSafe(text);
        assert.equal(fromSpreadsheetSafe(safe), text);
        assert.ok(!/^[=+\-@\t\r]/.test(safe) || /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(safe), JSON.stringify(safe));
      },
    ),
    { numRuns: 2000 },
  );
});
