/**
 * As frases da etapa 5 (português do Brasil): a recomendação, as ressalvas, as notas do
 * ranking, o que falta ou falhou, a coluna `recommendation` do CSV de acompanhamento e os
 * destaques. Mesmas chaves de `../en/compare-decide.ts`.
 */
import type { decisionSentences as En } from '../en/compare-decide';

export const decisionSentences: typeof En = {
  decide: {
    batchLatency: 'não medida — inferência em batch',
    emulatedOffline: ' (emulada offline)',
    primary: (p) =>
      `${p.metric} ${p.candidate} vs ${p.source} em ${p.n} itens pareados (diferença ${p.diff}, IC 95% pareado de ${p.lower} a ${p.upper}; margem de não inferioridade ${p.margin}: ${p.test}, p-value unilateral ${p.p}, ajustado por Holm sobre ${p.k} candidato(s) ${p.pHolm}${p.mcnemar !== null ? `; p-value exato de McNemar ${p.mcnemar}` : ''})`,
    latencyBatch: (p) => `latência ${p.batch}${p.note}: um job de batch não informa latência, então nenhuma é comparada`,
    latencySourceBatch: (p) => `latência não comparada: as respostas do modelo de origem vieram de inferência em batch (${p.batch})`,
    latencyNotMeasured: 'latência: não medida',
    latency: (p) =>
      `latência mediana ${p.candidate} ms vs ${p.source} ms (${p.change}); pareada em ${p.n} itens, diferença mediana ${p.diff} ms (IC 95% de ${p.lower} a ${p.upper}), p-value do Wilcoxon signed-rank ${p.p}, ajustado por Holm ${p.pHolm}: ${p.verdict}`,
    budget: (p) => `um orçamento mensal de ${p.usd} para ${p.requests} requisições`,
    p90: (p) => `latência P90 ≤ ${p.ms} ms`,
    minimum: (p) => `${p.metric} ≥ ${p.value}`,
    weights: (p) => `pesos: qualidade ${p.quality}, latência ${p.latency}, custo ${p.cost}`,
    requestsAMonth: (p) => `${p.requests} requisições por mês`,
    noBudget: 'sem orçamento mensal',
    budgetSetting: (p) => `orçamento mensal ${p.usd}`,
    noP90: 'sem meta de latência P90',
    noMinimum: (p) => `sem mínimo de ${p.metric}`,
    budgetUnknown: (p) => `custo mensal desconhecido, então não dá para conferir o orçamento de ${p.budget}`,
    overBudget: (p) => `${p.monthly} por mês, acima do orçamento de ${p.budget}`,
    p90Unknown: (p) => `latência P90 ${p.why}, então não dá para conferir a meta de ${p.target} ms`,
    aboveP90: (p) => `latência P90 de ${p.p90} ms, acima da meta de ${p.target} ms`,
    minimumUnknown: (p) => `${p.metric} não medida, então não dá para conferir o mínimo de ${p.min}`,
    belowMinimum: (p) => `${p.metric} ${p.value}, abaixo do mínimo de ${p.min}`,
    noCandidateCall:
      'Nenhum candidato teve uma chamada bem-sucedida ainda: não há o que recomendar. Confira o acesso aos modelos (etapa 1) e rode as etapas 3 e 4 de novo.',
    theSource: (p) => `o modelo de origem (${p.model})`,
    anyCandidate: 'nenhum candidato',
    qualityNotMeasured: (p) =>
      `A qualidade não foi medida para ${p.who} — a etapa 4 não produziu ${p.metric} (o quality_status e as ressalvas abaixo dizem por quê, por exemplo um modelo juiz negado na etapa 1): nenhuma recomendação pode se apoiar na qualidade. Latência e custo estão comparados abaixo; rode a etapa 4 de novo quando o juiz responder.`,
    noneNonInferior: (p) =>
      `Nenhum candidato se mostrou não inferior a ${p.source} em ${p.metric} dentro de uma margem de ${p.margin} (testes pareados, corrigidos por Holm sobre ${p.k} candidato(s)): fique com o modelo de origem, ou junte mais evidência antes de migrar.`,
    noneWithinConstraints: (p) =>
      `Nenhum candidato atende às suas restrições (${p.constraints}) entre os que se mostraram não inferiores a ${p.source} em ${p.metric} dentro de ${p.margin}: ${p.models}. Fique com o modelo de origem, ou afrouxe uma restrição.`,
    recommended: (p) =>
      `Recomendado: ${p.model}. Na métrica principal da tarefa, ele não é pior que ${p.source} dentro de ${p.margin}: ${p.evidence}.`,
    pickedOnMetric: (p) =>
      `Escolhido só por ${p.metric} (a maior diferença pareada): nenhum candidato não inferior tem nota composta — ${p.notes}.`,
    speed: (p) => `Velocidade: ${p.latency}.`,
    cost: (p) =>
      `Custo${p.batch ? ' (pelo preço de batch)' : ''}: ${p.per1k} por 1.000 requisições vs ${p.sourcePer1k} (${p.share} do modelo de origem), cerca de ${p.monthly} vs ${p.sourceMonthly} por mês com ${p.requests} requisições.`,
    batchPriceUnknown: ' (preço de batch desconhecido)',
    costUnknown: (p) =>
      `Custo: desconhecido — não há preço conhecido para ${p.models} (data/model_catalog.json), então não dá para comparar o custo.`,
    alsoNonInferior: (p) => `Também não inferior(es) em ${p.metric}${p.constrained ? ' e dentro das suas restrições' : ''}: ${p.models}.`,
    yourConstraints: (p) =>
      `Suas restrições: ${p.constraints}. ${p.outside ? `Fora delas (por isso sem recomendação, sem posição no ranking e fora da fronteira de Pareto): ${p.outside}.` : 'Todos os modelos avaliados atendem a elas.'}`,
    theSourceTag: ' (o modelo de origem)',
    batchAnswers: (p) =>
      `As respostas de ${p.models} vieram de inferência em batch do Bedrock (${p.emulated ? 'EMULADA offline pelo endpoint local' : 'importadas de jobs de batch do Bedrock'}): foram julgadas, e custeadas pelo preço de batch quando o catálogo tem um, mas um job de batch não informa latência — latência ${p.latency}, então ${p.plural ? 'eles ficam' : 'ele fica'} fora do ranking enquanto a latência tiver peso (defina compare.weights.latency como 0 para ranquear por qualidade e custo).`,
    pareto: (p) =>
      `Pareto-ótimo(s) em qualidade, latência e custo${p.constrained ? ' entre os modelos que atendem às suas restrições' : ''} (nenhum outro modelo é pelo menos tão bom nos três e estritamente melhor em um): ${p.models}.`,
    notAsGood: (p) => `Sem evidência de ser tão bom quanto o modelo de origem em ${p.metric}: ${p.models}.`,
    noVerdict: (p) => `Sem veredito em ${p.metric} para ${p.models}.`,
    smallSample: (p) =>
      `Amostra pequena: apenas ${p.n} chamadas bem-sucedidas por modelo, no mínimo — os intervalos são largos; uma decisão de produção pede mais chamadas, em vários dias.`,
    detectable: (p) =>
      `O que este n consegue mostrar: com estes itens e a variação deles, uma diferença real menor que cerca de ${p.low}–${p.high} em ${p.metric} (margem incluída) em geral passaria despercebida (poder de 80%, unilateral a 2,5%) — "não se mostrou não inferior" não é o mesmo que "se mostrou pior".`,
    winnersCurse: (p) =>
      `O modelo recomendado foi escolhido como o melhor de ${p.k} candidatos não inferiores: a vantagem dele nesta amostra provavelmente está um pouco otimista (a maldição do vencedor) — confirme com documentos novos antes de migrar.`,
    offline:
      'OFFLINE: as respostas vêm de modelos emulados com hábitos inventados (docs/local-endpoint.md), as latências são emuladas a partir de números publicados e a qualidade vem de um juiz heurístico — estes resultados ensinam o fluxo de trabalho; eles não descrevem os modelos de verdade e não servem de base para escolher um.',
    replayed: (p) =>
      `REPRODUZIDO: respostas, julgamentos e latências vêm de uma gravação (cassete "${p.cassette}", feita em ${p.recordedOn}), reproduzida offline — uma execução num horário do dia, não medida agora${p.emulator ? '; as chamadas que faltavam no cassete foram respondidas pelo emulador' : ''}.`,
    scope: (p) =>
      `Uma região (${p.region}) e um dataset (${p.dataset})${p.generation ? '; um LLM-as-a-judge não consegue checar fatos que não estão no documento' : ''}.`,
    missing: (p) => `${p.model}: ${p.missing}.`,
    failures: (p) =>
      `Falhas em ${p.model}: ${p.failures} — os números dele se apoiam no restante (o log da etapa 3 e o arquivo de resultados da etapa 4 dizem cada erro).`,
    costUnknownCaveat: (p) =>
      `Custo desconhecido para ${p.models}: o catálogo de modelos não tem preço para ele (data/model_catalog.json), então o custo aparece como desconhecido — nunca 0.`,
    batchCostUnknownCaveat: (p) =>
      `Custo desconhecido para ${p.models}: preço de batch desconhecido — o catálogo não tem preço de batch para ele (pricing.batch em data/model_catalog.json; confira se o Bedrock oferece o modelo em batch), então o custo aparece como desconhecido — nunca 0, e nunca o preço on-demand.`,
  },
  ranking: {
    notRanked: 'fora do ranking',
    leftOut: (p) =>
      `${p.criterion} fora da nota composta: o modelo de origem (${p.source}) tem ${p.zero ? `${p.criterion} igual a 0` : `${p.criterion} sem valor`}, então nenhum modelo pode ser medido contra ele`,
    noCriterion: 'nenhum critério com peso pode ser medido contra o modelo de origem',
    unknown: (p) => `sem valor de ${p.criteria}`,
    notOnFront: (p) => `fora da fronteira de Pareto: sem valor de ${p.criteria}, então não dá para comparar nos três critérios`,
    excluded: (p) => `excluído pelas restrições da decisão (${p.why}): fora do ranking e da fronteira de Pareto`,
    shared: (p) => `Ranking: ${p.note}.`,
    ofModel: (p) => `${p.model}: ${p.note}.`,
  },
  evidence: {
    step3: (p) => `etapa 3 (latência): ${p.reason}`,
    step4: (p) => `etapa 4 (qualidade): ${p.reason}`,
    noJudged: (p) => `etapa 4 (qualidade): nenhuma resposta julgada${p.why ? ` — ${p.why}` : ''}`,
    noSuccess: 'etapa 3: nenhuma chamada bem-sucedida',
    unreadable: 'não deu para ler a resposta do juiz',
    judgeFailed: 'a chamada ao juiz falhou',
    calls: (p) => `etapa 3: ${p.failed} de ${p.of} chamadas falharam${p.reasons ? ` (${p.reasons})` : ''}`,
    judgements: (p) => `etapa 4: ${p.failed} de ${p.of} julgamentos falharam${p.reasons ? ` (${p.reasons})` : ''}`,
  },
  noVerdictReason: {
    noCall: (p) => `nenhuma chamada bem-sucedida na etapa 3${p.missing}${p.also}`,
    noMetric: (p) => `nenhum ${p.metric} medido${p.missing}${p.also}`,
    sourceHasNone: (p) =>
      `o modelo de origem não tem ${p.metric} para comparar${p.sourceFailed ? ` (no modelo de origem, ${p.sourceFailed})` : ''}`,
    fewPairs: (p) =>
      `${p.n} ${p.n === 1 ? 'item pareado' : 'itens pareados'} (documentos com ${p.metric} tanto para este modelo quanto para o de origem); o teste precisa de pelo menos ${p.min}${p.also}`,
    noP: (p) => `o teste não deu p-value em ${p.n} itens pareados (${p.test})${p.also}`,
    noTest: 'sem teste',
  },
  recommendationColumn: {
    notEvaluated: (p) => `não avaliado — ${p.why}`,
    noSuccessfulCall: 'nenhuma chamada bem-sucedida',
    source: (p) => `origem (linha de base): ${p.metric} ${p.value}`,
    notComparable: (p) => `não recomendado — não deu para comparar ${p.metric} com o modelo de origem: ${p.why}`,
    recommended: (p) => `recomendado — ${p.why}`,
    notNonInferior: (p) => `não recomendado: não se mostrou não inferior — ${p.why}`,
    outsideConstraints: (p) => `não recomendado: não inferior, mas fora das restrições (${p.unmet}) — ${p.why}`,
    alternative: (p) => `alternativa não inferior — ${p.why}`,
  },
  highlights: {
    cheaper: (p) => `Não inferiores em ${p.metric} e mais baratos que o modelo de origem: ${p.models}.`,
    cheaperItem: (p) => `${p.model} (${p.share} do custo por requisição dele)`,
    notCheaper: (p) => `Não inferiores em ${p.metric}, mas não mais baratos: ${p.models}.`,
    noneNonInferior: (p) =>
      `Nenhum candidato se mostrou não inferior em ${p.metric}: com estes itens, nenhum pode substituir o modelo de origem ainda.`,
    figures: (p) => `diferença pareada média ${p.diff}, intervalo de 95% de ${p.range}, p-value ajustado por Holm ${p.p}`,
    below: (p) =>
      `Não se mostrou não inferior: ${p.model} — ${p.figures}. O intervalo inteiro fica abaixo de −${p.margin}: nestes itens ele é pior que o modelo de origem por mais que a margem.`,
    reaches: (p) =>
      `Não se mostrou não inferior: ${p.model} — ${p.figures}. O intervalo desce abaixo de −${p.margin} (a margem): ele pode ser pior assim, ou não — "não se mostrou não inferior" não é o mesmo que "se mostrou pior". Leia as respostas com as notas mais baixas na etapa 4.`,
    above: (p) =>
      `Não se mostrou não inferior: ${p.model} — ${p.figures}. O intervalo fica acima de −${p.margin}, mas o teste pareado, corrigido para ${p.k} candidatos, não passa de 0,025: com tão poucos itens, uma resposta ruim pesa muito. Leia as respostas com as notas mais baixas na etapa 4; mais documentos resolveriam a dúvida.`,
    bestOn: (p) => `${p.model} em ${p.criterion}`,
    tradeOff: (p) =>
      `Um trade-off que os seus pesos decidem: ${p.front} são todos não inferiores e cada um é melhor que o(s) outro(s) em alguma coisa — o melhor: ${p.best}. Com os seus pesos (qualidade ${p.quality}, latência ${p.latency}, custo ${p.cost}) a recomendação é ${p.recommended}; mude settings.weights e rode de novo para ver a recomendação mudar.`,
    noTradeOff: (p) =>
      `Sem trade-off: ${p.model} é pelo menos tão bom quanto os outros candidatos não inferiores em qualidade, custo e latência — qualquer peso escolhe ele.`,
    onlyOne: 'Só um candidato se mostrou não inferior: os pesos não conseguem mudar a recomendação.',
    zeroWidth: (p) =>
      `${p.model} teve exatamente a mesma nota que o modelo de origem em todos os itens (um intervalo pareado de largura zero): não há o que testar — as respostas eram idênticas?`,
  },
};
