/**
 * Running the judge sanity check (see controls.ts) on the first documents of the dataset,
 * with each judge model.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import { Progress } from '../../runs/progress';
import { converse } from '../../core/bedrock';
import type { DatasetRow } from '../../core/dataset';
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
  passed: boolean;
  violations: string[];
}

export async function runJudgeSanityCheck(session: WorkshopSession, docs: DatasetRow[], rubrics: Rubric[], { documents = 3, call, task = 'Summarize the document in 3 to 5 sentences for a busy business reader.', print }: { documents?: number; call?: JudgeCall; task?: string; print?: (line: string) => void } = {}): Promise<SanityReport> {
  const templates = loadJudgeTemplates();
  const offTopic = readFileSync(path.join(DEFAULT_JUDGE_DIR, 'off_topic.txt'), 'utf8').trim();
  const judgeCall: JudgeCall = call ?? ((req) => converse(session.backend.runtime, req, { retry: { maxAttempts: session.config.benchmark.retry_attempts } }));
  const rows: SanityResult[] = [];
  const violations: string[] = [];
  const usable = docs.filter((d) => d.reference).slice(0, documents);
  if (usable.length === 0) return { rows, passed: false, violations: ['the dataset has no reference answers: the sanity check needs them'] };
  // Judge every control answer, num_parallel_calls at a time; then check each document's ranking.
  const limit = pLimit(session.config.benchmark.num_parallel_calls);
  const jobs = session.config.judge.models.flatMap((judge) => usable.flatMap((doc) => controlAnswers(doc.reference!, offTopic).map((control) => ({ judge, doc, control }))));
  // Live progress: the check takes tens of seconds with realistic judge latency.
  const progress = new Progress({ label: `judge sanity check (${jobs.length} control answers)`, total: jobs.length, print });
  progress.report();
  const judged = await Promise.all(
    jobs.map((job) =>
      limit(async () => {
        const j = await judgeResponse({ call: judgeCall, judgeModelId: job.judge, templates, rubrics, task, document: job.doc.document, reference: job.doc.reference, response: job.control.text, maxTokens: session.config.judge.maxTokens });
        progress.tick(j.overall !== null);
        const metric = (name: string) => j.scores.find((s) => s.metric === name)?.normalized ?? null;
        return { judge: job.judge, document: job.doc.index, kind: job.control.kind, overall: j.overall, faithfulness: metric('faithfulness'), correctness: metric('correctness') };
      }),
    ),
  );
  rows.push(...judged);
  for (const judge of session.config.judge.models) {
    for (const doc of usable) {
      const scores = Object.fromEntries(judged.filter((r) => r.judge === judge && r.document === doc.index).map((r) => [r.kind, r])) as unknown as Record<ControlKind, ControlScores>;
      violations.push(...checkJudgeRanking(scores, `${judge}, document ${doc.index}`).violations);
    }
  }
  return { rows, passed: violations.length === 0, violations };
}
