import type { Logger } from 'pino';
import { DomainError } from '../lib/errors.ts';
import { Order, type OrderDoc } from './model.ts';
import { cancelOrder, type OrderContext } from './transitions.ts';
import { CheckoutSession } from '../payments/model.ts';

async function cancelEach(ids: OrderDoc['_id'][], ctx: OrderContext, reason: string): Promise<number> {
  let cancelled = 0;
  for (const id of ids) {
    try {
      await cancelOrder(String(id), ctx, reason);
      cancelled += 1;
    } catch (err) {
      // Paid or cancelled meanwhile (by staff, a webhook or another instance): nothing to do.
      if (!(err instanceof DomainError)) throw err;
    }
  }
  return cancelled;
}

const HOUR = 3600_000;

/**
 * Cancels card orders whose payment can no longer happen: the newest Checkout Session expired over an
 * hour ago (its `expired` webhook missed), or none could be opened within three hours. Stock returns
 * to sale. A payment that still arrives later is refunded automatically by the webhook.
 */
export async function cancelAbandonedCardOrders(
  ctx: OrderContext,
  logger: Logger,
  now = new Date(),
): Promise<number> {
  const pending = await Order.find(
    { state: 'pending_payment', 'payment.method': 'card' },
    { _id: 1, createdAt: 1 },
  ).lean<Pick<OrderDoc, '_id' | 'createdAt'>[]>();
  const abandoned: OrderDoc['_id'][] = [];
  for (const order of pending) {
    const newest = await CheckoutSession.findOne({ orderId: order._id }).sort({ createdAt: -1 }).lean();
    const deadline = newest
      ? newest.expiresAt.getTime() + HOUR
      : new Date(order.createdAt).getTime() + 3 * HOUR;
    if (deadline < now.getTime()) abandoned.push(order._id);
  }
  const cancelled = await cancelEach(abandoned, ctx, 'card_payment_abandoned');
  if (cancelled) logger.info({ cancelled }, 'abandoned card orders cancelled');
  return cancelled;
}

/** Cancels bank-transfer orders still unpaid after their due date; returns how many it cancelled. */
export async function cancelOverdueTransfers(
  ctx: OrderContext,
  logger: Logger,
  now = new Date(),
): Promise<number> {
  const overdue = await Order.find(
    { state: 'pending_payment', 'payment.method': 'bank_transfer', 'payment.dueAt': { $lt: now } },
    { _id: 1, number: 1 },
  ).lean<Pick<OrderDoc, '_id' | 'number'>[]>();
  const cancelled = await cancelEach(
    overdue.map((o) => o._id),
    ctx,
    'transfer_overdue',
  );
  if (cancelled) logger.info({ cancelled }, 'overdue bank-transfer orders cancelled');
  return cancelled;
}
