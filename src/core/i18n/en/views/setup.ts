/** Step 1: the environment check, model access, lifecycle and the migration trigger (English). */
export const setup = {
  env: {
    installNode: ({ version }: { version: string }) => `Install Node.js ${version} or newer.`,
    notInstalled: 'not installed',
    runNpmCi: 'Run `npm ci` in the repository folder.',
    versionMismatch: ({ installed, wanted }: { installed: string; wanted: string }) => `${installed} installed, ${wanted} pinned`,
    runNpmCiExact: 'Run `npm ci` to install exactly what package-lock.json pins.',
    compiled: 'compiled library (dist/)',
    missing: 'missing',
    runBuild: 'Run `npm run build`.',
    olderThanSrc: 'older than src/',
    runBuildLatest: 'Run `npm run build` so the notebooks use your latest changes.',
    upToDate: 'up to date',
  },
  access: {
    listingFailed: ({ name, message }: { name: string; message: string }) => `listing failed (${name}: ${message})`,
    outsideModel: 'outside model: its answers and latencies are recorded in the dataset',
    answered: ({ text, attempts }: { text: string; attempts: string | null }) =>
      `answered "${text}"${attempts ? ` after ${attempts} attempts` : ''}`,
    accessDenied: 'access denied',
    transient: ({ error }: { error: string }) =>
      `${error} — a transient failure, not a lack of access: steps 3–4 still try this model. Fix: re-run notebook 01 later to confirm access.`,
    transientError: 'transient error',
    unknownError: 'unknown error',
    profileOnly: ({ name, use }: { name: string; use: string | null }) =>
      ` — ${name} is only served through an inference profile: configure ${use ? `"${use}"` : 'an inference profile id'} instead of its model id.`,
    notListed: ({ checkId }: { checkId: boolean }) =>
      ` (not in this region's model list${checkId ? '; check the model id and region' : ''})`,
    ping: ({ ms, attempts }: { ms: string; attempts: string | null }) => `ping ${ms} ms${attempts ? ` (after ${attempts} attempts)` : ''}`,
    notChecked: 'not checked',
  },
  lifecycle: {
    today: 'today',
    inDays: ({ days, one }: { days: string; one: boolean }) => `in ${days} day${one ? '' : 's'}`,
    daysAgo: ({ days, one }: { days: string; one: boolean }) => `${days} day${one ? '' : 's'} ago`,
    who: { source: 'The source', judge: 'The judge', candidate: 'This candidate' },
    unknown: ({ who }: { who: string }) =>
      `${who} is not in the model catalogue: its lifecycle is unknown — check GetFoundationModel's modelLifecycle on Bedrock.`,
    endedOn: ({ who, eol, when }: { who: string; eol: string; when: string }) =>
      `${who} reached end of life on Bedrock on ${eol} (${when}): Bedrock no longer answers it.`,
    migrateNow:
      'Migrate now; to compare against it, use its answers recorded before that date (models.source.kind "recorded"). Offline, the local endpoint still emulates it.',
    chooseActive: 'Choose an ACTIVE model instead.',
    legacySince: ({ date }: { date: string | null }) => (date ? `Legacy since ${date}` : 'Legacy'),
    extendedFrom: ({ date }: { date: string }) => `; from ${date} (public extended access) the provider may raise its price`,
    extendedSince: ({ date }: { date: string }) => `; in public extended access since ${date} (the provider may have raised its price)`,
    sourceLegacy: ({ who, eol, when, since }: { who: string; eol: string; when: string; since: string }) =>
      `${who} reaches end of life on ${eol} (${when}): after that date Bedrock refuses its requests. ${since}. This is the reason to migrate.`,
    otherLegacy: ({ who, eol, when, judge, since }: { who: string; eol: string; when: string; judge: boolean; since: string }) =>
      `⚠️ ${who} is itself LEGACY: it reaches end of life on ${eol} (${when}) — ${judge ? 'pick an ACTIVE judge' : 'migrating to it means migrating again soon'}. ${since}.`,
    active: ({ who, source }: { who: string; source: boolean }) =>
      `${who} is ACTIVE${source ? ': no end-of-life date is announced, so nothing forces this migration' : ''}.`,
    statusDiffers: ({ reported, asOf, catalogue }: { reported: string; asOf: string | null; catalogue: string }) =>
      `Bedrock reports ${reported}, the catalogue${asOf ? ` (as of ${asOf})` : ''} says ${catalogue}: Bedrock is right — update data/model_catalog.json.`,
    refusesOnDemand: ({ example }: { example: string | null }) =>
      `Bedrock refuses on-demand calls by its model id (ValidationException): call it through an inference profile${example ? `, e.g. ${example}` : ''}.`,
    profileOnly: ({ model }: { model: string }) => `Only callable through an inference profile: called as ${model}.`,
    alsoProfiles: ({ profiles }: { profiles: string }) => `Callable by its model id; inference profiles also offered here: ${profiles}.`,
    catalogueOnly: ({ error }: { error: string }) => ` (${error}; figures from the catalogue only)`,
  },
  trigger: {
    recordedSource: "The source model is recorded outside Bedrock: its lifecycle is not Bedrock's to decide.",
    legacy: ({ name, model, eol, when }: { name: string; model: string; eol: string; when: string }) =>
      `Why migrate: ${name} (${model}) is LEGACY and reaches end of life on ${eol} (${when}).`,
    ended: ({ name, model, eol }: { name: string; model: string; eol: string }) =>
      `Why migrate: ${name} (${model}) already reached end of life on ${eol} — on real Bedrock it no longer answers.`,
    active: ({ name, model }: { name: string; model: string }) =>
      `${name} (${model}) is ACTIVE: this migration is a choice (cost, speed, quality), not forced by an end-of-life date.`,
    unknown: ({ model }: { model: string }) => `${model}: lifecycle unknown (not in the catalogue).`,
    otherLegacy: ({ role, model, eol }: { role: string; model: string; eol: string }) =>
      `⚠️ ${role} ${model} is LEGACY (end of life ${eol}).`,
    otherEnded: ({ role, model, eol }: { role: string; model: string; eol: string }) => `⚠️ ${role} ${model} is past end of life (${eol}).`,
    refused: ({ model, use }: { model: string; use: string | null }) =>
      `⛔ ${model} is called by its model id, which Bedrock refuses: use ${use ?? 'an inference profile'}.`,
    profiled: ({ n }: { n: string }) => `${n} model(s) are called through inference profiles, as Bedrock requires for them.`,
    allActive: 'Every candidate and judge is ACTIVE and called the way Bedrock serves it.',
  },
  /** The headings of `lifecycleTable`. */
  lifecycleCol: {
    model: 'model',
    role: 'role',
    status: 'status',
    endOfLife: 'end of life',
    days: 'days',
    profileRequired: 'profile required',
    profiles: 'profiles in this region',
    note: 'note',
  },
  /** Roles as people read them in sentences. */
  role: { source: 'source', candidate: 'candidate', judge: 'judge' },
};
