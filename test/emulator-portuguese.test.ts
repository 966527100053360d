import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findModel, loadCatalog } from '../src/core/catalog';
import { seededRandom } from '../src/core/stats/random';
import { loadDataset } from '../src/core/dataset';
import { loadTask, loadTaskTemplate, taskPrompt } from '../src/core/task';
import { generateAnswer } from '../src/local-bedrock/emulator';
import { askedLanguage, asksAnswerOnly, extractDocument, requestedSentences } from '../src/local-bedrock/emulator/detect';
import { datesIn, inventedNumbers, numberValues, stem } from '../src/local-bedrock/emulator/facts';
import { judge, judgeSignals } from '../src/local-bedrock/emulator/judge';
import { buildJudgeRequest, loadJudgeTemplates } from '../src/core/judge/prompt';
import { judgeDirFor, loadRubrics } from '../src/core/judge/rubrics';
import { CLOSINGS, PREAMBLES } from '../src/local-bedrock/emulator/own-words';
import { contradictions, negations } from '../src/local-bedrock/emulator/polarity';
import { ignoreFactor, PROMPT_RESPONSE, rewritesOf } from '../src/local-bedrock/emulator/prompt-rewrite';
import { summarize } from '../src/local-bedrock/emulator/summarize';
import { documentFacts, dropNegation, slipSentence } from '../src/local-bedrock/emulator/slips';
import { machineNumber, numbersIn, splitSentences, textLanguage } from '../src/local-bedrock/emulator/text';

const columns = { document: 'document', reference: 'referenceResponse' };
const ptSample = () => loadDataset({ path: 'data/pt-BR/document_sample_10.csv', columns });

test('the language of a text: every Portuguese sample document and reference reads as pt, every English one as en', async () => {
  const pt = (await ptSample()).rows;
  const en = (await loadDataset({ path: 'data/document_sample_10.csv', columns })).rows;
  for (const r of pt) assert.deepEqual([textLanguage(r.document), textLanguage(r.reference ?? '')], ['pt', 'pt']);
  for (const r of en) assert.deepEqual([textLanguage(r.document), textLanguage(r.reference ?? '')], ['en', 'en']);
});

test('Portuguese sentences keep Sr., Sra., Dr., Ltda., S.A., R$ 1.234,56, 12,5% and "4 de março" inside', () => {
  const text =
    'A receita foi de R$ 1.234,56 no dia 4 de março de 2026, alta de 12,5% sobre o ano anterior. Segundo a Sra. Helena Prado, o Dr. Rafael Menezes aprovou o plano. ' +
    'O contrato da Imobiliária Ponte Alta Ltda. (locadora) com a Mercado Já S.A. (locatária) não muda. O Sr. Paulo H. Vieira conduz o projeto.';
  assert.deepEqual(splitSentences(text), [
    'A receita foi de R$ 1.234,56 no dia 4 de março de 2026, alta de 12,5% sobre o ano anterior.',
    'Segundo a Sra. Helena Prado, o Dr. Rafael Menezes aprovou o plano.',
    'O contrato da Imobiliária Ponte Alta Ltda. (locadora) com a Mercado Já S.A. (locatária) não muda.',
    'O Sr. Paulo H. Vieira conduz o projeto.',
  ]);
});

/** A Portuguese sentence with the tricky parts in it, from fast-check's pieces. */
const sentence = fc
  .record({
    title: fc.constantFrom('Sr.', 'Sra.', 'Dr.', 'Dra.', 'Prof.'),
    name: fc.constantFrom('Helena Prado', 'Marcos Tavares', 'Camila Rocha', 'André Salles'),
    reais: fc.integer({ min: 0, max: 9_999_999 }),
    cents: fc.integer({ min: 0, max: 99 }),
    pct: fc.integer({ min: 0, max: 999 }),
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.constantFrom('janeiro', 'março', 'junho', 'dezembro'),
    verb: fc.constantFrom('aprovou', 'não aprovou', 'revisou', 'nunca recusou'),
  })
  .map(
    (p) =>
      `O ${p.title} ${p.name} ${p.verb} o gasto de R$ ${p.reais.toLocaleString('pt-BR')},${String(p.cents).padStart(2, '0')} em ${p.day} de ${p.month}, ` +
      `com alta de ${(p.pct / 10).toLocaleString('pt-BR')}% no período.`,
  );

test('property: Portuguese sentences joined by ". " split back into exactly themselves', () => {
  fc.assert(
    fc.property(fc.array(sentence, { minLength: 1, maxLength: 6 }), (sentences) => {
      assert.deepEqual(splitSentences(sentences.join(' ')), sentences);
    }),
  );
});

test('property: a number written the Brazilian way (Intl pt-BR) or the English way (en-US) reads back as its value', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 2 }), (n, decimals) => {
      const value = n / 10 ** decimals;
      const options = { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
      const pt = value.toLocaleString('pt-BR', options);
      const en = value.toLocaleString('en-US', options);
      assert.equal(Number(machineNumber(pt, 'pt')), value, pt);
      assert.equal(Number(machineNumber(en, 'en')), value, en);
    }),
  );
});

test('Portuguese numbers and dates: values, words of scale and number words, dates by day and month', () => {
  assert.deepEqual(numbersIn('R$ 1.234,56 e 21.000 pagamentos, 12,5% e 48.2', 'pt'), ['1234.56', '21000', '12.5', '48.2']);
  // The English reading is unchanged.
  assert.deepEqual(numbersIn('21,000 payments, 4.5 percent', 'en'), ['21000', '4.5']);
  const values = numberValues('Receita de R$ 312,4 milhões e economia de R$ 780 mil; três lojas e vinte e duas filiais.', {
    withWords: true,
  });
  for (const v of ['312.4', '312400000', '780000', '3', '22']) assert.ok(values.includes(v), `${v} in ${values}`);
  assert.deepEqual(datesIn('Em 4 de março de 2026 e em 1º de julho.'), ['4 de março', '1 de julho']);
  const doc = 'Em 4 de março de 2026, a receita foi de R$ 312,4 milhões, alta de 9,8%; as 4 lojas abriram em 4 de abril.';
  assert.deepEqual(inventedNumbers('A receita foi de R$ 312.400.000, alta de 9,8 por cento, em 4 de março.', doc), []);
  assert.deepEqual(inventedNumbers('A receita foi de R$ 321,4 milhões em 4 de março.', doc), ['321.4']);
  // The day is in the document, the date is not: a changed month.
  assert.deepEqual(inventedNumbers('O incidente foi em 4 de maio.', doc), ['4 de maio']);
  assert.equal(stem('concluiu'), stem('concluída'));
  assert.equal(stem('reclamações'), stem('reclamação'));
});

test('Portuguese slips: a changed figure stays in the Brazilian format, a date moves, a negation is dropped', () => {
  const doc = 'A receita foi de R$ 1.234,56 mil em 4 de março de 2026. A empresa não conseguiu abrir as 12 lojas previstas.';
  const facts = documentFacts(doc);
  assert.equal(facts.language, 'pt');
  const seen = new Map<string, string>();
  for (let seed = 0; seed < 60; seed++) {
    const random = seededRandom(`slips-${seed}`);
    for (const s of splitSentences(doc)) {
      const slipped = slipSentence(s, facts, random);
      if (slipped) seen.set(slipped.slip.kind, slipped.slip.after);
    }
  }
  assert.match(seen.get('figure') ?? '', /^\d{1,3}(?:\.\d{3})*(?:,\d+)?$/, 'a changed figure written the Brazilian way');
  assert.notEqual(seen.get('figure'), '1.234,56');
  assert.ok(seen.has('date') && seen.has('negation'), [...seen.keys()].join(', '));
  assert.deepEqual(dropNegation('A empresa não conseguiu abrir as lojas.', 'pt')?.text, 'A empresa conseguiu abrir as lojas.');
  assert.deepEqual(dropNegation('Nenhum valor foi debitado em duplicidade.', 'pt')?.text, 'Algum valor foi debitado em duplicidade.');
  // "no" is Portuguese for "in the": never a negation there.
  assert.equal(dropNegation('As vendas cresceram no Nordeste.', 'pt'), null);
});

test('Portuguese contradictions: a dropped "não", a hedge ("deve ser concluída", "só será encerrado depois") stated as done', () => {
  const doc =
    'A empresa não conseguiu abrir as 12 lojas previstas no Nordeste. A exclusão dos registros antigos deve ser concluída em 25 de março. ' +
    'O achado só será encerrado depois que a auditoria confirmar a exclusão.';
  assert.equal(negations('não houve nenhum vazamento, nunca'), 3);
  assert.deepEqual(
    contradictions('A empresa conseguiu abrir as 12 lojas previstas no Nordeste.', doc).map((c) => c.kind),
    ['negation dropped'],
  );
  assert.deepEqual(
    contradictions('A equipe já concluiu a exclusão dos registros antigos.', doc).map((c) => c.kind),
    ['stated as done'],
  );
  assert.deepEqual(
    contradictions('A auditoria encerrou o achado.', doc).map((c) => c.kind),
    ['stated as done'],
  );
  // Faithful restatements are not contradictions.
  assert.deepEqual(contradictions('A empresa não abriu as 12 lojas previstas no Nordeste.', doc), []);
  assert.deepEqual(contradictions('A exclusão deve ser concluída em 25 de março.', doc), []);
});

test('the judge reads Portuguese chatter, task rules and sentence ranges', () => {
  const task = loadTask('document_summarization', { language: 'pt-BR' });
  const taskText = `${task.instruction}\n${task.constraints.join('\n')}`;
  assert.deepEqual(requestedSentences(taskText), { min: 3, max: 5 });
  assert.ok(asksAnswerOnly(taskText));
  assert.equal(askedLanguage(taskText), 'pt');
  const document = 'A receita cresceu 9,8% no trimestre. A margem subiu para 30,2%. O conselho aprovou três medidas.';
  const x = judgeSignals({
    task: taskText,
    document,
    reference: document,
    response:
      'Claro! Aqui está o resumo:\n\nA receita cresceu 9,8% no trimestre. A margem subiu para 30,2%. O conselho aprovou três medidas.\n\nFico à disposição para uma versão mais curta.',
    metrics: [],
  });
  assert.deepEqual([x.preamble, x.signOff, x.answerOnly, x.noAdditions, x.sentences], [true, true, true, true, 3]);
  assert.equal(extractDocument('Resuma.\n\n<documento>\nO texto.\n</documento>'), 'O texto.');
  assert.equal(extractDocument('## Tarefa\nResuma.\n\n## Documento\nO texto.\n\n## Regras\n- Uma frase.'), 'O texto.');
});

test('emulated models answer a Portuguese prompt with Portuguese chatter; English only when the ignoresLanguage habit strikes', async () => {
  const catalog = loadCatalog();
  const task = loadTask('document_summarization', { language: 'pt-BR' });
  // Without the "answer only" rule, models with a preamble or closing habit chat.
  const chatty = { ...task, constraints: task.constraints.filter((c) => !/preâmbulo/.test(c)) };
  const template = loadTaskTemplate('data/pt-BR/prompts/source.txt');
  const english = [...PREAMBLES.en, ...CLOSINGS.en];
  const portuguese = [...PREAMBLES.pt, ...CLOSINGS.pt];
  const counts = { portuguese: 0, englishByHabit: 0 };
  for (const [i, row] of (await ptSample()).rows.entries()) {
    for (const model of catalog.models.filter((m) => m.emulation)) {
      const prompt = taskPrompt(chatty, template, row.document);
      const instructions = prompt.replace(row.document, ' ');
      const answer = summarize(row.document, {
        model,
        instructions,
        temperature: 0.2,
        random: seededRandom(`${model.modelId}|${i}`),
        budgetTokens: 800,
      });
      const inEnglish = english.some((p) => answer.text.includes(p));
      if (inEnglish) {
        assert.ok(
          answer.ignored.includes('language'),
          `${model.modelId} wrote English chatter without its habit: ${answer.text.slice(0, 80)}`,
        );
        counts.englishByHabit++;
      }
      if (portuguese.some((p) => answer.text.includes(p))) counts.portuguese++;
    }
  }
  assert.ok(counts.portuguese > 0, 'some model chats in Portuguese');
  // The full prompt through the endpoint's entry point: a Portuguese answer, its preamble Portuguese.
  const model = findModel(catalog, 'us.amazon.nova-2-lite-v1:0')!;
  const row = (await ptSample()).rows[0];
  const answer = generateAnswer({
    model,
    system: [],
    messages: [{ role: 'user', text: taskPrompt(task, template, row.document) }],
    maxTokens: 800,
    temperature: 0.2,
    seed: 42,
  });
  assert.equal(textLanguage(answer.text), 'pt');
});

test('the emulated optimizer rewrites a Portuguese template in Portuguese, keeping the task word for word', () => {
  const task = loadTask('document_summarization', { language: 'pt-BR' });
  const withoutFormat = { ...task, constraints: task.constraints.slice(0, 3) };
  const prompt = taskPrompt(withoutFormat, loadTaskTemplate('data/pt-BR/prompts/source.txt'), '{{document}}');
  const rewrites = rewritesOf(prompt, { family: 'nova', references: ['Uma. Duas. Três.'] });
  const combined = rewrites.find((r) => r.name === 'combined')!.text;
  assert.match(combined, /^## Tarefa\n/);
  assert.match(combined, /## Documento\n\{\{document\}\}/);
  assert.match(combined, /- Responda apenas com a resposta, sem preâmbulo nem comentário final\./);
  assert.match(combined, /Antes de responder, confira de novo cada regra:/);
  for (const c of withoutFormat.constraints) assert.ok(combined.includes(c), c);
  for (const r of rewrites) assert.doesNotMatch(r.text, /## Task|## Rules|Before you answer|Answer with the answer only|TASK:/, r.name);
  // The models respond to the Portuguese sections and restated rules as to the English ones (PROMPT_RESPONSE, invented).
  const sections = rewrites.find((r) => r.name === 'sections')!.text;
  assert.equal(ignoreFactor(sections, 'llama'), PROMPT_RESPONSE.sections.other);
  assert.equal(ignoreFactor(combined, 'claude'), PROMPT_RESPONSE.restatedRules.claude);
});

test('the Portuguese judge prompt: same metric names and scales as the English one, and the emulated judge answers its reasons in Portuguese', () => {
  const en = loadRubrics(judgeDirFor('en'));
  const pt = loadRubrics(judgeDirFor('pt-BR'));
  assert.deepEqual(
    pt.map((r) => [r.name, r.min, r.max, r.bedrockMetric]),
    en.map((r) => [r.name, r.min, r.max, r.bedrockMetric]),
  );
  assert.ok(
    pt.every((r) => textLanguage(`${r.description}\n${r.text}`) === 'pt'),
    'rubric text in Portuguese',
  );
  const document = 'A receita cresceu 9,8% no trimestre. A empresa não conseguiu abrir as 12 lojas previstas.';
  const input = {
    task: 'Resuma o documento.',
    document,
    reference: document,
    response: 'A empresa conseguiu abrir as 12 lojas previstas.',
  };
  const answer = (dir: string, rubrics: typeof en) => {
    const { prompt } = buildJudgeRequest(loadJudgeTemplates(dir), rubrics, input);
    return JSON.parse(judge(prompt)).scores as { metric: string; score: number; reason: string }[];
  };
  const inPortuguese = answer(judgeDirFor('pt-BR'), pt);
  const inEnglish = answer(judgeDirFor('en'), en);
  assert.deepEqual(
    inPortuguese.map((s) => [s.metric, s.score]),
    inEnglish.map((s) => [s.metric, s.score]),
    'the same scores whatever the language of the rubrics',
  );
  assert.match(inPortuguese.find((s) => s.metric === 'correctness')!.reason, /perde a negação de/);
  for (const s of inPortuguese) assert.doesNotMatch(s.reason, /\b(?:the|of|is|are|its?|with|and)\b/i, `${s.metric}: ${s.reason}`);
  assert.match(inEnglish.find((s) => s.metric === 'correctness')!.reason, /drops the negation of/);
});
