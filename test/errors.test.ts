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

/** Whether `node` is (or builds) text written in the source: a string literal or template with letters in it. */
function isLiteralText(node: ts.Node): boolean {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return /[A-Za-z]/.test(node.text);
  if (ts.isTemplateExpression(node))
    return /[A-Za-z]/.test(node.head.text) || node.templateSpans.some((s) => /[A-Za-z]/.test(s.literal.text));
  if (ts.isParenthesizedExpression(node)) return isLiteralText(node.expression);
  if (ts.isBinaryExpression(node)) return isLiteralText(node.left) || isLiteralText(node.right);
  if (ts.isConditionalExpression(node)) return isLiteralText(node.whenTrue) || isLiteralText(node.whenFalse);
  return false;
}

test('every WorkshopError outside the local endpoint takes its problem and fix from the catalogue (m().errors), never English text', () => {
  const where: string[] = [];
  const check = (file: string) => {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const rel = path.relative(ROOT, file);
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && node.expression.getText(source) === 'WorkshopError') {
        const [problem, options] = node.arguments ?? [];
        const fix =
          options && ts.isObjectLiteralExpression(options)
            ? options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === 'fix')
            : undefined;
        if ((problem && isLiteralText(problem)) || (fix && isLiteralText(fix.initializer))) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          where.push(`${rel}:${line + 1}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== path.join(ROOT, 'src', 'local-bedrock')) walk(full);
      } else if (entry.name.endsWith('.ts')) check(full);
    }
  };
  walk(path.join(ROOT, 'src'));
  // the scan itself finds English text (a template problem, a literal fix) and passes the catalogue form
  const args = (code: string) =>
    (
      (ts.createSourceFile('p.ts', code, ts.ScriptTarget.Latest, true).statements[0] as ts.ExpressionStatement)
        .expression as ts.NewExpression
    ).arguments ?? [];
  const [english, englishOptions] = args(`new WorkshopError(\`The \${x} is gone.\`, { fix: 'add it.' })`);
  assert.ok(isLiteralText(english) && isLiteralText((englishOptions as ts.ObjectLiteralExpression).properties[0].getChildAt(2)));
  const [catalogue, catalogueOptions] = args('new WorkshopError(m().errors.x.gone({ x }), { fix: m().errors.x.goneFix, file })');
  assert.ok(!isLiteralText(catalogue) && !isLiteralText((catalogueOptions as ts.ObjectLiteralExpression).properties[0].getChildAt(2)));
  assert.deepEqual(where, [], 'English text given directly to WorkshopError: move it to src/core/i18n/{en,pt-BR}/errors/');
});
