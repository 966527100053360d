#!/usr/bin/env node
/**
 * `npm run kernel:install [-- OPTION]`: register the tslab TypeScript kernel with Jupyter,
 * then say where the spec went and how to start Jupyter.
 *   (default)       the user's Jupyter data directory (~/.local/share/jupyter on Linux)
 *   --dir D         the Jupyter data directory D (spec in D/kernels/tslab)
 *   --prefix P      like `jupyter kernelspec install --prefix P`: P/share/jupyter
 *   --jupyter-path  outputs/jupyter inside this checkout (for CI or a read-only home);
 *                   then start Jupyter with JUPYTER_PATH pointing there (alias: --local)
 */
import path from 'node:path';
import { displayPath, repoPath } from '../core/paths';
import { detectJupyter, installKernelSpec, jupyterStartCommand, userJupyterDataDir } from '../workshop/kernel-spec';
import { WorkshopError } from '../core/errors';
import { editionLanguage, m, setLanguage } from '../core/i18n';

const usage = () => m().errors.cli.kernelUsage;

function dataDirFromArgs(args: string[]): { dataDir: string; onPath: boolean } {
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    if (at < 0) return undefined;
    const v = args[at + 1];
    if (!v || v.startsWith('--'))
      throw new WorkshopError(m().errors.cli.needsFolder({ flag, usage: usage() }), { fix: m().errors.cli.needsFolderFix({ flag }) });
    return path.resolve(v);
  };
  const unknown = args.find(
    (a, i) =>
      a.startsWith('-') && !['--dir', '--prefix', '--jupyter-path', '--local'].includes(a) && !['--dir', '--prefix'].includes(args[i - 1]),
  );
  if (unknown)
    throw new WorkshopError(m().errors.cli.unknownOption({ option: unknown, usage: usage() }), {
      fix: m().errors.cli.unknownOptionKernelFix,
    });
  const dir = value('--dir');
  if (dir) return { dataDir: dir, onPath: true };
  const prefix = value('--prefix');
  if (prefix) return { dataDir: path.join(prefix, 'share', 'jupyter'), onPath: true };
  if (args.includes('--jupyter-path') || args.includes('--local')) return { dataDir: repoPath('outputs', 'jupyter'), onPath: true };
  return { dataDir: userJupyterDataDir(), onPath: false };
}

function main(): void {
  setLanguage(editionLanguage()); // WORKSHOP_LANGUAGE: usage errors in the edition's language
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage());
    return;
  }
  // 1. Where the spec goes.
  const { dataDir, onPath } = dataDirFromArgs(args);
  // 2. Write <dataDir>/kernels/tslab/kernel.json pointing at this checkout's tslab (and plotly.min.js beside it).
  const file = installKernelSpec(dataDir);
  console.log(`Installed the tslab kernel spec: ${displayPath(file)}`);
  // 3. Which Jupyter is installed, and the command that starts it with this kernel.
  const found = detectJupyter();
  const names = [
    found.lab && 'JupyterLab (jupyter lab)',
    found.notebook && 'Jupyter Notebook (jupyter notebook)',
    found.nbclassic && 'NbClassic (jupyter nbclassic)',
  ].filter(Boolean);
  const command = jupyterStartCommand(found, onPath ? dataDir : undefined);
  if (command) {
    console.log(`\nFound ${names.join(', ')}. Start it from the repository folder and open 01_setup/01_setup.ipynb:\n  ${command}`);
  } else {
    const env = onPath ? `JUPYTER_PATH=${dataDir} ` : '';
    console.log(
      '\nNo Jupyter found on PATH (looked for jupyter-lab, jupyter-notebook, jupyter-nbclassic). Install one, then start it from the repository folder:',
    );
    console.log(`  Debian/Ubuntu:  sudo apt-get install jupyter-notebook   then  ${env}jupyter notebook notebooks/`);
    console.log(`  pip:            pip install jupyterlab                  then  ${env}jupyter lab notebooks/`);
  }
  if (onPath)
    console.log(
      `This folder is not on Jupyter's default path, hence JUPYTER_PATH; or export it for this shell:\n  export JUPYTER_PATH=${dataDir}`,
    );
  console.log(
    'Pick the "TypeScript (tslab)" kernel if Jupyter asks. Run `npm run build` first: notebooks import the compiled library from dist/.',
  );
  console.log('After changing Node.js versions, run `npm run kernel:install` again (the spec names the Node.js that ran it).');
}

try {
  main();
} catch (error) {
  console.error(`kernel:install: ${(error as Error).message}`);
  process.exit(1);
}
