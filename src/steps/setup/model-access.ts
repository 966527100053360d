/**
 * Step 1's model-access check. Having a model in the configuration does not mean we may
 * call it: on Bedrock each model must be enabled per account and region, and some are only
 * callable through a cross-region inference profile. So for every configured model we
 * (1) look for it in the foundation-model and inference-profile listings and (2) send a
 * tiny Converse "ping" — the only sure test — and classify the outcome.
 */
import { ListFoundationModelsCommand, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import dayjs from 'dayjs';
import { findModel, profilesForRegion, regionGeography, requiresInferenceProfile } from '../../core/catalog';
import { allModels } from '../../core/config';
import { converse } from '../../core/bedrock';
import type { WorkshopSession } from '../../runs/session';
import { keepModels, upsertModelRow } from '../../core/tracking';

export interface ModelAccess {
  model: string;
  role: 'source' | 'candidate';
  listed: 'yes' | 'no' | 'unknown';
  inference_profile: string;
  status: 'available' | 'denied' | 'error' | 'not_checked';
  ping_ms: number | null;
  reason: string;
}

export const PING_PROMPT = 'Reply with OK';

export async function checkModelAccess(session: WorkshopSession): Promise<ModelAccess[]> {
  const { backend } = session;
  // Step 1: what the backend lists (a listing failure is reported, not fatal).
  let listed: Set<string> | null = null;
  const profiles = new Map<string, string>();
  let listingError = '';
  try {
    const models = await backend.control.send(new ListFoundationModelsCommand({ byOutputModality: 'TEXT' }));
    listed = new Set((models.modelSummaries ?? []).map((m) => m.modelId ?? ''));
    const inf = await backend.control.send(new ListInferenceProfilesCommand({}));
    // This region's geography profile (us. for us-east-1, eu. for eu-west-1 …) first, else the global one.
    const geo = regionGeography(session.config.region);
    for (const p of inf.inferenceProfileSummaries ?? []) {
      const prefix = p.inferenceProfileId?.split('.')[0] ?? '';
      if (!geo.includes(prefix) && prefix !== 'global') continue;
      for (const m of p.models ?? []) {
        const id = (m.modelArn ?? '').split('/').pop() ?? '';
        if (id && (!profiles.has(id) || (prefix !== 'global' && profiles.get(id)!.startsWith('global.')))) profiles.set(id, p.inferenceProfileId!);
      }
    }
  } catch (error) {
    listingError = `listing failed (${(error as Error).name}: ${(error as Error).message})`;
  }

  // Step 2: a ping per model.
  const rows: ModelAccess[] = [];
  for (const m of allModels(session.config)) {
    const entry = findModel(session.catalog, m.modelId);
    const bare = entry?.modelId ?? m.modelId;
    const row: ModelAccess = {
      model: m.modelId,
      role: m.role,
      listed: listed === null ? 'unknown' : listed.has(bare) || listed.has(m.modelId) ? 'yes' : 'no',
      inference_profile: profiles.get(bare) ?? (listingError && entry ? profilesForRegion(entry, session.config.region)[0] ?? '' : ''),
      status: 'not_checked',
      ping_ms: null,
      reason: '',
    };
    if (m.kind === 'recorded') {
      row.reason = 'outside model: its answers and latencies are recorded in the dataset';
      rows.push(row);
      continue;
    }
    const r = await converse(backend.runtime, { modelId: m.modelId, prompt: PING_PROMPT, maxTokens: 10, temperature: 0 }, { timeoutMs: 30_000, retry: { maxAttempts: 2, baseDelayMs: 200 } });
    if (r.status === 'success') {
      row.status = 'available';
      row.ping_ms = r.latencyMs === null ? null : Math.round(r.latencyMs);
      row.reason = `answered "${r.responseText.slice(0, 20)}"`;
    } else {
      row.status = r.errorType === 'AccessDeniedException' ? 'denied' : 'error';
      row.reason = r.errorMessage ?? 'unknown error';
      if (entry && requiresInferenceProfile(entry) && m.modelId === entry.modelId) {
        const use = profilesForRegion(entry, session.config.region)[0] ?? entry.inferenceProfiles[0];
        row.reason += ` — ${entry.name} is only served through an inference profile: configure ${use ? `"${use}"` : 'an inference profile id'} instead of its model id.`;
      }
    }
    if (row.listed === 'no' && row.status !== 'available') row.reason += ` (not in this region's model list${row.inference_profile ? '' : '; check the model id and region'})`;
    rows.push(row);
  }
  if (listingError) for (const r of rows) r.reason = `${r.reason}; ${listingError}`.replace(/^; /, '');
  return rows;
}

/** Create or refresh each model's identity and access columns in the tracking table. */
export function recordModelAccess(session: WorkshopSession, access: ModelAccess[]): string[] {
  const now = dayjs().toISOString();
  const removed = keepModels(session.tracking, allModels(session.config).map((m) => m.modelId));
  for (const m of allModels(session.config)) {
    const a = access.find((x) => x.model === m.modelId);
    const entry = findModel(session.catalog, m.modelId);
    upsertModelRow(session.tracking, m.modelId, {
      model_name: entry?.name ?? m.modelId,
      role: m.role,
      family: entry?.family ?? '',
      region: session.config.region,
      inference_profile: a?.inference_profile ?? '',
      backend: m.kind === 'recorded' ? 'recorded' : session.backend.kind,
      prompt_template: m.promptTemplate,
      setup_status: a?.status ?? 'not_checked',
      setup_message: a ? (a.status === 'available' ? `ping ${a.ping_ms} ms` : a.reason) : 'not checked',
      setup_at: now,
    });
  }
  return removed;
}
