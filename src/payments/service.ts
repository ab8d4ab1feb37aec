/**
 * The payments module as other modules and the app see it: the shared Stripe context (commerce),
 * opening a card payment for an order, and the card payment pages an order had.
 */
import type { OrderDoc } from '../orders/service.ts';
import type { Commerce } from './commerce.ts';
import { CheckoutSession } from './model.ts';
import { createCheckoutSession } from './stripe.ts';

export { createCommerce, type Commerce } from './commerce.ts';

/**
 * The address of the order's card payment page: the open one (valid for five more minutes at
 * least), or a new Checkout Session, recorded in its own collection (not on the order document).
 */
export async function cardPaymentUrl(commerce: Commerce, order: OrderDoc): Promise<string> {
  const open = await CheckoutSession.findOne({
    orderId: order._id,
    expiresAt: { $gt: new Date(Date.now() + 5 * 60_000) },
  })
    .sort({ createdAt: -1 })
    .lean();
  if (open) return open.url;
  const session = await createCheckoutSession(commerce.stripe!, order, commerce.publicUrl);
  await CheckoutSession.updateOne(
    { _id: session.id },
    {
      $setOnInsert: {
        orderId: order._id,
        url: session.url,
        expiresAt: session.expiresAt,
        createdAt: new Date(),
      },
    },
    { upsert: true },
  );
  return session.url;
}

/** The order's card payment page still open (for five more minutes at least), or null. */
export async function openCardPaymentUrl(orderId: OrderDoc['_id']): Promise<string | null> {
  const open = await CheckoutSession.findOne({
    orderId,
    expiresAt: { $gt: new Date(Date.now() + 5 * 60_000) },
  })
    .sort({ createdAt: -1 })
    .lean();
  return open?.url ?? null;
}

/** When the order's newest card payment page expires (or expired); null when none was opened. */
export async function newestCardPaymentExpiry(orderId: OrderDoc['_id']): Promise<Date | null> {
  const newest = await CheckoutSession.findOne({ orderId }).sort({ createdAt: -1 }).lean();
  return newest?.expiresAt ?? null;
}
