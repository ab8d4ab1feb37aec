import Stripe from 'stripe';
import type { Config } from '../config.ts';
import { localized } from '../web/i18n.ts';
import type { Logger } from 'pino';
import type { OrderDoc } from '../orders/service.ts';
import { CheckoutSession } from './model.ts';

export type StripeConfig = NonNullable<Config['stripe']>;

export function stripeClient(config: StripeConfig): Stripe {
  const url = config.apiUrl;
  return new Stripe(config.secretKey, {
    maxNetworkRetries: 2,
    ...(url
      ? {
          host: url.hostname,
          port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
          protocol: url.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
  });
}

/**
 * One Checkout Session per card order: the order's own lines and delivery (each line as one item
 * with the line's exact gross, so Stripe charges exactly the order total), the order id as the
 * client reference and in metadata, and an idempotency key so a double submit makes one session.
 */
export async function createCheckoutSession(
  stripe: Stripe,
  order: OrderDoc,
  publicUrl: string,
  now = Date.now(),
): Promise<{ id: string; url: string; expiresAt: Date }> {
  const id = String(order._id);
  const lang = order.customer?.lang === 'en' ? 'en' : 'lt';
  const lineItems = order.lines.map((l) => ({
    quantity: 1,
    price_data: {
      currency: 'eur',
      unit_amount: l.grossCents,
      product_data: { name: `${localized(l.title, lang)} × ${l.quantity}` },
    },
  }));
  if ((order.delivery?.grossCents ?? 0) > 0) {
    lineItems.push({
      quantity: 1,
      price_data: {
        currency: 'eur',
        unit_amount: order.delivery!.grossCents,
        product_data: { name: lang === 'en' ? 'Delivery' : 'Pristatymas' },
      },
    });
  }
  const statusUrl = `${publicUrl}/orders/${order.token}`;
  // Two hours after the order, or (for a later attempt) the next whole hour at least 40 minutes away:
  // a deterministic expiry keeps the idempotency key's parameters identical on a retry.
  const hour = 3600_000;
  // A link staff send for an order taken by phone waits for the customer nearly a day (Stripe's limit is 24 hours).
  const open = (order.channel ?? 'web') === 'web' ? 2 : 23;
  const expiresAt = new Date(
    Math.max(new Date(order.createdAt).getTime() + open * hour, Math.ceil((now + 40 * 60_000) / hour) * hour),
  );
  const session = await stripe.checkout.sessions.create(
    {
      mode: 'payment',
      client_reference_id: id,
      ...(order.customer?.email ? { customer_email: order.customer.email } : {}),
      locale: lang,
      metadata: { orderId: id, orderNumber: order.number },
      payment_intent_data: { metadata: { orderId: id, orderNumber: order.number } },
      line_items: lineItems,
      success_url: `${statusUrl}?payment=done`,
      cancel_url: `${statusUrl}?payment=cancelled`,
      expires_at: Math.floor(expiresAt.getTime() / 1000),
    },
    // Same order and same expiry → same request, so a double click makes one session.
    { idempotencyKey: `checkout:${id}:${expiresAt.getTime()}` },
  );
  if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL');
  return { id: session.id, url: session.url, expiresAt };
}

/** Refunds part of a card payment; returns Stripe's refund id. */
export async function refundCardPayment(
  stripe: Stripe,
  order: OrderDoc,
  amountCents: number,
  idempotencyKey: string,
): Promise<string> {
  const paymentIntent = order.payment?.stripePaymentIntentId;
  if (!paymentIntent) throw new Error(`order ${order.number} has no Stripe payment to refund`);
  const refund = await stripe.refunds.create(
    { payment_intent: paymentIntent, amount: amountCents, metadata: { orderId: String(order._id) } },
    { idempotencyKey },
  );
  return refund.id;
}

/** Closes the order's payment pages that may still be open, so a cancelled order cannot be paid. */
export async function expireOpenSessions(stripe: Stripe, order: OrderDoc, logger: Logger): Promise<void> {
  const open = await CheckoutSession.find({ orderId: order._id, expiresAt: { $gt: new Date() } }).lean();
  for (const session of open) {
    try {
      await stripe.checkout.sessions.expire(String(session._id));
    } catch (err) {
      // Already completed or expired at Stripe: a late payment is refunded by the webhook.
      logger.warn({ err, session: session._id }, 'could not expire a Checkout Session');
    }
  }
}
