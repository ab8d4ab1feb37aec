import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { createProduct } from '../../src/catalog/service.ts';
import { currentStock } from '../../src/catalog/stock.ts';
import { JournalEntry } from '../../src/ledger/model.ts';
import { OutboxMessage } from '../../src/mail/model.ts';
import { Order } from '../../src/orders/model.ts';
import { csrfFrom, useTestApp, type Agent } from '../support/app.ts';
import { productInput, publishedGood, waitFor } from './helpers.ts';

const validCheckout = {
  name: 'Ona Onaitė',
  email: 'ona@example.lt',
  phone: '+370 600 12345',
  delivery: 'pickup',
  payment: 'bank_transfer',
  terms: 'on',
};

/** The public journey without card payments: cart → checkout → private order page → e-mails. */
describe('cart and checkout (no Stripe keys)', () => {
  const t = useTestApp();
  let mug: string;
  let candle: string;
  let draft: string;

  before(async () => {
    const good = { titleEn: 'Item', vatRate: 2100 };
    mug = await publishedGood(t.storage, {
      ...good,
      titleLt: 'Prekė MUG',
      slug: 'mug',
      sku: 'MUG',
      price: 1210,
    });
    candle = await publishedGood(t.storage, {
      ...good,
      titleLt: 'Prekė CANDLE',
      slug: 'candle',
      sku: 'CANDLE',
      price: 999,
      stockMode: 'made_to_order',
      leadTimeDays: 5,
    });
    const unpublished = await createProduct(
      productInput({ ...good, titleLt: 'Prekė DRAFT', slug: 'draft', sku: 'DRAFT', price: 500 }),
      [],
      t.storage,
      { pricesIncludeVat: true },
    );
    draft = String(unpublished._id);
  });

  async function cartWith(items: [string, number][]): Promise<{ agent: Agent; token: string }> {
    const agent = request.agent(t.app);
    const page = await agent.get('/products/mug').expect(200);
    let token = csrfFrom(page.text);
    for (const [productId, quantity] of items) {
      await agent.post('/cart/add').type('form').send({ _csrf: token, productId, quantity }).expect(303);
    }
    token = csrfFrom((await agent.get('/checkout').expect(200)).text);
    return { agent, token };
  }

  it('has no card option without Stripe keys', async () => {
    const { agent } = await cartWith([[mug, 1]]);
    const page = await agent.get('/checkout').expect(200);
    expect(page.text).not.to.contain('value="card"');
    expect(page.text).to.contain('value="bank_transfer"');
  });

  it('places a bank-transfer order: stock reserved, number, private page, e-mail with bank details', async () => {
    const before = await currentStock(mug);
    const { agent, token } = await cartWith([
      [mug, 2],
      [candle, 1],
    ]);
    const res = await agent
      .post('/checkout')
      .type('form')
      .send({ ...validCheckout, _csrf: token })
      .expect(303);
    expect(res.headers.location).to.match(/^\/orders\/[A-Za-z0-9_-]{22}$/);
    const order = await Order.findOne({ token: res.headers.location!.split('/').pop() }).lean();
    expect(order!.number).to.match(/^\d{4}-\d{5}$/);
    expect(order!.state).to.equal('pending_payment');
    expect(order!.totals!.grossCents).to.equal(2 * 1210 + 999);
    expect(order!.lines[0]!).to.include({ quantity: 2, grossCents: 2420, vatCents: 420, netCents: 2000 });
    expect(await currentStock(mug)).to.equal(before - 2);
    const page = await agent.get(res.headers.location!).expect(200);
    expect(page.text).to.contain(order!.number);
    expect(page.text).to.contain('Laukiama apmokėjimo');
    const mail = await OutboxMessage.findOne({ to: 'ona@example.lt' }).lean();
    expect(mail, 'order received e-mail').not.to.equal(null);
    expect(mail!.text).to.contain(order!.number);
    // The cart is emptied; nothing is posted to the ledger before payment.
    expect((await agent.get('/cart').expect(200)).text).to.contain('Krepšelis tuščias');
    expect(await JournalEntry.countDocuments({ 'reference.id': String(order!._id) })).to.equal(0);
  });

  it('courier adds the flat fee from settings and needs an address', async () => {
    const { agent, token } = await cartWith([[candle, 1]]);
    const bad = await agent
      .post('/checkout')
      .type('form')
      .send({ ...validCheckout, delivery: 'courier', _csrf: token })
      .expect(422);
    expect(bad.text).to.contain('id="address"');
    expect(bad.text).to.match(/id="address"[^>]*aria-invalid="true"/);
    const ok = await agent
      .post('/checkout')
      .type('form')
      .send({
        ...validCheckout,
        delivery: 'courier',
        address: 'Vilniaus g. 1',
        city: 'Kretinga',
        postcode: 'LT-97111',
        _csrf: token,
      })
      .expect(303);
    const order = await Order.findOne({ token: ok.headers.location!.split('/').pop() }).lean();
    expect(order!.delivery!.grossCents).to.equal(499);
    expect(order!.totals!.grossCents).to.equal(999 + 499);
  });

  it('refuses bad checkout input with messages and stores nothing', async () => {
    const { agent, token } = await cartWith([[candle, 1]]);
    const count = await Order.countDocuments();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'name'],
      [{ email: 'nope' }, 'email'],
      [{ phone: 'abc' }, 'phone'],
      [{ delivery: 'drone' }, 'delivery'],
      [{ payment: 'bitcoin' }, 'payment'],
      [{ terms: '' }, 'terms'],
      [{ delivery: 'parcel_locker', locker: '' }, 'locker'],
      [
        { payment: 'pay_at_pickup', delivery: 'courier', address: 'a', city: 'b', postcode: '12345' },
        'payment',
      ],
      [{ 'name[$ne]': 'x', name: undefined }, 'name'],
    ];
    for (const [change, field] of cases) {
      const body: Record<string, unknown> = { ...validCheckout, ...change, _csrf: token };
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      const res = await agent.post('/checkout').type('form').send(body);
      expect(res.status, JSON.stringify(change)).to.equal(422);
      expect(res.text, field).to.match(new RegExp(`id="${field}-error"`));
    }
    // Card is refused when Stripe is not configured, and repeated fields are not coerced.
    await agent
      .post('/checkout')
      .type('form')
      .send({ ...validCheckout, payment: 'card', _csrf: token })
      .expect(409);
    await agent
      .post('/checkout')
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(token)}&name=a&name=b&email=a%40b.lt&phone=%2B37060012345&delivery=pickup&payment=bank_transfer&terms=on`,
      )
      .expect(422);
    expect(await Order.countDocuments()).to.equal(count);
  });

  it('ignores prices sent by the browser', async () => {
    const { agent, token } = await cartWith([[mug, 1]]);
    const res = await agent
      .post('/checkout')
      .type('form')
      .send({ ...validCheckout, _csrf: token, price: '1', grossCents: '1', totals: '1' })
      .expect(303);
    const order = await Order.findOne({ token: res.headers.location!.split('/').pop() }).lean();
    expect(order!.totals!.grossCents).to.equal(1210);
  });

  it('refuses bad cart input: quantities, unknown and unpublished products, injection objects', async () => {
    const agent = request.agent(t.app);
    const token = csrfFrom((await agent.get('/products/mug').expect(200)).text);
    for (const quantity of ['0', '-1', '1e9', 'abc', '100', '1.5']) {
      await agent.post('/cart/add').type('form').send({ _csrf: token, productId: mug, quantity }).expect(422);
    }
    await agent
      .post('/cart/add')
      .type('form')
      .send({ _csrf: token, productId: 'abc', quantity: '1' })
      .expect(422);
    await agent
      .post('/cart/add')
      .type('form')
      .send({ _csrf: token, productId: new mongoose.Types.ObjectId().toString(), quantity: '1' })
      .expect(404);
    await agent
      .post('/cart/add')
      .type('form')
      .send({ _csrf: token, productId: draft, quantity: '1' })
      .expect(404);
    await agent
      .post('/cart/add')
      .type('form')
      .send(`_csrf=${encodeURIComponent(token)}&productId[$gt]=&quantity=1`)
      .expect(422);
    // More than in stock is refused with the number left.
    const many = await agent
      .post('/cart/add')
      .type('form')
      .send({ _csrf: token, productId: mug, quantity: '99' });
    expect(many.status).to.equal(409);
    expect(many.text).to.contain('liko');
    // Checkout with an empty cart goes back to the cart; posting it is refused.
    await agent.get('/checkout').expect(303).expect('Location', '/cart');
  });

  it('"find my order" answers the same whether or not the order exists, and e-mails the link', async () => {
    const { agent, token } = await cartWith([[candle, 1]]);
    const placed = await agent
      .post('/checkout')
      .type('form')
      .send({ ...validCheckout, email: 'find@example.lt', _csrf: token })
      .expect(303);
    const order = await Order.findOne({ token: placed.headers.location!.split('/').pop() }).lean();
    const visitor = request.agent(t.app);
    const formToken = csrfFrom((await visitor.get('/orders/find').expect(200)).text);
    const hit = await visitor
      .post('/orders/find')
      .type('form')
      .send({ _csrf: formToken, number: order!.number, email: 'FIND@example.lt' })
      .expect(200);
    const miss = await visitor
      .post('/orders/find')
      .type('form')
      .send({ _csrf: formToken, number: '2020-99999', email: 'find@example.lt' })
      .expect(200);
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '');
    expect(strip(hit.text)).to.equal(strip(miss.text));
    // The link is mailed in the background (so both answers take as long): wait for it.
    const withLink = async () =>
      (await OutboxMessage.find({ to: 'find@example.lt' }).lean()).filter((m) =>
        m.text.includes(`/orders/${order!.token}`),
      ).length;
    await waitFor('the re-sent link', async () => (await withLink()) >= 2);
    expect(await withLink(), 'the order e-mail and the re-sent link').to.equal(2);
    await visitor
      .post('/orders/find')
      .type('form')
      .send({ _csrf: formToken, number: 'x', email: 'y' })
      .expect(422);
  });

  it('lets the customer cancel an unpaid order, giving the stock back', async () => {
    const before = await currentStock(mug);
    const { agent, token } = await cartWith([[mug, 2]]);
    const placed = await agent
      .post('/checkout')
      .type('form')
      .send({ ...validCheckout, _csrf: token })
      .expect(303);
    expect(await currentStock(mug)).to.equal(before - 2);
    const page = await agent.get(placed.headers.location!).expect(200);
    await agent
      .post(`${placed.headers.location!}/cancel`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    const order = await Order.findOne({ token: placed.headers.location!.split('/').pop() }).lean();
    expect(order!.state).to.equal('cancelled');
    expect(await currentStock(mug)).to.equal(before);
    // Without the form's token nothing happens.
    await request(t.app).post(`${placed.headers.location!}/cancel`).expect(403);
  });

  it('makes a bank transfer due at the end of a Vilnius day', async () => {
    const { agent, token } = await cartWith([[candle, 1]]);
    const placed = await agent
      .post('/checkout')
      .type('form')
      .send({ ...validCheckout, _csrf: token })
      .expect(303);
    const order = await Order.findOne({ token: placed.headers.location!.split('/').pop() }).lean();
    const due = order!.payment!.dueAt!;
    const nextMs = new Date(due.getTime() + 1);
    const hm = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Vilnius',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    expect(hm.format(nextMs)).to.equal('00:00');
    const days = (due.getTime() - Date.now()) / 86_400_000;
    expect(days).to.be.within(7, 8);
  });

  it('hides orders behind unguessable tokens', async () => {
    await request(t.app).get('/orders/short').expect(404);
    await request(t.app).get('/orders/AAAAAAAAAAAAAAAAAAAAAA').expect(404);
  });
});
