/**
 * Running notebooks headless, with Node.js alone: each notebook runs in its own child
 * process (`kernel-child.ts`), like a fresh Jupyter kernel whose working directory is the
 * notebook's folder; the executed copy, outputs included, is written to `outFile`.
 * Outputs follow nbformat 4.5: https://nbformat.readthedocs.io/en/latest/format_description.html#code-cell-outputs
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { displayPath, repoPath } from '../core/paths';
import type { ChildMessage } from './kernel-child';
import { readNotebook, writeNotebook } from './notebook';
import { WorkshopError } from '../core/errors';
import { m } from '../core/i18n';

export interface CellProgress {
  /** 0-based position of the cell among ALL cells of the notebook. */
  index: number;
  id: string;
  ok: boolean;
  ms: number;
  /** Code cells finished so far (this one included), and code cells in the notebook. */
  done: number;
  total: number;
}

export interface RunOptions {
  /** Where the executed notebook goes. Default `outputs/executed/<name>.ipynb`. */
  outFile?: string;
  /** Longest the whole notebook may run. Default 30 minutes. */
  timeoutMs?: number;
  /** Longest a single cell may run. Default 10 minutes. */
  cellTimeoutMs?: number;
  /** Extra environment variables for the kernel process. */
  env?: NodeJS.ProcessEnv;
  onProgress?: (p: CellProgress) => void;
  /** Progress lines printed by long-running cells, as they happen. */
  onCellProgress?: (line: string) => void;
  /** Also run each "Try it" worked answer, as a code cell right after its markdown cell (`withWorkedAnswers`). */
  answers?: boolean;
}

export interface RunResult {
  notebook: string;
  outFile: string;
  ok: boolean;
  /** Number of code cells in the notebook. */
  cells: number;
  ms: number;
  /** 0-based index (among all cells) of the failing cell, and its id. */
  failedCell?: number;
  failedCellId?: string;
  /** 1-based number of the failing cell among the code cells, as the progress lines count. */
  failedCellNumber?: number;
  /** The error alone, e.g. `Error: dataset missing`. */
  error?: string;
  /** One sentence naming the notebook, the cell (number and id) and the whole error. */
  message?: string;
  /** What the kernel printed for the error, JavaScript stack included (shown with --verbose). */
  traceback?: string;
}

/** The compiled kernel (the runner always runs the compiled library, as notebooks do). */
export const KERNEL_CHILD = repoPath('dist', 'workshop', 'kernel-child.js');

/** Where an executed notebook goes by default: `outputs/executed/<name>.ipynb`. */
export function defaultOutFile(notebook: string): string {
  return repoPath('outputs', 'executed', path.basename(notebook));
}

/**
 * Run every code cell of a notebook in order, in a fresh kernel process, and write the
 * executed notebook. Resolves (never rejects for a failing cell) with `ok: false` and a
 * `message` naming the cell on the first failure; the outputs up to it are in `outFile`.
 */
export function runNotebook(file: string, options: RunOptions = {}): Promise<RunResult> {
  const notebook = path.resolve(file);
  const outFile = path.resolve(options.outFile ?? defaultOutFile(notebook));
  if (!existsSync(KERNEL_CHILD))
    return Promise.reject(
      new WorkshopError(m().errors.cli.noLibrary({ shown: displayPath(KERNEL_CHILD) }), { fix: m().errors.cli.runBuildFix }),
    );
  if (!existsSync(notebook))
    return Promise.reject(
      new WorkshopError(m().errors.cli.noNotebook({ shown: displayPath(notebook) }), { fix: m().errors.cli.noNotebookFix, file: notebook }),
    );
  const cellTimeoutMs = options.cellTimeoutMs ?? 10 * 60_000;
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const started = performance.now();
  const name = path.basename(notebook, '.ipynb');

  return new Promise((resolve) => {
    // 1. Start the kernel: a plain Node.js process in the notebook's folder, talking over IPC.
    const child = fork(KERNEL_CHILD, [notebook, outFile, ...(options.answers ? ['--answers'] : [])], {
      cwd: path.dirname(notebook),
      execArgv: [], // a plain Node.js kernel, whatever loaders the parent runs with
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });

    // 2. Follow the cells as the kernel reports them.
    let total = 0;
    let done = 0;
    let current: { index: number; id: string; count: number } | null = null;
    let failure: { index?: number; id?: string; number?: number; error: string; traceback?: string } | null = null;
    let finished = false;
    const fail = (error: string, traceback?: string) => {
      failure ??= { index: current?.index, id: current?.id, number: current?.count, error, traceback };
    };

    // 3. Timeouts: a stuck cell or notebook is killed, and recorded as the cell's error.
    let cellTimer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const stop = (error: string) => {
      if (timedOut || finished) return;
      timedOut = true;
      fail(error);
      child.kill('SIGKILL');
    };
    const armCell = () => {
      clearTimeout(cellTimer);
      cellTimer = setTimeout(
        () => stop(`the cell ran longer than ${seconds(cellTimeoutMs)} (per-cell limit) and was stopped`),
        cellTimeoutMs,
      );
    };
    // The cell clock runs while a cell runs; kernel start-up counts against the notebook only.
    const notebookTimer = setTimeout(
      () => stop(`the notebook ran longer than ${seconds(timeoutMs)} (per-notebook limit) and was stopped`),
      timeoutMs,
    );

    child.on('message', (m: ChildMessage) => {
      if (m.type === 'start') total = m.cells;
      if (m.type === 'cell-start') {
        current = { index: m.index, id: m.id, count: m.count };
        armCell();
      }
      if (m.type === 'progress') options.onCellProgress?.(m.line);
      if (m.type === 'cell') {
        done++;
        if (!m.ok) fail(m.error ?? 'the cell failed', m.traceback);
        clearTimeout(cellTimer);
        options.onProgress?.({ index: m.index, id: m.id, ok: m.ok, ms: m.ms, done, total });
        current = null;
      }
      if (m.type === 'done') {
        finished = true;
        if (!m.ok) fail(m.error ?? 'the notebook failed');
      }
    });

    // 4. The kernel has gone: report what happened.
    child.on('exit', (code, signal) => {
      clearTimeout(cellTimer);
      clearTimeout(notebookTimer);
      if (!finished && !timedOut)
        fail(`the kernel process ended unexpectedly (${signal ?? `exit code ${code}`}), e.g. a cell called process.exit()`);
      if (!finished && failure && current)
        recordError(outFile, current.index, current.count, timedOut ? 'TimeoutError' : 'KernelDied', failure.error);
      const result: RunResult = { notebook, outFile, ok: failure === null, cells: total, ms: performance.now() - started };
      if (failure) {
        const where =
          failure.number !== undefined ? `code cell ${failure.id} (number ${failure.number} of ${total})` : 'start-up, before any cell';
        Object.assign(result, {
          failedCell: failure.index,
          failedCellId: failure.id,
          failedCellNumber: failure.number,
          error: failure.error,
          traceback: failure.traceback,
          message: `${name} failed at ${where}: ${failure.error}`,
        });
      }
      resolve(result);
    });
  });
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/** Put a timeout or a crash into the executed notebook as the stopped cell's error output. */
function recordError(outFile: string, cellIndex: number, count: number, ename: string, error: string): void {
  try {
    const nb = readNotebook(outFile);
    const cell = nb.cells[cellIndex];
    if (cell?.cell_type !== 'code') return;
    cell.execution_count = count;
    cell.outputs = [...(cell.outputs ?? []), { output_type: 'error', ename, evalue: error, traceback: [`${ename}: ${error}`] }];
    writeNotebook(outFile, nb);
  } catch {
    // The partial notebook stays as the kernel last wrote it.
  }
}
