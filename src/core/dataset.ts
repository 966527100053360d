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
import type * as pl from 'nodejs-polars';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { statSync, type Stats } from 'node:fs';
import { WorkshopError } from './errors';
import { m } from './i18n/messages';
import { parseCsv } from './csv';
import { readXlsx, xlsxUnpackedBytes } from './xlsx';
import { normalizeLabel } from './text-metrics/classification';
import { decodeUtf8, fileError, readBytesBounded } from './files';
import { displayPath, repoPath } from './paths';
import { estimateTokens } from './tokens';
import { DATASET_MAX_MEGABYTES, type DatasetColumns, type WorkshopConfig } from './config';

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
  /** Every column of the file as text (nodejs-polars), for people who fork the notebooks; built when first read. */
  readonly frame: pl.DataFrame;
  warnings: string[];
}

export interface DatasetSpec {
  path: string;
  columns: Partial<DatasetColumns> & { document: string };
  /** Excel workbooks: the sheet to read (needed when there are several). */
  sheet?: string | null;
  /** Largest file read, in MB (default `DATASET_MAX_MEGABYTES`). */
  maxMegabytes?: number;
}
const MB = 1024 * 1024;

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
      throw new WorkshopError(m().errors.dataset.jsonlLine({ shown, line: i + 1, message: (err as Error).message }), {
        fix: m().errors.dataset.jsonlFix,
      });
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new WorkshopError(m().errors.dataset.jsonlNotObject({ shown, line: i + 1 }), { fix: m().errors.dataset.jsonlFix });
    records.push(
      Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v)]),
      ),
    );
  });
  return records;
}

/** Only whitespace (ASCII) and a byte order mark, or nothing: an empty file. */
function isBlank(bytes: Buffer): boolean {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0b && b !== 0x0c) return false;
  }
  return true;
}

/** What a non-regular file is, in words. */
function fileKind(stat: Stats): string {
  const msg = m().errors.dataset;
  if (stat.isFIFO()) return msg.kindFifo;
  if (stat.isCharacterDevice()) return msg.kindCharDevice;
  if (stat.isBlockDevice()) return msg.kindBlockDevice;
  if (stat.isSocket()) return msg.kindSocket;
  return msg.kindOther;
}

/** Load and validate a dataset from a config (or an explicit path and column mapping). */
export async function loadDataset(spec: WorkshopConfig | DatasetSpec): Promise<Dataset> {
  const ds: DatasetSpec = 'dataset' in spec ? spec.dataset : spec;
  const file = repoPath(ds.path);
  const shown = displayPath(file);
  const ext = path.extname(file).toLowerCase();
  const format: Dataset['format'] = ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : ext === '.xlsx' || ext === '.xls' ? 'xlsx' : 'csv';
  const msg = m().errors.dataset;
  const byEnv = 'source' in spec && spec.source.envOverrides.includes('WORKSHOP_DATASET');
  const pathSetting = byEnv ? msg.setByEnv : msg.setByConfig;
  const pathKey = byEnv ? 'WORKSHOP_DATASET' : 'dataset.path';
  const change = byEnv ? msg.setByEnv : msg.changeConfig;
  const maxMegabytes = ds.maxMegabytes ?? DATASET_MAX_MEGABYTES;

  // 1. the file: it exists, is a regular file (stat first: a device or a pipe is never read) and is within the size limit.
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) {
    throw new WorkshopError(msg.notFound({ shown, setting: pathSetting }), {
      fix: msg.notFoundFix({ change }),
      file,
      key: pathKey,
    });
  }
  const role = { what: 'the dataset', setting: pathKey };
  if (stat.isDirectory()) throw fileError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), 'read', file, role);
  const notRegular = (st: Stats): never => {
    throw new WorkshopError(msg.notRegular({ shown, setting: pathSetting, kind: fileKind(st) }), {
      fix: msg.notRegularFix({ change }),
      file,
      key: pathKey,
    });
  };
  if (!stat.isFile()) notRegular(stat);
  const megabytes = (bytes: number) => (Number.isFinite(bytes) ? msg.megabytes({ mb: (bytes / MB).toFixed(1) }) : msg.over4Gb);
  const tooBig = (what: string): never => {
    throw new WorkshopError(msg.tooBig({ shown, what, max: maxMegabytes }), {
      fix: msg.tooBigFix,
      file,
      key: 'dataset.maxMegabytes',
    });
  };
  if (stat.size > maxMegabytes * MB) tooBig(msg.sizeIs({ size: megabytes(stat.size) }));

  // 2. read the text (UTF-8 checked) and parse it.
  let records: Record<string, string | null>[];
  let columns: string[];
  let sheet: string | null = null;
  if (format === 'xlsx') {
    const unpacked = ext === '.xlsx' ? xlsxUnpackedBytes(file) : null;
    if (unpacked !== null && unpacked > maxMegabytes * MB) tooBig(msg.sizeUnpacks({ size: megabytes(unpacked) }));
    ({ columns, rows: records, sheet } = await readXlsx(file, { sheet: ds.sheet }));
  } else {
    const bytes = readBytesBounded(
      file,
      maxMegabytes * MB,
      {
        notRegular,
        tooLarge: (n) => tooBig(msg.sizeGrew({ size: megabytes(n) })),
      },
      role,
    );
    // UTF-8 checked without building the text (a CSV is parsed from its bytes: never one string of the file's size).
    if (!isUtf8(bytes)) decodeUtf8(bytes, file, role); // throws, naming the line and byte
    if (isBlank(bytes))
      throw new WorkshopError(msg.empty({ shown }), {
        fix: msg.emptyFix({ column: ds.columns.document }),
        file,
        key: pathKey,
      });
    if (format === 'jsonl') {
      records = parseJsonl(decodeUtf8(bytes, file, role), shown);
      const names = new Set<string>();
      for (const r of records) for (const k in r) names.add(k);
      columns = [...names];
    } else {
      ({ columns, rows: records } = parseCsv(bytes, {
        file,
        fix: msg.csvFix,
      }));
    }
  }
  if (records.length === 0) throw new WorkshopError(msg.noRows({ shown }), { fix: msg.noRowsFix, file, key: pathKey });

  // 3. every mapped column must exist.
  for (const [key, setting] of Object.entries(COLUMN_KEYS) as [keyof DatasetColumns, string][]) {
    const col = ds.columns[key];
    if (col && !columns.includes(col)) {
      throw new WorkshopError(msg.noColumn({ shown, column: col, setting, found: columns.join(', ') }), {
        fix: msg.noColumnFix({ setting }),
        file,
        key: setting,
        column: col,
      });
    }
  }

  // 4. build rows; empty documents are errors, listed by row number.
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
  const jsonl = format === 'jsonl';
  const lineNo = (n: number) => (jsonl ? n - 1 : n);
  if (empty.length > 0) {
    throw new WorkshopError(
      msg.emptyDocuments({ shown, column: ds.columns.document, rows: msg.rows({ jsonl, list: empty.map(lineNo).join(', ') }) }),
      { fix: msg.emptyDocumentsFix, file, column: ds.columns.document, row: lineNo(empty[0]) },
    );
  }
  if (badLatency.length > 0) {
    throw new WorkshopError(
      msg.badLatency({
        shown,
        column: ds.columns.sourceLatencyMs ?? '',
        rows: msg.rows({ jsonl, list: badLatency.map(lineNo).join(', ') }),
      }),
      { fix: msg.badLatencyFix, file, column: ds.columns.sourceLatencyMs ?? undefined, row: lineNo(badLatency[0]) },
    );
  }
  if (ds.columns.reference && rows.some((r) => r.reference === null)) {
    warnings.push(`${rows.filter((r) => r.reference === null).length} row(s) have no reference answer: reference metrics skip them.`);
  }
  // 5. a classification task's labels: every row has one, and each is one of the task's labels.
  const task = 'taskSpec' in spec ? spec.taskSpec : null;
  if (task?.kind === 'classification' && ds.columns.label) {
    const where = (n: number[]) =>
      msg.rows({ jsonl, list: `${n.slice(0, 10).map(lineNo).join(', ')}${n.length > 10 ? msg.andMore({ count: n.length - 10 }) : ''}` });
    const missing = rows.filter((r) => r.label === null).map((r) => r.index + 1);
    if (missing.length)
      throw new WorkshopError(msg.emptyLabels({ shown, column: ds.columns.label, rows: where(missing) }), {
        fix: msg.emptyLabelsFix,
        file,
        column: ds.columns.label,
      });
    const known = new Set((task.labels ?? []).map(normalizeLabel));
    const unknown = rows.filter((r) => r.label !== null && !known.has(normalizeLabel(r.label)));
    if (unknown.length) {
      const values = [...new Set(unknown.map((r) => r.label))]
        .slice(0, 5)
        .map((v) => `"${v}"`)
        .join(', ');
      throw new WorkshopError(
        msg.unknownLabels({ shown, labels: (task.labels ?? []).join(', '), values, rows: where(unknown.map((r) => r.index + 1)) }),
        {
          fix: msg.unknownLabelsFix({ taskFile: displayPath(task.file) }),
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
  // 6. every column as text, for the data frame built when first asked for (a large dataset does not pay for it otherwise).
  return withLazyFrame({ file, format, sheet, columns, rows, warnings }, columnValues(columns, records));
}

/** Each column's cells, in order (null for an empty cell). */
function columnValues(columns: string[], records: Record<string, string | null>[]): (string | null)[][] {
  return columns.map((c) => records.map((r) => r[c] ?? null));
}

/**
 * The dataset with its `frame` built on first read. Its own function, so the getter keeps
 * only the column arrays alive — not the parsed records of `loadDataset`.
 */
function withLazyFrame(dataset: Omit<Dataset, 'frame'>, values: (string | null)[][]): Dataset {
  let frame: pl.DataFrame | null = null;
  return Object.defineProperty(dataset, 'frame', {
    enumerable: true,
    get: () => {
      if (!frame) {
        // nodejs-polars (a native library, about 20 MB of memory) is loaded only by those who use the frame.
        const polars = require('nodejs-polars') as typeof pl;
        frame = polars.DataFrame(Object.fromEntries(dataset.columns.map((c, i) => [c, values[i]])), {
          schema: Object.fromEntries(dataset.columns.map((c) => [c, polars.Utf8])),
        });
      }
      return frame;
    },
  }) as Dataset;
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

/**
 * Row count and token lengths (estimated with `estimateTokens`), in one pass: no array of
 * the dataset's size is built or spread, so a million rows are fine.
 */
export function datasetFacts(rows: DatasetRow[]): DatasetFacts {
  if (rows.length === 0) throw new WorkshopError(m().errors.dataset.factsNoRows, { fix: m().errors.dataset.factsNoRowsFix });
  let docSum = 0;
  let docMin = Infinity;
  let docMax = -Infinity;
  let refSum = 0;
  let refs = 0;
  for (const r of rows) {
    const t = estimateTokens(r.document);
    docSum += t;
    if (t < docMin) docMin = t;
    if (t > docMax) docMax = t;
    if (r.reference !== null) {
      refSum += estimateTokens(r.reference);
      refs++;
    }
  }
  return {
    rows: rows.length,
    document_tokens_mean: Math.round(docSum / rows.length),
    document_tokens_min: docMin,
    document_tokens_max: docMax,
    reference_tokens_mean: refs ? Math.round(refSum / refs) : null,
    with_reference: refs,
  };
}
