/**
 * Appending lines to a file without paying a system call per line. Lines are queued and
 * written together, with one `write` per file, when the current turn of the event loop
 * ends (`setImmediate`) — or, while lines keep coming, at most every
 * `MIN_WRITE_INTERVAL_MS` (20 ms): a burst of lines (a benchmark at latency scale 0 ends
 * a call every millisecond or two) costs one write per file per 20 ms, not one per line.
 * On the call path a line costs a string concatenation.
 *
 * What is guaranteed to be in the file (handed to the operating system with write(2); it
 * survives the process, not a power cut — nothing is fsync'ed):
 * 1. after `flush()`, `close()`, or once `written()` has resolved: everything appended before;
 * 2. when the process ends normally, by `process.exit()`, or by an uncaught exception:
 *    everything (an `'exit'` hook writes every open file's lines);
 * 3. when it is ended by SIGTERM, SIGINT or SIGHUP (the runner's process group being
 *    stopped, Ctrl-C): everything appended before the signal arrived; then the signal takes
 *    its usual course — the process ends by it, unless another listener (a Jupyter kernel's
 *    interrupt handler, say) handles it;
 * 4. under `kill -9` (SIGKILL: no code of the process runs any more): every line whose write
 *    was due — appended in an earlier turn of the event loop and at least 20 ms ago. The
 *    lines of the last 20 ms may be lost, and the last line may be cut short: a reader must
 *    ignore an incomplete last line. Whoever needs more waits for `written()` (a resumable
 *    run does, before it counts a call as done).
 * Lines reach the file in the order they were appended.
 *
 * A line can also be queued as a value, turned into text only when it is written (`add`,
 * with the file's `format`): a benchmark's rows and log lines are then serialized a batch at
 * a time, every 20 ms, instead of one by one between two calls — same bytes, less work on
 * the call path.
 *
 * @example
 * const log = new AppendFile('outputs/logs/run.log');
 * log.append('first line\n');
 * log.append('second line\n'); // both written with one write at the end of this turn
 * await log.written();         // …or now, with log.flush()
 * log.close();
 *
 * const rows = new AppendFile<object>('run.jsonl', {}, (row) => `\n${JSON.stringify(row)}`);
 * rows.add({ key: 'a', ok: true }); // serialized when written
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ensureWritableDir, type FileRole, withFileErrors } from './files';

type Waiter = { resolve: () => void; reject: (error: Error) => void };

/** While lines keep coming, each file is written at most this often, ms. */
export const MIN_WRITE_INTERVAL_MS = 20;

/** What the module-level hooks need of a file: writing what it has queued. */
interface Flushable {
  flushQuietly(): void;
}
/** Files with lines waiting to be written. */
const dirty = new Set<Flushable>();
/** Every open file (written on exit and on a terminating signal). */
const open = new Set<Flushable>();
let scheduled = false;
let lastWrite = -Infinity;

function flushDirty(): void {
  scheduled = false;
  lastWrite = performance.now();
  for (const file of [...dirty]) file.flushQuietly();
}

/** At the end of this turn, or when the interval since the last write is over. */
function scheduleWrite(): void {
  if (scheduled) return;
  scheduled = true;
  const wait = lastWrite + MIN_WRITE_INTERVAL_MS - performance.now();
  if (wait <= 0) setImmediate(flushDirty);
  else setTimeout(flushDirty, wait);
}

/** Write every open file's pending lines now (the exit hook and the signal handler). */
export function flushAllAppendFiles(): void {
  for (const file of [...open]) file.flushQuietly();
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let exitHooked = false;
let signalsHooked = false;

function onSignal(signal: NodeJS.Signals): void {
  flushAllAppendFiles();
  // Nobody else handles this signal: end the process by it, as it would have without us.
  if (process.listenerCount(signal) === 1) {
    unhookSignals();
    process.kill(process.pid, signal);
  }
}

function hookProcess(): void {
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', flushAllAppendFiles);
  }
  if (!signalsHooked) {
    signalsHooked = true;
    for (const s of SIGNALS) process.on(s, onSignal);
  }
}

function unhookSignals(): void {
  if (!signalsHooked) return;
  signalsHooked = false;
  for (const s of SIGNALS) process.removeListener(s, onSignal);
}

export class AppendFile<T extends object = never> {
  private fd: number | null = null;
  /** Text (`append`) and values (`add`, formatted when written), in the order queued. */
  private pending: (string | T)[] = [];
  private waiters: Waiter[] = [];
  private failure: Error | null = null;

  /**
   * `role` names the file and the setting that chose it in an error (see `core/files`);
   * `format` turns a value queued with `add` into its text, when it is written.
   */
  constructor(
    readonly file: string,
    readonly role: FileRole = {},
    private readonly format?: (value: T) => string,
  ) {}

  /** Queue `text` (end it with "\n"); it is written at the end of this turn, or within 20 ms. */
  append(text: string): void {
    if (text !== '') this.queue(text);
  }

  /**
   * Queue a value; `format` makes its text when it is written (at the end of this turn, or
   * within 20 ms) — so the value must not change after it is added.
   */
  add(value: T): void {
    if (!this.format) throw new TypeError(`AppendFile.add needs a format (file ${this.file})`);
    this.queue(value);
  }

  private queue(item: string | T): void {
    if (this.failure) throw this.failure;
    this.pending.push(item);
    if (!dirty.has(this)) {
      dirty.add(this);
      if (!open.has(this)) this.register();
      scheduleWrite();
    }
  }

  /** Resolves once everything appended so far is in the file (rejects if the write failed). */
  written(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /**
   * Write what is pending now; throws if the write fails. The caller has the error then (what
   * was pending is not written): the next append tries the file again.
   */
  flush(): void {
    this.flushQuietly();
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure;
  }

  /** Write what is pending; a failure is kept (and given to `written()`, `flush()`, `append()`), not thrown. */
  flushQuietly(): void {
    dirty.delete(this);
    const items = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    if (items.length > 0 && !this.failure) {
      try {
        this.writeAll(this.text(items));
      } catch (error) {
        this.failure = error as Error;
      }
    }
    for (const w of waiters) {
      if (this.failure) w.reject(this.failure);
      else w.resolve();
    }
  }

  /** Write the pending lines and release the file (appending again reopens it). */
  close(): void {
    this.flushQuietly();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    open.delete(this);
    if (open.size === 0) unhookSignals();
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure;
  }

  /** Open the file now (creating its folder), e.g. to fail early on an unwritable place. */
  openNow(): void {
    this.register();
    this.fd ??= this.openFile();
  }

  private register(): void {
    open.add(this);
    hookProcess();
  }

  private openFile(): number {
    ensureWritableDir(path.dirname(this.file), this.role.setting);
    return withFileErrors('append to', this.file, this.role, () => openSync(this.file, 'a'));
  }

  /** The queued items as one text (values formatted now, in one pass). */
  private text(items: (string | T)[]): string {
    let text = '';
    const format = this.format;
    for (const item of items) text += typeof item === 'string' ? item : format!(item);
    return text;
  }

  /** One write call, repeated only if the system wrote part of it. */
  private writeAll(text: string): void {
    this.fd ??= this.openFile();
    const fd = this.fd;
    withFileErrors('append to', this.file, this.role, () => {
      const written = writeSync(fd, text); // encoded by Node, without a Buffer on our heap
      if (written === Buffer.byteLength(text, 'utf8')) return;
      const bytes = Buffer.from(text, 'utf8');
      let offset = written;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    });
  }
}
