/**
 * Resume without paying twice: a checkpoint is an append-only JSON Lines file with one
 * finished call per line, written as soon as the call ends. If the notebook is interrupted
 * (kernel restart, Ctrl-C, `kill -9`), the next run reads it back and skips every call
 * already done. A half-written last line — the one being written when the process died —
 * is ignored, so it is simply done again: no duplicate, no gap.
 *
 * Two ways to add a line:
 * - `append(row)` writes it now (one write call);
 * - `add(row)` queues it: rows added close together are serialized and written with one
 *   write call (at the end of the event-loop turn, or within 20 ms — `AppendFile`), and the returned
 *   promise resolves once the row is in the file. A run counts a call as done only after
 *   that, so every call it reported done is in the checkpoint even after `kill -9`; a call
 *   that finished just before the kill was not reported, and is simply done again.
 * Each line starts with a newline, which closes any half-written line left by a crash.
 * "In the file" means handed to the operating system: it survives the process, not a power
 * cut (nothing is fsync'ed — that would cost a disk flush per write).
 *
 * See https://jsonlines.org for the format.
 */
import { existsSync } from 'node:fs';
import { AppendFile } from '../core/append-file';
import { type FileRole, readBytes, removeFile } from '../core/files';

export interface CheckpointRead<T> {
  rows: T[];
  /** Lines that could not be parsed (normally 0, or 1 after a crash mid-write). */
  skippedLines: number;
}

/** Checkpoints live under the outputs folder: a file-system error names that setting. */
const ROLE: FileRole = { what: 'the checkpoint', setting: 'paths.outputs' };

/** A checkpoint line: a newline, then the row as JSON. */
const line = (row: object): string => `\n${JSON.stringify(row)}`;

export class Checkpoint<T extends object> {
  private readonly out: AppendFile<T>;

  constructor(
    readonly file: string,
    readonly role: FileRole = ROLE,
  ) {
    // A leading newline closes any half-written line left by a crash.
    this.out = new AppendFile<T>(file, role, line);
  }

  /** Every complete line of the checkpoint, in the order written (queued rows included). */
  read(): CheckpointRead<T> {
    this.out.flush();
    if (!existsSync(this.file)) return { rows: [], skippedLines: 0 };
    const rows: T[] = [];
    let skippedLines = 0;
    for (const line of readBytes(this.file, this.role).toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        rows.push(JSON.parse(line) as T);
      } catch {
        skippedLines += 1;
      }
    }
    return { rows, skippedLines };
  }

  /** Append one finished result now (one line; the line is complete or absent after a crash). */
  append(row: T): void {
    // One write call per row.
    this.out.append(line(row));
    this.out.flush();
  }

  /**
   * Queue one finished result; it is serialized and written with the rows added around it (so
   * it must not change afterwards). Resolves once it is in the file (rejects if the write failed).
   */
  add(row: T): Promise<void> {
    this.out.add(row);
    return this.out.written();
  }

  /** Write the queued rows now (throws if the write fails, unless `quietly`: then only `add`'s promises reject). */
  flush({ quietly = false } = {}): void {
    if (quietly) this.out.flushQuietly();
    else this.out.flush();
  }

  /** Write the queued rows and release the file (appending again reopens it). */
  close(): void {
    this.out.close();
  }

  /** Forget everything (a fresh run was requested). */
  clear(): void {
    this.close();
    removeFile(this.file, this.role);
  }
}
