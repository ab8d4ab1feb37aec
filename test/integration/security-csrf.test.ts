import { expect } from 'chai';
import request from 'supertest';
import { createProduct, publishProduct } from '../../src/catalog/service.ts';
import { Order } from '../../src/orders/model.ts';
import { csrfFrom, makeStaff, signIn, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import {
  agentCookie,
  checkoutOverHttp,
  discoverRoutes,
  fillPath,
  postWithToken,
  changedSince,
  snapshotData,
  type DiscoveredRoute,
} from '../support/security.ts';
import { testStripeEnv } from '../support/stripe.ts';
import { expectMessage, productInput } from './helpers.ts';

/** Every POST route of the app (found in the router stack) needs the CSRF token of the same session. */
describe('security: CSRF on every state-changing route', () => {
  const t = useTestApp(() => testStripeEnv());
  let posts: DiscoveredRoute[];
  const ids: Record<string, string> = {};
  let admin: Agent;
  let adminToken: string;
  let otherAdmin: Agent;
  let otherAdminToken: string;
  let staffTarget: { email: string; password: string; id: string };

  /** A form body that would change something on most routes if it went through. */
  const body = () => ({
    productId: ids.products,
    quantity: '2',
    name: 'Įsiveržėlis',
    email: staffTarget.email,
    password: staffTarget.password,
    role: 'admin',
    nameLt: 'Įsiveržėlių',
    slug: 'isiverzeliu',
    displayName: 'Hacked',
    legalName: 'Hacked',
    amount: '1',
    reason: 'csrf',
  });

  before(async () => {
    posts = discoverRoutes(t.app).filter((r) => r.method === 'POST');
    const product = await createProduct(
      productInput({ titleLt: 'Vaza', sku: 'SEC-CSRF-1', slug: 'vaza', stockQuantity: 50 }),
      [],
      t.storage,
      { pricesIncludeVat: true },
    );
    ids.products = String(product._id);
    ids.slug = 'vaza';
    await publishProduct(ids.products);
    await checkoutOverHttp(t.app, 'vaza', ids.products, { payment: 'card' });
    const order = (await Order.findOne().lean())!;
    ids.orders = String(order._id);
    ids.token = order.token;
    staffTarget = await makeStaff('marketing');
    ids.staff = staffTarget.id;
    admin = await signInAs(t.app, 'admin');
    adminToken = await tokenFor(admin);
    otherAdmin = await signInAs(t.app, 'admin');
    otherAdminToken = await tokenFor(otherAdmin);
  });

  const targets = () => posts.filter((r) => r.path !== '/webhooks/stripe');

  it('finds the public and the staff forms', () => {
    const found = posts.map((r) => r.path);
    for (const p of [
      '/cart/add',
      '/checkout',
      '/orders/find',
      '/orders/:token/cancel',
      '/login',
      '/logout',
    ]) {
      expect(found).to.include(p);
    }
    expect(found.filter((p) => p.startsWith('/admin/')).length).to.be.greaterThan(20);
  });

  it('exempts only the Stripe webhook (which needs a signature instead)', async () => {
    const exempt: string[] = [];
    for (const route of posts) {
      const res = await request(t.app).post(fillPath(route.path, ids)).type('form').send({});
      if (res.status !== 403) exempt.push(`${route.path} → ${res.status}`);
    }
    expect(exempt).to.deep.equal(['/webhooks/stripe → 400']);
  });

  it('refuses every post of an anonymous browser without a token or with a forged one; nothing changes', async () => {
    const browser = request.agent(t.app);
    await browser.get('/login').expect(200); // holds a browser id and a CSRF cookie of its own
    const before = await snapshotData();
    for (const route of targets()) {
      const url = fillPath(route.path, ids);
      const none = await postWithToken(browser, url, undefined, body());
      expect(none.status, `${url} without token`).to.equal(403);
      expectMessage(none.text, 'errors.csrf');
      const forged = await postWithToken(browser, url, 'forged-token', body());
      expect(forged.status, `${url} forged token`).to.equal(403);
    }
    expect(await changedSince(before)).to.deep.equal([]);
  });

  it("refuses another browser's token on every post, also with that browser's CSRF cookie copied", async () => {
    const victim = request.agent(t.app);
    const attacker = request.agent(t.app);
    await victim.get('/cart').expect(200);
    const attackerToken = csrfFrom((await attacker.get('/login').expect(200)).text);
    const bid = agentCookie(victim, 'dv.bid');
    expect(bid, 'browser id cookie').to.be.a('string');
    const before = await snapshotData();
    for (const route of targets()) {
      const url = fillPath(route.path, ids);
      const res = await postWithToken(victim, url, attackerToken, body());
      expect(res.status, url).to.equal(403);
      // The attacker's own cookie pair still names the attacker's browser, not the victim's.
      const planted = await request(t.app)
        .post(url)
        .type('form')
        .set('Cookie', `dv.bid=${bid}; dv.csrf=${agentCookie(attacker, 'dv.csrf')}`)
        .send({ _csrf: attackerToken, ...body() });
      expect(planted.status, `${url} with planted cookie`).to.equal(403);
    }
    expect(await changedSince(before)).to.deep.equal([]);
  });

  it("refuses every staff post without a token or with another staff session's token; nothing changes", async () => {
    const before = await snapshotData();
    for (const route of targets()) {
      const url = fillPath(route.path, ids);
      const none = await postWithToken(admin, url, undefined, body());
      expect(none.status, `${url} without token`).to.equal(403);
      const stolen = await postWithToken(admin, url, otherAdminToken, body());
      expect(stolen.status, `${url} with another session's token`).to.equal(403);
      // A token travels in the URL only for multipart uploads (it would leak through logs and Referer).
      const inQuery = await admin
        .post(`${url}?_csrf=${encodeURIComponent(adminToken)}`)
        .type('form')
        .send(body());
      expect(inQuery.status, `${url} with the token in the query string`).to.equal(403);
    }
    expect(await changedSince(before)).to.deep.equal([]);
    await admin.get('/admin').expect(200);
    await otherAdmin.get('/admin').expect(200);
  });

  it('does not accept a token issued before sign-in for the signed-in session', async () => {
    const agent = request.agent(t.app);
    const anonymousToken = csrfFrom((await agent.get('/login').expect(200)).text);
    const user = await makeStaff('admin');
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: anonymousToken, email: user.email, password: user.password })
      .expect(303);
    await postWithToken(agent, '/admin/categories', anonymousToken, { nameLt: 'Po prisijungimo' }).expect(
      403,
    );
    const fresh = await tokenFor(agent);
    const ok = await postWithToken(agent, '/admin/categories', fresh, { nameLt: 'Po prisijungimo' });
    expect(ok.status).to.equal(303);
  });

  it('does not accept a token after sign-out and a new sign-in of the same user', async () => {
    const user = await makeStaff('admin');
    const agent = await signIn(t.app, user);
    const old = await tokenFor(agent);
    await agent.post('/logout').type('form').send({ _csrf: old }).expect(303);
    const again = await signIn(t.app, user);
    await postWithToken(again, '/admin/categories', old, { nameLt: 'Sena sesija' }).expect(403);
  });

  it('changes nothing when any page of the app is only opened (no state-changing GET)', async () => {
    const before = await snapshotData();
    for (const route of discoverRoutes(t.app).filter((r) => r.method === 'GET')) {
      const url = fillPath(route.path, ids);
      await admin.get(url);
      await request(t.app).get(url);
    }
    expect(await changedSince(before)).to.deep.equal([]);
  });
});
