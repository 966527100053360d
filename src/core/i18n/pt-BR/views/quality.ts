/** Etapa 4: a checagem de sanidade e a calibração do juiz, o julgamento, as tabelas e gráficos de qualidade — português do Brasil. */
import type { quality as En } from '../../en/views/quality';

export const quality: typeof En = {
  metric: {
    correctness: 'correção',
    completeness: 'completude',
    faithfulness: 'fidelidade',
    following_instructions: 'seguir instruções',
    professional_style: 'estilo profissional',
    coherence: 'coerência',
    relevance: 'relevância',
    overall: 'geral',
  },
  sanity: {
    classification: ({ metric }) => `a tarefa é de classificação, decidida pelos rótulos (${metric}) — nenhum juiz é usado`,
    noReferences:
      'o dataset não tem respostas de referência, e é delas que as respostas de controle são feitas — a checagem não rodou (isso não diz nada sobre o juiz)',
    noJudge: 'nenhum modelo juiz pode ser usado (negado ou desconhecido na etapa 1) — a checagem não rodou',
    label: 'checagem de sanidade do juiz',
    notRun: ({ reason }) => `A checagem de sanidade do juiz não rodou: ${reason}.`,
    everyScore: ({ file }) => ` Todas as notas: ${file}.`,
    passed: ({ n, file }) =>
      `O juiz ordena as respostas de controle como deveria em todos os ${n} documento(s): referência > fato inventado > fora do assunto ≥ vazia, e a referência tira nota alta em fidelidade.${file}`,
    failed: ({ violations, file }) =>
      `O juiz NÃO ordena as respostas de controle como deveria — trate as notas dele com cuidado:\n${violations}\n${file}`,
    wrong: 'ERRADA',
    ok: 'ok',
    col: {
      judge: 'juiz',
      document: 'documento',
      reference: 'referência',
      invented: 'fato inventado',
      offTopic: 'fora do assunto',
      empty: 'vazia',
      referenceFaithfulness: 'fidelidade da referência',
      inventedFaithfulness: 'fidelidade do fato inventado',
      ranking: 'ordenação',
    },
  },
  calibration: {
    classification: ({ task, metric }) =>
      `a tarefa "${task}" é de classificação, decidida pelos rótulos (${metric}) — ela não usa juiz, então não há juiz para calibrar`,
    noSet: ({ file }) =>
      `não há conjunto de calibração em ${file} — restaure data/judge/calibration.csv do git, ou escreva um (data/judge/CALIBRATION.md)`,
    noJudge: 'nenhum modelo juiz pode ser usado (negado ou desconhecido na etapa 1)',
    someFailed: ({ failed, total, errors }) =>
      `${failed} de ${total} resposta(s) não puderam ser julgadas (${errors}) — ficam fora da concordância`,
    notRun: ({ reason }) => `A calibração do juiz não rodou: ${reason}.`,
    tooFew: ({ judge }) => `${judge}: poucas avaliações julgadas para medir a concordância.`,
    close: 'perto da pessoa',
    usable: 'dá para usar, mas leia as discordâncias',
    far: 'longe demais da pessoa para confiar só nas notas dele',
    na: 'n/d',
    hard: ({ n, kappa, alpha }) =>
      ` Sem as respostas fáceis, vazias e fora do assunto (${n} avaliações): kappa ${kappa}, alpha ${alpha} — é por esse número que se julga o juiz.`,
    summary: (p) =>
      `${p.judge} comparado às avaliações humanas: kappa ${p.kappa} (quadrático), alpha ${p.alpha} (ordinal), ${p.n} avaliações de ${p.answers} respostas em ${p.file} — ${p.words}.${p.hard}`,
    note: ({ reason }) => `Observação: ${reason}.`,
    col: {
      judgeModel: 'modelo juiz',
      metric: 'métrica',
      answers: 'respostas',
      kappa: 'kappa (quadrático)',
      alpha: 'alpha (ordinal)',
      exact: 'acerto exato',
      withinOne: 'até 1 ponto',
      difference: 'juiz − pessoa',
      answer: 'resposta',
      quality: 'qualidade',
      human: 'pessoa',
      judge: 'juiz',
      judgeSays: 'o juiz diz',
    },
  },
  run: {
    judgeBlocked: ({ judge, status, message }) => `o juiz ${judge} está "${status}" na etapa 1 (${message})`,
    classification: ({ task, metric }) => `a tarefa "${task}" é de classificação, decidida pelos rótulos (${metric}), não por um juiz`,
    noJudgeCalled: ({ reason }) => `${reason}: nenhum juiz é chamado.`,
    notCalled: ({ reason }) =>
      `${reason} — não chamado; as métricas de referência ainda são calculadas. Como resolver: habilite o modelo juiz (ou escolha outro em judge.models) e rode os notebooks 01 e 04 de novo.`,
    skipped: ({ model, variant, reason }) =>
      `${model}${variant ? ` (prompt ${variant === 'optimized' ? 'otimizado' : variant})` : ''}: pulado — ${reason}`,
    label: ({ model, variant }) => `julgando ${model}${variant ? ` (prompt ${variant === 'optimized' ? 'otimizado' : variant})` : ''}`,
    referenceOnly: ({ problems }) => `${problems} — só métricas de referência`,
    notJudged: ({ missing, total, judgeErrors, failed, log }) =>
      `${missing} de ${total} não julgadas (${judgeErrors} erro(s) do juiz ou respostas ilegíveis, ${failed} chamada(s) da etapa 3 com falha) — veja ${log}`,
    message: ({ n, resumed }) => `${n} julgamento(s)${resumed ? `, ${resumed} retomado(s) do checkpoint` : ''}`,
    optimizedMessage: ({ n, resumed }) => `${n} julgamento(s), ${resumed} retomado(s)`,
  },
  variants: {
    noJudged: 'nenhuma resposta julgada',
    sameDocuments: 'os mesmos documentos; a etapa 5 testa a diferença (pareada)',
  },
  labels: {
    noMatch: 'nenhuma resposta corresponde a uma linha rotulada do dataset atual',
  },
  highlights: {
    caughtFact: 'o fato que o juiz pegou',
    ignoredInstruction: 'a instrução ignorada',
    truncated: 'cortada em maxTokens',
    notJudged: 'não julgada',
    na: 'n/d',
    col: {
      what: 'o quê',
      model: 'modelo',
      document: 'documento',
      metricScore: 'métrica: nota',
      reason: 'motivo do juiz',
      answer: 'resposta',
    },
  },
  charts: {
    metrics: 'Notas do juiz por métrica (0–1, IC 95%)',
    meanScore: 'nota normalizada média',
    radar: 'Perfil de qualidade por modelo',
    overall: 'Nota geral do juiz por resposta (0–1)',
  },
  ranking: {
    where: ({ judge, document }) => `${judge}, documento ${document}`,
    noScore: 'sem nota',
    referenceUnfaithful: ({ where, score, floor }) =>
      `${where}: a referência tirou ${score} em fidelidade, abaixo de ${floor} — um resumo humano fiel foi julgado infiel`,
    inventedNotBelow: ({ where, invented, reference }) =>
      `${where}: a resposta com um fato inventado tirou ${invented} no geral, não abaixo da referência (${reference})`,
    notPenalised: ({ where, invented, reference }) =>
      `${where}: o fato inventado não foi penalizado (fidelidade ${invented} vs referência ${reference})`,
    offTopicNotBelow: ({ where, offTopic, invented }) =>
      `${where}: a resposta fora do assunto tirou ${offTopic} no geral, não abaixo da resposta com fato inventado (${invented})`,
    emptyAbove: ({ where, empty, offTopic }) =>
      `${where}: a resposta vazia tirou ${empty} no geral, acima da fora do assunto (${offTopic})`,
  },
};
