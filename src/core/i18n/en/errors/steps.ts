/** The steps' own settings and files: latency options, the plan (cost, prompt optimization), batch jobs, evaluation jobs, judge calibration, ranking (English). */
export const steps = {
  // step 3: deployment options
  sharedPrefixUnreadable: (p: { file: string; reason: string }) =>
    `The shared prefix file ${p.file} (deploymentOptions.sharedPrefixFile) cannot be read: ${p.reason}.`,
  itDoesNotExist: 'it does not exist',
  sharedPrefixFix: 'give the path of a UTF-8 text file, relative to the repository root, or set it to null.',
  notConfiguredModel: (p: { models: string }) => `deploymentOptions.models names ${p.models}, which is not a configured model.`,
  notConfiguredModelFix: (p: { models: string }) =>
    `use ids as they appear in models.source / models.candidates (${p.models}), or null for every candidate.`,
  // step 2: the plan
  maxTokens: (p: { got: number }) => `maxTokens must be a positive number (got ${p.got}).`,
  maxTokensFix: 'set inference.maxTokens in workshop.config.json to a positive number.',
  callsPerDocument: (p: { got: number }) => `callsPerDocument must be at least 1 (got ${p.got}).`,
  callsPerDocumentFix: 'pass the number of calls per document (1 or more).',
  promptCounts: (p: { model: string; counts: number; documents: number }) =>
    `${p.model}: ${p.counts} prompt token counts for ${p.documents} documents.`,
  promptCountsFix: 'count one prompt per document, in the dataset’s order.',
  judgeMaxTokens: (p: { got: number }) => `judge.maxTokens must be a positive number (got ${p.got}).`,
  judgeMaxTokensFix: 'set "judge.maxTokens" in workshop.config.json to the longest judge answer, e.g. 800.',
  apoLineJson: (p: { line: number; where: string; message: string }) =>
    `Line ${p.line} of the job's results ${p.where} is not JSON (${p.message}).`,
  apoLineJsonFix: 'download the file again; if it is truncated, the job did not finish writing it.',
  apoLineNoResults: (p: { line: number; where: string }) =>
    `Line ${p.line} of the job's results ${p.where} has no promptOptimizationResults list.`,
  apoLineNoResultsFix: "check that the file is the job's advanced_prompt_optimization_results.jsonl.",
  apoCannotSubmit: (p: { job: string; problems: string }) => `The optimization job ${p.job} cannot be submitted: ${p.problems}.`,
  apoCannotSubmitFix: (p: { request: string; input: string }) =>
    `correct what is named (the request: ${p.request}, the input: ${p.input}).`,
  optimizedMissing: (p: { file: string; model: string }) => `The optimized prompt template ${p.file} of ${p.model} does not exist.`,
  optimizedMissingFix:
    'correct models.candidates[].optimizedPromptTemplate in the configuration (a path relative to the repository root), or remove it.',
  // step 5: ranking and the report
  weightNegative: (p: { key: string; got: number }) => `Weight "${p.key}" must be a number ≥ 0 (got ${p.got}).`,
  weightNegativeFix: 'set compare.weights in workshop.config.json to numbers ≥ 0.',
  weightsZero: 'The weights sum to 0.',
  weightsZeroFix: 'give at least one of quality, latency and cost a positive weight (the defaults are 0.5, 0.25, 0.25).',
  sourceNotRanked: (p: { source: string; models: string }) =>
    `The source model "${p.source}" is not among the models to rank (${p.models}).`,
  sourceNotRankedFix: 'pass the model id of the source, as it appears in the list.',
  reportScriptMissing: (p: { file: string }) => `The report's page script is missing: ${p.file}.`,
  reportScriptMissingFix: 'run `npm run build` in a full checkout of the repository (the bundle is built from src/).',
};
