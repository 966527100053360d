/**
 * Where things are. Notebooks run with their own folder as working directory
 * (`notebooks/03_latency/`) and the command-line tools from the repository root, so every
 * path in the configuration is relative to the REPOSITORY ROOT and resolved here.
 */
import path from 'node:path';

/** The repository root: the folder holding `src/` and `dist/` (override with WORKSHOP_ROOT). */
export const REPO_ROOT = process.env.WORKSHOP_ROOT ? path.resolve(process.env.WORKSHOP_ROOT) : path.resolve(__dirname, '..', '..');

/** An absolute path from parts relative to the repository root (absolute parts are kept). */
export function repoPath(...parts: string[]): string {
  return path.resolve(REPO_ROOT, ...parts);
}

/** A path as people should read it: relative to the repository root when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(REPO_ROOT, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
