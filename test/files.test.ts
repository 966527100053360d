import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AtomicFileWriter,
  ensureWritableDir,
  firstInvalidUtf8Offset,
  readBytesBounded,
  readLines,
  readTextUtf8,
  writeFileAtomic,
} from '../src/core/files';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'files-'));

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
    /Could not write .*blocker\.csv \(EISDIR|Could not write .*blocker\.csv/,
  );
  assert.equal(readFileSync(file, 'utf8'), 'precious');
  assert.deepEqual(readdirSync(dir).sort(), ['a.csv', 'blocker.csv']);
});

test('an unwritable folder gives one clear error naming it', { skip: process.getuid?.() === 0 ? 'root can write anywhere' : false }, () => {
  const dir = tmp();
  chmodSync(dir, 0o500);
  assert.throws(() => ensureWritableDir(dir), /Cannot write to the folder .* \(EACCES; paths\.outputs\)/);
});

test('a folder that cannot be created gives one clear error naming it', () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'file'), '');
  assert.throws(
    () => ensureWritableDir(path.join(dir, 'file', 'sub')),
    /Cannot write to the folder .*file\/sub \((ENOTDIR|EEXIST); paths\.outputs\)\. Fix:/,
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
  assert.throws(() => readTextUtf8(path.join(dir, 'none.csv')), /File not found: .*none\.csv/);
});

test('firstInvalidUtf8Offset finds overlong and truncated sequences', () => {
  assert.equal(firstInvalidUtf8Offset(Buffer.from('abc')), 3);
  assert.equal(firstInvalidUtf8Offset(Buffer.from([0x61, 0xc0, 0x80])), 1); // overlong
  assert.equal(firstInvalidUtf8Offset(Buffer.from([0x61, 0xe2, 0x82])), 1); // truncated €
  assert.equal(firstInvalidUtf8Offset(Buffer.from([0xed, 0xa0, 0x80])), 0); // surrogate
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
  assert.throws(() => [...readLines(path.join(dir, 'missing.txt'))], /Cannot read .*missing\.txt \(ENOENT\)\. Fix: check that the file exists/);
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
  assert.throws(() => readBytesBounded(path.join(tmp(), 'none.csv'), 1024, refuse), /Cannot read .*none\.csv \(ENOENT\)\. Fix:/);
});
