/**
 * Judge rubrics: one editable text file per metric in `data/judge/`, modelled on Amazon
 * Bedrock Model Evaluation's built-in LLM-as-a-judge metrics
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-evaluation-metrics-llm-as-a-judge.html).
 *
 * A rubric file has a few `key: value` lines, a `---` line, then the rubric text the judge
 * reads (what each score means):
 *
 *   name: correctness
 *   scale: 1-5
 *   bedrock_metric: Builtin.Correctness
 *   description: Are the statements in the response factually correct?
 *   ---
 *   5 — Every statement is accurate …
 *
 * Scores are also normalised to 0–1, as Bedrock reports them: (score − min) / (max − min).
 */
import path from 'node:path';
import { listDir, readTextUtf8 } from '../files';
import { displayPath, repoPath } from '../paths';
import { WorkshopError } from '../errors';
import { fileSize } from '../files';
import { currentLanguage, type Language } from '../i18n/state';

export interface Rubric {
  name: string;
  min: number;
  max: number;
  bedrockMetric: string | null;
  description: string;
  text: string;
  file: string;
}

export const DEFAULT_JUDGE_DIR = repoPath('data', 'judge');

/**
 * The judge folder of a language: `data/judge/` (English) or `data/<language>/judge/`
 * (`data/pt-BR/judge/`: the same metric names, scales and Bedrock metrics, the descriptions,
 * levels, system prompt and answer format in Portuguese). Default: the language the session
 * speaks (`currentLanguage()`), so the rubrics notebook 04 shows are in the reader's language;
 * a language without its own folder uses the English one.
 */
export function judgeDirFor(language: Language = currentLanguage()): string {
  if (language === 'en') return DEFAULT_JUDGE_DIR;
  const dir = repoPath('data', language, 'judge');
  return fileSize(path.join(dir, 'prompt.txt')) === null ? DEFAULT_JUDGE_DIR : dir;
}
/** Files in the judge folder that are not rubrics. */
const NOT_RUBRICS = new Set(['system.txt', 'prompt.txt', 'off_topic.txt']);

/** Parse one rubric file; a malformed file names the file, the line and the fix. */
export function parseRubric(text: string, file: string): Rubric {
  const shown = displayPath(file);
  const lines = text.replace(/\r/g, '').split('\n');
  const sep = lines.findIndex((l) => l.trim() === '---');
  if (sep < 0)
    throw new WorkshopError(`${shown}: no "---" line separating the header from the rubric text.`, {
      fix: `add it after the "description:" line.`,
    });
  const header: Record<string, string> = {};
  lines.slice(0, sep).forEach((line, i) => {
    if (!line.trim()) return;
    const m = line.match(/^([a-z_]+):\s*(.*)$/);
    if (!m)
      throw new WorkshopError(`${shown}, line ${i + 1}: expected "key: value", got ${JSON.stringify(line)}.`, {
        fix: 'write each header line as key: value (name, scale, bedrock_metric, description), then a line with ---.',
      });
    header[m[1]] = m[2].trim();
  });
  if (!header.name || !/^[a-z][a-z0-9_]*$/.test(header.name))
    throw new WorkshopError(
      `${shown}: "name:" must be a lower-case metric name such as correctness (got ${JSON.stringify(header.name ?? '')}).`,
      { fix: 'use lower-case letters, digits and _ , starting with a letter.' },
    );
  const scale = (header.scale ?? '').match(/^(\d+)\s*-\s*(\d+)$/);
  if (!scale || Number(scale[1]) >= Number(scale[2]))
    throw new WorkshopError(`${shown}: "scale:" must look like 1-5 (got ${JSON.stringify(header.scale ?? '')}).`, {
      fix: 'write the lowest and highest score, e.g. scale: 1-5.',
    });
  const body = lines
    .slice(sep + 1)
    .join('\n')
    .trim();
  if (!body) throw new WorkshopError(`${shown}: the rubric text after "---" is empty.`, { fix: `describe what each score means.` });
  return {
    name: header.name,
    min: Number(scale[1]),
    max: Number(scale[2]),
    bedrockMetric: header.bedrock_metric || null,
    description: header.description ?? '',
    text: body,
    file,
  };
}

/** Every rubric of a judge folder, sorted by name; at least one is required. */
export function loadRubrics(dir: string = judgeDirFor(), only?: string[]): Rubric[] {
  const files = listDir(dir, { what: 'the judge folder' })
    .filter((f) => f.endsWith('.txt') && !NOT_RUBRICS.has(f))
    .sort();
  const rubrics = files.map((f) => parseRubric(readTextUtf8(path.join(dir, f), { what: 'the rubric' }), path.join(dir, f)));
  const names = rubrics.map((r) => r.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup)
    throw new WorkshopError(`Two rubric files in ${displayPath(dir)} are named "${dup}".`, { fix: `give each metric its own name.` });
  const chosen = only
    ? only.map(
        (n) =>
          rubrics.find((r) => r.name === n) ??
          (() => {
            throw new WorkshopError(`No rubric named "${n}" in ${displayPath(dir)} (found: ${names.join(', ')}).`, {
              fix: 'use one of the names found, or add a rubric file with that name.',
            });
          })(),
      )
    : rubrics;
  if (chosen.length === 0) throw new WorkshopError(`No rubric files in ${displayPath(dir)}.`, { fix: `restore data/judge/ from git.` });
  return chosen;
}

/** A score on the rubric's scale, normalised to 0–1. */
export function normalizeScore(score: number, rubric: Pick<Rubric, 'min' | 'max'>): number {
  return (score - rubric.min) / (rubric.max - rubric.min);
}
