/** A seção de batch inference da etapa 3: jobs preparados, a tabela deles e as respostas importadas — português do Brasil. */
import type { batch as En } from '../../en/views/batch';

export const batch: typeof En = {
  recordedSource: 'um modelo de origem externo (gravado): as respostas dele estão no dataset, o Bedrock não consegue rodá-lo',
  pastEndOfLife: ({ date }) => `já passou do fim de vida no Bedrock (${date}): o Bedrock não o roda mais, nem em batch nem on-demand`,
  notInCatalogue: 'fora de data/model_catalog.json: o endpoint local não o serve',
  noBatchPrice: ({ model }) =>
    `o catálogo não tem preço de batch para ${model} (desconhecido, não 0): confira se o Bedrock oferece batch para ele na sua região (https://docs.aws.amazon.com/bedrock/latest/userguide/batch-inference-supported.html) antes de submeter`,
  wouldRefuse: ({ problems }) => ` O Bedrock recusaria o job do jeito que está: ${problems}.`,
  emulatedJob: 'Job de batch EMULADO (endpoint local, não o Bedrock)',
  bedrockJob: ({ job }) => `Job de batch do Bedrock ${job}`,
  imported: (p) =>
    `${p.job}: ${p.success} de ${p.total} registros respondidos${p.unusable ? `, ${p.unusable} linha(s) de saída inutilizável(is)` : ''}. A batch inference não informa latência: as colunas de latência ficam vazias (não medidas)${p.batchPrice ? '; custo pelo preço de batch' : '; preço de batch desconhecido no catálogo, então o custo fica vazio'}.${p.refused}`,
  unknown: 'desconhecido',
  yes: 'sim',
  no: 'não',
  notYet: 'ainda não',
  set: ({ names }) => `defina ${names}`,
  col: {
    model: 'modelo',
    status: 'status',
    jobType: 'tipo de job',
    records: 'registros',
    onDemand: 'on-demand US$/1M entrada / saída',
    batch: 'batch US$/1M entrada / saída',
    canSubmit: 'pode submeter',
    why: 'por quê',
  },
};
