/**
 * The control plane (the `bedrock` service, as opposed to `bedrock-runtime`): the foundation
 * models and system-defined inference profiles the emulated endpoint offers, so the setup
 * notebook's model-access check works offline with `BedrockClient`.
 *
 * - ListFoundationModels (`byProvider`, `byOutputModality`, `byInferenceType`,
 *   `byCustomizationType`) and GetFoundationModel: `inferenceTypesSupported` and
 *   `modelLifecycle` come from the catalogue (absent = `ON_DEMAND`, `ACTIVE`);
 * - ListInferenceProfiles (`maxResults` 1–1000, `nextToken`, `typeEquals` — the query
 *   parameter `type`) and GetInferenceProfile (id or ARN). Only SYSTEM_DEFINED
 *   (cross-region) profiles exist here; a `us.` profile routes to us-east-1, us-east-2 and
 *   us-west-2, an `eu.` one to eu-central-1, eu-west-1 and eu-west-3, an `apac.` one to
 *   ap-northeast-1, ap-southeast-1 and ap-southeast-2 (the main destinations listed on
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html).
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListInferenceProfiles.html
 */
import type { CatalogModel, ModelCatalog } from '../core/catalog';
import { BedrockError } from './errors';
import { inferenceTypes, supports } from './model-support';
import { maxResultsProblem, nextTokenProblem, pageOf, throwIfInvalid } from './paging';

const ACCOUNT_ID = '000000000000';
const CREATED = '2024-08-27T00:00:00Z';

const enumViolation = (param: string, value: string, allowed: string[]): never => {
  throw new BedrockError(
    'ValidationException',
    `1 validation error detected: Value '${value}' at '${param}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
  );
};

/** `modelLifecycle` as Bedrock reports it, from the catalogue's status and published dates (timestamps in ISO 8601). */
function lifecycleOf(model: CatalogModel) {
  const l = model.lifecycle;
  const time = (d?: string) => (d ? `${d}T00:00:00Z` : undefined);
  return {
    status: l?.status ?? 'ACTIVE',
    startOfLifeTime: time(l?.launchDate),
    legacyTime: time(l?.legacyDate),
    publicExtendedAccessTime: time(l?.publicExtendedAccessDate),
    endOfLifeTime: time(l?.endOfLifeDate),
  };
}

function summary(model: CatalogModel, region: string) {
  return {
    modelArn: `arn:aws:bedrock:${region}::foundation-model/${model.modelId}`,
    modelId: model.modelId,
    modelName: model.name,
    providerName: model.provider,
    inputModalities: supports(model, 'images') ? ['TEXT', 'IMAGE'] : ['TEXT'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    customizationsSupported: [],
    inferenceTypesSupported: inferenceTypes(model),
    modelLifecycle: lifecycleOf(model),
  };
}

/** GET /foundation-models with the SDK's filters. */
export function listFoundationModels(catalog: ModelCatalog, query: URLSearchParams, region: string) {
  const provider = query.get('byProvider');
  const output = query.get('byOutputModality');
  const inference = query.get('byInferenceType');
  const customization = query.get('byCustomizationType');
  if (output && !['TEXT', 'IMAGE', 'EMBEDDING'].includes(output)) enumViolation('byOutputModality', output, ['TEXT', 'IMAGE', 'EMBEDDING']);
  if (inference && !['ON_DEMAND', 'PROVISIONED'].includes(inference))
    enumViolation('byInferenceType', inference, ['ON_DEMAND', 'PROVISIONED']);
  if (customization && !['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION'].includes(customization))
    enumViolation('byCustomizationType', customization, ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION']);
  const models = catalog.models.filter((m) => {
    if (provider && m.provider.toLowerCase() !== provider.toLowerCase()) return false;
    if (output && output !== 'TEXT') return false;
    if (inference && !inferenceTypes(m).includes(inference)) return false;
    if (customization) return false; // no emulated model supports customization
    return true;
  });
  return { modelSummaries: models.map((m) => summary(m, region)) };
}

/** GET /foundation-models/{id}; a model past its end-of-life date is gone, as on Bedrock. */
export function getFoundationModel(catalog: ModelCatalog, id: string, region: string, now: number) {
  const model = catalog.models.find((m) => m.modelId === id || summary(m, region).modelArn === id);
  if (!model) throw new BedrockError('ResourceNotFoundException', `The model ${id} was not found in this endpoint's catalogue.`);
  const eol = model.lifecycle?.endOfLifeDate;
  if (eol && now >= Date.parse(eol))
    throw new BedrockError(
      'ResourceNotFoundException',
      'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
    );
  return { modelDetails: summary(model, region) };
}

const GEOGRAPHY: Record<string, { name: string; regions: string[] }> = {
  us: { name: 'US', regions: ['us-east-1', 'us-east-2', 'us-west-2'] },
  eu: { name: 'EU', regions: ['eu-central-1', 'eu-west-1', 'eu-west-3'] },
  apac: { name: 'APAC', regions: ['ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2'] },
};

function profileOf(model: CatalogModel, profile: string, region: string) {
  const prefix = profile.split('.')[0];
  const geo = GEOGRAPHY[prefix] ?? { name: prefix.toUpperCase(), regions: [region] };
  return {
    inferenceProfileName: `${geo.name} ${model.provider} ${model.name.replace(new RegExp(`^${model.provider}\\s+`), '')}`,
    inferenceProfileArn: `arn:aws:bedrock:${region}:${ACCOUNT_ID}:inference-profile/${profile}`,
    models: geo.regions.map((r) => ({ modelArn: `arn:aws:bedrock:${r}::foundation-model/${model.modelId}` })),
    inferenceProfileId: profile,
    status: 'ACTIVE',
    type: 'SYSTEM_DEFINED',
    description: `Routes requests to ${model.name} in ${geo.regions.join(', ')} (emulated).`,
    createdAt: CREATED,
    updatedAt: CREATED,
  };
}

function allProfiles(catalog: ModelCatalog, region: string) {
  return catalog.models.flatMap((m) => m.inferenceProfiles.map((p) => profileOf(m, p, region)));
}

/** GET /inference-profiles?maxResults&nextToken&type. */
export function listInferenceProfiles(catalog: ModelCatalog, query: URLSearchParams, region: string) {
  const type = query.get('type');
  throwIfInvalid([
    maxResultsProblem(query),
    type !== null && type !== 'SYSTEM_DEFINED' && type !== 'APPLICATION'
      ? `Value '${type}' at 'typeEquals' failed to satisfy constraint: Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]`
      : null,
    nextTokenProblem(query, '^\\S*$'),
  ]);
  const all = type === 'APPLICATION' ? [] : allProfiles(catalog, region);
  const { page, nextToken } = pageOf(all, query, 'ListInferenceProfiles');
  return nextToken ? { inferenceProfileSummaries: page, nextToken } : { inferenceProfileSummaries: page };
}

/** GET /inference-profiles/{idOrArn}. */
export function getInferenceProfile(catalog: ModelCatalog, idOrArn: string, region: string) {
  const id = idOrArn.includes('inference-profile/') ? idOrArn.slice(idOrArn.lastIndexOf('/') + 1) : idOrArn;
  const model = catalog.models.find((m) => m.inferenceProfiles.includes(id));
  if (!model)
    throw new BedrockError(
      'ResourceNotFoundException',
      `The inference profile ${idOrArn} was not found. List the available profiles with ListInferenceProfiles.`,
    );
  return profileOf(model, id, region);
}
