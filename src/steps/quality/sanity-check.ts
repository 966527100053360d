/**
 * Running the judge sanity check (see controls.ts) on the first documents of the dataset,
 * with each judge model.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { converse } from '../../core/bedrock';
import type { DatasetRow } from '../../core/dataset';
import { repoPath } from '../../core/paths';
import { runResumable } from '../../runs/resumable-run';
import type { WorkshopSession } from '../../runs/session';
import { checkJudgeRanking, controlAnswers, type ControlKind, type ControlScores } from './controls';
import { judgeResponse, type JudgeCall } from './judge';
import { loadJudgeTemplates } from './judge-prompt';
import { DEFAULT_JUDGE_DIR, type Rubric } from './rubrics';

export interface SanityResult {
  judge: string;
  document: number;
  kind: ControlKind;
  overall: number | null;
  faithfulness: number | null;
  correctness: number | null;
}

export interface SanityReport {
  rows: SanityResult[];
  /** `not_run` when there is nothing to check with (no reference answers, or no usable judge). */
  status: 'passed' | 'failed' | 'not_run';
  passed: boolean;
  violations: string[];
  /** Why the check was not run. */
  reason: string;
}

const sanityRowSchema = z.object({
  judge: z.string(),
  document: z.number(),
  kind: z.enum(['reference', 'invented_fact', 'off_topic', 'empty']),
  overall: z.number().nullable(),
  faithfulness: z.number().nullable(),
  correctness: z.number().nullable(),
  status: z.string(),
});

export async function runJudgeSanityCheck(session: WorkshopSession, docs: DatasetRow[], rubrics: Rubric[], { documents = 3, call, task = 'Summarize the document in 3 to 5 sentences for a busy business reader.', print }: { documents?: number; call?: JudgeCall; task?: string; print?: (line: string) => void } = {}): Promise<SanityReport> {
  const templates = loadJudgeTemplates();
  const offTopic = readFileSync(path.join(DEFAULT_JUDGE_DIR, 'off_topic.txt'), 'utf8').trim();
  const judgeCall: JudgeCall = call ?? ((req) => converse(session.backend.runtime, req, { timeoutMs: session.config.benchmark.timeout_seconds * 1000, retry: { maxAttempts: session.config.benchmark.retry_attempts } }));
  const notRun = (reason: string): SanityReport => ({ rows: [], status: 'not_run', passed: false, violations: [], reason });
  // 1. What can be checked: documents with a reference, judges step 1 did not find denied.
  if (session.config.taskSpec.kind === 'classification') return notRun(`the task is a classification task, decided on its labels (${session.config.taskSpec.primaryMetric}) — no judge is used`);
  const usable = docs.filter((d) => d.reference).slice(0, documents);
  if (usable.length === 0) return notRun('the dataset has no reference answers, which the control answers are built from — the check was not run (this says nothing about the judge)');
  const judges = session.config.judge.models.filter((j) => !['denied', 'error'].includes(String(session.tracking.rows.find((r) => r.model === j)?.setup_status ?? '')));
  if (judges.length === 0) return notRun('no judge model is usable (denied or unknown in step 1) — the check was not run');

  // 2. Judge every control answer on the run machinery (progress, bounded concurrency); always anew —
  //    the check is about the judge as it answers now, so nothing is resumed from an earlier run.
  const work = judges.flatMap((judge) => usable.flatMap((doc) => controlAnswers(doc.reference!, offTopic).map((control) => ({ key: `${judge}|${doc.index}|${control.kind}`, item: { judge, doc, control } }))));
  const run = await runResumable({
    label: 'judge sanity check',
    checkpointFile: path.join(repoPath(session.config.paths.outputs), 'checkpoints', 'judge_sanity_check.jsonl'),
    work,
    provenance: { step: 'judge-sanity', backend: session.backend.kind, endpoint: session.backend.identity, task, judge_max_tokens: session.config.judge.maxTokens },
    rowSchema: sanityRowSchema,
    isFinal: (row) => row.status === 'judged',
    concurrency: session.config.benchmark.num_parallel_calls,
    fresh: true,
    print,
    run: async ({ judge, doc, control }) => {
      const j = await judgeResponse({ call: judgeCall, judgeModelId: judge, templates, rubrics, task, document: doc.document, reference: doc.reference, response: control.text, maxTokens: session.config.judge.maxTokens });
      const metric = (name: string) => j.scores.find((s) => s.metric === name)?.normalized ?? null;
      return { judge, document: doc.index, kind: control.kind, overall: j.overall, faithfulness: metric('faithfulness'), correctness: metric('correctness'), status: j.status };
    },
  });
  const rows: SanityResult[] = run.rows.map(({ status: _status, ...r }) => r);

  // 3. Each document's ranking of the controls, per judge.
  const violations: string[] = [];
  for (const judge of judges) {
    for (const doc of usable) {
      const scores = Object.fromEntries(rows.filter((r) => r.judge === judge && r.document === doc.index).map((r) => [r.kind, r])) as unknown as Record<ControlKind, ControlScores>;
      violations.push(...checkJudgeRanking(scores, `${judge}, document ${doc.index}`).violations);
    }
  }
  return { rows, status: violations.length === 0 ? 'passed' : 'failed', passed: violations.length === 0, violations, reason: '' };
}
