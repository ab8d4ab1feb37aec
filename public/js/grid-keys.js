/*
 * Keyboard entry in the attendance table and the contributions grid: Enter or ArrowDown moves down
 * the column, Shift+Enter or ArrowUp up, Tab across (the browser's own order). Enter below the last
 * row goes to the top of the next column, and after the last cell to the save button, so a whole
 * grid can be typed column by column. A focused cell's text is selected, so typing replaces it.
 * Without this script the form works as a plain form (Enter submits it), and the hint that the
 * grid scrolls sideways stays shown.
 */
(() => {
  'use strict';

  // The hint that the grid scrolls sideways is shown only while it does.
  for (const scroller of document.querySelectorAll('[data-grid-scroll]')) {
    const hint = scroller.parentElement && scroller.parentElement.querySelector('[data-scroll-hint]');
    if (!hint) continue;
    const update = () => {
      hint.hidden = scroller.scrollWidth <= scroller.clientWidth + 1;
    };
    update();
    window.addEventListener('resize', update);
  }

  for (const table of document.querySelectorAll('table[data-grid-keys]')) {
    const form = table.closest('form');
    const save = form && form.querySelector('[data-grid-save]');
    const scroller = table.closest('[data-grid-scroll]');

    /** The inputs as columns: cols[c][r]. */
    const columns = () => {
      const cols = [];
      for (const row of table.tBodies[0] ? table.tBodies[0].rows : []) {
        let c = 0;
        for (const cell of row.cells) {
          const input = cell.querySelector('input.grid-input:not([disabled])');
          if (!input) continue;
          (cols[c] = cols[c] || []).push(input);
          c += 1;
        }
      }
      return cols;
    };

    const position = (cols, input) => {
      for (let c = 0; c < cols.length; c++) {
        const r = cols[c].indexOf(input);
        if (r !== -1) return { c, r };
      }
      return null;
    };

    // The sticky header and name column must not cover the cell that gets the focus.
    const pad = () => {
      if (!scroller) return;
      const head = table.tHead;
      const name = table.tBodies[0] && table.tBodies[0].rows[0] && table.tBodies[0].rows[0].cells[0];
      scroller.style.scrollPaddingTop = `${head ? head.offsetHeight : 0}px`;
      scroller.style.scrollPaddingLeft = `${name ? name.offsetWidth : 0}px`;
    };
    pad();
    window.addEventListener('resize', pad);

    table.addEventListener('focusin', (event) => {
      const input = event.target;
      if (input instanceof HTMLInputElement && input.classList.contains('grid-input')) input.select();
    });

    table.addEventListener('keydown', (event) => {
      const input = event.target;
      if (!(input instanceof HTMLInputElement) || !input.classList.contains('grid-input')) return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      let step = 0;
      if (event.key === 'Enter') step = event.shiftKey ? -1 : 1;
      else if (event.key === 'ArrowDown') step = 1;
      else if (event.key === 'ArrowUp') step = -1;
      if (step === 0) return;
      const cols = columns();
      const at = position(cols, input);
      if (!at) return;
      event.preventDefault();
      let { c, r } = at;
      r += step;
      if (event.key === 'Enter' && r >= cols[c].length) {
        c += 1;
        r = 0;
      } else if (event.key === 'Enter' && r < 0 && c > 0) {
        c -= 1;
        r = cols[c].length - 1;
      }
      const next = cols[c] && cols[c][r];
      if (next) next.focus();
      else if (event.key === 'Enter' && step > 0 && save) save.focus();
    });
  }
})();
