/** O catálogo de mensagens em português do Brasil: as mesmas áreas e chaves do inglês (`../en/index.ts`). */
import type { Messages } from '../en';
import { common } from './common';
import { compare } from './compare';
import { errors } from './errors';
import { report } from './report';
import { views } from './views';

export const ptBR: Messages = { common, views, compare, report, errors };
