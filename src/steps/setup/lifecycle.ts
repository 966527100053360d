/**
 * Step 1's "why migrate now?": for every configured model (source, candidates, judge), its
 * Bedrock lifecycle — ACTIVE, LEGACY (an end-of-life date is announced) or past its end of
 * life — with the dates, and whether Bedrock only serves it through an inference profile
 * (and which profile ids this region may use).
 *
 * The figures come from the model catalogue (`data/model_catalog.json`, with Bedrock's
 * published dates) and, when the backend lists the model, from ListFoundationModels'
 * `modelLifecycle` — on real Bedrock the service is the authority, and a disagreement with
 * the catalogue is reported.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html
 */
import { ListFoundationModelsCommand, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import dayjs from 'dayjs';
import {
  daysBetween,
  findModel,
  inferenceTypes,
  lifecycleState,
  profilesForRegion,
  regionGeography,
  requiresInferenceProfile,
  type CatalogModel,
  type LifecycleState,
  type ModelCatalog,
} from '../../core/catalog';
import { modelsToCheck } from './model-access';
import type { WorkshopSession } from '../../runs/session';
import { upsertModelRow } from '../../core/tracking';
import { formatDate } from '../../core/format-date';
import { formatNumber } from '../../core/format';
import { m as messages } from '../../core/i18n';

export type ModelRole = 'source' | 'candidate' | 'judge';

/** What the backend's control plane says about one model. */
export interface ListedModel {
  status?: string;
  legacyDate?: string;
  publicExtendedAccessDate?: string;
  endOfLifeDate?: string;
  inferenceTypes?: string[];
}

/** The backend's model and profile listings (null parts when the listing failed). */
export interface BackendListing {
  models: Map<string, ListedModel> | null;
  profiles: Set<string> | null;
  error: string;
}

export interface LifecycleRow {
  model: string;
  role: ModelRole;
  name: string;
  /** ACTIVE, LEGACY, END_OF_LIFE (its end-of-life date has passed) or UNKNOWN. */
  lifecycle_status: LifecycleState;
  legacy_date: string | null;
  public_extended_access_date: string | null;
  end_of_life_date: string | null;
  /** Days from today to the end-of-life date; negative once it has passed. */
  days_to_end_of_life: number | null;
  /** True when Bedrock refuses a bare-model-id call; null when unknown. */
  requires_inference_profile: boolean | null;
  called_as: 'inference profile' | 'model id';
  /** Inference profile ids this region may use (geography and global), `;`-separated. */
  inference_profiles_offered: string;
  level: 'ok' | 'info' | 'warning' | 'error';
  message: string;
}

const iso = (d: Date | string | undefined): string | undefined => (d === undefined ? undefined : dayjs(d).toISOString().slice(0, 10));

/** List models and inference profiles on the session's backend; failures are reported, not thrown. */
export async function listBackend(session: WorkshopSession): Promise<BackendListing> {
  const listing: BackendListing = { models: null, profiles: null, error: '' };
  try {
    const out = await session.backend.control.send(new ListFoundationModelsCommand({ byOutputModality: 'TEXT' }));
    listing.models = new Map(
      (out.modelSummaries ?? []).map((m) => [
        m.modelId ?? '',
        {
          status: m.modelLifecycle?.status,
          legacyDate: iso(m.modelLifecycle?.legacyTime),
          publicExtendedAccessDate: iso(m.modelLifecycle?.publicExtendedAccessTime),
          endOfLifeDate: iso(m.modelLifecycle?.endOfLifeTime),
          inferenceTypes: m.inferenceTypesSupported,
        },
      ]),
    );
    const profiles = await session.backend.control.send(new ListInferenceProfilesCommand({}));
    listing.profiles = new Set((profiles.inferenceProfileSummaries ?? []).map((p) => p.inferenceProfileId ?? '').filter(Boolean));
  } catch (error) {
    listing.error = `listing failed (${(error as Error).name}: ${(error as Error).message})`;
  }
  return listing;
}

const when = (days: number): string => {
  const t = messages().views.setup.lifecycle;
  const n = formatNumber(Math.abs(days), 'auto');
  return days === 0 ? t.today : days > 0 ? t.inDays({ days: n, one: days === 1 }) : t.daysAgo({ days: n, one: days === -1 });
};
/** A date in a sentence shown only (ISO in English, the language's own form otherwise). */
const day = (iso: string | null | undefined): string => (iso ? formatDate(iso) : String(iso));
/** A date in a sentence the tracking CSV stores (\`lifecycle_message\`): ISO whatever the language. */
const isoDay = (date: string | null | undefined): string => String(date);

/**
 * Assess each model's lifecycle and how it must be called. Pure: give it the catalogue, the
 * region, the day and (optionally) what the backend listed.
 */
export function assessLifecycle(
  models: { model: string; role: ModelRole }[],
  catalog: ModelCatalog,
  options: {
    region: string;
    today?: Date | string;
    listing?: BackendListing | null;
    catalogAsOf?: string;
    useListedInferenceTypes?: boolean;
  },
): LifecycleRow[] {
  const today = options.today ?? new Date();
  const listed = options.listing?.models ?? null;
  const listedProfiles = options.listing?.profiles ?? null;
  return models.map(({ model, role }) => {
    const entry: CatalogModel | undefined = findModel(catalog, model);
    const last = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
    const bare = entry?.modelId ?? last;
    const calledAsProfile = entry
      ? last !== entry.modelId
      : /^[a-z-]+\.[a-z0-9-]+\./.test(last) && /inference-profile\/|^(us|eu|apac|jp|au|ca|us-gov|global)\./.test(model);
    const reported = listed?.get(bare);

    // Lifecycle: the catalogue's dates, the service's status when it lists the model.
    const lc = entry?.lifecycle;
    const legacy = reported?.legacyDate ?? lc?.legacyDate ?? null;
    const extended = reported?.publicExtendedAccessDate ?? lc?.publicExtendedAccessDate ?? null;
    const eol = reported?.endOfLifeDate ?? lc?.endOfLifeDate ?? null;
    let state = lifecycleState(entry, today);
    if (reported?.status === 'LEGACY' || reported?.status === 'ACTIVE') {
      state = eol && daysBetween(today, eol) <= 0 ? 'END_OF_LIFE' : reported.status;
    } else if (!entry && eol && daysBetween(today, eol) <= 0) state = 'END_OF_LIFE';
    const days = eol ? daysBetween(today, eol) : null;

    // Inference profiles offered in this region, from the catalogue (and the backend's listing).
    const geo = regionGeography(options.region);
    let offered = entry ? profilesForRegion(entry, options.region) : [];
    if (listedProfiles) {
      const fromListing = [...listedProfiles].filter(
        (p) => p.endsWith(`.${bare}`) && (p.startsWith('global.') || geo.includes(p.split('.')[0])),
      );
      offered = [...new Set([...offered.filter((p) => listedProfiles.has(p)), ...fromListing])];
    }
    const types =
      (options.useListedInferenceTypes !== false ? reported?.inferenceTypes : undefined) ?? (entry ? inferenceTypes(entry) : undefined);
    const needsProfile = types
      ? !types.includes('ON_DEMAND') && types.includes('INFERENCE_PROFILE')
      : entry
        ? requiresInferenceProfile(entry)
        : null;

    // The sentence, and how loud it is.
    const t = messages().views.setup.lifecycle;
    const who = t.who[role];
    const parts: string[] = [];
    let level: LifecycleRow['level'] = 'ok';
    const raise = (l: LifecycleRow['level']) => {
      const order = ['ok', 'info', 'warning', 'error'];
      if (order.indexOf(l) > order.indexOf(level)) level = l;
    };
    if (state === 'UNKNOWN') {
      parts.push(t.unknown({ who }));
      raise('info');
    } else if (state === 'END_OF_LIFE') {
      parts.push(t.endedOn({ who, eol: isoDay(eol), when: when(days!) }));
      parts.push(role === 'source' ? t.migrateNow : t.chooseActive);
      raise('error');
    } else if (state === 'LEGACY') {
      const pea = extended
        ? daysBetween(today, extended) > 0
          ? t.extendedFrom({ date: isoDay(extended) })
          : t.extendedSince({ date: isoDay(extended) })
        : '';
      const since = `${t.legacySince({ date: legacy ? isoDay(legacy) : null })}${pea}`;
      if (role === 'source') parts.push(t.sourceLegacy({ who, eol: isoDay(eol), when: when(days!), since }));
      else parts.push(t.otherLegacy({ who, eol: isoDay(eol), when: when(days!), judge: role === 'judge', since }));
      raise('warning');
    } else {
      parts.push(t.active({ who, source: role === 'source' }));
      if (role === 'source') raise('info');
    }
    if (reported?.status && lc && reported.status !== lc.status) {
      parts.push(
        t.statusDiffers({
          reported: reported.status,
          asOf: options.catalogAsOf ? isoDay(options.catalogAsOf) : null,
          catalogue: lc.status,
        }),
      );
      raise('warning');
    }
    if (needsProfile && !calledAsProfile) {
      parts.push(t.refusesOnDemand({ example: offered[0] ?? null }));
      raise('error');
    } else if (needsProfile) {
      parts.push(t.profileOnly({ model }));
    } else if (offered.length && !calledAsProfile) {
      parts.push(t.alsoProfiles({ profiles: offered.join(', ') }));
    }
    return {
      model,
      role,
      name: entry?.name ?? model,
      lifecycle_status: state,
      legacy_date: legacy,
      public_extended_access_date: extended,
      end_of_life_date: eol,
      days_to_end_of_life: days,
      requires_inference_profile: needsProfile,
      called_as: calledAsProfile ? 'inference profile' : 'model id',
      inference_profiles_offered: offered.join(';'),
      level,
      message: parts.join(' '),
    };
  });
}

/** The models step 1 checks (source, candidates, then judges), without a recorded outside source. */
export function configuredModels(session: WorkshopSession): { model: string; role: ModelRole }[] {
  return modelsToCheck(session)
    .filter((m) => m.kind !== 'recorded')
    .map((m) => ({ model: m.modelId, role: m.role }));
}

/** Step 1: list the backend, then assess every configured model. */
export async function reviewLifecycle(session: WorkshopSession, options: { today?: Date | string } = {}): Promise<LifecycleRow[]> {
  const listing = await listBackend(session);
  // Offline, the catalogue is what the local endpoint emulates: its inference types are the reference.
  const rows = assessLifecycle(configuredModels(session), session.catalog, {
    region: session.config.region,
    today: options.today,
    listing,
    catalogAsOf: session.catalog.asOf,
    useListedInferenceTypes: session.backend.kind !== 'local', // aws, or a replay of what AWS listed
  });
  if (listing.error) for (const r of rows) r.message += messages().views.setup.lifecycle.catalogueOnly({ error: listing.error });
  return rows;
}

/** The trigger in words: why this migration, and what needs attention. */
export function migrationTrigger(rows: LifecycleRow[]): string {
  const source = rows.find((r) => r.role === 'source');
  const lines: string[] = [];
  const t = messages().views.setup;
  if (!source) lines.push(t.trigger.recordedSource);
  else if (source.lifecycle_status === 'LEGACY')
    lines.push(
      t.trigger.legacy({
        name: source.name,
        model: source.model,
        eol: day(source.end_of_life_date),
        when: when(source.days_to_end_of_life!),
      }),
    );
  else if (source.lifecycle_status === 'END_OF_LIFE')
    lines.push(t.trigger.ended({ name: source.name, model: source.model, eol: day(source.end_of_life_date) }));
  else if (source.lifecycle_status === 'ACTIVE') lines.push(t.trigger.active({ name: source.name, model: source.model }));
  else lines.push(t.trigger.unknown({ model: source.model }));
  const legacy = rows.filter((r) => r.role !== 'source' && (r.lifecycle_status === 'LEGACY' || r.lifecycle_status === 'END_OF_LIFE'));
  for (const r of legacy)
    lines.push(
      (r.lifecycle_status === 'LEGACY' ? t.trigger.otherLegacy : t.trigger.otherEnded)({
        role: t.role[r.role],
        model: r.model,
        eol: day(r.end_of_life_date),
      }),
    );
  const refused = rows.filter((r) => r.requires_inference_profile && r.called_as === 'model id');
  for (const r of refused) lines.push(t.trigger.refused({ model: r.model, use: r.inference_profiles_offered.split(';')[0] || null }));
  const profiled = rows.filter((r) => r.requires_inference_profile && r.called_as === 'inference profile').length;
  if (profiled) lines.push(t.trigger.profiled({ n: formatNumber(profiled, 'auto') }));
  if (!legacy.length && !refused.length) lines.push(t.trigger.allActive);
  return lines.join('\n');
}

/** The lifecycle as a table for the notebook. */
export function lifecycleTable(rows: LifecycleRow[]): Record<string, string | number | boolean | null>[] {
  const c = messages().views.setup.lifecycleCol;
  const yes = messages().views.tracking;
  return rows.map((r) => ({
    [c.model]: r.model,
    [c.role]: r.role,
    [c.status]: r.lifecycle_status,
    [c.endOfLife]: r.end_of_life_date ? formatDate(r.end_of_life_date) : '—',
    [c.days]: r.days_to_end_of_life,
    [c.profileRequired]: r.requires_inference_profile === null ? '?' : r.requires_inference_profile ? yes.yes : yes.no,
    [c.profiles]: r.inference_profiles_offered.replace(/;/g, ', ') || '—',
    [c.note]: r.message,
  }));
}

/** Save the lifecycle columns in the tracking table (every checked model has a row: source, candidates, judges). */
export function recordLifecycle(session: WorkshopSession, rows: LifecycleRow[]): void {
  for (const r of rows) {
    upsertModelRow(session.tracking, r.model, {
      lifecycle_status: r.lifecycle_status,
      legacy_date: r.legacy_date,
      public_extended_access_date: r.public_extended_access_date,
      end_of_life_date: r.end_of_life_date,
      days_to_end_of_life: r.days_to_end_of_life,
      requires_inference_profile: r.requires_inference_profile,
      inference_profiles_offered: r.inference_profiles_offered,
      lifecycle_message: r.message,
    });
  }
}
