/*
 * Fair sales queue: every sale is stored in IndexedDB first (with an id made on this phone), then
 * sent to the server when there is a connection. The server applies each id once, so sending again
 * (a retry, a reload, another tab) is always safe. Nothing is removed from the queue until the server
 * has answered for it; a refused sale stays on the phone with the server's reason.
 */
(function () {
  'use strict';

  const DB_NAME = 'dirbtuves-fair';
  const STORE = 'sales';
  const CHUNK = 100;
  const MAX_DELAY_MS = 60000;

  function request(req) {
    return new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }

  let dbPromise;
  function db() {
    dbPromise ??= new Promise((resolve, reject) => {
      const open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = () => {
        const store = open.result.createObjectStore(STORE, { keyPath: 'id' });
        store.createIndex('status', 'status');
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    return dbPromise;
  }

  async function tx(mode, work) {
    const d = await db();
    const t = d.transaction(STORE, mode);
    const done = new Promise((resolve, reject) => {
      t.oncomplete = resolve;
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
    const result = await work(t.objectStore(STORE));
    await done;
    return result;
  }

  /** A UUID made here (crypto.randomUUID where the page is a secure context). */
  function newId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  const listeners = new Set();
  const state = { pending: 0, signIn: false, offline: !navigator.onLine, lastError: null };

  async function refresh() {
    state.pending = await tx('readonly', (s) => request(s.index('status').count('queued')));
    state.offline = !navigator.onLine;
    for (const fn of listeners) fn({ ...state });
  }

  async function add(sale) {
    await tx('readwrite', (s) =>
      request(s.put({ id: sale.id, eventId: sale.eventId, sale, status: 'queued', queuedAt: Date.now() })),
    );
    await refresh();
    schedule(0);
  }

  function queued() {
    return tx('readonly', (s) => request(s.index('status').getAll('queued')));
  }

  let syncUrl = null;
  let csrf = null;
  let syncing = false;
  let failures = 0;
  let timer = null;
  const resultListeners = new Set();

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(() => void sync(), ms);
  }

  /** Sends what is queued, in chunks; on any failure keeps it and tries again later (backing off). */
  async function sync() {
    if (!syncUrl || syncing) return;
    if (!navigator.onLine) {
      await refresh();
      return;
    }
    syncing = true;
    try {
      for (;;) {
        const batch = (await queued()).sort((a, b) => a.queuedAt - b.queuedAt).slice(0, CHUNK);
        if (batch.length === 0) break;
        let res;
        try {
          res = await fetch(syncUrl, {
            method: 'POST',
            credentials: 'same-origin',
            redirect: 'manual',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' },
            body: JSON.stringify({ sales: batch.map((r) => r.sale) }),
          });
        } catch {
          throw new Error('network');
        }
        if (res.type === 'opaqueredirect' || res.status === 401 || res.status === 403) {
          state.signIn = true;
          throw new Error('sign-in');
        }
        if (!res.ok) throw new Error(`status ${res.status}`);
        const body = await res.json();
        const answered = new Map(body.results.map((r) => [r.id, r]));
        await tx('readwrite', async (s) => {
          for (const rec of batch) {
            const r = answered.get(rec.id);
            if (!r) continue;
            rec.status = r.status === 'refused' || r.status === 'conflict' ? 'refused' : 'sent';
            rec.result = r;
            rec.sentAt = Date.now();
            await request(s.put(rec));
          }
        });
        for (const fn of resultListeners) fn(body.results);
        state.signIn = false;
        failures = 0;
      }
      state.lastError = null;
    } catch (err) {
      state.lastError = err.message;
      failures += 1;
      if (!state.signIn) schedule(Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(failures, 6)));
    } finally {
      syncing = false;
      await refresh();
    }
  }

  function start(opts) {
    syncUrl = opts.syncUrl;
    csrf = opts.csrf;
    window.addEventListener('online', () => {
      failures = 0;
      void sync();
    });
    window.addEventListener('offline', () => void refresh());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void sync();
    });
    void refresh().then(sync);
  }

  window.FairQueue = {
    newId,
    add,
    queued,
    start,
    sync,
    onChange: (fn) => listeners.add(fn),
    onResults: (fn) => resultListeners.add(fn),
  };
})();
