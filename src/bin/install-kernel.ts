#!/usr/bin/env node
/**
 * `npm run kernel:install [-- --dir <jupyter data dir> | --local]`: register the tslab
 * TypeScript kernel with Jupyter, then say how to start Jupyter.
 *   (default)  the user's Jupyter data directory
 *   --dir D    a data directory of your choice
 *   --local    outputs/jupyter inside this checkout (for CI or a read-only home):
 *              then start Jupyter with JUPYTER_PATH pointing there
 */
import path from 'node:path';
import { displayPath, repoPath } from '../paths';
import { installKernelSpec, userJupyterDataDir } from '../workshop/kernel-spec';

function main(): void {
  const args = process.argv.slice(2);
  const dirFlag = args.indexOf('--dir');
  const local = args.includes('--local');
  const dataDir = dirFlag >= 0 ? path.resolve(args[dirFlag + 1] ?? '') : local ? repoPath('outputs', 'jupyter') : userJupyterDataDir();
  const file = installKernelSpec(dataDir);
  console.log(`Installed the tslab kernel spec: ${displayPath(file)}`);
  if (local || dirFlag >= 0) {
    console.log(`\nStart Jupyter with this folder on its path:\n  JUPYTER_PATH=${dataDir} jupyter lab notebooks/`);
  } else {
    console.log('\nStart Jupyter from the repository folder and open notebooks/01_setup/01_setup.ipynb:\n  jupyter lab notebooks/');
  }
  console.log('Pick the "TypeScript (tslab)" kernel if Jupyter asks.');
}

try {
  main();
} catch (error) {
  console.error(`kernel:install: ${(error as Error).message}`);
  process.exit(1);
}
