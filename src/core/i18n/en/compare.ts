/** Step 5: the decision, recommendation sentences, highlights, caveats, tables and charts (English). The pt-BR catalogue has the same keys (`../pt-BR/compare.ts`). */
export const compare = {};
