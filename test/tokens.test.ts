import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateTokens, truncateToTokens } from '../src/tokens';

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
