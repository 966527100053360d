/**
 * Reading a judge's answer robustly. Real judge models are asked for
 * `{"scores":[{"metric","score","reason"}]}` and usually comply — but sometimes wrap it in
 * a code fence, add prose around it, use single quotes or trailing commas, give scores as
 * strings ("4", "4/5"), or step outside the scale. We repair what is unambiguous, mark it
 * `repaired`, and never turn a failure into a score: what cannot be read is `missing`,
 * `invalid` or — for the whole answer — `unparseable`, with the raw text kept.
 *
 * Which JSON object counts? The LAST top-level object that has a `scores` key: a judge that
 * quotes JSON from the response (or from its instructions) before answering is read by its
 * final answer, and JSON inside a string (e.g. a reason) is never top-level.
 *
 * Scores: integers on the rubric's scale. A decimal that is a whole number (4.0) is fine;
 * another decimal (4.5) is `invalid` (rounding would be a guess). One step above the maximum
 * (6 on 1–5) is clamped and `repaired`; anything further out, or below the minimum (0 on
 * 1–5 usually means the judge used another scale), is `invalid`.
 */
import { normalizeScore, type Rubric } from '../../core/judge/rubrics';

export type MetricStatus = 'ok' | 'repaired' | 'missing' | 'invalid';

export interface MetricScore {
  metric: string;
  score: number | null;
  normalized: number | null;
  reason: string;
  status: MetricStatus;
  note: string;
}

export interface ParsedJudgement {
  parseStatus: 'ok' | 'repaired' | 'unparseable';
  scores: MetricScore[];
  raw: string;
  notes: string[];
}

/** Top-level `{…}` substrings of a text (braces inside strings are ignored). */
export function topLevelObjects(text: string): string[] {
  const found: string[] = [];
  let depth = 0;
  let start = -1;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || (ch === "'" && depth > 0)) quote = ch;
    else if (ch === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === '}' && depth > 0) {
      depth--;
      if (depth === 0) found.push(text.slice(start, i + 1));
    }
  }
  return found;
}

function tryParse(candidate: string): { value: unknown; repaired: string | null } | null {
  try {
    return { value: JSON.parse(candidate), repaired: null };
  } catch {
    // Repairs that cannot change the meaning: trailing commas, single-quoted strings and keys.
    let fixed = candidate.replace(/,\s*([}\]])/g, '$1');
    if (!candidate.includes('"')) fixed = fixed.replace(/'/g, '"');
    fixed = fixed.replace(/([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:/g, '$1"$2":');
    try {
      return { value: JSON.parse(fixed), repaired: 'fixed JSON syntax (quotes/commas)' };
    } catch {
      return null;
    }
  }
}

const key = (name: string) =>
  name
    .toLowerCase()
    .trim()
    .replace(/[\s-]+/g, '_');

interface Entry {
  score: unknown;
  reason: unknown;
}

function entriesOf(scores: unknown): Map<string, Entry> {
  const map = new Map<string, Entry>();
  if (Array.isArray(scores)) {
    for (const e of scores)
      if (e && typeof e === 'object' && typeof (e as Record<string, unknown>).metric === 'string') {
        const r = e as Record<string, unknown>;
        map.set(key(r.metric as string), { score: r.score, reason: r.reason });
      }
  } else if (scores && typeof scores === 'object') {
    for (const [name, v] of Object.entries(scores)) {
      map.set(
        key(name),
        v && typeof v === 'object'
          ? { score: (v as Record<string, unknown>).score, reason: (v as Record<string, unknown>).reason }
          : { score: v, reason: undefined },
      );
    }
  }
  return map;
}

function readScore(value: unknown, rubric: Rubric): { score: number | null; status: MetricStatus; note: string } {
  let n: number | null = null;
  let note = '';
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const m = value.trim().match(/^(-?\d+(?:\.\d+)?)(?:\s*\/\s*(\d+))?$/);
    if (m && (!m[2] || Number(m[2]) === rubric.max)) {
      n = Number(m[1]);
      note = `score given as text "${value}"`;
    }
  }
  if (n === null || !Number.isFinite(n))
    return {
      score: null,
      status: value === undefined ? 'missing' : 'invalid',
      note: value === undefined ? 'no score' : `unreadable score ${JSON.stringify(value)}`,
    };
  if (!Number.isInteger(n))
    return { score: null, status: 'invalid', note: `score ${n} is not a whole number on the ${rubric.min}-${rubric.max} scale` };
  if (n > rubric.max && n <= rubric.max + 1) return { score: rubric.max, status: 'repaired', note: `score ${n} clamped to ${rubric.max}` };
  if (n < rubric.min || n > rubric.max)
    return { score: null, status: 'invalid', note: `score ${n} is outside the ${rubric.min}-${rubric.max} scale` };
  return { score: n, status: note ? 'repaired' : 'ok', note };
}

/** Read a judge's raw answer against the rubrics it was asked about. */
export function parseJudgeOutput(raw: string, rubrics: Rubric[]): ParsedJudgement {
  const notes: string[] = [];
  // 1. prefer the content of code fences when there are any.
  const fenced = [...raw.matchAll(/```(?:json)?\s*([\s\S]*?)```/gi)].map((m) => m[1]);
  const text = fenced.length ? fenced.join('\n') : raw;
  if (fenced.length) notes.push('removed code fences');
  // 2. the last top-level object with a `scores` key.
  let chosen: { value: Record<string, unknown>; repaired: string | null } | null = null;
  let chosenText = '';
  for (const candidate of topLevelObjects(text)) {
    const parsed = tryParse(candidate);
    if (parsed?.value && typeof parsed.value === 'object' && 'scores' in (parsed.value as object)) {
      chosen = parsed as { value: Record<string, unknown>; repaired: string | null };
      chosenText = candidate;
    }
  }
  const unparseable = (why: string): ParsedJudgement => ({
    parseStatus: 'unparseable',
    scores: rubrics.map((r) => ({ metric: r.name, score: null, normalized: null, reason: '', status: 'missing', note: why })),
    raw,
    notes: [...notes, why],
  });
  if (!chosen) return unparseable('no JSON object with "scores" found');
  if (chosen.repaired) notes.push(chosen.repaired);
  if (text.trim() !== chosenText) notes.push('ignored text around the JSON');
  // 3. one score per rubric.
  const entries = entriesOf(chosen.value.scores);
  if (!Array.isArray(chosen.value.scores)) notes.push('"scores" was an object, read as metric → score');
  const scores = rubrics.map((r): MetricScore => {
    const e = entries.get(key(r.name));
    if (!e) return { metric: r.name, score: null, normalized: null, reason: '', status: 'missing', note: 'metric not in the answer' };
    const s = readScore(e.score, r);
    return {
      metric: r.name,
      score: s.score,
      normalized: s.score === null ? null : normalizeScore(s.score, r),
      reason: typeof e.reason === 'string' ? e.reason.trim() : '',
      status: s.status,
      note: s.note,
    };
  });
  if (scores.every((s) => s.score === null)) return { ...unparseable('no usable score for any metric'), scores };
  const repaired = notes.length > 0 || scores.some((s) => s.status === 'repaired');
  return { parseStatus: repaired ? 'repaired' : 'ok', scores, raw, notes };
}
