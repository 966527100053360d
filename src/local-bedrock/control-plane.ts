/**
 * The control plane (the `bedrock` service, as opposed to `bedrock-runtime`): listing the
 * foundation models and inference profiles the emulated endpoint offers, so the setup
 * notebook's model-access check works offline with `BedrockClient`.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListFoundationModels.html
 */
import type { CatalogModel, ModelCatalog } from '../core/catalog';
import { BedrockError } from './errors';

/** `modelLifecycle` as Bedrock reports it, from the catalogue's status and published dates (timestamps in ISO 8601). */
function lifecycleOf(model: CatalogModel) {
  const l = model.lifecycle;
  const time = (d?: string) => (d ? `${d}T00:00:00Z` : undefined);
  return { status: l?.status ?? 'ACTIVE', startOfLifeTime: time(l?.launchDate), legacyTime: time(l?.legacyDate), publicExtendedAccessTime: time(l?.publicExtendedAccessDate), endOfLifeTime: time(l?.endOfLifeDate) };
}

function summary(model: CatalogModel, region: string) {
  return {
    modelArn: `arn:aws:bedrock:${region}::foundation-model/${model.modelId}`,
    modelId: model.modelId,
    modelName: model.name,
    providerName: model.provider,
    inputModalities: ['TEXT'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    customizationsSupported: [],
    inferenceTypesSupported: model.inferenceProfiles.length ? ['ON_DEMAND', 'INFERENCE_PROFILE'] : ['ON_DEMAND'],
    modelLifecycle: lifecycleOf(model),
  };
}

/** GET /foundation-models with the SDK's filters. */
export function listFoundationModels(catalog: ModelCatalog, query: URLSearchParams, region: string) {
  const provider = query.get('byProvider');
  const output = query.get('byOutputModality');
  const inference = query.get('byInferenceType');
  const customization = query.get('byCustomizationType');
  const models = catalog.models.filter((m) => {
    if (provider && m.provider.toLowerCase() !== provider.toLowerCase()) return false;
    if (output && output.toUpperCase() !== 'TEXT') return false;
    if (inference && !summary(m, region).inferenceTypesSupported.includes(inference.toUpperCase())) return false;
    if (customization) return false; // no emulated model supports customization
    return true;
  });
  return { modelSummaries: models.map((m) => summary(m, region)) };
}

/** GET /foundation-models/{id}. */
export function getFoundationModel(catalog: ModelCatalog, id: string, region: string) {
  const model = catalog.models.find((m) => m.modelId === id || summary(m, region).modelArn === id);
  if (!model) throw new BedrockError('ResourceNotFoundException', `The model ${id} was not found in this endpoint's catalogue.`);
  return { modelDetails: summary(model, region) };
}

/** GET /inference-profiles: the cross-region system profiles of the catalogue's models. */
export function listInferenceProfiles(catalog: ModelCatalog, region: string) {
  const accountId = '000000000000';
  return {
    inferenceProfileSummaries: catalog.models.flatMap((m) =>
      m.inferenceProfiles.map((profile) => ({
        inferenceProfileId: profile,
        inferenceProfileName: `${profile.split('.')[0].toUpperCase()} ${m.name}`,
        inferenceProfileArn: `arn:aws:bedrock:${region}:${accountId}:inference-profile/${profile}`,
        description: `Routes requests for ${m.name} across regions (emulated).`,
        models: [{ modelArn: `arn:aws:bedrock:${region}::foundation-model/${m.modelId}` }],
        status: 'ACTIVE',
        type: 'SYSTEM_DEFINED',
      })),
    ),
  };
}
