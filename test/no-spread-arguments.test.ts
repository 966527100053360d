/**
 * No array is spread into a function call anywhere in `src/`.
 *
 * `Math.min(...xs)`, `rows.push(...more)`, `f.apply(null, xs)` pass every element as an
 * argument on the stack: past roughly 100,000–200,000 elements Node throws
 * `RangeError: Maximum call stack size exceeded` — a 200,000-row dataset failed step 1 this
 * way. Biome 2.6 has no rule for it (its `useSpreadOverApply` even recommends the spread), so
 * this test reads the TypeScript syntax tree of every file under `src/` and lists each call
 * (or `new`) that spreads something into its arguments, and each `.apply(…, xs)`.
 *
 * Allowed, because their length is fixed by the source text, not by the data:
 * - a spread of an array literal (`f(...[a, b])`);
 * - forwarding the enclosing function's own rest parameter (`(...parts) => path.resolve(root, ...parts)`):
 *   its length is the caller's argument count, and the caller is checked here too.
 * Everything else: use a loop, or simple-statistics' `min` / `max`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SRC = path.resolve(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The rest parameter names of the functions enclosing `node`. */
function enclosingRestParameters(node: ts.Node): Set<string> {
  const names = new Set<string>();
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) for (const p of n.parameters) if (p.dotDotDotToken && ts.isIdentifier(p.name)) names.add(p.name.text);
  }
  return names;
}

function spreadIsFixed(spread: ts.SpreadElement): boolean {
  const e = spread.expression;
  if (ts.isArrayLiteralExpression(e)) return true;
  return ts.isIdentifier(e) && enclosingRestParameters(spread).has(e.text);
}

/** Every argument spread (and `.apply` with an array) in one file's text, as `file:line: code`. */
function spreadArguments(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, why: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${fileName}:${line + 1}: ${why}: ${node.getText(source).replace(/\s+/g, ' ').slice(0, 100)}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      for (const arg of node.arguments ?? []) if (ts.isSpreadElement(arg) && !spreadIsFixed(arg)) report(arg, 'spread argument');
      const callee = node.expression;
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(callee) &&
        callee.name.text === 'apply' &&
        node.arguments.length === 2 &&
        !ts.isArrayLiteralExpression(node.arguments[1]) &&
        !(ts.isIdentifier(node.arguments[1]) && node.arguments[1].text === 'arguments')
      )
        report(node, '.apply with an array');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('the scan finds spread arguments and leaves fixed ones alone', () => {
  const code = [
    'const a = Math.min(...xs);',
    'rows.push(...more);',
    'const b = new Foo(...args);',
    'const c = Math.max.apply(null, xs);',
    'const d = Math.max(...[1, 2]);',
    'function f(...parts: string[]) { return g(...parts); }',
    'const e = [...xs, ...ys];',
    'const o = { ...p };',
    'const h = (x: number[]) => g(...x);',
  ].join('\n');
  const found = spreadArguments('example.ts', code);
  assert.deepEqual(
    found.map((f) => f.replace(/: .*?: /, ': ')),
    [
      'example.ts:1: ...xs',
      'example.ts:2: ...more',
      'example.ts:3: ...args',
      'example.ts:4: Math.max.apply(null, xs)',
      'example.ts:9: ...x',
    ],
  );
});

test('no array is spread into a call anywhere in src/ (RangeError past ~100,000 elements)', () => {
  const files = sourceFiles(SRC);
  assert.ok(files.length > 50, `expected the library's sources under ${SRC}`);
  const found = files.flatMap((f) => spreadArguments(path.relative(path.resolve(SRC, '..'), f), readFileSync(f, 'utf8')));
  assert.deepEqual(
    found,
    [],
    `Spread arguments in src/ (each element becomes a call argument; large arrays throw RangeError). Fix: use a loop, or simple-statistics' min/max:\n${found.join('\n')}`,
  );
});
