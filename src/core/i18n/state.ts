/**
 * The workshop's languages, and the one the process speaks now. A notebook's kernel or the
 * CLI is one process that speaks one language: `openSession` (or the CLI) sets it once, and
 * every view, message and error reads it from here.
 *
 * @example
 * setLanguage('pt-BR');
 * currentLanguage(); // → 'pt-BR'
 * localeOf('pt-BR'); // → 'pt-BR'
 */

/** The editions the workshop is written in. */
export const LANGUAGES = ['en', 'pt-BR'] as const;

/** A language the workshop speaks: `en` (English) or `pt-BR` (Brazilian Portuguese). */
export type Language = (typeof LANGUAGES)[number];

let current: Language = 'en';

/** Make `language` the process's language (views, messages and errors from now on). */
export function setLanguage(language: Language): void {
  current = language;
}

/** The process's language (default `en`). */
export function currentLanguage(): Language {
  return current;
}

/** Whether `value` names one of the workshop's languages (exact spelling: `en`, `pt-BR`). */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The `Intl` locale used to format numbers and dates in views for `language`. */
export function localeOf(language: Language = current): 'en-US' | 'pt-BR' {
  return language === 'pt-BR' ? 'pt-BR' : 'en-US';
}
