/**
 * Running notebooks headless, with Node.js alone: each notebook runs in its own child
 * process (`kernel-child.ts`), like a fresh Jupyter kernel whose working directory is the
 * notebook's folder; the executed copy, outputs included, is written to `outFile`.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { displayPath, repoPath } from '../paths';
import type { ChildMessage } from './kernel-child';

export interface CellProgress {
  index: number;
  id: string;
  ok: boolean;
  ms: number;
  done: number;
  total: number;
}

export interface RunOptions {
  outFile: string;
  /** Longest a single cell may run. Default 10 minutes. */
  cellTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  onProgress?: (p: CellProgress) => void;
  /** Progress lines printed by long-running cells, as they happen. */
  onCellProgress?: (line: string) => void;
}

export interface RunResult {
  notebook: string;
  outFile: string;
  ok: boolean;
  cells: number;
  ms: number;
  /** 0-based index of the failing cell, and its id. */
  failedCell?: number;
  failedCellId?: string;
  error?: string;
}

/** The compiled kernel (the runner always runs the compiled library, as notebooks do). */
export const KERNEL_CHILD = repoPath('dist', 'workshop', 'kernel-child.js');

export function runNotebook(file: string, options: RunOptions): Promise<RunResult> {
  const notebook = path.resolve(file);
  if (!existsSync(KERNEL_CHILD)) return Promise.reject(new Error(`The compiled library is missing (${displayPath(KERNEL_CHILD)}). Fix: run \`npm run build\`.`));
  const cellTimeoutMs = options.cellTimeoutMs ?? 10 * 60_000;
  const started = performance.now();
  return new Promise((resolve) => {
    const child = fork(KERNEL_CHILD, [notebook, path.resolve(options.outFile)], {
      cwd: path.dirname(notebook),
      execArgv: [], // a plain Node.js kernel, whatever loaders the parent runs with
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let total = 0;
    let done = 0;
    let finished: RunResult | null = null;
    let lastCellId = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        finished = { notebook, outFile: options.outFile, ok: false, cells: total, ms: performance.now() - started, failedCell: done, error: `a cell ran longer than ${Math.round(cellTimeoutMs / 1000)} s and was stopped` };
        child.kill('SIGKILL');
      }, cellTimeoutMs);
    };
    arm();
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'start') total = m.cells;
      if (m.type === 'progress') options.onCellProgress?.(m.line);
      if (m.type === 'cell') {
        done++;
        lastCellId = m.id;
        arm();
        options.onProgress?.({ index: m.index, id: m.id, ok: m.ok, ms: m.ms, done, total });
      }
      if (m.type === 'done') {
        finished = { notebook, outFile: options.outFile, ok: m.ok, cells: total, ms: performance.now() - started, failedCell: m.failedCell, failedCellId: m.ok ? undefined : lastCellId, error: m.error };
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(finished ?? { notebook, outFile: options.outFile, ok: false, cells: total, ms: performance.now() - started, error: `the kernel process ended unexpectedly (${signal ?? `exit code ${code}`})` });
    });
  });
}
