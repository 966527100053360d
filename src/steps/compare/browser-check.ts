/**
 * Opening the report in a real browser: headless Chromium (Debian's `chromium`, driven by
 * playwright-core) loads the file, we check that every chart drew its SVG and that the page
 * logged no error, and save a PNG screenshot.
 */
import { pathToFileURL } from 'node:url';
import { CHROMIUM_CANDIDATES, findChromium, launchChromium, noChromiumError } from '../../core/browser';

export { CHROMIUM_CANDIDATES, findChromium };

export interface BrowserCheck {
  charts: number;
  rendered: number;
  errors: string[];
  screenshot: string;
}

/**
 * Longest wait for the report page to load. The page carries plotly.js (about 4.9 MB); on a
 * busy 2-core machine (load average about 25) loading it took longer than playwright's
 * default 30 s, and a slow laptop in a room can be as busy.
 */
export const REPORT_LOAD_TIMEOUT_MS = 120_000;

export async function checkReportInBrowser(reportFile: string, screenshot: string, executablePath = findChromium()): Promise<BrowserCheck> {
  if (!executablePath) throw noChromiumError();
  const browser = await launchChromium(executablePath);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(reportFile).href, { waitUntil: 'load', timeout: REPORT_LOAD_TIMEOUT_MS });
    // Browser-side code as strings (this library is compiled without DOM types).
    await page
      .waitForFunction("[...document.querySelectorAll('.chart')].every((c) => c.querySelector('svg.main-svg'))", undefined, {
        timeout: 30_000,
      })
      .catch(() => undefined);
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
