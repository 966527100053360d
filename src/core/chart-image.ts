/**
 * Static images of Plotly figures, for the places where no script runs: a notebook opened
 * untrusted (Jupyter strips scripts from its HTML outputs), a static notebook viewer, a
 * diff. plotly.js needs a browser to lay a figure out, so the image is drawn by headless
 * Chromium (`Plotly.toImage`, https://plotly.com/javascript/static-image-export/).
 *
 * One browser page with plotly.js loaded is kept per process and reused: the first image
 * costs the browser start and parsing plotly.js (about 2 s on a 2-core machine), each
 * later one tens of milliseconds. The browser closes itself after a short idle time, so a
 * notebook kernel does not keep it around. Without Chromium — or with
 * WORKSHOP_CHART_IMAGES=0 — the caller gets the reason instead of an image.
 */
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium } from './browser';
import { m } from './i18n';

export interface ChartImage {
  ok: true;
  /** PNG, base64-encoded (no `data:` prefix). */
  png: string;
  width: number;
  height: number;
  /** Time taken for this image (including the browser start for the first one), ms. */
  ms: number;
}

export interface NoChartImage {
  ok: false;
  /** Why there is no image, with the fix — shown to people in place of the image. */
  reason: string;
}

export const CHART_WIDTH = 900;
export const CHART_HEIGHT = 460;
/** The browser closes after this long without a chart to draw. */
const IDLE_CLOSE_MS = 20_000;

interface Renderer {
  browser: Browser;
  page: Page;
}

let renderer: Promise<Renderer> | null = null;
let failure: string | null = null;
let queue: Promise<unknown> = Promise.resolve();
let idleTimer: NodeJS.Timeout | undefined;

/** Why images are off or impossible here (null when they can be drawn). */
export function chartImageUnavailable(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.WORKSHOP_CHART_IMAGES === '0' || env.WORKSHOP_CHART_IMAGES === 'false') return m().views.display.imagesOff;
  if (failure) return failure;
  if (!findChromium(env)) return m().views.display.noChromium;
  return null;
}

async function startRenderer(): Promise<Renderer> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ path: require.resolve('plotly.js-dist-min') });
    return { browser, page };
  } catch (err) {
    await browser.close().catch(() => undefined);
    throw err;
  }
}

function armIdleClose(): void {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void closeChartRenderer(), IDLE_CLOSE_MS);
  idleTimer.unref();
}

/** Close the browser now (it also closes by itself when idle, and with the process). */
export async function closeChartRenderer(): Promise<void> {
  clearTimeout(idleTimer);
  const current = renderer;
  renderer = null;
  if (current) await current.then((r) => r.browser.close()).catch(() => undefined);
}

/**
 * Draw `figure` as a PNG of `width` × `height` CSS pixels. Never throws: when no image can
 * be drawn the result says why. Calls are serialised (one page draws one figure at a time).
 */
export function renderChartPng(
  figure: { data: unknown[]; layout: Record<string, unknown> },
  { width = CHART_WIDTH, height = CHART_HEIGHT }: { width?: number; height?: number } = {},
): Promise<ChartImage | NoChartImage> {
  const job = queue.then(async (): Promise<ChartImage | NoChartImage> => {
    const unavailable = chartImageUnavailable();
    if (unavailable) return { ok: false, reason: unavailable };
    const started = performance.now();
    let page: Page;
    try {
      renderer ??= startRenderer();
      ({ page } = await renderer);
    } catch (err) {
      // A browser that cannot start is not retried for every chart of the session.
      failure = m().views.display.chromiumStart({ error: (err as Error).message.split('\n')[0] });
      renderer = null;
      return { ok: false, reason: failure };
    }
    try {
      // Browser-side code as a string: this library is compiled without DOM types.
      const url = (await page.evaluate(
        `(async ({ figure, width, height }) => {
          const el = document.createElement('div');
          document.body.appendChild(el);
          try {
            await Plotly.newPlot(el, figure.data, { ...figure.layout, width, height }, { staticPlot: true });
            return await Plotly.toImage(el, { format: 'png', width, height });
          } finally {
            Plotly.purge(el);
            el.remove();
          }
        })(${JSON.stringify({ figure, width, height })})`,
      )) as string;
      armIdleClose();
      return { ok: true, png: url.slice(url.indexOf(',') + 1), width, height, ms: performance.now() - started };
    } catch (err) {
      await closeChartRenderer(); // a fresh page for the next chart
      return { ok: false, reason: m().views.display.chromiumDraw({ error: (err as Error).message.split('\n')[0] }) };
    }
  });
  queue = job.catch(() => undefined);
  return job;
}
