/**
 * Headless Chromium, where the machine has one: Debian's `chromium` (or CHROMIUM_PATH),
 * driven by playwright-core. Used to draw static images of charts and to open the report.
 * Chromium is optional: callers ask `findChromium()` first and degrade when it is absent.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { WorkshopError } from './errors';
import { m } from './i18n/messages';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags for a quiet headless start: no sandbox (containers, root), no GPU, no calls to outside hosts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium executable to use (CHROMIUM_PATH, else a Debian/Ubuntu location), or null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** The error when Chromium is needed and missing, with the fix. */
export function noChromiumError(): WorkshopError {
  return new WorkshopError(m().errors.cli.noChromium, {
    fix: m().errors.cli.noChromiumFix,
  });
}

/** Start headless Chromium with playwright-core. */
export async function launchChromium(executablePath = findChromium()): Promise<Browser> {
  if (!executablePath) throw noChromiumError();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
