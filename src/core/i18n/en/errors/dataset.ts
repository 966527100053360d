/** The dataset's errors (`core/dataset`): the file, its format, its columns, its rows (English). */
export const dataset = {
  jsonlLine: (p: { shown: string; line: number; message: string }) => `${p.shown}, line ${p.line} is not valid JSON (${p.message}).`,
  jsonlNotObject: (p: { shown: string; line: number }) => `${p.shown}, line ${p.line} is not a JSON object.`,
  jsonlFix: 'one JSON object per line.',
  /** Who chose the dataset's path, as the messages name it. */
  setByEnv: 'the environment variable WORKSHOP_DATASET',
  setByConfig: 'dataset.path in workshop.config.json',
  changeConfig: 'dataset.path',
  notFound: (p: { shown: string; setting: string }) => `The dataset ${p.shown} does not exist (set by ${p.setting}).`,
  notFoundFix: (p: { change: string }) => `check the path (relative to the repository root), or change ${p.change}.`,
  kindFifo: 'a named pipe (FIFO)',
  kindCharDevice: 'a character device (such as /dev/zero, /dev/stdin or a terminal)',
  kindBlockDevice: 'a block device (a disk)',
  kindSocket: 'a socket',
  kindOther: 'not a regular file',
  notRegular: (p: { shown: string; setting: string; kind: string }) =>
    `The dataset ${p.shown} (set by ${p.setting}) is ${p.kind}, not a regular file: it could be endless, so it is not read.`,
  notRegularFix: (p: { change: string }) => `save the data to a .csv, .jsonl or .xlsx file and point ${p.change} at it.`,
  megabytes: (p: { mb: string }) => `${p.mb} MB`,
  over4Gb: 'more than 4 GB',
  sizeIs: (p: { size: string }) => `is ${p.size}`,
  sizeUnpacks: (p: { size: string }) => `unpacks to ${p.size} of spreadsheet data (an .xlsx is a compressed archive)`,
  sizeGrew: (p: { size: string }) => `grew to at least ${p.size} while it was read`,
  tooBig: (p: { shown: string; what: string; max: number }) =>
    `The dataset ${p.shown} ${p.what}, over the limit of ${p.max} MB (dataset.maxMegabytes).`,
  tooBigFix:
    'raise dataset.maxMegabytes in workshop.config.json if this machine has the memory (the README\'s "Scale-out" section gives the peak measured for a 1,000,000-row file), or use a sample of the rows (a few thousand documents are plenty to compare models; one batch job takes at most 50,000 records).',
  empty: (p: { shown: string }) => `The dataset ${p.shown} is empty.`,
  emptyFix: (p: { column: string }) => `add rows with a "${p.column}" column, or point dataset.path at another file.`,
  csvFix:
    'check the quoting around that row (fields with commas or line breaks must be in double quotes), and give every column a unique name.',
  noRows: (p: { shown: string }) => `The dataset ${p.shown} has a header but no rows.`,
  noRowsFix: 'add at least one document.',
  noColumn: (p: { shown: string; column: string; setting: string; found: string }) =>
    `The dataset ${p.shown} has no column "${p.column}" (${p.setting}). Columns found: ${p.found}.`,
  noColumnFix: (p: { setting: string }) => `rename the column in the file or change ${p.setting} in workshop.config.json.`,
  /** "row(s) 3, 7" or "line(s) 2" (JSON Lines), "… and 4 more". */
  rows: (p: { jsonl: boolean; list: string }) => `${p.jsonl ? 'line' : 'row'}(s) ${p.list}`,
  andMore: (p: { count: number }) => ` and ${p.count} more`,
  emptyDocuments: (p: { shown: string; column: string; rows: string }) =>
    `The dataset ${p.shown} has empty "${p.column}" cells at ${p.rows}.`,
  emptyDocumentsFix: 'fill them in or delete those rows.',
  badLatency: (p: { shown: string; column: string; rows: string }) =>
    `The dataset ${p.shown} has non-numeric "${p.column}" values at ${p.rows}.`,
  badLatencyFix: 'latencies in milliseconds, as plain numbers.',
  emptyLabels: (p: { shown: string; column: string; rows: string }) =>
    `The dataset ${p.shown} has empty "${p.column}" (label) cells at ${p.rows}: a classification task needs the true label of every row.`,
  emptyLabelsFix: 'fill them in, or delete those rows.',
  unknownLabels: (p: { shown: string; labels: string; values: string; rows: string }) =>
    `The dataset ${p.shown} has labels that are not among the task's labels (${p.labels}): ${p.values} at ${p.rows}.`,
  unknownLabelsFix: (p: { taskFile: string }) =>
    `correct those cells, or add the labels to "labels" in ${p.taskFile} (the prompt offers exactly those).`,
  factsNoRows: 'datasetFacts needs at least one row.',
  factsNoRowsFix: 'load a dataset with at least one document.',
};
