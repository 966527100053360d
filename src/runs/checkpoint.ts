/**
 * Resume without paying twice: a checkpoint is an append-only JSON Lines file with one
 * finished call per line, written as soon as the call ends. If the notebook is interrupted
 * (kernel restart, Ctrl-C, power cut), the next run reads it back and skips every call
 * already done. A half-written last line — the one being written when the process died —
 * is ignored, so it is simply done again: no duplicate, no gap.
 *
 * See https://jsonlines.org for the format.
 */
import { existsSync } from 'node:fs';
import { AppendFile, type FileRole, readBytes, removeFile } from '../core/files';

export interface CheckpointRead<T> {
  rows: T[];
  /** Lines that could not be parsed (normally 0, or 1 after a crash mid-write). */
  skippedLines: number;
}

/** Checkpoints live under the outputs folder: a file-system error names that setting. */
const ROLE: FileRole = { what: 'the checkpoint', setting: 'paths.outputs' };

export class Checkpoint<T extends object> {
  private readonly out: AppendFile;

  constructor(
    readonly file: string,
    readonly role: FileRole = ROLE,
  ) {
    this.out = new AppendFile(file, role);
  }

  /** Every complete line of the checkpoint, in the order written. */
  read(): CheckpointRead<T> {
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

  /** Append one finished result (one line; the line is complete or absent after a crash). */
  append(row: T): void {
    // One write call per row; a leading newline closes any half-written line left by a crash.
    this.out.append(`\n${JSON.stringify(row)}`);
  }

  /** Release the file (appending again reopens it). */
  close(): void {
    this.out.close();
  }

  /** Forget everything (a fresh run was requested). */
  clear(): void {
    this.close();
    removeFile(this.file, this.role);
  }
}
