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
export type NumberKind = 'score' | 'diff' | 'ms' | 'usd' | 'percent' | 'change' | 'count' | 'rate' | 'p' | 'auto';

const MINUS = '−';

function sig(x: number, digits: number): string {
  if (x === 0) return '0';
  return Number(x.toPrecision(digits)).toString();
}

/** `x` as text by its kind; null, undefined and non-finite numbers give `''`. */
export function formatNumber(x: number | null | undefined, kind: NumberKind = 'auto'): string {
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
    case 'count':
      return Math.round(x).toLocaleString('en-US');
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
export const formatOrNull = (x: number | null | undefined, kind: NumberKind = 'auto'): string | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : formatNumber(x, kind);

/** A dollar amount as people write it: `$0.0672`. */
export const usd = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? '' : `${x < 0 ? MINUS : ''}$${formatNumber(Math.abs(x), 'usd')}`;

/** An interval `low–high` with both ends formatted by `kind` (empty when either is missing). */
export function formatRange(low: number | null | undefined, high: number | null | undefined, kind: NumberKind): string {
  const l = formatNumber(low, kind);
  const h = formatNumber(high, kind);
  return l && h ? `${l} to ${h}` : '';
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
