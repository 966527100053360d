/**
 * The report's what-if controls, in the browser: weights, monthly volume, a monthly budget, a
 * P90 latency target and a minimum of the primary metric. Each change takes step 5's decision
 * again with step 5's own code — `decide` (costs, constraints, ranking, Pareto front,
 * recommendation), `decisionCells` (the table's cells that depend on the settings) and the
 * cost-vs-quality figure — bundled into report.html by esbuild (`report-app-bundle.ts`). No
 * rule of the decision is written here: this file only reads the controls and writes the page.
 *
 * The markup (controls, table, chart) is written by `report-page.ts`; the evidence and the
 * configured settings come from the page's `<script type="application/json" id="what-if-data">`.
 * Type-checked with the DOM library by `tsconfig.report-app.json` (the rest of `src/` is not).
 *
 * Its language is the page's: the data says which (`language`), and the script sets it before
 * anything else, so that `m()` — the typed catalogue, already in the bundle through the core
 * formatters — gives the page's sentences, and numbers follow the page's locale (`Intl`).
 * Messages that take values (the decision's sentences) are functions, which JSON could not carry.
 */
import { costQualityFigureOf } from '../cost-quality-figure';
import {
  changedSettings,
  compareBlock,
  decide,
  decisionColumns,
  decisionCells,
  settingsText,
  type Decision,
  type DecisionSettings,
} from '../decide';
import { plotlySafe } from '../../../core/escape';
import { escapeHtml } from '../../../core/html-table';
import { formatNumber, localizeDigits } from '../../../core/format';
// The catalogue and the language state, not the i18n index (which reads Node's environment).
import { m } from '../../../core/i18n/messages';
import { isLanguage, setLanguage } from '../../../core/i18n/state';
import { WHAT_IF_DATA_ID, type WhatIfData } from '../what-if-data';

declare const Plotly: { react(el: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<unknown> } | undefined;

/** The recommendation and caveats as written by notebook 05, shown again when the settings return to the configured ones. */
const initial = { recommendation: '', caveats: '' };
/** The settings the cost-vs-quality chart is drawn with (the page draws it first with the configured ones). */
const drawn = { settings: '' };

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null;

function readData(): WhatIfData | null {
  const el = byId(WHAT_IF_DATA_ID);
  return el?.textContent ? (JSON.parse(el.textContent) as WhatIfData) : null;
}

/** A number input's value: null when empty (the setting is off), NaN when it is not a number. */
function optionalNumber(id: string): number | null {
  const v = byId<HTMLInputElement>(id)?.value.trim() ?? '';
  return v === '' ? null : Number(v);
}

/** The settings the controls show now, or the reason they cannot be used. */
function readSettings(data: WhatIfData): { settings: DecisionSettings } | { error: string } {
  // A slider moved by hand reads to 0.01; a value written from the configuration is kept exactly.
  const weight = (k: 'quality' | 'latency' | 'cost') => {
    const raw = byId<HTMLInputElement>(`w-${k}`)?.value ?? '0';
    return raw === String(data.configured.weights[k]) ? data.configured.weights[k] : Math.round(Number(raw) * 100) / 100;
  };
  const settings: DecisionSettings = {
    weights: { quality: weight('quality'), latency: weight('latency'), cost: weight('cost') },
    monthlyRequests: optionalNumber('monthly-requests') ?? data.configured.monthlyRequests,
    monthlyBudgetUsd: optionalNumber('monthly-budget'),
    p90LatencyTargetMs: optionalNumber('p90-target'),
    minPrimaryMetric: optionalNumber('min-primary'),
  };
  const t = m().report.whatIf;
  const bad: string[] = [];
  if (!Number.isInteger(settings.monthlyRequests) || settings.monthlyRequests < 0) bad.push(t.badRequests);
  if (settings.monthlyBudgetUsd !== null && !(settings.monthlyBudgetUsd >= 0)) bad.push(t.badBudget);
  if (settings.p90LatencyTargetMs !== null && !(settings.p90LatencyTargetMs > 0)) bad.push(t.badP90);
  if (settings.minPrimaryMetric !== null && !(settings.minPrimaryMetric >= 0 && settings.minPrimaryMetric <= 1))
    bad.push(t.badMinimum({ metric: data.input.context.primaryMetric }));
  return bad.length ? { error: t.notApplied({ reasons: bad.join('; ') }) } : { settings };
}

/** Put the controls at `s`. */
function writeControls(s: DecisionSettings): void {
  const set = (id: string, v: number | null) => {
    const el = byId<HTMLInputElement>(id);
    if (el) el.value = v === null ? '' : String(v);
  };
  set('w-quality', s.weights.quality);
  set('w-latency', s.weights.latency);
  set('w-cost', s.weights.cost);
  set('monthly-requests', s.monthlyRequests);
  set('monthly-budget', s.monthlyBudgetUsd);
  set('p90-target', s.p90LatencyTargetMs);
  set('min-primary', s.minPrimaryMetric);
}

/** The side-by-side table's cells that depend on the settings, rewritten; changed ones marked. */
function writeTable(data: WhatIfData, d: Decision): void {
  const table = byId<HTMLTableElement>('side-by-side');
  if (!table) return;
  const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
  for (const row of table.querySelectorAll<HTMLTableRowElement>('tbody tr[data-row]')) {
    const i = data.input.models.findIndex((m) => m.model === row.dataset.row);
    if (i < 0) continue;
    const cells = decisionCells(data.input.models[i], d.models[i]);
    for (const col of decisionColumns()) {
      const td = row.cells[heads.indexOf(col)];
      if (!td) continue;
      const text = cells[col] === null ? '' : typeof cells[col] === 'number' ? formatNumber(cells[col] as number) : String(cells[col]);
      if (td.dataset.configured === undefined) td.dataset.configured = td.textContent ?? '';
      td.textContent = text;
      td.classList.toggle('changed', text !== td.dataset.configured);
    }
  }
}

function writeDiff(data: WhatIfData, s: DecisionSettings): void {
  const changes = changedSettings(data.configured, s);
  const el = byId('what-if-diff');
  if (!el) return;
  const t = m().report.whatIf;
  // The values as workshop.config.json writes them (machine numbers): the block below is pasted there.
  const show = (v: number | null) => (v === null ? t.noneValue : String(v));
  el.innerHTML = changes.length
    ? `<p>${t.differHtml}</p><ul>${changes
        .map((c) => `<li><code>${escapeHtml(c.key)}</code>: ${escapeHtml(show(c.configured))} → <b>${escapeHtml(show(c.current))}</b></li>`)
        .join(
          '',
        )}</ul><p>${t.pasteHtml}</p><pre id="compare-block">${escapeHtml(compareBlock(s, data.input.context.margin))}</pre><button type="button" id="copy-compare">${escapeHtml(t.copy)}</button>`
    : `<p>${t.configuredHtml}</p>`;
  byId('copy-compare')?.addEventListener('click', () => {
    const text = byId('compare-block')?.textContent ?? '';
    const done = (ok: boolean) => {
      const b = byId('copy-compare');
      if (b) b.textContent = ok ? t.copied : t.copyRefused;
    };
    navigator.clipboard?.writeText(text).then(
      () => done(true),
      () => done(false),
    ) ?? done(false);
  });
}

/** Take the decision with the controls' settings and write it into the page. */
function update(data: WhatIfData): void {
  const read = readSettings(data);
  const t = m().report.whatIf;
  const error = byId('what-if-error');
  if ('error' in read) {
    if (error) error.textContent = read.error;
    return;
  }
  const s = read.settings;
  let d: Decision;
  try {
    d = decide(data.input, s);
  } catch (e) {
    // e.g. the weights sum to 0: the same refusal, with its fix, as in notebook 05.
    if (error) error.textContent = t.notAppliedError({ message: (e as Error).message });
    return;
  }
  if (error) error.textContent = '';
  const metric = data.input.context.primaryMetric;
  const sum = s.weights.quality + s.weights.latency + s.weights.cost;
  for (const k of ['quality', 'latency', 'cost'] as const) {
    const out = byId(`w-${k}-out`);
    if (out)
      out.textContent = t.weightOut({
        weight: localizeDigits(s.weights[k].toFixed(2)),
        share: formatNumber(s.weights[k] / sum, 'percent'),
      });
  }
  const changed = changedSettings(data.configured, s).length > 0;
  const decided = byId('decided-with');
  if (decided) decided.textContent = (changed ? t.decidedWithYours : t.decidedWithConfigured)({ settings: settingsText(s, metric) });
  document.body.classList.toggle('what-if-changed', changed);
  // With the configured settings the page shows what notebook 05 wrote; otherwise the sentences of this decision.
  const rec = byId('recommendation');
  if (rec) {
    rec.innerHTML = changed ? d.recommendation.map((l) => `<p>${escapeHtml(l)}</p>`).join('') : initial.recommendation;
    rec.dataset.model = d.recommended ?? '';
  }
  const caveats = byId('caveats');
  if (caveats) caveats.innerHTML = changed ? d.caveats.map((c) => `<li>${escapeHtml(c)}</li>`).join('') : initial.caveats;
  writeTable(data, d);
  const note = byId('options-note');
  if (note) {
    const other = d.recommended !== data.configuredRecommended;
    note.hidden = !other;
    const name = (id: string | null) => data.input.models.find((x) => x.model === id)?.name ?? t.noCandidate;
    note.textContent = other ? t.otherRecommendation({ yours: name(d.recommended), configured: name(data.configuredRecommended) }) : '';
  }
  const chart = byId('cost-quality');
  const key = JSON.stringify(s);
  if (chart && typeof Plotly !== 'undefined' && key !== drawn.settings) {
    drawn.settings = key;
    const fig = costQualityFigureOf(
      data.input.models.map((m, i) => ({
        name: m.name,
        role: m.role,
        quality: d.models[i].ranked.quality,
        cost: d.models[i].ranked.cost,
        latencyMs: d.models[i].ranked.latencyMs,
        paretoOptimal: d.models[i].ranked.paretoOptimal,
        excluded: d.models[i].unmet.length > 0,
      })),
      metric,
      data.subtitle,
    );
    // Names and labels as text, as every other chart (core/escape.ts).
    const safe = plotlySafe(fig);
    void Plotly.react(chart, safe.data, safe.layout, { responsive: true, displaylogo: false });
  }
  writeDiff(data, s);
}

function start(): void {
  const data = readData();
  const form = byId<HTMLFormElement>('what-if-form');
  if (!data || !form) return;
  // The page's language first: every sentence and number below follows it.
  setLanguage(isLanguage(data.language) ? data.language : 'en');
  initial.recommendation = byId('recommendation')?.innerHTML ?? '';
  initial.caveats = byId('caveats')?.innerHTML ?? '';
  drawn.settings = JSON.stringify(data.configured);
  writeControls(data.configured);
  form.addEventListener('input', () => update(data));
  form.addEventListener('submit', (e) => e.preventDefault());
  byId('what-if-reset')?.addEventListener('click', () => {
    writeControls(data.configured);
    update(data);
  });
  for (const el of form.querySelectorAll<HTMLInputElement>('input')) el.disabled = false;
  update(data);
  document.body.dataset.whatIf = 'ready';
}

start();
