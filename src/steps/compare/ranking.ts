/**
 * Ranking the models: a composite score with weights the attendee chooses, and the Pareto
 * front, so that a model that is best on nothing but beaten by nothing is not hidden by
 * the weights.
 *
 * Composite — each criterion is measured RELATIVE TO THE SOURCE model, as the improvement
 * over the source in fractions of the source's own value:
 *
 *   quality  (q − q_source) / q_source          (+0.10 = 10 % higher quality)
 *   latency  (l_source − l) / l_source          (+0.30 = 30 % faster)
 *   cost     (c_source − c) / c_source          (+0.50 = half the price)
 *
 * and the composite is the weighted mean of these improvements (weights normalised to sum to
 * 1): 0 is the source itself, +0.12 reads "12 % better than the source on the weighted
 * average". Each model's score depends only on its own figures and the source's, so adding or
 * removing another model — a dominated "bystander" included — never changes anyone's score
 * or their order. (Rescaling each criterion min–max across the models, as before, did: the
 * worst model set the scale of everyone else.)
 *
 * Ranks: 1 = highest composite; equal composites share a rank and the next rank is skipped
 * (competition ranking: 1, 1, 3). A model missing a criterion that has a weight (e.g. cost
 * unknown) gets no composite and no rank, and its `notes` say why. A criterion the SOURCE
 * has no usable figure for (unknown, or 0 so that a relative change is undefined) cannot be
 * measured against it: it is left out of every composite, and every model's `notes` say so.
 *
 * Pareto-optimal: no other model is at least as good on every criterion (quality, latency,
 * cost) and strictly better on at least one. It uses the raw figures and ignores the
 * weights. A model with a criterion unknown cannot be compared on all three: it is not on the
 * front, and its `notes` say why. https://en.wikipedia.org/wiki/Pareto_efficiency
 *
 * Constraints (a monthly budget, a latency target, a minimum quality — `decide.ts`): a model
 * that does not meet them comes with `excluded` reasons. It keeps its composite (for
 * reading), but gets no rank and is not on the front; the others are ranked, and the front
 * drawn, among the models that meet them — a model beaten only by an excluded one is on it.
 *
 * No Node.js import: the report's what-if controls run this same module in the browser.
 *
 * @example
 * rankModels([
 *   { model: 'source', quality: 0.80, latencyMs: 1000, cost: 2 },
 *   { model: 'fast',   quality: 0.78, latencyMs: 500,  cost: 1 },
 * ], { quality: 0.5, latency: 0.25, cost: 0.25 }, 'source')
 * // → fast: improvement { quality: −0.025, latency: +0.5, cost: +0.5 }, composite 0.2375, rank 1;
 * //   source: composite 0, rank 2; both Pareto-optimal (each is better on something).
 */
import { WorkshopError } from '../../core/errors';
import { m } from '../../core/i18n/messages';

export interface Weights {
  quality: number;
  latency: number;
  cost: number;
}

export const DEFAULT_WEIGHTS: Weights = { quality: 0.5, latency: 0.25, cost: 0.25 };

export type Criterion = 'quality' | 'latency' | 'cost';
const CRITERIA: readonly Criterion[] = ['quality', 'latency', 'cost'];

export interface Candidate {
  model: string;
  quality: number | null;
  latencyMs: number | null;
  cost: number | null;
  /** Why this model does not meet the decision's constraints (empty or absent: it meets them). */
  excluded?: string[];
}

export interface Ranked extends Candidate {
  /** Improvement over the source per criterion, as a fraction of the source's value (+0.2 = 20 % better); null when it cannot be measured. */
  improvement: Record<Criterion, number | null>;
  /** Weighted mean of the improvements; 0 = the source; null when the model is not ranked. */
  composite: number | null;
  rank: number | null;
  paretoOptimal: boolean;
  /** Criteria this model has no figure for. */
  missing: Criterion[];
  /** What the ranking could not do for this model, and why, in words. */
  notes: string[];
}

/** A criterion's name in the reader's language. */
const label = (k: Criterion): string => m().compare.criterion[k];
/** "A and B" in the reader's language. */
const both = (ks: Criterion[]) => ks.map(label).join(` ${m().compare.and} `);
const figureOf = (c: Candidate, k: Criterion): number | null => {
  const v = k === 'quality' ? c.quality : k === 'latency' ? c.latencyMs : c.cost;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

export function checkWeights(w: Weights): Weights {
  for (const [k, v] of Object.entries(w)) {
    if (!(v >= 0) || !Number.isFinite(v))
      throw new WorkshopError(`Weight "${k}" must be a number ≥ 0 (got ${v}).`, {
        fix: 'set compare.weights in workshop.config.json to numbers ≥ 0.',
        key: `compare.weights.${k}`,
      });
  }
  const sum = w.quality + w.latency + w.cost;
  if (sum === 0) {
    throw new WorkshopError('The weights sum to 0.', {
      fix: 'give at least one of quality, latency and cost a positive weight (the defaults are 0.5, 0.25, 0.25).',
      key: 'compare.weights',
    });
  }
  return { quality: w.quality / sum, latency: w.latency / sum, cost: w.cost / sum };
}

/**
 * `a` dominates `b`: at least as good on every criterion (higher quality, lower latency and
 * cost) and strictly better on at least one. False when either has a criterion unknown.
 */
export function dominates(a: Candidate, b: Candidate): boolean {
  const va = CRITERIA.map((k) => figureOf(a, k));
  const vb = CRITERIA.map((k) => figureOf(b, k));
  if ([...va, ...vb].some((v) => v === null)) return false;
  // Oriented so that larger is better on every criterion.
  const ga = [va[0]!, -va[1]!, -va[2]!];
  const gb = [vb[0]!, -vb[1]!, -vb[2]!];
  return ga.every((x, i) => x >= gb[i]) && ga.some((x, i) => x > gb[i]);
}

/** Relative improvement of `value` over the source's `base` (sign so that + is better); null if either is unknown or base is 0. */
function improvementOf(k: Criterion, value: number | null, base: number | null): number | null {
  if (value === null || base === null || base === 0) return null;
  return k === 'quality' ? (value - base) / Math.abs(base) : (base - value) / Math.abs(base);
}

/** Composites closer than this are a tie (floating-point noise, not a difference). */
const TIE = 1e-9;

/**
 * Scores, ranks and the Pareto front of `candidates`, measured against the model named
 * `source` (default: the first candidate).
 */
export function rankModels(candidates: Candidate[], weights: Weights = DEFAULT_WEIGHTS, source?: string): Ranked[] {
  const w = checkWeights(weights);
  if (candidates.length === 0) return [];
  const base = source === undefined ? candidates[0] : candidates.find((c) => c.model === source);
  if (!base) {
    throw new WorkshopError(
      `The source model "${source}" is not among the models to rank (${candidates.map((c) => c.model).join(', ')}).`,
      {
        fix: 'pass the model id of the source, as it appears in the list.',
        model: source,
      },
    );
  }

  // Criteria that count: a positive weight and a usable figure for the source.
  const t = m().compare.ranking;
  const leftOut: string[] = [];
  const usable = CRITERIA.filter((k) => {
    if (w[k] === 0) return false;
    const b = figureOf(base, k);
    if (b === null || b === 0) {
      leftOut.push(t.leftOut({ criterion: label(k), source: base.model, zero: b !== null }));
      return false;
    }
    return true;
  });
  const total = usable.reduce((s, k) => s + w[k], 0);

  const rows = candidates.map((c) => {
    const missing = CRITERIA.filter((k) => figureOf(c, k) === null);
    const improvement = Object.fromEntries(CRITERIA.map((k) => [k, improvementOf(k, figureOf(c, k), figureOf(base, k))])) as Record<
      Criterion,
      number | null
    >;
    const notes = [...leftOut];
    const blocking = usable.filter((k) => improvement[k] === null);
    let composite: number | null = null;
    if (usable.length === 0) notes.push(`${t.notRanked}: ${t.noCriterion}`);
    else if (blocking.length) notes.push(`${t.notRanked}: ${t.unknown({ criteria: both(blocking) })}`);
    else composite = usable.reduce((s, k) => s + (improvement[k] as number) * w[k], 0) / total;
    if (missing.length) notes.push(t.notOnFront({ criteria: both(missing) }));
    const excluded = c.excluded ?? [];
    if (excluded.length) notes.push(t.excluded({ why: excluded.join('; ') }));
    return { ...c, improvement, composite, missing, notes };
  });

  const counts = (c: Candidate) => (c.excluded ?? []).length === 0;
  return rows.map((r, i) => {
    const rank =
      r.composite === null || !counts(r)
        ? null
        : 1 + rows.filter((o) => counts(o) && o.composite !== null && o.composite - (r.composite as number) > TIE).length;
    const paretoOptimal =
      r.missing.length === 0 && counts(r) && !candidates.some((o, j) => j !== i && counts(o) && dominates(o, candidates[i]));
    return { ...r, rank, paretoOptimal };
  });
}

/**
 * The ranking's notes as caveat sentences: a note every model shares (a criterion left out
 * for all) once, prefixed "Ranking:"; the others prefixed with their model.
 */
export function rankingCaveats(ranked: readonly Ranked[]): string[] {
  const out: string[] = [];
  const t = m().compare.ranking;
  const shared = (note: string) => ranked.length > 1 && ranked.every((r) => r.notes.includes(note));
  for (const r of ranked) {
    for (const note of r.notes) {
      const text = shared(note) ? t.shared({ note }) : t.ofModel({ model: r.model, note });
      if (!out.includes(text)) out.push(text);
    }
  }
  return out;
}
