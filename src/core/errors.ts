/**
 * One error type for everything the library refuses: what is wrong, where (file, row,
 * column, configuration key, model) and the fix, so the whole message reaches the person —
 * in a notebook cell, in the terminal of `npm run workshop`, and in a test.
 *
 * The message reads "<what is wrong>. Fix: <what to do>." The parts stay available as
 * fields (`problem`, `fix`, `context`) for code that wants them; `cause` keeps the
 * original error (e.g. the SDK's exception) when one is wrapped.
 *
 * @example
 * new WorkshopError('The dataset data/x.csv has no column "text" (dataset.columns.document).', { fix: 'rename the column or change dataset.columns.document.', key: 'dataset.columns.document' }).message
 * // → 'The dataset data/x.csv has no column "text" (dataset.columns.document). Fix: rename the column or change dataset.columns.document.'
 */
import { m } from './i18n/messages';

export interface ErrorContext {
  file?: string;
  /** Row as a spreadsheet numbers it (the header is row 1), or a line of a JSON Lines file. */
  row?: number;
  column?: string;
  /** A configuration key (JSON path) or environment variable. */
  key?: string;
  model?: string;
}

export interface WorkshopErrorOptions extends ErrorContext {
  fix?: string;
  cause?: unknown;
}

export class WorkshopError extends Error {
  override name = 'WorkshopError';
  readonly problem: string;
  readonly fix: string | null;
  readonly context: ErrorContext;

  constructor(problem: string, options: WorkshopErrorOptions = {}) {
    const { fix, cause, ...context } = options;
    const fixText = fix ? fix.replace(/^(Fix|Como resolver):\s*/i, '') : null;
    const label = m().common.fix;
    super(
      fixText ? `${problem}${problem.endsWith('\n') ? '' : ' '}${label}: ${fixText}` : problem,
      cause === undefined ? undefined : { cause },
    );
    this.problem = problem;
    this.fix = fixText;
    this.context = context;
  }
}

/** The whole text of any thrown value: an Error's message (every line), or the value itself. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
