#!/usr/bin/env node
/**
 * `npm run local-bedrock [-- --port 8765]`: start the offline Bedrock endpoint and print
 * how to point any AWS SDK at it. Ctrl-C stops it.
 */
import { startLocalBedrock } from '../local-bedrock';
import { describeCassette } from '../core/cassette';
import { WorkshopError } from '../core/errors';
import { m } from '../core/i18n';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portFlag = args.indexOf('--port');
  const port = portFlag >= 0 ? Number(args[portFlag + 1]) : undefined;
  if (portFlag >= 0 && !(Number.isInteger(port) && port! >= 0 && port! < 65536)) {
    throw new WorkshopError(m().errors.cli.badPort({ got: String(args[portFlag + 1]) }), {
      fix: m().errors.cli.badPortFix,
    });
  }
  const endpoint = await startLocalBedrock({ port });
  const s = endpoint.settings;
  if (endpoint.replay) {
    const r = endpoint.replay;
    console.log(`Local Bedrock endpoint (OFFLINE) REPLAYING ${describeCassette(r.cassette.manifest)} — listening on ${endpoint.url}`);
    console.log(
      `calls not in the cassette: ${r.unmatched === 'error' ? 'refused with an error naming them' : 'answered by the emulator'} (LOCAL_BEDROCK_REPLAY_UNMATCHED)`,
    );
  } else console.log(`Local Bedrock endpoint (OFFLINE, emulated models) listening on ${endpoint.url}`);
  console.log(
    `seed ${s.seed} · latency scale ${s.latencyScale} · faults: throttling ${s.faults.throttlingRate}, server errors ${s.faults.serverErrorRate}, timeouts ${s.faults.timeoutRate}`,
  );
  console.log('\nPoint any AWS SDK or the AWS CLI at it with:\n');
  console.log(`  export AWS_ENDPOINT_URL_BEDROCK_RUNTIME=${endpoint.url}`);
  console.log(`  export AWS_ENDPOINT_URL_BEDROCK=${endpoint.url}`);
  console.log(`  export AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME=${endpoint.url}   # OptimizePrompt`);
  console.log('  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1   # any values work offline');
  console.log('\nPress Ctrl-C to stop.');
  const stop = async (signal: string) => {
    console.log(`\n${signal}: stopping the local endpoint…`);
    await endpoint.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(`local-bedrock: ${error.message}`);
  process.exit(1);
});
