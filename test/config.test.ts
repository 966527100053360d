import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allModels, describeConfig, loadConfig } from '../src/core/config';

const SHIPPED = path.resolve(__dirname, '..', 'workshop.config.json');

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
  const file = withConfig((c) => { c.benchmark.num_parallel_calls = 0; });
  assert.throws(() => loadConfig({ file, env: {} }), /workshop\.config\.json has 1 problem\(s\):\n- benchmark\.num_parallel_calls: .*\(got 0\)/);
  assert.throws(() => loadConfig({ env: { BENCHMARK_NUM_PARALLEL_CALLS: 'lots' } }), /BENCHMARK_NUM_PARALLEL_CALLS="lots" is not a number/);
  assert.throws(() => loadConfig({ env: { BENCHMARK_NUM_PARALLEL_CALLS: '-2' } }), /benchmark\.num_parallel_calls \(from BENCHMARK_NUM_PARALLEL_CALLS\)/);
  assert.throws(() => loadConfig({ env: { WORKSHOP_BACKEND: 'azure' } }), /- backend \(from WORKSHOP_BACKEND\): .*"azure"/);
  assert.throws(() => loadConfig({ env: { AWS_REGION: 'Virginia' } }), /- region .*us-east-1/);
});

test('unknown keys are reported as likely typos', () => {
  const file = withConfig((c) => { c.benchmark.num_paralel_calls = 2; });
  assert.throws(() => loadConfig({ file, env: {} }), /benchmark: unknown key\(s\) num_paralel_calls \(a typo\?\)/);
});

test('models unknown to the catalogue: an error offline, a warning on AWS', () => {
  assert.throws(() => loadConfig({ env: { WORKSHOP_SOURCE_MODEL: 'acme.gpt-x' } }), /"acme\.gpt-x" .* not in the model catalogue .*Known models: .*amazon\.nova-lite-v1:0/);
  const cfg = loadConfig({ env: { WORKSHOP_SOURCE_MODEL: 'acme.gpt-x', WORKSHOP_BACKEND: 'aws' } });
  assert.match(cfg.warnings[0], /acme\.gpt-x is not in data\/model_catalog\.json/);
  assert.equal(cfg.models.source.promptTemplate, 'data/prompts/source.txt');
});

test('a recorded source needs its dataset columns; duplicates are refused', () => {
  const file = withConfig((c) => { c.models.source.kind = 'recorded'; });
  assert.throws(() => loadConfig({ file, env: {} }), /set dataset\.columns\.sourceResponse and dataset\.columns\.sourceLatencyMs/);
  assert.throws(
    () => loadConfig({ env: { WORKSHOP_CANDIDATE_MODELS: 'amazon.nova-lite-v1:0,amazon.nova-lite-v1:0' } }),
    /"amazon\.nova-lite-v1:0" appears twice/,
  );
});

test('a missing or broken file says how to restore it', () => {
  assert.throws(() => loadConfig({ file: '/nonexistent/workshop.config.json', env: {} }), /Cannot load the workshop configuration .*file not found.*git checkout/);
  const bad = path.join(mkdtempSync(path.join(tmpdir(), 'cfg-')), 'c.json');
  writeFileSync(bad, '{ "backend": ');
  assert.throws(() => loadConfig({ file: bad, env: {} }), /Cannot load the workshop configuration .*c\.json/);
});
