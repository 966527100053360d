/**
 * The report's page script (`report-app/what-if.ts`: the what-if controls), bundled by
 * esbuild into one browser script with the step-5 modules it runs — `decide.ts`,
 * `ranking.ts`, `cost.ts`, `cost-quality-figure.ts` and the core formatters — so the page
 * takes the decision with the very code notebook 05 uses, never a copy written for the
 * browser.
 *
 * `npm run build` writes one bundle per language next to the compiled library
 * (`dist/steps/compare/what-if.bundle.<language>.js`: this file run as a script); the report
 * reads the one of its language from there. Run from the TypeScript sources (tests under tsx) or with the file missing, it is
 * built on first use, in about a tenth of a second, and kept for the process.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { readBytes, readTextUtf8, writeFileAtomic } from '../../core/files';
import { WorkshopError } from '../../core/errors';
import { LANGUAGES, m, type Language } from '../../core/i18n';
import { repoPath } from '../../core/paths';

/** The page script's source. */
export const REPORT_APP_ENTRY = repoPath('src', 'steps', 'compare', 'report-app', 'what-if.ts');
/** Where `npm run build` puts the bundle of a page in `language`: beside this module once compiled. */
export const reportAppBundleFile = (language: Language) => path.join(__dirname, `what-if.bundle.${language}.js`);

const cached = new Map<Language, string>();

/**
 * A page speaks one language, so its script carries that language's catalogue only: the
 * catalogue module (`core/i18n/messages.ts`) imports every language, and an esbuild plugin
 * replaces the others by a stand-in that refuses to be read, as it does the `views` area, which
 * the page never reads (a report stays within its 5 MB budget, plotly.js taking 4.8 of it). esbuild runs plugins only in its asynchronous API, and
 * the report is written synchronously: the bundling runs in a child process (this script,
 * given the language), about half a second, once per language and process.
 */
async function bundle(language: Language): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const onlyLanguage: Plugin = {
    name: 'only-the-page-language',
    setup(build) {
      build.onResolve({ filter: /^\.\/(en|pt-BR)$/ }, (args) => {
        const other = args.path.slice(2);
        if (other === language || !/[\\/]i18n[\\/]messages\.[jt]s$/.test(args.importer)) return undefined;
        return { path: other, namespace: 'other-language' };
      });
      // Nor does it read the views of steps 1–4 (`m().views`): that area is left out of every language too.
      build.onResolve({ filter: /^\.\/views$/ }, (args) =>
        /[\\/]i18n[\\/](en|pt-BR)[\\/]index\.[jt]s$/.test(args.importer) ? { path: 'views', namespace: 'left-out-area' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'left-out-area' }, () => ({
        contents: `export const views = new Proxy({}, { get: () => { throw new Error('The report page has no messages of steps 1–4 (m().views).'); } });`,
        loader: 'js',
      }));
      // Of the errors, the page can raise only step 5's own (the weights, the ranking) and the statistics': the others
      // (configuration, files, datasets, jobs, the command line…) are left out too.
      build.onResolve({ filter: /^\.\/errors\/(bedrock|cli|config|data|dataset|files|jobs|judge|runs|tables)$/ }, (args) =>
        /[\\/]i18n[\\/](en|pt-BR)[\\/]errors\.[jt]s$/.test(args.importer)
          ? { path: args.path.slice('./errors/'.length), namespace: 'left-out-errors' }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'left-out-errors' }, (args) => ({
        contents: `export const ${args.path} = new Proxy({}, { get: () => { throw new Error(${JSON.stringify(`The report page has no ${args.path} error messages (m().errors.${args.path}).`)}); } });`,
        loader: 'js',
      }));
      build.onLoad({ filter: /.*/, namespace: 'other-language' }, (args) => ({
        contents: `const refuse = () => { throw new Error(${JSON.stringify(`This report page speaks ${language}: the ${args.path} catalogue is not in it.`)}); };
export const en = new Proxy({}, { get: refuse });
export const ptBR = en;`,
        loader: 'js',
      }));
    },
  };
  const out = await esbuild.build({
    entryPoints: [REPORT_APP_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    plugins: [onlyLanguage],
  });
  return out.outputFiles[0].text;
}

/** Bundle the page script for a page in `language` with esbuild (an IIFE for browsers of the last few years, minified). */
export function buildReportApp(language: Language): string {
  if (!existsSync(REPORT_APP_ENTRY))
    throw new WorkshopError(m().errors.steps.reportScriptMissing({ file: REPORT_APP_ENTRY }), {
      fix: m().errors.steps.reportScriptMissingFix,
      file: REPORT_APP_ENTRY,
    });
  // A bundling process never starts another one (the child runs only `bundle`).
  if (process.env.WORKSHOP_REPORT_APP_BUNDLING) throw new Error('buildReportApp: called inside the bundling process.');
  // This module run with `--bundle <language>` writes the script to stdout; from the TypeScript sources, through tsx.
  const loader = __filename.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : [];
  return execFileSync(process.execPath, [...loader, __filename, '--bundle', language], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, WORKSHOP_REPORT_APP_BUNDLING: '1' },
    timeout: 120_000,
  });
}

/** The bundled page script of a page in `language`: the built file when running from dist/, else built now (once per process). */
export function reportAppScript(language: Language): string {
  const known = cached.get(language);
  if (known !== undefined) return known;
  const fromDist = path.basename(path.dirname(path.dirname(__dirname))) === 'dist';
  const file = reportAppBundleFile(language);
  const script =
    fromDist && existsSync(file)
      ? readTextUtf8(file, { what: "the report's page script (run `npm run build`)" })
      : buildReportApp(language);
  cached.set(language, script);
  return script;
}

/** `npm run build`: write the bundle of each language beside the compiled library. */
export function writeReportAppBundles(): string[] {
  return LANGUAGES.map((language) => {
    const file = reportAppBundleFile(language);
    writeFileAtomic(file, buildReportApp(language));
    return file;
  });
}

if (require.main === module && process.argv[2] === '--bundle') {
  const language = process.argv[3] as Language;
  bundle(language).then(
    (script) => process.stdout.write(script),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else if (require.main === module) {
  for (const file of writeReportAppBundles())
    console.log(`report page script: ${path.relative(process.cwd(), file)} (${readBytes(file).length.toLocaleString('en-US')} bytes)`);
}
