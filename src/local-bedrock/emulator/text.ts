/**
 * Small text tools shared by the emulated models: sentences, words, stop words, n-grams,
 * the language of a text (English or Portuguese), numbers as written in either, and a stable
 * hash for seeding.
 */

/** Whitespace other than single spaces: only then does normalising a sentence change it. */
const IRREGULAR_SPACE = /\s\s|[^\S ]/;

/** The languages the emulator's text tools read: English, and Brazilian Portuguese. */
export type TextLanguage = 'en' | 'pt';

/** Frequent function words of each language that the other never uses (no "a", "o", "e": shared or ambiguous). */
const PT_MARKERS = new Set(
  'de da do das dos que não em no na nos nas para com uma um os pelo pela ao à são foi foram será também até após entre mais seu sua'.split(
    ' ',
  ),
);
const EN_MARKERS = new Set('the of and to is was for with that are were by on will has have it this from be which'.split(' '));

/**
 * The language a text is written in — an INVENTED heuristic of the emulator, not a language
 * identifier: Portuguese when its Portuguese function words ("de", "que", "não", "para"…)
 * outnumber its English ones ("the", "of", "and"…) among its first 400 words, else English.
 *
 * @example
 * textLanguage('A receita cresceu 12,5% em relação ao trimestre anterior.'); // → 'pt'
 * textLanguage('Revenue grew 12.5 percent on the previous quarter.');        // → 'en'
 */
export function textLanguage(text: string): TextLanguage {
  let pt = 0;
  let en = 0;
  let n = 0;
  for (const m of text.matchAll(/\p{L}+/gu)) {
    const w = m[0].toLowerCase();
    if (PT_MARKERS.has(w)) pt++;
    else if (EN_MARKERS.has(w)) en++;
    if (++n >= 400) break;
  }
  return pt > en ? 'pt' : 'en';
}

/**
 * Portuguese abbreviations that end with a full stop inside a sentence: titles ("Sr.", "Sra.",
 * "Dr.", "Dra.", "Prof."), company forms ("Ltda.", "S.A.", "Cia."), a few short forms ("art.",
 * "pág.", "aprox.") and a name's initial ("Paulo H. Vieira").
 */
const PT_ABBREVIATION =
  /(?:^|[\s(])(?:Sr|Sra|Srta|Srs|Sras|Dr|Dra|Drs|Dras|Prof|Profa|Eng|Enga|Exmo|Exma|Ltda|Cia|Av|Jr|núm|pág|art|arts|inc|aprox|S\.A|[A-Z])\.$/;

/**
 * Split text into sentences: ends at . ! ? (or a line break) followed by a space/line break and
 * a capital, a digit, a quote or a parenthesis. In Portuguese text ({@link textLanguage}) a full
 * stop after an abbreviation ("Sr. Marcos", "Dra. Camila", "Ltda. (locadora)", "S.A.") does not
 * end a sentence; "R$ 1.234,56", "12,5%" and "4 de março" have no sentence end in them at all.
 * English text is split as before (an English "Dr." still ends one: the English figures were
 * measured with that rule).
 */
export function splitSentences(text: string, language: TextLanguage = textLanguage(text)): string[] {
  let parts = text.replace(/\r/g, '').split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"“(])|\n{2,}|\n(?=[-•*]\s)/u);
  if (language === 'pt' && parts.length > 1) {
    const joined: string[] = [];
    for (const part of parts) {
      const last = joined.length - 1;
      if (last >= 0 && PT_ABBREVIATION.test(joined[last]) && !/\n$/.test(joined[last])) joined[last] = `${joined[last]} ${part}`;
      else joined.push(part);
    }
    parts = joined;
  }
  return parts.map((s) => (IRREGULAR_SPACE.test(s) ? s.replace(/\s+/g, ' ') : s).trim()).filter((s) => s.length > 0);
}

/** Lower-cased words (letters and digits, Unicode aware). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu) ?? [];
}

/** Common English and Portuguese words that carry no topic. */
export const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those ' +
    'we our you your they their he she his her i me my not no so than then there here which who whom what when where why how ' +
    'all any each more most other some such only own same too very can will just should would could may might must shall do does did ' +
    'has have had having into over under again further once about above below up down out off also per via new ' +
    'o os as um uma uns umas de do da dos das em no na nos nas por para com sem e ou mas se que é são foi ser ter tem ' +
    'ao aos à às pelo pela pelos pelas este esta isso isto esse essa seu sua seus suas nosso nossa mais menos muito já não ' +
    'estes estas esses essas aquele aquela aqueles aquelas ele ela eles elas nós você vocês lhe lhes me te nem também só ' +
    'foram será serão era eram está estão estava estavam seja sejam sido sendo há houve tinha têm pode podem ' +
    'como quando onde porque pois enquanto até após entre sobre sob desde cada qual quais cujo cuja cujos cujas outro outra outros outras ' +
    'num numa dum duma pelo mesmo mesma muitos muitas pouco poucos todo toda todos todas tudo então ainda assim lá aqui'
  ).split(/\s+/),
);

/** Words that carry content (not stop words, not one-letter). */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

/**
 * A number as written in `language`, in machine form: English "2,300" → "2300" (a comma before
 * three digits groups thousands; any other comma is left for the caller, as before); Portuguese
 * "1.234,56" → "1234.56", "21.000" → "21000", "12,5" → "12.5" (a full stop before groups of
 * three digits groups thousands, the comma is the decimal mark; "48.2" stays a decimal).
 *
 * @example
 * machineNumber('1.234,56', 'pt'); // → '1234.56'
 * machineNumber('2,300', 'en');    // → '2300'
 */
export function machineNumber(written: string, language: TextLanguage): string {
  if (language === 'en') return written.replace(/,(?=\d{3}\b)/g, '');
  if (written.includes(',') && written.includes('.')) {
    // Both marks: the last one is the decimal mark.
    const decimal = written.lastIndexOf(',') > written.lastIndexOf('.') ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    return written.split(thousands).join('').replace(decimal, '.');
  }
  if (/^\d{1,3}(?:\.\d{3})+$/.test(written)) return written.replace(/\./g, '');
  if (/^\d{1,3}(?:,\d{3}){2,}$/.test(written)) return written.replace(/,/g, '');
  return written.replace(',', '.');
}

/**
 * Numbers as written in a text (e.g. "12", "4.5", "2,300"; Portuguese "R$ 1.234,56", "12,5%")
 * in machine form ({@link machineNumber}) — facts a summary can get wrong.
 */
export function numbersIn(text: string, language: TextLanguage = textLanguage(text)): string[] {
  return (text.match(/\d+(?:[.,]\d+)*/g) ?? []).map((n) => machineNumber(n, language));
}

/** F1 overlap of two bags of words (ROUGE-1-style): the same measure step 4 reports. */
export { bagF1 as overlapF1 } from '../../core/text-metrics/reference-metrics';

/** FNV-1a 32-bit hash of a string: a stable number to mix into seeds. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
