/**
 * A notebook's working session: the configuration, the model catalogue, the backend and
 * the tracking CSV, opened at the top of every notebook and closed at its end — so any
 * notebook can be re-run on its own after the ones before it.
 */
import { loadCatalog, type ModelCatalog } from '../core/catalog';
import { allModels, loadConfig, type WorkshopConfig } from '../core/config';
import { WorkshopError } from '../core/errors';
import { editionLanguage, setLanguage, type Language } from '../core/i18n';
import { ensureWritableDir } from '../core/files';
import { displayPath, repoPath } from '../core/paths';
import { connectBackend, type Backend } from './backend';
import { requireUsable, type StepOutcome } from './outcome';
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
  /**
   * Write the tracking CSV and stop the backend (and the local endpoint if we started it).
   * Given the step's outcome, then throw if no model produced a usable result.
   */
  close(outcome?: StepOutcome): Promise<void>;
}

export interface OpenSessionOptions {
  step: 1 | 2 | 3 | 4 | 5;
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * The language the notebook is written in (`en`, `pt-BR`): the session speaks it unless
   * `WORKSHOP_LANGUAGE` or the configuration's `language` say otherwise, and a non-English
   * notebook reads `workshop.<language>.config.json` when it exists.
   */
  language?: Language;
}

export async function openSession(options: OpenSessionOptions): Promise<WorkshopSession> {
  // 1. settings and model facts.
  // (the edition's language first, so that a configuration error already speaks it)
  setLanguage(editionLanguage(options.env ?? process.env, options.language));
  const catalog = loadCatalog();
  const config = loadConfig({ file: options.configFile, env: options.env, catalog, language: options.language });
  setLanguage(config.language);
  // 2. the logbook. From step 2 on, step 1 must have created it.
  const trackingFile = repoPath(config.paths.tracking);
  const tracking = readTracking(trackingFile);
  if (options.step > 1 && tracking.rows.length === 0) {
    throw new WorkshopError(`${displayPath(trackingFile)} does not exist yet (or is empty).`, {
      fix: 'run notebook 01_setup first — it creates the tracking file.',
      file: trackingFile,
    });
  }
  // 3. the outputs folder must be writable before any call is paid for; every model
  // of the configuration must have its step-1 row (a row deleted by hand is not recreated silently).
  ensureWritableDir(
    repoPath(config.paths.outputs),
    config.source.envOverrides.includes('WORKSHOP_OUTPUTS_DIR') ? 'WORKSHOP_OUTPUTS_DIR' : 'paths.outputs',
  );
  if (options.step > 1) {
    const missing = allModels(config)
      .filter((m) => !tracking.rows.some((r) => r.model === m.modelId))
      .map((m) => m.modelId);
    if (missing.length) {
      throw new WorkshopError(
        `${displayPath(trackingFile)} has no row for ${missing.join(', ')} (added to the configuration after step 1, or the row was deleted).`,
        { fix: 'run notebook 01_setup again — it checks access and creates the rows.', file: trackingFile, model: missing[0] },
      );
    }
  }
  // 4. the backend (starts the local endpoint when offline).
  const backend = await connectBackend(config, { step: options.step });
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
    label: backend.label,
    save: () => writeTracking(session.tracking, trackingFile),
    async close(outcome?: StepOutcome) {
      if (!closed) {
        closed = true;
        session.save();
        await backend.stop();
      }
      if (outcome) requireUsable(outcome);
    },
  };
  return session;
}
