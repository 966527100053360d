/** Etapa 3: execuções de latência, suas notas, tabelas e gráficos — português do Brasil. */
import type { latency as En } from '../../en/views/latency';

export const latency: typeof En = {
  recordedRow: ({ row }) => `a linha ${row} não tem resposta gravada`,
  recorded: 'latências gravadas no dataset',
  blocked: ({ status, message }) =>
    `o acesso ao modelo está "${status}" na etapa 1 (${message}) — resolva isso e rode o notebook 01 de novo`,
  runLabel: ({ model, variant }) => `${model}${variant ? ` (prompt ${variant === 'optimized' ? 'otimizado' : variant})` : ''}`,
  failedCalls: ({ failed, total, errors, log }) =>
    `${failed} de ${total} chamadas falharam (${errors}) — veja ${log}; rodar o notebook de novo refaz só essas`,
  skippedLine: ({ model, status, reason }) => `${model}: ${status} — ${reason}`,
  variantsTask: 'prompts.variants é "task": só o prompt da tarefa roda (mude para "both" para rodar também o prompt otimizado)',
  message: ({ resumed, made, setAside }) =>
    `${resumed ? `${resumed} chamada(s) retomada(s) do checkpoint, ${made} feita(s) agora` : `${made} chamada(s) feita(s)`}${setAside ? `; ${setAside} linha(s) do checkpoint de outra configuração deixada(s) de lado` : ''}`,
  optimizedMessage: ({ made, resumed, documents }) => `${made} chamada(s) feita(s), ${resumed} retomada(s), em ${documents} documento(s)`,
  options: {
    noDocuments: 'deploymentOptions.documents é 0',
    benchmarkNot: ({ status, reason }) =>
      `o benchmark dele está "${status}"${reason ? ` (${reason})` : ''}: nenhuma opção de deployment é testada`,
    skippedLine: ({ model, reason }) => `${model}: opções de deployment puladas — ${reason}`,
    runLabel: ({ model, option }) => `opções ${model} · ${option}`,
    emulated: ' (emulado)',
    cacheTokens: ({ read, write, hits, successes }) => `${read} / ${write} (média; ${hits}/${successes} chamadas leram o cache)`,
    col: {
      model: 'modelo',
      option: 'opção',
      status: 'status',
      calls: 'chamadas',
      p50: 'P50 ms',
      p90: 'P90 ms',
      ttft: 'TTFT P50 em ms',
      cache: 'tokens lidos / gravados no cache',
      note: 'observação',
    },
  },
  variants: {
    sameDocuments: 'os mesmos documentos, prompt da tarefa',
  },
  charts: {
    box: 'Latência total por modelo (ms)',
    latencyMs: 'latência (ms)',
    histogram: 'Distribuição da latência total',
    calls: 'chamadas',
    vsTokens: 'Latência vs tokens de entrada',
    inputTokens: 'tokens de entrada',
    point: ({ doc, exp, inv }) => `doc ${doc} · exp ${exp} · inv ${inv}`,
    bars: 'Latência média, mediana e P90 (ms)',
    mean: 'Média',
    median: 'Mediana',
    p90: 'P90',
  },
};
