/**
 * Datasets: the documents we run through every model, with their reference answers.
 *
 * A dataset is a CSV or JSON Lines file, UTF-8, with one row per document. A column
 * mapping says which columns hold what (workshop defaults: `document` and
 * `referenceResponse`; optional `label` for classification, and the source model's
 * recorded answers/latencies when it is an outside model). Problems are reported with the
 * file, the row (as a spreadsheet numbers it, the header being row 1) and the setting to
 * change.
 */
import * as pl from 'nodejs-polars';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { WorkshopError } from './errors';
import { parseCsv } from './csv';
import { readXlsx } from './xlsx';
import { normalizeLabel } from './text-metrics/classification';
import { readTextUtf8 } from './files';
import { displayPath, repoPath } from './paths';
import { estimateTokens } from './tokens';
import type { DatasetColumns, WorkshopConfig } from './config';

export interface DatasetRow {
  /** 1-based position among the data rows. */
  index: number;
  document: string;
  reference: string | null;
  label: string | null;
  sourceResponse: string | null;
  sourceLatencyMs: number | null;
}

export interface Dataset {
  file: string;
  format: 'csv' | 'jsonl' | 'xlsx';
  /** The sheet read, for an Excel workbook. */
  sheet: string | null;
  columns: string[];
  rows: DatasetRow[];
  frame: pl.DataFrame;
  warnings: string[];
}

export interface DatasetSpec {
  path: string;
  columns: Partial<DatasetColumns> & { document: string };
  /** Excel workbooks: the sheet to read (needed when there are several). */
  sheet?: string | null;
}

const COLUMN_KEYS: Record<keyof DatasetColumns, string> = {
  document: 'dataset.columns.document',
  reference: 'dataset.columns.reference',
  label: 'dataset.columns.label',
  sourceResponse: 'dataset.columns.sourceResponse',
  sourceLatencyMs: 'dataset.columns.sourceLatencyMs',
};

function parseJsonl(text: string, shown: string): Record<string, string | null>[] {
  const records: Record<string, string | null>[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new WorkshopError(`${shown}, line ${i + 1} is not valid JSON (${(err as Error).message}).`, {
        fix: `one JSON object per line.`,
      });
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new WorkshopError(`${shown}, line ${i + 1} is not a JSON object.`, { fix: `one JSON object per line.` });
    records.push(
      Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v)]),
      ),
    );
  });
  return records;
}

/** Load and validate a dataset from a config (or an explicit path and column mapping). */
export async function loadDataset(spec: WorkshopConfig | DatasetSpec): Promise<Dataset> {
  const ds: DatasetSpec = 'dataset' in spec ? spec.dataset : spec;
  const file = repoPath(ds.path);
  const shown = displayPath(file);
  const ext = path.extname(file).toLowerCase();
  const format: Dataset['format'] = ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : ext === '.xlsx' || ext === '.xls' ? 'xlsx' : 'csv';

  // 1. read the text (UTF-8 checked) and parse it.
  if (!existsSync(file)) {
    const setting =
      'source' in spec && spec.source.envOverrides.includes('WORKSHOP_DATASET')
        ? 'the environment variable WORKSHOP_DATASET'
        : 'dataset.path in workshop.config.json';
    throw new WorkshopError(`The dataset ${shown} does not exist (set by ${setting}).`, {
      fix: `check the path (relative to the repository root), or change ${setting.replace(/ in workshop\.config\.json$/, '')}.`,
      file,
      key: setting.includes('WORKSHOP_DATASET') ? 'WORKSHOP_DATASET' : 'dataset.path',
    });
  }
  let records: Record<string, string | null>[];
  let columns: string[];
  let sheet: string | null = null;
  const pathSetting = 'source' in spec && spec.source.envOverrides.includes('WORKSHOP_DATASET') ? 'WORKSHOP_DATASET' : 'dataset.path';
  const text = format === 'xlsx' ? '' : readTextUtf8(file, { what: 'the dataset', setting: pathSetting });
  if (format !== 'xlsx' && !text.trim())
    throw new WorkshopError(`The dataset ${shown} is empty.`, {
      fix: `add rows with a "${ds.columns.document}" column, or point dataset.path at another file.`,
    });
  if (format === 'xlsx') {
    ({ columns, rows: records, sheet } = await readXlsx(file, { sheet: ds.sheet }));
  } else if (format === 'jsonl') {
    records = parseJsonl(text, shown);
    columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  } else {
    ({ columns, rows: records } = parseCsv(text, {
      file,
      fix: 'check the quoting around that row (fields with commas or line breaks must be in double quotes), and give every column a unique name.',
    }));
  }
  if (records.length === 0)
    throw new WorkshopError(`The dataset ${shown} has a header but no rows.`, { fix: `add at least one document.` });

  // 2. every mapped column must exist.
  for (const [key, setting] of Object.entries(COLUMN_KEYS) as [keyof DatasetColumns, string][]) {
    const col = ds.columns[key];
    if (col && !columns.includes(col)) {
      throw new WorkshopError(`The dataset ${shown} has no column "${col}" (${setting}). Columns found: ${columns.join(', ')}.`, {
        fix: `rename the column in the file or change ${setting} in workshop.config.json.`,
      });
    }
  }

  // 3. build rows; empty documents are errors, listed by row number.
  const warnings: string[] = [];
  const empty: number[] = [];
  const badLatency: number[] = [];
  const rows: DatasetRow[] = records.map((rec, i) => {
    const get = (key: keyof DatasetColumns) => {
      const col = ds.columns[key];
      const v = col ? rec[col] : null;
      return v === null || v === undefined || v.trim() === '' ? null : v;
    };
    const document = get('document');
    if (document === null) empty.push(i + 2);
    const latencyText = get('sourceLatencyMs');
    const latency = latencyText === null ? null : Number(latencyText);
    if (latencyText !== null && !Number.isFinite(latency)) badLatency.push(i + 2);
    return {
      index: i + 1,
      document: document ?? '',
      reference: get('reference'),
      label: get('label'),
      sourceResponse: get('sourceResponse'),
      sourceLatencyMs: latency,
    };
  });
  const rowWord = format === 'jsonl' ? 'line' : 'row';
  const lineNo = (n: number) => (format === 'jsonl' ? n - 1 : n);
  if (empty.length > 0) {
    throw new WorkshopError(
      `The dataset ${shown} has empty "${ds.columns.document}" cells at ${rowWord}(s) ${empty.map(lineNo).join(', ')}.`,
      { fix: `fill them in or delete those rows.` },
    );
  }
  if (badLatency.length > 0) {
    throw new WorkshopError(
      `The dataset ${shown} has non-numeric "${ds.columns.sourceLatencyMs}" values at ${rowWord}(s) ${badLatency.map(lineNo).join(', ')}.`,
      { fix: `latencies in milliseconds, as plain numbers.` },
    );
  }
  if (ds.columns.reference && rows.some((r) => r.reference === null)) {
    warnings.push(`${rows.filter((r) => r.reference === null).length} row(s) have no reference answer: reference metrics skip them.`);
  }
  // 4. a classification task's labels: every row has one, and each is one of the task's labels.
  const task = 'taskSpec' in spec ? spec.taskSpec : null;
  if (task?.kind === 'classification' && ds.columns.label) {
    const where = (n: number[]) =>
      `${rowWord}(s) ${n.slice(0, 10).map(lineNo).join(', ')}${n.length > 10 ? ` and ${n.length - 10} more` : ''}`;
    const missing = rows.filter((r) => r.label === null).map((r) => r.index + 1);
    if (missing.length)
      throw new WorkshopError(
        `The dataset ${shown} has empty "${ds.columns.label}" (label) cells at ${where(missing)}: a classification task needs the true label of every row.`,
        { fix: 'fill them in, or delete those rows.', file, column: ds.columns.label },
      );
    const known = new Set((task.labels ?? []).map(normalizeLabel));
    const unknown = rows.filter((r) => r.label !== null && !known.has(normalizeLabel(r.label)));
    if (unknown.length) {
      const values = [...new Set(unknown.map((r) => r.label))]
        .slice(0, 5)
        .map((v) => `"${v}"`)
        .join(', ');
      throw new WorkshopError(
        `The dataset ${shown} has labels that are not among the task's labels (${(task.labels ?? []).join(', ')}): ${values} at ${where(unknown.map((r) => r.index + 1))}.`,
        {
          fix: `correct those cells, or add the labels to "labels" in ${displayPath(task.file)} (the prompt offers exactly those).`,
          file,
          column: ds.columns.label,
        },
      );
    }
  }
  if (ds.columns.label) {
    const labels = new Set(rows.map((r) => r.label).filter((l) => l !== null));
    if (labels.size === 1)
      warnings.push(`The label column "${ds.columns.label}" has a single class (${[...labels][0]}): accuracy will not tell models apart.`);
  }
  const frame = pl.DataFrame(
    records.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))),
    { schema: Object.fromEntries(columns.map((c) => [c, pl.Utf8])) },
  );
  return { file, format, sheet, columns, rows, frame, warnings };
}

/** A document's identity: a short hash of its text, so results survive a reordered dataset. */
export function documentId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

export interface DatasetFacts {
  rows: number;
  document_tokens_mean: number;
  document_tokens_min: number;
  document_tokens_max: number;
  reference_tokens_mean: number | null;
  with_reference: number;
}

/** Row count and token lengths (estimated with `estimateTokens`). */
export function datasetFacts(rows: DatasetRow[]): DatasetFacts {
  if (rows.length === 0)
    throw new WorkshopError('datasetFacts needs at least one row.', { fix: 'load a dataset with at least one document.' });
  const docTokens = rows.map((r) => estimateTokens(r.document));
  const refs = rows.filter((r) => r.reference !== null).map((r) => estimateTokens(r.reference as string));
  const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    rows: rows.length,
    document_tokens_mean: mean(docTokens),
    document_tokens_min: Math.min(...docTokens),
    document_tokens_max: Math.max(...docTokens),
    reference_tokens_mean: refs.length ? mean(refs) : null,
    with_reference: refs.length,
  };
}
