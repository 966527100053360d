/**
 * File safety: nothing we write may leave a half-written file behind, and text we read
 * must be what it claims to be (UTF-8).
 *
 * Atomic write = write a temporary file in the same folder, flush it to disk, then rename
 * it over the target. A rename within one file system is atomic on POSIX
 * (https://pubs.opengroup.org/onlinepubs/9699919799/functions/rename.html): readers see the
 * old file or the new one, never a mix — even if the process dies half-way.
 */
import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { WorkshopError } from './errors';
import { displayPath } from './paths';

/** Write `data` to `file` atomically; on any failure the previous file is untouched. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  ensureWritableDir(dir);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new WorkshopError(
      `Could not write ${displayPath(file)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); the previous version, if any, is unchanged.`,
    );
  }
}

/**
 * Create `dir` if needed and check we can write in it; one clear error otherwise, naming
 * the setting that chose the folder (`setting`, e.g. `paths.outputs`).
 */
export function ensureWritableDir(dir: string, setting = 'paths.outputs'): void {
  const fix = `point ${setting} (workshop.config.json, or its environment variable) to a folder you can write`;
  try {
    if (statSync(dir, { throwIfNoEntry: false })?.isFile()) {
      throw new WorkshopError(`${displayPath(dir)} is a file, not a folder (${setting}).`, {
        fix: `${fix}, or move that file away.`,
        file: dir,
        key: setting,
      });
    }
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    if (err instanceof WorkshopError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new WorkshopError(`Cannot write to the folder ${displayPath(dir)} (${code}; ${setting}).`, {
      fix: `make it writable (check its owner and permissions), or ${fix}.`,
      file: dir,
      key: setting,
      cause: err,
    });
  }
}

/**
 * Read a text file that must be UTF-8. A byte sequence that is not valid UTF-8 (a file
 * saved as Latin-1 or Windows-1252 by a spreadsheet, typically) is reported with its line
 * and byte offset instead of being silently turned into `�`. A leading BOM is removed.
 */
export function readTextUtf8(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT' ? `File not found: ${displayPath(file)}.` : `Cannot read ${displayPath(file)} (${code ?? (err as Error).message}).`,
    );
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const line = bytes.subarray(0, offset).filter((b) => b === 0x0a).length + 1;
    throw new WorkshopError(
      `${displayPath(file)} is not valid UTF-8: byte 0x${bytes[offset].toString(16).padStart(2, '0')} at line ${line} (byte offset ${offset}).`,
      { fix: `save the file as UTF-8 (in a spreadsheet: "CSV UTF-8").` },
    );
  }
}

/** Offset of the first byte that breaks UTF-8 decoding (bytes.length when all is valid). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return bytes.length;
}
