/** Etapa 2: o plano de migração, a equidade dos prompts, a estimativa de custo e o tamanho da amostra — português do Brasil. */
import type { plan as En } from '../../en/views/plan';

export const plan: typeof En = {
  theDocument: '[o documento]',
  sourceTag: ' (origem)',
  fairness: {
    yes: 'sim',
    missing: 'FALTANDO',
    theInstruction: 'a instrução',
    drops: ({ model, template, what }) => `${model} (${template}) deixa de fora ${what}`,
    unfair: ({ list }) =>
      `Não é a mesma tarefa para todos os modelos: ${list}. Aí a comparação mede prompt + modelo juntos — tudo bem se você mantém de propósito um prompt de produção, mas diga isso quando reportar o resultado.`,
    fair: ({ n }) => `Todo modelo recebe a instrução da tarefa e todas as ${n} restrições dela; só o formato muda.`,
  },
  cost: {
    unknown: 'desconhecido',
    estimate: 'estimativa',
    emulated: ({ label }) => `${label} (emulado)`,
    classificationJudge: ({ metric }) => `tarefa de classificação: decidida pelos rótulos (${metric}), sem chamadas ao juiz`,
    blockedJudge: ({ status }) => `"${status}" na etapa 1: não é chamado na etapa 4 (resolva o acesso e rode o 01 de novo)`,
    notCounting: ({ models }) => `, sem contar ${models}, cujo preço é desconhecido`,
    step3: ({ cost, calls, notCounting }) => `Custo estimado da etapa 3 para todos os modelos: ${cost} (${calls} chamadas)${notCounting}.`,
    judge: ({ cost, calls, notCounting, total }) =>
      `Juiz da etapa 4: ${cost} (${calls} chamadas, respostas dele com preço em judge.maxTokens — o pior caso)${notCounting}. No total: ${total}.`,
    range: ({ cheapest, cheapestCost, dearest, dearestCost, times }) =>
      `Mais barato: ${cheapest} (${cheapestCost}); mais caro: ${dearest} (${dearestCost}) — ${times}× mais.`,
    tooLong: ({ list }) => `⚠️ Documentos longos demais para: ${list}.`,
    tooLongModel: ({ model, rows }) => `${model} (linhas ${rows})`,
    allFit: 'Todo documento cabe na janela de contexto de todo modelo.',
    counted: ({ models, emulated }) =>
      `Tokens de entrada contados pelo CountTokens do Bedrock${emulated ? ' (emulado pelo endpoint local)' : ''}: ${models}.`,
    estimated: ({ list }) => `Tokens de entrada estimados (cerca de 4 caracteres por token): ${list}.`,
    outputEstimated: 'Os tokens de saída são sempre estimados: pelo tamanho da resposta de referência, ou maxTokens quando não há uma.',
    offline: 'Offline: nenhum dinheiro é gasto — estes são os preços que o Bedrock de verdade cobraria.',
    recorded: 'respostas gravadas no dataset: sem chamadas, sem custo de Bedrock',
    notInCatalogue: 'fora do catálogo de modelos: preço e janela de contexto desconhecidos',
    priceUnknown: 'preço desconhecido no catálogo de modelos: custo desconhecido',
    overContext: ({ n, window }) => `${n} documento(s) passam da janela de contexto de ${window} tokens`,
    ok: 'ok',
    judgeAnswers: ({ n }) => `${n} resposta(s) julgada(s) por documento; saída com preço em judge.maxTokens (pior caso)`,
    judgeOverContext: ({ n, window }) => `${n} prompt(s) do juiz passam da janela de contexto de ${window} tokens`,
  },
  tokens: {
    switchedOff: 'plan.countTokens é false',
    notSupported: 'sem suporte, segundo o catálogo',
    refused: ({ type }) => `CountTokens recusou (${type})`,
    pastCap: ({ n, max }) => `${n} além do limite plan.countTokensMaxPrompts = ${max}`,
    failed: ({ n, first }) => `${n} cuja contagem falhou (${first})`,
  },
  sample: {
    pilot: 'o piloto (resultados de uma execução anterior das etapas 3–4)',
    assumption: ({ scores }) =>
      `uma suposição (${scores ? 'σ_d = 0,15 numa nota de 0–1' : 'σ_d = √0,2: um documento em cinco respondido certo por exatamente um dos dois modelos'}) — troque pelo número de uma execução piloto`,
    large: ({ documents, needed, calls, sample }) =>
      `mais que suficiente: ${documents} documentos, ${needed} necessários — as etapas 3–4 fazem ${calls} chamada(s) por documento e modelo e julgam cada resposta, então rode-as numa amostra aleatória de uns ${sample} documentos (salve-a num arquivo próprio e aponte WORKSHOP_DATASET para ele), e mande o dataset inteiro por batch inference (notebook 03, seção 3.6; cerca de metade do preço on-demand onde o catálogo tem preço de batch)`,
    enough: ({ documents, needed }) => `suficiente: ${documents} documentos ≥ ${needed} necessários`,
    tooFew: ({ documents, needed }) =>
      `poucos demais: ${documents} documentos < ${needed} necessários — um candidato não inferior muitas vezes não vai conseguir mostrar isso; use mais documentos, ou leia "não mostrado não inferior" como "evidência insuficiente"`,
  },
  optimization: {
    simpleOff: 'promptOptimization.simple está false na configuração',
    blocked: ({ status, message }) => `"${status}" na etapa 1: ${message}`,
    unsupported: ({ model, page }) =>
      `A otimização simples de prompt do Bedrock não suporta ${model}: ele não está na lista de modelos suportados da AWS (${page}; cópia em data/aws/prompt-optimization-models.json). Nenhuma chamada feita.`,
    supported: 'na lista de modelos suportados da AWS',
    unknown:
      'o catálogo não diz (a lista da AWS não pôde ser lida inteira para este provedor): tentamos, e a resposta do Bedrock fica registrada',
    lost: ({ placeholders }) => `perdeu ${placeholders} (o modelo não veria a entrada)`,
    extraPlaceholders: ({ placeholders }) => `tem placeholder(s) que a tarefa não fornece: ${placeholders}`,
    dropsInstruction: ({ instruction }) => `deixa de fora a instrução da tarefa ("${instruction}")`,
    dropsConstraints: ({ constraints }) => `deixa de fora (ou reescreve) restrição(ões): ${constraints}`,
    problems: ({ problems, usable }) =>
      `O template otimizado ${problems}.${usable ? ' Compare com cuidado: não é a mesma tarefa palavra por palavra.' : ' Ele não pode ser usado como template.'}`,
    keeps: ({ n }) => `Mantém {{document}}, a instrução da tarefa e todas as ${n} restrições.`,
    refused: ({ error }) => `O Bedrock recusou: ${error}`,
    notRun: 'a otimização de prompt não rodou',
    noCall: 'sem chamada',
    none: 'nenhum',
    analysis: ({ emulated }) => `Análise${emulated ? ' (emulada)' : ''}:`,
    check: 'Checagem:',
    colModel: 'modelo',
    colTaskPrompt: 'o prompt da tarefa',
    colOptimized: ({ emulated }) => `otimizado${emulated ? ' (EMULADO offline)' : ''}`,
    colAnalysis: 'análise e checagem de equidade',
  },
  job: {
    advancedOff: 'promptOptimization.advanced está false na configuração',
    notSubmitted: ({ job, problems }) => `O job ${job} não foi submetido: ${problems}.`,
    refused: ({ job, error }) => `O job ${job}: o Bedrock recusou: ${error}`,
    baseline: 'origem (referência)',
    emulated: ' (emulado)',
    failed: ({ status, reason }) => `O job ${status}: ${reason}`,
    noTemplate: 'nenhum template otimizado',
    kept: ' O job manteve o prompt original: nenhuma reescrita teve nota maior.',
    scores: ({ emulated, n, before, after }) => `Nota${emulated ? ' (emulada)' : ''} em ${n} amostras: ${before} → ${after}.`,
    col: {
      model: 'modelo',
      role: 'papel',
      status: 'status',
      originalScore: 'nota original',
      optimizedScore: 'nota otimizada',
      change: 'mudança',
      originalTokens: 'tokens de entrada (original)',
      optimizedTokens: 'tokens de entrada (otimizado)',
      originalTtft: 'ttft original (s)',
      optimizedTtft: 'ttft otimizado (s)',
      failure: 'falha',
    },
  },
};
