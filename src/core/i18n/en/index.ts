/**
 * The English message catalogue, one object per area. Add an area here and in
 * `../pt-BR/index.ts`; the compiler then refuses a Portuguese catalogue that lacks a key or
 * takes different parameters.
 */
import { common } from './common';

export const en = { common };

/** The shape every language's catalogue has. */
export type Messages = typeof en;
