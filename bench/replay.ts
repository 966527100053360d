/**
 * Replay keeps the recorded latencies under load (`npm run bench`, item 6; docs/record-replay.md):
 *
 * 1. record: N ConverseStream calls, 16 in flight, through the recorder, to a local endpoint
 *    standing in for AWS with realistic emulated latency (scale 1: about half a second to the
 *    first token, a few seconds in all);
 * 2. replay: the same N calls, 16 in flight, to a local endpoint replaying that cassette at
 *    latency scale 1;
 * 3. per call, compare the client-side latency and time to first token of the replay with
 *    the recording's: the median relative deviation (target within ±5%) and the 90th
 *    percentile of the absolute difference, in ms.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import pLimit from 'p-limit';
import { recordClient } from '../src/core/bedrock';
import { CassetteWriter } from '../src/core/cassette';
import { loadCatalog } from '../src/core/catalog';
import { loadConfig } from '../src/core/config';
import { loadDataset } from '../src/core/dataset';
import { percentile } from '../src/core/stats';
import { startLocalBedrock } from '../src/local-bedrock';

const MODEL = 'amazon.nova-lite-v1:0';

export interface ReplayBench {
  calls: number;
  inFlight: number;
  recordedMedianMs: number;
  replayedMedianMs: number;
  /** Median over calls of replayed ÷ recorded latency − 1. */
  medianDeviation: number;
  /** 90th percentile of |replayed − recorded| latency, ms. */
  p90AbsDiffMs: number;
  /** Median of replayed − recorded latency, ms (the local round trip the replay adds). */
  medianDiffMs: number;
  /** The same for the time to first token. */
  ttftMedianDeviation: number;
  ttftMedianDiffMs: number;
  ttftP90AbsDiffMs: number;
  cassetteBytes: number;
  pass: boolean;
}

interface Timed {
  latencyMs: number;
  ttftMs: number;
}

async function run(url: string, prompts: string[], inFlight: number, record?: (c: BedrockRuntimeClient) => void): Promise<Timed[]> {
  const client = new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId: 'AKIABENCHFAKE', secretAccessKey: 'bench-fake' },
    maxAttempts: 1,
  });
  record?.(client);
  const limit = pLimit(inFlight);
  const out = await Promise.all(
    prompts.map((text) =>
      limit(async () => {
        const t0 = performance.now();
        const r = await client.send(
          new ConverseStreamCommand({
            modelId: MODEL,
            messages: [{ role: 'user', content: [{ text }] }],
            inferenceConfig: { maxTokens: 300 },
          }),
        );
        let ttft = Number.NaN;
        for await (const e of r.stream ?? []) if (e.contentBlockDelta && Number.isNaN(ttft)) ttft = performance.now() - t0;
        return { latencyMs: performance.now() - t0, ttftMs: ttft };
      }),
    ),
  );
  client.destroy();
  return out;
}

export async function benchReplay(calls = 160, inFlight = 16, latencyScale = 1): Promise<ReplayBench> {
  const config = loadConfig({ env: {} });
  const docs = (await loadDataset(config)).rows;
  // Distinct requests, so each replayed call is compared with its own recording.
  const prompts = Array.from({ length: calls }, (_, i) => `Summarize (variant ${i}):\n${docs[i % docs.length].document}`);
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'bench-replay-')), 'cassette');
  const catalog = loadCatalog();

  const standIn = await startLocalBedrock({ latencyScale, catalog });
  const writer = CassetteWriter.open(folder, { region: 'us-east-1', endpoint: standIn.url, dataset: null });
  const recorded = await run(standIn.url, prompts, inFlight, (c) => recordClient(c, { writer, region: 'us-east-1', step: null }));
  writer.close();
  await standIn.stop();

  const replay = await startLocalBedrock({ latencyScale: 1, catalog, replay: { folder } });
  const replayed = await run(replay.url, prompts, inFlight);
  await replay.stop();

  const rel = (a: number[], b: number[]) => a.map((x, i) => b[i] / x - 1);
  const abs = (a: number[], b: number[]) => a.map((x, i) => Math.abs(b[i] - x));
  const diff = (a: number[], b: number[]) => a.map((x, i) => b[i] - x);
  const lat = [recorded.map((x) => x.latencyMs), replayed.map((x) => x.latencyMs)] as const;
  const ttft = [recorded.map((x) => x.ttftMs), replayed.map((x) => x.ttftMs)] as const;
  const medianDeviation = percentile(rel(...lat), 0.5)!;
  const ttftMedianDeviation = percentile(rel(...ttft), 0.5)!;
  return {
    calls,
    inFlight,
    recordedMedianMs: percentile(lat[0], 0.5)!,
    replayedMedianMs: percentile(lat[1], 0.5)!,
    medianDeviation,
    p90AbsDiffMs: percentile(abs(...lat), 0.9)!,
    medianDiffMs: percentile(diff(...lat), 0.5)!,
    ttftMedianDeviation,
    ttftMedianDiffMs: percentile(diff(...ttft), 0.5)!,
    ttftP90AbsDiffMs: percentile(abs(...ttft), 0.9)!,
    cassetteBytes: writer.manifest.files[0].bytes,
    pass: Math.abs(medianDeviation) <= 0.05 && Math.abs(ttftMedianDeviation) <= 0.05,
  };
}
