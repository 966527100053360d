import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allModels, configKeys, configKeysMarkdown, describeConfig, ENV_OVERRIDES, loadConfig } from '../src/core/config';
import { WorkshopError } from '../src/core/errors';

const SHIPPED = path.resolve(__dirname, '..', 'workshop.config.json');

// biome-ignore lint/suspicious/noExplicitAny: a test edits arbitrary keys of the raw JSON
function withConfig(edit: (cfg: any) => void): string {
  const cfg = JSON.parse(readFileSync(SHIPPED, 'utf8'));
  edit(cfg);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cfg-')), 'workshop.config.json');
  writeFileSync(file, JSON.stringify(cfg));
  return file;
}

test('the shipped configuration loads with defaults filled in', () => {
  const cfg = loadConfig({ env: {} });
  assert.equal(cfg.backend, 'local');
  assert.equal(cfg.benchmark.num_parallel_calls, 4);
  const models = allModels(cfg);
  assert.equal(models[0].role, 'source');
  assert.ok(models.length >= 3);
  assert.ok(models.every((m) => m.promptTemplate.startsWith('data/prompts/')));
  assert.match(describeConfig(cfg), /backend: local/);
});

test('environment variables override settings and are reported', () => {
  const cfg = loadConfig({
    env: {
      BENCHMARK_NUM_PARALLEL_CALLS: '16',
      BENCHMARK_STREAMING: 'false',
      WORKSHOP_CANDIDATE_MODELS: 'amazon.nova-micro-v1:0, anthropic.claude-3-haiku-20240307-v1:0',
      AWS_DEFAULT_REGION: 'eu-west-1',
      LOCAL_BEDROCK_LATENCY_SCALE: '0',
    },
  });
  assert.equal(cfg.benchmark.num_parallel_calls, 16);
  assert.equal(cfg.benchmark.streaming, false);
  assert.equal(cfg.region, 'eu-west-1');
  assert.equal(cfg.localEndpoint.latencyScale, 0);
  assert.deepEqual(cfg.models.candidates, [
    { modelId: 'amazon.nova-micro-v1:0', promptTemplate: 'data/prompts/nova.txt' },
    { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', promptTemplate: 'data/prompts/claude.txt' },
  ]);
  assert.ok(cfg.source.envOverrides.includes('BENCHMARK_NUM_PARALLEL_CALLS'));
  assert.ok(cfg.source.envOverrides.includes('AWS_DEFAULT_REGION'));
});

test('a malformed value names the setting, the value and the file', () => {
  const file = withConfig((c) => {
    c.benchmark.num_parallel_calls = 0;
  });
  assert.throws(
    () => loadConfig({ file, env: {} }),
    /workshop\.config\.json has 1 problem\(s\):\n- benchmark\.num_parallel_calls \(in .*workshop\.config\.json\): .*\(got 0\)/,
  );
  assert.throws(() => loadConfig({ env: { BENCHMARK_NUM_PARALLEL_CALLS: 'lots' } }), /BENCHMARK_NUM_PARALLEL_CALLS="lots" is not a number/);
  assert.throws(
    () => loadConfig({ env: { BENCHMARK_NUM_PARALLEL_CALLS: '-2' } }),
    /benchmark\.num_parallel_calls \(set by the environment variable BENCHMARK_NUM_PARALLEL_CALLS\)/,
  );
  assert.throws(
    () => loadConfig({ env: { WORKSHOP_BACKEND: 'azure' } }),
    /- backend \(set by the environment variable WORKSHOP_BACKEND\): .*"azure"/,
  );
  assert.throws(() => loadConfig({ env: { AWS_REGION: 'Virginia' } }), /- region .*us-east-1/);
});

test('unknown keys are reported with the nearest valid key, and the whole message carries the fix', () => {
  const file = withConfig((c) => {
    c.benchmark.num_paralel_calls = 2;
    c.compare.weights.qualty = 1;
  });
  assert.throws(
    () => loadConfig({ file, env: {} }),
    (e: unknown) =>
      e instanceof WorkshopError &&
      /benchmark \(in .*\): unknown key\(s\) "num_paralel_calls" — did you mean "num_parallel_calls"\?/.test(e.message) &&
      /compare\.weights \(in .*\): unknown key\(s\) "qualty" — did you mean "quality"\?/.test(e.message) &&
      /Fix: correct these settings \(docs\/configuration\.md/.test(e.message) &&
      e.context.key === 'benchmark',
  );
});

test('compare settings: weights summing to 0 and a margin ≤ 0 are refused', () => {
  const zero = withConfig((c) => {
    c.compare.weights = { quality: 0, latency: 0, cost: 0 };
  });
  assert.throws(() => loadConfig({ file: zero, env: {} }), /compare\.weights .*the weights sum to 0/);
  const margin = withConfig((c) => {
    c.compare.margin = 0;
  });
  assert.throws(
    () => loadConfig({ file: margin, env: {} }),
    /compare\.margin .*a margin > 0 \(a superiority test is a different question\)/,
  );
});

test('docs/configuration.md lists every key of the schema with its shipped default and variable', () => {
  const shipped = JSON.parse(readFileSync(SHIPPED, 'utf8'));
  const doc = readFileSync(path.resolve(__dirname, '..', 'docs', 'configuration.md'), 'utf8');
  assert.ok(doc.includes(configKeysMarkdown(shipped)), 'docs/configuration.md is out of date: run `npm run docs`');
  const keys = configKeys().map((k) => k.key.replace(/\[\]$/, ''));
  for (const [name, [key]] of Object.entries(ENV_OVERRIDES))
    assert.ok(keys.includes(key), `${name} overrides ${key}, which the schema does not have`);
  assert.ok(
    configKeys().every((k) => k.description.length > 0),
    'every key has a description',
  );
});

test('models unknown to the catalogue: a warning (step 1 reports them; the other models still run)', () => {
  const offline = loadConfig({ env: { WORKSHOP_CANDIDATE_MODELS: 'amazon.nova-lite-v1:0,amazon.nova-lite-v2:0' } });
  assert.match(
    offline.warnings.join('\n'),
    /amazon\.nova-lite-v2:0 is not in the model catalogue .* step 1 reports it as an error .* Nearest known id: amazon\.nova-lite-v1:0/,
  );
  const cfg = loadConfig({ env: { WORKSHOP_SOURCE_MODEL: 'acme.gpt-x', WORKSHOP_BACKEND: 'aws' } });
  assert.match(cfg.warnings[0], /acme\.gpt-x is not in data\/model_catalog\.json: it is called as is, but no price/);
  assert.equal(cfg.models.source.promptTemplate, 'data/prompts/source.txt');
});

test('a recorded source needs its dataset columns; duplicates are refused', () => {
  const file = withConfig((c) => {
    c.models.source.kind = 'recorded';
  });
  assert.throws(() => loadConfig({ file, env: {} }), /set dataset\.columns\.sourceResponse and dataset\.columns\.sourceLatencyMs/);
  assert.throws(
    () => loadConfig({ env: { WORKSHOP_CANDIDATE_MODELS: 'amazon.nova-lite-v1:0,amazon.nova-lite-v1:0' } }),
    /"amazon\.nova-lite-v1:0" appears twice/,
  );
});

test('a missing or broken file says how to restore it', () => {
  assert.throws(
    () => loadConfig({ file: '/nonexistent/workshop.config.json', env: {} }),
    /Cannot load the workshop configuration .*file not found.*git checkout/,
  );
  const bad = path.join(mkdtempSync(path.join(tmpdir(), 'cfg-')), 'c.json');
  writeFileSync(bad, '{ "backend": ');
  assert.throws(() => loadConfig({ file: bad, env: {} }), /Cannot load the workshop configuration .*c\.json/);
});
