import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { formatCsv, parseCsv, readCsv, readCsvRows, writeCsv } from '../src/core/csv';
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
