/**
 * Layout figures measured in the browser: whether tables fit their boxes and whether an element is
 * on the first screen. Each returns what it found, so a failing assertion says where and by how much.
 * (The browser-side code is a string: this project compiles without the DOM's types.)
 */
import type { Page } from 'playwright-core';

export interface Overflow {
  /** The element, as `tag.class#id` with its caption (or first header) when it has one. */
  where: string;
  scrollWidth: number;
  clientWidth: number;
}

const OVERFLOWS = `(() => {
  const describe = (el) => {
    const table = el.matches('table') ? el : el.querySelector('table');
    const label =
      (table && table.querySelector('caption') && table.querySelector('caption').textContent.trim()) ||
      (table && table.querySelector('th') && table.querySelector('th').textContent.trim()) || '';
    const cls = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    return el.tagName.toLowerCase() + cls + (el.id ? '#' + el.id : '') + (label ? ' "' + label.slice(0, 60) + '"' : '');
  };
  const found = [];
  for (const el of document.querySelectorAll('.table-wrap, table')) {
    // One pixel for the rounding between layout and the integer scroll figures.
    if (el.scrollWidth > el.clientWidth + 1) {
      found.push({ where: describe(el), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth });
    }
    const parent = el.parentElement;
    if (el.matches('table') && parent) {
      const width = Math.round(el.getBoundingClientRect().width);
      if (width > parent.clientWidth + 1) {
        found.push({ where: describe(el) + ' in ' + describe(parent), scrollWidth: width, clientWidth: parent.clientWidth });
      }
    }
  }
  return found;
})()`;

/**
 * Every `.table-wrap` and `table` on the page whose content is wider than its box
 * (scrollWidth > clientWidth), and every table wider than the element that holds it; empty when
 * none overflows. Hidden tables (in a closed disclosure) measure 0 and pass.
 */
export function noTableOverflow(page: Page): Promise<Overflow[]> {
  return page.evaluate<Overflow[]>(OVERFLOWS);
}

/**
 * Whether the first element matching `selector` is entirely inside the first screen: with the page
 * scrolled to its top, the element is shown and its box lies within the viewport.
 */
export function inFirstScreen(page: Page, selector: string): Promise<boolean> {
  return page.evaluate<boolean>(`((sel) => {
    window.scrollTo(0, 0);
    const el = document.querySelector(sel);
    if (!el) return false;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  })(${JSON.stringify(selector)})`);
}

/** The width of a staff page's content column (`.admin-main`, else `main`), in CSS pixels. */
export function contentWidth(page: Page): Promise<number> {
  return page.evaluate<number>(`(() => {
    const el = document.querySelector('.admin-main') || document.querySelector('main');
    return el ? el.getBoundingClientRect().width : 0;
  })()`);
}

/** How wide the document is (its scrollWidth) against the viewport: more means it scrolls sideways. */
export function documentWidths(page: Page): Promise<{ scrollWidth: number; viewport: number }> {
  return page.evaluate<{ scrollWidth: number; viewport: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth })',
  );
}

/**
 * The lists shown as cards (`table.table--cards`): how many rows they have, how many are still laid
 * out as table rows, and the cells with text but no `data-label` (a card would show them unnamed).
 */
export function listAsCards(page: Page): Promise<{ rows: number; tableRows: number; unlabelled: string[] }> {
  return page.evaluate<{ rows: number; tableRows: number; unlabelled: string[] }>(`(() => {
    const rows = [...document.querySelectorAll('table.table--cards tbody tr')];
    const cells = [...document.querySelectorAll('table.table--cards tbody td:not([data-label])')];
    return {
      rows: rows.length,
      tableRows: rows.filter((tr) => getComputedStyle(tr).display === 'table-row').length,
      unlabelled: cells.filter((td) => td.textContent.trim()).map((td) => td.outerHTML.slice(0, 100)),
    };
  })()`);
}
