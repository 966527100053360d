/**
 * What a step achieved, model by model — and the rule that a step where NO model produced
 * usable results must not look like a success: `session.close(outcome)` saves everything,
 * then throws with the reasons, so `npm run workshop` exits non-zero and says why.
 */
import { WorkshopError } from '../core/errors';
import { m } from '../core/i18n';

export interface ModelOutcome {
  model: string;
  /** The step produced figures later steps can use for this model. */
  usable: boolean;
  status: string;
  reason: string;
}

export interface StepOutcome {
  step: 1 | 2 | 3 | 4 | 5;
  models: ModelOutcome[];
}

export function stepOutcome(step: StepOutcome['step'], models: ModelOutcome[]): StepOutcome {
  return { step, models };
}

/** Throw when no model of the step produced usable results (after the caller saved what it had). */
export function requireUsable(outcome: StepOutcome): void {
  if (outcome.models.length === 0 || outcome.models.some((m) => m.usable)) return;
  const why = outcome.models.map((m) => `- ${m.model}: ${m.status}${m.reason ? ` — ${m.reason}` : ''}`).join('\n');
  throw new WorkshopError(m().errors.runs.noUsableResult({ step: outcome.step, why }), {
    fix: m().errors.runs.noUsableResultFix,
  });
}
