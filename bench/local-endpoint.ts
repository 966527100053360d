/**
 * Is the local endpoint fast enough not to be what limits a benchmark?
 *
 * One AWS SDK client drives, with 16 requests in flight and the endpoint's latency scale
 * at 0, (a) a trivial HTTP/2 server that returns a fixed Converse response and (b) the
 * local endpoint, over the same summarization requests. Target: (b) reaches at least 80%
 * of (a)'s rate. Both run in this process, alternately, so the ratio is comparable across
 * noisy machines even when the absolute rates are not.
 */
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as pl from 'nodejs-polars';
import { ConverseCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import pLimit from 'p-limit';
import { createRuntimeClient } from '../src/core/bedrock';
import { loadTask, loadTaskTemplate, taskPrompt } from '../src/core/task';
import { startLocalBedrock } from '../src/local-bedrock';

const ROOT = path.resolve(__dirname, '..');
const FIXED = JSON.stringify({
  output: {
    message: {
      role: 'assistant',
      content: [{ text: 'A fixed answer of about twenty words, standing in for a summary, returned by a trivial server.' }],
    },
  },
  stopReason: 'end_turn',
  usage: { inputTokens: 300, outputTokens: 20, totalTokens: 320 },
  metrics: { latencyMs: 1 },
});

async function trivialServer() {
  const server = http2.createServer();
  server.on('stream', (stream) => {
    stream.on('data', () => {});
    stream.on('end', () => {
      stream.respond({ ':status': 200, 'content-type': 'application/json' });
      stream.end(FIXED);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The prompts the workshop sends for the summarization task (task instruction and constraints filled in). */
function prompts(): string[] {
  const task = loadTask('document_summarization');
  const template = loadTaskTemplate('data/prompts/nova.txt');
  const docs = pl
    .readCSV(path.join(ROOT, 'data', 'document_sample_10.csv'))
    .getColumn('document')
    .toArray() as string[];
  return docs.map((d) => taskPrompt(task, template, d));
}

async function drive(client: BedrockRuntimeClient, texts: string[], total: number, inFlight: number): Promise<number> {
  const limit = pLimit(inFlight);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: total }, (_, i) =>
      limit(() =>
        client.send(
          new ConverseCommand({
            modelId: 'amazon.nova-lite-v1:0',
            messages: [{ role: 'user', content: [{ text: texts[i % texts.length] }] }],
            inferenceConfig: { maxTokens: 512 },
          }),
        ),
      ),
    ),
  );
  return total / ((performance.now() - started) / 1000);
}

export interface LocalEndpointBench {
  requests: number;
  inFlight: number;
  trivialRps: number;
  /** Every answer computed afresh. */
  endpointColdRps: number;
  /** Repeated requests answered from the endpoint's memo (as in repeated invocations). */
  endpointRps: number;
  coldRatio: number;
  ratio: number;
  target: number;
  pass: boolean;
}

export async function benchLocalEndpoint({ requests = 2000, inFlight = 16, rounds = 3 } = {}): Promise<LocalEndpointBench> {
  const texts = prompts();
  const trivial = await trivialServer();
  const endpoint = await startLocalBedrock({ latencyScale: 0, seed: 1 });
  const cold = await startLocalBedrock({ latencyScale: 0, seed: 1, answerMemo: false });
  const coldClient = createRuntimeClient({
    region: 'us-east-1',
    endpoint: cold.url,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  const trivialClient = createRuntimeClient({
    region: 'us-east-1',
    endpoint: trivial.url,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  const endpointClient = createRuntimeClient({
    region: 'us-east-1',
    endpoint: endpoint.url,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  // Warm up both (connections, JIT), then alternate rounds and keep each side's best.
  await drive(trivialClient, texts, 200, inFlight);
  await drive(endpointClient, texts, 200, inFlight);
  await drive(coldClient, texts, 200, inFlight);
  let trivialRps = 0;
  let endpointRps = 0;
  let endpointColdRps = 0;
  for (let r = 0; r < rounds; r++) {
    trivialRps = Math.max(trivialRps, await drive(trivialClient, texts, requests, inFlight));
    endpointRps = Math.max(endpointRps, await drive(endpointClient, texts, requests, inFlight));
    endpointColdRps = Math.max(endpointColdRps, await drive(coldClient, texts, requests, inFlight));
  }
  coldClient.destroy();
  await cold.stop();
  trivialClient.destroy();
  endpointClient.destroy();
  await endpoint.stop();
  await trivial.stop();
  const ratio = endpointRps / trivialRps;
  const coldRatio = endpointColdRps / trivialRps;
  return {
    requests,
    inFlight,
    trivialRps,
    endpointColdRps,
    endpointRps,
    coldRatio,
    ratio,
    target: 0.8,
    pass: Math.min(ratio, coldRatio) >= 0.8,
  };
}
