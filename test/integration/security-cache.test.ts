import { expect } from 'chai';
import request from 'supertest';
import type { Response } from 'supertest';
import { Category } from '../../src/catalog/model.ts';
import { createCategory, createProduct, publishProduct } from '../../src/catalog/service.ts';
import { OutboxMessage } from '../../src/mail/model.ts';
import { Order } from '../../src/orders/model.ts';
import type { Role } from '../../src/staff/model.ts';
import { makeStaff, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import {
  STAFF_ROLES,
  UNKNOWN_ID,
  anonymousWithToken,
  checkoutOverHttp,
  discoverRoutes,
  fillPath,
  isStaffRoute,
  postWithToken,
  type DiscoveredRoute,
} from '../support/security.ts';
import { pngImage, productInput } from './helpers.ts';
import { quotedRequest, serviceContext } from './services-support.ts';

/** The response tells the browser not to keep it (Back after signing out shows nothing). */
function noStore(res: Response): boolean {
  const header = String(res.headers['cache-control'] ?? '');
  return header
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .includes('no-store');
}

/**
 * Staff pages and private-link pages are never kept by the browser: every route of the staff area
 * (found from the router stack) for every role and for anonymous visitors, whatever the answer
 * (page, download, redirect, refusal, error), and the customer's order and request pages.
 */
describe('security: staff and private pages are not cached', () => {
  const t = useTestApp();
  let routes: DiscoveredRoute[];
  const ids: Record<string, string> = {};
  const agents = {} as Record<Role, { agent: Agent; token: string }>;
  let orderToken: string;
  let requestToken: string;

  before(async () => {
    routes = discoverRoutes(t.app);
    await createCategory({ nameLt: 'Keramika', nameEn: '', slug: 'keramika', position: 0 });
    ids.categories = String((await Category.findOne({ slug: 'keramika' }).lean())!._id);
    const product = await createProduct(
      productInput({ titleLt: 'Puodelis', sku: 'CACHE-1', slug: 'puodelis', category: ids.categories }),
      [{ originalName: 'a.png', buffer: await pngImage() }],
      t.storage,
      { pricesIncludeVat: true },
    );
    ids.products = String(product._id);
    await publishProduct(ids.products);
    const { res } = await checkoutOverHttp(t.app, 'puodelis', ids.products);
    expect(res.status).to.equal(303);
    const order = (await Order.findOne().lean())!;
    ids.orders = String(order._id);
    orderToken = order.token;
    ids.outbox = String((await OutboxMessage.findOne({ html: { $ne: '' } }).lean())!._id);
    ids.staff = (await makeStaff('marketing')).id;
    requestToken = (await quotedRequest(serviceContext(t.config))).token;
    for (const role of STAFF_ROLES) {
      const agent = await signInAs(t.app, role);
      agents[role] = { agent, token: await tokenFor(agent) };
    }
  });

  const staffRoutes = (method: string) => routes.filter((r) => r.method === method && isStaffRoute(r.path));
  const label = (res: Response, who: string, url: string) =>
    `${who} ${url} → ${res.status} Cache-Control: ${String(res.headers['cache-control'])}`;

  it('finds the staff pages and downloads to check', () => {
    const found = routes.map((r) => `${r.method} ${r.path}`);
    for (const known of [
      'GET /admin',
      'GET /admin/orders.csv',
      'GET /admin/participants',
      'POST /admin/settings',
    ]) {
      expect(found).to.include(known);
    }
  });

  it('sends no-store on every staff page and form for anonymous visitors (their redirects and refusals)', async () => {
    const { agent, token } = await anonymousWithToken(t.app);
    for (const route of staffRoutes('GET')) {
      const url = fillPath(route.path, ids);
      const res = await request(t.app).get(url);
      expect(noStore(res), label(res, 'anonymous', url)).to.equal(true);
    }
    // Express matches routes whatever the letter case, and so must the header.
    for (const url of ['/ADMIN/Participants', '/admin/', '/Account/Password']) {
      const res = await request(t.app).get(url);
      expect(noStore(res), label(res, 'anonymous', url)).to.equal(true);
    }
    for (const route of staffRoutes('POST')) {
      const url = fillPath(route.path, ids);
      const bare = await postWithToken(request.agent(t.app), url, undefined, {});
      expect(noStore(bare), label(bare, 'anonymous without token', url)).to.equal(true);
      const res = await postWithToken(agent, url, token, {});
      expect(noStore(res), label(res, 'anonymous', url)).to.equal(true);
    }
  });

  for (const role of STAFF_ROLES) {
    it(`sends no-store on every staff page, download and form answer for ${role}`, async () => {
      const { agent, token } = agents[role];
      const statuses = new Set<number>();
      for (const route of staffRoutes('GET')) {
        const url = fillPath(route.path, ids);
        const res = await agent.get(url);
        statuses.add(res.status);
        expect(noStore(res), label(res, role, url)).to.equal(true);
      }
      for (const route of staffRoutes('POST')) {
        // Unknown ids and empty forms: refusals, redirects and field errors, and nothing changes.
        const url = fillPath(route.path, ids, false);
        const res = await postWithToken(agent, url, token, {});
        statuses.add(res.status);
        expect(noStore(res), label(res, role, url)).to.equal(true);
      }
      const missing = await agent.get('/admin/no-such-page');
      expect(missing.status).to.equal(404);
      expect(noStore(missing), label(missing, role, '/admin/no-such-page')).to.equal(true);
      expect([...statuses], 'pages opened').to.include(200);
    });
  }

  it('sends no-store on the CSV download and the participants register', async () => {
    const csv = await agents.marketing.agent.get('/admin/orders.csv').expect(200);
    expect(String(csv.headers['content-type'])).to.contain('text/csv');
    expect(noStore(csv)).to.equal(true);
    const register = await agents.master.agent.get('/admin/participants').expect(200);
    expect(noStore(register)).to.equal(true);
  });

  it('sends no-store on every page a signed-in staff member opens, public ones included', async () => {
    for (const url of ['/', '/catalogue', '/products/puodelis', '/services', '/login', '/account/password']) {
      const res = await agents.admin.agent.get(url);
      expect(noStore(res), label(res, 'admin', url)).to.equal(true);
    }
  });

  it("sends no-store on every private-link route: the customer's order and the business request, with downloads", async () => {
    const privateRoutes = routes.filter((r) => r.path.includes(':token') && !isStaffRoute(r.path));
    expect(privateRoutes.map((r) => `${r.method} ${r.path}`)).to.include.members([
      'GET /orders/:token',
      'GET /requests/:token',
      'GET /requests/:token/quotes/:version/pdf',
    ]);
    const { agent, token } = await anonymousWithToken(t.app);
    for (const route of privateRoutes) {
      const real = route.path.startsWith('/orders/') ? orderToken : requestToken;
      for (const tokenValue of [real, 'AAAAAAAAAAAAAAAAAAAAAA']) {
        const url = fillPath(route.path, { token: tokenValue, version: '1', invoiceId: UNKNOWN_ID });
        const res =
          route.method === 'GET' ? await agent.get(url) : await postWithToken(agent, url, token, {});
        expect(noStore(res), label(res, 'customer', url)).to.equal(true);
      }
    }
    const order = await request(t.app).get(`/orders/${orderToken}`).expect(200);
    expect(noStore(order)).to.equal(true);
    const pdf = await request(t.app).get(`/requests/${requestToken}/quotes/1/pdf`).expect(200);
    expect(String(pdf.headers['content-type'])).to.contain('application/pdf');
    expect(noStore(pdf)).to.equal(true);
  });

  it('leaves the caching of public pages to the browser for anonymous visitors', async () => {
    for (const url of [
      '/',
      '/catalogue',
      '/products/puodelis',
      '/services',
      '/orders/find',
      '/requests/new',
    ]) {
      const res = await request(t.app).get(url).expect(200);
      expect(noStore(res), label(res, 'anonymous', url)).to.equal(false);
    }
  });
});
