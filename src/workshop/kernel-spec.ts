/**
 * Registering the tslab kernel with an installed Jupyter. `tslab install` needs IPython in
 * the Python that runs it, so we write the kernel spec ourselves: a folder
 * `kernels/tslab/kernel.json` in a Jupyter data directory, pointing at this checkout.
 * https://jupyter-client.readthedocs.io/en/stable/kernels.html#kernel-specs
 *
 * The spec folder also holds plotly.min.js: Jupyter serves a kernel spec's files at
 * `<base>/kernelspecs/tslab/…`, which is where chart outputs load plotly.js from (see
 * `chartBundle` in core/display.ts), so no notebook has to carry it.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PLOTLY_FILE, plotlyLibraryPath } from '../core/display';
import { copyFile, fileSize, writeFileAtomic } from '../core/files';
import { repoPath } from '../core/paths';
import { WorkshopError } from '../core/errors';
import { m } from '../core/i18n';

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  /** Environment variables Jupyter sets for the kernel. */
  env: Record<string, string>;
}

/** The kernel Jupyter starts: tslab, through our launcher (one shell request at a time, see tslab-kernel.ts). */
export const KERNEL_LAUNCHER = repoPath('dist', 'workshop', 'tslab-kernel.js');

export function kernelSpec(launcher = KERNEL_LAUNCHER, node = process.execPath): KernelSpec {
  return {
    // The absolute Node.js that ran the install: Jupyter started from a desktop menu may not have nvm's PATH.
    argv: [node, launcher, 'kernel', '--config-path', '{connection_file}'],
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

/** Write `<dataDir>/kernels/tslab/kernel.json` (and plotly.min.js beside it); returns the kernel.json path. */
export function installKernelSpec(
  dataDir: string,
  tslabBin = repoPath('node_modules', '.bin', 'tslab'),
  launcher = KERNEL_LAUNCHER,
): string {
  if (!existsSync(tslabBin)) throw new WorkshopError(m().errors.cli.noTslab({ path: tslabBin }), { fix: m().errors.cli.noTslabFix });
  if (!existsSync(launcher)) throw new WorkshopError(m().errors.cli.noLauncher({ path: launcher }), { fix: m().errors.cli.runBuildFix });
  const dir = path.join(dataDir, 'kernels', 'tslab');
  const file = path.join(dir, 'kernel.json');
  const role = { what: 'the kernel spec', setting: 'npm run kernel:install -- --dir DIR (or --jupyter-path)' };
  writeFileAtomic(file, `${JSON.stringify(kernelSpec(launcher), null, 2)}\n`, role);
  const plotly = path.join(dir, PLOTLY_FILE);
  const source = plotlyLibraryPath();
  if (fileSize(plotly) !== fileSize(source)) copyFile(source, plotly, role);
  return file;
}

/** The Jupyter front ends installed: the executable of each `jupyter <sub-command>` found, or null. */
export interface InstalledJupyter {
  /** JupyterLab (`jupyter lab`), e.g. from `pip install jupyterlab`. */
  lab: string | null;
  /** Jupyter Notebook (`jupyter notebook`): Debian/Ubuntu's `jupyter-notebook` package (classic 6.x) or Notebook 7. */
  notebook: string | null;
  /** The classic Notebook interface packaged for Notebook 7 users (`jupyter nbclassic`). */
  nbclassic: string | null;
}

/** An executable named `name` on PATH (as `jupyter <sub>` finds `jupyter-<sub>`), or null. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export function detectJupyter(env: NodeJS.ProcessEnv = process.env): InstalledJupyter {
  return { lab: onPath('jupyter-lab', env), notebook: onPath('jupyter-notebook', env), nbclassic: onPath('jupyter-nbclassic', env) };
}

/**
 * The command that starts the installed Jupyter on the notebooks folder — JupyterLab when
 * there is one, else Notebook, else nbclassic — or null when no Jupyter is installed.
 * With `jupyterPath`, the kernel spec's folder is put on JUPYTER_PATH for that command.
 */
export function jupyterStartCommand(found: InstalledJupyter, jupyterPath?: string): string | null {
  const sub = found.lab ? 'lab' : found.notebook ? 'notebook' : found.nbclassic ? 'nbclassic' : null;
  if (!sub) return null;
  return `${jupyterPath ? `JUPYTER_PATH=${jupyterPath} ` : ''}jupyter ${sub} notebooks/`;
}
