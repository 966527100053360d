/**
 * Registering the tslab kernel with an installed Jupyter. `tslab install` needs IPython in
 * the Python that runs it, so we write the kernel spec ourselves: a folder
 * `kernels/tslab/kernel.json` in a Jupyter data directory, pointing at this checkout's tslab.
 * https://jupyter-client.readthedocs.io/en/stable/kernels.html#kernel-specs
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../core/files';
import { repoPath } from '../core/paths';
import { WorkshopError } from '../core/errors';

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  /** Environment variables Jupyter sets for the kernel. */
  env: Record<string, string>;
}

export function kernelSpec(tslabBin = repoPath('node_modules', '.bin', 'tslab')): KernelSpec {
  return {
    argv: [tslabBin, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (tslab)',
    language: 'typescript',
    // The AWS SDK warns on every Node.js 20 start-up; keep that out of notebook outputs.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  };
}

/** The user's Jupyter data directory (JUPYTER_DATA_DIR, else the platform default). */
export function userJupyterDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Jupyter');
  if (process.platform === 'win32') return path.join(env.APPDATA ?? os.homedir(), 'jupyter');
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'jupyter');
}

/** Write `<dataDir>/kernels/tslab/kernel.json`; returns its path. */
export function installKernelSpec(dataDir: string, tslabBin = repoPath('node_modules', '.bin', 'tslab')): string {
  if (!existsSync(tslabBin)) throw new WorkshopError(`tslab is not installed (${tslabBin} is missing).`, { fix: `run \`npm ci\` in the repository folder.` });
  const file = path.join(dataDir, 'kernels', 'tslab', 'kernel.json');
  writeFileAtomic(file, `${JSON.stringify(kernelSpec(tslabBin), null, 2)}\n`);
  return file;
}
