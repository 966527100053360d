/**
 * Step 2's prompt optimization, the simple kind: Bedrock's `OptimizePrompt` (Agents for Amazon
 * Bedrock Runtime) rewrites one candidate's prompt for that candidate — and the checks and
 * records around it. The Advanced Prompt Optimization job is `optimization-job.ts`.
 *
 * - `optimizationTargets`: which candidates to ask, from the catalogue's
 *   `features.promptOptimization` (AWS's list of supported models): `supported`, `unsupported`
 *   (no call, the reason said) or `unknown` (tried: Bedrock says yes or no);
 * - `optimizationPrompt`: what is sent — the candidate's task prompt with the task's
 *   instruction and constraints written out and `{{document}}` kept as a variable, so the
 *   optimized prompt is again a template;
 * - `checkOptimizedTemplate`: the fairness check of an optimized template — `{{document}}`
 *   kept and no unknown placeholder (else it cannot be used: `refused`), and the task's
 *   instruction and constraints kept, or the ones it drops named;
 * - `recordOptimizedPrompts`: one optimized template per candidate written to
 *   `outputs/prompts/<task>/<model>.optimized.txt` and the tracking columns
 *   `prompt_optimized_template/_by/_status/_message` (docs/tracking-columns.md), which steps
 *   3–5 read through `src/results`.
 *
 * Offline the local endpoint answers `OptimizePrompt` (an emulated rewrite: the prompt put in
 * the family's layout with its rules restated, docs/prompt-optimization.md) and every view
 * says "emulated".
 *
 * @example
 * const targets = optimizationTargets(session, plan);
 * const results = await optimizeCandidatePrompts(session, plan);
 * recordOptimizedPrompts(session, { simple: results });
 */
import { m as messages } from '../../core/i18n';
import { OptimizePromptCommand, type BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readTextUtf8, removeFile, writeFileAtomic } from '../../core/files';
import { escapeHtml } from '../../core/display';
import { WorkshopError } from '../../core/errors';
import { m } from '../../core/i18n';
import { safeFileName } from '../../core/logging';
import { namer } from '../../core/model-names';
import { displayPath, repoPath } from '../../core/paths';
import { baseModelId } from '../../core/prompt-optimization';
import { placeholdersOf, renderTemplate, type PromptTemplate } from '../../core/prompts';
import { TASK_PLACEHOLDERS, constraintsText, taskInstruction, templateFairness, type Task } from '../../core/task';
import { upsertModelRow } from '../../core/tracking';
import { setupBlockOf } from '../../results';
import type { WorkshopSession } from '../../runs/session';
import type { MigrationPlan } from './migration-plan';

/** Where AWS lists the models simple prompt optimization supports (copy: data/aws/prompt-optimization-models.json). */
export const OPTIMIZE_PROMPT_MODELS_PAGE = 'https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-management-optimize.html';

export interface OptimizationTarget {
  /** The candidate as configured. */
  modelId: string;
  /** The id `OptimizePrompt` takes: the foundation model's (its `targetModelId` pattern has no room for a `us.` profile prefix). */
  targetModelId: string;
  support: 'supported' | 'unsupported' | 'unknown' | 'not run';
  reason: string;
  template: PromptTemplate;
  /** The text sent: the task prompt with `{{document}}` kept. */
  prompt: string;
}

/**
 * The candidate's task prompt as a template to optimize: instruction, constraints and labels
 * written out, `{{document}}` kept as the one variable.
 */
export function optimizationPrompt(task: Task, template: PromptTemplate): string {
  return renderTemplate(template, {
    instruction: taskInstruction(task),
    constraints: constraintsText(task),
    labels: (task.labels ?? []).join(', '),
    document: '{{document}}',
  }).trim();
}

/** Every candidate with whether simple optimization applies to it, and why. */
export function optimizationTargets(session: WorkshopSession, plan: MigrationPlan): OptimizationTarget[] {
  const task = session.config.taskSpec;
  return plan.models
    .filter((m) => m.role === 'candidate')
    .map((m) => {
      const flag = m.catalog?.features?.promptOptimization;
      const blocked = setupBlockOf(session.tracking, m.modelId);
      const base = {
        modelId: m.modelId,
        targetModelId: baseModelId(m.modelId),
        template: m.template,
        prompt: optimizationPrompt(task, m.template),
      };
      if (!session.config.promptOptimization.simple)
        return { ...base, support: 'not run' as const, reason: messages().views.plan.optimization.simpleOff };
      if (blocked)
        return {
          ...base,
          support: 'not run' as const,
          reason: messages().views.plan.optimization.blocked({ status: blocked.status, message: blocked.message }),
        };
      if (flag === false)
        return {
          ...base,
          support: 'unsupported' as const,
          reason: messages().views.plan.optimization.unsupported({ model: m.modelId, page: OPTIMIZE_PROMPT_MODELS_PAGE }),
        };
      if (flag === true) return { ...base, support: 'supported' as const, reason: messages().views.plan.optimization.supported };
      return {
        ...base,
        support: 'unknown' as const,
        reason: messages().views.plan.optimization.unknown,
      };
    });
}

/**
 * One `OptimizePrompt` call: the analysis message and the optimized prompt, read from the
 * event stream (an `analyzePromptEvent`, then an `optimizedPromptEvent`). An error event of
 * the stream is thrown by the SDK while it is read.
 */
export async function optimizePrompt(
  client: BedrockAgentRuntimeClient,
  targetModelId: string,
  prompt: string,
): Promise<{ analysis: string; optimized: string }> {
  const response = await client.send(new OptimizePromptCommand({ input: { textPrompt: { text: prompt } }, targetModelId }));
  let analysis = '';
  let optimized = '';
  for await (const event of response.optimizedPrompt ?? []) {
    if (event.analyzePromptEvent) analysis += event.analyzePromptEvent.message ?? '';
    if (event.optimizedPromptEvent) optimized += event.optimizedPromptEvent.optimizedPrompt?.textPrompt?.text ?? '';
  }
  return { analysis, optimized };
}

export interface TemplateCheck {
  /** Usable as a template: `{{document}}` kept, no placeholder the task does not provide. */
  usable: boolean;
  missingPlaceholders: string[];
  unknownPlaceholders: string[];
  instruction: boolean;
  missingConstraints: string[];
  /** One sentence: what it keeps, or what it drops, by name. */
  message: string;
}

/** The fairness check of an optimized template against the task (see the module comment). */
export function checkOptimizedTemplate(task: Task, text: string): TemplateCheck {
  const placeholders = placeholdersOf(text);
  const missingPlaceholders = ['document'].filter((p) => !placeholders.includes(p));
  const unknownPlaceholders = placeholders.filter((p) => !TASK_PLACEHOLDERS.includes(p));
  const usable = missingPlaceholders.length === 0 && unknownPlaceholders.length === 0;
  const fairness = unknownPlaceholders.length
    ? { instruction: false, missingConstraints: [...task.constraints] }
    : templateFairness(task, { name: 'optimized', file: 'optimized', text, placeholders });
  const t = messages().views.plan.optimization;
  const problems: string[] = [];
  if (missingPlaceholders.length) problems.push(t.lost({ placeholders: missingPlaceholders.map((p) => `{{${p}}}`).join(', ') }));
  if (unknownPlaceholders.length)
    problems.push(t.extraPlaceholders({ placeholders: unknownPlaceholders.map((p) => `{{${p}}}`).join(', ') }));
  if (!fairness.instruction) problems.push(t.dropsInstruction({ instruction: taskInstruction(task) }));
  if (fairness.missingConstraints.length)
    problems.push(t.dropsConstraints({ constraints: fairness.missingConstraints.map((c) => `"${c}"`).join(' | ') }));
  const message = problems.length ? t.problems({ problems: problems.join('; '), usable }) : t.keeps({ n: String(task.constraints.length) });
  return {
    usable,
    missingPlaceholders,
    unknownPlaceholders,
    instruction: fairness.instruction,
    missingConstraints: fairness.missingConstraints,
    message,
  };
}

export type OptimizedStatus = 'optimized' | 'unsupported' | 'refused' | 'not run';

/** One candidate's optimized prompt from one method (simple optimization, an advanced job, by hand). */
export interface OptimizedPrompt {
  modelId: string;
  /** `OptimizePrompt`, `advanced job <name>` or `hand`, with ` (emulated)` offline (not for `hand`). */
  by: string;
  status: OptimizedStatus;
  /** The reason, Bedrock's message, or the fairness check (and scores, for a job). */
  message: string;
  /** The prompt that was optimized (a template). */
  original: string;
  optimized: string | null;
  /** OptimizePrompt's analysis message. */
  analysis: string;
  check: TemplateCheck | null;
}

/** The result for an optimized text: `optimized` when usable, `refused` (with the check's message) when not. */
export function judgeOptimizedText(task: Task, base: Omit<OptimizedPrompt, 'status' | 'message' | 'check'>, note = ''): OptimizedPrompt {
  const check = checkOptimizedTemplate(task, base.optimized ?? '');
  return { ...base, status: check.usable ? 'optimized' : 'refused', message: `${note}${check.message}`, check };
}

/**
 * Simple optimization of every candidate's prompt (the calls run side by side). A result
 * the notebook already obtained by hand is passed in `known` (model id → analysis and
 * optimized text) and not asked again.
 */
export async function optimizeCandidatePrompts(
  session: WorkshopSession,
  plan: MigrationPlan,
  options: { known?: Record<string, { analysis: string; optimized: string }> } = {},
): Promise<OptimizedPrompt[]> {
  const task = session.config.taskSpec;
  const by = `OptimizePrompt${session.backend.kind === 'local' ? ' (emulated)' : ''}`;
  return Promise.all(
    optimizationTargets(session, plan).map(async (t): Promise<OptimizedPrompt> => {
      const base = { modelId: t.modelId, by, original: t.prompt, optimized: null, analysis: '', check: null };
      if (t.support === 'unsupported' || t.support === 'not run') return { ...base, status: t.support, message: t.reason };
      try {
        const got = options.known?.[t.modelId] ?? (await optimizePrompt(session.backend.agentRuntime, t.targetModelId, t.prompt));
        return judgeOptimizedText(task, { ...base, optimized: got.optimized, analysis: got.analysis });
      } catch (error) {
        const e = error as Error;
        return { ...base, status: 'refused', message: messages().views.plan.optimization.refused({ error: `${e.name}: ${e.message}` }) };
      }
    }),
  );
}

/** The original and optimized prompts side by side, one row per candidate, with the analysis and the check. */
export function optimizedSideBySide(results: OptimizedPrompt[], emulated: boolean): string {
  const name = namer(results.map((r) => r.modelId));
  const pre = (t: string) => `<pre style="white-space:pre-wrap;font-size:12px;margin:0">${escapeHtml(t)}</pre>`;
  const cell = (html: string) => `<td style="text-align:left;vertical-align:top">${html}</td>`;
  const t = messages().views.plan.optimization;
  const rows = results.map((r) => {
    const status = `<b>${escapeHtml(r.status)}</b>${r.by ? `<br><small>${escapeHtml(r.by)}</small>` : ''}`;
    const optimized = r.optimized ? pre(r.optimized) : `<i>${escapeHtml(r.status === 'unsupported' ? t.noCall : t.none)}</i>`;
    const notes = [
      r.analysis ? `<b>${escapeHtml(t.analysis({ emulated }))}</b> ${escapeHtml(r.analysis)}` : '',
      `<b>${escapeHtml(t.check)}</b> ${escapeHtml(r.message)}`,
    ]
      .filter(Boolean)
      .join('<br><br>');
    return `<tr>${cell(`${escapeHtml(name(r.modelId))}<br><small>${escapeHtml(r.modelId)}</small><br>${status}`)}${cell(pre(r.original))}${cell(optimized)}${cell(notes)}</tr>`;
  });
  const head = [t.colModel, t.colTaskPrompt, t.colOptimized({ emulated }), t.colAnalysis]
    .map((h) => `<th style="text-align:left">${escapeHtml(h)}</th>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** `outputs/prompts/<task>/<model>.optimized.txt` (absolute). */
export function optimizedTemplateFile(session: WorkshopSession, modelId: string): string {
  return path.join(
    repoPath(session.config.paths.outputs),
    'prompts',
    safeFileName(session.config.task),
    `${safeFileName(modelId)}.optimized.txt`,
  );
}

/** A hand-written optimized template (`models.candidates[i].optimizedPromptTemplate`), checked like Bedrock's. */
export function handOptimizedPrompt(session: WorkshopSession, modelId: string, file: string, original: string): OptimizedPrompt {
  const full = repoPath(file);
  if (!existsSync(full))
    throw new WorkshopError(m().errors.steps.optimizedMissing({ file, model: modelId }), {
      fix: m().errors.steps.optimizedMissingFix,
      key: 'models.candidates[].optimizedPromptTemplate',
      file: full,
      model: modelId,
    });
  return judgeOptimizedText(session.config.taskSpec, { modelId, by: 'hand', original, optimized: readTextUtf8(full), analysis: '' });
}

export interface RecordedOptimization {
  modelId: string;
  chosen: OptimizedPrompt;
  /** Repository-relative path of the written template, '' when none. */
  file: string;
}

/**
 * Choose one optimized prompt per candidate and record it: a hand-written template
 * (configuration) wins; else the method `promptOptimization.carry` names when it optimized,
 * else the other. The chosen template is written to `outputs/prompts/<task>/<model>.optimized.txt`
 * (a stale one from an earlier run is removed when there is none now) and the tracking
 * columns are set. Returns what was recorded, per candidate.
 */
export function recordOptimizedPrompts(
  session: WorkshopSession,
  results: { simple?: OptimizedPrompt[]; advanced?: OptimizedPrompt[] },
): RecordedOptimization[] {
  const carry = session.config.promptOptimization.carry;
  const recorded: RecordedOptimization[] = [];
  for (const c of session.config.models.candidates) {
    const simple = results.simple?.find((r) => r.modelId === c.modelId);
    const advanced = results.advanced?.find((r) => r.modelId === c.modelId);
    const ordered = (carry === 'advanced' ? [advanced, simple] : [simple, advanced]).filter((r): r is OptimizedPrompt => !!r);
    const original = ordered[0]?.original ?? '';
    const chosen: OptimizedPrompt = c.optimizedPromptTemplate
      ? handOptimizedPrompt(session, c.modelId, c.optimizedPromptTemplate, original)
      : (ordered.find((r) => r.status === 'optimized') ??
        ordered.find((r) => r.status === 'refused') ??
        ordered.find((r) => r.status === 'unsupported') ??
        ordered[0] ?? {
          modelId: c.modelId,
          by: '',
          status: 'not run',
          message: messages().views.plan.optimization.notRun,
          original,
          optimized: null,
          analysis: '',
          check: null,
        });
    const file = optimizedTemplateFile(session, c.modelId);
    let shown = '';
    if (chosen.status === 'optimized' && chosen.optimized) {
      writeFileAtomic(file, chosen.optimized.endsWith('\n') ? chosen.optimized : `${chosen.optimized}\n`);
      shown = displayPath(file);
    } else removeFile(file, { what: 'the optimized prompt', setting: 'paths.outputs' });
    upsertModelRow(session.tracking, c.modelId, {
      prompt_optimized_template: shown,
      prompt_optimized_by: chosen.status === 'optimized' || chosen.status === 'refused' ? chosen.by : '',
      prompt_optimized_status: chosen.status,
      prompt_optimized_message: chosen.message,
    });
    recorded.push({ modelId: c.modelId, chosen, file: shown });
  }
  session.save();
  return recorded;
}
