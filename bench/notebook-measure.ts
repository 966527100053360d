/**
 * Notebook 03's measured function, as the workshop runs it: read from the notebook's code
 * cell (`async function measureStream(…)`), its imports removed, compiled from TypeScript to
 * JavaScript and given the SDK command classes it uses — so the bench times exactly the
 * function attendees read and edit, not a copy that could drift from it.
 */
import { ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import ts from 'typescript';
import type { MeasureCall } from '../src/core/bedrock';
import { WorkshopError } from '../src/core/errors';
import { repoPath } from '../src/core/paths';
import { readNotebook, sourceText } from '../src/workshop/notebook';

export const NOTEBOOK_03 = repoPath('notebooks', '03_latency', '03_latency.ipynb');

/** The code cell of notebook 03 that defines `name`, compiled into a function. */
export function notebookMeasure(name = 'measureStream', file = NOTEBOOK_03): MeasureCall {
  const cell = readNotebook(file).cells.find((c) => c.cell_type === 'code' && new RegExp(`async function ${name}\\(`).test(sourceText(c)));
  if (!cell) throw new WorkshopError(`No code cell of ${file} defines async function ${name}(…).`, { fix: 'check the function name.' });
  // Imports (one line or several) are provided below, not resolved from the notebook's folder.
  const code = sourceText(cell).replace(/^import\s[\s\S]*?from\s+'[^']+';[ \t]*$/gm, '');
  const js = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
  const make = new Function('ConverseCommand', 'ConverseStreamCommand', `${js}\nreturn ${name};`);
  return make(ConverseCommand, ConverseStreamCommand) as MeasureCall;
}
