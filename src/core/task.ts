/**
 * The task: what every model is asked to do, and how its answers are judged — one file per
 * task in `data/tasks/<task>.json`, named by `task` in workshop.config.json.
 *
 * Fair by construction: the instruction and its constraints live in the task, once; every
 * model's prompt template (`data/prompts/<family>.txt`) only decides the *format* (XML tags
 * for Claude, Markdown sections for Nova, plain text for Llama…) and places them with the
 * `{{instruction}}`, `{{constraints}}` and `{{document}}` placeholders. So the source and the
 * candidates get the same task with the same constraints, and a comparison measures the
 * models, not their prompts. A template written by hand (a production prompt kept for the
 * source, say) is checked: `templateFairness` lists the constraints it drops.
 *
 * The task also decides the **primary quality metric** step 4 carries to the tracking CSV and
 * step 5 decides on: `judge_overall` for generation tasks (LLM-as-a-judge), `accuracy` or
 * `macro_f1` for classification (the labels are the truth; a judge's opinion of a one-word
 * label is not).
 *
 * @example
 * const task = loadTask('document_summarization');
 * taskPrompt(task, loadTaskTemplate('data/prompts/nova.txt'), 'Revenue grew 12%…');
 * // → '## Task\nSummarize the document below for a busy business reader.\n\n## Document\nRevenue grew 12%…\n\n## Rules\n- Write 3 to 5 sentences.\n…'
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { WorkshopError } from './errors';
import { listDir, readTextUtf8 } from './files';
import { LANGUAGES, type Language } from './i18n/state';
import { displayPath, repoPath } from './paths';
import { loadTemplate, renderTemplate, type PromptTemplate } from './prompts';

/** Placeholders a task prompt template may use; `{{document}}` is required. */
export const TASK_PLACEHOLDERS = ['instruction', 'constraints', 'labels', 'document'];

export const PRIMARY_METRICS = ['judge_overall', 'accuracy', 'macro_f1'] as const;
export type PrimaryMetric = (typeof PRIMARY_METRICS)[number];

/** What a task says in another language: its words, never its labels, kind or metric (the dataset's labels stay as they are). */
const translationSchema = z
  .object({
    description: z.string().min(1),
    instruction: z.string().min(1),
    constraints: z.array(z.string().min(1)).min(1, 'at least one constraint'),
  })
  .strict();

const taskSchema = z
  .object({
    name: z.string().min(1),
    kind: z.enum(['generation', 'classification']),
    description: z.string().min(1),
    instruction: z.string().min(1),
    constraints: z.array(z.string().min(1)).min(1, 'at least one constraint (e.g. "Answer with the label only.")'),
    labels: z.array(z.string().min(1)).min(2, 'at least two labels').optional(),
    primaryMetric: z.enum(PRIMARY_METRICS),
    translations: z
      .record(z.string(), translationSchema)
      .optional()
      .superRefine((t, ctx) => {
        for (const key of Object.keys(t ?? {}))
          if (key === 'en' || !(LANGUAGES as readonly string[]).includes(key))
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: [key],
              message: `not a translation language of the workshop (${LANGUAGES.filter((l) => l !== 'en').join(', ')}; the task's own fields are English)`,
            });
      }),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.kind === 'classification' && !t.labels)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['labels'], message: 'a classification task lists its labels' });
    if (t.kind === 'classification' && t.primaryMetric === 'judge_overall')
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['primaryMetric'],
        message: 'a classification task is decided on accuracy or macro_f1, not on a judge',
      });
    if (t.kind === 'generation' && t.primaryMetric !== 'judge_overall')
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['primaryMetric'], message: 'a generation task is decided on judge_overall' });
  });

export type Task = Omit<z.infer<typeof taskSchema>, 'translations'> & {
  file: string;
  /** The language of its description, instruction and constraints: `en`, or the translation chosen. */
  language: Language;
};

/** The tasks shipped in `data/tasks/`. */
export function knownTasks(dir = repoPath('data', 'tasks')): string[] {
  return existsSync(dir)
    ? listDir(dir, { what: 'the task folder' })
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.replace(/\.json$/, ''))
        .sort()
    : [];
}

/**
 * Read and validate `data/tasks/<name>.json` (or a path to a task file), in `language`: the
 * description, instruction and constraints of its `translations[language]` block when it has
 * one (`"translations": { "pt-BR": { … } }`), else its own (English) words. The configuration
 * passes the language its dataset and prompt templates are written in (config `language`), so
 * a Portuguese template gets a Portuguese instruction.
 */
export function loadTask(nameOrFile: string, { language = 'en' }: { language?: Language } = {}): Task {
  const file = nameOrFile.endsWith('.json') ? repoPath(nameOrFile) : repoPath('data', 'tasks', `${nameOrFile}.json`);
  if (!existsSync(file)) {
    throw new WorkshopError(`There is no task file ${displayPath(file)} for task "${nameOrFile}".`, {
      fix: `set "task" in workshop.config.json to one of ${knownTasks().join(', ')}, or write ${displayPath(file)} (see docs/tasks.md).`,
      file,
      key: 'task',
    });
  }
  const text = readTextUtf8(file, { what: 'the task file', setting: 'task' });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new WorkshopError(`The task file ${displayPath(file)} is not valid JSON (${(err as Error).message}).`, {
      fix: 'correct the JSON, or restore it with git.',
      file,
      cause: err,
    });
  }
  const parsed = taskSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WorkshopError(`The task file ${displayPath(file)}: ${issue.path.join('.') || '(top level)'} — ${issue.message}.`, {
      fix: 'correct that field (docs/tasks.md describes each).',
      file,
      key: issue.path.join('.'),
    });
  }
  const { translations, ...task } = parsed.data;
  const translated = language === 'en' ? undefined : translations?.[language];
  return translated ? { ...task, ...translated, file, language } : { ...task, file, language: 'en' };
}

/** A prompt template for a task: `{{document}}` required, the task placeholders allowed. */
export function loadTaskTemplate(file: string): PromptTemplate {
  return loadTemplate(repoPath(file), { name: file, allowed: TASK_PLACEHOLDERS, required: ['document'] });
}

/** The task's instruction with its labels filled in. */
export function taskInstruction(task: Task): string {
  return task.instruction.replace(/\{\{\s*labels\s*\}\}/g, (task.labels ?? []).join(', '));
}

/** The constraints as a bulleted list. */
export function constraintsText(task: Task): string {
  return task.constraints.map((c) => `- ${c}`).join('\n');
}

/** The prompt a model receives for one document: the template filled with the task and the document. */
export function taskPrompt(task: Task, template: PromptTemplate, document: string): string {
  return renderTemplate(template, {
    instruction: taskInstruction(task),
    constraints: constraintsText(task),
    labels: (task.labels ?? []).join(', '),
    document,
  });
}

/** What a template carries of the task: the constraints it drops (empty = fair). */
export function templateFairness(task: Task, template: PromptTemplate): { instruction: boolean; missingConstraints: string[] } {
  const text = taskPrompt(task, template, '').toLowerCase();
  const norm = (s: string) => s.toLowerCase().replace(/[.\s]+$/, '');
  return {
    instruction: text.includes(norm(taskInstruction(task))),
    missingConstraints: task.constraints.filter((c) => !text.includes(norm(c))),
  };
}

/** Where a task's default template for a model family lives. */
export function taskTemplatePath(family: string | undefined, promptsDir = 'data/prompts'): string {
  const file = path.join(promptsDir, `${family ?? 'generic'}.txt`);
  return existsSync(repoPath(file)) ? file : path.join(promptsDir, 'generic.txt');
}
