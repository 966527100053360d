/**
 * Judging one response: build the judge request, call the judge model, parse its answer;
 * when the answer cannot be read, ask again (up to `retries` more times), then record it as
 * `unparseable` with the raw text. A failed call is recorded as `error` with its reason.
 * Nothing is ever counted as a score it was not given.
 */
import type winston from 'winston';
import { converse, type CallRecord, type CallRequest } from '../../core/bedrock';
import type { WorkshopSession } from '../../runs/session';
import { parseJudgeOutput, type MetricScore } from './judge-parse';
import { buildJudgeRequest, type JudgeTemplates } from '../../core/judge/prompt';
import type { Rubric } from '../../core/judge/rubrics';

export type JudgeCall = (
  request: CallRequest,
) => Promise<Pick<CallRecord, 'status' | 'responseText' | 'errorType' | 'errorMessage'> & { attempts?: number }>;

/** The judge's Bedrock call with the benchmark's timeout and retries (every attempt logged when `logger` is given). */
export function judgeCallOf(session: WorkshopSession, logger?: winston.Logger): JudgeCall {
  return (req) =>
    converse(session.backend.runtime, req, {
      timeoutMs: session.config.benchmark.timeout_seconds * 1000,
      retry: { maxAttempts: session.config.benchmark.retry_attempts },
      logger,
    });
}

export interface Judgement {
  judgeModel: string;
  status: 'judged' | 'unparseable' | 'error';
  parseStatus: 'ok' | 'repaired' | 'unparseable' | null;
  scores: MetricScore[];
  /** Mean of the normalised (0–1) scores that were read; null when none. */
  overall: number | null;
  /** Bedrock calls made for this judgement: every retry of every request (a re-ask after an unreadable answer included). */
  attempts: number;
  raw: string;
  error: string;
}

export interface JudgeOptions {
  call: JudgeCall;
  judgeModelId: string;
  templates: JudgeTemplates;
  rubrics: Rubric[];
  task: string;
  document: string;
  reference: string | null;
  response: string;
  maxTokens?: number;
  /** Extra attempts when the answer is unparseable. Default 1. */
  retries?: number;
}

export function overallScore(scores: MetricScore[]): number | null {
  const values = scores.map((s) => s.normalized).filter((v): v is number => v !== null);
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

export async function judgeResponse(o: JudgeOptions): Promise<Judgement> {
  const { system, prompt } = buildJudgeRequest(o.templates, o.rubrics, {
    task: o.task,
    document: o.document,
    reference: o.reference,
    response: o.response,
  });
  const retries = o.retries ?? 1;
  let raw = '';
  let calls = 0;
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    const result = await o.call({ modelId: o.judgeModelId, system, prompt, maxTokens: o.maxTokens ?? 800, temperature: 0 });
    calls += result.attempts ?? 1;
    if (result.status !== 'success') {
      return {
        judgeModel: o.judgeModelId,
        status: 'error',
        parseStatus: null,
        scores: [],
        overall: null,
        attempts: calls,
        raw: '',
        error: result.errorMessage ?? result.errorType ?? 'judge call failed',
      };
    }
    raw = result.responseText;
    const parsed = parseJudgeOutput(raw, o.rubrics);
    if (parsed.parseStatus !== 'unparseable') {
      return {
        judgeModel: o.judgeModelId,
        status: 'judged',
        parseStatus: parsed.parseStatus,
        scores: parsed.scores,
        overall: overallScore(parsed.scores),
        attempts: calls,
        raw: parsed.parseStatus === 'repaired' ? raw : '',
        error: '',
      };
    }
  }
  const parsed = parseJudgeOutput(raw, o.rubrics);
  return {
    judgeModel: o.judgeModelId,
    status: 'unparseable',
    parseStatus: 'unparseable',
    scores: parsed.scores,
    overall: null,
    attempts: calls,
    raw,
    error: `the judge's answer could not be read after ${retries + 1} request(s)`,
  };
}
