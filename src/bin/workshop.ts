#!/usr/bin/env node
/**
 * `npm run workshop [-- 03 …]`: the project's main job. Runs the five notebooks in order,
 * headless, with Node.js alone, on the local endpoint unless configured otherwise, and
 * writes each executed notebook to outputs/executed/. Stops at the first failing cell with
 * a non-zero exit naming the notebook, the cell and the error.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ensureWritableDir } from '../files';
import { displayPath, repoPath } from '../paths';
import { runNotebook, type RunResult } from '../workshop/runner';

export const STEPS = ['01_setup', '02_tracking', '03_latency', '04_quality', '05_compare'];

function selectSteps(args: string[], steps: string[]): string[] {
  if (args.length === 0) return steps;
  return args.map((arg) => {
    const match = steps.find((s) => s === arg || s.startsWith(`${arg.padStart(2, '0')}_`) || s.split('_')[1] === arg);
    if (!match) throw new Error(`Unknown step "${arg}". Use a number or a name: ${steps.join(', ')}.`);
    return match;
  });
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const notebooksDir = process.env.WORKSHOP_NOTEBOOKS_DIR ? path.resolve(process.env.WORKSHOP_NOTEBOOKS_DIR) : repoPath('notebooks');
  const outDir = process.env.WORKSHOP_EXECUTED_DIR ? path.resolve(process.env.WORKSHOP_EXECUTED_DIR) : repoPath('outputs', 'executed');
  const steps = existsSync(notebooksDir) ? readdirSync(notebooksDir).filter((d) => /^\d\d_/.test(d)).sort() : [];
  // The five workshop steps are always listed (a missing one is "not built yet"); a custom folder lists its own.
  const known = process.env.WORKSHOP_NOTEBOOKS_DIR ? steps : [...new Set([...STEPS, ...steps])].sort();
  const selected = selectSteps(args, known);
  ensureWritableDir(outDir);

  console.log(`Bedrock migration workshop — running ${selected.length} step(s) headless; executed notebooks go to ${displayPath(outDir)}/`);
  const results: { step: string; result: RunResult | null }[] = [];
  for (const step of selected) {
    const file = path.join(notebooksDir, step, `${step}.ipynb`);
    if (!existsSync(file)) {
      console.log(`\n[${step}] not built yet — ${displayPath(file)} does not exist (see the project's open issues).`);
      results.push({ step, result: null });
      continue;
    }
    console.log(`\n[${step}] ${displayPath(file)}`);
    const result = await runNotebook(file, {
      outFile: path.join(outDir, `${step}.ipynb`),
      onProgress: (p) => console.log(`[${step}] cell ${p.done}/${p.total} (${p.id}) ${p.ok ? '✓' : '✗'} ${(p.ms / 1000).toFixed(1)}s`),
      onCellProgress: (line) => console.log(`[${step}]   ${line}`),
    });
    results.push({ step, result });
    if (!result.ok) {
      console.error(`\n✗ ${step} failed at code cell ${result.failedCellId ?? `#${(result.failedCell ?? 0) + 1}`}:\n${result.error}\nThe outputs up to that cell are in ${displayPath(result.outFile)}.`);
      break;
    }
  }

  console.log('\nSummary');
  for (const { step, result } of results) {
    const status = result === null ? 'not built yet' : result.ok ? `ok (${result.cells} code cells, ${(result.ms / 1000).toFixed(1)} s)` : 'FAILED';
    console.log(`  ${step.padEnd(12)} ${status}`);
  }
  for (const step of selected.slice(results.length)) console.log(`  ${step.padEnd(12)} not run (an earlier step failed)`);
  return results.some((r) => r.result && !r.result.ok) ? 1 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: Error) => {
    console.error(`workshop: ${error.message}`);
    process.exit(2);
  });
