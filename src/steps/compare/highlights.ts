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
import { m } from '../../core/i18n';
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
  const t = m().compare.highlights;
  const lines: string[] = [];
  if (h.nonInferiorCheaper.length)
    lines.push(
      t.cheaper({
        metric: c.primaryMetric,
        models: h.nonInferiorCheaper
          .map((id) => t.cheaperItem({ model: name(id), share: formatNumber((cost(id) ?? 0) / (sourceCost ?? 1), 'percent') }))
          .join(', '),
      }),
    );
  else if (h.nonInferior.length) lines.push(t.notCheaper({ metric: c.primaryMetric, models: h.nonInferior.map(name).join(', ') }));
  else lines.push(t.noneNonInferior({ metric: c.primaryMetric }));
  const margin = formatNumber(c.settings.margin);
  for (const n of h.notNonInferior) {
    const figures = t.figures({
      diff: formatNumber(n.diff, 'diff'),
      range: formatRange(n.lower, n.upper, 'diff'),
      p: formatNumber(n.pHolm, 'p'),
    });
    const at = { model: name(n.model), figures, margin };
    if (n.upper !== null && n.upper < -c.settings.margin) lines.push(t.below(at));
    else if (n.lower !== null && n.lower < -c.settings.margin) lines.push(t.reaches(at));
    else lines.push(t.above({ ...at, k: c.models.filter((x) => x.role === 'candidate').length }));
  }
  if (h.tradeOff) {
    const by = (k: Criterion) => (h.bestBy[k] ? t.bestOn({ criterion: m().compare.criterion[k], model: name(h.bestBy[k]!) }) : null);
    const w = c.settings.weights;
    lines.push(
      t.tradeOff({
        front: h.front.map(name).join(', '),
        best: [by('quality'), by('cost'), by('latency')].filter(Boolean).join(', '),
        quality: formatNumber(w.quality),
        latency: formatNumber(w.latency),
        cost: formatNumber(w.cost),
        recommended: c.recommended ? name(c.recommended) : m().compare.none,
      }),
    );
  } else if (h.nonInferior.length > 1 && h.front.length === 1) lines.push(t.noTradeOff({ model: name(h.front[0]) }));
  else if (h.nonInferior.length === 1) lines.push(t.onlyOne);
  for (const id of h.zeroWidth) lines.push(t.zeroWidth({ model: name(id) }));
  return lines;
}
