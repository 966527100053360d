import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkEnvironment } from '../src/steps/setup/environment';

function fakeRepo(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'envcheck-'));
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { good: '1.2.3', old: '2.0.0', gone: '1.0.0' } }));
  for (const [name, version] of [
    ['good', '1.2.3'],
    ['old', '1.9.0'],
  ]) {
    mkdirSync(path.join(root, 'node_modules', name), { recursive: true });
    writeFileSync(path.join(root, 'node_modules', name, 'package.json'), JSON.stringify({ version }));
  }
  mkdirSync(path.join(root, 'src'));
  writeFileSync(path.join(root, 'src', 'a.ts'), '');
  return root;
}

test('reports Node.js, each dependency and the compiled library with a fix', () => {
  const root = fakeRepo();
  const checks = checkEnvironment(root, 'v20.20.2');
  const by = Object.fromEntries(checks.map((c) => [c.check, c]));
  assert.equal(by['Node.js'].status, 'ok');
  assert.equal(by.good.status, 'ok');
  assert.equal(by.old.status, 'warning');
  assert.match(by.old.detail, /1\.9\.0 installed, 2\.0\.0 pinned/);
  assert.equal(by.gone.status, 'problem');
  assert.match(by.gone.fix, /npm ci/);
  assert.equal(by['compiled library (dist/)'].status, 'problem');

  mkdirSync(path.join(root, 'dist'));
  writeFileSync(path.join(root, 'dist', 'a.js'), '');
  const past = new Date(Date.now() - 60_000);
  utimesSync(path.join(root, 'dist', 'a.js'), past, past);
  assert.equal(checkEnvironment(root).find((c) => c.check.startsWith('compiled'))!.status, 'warning');
  utimesSync(path.join(root, 'src', 'a.ts'), new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
  assert.equal(checkEnvironment(root).find((c) => c.check.startsWith('compiled'))!.status, 'ok');
});

test('an old Node.js is a problem with the fix named', () => {
  const [node] = checkEnvironment(fakeRepo(), 'v18.20.0');
  assert.equal(node.status, 'problem');
  assert.match(node.fix, /20\.19\.0 or newer/);
  assert.equal(checkEnvironment(fakeRepo(), 'v22.1.0')[0].status, 'ok');
  assert.equal(checkEnvironment(fakeRepo(), 'v20.18.9')[0].status, 'problem');
});
