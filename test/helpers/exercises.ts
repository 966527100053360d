/**
 * The "Try it" exercises of the notebooks and what running each worked answer must show.
 * Both end-to-end tests use this table — the headless run (`npm run workshop -- --answers`)
 * and the real-browser Jupyter run (answers inserted as code cells before Run All) — and a
 * test checks that every worked answer in the notebooks has an entry here, and no entry is
 * stale: a new exercise cannot ship without its test.
 */
import type { Notebook, Output } from '../../src/workshop/notebook';

export interface ExerciseCheck {
  /** Each must match the text the answer's cell printed or displayed. */
  expect: RegExp[];
  /** Further checks on that text: returns a problem, or null. */
  check?: (text: string) => string | null;
  /**
   * The same for the pt-BR edition (`<step>.pt-BR.ipynb`): patterns of what the worked answer's own
   * code prints there (its translated titles and sentences), and checks that hold in any language.
   */
  ptBR: { expect: RegExp[]; check?: (text: string) => string | null };
}

/** Scores of a metric in a two-number row of a table (`faithfulness  5  2`): [before, after]. */
function scoresOf(text: string, metric: string): [number, number] | null {
  const m = text.match(new RegExp(`^${metric}\\s+(\\d)\\s+(\\d)\\b`, 'm'));
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** Quality exercise 02 (either language): the answer with an invented fact lost faithfulness or correctness. */
function inventedFactLostScore(text: string): string | null {
  const f = scoresOf(text, 'faithfulness');
  const c = scoresOf(text, 'correctness');
  if (!f || !c) return 'no faithfulness/correctness rows with two scores';
  return f[1] < f[0] || c[1] < c[0] ? null : `the invented fact lost nothing: faithfulness ${f}, correctness ${c}`;
}

/** Worked-answer cell id → what its run must show (offline, the default configuration). */
export const EXERCISES: Record<string, ExerciseCheck> = {
  // 01: another candidate; cut the answer short.
  'setup-try-02': {
    expect: [/^[\w.:-]+: stopReason (end_turn|max_tokens), usage \{"inputTokens":\d+,"outputTokens":\d+/m],
    ptBR: { expect: [/^[\w.:-]+: stopReason (end_turn|max_tokens), usage \{"inputTokens":\d+,"outputTokens":\d+/m] },
  },
  'setup-try-04': {
    expect: [/maxTokens \d+: stopReason end_turn/, /maxTokens (\d+): stopReason max_tokens, outputTokens \1, ends with/],
    ptBR: { expect: [/maxTokens \d+: stopReason end_turn/, /maxTokens (\d+): stopReason max_tokens, outputTokens \1, termina com/] },
  },
  // 02: a stricter task and a hand-written prompt; what a prompt format costs.
  'plan-try-02': {
    expect: [/The stricter task/, /5\/5/, /Not the same task for every model: .*\(my-production-prompt\.txt\) drops the instruction \| /],
    // (n/n: the Portuguese task of workshop.pt-BR.config.json may have another number of constraints.)
    ptBR: { expect: [/A tarefa mais exigente/, /\b(\d+)\/\1\b/, /Com um prompt de origem escrito na mão/, /my-production-prompt\.txt/] },
  },
  'plan-try-04': {
    expect: [/data\/prompts\/source\.txt: \d+ tokens/, /data\/prompts\/claude\.txt: \d+ tokens/],
    ptBR: {
      expect: [/\.txt: \d+ tokens \(\d+ caracteres\)/],
      check: (text) => ((text.match(/\.txt: \d+ tokens/g) ?? []).length >= 2 ? null : 'fewer than two templates counted'),
    },
  },
  // 03: the measured function called by hand; an edited function is another set-up.
  'latency-try-02': {
    expect: [
      /time to first token \d+ ms · total \d+ ms · Bedrock's metrics\.latencyMs \d+ ms/,
      /\d+ tokens out, stopReason (end_turn|max_tokens)/,
    ],
    check: (text) => {
      const m = text.match(/time to first token (\d+) ms · total (\d+) ms/);
      return m && Number(m[1]) <= Number(m[2]) ? null : 'the first token does not come before the end';
    },
    ptBR: {
      expect: [
        /tempo até o primeiro token [\d.,]+ ms · total [\d.,]+ ms · metrics\.latencyMs do Bedrock [\d.,]+ ms/,
        /\d+ tokens de saída, stopReason (end_turn|max_tokens)/,
      ],
    },
  },
  'latency-try-04': {
    expect: [
      /set aside (.*; )?3 row\(s\) from another set-up \(measure: measureStream@[0-9a-f]{12} → measureFirstSentence@[0-9a-f]{12}\)/,
      /Time to the first sentence, source model/,
    ],
    check: (text) => {
      // document, first token (3.2's call), first sentence and total (this call): the sentence is within its call.
      const rows = [...text.matchAll(/^(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$/gm)].map((m) => m.slice(2).map(Number));
      if (rows.length !== 3) return `expected 3 rows of timings, found ${rows.length}`;
      return rows.every(([, sentence, total]) => sentence > 0 && sentence <= total)
        ? null
        : `first sentence outside its call: ${JSON.stringify(rows)}`;
    },
    ptBR: {
      expect: [/measureStream@[0-9a-f]{12} → measureFirstSentence@[0-9a-f]{12}/, /Tempo até a primeira frase, modelo de origem/],
      check: (text) => {
        const rows = text.match(/^\d+\s+[\d.,]+\s+[\d.,]+\s+[\d.,]+\s*$/gm) ?? [];
        return rows.length === 3 ? null : `expected 3 rows of timings, found ${rows.length}`;
      },
    },
  },
  // 04: an invented fact; the worst answer and its reasons.
  'quality-try-02': {
    expect: [/The same answer, with an invented fact/],
    check: inventedFactLostScore,
    ptBR: { expect: [/A mesma resposta, com um fato inventado/], check: inventedFactLostScore },
  },
  'quality-try-04': {
    expect: [/document \d+: overall \d\.\d{3}/, /^faithfulness: [1-5] — \S/m],
    ptBR: { expect: [/documento \d+: overall \d[.,]\d{3}/, /^faithfulness: [1-5] — \S/m] },
  },
  // 05: the margin and the verdict; the weights and the ranking.
  'compare-try-02': {
    expect: [/Non-inferiority verdict by margin/, /^0\.01 .*(non-inferior|not shown)/m, /^0\.2 /m],
    ptBR: { expect: [/Veredito de não inferioridade por margem/, /^0[.,]01 .*(não inferior|não mostrada)/m, /^0[.,]2 /m] },
  },
  'compare-try-04': {
    expect: [/Ranking with weights quality 0\.2, latency 0\.2, cost 0\.6/, /Recommended: .* with your weights, .* with cost first\./],
    ptBR: {
      expect: [
        /Ranking com pesos qualidade 0\.2, latência 0\.2, custo 0\.6/,
        /Recomendado: .* com os seus pesos, .* com o custo em primeiro lugar\./,
      ],
    },
  },
};

/** What a code cell printed and displayed (stdout, stderr, the plain-text form of rich output), as one text. */
export function outputText(outputs: readonly Output[]): string {
  return outputs
    .map((o) => {
      if (o.output_type === 'stream') return ([] as string[]).concat(o.text).join('');
      if (o.output_type === 'error') return `${o.ename}: ${o.evalue}`;
      const plain = o.data['text/plain'];
      return Array.isArray(plain) ? plain.join('') : typeof plain === 'string' ? plain : '';
    })
    .join('\n');
}

/**
 * Problems with the worked answers an executed notebook ran (cells marked
 * `metadata.workshop.answerOf`): an answer that did not run, ended in an error, or does not
 * show what `EXERCISES` expects. `answerIds` are the answers the notebook has.
 */
export function answerProblems(executed: Notebook, answerIds: readonly string[], language: 'en' | 'pt-BR' = 'en'): string[] {
  const problems: string[] = [];
  for (const id of answerIds) {
    const cell = executed.cells.find((c) => (c.metadata?.workshop as { answerOf?: string } | undefined)?.answerOf === id);
    if (!cell) {
      problems.push(`${id}: the worked answer did not run`);
      continue;
    }
    const outputs = cell.outputs ?? [];
    const text = outputText(outputs);
    if (outputs.some((o) => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr')))
      problems.push(`${id}: error output — ${text.slice(0, 500)}`);
    const spec = language === 'en' ? EXERCISES[id] : EXERCISES[id]?.ptBR;
    if (!spec) {
      problems.push(`${id}: no expectation in test/helpers/exercises.ts`);
      continue;
    }
    for (const re of spec.expect) if (!re.test(text)) problems.push(`${id}: output does not match ${re} — ${text.slice(0, 500)}`);
    const extra = spec.check?.(text);
    if (extra) problems.push(`${id}: ${extra}`);
  }
  return problems;
}
