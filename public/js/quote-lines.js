/*
 * The quote editor adds and removes lines in the page, without saving a draft first. Without this
 * script the form offers empty rows instead (blank rows are not saved). Same-origin, no inline code;
 * DOM built with textContent only.
 */
(() => {
  'use strict';

  const wrap = document.querySelector('[data-quote-lines]');
  const body = wrap && wrap.querySelector('tbody');
  if (!wrap || !body) return;
  const max = Number(wrap.getAttribute('data-max')) || 20;
  const defaultVat = wrap.getAttribute('data-default-vat') || '';
  const removeText = wrap.getAttribute('data-remove-label') || 'Remove';
  const removeName = wrap.getAttribute('data-remove-name') || '{n}';
  const FIELDS = ['description', 'quantity', 'unit', 'unitPrice', 'discount', 'vatRate'];

  const rows = () => Array.from(body.querySelectorAll('tr'));
  const isEmpty = (row) =>
    ['description', 'quantity', 'unitPrice'].every((name) => {
      const input = row.querySelector(`input[name="${name}"]`);
      return !input || input.value.trim() === '';
    });

  /** Ids, labels and the remove buttons' names follow the rows' order. */
  const renumber = () => {
    rows().forEach((row, i) => {
      for (const name of FIELDS) {
        const input = row.querySelector(`[name="${name}"]`);
        const label = row.querySelector(`label[for^="${name}-"]`);
        const error = row.querySelector(`p.field-error[id^="${name}-"]`);
        if (!input) continue;
        input.id = `${name}-${i}`;
        if (label) {
          label.htmlFor = input.id;
          label.textContent = label.textContent.replace(/\d+\s*$/, String(i + 1));
        }
        if (error) {
          error.id = `${input.id}-error`;
          input.setAttribute('aria-describedby', error.id);
        }
      }
      const button = row.querySelector('button[data-remove-line]');
      if (button) button.setAttribute('aria-label', removeName.replace('{n}', String(i + 1)));
    });
    add.disabled = rows().length >= max;
  };

  const addRemoveButton = (row) => {
    const cell = document.createElement('td');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--secondary button--small';
    button.setAttribute('data-remove-line', '');
    button.textContent = removeText;
    cell.append(button);
    row.append(cell);
  };

  const headRow = wrap.querySelector('thead tr');
  if (headRow) {
    const th = document.createElement('th');
    th.scope = 'col';
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = removeText;
    th.append(hidden);
    headRow.append(th);
  }
  for (const row of rows()) addRemoveButton(row);

  // Without the script the form offers many empty rows; with it, one empty row is enough.
  const all = rows();
  for (let i = all.length - 1; i > 0 && isEmpty(all[i]) && isEmpty(all[i - 1]); i--) all[i].remove();

  const add = document.createElement('button');
  add.type = 'button';
  add.className = 'button button--secondary';
  add.setAttribute('data-add-line', '');
  add.textContent = wrap.getAttribute('data-add-label') || '+';
  const addHolder = document.createElement('p');
  addHolder.append(add);
  wrap.insertAdjacentElement('afterend', addHolder);

  add.addEventListener('click', () => {
    const last = rows()[rows().length - 1];
    if (!last || rows().length >= max) return;
    const row = last.cloneNode(true);
    for (const input of row.querySelectorAll('input, select')) {
      if (input.tagName === 'SELECT') input.selectedIndex = 0;
      else input.value = input.name === 'vatRate' ? defaultVat : '';
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
    for (const error of row.querySelectorAll('p.field-error')) error.remove();
    body.append(row);
    renumber();
    const first = row.querySelector('input[name="description"]');
    if (first) first.focus();
  });

  body.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-remove-line]') : null;
    if (!button) return;
    const row = button.closest('tr');
    if (!row) return;
    if (rows().length === 1) {
      for (const input of row.querySelectorAll('input, select')) {
        if (input.tagName === 'SELECT') input.selectedIndex = 0;
        else input.value = input.name === 'vatRate' ? defaultVat : '';
      }
    } else {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      const focusTarget = next && next.querySelector('button[data-remove-line]');
      (focusTarget || add).focus();
    }
    renumber();
  });

  renumber();
})();
