/** Steps 1–4, the session, progress lines, display helpers and tracking views — português do Brasil. Mesmas chaves de `../en/views.ts`. */
import type { views as En } from '../en/views';

export const views: typeof En = {};
