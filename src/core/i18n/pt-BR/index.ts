/** O catálogo de mensagens em português do Brasil: as mesmas áreas e chaves do inglês (`../en/index.ts`). */
import type { Messages } from '../en';
import { common } from './common';

export const ptBR: Messages = { common };
