import { expect } from 'chai';
import request from 'supertest';
import { pino } from 'pino';
import { currentStock } from '../../src/catalog/stock.ts';
import { JournalEntry } from '../../src/ledger/model.ts';
import { Order, type OrderDoc } from '../../src/orders/model.ts';
import { getOrder, refundOrder } from '../../src/orders/transitions.ts';
import { CheckoutSession } from '../../src/payments/model.ts';
import { buildCommerce } from '../../src/app.ts';
import { csrfFrom, useTestApp } from '../support/app.ts';
import { signedWebhook, testStripeEnv } from '../support/stripe.ts';
import { publishedGood } from './helpers.ts';

let eventCounter = 0;

function event(type: string, object: Record<string, unknown>) {
  eventCounter += 1;
  return {
    id: `evt_test_${Date.now()}_${eventCounter}`,
    object: 'event',
    type,
    data: { object },
    created: Math.floor(Date.now() / 1000),
  };
}

const sessionIds = new Map<string, string>();

function sessionObject(order: OrderDoc, extra: Record<string, unknown> = {}) {
  return {
    id: sessionIds.get(String(order._id)),
    object: 'checkout.session',
    client_reference_id: String(order._id),
    metadata: { orderId: String(order._id) },
    amount_total: order.totals!.grossCents,
    currency: 'eur',
    payment_status: 'paid',
    payment_intent: `pi_test_${String(order._id)}`,
    ...extra,
  };
}

/** Sums debits minus credits per account over entries. */
function net(entries: { lines: { account: string; debitCents: number; creditCents: number }[] }[]) {
  const byAccount = new Map<string, number>();
  for (const e of entries)
    for (const l of e.lines)
      byAccount.set(l.account, (byAccount.get(l.account) ?? 0) + l.debitCents - l.creditCents);
  return byAccount;
}

describe('card payments through Stripe (stripe-mock) and the signed webhook', () => {
  const t = useTestApp(() => testStripeEnv());
  let productId: string;

  before(async () => {
    productId = await publishedGood(t.storage, {
      titleLt: 'Vaza',
      slug: 'vaza',
      sku: 'VAZA',
      price: 2500,
      vatRate: 2100,
      stockQuantity: 100,
    });
  });

  async function cardOrder(quantity = 1): Promise<OrderDoc> {
    const agent = request.agent(t.app);
    const token = csrfFrom((await agent.get('/products/vaza').expect(200)).text);
    await agent.post('/cart/add').type('form').send({ _csrf: token, productId, quantity }).expect(303);
    const page = await agent.get('/checkout').expect(200);
    expect(page.text).to.contain('value="card"');
    const res = await agent
      .post('/checkout')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        name: 'Jonas',
        email: 'jonas@example.lt',
        phone: '+37060000000',
        delivery: 'pickup',
        payment: 'card',
        terms: 'on',
      })
      .expect(303);
    expect(res.headers.location).to.match(/^https:\/\/checkout\.stripe\.com\//);
    const placed = await Order.findOne({ 'customer.email': 'jonas@example.lt' })
      .sort({ createdAt: -1 })
      .lean();
    const session = await CheckoutSession.findOne({ orderId: placed!._id }).lean();
    expect(session!._id).to.match(/^cs_/);
    sessionIds.set(String(placed!._id), String(session!._id));
    return getOrder(String(placed!._id));
  }

  function post(payload: object) {
    const { body, signature } = signedWebhook(payload);
    return request(t.app)
      .post('/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', signature)
      .send(body);
  }

  it('goes from cart to paid through a signed checkout.session.completed; a replay changes nothing', async () => {
    const order = await cardOrder(2);
    const evt = event('checkout.session.completed', sessionObject(order));
    await post(evt).expect(200);
    const paid = await Order.findById(order._id).lean<OrderDoc>();
    expect(paid!.state).to.equal('paid');
    expect(paid!.payment!.stripePaymentIntentId).to.equal(`pi_test_${String(order._id)}`);
    const entries = await JournalEntry.find({ 'reference.id': String(order._id) }).lean();
    expect(entries).to.have.length(1);
    expect(entries[0]!.lines.find((l) => l.account === 'assets:stripe')!.debitCents).to.equal(5000);
    // The same event again, and a new event for the same payment: still one entry, still paid.
    const replay = await post(evt).expect(200);
    expect(replay.body.duplicate).to.equal(true);
    await post(event('checkout.session.completed', sessionObject(order))).expect(200);
    expect(await JournalEntry.countDocuments({ 'reference.id': String(order._id) })).to.equal(1);
  });

  it('refuses forged, unsigned and tampered webhooks', async () => {
    const order = await cardOrder();
    const payload = event('checkout.session.completed', sessionObject(order));
    await request(t.app)
      .post('/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(payload))
      .expect(400);
    const { body, signature } = signedWebhook(payload);
    await request(t.app)
      .post('/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', signature)
      .send(body.replace('"paid"', '"PAID"'))
      .expect(400);
    await request(t.app)
      .post('/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', 't=1,v1=deadbeef')
      .send(body)
      .expect(400);
    expect((await Order.findById(order._id).lean())!.state).to.equal('pending_payment');
  });

  it('does not mark paid when the amount differs from the order', async () => {
    const order = await cardOrder();
    await post(event('checkout.session.completed', sessionObject(order, { amount_total: 1 }))).expect(200);
    expect((await Order.findById(order._id).lean())!.state).to.equal('pending_payment');
    expect(await JournalEntry.countDocuments({ 'reference.id': String(order._id) })).to.equal(0);
  });

  it('waits for delayed payment methods and marks paid on async_payment_succeeded', async () => {
    const order = await cardOrder();
    await post(
      event('checkout.session.completed', sessionObject(order, { payment_status: 'unpaid' })),
    ).expect(200);
    expect((await Order.findById(order._id).lean())!.state).to.equal('pending_payment');
    await post(event('checkout.session.async_payment_succeeded', sessionObject(order))).expect(200);
    expect((await Order.findById(order._id).lean())!.state).to.equal('paid');
  });

  it('cancels and releases stock when the session expires or the delayed payment fails', async () => {
    for (const type of ['checkout.session.expired', 'checkout.session.async_payment_failed']) {
      const before = await currentStock(productId);
      const order = await cardOrder(3);
      expect(await currentStock(productId)).to.equal(before - 3);
      const evt = event(type, sessionObject(order, { payment_status: 'unpaid' }));
      await post(evt).expect(200);
      await post(evt).expect(200);
      expect((await Order.findById(order._id).lean())!.state, type).to.equal('cancelled');
      expect(await currentStock(productId), type).to.equal(before);
    }
  });

  it('refunds part and then the rest through Stripe; charge.refunded replays change nothing', async () => {
    const order = await cardOrder(2);
    await post(event('checkout.session.completed', sessionObject(order))).expect(200);
    const commerce = buildCommerce(t.config, pino({ level: 'silent' }));
    const partial = await refundOrder(String(order._id), 1234, 'damaged', commerce.context('Staff'));
    expect(partial.state).to.equal('paid');
    expect(partial.refunds[0]!.stripeRefundId).to.match(/^re_/);
    // Stripe reports the same refund back: nothing new.
    const chargeEvent = event('charge.refunded', {
      id: 'ch_test_1',
      object: 'charge',
      payment_intent: `pi_test_${String(order._id)}`,
      amount_refunded: 1234,
      refunds: { data: [{ id: partial.refunds[0]!.stripeRefundId, amount: 1234, status: 'succeeded' }] },
    });
    await post(chargeEvent).expect(200);
    expect((await getOrder(String(order._id))).refunds).to.have.length(1);
    const full = await refundOrder(String(order._id), 5000 - 1234, '', commerce.context('Staff'));
    expect(full.state).to.equal('refunded');
    expect(full.refundedCents).to.equal(5000);
    const entries = await JournalEntry.find({ 'reference.id': String(order._id) }).lean();
    expect(entries.map((e) => e.kind).sort()).to.deep.equal(['order_paid', 'order_refund', 'order_refund']);
    for (const [account, balance] of net(entries)) expect(balance, account).to.equal(0);
  });

  it('records a refund made in the Stripe dashboard once', async () => {
    const order = await cardOrder();
    await post(event('checkout.session.completed', sessionObject(order))).expect(200);
    const charge = {
      id: 'ch_test_2',
      object: 'charge',
      payment_intent: `pi_test_${String(order._id)}`,
      amount_refunded: 500,
      refunds: { data: [{ id: 're_dashboard_1', amount: 500, status: 'succeeded' }] },
    };
    await post(event('charge.refunded', charge)).expect(200);
    await post(event('charge.refunded', charge)).expect(200);
    const after = await getOrder(String(order._id));
    expect(after.refundedCents).to.equal(500);
    expect(
      await JournalEntry.countDocuments({ 'reference.id': String(order._id), kind: 'order_refund' }),
    ).to.equal(1);
  });

  it('records a refund reported by refund.created once, and notes a failed one', async () => {
    const order = await cardOrder();
    await post(event('checkout.session.completed', sessionObject(order))).expect(200);
    const refund = {
      id: 're_event_1',
      object: 'refund',
      amount: 700,
      status: 'succeeded',
      payment_intent: `pi_test_${String(order._id)}`,
    };
    await post(event('refund.created', refund)).expect(200);
    await post(event('refund.updated', refund)).expect(200);
    expect((await getOrder(String(order._id))).refundedCents).to.equal(700);
    await post(event('refund.updated', { ...refund, id: 're_event_2', status: 'failed' })).expect(200);
    expect((await getOrder(String(order._id))).refundedCents).to.equal(700);
    expect(
      await JournalEntry.countDocuments({ 'reference.id': String(order._id), kind: 'order_refund' }),
    ).to.equal(1);
  });

  it('dates the payment in the ledger by the Stripe event, not by when it was delivered', async () => {
    const order = await cardOrder();
    const evt = {
      ...event('checkout.session.completed', sessionObject(order)),
      created: Date.UTC(2026, 8, 30, 21, 30) / 1000,
    };
    await post(evt).expect(200);
    const entry = await JournalEntry.findOne({
      'reference.id': String(order._id),
      kind: 'order_paid',
    }).lean();
    // 21:30 UTC on 30 September is 00:30 on 1 October in Vilnius.
    expect(entry!.period).to.equal('2026-10');
  });

  it('closes the open payment page when an unpaid card order is cancelled', async () => {
    const order = await cardOrder();
    const agent = request.agent(t.app);
    const page = await agent.get(`/orders/${order.token}`).expect(200);
    expect(page.text).to.contain('Mokėti kortele');
    await agent
      .post(`/orders/${order.token}/cancel`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    expect((await getOrder(String(order._id))).state).to.equal('cancelled');
    // A payment that still completes is refunded, not booked.
    await post(event('checkout.session.completed', sessionObject(order))).expect(200);
    expect((await getOrder(String(order._id))).state).to.equal('cancelled');
    expect(await JournalEntry.countDocuments({ 'reference.id': String(order._id) })).to.equal(0);
  });

  it('every journal entry balances', async () => {
    for (const e of await JournalEntry.find().lean()) {
      const d = e.lines.reduce((s, l) => s + l.debitCents, 0);
      const c = e.lines.reduce((s, l) => s + l.creditCents, 0);
      expect(d, e.idempotencyKey).to.equal(c);
    }
  });
});
