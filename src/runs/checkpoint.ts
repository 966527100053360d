/**
 * Resume without paying twice: a checkpoint is an append-only JSON Lines file with one
 * finished call per line, written as soon as the call ends. If the notebook is interrupted
 * (kernel restart, Ctrl-C, power cut), the next run reads it back and skips every call
 * already done. A half-written last line — the one being written when the process died —
 * is ignored, so it is simply done again: no duplicate, no gap.
 *
 * See https://jsonlines.org for the format.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface CheckpointRead<T> {
  rows: T[];
  /** Lines that could not be parsed (normally 0, or 1 after a crash mid-write). */
  skippedLines: number;
}

export class Checkpoint<T extends object> {
  private fd: number | null = null;

  constructor(readonly file: string) {}

  /** Every complete line of the checkpoint, in the order written. */
  read(): CheckpointRead<T> {
    if (!existsSync(this.file)) return { rows: [], skippedLines: 0 };
    const rows: T[] = [];
    let skippedLines = 0;
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        rows.push(JSON.parse(line) as T);
      } catch {
        skippedLines += 1;
      }
    }
    return { rows, skippedLines };
  }

  /** Append one finished result (one line; the line is complete or absent after a crash). */
  append(row: T): void {
    if (this.fd === null) {
      mkdirSync(path.dirname(this.file), { recursive: true });
      this.fd = openSync(this.file, 'a');
    }
    // One write call per row; a leading newline closes any half-written line left by a crash.
    writeSync(this.fd, `\n${JSON.stringify(row)}`);
  }

  /** Release the file (appending again reopens it). */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Forget everything (a fresh run was requested). */
  clear(): void {
    this.close();
    rmSync(this.file, { force: true });
  }
}
