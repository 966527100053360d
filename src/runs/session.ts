/**
 * A notebook's working session: the configuration, the model catalogue, the backend and
 * the tracking CSV, opened at the top of every notebook and closed at its end — so any
 * notebook can be re-run on its own after the ones before it.
 */
import { loadCatalog, type ModelCatalog } from '../core/catalog';
import { loadConfig, type WorkshopConfig } from '../core/config';
import { displayPath, repoPath } from '../core/paths';
import { connectBackend, type Backend } from './backend';
import { readTracking, writeTracking, type TrackingTable } from '../core/tracking';

export interface WorkshopSession {
  step: 1 | 2 | 3 | 4 | 5;
  config: WorkshopConfig;
  catalog: ModelCatalog;
  backend: Backend;
  tracking: TrackingTable;
  trackingFile: string;
  /** Folder for everything generated (`paths.outputs`). */
  outputsDir: string;
  /** Where charts are saved as standalone pages. */
  chartsDir: string;
  /** A short label for charts and tables: which backend produced the figures. */
  label: string;
  /** Write the tracking CSV now (atomically). */
  save(): void;
  /** Write the tracking CSV and stop the backend (and the local endpoint if we started it). */
  close(): Promise<void>;
}

export interface OpenSessionOptions {
  step: 1 | 2 | 3 | 4 | 5;
  configFile?: string;
  env?: NodeJS.ProcessEnv;
}

export async function openSession(options: OpenSessionOptions): Promise<WorkshopSession> {
  // Step 1: settings and model facts.
  const catalog = loadCatalog();
  const config = loadConfig({ file: options.configFile, env: options.env, catalog });
  // Step 2: the logbook. From step 2 on, step 1 must have created it.
  const trackingFile = repoPath(config.paths.tracking);
  const tracking = readTracking(trackingFile);
  if (options.step > 1 && tracking.rows.length === 0) {
    throw new Error(`${displayPath(trackingFile)} does not exist yet (or is empty). Fix: run notebook 01_setup first — it creates the tracking file.`);
  }
  // Step 3: the backend (starts the local endpoint when offline).
  const backend = await connectBackend(config);
  let closed = false;
  const session: WorkshopSession = {
    step: options.step,
    config,
    catalog,
    backend,
    tracking,
    trackingFile,
    outputsDir: repoPath(config.paths.outputs),
    chartsDir: repoPath(config.paths.outputs, 'charts'),
    label: backend.kind === 'local' ? 'OFFLINE — emulated by the local endpoint, not real Bedrock figures' : `Amazon Bedrock, ${config.region}`,
    save: () => writeTracking(session.tracking, trackingFile),
    async close() {
      if (closed) return;
      closed = true;
      session.save();
      await backend.stop();
    },
  };
  return session;
}
