/**
 * O relatório: página HTML, app de what-if, PDF — português do Brasil. Mesmas chaves de `../en/report.ts`.
 * Chaves terminadas em `Html` devolvem markup: os parâmetros já chegam escapados.
 */
import type { report as En } from '../en/report';

export const report: typeof En = {
  title: (p) => `Relatório de migração de modelos — ${p.task}`,
  offlineBackend: 'OFFLINE — endpoint local emulado',
  bedrockBackend: (p) => `Amazon Bedrock (${p.region})`,
  charts: {
    latencyDistribution: {
      title: 'Distribuição da latência por modelo',
      howToRead:
        'A linha dentro de cada caixa é a mediana; a caixa contém a metade do meio das chamadas; os pontos são chamadas individuais. Caixas mais baixas são mais rápidas; caixas mais curtas, mais previsíveis.',
    },
    latencyPercentiles: {
      title: 'Latência P50 e P90',
      howToRead:
        'O P50 é a chamada típica; o P90, aquela lenta em cada dez que o usuário lembra; a distância entre os dois é o preço do "dia ruim". O tempo até o primeiro token é o que o usuário de um chat sente.',
    },
    qualityMetrics: {
      title: 'Qualidade por métrica',
      howToRead:
        'Nota média do juiz por métrica numa escala de 0 a 1, com intervalos de confiança de 95%. Onde o intervalo de um candidato fica claramente abaixo do intervalo do modelo de origem, ele é mais fraco nessa métrica.',
    },
    qualityRadar: {
      title: 'Perfil de qualidade',
      howToRead:
        'Cada modelo é uma forma; quanto mais para fora, melhor. Uma forma que afunda num eixo revela uma fraqueza que a média esconde.',
    },
    costQuality: {
      title: 'Custo vs qualidade, e a fronteira de Pareto',
      howToRead:
        'Para cima é mais qualidade, para a esquerda é mais barato (escala log), marcadores maiores são mais lentos. Os modelos na fronteira de Pareto pontilhada são aqueles que nenhum outro modelo iguala ou supera em qualidade, latência e custo ao mesmo tempo sendo estritamente melhor em um; o marcador laranja é o modelo de origem.',
    },
    promptVariants: {
      title: 'Prompt da tarefa vs prompt otimizado',
      howToRead:
        'Cada par de barras é um candidato nos mesmos documentos: a métrica principal da tarefa com o prompt da tarefa e com o prompt otimizado da etapa 2. Uma barra otimizada mais alta ainda não quer dizer um prompt melhor — a tabela acima diz se o teste pareado achou uma mudança, e quanto cada prompt custa por chamada.',
    },
  },
  variantsCaption: (p) =>
    `Por candidato: a métrica principal da tarefa com o prompt da tarefa e com o prompt otimizado da etapa 2, nos mesmos documentos (teste pareado, bilateral), o custo por chamada de cada um, e a variante comparada com o modelo de origem (${p.source}) — ${p.label}`,
  page: {
    metaHtml: (p) =>
      `Backend: <b>${p.backend}</b> · dataset: ${p.dataset} · modelo de origem: ${p.source} · modelos: ${p.models} · execução: ${p.run}`,
    offlineBanner:
      '⚠️ Resultados OFFLINE: respostas e latências são emuladas (hábitos de modelo inventados) e a qualidade vem de um juiz heurístico. Eles mostram o fluxo de trabalho, não os modelos de verdade — não servem de base para escolher um.',
    recommendation: 'Recomendação',
    caveats: 'O que os dados não conseguem dizer',
    sideBySide: 'Lado a lado',
    sideBySideCaption: (p) =>
      `Cada modelo contra o modelo de origem (${p.source}): latência, a métrica principal da tarefa com o intervalo pareado e o teste de não inferioridade, custo e o ranking`,
    deploymentOptions: 'Opções de deployment',
    promptVariants: 'Prompt da tarefa vs prompt otimizado',
    charts: 'Gráficos',
    howToRead: 'Como ler:',
    tracking: 'Acompanhamento da avaliação (final)',
    trackingFile: 'O arquivo de acompanhamento',
    trackingCaption: (p) => `${p.file}: uma linha por modelo`,
    allColumnsHtml: (p) =>
      `Todas as ${p.n} colunas${p.file ? ` de ${p.file}` : ''}, uma linha por coluna (clique para abrir; o relatório impresso deixa essa parte de fora)`,
  },
  whatIf: {
    heading: 'E se? Decida com outras configurações',
    introHtml: (p) =>
      `Mexa num controle e esta página toma de novo a decisão da etapa 5, com o próprio código de ranking e de custo da etapa 5 (embutido na página, não reescrito para ela). <b>O que muda:</b> a recomendação acima e as ressalvas dela, as colunas <i>US$ / mês</i>, <i>nota composta</i>, <i>posição</i> e <i>Pareto</i> da tabela lado a lado, e o gráfico de custo vs qualidade com a fronteira de Pareto. Um modelo fora de uma restrição não é recomendado, não entra no ranking nem na fronteira. <b>O que não muda:</b> as medições, os testes pareados, os intervalos deles, os p-values ajustados por Holm e a não inferioridade na margem configurada (${p.margin}) — nada disso depende destas configurações, então tudo fica como o notebook 05 calculou — nem os outros gráficos, a tabela de opções de deployment (sobre a recomendação configurada, no volume configurado) ou a tabela de acompanhamento.`,
    weightsLegend: 'Quanto pesa cada critério (normalizado para somar 1)',
    volumeLegend: 'Volume e restrições (vazio = nenhuma)',
    requests: 'Requisições por mês',
    budget: 'Orçamento mensal, USD',
    p90: 'Meta de latência P90, ms',
    minimum: (p) => `Mínimo de ${p.metric} (0–1)`,
    placeholder: 'nenhum',
    reset: 'Voltar às configurações do arquivo',
    badRequests: 'as requisições por mês precisam ser um número inteiro ≥ 0',
    badBudget: 'o orçamento mensal precisa ser um número ≥ 0, ou ficar vazio',
    badP90: 'a meta de P90 precisa ser um número > 0, ou ficar vazia',
    badMinimum: (p) => `o mínimo de ${p.metric} precisa estar entre 0 e 1, ou ficar vazio`,
    notApplied: (p) => `Não aplicado: ${p.reasons}.`,
    notAppliedError: (p) => `Não aplicado: ${p.message}`,
    weightOut: (p) => `${p.weight} (${p.share})`,
    decidedWithConfigured: (p) => `Decidido com as configurações do arquivo: ${p.settings}.`,
    decidedWithYours: (p) => `E se — decidido com as suas configurações: ${p.settings}.`,
    noneValue: 'null (nenhum)',
    differHtml:
      '<b>E se:</b> estas configurações diferem das configuradas (workshop.config.json → <code>compare</code>, que o notebook 05 e o CSV de acompanhamento usaram):',
    pasteHtml:
      'Para decidir com elas de vez, cole este bloco no <code>workshop.config.json</code> (no lugar do <code>"compare"</code> dele) e rode o notebook 05 de novo:',
    copy: 'Copiar o bloco',
    copied: 'Copiado',
    copyRefused: 'Selecione o bloco e copie (o navegador recusou)',
    configuredHtml:
      'Estas são as configurações do arquivo (workshop.config.json → <code>compare</code>): a página mostra o que o notebook 05 decidiu.',
    noCandidate: 'nenhum candidato',
    otherRecommendation: (p) =>
      `As suas configurações recomendam ${p.yours}; esta tabela é sobre ${p.configured}, o que as configurações do arquivo recomendam (com os custos mensais no volume configurado). Rode o notebook 05 com as suas configurações para ver as opções de ${p.yours}.`,
  },
  pdf: {
    footerHtml:
      '<div style="font-size:8px;color:#6b7280;width:100%;text-align:center"><span class="title"></span> — página <span class="pageNumber"></span> de <span class="totalPages"></span></div>',
    chartAlt: 'gráfico',
  },
};
