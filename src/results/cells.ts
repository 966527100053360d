/**
 * Cell converters for result rows read back from a checkpoint (JSON values) or a CSV file
 * (text cells, empty = null): one schema serves both.
 */
import { z } from 'zod';

const emptyToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

export const cell = {
  /** Text; empty or missing → ''. */
  text: z.preprocess((v) => (v === null || v === undefined ? '' : v), z.string()),
  /** Text that must not be empty. */
  requiredText: z.string({ required_error: 'is empty', invalid_type_error: 'is empty' }).min(1, 'is empty'),
  /** A finite number, or null when empty. */
  number: z.preprocess((v) => {
    const x = emptyToNull(v);
    return typeof x === 'string' ? Number(x) : x;
  }, z.number({ invalid_type_error: 'is not a number' }).finite('is not a number').nullable()),
  /** A whole number (required). */
  integer: z.preprocess(
    (v) => (typeof v === 'string' && v !== '' ? Number(v) : v),
    z.number({ invalid_type_error: 'is not a whole number', required_error: 'is empty' }).int('is not a whole number'),
  ),
  /** true/false (text or JSON); empty → false. */
  boolean: z.preprocess(
    (v) => {
      const x = emptyToNull(v);
      if (x === null) return false;
      if (typeof x === 'string') return /^true$/i.test(x) ? true : /^false$/i.test(x) ? false : x;
      return x;
    },
    z.boolean({ invalid_type_error: 'is not true/false' }),
  ),
  /**
   * Who produced a row: `local` (emulated), `aws`, `recorded` (an outside source model), or
   * `replay:<cassette>@<recording date>` (replayed from a cassette recorded on AWS; `+emulated`
   * when the emulator answered what the cassette lacked).
   */
  backend: z.union([
    z.enum(['local', 'aws', 'recorded']),
    z
      .string()
      .regex(/^replay:.+@\d{4}-\d{2}-\d{2}(\+emulated)?$/, 'is not local, aws, recorded or replay:<cassette>@<date>')
      .transform((v) => v as `replay:${string}`),
  ]),
};

/**
 * The prompt a row's answer was produced with: `task` (the task's prompt template) or
 * `optimized` (the candidate's optimized template from step 2). Files written before the
 * variant existed have no such column: their rows are `task`.
 */
export const PROMPT_VARIANTS = ['task', 'optimized'] as const;
export type PromptVariant = (typeof PROMPT_VARIANTS)[number];
export const variantCell = z.preprocess(
  (v) => (v === null || v === undefined || v === '' ? 'task' : v),
  z.enum(PROMPT_VARIANTS, { errorMap: () => ({ message: `is not one of ${PROMPT_VARIANTS.join(', ')}` }) }),
);

/** The values of a result row's `backend` column (see `cell.backend`). */
export type BackendValue = 'local' | 'aws' | 'recorded' | `replay:${string}`;
