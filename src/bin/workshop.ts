#!/usr/bin/env node
/**
 * `npm run workshop [-- 03 …]`: the project's main job. Runs the five notebooks in order,
 * headless, with Node.js alone, on the local endpoint unless configured otherwise, and
 * writes each executed notebook to outputs/executed/. Stops at the first failing cell with
 * a non-zero exit naming the notebook, the cell and the error.
 *
 *   npm run workshop                      all five steps
 *   npm run workshop -- 03                one step, by number…
 *   npm run workshop -- latency 04_quality  …or by name; several are run in order
 *   --notebooks-dir D (or WORKSHOP_NOTEBOOKS_DIR)   another folder of <step>/<step>.ipynb
 *   --answers                             also run every "Try it" exercise's worked answer
 *   --verbose                             also print the failing cell's JavaScript stack
 *   WORKSHOP_EXECUTED_DIR                 where executed notebooks go
 *
 * Exit codes: 0 every existing selected notebook ran (missing ones are "not built yet"),
 * 1 a cell failed, 2 bad usage.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureWritableDir, listDir, readTextUtf8 } from '../core/files';
import { findChromium } from '../core/browser';
import { displayPath, repoPath } from '../core/paths';
import { runNotebook, type RunResult } from '../workshop/runner';
import { WorkshopError } from '../core/errors';
import { editionLanguage, m, setLanguage } from '../core/i18n';

/** The workshop's steps: folder `notebooks/<step>/` holds `<step>.ipynb`. */
export const STEPS = ['01_setup', '02_tracking', '03_latency', '04_quality', '05_compare'];

const usage = () => m().errors.cli.workshopUsage;

/** `paths.outputs` of workshop.config.json (default `outputs`), without validating the whole file. */
function readOutputsDir(): string {
  try {
    const config = JSON.parse(readTextUtf8(repoPath(process.env.WORKSHOP_CONFIG ?? 'workshop.config.json'))) as {
      paths?: { outputs?: string };
    };
    return config.paths?.outputs ?? 'outputs';
  } catch {
    return 'outputs';
  }
}

/** The steps named on the command line (by number, name or folder), in workshop order. */
function selectSteps(args: string[], steps: string[]): string[] {
  if (args.length === 0) return steps;
  const chosen = args.map((arg) => {
    const match = steps.find(
      (s) => s === arg || (/^\d+$/.test(arg) && s.startsWith(`${arg.padStart(2, '0')}_`)) || s.slice(s.indexOf('_') + 1) === arg,
    );
    if (!match)
      throw new WorkshopError(m().errors.cli.unknownStep({ step: arg }), {
        fix: m().errors.cli.unknownStepFix({ steps: steps.join(', ') }),
      });
    return match;
  });
  return steps.filter((s) => chosen.includes(s));
}

function parseArgs(argv: string[]): { steps: string[]; notebooksDir?: string; verbose: boolean; answers: boolean } {
  const steps: string[] = [];
  let verbose = false;
  let answers = false;
  let notebooksDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(usage());
      process.exit(0);
    } else if (arg === '--verbose' || arg === '-v') {
      verbose = true;
    } else if (arg === '--answers') {
      answers = true;
    } else if (arg === '--notebooks-dir') {
      notebooksDir = argv[++i];
      if (!notebooksDir)
        throw new WorkshopError(m().errors.cli.needsFolder({ flag: '--notebooks-dir', usage: usage() }), {
          fix: m().errors.cli.needsFolderFix({ flag: '--notebooks-dir' }),
        });
    } else if (arg.startsWith('--notebooks-dir=')) {
      notebooksDir = arg.slice('--notebooks-dir='.length);
    } else if (arg.startsWith('-')) {
      throw new WorkshopError(m().errors.cli.unknownOption({ option: arg, usage: usage() }), {
        fix: m().errors.cli.unknownOptionWorkshopFix,
      });
    } else {
      steps.push(arg);
    }
  }
  return { steps, notebooksDir, verbose, answers };
}

async function main(): Promise<number> {
  setLanguage(editionLanguage()); // WORKSHOP_LANGUAGE: usage errors in the edition's language
  // 1. Which notebooks: the five steps plus any other NN_name folder found.
  const args = parseArgs(process.argv.slice(2));
  const notebooksDir = path.resolve(args.notebooksDir ?? process.env.WORKSHOP_NOTEBOOKS_DIR ?? repoPath('notebooks'));
  const outDir = process.env.WORKSHOP_EXECUTED_DIR ? path.resolve(process.env.WORKSHOP_EXECUTED_DIR) : repoPath('outputs', 'executed');
  const found = existsSync(notebooksDir)
    ? listDir(notebooksDir, { what: 'the notebooks folder', setting: '--notebooks-dir' }).filter((d) => /^\d\d_/.test(d))
    : [];
  const selected = selectSteps(args.steps, [...new Set([...STEPS, ...found])].sort());
  ensureWritableDir(outDir, process.env.WORKSHOP_EXECUTED_DIR ? 'WORKSHOP_EXECUTED_DIR' : 'paths.outputs');

  // 2. Run them in order; a missing notebook is "not built yet", a failing cell stops the run.
  console.log(
    `Bedrock migration workshop — ${selected.length} step(s), headless${args.answers ? ', with the "Try it" worked answers' : ''}; executed notebooks go to ${displayPath(outDir)}/`,
  );
  const results: { step: string; result: RunResult | null }[] = [];
  for (const step of selected) {
    const file = path.join(notebooksDir, step, `${step}.ipynb`);
    if (!existsSync(file)) {
      console.log(`\n[${step}] not built yet — ${displayPath(file)} does not exist.`);
      results.push({ step, result: null });
      continue;
    }
    console.log(`\n[${step}] ${displayPath(file)}`);
    const result = await runNotebook(file, {
      outFile: path.join(outDir, `${step}.ipynb`),
      answers: args.answers,
      onProgress: (p) => console.log(`[${step}] cell ${p.done}/${p.total} (${p.id}) ${p.ok ? '✓' : '✗'} ${(p.ms / 1000).toFixed(1)}s`),
      onCellProgress: (line) => console.log(`[${step}]   ${line}`),
    });
    results.push({ step, result });
    if (!result.ok) {
      console.error(`\n✗ ${result.message}\nThe outputs up to that cell are in ${displayPath(result.outFile)}.`);
      if (args.verbose && result.traceback) console.error(`\nWhat the kernel printed (with the JavaScript stack):\n${result.traceback}`);
      else if (result.traceback) console.error('(Run with --verbose to see the JavaScript stack.)');
      break;
    }
  }

  // 3. Summary table.
  console.log('\nSummary');
  for (const { step, result } of results) {
    const status =
      result === null
        ? 'not built yet'
        : result.ok
          ? `ok      ${String(result.cells).padStart(3)} code cells  ${(result.ms / 1000).toFixed(1).padStart(6)} s`
          : `FAILED  at code cell ${result.failedCellNumber ?? '?'} (${result.failedCellId ?? 'start-up'})`;
    console.log(`  ${step.padEnd(14)} ${status}`);
  }
  for (const step of selected.slice(results.length)) console.log(`  ${step.padEnd(14)} not run (an earlier step failed)`);

  // 4. Where to look next: the report (when step 5 ran) and the executed notebooks.
  const outputsDir = path.resolve(repoPath(), process.env.WORKSHOP_OUTPUTS_DIR ?? readOutputsDir());
  const report = path.join(outputsDir, 'report.html');
  const compareRan = results.some((r) => r.step === '05_compare' && r.result?.ok);
  console.log(`\nExecuted notebooks: ${displayPath(outDir)}/`);
  if (compareRan && existsSync(report)) {
    console.log(`Report: ${displayPath(report)}  (open it in a browser)`);
    // The PDF is printed by notebook 05 with headless Chromium; without Chromium the HTML report is complete.
    const pdf = path.join(outputsDir, 'report.pdf');
    if (existsSync(pdf) && statSync(pdf).mtimeMs >= statSync(report).mtimeMs) console.log(`PDF:    ${displayPath(pdf)}`);
    else if (!findChromium())
      console.log(
        'PDF:    not printed — Chromium is not installed here (Debian/Ubuntu: `sudo apt-get install chromium`, or set CHROMIUM_PATH); the HTML report is complete.',
      );
  }
  return results.some((r) => r.result && !r.result.ok) ? 1 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: Error) => {
    console.error(`workshop: ${error.message}`);
    process.exit(2);
  });
