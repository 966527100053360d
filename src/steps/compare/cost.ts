/**
 * Step 5's cost figures: the mean measured cost of a successful call (measured tokens ×
 * catalogue prices, from step 3's rows), scaled to 1,000 requests and to a monthly volume.
 * A price the catalogue does not know leaves the cost null ("unknown") — never 0.
 *
 * Plain arithmetic with no Node.js import: the report's what-if controls run this same
 * module in the browser (bundled by `report-app-bundle.ts`).
 *
 * @example
 * costFigures([0.002, 0.004, null], 10_000) // → { costPerRequest: 0.003, costPer1kRequests: 3, monthly: 30 }
 * costFiguresOf(0.003, 50_000)             // → { costPerRequest: 0.003, costPer1kRequests: 3, monthly: 150 }
 */
export interface CostFigures {
  costPerRequest: number | null;
  costPer1kRequests: number | null;
  monthly: number | null;
}

/** Mean of the known costs of successful calls (null when none is known). */
export function meanCost(costs: readonly (number | null)[]): number | null {
  const known = costs.filter((c): c is number => typeof c === 'number' && Number.isFinite(c));
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

/** The figures of a mean cost per request at `monthlyRequests` requests a month. */
export function costFiguresOf(costPerRequest: number | null, monthlyRequests: number): CostFigures {
  if (costPerRequest === null) return { costPerRequest: null, costPer1kRequests: null, monthly: null };
  return { costPerRequest, costPer1kRequests: costPerRequest * 1000, monthly: costPerRequest * monthlyRequests };
}

/** Mean measured cost of a successful call, scaled to 1,000 requests and to a monthly volume. */
export function costFigures(costs: readonly (number | null)[], monthlyRequests: number): CostFigures {
  return costFiguresOf(meanCost(costs), monthlyRequests);
}
