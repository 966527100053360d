/**
 * Step 5's sentences (English): the recommendation, the caveats, the ranking's notes, what is
 * missing or failed, the tracking CSV's recommendation column, and the highlights. Part of the
 * `compare` area (`./compare.ts`); the pt-BR twin is `../pt-BR/compare-decide.ts`.
 */
type Text = string;

export const decisionSentences = {
  /** decide.ts: the recommendation, its evidence, the constraints and the caveats. */
  decide: {
    batchLatency: 'not measured — batch inference',
    emulatedOffline: ' (emulated offline)',
    primary: (p: {
      metric: Text;
      candidate: Text;
      source: Text;
      n: number;
      diff: Text;
      lower: Text;
      upper: Text;
      margin: Text;
      test: Text;
      p: Text;
      k: number;
      pHolm: Text;
      mcnemar: Text | null;
    }) =>
      `${p.metric} ${p.candidate} vs ${p.source} on ${p.n} paired items (difference ${p.diff}, paired 95% CI ${p.lower} to ${p.upper}; non-inferiority margin ${p.margin}: ${p.test}, one-sided p ${p.p}, Holm-adjusted over ${p.k} candidate(s) ${p.pHolm}${p.mcnemar !== null ? `; McNemar exact p ${p.mcnemar}` : ''})`,
    latencyBatch: (p: { batch: Text; note: Text }) => `latency ${p.batch}${p.note}: a batch job reports no latency, so none is compared`,
    latencySourceBatch: (p: { batch: Text }) => `latency not compared: the source's answers came from batch inference (${p.batch})`,
    latencyNotMeasured: 'latency: not measured',
    latency: (p: {
      candidate: Text;
      source: Text;
      change: Text;
      n: number;
      diff: Text;
      lower: Text;
      upper: Text;
      p: Text;
      pHolm: Text;
      verdict: Text;
    }) =>
      `median latency ${p.candidate} ms vs ${p.source} ms (${p.change}); paired on ${p.n} items, median difference ${p.diff} ms (95% CI ${p.lower} to ${p.upper}), Wilcoxon signed-rank p ${p.p}, Holm-adjusted ${p.pHolm}: ${p.verdict}`,
    // The constraints, in words.
    budget: (p: { usd: Text; requests: Text }) => `a monthly budget of ${p.usd} at ${p.requests} requests`,
    p90: (p: { ms: Text }) => `P90 latency ≤ ${p.ms} ms`,
    minimum: (p: { metric: Text; value: Text }) => `${p.metric} ≥ ${p.value}`,
    // The settings in one line.
    weights: (p: { quality: Text; latency: Text; cost: Text }) => `weights quality ${p.quality}, latency ${p.latency}, cost ${p.cost}`,
    requestsAMonth: (p: { requests: Text }) => `${p.requests} requests a month`,
    noBudget: 'no monthly budget',
    budgetSetting: (p: { usd: Text }) => `monthly budget ${p.usd}`,
    noP90: 'no P90 latency target',
    noMinimum: (p: { metric: Text }) => `no minimum ${p.metric}`,
    // The constraints a model does not meet.
    budgetUnknown: (p: { budget: Text }) => `monthly cost unknown, so the ${p.budget} budget cannot be checked`,
    overBudget: (p: { monthly: Text; budget: Text }) => `${p.monthly} a month, over the ${p.budget} budget`,
    p90Unknown: (p: { why: Text; target: Text }) => `P90 latency ${p.why}, so the ${p.target} ms target cannot be checked`,
    aboveP90: (p: { p90: Text; target: Text }) => `P90 latency ${p.p90} ms, above the ${p.target} ms target`,
    minimumUnknown: (p: { metric: Text; min: Text }) => `${p.metric} not measured, so the minimum ${p.min} cannot be checked`,
    belowMinimum: (p: { metric: Text; value: Text; min: Text }) => `${p.metric} ${p.value}, below the minimum ${p.min}`,
    // The recommendation.
    noCandidateCall:
      'No candidate has a successful call yet: nothing can be recommended. Check model access (step 1) and re-run steps 3 and 4.',
    theSource: (p: { model: Text }) => `the source (${p.model})`,
    anyCandidate: 'any candidate',
    qualityNotMeasured: (p: { who: Text; metric: Text }) =>
      `Quality was not measured for ${p.who} — step 4 produced no ${p.metric} (its quality_status and the caveats below say why, e.g. a judge model denied in step 1): no recommendation can rest on quality. Latency and cost are compared below; re-run step 4 once the judge answers.`,
    noneNonInferior: (p: { source: Text; metric: Text; margin: Text; k: number }) =>
      `No candidate is shown to be non-inferior to ${p.source} on ${p.metric} within a margin of ${p.margin} (paired tests, Holm-corrected over ${p.k} candidate(s)): keep the source model, or collect more evidence before migrating.`,
    noneWithinConstraints: (p: { constraints: Text; source: Text; metric: Text; margin: Text; models: Text }) =>
      `No candidate meets your constraints (${p.constraints}) among those shown to be non-inferior to ${p.source} on ${p.metric} within ${p.margin}: ${p.models}. Keep the source model, or relax a constraint.`,
    recommended: (p: { model: Text; source: Text; margin: Text; evidence: Text }) =>
      `Recommended: ${p.model}. On the task's primary metric it is not worse than ${p.source} within ${p.margin}: ${p.evidence}.`,
    pickedOnMetric: (p: { metric: Text; notes: Text }) =>
      `Picked on ${p.metric} alone (the largest paired difference): no non-inferior candidate has a composite score — ${p.notes}.`,
    speed: (p: { latency: Text }) => `Speed: ${p.latency}.`,
    cost: (p: { batch: boolean; per1k: Text; sourcePer1k: Text; share: Text; monthly: Text; sourceMonthly: Text; requests: Text }) =>
      `Cost${p.batch ? ' (at the batch price)' : ''}: ${p.per1k} per 1,000 requests vs ${p.sourcePer1k} (${p.share} of the source), about ${p.monthly} vs ${p.sourceMonthly} a month at ${p.requests} requests.`,
    batchPriceUnknown: ' (batch price unknown)',
    costUnknown: (p: { models: Text }) =>
      `Cost: unknown — no price is known for ${p.models} (data/model_catalog.json), so the cost comparison cannot be made.`,
    alsoNonInferior: (p: { metric: Text; constrained: boolean; models: Text }) =>
      `Also non-inferior on ${p.metric}${p.constrained ? ' and within your constraints' : ''}: ${p.models}.`,
    yourConstraints: (p: { constraints: Text; outside: Text | null }) =>
      `Your constraints: ${p.constraints}. ${p.outside ? `Not meeting them (so not recommended, ranked or on the Pareto front): ${p.outside}.` : 'Every evaluated model meets them.'}`,
    theSourceTag: ' (the source)',
    batchAnswers: (p: { models: Text; emulated: boolean; latency: Text; plural: boolean }) =>
      `The answers of ${p.models} came from Bedrock batch inference (${p.emulated ? 'EMULATED offline by the local endpoint' : 'imported from Bedrock batch jobs'}): judged, and costed at the batch price where the catalogue has one, but a batch job reports no latency — latency ${p.latency}, so ${p.plural ? 'they are' : 'it is'} not ranked while latency has a weight (set compare.weights.latency to 0 to rank on quality and cost).`,
    pareto: (p: { constrained: boolean; models: Text }) =>
      `Pareto-optimal on quality, latency and cost${p.constrained ? ' among the models that meet your constraints' : ''} (no other model is at least as good on all three and strictly better on one): ${p.models}.`,
    notAsGood: (p: { metric: Text; models: Text }) => `Not shown to be as good as the source on ${p.metric}: ${p.models}.`,
    noVerdict: (p: { metric: Text; models: Text }) => `No verdict on ${p.metric} for ${p.models}.`,
    // The caveats: what the data cannot tell.
    smallSample: (p: { n: number }) =>
      `Small sample: as few as ${p.n} successful calls per model — intervals are wide; production decisions need more calls, on several days.`,
    detectable: (p: { low: Text; high: Text; metric: Text }) =>
      `What this n can show: with these items and their spread, a real difference smaller than about ${p.low}–${p.high} on ${p.metric} (margin included) would usually go undetected (80% power, one-sided 2.5%) — "not shown non-inferior" is not "shown worse".`,
    winnersCurse: (p: { k: number }) =>
      `The recommended model was picked as the best of ${p.k} non-inferior candidates: its advantage on this sample is likely a little optimistic (the winner's curse) — confirm it on fresh documents before migrating.`,
    offline:
      'OFFLINE: the answers come from emulated models with invented habits (docs/local-endpoint.md), latencies are emulated from published figures and quality comes from a heuristic judge — these results teach the workflow; they do not describe the real models and are no basis for choosing one.',
    replayed: (p: { cassette: Text; recordedOn: Text; emulator: boolean }) =>
      `REPLAYED: answers, judgements and latencies come from one recording (cassette "${p.cassette}", made on ${p.recordedOn}), replayed offline — one run at one time of day, not measured now${p.emulator ? '; calls the cassette lacked were answered by the emulator' : ''}.`,
    scope: (p: { region: Text; dataset: Text; generation: boolean }) =>
      `One region (${p.region}) and one dataset (${p.dataset})${p.generation ? '; an LLM judge cannot check facts that are not in the document' : ''}.`,
    missing: (p: { model: Text; missing: Text }) => `${p.model}: ${p.missing}.`,
    failures: (p: { model: Text; failures: Text }) =>
      `Failures for ${p.model}: ${p.failures} — its figures rest on the rest (the step-3 log and the step-4 result file name each error).`,
    costUnknownCaveat: (p: { models: Text }) =>
      `Cost unknown for ${p.models}: the model catalogue has no price for it (data/model_catalog.json), so its cost shows as unknown — never 0.`,
    batchCostUnknownCaveat: (p: { models: Text }) =>
      `Cost unknown for ${p.models}: batch price unknown — the catalogue has no batch price for it (pricing.batch in data/model_catalog.json; check that Bedrock offers it in batch), so its cost shows as unknown — never 0, and never the on-demand price.`,
  },
  /** ranking.ts: what the ranking could not do for a model, and why. */
  ranking: {
    /** Every "not ranked" note starts with this (the recommendation quotes those notes). */
    notRanked: 'not ranked',
    leftOut: (p: { criterion: Text; source: Text; zero: boolean }) =>
      `${p.criterion} left out of the composite: the source model (${p.source}) has ${p.zero ? `a ${p.criterion} of 0` : `no ${p.criterion} figure`}, so no model can be measured against it`,
    noCriterion: 'no weighted criterion can be measured against the source',
    unknown: (p: { criteria: Text }) => `${p.criteria} unknown`,
    notOnFront: (p: { criteria: Text }) => `not on the Pareto front: ${p.criteria} unknown, so it cannot be compared on all three criteria`,
    excluded: (p: { why: Text }) => `excluded by the decision's constraints (${p.why}): not ranked, not on the Pareto front`,
    shared: (p: { note: Text }) => `Ranking: ${p.note}.`,
    ofModel: (p: { model: Text; note: Text }) => `${p.model}: ${p.note}.`,
  },
  /** evidence.ts: what is missing or failed for a model. */
  evidence: {
    step3: (p: { reason: Text }) => `step 3 (latency): ${p.reason}`,
    step4: (p: { reason: Text }) => `step 4 (quality): ${p.reason}`,
    noJudged: (p: { why: Text | null }) => `step 4 (quality): no judged answer${p.why ? ` — ${p.why}` : ''}`,
    noSuccess: 'step 3: no successful call',
    unreadable: "the judge's answer could not be read",
    judgeFailed: 'judge call failed',
    calls: (p: { failed: number; of: number; reasons: Text | null }) =>
      `step 3: ${p.failed} of ${p.of} calls failed${p.reasons ? ` (${p.reasons})` : ''}`,
    judgements: (p: { failed: number; of: number; reasons: Text | null }) =>
      `step 4: ${p.failed} of ${p.of} judgements failed${p.reasons ? ` (${p.reasons})` : ''}`,
  },
  /** decision.ts: why a candidate has no non-inferiority verdict. */
  noVerdictReason: {
    noCall: (p: { missing: Text; also: Text }) => `no successful call in step 3${p.missing}${p.also}`,
    noMetric: (p: { metric: Text; missing: Text; also: Text }) => `no ${p.metric} measured${p.missing}${p.also}`,
    sourceHasNone: (p: { metric: Text; sourceFailed: Text | null }) =>
      `the source has no ${p.metric} to compare with${p.sourceFailed ? ` (the source's ${p.sourceFailed})` : ''}`,
    fewPairs: (p: { n: number; metric: Text; min: number; also: Text }) =>
      `${p.n} paired item${p.n === 1 ? '' : 's'} (documents with a ${p.metric} for both this model and the source); the test needs at least ${p.min}${p.also}`,
    noP: (p: { n: number; test: Text; also: Text }) => `the test gave no p-value on ${p.n} paired items (${p.test})${p.also}`,
    noTest: 'no test',
  },
  /**
   * The tracking CSV's `recommendation` column for one model (a sentence in the reader's
   * language: docs/tracking-columns.md). Its verdict comes first, before " — " or ": ", which
   * the compact tracking view keeps.
   */
  recommendationColumn: {
    notEvaluated: (p: { why: Text }) => `not evaluated — ${p.why}`,
    noSuccessfulCall: 'no successful call',
    source: (p: { metric: Text; value: Text }) => `source (baseline): ${p.metric} ${p.value}`,
    notComparable: (p: { metric: Text; why: Text }) => `not recommended — ${p.metric} could not be compared with the source: ${p.why}`,
    recommended: (p: { why: Text }) => `recommended — ${p.why}`,
    notNonInferior: (p: { why: Text }) => `not recommended: not shown non-inferior — ${p.why}`,
    outsideConstraints: (p: { unmet: Text; why: Text }) =>
      `not recommended: non-inferior, but outside the constraints (${p.unmet}) — ${p.why}`,
    alternative: (p: { why: Text }) => `non-inferior alternative — ${p.why}`,
  },
  /** highlights.ts: what the comparison shows, in the terms step 5 teaches. */
  highlights: {
    cheaper: (p: { metric: Text; models: Text }) => `Shown non-inferior on ${p.metric} and cheaper than the source: ${p.models}.`,
    cheaperItem: (p: { model: Text; share: Text }) => `${p.model} (${p.share} of its cost per request)`,
    notCheaper: (p: { metric: Text; models: Text }) => `Shown non-inferior on ${p.metric}, but not cheaper: ${p.models}.`,
    noneNonInferior: (p: { metric: Text }) =>
      `No candidate is shown non-inferior on ${p.metric}: with these items, none can replace the source yet.`,
    figures: (p: { diff: Text; range: Text; p: Text }) =>
      `mean paired difference ${p.diff}, 95% interval ${p.range}, Holm-adjusted p ${p.p}`,
    below: (p: { model: Text; figures: Text; margin: Text }) =>
      `Not shown non-inferior: ${p.model} — ${p.figures}. Its whole interval lies below −${p.margin}: on these items it is worse than the source by more than the margin.`,
    reaches: (p: { model: Text; figures: Text; margin: Text }) =>
      `Not shown non-inferior: ${p.model} — ${p.figures}. Its interval reaches below −${p.margin} (the margin): it may be that much worse, or not — "not shown non-inferior" is not "shown worse". Read its lowest-scored answers in step 4.`,
    above: (p: { model: Text; figures: Text; margin: Text; k: number }) =>
      `Not shown non-inferior: ${p.model} — ${p.figures}. Its interval stays above −${p.margin}, yet the paired test, corrected for ${p.k} candidates, does not clear 0.025: with this few items one bad answer weighs heavily. Read its lowest-scored answers in step 4; more documents would settle it.`,
    bestOn: (p: { criterion: Text; model: Text }) => `on ${p.criterion} ${p.model}`,
    tradeOff: (p: { front: Text; best: Text; quality: Text; latency: Text; cost: Text; recommended: Text }) =>
      `A trade-off your weights decide: ${p.front} are each non-inferior and better than the other(s) on something — best ${p.best}. With your weights (quality ${p.quality}, latency ${p.latency}, cost ${p.cost}) the recommendation is ${p.recommended}; change settings.weights and re-run to see it move.`,
    noTradeOff: (p: { model: Text }) =>
      `No trade-off: ${p.model} is at least as good as the other non-inferior candidates on quality, cost and latency alike — any weights pick it.`,
    onlyOne: 'Only one candidate is shown non-inferior: the weights cannot change the recommendation.',
    zeroWidth: (p: { model: Text }) =>
      `${p.model} scored exactly like the source on every item (a paired interval of zero width): there is nothing to test — were the answers identical?`,
  },
};
