import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/db/ferretdb.ts';
import { signedWebhook } from './stripe.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** The last 20,000 characters the process printed. */
  output(): string;
  /** Resolves when the process has exited, with its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Sends `signal` and waits for the exit; SIGKILL after `timeoutMs`. Returns the exit code. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

export interface StartOptions {
  /** Entry file relative to the project root (default `src/server.ts`). */
  entry?: string;
  port?: number;
  /** Send stdout and stderr to this file instead of keeping them in memory (for load tests). */
  logFile?: string;
  readyTimeoutMs?: number;
  /** The path polled until it answers 200. */
  readyPath?: string;
}

/**
 * Starts the app (or another entry point) as its own Node process with `env` added to this process's
 * environment (MONGODB_URI is not inherited unless given), and waits until `readyPath` answers 200.
 */
export async function startServerProcess(
  env: Record<string, string>,
  opts: StartOptions = {},
): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const base = { ...process.env };
  delete base.MONGODB_URI;
  const logFd = opts.logFile ? openSync(opts.logFile, 'a') : undefined;
  const child = spawn(process.execPath, [opts.entry ?? 'src/server.ts'], {
    cwd: ROOT,
    env: { ...base, PORT: String(port), ...env },
    stdio: ['ignore', logFd ?? 'pipe', logFd ?? 'pipe'],
  });
  if (logFd !== undefined) closeSync(logFd);
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  const printed = () => (opts.logFile ? readFileSync(opts.logFile, 'utf8').slice(-20_000) : out);
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  const url = `http://127.0.0.1:${port}`;
  const proc: ServerProcess = {
    url,
    port,
    child,
    output: printed,
    exited,
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${opts.entry ?? 'src/server.ts'} exited before it was ready:\n${printed()}`);
    }
    const ready = await fetch(`${url}${opts.readyPath ?? '/readyz'}`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready) return proc;
    if (Date.now() > deadline) {
      await proc.stop('SIGKILL');
      throw new Error(`${opts.entry ?? 'src/server.ts'} was not ready within the timeout:\n${printed()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Reply {
  status: number;
  location: string;
  text: string;
}

/** The CSRF token of the first form on a page. */
export function formToken(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token on the page');
  return m[1];
}

/**
 * A browser over plain fetch: keeps cookies, does not follow redirects, and (when given an address)
 * says it is that client through X-Forwarded-For, for servers started with TRUST_PROXY=1, so that
 * many simulated shoppers do not share one address's rate limit.
 */
export class Browser {
  readonly base: string;
  readonly ip: string | undefined;
  readonly cookies = new Map<string, string>();

  constructor(base: string, ip?: string) {
    this.base = base;
    this.ip = ip;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (this.ip) headers['x-forwarded-for'] = this.ip;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, location: res.headers.get('location') ?? '', text: await res.text() };
  }

  get(url: string): Promise<Reply> {
    return this.request('GET', url);
  }

  post(url: string, form: Record<string, string>): Promise<Reply> {
    return this.request('POST', url, form);
  }
}

function expectStatus(reply: Reply, status: number, what: string): Reply {
  if (reply.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${reply.status} ${reply.text.slice(0, 300)}`);
  }
  return reply;
}

/** Puts `quantity` of a published good into the browser's cart through the product page's form. */
export async function addToCart(
  browser: Browser,
  product: { slug: string; id: string },
  quantity = 1,
): Promise<void> {
  const page = expectStatus(await browser.get(`/products/${product.slug}`), 200, 'product page');
  const added = await browser.post('/cart/add', {
    _csrf: formToken(page.text),
    productId: product.id,
    quantity: String(quantity),
  });
  expectStatus(added, 303, 'add to cart');
}

export type PaymentChoice = 'bank_transfer' | 'card' | 'pay_at_pickup';

/** The checkout form a shopper sends (pickup), with a fresh token from the checkout page. */
export async function checkoutForm(
  browser: Browser,
  payment: PaymentChoice,
  email = 'pirkejas@example.lt',
): Promise<Record<string, string>> {
  const page = expectStatus(await browser.get('/checkout'), 200, 'checkout page');
  return {
    _csrf: formToken(page.text),
    name: 'Pirkėjas',
    email,
    phone: '+37060000000',
    delivery: 'pickup',
    payment,
    terms: 'on',
  };
}

/** Posts a Stripe event signed with the test webhook secret, as Stripe delivers it. */
export async function deliverWebhook(base: string, event: object): Promise<number> {
  const { body, signature } = signedWebhook(event);
  const res = await fetch(`${base}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

/** A checkout.session.completed event paying `amountCents` for the session, as Stripe sends it. */
export function sessionCompletedEvent(
  eventId: string,
  session: { id: string; orderId: string; amountCents: number },
): object {
  return {
    id: eventId,
    object: 'event',
    type: 'checkout.session.completed',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: session.id,
        object: 'checkout.session',
        client_reference_id: session.orderId,
        metadata: { orderId: session.orderId },
        amount_total: session.amountCents,
        currency: 'eur',
        payment_status: 'paid',
        payment_intent: `pi_test_${session.orderId}`,
      },
    },
  };
}

/** Runs `task` over `items` with at most `limit` running at once; results in input order. */
export async function pool<T, R>(items: T[], limit: number, task: (item: T, i: number) => Promise<R>) {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i]!, i);
      }
    }),
  );
  return results;
}
