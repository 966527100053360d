import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { keepModels, readTracking, upsertModelRow, writeTracking } from '../src/core/tracking';
import { TRACKING_COLUMNS, trackingColumnsMarkdown } from '../src/core/tracking-columns';

const tmpFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'tracking-')), 'evaluation_tracking.csv');

test('a missing file is an empty table; rows round-trip with types, commas, quotes and newlines', () => {
  const file = tmpFile();
  const table = readTracking(file);
  assert.deepEqual(table.rows, []);
  upsertModelRow(table, 'amazon.nova-lite-v1:0', {
    role: 'candidate',
    latency_median_ms: 812.5,
    pareto_optimal: true,
    setup_message: 'ok, "fast"\nsecond line',
  });
  upsertModelRow(table, 'anthropic.claude-3-sonnet-20240229-v1:0', { role: 'source', my_note: '1e5' });
  writeTracking(table);
  const back = readTracking(file);
  assert.deepEqual(back.rows[0], {
    model: 'amazon.nova-lite-v1:0',
    role: 'candidate',
    setup_message: 'ok, "fast"\nsecond line',
    latency_median_ms: 812.5,
    pareto_optimal: true,
    my_note: null,
  });
  assert.equal(back.rows[1].my_note, '1e5'); // user columns stay text
  assert.equal(back.rows[1].latency_median_ms, null);
  assert.deepEqual(back.columns, ['model', 'role', 'setup_message', 'latency_median_ms', 'pareto_optimal', 'my_note']);
});

test('upsert updates in place and keeps registry column order', () => {
  const table = readTracking(tmpFile());
  upsertModelRow(table, 'm', { latency_p90_ms: 3 });
  upsertModelRow(table, 'm', { role: 'candidate', latency_p90_ms: 4 });
  assert.equal(table.rows.length, 1);
  assert.equal(table.rows[0].latency_p90_ms, 4);
  assert.deepEqual(table.columns, ['model', 'role', 'latency_p90_ms']);
  assert.deepEqual(keepModels(table, []), ['m']);
  assert.equal(table.rows.length, 0);
});

test('corrupt files give one message naming file and row, and are left untouched', () => {
  const cases: [string, RegExp][] = [
    ['model,role\na,source\nb,candidate,extra\n', /row 3 has 3 fields but the header has 2/],
    ['name,role\na,source\n', /no "model" column \(found: name, role\)/],
    ['model,role\na,source\na,candidate\n', /model "a" appears twice \(rows 2 and 3\)/],
    ['model,latency_median_ms\na,fast\n', /row 2, column "latency_median_ms": "fast" is not a number/],
    ['model,role\n,source\n', /row 2: the "model" cell is empty/],
    ['model\u0000\u0001garbage', /contains binary data/],
  ];
  for (const [content, message] of cases) {
    const file = tmpFile();
    writeFileSync(file, content);
    assert.throws(
      () => readTracking(file),
      (err: Error) =>
        message.test(err.message) && /evaluation_tracking\.csv/.test(err.message) && /notebook 01 recreates it/.test(err.message),
    );
    assert.equal(readFileSync(file, 'utf8'), content);
  }
});

test('every documented column is in the README and docs', () => {
  const names = TRACKING_COLUMNS.map((c) => c.name);
  assert.equal(new Set(names).size, names.length);
  const doc = readFileSync(path.resolve(__dirname, '..', 'docs', 'tracking-columns.md'), 'utf8');
  assert.ok(
    doc.includes(trackingColumnsMarkdown()),
    'docs/tracking-columns.md is out of date: regenerate it with trackingColumnsMarkdown()',
  );
  const readme = readFileSync(path.resolve(__dirname, '..', 'README.md'), 'utf8');
  for (const n of names) assert.ok(readme.includes(`\`${n}\``), `README does not document ${n}`);
});
