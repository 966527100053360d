/**
 * Live progress of a long run: completed / total, errors so far and a rough time left,
 * printed as short lines (they read well in a notebook cell and in a CI log alike).
 *
 * Time left = elapsed ÷ completed × remaining — a straight-line estimate that is rough at
 * the start and improves as calls finish.
 */
import { formatNumber } from '../core/format';
import { m } from '../core/i18n';

export interface ProgressState {
  label: string;
  total: number;
  completed: number;
  errors: number;
  skipped: number;
  elapsedMs: number;
  etaMs: number | null;
}

export interface ProgressOptions {
  label: string;
  total: number;
  /** Already done before this run (resumed); counted as completed, not timed. */
  skipped?: number;
  /** Print at most every `everyMs` (and always at the end). Default 2000. */
  everyMs?: number;
  print?: (line: string) => void;
  now?: () => number;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(s % 60).padStart(2, '0')}s`;
}

export function formatProgress(p: ProgressState): string {
  const pct = p.total === 0 ? 100 : Math.floor((p.completed / p.total) * 100);
  const t = m().views.runs.progress;
  const n = (x: number) => formatNumber(x, 'auto');
  const parts = [`${p.label}: ${n(p.completed)}/${n(p.total)} (${pct}%)`, t.errors({ n: n(p.errors) })];
  if (p.skipped > 0) parts.push(t.resumed({ n: n(p.skipped) }));
  parts.push(
    p.completed >= p.total
      ? t.doneIn({ time: formatDuration(p.elapsedMs) })
      : t.left({ time: p.etaMs === null ? '?' : formatDuration(p.etaMs) }),
  );
  return parts.join(' · ');
}

let progressSink: ((line: string) => void) | null = null;

/**
 * Where progress lines go besides the cell's output: the headless runner's kernel sets a
 * sink that forwards them to the terminal as they happen (`null` removes it).
 */
export function setProgressSink(sink: ((line: string) => void) | null): void {
  progressSink = sink;
}

/** Print a progress line in the cell's output, and hand it to the sink (if one is set). */
export function printProgress(line: string): void {
  console.log(line);
  progressSink?.(line);
}

export class Progress {
  private readonly started: number;
  private lastPrint = -Infinity;
  private done = 0;
  private errors = 0;
  private readonly skipped: number;
  private readonly print: (line: string) => void;
  private readonly now: () => number;
  private readonly everyMs: number;

  constructor(private readonly opts: ProgressOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.print = opts.print ?? printProgress;
    this.everyMs = opts.everyMs ?? 2000;
    this.skipped = opts.skipped ?? 0;
    this.started = this.now();
  }

  state(): ProgressState {
    const elapsedMs = this.now() - this.started;
    const completed = this.skipped + this.done;
    const remaining = this.opts.total - completed;
    return {
      label: this.opts.label,
      total: this.opts.total,
      completed,
      errors: this.errors,
      skipped: this.skipped,
      elapsedMs,
      etaMs: this.done === 0 ? null : (elapsedMs / this.done) * remaining,
    };
  }

  /** Record one finished call and print when it is time. */
  tick(ok: boolean): void {
    this.done += 1;
    if (!ok) this.errors += 1;
    const t = this.now();
    const finished = this.skipped + this.done >= this.opts.total;
    if (finished || t - this.lastPrint >= this.everyMs) {
      this.lastPrint = t;
      this.print(formatProgress(this.state()));
    }
  }

  /** Print the current state now (e.g. at the start, or when nothing was left to do). */
  report(): void {
    this.lastPrint = this.now();
    this.print(formatProgress(this.state()));
  }
}
