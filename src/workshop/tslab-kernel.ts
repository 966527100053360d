#!/usr/bin/env node
/**
 * The tslab kernel as Jupyter starts it (the kernel spec's argv), with one fix: requests on
 * the shell channel are handled ONE AT A TIME, as IPython's kernel does.
 *
 * Why: tslab 1.0.22 publishes `busy` when a request arrives and `idle` when it is done, but
 * handles shell requests concurrently. With "Run All" every execute request arrives at
 * once; the first cell's `idle` then tells Jupyter the kernel is idle while the second cell
 * (a 49-second benchmark, say) is still running — and any completion or kernel-info request
 * made during a long `await` does the same. Handled in order, each request's `busy` is
 * published when its cell really starts and its `idle` when it really ends, so the kernel
 * indicator is busy for exactly as long as a cell runs. The control channel (interrupt,
 * shutdown) is left concurrent.
 *
 *   node dist/workshop/tslab-kernel.js kernel --config-path CONNECTION_FILE
 */

interface ShellServer {
  shell: unknown;
  handleShellMessage(sock: unknown, ...frames: unknown[]): Promise<void>;
  __workshopShellQueue?: Promise<void>;
}

/** Make `ZmqServer` handle shell-channel requests in arrival order, one at a time. */
export function serialiseShellRequests(ZmqServer: { prototype: ShellServer }): void {
  const proto = ZmqServer.prototype as ShellServer & { __workshopSerialised?: boolean };
  if (proto.__workshopSerialised) return;
  const original = proto.handleShellMessage;
  proto.handleShellMessage = function (this: ShellServer, sock: unknown, ...frames: unknown[]): Promise<void> {
    if (sock !== this.shell) return original.call(this, sock, ...frames);
    const run = () => original.call(this, sock, ...frames);
    const next = (this.__workshopShellQueue ?? Promise.resolve()).then(run, run);
    this.__workshopShellQueue = next.catch(() => undefined);
    return next;
  };
  proto.__workshopSerialised = true;
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf('--config-path');
  if (args[0] !== 'kernel' || at < 0 || !args[at + 1]) {
    console.error(
      'Usage: tslab-kernel kernel --config-path CONNECTION_FILE (Jupyter starts this through the kernel spec written by `npm run kernel:install`)',
    );
    process.exit(2);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  serialiseShellRequests((require('tslab/dist/jupyter') as { ZmqServer: { prototype: ShellServer } }).ZmqServer);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startKernel } = require('tslab/dist/main') as {
    startKernel(o: { configPath: string; enableFindLocal: boolean; jsKernel: boolean; globalVersion: string }): void;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getVersion } = require('tslab/dist/util') as { getVersion(): string };
  // enableFindLocal: false — run THIS checkout's tslab (the one just patched), whatever the notebook's folder.
  startKernel({ configPath: args[at + 1], enableFindLocal: false, jsKernel: args.includes('--js'), globalVersion: getVersion() });
}

if (require.main === module) main();
