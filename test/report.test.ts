/**
 * The report as its reader uses it, in headless Chromium: the what-if controls take step 5's
 * decision again with step 5's own code (for three settings the page says what
 * `compareModels` says), no table is wider than the page, nothing is fetched from a network,
 * and the PDF has the sections in order and the recommendation in its text.
 *
 * Skips, saying why, without Chromium (and the PDF's text check without poppler's
 * `pdftotext`); CI installs both (.ci/run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../src/core/browser';
import { loadDataset } from '../src/core/dataset';
import { openReport, PDF_LAYOUT_WIDTH } from '../src/steps/compare/browser-check';
import { compareModels, comparisonTable, recordComparison, type CompareSettings } from '../src/steps/compare/decision';
import { migrationCharts, writeMigrationReport } from '../src/steps/compare/report';
import { onPath } from '../src/workshop/kernel-spec';
import { openScratchSession } from './helpers/scratch-session';
import { wideTables } from './helpers/table-fit';
import { runSteps3And4 } from './helpers/steps-3-4';

const chromium = findChromium();
const pdftotext = onPath('pdftotext');
const skip = !chromium && !process.env.CI ? 'Chromium is not installed here (apt-get install chromium; CI installs it)' : false;

/** What the page shows as its recommendation: the model it names, and its sentences. */
async function pageDecision(page: Page): Promise<{ model: string; lines: string[] }> {
  return (await page.evaluate(`(() => {
    const rec = document.getElementById('recommendation');
    return { model: rec.dataset.model, lines: [...rec.querySelectorAll('p')].map((p) => p.textContent) };
  })()`)) as { model: string; lines: string[] };
}

/** The side-by-side table's rank column, as the page shows it. */
async function pageRanks(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const t = document.getElementById('side-by-side');
    const i = [...t.querySelectorAll('thead th')].findIndex((th) => th.textContent === 'rank');
    return [...t.querySelectorAll('tbody tr[data-row]')].map((tr) => tr.cells[i].textContent);
  })()`)) as string[];
}

/** Set controls by id (value '' = empty) and let the page react, as typing would. */
async function setControls(page: Page, values: Record<string, string>): Promise<void> {
  await page.evaluate(`(() => {
    const values = ${JSON.stringify(values)};
    for (const [id, v] of Object.entries(values)) document.getElementById(id).value = v;
    document.getElementById('what-if-form').dispatchEvent(new Event('input', { bubbles: true }));
  })()`);
}

const text = (x: string | number | null) => (x === null ? '' : String(x));

test('the report decides with its reader: what-if controls run step 5’s code, tables fit, no network, and a PDF', {
  skip,
  timeout: 15 * 60_000,
}, async () => {
  assert.ok(chromium, 'CI must install Chromium (.ci/run) to test the report in a browser');
  const { s } = await openScratchSession('report', {
    LOCAL_BEDROCK_LATENCY_SCALE: '0.01',
    WORKSHOP_CANDIDATE_MODELS: 'us.meta.llama4-maverick-17b-instruct-v1:0,openai.gpt-oss-120b-1:0,us.amazon.nova-2-lite-v1:0',
  });
  let browser: Browser | undefined;
  try {
    // Steps 3 and 4 on the ten sample documents (enough for non-inferiority within 0.05), as notebook 05 finds them.
    const docs = (await loadDataset(s.config)).rows;
    await runSteps3And4(s, docs);
    const configured = s.config.compare;
    const c = compareModels(s);
    assert.ok(c.recommended, `a candidate is recommended with the configured settings:\n${c.recommendation.join('\n')}`);
    recordComparison(s, c);
    const file = writeMigrationReport(s, c, migrationCharts(c, s.label));
    const html = readFileSync(file, 'utf8');
    assert.ok(html.length < 5_000_000, `report.html is ${html.length} bytes (budget 5 MB)`);
    assert.ok(!/<script[^>]+src=|<link[^>]+href=["']?https?:/i.test(html), 'self-contained: no external script or stylesheet');

    browser = await launchChromium(chromium);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const fetched: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('request', (r) => !/^(file|data|blob):/.test(r.url()) && fetched.push(r.url()));
    await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForFunction("document.body.dataset.whatIf === 'ready'", undefined, { timeout: 60_000 });

    // 1. The configured settings: the page shows step 5's decision.
    assert.deepEqual(await pageDecision(page), { model: c.recommended, lines: c.recommendation });
    assert.match((await page.textContent('#what-if-diff')) ?? '', /These are the configured settings/);

    // 2. A cost-heavy weighting: the page's decision is compareModels' decision for the same settings.
    const costHeavy: CompareSettings = { ...configured, weights: { quality: 0.1, latency: 0.1, cost: 0.8 } };
    await setControls(page, { 'w-quality': '0.1', 'w-latency': '0.1', 'w-cost': '0.8' });
    const cost = compareModels(s, costHeavy);
    assert.deepEqual(await pageDecision(page), { model: cost.recommended ?? '', lines: cost.recommendation });
    assert.deepEqual(
      await pageRanks(page),
      comparisonTable(cost).map((r) => text(r.rank)),
    );
    assert.match(
      (await page.textContent('#decided-with')) ?? '',
      /^What-if — decided with your settings: weights quality 10%, latency 10%, cost 80%/,
    );

    // 3. A monthly budget just below the recommended model's monthly cost: it is excluded, and the page says what step 5 says.
    const recommended = c.models.find((m) => m.model === c.recommended)!;
    assert.ok(recommended.cost.monthly !== null && recommended.cost.monthly > 0);
    const budget = Math.floor(recommended.cost.monthly * 0.99 * 100) / 100;
    await page.click('#what-if-reset');
    await setControls(page, { 'monthly-budget': String(budget) });
    const capped = compareModels(s, { ...configured, monthlyBudgetUsd: budget });
    assert.notEqual(capped.recommended, c.recommended, 'the budget excludes the configured recommendation');
    const shown = await pageDecision(page);
    assert.deepEqual(shown, { model: capped.recommended ?? '', lines: capped.recommendation });
    assert.ok(
      shown.lines.some((l) => /over the \$[\d.,]+ budget/.test(l)),
      shown.lines.join('\n'),
    );
    assert.deepEqual(
      await pageRanks(page),
      comparisonTable(capped).map((r) => text(r.rank)),
    );
    // The settings that differ, and a compare block that parses and holds them.
    const diff = (await page.textContent('#what-if-diff')) ?? '';
    assert.match(diff, /compare\.monthlyBudgetUsd: null \(none\) → /);
    const block = JSON.parse(`{${(await page.textContent('#compare-block')) ?? ''}}`) as { compare: CompareSettings };
    assert.deepEqual(block.compare, { ...configured, monthlyBudgetUsd: budget });
    // Weights that sum to 0 are refused with step 5's own message, and the decision stays.
    await setControls(page, { 'w-quality': '0', 'w-latency': '0', 'w-cost': '0' });
    assert.match((await page.textContent('#what-if-error')) ?? '', /Not applied: The weights sum to 0\. Fix: /);
    assert.equal((await pageDecision(page)).model, capped.recommended ?? '');
    await page.click('#what-if-reset');
    assert.deepEqual(await pageDecision(page), { model: c.recommended, lines: c.recommendation });

    // No table wider than the page at 1280 px, collapsed sections opened; nor in print at the PDF's width.
    await page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
    assert.deepEqual(await wideTables(page), [], 'tables at 1280 px');
    await page.setViewportSize({ width: PDF_LAYOUT_WIDTH, height: 1200 });
    await page.emulateMedia({ media: 'print' });
    assert.deepEqual(await wideTables(page), [], `tables in print, ${PDF_LAYOUT_WIDTH} px`);
    assert.deepEqual(errors, []);
    assert.deepEqual(fetched, [], 'the report opens with no network');
    await browser.close();
    browser = undefined;

    // The PDF: written, sections in order, the offline warning on page 1, the recommendation in its text.
    const pdf = path.join(s.outputsDir, 'report.pdf');
    const printed = await openReport(file, { screenshot: path.join(s.outputsDir, 'report.png'), pdf });
    assert.equal(printed.rendered, printed.charts);
    assert.ok(existsSync(pdf) && readFileSync(pdf).subarray(0, 5).toString() === '%PDF-', 'a PDF file');
    if (!pdftotext) {
      assert.ok(!process.env.CI, "CI must install poppler-utils (.ci/run) to read the PDF's text");
      return;
    }
    const flat = (x: string) => x.replace(/\s+/g, ' ').trim();
    const all = flat(execFileSync(pdftotext, [pdf, '-'], { encoding: 'utf8' }));
    const first = flat(execFileSync(pdftotext, ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }));
    assert.match(first, /OFFLINE results: answers and latencies are emulated/);
    const sections = ['Recommendation', 'What the data cannot tell', 'Side by side', 'Charts', 'Evaluation tracking (final)'];
    const at = sections.map((h) => all.indexOf(h));
    assert.ok(
      at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1])),
      `sections in order: ${sections.map((h, k) => `${h} @${at[k]}`).join(', ')}`,
    );
    // pdftotext joins a word hyphenated at a line end ("non-/inferiority" → "noninferiority"): compare without hyphens and spaces.
    const bare = (x: string) => x.replace(/[\s-]+/g, '');
    for (const line of c.recommendation) assert.ok(bare(all).includes(bare(line)), `the PDF's text has the recommendation: ${line}`);
    assert.ok(!all.includes('What if? Decide with other settings'), 'the controls are not printed');
    for (const chart of ['Latency distribution per model', 'Cost vs quality, and the Pareto front'])
      assert.ok(all.includes(chart), `chart "${chart}" in the PDF`);
  } finally {
    await browser?.close();
    await s.close();
  }
});
