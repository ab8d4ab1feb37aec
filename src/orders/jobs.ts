import type { Logger } from 'pino';
import { eachReservationBetween, releaseStock } from '../catalog/service.ts';
import { DomainError } from '../lib/errors.ts';
import { Order, type OrderDoc } from './model.ts';
import { cancelOrder, type OrderContext } from './transitions.ts';
import { newestCardPaymentExpiry } from '../payments/service.ts';

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
    const expiry = await newestCardPaymentExpiry(order._id);
    const deadline = expiry ? expiry.getTime() + HOUR : new Date(order.createdAt).getTime() + 3 * HOUR;
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

/**
 * How old a reservation without an order must be before it counts as cut off. A checkout reserves
 * its stock and stores its order in the same request, normally within a second; even a slow one
 * (order-number and stock retries under contention, a stalled database) ends long before this, so
 * a checkout still in flight is never mistaken for an interrupted one — releasing its units would
 * let them be sold twice. The margin also covers clocks of several app instances that disagree.
 */
export const ORPHAN_MIN_AGE_MS = 15 * 60 * 1000;

/**
 * Only reservations this recent are looked at, so every run reads a bounded slice of the stock log.
 * The job runs every ten minutes: an orphan is given back within minutes of turning 15 minutes old,
 * and the week is there for an app that was down or had its jobs switched off for a while.
 */
export const ORPHAN_WINDOW_MS = 7 * 24 * HOUR;

const OBJECT_ID = /^[0-9a-f]{24}$/;

/**
 * Gives back stock reserved by checkouts that never stored their order (the process died between
 * reserving and saving). An order that exists — in any state — is never touched: its units are
 * held by it, or were given back by its cancellation. The release is the same keyed release a
 * cancellation uses (`release:<order>:<product>`), so repeated or concurrent runs, on one instance
 * or several, give the units back once. Returns how many reservations this run found orphaned and
 * released (a concurrent run may count the same ones; the units still come back once).
 */
export async function releaseOrphanedReservations(
  logger: Logger,
  now = new Date(),
  batchSize = 200,
): Promise<number> {
  const before = new Date(now.getTime() - ORPHAN_MIN_AGE_MS);
  const from = new Date(now.getTime() - ORPHAN_WINDOW_MS);
  let released = 0;
  let units = 0;
  await eachReservationBetween(
    from,
    before,
    async (batch) => {
      // A reservation not made for an order id is none of this job's business: left alone.
      const open = batch.filter((r) => !r.released && OBJECT_ID.test(r.orderId));
      if (open.length === 0) return;
      const orderIds = [...new Set(open.map((r) => r.orderId))];
      const existing = new Set(
        (await Order.find({ _id: { $in: orderIds } }, { _id: 1 }).lean()).map((o) => String(o._id)),
      );
      for (const r of open.filter((x) => !existing.has(x.orderId))) {
        await releaseStock(r.productId, r.quantity, r.orderId);
        released += 1;
        units += r.quantity;
      }
    },
    batchSize,
  );
  if (released) logger.warn({ released, units }, 'stock of interrupted checkouts released');
  return released;
}
