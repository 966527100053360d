/**
 * One resumable, bounded run — the machinery under step 3 (latency), step 4 (judging) and
 * whatever comes next: a work list → a checkpoint → resume → bounded concurrency →
 * progress → one result row per unit of work.
 *
 * How it stays trustworthy:
 * 1. **Every unit ends as a row** (success or a recorded error), appended to the checkpoint
 *    as it ends (rows ending close together share one write) and counted as done only once
 *    it is there: an interrupted run — even by `kill -9` — resumes with no duplicate and no
 *    gap.
 * 2. **Rows know where they came from.** The caller describes what produces the rows (the
 *    provenance: backend, endpoint, model, prompt-template hash, inference settings,
 *    streaming…). A resume reuses only rows with the same provenance, and says how many it
 *    set aside and why ("backend: local → aws") — never results of another set-up.
 * 3. **Rows are validated when read back** (a zod schema); a damaged line is redone.
 * 4. Only rows of the current work list are returned, in work-list order.
 * 5. Concurrency is bounded (p-limit); the caller times its own calls inside `run`, so
 *    waiting for a free slot is never measured.
 * 6. The runner's own cost per unit is a few object allocations and a string append:
 *    provenance hashing, key sets and the like are done once per run, and the writes
 *    happen after the turn's callbacks, batched — whatever `run` measures.
 *
 * The run id is derived from the provenance and the work list (`run-<hash>`): the same
 * set-up on the same documents is the same run (a re-run continues it), anything else is a
 * new run — so result files named after it never overwrite another run's.
 *
 * @example
 * const r = await runResumable({ label: 'nova', checkpointFile, provenance: { backend: 'local', model: 'amazon.nova-lite-v1:0' },
 *   work: docs.map((d) => ({ key: d.id, item: d })), rowSchema, isFinal: (row) => row.status === 'success',
 *   concurrency: 4, run: async (doc, ctx) => ({ ...await callModel(doc), run_id: ctx.runId }) });
 * // r.rows: one row per document; r.resumed: rows reused from the checkpoint; r.made: calls made now
 */
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { z } from 'zod';
import { sleep } from '../core/bedrock/retry';
import { Checkpoint } from './checkpoint';
import { Progress, printProgress } from './progress';
import { formatNumber } from '../core/format';
import { m } from '../core/i18n';

export type Provenance = Record<string, string | number | boolean | null>;

export interface WorkUnit<W> {
  /** Identity of the unit: same key → same work, done once. */
  key: string;
  item: W;
}

export interface RunContext {
  runId: string;
  provenanceId: string;
  key: string;
}

export interface ResumableRunOptions<W, R> {
  /** Progress label (e.g. the model id). */
  label: string;
  checkpointFile: string;
  work: WorkUnit<W>[];
  provenance: Provenance;
  /** Validates (and converts) a row read back from the checkpoint. */
  rowSchema: z.ZodType<R, z.ZodTypeDef, unknown>;
  /** Rows that need no redo (e.g. a success); others are done again on resume. */
  isFinal: (row: R) => boolean;
  /** Do one unit of work and return its row; should record failures as rows, not throw. */
  run: (item: W, context: RunContext) => Promise<R>;
  /** Counted as a success in the progress line. Default: `isFinal`. */
  isSuccess?: (row: R) => boolean;
  /**
   * What of a row the checkpoint keeps (default: all of it), with `restore` putting back
   * the rest from the unit of work when the row is read: e.g. leave out the document text a
   * row repeats from the dataset — a smaller line to serialize and write on every call.
   * `restore` gets the stored row as read (an older checkpoint's full row included) and
   * returns what `rowSchema` then validates.
   */
  stored?: { keep: (row: R) => unknown; restore: (stored: Record<string, unknown>, item: W) => unknown };
  concurrency: number;
  /** Wait before each call after the first `concurrency` ones, ms (the seed's delay_between_calls). */
  delayMs?: number;
  /** Forget the checkpoint and do everything again. */
  fresh?: boolean;
  print?: (line: string) => void;
  progressEveryMs?: number;
}

export interface ResumableRunResult<R> {
  runId: string;
  provenanceId: string;
  /** One row per unit of the work list that has one, in work-list order. */
  rows: R[];
  /** Units taken from the checkpoint without a new call. */
  resumed: number;
  /** Units done now (calls made). */
  made: number;
  /** Checkpoint rows not reused because another set-up produced them, with the reasons. */
  setAside: { rows: number; reasons: string[] };
  /** Checkpoint lines that could not be read or failed validation (redone). */
  damaged: number;
}

/** The same JSON for the same object whatever its key order. */
function stableJson(value: Provenance): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, value[k]]),
    ),
  );
}

/** Short content hash of a provenance (12 hex digits). */
export function provenanceId(provenance: Provenance): string {
  return createHash('sha256').update(stableJson(provenance)).digest('hex').slice(0, 12);
}

/** What differs between two provenances, as "key: old → new" phrases. */
export function provenanceChanges(before: Provenance, now: Provenance): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(now)])].sort();
  const none = m().views.runs.progress.none;
  return keys.filter((k) => before[k] !== now[k]).map((k) => `${k}: ${String(before[k] ?? none)} → ${String(now[k] ?? none)}`);
}

/** A checkpoint line: a run header (its provenance) or a finished unit. */
type Line =
  | { type: 'run'; provenance_id: string; provenance: Provenance }
  | { type: 'row'; provenance_id: string; key: string; row: unknown };

export async function runResumable<W, R>(options: ResumableRunOptions<W, R>): Promise<ResumableRunResult<R>> {
  const print = options.print ?? printProgress;
  const pid = provenanceId(options.provenance);
  const runId = `run-${createHash('sha256')
    .update(`${pid}|${options.work.map((w) => w.key).join('\n')}`)
    .digest('hex')
    .slice(0, 10)}`;
  const checkpoint = new Checkpoint<Line>(options.checkpointFile);
  if (options.fresh) checkpoint.clear();

  // 1. read the checkpoint back; keep valid rows of this provenance and this work list.
  const read = checkpoint.read();
  const units = new Map(options.work.map((w) => [w.key, w]));
  const latest = new Map<string, R>();
  const otherRuns = new Map<string, Provenance>();
  const setAsideBy = new Map<string, number>();
  let damaged = read.skippedLines;
  for (const line of read.rows) {
    if (line?.type === 'run') {
      if (line.provenance_id !== pid) otherRuns.set(line.provenance_id, line.provenance);
      continue;
    }
    if (line?.type !== 'row' || typeof line.key !== 'string') {
      damaged += 1;
      continue;
    }
    const unit = units.get(line.key);
    if (!unit) continue;
    if (line.provenance_id !== pid) {
      setAsideBy.set(line.provenance_id, (setAsideBy.get(line.provenance_id) ?? 0) + 1);
      continue;
    }
    const row =
      options.stored && line.row !== null && typeof line.row === 'object'
        ? options.stored.restore(line.row as Record<string, unknown>, unit.item)
        : line.row;
    const parsed = options.rowSchema.safeParse(row);
    if (parsed.success) latest.set(line.key, parsed.data);
    else damaged += 1;
  }
  const setAsideRows = [...setAsideBy.values()].reduce((a, b) => a + b, 0);
  const reasons = [...setAsideBy.entries()].map(([id, n]) => {
    const before = otherRuns.get(id);
    const changes = before ? provenanceChanges(before, options.provenance) : [m().views.runs.progress.earlierSetUp];
    return m().views.runs.progress.setAsideRows({ n: formatNumber(n, 'auto'), changes: changes.join('; ') });
  });
  const done = new Set([...latest.entries()].filter(([, row]) => options.isFinal(row)).map(([k]) => k));
  const todo = options.work.filter((w) => !done.has(w.key));
  if (setAsideRows > 0) print(m().views.runs.progress.setAside({ label: options.label, reasons: reasons.join('; ') }));

  // 2. the rest, with bounded concurrency. A slot is held only while `run` measures; the row
  // then goes to the checkpoint (written with the rows that end around it, one write), and
  // the unit counts as done — progress, result — only once its row is in the file.
  const progress = new Progress({
    label: options.label,
    total: options.work.length,
    skipped: done.size,
    print,
    everyMs: options.progressEveryMs,
  });
  if (todo.length === 0) progress.report();
  else checkpoint.append({ type: 'run', provenance_id: pid, provenance: options.provenance });
  const isSuccess = options.isSuccess ?? options.isFinal;
  const concurrency = Math.max(1, options.concurrency);
  const delayMs = options.delayMs ?? 0;
  const limit = pLimit(concurrency);
  const measure = (unit: WorkUnit<W>, i: number) =>
    limit(async () => {
      if (delayMs > 0 && i >= concurrency) await sleep(delayMs);
      return options.run(unit.item, { runId, provenanceId: pid, key: unit.key });
    });
  const keep = options.stored?.keep;
  let measured = 0;
  const record = async (unit: WorkUnit<W>, row: R) => {
    const written = checkpoint.add({ type: 'row', provenance_id: pid, key: unit.key, row: keep ? keep(row) : row });
    // The last one: nothing more to wait for. (A failed write rejects `written`.)
    if (++measured === todo.length) checkpoint.flush({ quietly: true });
    await written;
    latest.set(unit.key, row);
    progress.tick(isSuccess(row));
  };
  try {
    await Promise.all(todo.map((unit, i) => measure(unit, i).then((row) => record(unit, row))));
  } finally {
    checkpoint.close();
  }

  // 3. one row per unit, in work-list order.
  const rows = options.work.map((w) => latest.get(w.key)).filter((r): r is R => r !== undefined);
  return { runId, provenanceId: pid, rows, resumed: done.size, made: todo.length, setAside: { rows: setAsideRows, reasons }, damaged };
}
