/**
 * Small text tools shared by the emulated models: sentences, words, stop words, n-grams,
 * and a stable hash for seeding.
 */

/** Whitespace other than single spaces: only then does normalising a sentence change it. */
const IRREGULAR_SPACE = /\s\s|[^\S ]/;

/** Split text into sentences: ends at . ! ? (or a line break) followed by a space/line break. */
export function splitSentences(text: string): string[] {
  return text
    .replace(/\r/g, '')
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"“(])|\n{2,}|\n(?=[-•*]\s)/u)
    .map((s) => (IRREGULAR_SPACE.test(s) ? s.replace(/\s+/g, ' ') : s).trim())
    .filter((s) => s.length > 0);
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
    'ao aos à às pelo pela pelos pelas este esta isso isto esse essa seu sua seus suas nosso nossa mais menos muito já não'
  ).split(/\s+/),
);

/** Words that carry content (not stop words, not one-letter). */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

/** Numbers as written in a text (e.g. "12", "4.5", "2,300") — facts a summary can get wrong. */
export function numbersIn(text: string): string[] {
  return (text.match(/\d+(?:[.,]\d+)*/g) ?? []).map((n) => n.replace(/,(?=\d{3}\b)/g, ''));
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
