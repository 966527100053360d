/**
 * Opening the report in a real browser: headless Chromium (Debian's `chromium`, driven by
 * playwright-core) loads the file, we check that every chart drew its SVG and that the page
 * logged no error, and save a PNG screenshot.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { WorkshopError } from '../../core/errors';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export interface BrowserCheck {
  charts: number;
  rendered: number;
  errors: string[];
  screenshot: string;
}

export async function checkReportInBrowser(reportFile: string, screenshot: string, executablePath = findChromium()): Promise<BrowserCheck> {
  if (!executablePath) throw new WorkshopError('No Chromium found (looked for /usr/bin/chromium). Fix: `sudo apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH.');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(reportFile).href, { waitUntil: 'load' });
    // Browser-side code as strings (this library is compiled without DOM types).
    await page.waitForFunction("[...document.querySelectorAll('.chart')].every((c) => c.querySelector('svg.main-svg'))", undefined, { timeout: 30_000 }).catch(() => undefined);
    const counts = (await page.evaluate(`(() => {
      const charts = [...document.querySelectorAll('.chart')];
      const rendered = charts.filter((c) => {
        const svg = c.querySelector('svg.main-svg');
        return svg !== null && svg.getBoundingClientRect().width > 0 && c.querySelectorAll('svg path').length > 0;
      });
      return { charts: charts.length, rendered: rendered.length };
    })()`)) as { charts: number; rendered: number };
    await page.screenshot({ path: screenshot, fullPage: true });
    return { ...counts, errors, screenshot };
  } finally {
    await browser.close();
  }
}
