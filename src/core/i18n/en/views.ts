/** Steps 1–4, the session, progress lines, display helpers and tracking views (English). The pt-BR catalogue has the same keys (`../pt-BR/views.ts`). */
export const views = {};
