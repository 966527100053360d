/**
 * Step 5's tables and charts (English): the side-by-side table, the prompt variants, the
 * deployment options, and the charts' titles, axes, legends and hover text. Part of the
 * `compare` area (`./compare.ts`); the pt-BR twin is `../pt-BR/compare-tables.ts`.
 * Column headings are the keys of the rows; the report's what-if controls find their
 * columns by these headings in the page's language.
 */
type Text = string;

export const compareTables = {
  /** decision.ts: the side-by-side table of notebook 05 and the report. */
  table: {
    model: 'model',
    sourceTag: ' (source)',
    p50: 'P50 ms (vs source)',
    p90: 'P90 ms (vs source)',
    pairedLatency: 'paired latency (Holm)',
    pairedCi: 'Δ paired 95% CI',
    nonInferior: 'non-inferior (Holm p)',
    per1k: '$ / 1k requests',
    failed: 'failed: calls · judgements',
    monthly: '$ / month',
    composite: 'composite',
    rank: 'rank',
    pareto: 'pareto',
    latencyCell: (p: { verdict: Text; p: Text }) => `${p.verdict} (p ${p.p})`,
    latencyDiff: (p: { ms: Text; range: Text }) => `: ${p.ms} ms, CI ${p.range}`,
    source: 'source',
    verdictCell: (p: { verdict: Text; p: Text }) => `${p.verdict} (${p.p})`,
    noVerdictFew: (p: { n: number; min: number }) => `no verdict: ${p.n} paired item${p.n === 1 ? '' : 's'} (needs ${p.min})`,
    noVerdict: 'no verdict',
    unknownBatch: 'unknown (batch price unknown)',
    batchPrice: (p: { usd: Text }) => `${p.usd} (batch price)`,
    failedOf: (p: { failed: number; of: number }) => `${p.failed} of ${p.of}`,
    excluded: (p: { why: Text }) => `excluded: ${p.why}`,
  },
  /** variants.ts: task prompt vs optimized prompt. */
  variants: {
    /** The verdict of "did the optimized prompt change the metric" (the tracking CSV keeps the English word). */
    verdict: { better: 'better', worse: 'worse', 'no clear difference': 'no clear difference', 'not enough data': 'not enough data' },
    /** A prompt variant's name (the tracking CSV's `variant_used` keeps the English word). */
    variant: { task: 'task', optimized: 'optimized' },
    variantsIsTask: 'prompts.variants is "task"',
    optimizedPrompt: (p: { reason: Text }) => `optimized prompt: ${p.reason}`,
    taskPrompt: (p: { reason: Text }) => `task prompt: ${p.reason}`,
    noComparison: (p: { model: Text; reason: Text }) =>
      `${p.model}: no optimized-prompt comparison (${p.reason}); the task prompt is compared with the source.`,
    change: {
      better: 'raised',
      worse: 'lowered',
      'not enough data': 'could not be tested on',
      'no clear difference': 'did not clearly change',
    },
    sentence: (p: {
      model: Text;
      change: Text;
      metric: Text;
      optimized: Text;
      task: Text;
      n: number;
      diff: Text;
      lower: Text;
      upper: Text;
      test: Text;
      p: Text;
      costOptimized: Text;
      costTask: Text;
      tokens: Text;
    }) =>
      `${p.model}: the optimized prompt ${p.change} ${p.metric} (${p.optimized} vs ${p.task} with the task prompt on ${p.n} paired item(s); difference ${p.diff}, paired 95% CI ${p.lower} to ${p.upper}; ${p.test}, p ${p.p}). Cost per call ${p.costOptimized} vs ${p.costTask} USD (${p.tokens} input tokens per call).`,
    few: (p: { n: number; alpha: Text }) =>
      ` With ${p.n} pairs the exact two-sided test cannot reach p < ${p.alpha} (and a normal approximation, used with ties, is unreliable): raise prompts.optimizedDocuments to 6 or more.`,
    vsSource: (p: { variant: Text; only: Text; diff: Text; margin: Text; verdict: Text; p: Text }) =>
      ` Compared with the source using the ${p.variant} prompt${p.only}: difference ${p.diff}, non-inferior within ${p.margin}: ${p.verdict} (Holm-adjusted p ${p.p}).`,
    onlyItems: (p: { n: number }) => ` (on its ${p.n} item(s) only)`,
    notTested: 'not tested',
    notRun: 'not run',
    // The before/after table's headings.
    model: 'model',
    pairedItems: 'paired items',
    metricTask: (p: { metric: Text }) => `${p.metric}, task prompt`,
    metricOptimized: (p: { metric: Text }) => `${p.metric}, optimized prompt`,
    diffHeading: 'optimized − task (95% CI)',
    diffCell: (p: { diff: Text; lower: Text; upper: Text }) => `${p.diff} (${p.lower} to ${p.upper})`,
    p: 'p',
    verdictHeading: 'verdict',
    costHeading: 'cost per call, task → optimized (USD)',
    variantHeading: 'variant vs source',
    vsSourceHeading: 'vs source: non-inferior',
    note: 'note',
    // The before/after chart.
    taskTrace: 'task prompt',
    optimizedTrace: 'optimized prompt',
    hover: (p: { n: number; usd: Text }) => `${p.n} paired item(s), ${p.usd} USD per call`,
    title: (p: { metric: Text }) => `${p.metric}: task prompt vs optimized prompt, same documents`,
  },
  /** options-table.ts: the deployment options of the recommended (or best-ranked) candidate. */
  options: {
    batchNote:
      'Batch inference is an asynchronous job (CreateModelInvocationJob): you upload the requests as a JSONL file to S3 and collect the answers from S3 when the job completes — no immediate answer, so no latency figure. It suits workloads that can wait (nightly summaries, backfills).',
    noOptionsOfRecommended: (p: { model: Text; reason: Text }) =>
      `step 3 measured no deployment option of the recommended candidate (${p.model}): ${p.reason}`,
    noRecommendation: 'no candidate is recommended (see the recommendation above)',
    title: 'Deployment options',
    noTable: (p: { why: Text }) =>
      `No deployment-options table: ${p.why}, and no candidate has deployment-option results from step 3 (deploymentOptions in workshop.config.json; re-run notebook 03).`,
    emulatedTag: ' (emulated)',
    // Headings.
    option: 'option',
    calledAs: 'called as',
    status: 'status',
    calls: 'calls',
    p50: (p: { tag: Text }) => `P50 ms${p.tag}`,
    p90: (p: { tag: Text }) => `P90 ms${p.tag}`,
    ttft: (p: { tag: Text }) => `TTFT P50 ms${p.tag}`,
    per1k: '$ / 1k requests',
    monthly: (p: { requests: Text }) => `$ / month (${p.requests} requests)`,
    vsStandard: 'cost vs standard',
    priceBasis: 'price basis',
    note: 'note',
    // Cells.
    statusOf: (p: { status: Text }): string => p.status,
    baseline: 'baseline',
    asynchronous: '— asynchronous',
    batchCalledAs: 'a batch job (CreateModelInvocationJob), not a call',
    priced: 'priced',
    batchBasis: (p: { basis: Text }) => `${p.basis}; the standard option's measured tokens`,
    // Notes.
    notARecommendation: (p: { why: Text; name: Text; model: Text }) =>
      `NOT A RECOMMENDATION: ${p.why}. The table shows the best-ranked candidate, ${p.name} (${p.model}), so you can see what serving it differently would change — decide on the model first.`,
    offline:
      "OFFLINE: the latencies are EMULATED — the local endpoint applies documented factors (priority: 25% more output tokens per second; prompt-cache reads: up to 85% shorter time to first token) and two labelled assumptions (flex: twice the time to first token; latency-optimized: 0.7× time to first token, 1.6× tokens per second; inference profiles: no latency difference) — see docs/local-endpoint.md. The prices are the catalogue's published ones.",
    sample: (p: { n: number; inCatalogue: boolean }) =>
      `Each option was called with the same request on ${p.n} call(s) (deploymentOptions.documents × invocations): the prompt's shared part as the system prompt, the document in the user turn — a small sample: P90 of a few calls is the slowest of them. Costs are the mean measured tokens of the option's calls × the catalogue's prices for that option (data/model_catalog.json${p.inCatalogue ? '' : ' — this model is not in it, so every cost is unknown'}); "unknown" means the catalogue has no price for it — never 0.`,
    skipped:
      "Options the catalogue says the model lacks are skipped with the reason; options it does not know are tried, and a refusal is shown with Bedrock's message. The prompt-cache option runs one call at a time, so its first call writes the cache and the next ones read it; at production volume nearly every request within the cache's 5-minute TTL reads it.",
    tableTitle: (p: { recommended: boolean; name: Text; model: Text }) =>
      `Deployment options — ${p.recommended ? 'recommended candidate' : 'best-ranked candidate (NOT recommended)'}: ${p.name} (${p.model})`,
  },
  /** charts.ts and cost-quality-figure.ts: titles, axes, legends and hover text. */
  charts: {
    latencyTitle: 'Total latency per model (ms)',
    percentilesTitle: 'P50 and P90 latency, and median time to first token (ms)',
    ttftTrace: 'TTFT P50',
    qualityTitle: 'Judge scores per metric (0–1, 95% CI)',
    radarTitle: 'Quality profile per model',
    modelsTrace: 'models',
    frontTrace: 'Pareto front',
    noLatency: ' (latency not measured)',
    outside: ' (outside the constraints)',
    costQualityTitle: 'Cost vs quality (marker size = median latency)',
    costAxis: 'USD per 1,000 requests (log scale)',
    qualityAxis: (p: { metric: Text }) => `${p.metric} (0–1, the task's primary metric)`,
  },
};
