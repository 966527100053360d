/**
 * The report's page script (`report-app/what-if.ts`: the what-if controls), bundled by
 * esbuild into one browser script with the step-5 modules it runs — `decide.ts`,
 * `ranking.ts`, `cost.ts`, `cost-quality-figure.ts` and the core formatters — so the page
 * takes the decision with the very code notebook 05 uses, never a copy written for the
 * browser.
 *
 * `npm run build` writes the bundle next to the compiled library
 * (`dist/steps/compare/what-if.bundle.js`: this file run as a script); the report reads it from
 * there. Run from the TypeScript sources (tests under tsx) or with the file missing, it is
 * built on first use, in about a tenth of a second, and kept for the process.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readBytes, readTextUtf8, writeFileAtomic } from '../../core/files';
import { WorkshopError } from '../../core/errors';
import { m } from '../../core/i18n';
import { repoPath } from '../../core/paths';

/** The page script's source. */
export const REPORT_APP_ENTRY = repoPath('src', 'steps', 'compare', 'report-app', 'what-if.ts');
/** Where `npm run build` puts the bundle: beside this module once compiled. */
export const REPORT_APP_BUNDLE = path.join(__dirname, 'what-if.bundle.js');

let cached: string | null = null;

/** Bundle the page script with esbuild (an IIFE for browsers of the last few years, minified). */
export function buildReportApp(): string {
  if (!existsSync(REPORT_APP_ENTRY))
    throw new WorkshopError(m().errors.steps.reportScriptMissing({ file: REPORT_APP_ENTRY }), {
      fix: m().errors.steps.reportScriptMissingFix,
      file: REPORT_APP_ENTRY,
    });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const out = esbuild.buildSync({
    entryPoints: [REPORT_APP_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** The bundled page script: the built file when running from dist/, else built now (once per process). */
export function reportAppScript(): string {
  if (cached !== null) return cached;
  const fromDist = path.basename(path.dirname(path.dirname(__dirname))) === 'dist';
  cached =
    fromDist && existsSync(REPORT_APP_BUNDLE)
      ? readTextUtf8(REPORT_APP_BUNDLE, { what: "the report's page script (run `npm run build`)" })
      : buildReportApp();
  return cached;
}

/** `npm run build`: write the bundle beside the compiled library. */
export function writeReportAppBundle(file = REPORT_APP_BUNDLE): string {
  writeFileAtomic(file, buildReportApp());
  return file;
}

if (require.main === module) {
  const file = writeReportAppBundle();
  console.log(`report page script: ${path.relative(process.cwd(), file)} (${readBytes(file).length.toLocaleString('en-US')} bytes)`);
}
