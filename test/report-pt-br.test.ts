/**
 * Step 5 and the report in Brazilian Portuguese: the decision, the highlights, the tables, the
 * charts and the report page built with `setLanguage('pt-BR')` from the inputs the English
 * report test uses carry no English message of the `compare` and `report` catalogues, the page
 * says `lang="pt-BR"`, and numbers are written 1.234,5 / 0,875. In headless Chromium the
 * what-if controls answer in Portuguese with the same sentences as `compareModels` in pt-BR,
 * and the PDF's text has the Portuguese headings.
 *
 * "No English message": every string message of 3+ words, and every fixed stretch of 3+ words
 * of a function message (rendered with placeholder values), of `m('en').compare` and
 * `m('en').report`. Skips the browser half, saying why, without Chromium (and the PDF's text
 * without poppler's `pdftotext`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../src/core/browser';
import { loadDataset } from '../src/core/dataset';
import { m, setLanguage } from '../src/core/i18n';
import type { WorkshopSession } from '../src/runs/session';
import { openReport } from '../src/steps/compare/browser-check';
import { compareModels, comparisonTable, recommendationFor, recordComparison, type Comparison } from '../src/steps/compare/decision';
import { highlightSentences } from '../src/steps/compare/highlights';
import { deploymentOptionsView } from '../src/steps/compare/options-table';
import { migrationCharts, writeMigrationReport } from '../src/steps/compare/report';
import { compareVariants, promptVariantsFigure, variantSentence, variantsTable } from '../src/steps/compare/variants';
import { onPath } from '../src/workshop/kernel-spec';
import { openScratchSession } from './helpers/scratch-session';
import { runSteps3And4 } from './helpers/steps-3-4';

const chromium = findChromium();
const pdftotext = onPath('pdftotext');
const noBrowser = !chromium && !process.env.CI ? 'Chromium is not installed here (apt-get install chromium; CI installs it)' : false;

/** Placeholder values a function message is rendered with: one truthy, one falsy (0 also makes `n === 1` false). */
const MARK = '\u0001';

/** The fixed stretches of 3+ words (a word: two letters or more) of an English message (a string, or a function rendered with placeholders). */
function fragmentsOf(message: unknown): string[] {
  const texts: string[][] = [];
  if (typeof message === 'string') texts.push([message]);
  if (typeof message === 'function') {
    const params = (value: unknown) => new Proxy({}, { get: () => value });
    texts.push(String(message(params(MARK))).split(MARK));
    // Falsy values take the other branch of each conditional; the text splits at every "0" too (only shorter fragments).
    texts.push(String(message(params(0))).split('0'));
  }
  return texts
    .flat()
    .map((f) => f.trim())
    .filter((f) => f.split(/\s+/).filter((w) => /\p{L}.*\p{L}/u.test(w)).length >= 3);
}

/** Every English fragment of the `compare` and `report` areas, with the key it comes from. */
function englishFragments(): { key: string; text: string }[] {
  const out: { key: string; text: string }[] = [];
  const walk = (node: unknown, key: string) => {
    if (typeof node === 'string' || typeof node === 'function') {
      for (const text of fragmentsOf(node)) out.push({ key, text });
      return;
    }
    for (const [k, v] of Object.entries(node as object)) walk(v, `${key}.${k}`);
  };
  walk(m('en').compare, 'compare');
  walk(m('en').report, 'report');
  return out;
}

function assertNoEnglish(where: string, text: string): void {
  const found = englishFragments().filter((f) => text.includes(f.text));
  assert.deepEqual(
    found.map((f) => `${f.key}: "${f.text}"`),
    [],
    `${where} has English messages`,
  );
}

/** The report page as a reader sees it: without the embedded libraries (plotly.js, the page script and its catalogue). */
function readableHtml(html: string): string {
  return (
    html
      .replace(/<script>(?!\s*const FIGURES)[\s\S]*?<\/script>/g, '<script></script>')
      // The what-if controls' evidence: plain data (JSON), whose verdict words are machine values.
      .replace(/<script type="application\/json"[\s\S]*?<\/script>/, '')
      // The tracking CSV's every column, whose machine words (latency_verdict "faster", …) stay English by design (docs/tracking-columns.md).
      .replace(/<details><summary>[\s\S]*?<\/details>/, '')
  );
}

interface Prepared {
  s: WorkshopSession;
  c: Comparison;
  file: string;
}

let prepared: Promise<Prepared> | null = null;
/** One session for both tests: steps 3 and 4 in English (other lanes), step 5 and the report in pt-BR. */
function prepare(): Promise<Prepared> {
  prepared ??= (async () => {
    const { s } = await openScratchSession('report-pt', {
      LOCAL_BEDROCK_LATENCY_SCALE: '0.01',
      WORKSHOP_CANDIDATE_MODELS: 'us.meta.llama4-maverick-17b-instruct-v1:0,openai.gpt-oss-120b-1:0,us.amazon.nova-2-lite-v1:0',
    });
    await runSteps3And4(s, (await loadDataset(s.config)).rows);
    setLanguage('pt-BR');
    try {
      const c = compareModels(s);
      recordComparison(s, c);
      const file = writeMigrationReport(s, c, migrationCharts(c, s.label));
      return { s, c, file };
    } finally {
      setLanguage('en');
    }
  })();
  return prepared;
}

test.after(async () => {
  if (prepared) await (await prepared).s.close();
});

test('step 5 in pt-BR: decision, highlights, tables, charts and the report page carry no English message; lang="pt-BR"; numbers 1.234,5', {
  timeout: 10 * 60_000,
}, async () => {
  const { s, c, file } = await prepare();
  setLanguage('pt-BR');
  try {
    assert.ok(c.recommended, `a candidate is recommended:\n${c.recommendation.join('\n')}`);
    assert.match(c.recommendation[0], /^Recomendado: /);
    assertNoEnglish('the recommendation', c.recommendation.join('\n'));
    assertNoEnglish('the caveats', c.caveats.join('\n'));
    assertNoEnglish('the highlights', highlightSentences(c).join('\n'));
    assertNoEnglish('the tracking CSV recommendations', c.models.map((x) => recommendationFor(x, c)).join('\n'));
    const table = comparisonTable(c);
    assertNoEnglish('the side-by-side table', JSON.stringify(table));
    assert.ok('posição' in table[0] && 'US$ / mês' in table[0], Object.keys(table[0]).join(' | '));
    const variants = compareVariants(s, c.settings.margin);
    assertNoEnglish(
      'the prompt variants',
      JSON.stringify([variantsTable(variants), variants.comparisons.map((x) => variantSentence(x, 0.05))]),
    );
    const options = deploymentOptionsView(s, c);
    assertNoEnglish('the deployment options', JSON.stringify(options));
    const charts = migrationCharts(c, s.label);
    assertNoEnglish('the charts', JSON.stringify([charts, promptVariantsFigure(variants)]));
    for (const chart of charts)
      assert.equal((chart.figure.layout as { separators?: string }).separators, ',.', `${chart.id}: Plotly writes 0,875`);

    const html = readFileSync(file, 'utf8');
    assert.match(html, /^<!doctype html>\n<html lang="pt-BR">/);
    assertNoEnglish('the report page', readableHtml(html));
    for (const heading of [
      'Recomendação',
      'O que os dados não conseguem dizer',
      'Lado a lado',
      'Gráficos',
      'Acompanhamento da avaliação (final)',
    ])
      assert.ok(html.includes(`<h2>${heading}</h2>`), `heading "${heading}"`);
    // Numbers as a Brazilian reader writes them: scores 0,875, counts 100.000 — never 0.875 in a sentence or a cell.
    const sentences = [...c.recommendation, ...table.map((r) => Object.values(r).join(' '))].join('\n');
    assert.match(sentences, /\b0,\d{3}\b/, 'a score with a decimal comma');
    assert.doesNotMatch(sentences, /\b0\.\d{3}\b/, 'no score with a decimal point');
    assert.match(html, /100\.000 requisições por mês/, 'the monthly volume with a dot between thousands');
    // The tracking CSV stays machine-readable: numbers as numbers, column names as in English.
    const row = s.tracking.rows.find((r) => r.model === c.recommended)!;
    assert.equal(typeof row.quality_diff, 'number');
    assert.match(String(row.recommendation), /^recomendado — /);
    assert.ok(s.tracking.columns.includes('recommendation') && s.tracking.columns.includes('latency_verdict'));
  } finally {
    setLanguage('en');
  }
});

/** What the page shows as its recommendation: the model it names, and its sentences. */
async function pageDecision(page: Page): Promise<{ model: string; lines: string[] }> {
  return (await page.evaluate(`(() => {
    const rec = document.getElementById('recommendation');
    return { model: rec.dataset.model, lines: [...rec.querySelectorAll('p')].map((p) => p.textContent) };
  })()`)) as { model: string; lines: string[] };
}

test('the pt-BR report in a browser: the what-if controls answer in Portuguese with pt-BR numbers; the PDF has Portuguese headings', {
  skip: noBrowser,
  timeout: 15 * 60_000,
}, async () => {
  assert.ok(chromium, 'CI must install Chromium (.ci/run) to test the report in a browser');
  const { s, c, file } = await prepare();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium(chromium);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (x) => x.type() === 'error' && errors.push(x.text()));
    await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForFunction("document.body.dataset.whatIf === 'ready'", undefined, { timeout: 60_000 });
    assert.deepEqual(await pageDecision(page), { model: c.recommended, lines: c.recommendation });
    assert.match((await page.textContent('#what-if-diff')) ?? '', /^Estas são as configurações do arquivo/);

    // A cost-heavy weighting, as typing would: the page decides in Portuguese, as compareModels does in pt-BR.
    await page.evaluate(`(() => {
      for (const [id, v] of Object.entries({ 'w-quality': '0.1', 'w-latency': '0.1', 'w-cost': '0.8' })) document.getElementById(id).value = v;
      document.getElementById('what-if-form').dispatchEvent(new Event('input', { bubbles: true }));
    })()`);
    setLanguage('pt-BR');
    let expected: Comparison;
    try {
      expected = compareModels(s, { ...s.config.compare, weights: { quality: 0.1, latency: 0.1, cost: 0.8 } });
    } finally {
      setLanguage('en');
    }
    assert.deepEqual(await pageDecision(page), { model: expected.recommended ?? '', lines: expected.recommendation });
    assert.match(
      (await page.textContent('#decided-with')) ?? '',
      /^E se — decidido com as suas configurações: pesos: qualidade 10%, latência 10%, custo 80% · 100\.000 requisições por mês/,
    );
    assert.equal(await page.textContent('#w-cost-out'), '0,80 (80%)');
    assert.match((await page.textContent('#what-if-diff')) ?? '', /E se: estas configurações diferem/);
    const shown = `${(await pageDecision(page)).lines.join('\n')}\n${await page.textContent('#caveats')}\n${await page.textContent('#side-by-side')}`;
    assertNoEnglish('the page after a what-if', shown);
    assert.match(shown, /\b0,\d{3}\b/);
    // A bad value is refused in Portuguese.
    await page.evaluate(`(() => {
      document.getElementById('monthly-requests').value = '-5';
      document.getElementById('what-if-form').dispatchEvent(new Event('input', { bubbles: true }));
    })()`);
    assert.match(
      (await page.textContent('#what-if-error')) ?? '',
      /^Não aplicado: as requisições por mês precisam ser um número inteiro ≥ 0\.$/,
    );
    assert.deepEqual(errors, []);
    await browser.close();
    browser = undefined;

    const pdf = path.join(s.outputsDir, 'report.pdf');
    const printed = await openReport(file, { screenshot: path.join(s.outputsDir, 'report.png'), pdf });
    assert.equal(printed.rendered, printed.charts);
    if (!pdftotext) {
      assert.ok(!process.env.CI, "CI must install poppler-utils (.ci/run) to read the PDF's text");
      return;
    }
    const all = execFileSync(pdftotext, [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const sections = [
      'Recomendação',
      'O que os dados não conseguem dizer',
      'Lado a lado',
      'Gráficos',
      'Acompanhamento da avaliação (final)',
    ];
    const at = sections.map((h) => all.indexOf(h));
    assert.ok(
      at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1])),
      `Portuguese sections in order: ${sections.map((h, k) => `${h} @${at[k]}`).join(', ')}`,
    );
    assert.match(all, /Resultados OFFLINE/);
    assert.match(all, /— página 1 de \d+/, "the footer in the report's language (the process speaks English here)");
    assert.ok(!all.includes('E se? Decida com outras configurações'), 'the controls are not printed');
  } finally {
    await browser?.close();
  }
});
