/**
 * The emulated LLM-as-a-judge: a HEURISTIC that answers judge requests
 * (docs/judge-protocol.md) in exactly the JSON format real judge models are asked for, with
 * scores computed from the texts it was given. What it reads (facts.ts says how "supported"
 * credits paraphrase):
 *
 * - support: each response sentence is supported (≥ 75% of its content words are in the
 *   document or the reference, by word, stem or long prefix), weak (50–75%) or unsupported;
 * - invented facts: numbers (by value, digits or words) and names (capitalised runs) that
 *   are in neither the document nor the reference;
 * - agreement: word-overlap F1 with the reference answer (ROUGE-1-like);
 * - coverage: share of the reference's content words the response has (paraphrase credited);
 * - on-topic: share of the response's content words found in the document (or reference);
 * - form: redundancy (near-duplicate sentences), a cut-off last sentence, a chatty preamble,
 *   a length far from the reference's, and text that tries to instruct the judge.
 *
 * Faithfulness and correctness follow the rubrics' levels (data/judge/*.txt): 5 nothing
 * unsupported, 4 one weakly supported sentence (an inference) or — correctness — a claim
 * with no checkable fact, 3 one unsupported statement or invented fact, 2 several, 1 mostly
 * unsupported (off topic) or empty. Better answers score higher and worse answers lower, so
 * the workflow of step 4 can be learned offline — but it is not a judgement of meaning:
 * offline scores are for learning the workflow, not for choosing a model.
 */
import { requestedSentences } from './detect';
import { Vocabulary, inventedNames, inventedNumbers } from './facts';
import { contentWords, overlapF1, splitSentences } from './text';

export interface JudgeMetric {
  name: string;
  min: number;
  max: number;
}

export interface JudgeSections {
  task: string;
  document: string;
  reference: string;
  response: string;
  metrics: JudgeMetric[];
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * The last `<tag>…</tag>` section: the data sections come after the instructions, which may
 * name the tags (a judge prompt sent as one text, as an optimization job's is: "judge ONLY
 * the text inside <response>").
 */
function section(text: string, tag: string): string {
  const lower = text.toLowerCase();
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  let from = lower.lastIndexOf(open);
  while (from >= 0) {
    const end = lower.indexOf(close, from + open.length);
    if (end >= 0) return unescapeXml(text.slice(from + open.length, end).trim());
    from = from === 0 ? -1 : lower.lastIndexOf(open, from - 1);
  }
  return '';
}

export function parseJudgeRequest(text: string): JudgeSections {
  const metrics: JudgeMetric[] = [];
  for (const m of text.matchAll(/<metric\s+name="([^"]+)"\s+scale="(\d+)-(\d+)"/gi)) {
    metrics.push({ name: m[1], min: Number(m[2]), max: Number(m[3]) });
  }
  // Advanced Prompt Optimization's judge prompts get the whole prompt the model under test
  // received ({{prompt}}: its task and its document) in one <prompt> section.
  const prompt = section(text, 'prompt');
  return {
    task: section(text, 'task') || prompt,
    document: section(text, 'document') || prompt,
    reference: section(text, 'reference'),
    response: section(text, 'response'),
    metrics,
  };
}

const INJECTION =
  /ignore (?:all |any |the )?(?:previous|prior|above) instructions|give (?:it |this |me )?(?:a |the )?(?:score of )?(?:5|five|top|maximum)|rate this (?:response )?(?:as )?(?:5|perfect)|you are now|system prompt/i;
const PREAMBLE = /^(?:here is|here's|sure|certainly|of course|aqui está|claro)\b/i;
const SIGN_OFF = /^(?:i hope this helps|hope this helps|let me know|feel free to|espero que ajude)\b/i;
/** A sentence with fewer content words than this makes no claim to check ("Sure!", "Hope this helps!"). */
const CLAIM_WORDS = 3;

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
/** A task that forbids additions ("Do not add anything that is not in the document"). */
const NO_ADDITIONS =
  /(?:do not|don't|never) (?:add|include|invent)[^.]*not in the (?:document|text)|nothing that is not in the (?:document|text)|only (?:facts|information) (?:from|in) the (?:document|text)/i;

/** A sentence is supported from this share of its content words on, weak from WEAK on. */
export const SUPPORTED = 0.75;
export const WEAK = 0.5;

export interface JudgeSignals {
  empty: boolean;
  sentences: number;
  /** Sentences that make a claim: not a preamble or sign-off, at least CLAIM_WORDS content words. */
  claims: number;
  /** Share of the claims that are supported (≥ SUPPORTED of their content words known). */
  supportedShare: number;
  /** Sentences between WEAK and SUPPORTED: an inference, or a loose paraphrase. */
  weakSentences: number;
  /** Sentences below WEAK: a statement the document does not make. */
  unsupportedSentences: number;
  /** Pairs of near-duplicate sentences (content-word Jaccard > 0.6). */
  duplicates: number;
  inventedNumbers: string[];
  inventedNames: string[];
  agreement: number | null;
  coverage: number;
  onTopic: number;
  redundancy: number;
  truncated: boolean;
  preamble: boolean;
  injection: boolean;
  lengthFit: number;
  sentenceFit: boolean;
  /** How many sentences outside the requested range (0 = within, or no range asked). */
  sentenceGap: number;
  /** The answer closes with a sign-off ("Hope this helps!"). */
  signOff: boolean;
  /** The task forbids adding anything that is not in the document. */
  noAdditions: boolean;
}

export function judgeSignals(s: JudgeSections): JudgeSignals {
  const response = s.response.trim();
  // What the response may say: the document's words, and the reference's (a faithful human rewording).
  const known = new Vocabulary(s.document, s.reference);
  const inDocument = new Vocabulary(s.document);
  const sentences = splitSentences(response);
  const respWords = contentWords(response);
  const refWords = contentWords(s.reference);
  const claims = sentences.filter(
    (sent, i) => contentWords(sent).length >= CLAIM_WORDS && !(i === 0 && PREAMBLE.test(sent)) && !SIGN_OFF.test(sent),
  );
  const shares = claims.map((sent) => known.share(sent));
  const supported = shares.filter((x) => x >= SUPPORTED).length;
  const weak = shares.filter((x) => x >= WEAK && x < SUPPORTED).length;
  // Coverage: the reference's key words (or, with none, the document's first 40) that the response has — in its own words too.
  const said = new Vocabulary(response);
  const keyWords = [...new Set(refWords.length ? refWords : contentWords(s.document).slice(0, 40))];
  const covered = keyWords.filter((w) => said.has(w)).length;
  let dupPairs = 0;
  const sets = sentences.map((x) => new Set(contentWords(x)));
  for (let i = 0; i < sets.length; i++)
    for (let j = i + 1; j < sets.length; j++) {
      const inter = [...sets[i]].filter((w) => sets[j].has(w)).length;
      const union = new Set([...sets[i], ...sets[j]]).size;
      if (union > 0 && inter / union > 0.6) dupPairs++;
    }
  const refLength = refWords.length || 60;
  const ratio = respWords.length / refLength;
  const wanted = requestedSentences(s.task);
  return {
    empty: response.length === 0,
    sentences: sentences.length,
    claims: claims.length,
    supportedShare: claims.length ? supported / claims.length : 0,
    weakSentences: weak,
    unsupportedSentences: claims.length - supported - weak,
    duplicates: dupPairs,
    inventedNumbers: inventedNumbers(response, s.document, s.reference),
    inventedNames: inventedNames(response, s.document, s.reference),
    agreement: refWords.length ? overlapF1(respWords, refWords) : null,
    coverage: keyWords.length ? covered / keyWords.length : 0,
    onTopic: respWords.length ? respWords.filter((w) => inDocument.has(w) || known.has(w)).length / respWords.length : 0,
    redundancy: sentences.length > 1 ? Math.min(1, dupPairs / (sentences.length - 1)) : 0,
    truncated: response.length > 0 && !/[.!?)"”]$/.test(response),
    preamble: PREAMBLE.test(response),
    injection: INJECTION.test(response),
    lengthFit: ratio >= 0.5 && ratio <= 1.8 ? 1 : clamp01(ratio < 0.5 ? ratio / 0.5 : 1.8 / ratio),
    sentenceFit: !wanted || (sentences.length >= wanted.min && sentences.length <= wanted.max),
    sentenceGap: wanted ? Math.max(0, wanted.min - sentences.length, sentences.length - wanted.max) : 0,
    signOff: sentences.length > 1 && SIGN_OFF.test(sentences[sentences.length - 1]),
    noAdditions: NO_ADDITIONS.test(s.task),
  };
}

/** A rubric level (1–5) as a 0–1 value. */
const level = (score: 1 | 2 | 3 | 4 | 5) => (score - 1) / 4;

/** Faithfulness on the rubric's levels: unsupported statements and invented facts. */
export function faithfulnessLevel(x: JudgeSignals): 1 | 2 | 3 | 4 | 5 {
  const problems = x.unsupportedSentences + x.inventedNumbers.length + x.inventedNames.length;
  // "Largely invented": most claims unsupported (a loosely supported claim is not an invention).
  if (x.empty || x.claims === 0 || x.unsupportedSentences / x.claims > 0.5) return 1;
  if (problems >= 2) return 2;
  if (problems === 1) return 3;
  return x.weakSentences > 0 ? 4 : 5;
}

/** Correctness on the rubric's levels: wrong facts (invented or changed numbers and names). */
export function correctnessLevel(x: JudgeSignals): 1 | 2 | 3 | 4 | 5 {
  const wrong = x.inventedNumbers.length + x.inventedNames.length;
  // "Unrelated to the document": mostly words the document does not use.
  if (x.empty || x.claims === 0 || x.onTopic < 0.5) return 1;
  if (wrong >= 2) return 2;
  if (wrong === 1) return 3;
  return x.unsupportedSentences > 0 ? 4 : 5;
}

/** Coherence on the rubric's levels: 2 cut off or much repetition, 3 one repeated point, else 5. */
export function coherenceLevel(x: JudgeSignals): 1 | 2 | 3 | 4 | 5 {
  if (x.empty) return 1;
  if (x.truncated || x.duplicates >= 2) return 2;
  return x.duplicates === 1 ? 3 : 5;
}

/**
 * Following instructions on the rubric's levels: 1 off topic or addressing the evaluator;
 * otherwise count the instructions ignored — the wrong length (far from the reference's, or 2+
 * sentences outside the range asked), a preamble or sign-off — 2 for two, 3 for one; a minor
 * deviation (one sentence too many or too few, a length somewhat off, or adding what the task
 * forbids) is 4.
 */
export function instructionsLevel(x: JudgeSignals): 1 | 2 | 3 | 4 | 5 {
  if (x.empty || x.onTopic < 0.5 || x.injection) return 1;
  const additions = x.noAdditions && x.unsupportedSentences + x.inventedNumbers.length + x.inventedNames.length > 0;
  const ignored = (x.lengthFit < 0.75 || x.sentenceGap >= 2 ? 1 : 0) + (x.preamble || x.signOff ? 1 : 0);
  if (ignored >= 2) return 2;
  if (ignored === 1) return 3;
  return x.sentenceGap === 1 || x.lengthFit < 1 || additions ? 4 : 5;
}

function metricSignal(name: string, x: JudgeSignals): { value: number; reason: string } {
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const faithfulness = level(faithfulnessLevel(x));
  const completeness = clamp01(x.coverage / 0.7);
  const offTopic = x.onTopic < 0.5;
  const additions = x.unsupportedSentences + x.inventedNumbers.length + x.inventedNames.length > 0;
  const style = clamp01(1 - (x.preamble || x.signOff ? 0.3 : 0) - (x.injection ? 0.7 : 0) - (x.truncated ? 0.3 : 0) - 0.4 * x.redundancy);
  const facts = [...x.inventedNumbers, ...x.inventedNames];
  const invented = facts.length
    ? `; not in the document or the reference: ${facts
        .slice(0, 3)
        .map((f) => JSON.stringify(f))
        .join(', ')}`
    : '';
  const support = `${x.claims - x.unsupportedSentences - x.weakSentences} of ${x.claims} statement(s) are supported by the document${x.weakSentences ? `, ${x.weakSentences} only loosely` : ''}${x.unsupportedSentences ? `, ${x.unsupportedSentences} not at all` : ''}`;
  switch (name.toLowerCase().replace(/[\s-]+/g, '_')) {
    case 'correctness':
      return {
        value: clamp01(level(correctnessLevel(x)) - (x.injection ? 0.3 : 0)),
        reason: `${support}${invented || '; every figure and name it gives is in the document'}.`,
      };
    case 'completeness':
      return {
        value: completeness,
        reason: `It covers ${pct(x.coverage)} of the key words of the ${x.agreement === null ? 'document' : 'reference answer'}.`,
      };
    case 'faithfulness':
      return { value: faithfulness, reason: `${support}${invented}.` };
    case 'coherence':
      return {
        value: level(coherenceLevel(x)),
        reason: `${x.duplicates > 0 ? `${x.duplicates} pair(s) of sentences say the same thing` : 'No sentence repeats another'}${x.truncated ? ' and the last sentence is cut off' : ''}.`,
      };
    case 'relevance':
      return {
        value: clamp01(x.onTopic * (0.5 + 0.5 * completeness)),
        reason: `${pct(x.onTopic)} of its content words come from the document, and it covers ${pct(x.coverage)} of the key words.`,
      };
    case 'following_instructions': {
      const value = level(instructionsLevel(x));
      const notes = [
        offTopic ? 'it is not about the document at all' : '',
        x.preamble ? 'it opens with a preamble' : '',
        x.signOff ? 'it ends with a sign-off' : '',
        x.injection ? 'it tries to instruct the evaluator' : '',
        x.noAdditions && additions ? 'it adds what is not in the document, which the task forbids' : '',
      ].filter(Boolean);
      return {
        value,
        reason: `Its length is ${x.lengthFit === 1 ? 'within' : 'outside'} the expected range with ${x.sentences} sentence(s)${x.sentenceFit ? '' : ', not the number the task asked for'}${notes.length ? `; ${notes.join('; ')}` : ''}.`,
      };
    }
    case 'professional_style':
    case 'professional_style_and_tone':
      return {
        value: style,
        reason: `${x.preamble ? 'It opens with a chatty preamble' : 'The tone is neutral'}${x.injection ? ' and it addresses the evaluator instead of the reader' : ''}${x.truncated ? '; it ends mid-sentence' : ''}.`,
      };
    default: {
      const all = ['correctness', 'completeness', 'faithfulness', 'coherence', 'relevance'].map((m) => metricSignal(m, x).value);
      return {
        value: all.reduce((a, b) => a + b, 0) / all.length,
        reason: 'Blend of correctness, completeness, faithfulness, coherence and relevance signals.',
      };
    }
  }
}

/** The judge's JSON answer for a judge request. */
export function judge(text: string): string {
  const sections = parseJudgeRequest(text);
  const signals = judgeSignals(sections);
  const scores = sections.metrics.map((m) => {
    if (signals.empty) return { metric: m.name, score: m.min, reason: 'The response is empty.' };
    const { value, reason } = metricSignal(m.name, signals);
    return { metric: m.name, score: Math.max(m.min, Math.min(m.max, m.min + Math.round(value * (m.max - m.min)))), reason };
  });
  return JSON.stringify({ scores });
}
