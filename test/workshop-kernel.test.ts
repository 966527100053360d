import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { detectJupyter, installKernelSpec, jupyterStartCommand, kernelSpec } from '../src/workshop/kernel-spec';
import { serialiseShellRequests } from '../src/workshop/tslab-kernel';
import { readNotebook, type Output } from '../src/workshop/notebook';
import { runNotebook } from '../src/workshop/runner';

const ROOT = path.resolve(__dirname, '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'notebooks', 'nb_ok', 'nb_ok.ipynb');
const scratch = () => mkdtempSync(path.join(tmpdir(), 'kernel-'));

function installCli(args: string[], env: Record<string, string> = {}) {
  return promisify(execFile)(process.execPath, [path.join(ROOT, 'dist', 'bin', 'install-kernel.js'), ...args], {
    env: { ...process.env, ...env },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

test("npm run kernel:install writes a kernel spec pointing at this checkout's tslab", async () => {
  const dir = scratch();
  const r = await installCli(['--dir', dir]);
  assert.equal(r.code, 0, r.out);
  const file = path.join(dir, 'kernels', 'tslab', 'kernel.json');
  const spec = JSON.parse(readFileSync(file, 'utf8'));
  assert.deepEqual(spec, {
    argv: [process.execPath, path.join(ROOT, 'dist', 'workshop', 'tslab-kernel.js'), 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (tslab)',
    language: 'typescript',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  assert.ok(existsSync(spec.argv[0]) && existsSync(spec.argv[1]));
  // plotly.js beside the spec: Jupyter serves it at /kernelspecs/tslab/plotly.min.js for the chart outputs.
  assert.ok(statSync(path.join(dir, 'kernels', 'tslab', 'plotly.min.js')).size > 1_000_000);
  assert.match(r.out, new RegExp(`Installed the tslab kernel spec: ${file}\\n`));

  const prefix = scratch();
  assert.equal((await installCli(['--prefix', prefix])).code, 0);
  assert.deepEqual(
    JSON.parse(readFileSync(path.join(prefix, 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json'), 'utf8')),
    kernelSpec(),
  );

  const bad = await installCli(['--dri', dir]);
  assert.equal(bad.code, 1);
  assert.match(bad.out, /Unknown option "--dri"\. Usage: npm run kernel:install/);
});

/** A folder of fake `jupyter-*` executables, as PATH. */
function fakeJupyter(names: string[]): string {
  const bin = path.join(scratch(), 'bin');
  mkdirSync(bin);
  for (const n of names) {
    writeFileSync(path.join(bin, n), '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(bin, n), 0o755);
  }
  return bin;
}

test('kernel:install detects the installed Jupyter and prints the command that works with it', async () => {
  const dir = scratch();
  // Debian's jupyter-notebook alone (no JupyterLab): never `jupyter lab`.
  const classic = await installCli(['--dir', dir], { PATH: `${fakeJupyter(['jupyter', 'jupyter-notebook'])}:/usr/bin:/bin` });
  assert.equal(classic.code, 0, classic.out);
  assert.match(classic.out, /Found Jupyter Notebook \(jupyter notebook\)/);
  assert.match(classic.out, new RegExp(`JUPYTER_PATH=${dir} jupyter notebook notebooks/`));
  assert.doesNotMatch(classic.out, /jupyter lab/);
  // JupyterLab installed: `jupyter lab`.
  const lab = await installCli(['--dir', dir], { PATH: `${fakeJupyter(['jupyter', 'jupyter-lab', 'jupyter-notebook'])}:/bin` });
  assert.match(lab.out, new RegExp(`JUPYTER_PATH=${dir} jupyter lab notebooks/`));
  // No Jupyter at all: both ways to get one, each with its own command.
  const none = await installCli(['--dir', dir], { PATH: fakeJupyter([]) });
  assert.equal(none.code, 0, none.out);
  assert.match(none.out, /No Jupyter found on PATH/);
  assert.match(none.out, /apt-get install jupyter-notebook .* jupyter notebook notebooks\//);
  assert.match(none.out, /pip install jupyterlab .* jupyter lab notebooks\//);
  // The pure parts.
  const found = detectJupyter({ PATH: fakeJupyter(['jupyter-nbclassic']) });
  assert.equal(found.lab, null);
  assert.equal(found.notebook, null);
  assert.equal(jupyterStartCommand(found), 'jupyter nbclassic notebooks/');
  assert.equal(jupyterStartCommand({ lab: null, notebook: null, nbclassic: null }), null);
});

test('the kernel launcher handles shell requests one at a time: busy and idle bracket each cell, even under Run All', async () => {
  const events: string[] = [];
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  // A stand-in for tslab's ZmqServer: publishes busy, awaits the request, publishes idle.
  class FakeServer {
    shell = { name: 'shell' };
    control = { name: 'control' };
    async handleShellMessage(_sock: unknown, id: string, ms: number): Promise<void> {
      events.push(`busy ${id}`);
      await sleep(ms);
      events.push(`idle ${id}`);
    }
  }
  serialiseShellRequests(FakeServer as never);
  serialiseShellRequests(FakeServer as never); // twice is harmless
  const server = new FakeServer() as unknown as {
    shell: unknown;
    control: unknown;
    handleShellMessage(sock: unknown, ...a: unknown[]): Promise<void>;
  };
  // "Run All": three execute requests arrive at once; a control request (interrupt) meanwhile.
  const all = [
    server.handleShellMessage(server.shell, 'cell1', 30),
    server.handleShellMessage(server.shell, 'cell2', 10),
    server.handleShellMessage(server.shell, 'cell3', 1),
  ];
  const control = server.handleShellMessage(server.control, 'interrupt', 1);
  await Promise.all([...all, control]);
  const shellEvents = events.filter((e) => !e.includes('interrupt'));
  assert.deepEqual(shellEvents, ['busy cell1', 'idle cell1', 'busy cell2', 'idle cell2', 'busy cell3', 'idle cell3']);
  // The control channel is not queued behind the running cell.
  assert.ok(events.indexOf('idle interrupt') < events.indexOf('idle cell1'));
});

test('without tslab installed the kernel spec is not written and the error says to run npm ci', async () => {
  const dir = scratch();
  assert.throws(
    () => installKernelSpec(dir, path.join(dir, 'no', 'tslab')),
    /tslab is not installed \(.*no\/tslab is missing\)\. Fix: run `npm ci` in the repository folder\./,
  );
  assert.equal(existsSync(path.join(dir, 'kernels')), false);
  // The CLI in a checkout without node_modules (WORKSHOP_ROOT moves the repository root).
  const r = await installCli(['--jupyter-path'], { WORKSHOP_ROOT: dir });
  assert.equal(r.code, 1);
  assert.match(r.out, /^kernel:install: tslab is not installed .*Fix: run `npm ci`/);
});

const hasJupyter = spawnSync('jupyter', ['nbconvert', '--version']).status === 0;

test('the same fixture notebook runs under real Jupyter (nbconvert + tslab kernel) with the same outputs as the headless runner', {
  skip:
    !process.env.CI && !hasJupyter
      ? 'jupyter nbconvert is not installed here (apt-get install jupyter-nbconvert python3-nbclient jupyter-client; CI installs it)'
      : false,
}, async () => {
  assert.ok(hasJupyter, 'CI must have jupyter nbconvert: .ci/run installs jupyter-nbconvert python3-nbclient jupyter-client');
  const dir = scratch();
  installKernelSpec(path.join(dir, 'jupyter'));
  const env = {
    ...process.env,
    JUPYTER_PATH: path.join(dir, 'jupyter'),
    JUPYTER_DATA_DIR: path.join(dir, 'data'),
    JUPYTER_RUNTIME_DIR: path.join(dir, 'runtime'),
  };
  const r = spawnSync(
    'jupyter',
    [
      'nbconvert',
      '--to',
      'notebook',
      '--execute',
      '--ExecutePreprocessor.timeout=120',
      '--output-dir',
      dir,
      '--output',
      'jupyter.ipynb',
      FIXTURE,
    ],
    { env, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  const viaJupyter = readNotebook(path.join(dir, 'jupyter.ipynb'));
  const headless = await runNotebook(FIXTURE, { outFile: path.join(dir, 'headless.ipynb') });
  assert.equal(headless.ok, true, headless.message);
  const viaRunner = readNotebook(path.join(dir, 'headless.ipynb'));

  // Compare per code cell: stdout text, stderr text and display bundles (Jupyter may split streams into chunks).
  const summary = (outputs: Output[] = []) => ({
    stdout: outputs.map((o) => (o.output_type === 'stream' && o.name === 'stdout' ? o.text.join('') : '')).join(''),
    stderr: outputs.map((o) => (o.output_type === 'stream' && o.name === 'stderr' ? o.text.join('') : '')).join(''),
    display: outputs.filter((o) => o.output_type === 'display_data').map((o) => (o as { data: unknown }).data),
  });
  const jupyterCells = viaJupyter.cells.filter((c) => c.cell_type === 'code');
  const runnerCells = viaRunner.cells.filter((c) => c.cell_type === 'code');
  assert.deepEqual(summary(jupyterCells[0].outputs).stdout, 'tokens 6\n');
  assert.equal(summary(jupyterCells[1].outputs).display.length, 1);
  assert.equal(summary(jupyterCells[4].outputs).display.length, 2);
  assert.deepEqual(
    jupyterCells.map((c) => summary(c.outputs)),
    runnerCells.map((c) => summary(c.outputs)),
  );
  // One known difference: tslab 1.0.22 sends no execution counts to Jupyter (cells stay [ ]); the runner numbers them.
  assert.deepEqual(
    jupyterCells.map((c) => c.execution_count),
    [null, null, null, null, null],
  );
  assert.deepEqual(
    runnerCells.map((c) => c.execution_count),
    [1, 2, 3, 4, 5],
  );
});
