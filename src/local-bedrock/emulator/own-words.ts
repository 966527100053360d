/**
 * The few words an emulated model writes itself around an extractive answer — preambles,
 * closing remarks, label phrasings — in English, Portuguese or Spanish. The answer's content
 * always comes from the document (the emulator never translates it); only these words follow
 * the language the prompt asks for, unless the model's `ignoresLanguage` habit strikes.
 */
import type { OwnLanguage } from './detect';

export const PREAMBLES: Record<OwnLanguage, string[]> = {
  en: ['Here is a summary of the document:', "Here's a concise summary:", 'Sure! Here is the summary:'],
  pt: ['Aqui está um resumo do documento:', 'Claro! Aqui está o resumo:', 'Segue um resumo objetivo:'],
  es: ['Aquí tienes un resumen del documento:', '¡Claro! Aquí está el resumen:'],
};

/** A preamble before bullet points. */
export const LIST_PREAMBLES: Record<OwnLanguage, string[]> = {
  en: ['Here are the key points:'],
  pt: ['Aqui estão os pontos principais:', 'Seguem os pontos principais:'],
  es: ['Aquí están los puntos clave:'],
};

export const CLOSINGS: Record<OwnLanguage, string[]> = {
  en: ['Let me know if you need more detail.', 'I hope this helps!', 'Feel free to ask for a shorter version.'],
  pt: ['Espero que ajude!', 'Me avise se precisar de mais detalhes.', 'Fico à disposição para uma versão mais curta.'],
  es: ['¡Espero que te sirva!', 'Avísame si necesitas más detalles.'],
};

/** A label wrapped in words (the `labelWords` habit): not a label any more. */
export const LABEL_PHRASES: Record<OwnLanguage, ((label: string) => string)[]> = {
  en: [(l) => `Category: ${l}`, (l) => `The category is ${l}.`, (l) => `${l} (the ticket is about this topic)`],
  pt: [(l) => `Categoria: ${l}`, (l) => `A categoria é ${l}.`],
  es: [(l) => `Categoría: ${l}`, (l) => `La categoría es ${l}.`],
};

/** What a model says about an empty document. */
export const EMPTY_DOCUMENT: Record<OwnLanguage, string> = {
  en: 'The document is empty, so there is nothing to summarize.',
  pt: 'O documento está vazio, então não há nada para resumir.',
  es: 'El documento está vacío, así que no hay nada que resumir.',
};

/** One item of `options`, picked with `random`. */
export const pick = <T>(options: readonly T[], random: () => number): T => options[Math.floor(random() * options.length)];
