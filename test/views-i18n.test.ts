/**
 * Steps 1–4 as the notebooks show them, with the process speaking Brazilian Portuguese: every
 * view (tables and their headings, banners, notes, progress lines, chart titles, axes and
 * legends) comes from the `views` catalogue — no English sentence of it is left — and numbers
 * read the pt-BR way (0,875; US$ 0,0123). The English views are pinned by the other tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { describeConfig } from '../src/core/config';
import { loadDataset } from '../src/core/dataset';
import { banner, showHtml, showTable, showTracking } from '../src/core/display';
import { currentLanguage, m, setLanguage } from '../src/core/i18n';
import { loadRubrics } from '../src/core/judge/rubrics';
import { formatDate } from '../src/core/format-date';
import { formatProgress } from '../src/runs/progress';
import { checkEnvironment } from '../src/steps/setup/environment';
import { checkModelAccess, recordModelAccess } from '../src/steps/setup/model-access';
import { lifecycleTable, migrationTrigger, recordLifecycle, reviewLifecycle } from '../src/steps/setup/lifecycle';
import {
  estimateMigrationCost,
  loadMigrationPlan,
  promptFairness,
  recordPlan,
  templatesSideBySide,
} from '../src/steps/plan/migration-plan';
import { sampleSizeAdvice } from '../src/steps/plan/sample-size';
import { runLatencyBenchmark, describeFiles } from '../src/steps/latency/benchmark';
import { latencySummaryTable, recordLatency, summarizeModel } from '../src/steps/latency/summary';
import { latencyBarsFigure, latencyBoxFigure, latencyHistogramFigure, latencyVsInputTokensFigure } from '../src/steps/latency/charts';
import { runJudgeSanityCheck, sanitySummary, sanityTable } from '../src/steps/quality/sanity-check';
import { describeQualityFiles, runQuality } from '../src/steps/quality/run';
import { primaryScores, primaryTable, qualitySummaryTable, recordQuality, summarizeQuality } from '../src/steps/quality/summary';
import { answerHighlights, answerHighlightsTable } from '../src/steps/quality/highlights';
import { metricBarsFigure, metricRadarFigure, overallDistributionFigure } from '../src/steps/quality/charts';
import { openScratchSession } from './helpers/scratch-session';

const ROOT = path.resolve(__dirname, '..');

/** Every English sentence of `messages` (3+ words): strings as they are; functions rendered with placeholder parameters, split at the placeholders. */
function englishSentences(messages: unknown): string[] {
  const HOLE = '\u0000';
  const params = new Proxy({}, { get: () => HOLE });
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (typeof x === 'string') out.push(x);
    else if (typeof x === 'function') out.push(...String((x as (p: unknown) => string)(params)).split(HOLE));
    else if (x && typeof x === 'object') for (const v of Object.values(x)) walk(v);
  };
  walk(messages);
  // Fragments of three words or more, trimmed of the punctuation that glues them to a value.
  return [
    ...new Set(
      out
        .map((s) => s.trim().replace(/^[\s(,;:.—–-]+|[\s(,;:—–-]+$/g, ''))
        .filter((s) => s.split(/\s+/).filter((w) => /[a-z]{2}/i.test(w)).length >= 3),
    ),
  ];
}

test('steps 1–4 in pt-BR: no English message of the views catalogue, numbers as 1.234,5', async () => {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  const print = (line: string) => void lines.push(line);
  const { s } = await openScratchSession('views-pt', { WORKSHOP_LANGUAGE: 'pt-BR' });
  try {
    assert.equal(currentLanguage(), 'pt-BR', 'the session speaks the language WORKSHOP_LANGUAGE names');
    // Step 1
    showTable(checkEnvironment(ROOT));
    lines.push(describeConfig(s.config));
    banner(s.backend.description, 'warning');
    lines.push(s.backend.label);
    const access = await checkModelAccess(s);
    showTable(access);
    const lifecycle = await reviewLifecycle(s);
    showTable(lifecycleTable(lifecycle));
    banner(migrationTrigger(lifecycle));
    recordModelAccess(s, access);
    recordLifecycle(s, lifecycle);
    showTracking(s.tracking, 1);
    // Step 2
    const plan = await loadMigrationPlan(s);
    showHtml(templatesSideBySide(plan, s.config.taskSpec));
    const fairness = promptFairness(plan, s.config.taskSpec);
    showTable(fairness.rows);
    banner(fairness.message);
    const estimate = await estimateMigrationCost(s, plan);
    showTable(estimate.table);
    lines.push(estimate.summary);
    showTable([sampleSizeAdvice(s, plan.dataset.rows.length)]);
    recordPlan(s, plan, estimate);
    showTracking(s.tracking, 2);
    // Step 3, with its progress lines
    const docs = (await loadDataset(s.config)).rows.slice(0, 3);
    const results = await runLatencyBenchmark(s, docs, { print });
    for (const r of results) if (r.eventLoop) lines.push(r.eventLoop.message);
    showTable(describeFiles(results));
    const summaries = results.map((r) => summarizeModel(r));
    showTable(latencySummaryTable(summaries));
    recordLatency(s, results, summaries);
    const rows = results.flatMap((r) => r.rows);
    const measured = summaries.filter((x) => x.latency.median !== null);
    const bars = measured.map((x) => ({ model: x.model, mean: x.latency.mean, median: x.latency.median, p90: x.latency.p90 }));
    const latencyCharts = [
      latencyBoxFigure(rows, s.label),
      latencyHistogramFigure(rows, s.label),
      latencyVsInputTokensFigure(rows, s.label),
      latencyBarsFigure(bars, s.label),
    ];
    showTracking(s.tracking, 3);
    // Step 4
    const rubrics = loadRubrics();
    const sanity = await runJudgeSanityCheck(s, docs, rubrics, { documents: 1, print });
    if (sanity.status !== 'not_run') showTable(sanityTable(sanity));
    banner(sanitySummary(sanity));
    const quality = await runQuality(s, { print, rubrics });
    showTable(describeQualityFiles(quality));
    const qualitySummaries = quality.map((q) => summarizeQuality(q, rubrics));
    const qualityTable = qualitySummaryTable(qualitySummaries);
    showTable(qualityTable);
    showTable(primaryTable(primaryScores(s, quality)));
    recordQuality(s, quality, qualitySummaries);
    showTable(answerHighlightsTable(answerHighlights(s, quality)));
    const qualityCharts = [
      metricBarsFigure(qualitySummaries, s.label),
      metricRadarFigure(qualitySummaries, s.label),
      overallDistributionFigure(
        quality.map((q) => ({ model: q.model, rows: q.rows })),
        s.label,
      ),
    ];
    showTracking(s.tracking, 4);
    const charts = [...latencyCharts, ...qualityCharts].map((f) => JSON.stringify({ layout: f.layout, names: f.data.map((d) => d.name) }));

    // No English sentence of the catalogue in what a person reads.
    const shown = [...lines, ...charts].join('\n');
    if (process.env.SHOW_VIEWS) log(shown);
    const english = englishSentences(m('en').views).filter((sentence) => shown.includes(sentence));
    assert.deepEqual(english, [], `English left in the pt-BR views:\n${english.join('\n')}`);
    const pt = m('pt-BR').views.headings as Record<string, string>;
    for (const heading of Object.keys(m('en').views.headings).filter((h) => h.includes(' ') && pt[h] !== h))
      assert.ok(!shown.split('\n').some((l) => l.includes(`${heading}  `)), `the English heading "${heading}" in a pt-BR table`);
    // Numbers the pt-BR way: scores 0,875, dollars US$ 0,0123; no English decimals in the quality table.
    const scores = Object.values(qualityTable[0]).filter((v): v is string => typeof v === 'string' && /^\d[\d.,]*$/.test(v));
    assert.ok(scores.length > 0 && scores.every((v) => /^\d+,\d{3}$/.test(v)), `scores read 0,875: ${scores.join(' ')}`);
    assert.match(estimate.summary, /US\$ \d+(\.\d{3})*,\d+/, 'dollars read US$ 0,0123');
    assert.match(charts[0], /"separators":",\."/, 'Plotly writes 1.234,5 on the axes');
    assert.ok(
      lines.some((l) => /: \d+\/\d+ \(\d+%\) · erros \d+ · concluído em/.test(l)),
      'progress lines in Portuguese',
    );
    assert.equal(
      formatProgress({ label: 'x', total: 2, completed: 1, errors: 0, skipped: 0, elapsedMs: 1500, etaMs: 1500 }),
      'x: 1/2 (50%) · erros 0 · faltam ~2s',
    );
    assert.equal(formatDate('2026-03-04'), '04/03/2026');
  } finally {
    console.log = log;
    await s.close();
    setLanguage('en');
  }
});

test('the English views are unchanged by the catalogue: the same words and marks as before', () => {
  setLanguage('en');
  assert.equal(m().views.runs.progress.doneIn({ time: '3s' }), 'done in 3s');
  assert.equal(
    formatProgress({ label: 'x', total: 2, completed: 2, errors: 1, skipped: 1, elapsedMs: 2000, etaMs: 0 }),
    'x: 2/2 (100%) · errors 1 · resumed 1 · done in 2s',
  );
  assert.equal(formatDate('2026-03-04'), '2026-03-04');
  assert.equal(m().views.tracking.col.medianCi, 'median 95% CI');
});
