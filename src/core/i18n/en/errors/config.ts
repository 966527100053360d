/** The configuration's errors: loading, validation (the zod issues in words), environment variables, language (English). */
/** The fields of a zod issue that its message uses (zod 3). */
export interface ZodIssueFields {
  code: string;
  expected?: unknown;
  received?: unknown;
  options?: readonly unknown[];
  type?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  exact?: boolean;
  validation?: unknown;
}

export const config = {
  notFound: (p: { shown: string }) => `Cannot load the workshop configuration ${p.shown}: file not found.`,
  notFoundFixEnv: 'check the path in WORKSHOP_CONFIG (relative to the repository root), or unset it to use workshop.config.json.',
  notFoundFix: 'restore it with `git checkout workshop.config.json`, or check the path.',
  badJson: (p: { shown: string; message: string }) => `Cannot load the workshop configuration ${p.shown}: ${p.message}.`,
  badJsonFix: 'restore it with `git checkout workshop.config.json` or correct the JSON.',
  problems: (p: { shown: string; count: number; lines: string; more: string }) =>
    `The workshop configuration ${p.shown} has ${p.count} problem(s):\n${p.lines}${p.more}\n`,
  problemsMore: (p: { count: number }) => `\n… and ${p.count} more`,
  problemsFix: 'correct these settings (docs/configuration.md lists every key and its allowed values).',
  topLevel: '(top level)',
  setByEnv: (p: { key: string; variable: string }) => `${p.key} (set by the environment variable ${p.variable})`,
  inFile: (p: { key: string; shown: string }) => `${p.key} (in ${p.shown})`,
  unknownKeys: (p: { where: string; hints: string }) => `- ${p.where}: unknown key(s) ${p.hints}`,
  didYouMean: (p: { key: string; near: string }) => `"${p.key}" — did you mean "${p.near}"?`,
  issue: (p: { where: string; message: string; value: string }) => `- ${p.where}: ${p.message} (got ${p.value})`,
  /** The schema's own messages (`schema.ts` uses the English text; the pt-BR catalogue translates them by key). */
  schema: {
    region: 'a region name such as us-east-1',
    oneCandidate: 'at least one candidate model',
    weightsZero: 'the weights sum to 0: give at least one of quality, latency and cost a positive weight',
    marginPositive: 'a margin > 0 (a superiority test is a different question)',
  },
  /** One zod issue in words; English keeps zod's own message (`defaultMessage`). */
  zodIssue: (p: { issue: ZodIssueFields; defaultMessage: string }) => p.defaultMessage,
  classificationNeedsLabel: (p: { task: string }) =>
    `The task "${p.task}" is a classification task, so the dataset must say which column holds the true label.`,
  classificationNeedsLabelFix: 'set dataset.columns.label (e.g. "category").',
  recordAndReplay: (p: { record: string; replay: string }) => `Both ${p.record} and ${p.replay} are set: a run either records or replays.`,
  recordAndReplayFix: 'unset one of them.',
  recordNeedsAws: (p: { record: string; backend: string }) =>
    `${p.record} asks to record, but backend is "${p.backend}": a cassette records real Bedrock calls.`,
  recordNeedsAwsFix: 'set "backend": "aws" (or WORKSHOP_BACKEND=aws) with AWS credentials, or unset the recording.',
  replayNeedsLocal: (p: { replay: string; backend: string }) =>
    `${p.replay} asks to replay a cassette, but backend is "${p.backend}": a replay is served by the local endpoint.`,
  replayNeedsLocalFix: 'set "backend": "local" (or WORKSHOP_BACKEND=local), or unset the replay.',
  recordedNeedsColumns: (p: { shown: string }) =>
    `models.source.kind is "recorded" in ${p.shown}, so the dataset must say where the source model's answers and latencies are.`,
  recordedNeedsColumnsFix: 'set dataset.columns.sourceResponse and dataset.columns.sourceLatencyMs.',
  duplicateModel: (p: { model: string; shown: string }) =>
    `The model "${p.model}" appears twice in ${p.shown} (models.source / models.candidates).`,
  duplicateModelFix: 'list each model once.',
  envNotNumber: (p: { name: string; raw: string }) => `Environment variable ${p.name}=${p.raw} is not a number.`,
  envNotNumberFix: 'set a number, or unset it to use workshop.config.json.',
  envNotBoolean: (p: { name: string; raw: string }) => `Environment variable ${p.name}=${p.raw} is not true/false.`,
  envNotBooleanFix: 'use true or false.',
  badLanguage: (p: { setting: string; value: string; languages: string }) =>
    `${p.setting} is ${p.value}, which is not a language of the workshop (${p.languages}).`,
  badLanguageFixExact: (p: { near: string }) => `write it exactly "${p.near}".`,
  badLanguageFix: (p: { setting: string; languages: string }) => `set ${p.setting} to one of ${p.languages}, or leave it unset.`,
};
