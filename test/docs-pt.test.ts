/**
 * The Portuguese documentation (README.pt-BR.md, docs/instructor-guide.pt-BR.md) kept in sync with the English one:
 * the same commands, links that resolve to committed files and existing headings, every English section with its
 * Portuguese counterpart, the guide's tables kept, figures and dates that the English text measured, and no
 * paragraph left in English.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const README_EN = 'README.md';
const README_PT = 'README.pt-BR.md';
const GUIDE_EN = 'docs/instructor-guide.md';
const GUIDE_PT = 'docs/instructor-guide.pt-BR.md';

/** Every `##` section of the English docs and the Portuguese heading that covers it. A new English section fails here until it is translated. */
const README_SECTIONS: Record<string, string> = {
  'Working interactively in Jupyter': 'Trabalhando no Jupyter',
  'Offline by default: the local Bedrock endpoint': 'Offline por padrão: o endpoint local do Bedrock',
  'Switching to real Amazon Bedrock': 'Usando o Amazon Bedrock de verdade',
  'Record once on AWS, replay in any classroom': 'Grave uma vez na AWS, reproduza em qualquer sala',
  'Using your own dataset and models': 'Usando o seu próprio dataset e os seus modelos',
  'Quality scoring (step 4) in brief': 'A avaliação de qualidade (passo 4) em resumo',
  'Scale-out: Bedrock batch inference': 'Escala: batch inference do Bedrock',
  'The task: fair prompts, and the metric that decides': 'A tarefa: prompts justos, e a métrica que decide',
  'Comparison and report (step 5) in brief': 'Comparação e relatório (passo 5) em resumo',
  'Reliability: runs that do not break, and results that know where they came from':
    'Confiabilidade: execuções que não quebram, e resultados que sabem de onde vieram',
  Configuration: 'Configuração',
  'The tracking CSV': 'O CSV de tracking',
  Layout: 'Estrutura do código',
  'Dependencies, and why these': 'Dependências',
  Development: 'Desenvolvimento e testes',
};
const README_PT_ONLY = ['A edição em português'];

const GUIDE_SECTIONS: Record<string, string> = {
  'The day at a glance': 'O dia num relance',
  'The day before: checklist': 'Na véspera: checklist',
  'Running a whole room offline': 'Uma turma inteira offline',
  'Notebook 01 — Setup': 'Notebook 01 — Setup',
  'Notebook 02 — The migration plan': 'Notebook 02 — O plano de migração',
  'Notebook 03 — Latency': 'Notebook 03 — Latência',
  'Notebook 04 — Quality': 'Notebook 04 — Qualidade',
  'Notebook 05 — Compare and recommend': 'Notebook 05 — Comparar e recomendar',
  'What breaks in a room, and the fix': 'O que quebra numa sala, e a correção',
  'The exercises': 'Os exercícios',
};
const GUIDE_PT_ONLY = ['Dando a aula na edição em português'];

/**
 * English words that never occur in Portuguese prose (function words only: no technical term Brazilian engineers
 * use in English). Hyphenated compounds (LLM-as-a-judge, what-if, in-region) are one word and never match.
 */
const ENGLISH_MARKERS = new Set(
  (
    'the and with which that this these those from when where what who why how should must would could will does ' +
    "doesn't don't isn't can't have has been than into only your you they their there is are was were of to by it its " +
    'not or if but then each every can cannot be on at in an our we after before about because without between'
  ).split(' '),
);

interface Line {
  text: string;
  line: number;
  inCode: boolean;
}

/** The lines of a Markdown file, each marked when it is inside a fenced code block (the fences included). */
function lines(markdown: string): Line[] {
  let inCode = false;
  return markdown.split('\n').map((text, i) => {
    const fence = /^\s*```/.test(text);
    const line = { text, line: i + 1, inCode: inCode || fence };
    if (fence) inCode = !inCode;
    return line;
  });
}

/** Headings outside code blocks: level and text. */
function headings(markdown: string): { level: number; text: string }[] {
  return lines(markdown)
    .filter((l) => !l.inCode)
    .map((l) => /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l.text))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ level: m[1].length, text: m[2] }));
}

/** GitHub's anchor of a heading: lower case, punctuation dropped (letters with accents kept), spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file, with GitHub's -1, -2 … for repeated headings. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const h of headings(markdown)) {
    const base = slug(h.text);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Shell commands of the fenced blocks (comments and blank lines dropped, spaces collapsed); `opening`: only before the first `##`. */
function shellCommands(markdown: string, opening = false): string[] {
  const all = lines(markdown);
  const end = opening ? all.findIndex((l) => !l.inCode && /^##\s/.test(l.text)) : -1;
  const scope = end === -1 ? all : all.slice(0, end);
  const commands: string[] = [];
  let shell = false;
  for (const l of scope) {
    const fence = /^\s*```\s*(\w*)/.exec(l.text);
    if (fence) {
      shell = !shell && ['bash', 'sh', 'shell', 'console'].includes(fence[1]);
      continue;
    }
    if (!shell) continue;
    const command = l.text
      .replace(/(^|\s)#.*$/, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (command) commands.push(command);
  }
  return commands;
}

/** The first fenced shell block's commands. */
function firstBlock(markdown: string): string[] {
  const all = lines(markdown);
  const start = all.findIndex((l) => /^\s*```\s*(bash|sh|shell)\b/.test(l.text));
  if (start === -1) return [];
  const end = all.findIndex((l, i) => i > start && /^\s*```/.test(l.text));
  return all
    .slice(start + 1, end)
    .map((l) =>
      l.text
        .replace(/(^|\s)#.*$/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
}

/** The text outside fenced code blocks and inline code (each blanked out, so line numbers stay): what a reader sees as prose, tables and links. */
function outsideCode(markdown: string): string {
  return lines(markdown)
    .map((l) => (l.inCode ? '' : l.text))
    .join('\n')
    .replace(/`[^`]*`/g, (code) => code.replace(/[^\n]/g, ' '));
}

/** Relative links and images outside code (link text may wrap onto the next line): target file (from the repository root) and anchor. */
function relativeLinks(file: string, markdown: string): { line: number; raw: string; target: string; anchor: string }[] {
  const out: { line: number; raw: string; target: string; anchor: string }[] = [];
  const text = outsideCode(markdown);
  for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const raw = m[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) continue; // https:, mailto:
    const [pathPart, anchor = ''] = raw.split('#');
    const target = pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(pathPart)));
    const line = text.slice(0, m.index).split('\n').length;
    out.push({ line, raw, target, anchor: decodeURIComponent(anchor) });
  }
  return out;
}

/** Paragraphs of prose: outside code blocks and tables, with inline code, HTML comments and link targets removed. */
function proseParagraphs(markdown: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let current: { line: number; text: string } | null = null;
  const withoutComments = markdown.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ''));
  outsideCode(withoutComments)
    .split('\n')
    .forEach((raw, i) => {
      if (raw.trim() === '' || /^\s*\|/.test(raw)) {
        if (current) out.push(current);
        current = null;
        return;
      }
      const text = raw.replace(/\]\([^)]*\)/g, '] ');
      if (current) current.text += ` ${text}`;
      else current = { line: i + 1, text };
    });
  if (current) out.push(current);
  return out;
}

function englishMarkers(text: string): string[] {
  const words = text.toLowerCase().match(/\p{L}+(?:['’-]\p{L}+)*/gu) ?? [];
  return [...new Set(words.map((w) => w.replace(/’/g, "'")).filter((w) => ENGLISH_MARKERS.has(w)))];
}

const UNITS = '(ms|s|min|KB|MB|GB)';

/**
 * Figures with a unit of time or memory (both ends of a range), as `value unit`, read in the text's own number
 * format: pt-BR `1.234,5 s`, en `1,234.5 s`.
 */
function figures(text: string, language: 'en' | 'pt-BR'): Set<string> {
  const [group, decimal] = language === 'en' ? [',', '.'] : ['.', ','];
  const g = group === '.' ? '\\.' : ',';
  const d = decimal === '.' ? '\\.' : ',';
  const num = `\\d{1,3}(?:${g}\\d{3})+(?:${d}\\d+)?|\\d+(?:${d}\\d+)?`;
  const re = new RegExp(`(?<![\\d.,])(${num})(?:\\s?[–-]\\s?(${num}))?\\s?${UNITS}(?![\\p{L}\\d])`, 'gu');
  const value = (s: string) => Number(s.split(group).join('').replace(decimal, '.'));
  const out = new Set<string>();
  for (const m of text.matchAll(re)) {
    out.add(`${value(m[1])} ${m[3]}`);
    if (m[2]) out.add(`${value(m[2])} ${m[3]}`);
  }
  return out;
}

const dates = (text: string) => new Set(text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []);

/** Tables of a Markdown file, in order: rows (header and separator included) × columns. */
function tableShapes(markdown: string): string[] {
  const shapes: string[] = [];
  let rows = 0;
  let cols = 0;
  for (const l of [...lines(markdown), { text: '', line: 0, inCode: false }]) {
    if (!l.inCode && /^\s*\|/.test(l.text)) {
      rows++;
      cols = l.text.replace(/\\\|/g, '').split('|').length - 2;
    } else if (rows > 0) {
      shapes.push(`${rows} rows × ${cols} columns`);
      rows = 0;
    }
  }
  return shapes;
}

test('README.pt-BR.md opens with the same commands as README.md, and every other command it shows is in README.md', () => {
  const en = read(README_EN);
  const pt = read(README_PT);
  assert.deepEqual(
    firstBlock(pt),
    firstBlock(en),
    `${README_PT}: the first command block differs from ${README_EN}'s. Fix: copy the commands.`,
  );
  assert.deepEqual(firstBlock(en), ['npm ci && npm run workshop', 'npm test'], `${README_EN} opens with its two commands`);
  const english = new Set(shellCommands(en));
  const edition = shellCommands(pt).filter((c) => c.includes('pt-BR'));
  for (const c of shellCommands(pt).filter((c) => !c.includes('pt-BR'))) {
    assert.ok(english.has(c), `${README_PT} shows \`${c}\`, which ${README_EN} does not. Fix: use the English README's command.`);
  }
  assert.ok(
    shellCommands(pt, true).includes('WORKSHOP_LANGUAGE=pt-BR npm run workshop'),
    `${README_PT}'s opening shows how to run the Portuguese edition`,
  );
  assert.ok(edition.length > 0);
  const top = en.split('\n').slice(0, 5).join('\n');
  assert.match(top, /Português: \[README\.pt-BR\.md\]\(README\.pt-BR\.md\)/, `${README_EN} links to the Portuguese README at the top`);
  assert.match(top, /`WORKSHOP_LANGUAGE=pt-BR npm run workshop`/, `${README_EN} says how to run the Portuguese edition`);
  assert.match(pt.split('\n').slice(0, 5).join('\n'), /English: \[README\.md\]\(README\.md\)/);
  assert.match(
    read(GUIDE_EN).split('\n').slice(0, 5).join('\n'),
    /Português: \[instructor-guide\.pt-BR\.md\]\(instructor-guide\.pt-BR\.md\)/,
  );
  assert.match(read(GUIDE_PT).split('\n').slice(0, 5).join('\n'), /English: \[instructor-guide\.md\]\(instructor-guide\.md\)/);
});

test('every relative link of both editions resolves to a committed file, and every anchor to a heading of it', {
  skip: spawnSync('git', ['-C', ROOT, 'rev-parse', 'HEAD']).status !== 0 ? 'not a git checkout: nothing is committed to check' : false,
}, () => {
  const listed = spawnSync('git', ['-C', ROOT, 'ls-files', '-z'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(listed.status, 0, listed.stderr);
  const committed = new Set(listed.stdout.split('\0').filter(Boolean));
  const problems: string[] = [];
  let checked = 0;
  for (const file of [README_PT, GUIDE_PT, README_EN, GUIDE_EN]) {
    for (const link of relativeLinks(file, read(file))) {
      checked++;
      const where = `${file}:${link.line} (${link.raw})`;
      const folder = [...committed].some((f) => f.startsWith(`${link.target}/`));
      if (!committed.has(link.target) && !folder) {
        problems.push(`${where}: ${link.target} is not a committed file. Fix: commit it, or link to a file git has.`);
        continue;
      }
      if (link.anchor && link.target.endsWith('.md')) {
        if (!existsSync(path.join(ROOT, link.target))) continue;
        if (!anchors(read(link.target)).has(link.anchor)) {
          problems.push(`${where}: no heading of ${link.target} has the anchor #${link.anchor}. Fix: use the heading's anchor.`);
        }
      }
    }
  }
  assert.ok(checked >= 30, `only ${checked} links found`);
  assert.deepEqual(problems, []);
});

test('every section of the English README and guide has its Portuguese counterpart, and the guide keeps its tables and ⚠ marks', () => {
  for (const [en, pt, sections, ptOnly] of [
    [README_EN, README_PT, README_SECTIONS, README_PT_ONLY],
    [GUIDE_EN, GUIDE_PT, GUIDE_SECTIONS, GUIDE_PT_ONLY],
  ] as const) {
    const englishH2 = headings(read(en))
      .filter((h) => h.level === 2)
      .map((h) => h.text);
    const portugueseH2 = headings(read(pt))
      .filter((h) => h.level === 2)
      .map((h) => h.text);
    for (const h of englishH2) {
      assert.ok(
        h in sections,
        `${en} has a section "${h}" that ${pt} does not cover. Fix: translate it (or summarize it with a link) and add it to this test's map.`,
      );
    }
    assert.deepEqual(
      portugueseH2.filter((h) => !ptOnly.includes(h)),
      englishH2.map((h) => sections[h]),
      `${pt}: its sections are the English ones, in the same order (plus ${ptOnly.join(', ')})`,
    );
    for (const h of ptOnly) assert.ok(portugueseH2.includes(h), `${pt} has no section "${h}"`);
  }
  assert.deepEqual(tableShapes(read(GUIDE_PT)), tableShapes(read(GUIDE_EN)), `${GUIDE_PT} keeps every table of ${GUIDE_EN}, row for row`);
  const marks = (s: string) => (s.match(/⚠(?!️)/g) ?? []).length;
  assert.ok(marks(read(GUIDE_PT)) >= marks(read(GUIDE_EN)), `${GUIDE_PT} keeps the ⚠ marks of the figures to re-measure`);
});

test('the Portuguese docs cite only figures (times, memory) and dates that the English docs measured', () => {
  const en = `${read(README_EN)}\n${read(GUIDE_EN)}`;
  const enFigures = figures(en, 'en');
  const enDates = dates(en);
  for (const file of [README_PT, GUIDE_PT]) {
    const pt = read(file);
    const found = figures(pt, 'pt-BR');
    assert.ok(found.size >= 10, `${file}: figures found ${[...found].join(', ')}`);
    for (const f of found) {
      assert.ok(
        enFigures.has(f),
        `${file} cites ${f}, which the English docs do not. Fix: cite a figure measured in ${README_EN} (same date), or write ⚠ a medir.`,
      );
    }
    for (const d of dates(pt)) assert.ok(enDates.has(d), `${file} cites the date ${d}, which the English docs do not`);
  }
});

test('no paragraph of the Portuguese docs is left in English (outside code blocks and tables)', () => {
  const problems: string[] = [];
  for (const file of [README_PT, GUIDE_PT]) {
    for (const p of proseParagraphs(read(file))) {
      const found = englishMarkers(p.text);
      if (found.length > 0) problems.push(`${file}:${p.line}: English words ${found.join(', ')} in "${p.text.slice(0, 80)}…"`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the checks of this file can fail: English prose, a missing figure, a broken anchor and another command are caught', () => {
  assert.deepEqual(englishMarkers('Rode as células, then check the output.'), ['then', 'the']);
  assert.deepEqual(englishMarkers('O LLM-as-a-judge roda o what-if in-region, e o prompt é um token.'), []);
  assert.deepEqual([...figures('levou 1.234,5 s e 5,9–6,1 s; 551 MB; 2 segundos', 'pt-BR')], ['1234.5 s', '5.9 s', '6.1 s', '551 MB']);
  assert.deepEqual([...figures('took 1,234.5 s and 5.9–6.1 s; 551 MB', 'en')], ['1234.5 s', '5.9 s', '6.1 s', '551 MB']);
  assert.equal(slug('Reliability: runs that do not break, and results'), 'reliability-runs-that-do-not-break-and-results');
  assert.equal(slug('Confiabilidade: execuções que não quebram'), 'confiabilidade-execuções-que-não-quebram');
  assert.equal(slug('Notebook 01 — Setup'), 'notebook-01--setup');
  assert.equal(slug('Speed (`npm run bench`)'), 'speed-npm-run-bench');
  assert.deepEqual(shellCommands('```bash\n# só um comentário\nnpm ci   # instala\n```\n'), ['npm ci']);
  assert.deepEqual(
    relativeLinks('docs/a.md', '[x](b.md#y) `[no](c.md)` [web](https://x.y)\n```\n[no](d.md)\n```\n![img](img/p.png) [two\nlines](#z)').map(
      (l) => `${l.line}:${l.target}#${l.anchor}`,
    ),
    ['1:docs/b.md#y', '5:docs/img/p.png#', '5:docs/a.md#z'],
  );
  assert.deepEqual(
    proseParagraphs('Texto `the code` aqui\nsegue [the](x.md)\n\n| the | table |\n\n```\nthe code\n```\nOutro').map((p) => p.line),
    [1, 9],
  );
  assert.deepEqual(tableShapes('| a | b |\n|---|---|\n| 1 | 2 |\n\ntext\n| c |\n|---|\n'), ['3 rows × 2 columns', '2 rows × 1 columns']);
});
