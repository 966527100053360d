/** As configurações e os arquivos dos passos: opções de deployment, o plano (custo, otimização de prompt), ranking — português do Brasil. */
import type { steps as En } from '../../en/errors/steps';

export const steps: typeof En = {
  sharedPrefixUnreadable: (p) =>
    `O arquivo de prefixo compartilhado ${p.file} (deploymentOptions.sharedPrefixFile) não pode ser lido: ${p.reason}.`,
  itDoesNotExist: 'ele não existe',
  sharedPrefixFix: 'informe o caminho de um arquivo de texto em UTF-8, relativo à raiz do repositório, ou defina como null.',
  notConfiguredModel: (p) => `deploymentOptions.models cita ${p.models}, que não é um modelo configurado.`,
  notConfiguredModelFix: (p) =>
    `use os ids como aparecem em models.source / models.candidates (${p.models}), ou null para todos os candidatos.`,
  maxTokens: (p) => `maxTokens precisa ser um número positivo (veio ${p.got}).`,
  maxTokensFix: 'defina inference.maxTokens no workshop.config.json com um número positivo.',
  callsPerDocument: (p) => `callsPerDocument precisa ser pelo menos 1 (veio ${p.got}).`,
  callsPerDocumentFix: 'passe o número de chamadas por documento (1 ou mais).',
  promptCounts: (p) => `${p.model}: ${p.counts} contagens de tokens de prompt para ${p.documents} documentos.`,
  promptCountsFix: 'conte um prompt por documento, na ordem do dataset.',
  judgeMaxTokens: (p) => `judge.maxTokens precisa ser um número positivo (veio ${p.got}).`,
  judgeMaxTokensFix: 'defina "judge.maxTokens" no workshop.config.json com a resposta mais longa do juiz, por exemplo 800.',
  apoLineJson: (p) => `A linha ${p.line} dos resultados do job ${p.where} não é JSON (${p.message}).`,
  apoLineJsonFix: 'baixe o arquivo de novo; se ele estiver truncado, o job não terminou de gravá-lo.',
  apoLineNoResults: (p) => `A linha ${p.line} dos resultados do job ${p.where} não tem a lista promptOptimizationResults.`,
  apoLineNoResultsFix: 'confira se o arquivo é o advanced_prompt_optimization_results.jsonl do job.',
  apoCannotSubmit: (p) => `O job de otimização ${p.job} não pode ser enviado: ${p.problems}.`,
  apoCannotSubmitFix: (p) => `corrija o que foi apontado (a requisição: ${p.request}, a entrada: ${p.input}).`,
  optimizedMissing: (p) => `O template de prompt otimizado ${p.file} de ${p.model} não existe.`,
  optimizedMissingFix:
    'corrija models.candidates[].optimizedPromptTemplate na configuração (um caminho relativo à raiz do repositório), ou remova a chave.',
  weightNegative: (p) => `O peso "${p.key}" precisa ser um número ≥ 0 (veio ${p.got}).`,
  weightNegativeFix: 'defina compare.weights no workshop.config.json com números ≥ 0.',
  weightsZero: 'Os pesos somam 0.',
  weightsZeroFix: 'dê um peso positivo a pelo menos um entre quality, latency e cost (os padrões são 0,5, 0,25, 0,25).',
  sourceNotRanked: (p) => `O modelo de origem "${p.source}" não está entre os modelos do ranking (${p.models}).`,
  sourceNotRankedFix: 'passe o id do modelo de origem, como aparece na lista.',
  reportScriptMissing: (p) => `O script da página do relatório não existe: ${p.file}.`,
  reportScriptMissingFix: 'rode `npm run build` num checkout completo do repositório (o bundle é gerado a partir de src/).',
};
