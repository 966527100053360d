/**
 * What the run log and the checkpoint promise when lines are written once per event-loop
 * turn (src/core/append-file.ts): one write per turn, order kept, and no line lost on a
 * normal exit, process.exit(), an uncaught exception, SIGTERM/SIGINT of the process group,
 * a failing notebook cell — and, under kill -9, every line of an earlier turn kept.
 * The process-level cases run a small script in a child process against the compiled
 * library (dist/, built by `npm test`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs, { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppendFile } from '../src/core/append-file';
import { closeLogger, createRunLogger } from '../src/core/logging';
import { Checkpoint } from '../src/runs/checkpoint';
import { runResumable } from '../src/runs/resumable-run';
import { codeCell, newNotebook, writeNotebook } from '../src/workshop/notebook';
import { runNotebook } from '../src/workshop/runner';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const scratch = () => mkdtempSync(path.join(tmpdir(), 'append-'));

/** Count the write calls made while `f` runs. */
async function countingWrites<T>(f: () => Promise<T>): Promise<{ result: T; writes: number }> {
  const original = fs.writeSync;
  let writes = 0;
  fs.writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    writes += 1;
    return original(...args);
  }) as typeof fs.writeSync;
  try {
    return { result: await f(), writes };
  } finally {
    fs.writeSync = original;
  }
}

test('lines appended together are written with one write (at the end of the turn at the latest 20 ms later), in order', async () => {
  const file = path.join(scratch(), 'sub', 'lines.txt');
  const out = new AppendFile(file);
  const { writes } = await countingWrites(async () => {
    for (let i = 0; i < 100; i++) out.append(`line ${i}\n`);
    assert.equal(existsSync(file), false, 'nothing is written while the turn runs');
    await out.written();
  });
  assert.equal(writes, 1);
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  assert.deepEqual(
    lines,
    Array.from({ length: 100 }, (_, i) => `line ${i}`),
  );
  out.append('last\n');
  out.close(); // close writes what is pending
  assert.match(readFileSync(file, 'utf8'), /line 99\nlast\n$/);
});

test('values queued with add are formatted when written, in order with appended text; a format that throws fails the write, not the caller', async () => {
  const file = path.join(scratch(), 'values.jsonl');
  let formatted = 0;
  const out = new AppendFile<{ n: number }>(file, {}, (v) => {
    formatted += 1;
    if (v.n < 0) throw new Error('negative n');
    return `${JSON.stringify(v)}\n`;
  });
  const { writes } = await countingWrites(async () => {
    out.append('header\n');
    out.add({ n: 1 });
    out.append('between\n');
    out.add({ n: 2 });
    assert.equal(formatted, 0, 'nothing is formatted while the turn runs');
    await out.written();
  });
  assert.equal(writes, 1);
  assert.equal(formatted, 2);
  assert.equal(readFileSync(file, 'utf8'), 'header\n{"n":1}\nbetween\n{"n":2}\n');
  out.add({ n: -1 }); // the caller goes on; the write reports the failure
  await assert.rejects(out.written(), /negative n/);
  assert.throws(() => out.close(), /negative n/);
  assert.equal(readFileSync(file, 'utf8'), 'header\n{"n":1}\nbetween\n{"n":2}\n', 'nothing of the failed batch is written');
  assert.throws(() => new AppendFile(file).add({} as never), /needs a format/);
});

test('a write the system takes only in part is completed (non-ASCII text included)', async () => {
  const file = path.join(scratch(), 'short.txt');
  const original = fs.writeSync;
  let first = true;
  // The first write call takes 5 bytes only, as a full pipe or disk quota may.
  fs.writeSync = ((fd: number, data: string | Uint8Array, ...rest: unknown[]) => {
    if (!first) return (original as (...a: unknown[]) => number)(fd, data, ...rest);
    first = false;
    return original(fd, Buffer.from(data as string, 'utf8').subarray(0, 5));
  }) as typeof fs.writeSync;
  try {
    const out = new AppendFile(file);
    out.append('héllo wörld — ünïcode\n');
    out.close();
  } finally {
    fs.writeSync = original;
  }
  assert.equal(readFileSync(file, 'utf8'), 'héllo wörld — ünïcode\n');
});

test('a run counts a unit done only once its row is in the checkpoint, and writes the rows of a turn together', async () => {
  const dir = scratch();
  const checkpointFile = path.join(dir, 'ckpt.jsonl');
  const rowsInFile = () => new Checkpoint<{ type: string }>(checkpointFile).read().rows.filter((r) => r.type === 'row').length;
  const seen: { completed: number; inFile: number }[] = [];
  // 64 units, 16 at a time; each batch of 16 ends in the same turn.
  let release: () => void = () => {};
  let gate = new Promise<void>((r) => (release = r));
  let waiting = 0;
  const { result, writes } = await countingWrites(() =>
    runResumable({
      label: 'unit',
      checkpointFile,
      provenance: { test: 'durable' },
      work: Array.from({ length: 64 }, (_, i) => ({ key: `k${i}`, item: i })),
      rowSchema: z.object({ i: z.number() }),
      isFinal: () => true,
      concurrency: 16,
      progressEveryMs: 0,
      print: (line) => {
        const completed = Number(/: (\d+)\/64/.exec(line)![1]);
        seen.push({ completed, inFile: rowsInFile() });
      },
      run: async (i) => {
        const mine = gate;
        if (++waiting === 16) {
          waiting = 0;
          const open = release;
          gate = new Promise<void>((r) => (release = r));
          setImmediate(open);
        }
        await mine;
        return { i };
      },
    }),
  );
  assert.equal(result.rows.length, 64);
  assert.equal(seen.length, 64);
  for (const s of seen) assert.ok(s.inFile >= s.completed, `reported ${s.completed} done with ${s.inFile} rows in the checkpoint`);
  // The run header, then one write per batch of 16 rows (not one per row).
  assert.ok(writes <= 1 + 64 / 16 + 2, `${writes} writes for 64 rows`);
  assert.equal(rowsInFile(), 64);
});

test('a checkpoint or log write that fails (disk full) is an error of the run, not an unhandled one', async () => {
  const dir = scratch();
  const original = fs.writeSync;
  const full = (after: number) => {
    let calls = 0;
    fs.writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
      if (++calls > after) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return original(...args);
    }) as typeof fs.writeSync;
  };
  try {
    full(1); // the run header is written, the rows are not
    await assert.rejects(
      runResumable({
        label: 'unit',
        checkpointFile: path.join(dir, 'full.jsonl'),
        provenance: { test: 'full' },
        work: [
          { key: 'a', item: 1 },
          { key: 'b', item: 2 },
        ],
        rowSchema: z.object({ i: z.number() }),
        isFinal: () => true,
        concurrency: 2,
        print: () => {},
        run: async (i) => ({ i }),
      }),
      /ENOSPC/,
    );
    fs.writeSync = original;
    const { logger } = createRunLogger({ logDir: path.join(dir, 'logs'), modelId: 'm', timestamp: 't' });
    full(0);
    logger.info('a line the disk has no room for');
    await new Promise((r) => setImmediate(r));
    logger.info('and another');
    await assert.rejects(
      closeLogger(logger),
      /Cannot append to the run log .*model_latency_benchmarking_m_t\.log \(paths\.outputs\): the disk is full \(ENOSPC\)\. Some lines of the run log are missing\. Fix: free space.*resumed from the checkpoint/s,
    );
  } finally {
    fs.writeSync = original;
  }
});

/** A child process that logs numbered lines to a run log, as `mode` says; it prints the log file's path first. */
function child(
  mode: string,
  dir: string,
): { proc: ReturnType<typeof spawn>; output: () => string; exited: Promise<{ code: number | null; signal: string | null }> } {
  const script = `
    const { createRunLogger } = require(${JSON.stringify(path.join(DIST, 'core', 'logging'))});
    const { writeSync } = require('node:fs');
    const { logger, file } = createRunLogger({ logDir: ${JSON.stringify(dir)}, modelId: 'm', timestamp: 't' });
    writeSync(1, file + '\\n');
    const mode = ${JSON.stringify(mode)};
    const burst = (from, n) => { for (let i = from; i < from + n; i++) logger.info('line ' + i); return from + n; };
    if (mode === 'normal') burst(0, 500);
    if (mode === 'exit') { burst(0, 500); process.exit(3); }
    if (mode === 'throw') { burst(0, 500); setImmediate(() => { burst(500, 500); throw new Error('boom'); }); }
    if (mode === 'signals' || mode === 'interrupt') {
      if (mode === 'interrupt') process.on('SIGINT', () => writeSync(1, 'interrupted\\n')); // like a Jupyter kernel
      let next = 0;
      const turn = () => {
        next = burst(next, 50);
        // The lines of this very turn are reported, and the turn goes on for a while, so the
        // signal most likely arrives while they wait to be written.
        writeSync(1, 'logged ' + next + '\\n');
        const until = Date.now() + 20;
        while (Date.now() < until);
        if (next < 1e6) setTimeout(turn, 1);
      };
      turn();
    }
    if (mode === 'kill9') {
      // Bursts of lines; once the log file says they are written, report how many.
      const out = logger.transports[0].out;
      let next = 0;
      const turn = () => {
        next = burst(next, 50);
        const upTo = next;
        out.written().then(() => writeSync(1, 'written ' + upTo + '\\n'));
        if (next < 1e6) setTimeout(turn, 1);
      };
      turn();
    }
  `;
  const proc = spawn(process.execPath, ['-e', script], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { proc, output: () => out, exited };
}

/** The numbered lines of a log file: they must run 0, 1, 2… with no gap and no duplicate. */
function loggedLines(file: string): number {
  const numbers = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => / - INFO - line \d+$/.test(l))
    .map((l) => Number(/line (\d+)$/.exec(l)![1]));
  assert.deepEqual(
    numbers,
    Array.from(numbers, (_, i) => i),
    'lines in order, none missing, none twice',
  );
  return numbers.length;
}

const waitFor = async (test: () => boolean, what: string) => {
  for (let i = 0; i < 600 && !test(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(test(), `timed out waiting for ${what}`);
};

const lastNumber = (text: string, word: string) =>
  Math.max(0, ...[...text.matchAll(new RegExp(`${word} (\\d+)`, 'g'))].map((m) => Number(m[1])));

test('no log line is lost when the process ends normally, by process.exit() or by an uncaught exception', async () => {
  for (const [mode, lines, code] of [
    ['normal', 500, 0],
    ['exit', 500, 3],
    ['throw', 1000, 1],
  ] as const) {
    const dir = scratch();
    const c = child(mode, dir);
    const { code: exitCode } = await c.exited;
    assert.equal(exitCode, code, `${mode}: ${c.output()}`);
    if (mode === 'throw') assert.match(c.output(), /Error: boom/);
    assert.equal(loggedLines(c.output().split('\n')[0]), lines, mode);
  }
});

test('SIGTERM or SIGINT to the process group: every line logged before the signal is in the file, and the signal still ends the process', async () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const dir = scratch();
    const c = child('signals', dir);
    await waitFor(() => lastNumber(c.output(), 'logged') >= 500, 'the child to log');
    process.kill(-c.proc.pid!, signal); // the process tree, as a terminal or a runner stops it
    const ended = await c.exited;
    assert.equal(ended.signal, signal, `ended by ${signal}`);
    const logged = lastNumber(c.output(), 'logged');
    assert.ok(loggedLines(c.output().split('\n')[0]) >= logged, `${signal}: ${logged} lines were logged before the signal`);
  }
});

test('SIGINT with a handler of its own (a Jupyter kernel interrupting a cell): lines are written and the process lives on', async () => {
  const dir = scratch();
  const c = child('interrupt', dir);
  await waitFor(() => lastNumber(c.output(), 'logged') >= 200, 'the child to log');
  process.kill(c.proc.pid!, 'SIGINT');
  await waitFor(() => c.output().includes('interrupted'), 'the interrupt');
  const logged = lastNumber(c.output(), 'logged');
  await waitFor(() => lastNumber(c.output(), 'logged') > logged + 100, 'logging to go on after the interrupt');
  process.kill(-c.proc.pid!, 'SIGTERM');
  assert.equal((await c.exited).signal, 'SIGTERM');
  assert.ok(loggedLines(c.output().split('\n')[0]) >= lastNumber(c.output(), 'logged'));
});

test('kill -9: every line the log reported written is in the file, in order', async () => {
  const dir = scratch();
  const c = child('kill9', dir);
  await waitFor(() => lastNumber(c.output(), 'written') >= 2000, 'the child to log');
  process.kill(-c.proc.pid!, 'SIGKILL');
  assert.equal((await c.exited).signal, 'SIGKILL');
  const written = lastNumber(c.output(), 'written');
  assert.ok(loggedLines(c.output().split('\n')[0]) >= written, `${written} lines were reported written`);
});

test('a failing notebook cell: the lines its run logged before are in the log file', async () => {
  const dir = scratch();
  const logDir = path.join(dir, 'logs');
  const nb = path.join(dir, 'failing', 'failing.ipynb');
  fs.mkdirSync(path.dirname(nb), { recursive: true });
  writeNotebook(
    nb,
    newNotebook([
      codeCell(
        `import { createRunLogger } from ${JSON.stringify(path.join(DIST, 'core', 'logging'))};\nconst run = createRunLogger({ logDir: ${JSON.stringify(logDir)}, modelId: 'm', timestamp: 't' });\nfor (let i = 0; i < 300; i++) run.logger.info('line ' + i);`,
        'log',
      ),
      codeCell(`for (let i = 300; i < 400; i++) run.logger.info('line ' + i);\nthrow new Error('the cell fails');`, 'fail'),
    ]),
  );
  const r = await runNotebook(nb, { outFile: path.join(dir, 'failing.out.ipynb') });
  assert.equal(r.ok, false);
  assert.equal(r.failedCellId, 'fail', r.message);
  assert.equal(loggedLines(path.join(logDir, 'model_latency_benchmarking_m_t.log')), 400);
});
