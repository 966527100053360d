/**
 * Which language a run speaks: `WORKSHOP_LANGUAGE`, else the configuration's `language`,
 * else the notebook's own language, else English. A misspelt language is refused with the
 * setting named — never a silent fallback to English.
 *
 * @example
 * resolveLanguage({ env: { WORKSHOP_LANGUAGE: 'pt-BR' }, notebook: 'en' }); // → 'pt-BR'
 * resolveLanguage({ env: {}, config: null, notebook: 'pt-BR' });          // → 'pt-BR'
 */
import { WorkshopError } from '../errors';
import { isLanguage, LANGUAGES, type Language } from './state';

/** `value` as a language, or a WorkshopError naming `setting` (and `file`) with the fix. */
export function parseLanguage(value: unknown, setting: string, file?: string): Language {
  if (isLanguage(value)) return value;
  const near =
    typeof value === 'string' ? LANGUAGES.find((l) => l.toLowerCase() === value.trim().toLowerCase().replace('_', '-')) : undefined;
  throw new WorkshopError(`${setting} is ${JSON.stringify(value)}, which is not a language of the workshop (${LANGUAGES.join(', ')}).`, {
    fix: near ? `write it exactly "${near}".` : `set ${setting} to one of ${LANGUAGES.map((l) => `"${l}"`).join(', ')}, or leave it unset.`,
    key: setting,
    ...(file ? { file } : {}),
  });
}

export interface LanguageSources {
  env?: NodeJS.ProcessEnv;
  /** The configuration's `language` key (null or undefined: not set). */
  config?: string | null;
  /** The configuration file, for the error message. */
  configFile?: string;
  /** The language the notebook is written in (its `openSession({ language })`). */
  notebook?: Language;
}

/** The edition's language: `WORKSHOP_LANGUAGE`, else the notebook's, else `en` (chooses the config file). */
export function editionLanguage(env: NodeJS.ProcessEnv = process.env, notebook?: Language): Language {
  const fromEnv = env.WORKSHOP_LANGUAGE;
  if (fromEnv !== undefined && fromEnv !== '') return parseLanguage(fromEnv, 'WORKSHOP_LANGUAGE');
  return notebook ?? 'en';
}

/** The language views and messages use: `WORKSHOP_LANGUAGE` ?? config `language` ?? the notebook's ?? `en`. */
export function resolveLanguage(sources: LanguageSources): Language {
  const env = sources.env ?? process.env;
  const fromEnv = env.WORKSHOP_LANGUAGE;
  if (fromEnv !== undefined && fromEnv !== '') return parseLanguage(fromEnv, 'WORKSHOP_LANGUAGE');
  if (sources.config !== undefined && sources.config !== null) return parseLanguage(sources.config, 'language', sources.configFile);
  return sources.notebook ?? 'en';
}
