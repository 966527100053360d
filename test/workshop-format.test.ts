import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  cellIdFor,
  checkNotebook,
  codeCell,
  markdownCell,
  newNotebook,
  readNotebook,
  stripOutputs,
  toLines,
  withWorkedAnswers,
  workedAnswers,
  writeNotebook,
  type Notebook,
} from '../src/workshop/notebook';

const scratch = () => mkdtempSync(path.join(tmpdir(), 'nb-format-'));

test('cells: source split into nbformat lines, stable ids from the source unless given', () => {
  assert.deepEqual(toLines('a\nb\n'), ['a\n', 'b\n']);
  assert.deepEqual(toLines('a\nb'), ['a\n', 'b']);
  assert.deepEqual(toLines(''), []);
  const cell = codeCell("console.log('hi');");
  assert.deepEqual(cell, {
    cell_type: 'code',
    id: cellIdFor("console.log('hi');"),
    metadata: {},
    source: ["console.log('hi');"],
    outputs: [],
    execution_count: null,
  });
  assert.match(cell.id, /^c-[0-9a-f]{8}$/);
  assert.equal(codeCell("console.log('hi');").id, cell.id, 'same source, same id');
  assert.notEqual(codeCell('1').id, codeCell('2').id);
  assert.deepEqual(markdownCell('# T', 'intro'), { cell_type: 'markdown', id: 'intro', metadata: {}, source: ['# T'] });
});

test('a new notebook is nbformat 4.5 for the tslab kernel; repeated ids get a suffix', () => {
  const nb = newNotebook([markdownCell('same'), markdownCell('same'), codeCell('1', 'x')]);
  assert.deepEqual(nb.metadata.kernelspec, { display_name: 'TypeScript (tslab)', language: 'typescript', name: 'tslab' });
  assert.equal((nb.metadata.language_info as { name: string }).name, 'typescript');
  assert.deepEqual([nb.nbformat, nb.nbformat_minor], [4, 5]);
  assert.deepEqual(
    nb.cells.map((c) => c.id),
    [cellIdFor('same'), `${cellIdFor('same')}-2`, 'x'],
  );
  assert.deepEqual(checkNotebook(nb), []);
});

test('notebooks are written atomically, laid out like Jupyter, and read back', () => {
  const dir = scratch();
  const file = path.join(dir, 'n.ipynb');
  writeFileSync(file, 'old content');
  const nb = newNotebook([codeCell('const a = 1;\na', 'one')]);
  writeNotebook(file, nb);
  assert.deepEqual(readdirSync(dir), ['n.ipynb'], 'no temp file left behind');
  const text = readFileSync(file, 'utf8');
  // Keys sorted, 1-space indent, trailing newline: what Jupyter itself writes.
  assert.ok(
    text.startsWith(
      '{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": null,\n   "id": "one",\n   "metadata": {},\n   "outputs": [],\n   "source": [\n    "const a = 1;\\n",\n    "a"\n   ]\n  }\n ],\n "metadata": {\n  "kernelspec": {\n   "display_name"',
    ),
    text,
  );
  assert.ok(text.endsWith('"nbformat": 4,\n "nbformat_minor": 5\n}\n'));
  assert.deepEqual(readNotebook(file), nb);
});

test('reading a broken notebook gives one error naming the file and the fix', () => {
  const dir = scratch();
  const bad = path.join(dir, 'bad.ipynb');
  writeFileSync(bad, '{"cells": [');
  assert.throws(
    () => readNotebook(bad),
    /^WorkshopError: The notebook .*bad\.ipynb is not valid JSON \(.*\)\. Fix: undo the last hand edit, or restore it with `git checkout -- .*bad\.ipynb`\.$/,
  );
  const notNb = path.join(dir, 'list.ipynb');
  writeFileSync(notNb, '[1, 2]');
  assert.throws(() => readNotebook(notNb), /list\.ipynb is not a Jupyter notebook \(no "cells" list\)\. Fix:/);
  assert.throws(
    () => readNotebook(path.join(dir, 'missing.ipynb')),
    /Cannot read the notebook .*missing\.ipynb: it does not exist \(ENOENT\)\. Fix: check the path/,
  );
});

test('stripOutputs clears outputs and counts without touching the original', () => {
  const nb = newNotebook([codeCell('1', 'a')]);
  nb.cells[0].outputs = [{ output_type: 'stream', name: 'stdout', text: ['1\n'] }];
  nb.cells[0].execution_count = 1;
  const clean = stripOutputs(nb);
  assert.deepEqual([clean.cells[0].outputs, clean.cells[0].execution_count], [[], null]);
  assert.equal(nb.cells[0].execution_count, 1);
  assert.deepEqual(checkNotebook(nb), ['cell 1 (a) was committed with outputs']);
  assert.deepEqual(checkNotebook(clean), []);
});

test('checkNotebook lists every problem: kernel, nbformat, missing and repeated ids, outputs', () => {
  const nb: Notebook = {
    cells: [
      { cell_type: 'markdown', id: '', metadata: {}, source: 'x' },
      { cell_type: 'code', id: 'a', metadata: {}, source: '1', outputs: [], execution_count: null },
      { cell_type: 'code', id: 'a', metadata: {}, source: '2', outputs: [], execution_count: 3 },
    ],
    metadata: { kernelspec: { name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 4,
  };
  assert.deepEqual(checkNotebook(nb), [
    'kernelspec is "python3", not "tslab"',
    'nbformat 4.4 (4.5 needed for cell ids)',
    'cell 1 has no id',
    'cell 3 repeats the id a',
    'cell 3 (a) was committed with outputs',
  ]);
});

test('worked answers: the fenced code of each tagged, collapsed markdown cell; run as a code cell right after it; checked when committed', () => {
  const answer = (id: string, body: string) => ({ ...markdownCell(body, id), metadata: { tags: ['worked-answer'] } });
  const nb = newNotebook([
    markdownCell('**Try it 1.** Print two.', 'try-1'),
    answer('try-1-answer', '<details>\n<summary>Worked answer</summary>\n\n```typescript\nconsole.log(1 + 1);\n```\n\nTwo.\n</details>'),
    codeCell('const x = 1;', 'code'),
    answer('try-2-answer', '<details><summary>Worked answer</summary>\n\n```ts\nconst y = x;\nconsole.log(y);\n```\n</details>'),
    markdownCell('```typescript\nnot an answer: no tag\n```', 'plain'),
  ]);
  assert.deepEqual(workedAnswers(nb), [
    { cellId: 'try-1-answer', index: 1, code: 'console.log(1 + 1);' },
    { cellId: 'try-2-answer', index: 3, code: 'const y = x;\nconsole.log(y);' },
  ]);
  assert.deepEqual(checkNotebook(nb), []);
  const run = withWorkedAnswers(nb);
  assert.deepEqual(
    run.cells.map((c) => `${c.cell_type}:${c.id}`),
    [
      'markdown:try-1',
      'markdown:try-1-answer',
      'code:try-1-answer-run',
      'code:code',
      'markdown:try-2-answer',
      'code:try-2-answer-run',
      'markdown:plain',
    ],
  );
  assert.deepEqual(run.cells[2].source, ['console.log(1 + 1);']);
  assert.deepEqual(run.cells[2].metadata, { workshop: { answerOf: 'try-1-answer' } });
  assert.equal(nb.cells.length, 5, 'the original is untouched');
  // An answer without code, or shown open, is a problem in a committed notebook.
  const bad = newNotebook([
    answer('no-code', '<details><summary>W</summary>\nJust prose.\n</details>'),
    answer('open', '<details open>\n\n```typescript\n1\n```\n</details>'),
  ]);
  assert.deepEqual(checkNotebook(bad), [
    'cell 1 (no-code) is a worked answer without a ```typescript block',
    'cell 2 (open) is a worked answer that is not collapsed (wrap it in <details>)',
  ]);
});
