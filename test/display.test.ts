import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { escapeHtml, figurePage, htmlTable, showMarkdown, showPlot, textTable } from '../src/core/display';

test('tables render as text and escaped HTML', () => {
  const rows = [{ model: 'a<b>', n: 3, share: 0.12345, note: null }, { model: 'c', n: 10, share: 1234.5, note: 'x\ny' }];
  assert.equal(textTable(rows), ['model  n   share   note', '-----  --  ------  ----', 'a<b>   3   0.123', 'c      10  1234.5  x y'].join('\n'));
  assert.match(htmlTable(rows, 'T'), /<p><b>T<\/b><\/p><table>.*a&lt;b&gt;.*x<br>y/);
  assert.equal(textTable([]), '(no rows)');
  assert.equal(escapeHtml('"<&>"'), '&quot;&lt;&amp;&gt;&quot;');
});

test('charts are saved as offline pages sharing one plotly.js; embedded pages carry it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'charts-'));
  const fig = { data: [{ type: 'bar', x: ['a'], y: [1] }], layout: { title: { text: '</script><b>t</b>' } } };
  const file = showPlot(fig, { name: 'demo', chartsDir: dir });
  const page = readFileSync(file, 'utf8');
  assert.match(page, /<script src="plotly\.js"><\/script>/);
  assert.ok(!page.includes('</script><b>'), 'figure JSON must not close the script tag');
  assert.ok(statSync(path.join(dir, 'plotly.js')).size > 1_000_000);
  assert.ok(statSync(file).size < 10_000);
  assert.ok(figurePage(fig, 'x').length > 1_000_000);
});

test('a chart without a name is saved under its title; in plain Node.js the text fallback is printed', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'charts-'));
  const printed: string[] = [];
  t.mock.method(console, 'log', (line: string) => printed.push(line));
  const file = showPlot({ data: [{ type: 'bar', x: ['a'], y: [1] }], layout: {} }, { title: 'Latency p90 (s)', chartsDir: dir });
  assert.equal(file, path.join(dir, 'latency_p90_s.html'));
  showMarkdown('**bold**');
  assert.equal(printed.length, 2);
  assert.match(printed[0], /^\[chart: Latency p90 \(s\) — 1 trace\(s\); open .*latency_p90_s\.html in a browser\]$/);
  assert.equal(printed[1], '**bold**');
});
