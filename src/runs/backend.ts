/**
 * The backend: where this workshop's Bedrock calls go.
 *
 * - `aws`: real Amazon Bedrock. Chosen only when the configuration asks for it AND the
 *   SDK's default chain resolves credentials (environment, ~/.aws files, SSO, roles) —
 *   otherwise an error says exactly what is missing. Nothing is faked.
 * - `local` (default): the offline endpoint is started in this process on 127.0.0.1 and the
 *   SDK clients are pointed at it. Every figure it produces is emulated, and says so.
 */
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { createControlClient, createRuntimeClient } from '../core/bedrock';
import type { WorkshopConfig } from '../core/config';
import { startLocalBedrock, type LocalBedrock } from '../local-bedrock';
import { WorkshopError } from '../core/errors';

export interface Backend {
  kind: 'local' | 'aws';
  region: string;
  /** The endpoint URL when not the AWS default. */
  endpoint: string | null;
  /**
   * What answers the calls, stable across sessions — recorded with every result row so a
   * resume never mixes set-ups: `aws:<endpoint or "default">`, or for the local endpoint its
   * emulation settings (`local:seed=42,latencyScale=1`; its port changes every session).
   */
  identity: string;
  runtime: BedrockRuntimeClient;
  control: BedrockClient;
  /** One loud sentence for notebooks and reports. */
  description: string;
  local: LocalBedrock | null;
  stop(): Promise<void>;
}

/** Dummy credentials for the offline endpoint (it checks none). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function connectBackend(config: WorkshopConfig): Promise<Backend> {
  if (config.backend === 'aws') {
    // 1. clients from the SDK's default chain; the standard endpoint variables still apply.
    const runtime = createRuntimeClient({ region: config.region });
    const control = createControlClient({ region: config.region });
    // 2. make sure credentials resolve before any call, with a fix if they don't.
    try {
      await runtime.config.credentials();
    } catch (error) {
      runtime.destroy();
      control.destroy();
      throw new WorkshopError(`backend is "aws" but no AWS credentials could be found (${(error as Error).message.split('\n')[0]}).`, {
        fix:
          'configure credentials (`aws configure`, `aws sso login`, AWS_PROFILE, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), ' +
          'or set "backend": "local" in workshop.config.json (or WORKSHOP_BACKEND=local) to work offline.',
        key: 'backend',
        cause: error,
      });
    }
    const endpoint = process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME ?? null;
    return {
      kind: 'aws',
      region: config.region,
      endpoint,
      identity: `aws:${endpoint ?? 'default'}`,
      runtime,
      control,
      description: `AWS — real Amazon Bedrock in ${config.region}${endpoint ? ` via ${endpoint}` : ''}. Calls are billed to your account.`,
      local: null,
      async stop() {
        runtime.destroy();
        control.destroy();
      },
    };
  }

  // Local: start the offline endpoint in this process and point both clients at it.
  const local = await startLocalBedrock({
    seed: config.localEndpoint.seed,
    latencyScale: config.localEndpoint.latencyScale,
    faults: config.localEndpoint.faults,
    region: config.region,
  });
  const runtime = createRuntimeClient({ region: config.region, endpoint: local.url, credentials: LOCAL_CREDENTIALS });
  const control = createControlClient({ region: config.region, endpoint: local.url, credentials: LOCAL_CREDENTIALS });
  const f = local.settings.faults;
  const faults =
    f.throttlingRate || f.serverErrorRate || f.timeoutRate
      ? `, injected faults: throttling ${f.throttlingRate}, server errors ${f.serverErrorRate}, timeouts ${f.timeoutRate}`
      : '';
  return {
    kind: 'local',
    region: config.region,
    endpoint: local.url,
    identity: `local:seed=${local.settings.seed},latencyScale=${local.settings.latencyScale}`,
    runtime,
    control,
    description: `OFFLINE — local emulated Bedrock endpoint at ${local.url} (seed ${local.settings.seed}, latency scale ${local.settings.latencyScale}${faults}). Latencies and answers are emulated: use them to learn the workflow, not to choose a model.`,
    local,
    async stop() {
      runtime.destroy();
      control.destroy();
      await local.stop();
    },
  };
}
