import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { codeCell, markdownCell, newNotebook, readNotebook, writeNotebook, type Cell } from '../src/workshop/notebook';
import { runNotebook } from '../src/workshop/runner';

const DIST = path.resolve(__dirname, '..', 'dist');

function notebookIn(dir: string, name: string, cells: Cell[]): string {
  mkdirSync(path.join(dir, name), { recursive: true });
  const file = path.join(dir, name, `${name}.ipynb`);
  writeNotebook(file, newNotebook(cells));
  return file;
}

test('a notebook runs headless: stdout, rich display, last value, top-level await, imports from dist', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nb-'));
  const file = notebookIn(dir, 'ok', [
    markdownCell('# A fixture', 'm1'),
    codeCell(`import { estimateTokens } from '${DIST}/tokens';\nconst n: number = estimateTokens('Hello, world!');\nconsole.log('tokens', n);`, 'c1'),
    codeCell(`import { showTable } from '${DIST}/workshop/display';\nshowTable([{ a: 1, b: 'x' }], { title: 'T' });`, 'c2'),
    codeCell(`const later = await new Promise<string>((r) => setTimeout(() => r('awaited'), 20));\nlater`, 'c3'),
    codeCell(`import { Progress } from '${DIST}/latency/progress';\nconst p = new Progress({ label: 'demo', total: 1, everyMs: 0 });\np.tick(true);`, 'c4'),
  ]);
  const progress: string[] = [];
  const live: string[] = [];
  const out = path.join(dir, 'executed.ipynb');
  const result = await runNotebook(file, { outFile: out, onProgress: (p) => progress.push(`${p.done}/${p.total}:${p.id}:${p.ok}`), onCellProgress: (line) => live.push(line) });
  assert.equal(result.ok, true, result.error);
  assert.deepEqual(progress, ['1/4:c1:true', '2/4:c2:true', '3/4:c3:true', '4/4:c4:true']);
  assert.deepEqual(live, ['demo: 1/1 (100%) · errors 0 · done in 0s']); // live in the terminal…
  const nb = readNotebook(out);
  const [, c1, c2, c3] = nb.cells;
  assert.deepEqual([c1.execution_count, c2.execution_count, c3.execution_count], [1, 2, 3]);
  assert.deepEqual(c1.outputs, [{ output_type: 'stream', name: 'stdout', text: ['tokens 6\n'] }]);
  const display = c2.outputs![0] as { output_type: string; data: Record<string, string> };
  assert.equal(display.output_type, 'display_data');
  assert.match(display.data['text/html'], /<table>.*<td[^>]*>x<\/td>/);
  assert.match(display.data['text/plain'], /^T\na\s+b/);
  assert.match(JSON.stringify(c3.outputs), /awaited/);
  assert.match(JSON.stringify(nb.cells[4].outputs), /demo: 1\/1 \(100%\)/); // …and in the cell's output
  assert.deepEqual(readNotebook(file).cells[1].outputs, []); // the source notebook is untouched
});

test('a failing cell stops the run, names the cell, keeps outputs so far; TS errors too', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nb-'));
  const out = path.join(dir, 'executed.ipynb');
  const file = notebookIn(dir, 'bad', [
    codeCell("console.log('before');", 'first'),
    codeCell("throw new Error('dataset missing: data/x.csv');", 'boom'),
    codeCell("console.log('never');", 'after'),
  ]);
  const r = await runNotebook(file, { outFile: out });
  assert.equal(r.ok, false);
  assert.equal(r.failedCellId, 'boom');
  assert.match(r.error!, /dataset missing: data\/x\.csv/);
  const nb = readNotebook(out);
  assert.deepEqual(nb.cells[0].outputs, [{ output_type: 'stream', name: 'stdout', text: ['before\n'] }]);
  const err = nb.cells[1].outputs![0] as { output_type: string; evalue: string };
  assert.equal(err.output_type, 'error');
  assert.match(err.evalue, /dataset missing/);
  assert.deepEqual(nb.cells[2].outputs, []);

  const typed = notebookIn(dir, 'typed', [codeCell("const x: number = 'not a number';", 'ts')]);
  const t = await runNotebook(typed, { outFile: path.join(dir, 't.ipynb') });
  assert.equal(t.ok, false);
  assert.match(t.error!, /Type 'string' is not assignable to type 'number'/);
});

test('a leftover server does not hang the runner; a cell that runs too long is stopped', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nb-'));
  const server = notebookIn(dir, 'server', [codeCell("import http from 'node:http';\nhttp.createServer().listen(0, '127.0.0.1');\nconsole.log('listening');", 's')]);
  const r = await runNotebook(server, { outFile: path.join(dir, 's.ipynb') });
  assert.equal(r.ok, true, r.error);
  const slow = notebookIn(dir, 'slow', [codeCell('await new Promise((r) => setTimeout(r, 60_000));', 'slow')]);
  const s = await runNotebook(slow, { outFile: path.join(dir, 'slow.ipynb'), cellTimeoutMs: 3000 });
  assert.equal(s.ok, false);
  assert.match(s.error!, /a cell ran longer than 3 s and was stopped/);
});

test('npm run workshop: selection, "not built yet", exit codes', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'steps-'));
  notebookIn(dir, '01_hello', [codeCell("console.log('hello');", 'h')]);
  notebookIn(dir, '02_broken', [codeCell("throw new Error('broken on purpose');", 'b')]);
  const run = (args: string[], env: Record<string, string> = {}) =>
    promisify(execFile)(process.execPath, [path.join(DIST, 'bin', 'workshop.js'), ...args], {
      env: { ...process.env, WORKSHOP_NOTEBOOKS_DIR: dir, WORKSHOP_EXECUTED_DIR: path.join(dir, 'executed'), ...env },
    }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
  const one = await run(['01']);
  assert.equal(one.code, 0, one.out);
  assert.match(one.out, /\[01_hello\] cell 1\/1 \(h\) ✓/);
  assert.match(readFileSync(path.join(dir, 'executed', '01_hello.ipynb'), 'utf8'), /hello/);
  const all = await run([]);
  assert.equal(all.code, 1);
  assert.match(all.out, /✗ 02_broken failed at code cell b:\nError: broken on purpose/);
  const unknown = await run(['07']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.out, /Unknown step "07"/);
});
