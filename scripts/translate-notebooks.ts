/**
 * Build the Brazilian Portuguese notebooks from the English ones: `npm run notebooks`.
 *
 * The English notebook `notebooks/<step>/<step>.ipynb` is the source. Its translation lives
 * next to it in `notebooks/<step>/<step>.pt-BR.md`, a Markdown file a translator edits in any
 * editor (no JSON escaping, long prose stays readable, and the file renders on GitHub):
 *
 *   <!-- markdown setup-01 -->            the whole Portuguese text of markdown cell setup-01,
 *   # 🚀 Passo 1: …                       up to the next marker
 *
 *   <!-- code setup-06 -->                for code cell setup-06: pairs of fenced blocks,
 *   ```en                                 an English comment (a run of `//` lines is one
 *   // Open a session                     block) or string literal (quotes included, as in
 *   ```                                   the code) …
 *   ```pt-BR
 *   // Abra uma sessão                    … and what replaces it. Nothing else of a code
 *   ```                                   cell changes: the code is the English code.
 *
 * The generated notebook `notebooks/<step>/<step>.pt-BR.ipynb` keeps every cell, id, type
 * and metadata of the English one, is written without outputs and is deterministic; a test
 * (test/notebooks-pt-br.test.ts) regenerates it and compares. The build stops, naming the
 * file, the cell and the fix, when a markdown cell or a code comment has no translation, or
 * when a listed English text no longer occurs in its cell (the English changed).
 *
 *   npm run notebooks            regenerate every pt-BR notebook
 *   npm run notebooks -- --check exit 1 (naming the files) when a committed one is out of date
 *   npm run notebooks -- --skeleton 03_latency   print a translation file to start from (English text)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { type Cell, type Notebook, notebookJson, readNotebook, sourceText, toLines, writeNotebook } from '../src/workshop/notebook';

export const ROOT = path.resolve(__dirname, '..');
export const NOTEBOOKS_DIR = path.join(ROOT, 'notebooks');
/** The languages a notebook is translated into, besides its English source. */
export const TRANSLATIONS = ['pt-BR'] as const;
export type TranslationLanguage = (typeof TRANSLATIONS)[number];

/** One English text of a code cell (a comment block or a string literal) and its translation. */
export interface Pair {
  en: string;
  tr: string;
  /** 1-based line of the ```en block in the translation file. */
  line: number;
}

export interface Translation {
  file: string;
  markdown: Map<string, string>;
  code: Map<string, Pair[]>;
}

function fail(file: string, line: number | null, what: string, fix: string): never {
  const where = line === null ? path.relative(ROOT, file) : `${path.relative(ROOT, file)}:${line}`;
  throw new Error(`${where}: ${what}\nFix: ${fix}`);
}

const MARKER = /^<!-- (markdown|code) ([\w.-]+) -->[ \t]*$/;

/** Parse a translation file (the format is in this file's header). */
export function parseTranslation(file: string, text: string): Translation {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const markdown = new Map<string, string>();
  const code = new Map<string, Pair[]>();
  let i = 0;
  while (i < lines.length && !MARKER.test(lines[i])) i++;
  while (i < lines.length) {
    const [, kind, id] = lines[i].match(MARKER)!;
    const start = i + 1;
    if (markdown.has(id) || code.has(id)) fail(file, i + 1, `the cell ${id} is translated twice.`, 'keep one of the two sections.');
    let end = start;
    while (end < lines.length && !MARKER.test(lines[end])) end++;
    const body = lines.slice(start, end);
    if (kind === 'markdown') {
      markdown.set(id, body.join('\n').replace(/^\n+/, '').replace(/\s+$/, ''));
    } else {
      const pairs: Pair[] = [];
      let pending: { text: string; line: number } | null = null;
      for (let j = 0; j < body.length; j++) {
        const open = body[j].match(/^(`{3,})(en|pt-BR)[ \t]*$/);
        if (!open) {
          if (body[j].trim() && !body[j].startsWith('<!--'))
            fail(file, start + j + 1, `text outside a fenced block in the code section of ${id}.`, 'put it in a ```en or ```pt-BR block.');
          continue;
        }
        const close = body.findIndex((l, k) => k > j && l === open[1]);
        if (close < 0) fail(file, start + j + 1, `a ${open[1]}${open[2]} block is never closed.`, `close it with a line ${open[1]}.`);
        const textOfBlock = body.slice(j + 1, close).join('\n');
        if (open[2] === 'en') {
          if (pending) fail(file, pending.line, `an \`\`\`en block of ${id} has no \`\`\`pt-BR block after it.`, 'add its translation.');
          pending = { text: textOfBlock, line: start + j + 1 };
        } else {
          if (!pending) fail(file, start + j + 1, `a \`\`\`pt-BR block of ${id} follows no \`\`\`en block.`, 'put the English text first.');
          pairs.push({ en: pending.text, tr: textOfBlock, line: pending.line });
          pending = null;
        }
        j = close;
      }
      if (pending) fail(file, pending.line, `an \`\`\`en block of ${id} has no \`\`\`pt-BR block after it.`, 'add its translation.');
      code.set(id, pairs);
    }
    i = end;
  }
  return { file, markdown, code };
}

/** A comment block of a code cell: a `/* … *\/` comment, or a run of `//` lines (each starting its line). */
export interface CommentBlock {
  start: number;
  end: number;
  /** The block's lines without their indentation, joined by newlines: the key in a translation file. */
  text: string;
  /** Indentation of the block's first line. */
  indent: string;
}

/** The comments of TypeScript code, found with the compiler's own scanner (never inside strings, templates or regexes). */
export function commentBlocks(code: string): CommentBlock[] {
  const sf = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const ranges = new Map<number, ts.CommentRange>();
  const collect = (pos: number) => {
    for (const r of [...(ts.getLeadingCommentRanges(code, pos) ?? []), ...(ts.getTrailingCommentRanges(code, pos) ?? [])])
      ranges.set(r.pos, r);
  };
  const visit = (node: ts.Node) => {
    collect(node.pos);
    collect(node.end);
    node.forEachChild(visit);
  };
  visit(sf);
  collect(sf.endOfFileToken.pos);
  const sorted = [...ranges.values()].sort((a, b) => a.pos - b.pos);
  const lineStart = (pos: number) => code.lastIndexOf('\n', pos - 1) + 1;
  const startsLine = (pos: number) => /^[ \t]*$/.test(code.slice(lineStart(pos), pos));
  const blocks: CommentBlock[] = [];
  for (const r of sorted) {
    const last = blocks[blocks.length - 1];
    const single = r.kind === ts.SyntaxKind.SingleLineCommentTrivia;
    const joins =
      last &&
      single &&
      startsLine(r.pos) &&
      startsLine(last.start) &&
      last.text.startsWith('//') &&
      !last.text.includes('/*') &&
      /^\n[ \t]*$/.test(code.slice(last.end, r.pos)) &&
      code.slice(lineStart(r.pos), r.pos) === last.indent;
    const text = code.slice(r.pos, r.end);
    if (joins) {
      last.end = r.end;
      last.text += `\n${text}`;
    } else {
      blocks.push({ start: r.pos, end: r.end, text, indent: startsLine(r.pos) ? code.slice(lineStart(r.pos), r.pos) : '' });
    }
  }
  return blocks;
}

/** A string literal of TypeScript code ('…', "…", `…` with or without `${}`), as written. */
export interface Literal {
  start: number;
  end: number;
  text: string;
}

/** The string literals of TypeScript code, in order, a template before the literals inside its `${}`. */
export function stringLiterals(code: string): Literal[] {
  const sf = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Literal[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node))
      out.push({ start: node.getStart(sf), end: node.end, text: node.getText(sf) });
    node.forEachChild(visit);
  };
  visit(sf);
  return out;
}

/** The code of an English code cell with its comments and the listed literals replaced by their translations. */
export function translateCode(code: string, pairs: Pair[], cellId: string, file: string): string {
  const edits: { start: number; end: number; text: string }[] = [];
  const used = new Set<Pair>();
  for (const block of commentBlocks(code)) {
    const pair = pairs.find((p) => p.en === block.text);
    if (!pair)
      fail(
        file,
        null,
        `the comment of code cell ${cellId} has no translation:\n${block.text}`,
        `add to the section <!-- code ${cellId} --> a \`\`\`en block with this comment, exactly, and a \`\`\`pt-BR block with its translation.`,
      );
    used.add(pair);
    const lines = pair.tr.split('\n');
    edits.push({ start: block.start, end: block.end, text: lines.map((l, k) => (k === 0 ? l : `${block.indent}${l}`)).join('\n') });
  }
  for (const lit of stringLiterals(code)) {
    const pair = pairs.find((p) => p.en === lit.text);
    // A literal inside a template that is translated as a whole goes with it.
    if (!pair || edits.some((e) => e.start <= lit.start && lit.end <= e.end)) continue;
    used.add(pair);
    edits.push({ start: lit.start, end: lit.end, text: pair.tr });
  }
  for (const pair of pairs)
    if (!used.has(pair))
      fail(
        file,
        pair.line,
        `code cell ${cellId} has no comment or string literal that reads:\n${pair.en}`,
        'the English changed: update or delete this pair (a string literal is written with its quotes, as in the code).',
      );
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The path of a notebook's edition in a language: `<step>.ipynb` → `<step>.<lang>.ipynb`. */
export function editionPath(englishFile: string, language: TranslationLanguage): string {
  return englishFile.replace(/\.ipynb$/, `.${language}.ipynb`);
}

/** The translation file of a notebook: `<step>.ipynb` → `<step>.<lang>.md`. */
export function translationPath(englishFile: string, language: TranslationLanguage): string {
  return englishFile.replace(/\.ipynb$/, `.${language}.md`);
}

/** The translated notebook, built from the English notebook and its translation (nothing is written). */
export function translateNotebook(english: Notebook, translation: Translation): Notebook {
  const file = translation.file;
  const ids = new Set(english.cells.map((c) => c.id));
  for (const id of [...translation.markdown.keys(), ...translation.code.keys()])
    if (!ids.has(id))
      fail(file, null, `the section of cell ${id} translates no cell of the English notebook.`, 'delete it, or correct its id.');
  const cells: Cell[] = english.cells.map((cell) => {
    const text = sourceText(cell);
    if (cell.cell_type === 'markdown') {
      if (translation.code.has(cell.id)) fail(file, null, `cell ${cell.id} is a markdown cell.`, `mark it <!-- markdown ${cell.id} -->.`);
      const tr = translation.markdown.get(cell.id);
      if (tr === undefined || (!tr.trim() && text.trim()))
        fail(file, null, `markdown cell ${cell.id} has no translation.`, `add a section <!-- markdown ${cell.id} --> with its text.`);
      return { ...cell, source: toLines(tr) };
    }
    if (cell.cell_type === 'code') {
      if (translation.markdown.has(cell.id)) fail(file, null, `cell ${cell.id} is a code cell.`, `mark it <!-- code ${cell.id} -->.`);
      return {
        ...cell,
        source: toLines(translateCode(text, translation.code.get(cell.id) ?? [], cell.id, file)),
        outputs: [],
        execution_count: null,
      };
    }
    return { ...cell };
  });
  return { ...english, cells };
}

/** The English notebooks that have a translation file for the language. */
export function translatedNotebooks(language: TranslationLanguage): string[] {
  return readdirSync(NOTEBOOKS_DIR)
    .filter((d) => /^\d\d_/.test(d))
    .map((d) => path.join(NOTEBOOKS_DIR, d, `${d}.ipynb`))
    .filter((f) => existsSync(f) && existsSync(translationPath(f, language)));
}

/** Build one notebook's edition in a language, in memory. */
export function buildEdition(englishFile: string, language: TranslationLanguage): Notebook {
  const trFile = translationPath(englishFile, language);
  return translateNotebook(readNotebook(englishFile), parseTranslation(trFile, readFileSync(trFile, 'utf8')));
}

/** A translation file to start from: every markdown cell and code comment in English, to be overwritten by the translator. */
export function skeleton(english: Notebook): string {
  const parts: string[] = [];
  for (const cell of english.cells) {
    if (cell.cell_type === 'markdown') parts.push(`<!-- markdown ${cell.id} -->\n${sourceText(cell)}\n`);
    if (cell.cell_type !== 'code') continue;
    const blocks = commentBlocks(sourceText(cell));
    if (blocks.length === 0) continue;
    parts.push(`<!-- code ${cell.id} -->\n${blocks.map((b) => `\`\`\`en\n${b.text}\n\`\`\`\n\`\`\`pt-BR\n${b.text}\n\`\`\`\n`).join('')}`);
  }
  return parts.join('\n');
}

function main(): number {
  const skeletonOf = process.argv.indexOf('--skeleton');
  if (skeletonOf > 0) {
    const step = process.argv[skeletonOf + 1];
    process.stdout.write(skeleton(readNotebook(path.join(NOTEBOOKS_DIR, step, `${step}.ipynb`))));
    return 0;
  }
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const language of TRANSLATIONS) {
    for (const file of translatedNotebooks(language)) {
      const nb = buildEdition(file, language);
      const out = editionPath(file, language);
      const rel = path.relative(ROOT, out);
      if (check) {
        if (!existsSync(out) || readFileSync(out, 'utf8') !== notebookJson(nb)) stale.push(rel);
      } else {
        writeNotebook(out, nb);
        console.log(`wrote ${rel}`);
      }
    }
  }
  if (stale.length) {
    console.error(`Out of date: ${stale.join(', ')}\nFix: run \`npm run notebooks\` and commit the notebooks.`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  try {
    process.exit(main());
  } catch (error) {
    console.error(`notebooks: ${(error as Error).message}`);
    process.exit(1);
  }
}
