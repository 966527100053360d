/**
 * The emulated LLM-as-a-judge: a HEURISTIC that answers judge requests
 * (docs/judge-protocol.md) in exactly the JSON format real judge models are asked for, with
 * scores computed from the texts it was given. What it reads (facts.ts says how "supported"
 * credits paraphrase):
 *
 * - support: each response sentence is supported (≥ 75% of its content words are in the
 *   document or the reference, by word, stem or long prefix), weak (50–75%) or unsupported;
 * - wrong facts: numbers (by value, digits or words; a rounding excepted) and names
 *   (capitalised runs) in neither the document nor the reference — a figure that stands where
 *   the document has another one is a CHANGED figure, twice as bad in the document's lead
 *   (facts.ts); and contradictions with the document's own words: a dropped negation, a hedge
 *   stated as done (polarity.ts);
 * - agreement: word-overlap F1 with the reference answer (ROUGE-1-like);
 * - coverage: share of the reference's content words the response has (paraphrase credited);
 * - on-topic: share of the response's content words found in the document (or reference), and
 *   key share: of those the reference uses;
 * - form: chatter (a preamble, a closing remark — not part of the answer, an ignored
 *   instruction when the task asks for the answer only), redundancy, a cut-off last sentence,
 *   a length far from the reference's or outside the sentences asked, text that tries to
 *   instruct the judge.
 *
 * Every metric follows its rubric's levels (data/judge/*.txt; the table in
 * docs/judge-protocol.md), so scores move from document to document. Better answers score
 * higher and worse answers lower, so the workflow of step 4 can be learned offline — but it is
 * not a judgement of meaning: offline scores are for learning the workflow, not for choosing a
 * model.
 */
import { asksAnswerOnly, requestedSentences } from './detect';
import { Vocabulary, changedFigures, inventedNames, inventedNumbers, type ChangedFigure } from './facts';
import { contradictions, type Contradiction } from './polarity';
import { contentWords, overlapF1, splitSentences, textLanguage } from './text';

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
  /ignore (?:all |any |the )?(?:previous|prior|above) instructions|give (?:it |this |me )?(?:a |the )?(?:score of )?(?:5|five|top|maximum)|rate this (?:response )?(?:as )?(?:5|perfect)|you are now|system prompt|ignore (?:todas )?as instru[çc][õo]es (?:anteriores|acima)|d[êe] (?:a (?:esta|essa) resposta )?(?:nota|pontua[çc][ãa]o) (?:5|cinco|m[áa]xima)|avalie (?:esta|essa) resposta (?:com|como) (?:5|nota m[áa]xima|perfeita)|voc[êe] agora [ée]|prompt de sistema/i;
/** Chatter before the answer: "Here is a summary:", "Sure!", "Below is…" (English, Portuguese, Spanish). */
const PREAMBLE =
  /^(?:here is|here's|here are|sure|certainly|of course|absolutely|below is|the following is|aqui est[aá]|aqui est[aã]o|aqui vai|claro|com certeza|certo|segue|seguem|abaixo (?:est[aá]|est[aã]o|segue|seguem)|aqu[ií] (?:est[aá]|tienes)|¡claro)(?=[\s!,.:]|$)/i;
/** Chatter after it: "Hope this helps!", "Let me know…", "Feel free to…". */
const SIGN_OFF =
  /^(?:i hope this helps|hope this helps|let me know|feel free to|if you (?:need|want|have|would like)|would you like|espero (?:que (?:ajude|isso ajude|te sirva|tenha ajudado)|ter ajudado)|me avise|fico [àa] disposi[çc][ãa]o|se (?:precisar|quiser|tiver)|caso (?:precise|queira|tenha)|qualquer d[úu]vida|posso ajudar|quer que eu|av[ií]same|¡espero que te sirva)/i;
/** A sentence with fewer content words than this makes no claim to check ("Sure!", "Hope this helps!"). */
const CLAIM_WORDS = 3;

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
/** A task that forbids additions ("Do not add anything that is not in the document"). */
const NO_ADDITIONS =
  /(?:do not|don't|never) (?:add|include|invent)[^.]*not in the (?:document|text)|nothing that is not in the (?:document|text)|only (?:facts|information) (?:from|in) the (?:document|text)|n[ãa]o (?:acrescente|adicione|inclua|invente)[^.]*n[ãa]o (?:esteja|est[áa]|conste) no (?:documento|texto)|apenas (?:fatos|informa[çc][õo]es) do (?:documento|texto)/i;

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
  /** Invented figures that stand where the document has another figure (facts.ts). */
  changedFigures: ChangedFigure[];
  /** Statements that say the opposite of the document: a dropped negation, a hedge stated as done (polarity.ts). */
  contradictions: Contradiction[];
  /** Claims with at least one wrong fact (an invented or changed figure or name, a contradiction). */
  wrongClaims: number;
  /** The task asks for the answer only ("summary only", "without a preamble"): chatter ignores an instruction. */
  answerOnly: boolean;
  /** Content words of the answer ÷ those of the reference (or of 60 words without one). */
  lengthRatio: number;
  /** Share of the answer's content words that the reference uses (what matters), or null without a reference. */
  keyShare: number | null;
}

/** Wrong facts, counted as the rubrics weigh them: each invented figure or name, each contradiction, a changed central figure twice. */
export function wrongFacts(x: JudgeSignals): number {
  return x.inventedNumbers.length + x.inventedNames.length + x.contradictions.length + x.changedFigures.filter((f) => f.central).length;
}

export function judgeSignals(s: JudgeSections): JudgeSignals {
  const response = s.response.trim();
  // What the response may say: the document's words, and the reference's (a faithful human rewording).
  const known = new Vocabulary(s.document, s.reference);
  const inDocument = new Vocabulary(s.document);
  const sentences = splitSentences(response);
  // Chatter is not part of the answer: leading preamble sentences ("Sure!", "Here is the summary:") and closing remarks.
  let first = 0;
  while (
    first < sentences.length &&
    (PREAMBLE.test(sentences[first]) || (/[:!]$/.test(sentences[first]) && contentWords(sentences[first]).length < 4))
  )
    first++;
  let last = sentences.length;
  while (last > first + 1 && SIGN_OFF.test(sentences[last - 1])) last--;
  const body = sentences.slice(first, last);
  const respWords = contentWords(response);
  const refWords = contentWords(s.reference);
  const claims = body.filter((sent) => contentWords(sent).length >= CLAIM_WORDS && !SIGN_OFF.test(sent));
  const shares = claims.map((sent) => known.share(sent));
  const supported = shares.filter((x) => x >= SUPPORTED).length;
  const weak = shares.filter((x) => x >= WEAK && x < SUPPORTED).length;
  // Coverage: the reference's key words (or, with none, the document's first 40) that the response has — in its own words too.
  const said = new Vocabulary(response);
  const keyWords = [...new Set(refWords.length ? refWords : contentWords(s.document).slice(0, 40))];
  const covered = keyWords.filter((w) => said.has(w)).length;
  let dupPairs = 0;
  const sets = body.map((x) => new Set(contentWords(x)));
  for (let i = 0; i < sets.length; i++)
    for (let j = i + 1; j < sets.length; j++) {
      const inter = [...sets[i]].filter((w) => sets[j].has(w)).length;
      const union = new Set([...sets[i], ...sets[j]]).size;
      if (union > 0 && inter / union > 0.6) dupPairs++;
    }
  const refLength = refWords.length || 60;
  const ratio = respWords.length / refLength;
  const wanted = requestedSentences(s.task);
  const numbers = inventedNumbers(response, s.document, s.reference);
  const names = inventedNames(response, s.document, s.reference);
  const opposite = s.document ? contradictions(response, s.document) : [];
  const wrongClaims = claims.filter(
    (c) =>
      inventedNumbers(c, s.document, s.reference).length + inventedNames(c, s.document, s.reference).length > 0 ||
      opposite.some((o) => o.response === c),
  ).length;
  return {
    empty: response.length === 0,
    sentences: body.length,
    claims: claims.length,
    supportedShare: claims.length ? supported / claims.length : 0,
    weakSentences: weak,
    unsupportedSentences: claims.length - supported - weak,
    duplicates: dupPairs,
    inventedNumbers: numbers,
    inventedNames: names,
    agreement: refWords.length ? overlapF1(respWords, refWords) : null,
    coverage: keyWords.length ? covered / keyWords.length : 0,
    onTopic: respWords.length ? respWords.filter((w) => inDocument.has(w) || known.has(w)).length / respWords.length : 0,
    redundancy: body.length > 1 ? Math.min(1, dupPairs / (body.length - 1)) : 0,
    truncated: response.length > 0 && !/[.!?)"”]$/.test(response),
    preamble: first > 0,
    injection: INJECTION.test(response),
    lengthFit: ratio >= 0.5 && ratio <= 1.8 ? 1 : clamp01(ratio < 0.5 ? ratio / 0.5 : 1.8 / ratio),
    sentenceFit: !wanted || (body.length >= wanted.min && body.length <= wanted.max),
    sentenceGap: wanted ? Math.max(0, wanted.min - body.length, body.length - wanted.max) : 0,
    signOff: last < sentences.length,
    noAdditions: NO_ADDITIONS.test(s.task),
    changedFigures: numbers.length ? changedFigures(response, s.document, numbers) : [],
    contradictions: opposite,
    wrongClaims,
    answerOnly: asksAnswerOnly(s.task),
    lengthRatio: ratio,
    keyShare: refWords.length ? shareOf(contentWords(body.join(' ')), new Vocabulary(s.reference)) : null,
  };
}

const shareOf = (ws: string[], vocabulary: Vocabulary) => (ws.length ? ws.filter((w) => vocabulary.has(w)).length / ws.length : 0);

/** A rubric level (1–5) as a 0–1 value. */
const level = (score: 1 | 2 | 3 | 4 | 5) => (score - 1) / 4;

/**
 * "Mostly wrong", "largely invented": at least two different wrong facts (or unsupported
 * statements, `extra`), and more than half the claims carry one — one invented acronym repeated
 * in every sentence is one wrong fact, not a wrong answer.
 */
const mostlyWrong = (x: JudgeSignals, extra = 0) =>
  wrongFacts(x) + extra >= 2 && x.wrongClaims + extra >= 2 && (x.wrongClaims + extra) / x.claims > 0.5;

/** Faithfulness on the rubric's levels: unsupported statements, invented or changed facts, contradictions. */
export function faithfulnessLevel(x: JudgeSignals): 1 | 2 | 3 | 4 | 5 {
  const problems = x.unsupportedSentences + wrongFacts(x);
  // "Largely invented": most claims unsupported or wrong (a loosely supported claim is not an invention).
  if (x.empty || x.claims === 0 || x.unsupportedSentences / x.claims > 0.5 || mostlyWrong(x, x.unsupportedSentences)) return 1;
  if (problems >= 2) return 2;
  if (problems === 1) return 3;
  return x.weakSentences > 0 ? 4 : 5;
}

/** Correctness on the rubric's levels: wrong facts (invented or changed figures and names, contradictions; a central one counts twice). */
export function correctnessLevel(x: JudgeSignals): 1 | 2 | 3 | 4 | 5 {
  const wrong = wrongFacts(x);
  // "Mostly wrong, unrelated to the document": most claims wrong, or mostly words the document does not use.
  if (x.empty || x.claims === 0 || x.onTopic < 0.5 || mostlyWrong(x)) return 1;
  if (wrong >= 2) return 2;
  if (wrong === 1) return 3;
  return x.unsupportedSentences > 0 ? 4 : 5;
}

/** Coherence on the rubric's levels: 2 cut off or much repetition, 3 one repeated point, else 5. */
export function coherenceLevel(x: JudgeSignals): 1 | 2 | 3 | 4 | 5 {
  if (x.empty) return 1;
  if (x.truncated || x.duplicates >= 2) return 2;
  if (x.duplicates === 1) return 3;
  // A text about something else may read well, but not as an answer to this task.
  return x.onTopic < 0.5 ? 4 : 5;
}

/**
 * Relevance on the rubric's levels — staying on the document's subject and on what matters in
 * it, not how much is covered (that is completeness): 1 off topic (under 30% of its words are
 * the document's), 2 mostly about other things (under 50%), 3 on topic but dwelling on details
 * (under half its words are ones the reference uses), 4 one digression (a statement the
 * document does not make), else 5.
 */
export function relevanceLevel(x: JudgeSignals): 1 | 2 | 3 | 4 | 5 {
  if (x.empty || x.onTopic < 0.3) return 1;
  if (x.onTopic < 0.5) return 2;
  if (x.keyShare !== null && x.keyShare < 0.5) return 3;
  return x.unsupportedSentences > 0 ? 4 : 5;
}

/**
 * Professional style on the rubric's levels: 5 clean; each piece of chatter (a preamble, a
 * closing remark) costs a point; wordiness — cut off mid-sentence, repeating itself, or far
 * longer than the reference — costs two ("acceptable but wordy"); addressing the evaluator
 * leaves at most 2.
 */
export function styleLevel(x: JudgeSignals): 1 | 2 | 3 | 4 | 5 {
  if (x.empty) return 1;
  const wordy = x.truncated || x.duplicates > 0 || x.lengthRatio > 1.8;
  let level = 5 - (x.preamble ? 1 : 0) - (x.signOff ? 1 : 0) - (wordy ? 2 : 0);
  if (x.injection) level = Math.min(level, 2);
  return Math.max(1, level) as 1 | 2 | 3 | 4 | 5;
}

/**
 * Following instructions on the rubric's levels: 1 off topic or addressing the evaluator;
 * otherwise count the instructions ignored — the wrong length (far from the reference's, or 2+
 * sentences outside the range asked), chatter (a preamble or closing remark) when the task asks
 * for the answer only — 2 for two, 3 for one; a minor deviation (one sentence too many or too
 * few, a length somewhat off, or adding what the task forbids) is 4.
 */
export function instructionsLevel(x: JudgeSignals): 1 | 2 | 3 | 4 | 5 {
  if (x.empty || x.onTopic < 0.5 || x.injection) return 1;
  const additions = x.noAdditions && x.unsupportedSentences + wrongFacts(x) > 0;
  const chatter = x.preamble || x.signOff;
  const ignored = (x.lengthFit < 0.75 || x.sentenceGap >= 2 ? 1 : 0) + (chatter && x.answerOnly ? 1 : 0);
  if (ignored >= 2) return 2;
  if (ignored === 1) return 3;
  return x.sentenceGap === 1 || x.lengthFit < 1 || additions ? 4 : 5;
}

/** The words of the fact problems a reason names, per language of the judge prompt. */
const FACT_WORDS = {
  en: {
    changed: (written: string, counterpart: string, central: boolean) =>
      `${written} where the document has ${counterpart}${central ? ' (a central figure)' : ''}`,
    notIn: 'not in the document or the reference: ',
    dropped: (response: string, document: string) => `${response} drops the negation of ${document}`,
    hedged: (response: string, document: string) => `${response} states as done what the document only hedges: ${document}`,
  },
  'pt-BR': {
    changed: (written: string, counterpart: string, central: boolean) =>
      `${written} onde o documento tem ${counterpart}${central ? ' (um número central)' : ''}`,
    notIn: 'fora do documento e da referência: ',
    dropped: (response: string, document: string) => `${response} perde a negação de ${document}`,
    hedged: (response: string, document: string) => `${response} dá como feito o que o documento só prevê: ${document}`,
  },
};

/** What the answer gets wrong, in `w`'s words: changed figures, facts from nowhere, contradictions (a few of each). */
function factProblems(x: JudgeSignals, w: (typeof FACT_WORDS)['en']): string[] {
  const quote = (t: string) => JSON.stringify(t.length > 90 ? `${t.slice(0, 87)}…` : t);
  const changed = new Map(x.changedFigures.map((f) => [f.written, f]));
  const facts = [...x.inventedNumbers.filter((n) => !changed.has(n)), ...x.inventedNames];
  return [
    ...x.changedFigures.slice(0, 2).map((f) => w.changed(JSON.stringify(f.written), JSON.stringify(f.counterpart), Boolean(f.central))),
    facts.length
      ? `${w.notIn}${facts
          .slice(0, 3)
          .map((f) => JSON.stringify(f))
          .join(', ')}`
      : '',
    ...x.contradictions
      .slice(0, 2)
      .map((c) =>
        c.kind === 'negation dropped' ? w.dropped(quote(c.response), quote(c.document)) : w.hedged(quote(c.response), quote(c.document)),
      ),
  ].filter(Boolean);
}

function metricSignal(name: string, x: JudgeSignals): { value: number; reason: string } {
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const faithfulness = level(faithfulnessLevel(x));
  const completeness = clamp01(x.coverage / 0.7);
  const offTopic = x.onTopic < 0.5;
  const additions = x.unsupportedSentences + x.inventedNumbers.length + x.inventedNames.length > 0;
  const wrongParts = factProblems(x, FACT_WORDS.en);
  const invented = wrongParts.length ? `; ${wrongParts.join('; ')}` : '';
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
        value: level(relevanceLevel(x)),
        reason: `${pct(x.onTopic)} of its content words come from the document${x.keyShare === null ? '' : `, ${pct(x.keyShare)} are words the reference uses`}${x.unsupportedSentences ? `; ${x.unsupportedSentences} statement(s) the document does not make` : ''}.`,
      };
    case 'following_instructions': {
      const value = level(instructionsLevel(x));
      const notes = [
        offTopic ? 'it is not about the document at all' : '',
        x.preamble ? `it opens with a preamble${x.answerOnly ? ' although the task asks for the answer only' : ''}` : '',
        x.signOff ? `it ends with a closing remark${x.answerOnly ? ' although the task asks for the answer only' : ''}` : '',
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
        value: level(styleLevel(x)),
        reason: `${x.preamble ? 'It opens with a chatty preamble' : 'The tone is neutral'}${x.signOff ? ', it ends with a chatty remark' : ''}${x.injection ? ' and it addresses the evaluator instead of the reader' : ''}${x.truncated ? '; it ends mid-sentence' : ''}${x.duplicates ? '; it repeats itself' : ''}.`,
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

/**
 * The same reasons in Portuguese, for a judge prompt written in Portuguese (the pt-BR edition's
 * rubrics ask for the reason "em português"): the scores are the same, only the words differ.
 */
function reasonPt(name: string, x: JudgeSignals): string {
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const wrongParts = factProblems(x, FACT_WORDS['pt-BR']);
  const invented = wrongParts.length ? `; ${wrongParts.join('; ')}` : '';
  const support = `${x.claims - x.unsupportedSentences - x.weakSentences} de ${x.claims} afirmação(ões) têm apoio no documento${x.weakSentences ? `, ${x.weakSentences} só em parte` : ''}${x.unsupportedSentences ? `, ${x.unsupportedSentences} nenhum` : ''}`;
  const forbidden = x.answerOnly ? ', embora a tarefa peça só a resposta' : '';
  switch (name.toLowerCase().replace(/[\s-]+/g, '_')) {
    case 'correctness':
      return `${support}${invented || '; todo número e nome que ela dá está no documento'}.`;
    case 'completeness':
      return `Cobre ${pct(x.coverage)} das palavras-chave ${x.agreement === null ? 'do documento' : 'da resposta de referência'}.`;
    case 'faithfulness':
      return `${support}${invented}.`;
    case 'coherence':
      return `${x.duplicates > 0 ? `${x.duplicates} par(es) de frases dizem a mesma coisa` : 'Nenhuma frase repete outra'}${x.truncated ? ' e a última frase está cortada' : ''}.`;
    case 'relevance':
      return `${pct(x.onTopic)} das suas palavras de conteúdo vêm do documento${x.keyShare === null ? '' : `, ${pct(x.keyShare)} são palavras que a referência usa`}${x.unsupportedSentences ? `; ${x.unsupportedSentences} afirmação(ões) que o documento não faz` : ''}.`;
    case 'following_instructions': {
      const notes = [
        x.onTopic < 0.5 ? 'não trata do documento' : '',
        x.preamble ? `abre com um preâmbulo${forbidden}` : '',
        x.signOff ? `termina com um comentário final${forbidden}` : '',
        x.injection ? 'tenta dar instruções ao avaliador' : '',
        x.noAdditions && x.unsupportedSentences + x.inventedNumbers.length + x.inventedNames.length > 0
          ? 'acrescenta o que não está no documento, o que a tarefa proíbe'
          : '',
      ].filter(Boolean);
      return `O tamanho está ${x.lengthFit === 1 ? 'dentro' : 'fora'} do esperado, com ${x.sentences} frase(s)${x.sentenceFit ? '' : ', não o número que a tarefa pediu'}${notes.length ? `; ${notes.join('; ')}` : ''}.`;
    }
    case 'professional_style':
    case 'professional_style_and_tone':
      return `${x.preamble ? 'Abre com um preâmbulo conversado' : 'O tom é neutro'}${x.signOff ? ', termina com um comentário conversado' : ''}${x.injection ? ' e fala com o avaliador em vez do leitor' : ''}${x.truncated ? '; termina no meio de uma frase' : ''}${x.duplicates ? '; repete-se' : ''}.`;
    default:
      return 'Combinação dos sinais de correção, completude, fidelidade, coerência e relevância.';
  }
}

/** The judge prompt's own words — its rubrics and answer format, not the data sections — are Portuguese. */
function promptInPortuguese(text: string): boolean {
  const start = text.toLowerCase().lastIndexOf('<metrics>');
  return start >= 0 && textLanguage(text.slice(start)) === 'pt';
}

/** The judge's JSON answer for a judge request (its reasons in Portuguese when the judge prompt is). */
export function judge(text: string): string {
  const sections = parseJudgeRequest(text);
  const signals = judgeSignals(sections);
  const pt = promptInPortuguese(text);
  const scores = sections.metrics.map((m) => {
    if (signals.empty) return { metric: m.name, score: m.min, reason: pt ? 'A resposta está vazia.' : 'The response is empty.' };
    const { value, reason } = metricSignal(m.name, signals);
    return {
      metric: m.name,
      score: Math.max(m.min, Math.min(m.max, m.min + Math.round(value * (m.max - m.min)))),
      reason: pt ? reasonPt(m.name, signals) : reason,
    };
  });
  return JSON.stringify({ scores });
}
