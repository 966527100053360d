/**
 * What an emulated model gets wrong when it slips (its `slipRate` and `inventRate` habits,
 * src/core/emulation.ts): the mistakes summaries most often make, applied to one sentence the
 * model is about to write — computed from that sentence and its document, never canned.
 *
 * - figure: a number changed the way people and models mistype or misread them — two digits
 *   swapped (48.2 → 42.8), or the value off by a half or a third — to a value the document
 *   does not contain (so a careful reader can catch it);
 * - date: a year moved by one, or the day of a month shifted;
 * - name: the last word of a person's or organisation's name replaced (Camila Reyes → Camila
 *   Brandt);
 * - negation: the sentence's first negation dropped ("does not limit" → "does limit",
 *   "no sign" → "some sign", "never arrives" → "arrives");
 * - claim (a whole sentence, `inventedClaim`): something the document does not say, often
 *   with a figure ("…expects the changes to raise profits by 15 percent next year").
 *
 * Each function returns null when the sentence offers nothing of its kind.
 */
import { numberValues } from './facts';
import { namesIn } from './facts';
import { machineNumber, textLanguage, words, type TextLanguage } from './text';

export type SlipKind = 'figure' | 'date' | 'name' | 'negation';

export interface Slip {
  kind: SlipKind | 'claim';
  /** What the document wrote, and what the model wrote instead (empty `before` for an added claim). */
  before: string;
  after: string;
}

/** What a document contains, computed once per answer: its number values and its words. */
export interface DocumentFacts {
  numbers: Set<string>;
  words: Set<string>;
  /** How its numbers are written: "1,234.5" (en) or "1.234,5" (pt). */
  language: TextLanguage;
}

/** The last documents' facts: the same documents come back for every model (and every invocation). */
const recentFacts = new Map<string, DocumentFacts>();
const RECENT = 32;

export function documentFacts(document: string): DocumentFacts {
  const known = recentFacts.get(document);
  if (known) return known;
  const language = textLanguage(document);
  const facts = { numbers: new Set(numberValues(document, { withWords: true, language })), words: new Set(words(document)), language };
  if (recentFacts.size >= RECENT) recentFacts.delete(recentFacts.keys().next().value as string);
  recentFacts.set(document, facts);
  return facts;
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const MONTH_BEFORE = new RegExp(`\\b(?:${MONTHS})\\s+$`);
/** A Portuguese day: "4 de março", "1º de julho". */
const PT_MONTH_AFTER = /^º?\s+de\s+(?:janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro)\b/i;
const NUMBER = /\d+(?:[.,]\d+)*/g;

interface NumberAt {
  text: string;
  index: number;
  kind: 'figure' | 'date';
}

/** Numbers a slip may change: not part of an identifier (SA-2026-014), a time (14:12, 9h17) or a word (Q3, 1º). */
function numbersAt(sentence: string): NumberAt[] {
  const found: NumberAt[] = [];
  for (const m of sentence.matchAll(NUMBER)) {
    const i = m.index ?? 0;
    const before = sentence.slice(Math.max(0, i - 1), i);
    const after = sentence.slice(i + m[0].length, i + m[0].length + 2);
    const value = Number(m[0].replace(/,/g, ''));
    // "1º de julho" is a day: its ordinal sign is no word.
    const ptDay = PT_MONTH_AFTER.test(sentence.slice(i + m[0].length, i + m[0].length + 16)) && value >= 1 && value <= 31;
    if (/[\p{L}\-:/]/u.test(before) || (!ptDay && /^[\p{L}]|^[:\-/]\d/u.test(after))) continue;
    const isYear = /^\d{4}$/.test(m[0]) && value >= 1900 && value <= 2100;
    const isDay = (ptDay || MONTH_BEFORE.test(sentence.slice(0, i))) && value >= 1 && value <= 31 && /^\d{1,2}$/.test(m[0]);
    found.push({ text: m[0], index: i, kind: isYear || isDay ? 'date' : 'figure' });
  }
  return found;
}

/**
 * `value` written like `like`: the same number of decimals, thousands grouped when `like` had
 * them — "48.2", "21,000" in English; "48,2", "21.000", "1.234,56" in Portuguese.
 */
function writtenLike(value: number, like: string, language: TextLanguage = 'en'): string {
  const [thousands, decimal] = language === 'pt' ? ['.', ','] : [',', '.'];
  const machine = machineNumber(like, language);
  const decimals = machine.match(/\.(\d+)$/)?.[1].length ?? 0;
  const fixed = value.toFixed(decimals);
  const grouped = language === 'pt' ? /\d\.\d{3}(?!\d)/.test(like) : /\d,\d{3}/.test(like);
  const [int, frac] = fixed.split('.');
  return `${grouped ? int.replace(/\B(?=(\d{3})+(?!\d))/g, thousands) : int}${frac ? `${decimal}${frac}` : ''}`;
}

/** Values a changed figure could take: digits swapped, off by a half or a third, nudged — none the document contains. */
function changedFigures(text: string, facts: DocumentFacts): string[] {
  const language = facts.language ?? 'en';
  const valueIn = (written: string) => Number(machineNumber(written, language).replace(/,/g, ''));
  const canonical = (n: string) => String(valueIn(n));
  const value = valueIn(text);
  const digits = text.replace(/\D/g, '');
  const out: string[] = [];
  // Two adjacent different digits swapped (48.2 → 42.8 keeps the decimal point where it was).
  for (let i = 0; i + 1 < digits.length; i++) {
    if (digits[i] === digits[i + 1] || (i === 0 && digits[1] === '0')) continue;
    const swapped = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
    let k = 0;
    out.push(text.replace(/\d/g, () => swapped[k++]));
    break;
  }
  const integer = Number.isInteger(value) && !machineNumber(text, language).includes('.');
  for (const factor of [1.5, 0.6, 1.3]) {
    const x = integer ? Math.round(value * factor) : value * factor;
    out.push(writtenLike(x, text, language));
  }
  if (integer) out.push(writtenLike(value + (value < 10 ? 2 : Math.max(1, Math.round(value * 0.2))), text, language));
  // At least 10% off: a change, not a rounding (the judge forgives a figure within 2% of the document's).
  return [...new Set(out)].filter((c) => {
    const x = valueIn(c);
    return x > 0 && Math.abs(x - value) >= 0.1 * value && !facts.numbers.has(canonical(c));
  });
}

function changedDate(text: string, facts: DocumentFacts): string[] {
  const value = Number(text);
  const options = text.length === 4 ? [value + 1, value - 1] : [((value + 9) % 28) + 1, ((value + 4) % 28) + 1, value + 1];
  return options.map(String).filter((c) => c !== text && !facts.numbers.has(c));
}

/** A figure or a date of the sentence changed to a value the document does not contain. */
export function changeNumber(
  sentence: string,
  facts: DocumentFacts,
  random: () => number,
  kind: 'figure' | 'date',
): { text: string; slip: Slip } | null {
  const numbers = numbersAt(sentence).filter((n) => n.kind === kind);
  if (!numbers.length) return null;
  const target = numbers[Math.floor(random() * numbers.length)];
  const options = kind === 'date' ? changedDate(target.text, facts) : changedFigures(target.text, facts);
  if (!options.length) return null;
  const after = options[Math.floor(random() * options.length)];
  return {
    text: sentence.slice(0, target.index) + after + sentence.slice(target.index + target.text.length),
    slip: { kind, before: target.text, after },
  };
}

/** Invented surnames (none is a word a business document would use) for a changed name. */
const SURNAMES = ['Brandt', 'Moreau', 'Lindqvist', 'Okonkwo', 'Castellano', 'Novak', 'Haddad', 'Sorensen'];

/** A name of two or more words, not opening the sentence, with its last word replaced. */
export function changeName(sentence: string, facts: DocumentFacts, random: () => number): { text: string; slip: Slip } | null {
  const names = namesIn(sentence).filter((n) => n.includes(' ') && sentence.indexOf(n) > 0);
  if (!names.length) return null;
  const name = names[Math.floor(random() * names.length)];
  const surnames = SURNAMES.filter((s) => !facts.words.has(s.toLowerCase()));
  const surname = surnames[Math.floor(random() * surnames.length)];
  if (!surname) return null;
  const changed = name.replace(/\S+$/, surname);
  return { text: sentence.replace(name, changed), slip: { kind: 'name', before: name, after: changed } };
}

const CONTRACTIONS: Record<string, string> = {
  "doesn't": 'does',
  "don't": 'do',
  "didn't": 'did',
  "isn't": 'is',
  "aren't": 'are',
  "wasn't": 'was',
  "weren't": 'were',
  "hasn't": 'has',
  "haven't": 'have',
  "can't": 'can',
  "won't": 'will',
  "wouldn't": 'would',
  "shouldn't": 'should',
};

const EN_NEGATION_RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/\b(does|do|did|is|are|was|were|has|have|had|can|could|will|would|should|must) not\b/i, (m) => m[1]],
  [
    /\b(doesn't|don't|didn't|isn't|aren't|wasn't|weren't|hasn't|haven't|can't|won't|wouldn't|shouldn't)\b/i,
    (m) => CONTRACTIONS[m[1].toLowerCase()] ?? m[1],
  ],
  [/\bcannot\b/i, () => 'can'],
  [/\bno longer\b/i, () => 'still'],
  [/\bNot (\w+)/, (m) => m[1].charAt(0).toUpperCase() + m[1].slice(1)],
  [/\bnever (\w+)/i, (m) => m[1]],
  [/\b[Nn]o (?=\w)/, (m) => (m[0][0] === 'N' ? 'Some ' : 'some ')],
  [/\bnot (\w+)/i, (m) => m[1]],
];

const PT_NEGATION_RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  // Portuguese: "não conseguiu" → "conseguiu", "nunca chegou" → "chegou", "nenhum valor" → "algum valor", "sem alerta" → "com alerta".
  [/(?<!\p{L})[Nn]ão (?=\p{L})/u, () => ''],
  [/(?<!\p{L})[Nn]unca (?=\p{L})/u, () => ''],
  [/(?<!\p{L})([Nn])enhum(a?)(?!\p{L})/u, (m) => `${m[1] === 'N' ? 'A' : 'a'}lgum${m[2]}`],
  [/(?<!\p{L})sem (?=\p{L})/u, () => 'com '],
];

/** The first negation of the sentence dropped, or null when it has none. */
export function dropNegation(sentence: string, language: TextLanguage = 'en'): { text: string; slip: Slip } | null {
  const rules = language === 'pt' ? PT_NEGATION_RULES : EN_NEGATION_RULES;
  let best: { index: number; length: number; replacement: string } | null = null;
  for (const [re, replace] of rules) {
    const m = re.exec(sentence);
    if (m && (best === null || m.index < best.index)) best = { index: m.index, length: m[0].length, replacement: replace(m) };
  }
  if (!best) return null;
  const before = sentence.slice(best.index, best.index + best.length);
  let text = sentence.slice(0, best.index) + best.replacement + sentence.slice(best.index + best.length);
  // A dropped "Não"/"Nunca" that opened the sentence leaves the next word to capitalise.
  if (best.index === 0 && best.replacement === '') text = text.charAt(0).toUpperCase() + text.slice(1);
  return {
    text,
    slip: { kind: 'negation', before, after: best.replacement },
  };
}

/** One slip in `sentence`, of a kind the sentence offers (chosen at random), or null when it offers none. */
export function slipSentence(sentence: string, facts: DocumentFacts, random: () => number): { text: string; slip: Slip } | null {
  const attempts: (() => { text: string; slip: Slip } | null)[] = [
    () => changeNumber(sentence, facts, random, 'figure'),
    () => changeNumber(sentence, facts, random, 'date'),
    () => changeName(sentence, facts, random),
    () => dropNegation(sentence, facts.language),
  ];
  // Try the kinds in a random order, so a sentence with a figure and a negation can get either.
  const order = attempts.map((a) => [random(), a] as const).sort((x, y) => x[0] - y[0]);
  for (const [, attempt] of order) {
    const done = attempt();
    if (done) return done;
  }
  return null;
}

/** A sentence the document does not support — sometimes with a figure it does not contain. */
export function inventedClaim(facts: DocumentFacts, random: () => number): { text: string; slip: Slip } {
  const subject = 'The company';
  let figure = 5 + Math.floor(random() * 36);
  while (facts.numbers.has(String(figure))) figure++;
  // The claim is written in the document's language (a Portuguese document gets a Portuguese invention).
  const claims =
    facts.language === 'pt'
      ? [
          `A empresa também espera que as mudanças aumentem o lucro em ${figure}% no próximo ano.`,
          'A empresa também planeja expandir para o Chile e o México no próximo ano.',
          'Analistas do setor consideraram o resultado melhor do que o esperado.',
          'Os resultados foram bem recebidos por investidores e clientes.',
          `Uma consultoria externa vai revisar o programa em ${figure} semanas.`,
        ]
      : [
          `${subject} also expects the changes to raise profits by ${figure} percent next year.`,
          `${subject} also plans to expand into Brazil and Canada next year.`,
          'Industry analysts called the outcome better than expected.',
          'The results were welcomed by investors and customers alike.',
          `An external consultant will review the programme in ${figure} weeks.`,
        ];
  const text = claims[Math.floor(random() * claims.length)];
  return { text, slip: { kind: 'claim', before: '', after: text } };
}
