/**
 * What a comparison shows, in the terms step 5 teaches — computed from the comparison itself,
 * so that notebook 05's prose points at this run's figures, never at hard-coded ones:
 *
 * - the candidates shown non-inferior on the primary metric, and those of them cheaper than
 *   the source (the migration the workshop is about);
 * - the candidates NOT shown non-inferior, with their paired interval (the one to read twice:
 *   "not shown non-inferior" is not "shown worse");
 * - whether the weights decide: two or more non-inferior candidates of which none is at least
 *   as good as another on quality, latency and cost together — a trade-off only your weights
 *   settle (the best on each criterion alone is named);
 * - paired intervals of zero width: a candidate that scored exactly like the source on every
 *   item (nothing to test, often two identical answer sets);
 * - the spread of the candidates' primary means.
 *
 * @example
 * const h = comparisonHighlights(compareModels(session));
 * h.tradeOff // → true when, say, Haiku is best on quality and gpt-oss on cost
 * for (const line of highlightSentences(comparison)) console.log(line);
 */
import { max, min } from 'simple-statistics';
import { formatNumber, formatRange } from '../../core/format';
import { namer } from '../../core/model-names';
import type { Comparison, ModelComparison } from './decision';
import { dominates, type Criterion } from './ranking';

export interface NotNonInferior {
  model: string;
  diff: number | null;
  lower: number | null;
  upper: number | null;
  /** Holm-adjusted one-sided p-value of the non-inferiority test. */
  pHolm: number | null;
}

export interface ComparisonHighlights {
  /** Candidates shown non-inferior on the primary metric. */
  nonInferior: string[];
  /** Those of them whose cost per 1,000 requests is below the source's. */
  nonInferiorCheaper: string[];
  /** Candidates compared and not shown non-inferior. */
  notNonInferior: NotNonInferior[];
  /** Among the non-inferior candidates, the best on each criterion alone (null when none is non-inferior or the figure is unknown). */
  bestBy: Record<Criterion, string | null>;
  /** Non-inferior candidates none of the others matches or beats on quality, latency and cost together. */
  front: string[];
  /** Two or more of them: better on one criterion, worse on another — only the weights decide between them. */
  tradeOff: boolean;
  /** Candidates whose paired interval of the primary metric has zero width. */
  zeroWidth: string[];
  /** Largest minus smallest candidate mean of the primary metric (null with fewer than two). */
  primarySpan: number | null;
}

const CRITERIA: Criterion[] = ['quality', 'latency', 'cost'];

function bestOn(models: readonly ModelComparison[], k: Criterion): string | null {
  let best: ModelComparison | null = null;
  for (const m of models) {
    const v = m.ranked.improvement[k];
    if (v === null) continue;
    const b = best?.ranked.improvement[k] as number | undefined;
    // Ties go to the higher composite (the one your weights prefer).
    if (best === null || v > b! || (v === b && (m.ranked.composite ?? -Infinity) > (best.ranked.composite ?? -Infinity))) best = m;
  }
  return best?.model ?? null;
}

export function comparisonHighlights(c: Comparison): ComparisonHighlights {
  const source = c.models.find((m) => m.role === 'source');
  const candidates = c.models.filter((m) => m.role === 'candidate');
  const ni = candidates.filter((m) => m.primary?.nonInferior === true);
  const sourceCost = source?.cost.costPer1kRequests ?? null;
  const bestBy = Object.fromEntries(CRITERIA.map((k) => [k, bestOn(ni, k)])) as Record<Criterion, string | null>;
  const means = candidates.map((m) => m.evidence.primary?.value).filter((v): v is number => typeof v === 'number');
  const front = ni
    .filter((m) => m.ranked.missing.length === 0 && !ni.some((o) => o !== m && dominates(o.ranked, m.ranked)))
    .map((m) => m.model);
  return {
    nonInferior: ni.map((m) => m.model),
    nonInferiorCheaper: ni
      .filter((m) => sourceCost !== null && m.cost.costPer1kRequests !== null && m.cost.costPer1kRequests < sourceCost)
      .map((m) => m.model),
    notNonInferior: candidates
      .filter((m) => m.primary?.nonInferior === false)
      .map((m) => ({ model: m.model, diff: m.primary!.diff, lower: m.primary!.lower, upper: m.primary!.upper, pHolm: m.primary!.pHolm })),
    bestBy,
    front,
    tradeOff: front.length >= 2,
    zeroWidth: candidates
      .filter((m) => m.primary && m.primary.lower !== null && m.primary.upper !== null && m.primary.upper - m.primary.lower === 0)
      .map((m) => m.model),
    primarySpan: means.length >= 2 ? max(means) - min(means) : null,
  };
}

/** The highlights in sentences, models by their catalogue names (notebook 05 and the scenario check print them). */
export function highlightSentences(c: Comparison, h: ComparisonHighlights = comparisonHighlights(c)): string[] {
  const name = namer(c.models.map((m) => m.model));
  const cost = (id: string) => c.models.find((m) => m.model === id)?.cost.costPer1kRequests ?? null;
  const sourceCost = cost(c.source);
  const lines: string[] = [];
  if (h.nonInferiorCheaper.length)
    lines.push(
      `Shown non-inferior on ${c.primaryMetric} and cheaper than the source: ${h.nonInferiorCheaper
        .map((id) => `${name(id)} (${formatNumber((cost(id) ?? 0) / (sourceCost ?? 1), 'percent')} of its cost per request)`)
        .join(', ')}.`,
    );
  else if (h.nonInferior.length)
    lines.push(`Shown non-inferior on ${c.primaryMetric}, but not cheaper: ${h.nonInferior.map(name).join(', ')}.`);
  else lines.push(`No candidate is shown non-inferior on ${c.primaryMetric}: with these items, none can replace the source yet.`);
  const margin = c.settings.margin;
  for (const n of h.notNonInferior) {
    const figures = `mean paired difference ${formatNumber(n.diff, 'diff')}, 95% interval ${formatRange(n.lower, n.upper, 'diff')}, Holm-adjusted p ${formatNumber(n.pHolm, 'p')}`;
    if (n.upper !== null && n.upper < -margin)
      lines.push(
        `Not shown non-inferior: ${name(n.model)} — ${figures}. Its whole interval lies below −${margin}: on these items it is worse than the source by more than the margin.`,
      );
    else if (n.lower !== null && n.lower < -margin)
      lines.push(
        `Not shown non-inferior: ${name(n.model)} — ${figures}. Its interval reaches below −${margin} (the margin): it may be that much worse, or not — "not shown non-inferior" is not "shown worse". Read its lowest-scored answers in step 4.`,
      );
    else
      lines.push(
        `Not shown non-inferior: ${name(n.model)} — ${figures}. Its interval stays above −${margin}, yet the paired test, corrected for ${c.models.filter((m) => m.role === 'candidate').length} candidates, does not clear 0.025: with this few items one bad answer weighs heavily. Read its lowest-scored answers in step 4; more documents would settle it.`,
      );
  }
  if (h.tradeOff) {
    const by = (k: Criterion) => (h.bestBy[k] ? `on ${k} ${name(h.bestBy[k]!)}` : null);
    lines.push(
      `A trade-off your weights decide: ${h.front.map(name).join(', ')} are each non-inferior and better than the other(s) on something — best ${[by('quality'), by('cost'), by('latency')].filter(Boolean).join(', ')}. With your weights (quality ${c.settings.weights.quality}, latency ${c.settings.weights.latency}, cost ${c.settings.weights.cost}) the recommendation is ${c.recommended ? name(c.recommended) : 'none'}; change settings.weights and re-run to see it move.`,
    );
  } else if (h.nonInferior.length > 1 && h.front.length === 1)
    lines.push(
      `No trade-off: ${name(h.front[0])} is at least as good as the other non-inferior candidates on quality, cost and latency alike — any weights pick it.`,
    );
  else if (h.nonInferior.length === 1)
    lines.push('Only one candidate is shown non-inferior: the weights cannot change the recommendation.');
  for (const id of h.zeroWidth)
    lines.push(
      `${name(id)} scored exactly like the source on every item (a paired interval of zero width): there is nothing to test — were the answers identical?`,
    );
  return lines;
}
