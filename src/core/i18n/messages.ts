/**
 * `m()`: the message catalogue of the process's language. Every string a person reads —
 * banners, table titles and headings, progress lines, recommendation sentences, caveats,
 * the report, errors and their fixes — comes from it, so one switch changes them all.
 *
 * Why a typed catalogue and not i18next: two languages, messages that are small functions of
 * typed values (a model id, a formatted number), and the compiler proving that the Portuguese
 * catalogue has every key with the same parameters — a missing translation is a build error,
 * not a key shown at run time. Plural and number rules come from `Intl`.
 *
 * @example
 * setLanguage('pt-BR');
 * m().common.fix; // → 'Como resolver'
 */
import { en, type Messages } from './en';
import { ptBR } from './pt-BR';
import { currentLanguage, type Language } from './state';

const CATALOGUES: Record<Language, Messages> = { en, 'pt-BR': ptBR };

/** The catalogue of `language` (default: the process's language). */
export function m(language: Language = currentLanguage()): Messages {
  return CATALOGUES[language];
}

export type { Messages };
