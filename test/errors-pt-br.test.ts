import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/core/config';
import { loadDataset } from '../src/core/dataset';
import { WorkshopError } from '../src/core/errors';
import { readTextUtf8 } from '../src/core/files';
import { m, setLanguage } from '../src/core/i18n';
import { displayPath } from '../src/core/paths';
import { checkWeights } from '../src/steps/compare/ranking';

const ROOT = path.resolve(__dirname, '..');
const dir = () => mkdtempSync(path.join(tmpdir(), 'errors-pt-'));

/** The WorkshopError `body` throws (or rejects with) while the process speaks `language`. */
async function failure(language: 'en' | 'pt-BR', body: () => unknown): Promise<WorkshopError> {
  setLanguage(language);
  try {
    await body();
  } catch (error) {
    assert.ok(error instanceof WorkshopError, `not a WorkshopError: ${String(error)}`);
    return error;
  } finally {
    setLanguage('en');
  }
  assert.fail('no error was thrown');
}

/** A message in Portuguese: the pt-BR fix label, accents or Portuguese words, and none of the English sentence. */
function assertPortuguese(e: WorkshopError, english: WorkshopError): void {
  assert.match(e.message, /Como resolver: /);
  assert.doesNotMatch(e.message, /\bFix: /);
  assert.notEqual(e.problem, english.problem);
  assert.notEqual(e.fix, english.fix);
  assert.match(`${e.problem} ${e.fix}`, /\b(não|ou|de|o|a|um|uma|no|na)\b/);
  assert.deepEqual(e.context, english.context, 'the context (file, key, row, column, model) is the same in every language');
}

test('pt-BR: a dataset without the configured column says so in Portuguese, naming the file, the column and the setting', async () => {
  const file = path.join(dir(), 'docs.csv');
  writeFileSync(file, 'id,texto\n1,"Olá, mundo"\n');
  const spec = { path: file, columns: { document: 'document' } };
  const en = await failure('en', () => loadDataset(spec));
  const pt = await failure('pt-BR', () => loadDataset(spec));
  assert.match(en.message, /has no column "document" \(dataset\.columns\.document\)\. Columns found: id, texto\. Fix: rename the column/);
  assert.match(
    pt.problem,
    /^O dataset .*docs\.csv não tem a coluna "document" \(dataset\.columns\.document\)\. Colunas encontradas: id, texto\.$/,
  );
  assert.match(pt.message, /Como resolver: renomeie a coluna no arquivo ou mude dataset\.columns\.document no workshop\.config\.json\./);
  assert.equal(pt.context.file, file);
  assert.equal(pt.context.key, 'dataset.columns.document');
  assert.equal(pt.context.column, 'document');
  assertPortuguese(pt, en);
});

test('pt-BR: a bad configuration value lists the setting, the file and zod’s complaint in Portuguese', async () => {
  const cfg = JSON.parse(readFileSync(path.join(ROOT, 'workshop.config.json'), 'utf8'));
  cfg.benchmark.num_parallel_calls = 'muitas';
  cfg.benchmark.num_paralel = 2;
  const file = path.join(dir(), 'workshop.config.json');
  writeFileSync(file, JSON.stringify(cfg));
  const en = await failure('en', () => loadConfig({ file, env: {} }));
  const pt = await failure('pt-BR', () => loadConfig({ file, env: {} }));
  assert.match(en.problem, /has 2 problem\(s\):\n/);
  assert.match(en.problem, /- benchmark\.num_parallel_calls \(in .*\): Expected number, received string \(got "muitas"\)/);
  assert.match(pt.problem, /^A configuração do workshop .* tem 2 problema\(s\):\n/);
  assert.match(
    pt.problem,
    /- benchmark\.num_parallel_calls \(em .*workshop\.config\.json\): esperava número, veio texto \(veio "muitas"\)/,
  );
  assert.match(pt.problem, /- benchmark \(em .*\): chave\(s\) desconhecida\(s\) "num_paralel" — você quis dizer "num_parallel_calls"\?/);
  assert.match(pt.message, /Como resolver: corrija essas configurações \(o docs\/configuration\.md lista/);
  assert.equal(pt.context.file, file);
  assertPortuguese(pt, en);

  // set by an environment variable: the variable is named, in Portuguese
  const byEnv = await failure('pt-BR', () => loadConfig({ env: { BENCHMARK_NUM_PARALLEL_CALLS: 'x' } }));
  assert.match(byEnv.problem, /A variável de ambiente BENCHMARK_NUM_PARALLEL_CALLS="x" não é um número\./);
  assert.equal(byEnv.context.key, 'BENCHMARK_NUM_PARALLEL_CALLS');
});

test('pt-BR: a missing file says what it is, where, the setting that chose it and the fix, in Portuguese', async () => {
  const file = path.join(dir(), 'nao-existe', 'tarefa.json');
  const role = { what: 'the task file', setting: 'task' };
  const en = await failure('en', () => readTextUtf8(file, role));
  const pt = await failure('pt-BR', () => readTextUtf8(file, role));
  assert.equal(en.problem, `Cannot read the task file ${displayPath(file)} (task): it does not exist (ENOENT).`);
  assert.equal(pt.problem, `Não foi possível ler o arquivo da task ${displayPath(file)} (task): ele não existe (ENOENT).`);
  assert.equal(
    pt.message,
    `${pt.problem} ${m('pt-BR').common.fix}: confira o caminho (um caminho relativo começa na raiz do repositório), ou mude task.`,
  );
  assert.equal(pt.context.file, file);
  assert.equal(pt.context.key, 'task');
  assertPortuguese(pt, en);
});

test('pt-BR: a bad setting of a step (a negative compare weight) names the key and the fix in Portuguese', async () => {
  const weights = { quality: 0.5, latency: -1, cost: 0.25 };
  const en = await failure('en', () => checkWeights(weights));
  const pt = await failure('pt-BR', () => checkWeights(weights));
  assert.equal(
    en.message,
    'Weight "latency" must be a number ≥ 0 (got -1). Fix: set compare.weights in workshop.config.json to numbers ≥ 0.',
  );
  assert.equal(
    pt.message,
    'O peso "latency" precisa ser um número ≥ 0 (veio -1). Como resolver: defina compare.weights no workshop.config.json com números ≥ 0.',
  );
  assert.equal(pt.context.key, 'compare.weights.latency');
  assertPortuguese(pt, en);
});

test('pt-BR: the command line speaks WORKSHOP_LANGUAGE — a usage error in Portuguese with the usage line, English by default', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'bin', 'workshop.ts'), '--nao-existe'], {
      cwd: ROOT,
      env: { ...process.env, WORKSHOP_LANGUAGE: '', ...env },
      encoding: 'utf8',
    });
  const pt = run({ WORKSHOP_LANGUAGE: 'pt-BR' });
  assert.equal(pt.status, 2);
  assert.match(
    pt.stderr,
    /^workshop: Opção desconhecida "--nao-existe"\. Uso: npm run workshop \[--.*Como resolver: use uma das opções acima \(--help mostra todas\)\./m,
  );
  const en = run({});
  assert.equal(en.status, 2);
  assert.match(
    en.stderr,
    /^workshop: Unknown option "--nao-existe"\. Usage: npm run workshop \[--.*Fix: use one of the options above \(--help shows them\)\./m,
  );
});
