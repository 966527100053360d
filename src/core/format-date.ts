/**
 * Dates in views follow the language: an ISO day (`2026-03-04`) stays as written in English
 * (the way the tracking CSV and the catalogue write it) and reads `04/03/2026` in pt-BR
 * (`Intl.DateTimeFormat`). Files keep the ISO form: call it only for text people read.
 *
 * @example
 * formatDate('2026-03-04');                          // → '2026-03-04'
 * formatDate('2026-03-04', { language: 'pt-BR' });   // → '04/03/2026'
 */
import { currentLanguage, localeOf } from './i18n';
import type { FormatOptions } from './format';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `iso` (YYYY-MM-DD) in the view's language; anything else (null, another form) as it is. */
export function formatDate(iso: string | null | undefined, options: FormatOptions = {}): string {
  if (iso === null || iso === undefined) return '';
  const language = options.language ?? currentLanguage();
  if (language === 'en' || !DAY.test(iso)) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}
