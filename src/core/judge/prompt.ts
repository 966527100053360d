/**
 * The judge's request, in the documented shape of docs/judge-protocol.md, built from the
 * editable `data/judge/system.txt` and `data/judge/prompt.txt`.
 *
 * Everything inserted (document, reference, response) is XML-escaped, so a response that
 * contains `</response>` or "ignore previous instructions" cannot close its section or be
 * mistaken for the evaluator's instructions.
 */
import path from 'node:path';
import { readTextUtf8 } from '../files';
import { loadTemplate, renderTemplate, type PromptTemplate } from '../prompts';
import { judgeDirFor, type Rubric } from './rubrics';
import { taskPrompt, type Task } from '../task';

export const JUDGE_PLACEHOLDERS = ['task', 'document', 'reference', 'response', 'metrics'];

export interface JudgeTemplates {
  system: string;
  prompt: PromptTemplate;
}

/** Load and check the judge's system prompt and message template (default: the session's language, `judgeDirFor`). */
export function loadJudgeTemplates(dir: string = judgeDirFor()): JudgeTemplates {
  return {
    system: readTextUtf8(path.join(dir, 'system.txt')).trim(),
    prompt: loadTemplate(path.join(dir, 'prompt.txt'), { allowed: JUDGE_PLACEHOLDERS, required: JUDGE_PLACEHOLDERS }),
  };
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The `<metric name="…" scale="a-b">rubric</metric>` lines. */
export function metricsBlock(rubrics: Rubric[]): string {
  return rubrics
    .map((r) => `<metric name="${r.name}" scale="${r.min}-${r.max}">${escapeXml(`${r.description}\n${r.text}`)}</metric>`)
    .join('\n');
}

export interface JudgeInput {
  task: string;
  document: string;
  reference: string | null;
  response: string;
}

/** System prompt and user message for one judged response. */
export function buildJudgeRequest(templates: JudgeTemplates, rubrics: Rubric[], input: JudgeInput): { system: string; prompt: string } {
  return {
    system: templates.system,
    prompt: renderTemplate(templates.prompt, {
      task: escapeXml(input.task),
      document: escapeXml(input.document),
      reference: escapeXml(input.reference ?? ''),
      response: escapeXml(input.response),
      metrics: metricsBlock(rubrics),
    }),
  };
}

/**
 * The task as the judge reads it: the instruction and constraints the compared model was
 * given, with the document left out (the judge gets the document in its own section).
 */
export function judgeTaskText(task: Task, template: PromptTemplate): string {
  return taskPrompt(task, template, '[the document below]').trim();
}

/**
 * The judge prompt of an Advanced Prompt Optimization job (its `customLLMJPrompt`): the same
 * system text, rubrics and answer format as step 4's judge, with the service's three
 * placeholders — `{{prompt}}` (the whole prompt the model under test received: the task and
 * the document, in one `<prompt>` section), `{{referenceResponse}}` and `{{response}}`.
 * docs/judge-protocol.md ("The judge of an optimization job") shows its shape.
 */
export function optimizationJudgePrompt(templates: JudgeTemplates, rubrics: Rubric[]): string {
  const text = templates.prompt.text;
  const end = text.indexOf('</metrics>');
  const answerFormat = end >= 0 ? text.slice(end + '</metrics>'.length).trim() : '';
  return [
    templates.system,
    '',
    '<prompt>{{prompt}}</prompt>',
    '<reference>{{referenceResponse}}</reference>',
    '<response>{{response}}</response>',
    '<metrics>',
    metricsBlock(rubrics),
    '</metrics>',
    answerFormat,
  ].join('\n');
}
