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
  createReadStream,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  type ReadStream,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  type Stats,
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
  return decodeUtf8(bytes, file);
}

/** The bytes of `file` as UTF-8 text, checked as `readTextUtf8` checks them (a leading BOM removed). */
export function decodeUtf8(bytes: Buffer, file: string): string {
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

// ---------------------------------------------------------------------------------------
// Large files: reads with a limit, reads line by line, and writes in pieces — so memory does
// not grow with a file's size, and a device or a pipe given as a file never hangs a read.

/** How `readBytesBounded` refuses a file; each throws the caller's own message. */
export interface BoundedReadRefusals {
  /** A device, a pipe, a socket: it may never end (`/dev/zero`), so it is not read at all. */
  notRegular(stat: Stats): never;
  /** More than the limit: `bytes` is the file's size, or at least that many bytes when it grew while being read. */
  tooLarge(bytes: number): never;
}

/** The error of a read or write the file system refused (the code named), with the previous file untouched. */
function ioError(action: 'read' | 'write', file: string, err: unknown): WorkshopError {
  if (err instanceof WorkshopError) return err;
  const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return action === 'read'
    ? new WorkshopError(`Cannot read ${displayPath(file)} (${code}).`, {
        fix: 'check that the file exists and that you may read it (its owner and permissions).',
        file,
        cause: err,
      })
    : new WorkshopError(`Could not write ${displayPath(file)} (${code}); the previous version, if any, is unchanged.`, {
        fix: 'check that the folder is writable and the disk is not full, then run it again.',
        file,
        cause: err,
      });
}

/**
 * A file's bytes, at most `maxBytes` of them: only a regular file is read (stat first), its size
 * is checked before reading and again while reading (a file still being written), and it is
 * opened non-blocking, so a file swapped for a pipe after the check cannot hang the read.
 *
 * @example
 * readBytesBounded('/dev/zero', 1024 ** 2, refusals) // → refusals.notRegular(stat): never opened
 */
export function readBytesBounded(file: string, maxBytes: number, refuse: BoundedReadRefusals): Buffer {
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch (err) {
    throw ioError('read', file, err);
  }
  if (!stat.isFile()) return refuse.notRegular(stat);
  if (stat.size > maxBytes) return refuse.tooLarge(stat.size);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw ioError('read', file, err);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return refuse.notRegular(opened);
    let bytes = Buffer.allocUnsafe(Math.min(opened.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === bytes.length) {
        if (length > maxBytes) return refuse.tooLarge(length);
        const grown = Buffer.allocUnsafe(Math.min(bytes.length * 2, maxBytes + 1));
        bytes.copy(grown, 0, 0, length);
        bytes = grown;
      }
      const n = readSync(fd, bytes, length, bytes.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return length > maxBytes ? refuse.tooLarge(length) : bytes.subarray(0, length);
  } catch (err) {
    throw ioError('read', file, err);
  } finally {
    closeSync(fd);
  }
}

/** `length` bytes of a file from `position` (fewer at its end). */
export function readRange(file: string, position: number, length: number): Buffer {
  try {
    const fd = openSync(file, 'r');
    try {
      const bytes = Buffer.alloc(Math.max(0, length));
      const n = readSync(fd, bytes, 0, bytes.length, position);
      return bytes.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw ioError('read', file, err);
  }
}

/** A file as a readable stream (for an upload); errors come as the stream's `error` event. */
export function fileReadStream(file: string): ReadStream {
  return createReadStream(file);
}

/**
 * Bytes per read of `readLines` and per write of `AtomicFileWriter`: small enough that each
 * piece is an ordinary young object to the garbage collector (V8 puts strings and arrays of
 * more than about 128 KB in its large-object space, freed only by a full collection), large
 * enough that system calls stay few.
 */
const IO_CHUNK = 64 * 1024;

/**
 * The lines of a UTF-8 text file, one at a time, read 64 KB at a time: memory stays the size
 * of the longest line, whatever the size of the file. The lines are exactly those of
 * `text.split('\n')` (a last, empty one when the file ends with a newline); a leading BOM is
 * dropped; bytes that are not UTF-8 are an error naming the line. Each line is decoded from its
 * own bytes, so a line kept by the caller never holds a whole 64 KB piece of text alive.
 *
 * @example
 * [...readLines('a.jsonl')] // file "x\ny\n" → ['x', 'y', '']
 */
export function* readLines(file: string): Generator<string> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw ioError('read', file, err);
  }
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const chunk = Buffer.allocUnsafe(IO_CHUNK);
    let carry: Buffer[] = []; // the bytes of a line not ended yet (copies: `chunk` is reused)
    let line = 1;
    let lineStart = 0; // byte offset of the current line in the file
    const decode = (bytes: Uint8Array): string => {
      try {
        const text = decoder.decode(bytes);
        return line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      } catch {
        throw new WorkshopError(
          `${displayPath(file)} is not valid UTF-8: at line ${line} (near byte offset ${lineStart + firstInvalidUtf8Offset(bytes)}).`,
          { fix: 'save the file as UTF-8.', file },
        );
      }
    };
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        throw ioError('read', file, err);
      }
      if (n === 0) {
        yield decode(carry.length === 1 ? carry[0] : Buffer.concat(carry));
        return;
      }
      const data = chunk.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a, start)) {
        const piece = data.subarray(start, nl);
        const text = decode(carry.length ? Buffer.concat([...carry, piece]) : piece);
        lineStart += (carry.length ? carry.reduce((a, b) => a + b.length, 0) : 0) + piece.length + 1;
        carry = [];
        yield text;
        line++;
        start = nl + 1;
      }
      if (start < n) carry.push(Buffer.from(data.subarray(start)));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A file written piece by piece and replaced at once, as `writeFileAtomic` writes a whole
 * text: the pieces go to a temporary file in the same folder (about 64 KB per system call),
 * `commit()` flushes it to disk and renames it over `file`. Until then the previous file is
 * untouched; `abort()` (call it on any error) removes the temporary file.
 *
 * @example
 * const out = new AtomicFileWriter('outputs/records.jsonl');
 * try { for (const r of records) out.write(`${JSON.stringify(r)}\n`); out.commit(); } catch (e) { out.abort(); throw e; }
 */
export class AtomicFileWriter {
  /** Bytes written so far (UTF-8). */
  bytes = 0;
  private readonly tmp: string;
  private fd: number | null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(readonly file: string) {
    const dir = path.dirname(file);
    ensureWritableDir(dir);
    this.tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`);
    try {
      this.fd = openSync(this.tmp, 'w');
    } catch (err) {
      throw ioError('write', file, err);
    }
  }

  /** Append text (UTF-8) or bytes. */
  write(data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.bytes += bytes.length;
    if (this.pendingBytes >= IO_CHUNK) this.flush();
  }

  private flush(): void {
    if (this.fd === null) throw new WorkshopError(`${displayPath(this.file)} was already committed or aborted.`);
    const fd = this.fd;
    const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    try {
      for (let done = 0; done < data.length; ) done += writeSync(fd, data, done);
    } catch (err) {
      this.abort();
      throw ioError('write', this.file, err);
    }
  }

  /** Flush to disk and put the file in place. */
  commit(): void {
    this.flush();
    const fd = this.fd as number;
    try {
      fsyncSync(fd);
      closeSync(fd);
      this.fd = null;
      renameSync(this.tmp, this.file);
    } catch (err) {
      this.abort();
      throw ioError('write', this.file, err);
    }
  }

  /** Drop what was written; the previous file stays. Safe to call more than once. */
  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed: nothing to release.
      }
      this.fd = null;
    }
    this.pending = [];
    rmSync(this.tmp, { force: true });
  }
}
