import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultTemplateFor, loadTemplate, placeholdersOf, renderTemplate } from '../src/core/prompts';
import { knownTasks, loadTask, loadTaskTemplate, taskPrompt, templateFairness } from '../src/core/task';
import { promptFairness, type MigrationPlan } from '../src/steps/plan/migration-plan';

const PROMPTS = path.resolve(__dirname, '..', 'data', 'prompts');

test('every shipped template places the task and the document, and renders every task fully', () => {
  const files = readdirSync(PROMPTS).filter((f) => f.endsWith('.txt'));
  assert.deepEqual(files.sort(), ['claude.txt', 'llama.txt', 'nova.txt', 'source.txt']);
  for (const name of knownTasks()) {
    const task = loadTask(name);
    for (const f of files) {
      const t = loadTaskTemplate(`data/prompts/${f}`);
      assert.deepEqual(t.placeholders.sort(), ['constraints', 'document', 'instruction']);
      const rendered = taskPrompt(task, t, 'THE-DOC');
      assert.ok(rendered.includes('THE-DOC'));
      assert.ok(!rendered.includes('{{'), `${f} left braces behind for ${name}`);
      assert.deepEqual(templateFairness(task, t), { instruction: true, missingConstraints: [] }, `${f} carries all of ${name}`);
    }
  }
});

test('every pt-BR template places the Portuguese task and the document, and carries every Portuguese constraint', () => {
  const dir = path.resolve(__dirname, '..', 'data', 'pt-BR', 'prompts');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  assert.deepEqual(
    files.sort(),
    readdirSync(PROMPTS)
      .filter((f) => f.endsWith('.txt'))
      .sort(),
    'one pt-BR template per English one',
  );
  const task = loadTask('document_summarization', { language: 'pt-BR' });
  assert.equal(task.language, 'pt-BR');
  assert.equal(task.instruction, 'Resuma o documento para um leitor de negócios sem tempo.');
  for (const f of files) {
    const english = loadTaskTemplate(`data/prompts/${f}`);
    const t = loadTaskTemplate(`data/pt-BR/prompts/${f}`);
    assert.deepEqual(t.placeholders.sort(), english.placeholders.sort(), `${f}: the same placeholders as the English template`);
    const rendered = taskPrompt(task, t, 'O-DOCUMENTO');
    assert.ok(rendered.includes('O-DOCUMENTO') && !rendered.includes('{{'));
    assert.deepEqual(templateFairness(task, t), { instruction: true, missingConstraints: [] }, `${f} carries the whole Portuguese task`);
  }
});

test('a task without a translation keeps its own words in any language; a translation for an unknown language is refused', () => {
  const classification = loadTask('ticket_classification', { language: 'pt-BR' });
  assert.equal(classification.language, 'en');
  assert.equal(classification.instruction, loadTask('ticket_classification').instruction);
  const dir = mkdtempSync(path.join(tmpdir(), 'tasks-'));
  const file = path.join(dir, 'fr.json');
  writeFileSync(
    file,
    JSON.stringify({
      ...JSON.parse(readFileSync(path.resolve(__dirname, '..', 'data', 'tasks', 'document_summarization.json'), 'utf8')),
      translations: { fr: { description: 'd', instruction: 'Résumez.', constraints: ['Trois phrases.'] } },
    }),
  );
  assert.throws(() => loadTask(file), /translations\.fr — not a translation language of the workshop \(pt-BR/);
});

test('fairness: a hand-written template that drops a constraint is flagged, naming it', () => {
  const task = loadTask('document_summarization');
  const dir = mkdtempSync(path.join(tmpdir(), 'prompts-'));
  const file = path.join(dir, 'prod.txt');
  writeFileSync(file, 'Summarize the document for a busy business reader. Write 3 to 5 sentences.\n\n{{document}}');
  assert.deepEqual(templateFairness(task, loadTaskTemplate(file)), {
    instruction: true,
    missingConstraints: [
      'Keep the key facts, figures and decisions.',
      'Do not add anything that is not in the document.',
      'Answer with the summary only, without a preamble.',
    ],
  });
});

test('bad task files: unknown task, a classification task without labels or with a judge metric', () => {
  assert.throws(
    () => loadTask('translation'),
    /no task file .*data\/tasks\/translation\.json .*Fix: set "task" .* document_summarization, ticket_classification/s,
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'tasks-'));
  const file = path.join(dir, 't.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 't',
      kind: 'classification',
      description: 'd',
      instruction: 'Classify.',
      constraints: ['Label only.'],
      primaryMetric: 'accuracy',
    }),
  );
  assert.throws(() => loadTask(file), /labels — a classification task lists its labels/);
  writeFileSync(
    file,
    JSON.stringify({
      name: 't',
      kind: 'classification',
      description: 'd',
      instruction: 'Classify.',
      constraints: ['Label only.'],
      labels: ['a', 'b'],
      primaryMetric: 'judge_overall',
    }),
  );
  assert.throws(() => loadTask(file), /primaryMetric — a classification task is decided on accuracy or macro_f1/);
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
  assert.throws(
    () => loadTemplate(path.join(dir, 'absent.txt')),
    /Cannot read the prompt template .*absent\.txt \(promptTemplate in workshop\.config\.json\): it does not exist \(ENOENT\)\. Fix: check the path/,
  );
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

test('fairness message: a hand-written prompt without the instruction and constraints names both, in one sentence', () => {
  const task = loadTask('document_summarization');
  const dir = mkdtempSync(path.join(tmpdir(), 'prompts-'));
  const file = path.join(dir, 'prod.txt');
  writeFileSync(file, 'Summarize this document:\n{{document}}');
  const model = (modelId: string, template: ReturnType<typeof loadTaskTemplate>) => ({
    modelId,
    role: 'source',
    kind: 'bedrock',
    template,
  });
  const plan = { models: [model('src', loadTaskTemplate(file)), model('cand', loadTaskTemplate('data/prompts/claude.txt'))] };
  const f = promptFairness(plan as unknown as MigrationPlan, task);
  assert.equal(f.fair, false);
  assert.deepEqual(
    f.rows.map((r) => [r.model, r.instruction, r.constraints]),
    [
      ['src', 'MISSING', '0/4'],
      ['cand', 'yes', '4/4'],
    ],
  );
  assert.match(
    f.message,
    /^Not the same task for every model: src \(.*prod\.txt\) drops the instruction \| Write 3 to 5 sentences\. \| .* \| Answer with the summary only, without a preamble\. The comparison/,
  );
  assert.doesNotMatch(f.message, /\.\./);
});
