/**
 * The emulated prompt optimizer: how the local endpoint reads a prompt and the documented
 * rewrites it tries — for `OptimizePrompt` (simple optimization: one rewrite, no evaluation
 * data) and for the emulated Advanced Prompt Optimization job (every rewrite below, scored on
 * the evaluation samples; prompt-jobs.ts keeps the best). Real Bedrock rewrites prompts with
 * a model and writes new wording; the emulation only rearranges and restates what the prompt
 * already says, plus two rules it can derive — so its rewrites are predictable, keep every
 * `{{placeholder}}`, and keep the task's instruction and constraints word for word.
 *
 * Reading a prompt (`analyzePrompt`), line by line: a line that is only a `{{placeholder}}`
 * (or a short label and one, "Document: {{document}}") is an input; a bullet or numbered line
 * is a rule; XML tag lines, Markdown headings, delimiter lines ("-----") and label lines
 * ("Document:") are layout and are dropped; every other line is the instruction.
 *
 * The rewrites (`REWRITES`), each from a published prompting guideline:
 * - `family-layout` — the layout the target model's provider recommends: XML tags for Claude
 *   (Anthropic, "Use XML tags to structure your prompts"), Markdown sections for Amazon Nova
 *   (Amazon Nova user guide, prompting best practices: "use Markdown to structure"), a short
 *   instruction and a delimited input for the others (Meta's Llama prompting guide);
 * - `sections` — labelled TASK / INPUT / RULES sections, whatever the family;
 * - `rules-restated` — the rules repeated after the input ("put the instructions at the end of
 *   a long prompt": Anthropic's long-context tips; Nova's guide likewise);
 * - `answer-only` — an explicit format rule "Answer with the answer only, without a preamble or
 *   a closing remark.", when no rule already forbids a preamble;
 * - `explicit-length` — an explicit length rule derived from the evaluation samples' reference
 *   answers (their median sentence count ± 1, or a word limit for short labels), when no rule
 *   already states a length;
 * - `combined` — the family layout with both added rules and the rules restated.
 *
 * @example
 * const parts = analyzePrompt('Summarize the text.\n\n- Write 3 sentences.\n\nDocument:\n{{document}}');
 * // → { instruction: ['Summarize the text.'], rules: ['Write 3 sentences.'], inputs: ['document'], layout: 'plain' }
 * renderPrompt(parts, 'markdown');
 * // → '## Task\nSummarize the text.\n\n## Document\n{{document}}\n\n## Rules\n- Write 3 sentences.'
 */
import { estimateTokens } from '../../core/tokens';
import { splitSentences, textLanguage, type TextLanguage } from './text';

export type Layout = 'xml' | 'markdown' | 'plain' | 'sections';

export interface PromptParts {
  /** Instruction lines, in order (a line may carry a placeholder: it then stays in the instruction). */
  instruction: string[];
  /** Rules (bullets), without their markers. */
  rules: string[];
  /** Placeholders that stand on their own: each gets its own section. */
  inputs: string[];
  /** The layout the prompt was written in. */
  layout: Layout;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const BULLET = /^(?:[-*•]|\d{1,2}[.)])\s+(.+)$/;
const TAG = /^<\/?[A-Za-z_][\w-]*>$/;
const HEADING = /^#{1,6}\s+\S/;
const DELIMITER = /^(?:-{3,}|={3,}|_{3,}|\*{3,}|"{3}|`{3}|~{3,})$/;
const LABEL = /^[A-Za-z][\w ()/-]{0,40}:$/;

/** The prompt's instruction, rules and inputs (see the module comment). */
export function analyzePrompt(text: string): PromptParts {
  const parts: PromptParts = { instruction: [], rules: [], inputs: [], layout: 'plain' };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (TAG.test(line)) {
      parts.layout = 'xml';
      continue;
    }
    if (HEADING.test(line)) {
      parts.layout = 'markdown';
      continue;
    }
    if (DELIMITER.test(line) || LABEL.test(line)) continue;
    const names = [...line.matchAll(PLACEHOLDER)].map((m) => m[1]);
    const rest = line.replace(PLACEHOLDER, '').trim();
    if (names.length === 1 && (rest === '' || LABEL.test(rest))) {
      if (!parts.inputs.includes(names[0])) parts.inputs.push(names[0]);
      continue;
    }
    const bullet = line.match(BULLET);
    if (bullet) parts.rules.push(bullet[1].trim());
    else parts.instruction.push(line);
  }
  return parts;
}

/** The layout a model family's provider recommends. */
export function familyLayout(family: string | undefined): Layout {
  if (family === 'claude') return 'xml';
  if (family === 'nova') return 'markdown';
  return 'plain';
}

const LAYOUT_WORDS: Record<Layout, string> = {
  xml: 'XML tags',
  markdown: 'Markdown sections',
  plain: 'a short instruction with a delimited input',
  sections: 'labelled TASK / INPUT / RULES sections',
};

const label = (name: string) => name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
const bullets = (rules: string[]) => rules.map((r) => `- ${r}`).join('\n');

/**
 * The optimizer's own words in the prompt's language: a Portuguese prompt (`textLanguage` of its
 * instruction and rules — the emulator's invented heuristic) is rewritten with Portuguese section
 * names and rules ("## Tarefa", "Antes de responder, confira…"), an English one as before.
 */
const WORDS = {
  en: {
    task: 'Task',
    rules: 'Rules',
    reminder: 'Reminder',
    recheck: 'Before you answer, check every rule again:',
    sectionTask: 'TASK:',
    sectionRules: 'RULES:',
    sectionInput: 'INPUT',
    rulesTag: 'instructions',
    reminderTag: 'reminder',
    answerOnly: 'Answer with the answer only, without a preamble or a closing remark.',
    words: (n: number) => `Answer in at most ${n} word${n > 1 ? 's' : ''}.`,
    sentences: (low: number, high: number) => `Write ${low} to ${high} sentences.`,
  },
  pt: {
    task: 'Tarefa',
    rules: 'Regras',
    reminder: 'Lembrete',
    recheck: 'Antes de responder, confira de novo cada regra:',
    sectionTask: 'TAREFA:',
    sectionRules: 'REGRAS:',
    sectionInput: 'ENTRADA',
    rulesTag: 'instrucoes',
    reminderTag: 'lembrete',
    answerOnly: 'Responda apenas com a resposta, sem preâmbulo nem comentário final.',
    words: (n: number) => `Responda com no máximo ${n} palavra${n > 1 ? 's' : ''}.`,
    sentences: (low: number, high: number) => `Escreva de ${low} a ${high} frases.`,
  },
} satisfies Record<TextLanguage, unknown>;

/** Input names as a Portuguese prompt labels them. */
const PT_LABELS: Record<string, string> = {
  document: 'Documento',
  text: 'Texto',
  ticket: 'Chamado',
  question: 'Pergunta',
  context: 'Contexto',
};

/** The language a prompt's own words are in. */
export function promptLanguage(parts: PromptParts): TextLanguage {
  return textLanguage([...parts.instruction, ...parts.rules].join('\n'));
}

export interface RenderOptions {
  /** Repeat the rules after the input. */
  restateRules?: boolean;
  /** The language of the section names and added words; default: the prompt's own ({@link promptLanguage}). */
  language?: TextLanguage;
}

/** The prompt written in `layout`: the instruction, each input in its own section, the rules. */
export function renderPrompt(parts: PromptParts, layout: Layout, options: RenderOptions = {}): string {
  const language = options.language ?? promptLanguage(parts);
  const w = WORDS[language];
  const name = (input: string) => (language === 'pt' ? (PT_LABELS[input] ?? label(input)) : label(input));
  const tag = (input: string) => (language === 'pt' ? name(input).toLowerCase() : input);
  const instruction = parts.instruction.join('\n');
  const restated = options.restateRules && parts.rules.length ? `${w.recheck}\n${bullets(parts.rules)}` : '';
  const blocks: string[] = [];
  switch (layout) {
    case 'xml':
      if (instruction) blocks.push(instruction);
      for (const input of parts.inputs) blocks.push(`<${tag(input)}>\n{{${input}}}\n</${tag(input)}>`);
      if (parts.rules.length) blocks.push(`<${w.rulesTag}>\n${bullets(parts.rules)}\n</${w.rulesTag}>`);
      if (restated) blocks.push(`<${w.reminderTag}>\n${restated}\n</${w.reminderTag}>`);
      break;
    case 'markdown':
      if (instruction) blocks.push(`## ${w.task}\n${instruction}`);
      for (const input of parts.inputs) blocks.push(`## ${name(input)}\n{{${input}}}`);
      if (parts.rules.length) blocks.push(`## ${w.rules}\n${bullets(parts.rules)}`);
      if (restated) blocks.push(`## ${w.reminder}\n${restated}`);
      break;
    case 'sections':
      if (instruction) blocks.push(`${w.sectionTask}\n${instruction}`);
      if (parts.rules.length) blocks.push(`${w.sectionRules}\n${bullets(parts.rules)}`);
      for (const input of parts.inputs) blocks.push(`${w.sectionInput} (${name(input)}):\n{{${input}}}`);
      if (restated) blocks.push(restated);
      break;
    default:
      if (instruction) blocks.push(instruction);
      if (parts.rules.length) blocks.push(bullets(parts.rules));
      for (const input of parts.inputs) blocks.push(`${name(input)}:\n-----\n{{${input}}}\n-----`);
      if (restated) blocks.push(restated);
  }
  return blocks.join('\n\n');
}

const HAS_FORMAT_RULE =
  /preamble|answer only|only the (?:answer|summary|label)|(?:summary|label) only|no introduction|pre[âa]mbulo|(?:apenas|somente|s[óo]) (?:com )?(?:o resumo|a resposta|o r[óo]tulo|a categoria)|sem introdu[çc][ãa]o/i;
const HAS_LENGTH_RULE =
  /\b\d+\b.*\b(?:sentences?|words?|bullets?|lines?|paragraphs?|frases?|palavras?|linhas?|par[áa]grafos?|t[óo]picos?)(?!\p{L})|\b(?:one|two|three|four|five|six|single)\s+(?:sentences?|words?|paragraphs?)\b|(?<!\p{L})(?:uma|duas|tr[êe]s|quatro|cinco|seis)\s+(?:frases?|palavras?|par[áa]grafos?)(?!\p{L})/iu;

/** A length rule from the reference answers (in `language`), or null when they give none. */
export function lengthRuleFrom(references: string[], language: TextLanguage = 'en'): string | null {
  const refs = references.map((r) => r.trim()).filter(Boolean);
  if (refs.length === 0) return null;
  const wordCounts = refs.map((r) => r.split(/\s+/).length).sort((a, b) => a - b);
  const medianWords = wordCounts[Math.floor(wordCounts.length / 2)];
  const mostWords = wordCounts[wordCounts.length - 1]; // sorted: the largest is last
  if (medianWords <= 4) return WORDS[language].words(mostWords);
  const sentences = refs.map((r) => Math.max(1, splitSentences(r).length)).sort((a, b) => a - b);
  const median = sentences[Math.floor(sentences.length / 2)];
  const low = Math.max(1, median - 1);
  const high = median + 1;
  return WORDS[language].sentences(low, high);
}

export interface RewriteContext {
  /** The target model's prompt family (`claude`, `nova`, `llama`…). */
  family: string | undefined;
  /** The evaluation samples' reference answers (explicit-length); empty for simple optimization. */
  references: string[];
}

export interface Rewrite {
  name: 'family-layout' | 'sections' | 'rules-restated' | 'answer-only' | 'explicit-length' | 'combined';
  text: string;
}

/** Parts with the rules the rewrite adds. */
function withRules(parts: PromptParts, add: string[]): PromptParts {
  return { ...parts, rules: [...parts.rules, ...add.filter((r) => !parts.rules.includes(r))] };
}

/**
 * Every documented rewrite of `template` that differs from it (and from each other), in the
 * order above. Placeholders, the instruction and the rules are kept word for word.
 */
export function rewritesOf(template: string, ctx: RewriteContext): Rewrite[] {
  const parts = analyzePrompt(template);
  const own = parts.layout;
  const family = familyLayout(ctx.family);
  // A Portuguese prompt gets Portuguese rules: the optimizer writes in the prompt's language.
  const language = promptLanguage(parts);
  const answerOnly = parts.rules.some((r) => HAS_FORMAT_RULE.test(r)) ? [] : [WORDS[language].answerOnly];
  const lengthRule = parts.rules.some((r) => HAS_LENGTH_RULE.test(r)) ? null : lengthRuleFrom(ctx.references, language);
  const candidates: Rewrite[] = [
    { name: 'family-layout', text: renderPrompt(parts, family) },
    { name: 'sections', text: renderPrompt(parts, 'sections') },
    { name: 'rules-restated', text: renderPrompt(parts, own, { restateRules: true }) },
    { name: 'answer-only', text: renderPrompt(withRules(parts, answerOnly), own) },
    { name: 'explicit-length', text: renderPrompt(withRules(parts, lengthRule ? [lengthRule] : []), own) },
    {
      name: 'combined',
      text: renderPrompt(withRules(parts, [...answerOnly, ...(lengthRule ? [lengthRule] : [])]), family, { restateRules: true }),
    },
  ];
  const seen = new Set([template.trim(), renderPrompt(parts, own)]);
  return candidates.filter((c) => {
    if (seen.has(c.text)) return false;
    seen.add(c.text);
    return true;
  });
}

export interface SimpleOptimization {
  /** The analyzePromptEvent message. */
  analysis: string;
  /** The optimizedPromptEvent's text. */
  optimized: string;
}

/**
 * Simple optimization (`OptimizePrompt`): the prompt read into its parts and written again in
 * the target family's layout with the rules restated after the input — no evaluation data,
 * nothing added, every placeholder kept.
 */
export function simpleOptimization(prompt: string, model: { name: string; family: string }): SimpleOptimization {
  const parts = analyzePrompt(prompt);
  const layout = familyLayout(model.family);
  const optimized = renderPrompt(parts, layout, { restateRules: true });
  const inputs = parts.inputs.length
    ? `${parts.inputs.length} input variable(s) (${parts.inputs.map((i) => `{{${i}}}`).join(', ')})`
    : 'no input variable';
  const long =
    estimateTokens(prompt) > 1000 ? ' The prompt is longer than about 1,000 tokens, the size simple optimization works best for.' : '';
  const analysis =
    `The prompt has ${parts.instruction.length ? 'a task instruction' : 'no separate instruction'}, ${parts.rules.length} rule(s) and ${inputs}, written as ${LAYOUT_WORDS[parts.layout]}.` +
    ` Rewriting it for ${model.name} as ${LAYOUT_WORDS[layout]}: the instruction first, each input in its own section, the rules listed and restated after the input.${long}`;
  return { analysis, optimized };
}

/**
 * How the emulated models respond to a prompt's wording — INVENTED emulation parameters, so
 * that an optimized prompt can measurably change an offline answer (docs/local-endpoint.md).
 * Each is a factor on the model's chance of ignoring the prompt's length rule and its
 * "answer only" rule (`ignoresLength`, `ignoresSummaryOnly`); 1 = no effect.
 *
 * - `restatedRules`: a rule said twice (before and after the input) — after the published
 *   advice to put instructions at the end of a long prompt. Claude and Nova are written to
 *   follow it most, the other families less.
 * - `sections`: labelled TASK / RULES / INPUT sections (TAREFA / REGRAS / ENTRADA in Portuguese) — helps the families whose providers
 *   recommend a plain prompt (Llama, gpt-oss, Mistral…) more than Claude or Nova, which
 *   follow their own layouts already.
 *
 * The task prompts of `data/prompts/` restate nothing and use no TASK/RULES sections, so the
 * parameters leave their answers exactly as before; they act on rewritten prompts.
 */
export const PROMPT_RESPONSE = {
  restatedRules: { claude: 0.4, nova: 0.5, other: 0.7 },
  sections: { claude: 0.9, nova: 0.8, other: 0.6 },
} as const;

const byFamily = (table: { claude: number; nova: number; other: number }, family: string | undefined) =>
  family === 'claude' ? table.claude : family === 'nova' ? table.nova : table.other;

/**
 * The factor on a model's chance of ignoring the length and answer-only rules of `prompt`
 * (the whole prompt as sent: system and user text), by `PROMPT_RESPONSE`.
 *
 * @example
 * ignoreFactor('Summarize.\n- Write 3 sentences.\n\nText\n\n- Write 3 sentences.', 'claude'); // → 0.4
 * ignoreFactor('Summarize.\n- Write 3 sentences.\n\nText', 'llama');                          // → 1
 */
export function ignoreFactor(prompt: string, family: string | undefined): number {
  const lines = prompt.split(/\r?\n/).map((l) => l.trim());
  const rules = lines.map((l) => l.match(BULLET)?.[1]?.trim()).filter((r): r is string => Boolean(r));
  const restated = rules.some((r, i) => rules.indexOf(r) !== i);
  const sections = lines.some((l) => /^(?:TASK|TAREFA):$/.test(l)) && lines.some((l) => /^(?:RULES|REGRAS):$/.test(l));
  return (restated ? byFamily(PROMPT_RESPONSE.restatedRules, family) : 1) * (sections ? byFamily(PROMPT_RESPONSE.sections, family) : 1);
}
