/**
 * Step 1's model-access check. Having a model in the configuration does not mean we may
 * call it: on Bedrock each model must be enabled per account and region, and some are only
 * callable through a cross-region inference profile. So for every configured model we
 * (1) look for it in the foundation-model and inference-profile listings and (2) send a
 * tiny Converse "ping" — the only sure test — and classify the outcome:
 *
 * - `available`: the ping was answered;
 * - `denied`: AccessDeniedException — model access is not enabled (the fix is in the console);
 * - `error`: the id is wrong for this backend or region (ValidationException, not found…);
 * - `unavailable`: a transient failure (throttling, 5xx, timeout) that persisted through the
 *   same retries the benchmark uses — NOT a lack of access: later steps still try the model;
 * - `recorded`: an outside source model, whose answers are dataset columns (nothing to call).
 *
 * The judge model(s) of step 4 are checked too (role `judge`), so a denied judge is known
 * before step 4 would spend its calls.
 */
import { ListFoundationModelsCommand, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import dayjs from 'dayjs';
import { findModel, profilesForRegion, regionGeography, requiresInferenceProfile } from '../../core/catalog';
import { allModels } from '../../core/config';
import { converse } from '../../core/bedrock';
import { m as messages } from '../../core/i18n';
import type { WorkshopSession } from '../../runs/session';
import { keepModels, upsertModelRow } from '../../core/tracking';

export type AccessStatus = 'available' | 'denied' | 'error' | 'unavailable' | 'recorded';

export interface ModelAccess {
  model: string;
  role: 'source' | 'candidate' | 'judge';
  listed: 'yes' | 'no' | 'unknown';
  inference_profile: string;
  status: AccessStatus;
  ping_ms: number | null;
  attempts: number;
  reason: string;
}

/** Every model step 1 checks: the source, the candidates, then the judges that are neither. */
export function modelsToCheck(
  session: WorkshopSession,
): { modelId: string; role: ModelAccess['role']; kind: 'bedrock' | 'recorded'; promptTemplate: string }[] {
  const models = allModels(session.config).map((m) => ({ ...m, role: m.role as ModelAccess['role'] }));
  const judges = session.config.judge.models
    .filter((j) => !models.some((m) => m.modelId === j))
    .map((modelId) => ({ modelId, role: 'judge' as const, kind: 'bedrock' as const, promptTemplate: '' }));
  return [...models, ...judges];
}

export const PING_PROMPT = 'Reply with OK';

export async function checkModelAccess(session: WorkshopSession): Promise<ModelAccess[]> {
  const { backend } = session;
  const t = messages().views.setup.access;
  // 1. what the backend lists (a listing failure is reported, not fatal).
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
        if (id && (!profiles.has(id) || (prefix !== 'global' && profiles.get(id)!.startsWith('global.'))))
          profiles.set(id, p.inferenceProfileId!);
      }
    }
  } catch (error) {
    listingError = t.listingFailed({ name: (error as Error).name, message: (error as Error).message });
  }

  // 2. a ping per model.
  const rows: ModelAccess[] = [];
  const b = session.config.benchmark;
  for (const m of modelsToCheck(session)) {
    const entry = findModel(session.catalog, m.modelId);
    const bare = entry?.modelId ?? m.modelId;
    const row: ModelAccess = {
      model: m.modelId,
      role: m.role,
      listed: listed === null ? 'unknown' : listed.has(bare) || listed.has(m.modelId) ? 'yes' : 'no',
      inference_profile: profiles.get(bare) ?? (listingError && entry ? (profilesForRegion(entry, session.config.region)[0] ?? '') : ''),
      status: 'recorded',
      ping_ms: null,
      attempts: 0,
      reason: '',
    };
    if (m.kind === 'recorded') {
      row.reason = t.outsideModel;
      rows.push(row);
      continue;
    }
    // The same retry policy as the benchmark: a throttling storm is not a lack of access.
    const r = await converse(
      backend.runtime,
      { modelId: m.modelId, prompt: PING_PROMPT, maxTokens: 10, temperature: 0 },
      { timeoutMs: b.timeout_seconds * 1000, retry: { maxAttempts: b.retry_attempts } },
    );
    row.attempts = r.attempts;
    if (r.status === 'success') {
      row.status = 'available';
      row.ping_ms = r.latencyMs === null ? null : Math.round(r.latencyMs);
      row.reason = t.answered({ text: r.responseText.slice(0, 20), attempts: r.attempts > 1 ? String(r.attempts) : null });
    } else if (r.errorType === 'AccessDeniedException') {
      row.status = 'denied';
      row.reason = r.errorMessage ?? t.accessDenied;
    } else if (r.retryable) {
      row.status = 'unavailable';
      row.reason = t.transient({ error: r.errorMessage ?? r.errorType ?? t.transientError });
    } else {
      row.status = 'error';
      row.reason = r.errorMessage ?? t.unknownError;
      if (entry && requiresInferenceProfile(entry) && m.modelId === entry.modelId) {
        const use = profilesForRegion(entry, session.config.region)[0] ?? entry.inferenceProfiles[0];
        row.reason += t.profileOnly({ name: entry.name, use: use ?? null });
      }
    }
    if (row.listed === 'no' && row.status !== 'available') row.reason += t.notListed({ checkId: !row.inference_profile });
    rows.push(row);
  }
  if (listingError) for (const r of rows) r.reason = `${r.reason}; ${listingError}`.replace(/^; /, '');
  return rows;
}

/** Create or refresh each model's identity and access columns in the tracking table. */
export function recordModelAccess(session: WorkshopSession, access: ModelAccess[]): string[] {
  const now = dayjs().toISOString();
  const t = messages().views.setup.access;
  const checked = modelsToCheck(session);
  const removed = keepModels(
    session.tracking,
    checked.map((m) => m.modelId),
  );
  for (const m of checked) {
    const a = access.find((x) => x.model === m.modelId);
    const entry = findModel(session.catalog, m.modelId);
    upsertModelRow(session.tracking, m.modelId, {
      model_name: entry?.name ?? m.modelId,
      role: m.role,
      family: entry?.family ?? '',
      region: session.config.region,
      inference_profile: a?.inference_profile ?? '',
      backend: m.kind === 'recorded' ? 'recorded' : session.backend.column,
      prompt_template: m.promptTemplate,
      setup_status: a?.status ?? '',
      setup_message: a
        ? a.status === 'available'
          ? t.ping({ ms: String(a.ping_ms), attempts: a.attempts > 1 ? String(a.attempts) : null })
          : a.reason
        : t.notChecked,
      setup_at: now,
    });
  }
  return removed;
}
