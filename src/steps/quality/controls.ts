/**
 * Judge sanity check: before trusting a judge, give it answers whose quality we KNOW and
 * see whether it ranks them as it should, on every document checked:
 *   reference answer  >  reference with an invented fact (overall, and on faithfulness or correctness)
 *   invented fact     >  off-topic answer      (overall)
 *   off-topic answer  ≥  empty answer          (overall)
 * and the reference — a faithful human summary — scores at least REFERENCE_FAITHFULNESS on
 * faithfulness (4 of 5). A judge that fails this cannot be trusted to separate good from bad
 * model answers.
 */
export type ControlKind = 'reference' | 'invented_fact' | 'off_topic' | 'empty';

export interface ControlAnswer {
  kind: ControlKind;
  text: string;
}

const FABRICATED = 'The company also announced a partnership with Orion Analytics worth 3.2 million euros.';
/** The same fabricated sentence for a Portuguese reference (the pt-BR edition). */
const FABRICATED_PT = 'A empresa também anunciou uma parceria com a Orion Analytics no valor de R$ 3,2 milhões.';

/**
 * The reference with its first number changed and a fabricated sentence added (deterministic),
 * in the reference's language: a Portuguese reference gets its number with a decimal comma and
 * the Portuguese sentence.
 */
export function inventFact(reference: string, language: 'en' | 'pt-BR' = 'en'): string {
  let changed = false;
  const pt = language === 'pt-BR';
  const altered = reference.replace(/\d+(?:[.,]\d+)?/, (n) => {
    changed = true;
    const value = Number(n.replace(',', '.'));
    const written = String(Number.isInteger(value) ? value * 2 + 1 : (value * 2).toFixed(1));
    return pt ? written.replace('.', ',') : written;
  });
  return `${changed ? altered : reference} ${pt ? FABRICATED_PT : FABRICATED}`.trim();
}

export function controlAnswers(reference: string, offTopic: string, language: 'en' | 'pt-BR' = 'en'): ControlAnswer[] {
  return [
    { kind: 'reference', text: reference },
    { kind: 'invented_fact', text: inventFact(reference, language) },
    { kind: 'off_topic', text: offTopic },
    { kind: 'empty', text: '' },
  ];
}

export interface ControlScores {
  overall: number | null;
  faithfulness: number | null;
  correctness: number | null;
}

/** The lowest faithfulness (0–1) a reference answer may get: 4 on a 1–5 scale ("at most one reasonable inference"). */
export const REFERENCE_FAITHFULNESS = 0.75;

export interface RankingCheck {
  ok: boolean;
  violations: string[];
}

/** Check one document's control scores (normalised 0–1). Missing scores count as violations. */
export function checkJudgeRanking(scores: Record<ControlKind, ControlScores>, document = 'document'): RankingCheck {
  const v: string[] = [];
  const gt = (a: number | null, b: number | null) => a !== null && b !== null && a > b;
  const ge = (a: number | null, b: number | null) => a !== null && b !== null && a >= b;
  const f = (x: number | null) => (x === null ? 'no score' : String(Number(x.toFixed(3))));
  const ref = scores.reference;
  const inv = scores.invented_fact;
  if (!ge(ref.faithfulness, REFERENCE_FAITHFULNESS))
    v.push(
      `${document}: the reference scored ${f(ref.faithfulness)} on faithfulness, below ${REFERENCE_FAITHFULNESS} — a faithful human summary was judged unfaithful`,
    );
  if (!gt(ref.overall, inv.overall))
    v.push(`${document}: the answer with an invented fact scored ${f(inv.overall)} overall, not below the reference (${f(ref.overall)})`);
  if (!(gt(ref.faithfulness, inv.faithfulness) || gt(ref.correctness, inv.correctness)))
    v.push(`${document}: the invented fact was not penalised (faithfulness ${f(inv.faithfulness)} vs reference ${f(ref.faithfulness)})`);
  if (!gt(inv.overall, scores.off_topic.overall))
    v.push(
      `${document}: the off-topic answer scored ${f(scores.off_topic.overall)} overall, not below the invented-fact answer (${f(inv.overall)})`,
    );
  if (!ge(scores.off_topic.overall, scores.empty.overall))
    v.push(
      `${document}: the empty answer scored ${f(scores.empty.overall)} overall, above the off-topic one (${f(scores.off_topic.overall)})`,
    );
  return { ok: v.length === 0, violations: v };
}
