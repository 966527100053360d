import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { EOL, tmpdir } from 'node:os';
import path from 'node:path';
import { closeLogger, createRunLogger, fileTimestamp, redact, safeFileName } from '../src/core/logging';

test('safeFileName and fileTimestamp', () => {
  assert.equal(safeFileName('amazon.nova-lite-v1:0'), 'amazon.nova-lite-v1-0');
  assert.equal(safeFileName('arn:aws:bedrock:us-east-1::foundation-model/x.y'), 'arn-aws-bedrock-us-east-1-foundation-model-x.y');
  assert.equal(safeFileName(':::'), 'unnamed');
  assert.equal(fileTimestamp(new Date(2026, 0, 2, 3, 4, 5)), '20260102_030405');
});

test('redact masks key ids, secrets, tokens and Authorization headers', () => {
  const env = { AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
  const text = [
    'key AKIAIOSFODNN7EXAMPLE used',
    'secretAccessKey: "abc123secretvalue"',
    'aws_session_token=FwoGZXIvYXdzEXAMPLETOKEN',
    'Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/bedrock/aws4_request, Signature=deadbeef',
    `raw ${env.AWS_SECRET_ACCESS_KEY}`,
  ].join('\n');
  const out = redact(text, env);
  for (const secret of ['AKIAIOSFODNN7EXAMPLE', 'abc123secretvalue', 'FwoGZXIvYXdzEXAMPLETOKEN', 'deadbeef', env.AWS_SECRET_ACCESS_KEY]) {
    assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
  }
  assert.match(out, /key \[REDACTED\] used/);
});

test('the run log file gets every line, redacted, metadata included', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'logs-'));
  const { logger, file } = createRunLogger({ modelId: 'amazon.nova-lite-v1:0', logDir: dir, timestamp: '20260101_000000' });
  assert.equal(path.basename(file), 'model_latency_benchmarking_amazon.nova-lite-v1-0_20260101_000000.log');
  logger.info('attempt 1/3 failed', {
    headers: { Authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/x' },
    sessionToken: 'tok-123456789',
  });
  logger.debug('not at info level');
  logger.error('ValidationException for ASIAIOSFODNN7EXAMPLE');
  await closeLogger(logger);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /INFO - attempt 1\/3 failed/);
  assert.match(text, /ERROR - ValidationException for \[REDACTED\]/);
  assert.ok(!text.includes('not at info level'));
  for (const secret of ['AKIAIOSFODNN7EXAMPLE', 'ASIAIOSFODNN7EXAMPLE', 'tok-123456789']) assert.ok(!text.includes(secret), secret);
});

test('lines are written after the code that logged them, yet stamped when logged, in the order logged, redacted', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'logs-'));
  const saved = process.env.AWS_SECRET_ACCESS_KEY;
  process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  try {
    const { logger, file } = createRunLogger({ logDir: dir, timestamp: 't' });
    const before = Date.now();
    logger.info('first, plain');
    logger.warn('second, with metadata', { attempt: 2 });
    logger.info(`third, plain, with the secret ${process.env.AWS_SECRET_ACCESS_KEY}`);
    const after = Date.now();
    assert.equal(readFileSync(file, 'utf8'), '', 'nothing is written while the turn runs');
    while (Date.now() < after + 30); // the write comes well after the lines were logged
    await closeLogger(logger);
    const lines = readFileSync(file, 'utf8').trimEnd().split(EOL);
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^\S+ - INFO - first, plain$/);
    assert.match(lines[1], /^\S+ - WARN - second, with metadata \{"attempt":2\}$/);
    assert.match(lines[2], /^\S+ - INFO - third, plain, with the secret \[REDACTED\]$/);
    for (const line of lines) {
      const stamped = Date.parse(line.split(' - ')[0]);
      assert.ok(stamped >= before && stamped <= after, `${line}: stamped when logged (${before}–${after})`);
    }
  } finally {
    if (saved === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    else process.env.AWS_SECRET_ACCESS_KEY = saved;
  }
});

test('an unwritable log folder is one clear error', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'logs-'));
  writeFileSync(path.join(dir, 'logs'), 'a file where the folder should be');
  assert.throws(() => createRunLogger({ logDir: path.join(dir, 'logs') }), /logs is a file, not a folder \(paths\.outputs\)\. Fix: /);
});

test('an Error logged as is has its message redacted too', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'logs-'));
  const { logger, file } = createRunLogger({ logDir: dir, timestamp: 't' });
  logger.error(new Error('request signed with AKIAIOSFODNN7EXAMPLE failed'));
  await closeLogger(logger);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /ERROR - request signed with \[REDACTED\] failed/);
  assert.ok(!text.includes('AKIAIOSFODNN7EXAMPLE'));
});
