/**
 * As tabelas e os gráficos da etapa 5 (português do Brasil): a tabela lado a lado, as variantes
 * de prompt, as opções de deployment e os títulos, eixos, legendas e textos de hover dos
 * gráficos. Mesmas chaves de `../en/compare-tables.ts`.
 */
import type { compareTables as En } from '../en/compare-tables';

/** Os status das opções de deployment (`summarizeOptionRows`), ditos em português. */
const OPTION_STATUS: Record<string, string> = {
  measured: 'medida',
  partial: 'parcial',
  refused: 'recusada',
  failed: 'falhou',
  skipped: 'pulada',
};

export const compareTables: typeof En = {
  table: {
    model: 'modelo',
    sourceTag: ' (origem)',
    p50: 'P50 ms (vs origem)',
    p90: 'P90 ms (vs origem)',
    pairedLatency: 'latência pareada (Holm)',
    pairedCi: 'Δ IC 95% pareado',
    nonInferior: 'não inferior (p de Holm)',
    per1k: 'US$ / 1k requisições',
    failed: 'falhas: chamadas · julgamentos',
    monthly: 'US$ / mês',
    composite: 'nota composta',
    rank: 'posição',
    pareto: 'Pareto',
    latencyCell: (p) => `${p.verdict} (p ${p.p})`,
    latencyDiff: (p) => `: ${p.ms} ms, IC ${p.range}`,
    source: 'origem',
    verdictCell: (p) => `${p.verdict} (${p.p})`,
    noVerdictFew: (p) => `sem veredito: ${p.n} ${p.n === 1 ? 'item pareado' : 'itens pareados'} (precisa de ${p.min})`,
    noVerdict: 'sem veredito',
    unknownBatch: 'desconhecido (preço de batch desconhecido)',
    batchPrice: (p) => `${p.usd} (preço de batch)`,
    failedOf: (p) => `${p.failed} de ${p.of}`,
    excluded: (p) => `excluído: ${p.why}`,
  },
  variants: {
    verdict: {
      better: 'melhor',
      worse: 'pior',
      'no clear difference': 'sem diferença clara',
      'not enough data': 'dados insuficientes',
    },
    variant: { task: 'tarefa', optimized: 'otimizado' },
    variantsIsTask: 'prompts.variants é "task"',
    optimizedPrompt: (p) => `prompt otimizado: ${p.reason}`,
    taskPrompt: (p) => `prompt da tarefa: ${p.reason}`,
    noComparison: (p) =>
      `${p.model}: sem comparação com o prompt otimizado (${p.reason}); o prompt da tarefa é que é comparado com o modelo de origem.`,
    change: {
      better: 'aumentou',
      worse: 'diminuiu',
      'not enough data': 'não pôde ser testado em',
      'no clear difference': 'não mudou claramente',
    },
    sentence: (p) =>
      `${p.model}: o prompt otimizado ${p.change} ${p.metric} (${p.optimized} vs ${p.task} com o prompt da tarefa em ${p.n} item(ns) pareado(s); diferença ${p.diff}, IC 95% pareado de ${p.lower} a ${p.upper}; ${p.test}, p ${p.p}). Custo por chamada ${p.costOptimized} vs ${p.costTask} USD (${p.tokens} tokens de entrada por chamada).`,
    few: (p) =>
      ` Com ${p.n} pares, o teste exato bilateral não consegue chegar a p < ${p.alpha} (e uma aproximação normal, usada quando há empates, não é confiável): aumente prompts.optimizedDocuments para 6 ou mais.`,
    vsSource: (p) =>
      ` Comparado com o modelo de origem usando a variante "${p.variant}" do prompt${p.only}: diferença ${p.diff}, não inferior dentro de ${p.margin}: ${p.verdict} (p-value ajustado por Holm ${p.p}).`,
    onlyItems: (p) => ` (só nos ${p.n} item(ns) dele)`,
    notTested: 'não testado',
    notRun: 'não rodou',
    model: 'modelo',
    pairedItems: 'itens pareados',
    metricTask: (p) => `${p.metric}, prompt da tarefa`,
    metricOptimized: (p) => `${p.metric}, prompt otimizado`,
    diffHeading: 'otimizado − tarefa (IC 95%)',
    diffCell: (p) => `${p.diff} (${p.lower} a ${p.upper})`,
    p: 'p',
    verdictHeading: 'veredito',
    costHeading: 'custo por chamada, tarefa → otimizado (USD)',
    variantHeading: 'variante vs origem',
    vsSourceHeading: 'vs origem: não inferior',
    note: 'observação',
    taskTrace: 'prompt da tarefa',
    optimizedTrace: 'prompt otimizado',
    hover: (p) => `${p.n} item(ns) pareado(s), ${p.usd} USD por chamada`,
    title: (p) => `${p.metric}: prompt da tarefa vs prompt otimizado, mesmos documentos`,
  },
  options: {
    batchNote:
      'A inferência em batch é um job assíncrono (CreateModelInvocationJob): você sobe as requisições num arquivo JSONL para o S3 e pega as respostas no S3 quando o job termina — sem resposta imediata, então sem número de latência. Serve para cargas que podem esperar (resumos noturnos, reprocessamentos).',
    noOptionsOfRecommended: (p) => `a etapa 3 não mediu nenhuma opção de deployment do candidato recomendado (${p.model}): ${p.reason}`,
    noRecommendation: 'nenhum candidato é recomendado (veja a recomendação acima)',
    title: 'Opções de deployment',
    noTable: (p) =>
      `Sem tabela de opções de deployment: ${p.why}, e nenhum candidato tem resultados de opções de deployment da etapa 3 (deploymentOptions em workshop.config.json; rode o notebook 03 de novo).`,
    emulatedTag: ' (emulado)',
    option: 'opção',
    calledAs: 'chamado como',
    status: 'status',
    calls: 'chamadas',
    p50: (p) => `P50 ms${p.tag}`,
    p90: (p) => `P90 ms${p.tag}`,
    ttft: (p) => `TTFT P50 ms${p.tag}`,
    per1k: 'US$ / 1k requisições',
    monthly: (p) => `US$ / mês (${p.requests} requisições)`,
    vsStandard: 'custo vs padrão',
    priceBasis: 'base do preço',
    note: 'observação',
    statusOf: (p) => OPTION_STATUS[p.status] ?? p.status,
    baseline: 'linha de base',
    asynchronous: '— assíncrono',
    batchCalledAs: 'um job de batch (CreateModelInvocationJob), não uma chamada',
    priced: 'com preço',
    batchBasis: (p) => `${p.basis}; os tokens medidos da opção padrão`,
    notARecommendation: (p) =>
      `NÃO É UMA RECOMENDAÇÃO: ${p.why}. A tabela mostra o candidato mais bem posicionado no ranking, ${p.name} (${p.model}), para você ver o que mudaria servindo o modelo de outro jeito — decida o modelo primeiro.`,
    offline:
      'OFFLINE: as latências são EMULADAS — o endpoint local aplica fatores documentados (priority: 25% mais tokens de saída por segundo; leituras do prompt cache: até 85% menos tempo até o primeiro token) e duas suposições declaradas (flex: o dobro do tempo até o primeiro token; latency-optimized: 0,7× o tempo até o primeiro token, 1,6× os tokens por segundo; inference profiles: nenhuma diferença de latência) — veja docs/local-endpoint.md. Os preços são os publicados no catálogo.',
    sample: (p) =>
      `Cada opção foi chamada com a mesma requisição em ${p.n} chamada(s) (deploymentOptions.documents × invocations): a parte comum do prompt como system prompt, o documento no turno do usuário — uma amostra pequena: o P90 de poucas chamadas é a mais lenta delas. Os custos são a média dos tokens medidos nas chamadas da opção × os preços do catálogo para essa opção (data/model_catalog.json${p.inCatalogue ? '' : ' — este modelo não está nele, então todo custo é desconhecido'}); "desconhecido" quer dizer que o catálogo não tem preço para ela — nunca 0.`,
    skipped:
      'As opções que o catálogo diz que o modelo não tem são puladas, com o motivo; as que ele não conhece são tentadas, e uma recusa aparece com a mensagem do Bedrock. A opção de prompt cache roda uma chamada por vez, então a primeira chamada grava o cache e as seguintes leem dele; em volume de produção, quase toda requisição dentro do TTL de 5 minutos do cache lê dele.',
    tableTitle: (p) =>
      `Opções de deployment — ${p.recommended ? 'candidato recomendado' : 'candidato mais bem posicionado (NÃO recomendado)'}: ${p.name} (${p.model})`,
  },
  charts: {
    latencyTitle: 'Latência total por modelo (ms)',
    percentilesTitle: 'Latência P50 e P90, e tempo mediano até o primeiro token (ms)',
    ttftTrace: 'TTFT P50',
    qualityTitle: 'Notas do juiz por métrica (0–1, IC 95%)',
    radarTitle: 'Perfil de qualidade por modelo',
    modelsTrace: 'modelos',
    frontTrace: 'fronteira de Pareto',
    noLatency: ' (latência não medida)',
    outside: ' (fora das restrições)',
    costQualityTitle: 'Custo vs qualidade (tamanho do marcador = latência mediana)',
    costAxis: 'USD por 1.000 requisições (escala log)',
    qualityAxis: (p) => `${p.metric} (0–1, a métrica principal da tarefa)`,
  },
};
