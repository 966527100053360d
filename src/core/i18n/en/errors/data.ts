/** The project's data files: task files, prompt templates, the model catalogue, the tracking CSV, cassettes, S3 URIs (English). */
export const data = {
  noTaskFile: (p: { shown: string; task: string }) => `There is no task file ${p.shown} for task "${p.task}".`,
  noTaskFileFix: (p: { tasks: string; shown: string }) =>
    `set "task" in workshop.config.json to one of ${p.tasks}, or write ${p.shown} (see docs/tasks.md).`,
  taskJson: (p: { shown: string; message: string }) => `The task file ${p.shown} is not valid JSON (${p.message}).`,
  taskJsonFix: 'correct the JSON, or restore it with git.',
  taskField: (p: { shown: string; field: string; message: string }) => `The task file ${p.shown}: ${p.field} — ${p.message}.`,
  taskFieldFix: 'correct that field (docs/tasks.md describes each).',
  topLevel: '(top level)',
  unknownPlaceholders: (p: { file: string; unknown: string; allowed: string }) =>
    `The prompt template ${p.file} uses unknown placeholder(s) ${p.unknown}. Allowed: ${p.allowed}.`,
  unknownPlaceholdersFix: 'correct the spelling in the file.',
  unusedInput: (p: { file: string; missing: string }) =>
    `The prompt template ${p.file} never uses ${p.missing}, so the model would not see the input.`,
  unusedInputFix: (p: { missing: string }) => `add ${p.missing} to the template where the text should go.`,
  template: 'the prompt template',
  templateFile: (p: { file: string }) => `the prompt template ${p.file}`,
  noValue: (p: { key: string; label: string; known: string }) => `No value for {{${p.key}}} in ${p.label} (known: ${p.known || 'none'}).`,
  noValueFix: (p: { key: string }) => `use one of the known placeholders in the template, or provide a value for {{${p.key}}}.`,
  catalogueJson: (p: { shown: string; message: string }) => `Cannot read the model catalogue ${p.shown}: ${p.message}.`,
  catalogueJsonFix: 'restore it with `git checkout data/model_catalog.json` or correct the JSON.',
  catalogueEntry: '(the entry)',
  catalogueUnknownFields: (p: { fields: string }) => `unknown field(s) ${p.fields} (a typo?)`,
  catalogueMissing: 'missing',
  catalogueGot: (p: { value: string }) => `got ${p.value}`,
  catalogueField: (p: { field: string; message: string; got: string }) => `"${p.field}": ${p.message} (${p.got})`,
  notCatalogue: (p: { shown: string; text: string }) => `The model catalogue ${p.shown} is not a catalogue: ${p.text}.`,
  notCatalogueFix: 'give it "about" and a "models" list (see git history of data/model_catalog.json).',
  catalogueNoModelId: (p: { entry: number }) => `entry ${p.entry} (no modelId)`,
  catalogueMore: (p: { count: number; fields: string }) => ` (and ${p.count} more: ${p.fields})`,
  catalogueInvalid: (p: { shown: string; model: string; text: string; more: string }) =>
    `The model catalogue ${p.shown}: model ${p.model} has an invalid ${p.text}${p.more}.`,
  catalogueInvalidFix: (p: { field: string; model: string; shown: string }) =>
    `correct "${p.field}" of ${p.model} in ${p.shown} — prices are USD per 1,000 tokens (null when unknown, with a note), dates YYYY-MM-DD; the file's "conventions" section describes every field.`,
  catalogueTwice: (p: { shown: string; name: string; owner: string; model: string }) =>
    `The model catalogue ${p.shown}: "${p.name}" appears twice (in ${p.owner} and ${p.model}).`,
  catalogueTwiceFix: 'list each model and each inference profile id once.',
  trackingFix: (p: { shown: string }) =>
    `correct it in a text editor, or delete ${p.shown} to start over — notebook 01 recreates it (the later notebooks then refill their columns).`,
  trackingNotNumber: (p: { shown: string; row: number; column: string; raw: string }) =>
    `${p.shown}, row ${p.row}, column "${p.column}": "${p.raw}" is not a number.`,
  trackingNotBoolean: (p: { shown: string; row: number; column: string; raw: string }) =>
    `${p.shown}, row ${p.row}, column "${p.column}": "${p.raw}" is not true/false.`,
  trackingNoModelColumn: (p: { shown: string; found: string }) => `${p.shown} has no "model" column (found: ${p.found}).`,
  trackingEmptyModel: (p: { shown: string; row: number }) => `${p.shown}, row ${p.row}: the "model" cell is empty.`,
  trackingModelTwice: (p: { shown: string; model: string; first: number; second: number }) =>
    `${p.shown}: model "${p.model}" appears twice (rows ${p.first} and ${p.second}).`,
  cassetteReplayFix: 're-record the cassette (docs/record-replay.md), or point cassette.replay (LOCAL_BEDROCK_REPLAY) at an intact copy',
  cassetteWhat: (p: { what: string }) => `the cassette's ${p.what}`,
  cassetteManifest: 'manifest',
  cassetteUnreadable: (p: { what: string; shown: string; missing: boolean; code: string }) =>
    `The cassette's ${p.what} ${p.shown} ${p.missing ? 'does not exist' : `cannot be read (${p.code})`}.`,
  cassetteUnreadableFix: (p: { manifest: string }) =>
    `point cassette.replay (LOCAL_BEDROCK_REPLAY) at a folder recorded with LOCAL_BEDROCK_RECORD (it holds ${p.manifest}).`,
  cassetteJson: (p: { what: string; shown: string; message: string }) =>
    `The cassette's ${p.what} ${p.shown} is not valid JSON (${p.message}).`,
  cassetteManifestInvalid: (p: { shown: string; format: string; version: number; field: string; message: string }) =>
    `The cassette's manifest ${p.shown} is not a ${p.format} version ${p.version} manifest: ${p.field}: ${p.message}.`,
  cassetteLineDamaged: (p: { shown: string; line: number; message: string }) =>
    `${p.shown} line ${p.line} is damaged or truncated: not valid JSON (${p.message}). A recording interrupted mid-write leaves a partial last line.`,
  cassetteLineDamagedFix: (p: { replayFix: string; line: number }) =>
    `${p.replayFix} — or delete line ${p.line} (that call then counts as not recorded).`,
  theLine: '(the line)',
  cassetteLineInvalid: (p: { shown: string; line: number; field: string; message: string }) =>
    `${p.shown} line ${p.line} is not a recorded call: ${p.field}: ${p.message}.`,
  cassetteLineInvalidFix: (p: { replayFix: string; line: number }) => `${p.replayFix} — or delete line ${p.line}.`,
  cassetteNoFolder: (p: { shown: string }) => `The cassette folder ${p.shown} does not exist (cassette.replay, or LOCAL_BEDROCK_REPLAY).`,
  cassetteNoFolderFix:
    'point it at a folder recorded with LOCAL_BEDROCK_RECORD (docs/record-replay.md) — relative paths start at the repository root.',
  cassetteMissingFile: (p: { name: string; shown: string }) => `The cassette's manifest lists ${p.name}, but ${p.shown} does not exist.`,
  cassetteRegion: (p: { shown: string; recorded: string; region: string }) =>
    `The cassette ${p.shown} was recorded in ${p.recorded}; this run calls ${p.region}. One cassette holds one region.`,
  cassetteRegionFix: 'record into a new folder (LOCAL_BEDROCK_RECORD), or set the region back.',
  cassetteNotEmpty: (p: { shown: string; manifest: string }) =>
    `${p.shown} is not empty and holds no cassette (${p.manifest}): recording there would mix a cassette with other files.`,
  cassetteNotEmptyFix: 'record into a new or empty folder (cassette.record, or LOCAL_BEDROCK_RECORD).',
  s3NotUri: (p: { uri: string }) => `"${p.uri}" is not an s3:// URI.`,
  s3NotUriFix: (p: { setting: string }) => `set ${p.setting} to s3://bucket/prefix.`,
  s3TheUri: 'the S3 URI',
  s3DotSegment: (p: { uri: string }) => `The S3 location ${p.uri} has a "." or ".." segment, which S3 keys here may not use.`,
  s3PlainFix: 'use a plain bucket/prefix/key.',
  s3LeavesRoot: (p: { uri: string }) => `The S3 location ${p.uri} leaves the local S3 folder.`,
};
