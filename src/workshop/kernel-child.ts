/**
 * The headless kernel: runs ONE notebook's code cells in order in this (child) process,
 * like a Jupyter kernel would — tslab's own converter and executor, so TypeScript is
 * type-checked exactly as in Jupyter — and records each cell's outputs in nbformat.
 *
 * The parent (`runner.ts`) starts it with `fork`, with the notebook's folder as working
 * directory, and receives progress messages. Arguments: the notebook, the executed copy to
 * write, and optionally `--answers` (run the worked answers of the "Try it" exercises too). Being a separate process, a server or timer
 * left running by a cell cannot keep the runner alive: the child exits when done.
 */
import path from 'node:path';
import { format } from 'node:util';
import {
  readNotebook,
  sourceText,
  splitMimeBundle,
  stripOutputs,
  toLines,
  withWorkedAnswers,
  writeNotebook,
  type MimeBundle,
  type Output,
} from './notebook';
import { setProgressSink } from '../runs/progress';

export type ChildMessage =
  | { type: 'start'; cells: number }
  | { type: 'cell-start'; index: number; id: string; count: number }
  | { type: 'cell'; index: number; id: string; ok: boolean; ms: number; error?: string; traceback?: string }
  | { type: 'progress'; line: string }
  | { type: 'done'; ok: boolean; failedCell?: number; error?: string };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const tslabJupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createConverter } = require('tslab/dist/converter') as {
  createConverter(o: { isJS: boolean; isBrowser: boolean }): { close(): void };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createExecutor } = require('tslab/dist/executor') as {
  createExecutor(rootDir: string, convs: unknown, console: unknown): { execute(src: string): Promise<boolean>; close(): void };
};

/**
 * Name and message of what tslab printed for a failed cell: a thrown error's
 * `Name: message` line, or TypeScript diagnostics (`line:col - message`).
 */
/**
 * The error of a failed cell from what tslab printed on stderr: its name and its WHOLE
 * message (every line — a library error's "Fix:" included), without the JavaScript stack.
 */
export function parseErrorText(stderr: string): { ename: string; evalue: string } {
  const lines = stderr.replace(/\s+$/, '').split('\n');
  const at = lines.findIndex((l) => /^(?:Uncaught )?([A-Za-z_$][\w$]*(?:Error|Exception)|Error)(?: \[[^\]]+\])?: /.test(l.trim()));
  if (at >= 0) {
    const [, ename, first] =
      lines[at].trim().match(/^(?:Uncaught )?([A-Za-z_$][\w$]*(?:Error|Exception)|Error)(?: \[[^\]]+\])?: (.*)$/) ?? [];
    const rest = [];
    for (const line of lines.slice(at + 1)) {
      if (/^\s+at /.test(line) || /^\s*\{\s*$/.test(line)) break; // the stack (or Node's property dump) starts
      rest.push(line.trimEnd());
    }
    while (rest.length && rest[rest.length - 1] === '') rest.pop();
    return { ename, evalue: [first, ...rest].join('\n') };
  }
  const trimmed = lines.map((l) => l.trim());
  const diagnostics = trimmed.filter((l) => /^\d+:\d+ - /.test(l));
  if (diagnostics.length) return { ename: 'TypeScriptError', evalue: diagnostics.join('\n') };
  return { ename: 'Error', evalue: trimmed.find((l) => l && !l.startsWith('evalmachine')) ?? 'the cell failed' };
}

function send(message: ChildMessage): void {
  if (process.send) process.send(message);
}

async function main(): Promise<void> {
  const [file, outFile, mode] = process.argv.slice(2);
  // `--answers`: each "Try it" worked answer also runs, as a code cell after its markdown cell.
  const read = stripOutputs(readNotebook(file));
  const nb = mode === '--answers' ? withWorkedAnswers(read) : read;
  writeNotebook(outFile, nb); // replaces any older executed copy straight away
  const codeCells = nb.cells.filter((c) => c.cell_type === 'code');
  send({ type: 'start', cells: codeCells.length });

  // Outputs of the cell being run: stream text is merged per stream, display data appended.
  let outputs: Output[] = [];
  const appendStream = (name: 'stdout' | 'stderr', text: string) => {
    const last = outputs[outputs.length - 1];
    if (last && last.output_type === 'stream' && last.name === name) {
      last.text = toLines(last.text.join('') + text);
    } else {
      outputs.push({ output_type: 'stream', name, text: toLines(text) });
    }
  };
  const hook = (name: 'stdout' | 'stderr') =>
    ((chunk: string | Uint8Array) => {
      appendStream(name, typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = hook('stdout');
  process.stderr.write = hook('stderr');
  // tslab's display API (tslab.display.html(...), our display helpers) writes here.
  tslabJupyter.lastWriteDisplayData = (message: { data: MimeBundle; metadata?: Record<string, unknown> }) => {
    outputs.push({ output_type: 'display_data', data: splitMimeBundle(message.data), metadata: message.metadata ?? {} });
  };
  // Long-running cells report progress live to the runner's terminal.
  setProgressSink((line) => send({ type: 'progress', line }));
  // An error thrown later by leftover work belongs to the current cell's output.
  process.on('unhandledRejection', (reason) => appendStream('stderr', `Unhandled promise rejection: ${format(reason)}\n`));
  process.on('uncaughtException', (err) => appendStream('stderr', `Uncaught exception: ${format(err)}\n`));

  const convs = {
    node: createConverter({ isJS: false, isBrowser: false }),
    browser: createConverter({ isJS: false, isBrowser: true }),
    close() {},
  };
  const executor = createExecutor(path.dirname(path.resolve(file)), convs, { log: console.log, error: console.error });
  let count = 0;
  let failed: { index: number; error: string; traceback: string } | null = null;
  for (let i = 0; i < nb.cells.length; i++) {
    const cell = nb.cells[i];
    if (cell.cell_type !== 'code') continue;
    outputs = [];
    cell.outputs = outputs;
    cell.execution_count = ++count;
    send({ type: 'cell-start', index: i, id: cell.id, count });
    const started = performance.now();
    const ok = await executor.execute(sourceText(cell));
    const ms = performance.now() - started;
    if (!ok) {
      // tslab printed the compile or runtime error on stderr: make it the cell's error output.
      const stderr = outputs
        .filter((o) => o.output_type === 'stream' && o.name === 'stderr')
        .map((o) => (o as { text: string[] }).text.join(''))
        .join('');
      const kept = outputs.filter((o) => !(o.output_type === 'stream' && o.name === 'stderr'));
      outputs.length = 0;
      for (const o of kept) outputs.push(o);
      const { ename, evalue } = parseErrorText(stderr);
      outputs.push({ output_type: 'error', ename, evalue, traceback: stderr.trim().split('\n') });
      failed = { index: i, error: `${ename}: ${evalue}`, traceback: stderr.trim() };
    }
    send({
      type: 'cell',
      index: i,
      id: cell.id,
      ok,
      ms,
      error: ok ? undefined : failed?.error,
      traceback: ok ? undefined : failed?.traceback,
    });
    writeNotebook(outFile, nb); // after every cell: a crash still leaves the outputs so far
    if (!ok) break;
  }
  send(failed ? { type: 'done', ok: false, failedCell: failed.index, error: failed.error } : { type: 'done', ok: true });
  executor.close();
}

main()
  .catch((err: Error) => {
    send({ type: 'done', ok: false, error: err.message });
  })
  .finally(() => {
    // Leftover servers or timers of the notebook must not keep the kernel alive.
    setTimeout(() => process.exit(0), 50);
  });
