/**
 * How many documents does the comparison need? Before running, step 2 answers: "to show
 * non-inferiority within the margin Δ at 80% power (one-sided 2.5%), you need about n
 * documents" — from the spread of the per-document differences (candidate − source) on the
 * task's primary metric (`pairedNonInferioritySampleSize`, Chow, Shao & Wang 2008 §3.1).
 *
 * That spread comes from a pilot when there is one (step-3/4 results of an earlier run in
 * the tracking CSV: the largest spread over the candidates), otherwise from a stated
 * assumption to replace with your own pilot's figure:
 * - scores (judge overall, 0–1): σ_d = 0.15;
 * - right/wrong (classification): σ_d = √q with q = 0.2, the share of documents on which
 *   exactly one of the two models is right (σ_d of a difference of two 0/1 outcomes is about √q
 *   when the accuracies are close).
 *
 * A dataset many times larger than needed is steered: steps 3–4 call every model on every
 * document (and judge each answer), so they take a random sample of it, and the whole
 * dataset goes through batch inference (notebook 03, section 3.6) at about half the price.
 */
import { allModels } from '../../core/config';
import { pairedNonInferioritySampleSize, summarize } from '../../core/stats';
import { latencyResultsOf, primaryItems, qualityResultsOf } from '../../results';
import type { WorkshopSession } from '../../runs/session';
import { formatNumber } from '../../core/format';
import { m } from '../../core/i18n';

/**
 * A dataset is "large" past this many times the documents needed (and past `LARGE_DATASET_MIN`):
 * the advice is then a sample for steps 3–4 and batch inference for the rest.
 */
export const LARGE_DATASET_FACTOR = 4;
/** Below this many documents a dataset is never called large: steps 3–4 on all of it take minutes. */
export const LARGE_DATASET_MIN = 2000;

export const DEFAULT_SD_DIFF = { scores: 0.15, 'right/wrong': Math.sqrt(0.2) } as const;

export interface SampleSizeAdvice {
  metric: string;
  margin: number;
  sdDiff: number;
  sdSource: string;
  needed: number;
  documents: number;
  callsPerDocument: number;
  verdict: string;
  /** Documents to sample for steps 3–4 when the dataset is large (see `LARGE_DATASET_FACTOR`), else null. */
  sampleForSteps3And4: number | null;
}

/** Sample standard deviation of a pilot's differences; fewer than 3 is no pilot. */
const sd = (xs: number[]) => (xs.length < 3 ? null : summarize(xs).stdDev);

/** The spread of per-item differences in an earlier run's results (largest over the candidates), or null. */
function pilotSpread(session: WorkshopSession): number | null {
  const task = session.config.taskSpec;
  const items = (model: string) => {
    const l = latencyResultsOf(session.tracking, model);
    const q = qualityResultsOf(session.tracking, model);
    if (!l.ok) return null;
    return new Map(primaryItems(task, l.rows, q.ok ? q.rows : []).map((i) => [i.key, i.value]));
  };
  const [source, ...candidates] = allModels(session.config);
  const s = items(source.modelId);
  if (!s) return null;
  const spreads = candidates
    .map((c) => items(c.modelId))
    .filter((c): c is Map<string, number> => c !== null)
    .map((c) => sd([...s.keys()].filter((k) => c.has(k)).map((k) => c.get(k)! - s.get(k)!)))
    .filter((x): x is number => x !== null && x > 0);
  return spreads.length ? spreads.reduce((a, b) => Math.max(a, b)) : null;
}

/** Documents needed for the configured margin, against the documents the dataset has. */
export function sampleSizeAdvice(session: WorkshopSession, documents: number): SampleSizeAdvice {
  const task = session.config.taskSpec;
  const kind = task.kind === 'classification' ? 'right/wrong' : 'scores';
  const pilot = pilotSpread(session);
  const sdDiff = pilot ?? DEFAULT_SD_DIFF[kind];
  const margin = session.config.compare.margin;
  const needed = pairedNonInferioritySampleSize({ sdDiff, margin, alpha: 0.025, power: 0.8 }).n;
  const b = session.config.benchmark;
  const callsPerDocument = b.invocations_per_scenario * b.experiment_counts;
  const sample = Math.max(LARGE_DATASET_MIN, LARGE_DATASET_FACTOR * needed);
  const large = documents > sample;
  const t = m().views.plan.sample;
  const n = (x: number) => formatNumber(x, 'auto');
  return {
    metric: task.primaryMetric,
    margin,
    sdDiff: Number(sdDiff.toFixed(3)),
    sdSource: pilot !== null ? t.pilot : t.assumption({ scores: kind === 'scores' }),
    needed,
    documents,
    callsPerDocument,
    verdict: large
      ? t.large({ documents: n(documents), needed: n(needed), calls: n(callsPerDocument), sample: n(sample) })
      : documents >= needed
        ? t.enough({ documents: n(documents), needed: n(needed) })
        : t.tooFew({ documents: n(documents), needed: n(needed) }),
    sampleForSteps3And4: large ? sample : null,
  };
}
