/** Etapa 1: checagem do ambiente, acesso aos modelos, ciclo de vida e o gatilho da migração — português do Brasil. */
import type { setup as En } from '../../en/views/setup';

export const setup: typeof En = {
  env: {
    installNode: ({ version }) => `Instale o Node.js ${version} ou mais novo.`,
    notInstalled: 'não instalado',
    runNpmCi: 'Rode `npm ci` na pasta do repositório.',
    versionMismatch: ({ installed, wanted }) => `${installed} instalado, ${wanted} fixado`,
    runNpmCiExact: 'Rode `npm ci` para instalar exatamente o que o package-lock.json fixa.',
    compiled: 'biblioteca compilada (dist/)',
    missing: 'ausente',
    runBuild: 'Rode `npm run build`.',
    olderThanSrc: 'mais antiga que src/',
    runBuildLatest: 'Rode `npm run build` para os notebooks usarem suas últimas mudanças.',
    upToDate: 'atualizada',
  },
  access: {
    listingFailed: ({ name, message }) => `a listagem falhou (${name}: ${message})`,
    outsideModel: 'modelo externo: suas respostas e latências estão gravadas no dataset',
    answered: ({ text, attempts }) => `respondeu "${text}"${attempts ? ` depois de ${attempts} tentativas` : ''}`,
    accessDenied: 'acesso negado',
    transient: ({ error }) =>
      `${error} — uma falha passageira, não falta de acesso: as etapas 3–4 ainda tentam este modelo. Como resolver: rode o notebook 01 de novo mais tarde para confirmar o acesso.`,
    transientError: 'erro passageiro',
    unknownError: 'erro desconhecido',
    profileOnly: ({ name, use }) =>
      ` — ${name} só é servido por um inference profile: configure ${use ? `"${use}"` : 'o id de um inference profile'} no lugar do model id.`,
    notListed: ({ checkId }) => ` (fora da lista de modelos desta região${checkId ? '; confira o model id e a região' : ''})`,
    ping: ({ ms, attempts }) => `ping ${ms} ms${attempts ? ` (depois de ${attempts} tentativas)` : ''}`,
    notChecked: 'não verificado',
  },
  lifecycle: {
    today: 'hoje',
    inDays: ({ days, one }) => `em ${days} dia${one ? '' : 's'}`,
    daysAgo: ({ days, one }) => `há ${days} dia${one ? '' : 's'}`,
    who: { source: 'O modelo de origem', judge: 'O juiz', candidate: 'Este candidato' },
    unknown: ({ who }) =>
      `${who} não está no catálogo de modelos: o ciclo de vida é desconhecido — confira o modelLifecycle do GetFoundationModel no Bedrock.`,
    endedOn: ({ who, eol, when }) => `${who} chegou ao fim de vida no Bedrock em ${eol} (${when}): o Bedrock não responde mais a ele.`,
    migrateNow:
      'Migre agora; para comparar com ele, use as respostas gravadas antes dessa data (models.source.kind "recorded"). Offline, o endpoint local ainda o emula.',
    chooseActive: 'Escolha um modelo ACTIVE no lugar dele.',
    legacySince: ({ date }) => (date ? `Legacy desde ${date}` : 'Legacy'),
    extendedFrom: ({ date }) => `; a partir de ${date} (public extended access) o provedor pode subir o preço`,
    extendedSince: ({ date }) => `; em public extended access desde ${date} (o provedor pode ter subido o preço)`,
    sourceLegacy: ({ who, eol, when, since }) =>
      `${who} chega ao fim de vida em ${eol} (${when}): depois dessa data o Bedrock recusa as requisições. ${since}. Esse é o motivo da migração.`,
    otherLegacy: ({ who, eol, when, judge, since }) =>
      `⚠️ ${who} também é LEGACY: chega ao fim de vida em ${eol} (${when}) — ${judge ? 'escolha um juiz ACTIVE' : 'migrar para ele é migrar de novo em breve'}. ${since}.`,
    active: ({ who, source }) =>
      `${who} está ACTIVE${source ? ': nenhuma data de fim de vida foi anunciada, então nada força esta migração' : ''}.`,
    statusDiffers: ({ reported, asOf, catalogue }) =>
      `O Bedrock informa ${reported}, o catálogo${asOf ? ` (de ${asOf})` : ''} diz ${catalogue}: vale o Bedrock — atualize data/model_catalog.json.`,
    refusesOnDemand: ({ example }) =>
      `O Bedrock recusa chamadas on-demand pelo model id (ValidationException): chame-o por um inference profile${example ? `, por exemplo ${example}` : ''}.`,
    profileOnly: ({ model }) => `Só pode ser chamado por um inference profile: chamado como ${model}.`,
    alsoProfiles: ({ profiles }) => `Pode ser chamado pelo model id; inference profiles também oferecidos aqui: ${profiles}.`,
    catalogueOnly: ({ error }) => ` (${error}; números só do catálogo)`,
  },
  trigger: {
    recordedSource: 'O modelo de origem está gravado fora do Bedrock: o ciclo de vida dele não é o Bedrock que decide.',
    legacy: ({ name, model, eol, when }) => `Por que migrar: ${name} (${model}) é LEGACY e chega ao fim de vida em ${eol} (${when}).`,
    ended: ({ name, model, eol }) =>
      `Por que migrar: ${name} (${model}) já chegou ao fim de vida em ${eol} — no Bedrock de verdade ele não responde mais.`,
    active: ({ name, model }) =>
      `${name} (${model}) está ACTIVE: esta migração é uma escolha (custo, velocidade, qualidade), não é forçada por uma data de fim de vida.`,
    unknown: ({ model }) => `${model}: ciclo de vida desconhecido (fora do catálogo).`,
    otherLegacy: ({ role, model, eol }) => `⚠️ ${role} ${model} é LEGACY (fim de vida ${eol}).`,
    otherEnded: ({ role, model, eol }) => `⚠️ ${role} ${model} já passou do fim de vida (${eol}).`,
    refused: ({ model, use }) => `⛔ ${model} é chamado pelo model id, que o Bedrock recusa: use ${use ?? 'um inference profile'}.`,
    profiled: ({ n }) => `${n} modelo(s) são chamados por inference profiles, como o Bedrock exige para eles.`,
    allActive: 'Todo candidato e todo juiz está ACTIVE e é chamado do jeito que o Bedrock o serve.',
  },
  lifecycleCol: {
    model: 'modelo',
    role: 'papel',
    status: 'status',
    endOfLife: 'fim de vida',
    days: 'dias',
    profileRequired: 'exige profile',
    profiles: 'profiles nesta região',
    note: 'observação',
  },
  role: { source: 'origem', candidate: 'candidato', judge: 'juiz' },
};
