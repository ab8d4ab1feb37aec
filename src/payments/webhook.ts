import express, { Router } from 'express';
import type { Logger } from 'pino';
import type Stripe from 'stripe';
import { claimOnce } from '../db/once.ts';
import {
  addTimelineNote,
  cancelOrder,
  getOrder,
  markPaid,
  orderByPaymentIntent,
  recordProviderRefund,
  type OrderContext,
  type OrderDoc,
} from '../orders/service.ts';
import type { Commerce } from './commerce.ts';
import { CheckoutSession, StripeEvent } from './model.ts';
import { invoiceSessionCompleted } from '../services/service.ts';

/** Only sessions this app created count; the session record says which order it pays. */
async function orderForSession(session: Stripe.Checkout.Session): Promise<OrderDoc | null> {
  const record = await CheckoutSession.findById(session.id).lean();
  return record ? getOrder(String(record.orderId)) : null;
}

/** Whether this is the order's newest session (an older one expiring must not cancel the order). */
async function isNewestSession(order: OrderDoc, sessionId: string): Promise<boolean> {
  const newest = await CheckoutSession.findOne({ orderId: order._id }).sort({ createdAt: -1 }).lean();
  return newest?._id === sessionId;
}

function paymentIntentId(session: Stripe.Checkout.Session): string | null {
  const pi = session.payment_intent;
  return typeof pi === 'string' ? pi : (pi?.id ?? null);
}

async function sessionPaid(
  session: Stripe.Checkout.Session,
  commerce: Commerce,
  ctx: OrderContext,
  logger: Logger,
) {
  // Sessions for business invoices (metadata.invoiceId) are the service requests module's.
  if (await invoiceSessionCompleted(session, commerce, ctx.at ?? new Date(), logger)) return;
  const order = await orderForSession(session);
  if (!order) return logger.warn({ session: session.id }, 'Stripe session for no known order');
  if (session.payment_status !== 'paid' && session.payment_status !== 'no_payment_required') {
    return addTimelineNote(order._id, 'payment_processing', 'stripe');
  }
  if (session.amount_total !== order.totals!.grossCents || session.currency !== 'eur') {
    logger.error(
      { order: order.number, amount: session.amount_total },
      'Stripe amount differs from the order',
    );
    return addTimelineNote(
      order._id,
      'payment_mismatch',
      'stripe',
      `${session.amount_total} ${session.currency}`,
    );
  }
  if (order.state === 'cancelled') {
    // Paid after the order was cancelled (stock already released): give the money back.
    const pi = paymentIntentId(session);
    if (commerce.stripe && pi) {
      await commerce.stripe.refunds.create(
        { payment_intent: pi },
        { idempotencyKey: `late-payment:${session.id}` },
      );
    }
    return addTimelineNote(order._id, 'late_payment_refunded', 'stripe');
  }
  await markPaid(String(order._id), ctx, { via: 'stripe', paymentIntentId: paymentIntentId(session) });
}

async function sessionClosedUnpaid(session: Stripe.Checkout.Session, ctx: OrderContext, reason: string) {
  const order = await orderForSession(session);
  if (!order || order.state !== 'pending_payment' || !(await isNewestSession(order, session.id))) return;
  await cancelOrder(String(order._id), ctx, reason);
}

/** Stripe does not order its events: a refund can arrive before the payment it refunds. */
class PaymentNotRecordedYet extends Error {}
const AWAIT_PAYMENT_MS = 60 * 60_000;

/**
 * The order this payment paid. For an unknown payment a young event is sent back for a retry (its
 * payment event may be on the way); an old one is not ours (a business invoice's, say).
 */
async function orderPaidBy(pi: string | undefined, ctx: OrderContext): Promise<OrderDoc | null> {
  const order = pi ? await orderByPaymentIntent(pi) : null;
  if (!order && pi && Date.now() - (ctx.at?.getTime() ?? 0) < AWAIT_PAYMENT_MS)
    throw new PaymentNotRecordedYet();
  return order;
}

async function chargeRefunded(charge: Stripe.Charge, ctx: OrderContext) {
  const pi = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
  const order = await orderPaidBy(pi, ctx);
  if (!order) return;
  const refunds = charge.refunds?.data ?? [];
  for (const r of refunds) {
    if (r.status === 'succeeded' || r.status === 'pending')
      await recordProviderRefund(String(order._id), r.id, r.amount, ctx);
  }
  // Without the refund list, the charge's refunded total still says how much is missing here.
  const missing = charge.amount_refunded - (await getOrder(String(order._id))).committedRefundCents;
  if (refunds.length === 0 && missing > 0) {
    await recordProviderRefund(String(order._id), `${charge.id}:${charge.amount_refunded}`, missing, ctx);
  }
}

/** A refund reported on its own (current API versions no longer list refunds on the charge). */
async function refundReported(refund: Stripe.Refund, ctx: OrderContext) {
  const pi = typeof refund.payment_intent === 'string' ? refund.payment_intent : refund.payment_intent?.id;
  const found = await orderPaidBy(pi, ctx);
  if (!found) return;
  if (refund.status === 'succeeded')
    return recordProviderRefund(String(found._id), refund.id, refund.amount, ctx);
  if (refund.status === 'failed' || refund.status === 'canceled') {
    await addTimelineNote(found._id, 'refund_failed', 'stripe', refund.id, refund.amount);
  }
}

/**
 * The Stripe webhook: the raw body's signature is verified, each event id is handled once (a
 * replay is answered 200 and changes nothing), and a failure answers 500 so Stripe retries.
 */
export function stripeWebhookRoutes(deps: { commerce: Commerce; logger: Logger }): Router {
  const router = Router();
  router.post('/webhooks/stripe', express.raw({ type: () => true, limit: '512kb' }), async (req, res) => {
    const { stripe, webhookSecret } = deps.commerce;
    if (!stripe || !webhookSecret) return res.status(404).json({ error: 'card payments are not configured' });
    const signature = req.get('stripe-signature');
    if (!signature || !Buffer.isBuffer(req.body)) return res.status(400).json({ error: 'missing signature' });
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent(req.body, signature, webhookSecret);
    } catch {
      return res.status(400).json({ error: 'invalid signature' });
    }
    if (!(await claimOnce(StripeEvent, { _id: event.id, type: event.type, receivedAt: new Date() }))) {
      const seen = await StripeEvent.findById(event.id).lean();
      if (seen?.processedAt) return res.json({ received: true, duplicate: true });
    }
    // The ledger dates the money by when Stripe says it moved, not by when this delivery arrived.
    const ctx = { ...deps.commerce.context('stripe'), at: new Date(event.created * 1000) };
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
        await sessionPaid(event.data.object, deps.commerce, ctx, deps.logger);
        break;
      case 'checkout.session.async_payment_failed':
        await sessionClosedUnpaid(event.data.object, ctx, 'payment_failed');
        break;
      case 'checkout.session.expired':
        await sessionClosedUnpaid(event.data.object, ctx, 'checkout_expired');
        break;
      case 'charge.refunded':
      case 'refund.created':
      case 'refund.updated':
        try {
          await (event.type === 'charge.refunded'
            ? chargeRefunded(event.data.object, ctx)
            : refundReported(event.data.object, ctx));
        } catch (err) {
          if (!(err instanceof PaymentNotRecordedYet)) throw err;
          // Not marked processed: Stripe delivers it again later.
          return res.status(503).json({ error: 'payment not recorded yet' });
        }
        break;
      default:
        break;
    }
    await StripeEvent.updateOne({ _id: event.id }, { $set: { processedAt: new Date() } });
    res.json({ received: true });
  });
  return router;
}
