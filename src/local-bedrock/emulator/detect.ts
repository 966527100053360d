/**
 * What kind of request is this, and where is the document?
 *
 * - judge: the user text has a `<response>` section and a `<metrics>` section with
 *   `<metric name="…" scale="a-b">` (docs/judge-protocol.md);
 * - classification: the prompt offers labels — a line `Labels: a, b, c` or `Categories: …`,
 *   a `<labels>a, b</labels>` section, or "one of: a, b, c";
 * - summarization: the prompt asks to summarize (summar…, resum…, TL;DR);
 * - ping: a very short prompt with no document ("ping", "Reply with OK");
 * - generic: anything else.
 */
import { textLanguage, words } from './text';

export type RequestKind = 'judge' | 'classification' | 'summarization' | 'ping' | 'generic';

export function detectKind(text: string): RequestKind {
  if (/<response>[\s\S]*<\/response>/i.test(text) && /<metric\s+name="[^"]+"\s+scale="\d+-\d+"/i.test(text)) return 'judge';
  if (offeredLabels(text).length >= 2) return 'classification';
  if (/summar|resum|tl;?dr/i.test(text)) return 'summarization';
  if (words(text).length <= 8) return 'ping';
  return 'generic';
}

/** Every label pattern needs one of these words: one scan rules most prompts out. */
const LABEL_CUE = /labels|categories|classes|options|one of|r[óo]tulos|categorias|op[çc][õo]es|uma das/i;

/** Labels the prompt offers, in the order given (empty when none). */
export function offeredLabels(text: string): string[] {
  if (!LABEL_CUE.test(text)) return [];
  const patterns = [
    /<labels>([\s\S]*?)<\/labels>/i,
    /^\s*(?:labels|categories|classes|options|r[óo]tulos|categorias|op[çc][õo]es)\s*:\s*(.+)$/im,
    /(?:one of|uma das(?: categorias| op[çc][õo]es)?)\s*:?\s*\[?([^\n\]]+)\]?/i,
  ];
  for (const re of patterns) {
    const m = text.match(re);
    if (m) {
      const labels = m[1]
        .split(/,|\bor\b|(?<!\p{L})ou(?!\p{L})|\|/u)
        .map((s) =>
          s
            .trim()
            .replace(/^["'`]|["'`.]$/g, '')
            .trim(),
        )
        .filter((s) => s.length > 0 && s.length < 40);
      if (labels.length >= 2) return [...new Set(labels)];
    }
  }
  return [];
}

/** The prompt without its label list (so label names in the list do not count as evidence). */
export function withoutLabelList(text: string): string {
  return text
    .replace(/<labels>[\s\S]*?<\/labels>/gi, '')
    .replace(/^\s*(?:labels|categories|classes|options|r[óo]tulos|categorias|op[çc][õo]es)\s*:.*$/gim, '')
    .replace(/(?:one of|uma das(?: categorias| op[çc][õo]es)?)\s*:?\s*\[?[^\n\]]+\]?/gi, '');
}

/**
 * The document inside a prompt: `<document>…</document>` (`<documento>`), a Markdown
 * `## Document` (`## Documento`) section, a block between lines of dashes, the text after a
 * `Document:` (`Documento:`) line (up to a `Summary:`/`Resumo:` line), or else the longest
 * paragraph.
 */
export function extractDocument(text: string): string {
  const tagged = text.match(/<(document|documento)>([\s\S]*?)<\/\1>/i);
  if (tagged) return tagged[2].trim();
  const heading = text.search(/^##\s*Documento?\s*$/im);
  if (heading >= 0) {
    const start = text.indexOf('\n', heading) + 1;
    const next = text.slice(start).search(/^##\s/m);
    return (next >= 0 ? text.slice(start, start + next) : text.slice(start)).trim();
  }
  const dashed = text.match(/^-{3,}\s*\n([\s\S]*?)\n-{3,}\s*$/m);
  if (dashed) return dashed[1].trim();
  const labelled = text.match(
    /^\s*(?:document|text|ticket|message|review|input|documento|texto|mensagem)\s*:\s*\n?([\s\S]*?)(?=^\s*(?:summary|resumo)\s*:|$(?![\s\S]))/im,
  );
  if (labelled?.[1].trim()) return labelled[1].trim();
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim());
  return paragraphs.reduce((best, p) => (p.length > best.length ? p : best), '');
}

/** A requested sentence range ("3 to 5 sentences", "in 2 sentences", "3-5 sentences"). */
export function requestedSentences(text: string): { min: number; max: number } | null {
  const range = text.match(/(\d+)\s*(?:to|-|–|a|e)\s*(\d+)\s*(?:sentences|frases)/i);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  const single = text.match(/(\d+)\s*(?:-\s*)?(?:sentences?|frases?)/i);
  if (single) return { min: Number(single[1]), max: Number(single[1]) };
  return null;
}

/** The prompt asks for the answer alone: "summary only", "without a preamble", "the label only"… */
const ANSWER_ONLY =
  /summary only|only the summary|(?:label|answer|category) only|only the (?:label|answer|category)|without (?:a |any )?preamble|(?:apenas|somente|s[óo]) (?:com )?(?:o resumo|o r[óo]tulo|a categoria|a resposta)|sem (?:pre[aâ]mbulo|introdu[cç][aã]o)|solo el resumen|sin pre[aá]mbulo/i;

export function asksAnswerOnly(text: string): boolean {
  return ANSWER_ONLY.test(text);
}

/** Languages the emulated models can write their own words in (preambles, closing remarks). */
export type OwnLanguage = 'en' | 'pt' | 'es';

/**
 * The language the prompt asks the answer to be in: named ("in Portuguese", "em português",
 * "en español"), else the language of a Portuguese or Spanish instruction ("Resuma…",
 * "Resume…"), else Portuguese when the prompt is written in Portuguese (`textLanguage`, an
 * invented heuristic: its Portuguese function words outnumber its English ones), else null
 * (no language asked).
 */
export function askedLanguage(text: string): OwnLanguage | null {
  const named = text.match(
    /\b(?:in|into)\s+(English|Portuguese|Spanish)\b|\bem (portugu[eê]s|ingl[eê]s|espanhol)\b|\ben (espa[nñ]ol|ingl[eé]s|portugu[eé]s)\b/i,
  );
  if (named) {
    const name = (named[1] ?? named[2] ?? named[3]).toLowerCase();
    if (name.startsWith('portugu')) return 'pt';
    if (name.startsWith('span') || name.startsWith('espa')) return 'es';
    return 'en';
  }
  if (/\b(?:resuma|responda|classifique|escreva)\b/i.test(text)) return 'pt';
  if (/\b(?:resume el|resuma el|responde|clasifica|escribe)\b/i.test(text)) return 'es';
  return textLanguage(text) === 'pt' ? 'pt' : null;
}
