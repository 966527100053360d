/**
 * The backend: where this workshop's Bedrock calls go.
 *
 * - `aws`: real Amazon Bedrock. Chosen only when the configuration asks for it AND the
 *   SDK's default chain resolves credentials (environment, ~/.aws files, SSO, roles) —
 *   otherwise an error says exactly what is missing. Nothing is faked. With
 *   `cassette.record` (LOCAL_BEDROCK_RECORD) every call is also written to a cassette.
 * - `local` (default): the offline endpoint is started in this process on 127.0.0.1 and the
 *   SDK clients are pointed at it. Every figure it produces is emulated, and says so.
 * - `replay`: the same local endpoint serving a cassette recorded on AWS (`cassette.replay`,
 *   LOCAL_BEDROCK_REPLAY): Bedrock's recorded answers at their recorded pace, offline.
 *
 * docs/record-replay.md describes recording and replay.
 */
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { createAgentRuntimeClient, createControlClient, createRuntimeClient, recordClient, type RecorderContext } from '../core/bedrock';
import { CassetteWriter, fileSha256, type CassetteManifest } from '../core/cassette';
import type { WorkshopConfig } from '../core/config';
import { WorkshopError } from '../core/errors';
import { formatNumber } from '../core/format';
import { m } from '../core/i18n';
import { displayPath, repoPath } from '../core/paths';
import { startLocalBedrock, type LocalBedrock, type ReplayStats } from '../local-bedrock';

/** What the `backend` column of a result row says: `local`, `aws`, or `replay:<cassette>@<recording date>[+emulated]`. */
export type BackendColumn = 'local' | 'aws' | `replay:${string}`;

export interface Backend {
  kind: 'local' | 'aws' | 'replay';
  /**
   * The `backend` column of every result row and of the tracking CSV: `local`, `aws`, or for
   * a replay `replay:<cassette name>@<recording date>` — with `+emulated` when the emulator
   * answers the calls the cassette lacks (`cassette.unmatched` = `emulate`).
   */
  column: BackendColumn;
  region: string;
  /** The endpoint URL when not the AWS default. */
  endpoint: string | null;
  /**
   * What answers the calls, stable across sessions — recorded with every result row so a
   * resume never mixes set-ups: `aws:<endpoint or "default">` (plus the cassette while
   * recording), the local endpoint's emulation settings (`local:seed=42,latencyScale=1`; its
   * port changes every session), or the replayed cassette, its content hash and pace.
   */
  identity: string;
  runtime: BedrockRuntimeClient;
  control: BedrockClient;
  /** Agents for Amazon Bedrock Runtime: `OptimizePrompt` (step 2's simple prompt optimization). */
  agentRuntime: BedrockAgentRuntimeClient;
  /** One loud sentence for notebooks and reports. */
  description: string;
  /** A short label for charts and tables: who produced the figures. */
  label: string;
  local: LocalBedrock | null;
  /**
   * While recording: the cassette being written. Another SDK client (an S3 client of a
   * batch or evaluation job) is recorded too with `recordClient(client, backend.recording)`.
   */
  recording: RecorderContext | null;
  /** While replaying: the cassette and how many calls it answered, the emulator answered, or were refused. */
  replay: { name: string; recordedOn: string; folder: string; manifest: CassetteManifest; stats: ReplayStats } | null;
  stop(): Promise<void>;
}

export interface ConnectOptions {
  /** The workshop step opening the backend (1–5): recorded with each call, and preferred on replay. */
  step?: number | null;
}

/** Dummy credentials for the offline endpoint (it checks none). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Endpoint variables that send the SDK somewhere other than Amazon Bedrock's own endpoints. */
function endpointOverride(): string | null {
  const e = process.env;
  return e.AWS_ENDPOINT_URL_BEDROCK_RUNTIME ?? e.AWS_ENDPOINT_URL_BEDROCK ?? e.AWS_ENDPOINT_URL ?? null;
}

function datasetOf(config: WorkshopConfig): { path: string; sha256: string } | null {
  const sha256 = fileSha256(repoPath(config.dataset.path));
  return sha256 ? { path: config.dataset.path, sha256 } : null;
}

export async function connectBackend(config: WorkshopConfig, options: ConnectOptions = {}): Promise<Backend> {
  const step = options.step ?? null;
  if (config.backend === 'aws') {
    // 1. clients from the SDK's default chain; the standard endpoint variables still apply.
    const runtime = createRuntimeClient({ region: config.region });
    const control = createControlClient({ region: config.region });
    const agentRuntime = createAgentRuntimeClient({ region: config.region });
    // 2. make sure credentials resolve before any call, with a fix if they don't.
    try {
      await runtime.config.credentials();
    } catch (error) {
      runtime.destroy();
      control.destroy();
      agentRuntime.destroy();
      throw new WorkshopError(m().errors.runs.noCredentials({ message: (error as Error).message.split('\n')[0] }), {
        fix: m().errors.runs.noCredentialsFix,
        key: 'backend',
        cause: error,
      });
    }
    const endpoint = process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME ?? null;
    // 3. recording (cassette.record): every call of both clients into the cassette.
    let recording: RecorderContext | null = null;
    let recordingNote = '';
    if (config.cassette.record) {
      const folder = repoPath(config.cassette.record);
      let writer: CassetteWriter;
      try {
        writer = CassetteWriter.open(folder, { region: config.region, endpoint: endpointOverride(), dataset: datasetOf(config) });
      } catch (error) {
        runtime.destroy();
        control.destroy();
        agentRuntime.destroy();
        throw error;
      }
      recording = { writer, region: config.region, step };
      recordClient(runtime, recording);
      recordClient(control, recording);
      recordClient(agentRuntime, recording);
      recordingNote = m().views.runs.backend.recording({ cassette: writer.manifest.name, folder: displayPath(folder) });
    }
    return {
      kind: 'aws',
      column: 'aws',
      region: config.region,
      endpoint,
      // A recording run never resumes rows of a run that was not recorded into this cassette
      // (their calls would be missing from it).
      identity: `aws:${endpoint ?? 'default'}${recording ? `,recording=${recording.writer.manifest.name}@${recording.writer.manifest.createdAt}` : ''}`,
      runtime,
      control,
      agentRuntime,
      description: `${m().views.runs.backend.billed({ region: config.region, endpoint })}${recordingNote}`,
      label: m().views.runs.backend.awsLabel({ region: config.region }),
      local: null,
      recording,
      replay: null,
      async stop() {
        runtime.destroy();
        control.destroy();
        agentRuntime.destroy();
        recording?.writer.close();
      },
    };
  }

  // Local: start the offline endpoint in this process and point both clients at it —
  // emulating, or replaying a cassette (cassette.replay).
  const local = await startLocalBedrock({
    seed: config.localEndpoint.seed,
    latencyScale: config.localEndpoint.latencyScale,
    faults: config.localEndpoint.faults,
    region: config.region,
    replay: config.cassette.replay ? { folder: repoPath(config.cassette.replay), unmatched: config.cassette.unmatched, step } : null,
    // Emulated jobs' "S3" lives with this configuration's outputs (LOCAL_BEDROCK_S3_DIR wins).
    s3Dir: process.env.LOCAL_BEDROCK_S3_DIR?.trim() || repoPath(config.paths.outputs, 'local-s3'),
  });
  const runtime = createRuntimeClient({ region: config.region, endpoint: local.url, credentials: LOCAL_CREDENTIALS });
  const control = createControlClient({ region: config.region, endpoint: local.url, credentials: LOCAL_CREDENTIALS });
  const agentRuntime = createAgentRuntimeClient({ region: config.region, endpoint: local.url, credentials: LOCAL_CREDENTIALS });
  const stop = async () => {
    runtime.destroy();
    control.destroy();
    agentRuntime.destroy();
    await local.stop();
  };
  const s = local.settings;
  const f = s.faults;
  const t = m().views.runs.backend;
  const n = (x: number) => formatNumber(x, 'auto');
  const faults =
    f.throttlingRate || f.serverErrorRate || f.timeoutRate
      ? t.faults({ throttling: n(f.throttlingRate), server: n(f.serverErrorRate), timeouts: n(f.timeoutRate) })
      : '';

  if (local.replay) {
    const r = local.replay;
    const m = r.cassette.manifest;
    const from = (m.recordedFrom ?? m.createdAt).slice(0, 10);
    const to = (m.recordedTo ?? m.createdAt).slice(0, 10);
    const emulate = r.unmatched === 'emulate';
    const where = m.endpoint ? t.replayStandIn({ endpoint: m.endpoint, from }) : t.replayAws({ from, to: to !== from ? to : null });
    const sha = fileSha256(repoPath(config.dataset.path));
    const otherData =
      m.dataset && sha && m.dataset.sha256 !== sha ? t.otherDataset({ recorded: m.dataset.path, now: config.dataset.path, emulate }) : '';
    return {
      kind: 'replay',
      column: `replay:${m.name}@${from}${emulate ? '+emulated' : ''}`,
      region: config.region,
      endpoint: local.url,
      identity: `replay:${m.name}@${from},cassette=${r.cassette.contentId},latencyScale=${s.latencyScale},unmatched=${r.unmatched}${emulate ? `,seed=${s.seed}${faults ? `,faults=${f.throttlingRate}/${f.serverErrorRate}/${f.timeoutRate}` : ''}` : ''}`,
      runtime,
      control,
      agentRuntime,
      description:
        t.replayed({
          where,
          cassette: t.cassette({
            name: m.name,
            calls: formatNumber(m.counts.interactions, 'auto'),
            models: formatNumber(m.models.length, 'auto'),
            region: m.region,
            from: m.recordedFrom?.slice(0, 10) ?? null,
            to: m.recordedTo?.slice(0, 10) ?? null,
          }),
          folder: displayPath(r.cassette.folder),
          url: local.url,
        }) +
        t.replayPace({ scale: s.latencyScale === 1 ? null : n(s.latencyScale) }) +
        (emulate ? t.replayEmulated : t.replayRefused) +
        otherData,
      label: t.replayLabel({ standIn: Boolean(m.endpoint), from, cassette: m.name, emulate }),
      local,
      recording: null,
      replay: { name: m.name, recordedOn: from, folder: r.cassette.folder, manifest: m, stats: r.stats },
      stop,
    };
  }

  return {
    kind: 'local',
    column: 'local',
    region: config.region,
    endpoint: local.url,
    identity: `local:seed=${s.seed},latencyScale=${s.latencyScale}`,
    runtime,
    control,
    agentRuntime,
    description: t.offline({ url: local.url, seed: String(s.seed), scale: n(s.latencyScale), faults }),
    label: t.offlineLabel,
    local,
    recording: null,
    replay: null,
    stop,
  };
}
