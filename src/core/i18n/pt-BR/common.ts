/** Palavras que toda view compartilha (português do Brasil). Mesmas chaves de `../en/common.ts`. */
import type { common as En } from '../en/common';

export const common: typeof En = {
  fix: 'Como resolver',
  rangeTo: 'a',
  usdPrefix: 'US$ ',
  pBelow: (limit) => `< ${limit}`,
};
