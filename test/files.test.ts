import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureWritableDir, firstInvalidUtf8Offset, readTextUtf8, writeFileAtomic } from '../src/core/files';

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
