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
import { STOPWORDS, contentWords, machineNumber, numbersIn, splitSentences, textLanguage, words, type TextLanguage } from './text';

const SUFFIXES = ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ions', 'ion', 'ers', 'er', 'ed', 'ly', 's'];
/**
 * Portuguese endings (plurals, participles, past tenses, adverbs), tried when no English one
 * matched and at least four letters remain: "concluída"/"concluiu" → "conclu",
 * "reclamações" → "reclama", "aprovado"/"aprovou" → "aprov".
 */
const PT_SUFFIXES = [
  'amentos',
  'imentos',
  'amento',
  'imento',
  'mente',
  'ações',
  'ação',
  'ções',
  'ção',
  'ões',
  'ão',
  'adas',
  'ados',
  'idas',
  'idos',
  'ídas',
  'ídos',
  'ada',
  'ado',
  'ida',
  'ido',
  'ída',
  'ído',
  'aram',
  'eram',
  'iram',
  'avam',
  'ando',
  'endo',
  'indo',
  'ava',
  'ará',
  'erá',
  'irá',
  'ou',
  'eu',
  'iu',
];

/**
 * A light stem: the word without one common English suffix (never shorter than 3 letters),
 * "-ies"/"-ied" as "-y", and without a final "e" — so "store"/"stores", "improved"/"improvement",
 * "company"/"companies" share a stem.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && (w.endsWith('ies') || w.endsWith('ied'))) w = `${w.slice(0, -3)}y`;
  else {
    let cut = false;
    for (const s of PT_SUFFIXES) {
      if (w.length - s.length >= 4 && w.endsWith(s)) {
        w = w.slice(0, -s.length);
        cut = true;
        break;
      }
    }
    for (const s of cut ? [] : SUFFIXES) {
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
/** Portuguese number words (never "um"/"uma": an article more often than a count), merged into the English ones. */
const PT_CARDINALS: Record<string, number> = {
  dois: 2,
  duas: 2,
  três: 3,
  quatro: 4,
  cinco: 5,
  seis: 6,
  sete: 7,
  oito: 8,
  nove: 9,
  dez: 10,
  onze: 11,
  doze: 12,
  treze: 13,
  catorze: 14,
  quatorze: 14,
  quinze: 15,
  dezesseis: 16,
  dezessete: 17,
  dezoito: 18,
  dezenove: 19,
  vinte: 20,
  trinta: 30,
  quarenta: 40,
  cinquenta: 50,
  sessenta: 60,
  setenta: 70,
  oitenta: 80,
  noventa: 90,
  cem: 100,
};
Object.assign(CARDINALS, PT_CARDINALS);

const ORDINALS: Record<string, number> = {
  primeiro: 1,
  primeira: 1,
  terceiro: 3,
  terceira: 3,
  quarta: 4,
  quinto: 5,
  quinta: 5,
  sexto: 6,
  sexta: 6,
  sétimo: 7,
  sétima: 7,
  oitavo: 8,
  oitava: 8,
  nono: 9,
  nona: 9,
  décimo: 10,
  décima: 10,
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
/** "seventy-two", "forty five": compiled once (this runs on every judged answer). */
const TENS_UNITS = new RegExp(`\\b(${TENS})[- ](${UNITS})\\b`, 'g');
/** Portuguese "vinte e dois", "setenta e duas". */
const PT_TENS_UNITS =
  /(?<![\p{L}])(vinte|trinta|quarenta|cinquenta|sessenta|setenta|oitenta|noventa) e (um|uma|dois|duas|três|quatro|cinco|seis|sete|oito|nove)(?![\p{L}])/gu;

const PT_SCALES: Record<string, number> = { mil: 1e3, milhão: 1e6, milhões: 1e6, mi: 1e6, bilhão: 1e9, bilhões: 1e9, bi: 1e9 };
const PT_SCALED = /(\d+(?:[.,]\d+)*)\s+(mil|milhão|milhões|mi|bilhão|bilhões|bi)(?!\p{L})/giu;

/**
 * The values of the numbers a text writes in digits (and, with `withWords`, in words: "seventy-two"
 * = 72, "vinte e duas" = 22), read in the text's language ("1.234,56" is 1234.56 in Portuguese).
 */
export function numberValues(
  text: string,
  { withWords = false, language }: { withWords?: boolean; language?: TextLanguage } = {},
): string[] {
  const lang = language ?? textLanguage(text);
  const values = numbersIn(text, lang).map(canonical);
  // Portuguese amounts in words of scale: "R$ 312,4 milhões" is also 312400000, "R$ 780 mil" also 780000.
  if (lang === 'pt')
    for (const m of text.matchAll(PT_SCALED)) {
      const scale = PT_SCALES[m[2].toLowerCase()];
      values.push(String(Math.round(Number(machineNumber(m[1], 'pt')) * scale * 100) / 100));
    }
  if (withWords) {
    for (const w of words(text)) {
      if (w in CARDINALS) values.push(String(CARDINALS[w]));
      else if (w in ORDINALS) values.push(String(ORDINALS[w]));
    }
    const lower = text.toLowerCase();
    for (const m of lower.matchAll(TENS_UNITS)) values.push(String(CARDINALS[m[1]] + (CARDINALS[m[2]] ?? 1)));
    if (lower.includes(' e ')) for (const m of lower.matchAll(PT_TENS_UNITS)) values.push(String(CARDINALS[m[1]] + (CARDINALS[m[2]] ?? 1)));
  }
  return values;
}

/**
 * `written` is a source figure rounded to the precision it is written with ("48" or "48.0" for
 * 48.2, "21,000" for 21,340, "1.1" for 1.12) and within 5% of it — an approximation, not a
 * change. Years and other exact figures are never roundings of a neighbour: 2027 is not 2026
 * rounded.
 */
export function isRounding(written: string, sourceValues: readonly number[]): boolean {
  const text = written.replace(/,(?=\d{3}\b)/g, '');
  const value = Number(text);
  if (!Number.isFinite(value) || value < 10) return false;
  const decimals = text.includes('.') ? text.split('.')[1].length : 0;
  const zeros = decimals ? 0 : (text.match(/0+$/)?.[0].length ?? 0);
  const unit = 10 ** zeros;
  return sourceValues.some(
    (v) =>
      v !== value &&
      Math.abs(v - value) <= 0.05 * v &&
      (decimals ? Number(v.toFixed(decimals)) === value : zeros ? Math.round(v / unit) * unit === value : Math.round(v) === value),
  );
}

/**
 * The numbers of `response` (digits and number words two–ninety) that none of `sources`
 * contains, as written — a figure that rounds one of theirs ({@link isRounding}) excepted.
 */
export function inventedNumbers(response: string, ...sources: string[]): string[] {
  // One language for all the texts: a short sentence alone says little about how its numbers are written.
  const language = textLanguage([response, ...sources].join('\n'));
  const known = new Set(sources.flatMap((s) => numberValues(s, { withWords: true, language })));
  const values = [...known].map(Number).filter(Number.isFinite);
  const found: string[] = [];
  for (const n of numbersIn(response, language)) if (!known.has(canonical(n)) && !isRounding(n, values)) found.push(n);
  // Portuguese dates: "4 de abril" where the document only has "4 de março" (the day alone is a known number).
  if (language === 'pt') {
    const knownDates = new Set(sources.flatMap(datesIn));
    for (const d of datesIn(response)) if (!knownDates.has(d) && !found.includes(d.split(' ')[0])) found.push(d);
  }
  for (const w of words(response)) if (w in CARDINALS && !known.has(String(CARDINALS[w]))) found.push(w);
  return [...new Set(found)];
}

const PT_DATE =
  /(?<!\p{N})(\d{1,2})º?\s+de\s+(janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro)(?!\p{L})/giu;

/** The Portuguese dates ("4 de março", "1º de julho") of a text, as "4 de março". */
export function datesIn(text: string): string[] {
  return [...text.matchAll(PT_DATE)].map((m) => `${Number(m[1])} de ${m[2].toLowerCase()}`);
}

interface NumberInContext {
  value: string;
  written: string;
  /** The word after the number ("million", "percent" — "%" reads as percent), or null. */
  unit: string | null;
  /** Stems of the content words within five words either side. */
  context: Set<string>;
  /** Index of its sentence in the text. */
  sentence: number;
}

function numbersInContext(text: string, language: TextLanguage): NumberInContext[] {
  const out: NumberInContext[] = [];
  splitSentences(text, language).forEach((sentence, si) => {
    const tokens = sentence.split(/\s+/);
    tokens.forEach((token, i) => {
      const m = token.match(/\d+(?:[.,]\d+)*/);
      if (!m || /[\p{L}]\d|\d[\p{L}]|\d[:\-/]\d/u.test(token)) return;
      const next = (tokens[i + 1] ?? '').toLowerCase().replace(/[^\p{L}]/gu, '');
      const unit = token.includes('%') ? 'percent' : /^\p{L}+$/u.test(next) && !STOPWORDS.has(next) ? next : null;
      const near = [...tokens.slice(Math.max(0, i - 5), i), ...tokens.slice(i + 1, i + 6)].join(' ');
      out.push({
        value: canonical(machineNumber(m[0], language)),
        written: m[0],
        unit: unit === '%' ? 'percent' : unit,
        context: new Set(
          contentWords(near)
            .filter((w) => !/\d/.test(w))
            .map(stem),
        ),
        sentence: si,
      });
    });
  });
  return out;
}

export interface ChangedFigure {
  /** The response's figure, as written. */
  written: string;
  /** The document's figure it stands in place of. */
  counterpart: string;
  /** The counterpart is in the document's opening sentence: a central fact. */
  central: boolean;
}

/**
 * Which of the response's `invented` figures CHANGE one of the document's: the document has,
 * in a similar place, another figure the response does not give — the same unit word after it
 * ("52.4 million" for "48.2 million") and at least one more shared neighbouring word. A changed
 * figure of the document's opening sentence (its lead: "revenue of 48.2 million dollars") is a
 * central fact.
 */
export function changedFigures(response: string, document: string, invented: readonly string[]): ChangedFigure[] {
  const language = textLanguage(`${response}\n${document}`);
  // `invented` come from inventedNumbers in machine form already.
  const wanted = new Set(invented.map((n) => canonical(language === 'en' ? n.replace(/,(?=\d{3}\b)/g, '') : n)));
  const given = new Set(numberValues(response, { language }));
  const docNumbers = numbersInContext(document, language).filter((d) => !given.has(d.value));
  const out: ChangedFigure[] = [];
  for (const r of numbersInContext(response, language)) {
    if (!wanted.has(r.value) || !r.unit) continue;
    let best: NumberInContext | null = null;
    let bestScore = 0;
    for (const d of docNumbers) {
      if (d.unit !== r.unit) continue;
      let score = 0;
      for (const w of r.context) if (d.context.has(w)) score++;
      if (score > bestScore) {
        bestScore = score;
        best = d;
      }
    }
    if (best && bestScore >= 1) out.push({ written: r.written, counterpart: best.written, central: best.sentence === 0 });
  }
  return out;
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
