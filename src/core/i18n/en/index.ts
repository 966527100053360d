/**
 * The English message catalogue, one object per area. Add an area here and in
 * `../pt-BR/index.ts`; the compiler then refuses a Portuguese catalogue that lacks a key or
 * takes different parameters.
 */
import { common } from './common';
import { compare } from './compare';
import { errors } from './errors';
import { report } from './report';
import { views } from './views';

export const en = { common, views, compare, report, errors };

/** The shape every language's catalogue has. */
export type Messages = typeof en;
