import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as bedrockControl from '@aws-sdk/client-bedrock';
import * as bedrockRuntime from '@aws-sdk/client-bedrock-runtime';
import { checkNotebook, readNotebook, sourceText, toLines, workedAnswers, writeNotebook } from '../src/workshop/notebook';
import { installKernelSpec } from '../src/workshop/kernel-spec';
import { parseCsv } from '../src/core/csv';
import { answerProblems, EXERCISES } from './helpers/exercises';
import { findChromium, launchChromium } from '../src/core/browser';
import { wideTables } from './helpers/table-fit';
import { englishFragments, englishLeftovers, notebookOutputText, visibleText } from './helpers/english-ui';

const ROOT = path.resolve(__dirname, '..');
const NOTEBOOKS = path.join(ROOT, 'notebooks');
const notebookFiles = (existsSync(NOTEBOOKS) ? readdirSync(NOTEBOOKS) : [])
  .filter((d) => /^\d\d_/.test(d))
  .map((d) => path.join(NOTEBOOKS, d, `${d}.ipynb`))
  .filter((f) => {
    try {
      readFileSync(f);
      return true;
    } catch {
      return false;
    }
  });

// `jupyter --version` alone is not enough: Debian's jupyter-notebook installs `jupyter` without nbconvert.
const hasNbconvert = spawnSync('jupyter', ['nbconvert', '--version']).status === 0;

/** Run `npm run workshop` with a scratch tracking file and output folders. */
async function workshop(args: string[], env: Record<string, string> = {}) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'workshop-'));
  const fullEnv = {
    ...process.env,
    LOCAL_BEDROCK_LATENCY_SCALE: '0.02',
    WORKSHOP_TRACKING_FILE: path.join(scratch, 'evaluation_tracking.csv'),
    WORKSHOP_OUTPUTS_DIR: path.join(scratch, 'outputs'),
    WORKSHOP_EXECUTED_DIR: path.join(scratch, 'executed'),
    ...env,
  };
  const result = await promisify(execFile)(process.execPath, [path.join(ROOT, 'dist', 'bin', 'workshop.js'), ...args], {
    env: fullEnv,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
  return { ...result, scratch, tracking: fullEnv.WORKSHOP_TRACKING_FILE };
}

function executedErrors(file: string): string {
  return readNotebook(file)
    .cells.flatMap((c) =>
      (c.outputs ?? [])
        .filter((o) => o.output_type === 'error')
        .map((o) => `${(o as { ename: string }).ename}: ${(o as { evalue: string }).evalue}`),
    )
    .join('\n');
}

/** The notebooks as git has committed them (HEAD), not as Jupyter last saved them in the working tree. */
function committedNotebooks(): { file: string; nb: ReturnType<typeof readNotebook> }[] | null {
  const list = spawnSync('git', ['-C', ROOT, 'ls-tree', '-r', '--name-only', 'HEAD', '--', 'notebooks', 'test/fixtures/notebooks'], {
    encoding: 'utf8',
  });
  if (list.status !== 0) return null;
  return list.stdout
    .split('\n')
    .filter((f) => f.endsWith('.ipynb') && !f.includes('.ipynb_checkpoints/'))
    .map((file) => {
      const text = spawnSync('git', ['-C', ROOT, 'show', `HEAD:${file}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
      return { file, nb: JSON.parse(text) };
    });
}

test('committed notebooks (as git has them, whatever Jupyter saved since): tslab kernel, every cell with an id, no outputs', {
  skip: spawnSync('git', ['-C', ROOT, 'rev-parse', 'HEAD']).status !== 0 ? 'not a git checkout: nothing is committed to check' : false,
}, () => {
  const committed = committedNotebooks()!;
  assert.ok(committed.filter((c) => c.file.startsWith('test/fixtures/')).length >= 5, 'the runner fixtures are committed');
  assert.ok(
    committed.some((c) => c.file.startsWith('notebooks/')),
    'the workshop notebooks are committed',
  );
  assert.ok(
    committed.some((c) => c.file.endsWith('.pt-BR.ipynb')),
    'the pt-BR edition is committed (and checked here like the English one)',
  );
  for (const { file, nb } of committed) assert.deepEqual(checkNotebook(nb), [], file);
});

/** The Bedrock operations of the two SDK clients the notebooks use: every `…Command` class they export. */
function bedrockOperations(): Set<string> {
  const names = [...Object.keys(bedrockRuntime), ...Object.keys(bedrockControl)];
  return new Set(names.filter((n) => /^[A-Z]\w*Command$/.test(n)).map((n) => n.replace(/Command$/, '')));
}

test('every notebook sends Bedrock requests in plain sight: SDK commands in code cells (at least one per notebook, six distinct operations in all)', () => {
  const operations = bedrockOperations();
  assert.ok(operations.has('Converse') && operations.has('GetFoundationModel'), 'the SDK clients export their commands');
  const seen = new Map<string, Set<string>>();
  for (const file of notebookFiles) {
    const ops = new Set<string>();
    for (const cell of readNotebook(file).cells.filter((c) => c.cell_type === 'code')) {
      const code = sourceText(cell);
      // A command counts where the same cell sends it with a client.
      if (!/\.send\(/.test(code)) continue;
      for (const m of code.matchAll(/\bnew ([A-Z]\w*)Command\(/g)) if (operations.has(m[1])) ops.add(m[1]);
    }
    seen.set(path.basename(file, '.ipynb'), ops);
  }
  assert.equal(seen.size, 5, [...seen.keys()].join(', '));
  for (const [step, ops] of seen) assert.ok(ops.size >= 1, `${step} shows no Bedrock call in its code cells`);
  const all = new Set([...seen.values()].flatMap((s) => [...s]));
  assert.ok(all.size >= 6, `distinct operations in plain sight: ${[...all].join(', ')}`);
  for (const op of ['Converse', 'ConverseStream', 'CountTokens', 'GetFoundationModel']) assert.ok(all.has(op), `${op} is taught`);
});

test('every "Try it" exercise has a worked answer and an end-to-end expectation (test/helpers/exercises.ts), and nothing stale', () => {
  const answers = notebookFiles.flatMap((f) => workedAnswers(readNotebook(f)));
  for (const file of notebookFiles)
    assert.ok(workedAnswers(readNotebook(file)).length >= 2, `${path.basename(file)}: at least two exercises with worked answers`);
  assert.deepEqual(answers.map((a) => a.cellId).sort(), Object.keys(EXERCISES).sort());
});

test('notebook 03 measures with its own function: an edit of that cell is a new provenance and a fresh run, and the unedited notebook resumes its rows', async () => {
  // Steps 1–3 as they ship, on scratch files.
  const env = { LOCAL_BEDROCK_LATENCY_SCALE: '0', WORKSHOP_CHART_IMAGES: '0', WORKSHOP_CANDIDATE_MODELS: 'us.amazon.nova-2-lite-v1:0' };
  const first = await workshop(['01', '02', '03'], env);
  assert.equal(first.code, 0, first.out);
  const shared = { ...env, WORKSHOP_TRACKING_FILE: first.tracking, WORKSHOP_OUTPUTS_DIR: path.join(first.scratch, 'outputs') };
  const resultFiles = () => {
    const rows = parseCsv(readFileSync(first.tracking, 'utf8')).rows.filter((x) => x.role !== 'judge');
    return rows.map((x) => String(x.latency_results_file));
  };
  const before = resultFiles();
  const provenanceOf = (file: string) => new Set(parseCsv(readFileSync(path.resolve(ROOT, file), 'utf8')).rows.map((x) => x.provenance_id));

  // The same notebook with its measured function edited (the first clock stops at the first sentence), run from a copy
  // whose ../../dist and node_modules are this checkout's.
  const copy = mkdtempSync(path.join(tmpdir(), 'edited-'));
  symlinkSync(path.join(ROOT, 'dist'), path.join(copy, 'dist'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  mkdirSync(path.join(copy, 'nb', '03_latency'), { recursive: true });
  const nb = readNotebook(path.join(NOTEBOOKS, '03_latency', '03_latency.ipynb'));
  const cell = nb.cells.find((c) => c.cell_type === 'code' && /async function measureStream\(/.test(sourceText(c)))!;
  const original = sourceText(cell);
  const edited = original.replace(
    /if \(m\.timeToFirstTokenMs === null\) m\.timeToFirstTokenMs = performance\.now\(\) - start;\n(\s*)m\.text \+= event\.contentBlockDelta\.delta\.text;/,
    'm.text += event.contentBlockDelta.delta.text;\n$1if (m.timeToFirstTokenMs === null && /[.!?]/.test(m.text)) m.timeToFirstTokenMs = performance.now() - start;',
  );
  assert.notEqual(edited, original, 'the measured function of notebook 03 has the line this test edits');
  cell.source = toLines(edited);
  writeNotebook(path.join(copy, 'nb', '03_latency', '03_latency.ipynb'), nb);
  const editedRun = await workshop(['--notebooks-dir', path.join(copy, 'nb'), '03'], shared);
  assert.equal(editedRun.code, 0, editedRun.out);
  const sets = [
    ...editedRun.out.matchAll(
      /set aside 10 row\(s\) from another set-up \(measure: measureStream@([0-9a-f]{12}) → measureStream@([0-9a-f]{12})\)/g,
    ),
  ];
  assert.equal(sets.length, 2, `both models set their rows aside, naming the two versions of the function:\n${editedRun.out}`);
  assert.ok(sets.every((m) => m[1] !== m[2]));
  // (The deployment options are measured by the library's own calls, so they do resume.)
  assert.doesNotMatch(editedRun.out, /^\[03_latency\]\s+(?!options )\S+: .*resumed \d/m, 'a fresh benchmark run: nothing resumed');
  const after = resultFiles();
  after.forEach((file, i) => {
    assert.notEqual(file, before[i], 'a new run writes a new result file');
    assert.ok(existsSync(path.resolve(ROOT, before[i])), 'the earlier file stays');
    const [was] = provenanceOf(before[i]);
    const [now] = provenanceOf(file);
    assert.ok(was && now && was !== now, `${file}: another provenance`);
  });

  // The notebook as it ships again: its own rows are found in the checkpoint and resumed, not measured again.
  const back = await workshop(['03'], shared);
  assert.equal(back.code, 0, back.out);
  assert.equal((back.out.match(/resumed 10/g) ?? []).length >= 2, true, back.out);
  assert.deepEqual(resultFiles(), before);
});

/** The English run's folder (test below), for the pt-BR edition's identical-headers check. */
let englishRun: { scratch: string; tracking: string } | null = null;

/** Every CSV file under `dir` (relative path → its header line). */
function csvHeaders(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      // Named without the run's hash or time stamp, which differ between any two runs.
      else if (e.name.endsWith('.csv'))
        out.set(
          path
            .relative(dir, full)
            .replace(/_run-[0-9a-f]+/, '')
            .replace(/_[0-9a-f]{12}(?=\.csv$)/, '')
            .replace(/batch-emulated-\d+/, 'batch-emulated'),
          readFileSync(full, 'utf8').split(/\r?\n/, 1)[0],
        );
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

test('npm run workshop runs the built steps offline (with every "Try it" worked answer), fills the tracking CSV', async () => {
  const r = await workshop(['--answers']);
  assert.equal(r.code, 0, r.out);
  englishRun = r;
  assert.match(r.out, /01_setup\s+ok/);
  assert.match(r.out, /02_tracking\s+ok/);
  assert.match(r.out, /03_latency\s+ok/);
  assert.match(r.out, /04_quality\s+ok/);
  assert.match(r.out, /05_compare\s+ok/);
  // Every worked answer ran after its exercise, without error, and showed what it should.
  for (const file of notebookFiles) {
    const step = path.basename(file, '.ipynb');
    const ids = workedAnswers(readNotebook(file)).map((a) => a.cellId);
    assert.deepEqual(answerProblems(readNotebook(path.join(r.scratch, 'executed', `${step}.ipynb`)), ids), [], step);
  }
  const table = parseCsv(readFileSync(r.tracking, 'utf8'));
  assert.deepEqual(
    table.rows.map((x) => x.role),
    ['source', 'candidate', 'candidate', 'candidate', 'candidate', 'candidate', 'judge'],
  );
  assert.match(table.columns.join(','), /^model,model_name,role,.*setup_status.*plan_status/);
  const models = table.rows.filter((x) => x.role !== 'judge');
  assert.ok(
    models.every(
      (x) =>
        x.backend === 'local' &&
        x.setup_status === 'available' &&
        x.plan_status === 'planned' &&
        x.latency_status === 'measured' &&
        x.quality_status === 'judged',
    ),
    JSON.stringify(models),
  );
  const judge = table.rows.find((x) => x.role === 'judge')!;
  assert.equal(judge.setup_status, 'available');
  assert.equal(judge.lifecycle_status, 'ACTIVE');
  // Step 2: prompt tokens counted by CountTokens (emulated offline) where the model supports it, estimated elsewhere — and the judge is priced.
  const by = table.rows.map((x) => String(x.est_input_tokens_by));
  assert.ok(
    by.every((b) => /^(CountTokens( \+ scaled estimate)? \(emulated\)|estimate)$/.test(b)),
    by.join(', '),
  );
  assert.ok(by.includes('CountTokens (emulated)') && by.includes('estimate'), by.join(', '));
  assert.equal(judge.plan_status, 'planned');
  assert.ok(Number(judge.est_cost_usd) > 0 && Number(judge.est_input_tokens) > 0, JSON.stringify(judge));
  assert.match(
    JSON.stringify(readNotebook(path.join(r.scratch, 'executed', '02_tracking.ipynb'))),
    /Step 4's judge: \$[0-9.]+ \(\d+ calls.*Input tokens counted by Bedrock's CountTokens \(emulated by the local endpoint\).*Input tokens estimated/,
  );
  // Step 2's prompt optimization (emulated offline): a status per candidate, the unsupported ones with no call, an optimized template on disk.
  const step2 = JSON.stringify(readNotebook(path.join(r.scratch, 'executed', '02_tracking.ipynb')));
  assert.match(step2, /Analysis \(emulated\): /);
  assert.match(step2, /EMULATED offline by the local endpoint — original vs optimized prompt/);
  const optimizedRows = table.rows.filter((x) => x.role === 'candidate');
  assert.ok(
    optimizedRows.every((x) => ['optimized', 'unsupported', 'refused', 'not run'].includes(String(x.prompt_optimized_status))),
    JSON.stringify(optimizedRows.map((x) => x.prompt_optimized_status)),
  );
  const optimizedOne = optimizedRows.find((x) => x.prompt_optimized_status === 'optimized')!;
  assert.match(String(optimizedOne.prompt_optimized_by), /\(emulated\)$/);
  assert.match(readFileSync(path.resolve(ROOT, String(optimizedOne.prompt_optimized_template)), 'utf8'), /\{\{document\}\}/);
  const qualityFiles = readdirSync(path.join(r.scratch, 'outputs')).filter((f) => /^quality_.*\.csv$/.test(f));
  assert.equal(qualityFiles.filter((f) => !/_optimized_run-/.test(f)).length, 6, qualityFiles.join(', '));
  // Steps 3–5 with the optimized prompt (prompts.variants = both): each optimized candidate ran it on the first
  // prompts.optimizedDocuments (8) documents, was judged, and step 5 tested it against the task prompt, paired.
  const optimizedCandidates = optimizedRows.filter((x) => x.prompt_optimized_status === 'optimized');
  assert.equal(qualityFiles.filter((f) => /_optimized_run-/.test(f)).length, optimizedCandidates.length, qualityFiles.join(', '));
  assert.ok(
    optimizedCandidates.every(
      (x) =>
        x.latency_status_optimized === 'measured' &&
        x.quality_status_optimized === 'judged' &&
        Number(x.optimized_vs_task_n) === 8 &&
        ['better', 'worse', 'no clear difference'].includes(String(x.optimized_vs_task_verdict)) &&
        ['task', 'optimized'].includes(String(x.variant_used)),
    ),
    JSON.stringify(
      optimizedCandidates.map((x) => [
        x.model,
        x.latency_status_optimized,
        x.quality_status_optimized,
        x.optimized_vs_task_n,
        x.optimized_vs_task_verdict,
      ]),
    ),
  );
  const step5Variants = JSON.stringify(readNotebook(path.join(r.scratch, 'executed', '05_compare.ipynb')));
  assert.match(step5Variants, /Task prompt vs optimized prompt — OFFLINE/);
  assert.match(step5Variants, /the optimized prompt (raised|lowered|did not clearly change) judge_overall/);
  const step4 = JSON.stringify(readNotebook(path.join(r.scratch, 'executed', '04_quality.ipynb')));
  assert.match(step4, /The judge ranks the control answers as it should/);
  // The prose points at what this run shows: the answers worth reading, found in the results.
  assert.match(step4, /Answers worth reading, found in this run/);
  assert.match(step4, /the fact the judge caught/);
  assert.ok(
    models.every((x) => /^(recommended|source \(baseline\)|non-inferior alternative|not recommended)/.test(String(x.recommendation))),
    JSON.stringify(models.map((x) => x.recommendation)),
  );
  const report = readFileSync(path.join(r.scratch, 'outputs', 'report.html'), 'utf8');
  assert.match(report, /Model migration report/);
  assert.match(report, /<h2 id="prompt-variants">Task prompt vs optimized prompt<\/h2>/);
  // The deployment options of the recommended (or, without one, the best-ranked) candidate: step 5 and the report.
  const candidates = table.rows.filter((x) => x.role === 'candidate');
  assert.ok(
    candidates.every((x) =>
      /^outputs\/options_document_summarization_.*\.csv$/.test(String(x.options_results_file).replace(/^.*(outputs\/)/, '$1')),
    ),
    JSON.stringify(candidates.map((x) => x.options_results_file)),
  );
  const optionsHeading = /Deployment options — (recommended candidate|best-ranked candidate \(NOT recommended\)): /;
  assert.match(report, optionsHeading);
  assert.match(report, /Batch inference \(asynchronous job, no immediate answer\)/);
  assert.match(report, /P50 ms \(emulated\)/);
  assert.match(report, /Standard tier, [^<]* — as configured \(baseline\)/);
  const step5 = JSON.stringify(readNotebook(path.join(r.scratch, 'executed', '05_compare.ipynb')));
  // Step 5 names the branches this run took: a cheaper non-inferior candidate, one not shown non-inferior (issue #20).
  assert.match(step5, /Shown non-inferior on judge_overall and cheaper than the source: /);
  assert.match(step5, /Not shown non-inferior: /);
  assert.match(step5, optionsHeading);
  assert.match(step5, /\$ \/ month \(100,000 requests\)/);
  assert.match(JSON.stringify(readNotebook(path.join(r.scratch, 'executed', '03_latency.ipynb'))), /Deployment options per candidate/);
  assert.ok(report.length < 5_000_000, `report.html is ${report.length} bytes (budget 5 MB)`);
  assert.match(r.out, new RegExp(`Report: ${path.join(r.scratch, 'outputs', 'report.html').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  for (const step of ['01_setup', '02_tracking', '03_latency', '04_quality', '05_compare']) {
    const size = statSync(path.join(r.scratch, 'executed', `${step}.ipynb`)).size;
    assert.ok(size < 2_000_000, `${step}.ipynb is ${size} bytes (budget 2 MB)`);
  }
  // Every chart output stands alone: Plotly MIME + HTML + (with Chromium) a PNG.
  const charts = readNotebook(path.join(r.scratch, 'executed', '03_latency.ipynb')).cells.flatMap((c) =>
    (c.outputs ?? []).filter((o) => o.output_type === 'display_data' && 'application/vnd.plotly.v1+json' in (o as { data: object }).data),
  );
  assert.equal(charts.length, 4);
  if (process.env.CI || spawnSync('chromium', ['--version']).status === 0)
    assert.ok(charts.every((o) => 'image/png' in (o as { data: object }).data));
  const executed5 = JSON.stringify(readNotebook(path.join(r.scratch, 'executed', '05_compare.ipynb')));
  if (process.env.CI || findChromium()) {
    // Five charts, and the prompt variants' before/after (every default candidate has an optimized prompt).
    assert.match(executed5, /Browser check: 6\/6 charts rendered, 0 page error\(s\)/);
    assert.ok(readFileSync(path.join(r.scratch, 'outputs', 'report.png')).length > 10_000);
    // The PDF printed by notebook 05, and named at the end of the run.
    assert.equal(
      readFileSync(path.join(r.scratch, 'outputs', 'report.pdf'))
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );
    assert.match(r.out, /PDF: {4}.*report\.pdf/);
    // No table wider than the page at 1280 px: the report (with the deployment options) and notebook 05's executed HTML.
    const pages = [path.join(r.scratch, 'outputs', 'report.html')];
    if (hasNbconvert) {
      const html = spawnSync(
        'jupyter',
        ['nbconvert', '--to', 'html', '--output-dir', r.scratch, path.join(r.scratch, 'executed', '05_compare.ipynb')],
        {
          encoding: 'utf8',
        },
      );
      assert.equal(html.status, 0, `jupyter nbconvert --to html: ${html.stderr}`);
      pages.push(path.join(r.scratch, '05_compare.html'));
    } else assert.ok(!process.env.CI, 'CI must have jupyter nbconvert');
    const browser = await launchChromium();
    try {
      for (const file of pages) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 120_000 });
        await page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
        assert.deepEqual(await wideTables(page), [], `${path.basename(file)}: tables wider than the page at 1280 px`);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }
  const latencyFiles = readdirSync(path.join(r.scratch, 'outputs')).filter((f) => /^latency_document_summarization_.*\.csv$/.test(f));
  // The optimized prompt's runs (one per candidate step 2 optimized) have their own files and logs.
  const results = latencyFiles.filter((f) => !/_optimized_run-/.test(f));
  const optimizedPrompts = table.rows.filter((x) => x.prompt_optimized_status === 'optimized').length;
  assert.equal(latencyFiles.filter((f) => /_optimized_run-/.test(f)).length, optimizedPrompts, latencyFiles.join(', '));
  // One benchmark run per model, the source's second run by the "first sentence" exercise (another measured function,
  // so another run), and the emulated batch job notebook 03 imports for one candidate.
  assert.equal(results.filter((f) => /_run-[0-9a-f]+\.csv$/.test(f)).length, 7, results.join(', '));
  assert.equal(results.filter((f) => /_batch-/.test(f)).length, 1, results.join(', '));
  assert.equal(results.length, 8, results.join(', '));
  const benchmarkLogs = readdirSync(path.join(r.scratch, 'outputs', 'logs')).filter((f) => f.startsWith('model_latency_benchmarking_'));
  assert.equal(benchmarkLogs.filter((f) => !f.includes('_optimized_')).length, 7);
  assert.equal(benchmarkLogs.filter((f) => f.includes('_optimized_')).length, optimizedPrompts);
  assert.equal(readdirSync(path.join(r.scratch, 'outputs', 'charts')).filter((f) => f.startsWith('latency_')).length, 4);
  const executed = readNotebook(path.join(r.scratch, 'executed', '01_setup.ipynb'));
  assert.match(JSON.stringify(executed), /OFFLINE — local emulated Bedrock endpoint/);
  // Step 1 names the trigger: the LEGACY source's end-of-life date, and records it.
  assert.match(
    JSON.stringify(executed),
    /Why migrate: Claude Sonnet 4\.5 \(us\.anthropic\.claude-sonnet-4-5-20250929-v1:0\) is LEGACY and reaches end of life on 2027-04-08/,
  );
  const source = table.rows.find((x) => x.model === 'us.anthropic.claude-sonnet-4-5-20250929-v1:0')!;
  assert.deepEqual(
    [
      source.lifecycle_status,
      source.legacy_date,
      source.public_extended_access_date,
      source.end_of_life_date,
      source.requires_inference_profile,
    ],
    ['LEGACY', '2026-10-08', '2027-01-08', '2027-04-08', 'true'],
  );
  assert.match(String(source.inference_profiles_offered), /^us\.anthropic\.claude-sonnet-4-5-20250929-v1:0;global\./);
});

test('the Brazilian Portuguese edition end to end: WORKSHOP_LANGUAGE=pt-BR npm run workshop -- --answers runs the five .pt-BR notebooks and their worked answers', async () => {
  const r = await workshop(['--answers'], { WORKSHOP_LANGUAGE: 'pt-BR', LOCAL_BEDROCK_LATENCY_SCALE: '0' });
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /\(edição pt-BR\)/);
  const fragments = englishFragments();
  assert.deepEqual(englishLeftovers(r.out, fragments), [], 'the terminal speaks Portuguese');
  for (const file of notebookFiles) {
    const step = path.basename(file, '.ipynb');
    assert.match(r.out, new RegExp(`\\[${step}\\] .*${step}\\.pt-BR\\.ipynb`), `${step}: the pt-BR notebook ran`);
    assert.match(r.out, new RegExp(`${step}\\s+ok`));
    // Its own executed copy, next to where the English one would go; no error; every worked answer ran and showed what it should.
    const executed = path.join(r.scratch, 'executed', `${step}.pt-BR.ipynb`);
    assert.equal(executedErrors(executed), '', step);
    const nb = readNotebook(executed);
    assert.deepEqual(
      answerProblems(
        nb,
        workedAnswers(readNotebook(file)).map((a) => a.cellId),
        'pt-BR',
      ),
      [],
      step,
    );
    // No English sentence of the message catalogue in what the notebook showed (tables, banners, progress, charts' notes).
    assert.deepEqual(englishLeftovers(notebookOutputText(nb), fragments), [], `${step}: English text in the pt-BR outputs`);
    assert.match(notebookOutputText(nb), /[ãçéêóõú]/, `${step}: accents survive the outputs`);
    assert.match(
      nb.cells
        .filter((c) => c.cell_type === 'markdown')
        .map(sourceText)
        .join('\n'),
      /Como ler/,
      `${step}: the Portuguese text`,
    );
    assert.ok(!existsSync(path.join(r.scratch, 'executed', `${step}.ipynb`)), `${step}: the English notebook did not run`);
  }
  // The same workshop: the same models through every step.
  const table = parseCsv(readFileSync(r.tracking, 'utf8'));
  assert.deepEqual(
    table.rows.map((x) => x.role),
    ['source', 'candidate', 'candidate', 'candidate', 'candidate', 'candidate', 'judge'],
  );
  assert.ok(
    table.rows
      .filter((x) => x.role !== 'judge')
      .every((x) => x.setup_status === 'available' && x.latency_status === 'measured' && x.quality_status === 'judged'),
    JSON.stringify(table.rows.map((x) => [x.model, x.setup_status, x.latency_status, x.quality_status])),
  );
  const report = path.join(r.scratch, 'outputs', 'report.html');
  assert.ok(existsSync(report), 'the report');
  const page = readFileSync(report, 'utf8');
  assert.match(page, /<html lang="pt-BR"/);
  assert.deepEqual(englishLeftovers(visibleText(page), fragments), [], 'the report speaks Portuguese');
  // The files stay machine-readable and comparable: every CSV both editions write has the same header in both.
  if (englishRun) {
    const en = csvHeaders(path.join(englishRun.scratch, 'outputs'));
    const pt = csvHeaders(path.join(r.scratch, 'outputs'));
    const shared = [...pt.keys()].filter((k) => en.has(k));
    assert.ok(shared.length >= 10, `CSV files both editions wrote: ${shared.join(', ')}`);
    for (const k of shared) assert.equal(pt.get(k), en.get(k), `${k}: the same columns in both editions`);
    assert.equal(
      readFileSync(r.tracking, 'utf8').split('\n', 1)[0],
      readFileSync(englishRun.tracking, 'utf8').split('\n', 1)[0],
      'the tracking CSV',
    );
  }
  // Accents survive the files: the Portuguese documents' answers in the step-3 results.
  const results = readdirSync(path.join(r.scratch, 'outputs')).filter((k) => /^latency_.*\.csv$/.test(k));
  assert.ok(
    results.some((k) => /[ãçéêóõú]/.test(readFileSync(path.join(r.scratch, 'outputs', k), 'utf8'))),
    `accented answers in ${results.join(', ')}`,
  );
});

test('a classification task end to end: accuracy and macro F1 with intervals reach the tracking CSV, and step 5 decides on them', async () => {
  const r = await workshop([], { WORKSHOP_CONFIG: 'workshop.classification.config.json', LOCAL_BEDROCK_LATENCY_SCALE: '0' });
  assert.equal(r.code, 0, r.out);
  const all = parseCsv(readFileSync(r.tracking, 'utf8')).rows;
  const rows = all.filter((x) => x.role !== 'judge');
  // No judge calls are planned for a classification task.
  for (const j of all.filter((x) => x.role === 'judge')) {
    assert.equal(Number(j.est_input_tokens), 0);
    assert.equal(j.est_cost_usd, null);
  }
  const config = JSON.parse(readFileSync(path.join(ROOT, 'workshop.classification.config.json'), 'utf8'));
  assert.equal(rows.length, 1 + config.models.candidates.length);
  for (const x of rows) {
    assert.equal(x.quality_primary_metric, 'accuracy');
    for (const col of ['accuracy', 'accuracy_ci_low', 'accuracy_ci_high', 'macro_f1', 'macro_f1_ci_low', 'macro_f1_ci_high'])
      assert.ok(x[col] !== null && Number(x[col]) >= 0 && Number(x[col]) <= 1, `${x.model} ${col}=${x[col]}`);
    assert.equal(x.quality_primary, x.accuracy);
    assert.match(String(x.quality_message), /classification task, decided on its labels/);
  }
  for (const x of rows.filter((y) => y.role === 'candidate')) {
    assert.match(
      String(x.recommendation),
      /accuracy .* on 20 paired items .*\(Nam 1997, Tango 1998\).* Holm-adjusted over \d+ candidate\(s\)/,
    );
    assert.match(String(x.quality_test), /score test of non-inferiority/);
  }
  const report = readFileSync(path.join(r.scratch, 'outputs', 'report.html'), 'utf8');
  assert.match(report, /accuracy/);
  assert.match(
    JSON.stringify(readNotebook(path.join(r.scratch, 'executed', '04_quality.ipynb'))),
    /Judge sanity check not run: the task is a classification task/,
  );
});

test('a denied judge: step 4 keeps the reference metrics, step 5 does not rank on quality it does not have', async () => {
  const judge = JSON.parse(readFileSync(path.join(ROOT, 'workshop.config.json'), 'utf8')).judge.models[0];
  const r = await workshop([], { LOCAL_BEDROCK_DENIED_MODELS: judge, LOCAL_BEDROCK_LATENCY_SCALE: '0' });
  assert.equal(r.code, 0, r.out);
  const rows = parseCsv(readFileSync(r.tracking, 'utf8')).rows;
  assert.equal(rows.find((x) => x.model === judge)?.setup_status, 'denied');
  for (const x of rows.filter((y) => y.role !== 'judge')) {
    assert.equal(x.quality_status, 'skipped', String(x.model));
    assert.match(String(x.quality_message), /is "denied" in step 1/);
    assert.ok(Number(x.rouge_l_f1) > 0, `${x.model}: reference metrics kept`);
    assert.equal(x.non_inferior_quality, null);
  }
  assert.match(readFileSync(path.join(r.scratch, 'outputs', 'report.html'), 'utf8'), /no recommendation can rest on quality/);
});

test('bad input: a dataset without the mapped column stops step 1 with the fix, and keeps the tracking file', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bad-'));
  const dataset = path.join(dir, 'docs.csv');
  writeFileSync(dataset, 'text,summary\nHello,Hi\n');
  const tracking = path.join(dir, 'evaluation_tracking.csv');
  const before = 'model,role\nanthropic.claude-3-sonnet-20240229-v1:0,source\n';
  writeFileSync(tracking, before);
  const r = await workshop(['01'], { WORKSHOP_DATASET: dataset, WORKSHOP_TRACKING_FILE: tracking });
  assert.equal(r.code, 1);
  assert.match(r.out, /01_setup failed at code cell setup-12/);
  assert.match(r.out, /has no column "document" \(dataset\.columns\.document\)\. Columns found: text, summary/);
  assert.equal(readFileSync(tracking, 'utf8'), before);
});

test('large input: /dev/zero as the dataset stops step 1 at once with the fix; 200,000 rows go through step 1', async () => {
  const zero = await workshop(['01'], { WORKSHOP_DATASET: '/dev/zero' });
  assert.equal(zero.code, 1);
  assert.match(
    zero.out,
    /The dataset \/dev\/zero \(set by the environment variable WORKSHOP_DATASET\) is a character device .*, not a regular file: it could be endless, so it is not read\.\s+Fix: save the data to a \.csv, \.jsonl or \.xlsx file and point the environment variable WORKSHOP_DATASET at it/,
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'large-'));
  const dataset = path.join(dir, 'docs.csv');
  const n = 200_000;
  const lines = new Array<string>(n);
  for (let i = 0; i < n; i++) lines[i] = `"Parcel ${i + 1} arrived ${i % 9} days late.",Late parcel.`;
  writeFileSync(dataset, `document,referenceResponse\n${lines.join('\n')}\n`);
  const large = await workshop(['01'], { WORKSHOP_DATASET: dataset });
  assert.equal(large.code, 0, large.out);
  assert.doesNotMatch(large.out, /Maximum call stack/);
  const executed = readFileSync(path.join(large.scratch, 'executed', '01_setup.ipynb'), 'utf8');
  assert.match(executed, /Dataset facts/);
  assert.match(executed, /200,?000/);
  assert.equal(executedErrors(path.join(large.scratch, 'executed', '01_setup.ipynb')), '');
});

test('bad input: a configuration typo shows its whole message, the nearest key and the fix in the terminal', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'typo-'));
  const config = JSON.parse(readFileSync(path.join(ROOT, 'workshop.config.json'), 'utf8'));
  config.benchmark.num_paralel_calls = 2;
  const file = path.join(dir, 'workshop.config.json');
  writeFileSync(file, JSON.stringify(config));
  const r = await workshop(['01'], { WORKSHOP_CONFIG: file });
  assert.equal(r.code, 1);
  assert.match(
    r.out,
    /has 1 problem\(s\):\n- benchmark \(in .*workshop\.config\.json\): unknown key\(s\) "num_paralel_calls" — did you mean "num_parallel_calls"\?\nFix: correct these settings/,
  );
  assert.doesNotMatch(r.out, /^\s+at /m, 'no JavaScript stack without --verbose');
});

test('bad input: AWS requested without credentials gives the fix; a denied model is reported as denied', async () => {
  const noCreds = await workshop(['01'], {
    WORKSHOP_BACKEND: 'aws',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_PROFILE: 'workshop-test-no-such-profile',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  assert.equal(noCreds.code, 1);
  assert.match(noCreds.out, /backend is "aws" but no AWS credentials could be found.*Fix: configure credentials/s);
  const denied = await workshop(['01'], { LOCAL_BEDROCK_DENIED_MODELS: 'amazon.nova-2-lite-v1:0' });
  assert.equal(denied.code, 0, denied.out);
  const row = readFileSync(denied.tracking, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('us.amazon.nova-2-lite-v1:0'))!;
  assert.match(row, /,denied,.*AccessDeniedException.*Model access/);
  assert.equal(executedErrors(path.join(denied.scratch, 'executed', '01_setup.ipynb')), '');
});

test('bad input: a model id the offline catalogue does not know is an error in step 1, and the other models still run', async () => {
  const r = await workshop(['01', '02', '03'], {
    WORKSHOP_CANDIDATE_MODELS: 'anthropic.claude-haiku-4-5-20251001-v1:0,acme.unknown-model-v1:0',
    LOCAL_BEDROCK_LATENCY_SCALE: '0',
  });
  assert.equal(r.code, 0, r.out);
  assert.match(
    JSON.stringify(readNotebook(path.join(r.scratch, 'executed', '01_setup.ipynb'))),
    /acme\.unknown-model-v1:0 is not in the model catalogue/,
  );
  const rows = parseCsv(readFileSync(r.tracking, 'utf8')).rows;
  const unknown = rows.find((x) => x.model === 'acme.unknown-model-v1:0')!;
  assert.equal(unknown.setup_status, 'error');
  assert.equal(unknown.latency_status, 'skipped');
  assert.equal(rows.find((x) => x.model === 'anthropic.claude-haiku-4-5-20251001-v1:0')!.latency_status, 'measured');
});

test('the notebooks also execute under real Jupyter (nbconvert) with the registered tslab kernel', {
  skip:
    !process.env.CI && !hasNbconvert
      ? 'jupyter nbconvert is not installed here (apt-get install jupyter-nbconvert python3-nbclient; CI installs it)'
      : false,
}, async () => {
  assert.ok(hasNbconvert, 'CI must have jupyter nbconvert: .ci/run installs jupyter-nbconvert python3-nbclient jupyter-client');
  const scratch = mkdtempSync(path.join(tmpdir(), 'jupyter-'));
  installKernelSpec(path.join(scratch, 'jupyter'));
  const env = {
    ...process.env,
    JUPYTER_PATH: path.join(scratch, 'jupyter'),
    LOCAL_BEDROCK_LATENCY_SCALE: '0.02',
    WORKSHOP_TRACKING_FILE: path.join(scratch, 'evaluation_tracking.csv'),
    WORKSHOP_OUTPUTS_DIR: path.join(scratch, 'outputs'),
  };
  for (const file of notebookFiles) {
    const r = spawnSync(
      'jupyter',
      ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=600', '--output-dir', scratch, file],
      { cwd: path.dirname(file), env, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, `${path.basename(file)}: ${r.stderr}`);
    const executed = path.join(scratch, path.basename(file));
    assert.equal(executedErrors(executed), '', path.basename(file));
    assert.ok(readNotebook(executed).cells.some((c) => (c.outputs ?? []).length > 0));
  }
});

test('the taught prompt-cache path: deploymentOptions.sharedPrefixFile set to a long shared prompt — step 3 reads the cache, step 5 prices the option; an unreadable file stops step 3 with the key and the fix', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shared-prefix-'));
  const prefix = path.join(dir, 'shared.txt');
  // About 2,000 tokens of shared instructions: above every cached model's minimum (1,024–4,096 tokens).
  writeFileSync(
    prefix,
    Array.from({ length: 160 }, (_, i) => `Rule ${i + 1}: keep the summary factual, short and in plain business English.`).join('\n'),
  );
  const config = JSON.parse(readFileSync(path.join(ROOT, 'workshop.config.json'), 'utf8'));
  config.deploymentOptions.sharedPrefixFile = prefix;
  const file = path.join(dir, 'workshop.config.json');
  writeFileSync(file, JSON.stringify(config));
  const r = await workshop([], { WORKSHOP_CONFIG: file, LOCAL_BEDROCK_LATENCY_SCALE: '0' });
  assert.equal(r.code, 0, r.out);
  const executed3 = JSON.stringify(readNotebook(path.join(r.scratch, 'executed', '03_latency.ipynb')));
  const hits = [...executed3.matchAll(/(\d+)\/(\d+) calls read the cache/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.ok(hits.length > 0, 'the options table reports the prompt cache');
  assert.ok(
    hits.some(([read, total]) => total >= 2 && read >= total - 1),
    `after the first call, the calls read the shared prefix from the cache: ${JSON.stringify(hits)}`,
  );
  assert.match(JSON.stringify(readNotebook(path.join(r.scratch, 'executed', '05_compare.ipynb'))), /Prompt cache on the shared prefix/);

  config.deploymentOptions.sharedPrefixFile = path.join(dir, 'missing.txt');
  writeFileSync(file, JSON.stringify(config));
  const bad = await workshop(['01', '02', '03'], { WORKSHOP_CONFIG: file, LOCAL_BEDROCK_LATENCY_SCALE: '0' });
  assert.equal(bad.code, 1, bad.out);
  assert.match(bad.out, /The shared prefix file .*missing\.txt \(deploymentOptions\.sharedPrefixFile\) cannot be read/);
  assert.match(bad.out, /Fix: give the path of a UTF-8 text file/);
});
