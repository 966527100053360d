/**
 * The notebook format (Jupyter nbformat 4.5, https://nbformat.readthedocs.io/): reading,
 * writing (atomically, with Jupyter's own layout), building, and checking notebooks for
 * the tslab TypeScript kernel.
 */
import { createHash } from 'node:crypto';
import { readTextUtf8, writeFileAtomic } from '../core/files';
import { displayPath } from '../core/paths';
import { WorkshopError } from '../core/errors';
import { m } from '../core/i18n';

/**
 * Data of a rich output, by MIME type. As in files Jupyter writes, text values are stored
 * as lists of lines (JSON types as values); `mimeText` joins either form back.
 */
export type MimeBundle = Record<string, unknown>;

/** A MIME bundle's value as one string (nbformat stores text as a string or a list of lines). */
export function mimeText(bundle: MimeBundle, mime: string): string {
  const value = bundle[mime];
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((l) => typeof l === 'string')) return value.join('');
  return JSON.stringify(value);
}

/** A MIME bundle in Jupyter's on-disk form: text values split into lines, JSON kept as is. */
export function splitMimeBundle(bundle: MimeBundle): MimeBundle {
  const out: MimeBundle = {};
  for (const [mime, value] of Object.entries(bundle)) {
    const isJson = mime === 'application/json' || mime.endsWith('+json');
    out[mime] = typeof value === 'string' && !isJson ? toLines(value) : value;
  }
  return out;
}

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

/** Read a notebook; a missing file or broken JSON gives one error naming the file and the fix. */
export function readNotebook(file: string): Notebook {
  const text = readTextUtf8(file, { what: 'the notebook' });
  let nb: Notebook;
  try {
    nb = JSON.parse(text) as Notebook;
  } catch (err) {
    throw new WorkshopError(m().errors.cli.notebookJson({ shown: displayPath(file), message: (err as Error).message }), {
      fix: m().errors.cli.notebookJsonFix({ shown: displayPath(file) }),
      file,
    });
  }
  if (!Array.isArray(nb?.cells))
    throw new WorkshopError(m().errors.cli.notNotebook({ shown: displayPath(file) }), {
      fix: m().errors.cli.notNotebookFix,
      file,
    });
  return nb;
}

/** The same JSON value with every object's keys sorted, as Jupyter writes notebooks. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

/**
 * Write a notebook atomically (temp file + rename), laid out like Jupyter does: keys
 * sorted, 1-space indent, trailing newline — so saving in Jupyter gives no spurious diff.
 */
export function writeNotebook(file: string, nb: Notebook): void {
  writeFileAtomic(file, notebookJson(nb));
}

/** A notebook's file text as `writeNotebook` writes it (keys sorted, 1-space indent, trailing newline). */
export function notebookJson(nb: Notebook): string {
  return `${JSON.stringify(sortKeys(nb), null, 1)}\n`;
}

/** A stable cell id derived from the cell's source (same source, same id). */
export function cellIdFor(source: string): string {
  return `c-${createHash('sha1').update(source).digest('hex').slice(0, 8)}`;
}

export function markdownCell(source: string, id: string = cellIdFor(source)): Cell {
  return { cell_type: 'markdown', id, metadata: {}, source: toLines(source) };
}

export function codeCell(source: string, id: string = cellIdFor(source)): Cell {
  return { cell_type: 'code', id, metadata: {}, source: toLines(source), outputs: [], execution_count: null };
}

/** A notebook for the tslab kernel; repeated cell ids get a suffix (`-2`, `-3`…). */
export function newNotebook(cells: Cell[]): Notebook {
  const seen = new Map<string, number>();
  const unique = cells.map((cell) => {
    const n = (seen.get(cell.id) ?? 0) + 1;
    seen.set(cell.id, n);
    return n === 1 ? cell : { ...cell, id: `${cell.id}-${n}` };
  });
  return {
    cells: unique,
    metadata: {
      kernelspec: { ...TSLAB_KERNELSPEC },
      language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** A copy of the notebook with every code cell's outputs and execution count cleared. */
export function stripOutputs(nb: Notebook): Notebook {
  return { ...nb, cells: nb.cells.map((c) => (c.cell_type === 'code' ? { ...c, outputs: [], execution_count: null } : { ...c })) };
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
    if (c.cell_type === 'code' && ((c.outputs ?? []).length > 0 || c.execution_count))
      problems.push(`cell ${i + 1} (${c.id}) was committed with outputs`);
  });
  for (const a of workedAnswers(nb)) {
    const text = sourceText(nb.cells[a.index]);
    if (!a.code.trim()) problems.push(`cell ${a.index + 1} (${a.cellId}) is a worked answer without a \`\`\`typescript block`);
    else if (!/<details>/.test(text) || /<details[^>]*\sopen/.test(text))
      problems.push(`cell ${a.index + 1} (${a.cellId}) is a worked answer that is not collapsed (wrap it in <details>)`);
  }
  return problems;
}

/**
 * "Try it" exercises. Each exercise's worked answer is a markdown cell tagged `worked-answer`
 * (`metadata.tags`) whose collapsed `<details>` section holds the answer's code in one
 * fenced ```typescript block — collapsed in every front end (classic Notebook, JupyterLab,
 * VS Code, GitHub), and never run by Run All, so an attendee sees no answer before trying.
 * `npm run workshop -- --answers` (and the tests) run each answer as a code cell inserted
 * right after its markdown cell.
 */
export const WORKED_ANSWER_TAG = 'worked-answer';

export interface WorkedAnswer {
  /** Id of the markdown cell that holds the answer. */
  cellId: string;
  /** 0-based position of that cell in the notebook. */
  index: number;
  /** The answer's TypeScript, as written in its fenced block. */
  code: string;
}

const FENCE = /```(?:typescript|ts)[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*```/;

function isWorkedAnswer(cell: Cell): boolean {
  const tags = (cell.metadata?.tags ?? []) as unknown;
  return cell.cell_type === 'markdown' && Array.isArray(tags) && tags.includes(WORKED_ANSWER_TAG);
}

/** The worked answers of a notebook, in order (a tagged cell without a code block has `code` ''). */
export function workedAnswers(nb: Notebook): WorkedAnswer[] {
  return nb.cells.flatMap((cell, index) =>
    isWorkedAnswer(cell) ? [{ cellId: cell.id, index, code: sourceText(cell).match(FENCE)?.[1] ?? '' }] : [],
  );
}

/** Id of the code cell that runs a worked answer. */
export const answerCellId = (cellId: string): string => `${cellId}-run`;

/**
 * A copy of the notebook with each worked answer's code inserted as a code cell right after
 * its markdown cell (id `<answer id>-run`, `metadata.workshop.answerOf` naming the answer).
 */
export function withWorkedAnswers(nb: Notebook): Notebook {
  const cells: Cell[] = [];
  for (const cell of nb.cells) {
    cells.push(cell);
    if (!isWorkedAnswer(cell)) continue;
    const [answer] = workedAnswers({ ...nb, cells: [cell] });
    cells.push({ ...codeCell(answer.code, answerCellId(cell.id)), metadata: { workshop: { answerOf: cell.id } } });
  }
  return { ...nb, cells };
}
