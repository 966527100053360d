/** The report: HTML page, what-if app, PDF (English). The pt-BR catalogue has the same keys (`../pt-BR/report.ts`). */
export const report = {};
