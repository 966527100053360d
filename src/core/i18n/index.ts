/**
 * The workshop's two languages: which one a run speaks (`resolveLanguage`, `setLanguage`),
 * the message catalogue of that language (`m()`), and the `Intl` locale for views.
 * CSV, JSON and JSONL files never follow the language: their numbers and column names are
 * the same in every edition.
 */
export { currentLanguage, isLanguage, LANGUAGES, localeOf, setLanguage, type Language } from './state';
export { m, type Messages } from './messages';
export { editionLanguage, parseLanguage, resolveLanguage, type LanguageSources } from './language';
