/** Step 2: the migration plan, the prompts' fairness, the cost estimate and the sample size (English). */
export const plan = {
  theDocument: '[the document]',
  sourceTag: ' (source)',
  fairness: {
    yes: 'yes',
    missing: 'MISSING',
    theInstruction: 'the instruction',
    drops: ({ model, template, what }: { model: string; template: string; what: string }) => `${model} (${template}) drops ${what}`,
    unfair: ({ list }: { list: string }) =>
      `Not the same task for every model: ${list}. The comparison then measures prompt + model together — fine when you deliberately keep a production prompt, but say so when you report the result.`,
    fair: ({ n }: { n: string }) => `Every model gets the task's instruction and all ${n} of its constraints; only the format differs.`,
  },
  cost: {
    unknown: 'unknown',
    estimate: 'estimate',
    emulated: ({ label }: { label: string }) => `${label} (emulated)`,
    classificationJudge: ({ metric }: { metric: string }) => `classification task: decided on its labels (${metric}), no judge calls`,
    blockedJudge: ({ status }: { status: string }) => `"${status}" in step 1: not called in step 4 (fix its access and re-run 01)`,
    notCounting: ({ models }: { models: string }) => `, not counting ${models}, whose price is unknown`,
    step3: ({ cost, calls, notCounting }: { cost: string; calls: string; notCounting: string }) =>
      `Estimated cost of step 3 for all models: ${cost} (${calls} calls)${notCounting}.`,
    judge: ({ cost, calls, notCounting, total }: { cost: string; calls: string; notCounting: string; total: string }) =>
      `Step 4's judge: ${cost} (${calls} calls, its answers priced at judge.maxTokens — a worst case)${notCounting}. Together: ${total}.`,
    range: ({
      cheapest,
      cheapestCost,
      dearest,
      dearestCost,
      times,
    }: {
      cheapest: string;
      cheapestCost: string;
      dearest: string;
      dearestCost: string;
      times: string;
    }) => `Cheapest: ${cheapest} (${cheapestCost}); most expensive: ${dearest} (${dearestCost}) — ${times}× more.`,
    tooLong: ({ list }: { list: string }) => `⚠️ Documents too long for: ${list}.`,
    tooLongModel: ({ model, rows }: { model: string; rows: string }) => `${model} (rows ${rows})`,
    allFit: 'Every document fits every model’s context window.',
    counted: ({ models, emulated }: { models: string; emulated: boolean }) =>
      `Input tokens counted by Bedrock's CountTokens${emulated ? ' (emulated by the local endpoint)' : ''}: ${models}.`,
    estimated: ({ list }: { list: string }) => `Input tokens estimated (about 4 characters a token): ${list}.`,
    outputEstimated: 'Output tokens are always estimated: the reference answer’s length, or maxTokens without one.',
    offline: 'Offline: no money is spent — these are the prices real Bedrock would charge.',
    recorded: 'answers recorded in the dataset: no calls, no Bedrock cost',
    notInCatalogue: 'not in the model catalogue: no price or context window known',
    priceUnknown: 'price unknown in the model catalogue: cost unknown',
    overContext: ({ n, window }: { n: string; window: string }) => `${n} document(s) exceed the ${window}-token context window`,
    ok: 'ok',
    judgeAnswers: ({ n }: { n: string }) => `${n} judged answer(s) per document; output priced at judge.maxTokens (worst case)`,
    judgeOverContext: ({ n, window }: { n: string; window: string }) => `${n} judge prompt(s) exceed the ${window}-token context window`,
  },
  tokens: {
    switchedOff: 'plan.countTokens = false',
    notSupported: 'not supported, per the catalogue',
    refused: ({ type }: { type: string }) => `CountTokens refused (${type})`,
    pastCap: ({ n, max }: { n: string; max: string }) => `${n} past the cap of plan.countTokensMaxPrompts = ${max}`,
    failed: ({ n, first }: { n: string; first: string }) => `${n} whose count failed (${first})`,
  },
  sample: {
    pilot: 'the pilot (results of an earlier run of steps 3–4)',
    assumption: ({ scores }: { scores: boolean }) =>
      `an assumption (${scores ? 'σ_d = 0.15 on a 0–1 score' : 'σ_d = √0.2: one document in five answered right by exactly one of the two models'}) — replace it with a pilot run's figure`,
    large: ({ documents, needed, calls, sample }: { documents: string; needed: string; calls: string; sample: string }) =>
      `more than enough: ${documents} documents, ${needed} needed — steps 3–4 make ${calls} call(s) per document and model and judge every answer, so run them on a random sample of about ${sample} documents (save it as its own file and point WORKSHOP_DATASET at it), and send the whole dataset through batch inference (notebook 03, section 3.6; about half the on-demand price where the catalogue has a batch price)`,
    enough: ({ documents, needed }: { documents: string; needed: string }) => `enough: ${documents} documents ≥ ${needed} needed`,
    tooFew: ({ documents, needed }: { documents: string; needed: string }) =>
      `too few: ${documents} documents < ${needed} needed — a non-inferior candidate will often fail to be shown so; use more documents, or read "not shown non-inferior" as "not enough evidence"`,
  },
  optimization: {
    simpleOff: 'promptOptimization.simple is false in the configuration',
    blocked: ({ status, message }: { status: string; message: string }) => `"${status}" in step 1: ${message}`,
    unsupported: ({ model, page }: { model: string; page: string }) =>
      `Bedrock's simple prompt optimization does not support ${model}: it is not on AWS's list of supported models (${page}; copy in data/aws/prompt-optimization-models.json). No call made.`,
    supported: "on AWS's list of supported models",
    unknown: "the catalogue does not say (AWS's list could not be read in full for this provider): tried, Bedrock's answer is recorded",
    lost: ({ placeholders }: { placeholders: string }) => `lost ${placeholders} (the model would not see the input)`,
    extraPlaceholders: ({ placeholders }: { placeholders: string }) => `has placeholder(s) the task does not provide: ${placeholders}`,
    dropsInstruction: ({ instruction }: { instruction: string }) => `drops the task's instruction ("${instruction}")`,
    dropsConstraints: ({ constraints }: { constraints: string }) => `drops (or rewords) constraint(s): ${constraints}`,
    problems: ({ problems, usable }: { problems: string; usable: boolean }) =>
      `The optimized template ${problems}.${usable ? ' Compare it with care: it is not the same task word for word.' : ' It cannot be used as a template.'}`,
    keeps: ({ n }: { n: string }) => `Keeps {{document}}, the task's instruction and all ${n} constraints.`,
    refused: ({ error }: { error: string }) => `Bedrock refused: ${error}`,
    notRun: 'prompt optimization was not run',
    noCall: 'no call',
    none: 'none',
    analysis: ({ emulated }: { emulated: boolean }) => `Analysis${emulated ? ' (emulated)' : ''}:`,
    check: 'Check:',
    colModel: 'model',
    colTaskPrompt: "the task's prompt",
    colOptimized: ({ emulated }: { emulated: boolean }) => `optimized${emulated ? ' (EMULATED offline)' : ''}`,
    colAnalysis: 'analysis and fairness check',
  },
  job: {
    advancedOff: 'promptOptimization.advanced is false in the configuration',
    notSubmitted: ({ job, problems }: { job: string; problems: string }) => `The job ${job} was not submitted: ${problems}.`,
    refused: ({ job, error }: { job: string; error: string }) => `The job ${job}: Bedrock refused: ${error}`,
    baseline: 'source (baseline)',
    emulated: ' (emulated)',
    failed: ({ status, reason }: { status: string; reason: string }) => `The job ${status}: ${reason}`,
    noTemplate: 'no optimized template',
    kept: ' The job kept the original prompt: no rewrite scored higher.',
    scores: ({ emulated, n, before, after }: { emulated: boolean; n: string; before: string; after: string }) =>
      `Score${emulated ? ' (emulated)' : ''} on ${n} samples: ${before} → ${after}.`,
    /** Headings of `jobScoresTable` (the emulated mark is added after the score and time columns). */
    col: {
      model: 'model',
      role: 'role',
      status: 'status',
      originalScore: 'original_score',
      optimizedScore: 'optimized_score',
      change: 'change',
      originalTokens: 'original_input_tokens',
      optimizedTokens: 'optimized_input_tokens',
      originalTtft: 'original_ttft_s',
      optimizedTtft: 'optimized_ttft_s',
      failure: 'failure',
    },
  },
};
