/** Steps 1–4, the session, progress lines, display helpers and tracking views (English). The pt-BR catalogue has the same keys (`../pt-BR/views.ts`). */
import { batch } from './views/batch';
import { cli } from './views/cli';
import { display, tracking } from './views/display';
import { quality } from './views/quality';
import { runs } from './views/runs';
import { headings } from './views/headings';
import { latency } from './views/latency';
import { plan } from './views/plan';
import { setup } from './views/setup';

export const views = { display, tracking, runs, setup, plan, latency, batch, quality, headings, cli };
