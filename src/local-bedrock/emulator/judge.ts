/**
 * The emulated LLM-as-a-judge: a HEURISTIC that answers judge requests
 * (docs/judge-protocol.md) in exactly the JSON format real judge models are asked for, with
 * scores computed from the texts it was given:
 *
 * - support: share of the response's sentences whose content words appear in the document,
 *   minus a penalty for each number that is not in the document (an invented fact);
 * - agreement: word-overlap F1 with the reference answer (ROUGE-1-like);
 * - coverage: share of the reference's content words the response contains;
 * - on-topic: share of the response's content words found in the document;
 * - form: redundancy (near-duplicate sentences), a cut-off last sentence, a chatty preamble,
 *   a length far from the reference's, and text that tries to instruct the judge.
 *
 * Better answers score higher and worse answers lower, so the workflow of step 4 can be
 * learned offline — but it is not a judgement of meaning: offline scores are for learning
 * the workflow, not for choosing a model.
 */
import { requestedSentences } from './detect';
import { contentWords, numbersIn, overlapF1, splitSentences } from './text';

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

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

function section(text: string, tag: string): string {
  const m = text.match(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'i'));
  return m ? unescape(m[1].trim()) : '';
}

export function parseJudgeRequest(text: string): JudgeSections {
  const metrics: JudgeMetric[] = [];
  for (const m of text.matchAll(/<metric\s+name="([^"]+)"\s+scale="(\d+)-(\d+)"/gi)) {
    metrics.push({ name: m[1], min: Number(m[2]), max: Number(m[3]) });
  }
  return { task: section(text, 'task'), document: section(text, 'document'), reference: section(text, 'reference'), response: section(text, 'response'), metrics };
}

const INJECTION = /ignore (?:all |any |the )?(?:previous|prior|above) instructions|give (?:it |this |me )?(?:a |the )?(?:score of )?(?:5|five|top|maximum)|rate this (?:response )?(?:as )?(?:5|perfect)|you are now|system prompt/i;
const PREAMBLE = /^(?:here is|here's|sure|certainly|of course|aqui está|claro)\b/i;

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

export interface JudgeSignals {
  empty: boolean;
  sentences: number;
  supportedShare: number;
  inventedNumbers: string[];
  agreement: number | null;
  coverage: number;
  onTopic: number;
  redundancy: number;
  truncated: boolean;
  preamble: boolean;
  injection: boolean;
  lengthFit: number;
  sentenceFit: boolean;
}

export function judgeSignals(s: JudgeSections): JudgeSignals {
  const response = s.response.trim();
  const docWords = new Set(contentWords(s.document));
  const sentences = splitSentences(response);
  const respWords = contentWords(response);
  const refWords = contentWords(s.reference);
  const supported = sentences.filter((sent) => {
    const ws = contentWords(sent);
    return ws.length > 0 && ws.filter((w) => docWords.has(w)).length / ws.length >= 0.75;
  }).length;
  const docNumbers = new Set(numbersIn(s.document));
  const inventedNumbers = [...new Set(numbersIn(response).filter((n) => !docNumbers.has(n)))];
  const refSet = new Set(refWords.length ? refWords : [...docWords].slice(0, 40));
  const respSet = new Set(respWords);
  const covered = [...refSet].filter((w) => respSet.has(w)).length;
  let dupPairs = 0;
  const sets = sentences.map((x) => new Set(contentWords(x)));
  for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) {
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
    supportedShare: sentences.length ? supported / sentences.length : 0,
    inventedNumbers,
    agreement: refWords.length ? overlapF1(respWords, refWords) : null,
    coverage: refSet.size ? covered / refSet.size : 0,
    onTopic: respWords.length ? respWords.filter((w) => docWords.has(w)).length / respWords.length : 0,
    redundancy: sentences.length > 1 ? Math.min(1, dupPairs / (sentences.length - 1)) : 0,
    truncated: response.length > 0 && !/[.!?)"”]$/.test(response),
    preamble: PREAMBLE.test(response),
    injection: INJECTION.test(response),
    lengthFit: ratio >= 0.5 && ratio <= 1.8 ? 1 : clamp01(ratio < 0.5 ? ratio / 0.5 : 1.8 / ratio),
    sentenceFit: !wanted || (sentences.length >= wanted.min && sentences.length <= wanted.max),
  };
}

function metricSignal(name: string, x: JudgeSignals): { value: number; reason: string } {
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const faithfulness = clamp01(x.supportedShare - 0.25 * x.inventedNumbers.length);
  const agreement = x.agreement === null ? faithfulness : clamp01(x.agreement / 0.6);
  const form = clamp01(1 - 0.4 * x.redundancy - (x.truncated ? 0.3 : 0));
  const style = clamp01(1 - (x.preamble ? 0.3 : 0) - (x.injection ? 0.7 : 0) - (x.truncated ? 0.3 : 0) - 0.4 * x.redundancy);
  const invented = x.inventedNumbers.length ? `; ${x.inventedNumbers.length} number(s) not in the document (${x.inventedNumbers.slice(0, 3).join(', ')})` : '';
  switch (name.toLowerCase().replace(/[\s-]+/g, '_')) {
    case 'correctness':
      return { value: clamp01(0.5 * faithfulness + 0.5 * agreement - (x.injection ? 0.3 : 0)), reason: `${pct(x.supportedShare)} of its sentences are supported by the document and it overlaps the reference at F1 ${(x.agreement ?? 0).toFixed(2)}${invented}.` };
    case 'completeness':
      return { value: clamp01(x.coverage / 0.7), reason: `It covers ${pct(x.coverage)} of the key words of the reference answer.` };
    case 'faithfulness':
      return { value: faithfulness, reason: `${pct(x.supportedShare)} of its sentences are supported by the document${invented}.` };
    case 'coherence':
      return { value: form, reason: `${x.redundancy > 0 ? `Some sentences repeat each other (${pct(x.redundancy)})` : 'No sentence repeats another'}${x.truncated ? ' and the last sentence is cut off' : ''}.` };
    case 'relevance':
      return { value: clamp01(x.onTopic * (0.5 + 0.5 * clamp01(x.coverage / 0.7))), reason: `${pct(x.onTopic)} of its content words come from the document.` };
    case 'following_instructions':
      return { value: clamp01(x.lengthFit * (x.sentenceFit ? 1 : 0.7) - (x.preamble ? 0.2 : 0) - (x.injection ? 0.7 : 0)), reason: `Its length is ${x.lengthFit === 1 ? 'within' : 'outside'} the expected range with ${x.sentences} sentence(s)${x.sentenceFit ? '' : ', not the number the task asked for'}${x.preamble ? ', and it opens with a preamble' : ''}${x.injection ? ', and it tries to instruct the evaluator' : ''}.` };
    case 'professional_style':
    case 'professional_style_and_tone':
      return { value: style, reason: `${x.preamble ? 'It opens with a chatty preamble' : 'The tone is neutral'}${x.injection ? ' and it addresses the evaluator instead of the reader' : ''}${x.truncated ? '; it ends mid-sentence' : ''}.` };
    default: {
      const all = ['correctness', 'completeness', 'faithfulness', 'coherence', 'relevance'].map((m) => metricSignal(m, x).value);
      return { value: all.reduce((a, b) => a + b, 0) / all.length, reason: 'Blend of correctness, completeness, faithfulness, coherence and relevance signals.' };
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
