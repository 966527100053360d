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
 * The table's long-text columns, each shown as a line under its row rather than as a column
 * (an inference-profile id, a price basis or a refusal message in a narrow column would make
 * every row tall, and the table wider than the page).
 */
export const OPTION_NOTE_COLUMNS = ['called as', 'price basis', 'note'] as const;

const BATCH_NOTE =
  'Batch inference is an asynchronous job (CreateModelInvocationJob): you upload the requests as a JSONL file to S3 and collect the answers from S3 when the job completes — no immediate answer, so no latency figure. It suits workloads that can wait (nightly summaries, backfills).';

const cost = (x: number | null) => (x === null ? 'unknown' : usd(x));

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
  const why = c.recommended
    ? `step 3 measured no deployment option of the recommended candidate (${c.recommended}): ${(optionResultsOf(session.tracking, c.recommended) as { reason: string }).reason}`
    : 'no candidate is recommended (see the recommendation above)';
  if (ranked.length) return { model: ranked[0].model, basis: 'best-ranked', why };
  return { model: null, basis: 'none', why };
}

export function deploymentOptionsView(session: WorkshopSession, c: Comparison): DeploymentOptionsView {
  const name = namer(c.models.map((m) => m.model));
  const { model, basis, why } = pick(session, c);
  const emulated = session.backend.kind === 'local';
  const monthly = c.settings.monthlyRequests;
  if (!model) {
    return {
      model: null,
      basis,
      title: 'Deployment options',
      notes: [
        `No deployment-options table: ${why}, and no candidate has deployment-option results from step 3 (deploymentOptions in workshop.config.json; re-run notebook 03).`,
      ],
      rows: [],
    };
  }
  const results = optionResultsOf(session.tracking, model);
  const rows = results.ok ? results.rows : [];
  const summaries = summarizeOptionRows(rows);
  const plan = planDeploymentOptions(session.catalog, model, session.config.region);
  const standard = summaries.find((s) => s.option === 'standard');
  const standardCost = standard ? costOf(optionPrices(session.catalog, model, plan[0]), standard, monthly) : null;
  const tag = emulated ? ' (emulated)' : '';
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
      option: s.label,
      'called as': s.calledModelId || '',
      status: s.status,
      calls: s.calls,
      [`P50 ms${tag}`]: formatNumber(s.p50Ms, 'ms') || '—',
      [`P90 ms${tag}`]: formatNumber(s.p90Ms, 'ms') || '—',
      [`TTFT P50 ms${tag}`]: formatNumber(s.ttftP50Ms, 'ms') || '—',
      '$ / 1k requests': k ? cost(k.per1k) : '—',
      [`$ / month (${formatNumber(monthly, 'count')} requests)`]: k ? cost(k.monthly) : '—',
      'cost vs standard': s.option === 'standard' ? 'baseline' : change,
      'price basis': measured ? prices.basis : '',
      note: s.reason,
    };
  });
  const batch = plan.find((o) => o.id === 'batch')!;
  const batchPrices = optionPrices(session.catalog, model, batch);
  const batchCost = standard?.successes ? costOf(batchPrices, standard, monthly) : null;
  table.push({
    option: batch.label,
    'called as': 'a batch job (CreateModelInvocationJob), not a call',
    status: 'priced',
    calls: 0,
    [`P50 ms${tag}`]: '— asynchronous',
    [`P90 ms${tag}`]: '— asynchronous',
    [`TTFT P50 ms${tag}`]: '— asynchronous',
    '$ / 1k requests': batchCost ? cost(batchCost.per1k) : 'unknown',
    [`$ / month (${formatNumber(monthly, 'count')} requests)`]: batchCost ? cost(batchCost.monthly) : 'unknown',
    'cost vs standard':
      batchCost?.per1k != null && standardCost?.per1k
        ? formatNumber(((batchCost.per1k - standardCost.per1k) / standardCost.per1k) * 100, 'change')
        : '',
    'price basis': `${batchPrices.basis}; the standard option's measured tokens`,
    note: BATCH_NOTE,
  });

  const entry = findModel(session.catalog, model);
  const n = standard?.calls ?? 0;
  const notes: string[] = [];
  if (basis === 'best-ranked')
    notes.push(
      `NOT A RECOMMENDATION: ${why}. The table shows the best-ranked candidate, ${name(model)} (${model}), so you can see what serving it differently would change — decide on the model first.`,
    );
  if (emulated)
    notes.push(
      "OFFLINE: the latencies are EMULATED — the local endpoint applies documented factors (priority: 25% more output tokens per second; prompt-cache reads: up to 85% shorter time to first token) and two labelled assumptions (flex: twice the time to first token; latency-optimized: 0.7× time to first token, 1.6× tokens per second; inference profiles: no latency difference) — see docs/local-endpoint.md. The prices are the catalogue's published ones.",
    );
  notes.push(
    `Each option was called with the same request on ${n} call(s) (deploymentOptions.documents × invocations): the prompt's shared part as the system prompt, the document in the user turn — a small sample: P90 of a few calls is the slowest of them. Costs are the mean measured tokens of the option's calls × the catalogue's prices for that option (data/model_catalog.json${entry ? '' : ' — this model is not in it, so every cost is unknown'}); "unknown" means the catalogue has no price for it — never 0.`,
  );
  notes.push(
    "Options the catalogue says the model lacks are skipped with the reason; options it does not know are tried, and a refusal is shown with Bedrock's message. The prompt-cache option runs one call at a time, so its first call writes the cache and the next ones read it; at production volume nearly every request within the cache's 5-minute TTL reads it.",
  );
  return {
    model,
    basis,
    title: `Deployment options — ${basis === 'recommended' ? 'recommended candidate' : 'best-ranked candidate (NOT recommended)'}: ${name(model)} (${model})`,
    notes,
    rows: table,
  };
}

/** Show the view in a notebook: the title, the table, then what it rests on (plain sentences, escaped: a model name is shown as text). */
export function showDeploymentOptions(view: DeploymentOptionsView): void {
  if (view.rows.length) showTable(view.rows, { title: view.title, wide: OPTION_NOTE_COLUMNS });
  showNotes(view.notes);
}
