/**
 * A workshop session on scratch files: the tracking CSV and the outputs folder in a new
 * temporary folder, the offline endpoint with no emulated waiting — so a test never touches
 * the repository's data/ or outputs/. `env` adds or overrides variables (e.g.
 * `WORKSHOP_CANDIDATE_MODELS`, `LOCAL_BEDROCK_LATENCY_SCALE`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSession, type OpenSessionOptions, type WorkshopSession } from '../../src/runs/session';

export async function openScratchSession(
  prefix: string,
  env: Record<string, string> = {},
  step: OpenSessionOptions['step'] = 1,
): Promise<{ s: WorkshopSession; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  const s = await openSession({
    step,
    env: {
      WORKSHOP_TRACKING_FILE: path.join(dir, 'tracking.csv'),
      WORKSHOP_OUTPUTS_DIR: path.join(dir, 'outputs'),
      LOCAL_BEDROCK_LATENCY_SCALE: '0',
      ...env,
    },
  });
  return { s, dir };
}
