import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Checkpoint } from '../src/runs/checkpoint';
import { EventLoopMonitor } from '../src/runs/event-loop';
import { Progress, formatDuration, formatProgress } from '../src/runs/progress';
import { workKey } from '../src/results/latency-rows';

test('a checkpoint survives a half-written last line: the complete rows come back, once each', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ckpt-')), 'sub', 'model.jsonl');
  const ckpt = new Checkpoint<{ k: number }>(file);
  assert.deepEqual(ckpt.read(), { rows: [], skippedLines: 0 });
  ckpt.append({ k: 1 });
  ckpt.append({ k: 2 });
  appendFileSync(file, '\n{"k": 3, "trunc'); // the process died while writing row 3
  assert.deepEqual(ckpt.read(), { rows: [{ k: 1 }, { k: 2 }], skippedLines: 1 });
  ckpt.append({ k: 3 }); // resumed run redoes row 3 on a line of its own
  assert.deepEqual(ckpt.read().rows, [{ k: 1 }, { k: 2 }, { k: 3 }]);
  assert.match(readFileSync(file, 'utf8'), /trunc\n\{"k":3\}$/);
  ckpt.clear();
  assert.deepEqual(ckpt.read().rows, []);
});

test('workKey identifies model, document, experiment and invocation', () => {
  const a = workKey({ model: 'm', document_id: 'd1', experiment: 1, invocation: 2 });
  assert.equal(a, 'm|d1|1|2');
  assert.notEqual(a, workKey({ model: 'm', document_id: 'd1', experiment: 2, invocation: 1 }));
});

test('progress reports completed/total, errors and a straight-line time left', () => {
  let clock = 0;
  const lines: string[] = [];
  const p = new Progress({ label: 'nova-lite', total: 10, skipped: 2, everyMs: 0, print: (l) => lines.push(l), now: () => clock });
  clock = 1000;
  p.tick(true);
  clock = 2000;
  p.tick(false);
  // 2 done in 2 s → 1 s per call, 6 remaining → 6 s left
  assert.equal(lines[1], 'nova-lite: 4/10 (40%) · errors 1 · resumed 2 · ~6s left');
  for (let i = 0; i < 6; i++) p.tick(true);
  assert.match(lines.at(-1)!, /10\/10 \(100%\) · errors 1 · resumed 2 · done in 2s/);
});

test('formatDuration and formatProgress edge cases', () => {
  assert.equal(formatDuration(59_400), '59s');
  assert.equal(formatDuration(61_000), '1m01s');
  assert.equal(formatDuration(-1), '?');
  assert.equal(
    formatProgress({ label: 'x', total: 0, completed: 0, errors: 0, skipped: 0, elapsedMs: 0, etaMs: null }),
    'x: 0/0 (100%) · errors 0 · done in 0s',
  );
});

test('the event-loop monitor flags a client that blocks its own loop', async () => {
  const monitor = new EventLoopMonitor(50, 10).start();
  await new Promise((r) => setTimeout(r, 30));
  const until = Date.now() + 250;
  while (Date.now() < until) {
    /* keep the thread busy, as a saturated benchmark client would */
  }
  await new Promise((r) => setTimeout(r, 30));
  const report = monitor.stop();
  assert.ok(report.maxMs >= 200, `max delay ${report.maxMs}`);
  assert.equal(report.clientBound, true);
  assert.match(report.message, /The client was busy: event-loop delay p99/);

  const quiet = new EventLoopMonitor(1000, 10).start();
  await new Promise((r) => setTimeout(r, 50));
  const calm = quiet.stop();
  assert.equal(calm.clientBound, false);
  assert.match(calm.message, /Client healthy/);
});
