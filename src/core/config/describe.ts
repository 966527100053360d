/**
 * The configuration told to people: a short summary for notebooks, and the tables of
 * docs/configuration.md generated from the schema, the shipped defaults and the
 * environment-variable table.
 */
import { formatNumber } from '../format';
import { m } from '../i18n';
import { displayPath } from '../paths';
import type { WorkshopConfig } from './load';
import { ENV_OVERRIDES } from './overrides';
import { configKeys } from './schema';

/** A short human description of the configuration, for notebooks. */
export function describeConfig(cfg: WorkshopConfig): string {
  const b = cfg.benchmark;
  const t = m().views.runs.config;
  const n = (x: number) => formatNumber(x, 'auto');
  const mode = cfg.cassette.replay
    ? t.replaying({ cassette: cfg.cassette.replay, unmatched: cfg.cassette.unmatched })
    : cfg.cassette.record
      ? t.recording({ cassette: cfg.cassette.record })
      : '';
  const lines = [
    t.file({ file: displayPath(cfg.source.file), overrides: cfg.source.envOverrides.join(', ') }),
    t.backend({ backend: cfg.backend, mode, region: cfg.region, task: cfg.task }),
    t.dataset({ path: cfg.dataset.path, document: cfg.dataset.columns.document, reference: cfg.dataset.columns.reference ?? '—' }),
    t.source({ model: cfg.models.source.modelId, recorded: cfg.models.source.kind === 'recorded' }),
    t.candidates({ models: cfg.models.candidates.map((c) => c.modelId).join(', ') }),
    t.benchmark({
      invocations: n(b.invocations_per_scenario),
      experiments: n(b.experiment_counts),
      parallel: n(b.num_parallel_calls),
      streaming: b.streaming,
      timeout: n(b.timeout_seconds),
      attempts: n(b.retry_attempts),
    }),
    t.judge({ models: cfg.judge.models.join(', ') }),
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
