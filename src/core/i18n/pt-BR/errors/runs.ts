/** Execução das chamadas (`src/runs/`): a sessão, o backend, jobs da AWS, o resultado de um passo, o log — português do Brasil. */
import type { runs as En } from '../../en/errors/runs';

export const runs: typeof En = {
  noTracking: (p) => `${p.shown} ainda não existe (ou está vazio).`,
  noTrackingFix: 'rode primeiro o notebook 01_setup — é ele que cria o arquivo de tracking.',
  noTrackingRow: (p) => `${p.shown} não tem linha para ${p.models} (incluído na configuração depois do passo 1, ou a linha foi apagada).`,
  noTrackingRowFix: 'rode de novo o notebook 01_setup — ele confere o acesso e cria as linhas.',
  noCredentials: (p) => `o backend é "aws", mas nenhuma credencial da AWS foi encontrada (${p.message}).`,
  noCredentialsFix:
    'configure as credenciais (`aws configure`, `aws sso login`, AWS_PROFILE, ou AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), ou defina "backend": "local" no workshop.config.json (ou WORKSHOP_BACKEND=local) para trabalhar offline.',
  jobStillRunning: (p) => `${p.what} continua ${p.status} depois de ${p.minutes} minutos.`,
  jobStillRunningFix: 'consulte de novo mais tarde com o mesmo identificador do job; o job continua rodando.',
  noUsableResult: (p) => `O passo ${p.step} não produziu resultado utilizável para nenhum modelo:\n${p.why}\n`,
  noUsableResultFix:
    'veja os motivos acima (acesso no passo 1, os arquivos de log em outputs/logs/, configurações de injeção de falhas como LOCAL_BEDROCK_SERVER_ERROR_RATE) e rode este notebook de novo: as chamadas concluídas são retomadas, as que falharam são repetidas.',
  logLinesMissing: (p) => `${p.problem} Algumas linhas do log da execução ficaram faltando.`,
  logLinesMissingFix: (p) =>
    `${p.fix ?? 'garanta que a pasta de outputs continue gravável'}; as chamadas concluídas são retomadas a partir do checkpoint.`,
  logWriteFailed: (p) => `Não foi possível gravar o arquivo de log ${p.shown} (${p.code}); algumas linhas dele ficaram faltando.`,
  logWriteFailedFix:
    'garanta que o disco tenha espaço livre e que a pasta de outputs continue gravável, e rode de novo: as chamadas concluídas são retomadas a partir do checkpoint.',
};
