import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { loadConfig } from '../src/core/config';
import { editionConfigFile } from '../src/core/config/load';
import { WorkshopError } from '../src/core/errors';
import { formatNumber, formatRange, localizeDigits, usd } from '../src/core/format';
import { currentLanguage, editionLanguage, LANGUAGES, m, resolveLanguage, setLanguage } from '../src/core/i18n';

const ROOT = path.resolve(__dirname, '..');

/** Run `body` with the process speaking `language`, then restore English. */
function speaking<T>(language: 'en' | 'pt-BR', body: () => T): T {
  setLanguage(language);
  try {
    return body();
  } finally {
    setLanguage('en');
  }
}

test('numbers in views follow the language: 1,234.5 in English, 1.234,5 in pt-BR; rounding is the same', () => {
  assert.equal(formatNumber(12345, 'count'), '12,345');
  assert.equal(formatNumber(-17.2, 'count'), '−17', 'a negative count is written with the minus sign, like every other kind');
  assert.equal(formatNumber(12345, 'count', { language: 'pt-BR' }), '12.345');
  assert.equal(formatNumber(0.875, 'score', { language: 'pt-BR' }), '0,875');
  assert.equal(formatNumber(-0.013, 'diff', { language: 'pt-BR' }), '−0,013');
  assert.equal(formatNumber(0.0004, 'p', { language: 'pt-BR' }), '< 0,001');
  assert.equal(formatNumber(1234.56, 'auto', { language: 'pt-BR' }), '1234,6');
  assert.equal(usd(6716.2, { language: 'pt-BR' }), 'US$ 6.716');
  assert.equal(usd(0.06723), '$0.0672');
  assert.equal(formatRange(0.81, 0.92, 'score', { language: 'pt-BR' }), '0,810 a 0,920');
  assert.equal(formatRange(0.81, 0.92, 'score'), '0.810 to 0.920');
  // the process's language is the default
  assert.equal(
    speaking('pt-BR', () => formatNumber(85.34, 'rate')),
    '85,3',
  );
  assert.equal(currentLanguage(), 'en');
});

test('localizing digits only swaps the marks: parsing the pt-BR text back gives the English value', () => {
  const kinds = ['score', 'diff', 'ms', 'usd', 'percent', 'change', 'count', 'rate', 'p', 'auto'] as const;
  fc.assert(
    fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.constantFrom(...kinds), (x, kind) => {
      const en = formatNumber(x, kind, { language: 'en' });
      const pt = formatNumber(x, kind, { language: 'pt-BR' });
      const back = pt.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));
      assert.equal(back, en);
      assert.equal(localizeDigits(en, 'en'), en);
    }),
    { seed: 26, numRuns: 300 },
  );
});

test('an error says its fix in the process language', () => {
  const en = new WorkshopError('The file x.csv is empty.', { fix: 'add rows.' });
  assert.equal(en.message, 'The file x.csv is empty. Fix: add rows.');
  const pt = speaking('pt-BR', () => new WorkshopError('O arquivo x.csv está vazio.', { fix: 'Fix: acrescente linhas.' }));
  assert.equal(pt.message, `O arquivo x.csv está vazio. ${m('pt-BR').common.fix}: acrescente linhas.`);
  assert.equal(pt.fix, 'acrescente linhas.');
});

test('the language: WORKSHOP_LANGUAGE, else the configuration, else the notebook, else English; misspellings refused with the setting', () => {
  assert.equal(resolveLanguage({ env: {} }), 'en');
  assert.equal(resolveLanguage({ env: {}, notebook: 'pt-BR' }), 'pt-BR');
  assert.equal(resolveLanguage({ env: {}, config: 'en', notebook: 'pt-BR' }), 'en');
  assert.equal(resolveLanguage({ env: { WORKSHOP_LANGUAGE: 'pt-BR' }, config: 'en', notebook: 'en' }), 'pt-BR');
  assert.equal(resolveLanguage({ env: { WORKSHOP_LANGUAGE: '' }, notebook: 'pt-BR' }), 'pt-BR');
  assert.throws(
    () => resolveLanguage({ env: { WORKSHOP_LANGUAGE: 'pt_br' } }),
    (e: unknown) =>
      e instanceof WorkshopError && /WORKSHOP_LANGUAGE is "pt_br"/.test(e.message) && /write it exactly "pt-BR"/.test(e.message),
  );
  assert.throws(
    () => resolveLanguage({ env: {}, config: 'fr', configFile: 'x.json' }),
    (e: unknown) =>
      e instanceof WorkshopError && e.context.key === 'language' && e.context.file === 'x.json' && /"en", "pt-BR"/.test(e.message),
  );
  assert.equal(editionLanguage({}, 'pt-BR'), 'pt-BR');
  assert.equal(editionLanguage({ WORKSHOP_LANGUAGE: 'en' }, 'pt-BR'), 'en');
});

test('the configuration: a `language` key, WORKSHOP_LANGUAGE named in its errors, and the edition picks its config file', () => {
  assert.equal(loadConfig({ env: {} }).language, 'en');
  assert.equal(loadConfig({ env: {}, language: 'pt-BR' }).language, 'pt-BR');
  assert.equal(loadConfig({ env: { WORKSHOP_LANGUAGE: 'en' }, language: 'pt-BR' }).language, 'en');
  const cfg = JSON.parse(readFileSync(path.join(ROOT, 'workshop.config.json'), 'utf8'));
  cfg.language = 'pt-BR';
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lang-')), 'workshop.config.json');
  writeFileSync(file, JSON.stringify(cfg));
  assert.equal(loadConfig({ file, env: {} }).language, 'pt-BR');
  cfg.language = 'Portuguese';
  writeFileSync(file, JSON.stringify(cfg));
  assert.throws(
    () => loadConfig({ file, env: {} }),
    (e: unknown) => e instanceof WorkshopError && e.context.key === 'language' && /language \(in /.test(e.message),
  );
  // English always reads workshop.config.json; another edition reads its own file when it exists.
  assert.equal(editionConfigFile('en'), path.join(ROOT, 'workshop.config.json'));
  for (const language of LANGUAGES) assert.match(path.basename(editionConfigFile(language)), /^workshop\.(pt-BR\.)?config\.json$/);
});

test('every catalogue has the English keys, and its long messages are translated', () => {
  const walk = (en: unknown, other: unknown, where: string) => {
    if (typeof en === 'string' || typeof en === 'function') {
      assert.equal(typeof other, typeof en, `${where}: ${typeof other} in pt-BR`);
      if (typeof en === 'string' && en.split(' ').length >= 3) assert.notEqual(other, en, `${where} is not translated`);
      return;
    }
    for (const key of Object.keys(en as object))
      walk((en as Record<string, unknown>)[key], (other as Record<string, unknown>)[key], `${where}.${key}`);
  };
  walk(m('en'), m('pt-BR'), 'm()');
});
