/**
 * Bedrock clients. Region and credentials come from the AWS SDK's default chain
 * (environment, shared config/credentials files, SSO, instance roles…). The endpoint comes
 * from `options.endpoint`, or — handled by the SDK itself — from the standard variables
 * `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` / `AWS_ENDPOINT_URL_BEDROCK` /
 * `AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME` (each SDK client reads the variable named after its
 * service id — "Bedrock Agent Runtime" → `…_BEDROCK_AGENT_RUNTIME`): that is how the offline
 * local endpoint plugs in without any other change.
 *
 * Runtime calls (Converse…): SDK-level retries are off (`maxAttempts: 1`) — our own retry
 * layer (`retry.ts`) owns them so that every attempt is logged and timed. Control-plane
 * calls (ListFoundationModels, ListInferenceProfiles, evaluation and batch jobs) are not
 * timed, so they use the SDK's standard retry mode: throttling and 5xx errors are retried
 * with back-off (`CONTROL_PLANE_MAX_ATTEMPTS` attempts) instead of failing on the first one.
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';

/**
 * The SDK warns on every Node 20 process that future versions will need Node 22. The
 * versions pinned in package-lock.json support Node 20; keep that one notice out of
 * notebook outputs (the SDK's own switch, set only when the user has not chosen, and only
 * when a client is created — importing this module changes nothing).
 */
function quietNodeVersionNotice(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

export interface ClientOptions {
  region?: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export function createRuntimeClient(options: ClientOptions = {}): BedrockRuntimeClient {
  quietNodeVersionNotice();
  return new BedrockRuntimeClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxAttempts: 1,
  });
}

/** Attempts of a control-plane call (the SDK's standard retry mode, with back-off). */
export const CONTROL_PLANE_MAX_ATTEMPTS = 5;

export function createControlClient(options: ClientOptions = {}): BedrockClient {
  quietNodeVersionNotice();
  return new BedrockClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxAttempts: CONTROL_PLANE_MAX_ATTEMPTS,
    retryMode: 'standard',
  });
}

/**
 * Agents for Amazon Bedrock Runtime — here only for `OptimizePrompt` (simple prompt
 * optimization). Not a timed call: the SDK's standard retry mode, like the control plane.
 */
export function createAgentRuntimeClient(options: ClientOptions = {}): BedrockAgentRuntimeClient {
  quietNodeVersionNotice();
  return new BedrockAgentRuntimeClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxAttempts: CONTROL_PLANE_MAX_ATTEMPTS,
    retryMode: 'standard',
  });
}
