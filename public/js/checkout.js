/*
 * The checkout's enhancements; the page works without them (the server renders the summary for the
 * chosen delivery, each option states its own total, and the server validates per method).
 * (a) The summary and the total before the button follow the delivery choice.
 * (b) The parcel locker list shows the chosen network's terminals, with a search box.
 * CSP: same-origin only, never inline; DOM built with textContent.
 */
(() => {
  'use strict';

  const form = document.querySelector('form.checkout-form');
  if (!(form instanceof HTMLFormElement)) return;

  // (a) Each delivery radio carries its method's name, fee, VAT and total, formatted by the server.
  const show = (radio) => {
    for (const key of ['method', 'fee', 'vat', 'total']) {
      const value = radio.getAttribute(`data-${key}`);
      if (value === null) continue;
      for (const el of document.querySelectorAll(`[data-summary="${key}"]`)) el.textContent = value;
    }
  };
  for (const radio of form.querySelectorAll('input[name="delivery"]')) {
    radio.addEventListener('change', () => {
      if (radio.checked) show(radio);
    });
  }
  const checked = form.querySelector('input[name="delivery"]:checked');
  if (checked) show(checked);

  // (b) Network, then terminal: the terminal list keeps only the chosen network's group.
  const network = form.querySelector('select[data-locker-network]');
  const terminal = form.querySelector('select[data-locker-terminal]');
  if (!(network instanceof HTMLSelectElement) || !(terminal instanceof HTMLSelectElement)) return;

  const placeholder = terminal.options[0];
  const groups = Array.from(terminal.querySelectorAll('optgroup')).map((group) => ({
    network: group.getAttribute('data-network'),
    label: group.label,
    options: Array.from(group.querySelectorAll('option')).map((o) => ({
      value: o.value,
      text: o.textContent || '',
      key: fold(o.textContent || ''),
    })),
  }));

  function fold(text) {
    return text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  }

  const filterField = document.createElement('div');
  filterField.className = 'field locker-filter';
  const filterLabel = document.createElement('label');
  filterLabel.htmlFor = 'locker-filter';
  filterLabel.textContent = terminal.getAttribute('data-filter-label') || '';
  const filter = document.createElement('input');
  filter.type = 'search';
  filter.id = 'locker-filter';
  filter.autocomplete = 'off';
  filter.setAttribute('aria-controls', 'locker');
  filterField.append(filterLabel, filter);
  terminal.closest('.field').before(filterField);

  const render = () => {
    const chosen = terminal.value;
    const words = fold(filter.value).split(/\s+/).filter(Boolean);
    const shown = groups.filter((g) => !network.value || g.network === network.value);
    const fragment = document.createDocumentFragment();
    fragment.append(placeholder);
    for (const group of shown) {
      const matches = group.options.filter((o) => words.every((w) => o.key.includes(w)));
      if (matches.length === 0) continue;
      const el = document.createElement('optgroup');
      el.label = group.label;
      el.setAttribute('data-network', group.network || '');
      for (const o of matches) {
        const option = document.createElement('option');
        option.value = o.value;
        option.textContent = o.text;
        option.selected = o.value === chosen;
        el.append(option);
      }
      fragment.append(el);
    }
    terminal.replaceChildren(fragment);
    if (terminal.value !== chosen) terminal.value = '';
  };

  network.addEventListener('change', render);
  filter.addEventListener('input', render);
  // A terminal chosen first picks its network.
  terminal.addEventListener('change', () => {
    const prefix = terminal.value.split(':')[0];
    if (prefix && network.value !== prefix) {
      network.value = prefix;
      render();
    }
  });
  render();
})();
