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
import { installKernelSpec, userJupyterDataDir } from '../workshop/kernel-spec';
import { WorkshopError } from '../core/errors';

const USAGE = 'Usage: npm run kernel:install [-- --dir DIR | --prefix PREFIX | --jupyter-path]';

function dataDirFromArgs(args: string[]): { dataDir: string; onPath: boolean } {
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    if (at < 0) return undefined;
    const v = args[at + 1];
    if (!v || v.startsWith('--')) throw new WorkshopError(`${flag} needs a folder. ${USAGE}`);
    return path.resolve(v);
  };
  const unknown = args.find((a, i) => a.startsWith('-') && !['--dir', '--prefix', '--jupyter-path', '--local'].includes(a) && !['--dir', '--prefix'].includes(args[i - 1]));
  if (unknown) throw new WorkshopError(`Unknown option "${unknown}". ${USAGE}`);
  const dir = value('--dir');
  if (dir) return { dataDir: dir, onPath: true };
  const prefix = value('--prefix');
  if (prefix) return { dataDir: path.join(prefix, 'share', 'jupyter'), onPath: true };
  if (args.includes('--jupyter-path') || args.includes('--local')) return { dataDir: repoPath('outputs', 'jupyter'), onPath: true };
  return { dataDir: userJupyterDataDir(), onPath: false };
}

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  // 1. Where the spec goes.
  const { dataDir, onPath } = dataDirFromArgs(args);
  // 2. Write <dataDir>/kernels/tslab/kernel.json pointing at this checkout's tslab.
  const file = installKernelSpec(dataDir);
  console.log(`Installed the tslab kernel spec: ${displayPath(file)}`);
  // 3. How to start Jupyter with it.
  if (onPath) {
    console.log(`\nThis folder is not on Jupyter's default path; start Jupyter with:\n  JUPYTER_PATH=${dataDir} jupyter lab notebooks/`);
    console.log(`or export it for this shell:\n  export JUPYTER_PATH=${dataDir}`);
  } else {
    console.log('\nStart Jupyter from the repository folder and open notebooks/01_setup/01_setup.ipynb:\n  jupyter lab notebooks/');
  }
  console.log('Pick the "TypeScript (tslab)" kernel if Jupyter asks. Run `npm run build` first: notebooks import the compiled library from dist/.');
}

try {
  main();
} catch (error) {
  console.error(`kernel:install: ${(error as Error).message}`);
  process.exit(1);
}
