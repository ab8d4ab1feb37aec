/*
 * Small progressive enhancements. Everything works without this script.
 * Loaded with `defer`, so the document is parsed when it runs.
 * CSP: same-origin only, never inline; build DOM with textContent, never innerHTML.
 */
(() => {
  'use strict';

  const lang = document.documentElement.lang || 'lt';

  // (a) Forms with data-confirm="message" ask before submitting.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    const message = form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // (b) Move focus to the error summary so screen readers announce the errors.
  const summary = document.querySelector('[data-autofocus]');
  if (summary instanceof HTMLElement) {
    if (!summary.hasAttribute('tabindex')) summary.setAttribute('tabindex', '-1');
    summary.focus();
  }

  // Links in the error summary: focus the field and keep its label in view.
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('.error-summary a[href^="#"]') : null;
    if (!link) return;
    const id = decodeURIComponent(link.getAttribute('href').slice(1));
    const field = document.getElementById(id);
    if (!field || typeof field.focus !== 'function') return;
    event.preventDefault();
    const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
    (label || field).scrollIntoView({ block: 'start' });
    field.focus({ preventScroll: true });
  });

  // (c) Show the names and sizes of the images chosen in #images.
  const fileInput = document.querySelector('input#images[type="file"]');
  if (fileInput instanceof HTMLInputElement) {
    const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    const formatSize = (bytes) => {
      if (bytes >= 1024 * 1024) return `${number.format(bytes / (1024 * 1024))} MB`;
      return `${number.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
    };

    const list = document.createElement('ul');
    list.className = 'file-list';
    list.id = 'images-chosen';
    list.setAttribute('aria-live', 'polite');
    fileInput.insertAdjacentElement('afterend', list);

    const render = () => {
      list.replaceChildren();
      for (const file of Array.from(fileInput.files || [])) {
        const item = document.createElement('li');
        item.textContent = `${file.name} (${formatSize(file.size)})`;
        list.append(item);
      }
      list.hidden = list.childElementCount === 0;
    };

    fileInput.addEventListener('change', render);
    render();
  }
  // Copy buttons (data-copy="<input id>"): shown only where the clipboard can be written.
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const input = document.getElementById(button.getAttribute('data-copy'));
    if (!(input instanceof HTMLInputElement) || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener('click', () => {
      navigator.clipboard.writeText(input.value).then(
        () => {
          button.textContent = button.getAttribute('data-copied') || button.textContent;
        },
        () => input.select(),
      );
    });
  }
})();
