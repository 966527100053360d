/**
 * Loading the workshop configuration: read `workshop.config.json` (or `WORKSHOP_CONFIG`),
 * apply environment overrides, validate against the one schema (`schema.ts`), then
 * complete it — prompt templates by model family, models checked against the catalogue.
 *
 * A malformed value gives one readable message naming the setting (as a JSON path such as
 * `benchmark.num_parallel_calls`, and the environment variable when one set it), the bad
 * value, what is allowed, the file — and, for an unknown key, the nearest valid one.
 */
import { closest } from 'fastest-levenshtein';
import { z } from 'zod';
import { findModel, loadCatalog, type ModelCatalog } from '../catalog';
import { WorkshopError } from '../errors';
import { fileSize, readTextUtf8 } from '../files';
import { editionLanguage, isLanguage, resolveLanguage, type Language } from '../i18n';
import { displayPath, repoPath } from '../paths';
import { defaultTemplateFor, promptsDirFor } from '../prompts';
import { loadTask, type Task } from '../task';
import { applyEnvOverrides, overridingVariable } from './overrides';
import { configSchema, unwrapSchema, type ConfigFile } from './schema';

export interface ModelSetting {
  modelId: string;
  role: 'source' | 'candidate';
  /** Template file, relative to the repository root. */
  promptTemplate: string;
  /** `recorded`: an outside source model whose answers and latencies are dataset columns. */
  kind: 'bedrock' | 'recorded';
  /** A hand-written optimized template (candidates: `optimizedPromptTemplate`), or null. */
  optimizedPromptTemplate?: string | null;
}

/** The configuration as the library uses it: templates resolved, plus where it came from. */
export type WorkshopConfig = Omit<ConfigFile, 'models' | 'language'> & {
  /** The language views and messages use, resolved (`resolveLanguage`): `WORKSHOP_LANGUAGE` ?? `language` ?? the notebook's ?? `en`. */
  language: Language;
  models: {
    source: { modelId: string; promptTemplate: string; kind: 'bedrock' | 'recorded' };
    candidates: { modelId: string; promptTemplate: string; optimizedPromptTemplate?: string }[];
  };
  /** The file the settings came from, and the environment variables that changed them. */
  source: { file: string; envOverrides: string[] };
  /** The task file named by `task` (`data/tasks/<task>.json`): instruction, constraints, primary metric. */
  taskSpec: Task;
  /** Warnings worth showing (e.g. a model id the catalogue does not know). */
  warnings: string[];
};

export interface LoadConfigOptions {
  /**
   * Config file; default `WORKSHOP_CONFIG`, else `<repo>/workshop.<language>.config.json` when the
   * edition's language (`WORKSHOP_LANGUAGE`, else `language`) is not English and that file exists,
   * else `<repo>/workshop.config.json`.
   */
  file?: string;
  /** The notebook's language (the edition): picks `workshop.<language>.config.json` when no file is named. */
  language?: Language;
  env?: NodeJS.ProcessEnv;
  catalog?: ModelCatalog;
}

const DOCS = 'docs/configuration.md lists every key and its allowed values';

/** The valid keys at a JSON path of the schema (for "did you mean" suggestions). */
function keysAt(path: (string | number)[]): string[] {
  let s: z.ZodTypeAny = configSchema;
  for (const k of path) {
    s = unwrapSchema(s);
    if (s instanceof z.ZodArray && typeof k === 'number') s = s.element;
    else if (s instanceof z.ZodObject && typeof k === 'string' && k in s.shape) s = s.shape[k];
    else return [];
  }
  s = unwrapSchema(s);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** `workshop.<language>.config.json` when the edition is not English and the file exists, else `workshop.config.json`. */
export function editionConfigFile(language: Language): string {
  if (language !== 'en') {
    const edition = repoPath(`workshop.${language}.config.json`);
    if (fileSize(edition) !== null) return edition;
  }
  return repoPath('workshop.config.json');
}

/** Read, override, validate and complete the workshop configuration. */
export function loadConfig(options: LoadConfigOptions = {}): WorkshopConfig {
  const env = options.env ?? process.env;
  const file = options.file
    ? repoPath(options.file)
    : env.WORKSHOP_CONFIG
      ? repoPath(env.WORKSHOP_CONFIG)
      : editionConfigFile(editionLanguage(env, options.language));
  const shown = displayPath(file);

  // 1. read the JSON file (a file-system error other than "not found" says its own fix).
  const setting = options.file || !env.WORKSHOP_CONFIG ? undefined : 'WORKSHOP_CONFIG';
  let text: string;
  try {
    text = readTextUtf8(file, { what: 'the workshop configuration', setting });
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== 'ENOENT') throw err;
    throw new WorkshopError(`Cannot load the workshop configuration ${shown}: file not found.`, {
      fix: setting
        ? 'check the path in WORKSHOP_CONFIG (relative to the repository root), or unset it to use workshop.config.json.'
        : 'restore it with `git checkout workshop.config.json`, or check the path.',
      file,
      key: setting,
      cause: err,
    });
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new WorkshopError(`Cannot load the workshop configuration ${shown}: ${(err as Error).message}.`, {
      fix: 'restore it with `git checkout workshop.config.json` or correct the JSON.',
      file,
      cause: err,
    });
  }

  // The language the file's data is written in (its dataset, templates, task): its own `language`, before WORKSHOP_LANGUAGE overrides the UI's.
  const dataLanguage: Language = isLanguage(raw.language) ? raw.language : 'en';

  // 2. apply environment overrides.
  const envOverrides = applyEnvOverrides(raw, env);

  // 3. validate; report the first problems with their JSON path, source and a suggestion.
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 5).map((issue) => {
      const where = issue.path.join('.') || '(top level)';
      const envName = overridingVariable(where, envOverrides);
      const origin = envName ? ` (set by the environment variable ${envName})` : ` (in ${shown})`;
      if (issue.code === 'unrecognized_keys') {
        const valid = keysAt(issue.path);
        const hints = issue.keys.map((k) => (valid.length ? `"${k}" — did you mean "${closest(k, valid)}"?` : `"${k}"`));
        return `- ${where}${origin}: unknown key(s) ${hints.join(', ')}`;
      }
      const value = issue.path.reduce<unknown>(
        (o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined),
        raw,
      );
      return `- ${where}${origin}: ${issue.message} (got ${JSON.stringify(value)})`;
    });
    const more = result.error.issues.length > 5 ? `\n… and ${result.error.issues.length - 5} more` : '';
    throw new WorkshopError(
      `The workshop configuration ${shown} has ${result.error.issues.length} problem(s):\n${lines.join('\n')}${more}\n`,
      {
        fix: `correct these settings (${DOCS}).`,
        file,
        key: String(result.error.issues[0].path.join('.')),
      },
    );
  }
  const parsed = result.data;

  // 4. the task, and what it needs of the dataset.
  // In the file's data language: a Portuguese template gets the Portuguese instruction, whatever language the UI speaks.
  const taskSpec = loadTask(parsed.task, { language: dataLanguage });
  const promptsDir = promptsDirFor(dataLanguage);
  if (taskSpec.kind === 'classification' && !parsed.dataset.columns.label) {
    throw new WorkshopError(
      `The task "${parsed.task}" is a classification task, so the dataset must say which column holds the true label.`,
      { fix: 'set dataset.columns.label (e.g. "category").', file, key: 'dataset.columns.label' },
    );
  }

  // 5. recording is of real Bedrock calls (backend aws); a replay is served by the local endpoint (backend local).
  const where = (key: string, variable: string) =>
    envOverrides.includes(variable) ? `${key} (set by the environment variable ${variable})` : `${key} (in ${shown})`;
  const { record, replay } = parsed.cassette;
  if (record && replay)
    throw new WorkshopError(
      `Both ${where('cassette.record', 'LOCAL_BEDROCK_RECORD')} and ${where('cassette.replay', 'LOCAL_BEDROCK_REPLAY')} are set: a run either records or replays.`,
      {
        fix: 'unset one of them.',
        file,
        key: 'cassette.record',
      },
    );
  if (record && parsed.backend !== 'aws')
    throw new WorkshopError(
      `${where('cassette.record', 'LOCAL_BEDROCK_RECORD')} asks to record, but backend is "${parsed.backend}": a cassette records real Bedrock calls.`,
      { fix: 'set "backend": "aws" (or WORKSHOP_BACKEND=aws) with AWS credentials, or unset the recording.', file, key: 'cassette.record' },
    );
  if (replay && parsed.backend !== 'local')
    throw new WorkshopError(
      `${where('cassette.replay', 'LOCAL_BEDROCK_REPLAY')} asks to replay a cassette, but backend is "${parsed.backend}": a replay is served by the local endpoint.`,
      { fix: 'set "backend": "local" (or WORKSHOP_BACKEND=local), or unset the replay.', file, key: 'cassette.replay' },
    );

  // 6. complete prompt templates from the model family; models the catalogue lacks are warned about.
  const catalog = options.catalog ?? loadCatalog();
  const warnings: string[] = [];
  const known = catalog.models.map((m) => m.modelId);
  const checkKnown = (id: string, role: string) => {
    if (findModel(catalog, id)) return;
    warnings.push(
      parsed.backend === 'local'
        ? `${role} ${id} is not in the model catalogue (data/model_catalog.json), so the offline endpoint cannot emulate it: step 1 reports it as an error and later steps skip it. Nearest known id: ${closest(id, known)}.`
        : `${role} ${id} is not in data/model_catalog.json: it is called as is, but no price, context window or lifecycle is known (cost shows as unknown).`,
    );
  };
  const withTemplate = (ref: { modelId: string; promptTemplate?: string }, role: string) => {
    checkKnown(ref.modelId, role);
    return {
      modelId: ref.modelId,
      promptTemplate: ref.promptTemplate ?? defaultTemplateFor(findModel(catalog, ref.modelId)?.family, promptsDir),
    };
  };
  if (parsed.models.source.kind === 'recorded' && (!parsed.dataset.columns.sourceResponse || !parsed.dataset.columns.sourceLatencyMs)) {
    throw new WorkshopError(
      `models.source.kind is "recorded" in ${shown}, so the dataset must say where the source model's answers and latencies are.`,
      {
        fix: 'set dataset.columns.sourceResponse and dataset.columns.sourceLatencyMs.',
        file,
        key: 'models.source.kind',
      },
    );
  }
  const source =
    parsed.models.source.kind === 'recorded'
      ? {
          modelId: parsed.models.source.modelId,
          promptTemplate: parsed.models.source.promptTemplate ?? defaultTemplateFor(undefined, promptsDir),
        }
      : withTemplate(parsed.models.source, 'The source model');
  const candidates = parsed.models.candidates.map((c) => ({
    ...withTemplate(c, 'The candidate'),
    ...(c.optimizedPromptTemplate ? { optimizedPromptTemplate: c.optimizedPromptTemplate } : {}),
  }));
  const ids = [source.modelId, ...candidates.map((c) => c.modelId)];
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup)
    throw new WorkshopError(`The model "${dup}" appears twice in ${shown} (models.source / models.candidates).`, {
      fix: 'list each model once.',
      file,
      model: dup,
    });
  for (const id of parsed.judge.models) checkKnown(id, 'The judge model');

  return {
    ...parsed,
    language: resolveLanguage({ env, config: parsed.language, configFile: file, notebook: options.language }),
    models: { source: { ...source, kind: parsed.models.source.kind }, candidates },
    source: { file, envOverrides },
    taskSpec,
    warnings,
  };
}

/** The source model first, then each candidate, with role and template. */
export function allModels(cfg: WorkshopConfig): ModelSetting[] {
  return [
    {
      modelId: cfg.models.source.modelId,
      role: 'source',
      promptTemplate: cfg.models.source.promptTemplate,
      kind: cfg.models.source.kind,
      optimizedPromptTemplate: null,
    },
    ...cfg.models.candidates.map((c) => ({
      modelId: c.modelId,
      role: 'candidate' as const,
      promptTemplate: c.promptTemplate,
      kind: 'bedrock' as const,
      optimizedPromptTemplate: c.optimizedPromptTemplate ?? null,
    })),
  ];
}
