/**
 * The scale-out path on a large dataset (`npm run bench`, item 5): the shipped 10-document
 * sample repeated to `documents` rows (each made distinct by a case number), then
 *   1. loading the dataset and the migration plan,
 *   2. step 2's estimate (CountTokens capped at `plan.countTokensMaxPrompts` per model, the
 *      rest scaled; the judge's calls priced),
 *   3. the batch-inference job files of every model (JSONL records + the checked request),
 *   4. the emulated batch job of one candidate (every record through the local endpoint's
 *      InvokeModel/Converse, latency scale 0) and
 *   5. its import into step-3 result rows,
 * each timed, with the process's peak resident memory. Offline and emulated: it measures
 * this project's code on many documents, not Bedrock.
 *
 * `npm run bench` runs it in a process of its own (`benchScaleOutInChild`): the peak is then
 * the scale-out path's, not the earlier bench items' (a process's peak never comes down), and
 * the TypeScript is compiled in the process's own thread (`--require tsx/cjs`) — `--import tsx`
 * adds a module-loader thread with a heap of its own (≈ 45 MB) that an attendee's kernel, which
 * runs the compiled `dist/`, does not have.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCsv, formatCsv } from '../src/core/csv';
import { AtomicFileWriter } from '../src/core/files';
import { openSession } from '../src/runs/session';
import { importBatchOutput, prepareBatchJobs, runEmulatedBatch } from '../src/steps/batch/run';
import { estimateMigrationCost, loadMigrationPlan } from '../src/steps/plan/migration-plan';

export interface ScaleOutBench {
  documents: number;
  seconds: { loadDataset: number; plan: number; prepareJobs: number; emulatedRun: number; import: number };
  jobs: number;
  importedRows: number;
  /** Models whose prompts CountTokens counted (up to the cap, the rest scaled). */
  countTokensModels: number;
  peakRssMb: number;
}

/** The sample, repeated to `documents` rows, as a CSV in a scratch folder (written 1,000 rows at a time). */
function largeDataset(dir: string, documents: number): string {
  const sample = parseCsv(readFileSync(path.resolve(__dirname, '..', 'data', 'document_sample_10.csv'), 'utf8'));
  const file = path.join(dir, `documents_${documents}.csv`);
  const header = formatCsv(sample.columns, []);
  const out = new AtomicFileWriter(file);
  out.write(header);
  for (let start = 0; start < documents; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, documents - start) }, (_, k) => {
      const i = start + k;
      const row = { ...sample.rows[i % sample.rows.length] };
      row.document = `${row.document} (Case ${i + 1}.)`;
      return row;
    });
    out.write(formatCsv(sample.columns, rows).slice(header.length));
  }
  out.commit();
  return file;
}

export async function benchScaleOut(documents = 20_000): Promise<ScaleOutBench> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-scale-'));
  const dataset = largeDataset(dir, documents);
  const seconds = (t0: number) => (performance.now() - t0) / 1000;
  let t0 = performance.now();
  const session = await openSession({
    step: 1,
    env: {
      WORKSHOP_TRACKING_FILE: path.join(dir, 't.csv'),
      WORKSHOP_OUTPUTS_DIR: path.join(dir, 'out'),
      WORKSHOP_DATASET: dataset,
      LOCAL_BEDROCK_LATENCY_SCALE: '0',
    },
  });
  try {
    const plan = await loadMigrationPlan(session);
    const loadDataset = seconds(t0);
    t0 = performance.now();
    const estimate = await estimateMigrationCost(session, plan);
    const planS = seconds(t0);
    t0 = performance.now();
    const jobs = prepareBatchJobs(session, plan.dataset.rows);
    const prepareJobs = seconds(t0);
    const job = jobs.find((j) => j.role === 'candidate' && j.status === 'written');
    if (!job) throw new Error('no candidate batch job was written');
    t0 = performance.now();
    const run = await runEmulatedBatch(session, job);
    const emulatedRun = seconds(t0);
    t0 = performance.now();
    const imported = importBatchOutput(session, job, run);
    const importS = seconds(t0);
    return {
      documents: plan.dataset.rows.length,
      seconds: { loadDataset, plan: planS, prepareJobs, emulatedRun, import: importS },
      jobs: jobs.filter((j) => j.status === 'written').length,
      importedRows: imported.rows.length,
      countTokensModels: estimate.plans.filter((p) => p.tokenMethod !== null && p.tokenMethod !== 'estimate').length,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `benchScaleOut` in a child process (see the module comment); its result, as the child printed it. */
export function benchScaleOutInChild(documents = 20_000): Promise<ScaleOutBench> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--require', 'tsx/cjs', __filename, String(documents)],
      {
        cwd: path.resolve(__dirname, '..'),
        maxBuffer: 1024 * 1024,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`the scale-out bench process failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as ScaleOutBench);
      },
    );
  });
}

if (require.main === module)
  benchScaleOut(Number(process.argv[2] ?? 20_000)).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
