/**
 * "No table is wider than its page": in a page open in Chromium, every table whose box
 * sticks out of its scroll container (`scrollWidth > clientWidth`) or out of the viewport.
 * Browser-side code as a string (the library is compiled without DOM types).
 */
import type { Page } from 'playwright-core';

export interface WideTable {
  /** The table's id, caption or first header cells. */
  table: string;
  scrollWidth: number;
  clientWidth: number;
  right: number;
  viewport: number;
}

export async function wideTables(page: Page, scope = 'body'): Promise<WideTable[]> {
  return (await page.evaluate(`(() => {
    const viewport = document.documentElement.clientWidth;
    const out = [];
    for (const t of document.querySelectorAll(${JSON.stringify(`${scope} table`)})) {
      if (!t.getClientRects().length) continue; // inside a closed <details>: not shown
      // The nearest ancestor that scrolls sideways (the wrapper of every table), else the table itself.
      let box = t.parentElement;
      while (box && box !== document.body && !/(auto|scroll)/.test(getComputedStyle(box).overflowX)) box = box.parentElement;
      const el = box && box !== document.body ? box : t;
      const right = t.getBoundingClientRect().right + window.scrollX;
      if (el.scrollWidth > el.clientWidth + 1 || right > viewport + 1) {
        const name = t.id || t.closest('figure')?.querySelector('figcaption')?.textContent || [...t.querySelectorAll('th')].slice(0, 3).map((th) => th.textContent).join(' | ');
        out.push({ table: String(name).slice(0, 80), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, right: Math.round(right), viewport });
      }
    }
    return out;
  })()`)) as WideTable[];
}
