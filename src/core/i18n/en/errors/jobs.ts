/** AWS jobs the steps run: batch inference (`steps/batch`), Bedrock evaluation jobs and the judge's calibration set (`steps/quality`) (English). */
export const jobs = {
  batchJob: (p: { arn: string }) => `The batch job ${p.arn}`,
  apoJob: (p: { job: string; arn: string }) => `The advanced prompt optimization job ${p.job} (${p.arn})`,
  emulatedNeedsLocal: (p: { backend: string }) =>
    `An emulated batch run answers from the local endpoint, but this session is on "${p.backend}".`,
  emulatedNeedsLocalFix: (p: { roleVar: string; s3Var: string }) =>
    `on AWS, submit the job with submitBatchJob (needs ${p.roleVar} and ${p.s3Var}); or use "backend": "local".`,
  submitNeedsAws: 'Submitting a batch job needs real Amazon Bedrock; this session is on the local endpoint.',
  submitNeedsAwsFix: 'set "backend": "aws" (or WORKSHOP_BACKEND=aws); offline, use runEmulatedBatch.',
  batchEnvMissing: (p: { model: string; variables: string; count: number }) =>
    `Cannot submit the batch job of ${p.model}: ${p.variables} ${p.count > 1 ? 'are' : 'is'} not set.`,
  and: ' and ',
  batchEnvMissingFix: (p: { roleVar: string; s3Var: string }) =>
    `set ${p.roleVar} to the ARN of a Bedrock batch service role (https://docs.aws.amazon.com/bedrock/latest/userguide/batch-iam-sr.html) and ${p.s3Var} to s3://bucket/prefix it can read and write, then prepare the jobs again.`,
  batchProblems: (p: { model: string; problems: string }) => `The batch job of ${p.model} cannot be submitted:\n- ${p.problems}\n`,
  batchProblemsFix: 'correct each problem above (docs/batch-inference.md lists what Bedrock requires), then prepare the job again.',
  notWritten: (p: { model: string; reason: string }) => `No batch job was written for ${p.model}: ${p.reason}.`,
  notWrittenFix: 'pick a model whose job was written (prepareBatchJobs says why each was not), or correct the reason above.',
  noBatchArn: 'CreateModelInvocationJob returned no job ARN.',
  noBatchArnFix: 'look for the job in the Bedrock console (Batch inference) and try again.',
  noOutputFolder: (p: { shown: string }) => `The batch output folder ${p.shown} does not exist.`,
  noOutputFolderFix: 'run the job first (runEmulatedBatch, or submitBatchJob then downloadBatchOutput).',
  firstError: (p: { type: string; message: string }) => ` First error: ${p.type}${p.message ? ` — ${p.message}` : ''}.`,
  noSuccess: (p: { model: string; rows: number; shown: string; first: string }) =>
    `The batch import of ${p.model} has no successful record (${p.rows} row(s), all errors) in ${p.shown}: steps 4 and 5 would have no answer to judge or cost, so the tracking CSV still points at notebook 03's results.${p.first}`,
  noSuccessFix:
    "read the error_type and error_message columns of that file (and the import's problems), fix the job's cause, run it again (runEmulatedBatch offline, or submitBatchJob → pollBatchJob → downloadBatchOutput on AWS) and import it again before calling useBatchResults.",
  // Bedrock evaluation jobs
  evalEmpty: 'The evaluation dataset would be empty: no judged answer to send.',
  evalEmptyFix: 'run notebooks 03 and 04 first.',
  evalTooMany: (p: { count: number }) => `Bedrock evaluation jobs take at most 1,000 prompts; got ${p.count}.`,
  evalTooManyFix: 'split the answers into several jobs of at most 1,000 each.',
  evalName: (p: { name: string }) =>
    `Evaluation job name "${p.name}" is invalid: lower-case letters, digits and hyphens, at most 63 characters.`,
  evalNameFix: 'choose a name such as workshop-eval-2026-11-24 (lower case, digits, hyphens).',
  evalRole: (p: { arn: string }) => `"${p.arn}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).`,
  evalRoleFix: 'create a service role for Bedrock evaluation jobs and give its ARN.',
  evalLocationDataset: 'dataset',
  evalLocationOutput: 'output',
  evalLocation: (p: { name: string; uri: string }) => `The ${p.name} location "${p.uri}" is not an s3:// URI.`,
  evalLocationFix: "give it as s3://<bucket>/<key> (a bucket in the job's region).",
  evalNoMetric: 'None of the rubrics names a Bedrock built-in metric.',
  evalNoMetricFix: 'add a "bedrock_metric:" line (e.g. bedrock_metric: Builtin.Correctness) to the rubrics in data/judge/*.txt.',
  evalUpload: (p: { uri: string }) => `Cannot upload the dataset: "${p.uri}" is not s3://bucket/key.`,
  evalUploadFix: 'give the dataset location as s3://<bucket>/<key>.jsonl.',
  noEvalArn: 'CreateEvaluationJob returned no job ARN.',
  noEvalArnFix: 'look for the job in the Bedrock console (Evaluations) and try again.',
  evalStillRunning: (p: { arn: string; status: string; minutes: number }) =>
    `The evaluation job ${p.arn} is still ${p.status} after ${p.minutes} minutes.`,
  evalStillRunningFix: 'wait longer (the timeout), or check the job in the Bedrock console; its results can be imported once it completes.',
  evalLineJson: (p: { line: number }) => `Evaluation results, line ${p.line}: not valid JSON.`,
  evalLineJsonFix: "import the job's output file as Bedrock wrote it (JSON Lines, one record per line).",
  evalLineShape: (p: { line: number }) => `Evaluation results, line ${p.line}: no "inputRecord" or "automatedEvaluationResult.scores".`,
  evalLineShapeFix: 'import the output of a Bedrock automatic evaluation job (the *_output.jsonl file of the job).',
  // the judge's calibration set
  calibrationFix: 'see data/judge/CALIBRATION.md for the columns and how to rate.',
  calibrationCsvFix: (p: { fix: string }) => `${p.fix} Fields with commas, quotes or line breaks must be in double quotes.`,
  calibrationNoColumn: (p: { shown: string; columns: string; found: string }) =>
    `${p.shown} has no ${p.columns} column (found: ${p.found || 'none'}).`,
  calibrationNoColumnFix: (p: { fix: string }) => `add it: ${p.fix}`,
  calibrationBadColumn: (p: { shown: string; column: string; metrics: string; columns: string }) =>
    `${p.shown}, row 1, column "${p.column}": "${p.column}" is not a metric of the judge's rubrics (${p.metrics}) nor a calibration column (${p.columns}).`,
  calibrationBadColumnFix: (p: { column: string }) =>
    `rename the column to the metric it rates, add a rubric file data/judge/${p.column}.txt, or delete the column.`,
  calibrationNoRating: (p: { shown: string; metrics: string }) => `${p.shown} has no rating column: none of ${p.metrics}.`,
  calibrationNoRatingFix: (p: { fix: string }) => `add a column per metric you rate, named like the rubric. ${p.fix}`,
  calibrationNoAnswers: (p: { shown: string }) => `${p.shown} has a header but no answers.`,
  calibrationNoAnswersFix: (p: { fix: string }) => `add rated answers. ${p.fix}`,
  calibrationAt: (p: { shown: string; row: number; column: string }) => `${p.shown}, row ${p.row}, column "${p.column}"`,
  calibrationEmptyId: (p: { at: string }) => `${p.at}: the answer id is empty.`,
  calibrationEmptyIdFix: 'give every answer a unique id (e.g. northwind-faithful).',
  calibrationIdTwice: (p: { at: string; id: string; row: number }) => `${p.at}: "${p.id}" was already used on row ${p.row}.`,
  calibrationIdTwiceFix: 'give every answer a unique id.',
  calibrationNoDocument: (p: { at: string; id: string; file: string }) =>
    `${p.at}: no document with id "${p.id}" in the dataset or in ${p.file}.`,
  calibrationNoDocumentFix:
    'use the document_id of one of those documents (the document_id column of outputs/judge_sanity_check.csv or of a quality result CSV lists them), or delete the row.',
  calibrationTask: (p: { at: string; message: string }) => `${p.at}: ${p.message}`,
  calibrationTaskFix: 'name a task of data/tasks/ (e.g. document_summarization).',
  calibrationLanguage: (p: { at: string; value: string; languages: string }) =>
    `${p.at}: ${p.value} is not a language of the workshop (${p.languages}).`,
  calibrationLanguageFix: (p: { languages: string }) =>
    `write one of ${p.languages} (the language the answer is written in), or leave it empty for en.`,
  calibrationNotGeneration: (p: { at: string; task: string; kind: string }) =>
    `${p.at}: "${p.task}" is a ${p.kind} task, which is decided on its labels and uses no judge.`,
  calibrationNotGenerationFix: 'calibrate the judge on answers of a generation task (e.g. document_summarization).',
  calibrationOffScale: (p: { at: string; cell: string; min: number; max: number }) =>
    `${p.at}: ${p.cell} is not a rating on the rubric's ${p.min}–${p.max} scale.`,
  calibrationOffScaleFix: (p: { min: number; max: number; metric: string }) =>
    `write a whole number from ${p.min} to ${p.max} (data/judge/${p.metric}.txt says what each means), or leave the cell empty for "not rated".`,
  calibrationUnrated: (p: { shown: string; row: number; id: string }) => `${p.shown}, row ${p.row}: answer "${p.id}" has no rating at all.`,
  calibrationUnratedFix: 'rate it on at least one metric, or delete the row.',
};
