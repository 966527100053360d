/** Uma chamada ao Bedrock que falhou depois das novas tentativas (`core/bedrock`): como resolver por tipo de erro do SDK, e o CountTokens — português do Brasil. As mensagens do próprio Bedrock ficam como o Bedrock escreveu. */
import type { bedrock as En } from '../../en/errors/bedrock';

export const bedrock: typeof En = {
  accessDeniedFix: (p) =>
    `habilite ${p.model} em "Model access" no console do Bedrock para esta região (ou confira suas permissões de IAM para bedrock:InvokeModel).`,
  validationFix:
    'confira o id do modelo (ou use o id do inference profile dele, por exemplo "us." + id) e se a entrada cabe na janela de contexto.',
  notFoundFix: 'confira o id do modelo e a região.',
  throttlingFix: 'diminua num_parallel_calls, acrescente delay_between_calls, ou peça uma quota maior.',
  timeoutFix: 'aumente timeout_seconds, ou diminua maxTokens.',
  noAnswer: (p) => `nenhuma resposta completa em ${p.ms} ms`,
  afterAttempts: (p) => ` (depois de ${p.attempts} tentativas)`,
  countTokens: (p) => `CountTokens para ${p.model}: ${p.type} — ${p.reason}`,
  countTokensFix:
    'o plano volta para a estimativa de tokens deste modelo; não há nada a fazer, a menos que você precise das contagens exatas.',
  countTokensNoInput: 'a resposta não tem inputTokens',
};
