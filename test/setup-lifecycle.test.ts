import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetFoundationModelCommand } from '@aws-sdk/client-bedrock';
import { loadCatalog } from '../src/core/catalog';
import { openSession } from '../src/runs/session';
import {
  assessLifecycle,
  lifecycleTable,
  listBackend,
  migrationTrigger,
  recordLifecycle,
  reviewLifecycle,
  type BackendListing,
} from '../src/steps/setup/lifecycle';
import { checkModelAccess, recordModelAccess } from '../src/steps/setup/model-access';

const catalog = loadCatalog();
const TODAY = '2026-11-24';
const assess = (
  models: { model: string; role: 'source' | 'candidate' | 'judge' }[],
  extra: { listing?: BackendListing; region?: string } = {},
) =>
  assessLifecycle(models, catalog, {
    region: extra.region ?? 'us-east-1',
    today: TODAY,
    listing: extra.listing,
    catalogAsOf: catalog.asOf,
  });

test('a LEGACY source names the trigger: end-of-life date, days left, extended access, the profile it is called through', () => {
  const [row] = assess([{ model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', role: 'source' }]);
  assert.equal(row.lifecycle_status, 'LEGACY');
  assert.equal(row.end_of_life_date, '2027-04-08');
  assert.equal(row.days_to_end_of_life, 135);
  assert.equal(row.legacy_date, '2026-10-08');
  assert.equal(row.public_extended_access_date, '2027-01-08');
  assert.match(
    row.message,
    /^The source reaches end of life on 2027-04-08 \(in 135 days\): after that date Bedrock refuses its requests\. Legacy since 2026-10-08; from 2027-01-08 \(public extended access\) the provider may raise its price\./,
  );
  assert.equal(row.requires_inference_profile, true);
  assert.equal(row.called_as, 'inference profile');
  assert.equal(
    row.inference_profiles_offered,
    'us.anthropic.claude-sonnet-4-5-20250929-v1:0;global.anthropic.claude-sonnet-4-5-20250929-v1:0',
  );
  assert.equal(row.level, 'warning');
});

test('candidates and judges: LEGACY ones are warned about, past-EOL ones are errors, a bare id for a profile-only model is refused', () => {
  const rows = assess([
    { model: 'anthropic.claude-3-sonnet-20240229-v1:0', role: 'source' },
    { model: 'us.anthropic.claude-opus-4-1-20250805-v1:0', role: 'candidate' },
    { model: 'amazon.nova-premier-v1:0', role: 'candidate' },
    { model: 'anthropic.claude-sonnet-4-6', role: 'judge' },
    { model: 'anthropic.claude-haiku-4-5-20251001-v1:0', role: 'candidate' },
    { model: 'acme.unknown-v1', role: 'candidate' },
  ]);
  const [source, opus, premier, judge, haiku, unknown] = rows;
  assert.equal(source.lifecycle_status, 'END_OF_LIFE');
  assert.equal(source.days_to_end_of_life, -117);
  assert.match(source.message, /The source reached end of life on Bedrock on 2026-07-30 \(117 days ago\).*recorded/);
  assert.equal(source.level, 'error');
  assert.match(
    opus.message,
    /⚠️ This candidate is itself LEGACY: it reaches end of life on 2027-01-08 \(in 45 days\) — migrating to it means migrating again soon\..*in public extended access since 2026-10-08/,
  );
  assert.equal(opus.level, 'warning');
  assert.equal(premier.lifecycle_status, 'END_OF_LIFE');
  assert.match(premier.message, /Bedrock refuses on-demand calls by its model id.*us\.amazon\.nova-premier-v1:0/);
  assert.equal(judge.lifecycle_status, 'ACTIVE');
  assert.match(
    judge.message,
    /The judge is ACTIVE\. Bedrock refuses on-demand calls by its model id \(ValidationException\): call it through an inference profile, e\.g\. us\.anthropic\.claude-sonnet-4-6\./,
  );
  assert.equal(judge.level, 'error');
  assert.equal(haiku.requires_inference_profile, false);
  assert.match(
    haiku.message,
    /Callable by its model id; inference profiles also offered here: us\.anthropic\.claude-haiku-4-5-20251001-v1:0, global\./,
  );
  assert.equal(haiku.level, 'ok');
  assert.equal(unknown.lifecycle_status, 'UNKNOWN');
  assert.equal(unknown.requires_inference_profile, null);
  const trigger = migrationTrigger(rows);
  assert.match(
    trigger,
    /^Why migrate: Claude 3 Sonnet \(anthropic\.claude-3-sonnet-20240229-v1:0\) already reached end of life on 2026-07-30/,
  );
  assert.match(trigger, /⚠️ candidate us\.anthropic\.claude-opus-4-1-20250805-v1:0 is LEGACY \(end of life 2027-01-08\)/);
  assert.match(
    trigger,
    /⛔ anthropic\.claude-sonnet-4-6 is called by its model id, which Bedrock refuses: use us\.anthropic\.claude-sonnet-4-6/,
  );
  assert.equal(lifecycleTable(rows)[0]['end of life'], '2026-07-30');
});

test('what Bedrock reports wins over the catalogue, and the disagreement is named', () => {
  const listing: BackendListing = {
    models: new Map([
      [
        'amazon.nova-2-lite-v1:0',
        { status: 'LEGACY', legacyDate: '2026-11-01', endOfLifeDate: '2027-05-01', inferenceTypes: ['INFERENCE_PROFILE'] },
      ],
    ]),
    profiles: new Set(['us.amazon.nova-2-lite-v1:0']),
    error: '',
  };
  const [row] = assess([{ model: 'us.amazon.nova-2-lite-v1:0', role: 'candidate' }], { listing });
  assert.equal(row.lifecycle_status, 'LEGACY');
  assert.equal(row.end_of_life_date, '2027-05-01');
  assert.match(row.message, /Bedrock reports LEGACY, the catalogue \(as of 2026-11-24\) says ACTIVE: Bedrock is right/);
  assert.equal(row.inference_profiles_offered, 'us.amazon.nova-2-lite-v1:0', 'only the profiles the backend lists');
});

test('profile ids offered depend on the region', () => {
  const [eu] = assess([{ model: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0', role: 'source' }], { region: 'eu-west-1' });
  assert.equal(
    eu.inference_profiles_offered,
    'eu.anthropic.claude-sonnet-4-5-20250929-v1:0;global.anthropic.claude-sonnet-4-5-20250929-v1:0',
  );
});

test('offline: the local endpoint reports modelLifecycle from the catalogue, and step 1 records the lifecycle columns', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lifecycle-'));
  const s = await openSession({
    step: 1,
    env: { WORKSHOP_TRACKING_FILE: path.join(dir, 't.csv'), WORKSHOP_OUTPUTS_DIR: path.join(dir, 'out'), LOCAL_BEDROCK_LATENCY_SCALE: '0' },
  });
  try {
    const details = await s.backend.control.send(
      new GetFoundationModelCommand({ modelIdentifier: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }),
    );
    const lc = details.modelDetails?.modelLifecycle;
    assert.equal(lc?.status, 'LEGACY');
    assert.ok(lc?.endOfLifeTime instanceof Date && lc.endOfLifeTime.toISOString().startsWith('2027-04-08'));
    assert.ok(lc?.legacyTime instanceof Date && lc.publicExtendedAccessTime instanceof Date && lc.startOfLifeTime instanceof Date);
    const listing = await listBackend(s);
    assert.equal(listing.error, '');
    assert.equal(listing.models?.get('amazon.nova-2-lite-v1:0')?.status, 'ACTIVE');

    const rows = await reviewLifecycle(s, { today: TODAY });
    const roles = rows.map((r) => r.role);
    assert.deepEqual(roles, ['source', 'candidate', 'candidate', 'candidate', 'candidate', 'candidate', 'judge']);
    assert.equal(rows[0].lifecycle_status, 'LEGACY');
    assert.ok(
      rows.slice(1).every((r) => r.lifecycle_status === 'ACTIVE' && r.level !== 'error'),
      JSON.stringify(rows.map((r) => [r.model, r.lifecycle_status, r.message])),
    );
    assert.match(migrationTrigger(rows), /^Why migrate: Claude Sonnet 4\.5 .* reaches end of life on 2027-04-08 \(in 135 days\)/);
    assert.match(migrationTrigger(rows), /Every candidate and judge is ACTIVE/);

    const access = await checkModelAccess(s);
    assert.ok(
      access.every((a) => a.status === 'available'),
      JSON.stringify(access),
    );
    assert.equal(
      access.find((a) => a.model === 'anthropic.claude-haiku-4-5-20251001-v1:0')?.inference_profile,
      'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    );
    recordLifecycle(s, rows);
    const source = s.tracking.rows.find((r) => r.model === rows[0].model)!;
    assert.equal(source.lifecycle_status, 'LEGACY');
    assert.equal(source.end_of_life_date, '2027-04-08');
    assert.equal(source.days_to_end_of_life, 135);
    assert.equal(source.requires_inference_profile, true);
    recordModelAccess(s, access);
    recordLifecycle(s, rows);
    const judge = s.tracking.rows.find((r) => r.model === 'us.anthropic.claude-sonnet-4-6')!;
    assert.equal(judge.role, 'judge');
    assert.equal(judge.lifecycle_status, 'ACTIVE');
    assert.equal(judge.requires_inference_profile, true);
  } finally {
    await s.close();
  }
});
