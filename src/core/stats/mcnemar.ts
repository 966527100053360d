/**
 * McNemar's test: two models answered the same items right or wrong — is one of them right
 * more often, or is the difference chance?
 *
 * Only the items where the models DISAGREE carry information: b = source right and
 * candidate wrong, c = source wrong and candidate right (items both get right, or both get
 * wrong, say nothing about which is better). If the models are equally good, each
 * disagreement is a coin toss, so b follows a Binomial(b + c, ½).
 *
 * - Exact (binomial) p-value when b + c < 25: p = min(1, 2 · P(X ≤ min(b, c))),
 *   X ~ Binomial(b + c, ½) — McNemar's "exact conditional" test. The statistic is min(b, c).
 * - Otherwise the chi-square approximation with Edwards' continuity correction:
 *   χ² = (|b − c| − 1)² / (b + c), 1 degree of freedom (`correction: false` drops the −1).
 * The threshold 25 is the common rule of thumb (statsmodels' `mcnemar` uses the same cut).
 *
 * `greater`/`less` are one-sided versions on the exact binomial (`greater`: the candidate is
 * right more often, c > b); the chi-square statistic is two-sided only.
 * Definition: McNemar, Q. (1947), Psychometrika 12(2); https://en.wikipedia.org/wiki/McNemar%27s_test ;
 * Fagerland, Lydersen & Laake (2013), "The McNemar test for binary matched-pairs data",
 * BMC Medical Research Methodology 13:91, https://doi.org/10.1186/1471-2288-13-91
 *
 * @example
 * // Fagerland et al.'s example (Bentur et al.): 1 child lost airway hyper-responsiveness
 * // status one way, 7 the other way.
 * mcnemarCounts(1, 7)
 * // → { b: 1, c: 7, statistic: 1, pValue: 0.0703125, method: 'exact', n: 8 }   (paper: 0.070)
 * mcnemarCounts(121, 59)
 * // → { statistic: 20.672…, pValue: 5.45e-6, method: 'chi-square', … }
 */
import { WorkshopError } from '../errors';
import { m } from '../i18n/messages';
import { binomialCdf, chiSquareSf } from './distributions';
import type { Alternative } from './mann-whitney';

export interface McNemarOptions {
  alternative?: Alternative;
  /** `auto` (default): exact when b + c < 25 or the test is one-sided, otherwise chi-square. */
  method?: 'auto' | 'exact' | 'chi-square';
  /** Edwards' continuity correction in the chi-square version (default true). */
  correction?: boolean;
}

export interface McNemarResult {
  /** Items the source got right and the candidate wrong. */
  b: number;
  /** Items the source got wrong and the candidate right. */
  c: number;
  /** Discordant items, b + c. */
  n: number;
  /** min(b, c) for the exact test, χ² for the chi-square one; null with no discordant item. */
  statistic: number | null;
  pValue: number | null;
  method: 'exact' | 'chi-square' | null;
}

function checkCount(name: string, x: number): void {
  if (!(Number.isInteger(x) && x >= 0))
    throw new WorkshopError(m().errors.stats.mcnemarCount({ name, got: x }), {
      fix: m().errors.stats.mcnemarCountFix,
    });
}

/** McNemar's test from the two discordant counts b (source right, candidate wrong) and c (source wrong, candidate right). */
export function mcnemarCounts(
  b: number,
  c: number,
  { alternative = 'two-sided', method = 'auto', correction = true }: McNemarOptions = {},
): McNemarResult {
  checkCount('b', b);
  checkCount('c', c);
  if (!['two-sided', 'less', 'greater'].includes(alternative))
    throw new WorkshopError(m().errors.stats.unknownAlternative({ alternative }), { fix: m().errors.stats.unknownAlternativeFix });
  const n = b + c;
  if (n === 0) return { b, c, n, statistic: null, pValue: null, method: null };
  const useExact = method === 'exact' || (method === 'auto' && (n < 25 || alternative !== 'two-sided'));
  if (method === 'chi-square' && alternative !== 'two-sided') {
    throw new WorkshopError(m().errors.stats.mcnemarChiOneSided({ alternative }), {
      fix: m().errors.stats.mcnemarChiOneSidedFix,
    });
  }
  if (useExact) {
    // Under H₀, c ~ Binomial(n, ½): 'greater' (candidate better) = P(C ≥ c), 'less' = P(C ≤ c).
    const pValue =
      alternative === 'greater'
        ? binomialCdf(b, n, 0.5)
        : alternative === 'less'
          ? binomialCdf(c, n, 0.5)
          : Math.min(1, 2 * binomialCdf(Math.min(b, c), n, 0.5));
    return { b, c, n, statistic: Math.min(b, c), pValue, method: 'exact' };
  }
  const diff = correction ? Math.max(0, Math.abs(b - c) - 1) : Math.abs(b - c);
  const statistic = (diff * diff) / n;
  return { b, c, n, statistic, pValue: chiSquareSf(statistic, 1), method: 'chi-square' };
}

/**
 * McNemar's test from per-item outcomes: `source[i]` and `candidate[i]` say whether each model
 * got item i right. Items with a missing outcome (null/undefined) in either are left out.
 */
export function mcnemarTest(
  source: readonly (boolean | null | undefined)[],
  candidate: readonly (boolean | null | undefined)[],
  options: McNemarOptions = {},
): McNemarResult & { pairs: number; dropped: number } {
  if (source.length !== candidate.length) {
    throw new WorkshopError(m().errors.stats.mcnemarPaired({ source: source.length, candidate: candidate.length }), {
      fix: m().errors.stats.mcnemarPairedFix,
    });
  }
  let b = 0;
  let c = 0;
  let pairs = 0;
  for (let i = 0; i < source.length; i++) {
    const s = source[i];
    const k = candidate[i];
    if (typeof s !== 'boolean' || typeof k !== 'boolean') continue;
    pairs++;
    if (s && !k) b++;
    else if (!s && k) c++;
  }
  return { ...mcnemarCounts(b, c, options), pairs, dropped: source.length - pairs };
}
