/**
 * What the emulated judge (judge.ts) counts as "supported by the document": a vocabulary
 * that credits paraphrase, and the checkable facts of a text — its numbers and its names.
 *
 * - Paraphrase: a word is supported when the document (or the reference answer, a human's
 *   faithful rewording of it) has the same word, the same stem ("improved" ↔ "improvement":
 *   a light suffix stripper) or, for long words, the same first five letters ("approved" ↔
 *   "approval"). So "Revenue grew 12%" is not an invention because the document wrote
 *   "growth of 12 percent" — but "Orion Analytics" still is.
 * - Numbers: every number written with digits, plus the number words two–ninety and the
 *   ordinals ("four stores" = 4, "third quarter" = 3), compared by VALUE ("41.0%" = "41.0
 *   percent" = 41; "21,000" = 21000). A number of the response found in neither the document
 *   nor the reference is an invented (or changed) figure.
 * - Names: capitalised words that do not open a sentence (and runs of them, "Orion
 *   Analytics" counting once), and capitalised runs of two or more words anywhere, absent
 *   from the document and the reference: an invented person, company, place or month.
 */
import { STOPWORDS, contentWords, numbersIn, splitSentences, words } from './text';

const SUFFIXES = ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ions', 'ion', 'ers', 'er', 'ed', 'ly', 's'];

/**
 * A light stem: the word without one common English suffix (never shorter than 3 letters),
 * "-ies"/"-ied" as "-y", and without a final "e" — so "store"/"stores", "improved"/"improvement",
 * "company"/"companies" share a stem.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && (w.endsWith('ies') || w.endsWith('ied'))) w = `${w.slice(0, -3)}y`;
  else {
    for (const s of SUFFIXES) {
      if (w.length - s.length >= 3 && w.endsWith(s) && !(s === 's' && w.endsWith('ss'))) {
        w = w.slice(0, -s.length);
        break;
      }
    }
  }
  return w.length > 3 && w.endsWith('e') ? w.slice(0, -1) : w;
}

const PREFIX = 5;

/** The words a response may use without inventing: those of the texts given, by word, stem or long prefix. */
export class Vocabulary {
  private readonly exact = new Set<string>();
  private readonly stems = new Set<string>();
  private readonly prefixes = new Set<string>();

  constructor(...texts: string[]) {
    for (const text of texts) {
      for (const w of words(text)) {
        this.exact.add(w);
        this.stems.add(stem(w));
        if (w.length > PREFIX) this.prefixes.add(w.slice(0, PREFIX));
      }
    }
  }

  get size(): number {
    return this.exact.size;
  }

  has(word: string): boolean {
    const w = word.toLowerCase();
    return this.exact.has(w) || this.stems.has(stem(w)) || (w.length > PREFIX && this.prefixes.has(w.slice(0, PREFIX)));
  }

  /** Share of the content words of `text` this vocabulary has (0 when there are none). */
  share(text: string): number {
    const ws = contentWords(text);
    return ws.length ? ws.filter((w) => this.has(w)).length / ws.length : 0;
  }
}

const CARDINALS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

/** A number's value as a canonical string ("41.0" → "41", "21000" → "21000"). */
const canonical = (n: string) => {
  const v = Number(n.replace(/,/g, '.'));
  return Number.isFinite(v) ? String(v) : n;
};

const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const UNITS = 'one|two|three|four|five|six|seven|eight|nine';

/** The values of the numbers a text writes in digits (and, with `withWords`, in words: "seventy-two" = 72). */
export function numberValues(text: string, { withWords = false } = {}): string[] {
  const values = numbersIn(text).map(canonical);
  if (withWords) {
    for (const w of words(text)) {
      if (w in CARDINALS) values.push(String(CARDINALS[w]));
      else if (w in ORDINALS) values.push(String(ORDINALS[w]));
    }
    for (const m of text.toLowerCase().matchAll(new RegExp(`\\b(${TENS})[- ](${UNITS})\\b`, 'g')))
      values.push(String(CARDINALS[m[1]] + (CARDINALS[m[2]] ?? 1)));
  }
  return values;
}

/** The numbers of `response` (digits and number words two–ninety) that none of `sources` contains, as written. */
export function inventedNumbers(response: string, ...sources: string[]): string[] {
  const known = new Set(sources.flatMap((s) => numberValues(s, { withWords: true })));
  const found: string[] = [];
  for (const n of numbersIn(response)) if (!known.has(canonical(n))) found.push(n);
  for (const w of words(response)) if (w in CARDINALS && !known.has(String(CARDINALS[w]))) found.push(w);
  return [...new Set(found)];
}

const CAPITALISED = /^[\p{Lu}][\p{L}'’–-]*$/u;
/** Unit symbols written in capitals (480 MW, 100 GB): measures, not names — their number is checked. */
const UNIT_SYMBOLS = new Set([
  'kb',
  'mb',
  'gb',
  'tb',
  'pb',
  'kw',
  'mw',
  'gw',
  'kwh',
  'mwh',
  'gwh',
  'wh',
  'kg',
  'km',
  'ms',
  'utc',
  'gmt',
  'am',
  'pm',
  'usd',
  'eur',
  'gbp',
  'hz',
  'mhz',
  'ghz',
]);

/** Capitalised runs of a text that could name a person, organisation, place, product or date. */
export function namesIn(text: string): string[] {
  const names: string[] = [];
  for (const sentence of splitSentences(text)) {
    // Clauses after a colon or a semicolon open like sentences ("Actions: validate …").
    for (const clause of sentence.split(/[:;]\s+/)) {
      const tokens = clause.split(/\s+/).map((t) => t.replace(/^[("“'‘[]+|[)"”'’\].,!?]+$/g, '').replace(/['’]s$/, ''));
      let run: string[] = [];
      let runStart = -1;
      const flush = () => {
        const opensClause = runStart === 0;
        const kept = opensClause && run.length === 1 ? [] : run;
        if (kept.length) names.push(kept.join(' '));
        run = [];
      };
      tokens.forEach((t, i) => {
        const isName =
          CAPITALISED.test(t) && t.length > 1 && !/\d/.test(t) && !STOPWORDS.has(t.toLowerCase()) && !UNIT_SYMBOLS.has(t.toLowerCase());
        if (isName) {
          if (run.length === 0) runStart = i;
          run.push(t);
        } else flush();
      });
      flush();
    }
  }
  return names;
}

/**
 * The names of `response` whose words are not all in the `vocabulary` of the document (and
 * reference): invented people, companies, places, months. Names are checked word by word on
 * the word or its stem ("PDFs" ↔ "PDF"), never on a prefix ("Orion" is not "Orient").
 */
export function inventedNames(response: string, ...sources: string[]): string[] {
  const known = new Set(sources.flatMap((s) => words(s).map(stem)));
  return [...new Set(namesIn(response).filter((name) => words(name).some((w) => !known.has(stem(w)))))];
}
