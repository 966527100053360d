/**
 * Step 5's deployment-options table: for the recommended candidate, each way Bedrock can
 * serve it — tier, latency-optimized, prompt cache, in-region / geography / global profile —
 * with its latency (P50, P90, time to first token, from step 3's option runs) and its cost
 * per 1,000 requests and per month (catalogue prices × the tokens measured under that
 * option), plus batch inference's price (no latency: a batch job answers later, not now).
 *
 * Without a recommended candidate the table is shown for the best-ranked candidate and says
 * so loudly: how a model is served is still worth knowing while the evidence is gathered, but
 * it is not a recommendation.
 */
import { findModel } from '../../core/catalog';
import { showNotes, showTable } from '../../core/display';
import { optionCallCost, optionPrices, planDeploymentOptions, type OptionPrices } from '../../core/deployment-options';
import { formatNumber, usd } from '../../core/format';
import { m } from '../../core/i18n';
import { namer } from '../../core/model-names';
import { optionResultsOf, summarizeOptionRows, type OptionSummary } from '../../results';
import type { WorkshopSession } from '../../runs/session';
import type { Comparison } from './decision';

export interface DeploymentOptionsView {
  /** The model the table is about (null: no candidate has option results). */
  model: string | null;
  /** `recommended`, `best-ranked` (no recommendation: shown for information) or `none`. */
  basis: 'recommended' | 'best-ranked' | 'none';
  title: string;
  /** What the table is, how its figures were made, and what it cannot tell — in sentences. */
  notes: string[];
  rows: Record<string, unknown>[];
}

/**
 * The table's long-text columns (headed in the reader's language), each shown as a line under its row rather than as a column
 * (an inference-profile id, a price basis or a refusal message in a narrow column would make
 * every row tall, and the table wider than the page).
 */
export function optionNoteColumns(): [string, string, string] {
  const o = m().compare.options;
  return [o.calledAs, o.priceBasis, o.note];
}

const cost = (x: number | null) => (x === null ? m().compare.unknown : usd(x));

/** Cost figures of an option from its mean measured tokens. */
function costOf(prices: OptionPrices, s: Pick<OptionSummary, 'tokens'>, monthlyRequests: number) {
  const perRequest = optionCallCost(prices, s.tokens);
  return {
    perRequest,
    per1k: perRequest === null ? null : perRequest * 1000,
    monthly: perRequest === null ? null : perRequest * monthlyRequests,
  };
}

/** Which model the table is for, and why. */
function pick(session: WorkshopSession, c: Comparison): { model: string | null; basis: DeploymentOptionsView['basis']; why: string } {
  const hasOptions = (id: string) => optionResultsOf(session.tracking, id).ok;
  if (c.recommended && hasOptions(c.recommended)) return { model: c.recommended, basis: 'recommended', why: '' };
  const ranked = c.models
    .filter((m) => m.role === 'candidate' && m.ranked.rank !== null && hasOptions(m.model))
    .sort((a, b) => (a.ranked.rank ?? Infinity) - (b.ranked.rank ?? Infinity));
  const o = m().compare.options;
  const why = c.recommended
    ? o.noOptionsOfRecommended({
        model: c.recommended,
        reason: (optionResultsOf(session.tracking, c.recommended) as { reason: string }).reason,
      })
    : o.noRecommendation;
  if (ranked.length) return { model: ranked[0].model, basis: 'best-ranked', why };
  return { model: null, basis: 'none', why };
}

export function deploymentOptionsView(session: WorkshopSession, c: Comparison): DeploymentOptionsView {
  const name = namer(c.models.map((m) => m.model));
  const { model, basis, why } = pick(session, c);
  const emulated = session.backend.kind === 'local';
  const monthly = c.settings.monthlyRequests;
  const o = m().compare.options;
  if (!model) return { model: null, basis, title: o.title, notes: [o.noTable({ why })], rows: [] };
  const results = optionResultsOf(session.tracking, model);
  const rows = results.ok ? results.rows : [];
  const summaries = summarizeOptionRows(rows);
  const plan = planDeploymentOptions(session.catalog, model, session.config.region);
  const standard = summaries.find((s) => s.option === 'standard');
  const standardCost = standard ? costOf(optionPrices(session.catalog, model, plan[0]), standard, monthly) : null;
  const tag = emulated ? o.emulatedTag : '';
  const h = {
    p50: o.p50({ tag }),
    p90: o.p90({ tag }),
    ttft: o.ttft({ tag }),
    monthly: o.monthly({ requests: formatNumber(monthly, 'count') }),
  };
  const table: Record<string, unknown>[] = summaries.map((s) => {
    const option = plan.find((o) => o.id === s.option) ?? { id: s.option, route: null };
    const prices = optionPrices(session.catalog, model, option);
    const measured = s.status === 'measured' || s.status === 'partial';
    const k = measured ? costOf(prices, s, monthly) : null;
    const change =
      k && k.per1k !== null && standardCost?.per1k
        ? formatNumber(((k.per1k - standardCost.per1k) / standardCost.per1k) * 100, 'change')
        : '';
    return {
      [o.option]: s.label,
      [o.calledAs]: s.calledModelId || '',
      [o.status]: o.statusOf({ status: s.status }),
      [o.calls]: s.calls,
      [h.p50]: formatNumber(s.p50Ms, 'ms') || '—',
      [h.p90]: formatNumber(s.p90Ms, 'ms') || '—',
      [h.ttft]: formatNumber(s.ttftP50Ms, 'ms') || '—',
      [o.per1k]: k ? cost(k.per1k) : '—',
      [h.monthly]: k ? cost(k.monthly) : '—',
      [o.vsStandard]: s.option === 'standard' ? o.baseline : change,
      [o.priceBasis]: measured ? prices.basis : '',
      [o.note]: s.reason,
    };
  });
  const batch = plan.find((o) => o.id === 'batch')!;
  const batchPrices = optionPrices(session.catalog, model, batch);
  const batchCost = standard?.successes ? costOf(batchPrices, standard, monthly) : null;
  table.push({
    [o.option]: batch.label,
    [o.calledAs]: o.batchCalledAs,
    [o.status]: o.priced,
    [o.calls]: 0,
    [h.p50]: o.asynchronous,
    [h.p90]: o.asynchronous,
    [h.ttft]: o.asynchronous,
    [o.per1k]: batchCost ? cost(batchCost.per1k) : m().compare.unknown,
    [h.monthly]: batchCost ? cost(batchCost.monthly) : m().compare.unknown,
    [o.vsStandard]:
      batchCost?.per1k != null && standardCost?.per1k
        ? formatNumber(((batchCost.per1k - standardCost.per1k) / standardCost.per1k) * 100, 'change')
        : '',
    [o.priceBasis]: o.batchBasis({ basis: batchPrices.basis }),
    [o.note]: o.batchNote,
  });

  const entry = findModel(session.catalog, model);
  const n = standard?.calls ?? 0;
  const notes: string[] = [];
  if (basis === 'best-ranked') notes.push(o.notARecommendation({ why, name: name(model), model }));
  if (emulated) notes.push(o.offline);
  notes.push(o.sample({ n, inCatalogue: Boolean(entry) }));
  notes.push(o.skipped);
  return {
    model,
    basis,
    title: o.tableTitle({ recommended: basis === 'recommended', name: name(model), model }),
    notes,
    rows: table,
  };
}

/** Show the view in a notebook: the title, the table, then what it rests on (plain sentences, escaped: a model name is shown as text). */
export function showDeploymentOptions(view: DeploymentOptionsView): void {
  if (view.rows.length) showTable(view.rows, { title: view.title, wide: optionNoteColumns() });
  showNotes(view.notes);
}
