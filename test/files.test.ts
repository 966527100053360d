import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs, { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkshopError } from '../src/core/errors';
import { AppendFile } from '../src/core/append-file';
import {
  AtomicFileWriter,
  ensureWritableDir,
  FILE_ERROR_CODES,
  fileError,
  firstInvalidUtf8Offset,
  readBytesBounded,
  readLines,
  readTextUtf8,
  writeFileAtomic,
} from '../src/core/files';
import { loadDataset } from '../src/core/dataset';
import { Checkpoint } from '../src/runs/checkpoint';

const ROOT = path.resolve(__dirname, '..');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'files-'));
const asRoot = process.getuid?.() === 0;
const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

test('writeFileAtomic replaces the file and leaves no temporary behind', () => {
  const dir = tmp();
  const file = path.join(dir, 'a.csv');
  writeFileAtomic(file, 'one');
  writeFileAtomic(file, 'two');
  assert.equal(readFileSync(file, 'utf8'), 'two');
  assert.deepEqual(readdirSync(dir), ['a.csv']);
});

test('a failed write leaves the old file byte-identical', () => {
  const dir = tmp();
  const file = path.join(dir, 'a.csv');
  writeFileSync(file, 'precious');
  mkdirSync(path.join(dir, 'blocker.csv')); // renaming a file over a folder fails
  assert.throws(
    () => writeFileAtomic(path.join(dir, 'blocker.csv'), 'x'),
    /Cannot write .*blocker\.csv: a folder of that name is in the way \(EISDIR\)\. The previous version, if any, is unchanged\. Fix: move or rename the folder/,
  );
  assert.equal(readFileSync(file, 'utf8'), 'precious');
  assert.deepEqual(readdirSync(dir).sort(), ['a.csv', 'blocker.csv']);
});

test('an unwritable folder gives one clear error naming it', { skip: asRoot ? 'root can write anywhere' : false }, () => {
  const dir = tmp();
  chmodSync(dir, 0o500);
  assert.throws(
    () => ensureWritableDir(dir),
    /Cannot write in the folder .* \(paths\.outputs\): permission denied \(EACCES\)\. Fix: make .* writable by your user .*chmod u\+w.*, or point paths\.outputs to a folder you can write/,
  );
});

test('a folder that cannot be created gives one clear error naming it', () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'file'), '');
  assert.throws(
    () => ensureWritableDir(path.join(dir, 'file', 'sub')),
    /Cannot create the folder .*file\/sub \(paths\.outputs\): a part of its path is a file, not a folder \((ENOTDIR|EEXIST)\)\. Fix:/,
  );
  assert.throws(
    () => ensureWritableDir(path.join(dir, 'file'), 'WORKSHOP_OUTPUTS_DIR'),
    /file is a file, not a folder \(WORKSHOP_OUTPUTS_DIR\)\. Fix: point WORKSHOP_OUTPUTS_DIR .* or move that file away/,
  );
});

test('readTextUtf8 strips a BOM and names line and offset of a bad byte', () => {
  const dir = tmp();
  const ok = path.join(dir, 'ok.csv');
  writeFileSync(ok, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('document\nMigração\n')]));
  assert.equal(readTextUtf8(ok), 'document\nMigração\n');
  const bad = path.join(dir, 'latin1.csv');
  writeFileSync(bad, Buffer.concat([Buffer.from('document\nMigra'), Buffer.from([0xe7, 0xe3]), Buffer.from('o\n')]));
  assert.throws(() => readTextUtf8(bad), /latin1\.csv is not valid UTF-8: byte 0xe7 at line 2 \(byte offset 14\)/);
  assert.throws(
    () => readTextUtf8(path.join(dir, 'none.csv')),
    /Cannot read .*none\.csv: it does not exist \(ENOENT\)\. Fix: check the path/,
  );
});

test('firstInvalidUtf8Offset finds overlong and truncated sequences', () => {
  assert.equal(firstInvalidUtf8Offset(Buffer.from('abc')), 3);
  assert.equal(firstInvalidUtf8Offset(Buffer.from([0x61, 0xc0, 0x80])), 1); // overlong
  assert.equal(firstInvalidUtf8Offset(Buffer.from([0x61, 0xe2, 0x82])), 1); // truncated €
  assert.equal(firstInvalidUtf8Offset(Buffer.from([0xed, 0xa0, 0x80])), 0); // surrogate
});

test('fileError: every listed code says what, where, the setting, and a fix — for reads and writes', () => {
  for (const code of Object.keys(FILE_ERROR_CODES)) {
    for (const action of ['read', 'write'] as const) {
      const e = fileError(errno(code), action, '/data/x/docs.csv', { what: 'the dataset', setting: 'dataset.path' });
      assert.ok(e instanceof WorkshopError);
      assert.match(
        e.message,
        new RegExp(`^Cannot ${action} the dataset /data/x/docs\\.csv \\(dataset\\.path\\): [a-z].* \\(${code}\\)\\. Fix: \\S`),
        e.message,
      );
      assert.ok(e.fix && e.fix.length > 20 && e.fix.endsWith('.'), `${code} ${action}: ${e.fix}`);
      assert.equal(e.context.file, '/data/x/docs.csv');
      assert.equal(e.context.key, 'dataset.path');
      assert.equal((e.cause as { code: string }).code, code);
    }
  }
  // Each code's fix is its own (not one generic sentence for all).
  const fixes = new Set(
    Object.keys(FILE_ERROR_CODES).map((c) => fileError(errno(c), 'write', '/o/f.csv', { setting: 'paths.outputs' }).fix),
  );
  assert.ok(fixes.size >= Object.keys(FILE_ERROR_CODES).length - 2, [...fixes].join('\n'));
  // The codes the issue names, word for word.
  assert.match(
    fileError(errno('ENOSPC'), 'write', '/o/f.csv', { setting: 'paths.outputs' }).message,
    /the disk is full \(ENOSPC\)\. Fix: free space on the disk that holds \/o \(`df -h \/o`/,
  );
  assert.match(
    fileError(errno('EMFILE'), 'read', '/o/f.csv').message,
    /too many files open \(EMFILE\)\. Fix: lower benchmark\.num_parallel_calls, or raise the limit .*ulimit -n 4096/,
  );
  assert.match(
    fileError(errno('EPERM'), 'write', '/o/f.csv', { setting: 'paths.outputs' }).message,
    /not permitted \(EPERM\)\. Fix: make \/o writable .*or point paths\.outputs to a folder you can write/,
  );
  // An unknown code keeps the system's words, and still has a fix; a WorkshopError passes through.
  assert.match(
    fileError(errno('EWEIRD'), 'read', '/o/f.csv').message,
    /Cannot read \/o\/f\.csv: EWEIRD: simulated\. Fix: check the path and that you may read it\./,
  );
  const w = new WorkshopError('x', { fix: 'y' });
  assert.equal(fileError(w, 'read', '/f'), w);
});

test('ENOSPC and EMFILE in the middle of a write (injected): the atomic write says so, leaves the old file, and no temporary', (t) => {
  const dir = tmp();
  const file = path.join(dir, 'evaluation_tracking.csv');
  writeFileSync(file, 'precious');
  const full = t.mock.method(fs, 'writeSync', () => {
    throw errno('ENOSPC');
  });
  assert.throws(
    () => writeFileAtomic(file, 'new', { what: 'the tracking CSV', setting: 'paths.tracking' }),
    /Cannot write the tracking CSV .*evaluation_tracking\.csv \(paths\.tracking\): the disk is full \(ENOSPC\)\. The previous version, if any, is unchanged\. Fix: free space/,
  );
  full.mock.restore();
  t.mock.method(fs, 'openSync', () => {
    throw errno('EMFILE');
  });
  assert.throws(() => writeFileAtomic(file, 'new'), /too many files open \(EMFILE\).*Fix: lower benchmark\.num_parallel_calls/);
  mock.restoreAll();
  assert.equal(readFileSync(file, 'utf8'), 'precious');
  assert.deepEqual(readdirSync(dir), ['evaluation_tracking.csv']);
});

test('ENOSPC while appending to a checkpoint (injected) names the checkpoint, the setting and the fix', (t) => {
  const dir = tmp();
  const cp = new Checkpoint<{ n: number }>(path.join(dir, 'checkpoints', 'run.jsonl'));
  cp.append({ n: 1 });
  t.mock.method(fs, 'writeSync', () => {
    throw errno('ENOSPC');
  });
  assert.throws(
    () => cp.append({ n: 2 }),
    /Cannot append to the checkpoint .*run\.jsonl \(paths\.outputs\): the disk is full \(ENOSPC\)\. Fix: free space .* or point paths\.outputs to another disk/,
  );
  mock.restoreAll();
  cp.close();
  assert.deepEqual(cp.read().rows, [{ n: 1 }]);
});

test('a checkpoint folder that cannot be made (a file in the way) names it and the fix — also as root', () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'checkpoints'), 'not a folder');
  const cp = new Checkpoint(path.join(dir, 'checkpoints', 'run.jsonl'));
  assert.throws(
    () => cp.append({ n: 1 }),
    (e: unknown) => e instanceof WorkshopError && /checkpoints is a file, not a folder \(paths\.outputs\)\. Fix: /.test(e.message),
  );
  const under = new Checkpoint(path.join(dir, 'checkpoints', 'deeper', 'run.jsonl'));
  assert.throws(() => under.append({ n: 1 }), /a part of its path is a file, not a folder \((ENOTDIR|EEXIST)\)\. Fix: check the path/);
});

test('a read-only checkpoints folder: "permission denied" with the folder and the fix, not a raw EACCES', {
  skip: asRoot ? 'root can write anywhere (the injected-error tests above cover the message)' : false,
}, () => {
  const dir = tmp();
  mkdirSync(path.join(dir, 'checkpoints'));
  chmodSync(path.join(dir, 'checkpoints'), 0o500);
  const cp = new Checkpoint(path.join(dir, 'checkpoints', 'run.jsonl'));
  assert.throws(
    () => cp.append({ n: 1 }),
    /Cannot write in the folder .*checkpoints \(paths\.outputs\): permission denied \(EACCES\)\. Fix: make .*checkpoints writable by your user/,
  );
});

test('a folder given as the dataset: what it is, the setting, and a file to give instead', async () => {
  const dir = tmp();
  await assert.rejects(
    () => loadDataset({ path: dir, sheet: null, columns: { document: 'document' } } as never),
    (e: unknown) =>
      e instanceof WorkshopError &&
      /^Cannot read the dataset .* \(dataset\.path\): it is a folder, not a file \(EISDIR\)\. Fix: give the path of a file inside that folder \(e\.g\. .*<name>\.csv\), or change dataset\.path\.$/.test(
        e.message,
      ),
  );
});

test('AppendFile: the folder made on the first write; an unwritable place is named with its setting and a Fix', () => {
  const dir = tmp();
  const f = new AppendFile(path.join(dir, 'a', 'b.log'));
  f.append('x\n');
  f.append('y\n');
  f.close();
  assert.equal(readFileSync(path.join(dir, 'a', 'b.log'), 'utf8'), 'x\ny\n');
  // A file where the folder should be: the error names it, the setting and the fix.
  writeFileSync(path.join(dir, 'taken'), '');
  const g = new AppendFile(path.join(dir, 'taken', 'c.log'), { what: 'the checkpoint', setting: 'paths.outputs' });
  g.append('z\n');
  assert.throws(
    () => g.close(),
    (e: unknown) => e instanceof WorkshopError && /paths\.outputs/.test(e.message) && /Fix:/.test(e.message),
  );
});

test('every read and write of the library goes through src/core/files.ts (its error translator)', () => {
  const banned =
    /\b(readFileSync|writeFileSync|appendFileSync|openSync|writeSync|mkdirSync|copyFileSync|readdirSync|rmSync|renameSync|unlinkSync|createReadStream|createWriteStream|readFile|writeFile)\b/;
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (
        entry.name.endsWith('.ts') &&
        // files.ts translates the errors; append-file.ts batches appends and uses files.ts's translator.
        ![path.join(ROOT, 'src', 'core', 'files.ts'), path.join(ROOT, 'src', 'core', 'append-file.ts')].includes(full)
      ) {
        const text = fs.readFileSync(full, 'utf8');
        for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'node:fs(\/promises)?'/g))
          if (banned.test(m[1]) || m[2]) offenders.push(`${path.relative(ROOT, full)}: ${m[0].replace(/\s+/g, ' ')}`);
        if (/from\s*'node:fs\/promises'|require\('(node:)?fs'\)|import \* as \w+ from 'node:fs'|import fs from 'node:fs'/.test(text))
          offenders.push(`${path.relative(ROOT, full)}: a whole-module fs import`);
      }
    }
  };
  walk(path.join(ROOT, 'src'));
  assert.deepEqual(
    offenders,
    [],
    'use readTextUtf8 / readBytes / listDir / writeFileAtomic / copyFile / removeFile from core/files, AppendFile from core/append-file',
  );
});

test('readLines gives exactly the lines of split("\\n"), across 64 KB reads and multi-byte characters split between them', () => {
  const dir = tmp();
  // Lines of varied length with 2-, 3- and 4-byte characters, so reads end inside a line and inside a character.
  const words = ['plain', 'ção', '–dash–', '😀 emoji', '', 'x'.repeat(70_000), '\r'];
  const lines = Array.from({ length: 3000 }, (_, i) => `${i}:${words[i % words.length]}${words[(i * 3) % words.length]}`);
  for (const text of [lines.join('\n'), `${lines.join('\n')}\n`, '', '\n', 'one line']) {
    const file = path.join(dir, 'l.txt');
    writeFileSync(file, text);
    assert.deepEqual([...readLines(file)], text.split('\n'));
  }
  writeFileSync(path.join(dir, 'bom.txt'), '\ufeffa\nb');
  assert.deepEqual([...readLines(path.join(dir, 'bom.txt'))], ['a', 'b']);
  const bad = path.join(dir, 'bad.txt');
  writeFileSync(bad, Buffer.concat([Buffer.from('ok\nok\nMigra'), Buffer.from([0xe7]), Buffer.from('ao\n')]));
  assert.throws(() => [...readLines(bad)], /bad\.txt is not valid UTF-8: at line 3 \(near byte offset 11\)\. Fix: save the file as UTF-8/);
  assert.throws(
    () => [...readLines(path.join(dir, 'missing.txt'))],
    /Cannot read .*missing\.txt: it does not exist \(ENOENT\)\. Fix: check the path/,
  );
});

test('AtomicFileWriter: pieces written as one file on commit; before it, and after abort, the old file stays and no temporary is left', () => {
  const dir = tmp();
  const file = path.join(dir, 'records.jsonl');
  writeFileSync(file, 'old');
  const out = new AtomicFileWriter(file);
  const pieces = Array.from({ length: 5000 }, (_, i) => `{"n":${i},"t":"ção ${'y'.repeat(i % 50)}"}\n`);
  for (const p of pieces) out.write(p);
  out.write(new Uint8Array([0x7b, 0x7d]));
  assert.equal(readFileSync(file, 'utf8'), 'old', 'untouched until commit');
  out.commit();
  assert.equal(readFileSync(file, 'utf8'), `${pieces.join('')}{}`);
  assert.equal(out.bytes, Buffer.byteLength(`${pieces.join('')}{}`));
  assert.deepEqual(readdirSync(dir), ['records.jsonl']);
  const dropped = new AtomicFileWriter(file);
  dropped.write('x'.repeat(200_000));
  dropped.abort();
  dropped.abort();
  assert.equal(readFileSync(file, 'utf8'), `${pieces.join('')}{}`);
  assert.deepEqual(readdirSync(dir), ['records.jsonl']);
  assert.throws(() => dropped.write('y'.repeat(70_000)), /records\.jsonl was already committed or aborted/);
});

test('readBytesBounded: a device is refused from its stat, a file over the limit before it is read', () => {
  const refuse = {
    notRegular: (): never => {
      throw new Error('not regular');
    },
    tooLarge: (bytes: number): never => {
      throw new Error(`too large: ${bytes}`);
    },
  };
  assert.throws(() => readBytesBounded('/dev/zero', 1024, refuse), /not regular/);
  const file = path.join(tmp(), 'a.csv');
  writeFileSync(file, 'x'.repeat(2048));
  assert.throws(() => readBytesBounded(file, 1024, refuse), /too large: 2048/);
  assert.equal(readBytesBounded(file, 2048, refuse).toString(), 'x'.repeat(2048));
  assert.throws(
    () => readBytesBounded(path.join(tmp(), 'none.csv'), 1024, refuse),
    /Cannot read .*none\.csv: it does not exist \(ENOENT\)\. Fix:/,
  );
});
