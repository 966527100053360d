/** Step 5: the decision, recommendation sentences, highlights, caveats, tables and charts — português do Brasil. Mesmas chaves de `../en/compare.ts`. */
import type { compare as En } from '../en/compare';

export const compare: typeof En = {};
