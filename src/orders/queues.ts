/**
 * The work queues of the staff's day: which orders need a person now. The dashboard counts each
 * queue and the staff order list filters by it, both through `queueFilter`, so a count is always
 * the number of rows its link lists.
 */
import type { QueryFilter } from 'mongoose';
import { Order, OrderEvent, type OrderDoc } from './model.ts';
import { preparedClaim } from './pickup.ts';

export const ORDER_QUEUES = ['pack', 'prepare', 'transfers', 'overdue', 'uncollected'] as const;
export type OrderQueue = (typeof ORDER_QUEUES)[number];

/** Days an order may wait ready before it counts as not collected. */
export const UNCOLLECTED_AFTER_DAYS = 7;

const DAY_MS = 24 * 3600_000;

/**
 * - pack: paid, to be sent by courier or parcel locker;
 * - prepare: to be collected at the workshop, paid or to be paid at pickup (and not yet marked prepared);
 * - transfers: bank transfers still waiting for their money; overdue: those past their due time;
 * - uncollected: ready (or, to be paid at pickup, marked prepared) for `UNCOLLECTED_AFTER_DAYS` days or
 *   more and not completed.
 */
export async function queueFilter(queue: OrderQueue, now = new Date()): Promise<QueryFilter<OrderDoc>> {
  switch (queue) {
    case 'pack':
      return { state: 'paid', 'delivery.method': { $in: ['courier', 'parcel_locker'] } };
    case 'prepare': {
      // A pay-at-pickup order marked prepared waits for its buyer, not for staff (src/orders/pickup.ts).
      const prepared = (await preparedPayAtPickup()).map((e) => e.orderId);
      return {
        'delivery.method': 'pickup',
        $or: [
          { state: 'paid' },
          { state: 'pending_payment', 'payment.method': 'pay_at_pickup', _id: { $nin: prepared } },
        ],
      };
    }
    case 'transfers':
      return { state: 'pending_payment', 'payment.method': 'bank_transfer' };
    case 'overdue':
      return { state: 'pending_payment', 'payment.method': 'bank_transfer', 'payment.dueAt': { $lt: now } };
    case 'uncollected': {
      const ready = await Order.find({ state: 'ready' }, { _id: 1 }).lean();
      // The move to ready is the claim of leaving "paid"; its time is when the order became ready.
      const since = await OrderEvent.find(
        {
          claim: { $in: ready.map((o) => `${String(o._id)}:leave:paid`) },
          kind: 'ready',
          at: { $lte: new Date(now.getTime() - UNCOLLECTED_AFTER_DAYS * DAY_MS) },
        },
        { orderId: 1 },
      ).lean();
      const waiting = await preparedPayAtPickup(new Date(now.getTime() - UNCOLLECTED_AFTER_DAYS * DAY_MS));
      return {
        $or: [
          { state: 'ready', _id: { $in: since.map((e) => e.orderId) } },
          { state: 'pending_payment', _id: { $in: waiting.map((e) => e.orderId) } },
        ],
      };
    }
  }
}

/** Pay-at-pickup orders waiting for payment that were marked prepared (by `before`, when given). */
async function preparedPayAtPickup(before?: Date) {
  const pending = await Order.find(
    { state: 'pending_payment', 'payment.method': 'pay_at_pickup' },
    { _id: 1 },
  ).lean();
  return OrderEvent.find(
    {
      claim: { $in: pending.map((o) => preparedClaim(o._id)) },
      ...(before ? { at: { $lte: before } } : {}),
    },
    { orderId: 1 },
  ).lean();
}

export type OrderQueueCounts = Record<OrderQueue, number>;

export async function orderQueueCounts(now = new Date()): Promise<OrderQueueCounts> {
  const counts = await Promise.all(
    ORDER_QUEUES.map(async (q) => Order.countDocuments(await queueFilter(q, now))),
  );
  return Object.fromEntries(ORDER_QUEUES.map((q, i) => [q, counts[i]])) as OrderQueueCounts;
}
