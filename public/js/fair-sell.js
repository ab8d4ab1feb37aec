/*
 * The fair's sell screen: photo tiles of the stall's goods (search on top), a cart with a running
 * total, and payment by cash (amount given → change, the total rounded to 5 cents) or card terminal.
 * A sale goes to the phone's queue (fair-queue.js) and is sent from there; the page keeps working
 * without a connection (the service worker keeps the page and its goods).
 */
(function () {
  'use strict';

  const root = document.querySelector('[data-sell]');
  if (!root || !window.FairQueue) return;
  const Q = window.FairQueue;
  const S = JSON.parse(document.getElementById('fair-strings').textContent);
  const eventId = root.dataset.eventId;
  const locale = root.dataset.locale || 'lt-LT';
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  const plural = new Intl.PluralRules(locale);
  const $ = (sel) => document.querySelector(sel);
  const fmt = (cents) => money.format(cents / 100);
  const fill = (text, params) => text.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));

  for (const el of document.querySelectorAll('[data-s]')) el.textContent = S[el.dataset.s] ?? '';

  if ('serviceWorker' in navigator && root.dataset.swUrl) {
    navigator.serviceWorker.register(root.dataset.swUrl, { scope: '/admin/fair/' }).catch(() => undefined);
  }

  /** Lithuanian cash rounding to 5 cents, as the server does it. */
  function cashDue(gross) {
    const rest = gross % 5;
    return rest <= 2 ? gross - rest : gross + (5 - rest);
  }

  /** "12,50", "12.5", "12" → cents; null when not an amount. */
  function parseCents(text) {
    const m = /^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*(?:€)?\s*$/.exec(text);
    if (!m) return null;
    return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  }

  const fold = (t) =>
    t
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();

  let goods = [];
  /** Units of each good in sales still queued on this phone (the server's "left" does not know them). */
  let queuedUnits = new Map();
  /** The cart: productId → { quantity, priceCents?, reason? }, in the order added. */
  const cart = new Map();

  function toast(text) {
    const el = $('[data-toast]');
    el.textContent = text;
    el.classList.add('is-shown');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => el.classList.remove('is-shown'), 4000);
  }

  function lineGross(g, line) {
    return (line.priceCents ?? g.priceCents) * line.quantity;
  }

  function total() {
    let sum = 0;
    for (const [id, line] of cart) {
      const g = goods.find((x) => x.id === id);
      if (g) sum += lineGross(g, line);
    }
    return sum;
  }

  function renderTiles() {
    const q = fold($('[data-search]').value.trim());
    const list = $('[data-tiles]');
    list.replaceChildren();
    const shown = goods.filter((g) => !q || fold(`${g.title} ${g.sku}`).includes(q));
    for (const g of shown) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'tile';
      b.dataset.product = g.id;
      if (g.thumbUrl) {
        const img = document.createElement('img');
        img.src = g.thumbUrl;
        img.alt = '';
        img.loading = 'lazy';
        b.append(img);
      } else {
        const ph = document.createElement('span');
        ph.className = 'tile__nophoto';
        ph.textContent = S.noPhoto;
        b.append(ph);
      }
      const name = document.createElement('span');
      name.className = 'tile__name';
      name.textContent = g.title;
      const price = document.createElement('span');
      price.className = 'tile__price';
      price.textContent = fmt(g.priceCents);
      b.append(name, price);
      if (g.left !== null) {
        const left = g.left - (queuedUnits.get(g.id) ?? 0) - (cart.get(g.id)?.quantity ?? 0);
        const badge = document.createElement('span');
        badge.className = `tile__left${left <= 0 ? ' tile__left--out' : ''}`;
        badge.textContent = fill(S.left, { count: left });
        b.append(badge);
      }
      const inCart = cart.get(g.id)?.quantity;
      if (inCart) {
        const n = document.createElement('span');
        n.className = 'tile__count';
        n.textContent = `×${inCart}`;
        b.append(n);
      }
      b.addEventListener('click', () => {
        const line = cart.get(g.id) ?? { quantity: 0 };
        line.quantity += 1;
        cart.set(g.id, line);
        render();
      });
      li.append(b);
      list.append(li);
    }
    const note = $('[data-note]');
    note.hidden = shown.length > 0 && !note.dataset.offline;
    if (shown.length === 0) note.textContent = S.noGoods;
  }

  function renderCart() {
    const lines = $('[data-lines]');
    lines.replaceChildren();
    for (const [id, line] of cart) {
      const g = goods.find((x) => x.id === id);
      if (!g) continue;
      const li = document.createElement('li');
      li.className = 'cart-line';
      li.dataset.line = id;
      const title = document.createElement('span');
      title.className = 'cart-line__title';
      title.textContent = `${line.quantity} × ${g.title}`;
      const amount = document.createElement('strong');
      amount.textContent = fmt(lineGross(g, line));
      const minus = document.createElement('button');
      minus.type = 'button';
      minus.className = 'button button--secondary cart-line__minus';
      minus.textContent = '−';
      minus.setAttribute('aria-label', `${S.remove}: ${g.title}`);
      minus.addEventListener('click', () => {
        line.quantity -= 1;
        if (line.quantity <= 0) cart.delete(id);
        render();
      });
      const details = document.createElement('details');
      details.className = 'cart-line__price';
      const summary = document.createElement('summary');
      summary.textContent = S.price;
      const priceLabel = document.createElement('label');
      priceLabel.textContent = S.price;
      const price = document.createElement('input');
      price.inputMode = 'decimal';
      price.value = line.priceCents !== undefined ? (line.priceCents / 100).toFixed(2).replace('.', ',') : '';
      price.placeholder = (g.priceCents / 100).toFixed(2).replace('.', ',');
      price.dataset.priceFor = id;
      priceLabel.append(price);
      const reasonLabel = document.createElement('label');
      reasonLabel.textContent = S.reason;
      const reason = document.createElement('input');
      reason.value = line.reason ?? '';
      reason.maxLength = 200;
      reason.dataset.reasonFor = id;
      reasonLabel.append(reason);
      const apply = () => {
        const cents = price.value.trim() === '' ? undefined : parseCents(price.value);
        if (cents === null) return;
        line.priceCents = cents === g.priceCents ? undefined : cents;
        line.reason = reason.value.trim() || undefined;
        amount.textContent = fmt(lineGross(g, line));
        renderTotal();
      };
      price.addEventListener('change', apply);
      reason.addEventListener('change', apply);
      details.append(summary, priceLabel, reasonLabel);
      if (line.priceCents !== undefined) details.open = true;
      li.append(title, amount, minus, details);
      lines.append(li);
    }
    $('[data-cart]').hidden = cart.size === 0;
  }

  function renderTotal() {
    const sum = total();
    $('[data-total]').textContent = fmt(sum);
    for (const b of document.querySelectorAll('[data-pay]')) b.disabled = sum <= 0;
  }

  function render() {
    renderTiles();
    renderCart();
    renderTotal();
  }

  async function recountQueued() {
    const units = new Map();
    for (const rec of await Q.queued()) {
      if (rec.eventId !== eventId) continue;
      for (const l of rec.sale.lines) units.set(l.productId, (units.get(l.productId) ?? 0) + l.quantity);
    }
    queuedUnits = units;
  }

  function showPending(state) {
    const el = $('[data-pending]');
    const n = state.pending;
    const key =
      { one: 'pendingOne', few: 'pendingFew', many: 'pendingMany' }[plural.select(n)] ?? 'pendingOther';
    el.replaceChildren(fill(S[key], { count: n }));
    el.dataset.count = String(n);
    el.classList.toggle('is-waiting', n > 0);
    if (state.offline) el.append(` · ${S.offline}`);
    const notice = $('[data-notice]');
    if (state.signIn) {
      const a = document.createElement('a');
      a.href = root.dataset.loginUrl;
      a.textContent = S.signInLink;
      notice.replaceChildren(`${S.signIn} `, a);
      notice.hidden = false;
    } else notice.hidden = true;
  }

  /** The sale as the server takes it; the cart's lines, the payment, the moment on this phone. */
  function saleFromCart(method, givenCents) {
    const lines = [];
    for (const [productId, line] of cart) {
      const l = { productId, quantity: line.quantity };
      if (line.priceCents !== undefined) {
        l.priceCents = line.priceCents;
        l.reason = line.reason ?? '';
      }
      lines.push(l);
    }
    return {
      id: Q.newId(),
      eventId,
      soldAt: new Date().toISOString(),
      lines,
      payment: method === 'cash' ? { method, givenCents } : { method },
    };
  }

  function missingReason() {
    for (const line of cart.values()) if (line.priceCents !== undefined && !line.reason) return true;
    return false;
  }

  async function record(method, givenCents) {
    const sale = saleFromCart(method, givenCents);
    await Q.add(sale);
    cart.clear();
    await recountQueued();
    render();
    const due = method === 'cash' ? cashDue(total.last) : total.last;
    toast(fill(S.saved, { amount: fmt(due) }));
  }

  function openDialog(method) {
    if (missingReason()) {
      toast(S.reasonNeeded);
      return;
    }
    const sum = total();
    total.last = sum;
    const dialog = document.querySelector(`[data-dialog="${method}"]`);
    if (method === 'cash') {
      const due = cashDue(sum);
      dialog.querySelector('[data-due]').textContent = fmt(due);
      dialog.querySelector('[data-rounding]').textContent = fmt(due - sum);
      const given = dialog.querySelector('[data-given]');
      given.value = '';
      given.placeholder = (due / 100).toFixed(2).replace('.', ',');
      const notes = dialog.querySelector('[data-notes]');
      notes.replaceChildren();
      for (const note of [500, 1000, 2000, 5000].filter((n) => n >= due)) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'button button--secondary';
        b.textContent = fmt(note);
        b.addEventListener('click', () => {
          given.value = (note / 100).toFixed(2).replace('.', ',');
          updateChange();
        });
        notes.append(b);
      }
      updateChange();
    } else {
      dialog.querySelector('[data-card-due]').textContent = fmt(sum);
    }
    dialog.showModal();
  }

  function givenCents() {
    const text = $('[data-given]').value.trim();
    return text === '' ? cashDue(total.last) : parseCents(text);
  }

  function updateChange() {
    const due = cashDue(total.last);
    const given = givenCents();
    const error = $('[data-given-error]');
    const ok = given !== null && given >= due;
    $('[data-change]').textContent = ok ? fmt(given - due) : '—';
    error.hidden = ok || $('[data-given]').value.trim() === '';
    error.textContent = S.tooLittle;
    document.querySelector('[data-dialog="cash"] [data-confirm]').disabled = !ok;
  }

  $('[data-given]').addEventListener('input', updateChange);
  for (const b of document.querySelectorAll('[data-pay]'))
    b.addEventListener('click', () => openDialog(b.dataset.pay));
  for (const b of document.querySelectorAll('[data-cancel]'))
    b.addEventListener('click', () => b.closest('dialog').close());
  $('[data-cash-form]').addEventListener('submit', (e) => {
    const given = givenCents();
    if (given === null || given < cashDue(total.last)) {
      e.preventDefault();
      return;
    }
    void record('cash', given);
  });
  $('[data-card-form]').addEventListener('submit', () => void record('card_terminal'));
  $('[data-clear]').addEventListener('click', () => {
    cart.clear();
    render();
  });
  $('[data-search]').addEventListener('input', renderTiles);

  async function loadGoods() {
    const note = $('[data-note]');
    try {
      const res = await fetch(root.dataset.goodsUrl, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (!res.ok) throw new Error(String(res.status));
      const body = await res.json();
      goods = body.goods;
      if (res.headers.get('x-fair-cache') === 'offline') {
        note.dataset.offline = '1';
        note.textContent = S.goodsOffline;
      } else delete note.dataset.offline;
    } catch {
      note.textContent = S.offline;
    }
    await recountQueued();
    render();
  }

  Q.onChange((state) => {
    showPending(state);
  });
  Q.onResults(async (results) => {
    await recountQueued();
    const refused = results.filter((r) => r.status === 'refused' || r.status === 'conflict');
    if (refused.length) toast(fill(S.refused, { message: refused[0].message ?? '' }));
    else if (results.some((r) => r.late || r.shortfall)) toast(S.flagged);
    // The server's figures now include what was sent: read them again (from the cache offline).
    void loadGoods();
  });
  Q.start({ syncUrl: root.dataset.syncUrl, csrf: root.dataset.csrf });
  void loadGoods();
})();
