/**
 * How the offline endpoint's emulated models answer: the `emulation` block of each entry of
 * `data/model_catalog.json` — a `tier` (which extractive method writes its summaries) and its
 * **habits**, the invented settings that make two models of one tier answer differently.
 *
 * Habits are NOT claims about the real models. They exist so that an offline classroom has
 * something to compare: one candidate writes less than asked, another opens with a preamble
 * although told not to, a third sometimes changes a figure. Each habit a catalogue entry sets
 * carries a one-line reason in `emulation.why`; a habit an entry leaves out takes its tier's
 * default ({@link TIER_HABITS}). docs/local-endpoint.md lists every model's habits (generated
 * from the catalogue by {@link habitsMarkdown}).
 *
 * @example
 * habitsOf({ emulation: { tier: 3, habits: { verbosity: 0.8 }, why: { verbosity: 'terse' } } }).verbosity // → 0.8
 * habitsOf({ emulation: { tier: 3 } }).slipRate // → 0.03, tier 3's default
 */
import { z } from 'zod';

const rate = z.number().min(0).max(1);

/** What each habit means (the docs table and the schema's messages use these words). */
export const HABIT_MEANING = {
  verbosity: 'sentences written ÷ the middle of the range asked ("3 to 5" → 4); 1 = as asked, 0.75 = a sentence less, 1.25 = one more',
  preamble: 'chance of opening with a preamble ("Here is a summary…") when the prompt does not ask for the answer only',
  closing: 'chance of ending with a closing remark ("Let me know if…") when the prompt does not ask for the answer only',
  bullets: 'chance of writing the summary as bullet points instead of prose',
  order: '"document": the sentences kept in the document\'s order; "importance": the most important first (a headline-first habit)',
  leadBias: "how strongly it favours the document's opening sentences when choosing what to keep (0 = by content alone)",
  compression:
    '"none": the document\'s sentences as written; "light": without asides in parentheses, section labels ("Root cause:") and filler openers; "strong": also without a long sentence\'s trailing clause (", which …", ", while …") — shorter, and sometimes a figure is lost',
  slipRate: 'chance, per sentence written, of a slip: a changed figure, name or date, or a dropped negation',
  inventRate: 'chance, per answer, of adding a claim the document does not make',
  ignoresLength: 'chance of writing outside the sentence range the prompt asks for',
  ignoresSummaryOnly: 'chance of adding a preamble or a closing remark although the prompt asks for the answer only',
  ignoresLanguage: 'chance of writing its own words (preamble, closing remark) in English although the prompt asks for another language',
  runOn: 'chance, per answer, of not stopping: it keeps writing until maxTokens cuts it off (stopReason max_tokens)',
  labelWords: 'classification: chance of wrapping the label in words ("Category: billing"), which is not a label',
  labelOutside: 'classification: chance of answering a word outside the label set (a synonym such as "payment")',
  labelConfusion: 'classification: chance of picking the runner-up label when the text has cues for two labels',
} as const;

export type HabitName = keyof typeof HABIT_MEANING;
export const HABIT_NAMES = Object.keys(HABIT_MEANING) as HabitName[];

export const habitsSchema = z
  .object({
    verbosity: z.number().min(0.25).max(3),
    preamble: rate,
    closing: rate,
    bullets: rate,
    order: z.enum(['document', 'importance']),
    leadBias: z.number().min(0).max(3),
    compression: z.enum(['none', 'light', 'strong']),
    slipRate: rate,
    inventRate: rate,
    ignoresLength: rate,
    ignoresSummaryOnly: rate,
    ignoresLanguage: rate,
    runOn: rate,
    labelWords: rate,
    labelOutside: rate,
    labelConfusion: rate,
  })
  .strict();

export type Habits = z.infer<typeof habitsSchema>;

/** The catalogue's `emulation` block: tier, the habits it sets, and one reason per habit set. */
export const emulationSchema = z
  .object({
    /** 1 = weakest … 4 = strongest: which extractive method writes the summaries. */
    tier: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    /** The habits this model sets; the others take the tier's default. */
    habits: habitsSchema.partial().optional(),
    /** One line per habit set: why the emulated model has it (invented, for the classroom). */
    why: z.record(z.string().min(1)).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const set = Object.keys(e.habits ?? {});
    for (const name of set)
      if (!e.why?.[name]?.trim())
        ctx.addIssue({ code: 'custom', path: ['why', name], message: `habit "${name}" is set: give its one-line reason in emulation.why` });
    for (const name of Object.keys(e.why ?? {}))
      if (!set.includes(name))
        ctx.addIssue({
          code: 'custom',
          path: ['why', name],
          message: `a reason for "${name}", which emulation.habits does not set (habits: ${HABIT_NAMES.join(', ')})`,
        });
  });

export type Emulation = z.infer<typeof emulationSchema>;

/**
 * Each tier's habits, for a catalogue entry that sets none (or only some): weaker tiers write
 * more loosely — more slips and inventions, more ignored constraints, run-on answers (tiers 3
 * and 4 always stop).
 * Invented, like every habit; docs/local-endpoint.md shows them beside the models.
 */
export const TIER_HABITS: Record<1 | 2 | 3 | 4, Habits> = {
  1: {
    verbosity: 1.25,
    preamble: 0.5,
    closing: 0.3,
    bullets: 0,
    order: 'document',
    leadBias: 1,
    compression: 'none',
    slipRate: 0.1,
    inventRate: 0.2,
    ignoresLength: 0.3,
    ignoresSummaryOnly: 0.3,
    ignoresLanguage: 0.4,
    runOn: 0.25,
    labelWords: 0.3,
    labelOutside: 0.1,
    labelConfusion: 0.6,
  },
  2: {
    verbosity: 1.2,
    preamble: 0.3,
    closing: 0.2,
    bullets: 0,
    order: 'document',
    leadBias: 0.6,
    compression: 'none',
    slipRate: 0.06,
    inventRate: 0.1,
    ignoresLength: 0.15,
    ignoresSummaryOnly: 0.15,
    ignoresLanguage: 0.2,
    runOn: 0.08,
    labelWords: 0.15,
    labelOutside: 0.05,
    labelConfusion: 0.4,
  },
  3: {
    verbosity: 1,
    preamble: 0.2,
    closing: 0.1,
    bullets: 0,
    order: 'document',
    leadBias: 0.15,
    compression: 'light',
    slipRate: 0.03,
    inventRate: 0.04,
    ignoresLength: 0.05,
    ignoresSummaryOnly: 0.05,
    ignoresLanguage: 0.05,
    runOn: 0,
    labelWords: 0.05,
    labelOutside: 0.02,
    labelConfusion: 0.25,
  },
  4: {
    verbosity: 1,
    preamble: 0.2,
    closing: 0,
    bullets: 0,
    order: 'document',
    leadBias: 0.15,
    compression: 'light',
    slipRate: 0.015,
    inventRate: 0.02,
    ignoresLength: 0.02,
    ignoresSummaryOnly: 0.02,
    ignoresLanguage: 0.02,
    runOn: 0,
    labelWords: 0.02,
    labelOutside: 0,
    labelConfusion: 0.1,
  },
};

/** A model's effective habits: the ones its catalogue entry sets, the rest from its tier. */
export function habitsOf(model: { emulation: Pick<Emulation, 'tier' | 'habits'> }): Habits {
  return { ...TIER_HABITS[model.emulation.tier], ...(model.emulation.habits ?? {}) };
}

const cell = (value: Habits[HabitName], set: boolean): string => {
  const shown = typeof value === 'number' ? String(value) : value;
  return set ? `**${shown}**` : shown;
};

/**
 * The habits of every catalogue model as a Markdown table (docs/local-endpoint.md, generated by
 * scripts/update-docs.ts): values the entry sets in bold, tier defaults in plain text.
 */
export function habitsMarkdown(models: readonly { modelId: string; name: string; emulation: Emulation }[]): string {
  const head = `| model | tier | ${HABIT_NAMES.join(' | ')} |`;
  const rule = `|---|---|${HABIT_NAMES.map(() => '---').join('|')}|`;
  const rows = models.map((m) => {
    const habits = habitsOf(m);
    const set = new Set(Object.keys(m.emulation.habits ?? {}));
    return `| ${m.name} | ${m.emulation.tier} | ${HABIT_NAMES.map((h) => cell(habits[h], set.has(h))).join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}

/** Every habit a model sets, with its reason, as Markdown list items (docs/local-endpoint.md). */
export function habitReasonsMarkdown(models: readonly { modelId: string; name: string; emulation: Emulation }[]): string {
  return models
    .filter((m) => Object.keys(m.emulation.habits ?? {}).length > 0)
    .map((m) => {
      const lines = HABIT_NAMES.filter((h) => m.emulation.habits?.[h] !== undefined).map(
        (h) => `  - \`${h}\` ${String(m.emulation.habits![h])}: ${m.emulation.why![h]}`,
      );
      return [`- **${m.name}** (\`${m.modelId}\`, tier ${m.emulation.tier})`, ...lines].join('\n');
    })
    .join('\n');
}

/** Every habit with what it does (docs/local-endpoint.md). */
export function habitMeaningsMarkdown(): string {
  return ['| habit | what it does |', '|---|---|', ...HABIT_NAMES.map((h) => `| \`${h}\` | ${HABIT_MEANING[h]} |`)].join('\n');
}

/**
 * The generated part of docs/local-endpoint.md's section on emulated answers: what each habit
 * does, each tier's defaults, every catalogue model's habits, and each habit's reason.
 */
export function emulationDocMarkdown(models: readonly { modelId: string; name: string; emulation: Emulation }[]): string {
  const tiers = ([1, 2, 3, 4] as const).map((tier) => ({
    modelId: `tier ${tier}`,
    name: `*tier ${tier} default*`,
    emulation: { tier } as Emulation,
  }));
  return [
    habitMeaningsMarkdown(),
    '',
    "Each model (in **bold**: set by its catalogue entry, with a reason; plain: its tier's default):",
    '',
    habitsMarkdown([...tiers, ...models]),
    '',
    "<details><summary>Why each model has its habits (the catalogue's <code>emulation.why</code>)</summary>",
    '',
    habitReasonsMarkdown(models),
    '',
    '</details>',
  ].join('\n');
}
