import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { datasetFacts, loadDataset } from '../src/core/dataset';

const COLS = { document: 'document', reference: 'referenceResponse' };
function file(name: string, content: string | Buffer): string {
  const f = path.join(mkdtempSync(path.join(tmpdir(), 'dataset-')), name);
  writeFileSync(f, content);
  return f;
}

test('a CSV loads with its mapped columns, quoting intact, everything as text', () => {
  const f = file('docs.csv', 'document,referenceResponse,id\n"First doc, with comma.\n\nSecond paragraph.",Ref one,007\nDoc two,,1e5\n');
  const ds = loadDataset({ path: f, columns: COLS });
  assert.equal(ds.rows.length, 2);
  assert.equal(ds.rows[0].document, 'First doc, with comma.\n\nSecond paragraph.');
  assert.equal(ds.rows[1].reference, null);
  assert.equal(ds.frame.getColumn('id').toArray()[0], '007');
  assert.match(ds.warnings[0], /1 row\(s\) have no reference/);
  const facts = datasetFacts(ds.rows);
  assert.equal(facts.rows, 2);
  assert.equal(facts.with_reference, 1);
});

test('JSON Lines works, and a bad line is named', () => {
  const f = file('docs.jsonl', '{"text":"a doc","summary":"s","label":"billing"}\n\n{"text":"b doc","summary":"t","label":"billing"}\n');
  const ds = loadDataset({ path: f, columns: { document: 'text', reference: 'summary', label: 'label' } });
  assert.deepEqual(ds.rows.map((r) => r.label), ['billing', 'billing']);
  assert.match(ds.warnings.join(' '), /single class \(billing\)/);
  const bad = file('bad.jsonl', '{"text":"a"}\n{"text": nope}\n');
  assert.throws(() => loadDataset({ path: bad, columns: { document: 'text' } }), /bad\.jsonl, line 2 is not valid JSON/);
});

test('bad datasets give one clear message naming file, row or setting', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['empty.csv', '', /empty\.csv is empty/],
    ['header.csv', 'document,referenceResponse\n', /header but no rows/],
    ['cols.csv', 'text,summary\na,b\n', /no column "document" \(dataset\.columns\.document\)\. Columns found: text, summary\. Fix: .*dataset\.columns\.document/],
    ['blank.csv', 'document,referenceResponse\nok,r\n  ,r\nok,r\n,r\n', /empty "document" cells at row\(s\) 3, 5/],
    ['ragged.csv', 'document,referenceResponse\na,b,c\n', /row 2 has 3 fields but the header has 2/],
    ['latin1.csv', Buffer.concat([Buffer.from('document,referenceResponse\nMigra'), Buffer.from([0xe7]), Buffer.from('ao,r\n')]), /latin1\.csv is not valid UTF-8: byte 0xe7 at line 2/],
    ['sheet.xlsx', 'PK', /Excel files are not supported yet.*CSV UTF-8/],
  ];
  for (const [name, content, message] of cases) {
    const f = file(name, content);
    assert.throws(() => loadDataset({ path: f, columns: COLS }), message, name);
    assert.deepEqual(readFileSync(f), Buffer.from(content));
  }
  assert.throws(() => loadDataset({ path: '/nonexistent/docs.csv', columns: COLS }), /The dataset \/nonexistent\/docs\.csv does not exist \(set by dataset\.path in workshop\.config\.json\)\. Fix: check the path/);
});

test('recorded source latencies must be numbers', () => {
  const f = file('src.csv', 'document,answer,ms\na,x,120\nb,y,slow\n');
  assert.throws(() => loadDataset({ path: f, columns: { document: 'document', sourceResponse: 'answer', sourceLatencyMs: 'ms' } }), /non-numeric "ms" values at row\(s\) 3/);
});
