/**
 * `npm run bench`: every speed benchmark of the project, printed as ratios against a
 * baseline measured in the same process, and written to outputs/bench/.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileTimestamp } from '../src/core/logging';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { benchConcurrency, benchHarnessOverhead, printHarnessOverhead } from './latency-harness';
import { benchLocalEndpoint } from './local-endpoint';
import { benchReplay } from './replay';
import { benchScaleOut } from './scale-out';
import { benchPromptJob } from './prompt-job';

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };

  console.log('1. Local endpoint vs a trivial HTTP/2 server (latency scale 0, 16 in flight)…');
  const endpoint = await benchLocalEndpoint();
  results.localEndpoint = endpoint;
  console.log(`   trivial server ${endpoint.trivialRps.toFixed(0)} req/s`);
  console.log(
    `   local endpoint, every answer computed: ${endpoint.endpointColdRps.toFixed(0)} req/s → ratio ${endpoint.coldRatio.toFixed(2)}`,
  );
  console.log(`   local endpoint, repeated requests (memo): ${endpoint.endpointRps.toFixed(0)} req/s → ratio ${endpoint.ratio.toFixed(2)}`);
  console.log(`   target ≥ ${endpoint.target} for both: ${endpoint.pass ? 'PASS' : 'BELOW TARGET'}`);

  console.log(
    '\n2. Step 3 harness vs a bare loop of SDK ConverseStream calls (same process, same endpoint, latency scale 0, interleaved rounds)…',
  );
  const harness = await benchHarnessOverhead();
  results.harnessOverhead = harness;
  printHarnessOverhead(harness);

  console.log('\n3. Step 3 concurrency: 16 in flight with emulated latency on…');
  const conc = await benchConcurrency();
  results.concurrency = conc;
  console.log(
    `   ${conc.calls} calls · achieved ${conc.achievedRps.toFixed(1)} req/s vs ideal 16 ÷ mean emulated latency = ${conc.idealRps.toFixed(1)} req/s → ratio ${conc.throughputRatio.toFixed(2)} (target ≥ 0.9)`,
  );
  console.log(
    `   measured median ${conc.measuredMedianMs.toFixed(0)} ms vs emulated median ${conc.emulatedMedianMs.toFixed(0)} ms → ${(conc.medianDeviation * 100).toFixed(1)}% (target within ±5%) ${conc.pass ? 'PASS' : 'BELOW TARGET'}`,
  );

  console.log('\n4. The whole headless workshop on the sample data (default settings, latency scale 1)…');
  const scratch = mkdtempSync(path.join(tmpdir(), 'bench-workshop-'));
  const t0 = performance.now();
  execFileSync(process.execPath, [path.resolve(__dirname, '..', 'dist', 'bin', 'workshop.js')], {
    env: {
      ...process.env,
      WORKSHOP_TRACKING_FILE: path.join(scratch, 't.csv'),
      WORKSHOP_OUTPUTS_DIR: path.join(scratch, 'out'),
      WORKSHOP_EXECUTED_DIR: path.join(scratch, 'executed'),
    },
    stdio: 'ignore',
  });
  const workshopS = (performance.now() - t0) / 1000;
  results.workshopWallSeconds = workshopS;
  console.log(`   npm run workshop: ${workshopS.toFixed(1)} s wall time`);

  console.log('\n5. Scale-out: 20,000 documents through step 2 and the batch-inference path (latency scale 0, emulated)…');
  const scale = await benchScaleOut();
  results.scaleOut = scale;
  const sec = scale.seconds;
  console.log(
    `   ${scale.documents} documents: load ${sec.loadDataset.toFixed(1)} s · step 2 plan ${sec.plan.toFixed(1)} s (CountTokens for ${scale.countTokensModels} model(s), capped) · ${scale.jobs} batch jobs written ${sec.prepareJobs.toFixed(1)} s · one emulated job ${sec.emulatedRun.toFixed(1)} s · import ${sec.import.toFixed(1)} s (${scale.importedRows} rows) · peak memory ${scale.peakRssMb.toFixed(0)} MB`,
  );

  console.log('\n6. Replay: a cassette recorded with 16 in flight (realistic emulated latency) replayed with 16 in flight…');
  const replay = await benchReplay();
  results.replay = replay;
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
  console.log(
    `   ${replay.calls} calls · recorded median ${replay.recordedMedianMs.toFixed(0)} ms, replayed ${replay.replayedMedianMs.toFixed(0)} ms · per call: latency ${pct(replay.medianDeviation)} (median; ${replay.medianDiffMs.toFixed(1)} ms), |difference| P90 ${replay.p90AbsDiffMs.toFixed(0)} ms · time to first token ${pct(replay.ttftMedianDeviation)} (${replay.ttftMedianDiffMs.toFixed(1)} ms), P90 ${replay.ttftP90AbsDiffMs.toFixed(0)} ms · target within ±5%: ${replay.pass ? 'PASS' : 'BELOW TARGET'}`,
  );

  console.log('\n7. The emulated Advanced Prompt Optimization job on the sample data (step 2, latency scale 0)…');
  const apo = await benchPromptJob();
  results.promptJob = apo;
  console.log(
    `   ${apo.jobs} job(s), ${apo.models} models (baselines included), ${apo.samples} evaluation samples each: ${apo.seconds.toFixed(2)} s submit → poll → import (median of 3 fresh runs) · ${apo.completed} model results with scores · median candidate gain ${apo.medianGain === null ? 'n/a' : apo.medianGain.toFixed(3)} (emulated)`,
  );

  const dir = path.resolve(__dirname, '..', 'outputs', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench_${fileTimestamp()}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nFigures written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
