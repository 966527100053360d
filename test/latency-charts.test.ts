import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latencyBarsFigure, latencyBoxFigure, latencyHistogramFigure, latencyVsInputTokensFigure } from '../src/steps/latency/charts';
import type { LatencyResultRow } from '../src/results/latency-rows';

function row(model: string, latency_ms: number | null, input: number, status: LatencyResultRow['status'] = 'success'): LatencyResultRow {
  return {
    run_id: 'r',
    variant: 'task',
    model,
    role: 'candidate',
    region: 'us-east-1',
    inference_profile: '',
    backend: 'local',
    document_index: 1,
    document_id: 'd',
    experiment: 1,
    invocation: 1,
    document: 'doc',
    referenceResponse: 'ref',
    model_response: 'resp',
    latency: latency_ms === null ? null : latency_ms / 1000,
    latency_ms,
    model_latencyMs: null,
    time_to_first_token_ms: null,
    output_tokens_per_second: null,
    total_time_ms: latency_ms,
    attempts: 1,
    model_input_tokens: input,
    model_output_tokens: 10,
    stop_reason: 'end_turn',
    status,
    error_type: '',
    error_message: '',
    cost_usd: 0,
    streaming: true,
    timestamp: '2026-01-01T00:00:00Z',
    endpoint: 'http://127.0.0.1:1',
    prompt_sha: 'abc',
    max_tokens: 512,
    temperature: 0,
    top_p: null,
    provenance_id: 'p',
    label: '',
  };
}

const rows = [row('a', 100, 50), row('a', 300, 70), row('b', 200, 60), row('b', null, 60, 'error')];

test('box, histogram and scatter have one trace per model, errors left out', () => {
  const box = latencyBoxFigure(rows, 'OFFLINE');
  assert.deepEqual(
    box.data.map((t) => t.name),
    ['a', 'b'],
  );
  assert.deepEqual(box.data[0].y, [100, 300]);
  assert.deepEqual(box.data[1].y, [200]);
  assert.match(JSON.stringify(box.layout), /OFFLINE/);
  assert.deepEqual(
    latencyHistogramFigure(rows).data.map((t) => t.x),
    [[100, 300], [200]],
  );
  const scatter = latencyVsInputTokensFigure(rows);
  assert.deepEqual(scatter.data[0].x, [50, 70]);
  assert.deepEqual(scatter.data[0].y, [100, 300]);
});

test('bars show mean, median and P90 per model, gaps for missing values', () => {
  const fig = latencyBarsFigure([
    { model: 'a', mean: 200, median: 200, p90: 280 },
    { model: 'b', mean: null, median: null, p90: null },
  ]);
  assert.deepEqual(
    fig.data.map((t) => t.name),
    ['Mean', 'Median', 'P90'],
  );
  assert.deepEqual(fig.data[2].y, [280, null]);
  assert.deepEqual(fig.data[2].text, ['280', '']);
});
