/** The session: the configuration summary, the backend's banner and label, progress lines (English). */
export const runs = {
  config: {
    file: ({ file, overrides }: { file: string; overrides: string }) =>
      `Configuration: ${file}${overrides ? ` (overridden by ${overrides})` : ''}`,
    replaying: ({ cassette, unmatched }: { cassette: string; unmatched: 'error' | 'emulate' }) =>
      ` — replaying the cassette ${cassette} (calls it lacks: ${unmatched === 'error' ? 'refused' : 'emulated'})`,
    recording: ({ cassette }: { cassette: string }) => ` — recording into the cassette ${cassette}`,
    backend: ({ backend, mode, region, task }: { backend: string; mode: string; region: string; task: string }) =>
      `• backend: ${backend}${mode} · region: ${region} · task: ${task}`,
    dataset: ({ path, document, reference }: { path: string; document: string; reference: string }) =>
      `• dataset: ${path} (document column "${document}", reference column "${reference}")`,
    source: ({ model, recorded }: { model: string; recorded: boolean }) =>
      `• source model: ${model} (${recorded ? 'answers recorded in the dataset' : 'called on Bedrock'})`,
    candidates: ({ models }: { models: string }) => `• candidates: ${models}`,
    benchmark: (p: { invocations: string; experiments: string; parallel: string; streaming: boolean; timeout: string; attempts: string }) =>
      `• benchmark: ${p.invocations} invocation(s) × ${p.experiments} experiment(s), ${p.parallel} in parallel, ${p.streaming ? 'streaming' : 'non-streaming'}, timeout ${p.timeout}s, ${p.attempts} attempt(s)`,
    judge: ({ models }: { models: string }) => `• judge: ${models}`,
  },
  backend: {
    billed: ({ region, endpoint }: { region: string; endpoint: string | null }) =>
      `AWS — real Amazon Bedrock in ${region}${endpoint ? ` via ${endpoint}` : ''}. Calls are billed to your account.`,
    recording: ({ cassette, folder }: { cassette: string; folder: string }) =>
      ` RECORDING every call into the cassette "${cassette}" (${folder}): replay it offline with LOCAL_BEDROCK_REPLAY=${folder} (docs/record-replay.md).`,
    awsLabel: ({ region }: { region: string }) => `Amazon Bedrock, ${region}`,
    faults: ({ throttling, server, timeouts }: { throttling: string; server: string; timeouts: string }) =>
      `, injected faults: throttling ${throttling}, server errors ${server}, timeouts ${timeouts}`,
    replayStandIn: ({ endpoint, from }: { endpoint: string; from: string }) =>
      `a recording made through the aws backend via ${endpoint} (standing in for Amazon Bedrock) on ${from}`,
    replayAws: ({ from, to }: { from: string; to: string | null }) => `a recording made on AWS on ${from}${to ? ` to ${to}` : ''}`,
    otherDataset: ({ recorded, now, emulate }: { recorded: string; now: string; emulate: boolean }) =>
      ` Warning: the cassette was recorded on another dataset (${recorded}, other content than ${now} now): calls on documents it lacks are ${emulate ? 'emulated' : 'refused'}.`,
    cassette: ({
      name,
      calls,
      models,
      region,
      from,
      to,
    }: {
      name: string;
      calls: string;
      models: string;
      region: string;
      from: string | null;
      to: string | null;
    }) =>
      `cassette "${name}": ${calls} calls of ${models} model(s) in ${region}, ${!from ? 'nothing recorded yet' : from === to ? `recorded on ${from}` : `recorded ${from} to ${to}`}`,
    replayed: ({ where, cassette, folder, url }: { where: string; cassette: string; folder: string; url: string }) =>
      `REPLAYED from ${where} — ${cassette} (${folder}), served offline by the local endpoint at ${url}. `,
    replayPace: ({ scale }: { scale: string | null }) =>
      `Answers are the recorded ones; latencies are the recorded ones${scale === null ? '' : `, paced at ${scale}× (latency scale)`} — one run at one time of day, not measured now. `,
    replayEmulated:
      'Calls the cassette lacks are answered by the EMULATOR (rows say "+emulated"): those answers and latencies are emulated.',
    replayRefused: 'A call the cassette lacks fails with an error naming it.',
    replayLabel: ({ standIn, from, cassette, emulate }: { standIn: boolean; from: string; cassette: string; emulate: boolean }) =>
      `REPLAYED — recorded ${standIn ? 'via a stand-in endpoint' : 'on AWS'} on ${from} (cassette ${cassette})${emulate ? ', gaps emulated' : ''}`,
    offline: ({ url, seed, scale, faults }: { url: string; seed: string; scale: string; faults: string }) =>
      `OFFLINE — local emulated Bedrock endpoint at ${url} (seed ${seed}, latency scale ${scale}${faults}). Latencies and answers are emulated: use them to learn the workflow, not to choose a model.`,
    offlineLabel: 'OFFLINE — emulated by the local endpoint, not real Bedrock figures',
  },
  progress: {
    errors: ({ n }: { n: string }) => `errors ${n}`,
    resumed: ({ n }: { n: string }) => `resumed ${n}`,
    doneIn: ({ time }: { time: string }) => `done in ${time}`,
    left: ({ time }: { time: string }) => `~${time} left`,
    setAside: ({ label, reasons }: { label: string; reasons: string }) =>
      `${label}: set aside ${reasons} — measuring again with the current set-up.`,
    setAsideRows: ({ n, changes }: { n: string; changes: string }) => `${n} row(s) from another set-up (${changes})`,
    earlierSetUp: 'an earlier set-up',
    none: '(none)',
  },
  eventLoop: {
    busy: ({ p99, threshold }: { p99: string; threshold: string }) =>
      `⚠️ The client was busy: event-loop delay p99 ${p99} ms > ${threshold} ms. Measured latencies include time spent waiting in this process — lower num_parallel_calls or use a bigger machine before trusting small differences.`,
    healthy: ({ p99, threshold }: { p99: string; threshold: string }) =>
      `Client healthy: event-loop delay p99 ${p99} ms (threshold ${threshold} ms).`,
  },
  results: {
    noResults: ({ step, variant, notebook }: { step: string; variant: string | null; notebook: string }) =>
      `no ${step} results recorded for this model${variant ? ` with its ${variant} prompt` : ''} — run notebook ${notebook} first`,
    missingFile: ({ step, file, notebook }: { step: string; file: string; notebook: string }) =>
      `the ${step} result file ${file} is missing — re-run notebook ${notebook}`,
    noOptimized: 'no optimized prompt recorded — run notebook 02 (section 2.3) first',
    optimization: ({ status, message }: { status: string; message: string }) =>
      `prompt optimization: ${status}${message ? ` (${message})` : ''}`,
    emptyTemplate: 'prompt_optimized_status is optimized but prompt_optimized_template is empty — re-run notebook 02',
    missingTemplate: ({ template }: { template: string }) =>
      `the optimized template ${template} is missing — re-run notebook 02 (section 2.3)`,
  },
};
