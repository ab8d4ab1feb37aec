import { expect } from 'chai';
import request from 'supertest';
import type { Response } from 'supertest';
import { Category } from '../../src/catalog/model.ts';
import { OutboxMessage } from '../../src/mail/model.ts';
import { Order } from '../../src/orders/model.ts';
import { createStaff } from '../../src/staff/service.ts';
import { csrfFrom, signIn, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { checkoutOverHttp, cspDirectives, expectNoInlineScripts } from '../support/security.ts';
import { pngImage, postMultipart, productIdFrom } from './helpers.ts';
import { newFormKey } from '../../src/web/form-once.ts';

/** Every payload at once, so one field tests script tags, attribute break-outs and template syntax. */
const XSS = `<script>alert(1)</script>"><img src=x onerror=alert(1)>{{constructor}}'`;
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';

/** No payload survives unescaped, and no template syntax was evaluated. */
function expectInert(html: string, label: string): void {
  expect(html, `${label}: script tag`).to.not.contain('<script>alert(1)');
  expect(html, `${label}: img tag`).to.not.contain('<img src=x');
  expect(html, `${label}: event handler attribute`).to.not.match(/<[^>]*\bonerror\s*=/i);
  expect(html, `${label}: attribute break-out`).to.not.contain(`'>{{`);
  expect(html, `${label}: evaluated template`).to.not.contain('function Object()');
  // Structured data (JSON-LD) is the one inline script element: data the browser never runs, in
  // which no text may open or close a tag (`<` is escaped), and it must parse as JSON.
  const dataBlocks = /<script type="application\/ld\+json">([^]*?)<\/script>/g;
  for (const [, json] of html.matchAll(dataBlocks)) {
    expect(json, `${label}: JSON-LD`).to.not.contain('<');
    expect(() => JSON.parse(json!) as unknown, `${label}: JSON-LD parses`).to.not.throw();
  }
  expect(html.replace(dataBlocks, ''), `${label}: script elements`).to.not.match(
    /<script(?![^>]*\bsrc=)[^>]*>/,
  );
}

describe('security: stored and reflected XSS', () => {
  const t = useTestApp();
  let admin: Agent;
  let token: string;
  let customer: Agent;
  let productId: string;
  let categoryId: string;
  let orderToken: string;
  let orderId: string;
  let cancelledId: string;

  before(async () => {
    // A staff member whose own name is a payload (it shows on the dashboard and in order timelines).
    const password = 'correct horse battery';
    await createStaff({ email: 'xss-admin@example.test', name: XSS, role: 'admin', password });
    admin = await signIn(t.app, { email: 'xss-admin@example.test', password });
    token = await tokenFor(admin);

    const settings = await admin.post('/admin/settings').type('form').send({
      _csrf: token,
      displayName: XSS,
      legalName: XSS,
      companyCode: '',
      vatCode: '',
      address: XSS,
      email: '',
      phone: '',
      iban: 'LT12 1000 0111 0100 1000',
      bankName: XSS,
      defaultVatRate: '21',
      courierFee: '3',
      parcelLockerFee: '2',
      transferDueDays: '7',
      aboutLt: XSS,
      aboutEn: XSS,
    });
    expect(settings.status, 'settings saved').to.equal(303);

    const category = await admin
      .post('/admin/categories')
      .type('form')
      .send({ _csrf: token, nameLt: XSS, nameEn: XSS, slug: 'xss-kategorija', position: '0' });
    expect(category.status, 'category saved').to.equal(303);
    categoryId = String((await Category.findOne({ slug: 'xss-kategorija' }).lean())!._id);

    const product = await postMultipart(
      admin,
      '/admin/products',
      token,
      {
        kind: 'good',
        titleLt: XSS,
        titleEn: XSS,
        descriptionLt: `${XSS}\n\n${XSS}`,
        descriptionEn: XSS,
        unitLt: 'vnt.<b>',
        unitEn: 'pcs<b>',
        slug: 'xss-gaminys',
        sku: 'XSS-1',
        category: categoryId,
        price: '10',
        vatRate: '21',
        stockMode: 'stock',
        stockQuantity: '20',
        leadTimeDays: '0',
      },
      [{ name: `${XSS}.png`, data: await pngImage() }],
    );
    expect(product.status, 'product saved').to.equal(303);
    productId = productIdFrom(product);
    await admin.post(`/admin/products/${productId}/publish`).type('form').send({ _csrf: token }).expect(303);

    const fields = {
      name: XSS,
      delivery: 'courier',
      address: XSS,
      city: XSS.slice(0, 80),
      postcode: 'LT-01100',
      note: XSS,
    };
    const placed = await checkoutOverHttp(t.app, 'xss-gaminys', productId, fields);
    expect(placed.res.status, 'order placed').to.equal(303);
    customer = placed.agent;
    const order = (await Order.findOne().sort({ _id: -1 }).lean())!;
    orderToken = order.token;
    orderId = String(order._id);
    await admin
      .post(`/admin/orders/${orderId}/paid`)
      .type('form')
      .send({ _csrf: token, formKey: newFormKey(), paidOn: '' })
      .expect(303);
    await admin
      .post(`/admin/orders/${orderId}/refund`)
      .type('form')
      .send({ _csrf: token, formKey: newFormKey(), amount: '1', reason: XSS })
      .expect(303);

    await checkoutOverHttp(t.app, 'xss-gaminys', productId, fields);
    cancelledId = String((await Order.findOne().sort({ _id: -1 }).lean())!._id);
    await admin
      .post(`/admin/orders/${cancelledId}/cancel`)
      .type('form')
      .send({ _csrf: token, reason: XSS })
      .expect(303);
    // A line in the cart, so the cart and checkout pages show the product title.
    const page = await customer.get('/products/xss-gaminys').expect(200);
    await customer
      .post('/cart/add')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), productId, quantity: '1' })
      .expect(303);
  });

  const q = encodeURIComponent(XSS);
  type Page = [label: string, who: () => Agent, url: string, showsPayload: boolean];
  const pages = (): Page[] => [
    ['home', () => customer, '/', true],
    ['catalogue', () => customer, '/catalogue', true],
    ['catalogue of the category', () => customer, '/catalogue?category=xss-kategorija', true],
    ['catalogue search (reflected)', () => customer, `/catalogue?q=${q}`, true],
    ['product page', () => customer, '/products/xss-gaminys', true],
    ['cart', () => customer, '/cart', true],
    ['checkout', () => customer, '/checkout', true],
    ['order page', () => customer, `/orders/${orderToken}`, true],
    ['find my order', () => customer, '/orders/find', true],
    ['terms', () => customer, '/terms', true],
    ['login (reflected next)', () => request.agent(t.app), `/login?next=${q}`, true],
    ['dashboard', () => admin, '/admin', true],
    ['staff product list', () => admin, `/admin/products?q=${q}`, true],
    ['staff product form', () => admin, `/admin/products/${productId}/edit`, true],
    ['staff categories', () => admin, '/admin/categories', true],
    ['staff category form', () => admin, `/admin/categories/${categoryId}/edit`, true],
    ['staff order list', () => admin, '/admin/orders', true],
    ['staff order search (reflected)', () => admin, `/admin/orders?q=${q}`, true],
    ['staff order page', () => admin, `/admin/orders/${orderId}`, true],
    ['staff cancelled order page', () => admin, `/admin/orders/${cancelledId}`, true],
    ['staff list', () => admin, '/admin/staff', true],
    ['settings', () => admin, '/admin/settings', true],
    ['outbox', () => admin, '/admin/outbox', true],
    ['ledger', () => admin, `/admin/ledger?q=${q}`, true],
  ];

  it('shows every stored and reflected payload escaped on the pages that render it', async () => {
    const missing: string[] = [];
    for (const [label, who, url, shows] of pages()) {
      const res = await who().get(url);
      expect(res.status, label).to.equal(200);
      expectInert(res.text, label);
      if (shows && !res.text.includes(ESCAPED_SCRIPT)) missing.push(label);
    }
    // Each page above renders at least one of the payloads (so the check above looked at real output).
    expect(missing).to.deep.equal([]);
  });

  it('shows template syntax in stored texts as typed, never interpolated (staff name in the timeline)', async () => {
    const res = await admin.get(`/admin/orders/${orderId}`).expect(200);
    const timeline = res.text.slice(res.text.indexOf('timeline'));
    expect(timeline).to.contain('{{constructor}}&#x27;');
    expect(res.text).to.not.contain('[native code]');
  });

  it('shows the English texts escaped too', async () => {
    const english = request.agent(t.app);
    await english.get('/lang/en').expect(303);
    for (const url of ['/catalogue', '/products/xss-gaminys']) {
      const res = await english.get(url).expect(200);
      expect(res.text).to.contain('<html lang="en"');
      expectInert(res.text, url);
      expect(res.text).to.contain(ESCAPED_SCRIPT);
    }
  });

  it('re-renders refused forms with the typed payload escaped', async () => {
    const page = await customer.get('/checkout').expect(200);
    const checkout = await customer
      .post('/checkout')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), name: XSS, email: XSS, phone: XSS, delivery: 'pickup', note: XSS });
    expect(checkout.status).to.equal(422);
    expectInert(checkout.text, 'checkout 422');
    expect(checkout.text).to.contain(ESCAPED_SCRIPT);

    const find = await customer.get('/orders/find').expect(200);
    const found = await customer
      .post('/orders/find')
      .type('form')
      .send({ _csrf: csrfFrom(find.text), number: XSS.slice(0, 20), email: XSS });
    expect(found.status).to.equal(422);
    expectInert(found.text, 'find 422');

    const login = request.agent(t.app);
    const form = await login.get('/login').expect(200);
    const failed = await login
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), email: XSS, password: 'x', next: XSS });
    expect(failed.status).to.equal(401);
    expectInert(failed.text, 'login 401');
    expect(failed.text).to.contain(ESCAPED_SCRIPT);

    const category = await admin
      .post('/admin/categories')
      .type('form')
      .send({ _csrf: token, nameLt: XSS, slug: 'Not A Slug' });
    expect(category.status).to.equal(422);
    expectInert(category.text, 'category 422');
  });

  it('escapes the payloads in the e-mails and shows their HTML only under a policy that runs nothing', async () => {
    const messages = await OutboxMessage.find().lean();
    expect(messages.length).to.be.greaterThan(2);
    for (const m of messages) {
      expectInert(String(m.html), `mail ${m.subject}`);
      expect(String(m.subject), 'subject').to.not.match(/[\r\n]/);
      const show = await admin.get(`/admin/outbox/${String(m._id)}`).expect(200);
      expectInert(show.text, `outbox page ${m.subject}`);
      const html = await admin.get(`/admin/outbox/${String(m._id)}/html`).expect(200);
      expectInert(html.text, `outbox html ${m.subject}`);
      const csp = cspDirectives(html);
      expect(csp.get('default-src')).to.deep.equal(["'none'"]);
      expect(csp.has('script-src'), 'no script source').to.equal(false);
      expect(html.headers['x-content-type-options']).to.equal('nosniff');
    }
    expect(messages.some((m) => String(m.html).includes(ESCAPED_SCRIPT))).to.equal(true);
  });

  it('escapes a business service request (company, contact, address, description) everywhere it is shown', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/requests/new').expect(200);
    const res = await agent
      .post(`/requests/new?_csrf=${encodeURIComponent(csrfFrom(form.text))}`)
      .field('companyName', XSS)
      .field('companyCode', '123456789')
      .field('vatCode', '')
      .field('address', XSS)
      .field('contactName', XSS)
      .field('email', 'imone@example.lt')
      .field('phone', '+37060000000')
      .field('service', 'other')
      .field('description', `${XSS}\n${XSS}`)
      .field('quantity', '1')
      .field('desiredOn', '');
    expect(res.status).to.equal(303);
    const tracking = String(res.headers.location).split('?')[0]!;
    const mine = await agent.get(tracking).expect(200);
    expectInert(mine.text, 'tracking page');
    expect(mine.text).to.contain(ESCAPED_SCRIPT);
    expectNoInlineScripts(mine, 'tracking page');
    const list = await admin.get('/admin/requests').expect(200);
    expectInert(list.text, 'staff request list');
    expect(list.text).to.contain(ESCAPED_SCRIPT);
    const id = /href="\/admin\/requests\/([a-f0-9]{24})"/.exec(list.text)?.[1];
    expect(id, 'request link').to.be.a('string');
    const page = await admin.get(`/admin/requests/${id!}`).expect(200);
    expectInert(page.text, 'staff request page');
    expect(page.text).to.contain(ESCAPED_SCRIPT);
    for (const m of await OutboxMessage.find({ to: 'imone@example.lt' }).lean()) {
      expectInert(String(m.html), `mail ${m.subject}`);
    }
  });

  it('escapes participant names on the workshop pages', async () => {
    const created = await admin.post('/admin/participants').type('form').send({
      _csrf: token,
      displayName: XSS,
      code: 'XSS-1',
      startDate: '2026-01-05',
      endDate: '',
      consentToName: 'on',
      publicName: XSS,
    });
    expect(created.status).to.equal(303);
    for (const url of [
      '/admin/participants',
      String(created.headers.location),
      '/admin/attendance',
      '/admin/contributions',
    ]) {
      const res = await admin.get(url).expect(200);
      expectInert(res.text, url);
      expect(res.text, url).to.contain(ESCAPED_SCRIPT);
    }
  });

  it('sends a CSP that forbids inline scripts on every page that shows user input', async () => {
    for (const [label, who, url] of pages()) {
      const res: Response = await who().get(url);
      expectNoInlineScripts(res, label);
      expect(res.headers['x-content-type-options'], label).to.equal('nosniff');
    }
    // Error pages carry it too.
    const missing = await request(t.app).get(`/products/${q}`);
    expect(missing.status).to.equal(404);
    expectNoInlineScripts(missing, '404');
    expectInert(missing.text, '404');
  });

  it('serves uploaded pictures as images that cannot be rendered as a page', async () => {
    const page = await request(t.app).get('/products/xss-gaminys').expect(200);
    const src = /src="(\/media\/[^"]+)"/.exec(page.text)?.[1];
    expect(src, 'image url').to.be.a('string');
    expect(src).to.match(/^\/media\/[a-z0-9/]+(-thumb)?\.webp$/);
    const img = await request(t.app).get(src!).expect(200);
    expect(img.headers['content-type']).to.equal('image/webp');
    expect(img.headers['x-content-type-options']).to.equal('nosniff');
  });
});
