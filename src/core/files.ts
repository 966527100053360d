/**
 * File safety: nothing we write may leave a half-written file behind, text we read must be
 * what it claims to be (UTF-8), and every file-system error a person can cause — a folder
 * given as a file, a read-only folder, a full disk, too many open files — reaches them as
 * one sentence naming the file, the setting that chose it, what the error means and the fix.
 *
 * Every read and write of the library goes through this module (a test keeps it so), and
 * every error from the file system through `fileError`, its one translator. The codes and
 * their fixes are listed in `FILE_ERROR_CODES`; an unknown code keeps the system's message.
 *
 * Atomic write = write a temporary file in the same folder, flush it to disk, then rename
 * it over the target. A rename within one file system is atomic on POSIX
 * (https://pubs.opengroup.org/onlinepubs/9699919799/functions/rename.html): readers see the
 * old file or the new one, never a mix — even if the process dies half-way.
 *
 * @example
 * fileError(Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' }), 'read', '/data/docs', { what: 'the dataset', setting: 'dataset.path' }).message
 * // → 'Cannot read the dataset /data/docs (dataset.path): it is a folder, not a file (EISDIR). Fix: give the path of a file inside that folder (e.g. /data/docs/<name>.csv), or change dataset.path.'
 */
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  createReadStream,
  type Dirent,
  fstatSync,
  type Stats,
  fsyncSync,
  mkdirSync,
  openSync,
  type ReadStream,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { WorkshopError } from './errors';
import type { FileCodeContext } from './i18n/en/errors/files';
import { m, type Messages } from './i18n/messages';
import { displayPath } from './paths';

/** What the library was doing with a path when the file system refused. */
export type FileAction = 'read' | 'write' | 'write in' | 'create' | 'list' | 'append to' | 'copy' | 'remove';

/** Who the path is to a person, for messages. */
export interface FileRole {
  /** What the file is: "the dataset", "the prompt template", "the checkpoint"… */
  what?: string;
  /** The setting that chose the path: a configuration key or environment variable (`dataset.path`, `WORKSHOP_OUTPUTS_DIR`). */
  setting?: string;
}

type CodeContext = FileCodeContext;

/**
 * Each error code a person can cause, what it means and the fix, in the process's language
 * (the texts: `m().errors.files.codes`). Codes: POSIX / libuv
 * (https://nodejs.org/api/errors.html#common-system-errors, `man 3 errno`).
 */
export const FILE_ERROR_CODES: Record<string, { meaning: (c: CodeContext) => string; fix: (c: CodeContext) => string }> =
  Object.fromEntries(
    (Object.keys(m('en').errors.files.codes) as (keyof Messages['errors']['files']['codes'])[]).map((code) => [
      code,
      {
        meaning: (c: CodeContext) => m().errors.files.codes[code].meaning(c),
        fix: (c: CodeContext) => m().errors.files.codes[code].fix(c),
      },
    ]),
  );

const READING: FileAction[] = ['read', 'list', 'copy'];

/**
 * The one translator of file-system errors: an `Error` with a `code` (EISDIR, EACCES,
 * ENOSPC…) becomes a WorkshopError saying what failed, on which path, set by which setting,
 * what the code means, and the fix. A WorkshopError passes through unchanged.
 */
export function fileError(err: unknown, action: FileAction, file: string, role: FileRole = {}): WorkshopError {
  if (err instanceof WorkshopError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const msg = m().errors.files;
  const shown = displayPath(file);
  const where = `${role.what ? `${msg.what({ what: role.what })} ` : ''}${shown}${role.setting ? ` (${role.setting})` : ''}`;
  const ext = path.extname(file) || (role.setting?.startsWith('dataset') || role.setting === 'WORKSHOP_DATASET' ? '.csv' : '');
  const context: CodeContext = {
    action,
    shown,
    dir: displayPath(action === 'create' ? nearestExisting(file) : action === 'list' || action === 'write in' ? file : path.dirname(file)),
    example: path.join(shown, `<name>${ext}`),
    orSetting: role.setting ? msg.orSetting({ setting: role.setting }) : '',
    setting: role.setting,
    reading: READING.includes(action),
  };
  const known = code ? FILE_ERROR_CODES[code] : undefined;
  const message = err instanceof Error ? err.message : String(err);
  const meaning = known ? `${known.meaning(context)} (${code})` : `${message}${code && !message.includes(code) ? ` (${code})` : ''}`;
  const verb = msg.action({ action });
  const fix = known ? known.fix(context) : msg.unknownFix({ action: verb, orSetting: context.orSetting });
  return new WorkshopError(msg.cannot({ action: verb, where, meaning }), { fix, file, key: role.setting, cause: err });
}

/** `statSync` that answers null for a path that cannot be there (missing, or a file on its way). */
function statOrNull(p: string): Stats | null {
  try {
    return statSync(p, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

/** The path itself if it exists, else its nearest existing parent folder. */
function nearestExisting(p: string): string {
  let current = path.resolve(p);
  while (!statOrNull(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

/** Run a file-system call; any error it throws comes out translated by `fileError`. */
export function withFileErrors<T>(action: FileAction, file: string, role: FileRole, call: () => T): T {
  try {
    return call();
  } catch (err) {
    throw fileError(err, action, file, role);
  }
}

/** Write `data` to `file` atomically; on any failure the previous file is untouched (and the message says so). */
export function writeFileAtomic(file: string, data: string | Uint8Array, role: FileRole = {}): void {
  const dir = path.dirname(file);
  ensureWritableDir(dir, role.setting ?? 'paths.outputs');
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
    const e = fileError(err, 'write', file, role);
    throw new WorkshopError(m().errors.files.previousUnchanged({ problem: e.problem }), {
      fix: e.fix ?? undefined,
      ...e.context,
      cause: err,
    });
  }
}

/**
 * Create `dir` if needed and check we can write in it; one clear error otherwise, naming
 * the setting that chose the folder (`setting`, e.g. `paths.outputs`).
 */
export function ensureWritableDir(dir: string, setting = 'paths.outputs'): void {
  if (statOrNull(dir)?.isFile()) {
    throw new WorkshopError(m().errors.files.fileNotFolder({ shown: displayPath(dir), setting }), {
      fix: m().errors.files.fileNotFolderFix({ setting }),
      file: dir,
      key: setting,
    });
  }
  withFileErrors(statOrNull(dir)?.isDirectory() ? 'write in' : 'create', dir, { what: 'the folder', setting }, () => {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  });
}

/** A file's bytes; errors translated. */
export function readBytes(file: string, role: FileRole = {}): Buffer {
  return withFileErrors('read', file, role, () => readFileSync(file));
}

/**
 * Read a text file that must be UTF-8. A byte sequence that is not valid UTF-8 (a file
 * saved as Latin-1 or Windows-1252 by a spreadsheet, typically) is reported with its line
 * and byte offset instead of being silently turned into `�`. A leading BOM is removed.
 */
export function readTextUtf8(file: string, role: FileRole = {}): string {
  return decodeUtf8(readBytes(file, role), file, role);
}

/** The bytes of `file` as UTF-8 text, checked as `readTextUtf8` checks them (a leading BOM removed). */
export function decodeUtf8(bytes: Buffer, file: string, role: FileRole = {}): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const line = bytes.subarray(0, offset).filter((b) => b === 0x0a).length + 1;
    const msg = m().errors.files;
    throw new WorkshopError(
      msg.notUtf8({
        what: role.what ? msg.what({ what: role.what }) : '',
        shown: displayPath(file),
        byte: bytes[offset].toString(16).padStart(2, '0'),
        line,
        offset,
      }),
      { fix: msg.notUtf8Fix, file, key: role.setting },
    );
  }
}

/** The names in a folder (sorted); errors translated. */
export function listDir(dir: string, role: FileRole = {}): string[] {
  return withFileErrors('list', dir, role, () => readdirSync(dir)).sort();
}

/** The entries of a folder with their types; errors translated. */
export function listDirEntries(dir: string, role: FileRole = {}): Dirent[] {
  return withFileErrors('list', dir, role, () => readdirSync(dir, { withFileTypes: true }));
}

/** Size of a file in bytes, or null when there is none. */
export function fileSize(file: string): number | null {
  return statOrNull(file)?.size ?? null;
}

/** Copy a file (into a folder created if needed); errors translated. */
export function copyFile(source: string, target: string, role: FileRole = {}): void {
  ensureWritableDir(path.dirname(target), role.setting);
  withFileErrors('write', target, role, () => copyFileSync(source, target));
}

/** Delete a file if it is there; errors translated. */
export function removeFile(file: string, role: FileRole = {}): void {
  withFileErrors('remove', file, role, () => rmSync(file, { force: true }));
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

/**
 * A file's bytes, at most `maxBytes` of them: only a regular file is read (stat first), its size
 * is checked before reading and again while reading (a file still being written), and it is
 * opened non-blocking, so a file swapped for a pipe after the check cannot hang the read.
 *
 * @example
 * readBytesBounded('/dev/zero', 1024 ** 2, refusals) // → refusals.notRegular(stat): never opened
 */
export function readBytesBounded(file: string, maxBytes: number, refuse: BoundedReadRefusals, role: FileRole = {}): Buffer {
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch (err) {
    throw fileError(err, 'read', file, role);
  }
  if (!stat.isFile()) return refuse.notRegular(stat);
  if (stat.size > maxBytes) return refuse.tooLarge(stat.size);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw fileError(err, 'read', file, role);
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
    throw fileError(err, 'read', file, role);
  } finally {
    closeSync(fd);
  }
}

/** `length` bytes of a file from `position` (fewer at its end). */
export function readRange(file: string, position: number, length: number, role: FileRole = {}): Buffer {
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
    throw fileError(err, 'read', file, role);
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
export function* readLines(file: string, role: FileRole = {}): Generator<string> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw fileError(err, 'read', file, role);
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
          m().errors.files.notUtf8Near({ shown: displayPath(file), line, offset: lineStart + firstInvalidUtf8Offset(bytes) }),
          { fix: m().errors.files.notUtf8NearFix, file },
        );
      }
    };
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        throw fileError(err, 'read', file, role);
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

  constructor(
    readonly file: string,
    readonly role: FileRole = {},
  ) {
    const dir = path.dirname(file);
    ensureWritableDir(dir, role.setting ?? 'paths.outputs');
    this.tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`);
    try {
      this.fd = openSync(this.tmp, 'w');
    } catch (err) {
      throw fileError(err, 'write', file, this.role);
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
    if (this.fd === null)
      throw new WorkshopError(m().errors.files.writerClosed({ shown: displayPath(this.file) }), {
        fix: m().errors.files.writerClosedFix,
        file: this.file,
      });
    const fd = this.fd;
    const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    try {
      for (let done = 0; done < data.length; ) done += writeSync(fd, data, done);
    } catch (err) {
      this.abort();
      throw fileError(err, 'write', this.file, this.role);
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
      throw fileError(err, 'write', this.file, this.role);
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
