import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { addToCart, Browser, formToken } from '../../test/support/server-process.ts';

export const CONNECTIONS = 4;
/** Seconds before autocannon gives up on a response (counted as a failure). */
export const TIMEOUT_SEC = 30;
/** A page slower than this alone is not put under load: a 10 s run could not tell anything more. */
export const MAX_ALONE_MS_FOR_LOAD = 2_000;

export interface LoadFigures {
  name: string;
  /** One request alone, before the load (the server idle). */
  singleMs: number;
  /** Not put under load because one request alone took longer than MAX_ALONE_MS_FOR_LOAD. */
  skipped: boolean;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Responses with an unexpected status, plus connection errors and timeouts. */
  failures: number;
  bytesPerResponse: number;
}

interface Target {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  /** The status every response must have. */
  expect: number;
  /** A path per request (e.g. a random product), else the URL's own path. */
  nextPath?: () => string;
  /** Headers and body per connection (e.g. each connection's own cart session). */
  perConnection?: (i: number) => { headers?: Record<string, string>; body?: string };
  durationSec: number;
}

/** Runs autocannon against one target and reduces the result to the figures the report shows. */
export async function measure(t: Target): Promise<LoadFigures> {
  let clientIndex = 0;
  let unexpected = 0;
  const result = await autocannon({
    url: t.url,
    method: t.method ?? 'GET',
    connections: CONNECTIONS,
    duration: t.durationSec,
    timeout: TIMEOUT_SEC,
    ...(t.nextPath
      ? {
          requests: [
            {
              setupRequest: (req) => ({ ...req, path: t.nextPath!() }),
            },
          ],
        }
      : {}),
    setupClient: (client) => {
      const setup = t.perConnection?.(clientIndex++);
      if (setup) client.setHeadersAndBody(setup.headers, setup.body);
      client.on('response', (status: number) => {
        if (status !== t.expect) unexpected += 1;
      });
    },
  });
  const responses = result.requests.total;
  return {
    name: t.name,
    singleMs: 0,
    skipped: false,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: responses,
    failures: unexpected + result.errors + result.timeouts,
    bytesPerResponse: responses ? Math.round(result.throughput.total / responses) : 0,
  };
}

const NOT_LOADED = { rps: 0, p50: 0, p99: 0, requests: 0, failures: 0, bytesPerResponse: 0 };

/** The time one request takes, in ms (its status checked). */
async function single(
  url: string,
  t: Pick<Target, 'method' | 'expect' | 'nextPath'>,
  setup?: { headers?: Record<string, string>; body?: string },
): Promise<number> {
  const target = t.nextPath ? new URL(t.nextPath(), url).toString() : url;
  const started = performance.now();
  const res = await fetch(target, {
    method: t.method ?? 'GET',
    headers: setup?.headers,
    body: setup?.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(120_000),
  });
  await res.arrayBuffer();
  if (res.status !== t.expect) throw new Error(`${target}: expected ${t.expect}, got ${res.status}`);
  return performance.now() - started;
}

export async function countSessions(): Promise<number> {
  return mongoose.connection.collection('sessions').countDocuments();
}

/**
 * A page as the app and the ceiling render it, made comparable: each server's own address in its
 * links (the port differs) and the product page's form token (the ceiling has none) taken out.
 */
async function comparablePage(base: string, path: string): Promise<string> {
  const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(120_000) });
  const port = new URL(base).port;
  return (await res.text())
    .replaceAll(`//localhost:${port}`, '//server')
    .replaceAll(`//127.0.0.1:${port}`, '//server')
    .replace(/(name="_csrf" value=")[^"]*"/g, '$1"');
}

export interface ThroughputResults {
  label: string;
  pairs: { app: LoadFigures; bare: LoadFigures }[];
  /** Whether the ceiling rendered each page exactly as the app did (its form token aside). */
  samePages: { name: string; same: boolean }[];
  sessionsBeforeBrowsing: number;
  sessionsAfterBrowsing: number;
}

/**
 * The catalogue page, a search, random product pages and add-to-cart, each against the app and the
 * bare server in turn (same machine, same database, same connections and duration).
 */
export async function runThroughput(opts: {
  label: string;
  appUrl: string;
  bareUrl: string;
  slugs: string[];
  cartProduct: { id: string; slug: string };
  searchQuery: string;
  durationSec: number;
  log: (msg: string) => void;
}): Promise<ThroughputResults> {
  const { appUrl, bareUrl, slugs, durationSec } = opts;
  let n = 0;
  const randomProduct = () => `/products/${slugs[(n = (n * 7919 + 104729) % slugs.length)]}`;
  const pairs: ThroughputResults['pairs'] = [];
  const samePages: ThroughputResults['samePages'] = [];

  async function pair(
    name: string,
    target: (base: string, app: boolean) => Omit<Target, 'name' | 'url' | 'durationSec'> & { path: string },
  ) {
    const figures = [] as LoadFigures[];
    const probe = target(appUrl, true);
    if (probe.method !== 'POST') {
      const path = probe.nextPath?.() ?? probe.path;
      const [app, bare] = await Promise.all([comparablePage(appUrl, path), comparablePage(bareUrl, path)]);
      samePages.push({ name, same: app === bare });
      if (app !== bare) opts.log(`  ${name}: THE CEILING'S PAGE DIFFERS FROM THE APP'S (${path})`);
    }
    for (const [base, isApp] of [
      [appUrl, true],
      [bareUrl, false],
    ] as const) {
      const { path, ...rest } = target(base, isApp);
      const url = `${base}${path}`;
      // One request alone first: the latency without load, and a warm-up (templates compiled).
      const singleMs = await single(url, rest, rest.perConnection?.(0));
      let f: LoadFigures;
      if (singleMs > MAX_ALONE_MS_FOR_LOAD) {
        f = { ...NOT_LOADED, name, singleMs, skipped: true };
      } else {
        f = { ...(await measure({ ...rest, name, url, durationSec })), singleMs };
        // Requests still running in the server when the clients stopped finish before the next run.
        await single(url, rest, rest.perConnection?.(0));
      }
      opts.log(
        `  ${name} (${isApp ? 'app' : 'bare'}): alone ${singleMs.toFixed(0)} ms; ` +
          (f.skipped
            ? 'not put under load'
            : `${f.rps.toFixed(1)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ${f.requests} responses`) +
          (f.failures ? `, ${f.failures} failed` : ''),
      );
      figures.push(f);
    }
    pairs.push({ app: figures[0]!, bare: figures[1]! });
  }

  const sessionsBeforeBrowsing = await countSessions();
  await pair('Catalogue page (/catalogue)', () => ({ path: '/catalogue', expect: 200 }));
  await pair(`Catalogue search (/catalogue?q=${opts.searchQuery})`, () => ({
    path: `/catalogue?q=${encodeURIComponent(opts.searchQuery)}`,
    expect: 200,
  }));
  await pair(`Product page (random of ${slugs.length.toLocaleString('en-US')})`, () => ({
    path: '/products/x',
    expect: 200,
    nextPath: randomProduct,
  }));
  const sessionsAfterBrowsing = await countSessions();

  // Each connection is one shopper with its own cart session, made the way a browser makes it.
  const shoppers = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const b = new Browser(appUrl);
      await addToCart(b, opts.cartProduct);
      const page = await b.get(`/products/${opts.cartProduct.slug}`);
      return { cookie: b.cookieHeader(), token: formToken(page.text) };
    }),
  );
  await pair('Add to cart (POST /cart/add)', (_base, isApp) => ({
    path: '/cart/add',
    method: 'POST',
    expect: 303,
    perConnection: (i) => {
      const s = shoppers[i % shoppers.length]!;
      const form = new URLSearchParams({ productId: opts.cartProduct.id, quantity: '1' });
      if (isApp) form.set('_csrf', s.token);
      return {
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(isApp ? { cookie: s.cookie } : {}),
        },
        body: form.toString(),
      };
    },
  }));
  return { label: opts.label, pairs, samePages, sessionsBeforeBrowsing, sessionsAfterBrowsing };
}
