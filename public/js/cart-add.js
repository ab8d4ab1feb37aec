/*
 * Add to cart without leaving the product page. Without this script the form posts and the
 * browser goes on to the cart (the fallback). With it, the form is sent with fetch (asking for
 * JSON); the answer's confirmation is put in the page's live region (read out by screen readers),
 * the header's cart count is updated and a link to the cart is shown.
 * CSP: same-origin, no inline code; text only through textContent.
 */
(() => {
  'use strict';

  const form = document.querySelector('form.add-to-cart');
  const status = document.querySelector('[data-cart-status]');
  if (!(form instanceof HTMLFormElement) || !status || !window.fetch) return;
  const next = document.querySelector('[data-cart-next]');
  const button = form.querySelector('button[type="submit"]');

  function say(text, kind) {
    status.textContent = '';
    status.className = 'add-to-cart__status';
    // A fresh text node after clearing: screen readers announce the same message again.
    window.setTimeout(() => {
      if (kind) status.className = `add-to-cart__status notice notice--${kind}`;
      status.textContent = text;
    }, 50);
  }

  function showCount(count) {
    const badge = document.querySelector('[data-cart-count]');
    const number = document.querySelector('[data-cart-count-n]');
    if (!badge || !number) return;
    number.textContent = String(count);
    badge.hidden = count === 0;
  }

  form.addEventListener('submit', async (event) => {
    if (!form.reportValidity()) return;
    event.preventDefault();
    if (button) button.disabled = true;
    say(status.getAttribute('data-adding') || '', null);
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      const answer = await res.json().catch(() => null);
      if (!answer || typeof answer.message !== 'string') throw new Error(String(res.status));
      if (typeof answer.count === 'number') showCount(answer.count);
      if (answer.ok) {
        say(`${answer.message} ${answer.countText || ''}`.trim(), 'success');
        if (next) next.hidden = false;
      } else {
        say(answer.message, 'error');
      }
    } catch {
      say(status.getAttribute('data-failed') || '', 'error');
    } finally {
      if (button) button.disabled = false;
    }
  });
})();
