/*
 * Fair mode's service worker (served at /fair-sw.js, scope /admin/fair/ by its Service-Worker-Allowed header). It keeps the sell
 * page, its script and styles, the event's goods and their photos in a versioned cache, so the page
 * opens and sells without a connection. Pages and goods: network first, the cache when the network
 * fails. Scripts, styles and photos: the cache first. Posts (the sales) are never touched here: the
 * page's queue sends them.
 */
'use strict';

const VERSION = '__FAIR_CACHE_VERSION__';
const CACHE = `fair-${VERSION}`;
const SHELL = [
  '/static/js/fair-queue.js',
  '/static/js/fair-sell.js',
  '/static/css/fair.css',
  '/static/css/base.css',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('fair-') && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

const SELL_PAGE = /^\/admin\/fair\/events\/[a-f0-9]{24}\/(sell|goods\.json)$/;

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Only a real page or list goes in the cache (not the sign-in page a redirect leads to).
    if (response.ok && !response.redirected) await cache.put(request, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(request);
    if (!cached) throw err;
    const headers = new Headers(cached.headers);
    headers.set('x-fair-cache', 'offline');
    return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (SELL_PAGE.test(url.pathname)) {
    event.respondWith(networkFirst(request));
  } else if (
    SHELL.includes(url.pathname) ||
    url.pathname.startsWith('/media/') ||
    url.pathname === '/static/images/favicon.svg'
  ) {
    event.respondWith(cacheFirst(request));
  }
});
