import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { WorkshopError } from '../src/core/errors';

const ROOT = path.resolve(__dirname, '..');

test('a WorkshopError reads "<what>. Fix: <what to do>", and keeps where in its context', () => {
  const e = new WorkshopError('The dataset x.csv has no column "text".', { fix: 'Fix: rename it.', file: 'x.csv', column: 'text' });
  assert.equal(e.message, 'The dataset x.csv has no column "text". Fix: rename it.');
  assert.deepEqual(e.context, { file: 'x.csv', column: 'text' });
});

test('every error the library raises for a person names the fix (each `new WorkshopError` in src is given a fix)', () => {
  const missing: string[] = [];
  const check = (file: string) => {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && node.expression.getText(source) === 'WorkshopError') {
        const options = node.arguments?.[1];
        const hasFix =
          options !== undefined &&
          (!ts.isObjectLiteralExpression(options) ||
            options.properties.some((p) => ts.isSpreadAssignment(p) || p.name?.getText(source) === 'fix'));
        if (!hasFix) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          missing.push(`${path.relative(ROOT, file)}:${line + 1}: ${node.getText(source).slice(0, 120)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) check(full);
    }
  };
  walk(path.join(ROOT, 'src'));
  assert.deepEqual(missing, []);
});
