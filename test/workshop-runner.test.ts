import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { codeCell, mimeText, newNotebook, readNotebook, writeNotebook, type Cell, type Output } from '../src/workshop/notebook';
import { defaultOutFile, runNotebook } from '../src/workshop/runner';

// The runner executes the compiled library (dist/): `npm test` builds it first.
const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const FIXTURES = path.join(__dirname, 'fixtures', 'notebooks');
const fixture = (name: string) => path.join(FIXTURES, name, `${name}.ipynb`);
const scratch = () => mkdtempSync(path.join(tmpdir(), 'nb-run-'));

function notebookIn(dir: string, name: string, cells: Cell[]): string {
  mkdirSync(path.join(dir, name), { recursive: true });
  const file = path.join(dir, name, `${name}.ipynb`);
  writeNotebook(file, newNotebook(cells));
  return file;
}

test('a notebook runs headless: stdout, stderr, rich display, last value, top-level await, imports from dist', async () => {
  const out = path.join(scratch(), 'executed.ipynb');
  const before = readFileSync(fixture('nb_ok'), 'utf8');
  const progress: string[] = [];
  const result = await runNotebook(fixture('nb_ok'), {
    outFile: out,
    onProgress: (p) => progress.push(`${p.done}/${p.total}:${p.index}:${p.id}:${p.ok}`),
  });
  assert.equal(result.ok, true, result.message);
  assert.equal(result.cells, 5);
  assert.deepEqual(progress, ['1/5:1:tokens:true', '2/5:2:table:true', '3/5:3:await:true', '4/5:4:streams:true', '5/5:5:notices:true']);

  const nb = readNotebook(out);
  const [intro, tokens, table, awaited, streams, notices] = nb.cells;
  assert.equal(intro.cell_type, 'markdown');
  assert.equal(intro.outputs, undefined);
  assert.deepEqual(
    [tokens, table, awaited, streams, notices].map((c) => c.execution_count),
    [1, 2, 3, 4, 5],
  );
  // 'Hello, world!' is 13 characters: ceil(13 / 4) + 2 = 6 estimated tokens.
  assert.deepEqual(tokens.outputs, [{ output_type: 'stream', name: 'stdout', text: ['tokens 6\n'] }]);
  const display = table.outputs![0] as Extract<Output, { output_type: 'display_data' }>;
  assert.equal(display.output_type, 'display_data');
  assert.match(
    mimeText(display.data, 'text/html'),
    /<p><b>Models<\/b><\/p><div style="overflow-x:auto"><table>.*<td[^>]*>b<\/td><td[^>]*>2<\/td>/,
  );
  assert.deepEqual(display.data['text/plain'], ['Models\n', 'model  n\n', '-----  -\n', 'a      1\n', 'b      2']); // stored as lines, as Jupyter does
  // tslab prints a cell's last value on stdout (in Jupyter too), after awaiting.
  assert.deepEqual(awaited.outputs, [{ output_type: 'stream', name: 'stdout', text: ['awaited value\n'] }]);
  assert.deepEqual(streams.outputs, [
    { output_type: 'stream', name: 'stderr', text: ['a warning on stderr\n'] },
    { output_type: 'stream', name: 'stdout', text: ['and stdout\n'] },
  ]);
  // A banner and Markdown: two display outputs, each with a plain-text fallback.
  const [bannerOut, markdownOut] = notices.outputs as Extract<Output, { output_type: 'display_data' }>[];
  assert.match(mimeText(bannerOut.data, 'text/html'), /border-left:6px solid #b45309.*OFFLINE — local endpoint/);
  assert.match(mimeText(bannerOut.data, 'text/plain'), /^=+\n⚠️ OFFLINE — local endpoint\n=+$/);
  assert.deepEqual(markdownOut.data, { 'text/markdown': ['**Done.** See `outputs/`.'], 'text/plain': ['**Done.** See `outputs/`.'] });
  // Written like Jupyter writes (sorted keys, 1-space indent); the source notebook is untouched.
  assert.match(readFileSync(out, 'utf8'), /^{\n "cells": \[\n {2}{\n {3}"cell_type": "markdown",\n {3}"id": "intro",/);
  assert.equal(readFileSync(fixture('nb_ok'), 'utf8'), before);
});

test('long cells report progress live to the runner and into the cell output', async () => {
  const dir = scratch();
  const file = notebookIn(dir, 'live', [
    codeCell(
      `import { Progress } from '${DIST}/runs/progress';\nconst p = new Progress({ label: 'demo', total: 1, everyMs: 0 });\np.tick(true);`,
      'c1',
    ),
  ]);
  const live: string[] = [];
  const result = await runNotebook(file, { outFile: path.join(dir, 'live.out.ipynb'), onCellProgress: (line) => live.push(line) });
  assert.equal(result.ok, true, result.message);
  assert.deepEqual(live, ['demo: 1/1 (100%) · errors 0 · done in 0s']);
  assert.match(JSON.stringify(readNotebook(path.join(dir, 'live.out.ipynb')).cells[0].outputs), /demo: 1\/1 \(100%\)/);
});

test('a runtime error stops the run, names notebook, cell number and id, keeps the outputs so far', async () => {
  const out = path.join(scratch(), 'executed.ipynb');
  const r = await runNotebook(fixture('nb_runtime_error'), { outFile: out });
  assert.equal(r.ok, false);
  assert.equal(r.failedCell, 1);
  assert.equal(r.failedCellId, 'boom');
  assert.equal(r.failedCellNumber, 2);
  assert.equal(r.error, 'Error: dataset missing: data/x.csv');
  assert.equal(r.message, 'nb_runtime_error failed at code cell boom (number 2 of 3): Error: dataset missing: data/x.csv');
  const nb = readNotebook(out);
  assert.deepEqual(
    nb.cells.map((c) => c.execution_count),
    [1, 2, null],
  );
  assert.deepEqual(nb.cells[0].outputs, [{ output_type: 'stream', name: 'stdout', text: ['before\n'] }]);
  const err = nb.cells[1].outputs![0] as Extract<Output, { output_type: 'error' }>;
  assert.deepEqual([err.output_type, err.ename, err.evalue], ['error', 'Error', 'dataset missing: data/x.csv']);
  assert.ok(err.traceback.length > 1, 'the stack is kept as the traceback');
  assert.deepEqual(nb.cells[2].outputs, []);
});

test('a TypeScript compile error fails the cell with the diagnostic', async () => {
  const out = path.join(scratch(), 'executed.ipynb');
  const r = await runNotebook(fixture('nb_compile_error'), { outFile: out });
  assert.equal(r.ok, false);
  assert.equal(
    r.message,
    "nb_compile_error failed at code cell typed (number 2 of 2): TypeScriptError: 1:7 - Type 'string' is not assignable to type 'number'.",
  );
  const err = readNotebook(out).cells[1].outputs![0] as Extract<Output, { output_type: 'error' }>;
  assert.equal(err.ename, 'TypeScriptError');
});

test('a leftover server and interval do not keep the runner waiting', async () => {
  const r = await runNotebook(fixture('nb_leftovers'), { outFile: path.join(scratch(), 'executed.ipynb') });
  assert.equal(r.ok, true, r.message);
  assert.equal(r.cells, 1);
});

test('per-cell and per-notebook timeouts stop the kernel and record the error in the cell', async () => {
  const out = path.join(scratch(), 'executed.ipynb');
  const cell = await runNotebook(fixture('nb_slow'), { outFile: out, cellTimeoutMs: 1500 });
  assert.equal(cell.ok, false);
  assert.equal(
    cell.message,
    'nb_slow failed at code cell sleep (number 2 of 2): the cell ran longer than 2 s (per-cell limit) and was stopped',
  );
  const nb = readNotebook(out);
  assert.deepEqual(nb.cells[0].outputs, [{ output_type: 'stream', name: 'stdout', text: ['quick\n'] }]);
  assert.equal(nb.cells[1].execution_count, 2);
  assert.deepEqual(
    nb.cells[1].outputs!.map((o) => (o.output_type === 'error' ? o.ename : o.output_type)),
    ['TimeoutError'],
  );

  // (Whether the notebook limit strikes during kernel start-up or in the sleeping cell depends on the machine's speed.)
  const whole = await runNotebook(fixture('nb_slow'), { outFile: out, timeoutMs: 1500 });
  assert.equal(whole.ok, false);
  assert.match(whole.message!, /^nb_slow failed at .*: the notebook ran longer than 2 s \(per-notebook limit\) and was stopped$/);
});

test('a cell that ends the kernel process is reported; a broken notebook file is named', async () => {
  const dir = scratch();
  const exiting = notebookIn(dir, 'exiting', [codeCell("console.log('bye');", 'a'), codeCell('process.exit(3);', 'exit')]);
  const r = await runNotebook(exiting, { outFile: path.join(dir, 'exiting.out.ipynb') });
  assert.equal(r.failedCellId, 'exit');
  assert.match(r.message!, /^exiting failed at code cell exit \(number 2 of 2\): the kernel process ended unexpectedly \(exit code 3\)/);
  assert.equal((readNotebook(path.join(dir, 'exiting.out.ipynb')).cells[1].outputs![0] as { ename: string }).ename, 'KernelDied');

  const broken = path.join(dir, 'broken.ipynb');
  writeFileSync(broken, '{"cells": [');
  const b = await runNotebook(broken, { outFile: path.join(dir, 'broken.out.ipynb') });
  assert.equal(b.ok, false);
  assert.match(
    b.message!,
    /^broken failed at start-up, before any cell: The notebook .*broken\.ipynb is not valid JSON .*Fix: undo the last hand edit/,
  );
  await assert.rejects(runNotebook(path.join(dir, 'nope.ipynb')), /nope\.ipynb does not exist/);
});

test('executed notebooks go to outputs/executed/<name>.ipynb by default', () => {
  assert.equal(
    defaultOutFile('/somewhere/notebooks/03_latency/03_latency.ipynb'),
    path.join(ROOT, 'outputs', 'executed', '03_latency.ipynb'),
  );
});

/** Run the compiled `npm run workshop` on the fixture steps (01 works, 02 missing, 03 breaks at cell 2). */
function workshop(args: string[]) {
  const executed = scratch();
  return promisify(execFile)(
    process.execPath,
    [path.join(DIST, 'bin', 'workshop.js'), '--notebooks-dir', path.join(FIXTURES, 'steps'), ...args],
    {
      env: { ...process.env, WORKSHOP_EXECUTED_DIR: executed },
    },
  ).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr, executed }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr, executed }),
  );
}

test('npm run workshop: selection by number or name, "not built yet", summary and exit codes', async () => {
  const one = await workshop(['01']);
  assert.equal(one.code, 0, one.out);
  assert.match(one.out, /\[01_setup\] cell 1\/1 \(hello\) ✓ \d+\.\ds/);
  assert.match(one.out, /Summary\n {2}01_setup +ok +1 code cells/);
  assert.match(readFileSync(path.join(one.executed, '01_setup.ipynb'), 'utf8'), /hello from step 1/);

  const missing = await workshop(['tracking', '01_setup']);
  assert.equal(missing.code, 0, missing.out);
  assert.match(missing.out, /\[02_tracking\] not built yet — .*02_tracking\.ipynb does not exist/);
  assert.match(missing.out, /Summary\n {2}01_setup +ok.*\n {2}02_tracking +not built yet\n/); // run in workshop order

  const all = await workshop([]);
  assert.equal(all.code, 1, all.out);
  assert.match(all.out, /\[03_latency\] cell 2\/2 \(broken\) ✗/);
  assert.match(all.out, /✗ 03_latency failed at code cell broken \(number 2 of 2\): Error: broken on purpose\n/);
  assert.match(
    all.out,
    / {2}03_latency +FAILED +at code cell 2 \(broken\)\n {2}04_quality +not run \(an earlier step failed\)\n {2}05_compare +not run/,
  );
  assert.match(readFileSync(path.join(all.executed, '03_latency.ipynb'), 'utf8'), /broken on purpose/);

  const unknown = await workshop(['07']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.out, /Unknown step "07"\. Fix: use a number or a name: 01_setup, 02_tracking/);
});
