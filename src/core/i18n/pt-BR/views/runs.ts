/** A sessão: o resumo da configuração, o banner e o rótulo do backend, as linhas de progresso — português do Brasil. */
import type { runs as En } from '../../en/views/runs';

export const runs: typeof En = {
  config: {
    file: ({ file, overrides }) => `Configuração: ${file}${overrides ? ` (sobrescrita por ${overrides})` : ''}`,
    replaying: ({ cassette, unmatched }) =>
      ` — reproduzindo o cassete ${cassette} (chamadas que faltam nele: ${unmatched === 'error' ? 'recusadas' : 'emuladas'})`,
    recording: ({ cassette }) => ` — gravando no cassete ${cassette}`,
    backend: ({ backend, mode, region, task }) => `• backend: ${backend}${mode} · região: ${region} · tarefa: ${task}`,
    dataset: ({ path, document, reference }) =>
      `• dataset: ${path} (coluna do documento "${document}", coluna da referência "${reference}")`,
    source: ({ model, recorded }) => `• modelo de origem: ${model} (${recorded ? 'respostas gravadas no dataset' : 'chamado no Bedrock'})`,
    candidates: ({ models }) => `• candidatos: ${models}`,
    benchmark: (p) =>
      `• benchmark: ${p.invocations} invocação(ões) × ${p.experiments} experimento(s), ${p.parallel} em paralelo, ${p.streaming ? 'com streaming' : 'sem streaming'}, timeout de ${p.timeout} s, ${p.attempts} tentativa(s)`,
    judge: ({ models }) => `• juiz: ${models}`,
  },
  backend: {
    billed: ({ region, endpoint }) =>
      `AWS — Amazon Bedrock de verdade em ${region}${endpoint ? ` via ${endpoint}` : ''}. As chamadas são cobradas na sua conta.`,
    recording: ({ cassette, folder }) =>
      ` GRAVANDO cada chamada no cassete "${cassette}" (${folder}): reproduza offline com LOCAL_BEDROCK_REPLAY=${folder} (docs/record-replay.md).`,
    awsLabel: ({ region }) => `Amazon Bedrock, ${region}`,
    faults: ({ throttling, server, timeouts }) =>
      `, falhas injetadas: throttling ${throttling}, erros de servidor ${server}, timeouts ${timeouts}`,
    cassette: ({ name, calls, models, region, from, to }) =>
      `cassete "${name}": ${calls} chamadas de ${models} modelo(s) em ${region}, ${!from ? 'nada gravado ainda' : from === to ? `gravado em ${from}` : `gravado de ${from} a ${to}`}`,
    replayStandIn: ({ endpoint, from }) => `uma gravação feita pelo backend aws via ${endpoint} (no lugar do Amazon Bedrock) em ${from}`,
    replayAws: ({ from, to }) => `uma gravação feita na AWS em ${from}${to ? ` a ${to}` : ''}`,
    otherDataset: ({ recorded, now, emulate }) =>
      ` Atenção: o cassete foi gravado com outro dataset (${recorded}, conteúdo diferente do ${now} atual): as chamadas de documentos que faltam nele são ${emulate ? 'emuladas' : 'recusadas'}.`,
    replayed: ({ where, cassette, folder, url }) =>
      `REPRODUZIDO de ${where} — ${cassette} (${folder}), servido offline pelo endpoint local em ${url}. `,
    replayPace: ({ scale }) =>
      `As respostas são as gravadas; as latências também${scale === null ? '' : `, no ritmo ${scale}× (latency scale)`} — uma execução, num horário do dia, não medida agora. `,
    replayEmulated:
      'As chamadas que faltam no cassete são respondidas pelo EMULADOR (as linhas dizem "+emulated"): essas respostas e latências são emuladas.',
    replayRefused: 'Uma chamada que falta no cassete falha com um erro que diz qual é.',
    replayLabel: ({ standIn, from, cassette, emulate }) =>
      `REPRODUZIDO — gravado ${standIn ? 'via um endpoint substituto' : 'na AWS'} em ${from} (cassete ${cassette})${emulate ? ', lacunas emuladas' : ''}`,
    offline: ({ url, seed, scale, faults }) =>
      `OFFLINE — endpoint local que emula o Bedrock em ${url} (seed ${seed}, latency scale ${scale}${faults}). Latências e respostas são emuladas: use-as para aprender o fluxo, não para escolher um modelo.`,
    offlineLabel: 'OFFLINE — emulado pelo endpoint local, não são números reais do Bedrock',
  },
  progress: {
    errors: ({ n }) => `erros ${n}`,
    resumed: ({ n }) => `retomadas ${n}`,
    doneIn: ({ time }) => `concluído em ${time}`,
    left: ({ time }) => `faltam ~${time}`,
    setAside: ({ label, reasons }) => `${label}: deixei de lado ${reasons} — medindo de novo com a configuração atual.`,
    setAsideRows: ({ n, changes }) => `${n} linha(s) de outra configuração (${changes})`,
    earlierSetUp: 'uma configuração anterior',
    none: '(nenhum)',
  },
  eventLoop: {
    busy: ({ p99, threshold }) =>
      `⚠️ O cliente estava ocupado: atraso do event loop p99 ${p99} ms > ${threshold} ms. As latências medidas incluem tempo de espera neste processo — reduza num_parallel_calls ou use uma máquina maior antes de confiar em diferenças pequenas.`,
    healthy: ({ p99, threshold }) => `Cliente saudável: atraso do event loop p99 ${p99} ms (limite ${threshold} ms).`,
  },
  results: {
    noResults: ({ step, variant, notebook }) =>
      `nenhum resultado da ${step.replace('step-', 'etapa ')} registrado para este modelo${variant ? ` com o prompt ${variant === 'optimized' ? 'otimizado' : variant}` : ''} — rode o notebook ${notebook} antes`,
    missingFile: ({ step, file, notebook }) =>
      `o arquivo de resultados da ${step.replace('step-', 'etapa ')}, ${file}, não existe — rode o notebook ${notebook} de novo`,
    noOptimized: 'nenhum prompt otimizado registrado — rode o notebook 02 (seção 2.3) antes',
    optimization: ({ status, message }) => `otimização de prompt: ${status}${message ? ` (${message})` : ''}`,
    emptyTemplate: 'prompt_optimized_status é optimized mas prompt_optimized_template está vazio — rode o notebook 02 de novo',
    missingTemplate: ({ template }) => `o template otimizado ${template} não existe — rode o notebook 02 (seção 2.3) de novo`,
  },
};
