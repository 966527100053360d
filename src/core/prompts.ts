/**
 * Prompt templates: the text each model is sent, with `{{placeholder}}` slots.
 *
 * A migration rarely keeps the source model's prompt word for word: Claude models follow
 * XML-tagged sections well, Amazon Nova models Markdown sections, Llama models a short
 * instruction. The templates live in `data/prompts/` as editable text files; this module
 * loads them, checks their placeholders and fills them in.
 *
 * Placeholder syntax: `{{name}}` (letters, digits and `_`). A template that mentions a
 * placeholder nobody provides — usually a typo such as `{{documnet}}` — is an error that
 * names the file and the placeholder, never a prompt sent with the braces left in.
 */
import path from 'node:path';
import { WorkshopError } from './errors';
import { readTextUtf8 } from './files';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export interface PromptTemplate {
  /** Path as given (relative to the repository root in config). */
  name: string;
  file: string;
  text: string;
  placeholders: string[];
}

/** The `{{name}}` placeholders a template uses, each once, in order of first use. */
export function placeholdersOf(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) seen.add(m[1]);
  return [...seen];
}

/**
 * Read a template file and check it uses only the `allowed` placeholders and every
 * `required` one (default: `document`).
 */
export function loadTemplate(
  file: string,
  { name = file, allowed = ['document'], required = ['document'] }: { name?: string; allowed?: string[]; required?: string[] } = {},
): PromptTemplate {
  // Templates live in data/prompts/; the path comes from "promptTemplate" of a model in workshop.config.json.
  const text = readTextUtf8(file, { what: 'the prompt template', setting: 'promptTemplate in workshop.config.json' });
  const placeholders = placeholdersOf(text);
  const unknown = placeholders.filter((p) => !allowed.includes(p));
  if (unknown.length > 0) {
    throw new WorkshopError(
      `The prompt template ${file} uses unknown placeholder(s) ${unknown.map((p) => `{{${p}}}`).join(', ')}. ` +
        `Allowed: ${allowed.map((p) => `{{${p}}}`).join(', ')}.`,
      { fix: 'correct the spelling in the file.', file },
    );
  }
  const missing = required.filter((p) => !placeholders.includes(p));
  if (missing.length > 0) {
    throw new WorkshopError(
      `The prompt template ${file} never uses ${missing.map((p) => `{{${p}}}`).join(', ')}, so the model would not see the input.`,
      { fix: `add ${missing.map((p) => `{{${p}}}`).join(', ')} to the template where the text should go.`, file },
    );
  }
  return { name, file, text, placeholders };
}

/** Fill a template's placeholders; a value missing from `values` is an error naming it. */
export function renderTemplate(template: PromptTemplate | string, values: Record<string, string>): string {
  const text = typeof template === 'string' ? template : template.text;
  const label = typeof template === 'string' ? 'the prompt template' : `the prompt template ${template.file}`;
  return text.replace(PLACEHOLDER, (_whole, key: string) => {
    const value = values[key];
    if (value === undefined) {
      throw new WorkshopError(`No value for {{${key}}} in ${label} (known: ${Object.keys(values).join(', ') || 'none'}).`, {
        fix: `use one of the known placeholders in the template, or provide a value for {{${key}}}.`,
      });
    }
    return value;
  });
}

/**
 * The folder of the shipped prompt templates for a language: `data/prompts/` (English) or
 * `data/<language>/prompts/` (`data/pt-BR/prompts/`).
 */
export function promptsDirFor(language: string = 'en'): string {
  return language === 'en' ? 'data/prompts' : path.posix.join('data', language, 'prompts');
}

/** Template file for a model family when config does not name one. */
export function defaultTemplateFor(family: string | undefined, promptsDir = 'data/prompts'): string {
  const known = ['claude', 'nova', 'llama'];
  return path.posix.join(promptsDir, `${known.includes(family ?? '') ? family : 'source'}.txt`);
}
