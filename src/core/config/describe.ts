/**
 * The configuration told to people: a short summary for notebooks, and the tables of
 * docs/configuration.md generated from the schema, the shipped defaults and the
 * environment-variable table.
 */
import { displayPath } from '../paths';
import type { WorkshopConfig } from './load';
import { ENV_OVERRIDES } from './overrides';
import { configKeys } from './schema';

/** A short human description of the configuration, for notebooks. */
export function describeConfig(cfg: WorkshopConfig): string {
  const b = cfg.benchmark;
  const lines = [
    `Configuration: ${displayPath(cfg.source.file)}${cfg.source.envOverrides.length ? ` (overridden by ${cfg.source.envOverrides.join(', ')})` : ''}`,
    `• backend: ${cfg.backend}${cfg.cassette.replay ? ` — replaying the cassette ${cfg.cassette.replay} (calls it lacks: ${cfg.cassette.unmatched === 'error' ? 'refused' : 'emulated'})` : cfg.cassette.record ? ` — recording into the cassette ${cfg.cassette.record}` : ''} · region: ${cfg.region} · task: ${cfg.task}`,
    `• dataset: ${cfg.dataset.path} (document column "${cfg.dataset.columns.document}", reference column "${cfg.dataset.columns.reference ?? '—'}")`,
    `• source model: ${cfg.models.source.modelId} (${cfg.models.source.kind === 'recorded' ? 'answers recorded in the dataset' : 'called on Bedrock'})`,
    `• candidates: ${cfg.models.candidates.map((c) => c.modelId).join(', ')}`,
    `• benchmark: ${b.invocations_per_scenario} invocation(s) × ${b.experiment_counts} experiment(s), ${b.num_parallel_calls} in parallel, ${b.streaming ? 'streaming' : 'non-streaming'}, timeout ${b.timeout_seconds}s, ${b.retry_attempts} attempt(s)`,
    `• judge: ${cfg.judge.models.join(', ')}`,
  ];
  for (const w of cfg.warnings) lines.push(`⚠️ ${w}`);
  return lines.join('\n');
}

/** The value at a JSON path of the shipped configuration, as the docs show it. */
function defaultAt(shipped: Record<string, unknown>, key: string): string {
  const value = key
    .replace(/\[\]$/, '')
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), shipped);
  if (value === undefined) return 'by family';
  if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'modelId' in v))
    return value.map((v) => `\`${(v as { modelId: string }).modelId}\``).join(', ');
  return `\`${JSON.stringify(value)}\``.replace(/^`"(.*)"`$/, '`$1`');
}

/** The key table of docs/configuration.md: key, shipped default, meaning, environment variable. */
export function configKeysMarkdown(shipped: Record<string, unknown>): string {
  const envFor = new Map(Object.entries(ENV_OVERRIDES).map(([name, [key]]) => [key, name]));
  const rows = configKeys().map(({ key, description }) => {
    const env = envFor.get(key.replace(/\[\]$/, ''));
    return `| \`${key}\` | ${defaultAt(shipped, key)} | ${description.replace(/\|/g, '\\|')} | ${env ? `\`${env}\`` : ''} |`;
  });
  return ['| key | default | meaning | environment variable |', '|---|---|---|---|', ...rows].join('\n');
}
