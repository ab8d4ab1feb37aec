import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { createProduct, publishProduct } from '../../src/catalog/service.ts';
import { OutboxMessage } from '../../src/mail/model.ts';
import { Order } from '../../src/orders/model.ts';
import { Product } from '../../src/catalog/model.ts';
import { csrfFrom, makeStaff, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import {
  checkoutOverHttp,
  discoverRoutes,
  fillPath,
  changedSince,
  snapshotData,
  type DiscoveredRoute,
} from '../support/security.ts';
import { cardCount, expectMessage, pngImage, postMultipart, productInput, waitFor } from './helpers.ts';

/** Operator keys, regex values, JSON-ish strings and repeated fields, as a raw query/form string. */
const HOSTILE_FIELDS = [
  'q',
  'category',
  'sort',
  'page',
  'state',
  'payment',
  'from',
  'to',
  'period',
  'account',
  'kind',
  'status',
  'reference',
  'email',
  'number',
  'name',
  'password',
  'productId',
  'quantity',
  'token',
  'id',
  'participantId',
];
const hostile = (fields: string[] = HOSTILE_FIELDS): string =>
  fields
    .flatMap((f) => [
      `${f}[$ne]=x`,
      `${f}[$gt]=`,
      `${f}[$regex]=.*`,
      `${f}[$where]=sleep(1000)`,
      `${f}=%7B%22%24ne%22%3Anull%7D`,
      `${f}=a&${f}=b`,
    ])
    .join('&');

const sessions = () => mongoose.connection.collection('sessions');

describe('security: operator injection and hostile query strings', () => {
  // Many refused sign-ins below: the login limit has its own tests (security-sessions).
  const t = useTestApp({
    LOGIN_RATE_LIMIT: '1000',
    LOGIN_ACCOUNT_LIMIT: '1000',
    LOGIN_GLOBAL_LIMIT: '100000',
  });
  let admin: Agent;
  let adminToken: string;
  let gets: DiscoveredRoute[];
  let posts: DiscoveredRoute[];
  const ids: Record<string, string> = {};
  let staffUser: { email: string; password: string };

  before(async () => {
    const routes = discoverRoutes(t.app);
    gets = routes.filter((r) => r.method === 'GET');
    posts = routes.filter(
      (r) => r.method === 'POST' && r.path !== '/webhooks/stripe' && r.path !== '/logout',
    );
    for (const [slug, title] of [
      ['puodelis', 'Molinis puodelis'],
      ['vaza', 'Stiklo vaza'],
    ] as const) {
      const p = await createProduct(
        productInput({ titleLt: title, sku: slug.toUpperCase(), slug, stockQuantity: 20 }),
        [],
        t.storage,
        { pricesIncludeVat: true },
      );
      await publishProduct(String(p._id));
      ids[slug] = String(p._id);
    }
    ids.products = ids.puodelis!;
    ids.slug = 'puodelis';
    await checkoutOverHttp(t.app, 'puodelis', ids.puodelis!, { email: 'pirmas@example.lt' });
    await checkoutOverHttp(t.app, 'vaza', ids.vaza!, { email: 'antras@example.lt' });
    const order = (await Order.findOne().lean())!;
    ids.orders = String(order._id);
    ids.token = order.token;
    staffUser = await makeStaff('admin');
    admin = await signInAs(t.app, 'admin');
    adminToken = await tokenFor(admin);
  });

  it('answers every page with hostile query parameters without a server error, signed in or not', async () => {
    const failures: string[] = [];
    for (const route of gets) {
      const url = `${fillPath(route.path, ids)}?${hostile()}`;
      for (const [who, agent] of [
        ['admin', admin],
        ['anonymous', request.agent(t.app)],
      ] as const) {
        const res = await agent.get(url);
        if (res.status >= 500) failures.push(`${who} GET ${route.path} → ${res.status}`);
      }
    }
    expect(failures).to.deep.equal([]);
  });

  it('refuses hostile bodies on every form (urlencoded, JSON, multipart) without a server error; nothing changes', async () => {
    const before = await snapshotData();
    const failures: string[] = [];
    const anonymous = request.agent(t.app);
    const anonymousToken = csrfFrom((await anonymous.get('/login').expect(200)).text);
    for (const route of posts) {
      // Unknown ids, tokens and periods: actions that need no fields (cancel, finalise) must find nothing.
      const url = fillPath(route.path, { period: '1999-13' }, false);
      const staff = route.path.startsWith('/admin') || route.path.startsWith('/account');
      const [agent, token] = staff ? [admin, adminToken] : [anonymous, anonymousToken];
      const attempts = [
        () => agent.post(url).type('form').set('X-CSRF-Token', token).send(hostile()),
        () =>
          agent
            .post(url)
            .set('X-CSRF-Token', token)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify({ email: { $ne: null }, q: { $regex: '.*' }, name: ['a', 'b'] })),
        () =>
          postMultipart(agent, url, token, {
            'email[$ne]': 'x',
            'titleLt[$ne]': 'x',
            'category[$regex]': '.*',
            'sku[$gt]': '',
            name: ['a', 'b'],
          }),
      ];
      for (const [i, attempt] of attempts.entries()) {
        const res = await attempt();
        if (res.status >= 500 || res.status === 200 || res.status === 303) {
          // 303 only where no fields are needed (an empty cart's checkout goes back to the cart).
          if (
            res.status !== 303 ||
            /(find|login|cart\/add|cart\/update|staff|settings|categories)$/.test(url)
          ) {
            failures.push(`POST ${url} (${['form', 'json', 'multipart'][i]}) → ${res.status}`);
          }
        }
      }
    }
    expect(failures).to.deep.equal([]);
    expect(await changedSince(before)).to.deep.equal([]);
  });

  describe('find my order', () => {
    // The form allows 10 tries per 15 minutes and address; the tests above used some of them.
    beforeEach(() => mongoose.connection.collection('rate_limit_hits').deleteMany({}));

    async function find(body: string | Record<string, unknown>, type = 'form') {
      const agent = request.agent(t.app);
      const token = csrfFrom((await agent.get('/orders/find').expect(200)).text);
      const req = agent.post('/orders/find').set('X-CSRF-Token', token);
      return typeof body === 'string'
        ? req.type(type).send(body)
        : req.set('Content-Type', 'application/json').send(JSON.stringify(body));
    }

    it('sends nothing and shows nothing for operator values in any encoding', async () => {
      const order = (await Order.findOne().lean())!;
      const mailsBefore = await OutboxMessage.countDocuments();
      const attempts = [
        await find(`number=${order.number}&email[$ne]=x`),
        await find(`number[$ne]=x&email[$ne]=x`),
        await find(`number=${order.number}&email[$regex]=.*`),
        await find(`number=${order.number}&email=%7B%22%24ne%22%3Anull%7D`),
        await find(`number=${order.number}&email=x@example.lt&email=y@example.lt`),
        await find(`number=${order.number}&email=.*@example.lt`),
        await find({ number: order.number, email: { $ne: null } }),
        await find({ number: { $gt: '' }, email: { $gt: '' } }),
      ];
      for (const [i, res] of attempts.entries()) {
        expect(res.status, `attempt ${i}`).to.be.oneOf([200, 422]);
        expect(res.text, `attempt ${i}`).to.not.contain(order.token);
        expect(res.text, `attempt ${i}`).to.not.contain('pirmas@example.lt');
      }
      await new Promise((r) => setTimeout(r, 200)); // the mail is sent in the background
      expect(await OutboxMessage.countDocuments()).to.equal(mailsBefore);
    });

    it('still finds an order with the real e-mail (the refusals above are about the values)', async () => {
      const order = (await Order.findOne({ 'customer.email': 'pirmas@example.lt' }).lean())!;
      const before = await OutboxMessage.countDocuments();
      const res = await find(`number=${order.number}&email=pirmas@example.lt`);
      expect(res.status).to.equal(200);
      expectMessage(res.text, 'findOrder.sent');
      await waitFor('the re-sent link', async () => (await OutboxMessage.countDocuments()) > before);
      expect(await OutboxMessage.countDocuments()).to.equal(before + 1);
    });
  });

  it('signs nobody in with operator values for the e-mail or password', async () => {
    const before = await sessions().countDocuments();
    const bodies = [
      'email[$ne]=x&password[$ne]=x',
      `email=${encodeURIComponent(staffUser.email)}&password[$ne]=x`,
      `email[$regex]=.*&password=${encodeURIComponent(staffUser.password)}`,
      `email=%7B%22%24ne%22%3Anull%7D&password=${encodeURIComponent(staffUser.password)}`,
      `email=${encodeURIComponent(staffUser.email)}&email=x&password=${encodeURIComponent(staffUser.password)}`,
      `email=.*&password=${encodeURIComponent(staffUser.password)}`,
    ];
    for (const body of bodies) {
      const agent = request.agent(t.app);
      const token = csrfFrom((await agent.get('/login').expect(200)).text);
      const res = await agent.post('/login').set('X-CSRF-Token', token).type('form').send(body);
      expect(res.status, body).to.be.oneOf([401, 422]);
      await agent.get('/admin').expect(303);
    }
    const json = request.agent(t.app);
    const token = csrfFrom((await json.get('/login').expect(200)).text);
    const res = await json
      .post('/login')
      .set('X-CSRF-Token', token)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: { $ne: null }, password: { $ne: null } }));
    expect(res.status).to.be.oneOf([401, 422]);
    expect(await sessions().countDocuments()).to.equal(before);
  });

  describe('catalogue query parameters', () => {
    const count = async (query: string) => {
      const res = await request(t.app).get(`/catalogue?${query}`);
      expect(res.status, query).to.equal(200);
      return cardCount(res.text);
    };

    it('searches words, never patterns: regex syntax is no alternative and no error', async () => {
      expect(await count('')).to.equal(2);
      expect(await count('q=puodelis')).to.equal(1);
      // As a pattern `zzz|molinis` would find the cup; as words it needs both.
      expect(await count(`q=${encodeURIComponent('zzz|molinis')}`)).to.equal(0);
      expect(await count(`q=${encodeURIComponent('molinis.*zzz')}`)).to.equal(0);
      for (const q of ['.*', '^', '.', '(', '[', '\\', '.*|.*']) {
        // Punctuation alone is no search at all: the whole catalogue.
        expect(await count(`q=${encodeURIComponent(q)}`), q).to.equal(2);
      }
    });

    it('ignores operator keys and malformed values, showing the normal page', async () => {
      for (const query of [
        'q[$ne]=zzz',
        'category[$ne]=zzz',
        'category[$regex]=.*',
        'category=%7B%22%24ne%22%3Anull%7D',
        'sort[$gt]=',
        'sort=%7B%22price%22%3A1%7D',
        'page[$gt]=0',
        'page=-1',
        'page=1e99',
        'page=abc',
        'q=a&q=b',
        'category=keramika&category=vaza',
      ]) {
        expect(await count(query), query).to.be.oneOf([0, 2]);
      }
      expect(await count('category[$ne]=zzz')).to.equal(2);
      expect(await count('q[$ne]=zzz')).to.equal(2);
    });

    it('answers 404 for product and order addresses that are not plain values', async () => {
      for (const slug of ['%7B%22%24ne%22%3Anull%7D', '.*', '[object Object]', 'a%00b', '%24ne']) {
        await request(t.app).get(`/products/${slug}`).expect(404);
      }
      for (const token of ['%7B%22%24ne%22%3Anull%7D', '.*', '%24ne', 'A'.repeat(21), `${ids.token!}x`]) {
        const res = await request(t.app).get(`/orders/${token}`);
        expect(res.status, token).to.equal(404);
        expect(res.text).to.not.contain('pirmas@example.lt');
      }
    });
  });

  describe('staff list filters', () => {
    const rows = (html: string) => html.match(/href="\/admin\/orders\/[a-f0-9]{24}"/g)?.length ?? 0;

    it('order search treats regex syntax literally and ignores operator keys', async () => {
      const all = rows((await admin.get('/admin/orders').expect(200)).text);
      expect(all).to.equal(2);
      for (const q of ['.*', '^', '(', '[', '\\', '.*@example.lt']) {
        const res = await admin.get(`/admin/orders?q=${encodeURIComponent(q)}`).expect(200);
        expect(rows(res.text), q).to.equal(0);
      }
      for (const query of [
        'q[$ne]=x',
        'state[$ne]=paid',
        'state[$in]=paid',
        'payment[$regex]=.*',
        'from[$gt]=',
        'to=%7B%22%24gt%22%3A%22%22%7D',
        'page[$gt]=0',
        'state=paid&state=cancelled',
      ]) {
        const res = await admin.get(`/admin/orders?${query}`).expect(200);
        expect(rows(res.text), query).to.equal(all);
      }
      const csv = await admin.get(`/admin/orders.csv?q=${encodeURIComponent('.*')}`).expect(200);
      expect(csv.text).to.not.contain('@example.lt');
    });

    it('ledger and outbox filters ignore operator keys and treat text literally', async () => {
      for (const query of [
        'account[$regex]=.*',
        'period[$ne]=x',
        'kind[$ne]=x',
        'q[$ne]=x',
        'q=.*',
        'account=.*',
      ]) {
        await admin.get(`/admin/ledger?${query}`).expect(200);
        await admin.get(`/admin/ledger.csv?${query}`).expect(200);
      }
      await admin.get('/admin/ledger/balances?period[$ne]=x').expect(200);
      const mails = (html: string) => html.match(/href="\/admin\/outbox\/[a-f0-9]{24}"/g)?.length ?? 0;
      const all = mails((await admin.get('/admin/outbox').expect(200)).text);
      expect(all).to.be.greaterThan(0);
      expect(mails((await admin.get('/admin/outbox?reference[$ne]=x').expect(200)).text)).to.equal(all);
      expect(mails((await admin.get('/admin/outbox?reference=.*').expect(200)).text)).to.equal(0);
    });

    it('product search treats regex syntax literally', async () => {
      const list = await admin.get(`/admin/products?q=${encodeURIComponent('zzz|molinis')}`).expect(200);
      expect(list.text).to.not.contain('Molinis puodelis');
      const ignored = await admin.get('/admin/products?q[$ne]=x&status[$ne]=draft').expect(200);
      expect(ignored.text).to.contain('Molinis puodelis');
    });
  });

  it('treats operator keys in multipart product forms as absent fields (the upload parser nests them)', async () => {
    const marketing = await signInAs(t.app, 'marketing');
    const token = await tokenFor(marketing, '/admin/products/new');
    const base = { kind: 'good', titleLt: 'Naujas', price: '10', vatRate: '21', stockQuantity: '1' };
    const image = async () => [{ name: 'a.png', data: await pngImage() }];
    const before = await snapshotData();
    // A required field given only as an operator is missing: refused.
    for (const [i, extra] of [
      { 'titleLt[$ne]': 'x', titleLt: undefined },
      { 'sku[$gt]': '' },
      { 'price[$gt]': '0', price: undefined },
      { 'kind[$in]': 'good', kind: undefined },
    ].entries()) {
      const fields: Record<string, string> = { sku: `INJ-${i}` };
      for (const [k, v] of Object.entries({ ...base, ...extra })) if (typeof v === 'string') fields[k] = v;
      if ('sku[$gt]' in extra) delete fields.sku;
      const res = await postMultipart(marketing, '/admin/products', token, fields, await image());
      expect(res.status, JSON.stringify(extra)).to.equal(422);
    }
    expect(await changedSince(before)).to.deep.equal([]);
    // An optional one is left out: the product is saved without it, never with an operator in it.
    const res = await postMultipart(
      marketing,
      '/admin/products',
      token,
      { ...base, sku: 'INJ-OPT', 'category[$ne]': 'x', 'slug[$regex]': '.*' },
      await image(),
    );
    expect(res.status).to.equal(303);
    const saved = await Product.findOne({ sku: 'INJ-OPT' }).lean();
    expect(saved?.category).to.equal(null);
    expect(saved?.slug).to.equal('naujas');
  });

  it('keeps the cart empty for operator product ids', async () => {
    const agent = request.agent(t.app);
    const token = csrfFrom((await agent.get('/products/puodelis').expect(200)).text);
    for (const body of [
      'productId[$ne]=x&quantity=1',
      `productId=${ids.puodelis!}&productId=${ids.vaza!}&quantity=1`,
      `productId=${ids.puodelis!}&quantity=1e3`,
      `productId=${ids.puodelis!}&quantity=-1`,
    ]) {
      const res = await agent.post('/cart/add').set('X-CSRF-Token', token).type('form').send(body);
      expect(res.status, body).to.equal(422);
    }
    const cart = await agent.get('/cart').expect(200);
    expect(cart.text).to.not.contain('Molinis puodelis');
  });
});
