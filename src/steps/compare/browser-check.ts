/**
 * Opening the report in a real browser: headless Chromium (Debian's `chromium`, driven by
 * playwright-core) loads the file, we check that every chart drew its SVG and that the page
 * logged no error, save a PNG screenshot — and print the PDF to circulate (`report.pdf`):
 * A4, the charts as images, tables kept with their captions, the offline warning on the
 * first page, page numbers in the footer.
 */
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { CHROMIUM_CANDIDATES, findChromium, launchChromium, noChromiumError } from '../../core/browser';
import { currentLanguage, isLanguage, m, type Language } from '../../core/i18n';

export { CHROMIUM_CANDIDATES, findChromium };

export interface BrowserCheck {
  charts: number;
  rendered: number;
  errors: string[];
  screenshot: string;
}

export interface ReportPrint extends BrowserCheck {
  /** The PDF written (null when none was asked for). */
  pdf: string | null;
  /** Its size in bytes. */
  pdfBytes: number | null;
}

/** The page's layout width (CSS px) when printed on A4 portrait at `PDF_SCALE` with `PDF_MARGIN_MM` margins. */
export const PDF_SCALE = 0.7;
export const PDF_MARGIN_MM = 12;
export const PDF_LAYOUT_WIDTH = Math.floor((((210 - 2 * PDF_MARGIN_MM) / 25.4) * 96) / PDF_SCALE);

/**
 * Get the page ready to print: each chart becomes an image (Plotly.toImage, twice the pixels
 * for print), and folded long notes open (the print stylesheet shows their whole text).
 */
async function prepareForPrint(page: Page, language: Language): Promise<void> {
  const alt = JSON.stringify(m(language).report.pdf.chartAlt);
  // Browser-side code as a string (this library is compiled without DOM types).
  await page.evaluate(`(async () => {
    for (const el of document.querySelectorAll('.chart')) {
      if (!el.querySelector('svg.main-svg')) continue;
      const url = await Plotly.toImage(el, { format: 'png', width: 1000, height: 460, scale: 2 });
      const img = document.createElement('img');
      img.className = 'chart-img';
      img.alt = el.closest('section')?.querySelector('h3')?.textContent ?? ${alt};
      img.src = url;
      img.width = 1000;
      el.after(img);
      await img.decode();
    }
    for (const d of document.querySelectorAll('details.fold')) d.open = true;
  })()`);
}

/**
 * Open the report in headless Chromium: check the charts, save a screenshot, and — with
 * `pdf` — print it. Throws when Chromium is missing (callers ask `findChromium()` first).
 */
export async function openReport(
  reportFile: string,
  { screenshot, pdf = null, executablePath = findChromium() }: { screenshot: string; pdf?: string | null; executablePath?: string | null },
): Promise<ReportPrint> {
  if (!executablePath) throw noChromiumError();
  const browser = await launchChromium(executablePath);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    // plotly.js is 4.8 MB of script to parse: give a busy machine time.
    await page.goto(pathToFileURL(reportFile).href, { waitUntil: 'load', timeout: 120_000 });
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
    if (!pdf) return { ...counts, errors, screenshot, pdf: null, pdfBytes: null };
    // The printed words (footer, image text) in the page's language, whatever the process speaks.
    const lang = await page.evaluate('document.documentElement.lang');
    const language = isLanguage(lang) ? lang : currentLanguage();
    await prepareForPrint(page, language);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({
      path: pdf,
      format: 'A4',
      scale: PDF_SCALE,
      printBackground: true,
      margin: { top: `${PDF_MARGIN_MM}mm`, bottom: `${PDF_MARGIN_MM + 4}mm`, left: `${PDF_MARGIN_MM}mm`, right: `${PDF_MARGIN_MM}mm` },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: m(language).report.pdf.footerHtml,
    });
    return { ...counts, errors, screenshot, pdf, pdfBytes: statSync(pdf).size };
  } finally {
    await browser.close();
  }
}

/** Open the report, check every chart rendered, and save a screenshot (no PDF). */
export async function checkReportInBrowser(reportFile: string, screenshot: string, executablePath = findChromium()): Promise<BrowserCheck> {
  const { charts, rendered, errors } = await openReport(reportFile, { screenshot, executablePath });
  return { charts, rendered, errors, screenshot };
}
