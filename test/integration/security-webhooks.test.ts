import { expect } from 'chai';
import request from 'supertest';
import Stripe from 'stripe';
import { JournalEntry } from '../../src/ledger/model.ts';
import { Order, OrderEvent, type OrderDoc } from '../../src/orders/model.ts';
import { getOrder } from '../../src/orders/transitions.ts';
import { CheckoutSession, StripeEvent } from '../../src/payments/model.ts';
import { useTestApp } from '../support/app.ts';
import { changedSince, checkoutOverHttp, snapshotData } from '../support/security.ts';
import { TEST_STRIPE_WEBHOOK_SECRET, signedWebhook, testStripeEnv } from '../support/stripe.ts';
import { publishedGood } from './helpers.ts';

let eventCounter = 0;

function event(type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)) {
  eventCounter += 1;
  return { id: `evt_sec_${Date.now()}_${eventCounter}`, object: 'event', type, created, data: { object } };
}

/** Debits minus credits per account over the order's entries. */
async function balances(orderId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const e of await JournalEntry.find({ 'reference.id': orderId }).lean()) {
    for (const l of e.lines) out[l.account] = (out[l.account] ?? 0) + l.debitCents - l.creditCents;
  }
  return out;
}

describe('security: the Stripe webhook', () => {
  const t = useTestApp(() => testStripeEnv());
  let productId: string;

  before(async () => {
    productId = await publishedGood(t.storage, {
      titleLt: 'Kilimėlis',
      slug: 'kilimelis',
      sku: 'SEC-WH',
      price: 2000,
      vatRate: 2100,
      stockQuantity: 500,
    });
  });

  /** A card order placed through the checkout, with the Checkout Session the app opened for it. */
  async function cardOrder(): Promise<{ order: OrderDoc; sessionId: string }> {
    const { res } = await checkoutOverHttp(t.app, 'kilimelis', productId, { payment: 'card' });
    expect(res.headers.location).to.match(/^https:\/\/checkout\.stripe\.com\//);
    const placed = (await Order.findOne().sort({ _id: -1 }).lean())!;
    const session = (await CheckoutSession.findOne({ orderId: placed._id }).lean())!;
    return { order: await getOrder(String(placed._id)), sessionId: String(session._id) };
  }

  const session = (o: { order: OrderDoc; sessionId: string }, extra: Record<string, unknown> = {}) => ({
    id: o.sessionId,
    object: 'checkout.session',
    client_reference_id: String(o.order._id),
    metadata: { orderId: String(o.order._id) },
    amount_total: o.order.totals!.grossCents,
    currency: 'eur',
    payment_status: 'paid',
    payment_intent: `pi_sec_${String(o.order._id)}`,
    ...extra,
  });

  const charge = (o: { order: OrderDoc }, refundId: string, amount: number) => ({
    id: `ch_sec_${String(o.order._id)}`,
    object: 'charge',
    payment_intent: `pi_sec_${String(o.order._id)}`,
    amount_refunded: amount,
    refunds: { data: [{ id: refundId, amount, status: 'succeeded' }] },
  });

  function deliver(body: string, signature?: string) {
    const req = request(t.app).post('/webhooks/stripe').set('Content-Type', 'application/json');
    return (signature === undefined ? req : req.set('Stripe-Signature', signature)).send(body);
  }

  function post(payload: object) {
    const { body, signature } = signedWebhook(payload);
    return deliver(body, signature);
  }

  const state = async (o: { order: OrderDoc }) => (await getOrder(String(o.order._id))).state;
  const entryKinds = async (o: { order: OrderDoc }) =>
    (await JournalEntry.find({ 'reference.id': String(o.order._id) }).lean()).map((e) => e.kind).sort();

  describe('forged deliveries', () => {
    it('answers 400 and applies nothing: no signature, junk, wrong secret, tampered or swapped body', async () => {
      const o = await cardOrder();
      const payload = event('checkout.session.completed', session(o));
      const body = JSON.stringify(payload);
      const sign = (b: string, secret = TEST_STRIPE_WEBHOOK_SECRET, timestamp?: number) =>
        Stripe.webhooks.generateTestHeaderString({ payload: b, secret, ...(timestamp ? { timestamp } : {}) });
      const other = JSON.stringify(event('checkout.session.completed', session(o)));
      const before = await snapshotData();
      const attempts: [string, string | undefined, string][] = [
        ['no signature', undefined, body],
        ['empty signature', '', body],
        ['junk signature', 'not-a-signature', body],
        ['no v1', `t=${Math.floor(Date.now() / 1000)}`, body],
        ['made-up v1', `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`, body],
        ['wrong secret', sign(body, 'whsec_someone_else'), body],
        ['tampered amount', sign(body), body.replace(/"amount_total":\d+/, '"amount_total":1')],
        ['signature of another event', sign(other), body],
        ['v0 scheme only', sign(body).replace('v1=', 'v0='), body],
        ['empty body', sign(body), ''],
      ];
      for (const [label, signature, sent] of attempts) {
        const res = await deliver(sent, signature);
        expect(res.status, label).to.equal(400);
      }
      expect(await changedSince(before)).to.deep.equal([]);
      expect(await state(o)).to.equal('pending_payment');
      expect(await StripeEvent.countDocuments({ _id: payload.id })).to.equal(0);
    });

    it('refuses a correctly signed delivery whose signature is older than the tolerance (replay later)', async () => {
      const o = await cardOrder();
      const body = JSON.stringify(event('checkout.session.completed', session(o)));
      const old = Math.floor(Date.now() / 1000) - 10 * 60;
      const signature = Stripe.webhooks.generateTestHeaderString({
        payload: body,
        secret: TEST_STRIPE_WEBHOOK_SECRET,
        timestamp: old,
      });
      const before = await snapshotData();
      await deliver(body, signature).expect(400);
      expect(await changedSince(before)).to.deep.equal([]);
      expect(await state(o)).to.equal('pending_payment');
    });

    it('ignores a signed event for a Checkout Session the app never opened, whatever its metadata says', async () => {
      const o = await cardOrder();
      const before = await snapshotData();
      await post(event('checkout.session.completed', session(o, { id: 'cs_test_not_ours' }))).expect(200);
      expect(await state(o)).to.equal('pending_payment');
      expect(await entryKinds(o)).to.deep.equal([]);
      expect((await changedSince(before)).filter((c) => c !== 'stripe_events')).to.deep.equal([]);
    });

    it('answers an oversized body with 413, not a server error', async () => {
      const big = JSON.stringify({ id: 'evt_big', padding: 'x'.repeat(600 * 1024) });
      const res = await deliver(
        big,
        Stripe.webhooks.generateTestHeaderString({ payload: big, secret: TEST_STRIPE_WEBHOOK_SECRET }),
      );
      expect(res.status).to.equal(413);
    });
  });

  describe('replays', () => {
    it('applies an event delivered five times at once exactly once', async () => {
      const o = await cardOrder();
      const { body, signature } = signedWebhook(event('checkout.session.completed', session(o)));
      const results = await Promise.all(Array.from({ length: 5 }, () => deliver(body, signature)));
      // A delivery that lost the race may answer an error (Stripe then retries); the retry is a no-op.
      for (const r of results) expect(r.status).to.be.oneOf([200, 409, 500]);
      await deliver(body, signature).expect(200);
      expect(await state(o)).to.equal('paid');
      expect(await entryKinds(o)).to.deep.equal(['order_paid']);
    });

    it('posts the payment once when both "completed" and "async_payment_succeeded" arrive', async () => {
      const o = await cardOrder();
      await post(event('checkout.session.completed', session(o))).expect(200);
      await post(event('checkout.session.async_payment_succeeded', session(o))).expect(200);
      await post(event('checkout.session.completed', session(o))).expect(200);
      expect(await entryKinds(o)).to.deep.equal(['order_paid']);
    });

    it('records one refund reported by refund.created, charge.refunded and refund.updated', async () => {
      const o = await cardOrder();
      await post(event('checkout.session.completed', session(o))).expect(200);
      const refund = {
        id: 're_sec_same',
        object: 'refund',
        amount: 600,
        status: 'succeeded',
        payment_intent: `pi_sec_${String(o.order._id)}`,
      };
      await post(event('refund.created', refund)).expect(200);
      await post(event('charge.refunded', charge(o, 're_sec_same', 600))).expect(200);
      await post(event('refund.updated', refund)).expect(200);
      const after = await getOrder(String(o.order._id));
      expect(after.refundedCents).to.equal(600);
      expect(await entryKinds(o)).to.deep.equal(['order_paid', 'order_refund']);
    });
  });

  describe('events out of order', () => {
    it('keeps a paid order paid when "expired" or "payment failed" arrives after "completed"', async () => {
      const o = await cardOrder();
      await post(event('checkout.session.completed', session(o))).expect(200);
      await post(event('checkout.session.expired', session(o, { payment_status: 'unpaid' }))).expect(200);
      await post(
        event('checkout.session.async_payment_failed', session(o, { payment_status: 'unpaid' })),
      ).expect(200);
      expect(await state(o)).to.equal('paid');
      expect(await entryKinds(o)).to.deep.equal(['order_paid']);
    });

    it('books no income when "completed" arrives after "expired" cancelled the order (the money goes back)', async () => {
      const o = await cardOrder();
      await post(event('checkout.session.expired', session(o, { payment_status: 'unpaid' }))).expect(200);
      expect(await state(o)).to.equal('cancelled');
      await post(event('checkout.session.completed', session(o))).expect(200);
      const after = await getOrder(String(o.order._id));
      expect(after.state).to.equal('cancelled');
      expect(await entryKinds(o)).to.deep.equal([]);
      const notes = await OrderEvent.find({ orderId: o.order._id }).lean();
      expect(notes.map((e) => e.kind)).to.include('late_payment_refunded');
    });

    it('ends consistent when the refund is reported before the payment', async () => {
      const o = await cardOrder();
      const paidAt = Math.floor(Date.now() / 1000) - 60;
      const refunded = event('charge.refunded', charge(o, 're_sec_early', 700));
      const completed = event('checkout.session.completed', session(o), paidAt);
      const first = await post(refunded);
      expect(first.status).to.be.oneOf([200, 503]);
      await post(completed).expect(200);
      // Stripe retries a delivery that was not acknowledged with 2xx.
      if (first.status !== 200) await post(refunded).expect(200);
      const after = await getOrder(String(o.order._id));
      expect(after.state).to.equal('paid');
      expect(after.refundedCents, 'the refund is not lost').to.equal(700);
      expect(await entryKinds(o)).to.deep.equal(['order_paid', 'order_refund']);
      const b = await balances(String(o.order._id));
      expect(b['assets:stripe']).to.equal(o.order.totals!.grossCents - 700);
    });

    it('asks for a retry of a young refund for an unknown payment, and lets an old one go', async () => {
      const stranger = { order: { _id: 'not-an-order' } as unknown as OrderDoc };
      const young = event('charge.refunded', charge(stranger, 're_sec_young', 100));
      await post(young).expect(503);
      expect((await StripeEvent.findById(young.id).lean())?.processedAt ?? null).to.equal(null);
      const old = event(
        'refund.created',
        {
          id: 're_sec_old',
          object: 'refund',
          amount: 100,
          status: 'succeeded',
          payment_intent: 'pi_sec_not-an-order',
        },
        Math.floor(Date.now() / 1000) - 2 * 3600,
      );
      await post(old).expect(200);
      expect((await StripeEvent.findById(old.id).lean())?.processedAt).to.be.instanceOf(Date);
    });

    it('every journal entry balances after all of the above', async () => {
      for (const e of await JournalEntry.find().lean()) {
        const d = e.lines.reduce((s, l) => s + l.debitCents, 0);
        const c = e.lines.reduce((s, l) => s + l.creditCents, 0);
        expect(d, e.idempotencyKey).to.equal(c);
      }
    });
  });
});
