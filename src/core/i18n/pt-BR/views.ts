/** Steps 1–4, the session, progress lines, display helpers and tracking views — português do Brasil. Mesmas chaves de `../en/views.ts`. */
import type { views as En } from '../en/views';
import { batch } from './views/batch';
import { cli } from './views/cli';
import { display, tracking } from './views/display';
import { quality } from './views/quality';
import { runs } from './views/runs';
import { headings } from './views/headings';
import { latency } from './views/latency';
import { plan } from './views/plan';
import { setup } from './views/setup';

export const views: typeof En = { display, tracking, runs, setup, plan, latency, batch, quality, headings, cli };
