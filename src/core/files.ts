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
  type Dirent,
  type Stats,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { WorkshopError } from './errors';
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

interface CodeContext {
  action: FileAction;
  /** The path as people read it; the folder to fix (the nearest existing one for a folder to create); the file's extension. */
  shown: string;
  dir: string;
  ext: string;
  /** ", or change <setting>" — or nothing when no setting chose the path. */
  orSetting: string;
  setting: string | undefined;
  reading: boolean;
}

/**
 * Each error code a person can cause, what it means and the fix. Codes: POSIX / libuv
 * (https://nodejs.org/api/errors.html#common-system-errors, `man 3 errno`).
 */
export const FILE_ERROR_CODES: Record<string, { meaning: (c: CodeContext) => string; fix: (c: CodeContext) => string }> = {
  ENOENT: {
    meaning: (c) => (c.reading ? 'it does not exist' : 'a folder on its path does not exist'),
    fix: (c) => `check the path (a relative path starts at the repository root)${c.orSetting}.`,
  },
  EISDIR: {
    meaning: (c) => (c.reading ? 'it is a folder, not a file' : 'a folder of that name is in the way'),
    fix: (c) =>
      c.reading
        ? `give the path of a file inside that folder (e.g. ${path.join(c.shown, `<name>${c.ext}`)}), or change ${c.setting ?? 'the path'}.`
        : `move or rename the folder ${c.shown}${c.orSetting}.`,
  },
  ENOTDIR: {
    meaning: () => 'a part of its path is a file, not a folder',
    fix: (c) => `check the path: every part before the last must be a folder — move away the file that is in the way${c.orSetting}.`,
  },
  EACCES: {
    meaning: () => 'permission denied',
    fix: (c) =>
      c.reading
        ? `make it readable by your user (\`ls -l ${c.shown}\` shows its owner and permissions; \`chmod u+r ${c.shown}\`)${c.orSetting}.`
        : `make ${c.dir} writable by your user (\`ls -ld ${c.dir}\` shows its owner and permissions; \`chmod u+w ${c.dir}\`)${c.setting ? `, or point ${c.setting} to a folder you can write` : ''}.`,
  },
  EPERM: {
    meaning: () => 'the operation is not permitted',
    fix: (c) =>
      `${c.reading ? `make it readable by your user (\`ls -l ${c.shown}\`)` : `make ${c.dir} writable by your user (\`ls -ld ${c.dir}\`; \`chmod u+w ${c.dir}\`)${c.setting ? `, or point ${c.setting} to a folder you can write` : ''}`}; on Windows, close the file if a spreadsheet or editor has it open.`,
  },
  EROFS: {
    meaning: () => 'the disk is read-only',
    fix: (c) => `point ${c.setting ?? 'the path'} to a folder on a writable disk.`,
  },
  ENOSPC: {
    meaning: () => 'the disk is full',
    fix: (c) =>
      `free space on the disk that holds ${c.dir} (\`df -h ${c.dir}\` shows what is left; old runs under outputs/ can go)${c.setting ? `, or point ${c.setting} to another disk` : ''}, then run it again.`,
  },
  EDQUOT: {
    meaning: () => 'your disk quota is used up',
    fix: (c) =>
      `delete files you no longer need (old runs under outputs/ can go)${c.setting ? `, or point ${c.setting} to another disk` : ''}, then run it again.`,
  },
  EMFILE: {
    meaning: () => 'this process has too many files open',
    fix: () =>
      'lower benchmark.num_parallel_calls, or raise the limit before starting Jupyter or `npm run workshop` (`ulimit -n 4096`), then restart the kernel and run it again.',
  },
  ENFILE: {
    meaning: () => 'the system has too many files open',
    fix: () => 'close programs you do not need (and kernels of other notebooks: Kernel → Shut Down), then run it again.',
  },
  ENAMETOOLONG: {
    meaning: () => 'the path is too long',
    fix: (c) => `use a shorter file or folder name${c.orSetting}.`,
  },
  ELOOP: {
    meaning: () => 'its path goes round a loop of symbolic links',
    fix: (c) => `fix the symbolic links on the path (\`ls -l\` each part)${c.orSetting}.`,
  },
  EBUSY: {
    meaning: () => 'another program holds it — busy or locked',
    fix: () => 'close it in the other program (a spreadsheet locks the files it has open), then run it again.',
  },
  ETXTBSY: {
    meaning: () => 'another program holds it — busy',
    fix: () => 'close it in the other program, then run it again.',
  },
  EEXIST: {
    meaning: () => 'something of that name already exists',
    fix: (c) => `move ${c.shown} away or choose another name${c.orSetting}.`,
  },
  EIO: {
    meaning: () => 'the disk reported an input/output error',
    fix: (c) => `check the disk or network drive that holds it; copy the file to a local disk${c.orSetting}.`,
  },
};

const READING: FileAction[] = ['read', 'list', 'copy'];

/**
 * The one translator of file-system errors: an `Error` with a `code` (EISDIR, EACCES,
 * ENOSPC…) becomes a WorkshopError saying what failed, on which path, set by which setting,
 * what the code means, and the fix. A WorkshopError passes through unchanged.
 */
export function fileError(err: unknown, action: FileAction, file: string, role: FileRole = {}): WorkshopError {
  if (err instanceof WorkshopError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const shown = displayPath(file);
  const where = `${role.what ? `${role.what} ` : ''}${shown}${role.setting ? ` (${role.setting})` : ''}`;
  const context: CodeContext = {
    action,
    shown,
    dir: displayPath(action === 'create' ? nearestExisting(file) : action === 'list' || action === 'write in' ? file : path.dirname(file)),
    ext: path.extname(file) || (role.setting?.startsWith('dataset') || role.setting === 'WORKSHOP_DATASET' ? '.csv' : ''),
    orSetting: role.setting ? `, or change ${role.setting}` : '',
    setting: role.setting,
    reading: READING.includes(action),
  };
  const known = code ? FILE_ERROR_CODES[code] : undefined;
  const message = err instanceof Error ? err.message : String(err);
  const meaning = known ? `${known.meaning(context)} (${code})` : `${message}${code && !message.includes(code) ? ` (${code})` : ''}`;
  const fix = known ? known.fix(context) : `check the path and that you may ${action} it${context.orSetting}.`;
  return new WorkshopError(`Cannot ${action} ${where}: ${meaning}.`, { fix, file, key: role.setting, cause: err });
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
    throw new WorkshopError(`${e.problem} The previous version, if any, is unchanged.`, {
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
    throw new WorkshopError(`${displayPath(dir)} is a file, not a folder (${setting}).`, {
      fix: `point ${setting} (workshop.config.json, or its environment variable) to a folder you can write, or move that file away.`,
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
  const bytes = readBytes(file, role);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const line = bytes.subarray(0, offset).filter((b) => b === 0x0a).length + 1;
    throw new WorkshopError(
      `${role.what ? `${role.what[0].toUpperCase()}${role.what.slice(1)} ` : ''}${displayPath(file)} is not valid UTF-8: byte 0x${bytes[offset].toString(16).padStart(2, '0')} at line ${line} (byte offset ${offset}).`,
      { fix: `save the file as UTF-8 (in a spreadsheet: "CSV UTF-8").`, file, key: role.setting },
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
