/**
 * The report: HTML page, what-if app, PDF (English). The pt-BR catalogue has the same keys (`../pt-BR/report.ts`).
 * Keys ending in `Html` return markup: their parameters arrive escaped.
 */
type Text = string;

export const report = {
  title: (p: { task: Text }) => `Model migration report — ${p.task}`,
  offlineBackend: 'OFFLINE — local emulated endpoint',
  bedrockBackend: (p: { region: Text }) => `Amazon Bedrock (${p.region})`,
  /** The charts, each with how to read it. */
  charts: {
    latencyDistribution: {
      title: 'Latency distribution per model',
      howToRead:
        'The line in each box is the median; the box holds the middle half of the calls; dots are individual calls. Lower boxes are faster, shorter boxes more predictable.',
    },
    latencyPercentiles: {
      title: 'P50 and P90 latency',
      howToRead:
        'P50 is the typical call, P90 the slow one in ten that users remember; the gap between them is the "bad day" penalty. Time to first token is what a chat user feels.',
    },
    qualityMetrics: {
      title: 'Quality per metric',
      howToRead:
        "Mean judge score per metric on a 0–1 scale, with 95% confidence intervals. Where a candidate's interval sits clearly below the source's, it is weaker on that metric.",
    },
    qualityRadar: {
      title: 'Quality profile',
      howToRead:
        'Each model is a shape; further out is better. A shape that caves in on one axis reveals a weakness that an average hides.',
    },
    costQuality: {
      title: 'Cost vs quality, and the Pareto front',
      howToRead:
        'Up is better quality, left is cheaper (log scale), bigger markers are slower. Models on the dotted Pareto front are those no other model matches or beats on all of quality, latency and cost while being strictly better on one; the orange marker is the source.',
    },
    promptVariants: {
      title: 'Task prompt vs optimized prompt',
      howToRead:
        "Each pair of bars is one candidate on the same documents: its task's primary metric with the task prompt and with step 2's optimized prompt. A taller optimized bar is not yet a better prompt — the table above says whether the paired test found a change, and what each prompt costs per call.",
    },
  },
  variantsCaption: (p: { source: Text; label: Text }) =>
    `Per candidate: the task's primary metric with its task prompt and with step 2's optimized prompt, on the same documents (paired, two-sided test), the cost per call of each, and the variant compared with the source (${p.source}) — ${p.label}`,
  /** The page's headings and fixed text. */
  page: {
    metaHtml: (p: { backend: Text; dataset: Text; source: Text; models: Text; run: Text }) =>
      `Backend: <b>${p.backend}</b> · dataset: ${p.dataset} · source model: ${p.source} · models: ${p.models} · run: ${p.run}`,
    offlineBanner:
      '⚠️ OFFLINE results: answers and latencies are emulated (invented model habits) and quality comes from a heuristic judge. They show the workflow, not the real models — no basis for choosing one.',
    recommendation: 'Recommendation',
    caveats: 'What the data cannot tell',
    sideBySide: 'Side by side',
    sideBySideCaption: (p: { source: Text }) =>
      `Each model against the source (${p.source}): latency, the task's primary metric with its paired interval and non-inferiority test, cost, and the ranking`,
    deploymentOptions: 'Deployment options',
    promptVariants: 'Task prompt vs optimized prompt',
    charts: 'Charts',
    howToRead: 'How to read it:',
    tracking: 'Evaluation tracking (final)',
    trackingFile: 'The tracking file',
    trackingCaption: (p: { file: Text }) => `${p.file}: one row per model`,
    allColumnsHtml: (p: { n: Text; file: Text | null }) =>
      `All ${p.n} columns${p.file ? ` of ${p.file}` : ''}, one row per column (click to open; the printed report leaves them out)`,
  },
  /** The what-if panel and its page script (`report-app/what-if.ts`). */
  whatIf: {
    heading: 'What if? Decide with other settings',
    introHtml: (p: { margin: Text }) =>
      `Move a control and this page takes step 5's decision again, with step 5's own ranking and cost code (bundled into the page, not rewritten for it). <b>What changes:</b> the recommendation above and its caveats, the <i>$ / month</i>, <i>composite</i>, <i>rank</i> and <i>pareto</i> columns of the side-by-side table, and the cost-vs-quality chart with its Pareto front. A model outside a constraint is not recommended, ranked or on the front. <b>What does not change:</b> the measurements, the paired tests, their intervals, the Holm-adjusted p-values and non-inferiority at the configured margin (${p.margin}) — none of them depends on these settings, so they stay as notebook 05 computed them — nor the other charts, the deployment-options table (about the configured recommendation, at the configured volume) or the tracking table.`,
    weightsLegend: 'How much each criterion weighs (normalised to sum to 1)',
    volumeLegend: 'Volume and constraints (empty = none)',
    requests: 'Requests a month',
    budget: 'Monthly budget, USD',
    p90: 'P90 latency target, ms',
    minimum: (p: { metric: Text }) => `Minimum ${p.metric} (0–1)`,
    placeholder: 'none',
    reset: 'Back to the configured settings',
    badRequests: 'monthly requests must be a whole number ≥ 0',
    badBudget: 'the monthly budget must be a number ≥ 0, or empty',
    badP90: 'the P90 target must be a number > 0, or empty',
    badMinimum: (p: { metric: Text }) => `the minimum ${p.metric} must be between 0 and 1, or empty`,
    notApplied: (p: { reasons: Text }) => `Not applied: ${p.reasons}.`,
    notAppliedError: (p: { message: Text }) => `Not applied: ${p.message}`,
    weightOut: (p: { weight: Text; share: Text }) => `${p.weight} (${p.share})`,
    decidedWithConfigured: (p: { settings: Text }) => `Decided with the configured settings: ${p.settings}.`,
    decidedWithYours: (p: { settings: Text }) => `What-if — decided with your settings: ${p.settings}.`,
    noneValue: 'null (none)',
    differHtml:
      '<b>What-if:</b> these settings differ from the configured ones (workshop.config.json → <code>compare</code>, which notebook 05 and the tracking CSV used):',
    pasteHtml:
      'To decide with them for good, paste this block into <code>workshop.config.json</code> (replacing its <code>"compare"</code>) and re-run notebook 05:',
    copy: 'Copy the block',
    copied: 'Copied',
    copyRefused: 'Select the block and copy it (the browser refused)',
    configuredHtml:
      'These are the configured settings (workshop.config.json → <code>compare</code>): the page shows what notebook 05 decided.',
    noCandidate: 'no candidate',
    otherRecommendation: (p: { yours: Text; configured: Text }) =>
      `Your settings recommend ${p.yours}; this table is about ${p.configured}, what the configured settings recommend (its monthly costs at the configured volume). Re-run notebook 05 with your settings to see the options of ${p.yours}.`,
  },
  /** The printed report (PDF). */
  pdf: {
    footerHtml:
      '<div style="font-size:8px;color:#6b7280;width:100%;text-align:center"><span class="title"></span> — page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
    chartAlt: 'chart',
  },
};
