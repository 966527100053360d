/**
 * What the emulated judge (judge.ts) reads beyond words and facts: statements a response makes
 * with the document's own words that say the OPPOSITE of what the document says — the
 * contradictions a word-overlap check cannot see. Two checks, each a documented heuristic:
 *
 * - **negation dropped**: a document sentence the response sentence restates (at least three of
 *   its content words, and half of them) negates something — the content words after "not", "no", "never",
 *   "without", "n't", "lacks", an "un…" word, within the clause — and the response states two of
 *   them (or the only one) with no negation of its own in the four words before: "the reset
 *   function does limit how many codes can be tried" against "does not limit".
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
  // Portuguese: "não", "nunca", "nenhum", "sem"…
  'não',
  'nunca',
  'jamais',
  'nenhum',
  'nenhuma',
  'nada',
  'nem',
  'sem',
  'ninguém',
  'tampouco',
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

const stems = (text: string) => new Set(contentWords(text).map(stem));

function shared(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

const isNegator = (token: string) => {
  const w = token.toLowerCase().replace(/[^\p{L}'’]/gu, '');
  return NEGATORS.has(w) || UN_WORD.test(w) || /n['’]t$/.test(w);
};

/**
 * Portuguese "stated as done": a past tense ("concluiu", "aprovou", "instalaram"), or a
 * participle after "foi/foram/já" ("foi concluída", "já foram apagados").
 */
const PT_DONE =
  /(?<!\p{L})(?:(?:foi|foram|já foi|já foram|tem sido|têm sido|está|estão)\s+(?:totalmente\s+|já\s+)?(\p{L}+(?:ad|id|íd)[oa]s?)|já\s+(\p{L}+)|(\p{L}{3,}(?:ou|eu|iu|aram|eram|iram)))(?!\p{L})/giu;
/** Words that look like a past tense but are not one ("seu", "meu", "sou", "ou", "eu"). */
const PT_NOT_VERBS = new Set([
  'seu',
  'meu',
  'teu',
  'sou',
  'vou',
  'dou',
  'estou',
  'ou',
  'eu',
  'ateu',
  'museu',
  'chapéu',
  'europeu',
  'pneu',
  'adeus',
  'também',
  'ainda',
]);

/** A Portuguese hedge before a verb: possibility, obligation, plan, future, proposal. */
const PT_HEDGE =
  /(?<!\p{L})(?:pode|podem|poderá|poderão|poderia|poderiam|possa|possam|deve|devem|deverá|deverão|deveria|deveriam|talvez|possivelmente|provavelmente|vai|vão|irá|irão|será|serão|pretende|pretendem|planeja|planejam|prevê|preveem|previsto|prevista|previstos|previstas|espera|esperam|propõe|propõem|proposta|recomenda|recomendam|recomendação|precisa|precisam|passará|passarão|estuda|estudam|avalia|avaliam|a ser)(?!\p{L})/iu;
/** A Portuguese condition anywhere in the sentence: "só … depois que", "somente quando", "até que", "a menos que", "desde que", "caso". */
const PT_CONDITION =
  /(?<!\p{L})(?:s[óo]|somente|apenas)\s+(?:\p{L}+\s+){0,3}(?:quando|se|ap[óo]s|depois)|(?<!\p{L})(?:até que|a menos que|desde que|caso)(?!\p{L})/iu;

/**
 * What each negation of `sentence` negates: the stems of the (up to three) content words after
 * it, within its clause — "does not limit how many reset codes" → limit, reset, code.
 */
export function negatedScopes(sentence: string): Set<string>[] {
  const tokens = sentence.split(/\s+/);
  const scopes: Set<string>[] = [];
  tokens.forEach((token, i) => {
    if (!isNegator(token)) return;
    const scope = new Set<string>();
    for (let j = i + 1; j < tokens.length && scope.size < 3; j++) {
      const ws = contentWords(tokens[j]);
      for (const w of ws) if (!/\d/.test(w)) scope.add(stem(w));
      // The clause ends at a comma, colon, semicolon or full stop.
      if (/[:;,.]$/.test(tokens[j])) break;
    }
    if (scope.size) scopes.push(scope);
  });
  return scopes;
}

/** The response states what a negation of the document negates, without a negation of its own nearby. */
function dropsNegation(response: string, documentSentence: string): boolean {
  const tokens = response.split(/\s+/);
  const tokenStems = tokens.map((t) => new Set(contentWords(t).map(stem)));
  for (const scope of negatedScopes(documentSentence)) {
    const at = tokenStems.map((set, i) => ([...set].some((w) => scope.has(w)) ? i : -1)).filter((i) => i >= 0);
    const matched = new Set(at.flatMap((i) => [...tokenStems[i]].filter((w) => scope.has(w))));
    if (matched.size < Math.min(2, scope.size)) continue;
    // A negation of the response's own in the few words before (or on) what it negates keeps the meaning.
    const first = at[0];
    const near = tokens.slice(Math.max(0, first - 4), at[at.length - 1] + 1);
    if (!near.some(isNegator)) return true;
  }
  return false;
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

/** Participles a sentence states as done: "has fixed … and closed", "have already taken", "has been approved" (Portuguese: "foi concluída", "já apagou", "aprovou"). */
export function doneVerbs(sentence: string): string[] {
  const out: string[] = [];
  for (const m of sentence.matchAll(PT_DONE)) {
    const verb = (m[1] ?? m[2] ?? m[3]).toLowerCase();
    if (!PT_NOT_VERBS.has(verb)) out.push(verb);
  }
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
  if (/\b(?:only (?:when|if|after|once)|until|unless)\b/i.test(sentence) || PT_CONDITION.test(sentence)) return true;
  const before = sentence.split(/\s+/).slice(0, at).join(' ');
  const clause = before.split(/[.;:]/).pop() ?? before;
  return (
    PT_HEDGE.test(clause.split(/\s+/).slice(-6).join(' ')) ||
    /\b(?:could|may|might|would|will|must|shall|should|can|plans? to|planned to|expects? to|expected to|is to|are to|aims? to|intends? to)\b/i.test(
      clause,
    ) ||
    negations(clause.split(/\s+/).slice(-6).join(' ')) > 0
  );
}

/** The sentences of `response` that contradict `document` (see the module comment). */
export function contradictions(response: string, document: string): Contradiction[] {
  const docSentences = splitSentences(document);
  const found: Contradiction[] = [];
  for (const sentence of splitSentences(response)) {
    // 1. A negation dropped: a document sentence about the same thing negates something the response states plainly.
    const mine = stems(sentence);
    const dropped = docSentences.find((d) => {
      const n = shared(mine, stems(d));
      return n >= 3 && n / mine.size >= 0.5 && dropsNegation(sentence, d);
    });
    if (dropped) {
      found.push({ kind: 'negation dropped', response: sentence, document: dropped });
      continue;
    }
    // 2. Stated as done where the document hedges it.
    if (negations(sentence) > 0) continue;
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
