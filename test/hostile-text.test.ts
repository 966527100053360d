/**
 * Hostile text is normal input: HTML, Markdown and spreadsheet-formula payloads in every
 * field a user controls — documents, references, answers (of an outside source model, given
 * in the dataset), classification labels, a model's catalogue name (a test catalogue through
 * WORKSHOP_CATALOG), an unknown model id, the dataset's, prompt template's and task file's
 * names — through the whole workshop, headless. Then:
 *
 * - every CSV the run wrote: no cell a spreadsheet would run as a formula, and the library's
 *   reader gives the payloads back exactly;
 * - the executed notebooks converted to HTML (`jupyter nbconvert --to html`, as people share
 *   them), the report and the chart pages, opened in headless Chromium: no payload ran
 *   (a payload sets `window.__pwned`), no payload element or `javascript:` link exists, and
 *   the payload text is visible as text — in tables, notes and inside the Plotly charts.
 *
 * Skips (with the reason) when Chromium or nbconvert is missing; CI has both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import { findChromium, launchChromium } from '../src/core/browser';
import { formatCsv, parseCsv, readCsv } from '../src/core/csv';

const ROOT = path.resolve(__dirname, '..');
const chromium = findChromium();
const hasNbconvert = spawnSync('jupyter', ['nbconvert', '--version']).status === 0;
const skip = !chromium && !process.env.CI ? 'Chromium is not installed here (apt-get install chromium; CI installs it)' : false;

/** A payload that, if it ever runs, sets window.__pwned to its number. */
const img = (n: number) => `<img src=x onerror=window.__pwned=${n}>`;
const script = (n: number) => `<script>window.__pwned=${n}</script>`;
const svg = (n: number) => `<svg onload=window.__pwned=${n}>`;
const mdLink = (n: number) => `[click me](javascript:window.__pwned=${n})`;
const FORMULAS = ['=HYPERLINK("http://example.invalid/?leak","open")', '+1+1', '-2+3', '@SUM(1)', '\t=1+1'];

/** The model's catalogue name: HTML, Markdown, a formula start is elsewhere; dollars for LaTeX. */
const EVIL_NAME = `Nova ${img(11)} ${mdLink(12)} **not bold** $5$`;
const EVIL_ID = `acme.x${img(13)}`;
const EVIL_FILE = `docs ${img(14)}`;
/** An outside source model ("kind": "recorded"): its id and its answers come from the user. */
const EVIL_SOURCE = `acme.outside${script(16)}`;
const evilAnswer = (i: number) => `${FORMULAS[i % FORMULAS.length]} ${img(17)} ${mdLink(18)} The summary, as the outside model wrote it.`;

async function workshop(env: Record<string, string>): Promise<{ code: number; out: string }> {
  return promisify(execFile)(process.execPath, [path.join(ROOT, 'dist', 'bin', 'workshop.js')], {
    // No static chart images: the test opens the charts themselves (and saves the time of drawing them).
    env: { ...process.env, LOCAL_BEDROCK_LATENCY_SCALE: '0', WORKSHOP_CHART_IMAGES: '0', ...env },
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

/** Every CSV file under `dir` (recursively). */
function csvFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.csv'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** No raw cell of a CSV file starts a spreadsheet formula (a plain number such as -0.5 may start with -). */
function assertSpreadsheetSafe(file: string): void {
  for (const cell of (parse(readFileSync(file, 'utf8'), { bom: true }) as string[][]).flat())
    assert.ok(!/^[=+\-@\t\r]/.test(cell) || /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(cell), `${file}: ${JSON.stringify(cell)}`);
}

interface PageCheck {
  pwned: unknown;
  injected: number;
  text: string;
  svgText: string;
}

/** Open a local HTML file with every network request refused; what ran, what was injected, what is visible. */
async function openPage(browser: Browser, file: string): Promise<PageCheck> {
  const page = await browser.newPage();
  try {
    await page.route(/^https?:/, (route) => route.abort());
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 60_000 });
    // Charts draw (the report, chart pages); a payload handler would have run by now.
    await page.waitForTimeout(1500);
    return (await page.evaluate(`(() => ({
      pwned: window.__pwned,
      // An element a payload made: its image, an event-handler attribute, a javascript: link, its script.
      // (Plotly keeps each label's text in a data-unformatted attribute: text, not a handler.)
      injected:
        document.querySelectorAll('img[src="x"]').length +
        [...document.querySelectorAll('*')].filter((e) =>
          [...e.attributes].some((a) => (/^on/i.test(a.name) && a.value.includes('__pwned')) || (/href$/i.test(a.name) && /^\\s*javascript:/i.test(a.value))),
        ).length +
        [...document.querySelectorAll('script')].filter((s) => s.textContent.trim().startsWith('window.__pwned')).length,
      text: document.body.innerText,
      svgText: [...document.querySelectorAll('svg text')].map((t) => t.textContent).join('\\n'),
    }))()`)) as PageCheck;
  } finally {
    await page.close();
  }
}

function assertSafe(check: PageCheck, where: string): void {
  assert.equal(check.pwned, undefined, `${where}: a payload ran (window.__pwned = ${String(check.pwned)})`);
  assert.equal(check.injected, 0, `${where}: a payload element or javascript: link is in the page`);
}

/** Convert executed notebooks to HTML as people share them; the paths of the pages. */
function notebooksAsHtml(executed: string, out: string): string[] {
  mkdirSync(out, { recursive: true });
  const notebooks = readdirSync(executed).filter((f) => f.endsWith('.ipynb'));
  const r = spawnSync('jupyter', ['nbconvert', '--to', 'html', '--output-dir', out, ...notebooks.map((f) => path.join(executed, f))], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return notebooks.map((f) => path.join(out, f.replace(/\.ipynb$/, '.html')));
}

test('hostile text in every user-controlled field: CSVs stay spreadsheet-safe, and no notebook page, report or chart runs or renders it', {
  skip,
}, async (t) => {
  assert.ok(chromium, 'CI must have Chromium');
  const dir = mkdtempSync(path.join(tmpdir(), 'hostile-'));

  // 1. The inputs: a dataset whose documents and references carry payloads, under a hostile file name…
  const sample = parseCsv(readFileSync(path.join(ROOT, 'data', 'document_sample_10.csv'), 'utf8')).rows.slice(0, 4);
  const starts = [
    `${FORMULAS[0]} ${img(1)}`,
    `${FORMULAS[1]} ${script(2)}`,
    `${FORMULAS[3]} ${mdLink(3)} **bold** _it_`,
    `${FORMULAS[2]} ${svg(4)}`,
  ];
  const dataset = path.join(dir, `${EVIL_FILE}.csv`);
  writeFileSync(
    dataset,
    formatCsv(
      ['document', 'referenceResponse', 'answer', 'latency_ms'],
      sample.map((r, i) => ({
        document: `${starts[i]}. ${r.document}`,
        referenceResponse: `${FORMULAS[(i + 1) % FORMULAS.length]} ${img(5)} ${r.referenceResponse}`,
        answer: evilAnswer(i),
        latency_ms: 900 + 100 * i,
      })),
    ),
  );
  // …a catalogue in which a candidate's name is hostile, a prompt template with a hostile file name…
  const catalog = JSON.parse(readFileSync(path.join(ROOT, 'data', 'model_catalog.json'), 'utf8'));
  catalog.models.find((m: { modelId: string }) => m.modelId === 'amazon.nova-2-lite-v1:0').name = EVIL_NAME;
  writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify(catalog));
  const template = path.join(dir, `prompt ${svg(15)}.txt`);
  copyFileSync(path.join(ROOT, 'data', 'prompts', 'nova.txt'), template);
  // …and a configuration naming them, with an unknown model id that is itself a payload.
  const config = JSON.parse(readFileSync(path.join(ROOT, 'workshop.config.json'), 'utf8'));
  config.dataset.path = dataset;
  config.dataset.columns = { ...config.dataset.columns, sourceResponse: 'answer', sourceLatencyMs: 'latency_ms' };
  config.models.source = { modelId: EVIL_SOURCE, kind: 'recorded' };
  config.models.candidates = [{ modelId: 'us.amazon.nova-2-lite-v1:0', promptTemplate: template }, { modelId: EVIL_ID }];
  config.deploymentOptions.documents = 1;
  writeFileSync(path.join(dir, 'workshop.config.json'), JSON.stringify(config));
  const env = {
    WORKSHOP_CONFIG: path.join(dir, 'workshop.config.json'),
    WORKSHOP_CATALOG: path.join(dir, 'catalog.json'),
    WORKSHOP_TRACKING_FILE: path.join(dir, 'evaluation_tracking.csv'),
    WORKSHOP_OUTPUTS_DIR: path.join(dir, 'outputs'),
    WORKSHOP_EXECUTED_DIR: path.join(dir, 'executed'),
  };
  const run = await workshop(env);
  assert.equal(run.code, 0, run.out);

  // 2. Every CSV the run wrote is spreadsheet-safe, and reads back to the original text.
  const csvs = [env.WORKSHOP_TRACKING_FILE, ...csvFiles(env.WORKSHOP_OUTPUTS_DIR)];
  assert.ok(csvs.length >= 6, csvs.join('\n'));
  for (const f of csvs) assertSpreadsheetSafe(f);
  const tracking = readCsv(env.WORKSHOP_TRACKING_FILE).rows;
  for (const id of [EVIL_ID, EVIL_SOURCE])
    assert.ok(
      tracking.some((r) => r.model === id),
      id,
    );
  assert.ok(tracking.some((r) => r.model_name === EVIL_NAME));
  // Documents and answers read back exactly as written, formula starts included.
  const cells = csvs.flatMap((f) => readCsv(f).rows.flatMap((r) => Object.values(r)));
  assert.ok(
    cells.some((c) => String(c).startsWith(`${starts[0]}. `)),
    'a formula-like document reads back as written',
  );
  for (let i = 0; i < sample.length; i++) assert.ok(cells.includes(evilAnswer(i)), `the outside model's answer ${i} reads back as written`);

  // 3. The report, the chart pages and the executed notebooks (as HTML) in Chromium.
  const browser = await launchChromium(chromium!);
  try {
    const report = await openPage(browser, path.join(env.WORKSHOP_OUTPUTS_DIR, 'report.html'));
    assertSafe(report, 'report.html');
    assert.ok(report.text.includes(EVIL_NAME.split(' $')[0]), 'the report shows the hostile model name as text');
    assert.ok(report.text.includes(EVIL_ID), 'the report shows the hostile model id as text');
    assert.ok(report.text.includes(EVIL_SOURCE), "the report shows the outside source's id as text");
    assert.ok(report.text.includes(EVIL_FILE), 'the report shows the dataset file name as text');
    assert.ok(report.svgText.includes(img(11)), 'the charts show the hostile model name as text (Plotly labels escaped)');
    assert.ok(report.svgText.includes('$5$'), 'a $…$ in a name is text, not LaTeX');

    // The chart pages share one builder: one of each step's.
    const charts = readdirSync(path.join(env.WORKSHOP_OUTPUTS_DIR, 'charts')).filter((f) => f.endsWith('.html'));
    for (const prefix of ['latency_', 'quality_', 'compare_']) {
      const c = charts.find((f) => f.startsWith(prefix));
      assert.ok(c, `a ${prefix}… chart page`);
      const page = await openPage(browser, path.join(env.WORKSHOP_OUTPUTS_DIR, 'charts', c));
      assertSafe(page, c);
      assert.ok(page.svgText.includes(img(11)), `${c} shows the hostile model name as text`);
    }

    if (!hasNbconvert) {
      assert.ok(!process.env.CI, 'CI must have jupyter nbconvert');
      t.diagnostic('jupyter nbconvert is not installed here: the executed notebooks were not converted to HTML and opened');
      return;
    }
    const pages = notebooksAsHtml(env.WORKSHOP_EXECUTED_DIR, path.join(dir, 'html'));
    const seen = { name: false, id: false, note: false };
    for (const p of pages) {
      const check = await openPage(browser, p);
      assertSafe(check, path.basename(p));
      seen.name ||= check.text.includes(img(11));
      seen.id ||= check.text.includes(EVIL_ID);
      // Step 5's deployment-options notes (the hole this test was written for) are text.
      seen.note ||= path.basename(p) === '05_compare.html' && /Each option was called with the same request/.test(check.text);
    }
    assert.deepEqual(seen, { name: true, id: true, note: true });
  } finally {
    await browser.close();
  }
});

test('hostile classification labels and task file name: spreadsheet-safe CSVs, escaped in the step-4 notebook and the report', {
  skip,
}, async (t) => {
  assert.ok(chromium, 'CI must have Chromium');
  const dir = mkdtempSync(path.join(tmpdir(), 'hostile-labels-'));
  const task = JSON.parse(readFileSync(path.join(ROOT, 'data', 'tasks', 'ticket_classification.json'), 'utf8'));
  const rename: Record<string, string> = {
    billing: `=billing ${img(21)}`,
    technical: `technical ${mdLink(22)}`,
    account: `@account ${svg(23)}`,
    shipping: 'shipping',
    other: `-other ${script(24)}`,
  };
  task.labels = task.labels.map((l: string) => rename[l]);
  const taskFile = path.join(dir, `task ${img(25)}.json`);
  writeFileSync(taskFile, JSON.stringify(task));
  const rows = parseCsv(readFileSync(path.join(ROOT, 'data', 'ticket_classification_sample.csv'), 'utf8')).rows;
  // Two tickets of each label: enough for every step, small enough to be quick.
  const picked = Object.keys(rename).flatMap((l) => rows.filter((r) => r.label === l).slice(0, 2));
  const dataset = path.join(dir, 'tickets.csv');
  writeFileSync(
    dataset,
    formatCsv(
      ['document', 'label'],
      picked.map((r) => ({ document: r.document, label: rename[String(r.label)] })),
    ),
  );
  const config = JSON.parse(readFileSync(path.join(ROOT, 'workshop.classification.config.json'), 'utf8'));
  config.task = taskFile;
  config.dataset.path = dataset;
  config.models.candidates = config.models.candidates.slice(0, 1);
  writeFileSync(path.join(dir, 'workshop.config.json'), JSON.stringify(config));
  const env = {
    WORKSHOP_CONFIG: path.join(dir, 'workshop.config.json'),
    WORKSHOP_OPTION_DOCUMENTS: '0',
    WORKSHOP_TRACKING_FILE: path.join(dir, 'evaluation_tracking.csv'),
    WORKSHOP_OUTPUTS_DIR: path.join(dir, 'outputs'),
    WORKSHOP_EXECUTED_DIR: path.join(dir, 'executed'),
  };
  const run = await workshop(env);
  assert.equal(run.code, 0, run.out);
  for (const f of [env.WORKSHOP_TRACKING_FILE, ...csvFiles(env.WORKSHOP_OUTPUTS_DIR)]) assertSpreadsheetSafe(f);
  const browser = await launchChromium(chromium!);
  try {
    const report = await openPage(browser, path.join(env.WORKSHOP_OUTPUTS_DIR, 'report.html'));
    assertSafe(report, 'report.html');
    // The title shows the task name with its underscores as spaces: window.__pwned reads window.  pwned.
    assert.match(report.text, /task <img src=x onerror=window\.\s*pwned=25>/, 'the task file name is text in the report title');
    if (!hasNbconvert) {
      assert.ok(!process.env.CI, 'CI must have jupyter nbconvert');
      t.diagnostic('jupyter nbconvert is not installed here: the executed notebooks were not converted to HTML and opened');
      return;
    }
    let labelsShown = false;
    for (const p of notebooksAsHtml(env.WORKSHOP_EXECUTED_DIR, path.join(dir, 'html'))) {
      const check = await openPage(browser, p);
      assertSafe(check, path.basename(p));
      labelsShown ||= check.text.includes(rename.billing) || check.text.includes(img(21));
    }
    assert.ok(labelsShown, 'a hostile label is shown as text in a notebook');
  } finally {
    await browser.close();
  }
});
