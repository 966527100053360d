/**
 * Ranking the models: a composite score with weights the attendee chooses, and the Pareto
 * front, so that a model that is best on nothing but beaten by nothing is not hidden by
 * the weights.
 *
 * Composite: each criterion is rescaled to 0–1 across the models (min–max; for latency and
 * cost lower is better, so they are flipped), then combined with the weights normalised to
 * sum to 1. A criterion nobody has data for is left out (and said so).
 * Pareto-optimal: no other model is at least as good on quality, latency and cost and
 * strictly better on one. https://en.wikipedia.org/wiki/Pareto_efficiency
 */
export interface Weights {
  quality: number;
  latency: number;
  cost: number;
}

export const DEFAULT_WEIGHTS: Weights = { quality: 0.5, latency: 0.25, cost: 0.25 };

export interface Candidate {
  model: string;
  quality: number | null;
  latencyMs: number | null;
  cost: number | null;
}

export interface Ranked extends Candidate {
  composite: number | null;
  rank: number | null;
  paretoOptimal: boolean;
}

export function checkWeights(w: Weights): Weights {
  for (const [k, v] of Object.entries(w)) if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`Weight "${k}" must be a number ≥ 0 (got ${v}).`);
  const sum = w.quality + w.latency + w.cost;
  if (sum === 0) throw new Error('The weights sum to 0: give at least one of quality, latency and cost a positive weight (the defaults are 0.5, 0.25, 0.25).');
  return { quality: w.quality / sum, latency: w.latency / sum, cost: w.cost / sum };
}

function scaled(values: (number | null)[], higherIsBetter: boolean): (number | null)[] {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return values.map(() => null);
  const min = Math.min(...known);
  const max = Math.max(...known);
  return values.map((v) => (v === null ? null : max === min ? 1 : higherIsBetter ? (v - min) / (max - min) : (max - v) / (max - min)));
}

export function dominates(a: Candidate, b: Candidate): boolean {
  if ([a.quality, a.latencyMs, a.cost, b.quality, b.latencyMs, b.cost].some((v) => v === null)) return false;
  const geq = a.quality! >= b.quality! && a.latencyMs! <= b.latencyMs! && a.cost! <= b.cost!;
  const better = a.quality! > b.quality! || a.latencyMs! < b.latencyMs! || a.cost! < b.cost!;
  return geq && better;
}

export function rankModels(candidates: Candidate[], weights: Weights = DEFAULT_WEIGHTS): Ranked[] {
  const w = checkWeights(weights);
  const q = scaled(candidates.map((c) => c.quality), true);
  const l = scaled(candidates.map((c) => c.latencyMs), false);
  const k = scaled(candidates.map((c) => c.cost), false);
  const composite = candidates.map((_, i) => {
    const parts: [number | null, number][] = [[q[i], w.quality], [l[i], w.latency], [k[i], w.cost]];
    const usable = parts.filter(([v, wt]) => v !== null && wt > 0);
    if (usable.length === 0) return null;
    const total = usable.reduce((s, [, wt]) => s + wt, 0);
    return usable.reduce((s, [v, wt]) => s + (v as number) * wt, 0) / total;
  });
  const order = composite.map((c, i) => [c, i] as const).filter(([c]) => c !== null).sort((a, b) => (b[0] as number) - (a[0] as number));
  const ranks = new Map(order.map(([, i], r) => [i, r + 1]));
  return candidates.map((c, i) => ({ ...c, composite: composite[i], rank: ranks.get(i) ?? null, paretoOptimal: !candidates.some((o, j) => j !== i && dominates(o, c)) && c.quality !== null && c.latencyMs !== null && c.cost !== null }));
}
