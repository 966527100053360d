/**
 * `npm run bench`: every speed benchmark of the project, printed as ratios against a
 * baseline measured in the same process, and written to outputs/bench/.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileTimestamp } from '../src/logging';
import { benchLocalEndpoint } from './local-endpoint';

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };

  console.log('1. Local endpoint vs a trivial HTTP/2 server (latency scale 0, 16 in flight)…');
  const endpoint = await benchLocalEndpoint();
  results.localEndpoint = endpoint;
  console.log(`   trivial server ${endpoint.trivialRps.toFixed(0)} req/s`);
  console.log(`   local endpoint, every answer computed: ${endpoint.endpointColdRps.toFixed(0)} req/s → ratio ${endpoint.coldRatio.toFixed(2)}`);
  console.log(`   local endpoint, repeated requests (memo): ${endpoint.endpointRps.toFixed(0)} req/s → ratio ${endpoint.ratio.toFixed(2)}`);
  console.log(`   target ≥ ${endpoint.target} for both: ${endpoint.pass ? 'PASS' : 'BELOW TARGET'}`);

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
