/** File-system errors (`core/files`): what each error code means and its fix, and the module's own refusals (English). */

/** What the library was doing with a path when the file system refused (`FileAction` of `core/files`). */
export type FileActionName = 'read' | 'write' | 'write in' | 'create' | 'list' | 'append to' | 'copy' | 'remove';

/** What a code's meaning and fix may show. */
export interface FileCodeContext {
  action: FileActionName;
  /** The path as people read it; the folder to fix (the nearest existing one for a folder to create). */
  shown: string;
  dir: string;
  /** A file inside the folder `shown`, as an example path (`<shown>/<name>.csv`). */
  example: string;
  /** ", or change <setting>" — or nothing when no setting chose the path. */
  orSetting: string;
  setting: string | undefined;
  reading: boolean;
}

type Code = { meaning: (c: FileCodeContext) => string; fix: (c: FileCodeContext) => string };

/**
 * Each error code a person can cause, what it means and the fix. Codes: POSIX / libuv
 * (https://nodejs.org/api/errors.html#common-system-errors, `man 3 errno`).
 */
const codes = {
  ENOENT: {
    meaning: (c) => (c.reading ? 'it does not exist' : 'a folder on its path does not exist'),
    fix: (c) => `check the path (a relative path starts at the repository root)${c.orSetting}.`,
  },
  EISDIR: {
    meaning: (c) => (c.reading ? 'it is a folder, not a file' : 'a folder of that name is in the way'),
    fix: (c) =>
      c.reading
        ? `give the path of a file inside that folder (e.g. ${c.example}), or change ${c.setting ?? 'the path'}.`
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
} satisfies Record<string, Code>;

export const files = {
  codes: codes as Record<keyof typeof codes, Code>,
  /** "the dataset", "the prompt template": what a file is to a person (the callers' `FileRole.what`, in English). */
  what: (p: { what: string }) => p.what,
  /** The verb of a file action, as the message shows it. */
  action: (p: { action: FileActionName }): string => p.action,
  cannot: (p: { action: string; where: string; meaning: string }) => `Cannot ${p.action} ${p.where}: ${p.meaning}.`,
  orSetting: (p: { setting: string }) => `, or change ${p.setting}`,
  unknownFix: (p: { action: string; orSetting: string }) => `check the path and that you may ${p.action} it${p.orSetting}.`,
  previousUnchanged: (p: { problem: string }) => `${p.problem} The previous version, if any, is unchanged.`,
  fileNotFolder: (p: { shown: string; setting: string }) => `${p.shown} is a file, not a folder (${p.setting}).`,
  fileNotFolderFix: (p: { setting: string }) =>
    `point ${p.setting} (workshop.config.json, or its environment variable) to a folder you can write, or move that file away.`,
  notUtf8: (p: { what: string; shown: string; byte: string; line: number; offset: number }) =>
    `${p.what ? `${p.what[0].toUpperCase()}${p.what.slice(1)} ` : ''}${p.shown} is not valid UTF-8: byte 0x${p.byte} at line ${p.line} (byte offset ${p.offset}).`,
  notUtf8Fix: 'save the file as UTF-8 (in a spreadsheet: "CSV UTF-8").',
  notUtf8Near: (p: { shown: string; line: number; offset: number }) =>
    `${p.shown} is not valid UTF-8: at line ${p.line} (near byte offset ${p.offset}).`,
  notUtf8NearFix: 'save the file as UTF-8.',
  writerClosed: (p: { shown: string }) => `${p.shown} was already committed or aborted.`,
  writerClosedFix: 'write each version of a file through a new AtomicFileWriter (a committed or aborted one takes no more data).',
};
