/**
 * Step 5: the decision, recommendation sentences, highlights, caveats, tables and charts (English).
 * The pt-BR catalogue has the same keys (`../pt-BR/compare.ts`).
 *
 * Numbers arrive already formatted (`formatNumber`, `usd`, `formatRange`: they follow the
 * language); a message only places them. Values the tracking CSV stores as machine words
 * (verdicts, test names, prompt variants) stay English there; `latencyVerdict`, `testName`,
 * `variants.verdict` and `variants.variant` say them in the reader's language in views.
 */
import { decisionSentences } from './compare-decide';
import { compareTables } from './compare-tables';

export const compare = {
  /** A figure that has no value (a p-value not computed). */
  notAvailable: 'n/a',
  /** Joins two names: "A and B". */
  and: 'and',
  yes: 'yes',
  no: 'no',
  none: 'none',
  unknown: 'unknown',
  notMeasured: 'not measured',
  /** The three criteria of the ranking. */
  criterion: { quality: 'quality', latency: 'latency', cost: 'cost' },
  /** A paired latency verdict (the tracking CSV's `latency_verdict` keeps the English word). */
  latencyVerdict: {
    faster: 'faster',
    slower: 'slower',
    'no clear difference': 'no clear difference',
    'not enough data': 'not enough data',
  },
  /** A statistical test's name as stored in the tracking CSV (`quality_test`, `optimized_vs_task_test`), said in this language. */
  testName: (p: { test: string }): string => p.test,
  ...decisionSentences,
  ...compareTables,
};
