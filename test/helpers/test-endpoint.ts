/**
 * A local endpoint for a test file: the test catalogue, no emulated waiting (unless the
 * options say otherwise), and SDK clients pointed at it that do not retry — so every
 * answer a test sees is the endpoint's first.
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { startLocalBedrock, type LocalBedrock } from '../../src/local-bedrock';
import { testCatalog } from './test-catalog';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const CREDS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface TestEndpoint {
  lb: LocalBedrock;
  runtime: BedrockRuntimeClient;
  control: BedrockClient;
  /** Close the clients and stop the endpoint. */
  stop(): Promise<void>;
}

export async function startTestEndpoint(options: Parameters<typeof startLocalBedrock>[0] = {}): Promise<TestEndpoint> {
  const lb = await startLocalBedrock({ latencyScale: 0, catalog: testCatalog(), ...options });
  const runtime = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: lb.url, credentials: CREDS, maxAttempts: 1 });
  const control = new BedrockClient({ region: 'us-east-1', endpoint: lb.url, credentials: CREDS, maxAttempts: 1 });
  return {
    lb,
    runtime,
    control,
    stop: async () => {
      runtime.destroy();
      control.destroy();
      await lb.stop();
    },
  };
}
