/** The report: HTML page, what-if app, PDF — português do Brasil. Mesmas chaves de `../en/report.ts`. */
import type { report as En } from '../en/report';

export const report: typeof En = {};
