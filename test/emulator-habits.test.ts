/**
 * The emulated models' habits (src/core/emulation.ts, the catalogue's emulation blocks): each
 * habit does what docs/local-endpoint.md says, on models built here with stated habits; the
 * shipped catalogue documents every habit it sets; two models of one tier answer differently;
 * and the slips a model makes are ones the heuristic judge can catch — checked on the sample
 * data and on documents generated here from a seed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogModel } from '../src/core/catalog';
import { findModel, loadCatalog } from '../src/core/catalog';
import { readCsv } from '../src/core/csv';
import { emulationDocMarkdown, emulationSchema, HABIT_NAMES, habitsOf, TIER_HABITS, type Habits } from '../src/core/emulation';
import { buildJudgeRequest, judgeTaskText, loadJudgeTemplates } from '../src/core/judge/prompt';
import { loadRubrics } from '../src/core/judge/rubrics';
import { seededRandom } from '../src/core/stats/random';
import { loadTask, loadTaskTemplate, taskPrompt } from '../src/core/task';
import { estimateTokens } from '../src/core/tokens';
import { generateAnswer } from '../src/local-bedrock/emulator';
import { classify, labelScores } from '../src/local-bedrock/emulator/classify';
import { judge, judgeSignals } from '../src/local-bedrock/emulator/judge';
import { contradictions, negations } from '../src/local-bedrock/emulator/polarity';
import { changeNumber, documentFacts, dropNegation, slipSentence } from '../src/local-bedrock/emulator/slips';
import { ignoreFactor, PROMPT_RESPONSE } from '../src/local-bedrock/emulator/prompt-rewrite';
import { compressSentence, summarize } from '../src/local-bedrock/emulator/summarize';
import { splitSentences } from '../src/local-bedrock/emulator/text';
import { generatedReports } from './helpers/generated-data';

const ROOT = path.resolve(__dirname, '..');
const catalog = loadCatalog();
const rows = readCsv(path.join(ROOT, 'data', 'document_sample_10.csv')).rows.map((r) => ({
  document: r.document!,
  reference: r.referenceResponse!,
}));
const generated = generatedReports(20, 7);
const task = loadTask('document_summarization');
const template = loadTaskTemplate('data/prompts/source.txt');
const prompt = (document: string) => taskPrompt(task, template, document);

/** A catalogue model with stated habits (the rest: none of the habits that change an answer). */
const QUIET: Habits = {
  verbosity: 1,
  preamble: 0,
  closing: 0,
  bullets: 0,
  order: 'document',
  leadBias: 0.15,
  compression: 'none',
  slipRate: 0,
  inventRate: 0,
  ignoresLength: 0,
  ignoresSummaryOnly: 0,
  ignoresLanguage: 0,
  runOn: 0,
  labelWords: 0,
  labelOutside: 0,
  labelConfusion: 0,
};
function withHabits(habits: Partial<Habits>, tier: 1 | 2 | 3 | 4 = 3): CatalogModel {
  const base = findModel(catalog, 'amazon.nova-pro-v1:0')!;
  const set = { ...QUIET, ...habits };
  return {
    ...base,
    modelId: 'test.habits-v1:0',
    emulation: { tier, habits: set, why: Object.fromEntries(Object.keys(set).map((k) => [k, 'stated by the test'])) },
  };
}
const ask = (model: CatalogModel, text: string, extra: { seed?: number; maxTokens?: number; temperature?: number } = {}) =>
  generateAnswer({
    model,
    system: [],
    messages: [{ role: 'user', text }],
    seed: extra.seed ?? 42,
    temperature: extra.temperature ?? 0.2,
    maxTokens: extra.maxTokens,
  });
const sentencesOf = (text: string) => splitSentences(text);

const rubrics = loadRubrics();
const judgeTemplates = loadJudgeTemplates();
/** The heuristic judge's scores of `response`, asked as step 4 asks it. */
function judged(document: string, reference: string | null, response: string): Record<string, number> {
  const { prompt: p } = buildJudgeRequest(judgeTemplates, rubrics, { task: judgeTaskText(task, template), document, reference, response });
  return Object.fromEntries((JSON.parse(judge(p)).scores as { metric: string; score: number }[]).map((s) => [s.metric, s.score]));
}

test('the catalogue: every shipped model sets habits, each with its one-line reason; unset habits come from the tier', () => {
  for (const m of catalog.models) {
    const set = Object.keys(m.emulation.habits ?? {});
    assert.ok(set.length >= 2, `${m.modelId} sets ${set.length} habit(s)`);
    for (const h of set) assert.ok((m.emulation.why?.[h] ?? '').length > 10, `${m.modelId}: no reason for ${h}`);
    const effective = habitsOf(m);
    for (const h of HABIT_NAMES)
      assert.equal(effective[h], m.emulation.habits?.[h] ?? TIER_HABITS[m.emulation.tier][h], `${m.modelId} ${h}`);
  }
  // The default line-up sets every habit.
  for (const id of [
    'anthropic.claude-sonnet-4-5-20250929-v1:0',
    'anthropic.claude-haiku-4-5-20251001-v1:0',
    'amazon.nova-2-lite-v1:0',
    'meta.llama4-maverick-17b-instruct-v1:0',
    'openai.gpt-oss-120b-1:0',
    'mistral.mistral-large-3-675b-instruct',
  ])
    assert.deepEqual(Object.keys(findModel(catalog, id)!.emulation.habits!).sort(), [...HABIT_NAMES].sort(), id);
  // A habit without its reason, a reason without its habit, and a rate outside 0–1 are refused, by name.
  const issues = (e: unknown) => {
    const r = emulationSchema.safeParse(e);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  assert.match(issues({ tier: 3, habits: { bullets: 0.5 } }).join('\n'), /why\.bullets: habit "bullets" is set: give its one-line reason/);
  assert.match(
    issues({ tier: 3, habits: {}, why: { runOn: 'x' } }).join('\n'),
    /why\.runOn: a reason for "runOn", which emulation.habits does not set/,
  );
  assert.match(issues({ tier: 3, habits: { slipRate: 1.5 }, why: { slipRate: 'x' } }).join('\n'), /habits\.slipRate/);
  assert.deepEqual(issues({ tier: 2 }), []);
});

test('docs/local-endpoint.md lists every model’s habits, generated from the catalogue (npm run docs)', () => {
  const doc = readFileSync(path.join(ROOT, 'docs', 'local-endpoint.md'), 'utf8');
  assert.ok(doc.includes(emulationDocMarkdown(catalog.models)), 'run `npm run docs`');
  assert.match(doc, /invented/i);
});

test('same model, request and seed: the same answer; two models of one tier answer differently', () => {
  const p = prompt(rows[3].document);
  const haiku = findModel(catalog, 'anthropic.claude-haiku-4-5-20251001-v1:0')!;
  assert.deepEqual(ask(haiku, p), ask(haiku, p));
  for (const tier of [1, 2, 3, 4] as const) {
    const models = catalog.models.filter((m) => m.emulation.tier === tier);
    for (let i = 0; i < models.length; i++)
      for (let j = i + 1; j < models.length; j++) {
        const differ = [...rows, ...generated.slice(0, 10)].filter(
          (r) => ask(models[i], prompt(r.document)).text !== ask(models[j], prompt(r.document)).text,
        ).length;
        assert.ok(differ >= 10, `${models[i].name} and ${models[j].name} (tier ${tier}) answer alike on ${20 - differ} of 20 documents`);
      }
  }
});

test('verbosity and ignoresLength: the number of sentences against the range asked', () => {
  for (const r of [...rows, ...generated]) {
    const p = prompt(r.document);
    const n = (h: Partial<Habits>) => sentencesOf(ask(withHabits(h), p).text).length;
    const available = sentencesOf(r.document).length;
    assert.equal(n({ verbosity: 1 }), Math.min(4, available)); // "3 to 5": the middle
    assert.equal(n({ verbosity: 0.6 }), Math.min(3, available)); // never below the range…
    assert.equal(n({ verbosity: 2 }), Math.min(5, available)); // …nor above it
    assert.ok(n({ verbosity: 1.3, ignoresLength: 1 }) >= Math.min(6, available)); // unless the habit strikes
    assert.ok(n({ verbosity: 0.6, ignoresLength: 1 }) <= 2);
  }
});

test('chatter: a preamble or closing remark where the prompt allows it, and despite "summary only" only when the habit strikes', () => {
  const loose = (d: string) => `Summarize this document in 3 to 5 sentences.\n\n<document>\n${d}\n</document>`;
  for (const r of rows) {
    assert.match(ask(withHabits({ preamble: 1 }), loose(r.document)).text, /^(Here|Sure)[^\n]*:\n\n/);
    assert.match(ask(withHabits({ closing: 1 }), loose(r.document)).text, /\n\n(Let me know|I hope|Feel free)[^\n]*$/);
    // The task's prompt asks for the summary only: obeyed…
    assert.doesNotMatch(
      ask(withHabits({ preamble: 1, closing: 1 }), prompt(r.document)).text,
      /^(Here|Sure)|\n\n(Let me know|I hope|Feel free)/,
    );
    // …unless the model ignores it — and the judge then marks following instructions down.
    const chatty = ask(withHabits({ preamble: 1, ignoresSummaryOnly: 1 }), prompt(r.document)).text;
    assert.match(chatty, /^(Here|Sure)/);
    const scores = judged(r.document, r.reference, chatty);
    assert.ok(scores.following_instructions <= 3 && scores.professional_style <= 4, JSON.stringify(scores));
  }
});

test('the answer’s language: own words follow the language asked, unless ignoresLanguage strikes', () => {
  const pt = `Resuma o documento em 3 a 5 frases, em português.\n\n<document>\n${rows[0].document}\n</document>`;
  assert.match(ask(withHabits({ preamble: 1 }), pt).text, /^(Aqui está|Claro!)/);
  assert.match(ask(withHabits({ preamble: 1, ignoresLanguage: 1 }), pt).text, /^(Here|Sure)/);
});

test('format, order and compression change the wording, not the facts', () => {
  for (const r of rows) {
    const p = prompt(r.document);
    const prose = ask(withHabits({}), p).text;
    const bullets = ask(withHabits({ bullets: 1 }), p).text;
    assert.ok(
      bullets.split('\n').every((l) => l.startsWith('- ')),
      bullets,
    );
    assert.equal(bullets.replace(/^- /gm, '').replace(/\n/g, ' '), prose);
    const important = ask(withHabits({ order: 'importance' }), p).text;
    assert.deepEqual(sentencesOf(important).sort(), sentencesOf(prose).sort());
  }
  assert.equal(
    compressSentence('Root cause: a change (deployed at 14:05) cut the pool from 50 to 5.', 'light'),
    'A change cut the pool from 50 to 5.',
  );
  assert.equal(compressSentence('In addition, sales rose.', 'none'), 'In addition, sales rose.');
  const long =
    'The board authorised the finance team to negotiate a project loan of up to 1.1 billion euros with a group of banks, with the remaining amount coming from equity.';
  assert.equal(
    compressSentence(long, 'strong'),
    'The board authorised the finance team to negotiate a project loan of up to 1.1 billion euros with a group of banks.',
  );
});

test('slips: a changed figure is never a value the document has; a dropped negation is the first negation', () => {
  for (const r of [...rows, ...generated]) {
    const facts = documentFacts(r.document);
    for (const [k, sentence] of sentencesOf(r.document).entries()) {
      const random = seededRandom(`slip|${k}|${sentence.length}`);
      for (const kind of ['figure', 'date'] as const) {
        const changed = changeNumber(sentence, facts, random, kind);
        if (!changed) continue;
        assert.notEqual(changed.text, sentence);
        assert.ok(!facts.numbers.has(String(Number(changed.slip.after.replace(/,/g, '')))), `${changed.slip.after} is in the document`);
      }
    }
  }
  assert.equal(
    dropNegation('The reset function does not limit how many codes can be tried.')!.text,
    'The reset function does limit how many codes can be tried.',
  );
  assert.equal(dropNegation('Not everything went well.')!.text, 'Everything went well.');
  assert.equal(dropNegation('Logs show no sign of misuse.')!.text, 'Logs show some sign of misuse.');
  assert.equal(dropNegation('Revenue rose 12 percent.'), null);
});

test('the slips a model makes are caught by the judge: correctness or faithfulness drops (sample and generated documents)', () => {
  const missed: string[] = [];
  let slipped = 0;
  for (const r of [...rows, ...generated]) {
    const facts = documentFacts(r.document);
    for (const [k, sentence] of sentencesOf(r.document).entries()) {
      const s = slipSentence(sentence, facts, seededRandom(`caught|${k}|${r.document.length}`));
      if (!s) continue;
      slipped++;
      // The answer: the reference with the document's sentence added, as written and as slipped.
      const clean = judged(r.document, r.reference, `${r.reference} ${sentence}`);
      const wrong = judged(r.document, r.reference, `${r.reference} ${s.text}`);
      if (!(wrong.correctness < clean.correctness || wrong.faithfulness < clean.faithfulness))
        missed.push(`${s.slip.kind} "${s.slip.before}" → "${s.slip.after}": ${s.text}`);
    }
  }
  assert.ok(slipped > 100, `${slipped} slips checked`);
  // The judge compares figures with the document AND the reference: a changed figure that the reference happens to
  // contain is the one blind spot allowed (docs/judge-protocol.md).
  assert.ok(missed.length <= 0.05 * slipped, `${missed.length} of ${slipped} slips missed:\n${missed.join('\n')}`);
  for (const m of missed) assert.match(m, /^(figure|date)/, m);
});

test('the judge sees what the rubrics name: a changed central figure, a contradiction, a rounding that is not one', () => {
  const [northwind, , , , , , , audit] = rows;
  // A changed figure of the document's lead is a central fact: 2 on correctness and faithfulness, its counterpart named.
  const central = northwind.reference.replace('$48.2 million', '$42.8 million');
  const x = judgeSignals({
    task: task.instruction,
    document: northwind.document,
    reference: northwind.reference,
    response: central,
    metrics: [],
  });
  assert.deepEqual(x.changedFigures, [{ written: '42.8', counterpart: '48.2', central: true }]);
  assert.deepEqual(
    [
      judged(northwind.document, northwind.reference, central).correctness,
      judged(northwind.document, northwind.reference, central).faithfulness,
    ],
    [2, 2],
  );
  // A rounding is not a change.
  assert.equal(
    judged(northwind.document, northwind.reference, northwind.reference.replace('$48.2 million', 'about $48 million')).correctness,
    5,
  );
  // Statements that say the opposite of the document, with its own words.
  const found = contradictions(
    'Attackers have already taken over customer accounts. The security team has fixed the problem and closed the finding.',
    audit.document,
  );
  assert.deepEqual(
    found.map((c) => c.kind),
    ['stated as done', 'stated as done'],
  );
  assert.match(found[0].document, /could therefore try/);
  assert.match(found[1].document, /closed only when/);
  assert.equal(contradictions(audit.reference, audit.document).length, 0, 'the faithful reference contradicts nothing');
  assert.equal(negations("It doesn't lack anything, without doubt."), 3);
});

test('the judge gives the faithful human references of the sample and of generated documents full correctness and faithfulness', () => {
  for (const r of [...rows, ...generated]) {
    const s = judged(r.document, r.reference, r.reference);
    assert.deepEqual([s.correctness, s.faithfulness], [5, 5], r.reference.slice(0, 80));
  }
});

test('inventRate: an added claim the document does not make costs faithfulness', () => {
  for (const r of rows) {
    const text = ask(withHabits({ inventRate: 1 }), prompt(r.document)).text;
    assert.ok(judged(r.document, r.reference, text).faithfulness <= 3, text);
  }
});

test('runOn: the answer runs into maxTokens and ends with stopReason max_tokens; the judge sees it repeating, too long, cut off', () => {
  for (const r of rows) {
    const a = ask(withHabits({ runOn: 1 }), prompt(r.document), { maxTokens: 512 });
    assert.equal(a.stopReason, 'max_tokens');
    assert.ok(a.outputTokens <= 512 && a.outputTokens >= 500, String(a.outputTokens));
    const s = judged(r.document, r.reference, a.text);
    // Repeating itself and far too long; cut mid-sentence too, unless the budget happens to end at a full stop.
    assert.ok(s.coherence <= 3 && s.following_instructions <= 3 && s.professional_style <= 3, `${JSON.stringify(s)} …${a.text.slice(-80)}`);
    if (!/[.!?]$/.test(a.text)) assert.equal(s.coherence, 2);
  }
  // Without maxTokens, the model's output limit stops it (at most 4,096 tokens), still with max_tokens.
  const unbounded = ask(withHabits({ runOn: 1 }), prompt(rows[0].document));
  assert.equal(unbounded.stopReason, 'max_tokens');
  assert.ok(estimateTokens(unbounded.text) <= 4096);
  // A model that stops never reports max_tokens for a summary well within the budget.
  assert.equal(ask(withHabits({}), prompt(rows[0].document), { maxTokens: 512 }).stopReason, 'end_turn');
});

test('classification habits: the runner-up on a two-label ticket, words around the label, a word outside the set, a run-on label', () => {
  const labels = ['billing', 'technical', 'account', 'shipping', 'other'];
  const two = 'The app shows an error when I try to pay my invoice.';
  const scores = labelScores(two, labels);
  assert.ok(scores[1] > 0 && scores[0] > 0 && Math.abs(scores[1] - scores[0]) <= 1, String(scores));
  const run = (habits: Partial<Habits>, text = two) =>
    classify(text, labels, { model: withHabits(habits), random: seededRandom('c'), language: 'en', budgetTokens: 20 });
  assert.equal(run({}).text, 'technical');
  assert.equal(run({ labelConfusion: 1 }).text, 'billing');
  assert.equal(
    run({ labelConfusion: 1 }, 'My parcel was delivered to the wrong address.').text,
    'shipping',
    'no second label: no confusion',
  );
  assert.match(run({ labelWords: 1 }).text, /^(Category: technical|The category is technical\.|technical \()/);
  assert.equal(run({ labelOutside: 1 }).text, 'bug');
  const ranOn = run({ runOn: 1 });
  assert.ok(ranOn.ranOn && estimateTokens(ranOn.text) > 20 && ranOn.text.startsWith('technical\n\n'));
  // Through the endpoint's answer: cut at maxTokens, stop reason max_tokens.
  const p = `Classify the ticket.\nLabels: ${labels.join(', ')}\n\nTicket:\n${two}\n\nAnswer with the label only.`;
  const a = ask(withHabits({ runOn: 1 }), p, { maxTokens: 20 });
  assert.deepEqual([a.kind, a.stopReason, a.outputTokens], ['classification', 'max_tokens', 20]);
});

test('summaries of shipped models stay within what the document says (no habit invents when its rate is 0)', () => {
  const quiet = withHabits({ compression: 'light', order: 'importance' });
  for (const r of [...rows, ...generated]) {
    const text = summarize(r.document, {
      model: quiet,
      instructions: prompt(r.document),
      temperature: 0.2,
      random: seededRandom('q'),
      budgetTokens: 512,
    });
    assert.deepEqual(text.slips, []);
    const s = judged(r.document, r.reference, text.text);
    assert.deepEqual([s.correctness, s.faithfulness], [5, 5], text.text);
  }
});

test("the emulated models respond to a prompt's wording: restated rules and TASK/RULES sections are followed more often, by family (PROMPT_RESPONSE)", () => {
  const doc = rows[0].document;
  const base = prompt(doc);
  const rulesOf = base.split('\n').filter((l) => /^[-*]\s/.test(l.trim()));
  assert.ok(rulesOf.length >= 2, 'the task prompt lists its constraints as bullets');
  const restated = `${base}\n\nBefore you answer, check every rule again:\n${rulesOf.join('\n')}`;
  const sections = `TASK:\n${base}\n\nRULES:\n${rulesOf.join('\n')}`;
  // The task prompt itself restates nothing: its answers are the ones it always gave.
  for (const family of ['claude', 'nova', 'llama', undefined]) assert.equal(ignoreFactor(base, family), 1);
  assert.equal(ignoreFactor(restated, 'claude'), PROMPT_RESPONSE.restatedRules.claude);
  assert.equal(ignoreFactor(restated, 'llama'), PROMPT_RESPONSE.restatedRules.other);
  assert.equal(ignoreFactor(sections, 'mistral'), PROMPT_RESPONSE.restatedRules.other * PROMPT_RESPONSE.sections.other);
  // Counted over 400 seeds on a model that often ignores both rules.
  const careless = withHabits({ ignoresLength: 0.5, ignoresSummaryOnly: 0.5, preamble: 1 });
  const ignoredShare = (instructions: string) => {
    let n = 0;
    for (let seed = 0; seed < 400; seed++) {
      const s = summarize(doc, { model: careless, instructions, temperature: 0.2, random: seededRandom(`w${seed}`), budgetTokens: 512 });
      n += s.ignored.length > 0 ? 1 : 0;
    }
    return n / 400;
  };
  const plain = ignoredShare(base);
  const again = ignoredShare(restated);
  assert.ok(plain > 0.4, `the careless model ignores a rule in ${plain} of answers to the task prompt`);
  assert.ok(again < plain * 0.85, `restated rules: ${again} vs ${plain}`);
});
