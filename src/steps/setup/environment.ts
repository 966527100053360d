/**
 * Step 1's environment check: is this machine ready to run the workshop?
 *
 * It looks at what a newcomer usually gets wrong — an old Node.js, dependencies not
 * installed (or installed from a different lockfile), and a compiled library (`dist/`)
 * older than its sources — and says how to fix each. Nothing here calls AWS.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { listDirEntries, readTextUtf8 } from '../../core/files';
import { m } from '../../core/i18n';

export interface EnvironmentCheck {
  check: string;
  status: 'ok' | 'warning' | 'problem';
  detail: string;
  fix: string;
}

/** Minimum Node.js version: require(esm) and the AWS SDK v3 need 20.19. */
export const MIN_NODE = [20, 19, 0] as const;

function versionAtLeast(version: string, min: readonly number[]): boolean {
  const parts = version
    .replace(/^v/, '')
    .split('.')
    .map((p) => parseInt(p, 10) || 0);
  for (let i = 0; i < min.length; i++) {
    if ((parts[i] ?? 0) !== min[i]) return (parts[i] ?? 0) > min[i];
  }
  return true;
}

function newestMtime(dir: string, ext: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of listDirEntries(dir)) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, ext));
    else if (entry.name.endsWith(ext)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Check Node.js, every dependency pinned in package.json, and the compiled library.
 * `root` is the repository root; `nodeVersion` can be injected for tests.
 */
export function checkEnvironment(root: string, nodeVersion: string = process.version): EnvironmentCheck[] {
  const checks: EnvironmentCheck[] = [];
  const t = m().views.setup.env;

  // 1. Node.js version.
  const nodeOk = versionAtLeast(nodeVersion, MIN_NODE);
  checks.push({
    check: 'Node.js',
    status: nodeOk ? 'ok' : 'problem',
    detail: nodeVersion,
    fix: nodeOk ? '' : t.installNode({ version: MIN_NODE.join('.') }),
  });

  // 2. every pinned dependency installed at the pinned version.
  const pkg = JSON.parse(readTextUtf8(path.join(root, 'package.json'))) as {
    dependencies?: Record<string, string>;
  };
  for (const [name, wanted] of Object.entries(pkg.dependencies ?? {})) {
    const manifest = path.join(root, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) {
      checks.push({ check: name, status: 'problem', detail: t.notInstalled, fix: t.runNpmCi });
      continue;
    }
    const installed = (JSON.parse(readTextUtf8(manifest)) as { version: string }).version;
    const same = installed === wanted.replace(/^[\^~]/, '');
    checks.push({
      check: name,
      status: same ? 'ok' : 'warning',
      detail: same ? installed : t.versionMismatch({ installed, wanted }),
      fix: same ? '' : t.runNpmCiExact,
    });
  }

  // 3. the compiled library the notebooks import.
  const distNewest = newestMtime(path.join(root, 'dist'), '.js');
  const srcNewest = newestMtime(path.join(root, 'src'), '.ts');
  if (distNewest === 0) {
    checks.push({ check: t.compiled, status: 'problem', detail: t.missing, fix: t.runBuild });
  } else if (srcNewest > distNewest) {
    checks.push({
      check: t.compiled,
      status: 'warning',
      detail: t.olderThanSrc,
      fix: t.runBuildLatest,
    });
  } else {
    checks.push({ check: t.compiled, status: 'ok', detail: t.upToDate, fix: '' });
  }
  return checks;
}
