/** Shared helpers of the security suite (test/integration/security-*.test.ts). */
import { expect } from 'chai';
import type { Express } from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import type { Response } from 'supertest';
import type { Role } from '../../src/staff/model.ts';
import { csrfFrom, type Agent } from './app.ts';

export type Method = 'GET' | 'POST';

export interface DiscoveredRoute {
  method: Method;
  /** Express path pattern, e.g. `/admin/products/:id/edit`. */
  path: string;
}

interface LayerLike {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

function joinPath(prefix: string, part: string): string {
  if (part === '/' || part === '') return prefix || '/';
  return `${prefix.replace(/\/$/, '')}${part.startsWith('/') ? part : `/${part}`}`;
}

function paths(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.flat(Infinity).filter((p): p is string => typeof p === 'string');
  return typeof raw === 'string' ? [raw] : [];
}

function walk(stack: LayerLike[], prefix: string, out: DiscoveredRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const methods = Object.keys(layer.route.methods)
        .filter((m) => layer.route!.methods[m])
        .map((m) => m.toUpperCase());
      for (const p of paths(layer.route.path)) {
        for (const method of methods) {
          if (method === 'GET' || method === 'POST') out.push({ method, path: joinPath(prefix, p) });
          else throw new Error(`unexpected ${method} ${joinPath(prefix, p)}: add it to the security suite`);
        }
      }
    } else if (layer.handle?.stack) {
      // Express 5 (router 2) keeps the mount path of `app.use('/admin', router)` on the layer's rawPath.
      const mounts = paths(layer.rawPath);
      for (const mount of mounts.length ? mounts : ['/'])
        walk(layer.handle.stack, joinPath(prefix, mount), out);
    }
  }
}

/** Every GET and POST route of the app, found by walking the router stack (nested routers included). */
export function discoverRoutes(app: Express): DiscoveredRoute[] {
  const router = (app as unknown as { router: { stack: LayerLike[] } }).router;
  const out: DiscoveredRoute[] = [];
  walk(router.stack, '', out);
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const STAFF_ROLES: Role[] = ['master', 'marketing', 'admin'];
const CATALOGUE_AND_SALES: Role[] = ['marketing', 'admin'];
const WORKSHOP: Role[] = ['master', 'admin'];
const ADMIN: Role[] = ['admin'];

/**
 * Who may use a staff route, by the first path segment after /admin (docs/domain.md, "Roles"). A new
 * section of the staff area must be added here, or the role matrix fails naming it.
 */
export const ROLE_RULES: Record<string, Role[]> = {
  '': STAFF_ROLES, // the dashboard
  products: CATALOGUE_AND_SALES,
  categories: CATALOGUE_AND_SALES,
  orders: CATALOGUE_AND_SALES,
  requests: CATALOGUE_AND_SALES,
  quotes: CATALOGUE_AND_SALES,
  invoices: CATALOGUE_AND_SALES,
  'service-invoices': CATALOGUE_AND_SALES,
  services: CATALOGUE_AND_SALES,
  'credit-notes': CATALOGUE_AND_SALES,
  outbox: CATALOGUE_AND_SALES,
  'accessibility-feedback': CATALOGUE_AND_SALES,
  participants: WORKSHOP,
  attendance: WORKSHOP,
  contributions: WORKSHOP,
  stipends: ADMIN,
  ledger: ADMIN,
  isaf: ADMIN,
  fair: CATALOGUE_AND_SALES,
  exports: ADMIN,
  staff: ADMIN,
  settings: ADMIN,
  lockers: ADMIN,
  reports: ADMIN,
};

/** Participants' bank details and the audit log of their personal data are for administrators only. */
const ADMIN_ONLY_WORDS = /iban|sepa|pain|audit/i;

export function isStaffRoute(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/') || path.startsWith('/account/');
}

/** The roles that may use a staff path, or undefined when the table has no rule for it. */
export function rolesFor(path: string): Role[] | undefined {
  if (!isStaffRoute(path)) return undefined;
  if (path.startsWith('/account/')) return STAFF_ROLES;
  const segment = /^\/admin(?:\/([^/]*))?/.exec(path)?.[1] ?? '';
  const rule = ROLE_RULES[segment.replace(/\.(csv|pdf|xml|json)$/, '')];
  if (rule && ADMIN_ONLY_WORDS.test(path)) return ADMIN;
  return rule;
}

export const UNKNOWN_ID = '0123456789abcdef01234567';

/**
 * A concrete URL for a route pattern: a parameter named in `ids` gets that value, `:id` the fixture
 * id of the route's section (or an unknown id when there is none), others a plausible value.
 */
export function fillPath(pattern: string, ids: Record<string, string>, useFixtures = true): string {
  const segment = /^\/admin\/([^/]*)/.exec(pattern)?.[1] ?? '';
  // Optional groups (`{/:format}`) are left out and wildcards (`*rest`) get one plain segment.
  const plain = pattern.replace(/\{[^}]*\}/g, '').replace(/\*\w+/g, 'x');
  return plain.replace(/:(\w+)/g, (_m, name: string) => {
    if (ids[name] !== undefined) return ids[name];
    if (/index|position|^n$/i.test(name)) return '0';
    if (/period|month/i.test(name)) return '2026-10';
    if (/year/i.test(name)) return '2026';
    if (/lang/i.test(name)) return 'en';
    if (/state/i.test(name)) return 'on';
    if (/slug/i.test(name)) return 'no-such-slug';
    if (/token/i.test(name)) return 'AAAAAAAAAAAAAAAAAAAAAA';
    return (useFixtures ? ids[segment] : undefined) ?? UNKNOWN_ID;
  });
}

/**
 * Everything a refused request could have changed: each collection (but sessions, rate-limit hits and
 * failed sign-ins, which refused requests are meant to leave) as JSON.
 */
export type DataSnapshot = Record<string, string>;

const UNTRACKED = new Set(['sessions', 'rate_limit_hits', 'login_attempts', 'login_slots']);

export async function snapshotData(): Promise<DataSnapshot> {
  const db = mongoose.connection.db!;
  const collections = (await db.listCollections().toArray())
    .map((c) => c.name)
    .filter((n) => !UNTRACKED.has(n) && !n.startsWith('system.'))
    .sort();
  const dump: DataSnapshot = {};
  for (const name of collections) {
    dump[name] = JSON.stringify(await db.collection(name).find().sort({ _id: 1 }).toArray());
  }
  return dump;
}

/** The collections whose content differs from the snapshot (empty when nothing changed). */
export async function changedSince(before: DataSnapshot): Promise<string[]> {
  const after = await snapshotData();
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => (before[n] ?? '[]') !== (after[n] ?? '[]')).sort();
}

/** Posts a form with the CSRF token in the header, which the app accepts for any body type. */
export function postWithToken(agent: Agent, url: string, token: string | undefined, body = {}) {
  const req = agent.post(url).type('form');
  return (token ? req.set('X-CSRF-Token', token) : req).send(body);
}

/** An anonymous browser that has opened a public form (so it holds a browser id and a CSRF token). */
export async function anonymousWithToken(app: Express): Promise<{ agent: Agent; token: string }> {
  const agent = request.agent(app);
  const page = await agent.get('/login').expect(200);
  return { agent, token: csrfFrom(page.text) };
}

export function isLoginRedirect(res: Response): boolean {
  return (res.status === 302 || res.status === 303) && /^\/login\b/.test(String(res.headers.location));
}

/** The Content-Security-Policy of a response as a map of directive → sources. */
export function cspDirectives(res: Response): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  const map = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

/** The page's CSP lets no inline script or event handler run. */
export function expectNoInlineScripts(res: Response, label: string): void {
  const csp = cspDirectives(res);
  const scripts = csp.get('script-src') ?? csp.get('default-src');
  expect(scripts, `${label}: script-src`).to.not.equal(undefined);
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', "'unsafe-hashes'"]) {
    expect(scripts, `${label}: script-src ${bad}`).to.not.include(bad);
  }
  if (csp.has('script-src-attr')) expect(csp.get('script-src-attr')).to.deep.equal(["'none'"]);
  expect(csp.get('object-src'), `${label}: object-src`).to.deep.equal(["'none'"]);
}

/** A user-agent cookie value from a supertest agent's jar. */
/** An order placed through the public checkout (pickup, bank transfer) by a fresh browser. */
export async function checkoutOverHttp(
  app: Express,
  slug: string,
  productId: string,
  fields: Record<string, string> = {},
): Promise<{ res: Response; agent: Agent }> {
  const agent = request.agent(app);
  const product = await agent.get(`/products/${slug}`).expect(200);
  await agent
    .post('/cart/add')
    .type('form')
    .send({ _csrf: csrfFrom(product.text), productId, quantity: '1' })
    .expect(303);
  const page = await agent.get('/checkout').expect(200);
  const res = await agent
    .post('/checkout')
    .type('form')
    .send({
      _csrf: csrfFrom(page.text),
      name: 'Ona Pirkėja',
      email: 'ona@example.lt',
      phone: '+37060000000',
      delivery: 'pickup',
      payment: 'bank_transfer',
      terms: 'on',
      ...fields,
    });
  return { res, agent };
}

export function agentCookie(agent: Agent, name: string): string | undefined {
  const jar = (agent as unknown as { jar: { getCookies(a: unknown): { name: string; value: string }[] } })
    .jar;
  return jar
    .getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false })
    .find((c) => c.name === name)?.value;
}
