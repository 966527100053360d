import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultTemplateFor, loadTemplate, placeholdersOf, renderTemplate } from '../src/core/prompts';

const PROMPTS = path.resolve(__dirname, '..', 'data', 'prompts');

test('every shipped template uses {{document}} and nothing else', () => {
  const files = readdirSync(PROMPTS).filter((f) => f.endsWith('.txt'));
  assert.deepEqual(files.sort(), ['classify_ticket.txt', 'claude.txt', 'llama.txt', 'nova.txt', 'source.txt']);
  for (const f of files) {
    const t = loadTemplate(path.join(PROMPTS, f));
    assert.deepEqual(t.placeholders, ['document']);
    const rendered = renderTemplate(t, { document: 'THE-DOC' });
    assert.ok(rendered.includes('THE-DOC'));
    assert.ok(!rendered.includes('{{'), `${f} left braces behind`);
  }
});

test('placeholdersOf lists each placeholder once, tolerating inner spaces', () => {
  assert.deepEqual(placeholdersOf('{{a}} {{ b }} {{a}} {single}'), ['a', 'b']);
  assert.deepEqual(placeholdersOf('no slots'), []);
});

test('a typo in a placeholder is an error naming the file and the placeholder', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'prompts-'));
  const file = path.join(dir, 'typo.txt');
  writeFileSync(file, 'Summarize: {{documnet}}');
  assert.throws(() => loadTemplate(file), /typo\.txt uses unknown placeholder\(s\) \{\{documnet\}\}/);
  writeFileSync(file, 'Summarize this.');
  assert.throws(() => loadTemplate(file), /never uses \{\{document\}\}/);
  assert.throws(() => loadTemplate(path.join(dir, 'absent.txt')), /Cannot read the prompt template .*absent\.txt \(ENOENT\)/);
});

test('renderTemplate refuses to leave a slot unfilled', () => {
  assert.throws(() => renderTemplate('{{document}} {{extra}}', { document: 'x' }), /No value for \{\{extra\}\}/);
  // Values are inserted verbatim, even when they look like placeholders or $-patterns.
  assert.equal(renderTemplate('[{{document}}]', { document: '{{x}} $& $1' }), '[{{x}} $& $1]');
});

test('defaultTemplateFor maps a model family to its template', () => {
  assert.equal(defaultTemplateFor('claude'), 'data/prompts/claude.txt');
  assert.equal(defaultTemplateFor('nova'), 'data/prompts/nova.txt');
  assert.equal(defaultTemplateFor('mistral'), 'data/prompts/source.txt');
});
