/**
 * What the emulated judge (judge.ts) reads beyond words and facts: statements a response makes
 * with the document's own words that say the OPPOSITE of what the document says — the
 * contradictions a word-overlap check cannot see. Two checks, each a documented heuristic:
 *
 * - **negation dropped**: a clause of the response matches a clause of the document (at least
 *   three shared content words, half of the response clause's) and has fewer negations
 *   ("not", "no", "never", "without", "n't", "un…" words) — "the reset function does limit how
 *   many codes can be tried" against "does not limit".
 * - **stated as done**: the response says something has happened ("has fixed", "have already
 *   taken over") where every document sentence about it (the same verb and at least one more
 *   shared word) hedges it: a possibility or plan before the verb ("could … take over",
 *   "must be deployed"), a condition ("closed only when the test shows…"), or a negation.
 *
 * Neither reads meaning: a contradiction in other words ("the weakness was exploited" for "no
 * sign that it was exploited") goes unseen, and a paraphrase that moves a negation into a
 * word the list misses can be flagged. docs/judge-protocol.md lists what calibration found.
 *
 * @example
 * contradictions('The security team has closed the finding.', 'The finding is closed only when the retest passes.')
 * // → [{ kind: 'stated as done', … }]
 */
import { stem } from './facts';
import { contentWords, splitSentences, words } from './text';

export interface Contradiction {
  kind: 'negation dropped' | 'stated as done';
  /** The response's sentence, and the document's sentence it contradicts. */
  response: string;
  document: string;
}

/** Negations, the implicit ones included ("lacks", "missing"), so a paraphrase that moves a negation into a verb is not a contradiction. */
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'none',
  'nothing',
  'neither',
  'nor',
  'cannot',
  'without',
  'nobody',
  'nowhere',
  'lack',
  'lacks',
  'lacked',
  'lacking',
  'absent',
  'missing',
  'fail',
  'fails',
  'failed',
  'failing',
]);
/** Words that negate by their prefix ("unlimited", "unable"), not "under" or "unit". */
const UN_WORD = /^un(?!der|it|ion|til|less)[a-z]{4,}$/;

/** How many negations a text has. */
export function negations(text: string): number {
  const ws = words(text);
  let n = 0;
  for (const w of ws) if (NEGATORS.has(w) || UN_WORD.test(w)) n++;
  n += (text.match(/n['’]t\b/gi) ?? []).length;
  return n;
}

/** Clauses: a sentence cut at colons, semicolons and ", but / while / whereas / though". */
function clauses(sentence: string): string[] {
  return sentence
    .split(/[:;]\s+|,\s+(?=(?:but|while|whereas|though|although)\b)/i)
    .map((c) => c.trim())
    .filter(Boolean);
}

const stems = (text: string) => new Set(contentWords(text).map(stem));

function shared(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/** Irregular participles, so "taken" finds "take" and "paid" finds "pay". */
const IRREGULAR: Record<string, string> = {
  taken: 'take',
  given: 'give',
  done: 'do',
  gone: 'go',
  made: 'make',
  written: 'write',
  begun: 'begin',
  shown: 'show',
  known: 'know',
  paid: 'pay',
  sold: 'sell',
  held: 'hold',
  found: 'find',
  left: 'leave',
  met: 'meet',
  seen: 'see',
  chosen: 'choose',
  broken: 'break',
  spoken: 'speak',
  stolen: 'steal',
  won: 'win',
  lost: 'lose',
  built: 'build',
  sent: 'send',
  spent: 'spend',
  brought: 'bring',
  bought: 'buy',
  caught: 'catch',
  taught: 'teach',
  fallen: 'fall',
  risen: 'rise',
  grown: 'grow',
  drawn: 'draw',
  driven: 'drive',
};
const verbStem = (w: string) => stem(IRREGULAR[w.toLowerCase()] ?? w.toLowerCase());

/** Participles a sentence states as done: "has fixed … and closed", "have already taken", "has been approved". */
export function doneVerbs(sentence: string): string[] {
  const out: string[] = [];
  const perfect = /\b(?:has|have|had)\s+(?:already\s+|now\s+|also\s+|just\s+)?(?:been\s+)?([a-z]+)\b/gi;
  for (const m of sentence.matchAll(perfect)) {
    out.push(m[1]);
    // "…has fixed the problem and closed the finding": the participle after "and" shares the auxiliary.
    const rest = sentence.slice((m.index ?? 0) + m[0].length);
    const joined = rest.match(/^[^.;:]*?\b(?:and|then)\s+([a-z]+(?:ed|en))\b/i);
    if (joined) out.push(joined[1]);
  }
  for (const m of sentence.matchAll(/\balready\s+([a-z]+)\b/gi)) out.push(m[1]);
  return [...new Set(out.map((w) => w.toLowerCase()))].filter((w) => !['been', 'not', 'no', 'to'].includes(w));
}

/** A hedge on the verb at word index `at` of `sentence`: a possibility, plan or negation before it in its clause, or a condition anywhere. */
function hedged(sentence: string, at: number): boolean {
  if (/\b(?:only (?:when|if|after|once)|until|unless)\b/i.test(sentence)) return true;
  const before = sentence.split(/\s+/).slice(0, at).join(' ');
  const clause = before.split(/[.;:]/).pop() ?? before;
  return (
    /\b(?:could|may|might|would|will|must|shall|should|can|plans? to|planned to|expects? to|expected to|is to|are to|aims? to|intends? to)\b/i.test(
      clause,
    ) || negations(clause.split(/\s+/).slice(-6).join(' ')) > 0
  );
}

/** The sentences of `response` that contradict `document` (see the module comment). */
export function contradictions(response: string, document: string): Contradiction[] {
  const docSentences = splitSentences(document);
  const docClauses = docSentences.flatMap((s) => clauses(s).map((c) => ({ clause: c, sentence: s, stems: stems(c) })));
  const found: Contradiction[] = [];
  for (const sentence of splitSentences(response)) {
    // 1. A negation dropped: the response clause matches a document clause that has more negations.
    let dropped: Contradiction | null = null;
    for (const clause of clauses(sentence)) {
      const mine = stems(clause);
      if (mine.size < 3) continue;
      let best: (typeof docClauses)[number] | null = null;
      let bestShared = 0;
      for (const d of docClauses) {
        const n = shared(mine, d.stems);
        if (n > bestShared) {
          bestShared = n;
          best = d;
        }
      }
      if (best && bestShared >= 3 && bestShared / mine.size >= 0.5 && negations(best.clause) > negations(clause)) {
        dropped = { kind: 'negation dropped', response: sentence, document: best.sentence };
        break;
      }
    }
    if (dropped) {
      found.push(dropped);
      continue;
    }
    // 2. Stated as done where the document hedges it.
    if (negations(sentence) > 0) continue;
    const mine = stems(sentence);
    for (const verb of doneVerbs(sentence)) {
      const v = verbStem(verb);
      const rest = new Set([...mine].filter((x) => x !== v && x !== stem(verb)));
      const about = docSentences
        .map((d) => {
          const ws = d.split(/\s+/);
          const at = ws.findIndex((w) => verbStem(w.replace(/[^\p{L}]/gu, '')) === v);
          return { d, at, others: shared(rest, stems(d)) };
        })
        .filter((x) => x.at >= 0 && x.others >= 1);
      if (about.length && about.every((x) => hedged(x.d, x.at))) {
        found.push({ kind: 'stated as done', response: sentence, document: about[0].d });
        break;
      }
    }
  }
  return found;
}
