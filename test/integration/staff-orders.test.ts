import { expect } from 'chai';
import request from 'supertest';
import { archiveProduct } from '../../src/catalog/service.ts';
import { currentStock } from '../../src/catalog/stock.ts';
import { JournalEntry, type JournalEntryDoc } from '../../src/ledger/model.ts';
import { OutboxMessage } from '../../src/mail/model.ts';
import { Order, type OrderDoc } from '../../src/orders/model.ts';
import { placeOrderFrom, SoldOutError } from '../../src/orders/placement.ts';
import { CheckoutSession } from '../../src/payments/model.ts';
import { getSettings } from '../../src/settings/service.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { signedWebhook, testStripeEnv } from '../support/stripe.ts';
import { formatCents } from '../../src/lib/money.ts';
import { expectMessage, lt, publishedGood, unescapeHtml, waitFor } from './helpers.ts';

const eur = (cents: number) => formatCents(cents, 'lt-LT');

type Fields = Record<string, string | string[]>;

function form(fields: Fields): string {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return body.toString();
}

const balanced = (e: JournalEntryDoc) =>
  e.lines.reduce((s, l) => s + l.debitCents, 0) === e.lines.reduce((s, l) => s + l.creditCents, 0);

describe('orders taken by staff (/admin/orders/new)', () => {
  const t = useTestApp(() => testStripeEnv());
  let agent: Agent;
  let csrf: string;
  let candle: string; // 12,10 € with VAT, 50 in stock
  let mug: string; // 22,42 € with VAT, made to order
  let scarce: string; // 1 in stock

  before(async () => {
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      { $set: { legalName: 'VšĮ Dirbtuvės', iban: 'LT121000011101001000', bankName: 'Bankas' } },
      { upsert: true },
    );
    candle = await publishedGood(t.storage, {
      titleLt: 'Žvakė bičių vaško',
      sku: 'ZVAKE-1',
      slug: 'zvake-1',
      price: 1210,
      vatRate: 2100,
      stockQuantity: 50,
    });
    mug = await publishedGood(t.storage, {
      titleLt: 'Puodelis',
      sku: 'PUOD-1',
      slug: 'puod-1',
      price: 2242,
      vatRate: 2100,
      stockMode: 'made_to_order',
      stockQuantity: 0,
      leadTimeDays: 7,
    });
    scarce = await publishedGood(t.storage, {
      titleLt: 'Retas krepšys',
      sku: 'KREPS-1',
      slug: 'kreps-1',
      price: 3000,
      vatRate: 2100,
      stockQuantity: 1,
    });
    agent = await signInAs(t.app, 'marketing');
    csrf = await tokenFor(agent, '/admin/orders/new');
  });

  const base = (extra: Fields = {}): Fields => ({
    _csrf: csrf,
    channel: 'phone',
    name: 'Ona Telefonu',
    email: 'ona@example.lt',
    phone: '',
    lang: 'lt',
    delivery: 'pickup',
    payment: 'pay_at_pickup',
    ...extra,
  });

  const post = (fields: Fields) => agent.post('/admin/orders/new').type('form').send(form(fields));

  /** Reviews, then confirms with the page's own key and total; the placed order. */
  async function take(fields: Fields): Promise<OrderDoc> {
    const review = await post({ ...fields, do: 'review' }).expect(200);
    const html = review.text;
    const key = /name="formKey" value="([a-f0-9]{32})"/.exec(html)?.[1];
    const total = /name="total" value="(\d+)"/.exec(html)?.[1];
    expect(key, 'confirm step has a one-time key').to.be.a('string');
    const placed = await post({ ...fields, do: 'place', formKey: key!, total: total! }).expect(303);
    const id = /^\/admin\/orders\/([a-f0-9]{24})$/.exec(String(placed.headers.location))?.[1];
    expect(id, String(placed.headers.location)).to.be.a('string');
    return (await Order.findById(id).lean<OrderDoc>())!;
  }

  const entriesOf = (o: OrderDoc) =>
    JournalEntry.find({ 'reference.id': String(o._id) }).lean<JournalEntryDoc[]>();

  it('searches goods and keeps the chosen lines when adding more', async () => {
    const first = await post(base({ q: 'zvake', do: `add:${candle}` })).expect(200);
    expect(first.text).to.contain(`value="${candle}"`);
    const second = await post(
      base({ q: 'puodel', do: 'search', product: [candle], qty: ['2'], price: [''], reason: [''] }),
    ).expect(200);
    expect(second.text).to.contain('data-add="PUOD-1"');
    expect(second.text).to.contain(`name="product" value="${candle}"`);
    const third = await post(
      base({ q: 'puodel', do: `add:${mug}`, product: [candle], qty: ['2'], price: [''], reason: [''] }),
    ).expect(200);
    expect(third.text).to.contain(`name="product" value="${candle}"`);
    expect(third.text).to.contain(`name="product" value="${mug}"`);
    expect(third.text).to.match(/id="qty-0"[^>]*value="2"/);
    // The GET search carries the lines too.
    const viaGet = await agent.get(`/admin/orders/new?q=zvake&product=${mug}&qty=3`).expect(200);
    expect(viaGet.text).to.contain(`name="product" value="${mug}"`);
    expect(viaGet.text).to.contain('data-add="ZVAKE-1"');
  });

  it('shows the total before placing and places a pay-at-pickup phone order once', async () => {
    const before = await Order.countDocuments();
    const fields = base({ product: [candle, mug], qty: ['2', '1'], price: ['', ''], reason: ['', ''] });
    const review = await post({ ...fields, do: 'review' }).expect(200);
    expect(unescapeHtml(review.text)).to.contain(lt('staffOrder.place', { total: eur(4662) }));
    const key = /name="formKey" value="([a-f0-9]{32})"/.exec(review.text)![1]!;
    const body = { ...fields, do: 'place', formKey: key, total: '4662' };
    const [a, b] = await Promise.all([post(body), post(body)]);
    expect(a.status).to.equal(303);
    expect(b.status).to.equal(303);
    expect(a.headers.location).to.equal(b.headers.location);
    expect(await Order.countDocuments()).to.equal(before + 1);
    const order = (await Order.findOne().sort({ createdAt: -1 }).lean<OrderDoc>())!;
    expect(order.channel).to.equal('phone');
    expect(order.enteredBy?.name).to.match(/^Test marketing/);
    expect(order.state).to.equal('pending_payment');
    expect(order.totals!.grossCents).to.equal(4662);
    expect(await currentStock(candle)).to.equal(48);
    const page = await agent.get(String(a.headers.location)).expect(200);
    expect(page.text).to.contain('data-entered-by');
    expectMessage(page.text, 'ordersAdmin.channelLine', { channel: lt('channel.phone') });
  });

  it('refuses bad inputs with a message and stores nothing', async () => {
    const before = await Order.countDocuments();
    const stock = await currentStock(candle);
    const mails = await OutboxMessage.countDocuments();
    const line = (qty: string, extra: Fields = {}) =>
      base({ product: [candle], qty: [qty], price: [''], reason: [''], ...extra });
    const cases: [Fields, string, string][] = [
      [line('0'), 'qty-0', 'errors.numberRange'],
      [line('-1'), 'qty-0', 'errors.wholeNumber'],
      [line('1e9'), 'qty-0', 'errors.wholeNumber'],
      [line('abc'), 'qty-0', 'errors.wholeNumber'],
      [line('1000000000'), 'qty-0', 'errors.wholeNumber'],
      [line('100'), 'qty-0', 'errors.numberRange'],
      [line('1', { price: ['5,00'], reason: [''] }), 'reason-0', 'staffOrder.errors.reasonRequired'],
      [line('1', { price: ['-3'], reason: ['sale'] }), 'price-0', 'errors.amountRange'],
      [line('1', { price: ['abc'], reason: ['sale'] }), 'price-0', 'errors.amount'],
      [
        base({ product: ['0123456789abcdef01234567'], qty: ['1'], price: [''], reason: [''] }),
        'line-0',
        'staffOrder.errors.productUnavailable',
      ],
      [line('1', { email: '', phone: '' }), 'email', 'staffOrder.errors.contactRequired'],
      [line('1', { email: 'not-an-email' }), 'email', 'errors.email'],
      [base(), 'q', 'staffOrder.errors.noLines'],
      [line('1', { payment: 'cash', tendered: '5' }), 'tendered', 'staffOrder.errors.tenderedShort'],
    ];
    for (const [fields, field, key] of cases) {
      for (const step of ['review', 'place']) {
        const res = await post({ ...fields, do: step, formKey: 'a'.repeat(32), total: '1' });
        expect(res.status, `${field} ${key} (${step})`).to.equal(422);
        const html = unescapeHtml(res.text);
        const message =
          key === 'staffOrder.errors.tenderedShort'
            ? lt(key, { tendered: eur(500), total: eur(1210) })
            : lt(key, { min: 1, max: 99 });
        expect(html, `${field}: ${key}`).to.contain(message);
        expect(html).to.contain(`href="#${field}"`);
      }
    }
    expect(await Order.countDocuments()).to.equal(before);
    expect(await OutboxMessage.countDocuments()).to.equal(mails);
    expect(await currentStock(candle)).to.equal(stock);
  });

  it('refuses an archived good', async () => {
    const old = await publishedGood(t.storage, {
      titleLt: 'Sena',
      sku: 'SENA-1',
      slug: 'sena-1',
      price: 500,
    });
    await archiveProduct(old);
    const before = await Order.countDocuments();
    const res = await post(base({ product: [old], qty: ['1'], price: [''], reason: [''], do: 'review' }));
    expect(res.status).to.equal(422);
    expectMessage(res.text, 'staffOrder.errors.productUnavailable');
    expect(await Order.countDocuments()).to.equal(before);
  });

  it('stores a price override with its reason, keeping the catalogue price, VAT on the new price', async () => {
    const order = await take(
      base({ product: [candle], qty: ['2'], price: ['10,00'], reason: ['Nuolaida nuolatiniam pirkėjui'] }),
    );
    const line = order.lines[0]!;
    expect(line.grossCents).to.equal(2000);
    expect(line.vatCents).to.equal(347); // 2000 × 21 / 121, half up
    expect(line.priceOverride).to.deep.include({
      catalogPriceCents: 1210,
      priceCents: 1000,
      reason: 'Nuolaida nuolatiniam pirkėjui',
    });
    const page = await agent.get(`/admin/orders/${String(order._id)}`).expect(200);
    expectMessage(page.text, 'ordersAdmin.line.override', {
      catalog: eur(1210),
      reason: 'Nuolaida nuolatiniam pirkėjui',
    });
  });

  it('reserves stock all or nothing', async () => {
    const stockBefore = await currentStock(candle);
    const fields = base({ product: [candle, scarce], qty: ['1', '2'], price: ['', ''], reason: ['', ''] });
    const res = await post({ ...fields, do: 'review' });
    expect(res.status).to.equal(422);
    expectMessage(res.text, 'orders.errors.notEnoughStock', { available: 1 });
    expect(await currentStock(candle)).to.equal(stockBefore);
    expect(await currentStock(scarce)).to.equal(1);
    // Past the page's check (the stock went meanwhile), placement itself reserves all or none.
    let refused: unknown;
    try {
      await placeOrderFrom({
        items: [
          { productId: candle, quantity: 1 },
          { productId: scarce, quantity: 2 },
        ],
        customer: { name: 'Ona', email: '', phone: '+37060044444', lang: 'lt' },
        delivery: { delivery: 'pickup', address: '', city: '', postcode: '', locker: '' },
        payment: 'pay_at_pickup',
        note: '',
        channel: 'phone',
        enteredBy: { id: 'x', name: 'Staff' },
        settings: await getSettings(),
        cardPaymentsEnabled: false,
      });
    } catch (err) {
      refused = err;
    }
    expect(refused).to.be.instanceOf(SoldOutError);
    expect(await currentStock(candle)).to.equal(stockBefore);
    expect(await currentStock(scarce)).to.equal(1);
  });

  it('cash now: paid at once, total rounded to 5 cents, change shown, one balanced entry with the rounding', async () => {
    // 12,10 + 22,42 = 34,52 € → 34,50 € in cash.
    const order = await take(
      base({
        channel: 'walk_in',
        email: '',
        phone: '+37060011111',
        payment: 'cash',
        tendered: '50',
        product: [candle, mug],
        qty: ['1', '1'],
        price: ['', ''],
        reason: ['', ''],
      }),
    );
    expect(order.state).to.equal('paid');
    expect(order.channel).to.equal('walk_in');
    expect(order.payment!.cashRoundingCents).to.equal(-2);
    expect(order.payment!.changeCents).to.equal(1550);
    const entries = await entriesOf(order);
    expect(entries).to.have.length(1);
    const e = entries[0]!;
    expect(balanced(e)).to.equal(true);
    expect(e.channel).to.equal('walk_in');
    expect(e.lines.find((l) => l.account === 'assets:cash')!.debitCents).to.equal(3450);
    expect(e.lines.find((l) => l.account === 'expenses:cash_rounding')!.debitCents).to.equal(2);
    const page = await agent.get(`/admin/orders/${String(order._id)}`).expect(200);
    expectMessage(page.text, 'ordersAdmin.cashTendered', { tendered: eur(5000), change: eur(1550) });
    // No e-mail given: nothing is queued for the customer.
    expect(await OutboxMessage.countDocuments({ reference: order.number, to: '' })).to.equal(0);
  });

  it('a cash order left waiting (cut off before it was marked paid) is paid from its page at the rounded total', async () => {
    const placed = await placeOrderFrom({
      items: [
        { productId: candle, quantity: 1 },
        { productId: mug, quantity: 1 },
      ],
      customer: { name: 'Nutrūko', email: '', phone: '+37060033333', lang: 'lt' },
      delivery: { delivery: 'pickup', address: '', city: '', postcode: '', locker: '' },
      payment: 'cash',
      note: '',
      channel: 'walk_in',
      enteredBy: { id: 'x', name: 'Staff' },
      settings: await getSettings(),
      cardPaymentsEnabled: false,
    });
    const id = String(placed._id);
    const page = await agent.get(`/admin/orders/${id}`).expect(200);
    const received = /id="received"[^>]*value="([^"]*)"/.exec(page.text)![1]!;
    expect(received).to.equal('34,50');
    const formKey =
      /action="\/admin\/orders\/[a-f0-9]+\/paid"[\s\S]*?name="formKey" value="([a-f0-9]{32})"/.exec(
        page.text,
      )![1]!;
    await agent
      .post(`/admin/orders/${id}/paid`)
      .type('form')
      .send({ _csrf: csrf, formKey, paidOn: '', received })
      .expect(303);
    const [e] = await entriesOf(placed);
    expect(balanced(e!)).to.equal(true);
    expect(e!.lines.find((l) => l.account === 'assets:cash')!.debitCents).to.equal(3450);
    expect(e!.lines.some((l) => l.account === 'liabilities:overpayments')).to.equal(false);
    expect(e!.lines.find((l) => l.account === 'expenses:cash_rounding')!.debitCents).to.equal(2);
  });

  it('card terminal now: paid at once into assets:card_terminal', async () => {
    const order = await take(
      base({
        channel: 'walk_in',
        payment: 'card_terminal',
        product: [candle],
        qty: ['1'],
        price: [''],
        reason: [''],
      }),
    );
    expect(order.state).to.equal('paid');
    const [e] = await entriesOf(order);
    expect(e!.lines.find((l) => l.account === 'assets:card_terminal')!.debitCents).to.equal(1210);
    expect(e!.channel).to.equal('walk_in');
  });

  it('bank transfer: details e-mailed with the number as reference, or shown to read over the phone', async () => {
    const withEmail = await take(
      base({ payment: 'bank_transfer', product: [mug], qty: ['1'], price: [''], reason: [''] }),
    );
    const key = `order.received:${String(withEmail._id)}`;
    await waitFor('the confirmation', async () => (await OutboxMessage.countDocuments({ key })) === 1);
    const mail = await OutboxMessage.findOne({ key }).lean();
    expect(mail!.text).to.contain(withEmail.number);
    expect(mail!.text).to.contain('LT12 1000 0111 0100 1000');
    const noEmail = await take(
      base({
        payment: 'bank_transfer',
        email: '',
        phone: '+37060022222',
        product: [mug],
        qty: ['1'],
        price: [''],
        reason: [''],
      }),
    );
    const page = await agent.get(`/admin/orders/${String(noEmail._id)}`).expect(200);
    expect(page.text).to.contain('data-bank-for-phone');
    expect(page.text).to.contain('LT12 1000 0111 0100 1000');
  });

  it('card link: e-mailed and shown; the signed webhook marks it paid with one balanced phone entry', async () => {
    const order = await take(
      base({
        payment: 'card',
        email: 'kortele@example.lt',
        product: [candle],
        qty: ['1'],
        price: [''],
        reason: [''],
      }),
    );
    const session = await CheckoutSession.findOne({ orderId: order._id }).lean();
    expect(session!.url).to.match(/^https:\/\//);
    const key = `order.received:${String(order._id)}`;
    await waitFor('the confirmation', async () => (await OutboxMessage.countDocuments({ key })) === 1);
    const mail = await OutboxMessage.findOne({ key }).lean();
    expect(mail!.text).to.contain(session!.url);
    const page = await agent.get(`/admin/orders/${String(order._id)}`).expect(200);
    expect(unescapeHtml(page.text)).to.contain(`value="${session!.url}"`);
    const { body, signature } = signedWebhook({
      id: `evt_staff_${Date.now()}`,
      object: 'event',
      type: 'checkout.session.completed',
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: session!._id,
          object: 'checkout.session',
          metadata: { orderId: String(order._id) },
          amount_total: 1210,
          currency: 'eur',
          payment_status: 'paid',
          payment_intent: `pi_staff_${String(order._id)}`,
        },
      },
    });
    await request(t.app)
      .post('/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', signature)
      .send(body)
      .expect(200);
    expect((await Order.findById(order._id).lean())!.state).to.equal('paid');
    const entries = await entriesOf(order);
    expect(entries).to.have.length(1);
    expect(balanced(entries[0]!)).to.equal(true);
    expect(entries[0]!.channel).to.equal('phone');
    const income = entries[0]!.lines.find((l) => l.account === 'income:products')!;
    expect(income.attribution).to.deep.include({ productId: candle, orderId: String(order._id) });
  });

  it('the list filters by channel and shows it', async () => {
    const phone = await agent.get('/admin/orders?channel=phone').expect(200);
    const walkIn = await agent.get('/admin/orders?channel=walk_in').expect(200);
    const phoneChannels = [...phone.text.matchAll(/data-channel="([a-z_]+)"/g)].map((m) => m[1]);
    const walkChannels = [...walkIn.text.matchAll(/data-channel="([a-z_]+)"/g)].map((m) => m[1]);
    expect(phoneChannels.length).to.be.above(0);
    expect(new Set(phoneChannels)).to.deep.equal(new Set(['phone']));
    expect(new Set(walkChannels)).to.deep.equal(new Set(['walk_in']));
    expect(phone.text).to.match(/<option value="phone" selected>/);
  });

  it('keeps paying on the spot off the public checkout', async () => {
    const shopper = request.agent(t.app);
    const productPage = await shopper.get('/products/zvake-1').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(productPage.text)![1]!;
    await shopper
      .post('/cart/add')
      .type('form')
      .send({ _csrf: token, productId: candle, quantity: 1 })
      .expect(303);
    const before = await Order.countDocuments();
    for (const payment of ['cash', 'card_terminal']) {
      const res = await shopper.post('/checkout').type('form').send({
        _csrf: token,
        name: 'Jonas',
        email: 'j@example.lt',
        phone: '+37060000000',
        delivery: 'pickup',
        payment,
        terms: 'on',
      });
      expect(res.status, payment).to.equal(422);
    }
    expect(await Order.countDocuments()).to.equal(before);
  });

  it('is refused to the production master', async () => {
    const master = await signInAs(t.app, 'master');
    await master.get('/admin/orders/new').expect(403);
    const before = await Order.countDocuments();
    await master
      .post('/admin/orders/new')
      .type('form')
      .send(form({ ...base({ product: [candle], qty: ['1'] }), do: 'place' }))
      .expect(403);
    expect(await Order.countDocuments()).to.equal(before);
  });
});
