/** Words every view shares (English). The pt-BR catalogue has the same keys (`../pt-BR/common.ts`). */
export const common = {
  /** The label before an error's fix: "… Fix: do this." */
  fix: 'Fix',
  /** Joins the two ends of an interval: "0.81 to 0.92". */
  rangeTo: 'to',
  /** A dollar amount: the sign before the number. */
  usdPrefix: '$',
  /** The p-value floor shown for very small values. */
  pBelow: (limit: string) => `< ${limit}`,
};
