/**
 * The notebook format (Jupyter nbformat 4.5, https://nbformat.readthedocs.io/): reading,
 * writing (atomically, with Jupyter's own layout), building, and checking notebooks for
 * the tslab TypeScript kernel.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../files';
import { displayPath } from '../paths';

export type MimeBundle = Record<string, string>;

export type Output =
  | { output_type: 'stream'; name: 'stdout' | 'stderr'; text: string[] }
  | { output_type: 'display_data'; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: 'execute_result'; data: MimeBundle; metadata: Record<string, unknown>; execution_count: number | null }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

export interface Cell {
  cell_type: 'markdown' | 'code' | 'raw';
  id: string;
  metadata: Record<string, unknown>;
  source: string[] | string;
  outputs?: Output[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

export const TSLAB_KERNELSPEC = { display_name: 'TypeScript (tslab)', language: 'typescript', name: 'tslab' };

/** A cell's source as one string. */
export function sourceText(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** Split text into nbformat's list of lines (each but the last keeps its newline). */
export function toLines(text: string): string[] {
  const lines = text.split('\n');
  return lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l)).filter((l, i) => l !== '' || i < lines.length - 1);
}

export function readNotebook(file: string): Notebook {
  let nb: Notebook;
  try {
    nb = JSON.parse(readFileSync(file, 'utf8')) as Notebook;
  } catch (err) {
    throw new Error(`Cannot read the notebook ${displayPath(file)}: ${(err as Error).message}. Fix: restore it with git (git checkout -- ${displayPath(file)}).`);
  }
  if (!Array.isArray(nb?.cells)) throw new Error(`${displayPath(file)} is not a Jupyter notebook (no "cells" list).`);
  return nb;
}

/** Write a notebook atomically, indented like Jupyter does (1 space). */
export function writeNotebook(file: string, nb: Notebook): void {
  writeFileAtomic(file, `${JSON.stringify(nb, null, 1)}\n`);
}

export function markdownCell(source: string, id: string): Cell {
  return { cell_type: 'markdown', id, metadata: {}, source: toLines(source) };
}

export function codeCell(source: string, id: string): Cell {
  return { cell_type: 'code', id, metadata: {}, source: toLines(source), outputs: [], execution_count: null };
}

export function newNotebook(cells: Cell[]): Notebook {
  return {
    cells,
    metadata: { kernelspec: { ...TSLAB_KERNELSPEC }, language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Problems that would make a committed notebook wrong for this project. */
export function checkNotebook(nb: Notebook): string[] {
  const problems: string[] = [];
  const ks = (nb.metadata?.kernelspec ?? {}) as { name?: string };
  if (ks.name !== 'tslab') problems.push(`kernelspec is ${JSON.stringify(ks.name)}, not "tslab"`);
  if (nb.nbformat !== 4 || nb.nbformat_minor < 5) problems.push(`nbformat ${nb.nbformat}.${nb.nbformat_minor} (4.5 needed for cell ids)`);
  const ids = new Set<string>();
  nb.cells.forEach((c, i) => {
    if (!c.id) problems.push(`cell ${i + 1} has no id`);
    else if (ids.has(c.id)) problems.push(`cell ${i + 1} repeats the id ${c.id}`);
    ids.add(c.id);
    if (c.cell_type === 'code' && ((c.outputs ?? []).length > 0 || c.execution_count)) problems.push(`cell ${i + 1} (${c.id}) was committed with outputs`);
  });
  return problems;
}
