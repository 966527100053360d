/** Step 3: latency runs, their notes, tables and charts (English). */
export const latency = {
  recordedRow: ({ row }: { row: string }) => `row ${row} has no recorded answer`,
  recorded: 'latencies recorded in the dataset',
  blocked: ({ status, message }: { status: string; message: string }) =>
    `model access is "${status}" in step 1 (${message}) — fix it and re-run notebook 01`,
  runLabel: ({ model, variant }: { model: string; variant: string | null }) => `${model}${variant ? ` (${variant} prompt)` : ''}`,
  failedCalls: ({ failed, total, errors, log }: { failed: string; total: string; errors: string; log: string }) =>
    `${failed} of ${total} calls failed (${errors}) — see ${log}; re-running the notebook retries only those`,
  skippedLine: ({ model, status, reason }: { model: string; status: string; reason: string }) => `${model}: ${status} — ${reason}`,
  variantsTask: 'prompts.variants is "task": only the task prompt runs (set it to "both" to run the optimized prompt too)',
  message: ({ resumed, made, setAside }: { resumed: string | null; made: string; setAside: string | null }) =>
    `${resumed ? `${resumed} call(s) resumed from the checkpoint, ${made} made now` : `${made} call(s) made`}${setAside ? `; ${setAside} checkpoint row(s) of another set-up set aside` : ''}`,
  optimizedMessage: ({ made, resumed, documents }: { made: string; resumed: string; documents: string }) =>
    `${made} call(s) made, ${resumed} resumed, on ${documents} document(s)`,
  options: {
    noDocuments: 'deploymentOptions.documents is 0',
    benchmarkNot: ({ status, reason }: { status: string; reason: string }) =>
      `its benchmark is "${status}"${reason ? ` (${reason})` : ''}: no deployment option is tried`,
    skippedLine: ({ model, reason }: { model: string; reason: string }) => `${model}: deployment options skipped — ${reason}`,
    runLabel: ({ model, option }: { model: string; option: string }) => `options ${model} · ${option}`,
    emulated: ' (emulated)',
    cacheTokens: ({ read, write, hits, successes }: { read: string; write: string; hits: string; successes: string }) =>
      `${read} / ${write} (mean; ${hits}/${successes} calls read the cache)`,
    /** Headings of `optionsMeasuredTable`. */
    col: {
      model: 'model',
      option: 'option',
      status: 'status',
      calls: 'calls',
      p50: 'P50 ms',
      p90: 'P90 ms',
      ttft: 'TTFT P50 ms',
      cache: 'cache read / write tokens',
      note: 'note',
    },
  },
  variants: {
    sameDocuments: 'the same documents, task prompt',
  },
  charts: {
    box: 'Total latency per model (ms)',
    latencyMs: 'latency (ms)',
    histogram: 'Distribution of total latency',
    calls: 'calls',
    vsTokens: 'Latency vs input tokens',
    inputTokens: 'input tokens',
    point: ({ doc, exp, inv }: { doc: string; exp: string; inv: string }) => `doc ${doc} · exp ${exp} · inv ${inv}`,
    bars: 'Mean, median and P90 latency (ms)',
    mean: 'Mean',
    median: 'Median',
    p90: 'P90',
  },
};
