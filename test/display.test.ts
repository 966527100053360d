import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  chartBundle,
  chartTitle,
  escapeHtml,
  escapeMarkdown,
  figurePage,
  htmlTable,
  md,
  savePlotPage,
  showMarkdown,
  showNotes,
  showPlot,
  showTable,
  textTable,
} from '../src/core/display';
import { plotlySafe, plotlyText } from '../src/core/escape';
import { formatNumber, formatRange, usd } from '../src/core/format';
import { modelNames } from '../src/core/model-names';
import { trackingByColumn, trackingFull, trackingView } from '../src/core/tracking-view';

test('tables render as text and escaped HTML', () => {
  const rows = [
    { model: 'a<b>', n: 3, share: 0.12345, note: null },
    { model: 'c', n: 10, share: 1234.5, note: 'x\ny' },
  ];
  assert.equal(
    textTable(rows),
    ['model  n   share   note', '-----  --  ------  ----', 'a<b>   3   0.123', 'c      10  1234.5  x y'].join('\n'),
  );
  assert.match(htmlTable(rows, 'T'), /<p><b>T<\/b><\/p><div style="overflow-x:auto"><table>.*a&lt;b&gt;.*x<br>y/);
  assert.equal(textTable([]), '(no rows)');
  assert.equal(escapeHtml('"<&>"'), '&quot;&lt;&amp;&gt;&quot;');
});

test('charts are saved as offline pages sharing one plotly.js; embedded pages carry it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'charts-'));
  const fig = { data: [{ type: 'bar', x: ['a'], y: [1] }], layout: { title: { text: '</script><b>t</b>' } } };
  const file = savePlotPage(fig, { name: 'demo', chartsDir: dir });
  const page = readFileSync(file, 'utf8');
  assert.match(page, /<script src="plotly\.min\.js"><\/script>/);
  assert.ok(!page.includes('</script><b>'), 'figure JSON must not close the script tag');
  assert.ok(statSync(path.join(dir, 'plotly.min.js')).size > 1_000_000);
  assert.ok(statSync(file).size < 10_000);
  assert.ok(figurePage(fig, 'x').length > 1_000_000);
});

test('a chart without a name is saved under its title; in plain Node.js the text fallback is printed', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'charts-'));
  const printed: string[] = [];
  t.mock.method(console, 'log', (line: string) => printed.push(line));
  assert.equal(
    await showPlot({ data: [{ type: 'bar', x: ['a'], y: [1] }], layout: {} }, { title: 'Latency p90 (s)', chartsDir: dir }),
    undefined,
  );
  assert.ok(statSync(path.join(dir, 'latency_p90_s.html')).size > 0);
  showMarkdown('**bold**');
  assert.equal(printed.length, 2);
  assert.match(printed[0], /^\[chart: Latency p90 \(s\) — 1 trace\(s\); open .*latency_p90_s\.html in a browser\]$/);
  assert.equal(printed[1], '**bold**');
});

test('a chart output stands alone: Plotly MIME, HTML that loads plotly.js itself, a PNG fallback (or a note why none)', () => {
  const figure = { data: [{ type: 'bar', x: ['a'], y: [1] }], layout: { title: { text: 'T' } } };
  const withImage = chartBundle({
    figure,
    title: 'Latency',
    id: 'wc-x-1',
    page: 'outputs/charts/x.html',
    image: { png: 'iVBORw0KGgo=', width: 900, height: 460 },
  });
  assert.deepEqual(Object.keys(withImage.data).sort(), ['application/vnd.plotly.v1+json', 'image/png', 'text/html', 'text/plain']);
  assert.deepEqual((withImage.data['application/vnd.plotly.v1+json'] as { layout: unknown }).layout, { height: 460, title: { text: 'T' } });
  const html = String(withImage.data['text/html']);
  assert.match(html, /<img src="data:image\/png;base64,iVBORw0KGgo="/);
  assert.match(html, /kernelspecs\/tslab\/plotly\.min\.js/); // no dependency on an earlier cell
  assert.ok(!html.includes('Plotly v') && html.length < 5_000, 'plotly.js itself is not embedded');
  assert.match(html, /id="wc-x-1-static".*id="wc-x-1-plot"/s);
  assert.deepEqual(withImage.metadata, { 'image/png': { width: 900, height: 460 } });
  assert.equal(withImage.data['text/plain'], '[chart: Latency — 1 trace(s); open outputs/charts/x.html in a browser]');
  const noImage = chartBundle({
    figure,
    title: 'Latency',
    id: 'wc-x-2',
    page: 'outputs/charts/x.html',
    image: { reason: 'no static image: Chromium is not installed here' },
  });
  assert.equal(noImage.data['image/png'], undefined);
  assert.match(
    String(noImage.data['text/html']),
    /\[chart: Latency\]<\/b> — no static image: Chromium is not installed here\. The interactive chart draws here in a trusted notebook; it is also in outputs\/charts\/x\.html/,
  );
});

test('one number formatter: the same value reads the same everywhere', () => {
  assert.equal(formatNumber(0.8754, 'score'), '0.875');
  assert.equal(formatNumber(0.9, 'score'), '0.900');
  assert.equal(formatNumber(0.10283, 'diff'), '+0.103');
  assert.equal(formatNumber(-0.013, 'diff'), '−0.013');
  assert.equal(formatNumber(1234.5, 'ms'), '1235');
  assert.equal(formatNumber(0.067157, 'usd'), '0.0672');
  assert.equal(usd(6.7157), '$6.72');
  assert.equal(usd(6716.43), '$6,716');
  assert.equal(formatNumber(0.87, 'percent'), '87%');
  assert.equal(formatNumber(-7.6, 'change'), '−8%');
  assert.equal(formatNumber(0.0004, 'p'), '< 0.001');
  assert.equal(formatNumber(null, 'score'), '');
  assert.equal(formatRange(0.85, 0.9, 'score'), '0.850 to 0.900');
  assert.equal(formatRange(null, 0.9, 'score'), '');
});

test('models are shown by their catalogue names; unknown ids stay ids; clashes keep them apart', () => {
  const names = modelNames([
    'anthropic.claude-3-sonnet-20240229-v1:0',
    'us.amazon.nova-lite-v1:0',
    'amazon.nova-lite-v1:0',
    'my.custom-model',
  ]);
  assert.equal(names.get('anthropic.claude-3-sonnet-20240229-v1:0'), 'Claude 3 Sonnet');
  assert.equal(names.get('us.amazon.nova-lite-v1:0'), 'Amazon Nova Lite (us)');
  assert.equal(names.get('amazon.nova-lite-v1:0'), 'Amazon Nova Lite (amazon)');
  assert.equal(names.get('my.custom-model'), 'my.custom-model');
});

test('a $ stays a dollar: HTML and Markdown outputs are kept out of MathJax, Markdown dollars escaped', (t) => {
  // The tslab kernel's display writer, as the kernel (or the headless runner) installs it.
  const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: unknown };
  const written: Record<string, unknown>[] = [];
  jupyter.lastWriteDisplayData = (m: { data: Record<string, unknown> }) => written.push(m.data);
  t.after(() => {
    jupyter.lastWriteDisplayData = null;
  });
  showTable([{ text: 'revenue of $48.2 million … $19.6 million' }]);
  showMarkdown('Cost: $1.15 vs $4.34');
  showMarkdown('**no dollars**');
  assert.match(String(written[0]['text/html']), /^<div class="tex2jax_ignore mathjax_ignore">.*\$48\.2 million/);
  assert.equal(written[1]['text/markdown'], '<div class="tex2jax_ignore mathjax_ignore">\n\nCost: \\$1.15 vs \\$4.34\n\n</div>');
  assert.equal(written[1]['text/plain'], 'Cost: $1.15 vs $4.34');
  assert.equal(written[2]['text/markdown'], '**no dollars**');
});

test('the tracking CSV as people read it: a few columns per step, catalogue names, one rounding', () => {
  const table = {
    file: '/x/data/evaluation_tracking.csv',
    columns: [
      'model',
      'model_name',
      'role',
      'latency_median_ms',
      'latency_median_ci_low_ms',
      'latency_median_ci_high_ms',
      'quality_overall',
      'cost_per_1k_requests_usd',
      'monthly_cost_usd',
      'recommendation',
    ],
    rows: [
      {
        model: 'anthropic.claude-3-sonnet-20240229-v1:0',
        model_name: null,
        role: 'source',
        latency_median_ms: 4273.6,
        latency_median_ci_low_ms: 3900.2,
        latency_median_ci_high_ms: 4400.9,
        quality_overall: 0.875,
        cost_per_1k_requests_usd: 0.0672,
        monthly_cost_usd: 6716.43,
        recommendation: 'source (baseline)',
      },
    ],
  };
  const [step3] = trackingView(table, 3);
  assert.equal(step3.model, 'Claude 3 Sonnet');
  assert.equal(step3.id, 'anthropic.claude-3-sonnet-20240229-v1:0');
  assert.equal(step3['median ms'], '4274');
  assert.equal(step3['median 95% CI'], '3900 to 4401');
  assert.ok(Object.keys(step3).length <= 11, 'compact');
  const [step5] = trackingView(table, 5);
  assert.equal(step5['$ / 1k requests'], '0.0672');
  assert.equal(step5['$ / month'], '6,716');
  assert.equal(trackingView(table, 4)[0].value, '0.875');
  assert.equal(trackingFull(table)[0].quality_overall, '0.875');
});

test('escaping for each format: HTML, Markdown (also through md), Plotly labels and whole figures', () => {
  assert.equal(escapeHtml(`<img src=x onerror='a("b")'>&`), '&lt;img src=x onerror=&#39;a(&quot;b&quot;)&#39;&gt;&amp;');
  assert.equal(
    escapeMarkdown('[x](javascript:alert(1)) **b** <i>\n# h'),
    '\\[x\\]\\(javascript:alert\\(1\\)\\) \\*\\*b\\*\\* &lt;i&gt; \\# h',
  );
  assert.equal(md`**Model:** ${'<b>x</b> [l](u)'} ok`, '**Model:** &lt;b&gt;x&lt;/b&gt; \\[l\\]\\(u\\) ok');
  assert.equal(plotlyText('<b>Nova</b> & $5$'), '&lt;b&gt;Nova&lt;/b&gt; &amp; &#36;5&#36;');
  const figure = {
    data: [{ type: 'bar', name: '<b>x</b>', x: ['a<br>b', 1], text: ['$1$'] }],
    layout: { title: chartTitle('T', 'sub <i>') },
  };
  const safe = plotlySafe(figure);
  assert.deepEqual(safe, {
    data: [{ type: 'bar', name: '&lt;b&gt;x&lt;/b&gt;', x: ['a&lt;br&gt;b', 1], text: ['&#36;1&#36;'] }],
    layout: { title: { text: 'T', subtitle: { text: 'sub &lt;i&gt;' } } },
  });
  assert.equal(figure.data[0].name, '<b>x</b>', 'the figure itself is left as it was');
  // Every renderer of a figure escapes it: the chart output and the chart page.
  const bundle = chartBundle({ figure, title: '<t>', id: 'c"1', page: 'p.html', image: { reason: 'none' } });
  assert.doesNotMatch(JSON.stringify(bundle.data), /<b>x<\/b>/);
  assert.match(String(bundle.data['text/html']), /id="c&quot;1"/);
  assert.doesNotMatch(figurePage(figure, 't', 'plotly.min.js'), /<b>x<\/b>|\\u003cb>x/);
});

test('notes are shown as an escaped list (the deployment-options notes once went through Markdown unescaped)', () => {
  const lines: string[] = [];
  const log = console.log;
  console.log = (x: string) => lines.push(x);
  try {
    showNotes(['The best-ranked candidate, Nova <img src=x onerror=alert(1)> (us.x).', 'Second.']);
  } finally {
    console.log = log;
  }
  assert.deepEqual(lines, ['- The best-ranked candidate, Nova <img src=x onerror=alert(1)> (us.x).\n- Second.']);
});

test('tables that fit their page: empty columns dropped, long ids breakable, long notes folded or under their row', () => {
  const note = `Refused: ${'the service tier flex is not supported for this model, '.repeat(6)}try another tier.`;
  const rows = [
    { model: 'us.meta.llama4-maverick-17b-instruct-v1:0', calls: 3, unused: '', note },
    { model: 'b', calls: 10, unused: null, note: 'short note' },
  ];
  const html = htmlTable(rows);
  assert.ok(!html.includes('unused'), 'a column empty in every row is dropped');
  assert.equal(htmlTable(rows, { keep: ['unused'] }).match(/<th[ >]/g)?.length, 4, 'unless kept');
  assert.match(html, /us\.<wbr>meta\.<wbr>llama4-<wbr>maverick-<wbr>17b-<wbr>instruct-<wbr>v1:<wbr>0/);
  assert.match(html, /overflow-wrap:anywhere/);
  assert.match(html, /<details class="fold"><summary>Refused: the service tier flex .* …<\/summary>Refused: /, 'a long note is folded');
  assert.match(html, /<td style="text-align:left;vertical-align:top;white-space:nowrap">short note<\/td>/);
  assert.ok(!/<th[^>]*nowrap/.test(html), 'headers wrap');
  // A note column as a line under its row, as wide as the table.
  const wide = htmlTable(rows, { wide: ['note'], styling: 'classes', rowIds: ['x', 'y'] });
  assert.equal(wide.match(/<th[ >]/g)?.length, 2);
  assert.match(
    wide,
    /<tr data-row="x" class="has-note">.*?<\/tr><tr class="note-row"><td colspan="2" class="row-note"><details class="fold"><summary><i>note:<\/i> /,
  );
  assert.match(wide, /<tr class="note-row"><td colspan="2" class="row-note"><div><i>note:<\/i> short note<\/div><\/td><\/tr>/);
  assert.ok(!/style=/.test(wide.replace('<div style="overflow-x:auto">', '')), 'classes, no inline styles');
  assert.equal(textTable(rows).split('\n')[0], 'model                                      calls  note', 'the text table drops it too');
});

test('the whole tracking file turned on its side: one row per column, one column per model', () => {
  const table = {
    file: 'data/evaluation_tracking.csv',
    columns: ['model', 'model_name', 'role', 'latency_median_ms'],
    rows: [
      { model: 'anthropic.claude-3-sonnet-20240229-v1:0', model_name: 'Claude 3 Sonnet', role: 'source', latency_median_ms: 4273.6 },
      { model: 'x.y', model_name: null, role: 'candidate', latency_median_ms: null },
    ],
  };
  const rows = trackingByColumn(table);
  assert.deepEqual(
    rows.map((r) => r.column),
    table.columns,
  );
  assert.deepEqual(rows[3], { column: 'latency_median_ms', 'Claude 3 Sonnet': '4274', 'x.y': '' });
});
