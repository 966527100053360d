/**
 * One number formatter for everything people read — notebook tables, the report, the
 * recommendation sentences and text derived from the tracking CSV — so a figure is
 * rounded the same way wherever it appears. Round once, from the raw value, by what the
 * number is (its kind); never format an already-rounded number again.
 *
 * | kind    | rule                                              | examples            |
 * |---------|---------------------------------------------------|---------------------|
 * | score   | 0–1 scores: 3 decimals                            | 0.875, 0.050        |
 * | diff    | differences of scores: 3 decimals, signed         | +0.102, −0.013      |
 * | ms      | milliseconds: whole numbers                       | 1234                |
 * | usd     | dollars: 3 significant digits below 1, 2 decimals below 100, whole above | 0.0672, 6.72, 6716 |
 * | percent | a share 0–1 as a whole percentage                 | 87%                 |
 * | change  | a % change, signed, whole                         | +12%, −8%           |
 * | count   | whole numbers with thousands separators           | 12,345              |
 * | rate    | per-second rates: 1 decimal                       | 85.3                |
 * | p       | p-values: 3 decimals, "< 0.001" below             | 0.042, < 0.001      |
 * | auto    | integers as they are; else 3 significant digits below 1, 2 decimals below 100, 1 above | |
 */
// From the modules, not the index: the report's page script bundles this file (no Node.js types there).
import { m } from './i18n/messages';
import { currentLanguage, localeOf, type Language } from './i18n/state';

export type NumberKind = 'score' | 'diff' | 'ms' | 'usd' | 'percent' | 'change' | 'count' | 'rate' | 'p' | 'auto';

const MINUS = '−';

function sig(x: number, digits: number): string {
  if (x === 0) return '0';
  return Number(x.toPrecision(digits)).toString();
}

/** The decimal and group separators of `language`'s locale, from `Intl` (cached). */
const SEPARATORS = new Map<Language, { decimal: string; group: string }>();
function separators(language: Language): { decimal: string; group: string } {
  let found = SEPARATORS.get(language);
  if (!found) {
    const parts = new Intl.NumberFormat(localeOf(language)).formatToParts(12345.6);
    found = {
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
    };
    SEPARATORS.set(language, found);
  }
  return found;
}

/**
 * A number written the English way (`1,234.5`) rewritten with `language`'s separators
 * (`1.234,5` in pt-BR). Rounding stays the same in every language; only the marks change.
 */
export function localizeDigits(text: string, language: Language = currentLanguage()): string {
  if (language === 'en') return text;
  const { decimal, group } = separators(language);
  return text.replace(/\d[\d,]*(\.\d+)?|\.\d+/g, (n) => n.replace(/[.,]/g, (c) => (c === '.' ? decimal : group)));
}

/** Options of the formatters: the language of the view (default: the process's). */
export interface FormatOptions {
  /** `en` for anything machine-read (CSV, JSON): the machine's separators whatever the view's language. */
  language?: Language;
}

/**
 * `x` as text by its kind, in the view's language (`0.875` in English, `0,875` in pt-BR);
 * null, undefined and non-finite numbers give `''`.
 *
 * @example
 * formatNumber(12345, 'count');                          // → '12,345'
 * formatNumber(12345.67, 'count', { language: 'pt-BR' }); // → '12.346'
 */
export function formatNumber(x: number | null | undefined, kind: NumberKind = 'auto', options: FormatOptions = {}): string {
  return localizeDigits(formatEnglish(x, kind), options.language ?? currentLanguage());
}

function formatEnglish(x: number | null | undefined, kind: NumberKind): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '';
  const neg = x < 0 ? MINUS : '';
  const a = Math.abs(x);
  switch (kind) {
    case 'score':
      return `${neg}${a.toFixed(3)}`;
    case 'diff':
      return `${x > 0 ? '+' : neg}${a.toFixed(3)}`;
    case 'ms':
      return `${Math.round(x) < 0 ? MINUS : ''}${Math.abs(Math.round(x))}`;
    case 'usd':
      return `${neg}${a < 1 ? sig(a, 3) : a < 100 ? a.toFixed(2) : Math.round(a).toLocaleString('en-US')}`;
    case 'percent':
      return `${Math.round(x * 100)}%`;
    case 'change': {
      const r = Math.round(x);
      return `${r > 0 ? '+' : r < 0 ? MINUS : ''}${Math.abs(r)}%`;
    }
    case 'count': {
      const r = Math.round(x);
      return `${r < 0 ? MINUS : ''}${Math.abs(r).toLocaleString('en-US')}`;
    }
    case 'rate':
      return x.toFixed(1);
    case 'p':
      return a < 0.001 ? '< 0.001' : x.toFixed(3);
    default:
      if (Number.isInteger(x)) return String(x);
      return `${neg}${a < 1 ? sig(a, 3) : a < 100 ? a.toFixed(2) : a.toFixed(1)}`;
  }
}

/** Like `formatNumber`, but a missing value stays null (an empty table cell). */
export const formatOrNull = (x: number | null | undefined, kind: NumberKind = 'auto', options: FormatOptions = {}): string | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : formatNumber(x, kind, options);

/** A dollar amount as people write it: `$0.0672` (in pt-BR `US$ 0,0672`). */
export const usd = (x: number | null | undefined, options: FormatOptions = {}) =>
  x === null || x === undefined || !Number.isFinite(x)
    ? ''
    : `${x < 0 ? MINUS : ''}${m(options.language).common.usdPrefix}${formatNumber(Math.abs(x), 'usd', options)}`;

/** An interval `low–high` with both ends formatted by `kind` (empty when either is missing). */
export function formatRange(
  low: number | null | undefined,
  high: number | null | undefined,
  kind: NumberKind,
  options: FormatOptions = {},
): string {
  const l = formatNumber(low, kind, options);
  const h = formatNumber(high, kind, options);
  return l && h ? `${l} ${m(options.language).common.rangeTo} ${h}` : '';
}

/** The kind of a tracking-CSV column, from its name (for tables built from the CSV). */
export function kindOfColumn(name: string): NumberKind {
  if (/_p_holm$|_p$|p_value/.test(name)) return 'p';
  if (/_n$/.test(name)) return 'count';
  if (/_diff(_ci_low|_ci_high)?$/.test(name)) return 'diff';
  if (/_ms$/.test(name)) return 'ms';
  if (/_usd$/.test(name)) return 'usd';
  if (/success_rate$/.test(name)) return 'percent';
  if (/_per_s_/.test(name)) return 'rate';
  if (/^quality_|^rouge|_score$|_f1$|^composite/.test(name)) return 'score';
  if (/tokens$|_n$|^context_window$|^rank$/.test(name)) return 'count';
  return 'auto';
}
