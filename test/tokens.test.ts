import fc from 'fast-check';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateTokens, truncateToTokens } from '../src/core/tokens';

test('estimateTokens counts word pieces of up to 4 characters and each punctuation mark', () => {
  assert.equal(estimateTokens(''), 0);
  assert.equal(estimateTokens('   \n '), 0);
  assert.equal(estimateTokens('Hello, world!'), 6);
  assert.equal(estimateTokens('a b c'), 3);
  assert.equal(estimateTokens('migration'), 3); // 9 chars → ceil(9/4)
  assert.equal(estimateTokens('Migração de modelos'), 5); // 8→2, 2→1, 7→2
});

test('truncateToTokens keeps a prefix within the budget', () => {
  const text = 'one two three four five';
  assert.equal(truncateToTokens(text, 0), '');
  assert.equal(truncateToTokens(text, 2), 'one two');
  assert.equal(truncateToTokens(text, 100), text);
  assert.ok(estimateTokens(truncateToTokens(text, 4)) <= 4);
});

test('the fast scan equals the regex definition on varied text', () => {
  const reference = (text: string) =>
    [...text.matchAll(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)].reduce((s, m) => s + Math.ceil(m[0].length / 4), 0);
  const samples = [
    'Plain ASCII, with punctuation!? And numbers 12,400.5 — dashes… “quotes”.',
    'Migração de modelos: ações, critérios e orçamento (R$ 1.200,00).',
    'Emoji 😀😀 and CJK 模型迁移 and tabs\tand\nnewlines\r\n.',
    '\u00a0non-breaking\u2003spaces\u3000here',
    '𝒳𝒴 math letters',
  ];
  for (const s of samples) assert.equal(estimateTokens(s), reference(s), s);
});

test('a text cut at maxTokens costs exactly maxTokens, as Bedrock reports outputTokens = maxTokens when it stops there (accents, surrogate pairs)', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.constantFrom('receita', 'líquida', 'R$', '1.234,56', 'não', 'Sr.', '—', '😀', 'extraordinariamente', ' ', '\n', ',', 'a'),
        {
          minLength: 1,
          maxLength: 60,
        },
      ),
      fc.integer({ min: 1, max: 40 }),
      (pieces, n) => {
        const text = pieces.join(' ');
        const cut = truncateToTokens(text, n);
        assert.ok(text.startsWith(cut));
        assert.equal(estimateTokens(cut), Math.min(n, estimateTokens(text)));
      },
    ),
    { seed: 26, numRuns: 400 },
  );
});
