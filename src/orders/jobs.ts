import type { Logger } from 'pino';
import { DomainError } from '../lib/errors.ts';
import { Order, type OrderDoc } from './model.ts';
import { cancelOrder, type OrderContext } from './transitions.ts';

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
  let cancelled = 0;
  for (const order of overdue) {
    try {
      await cancelOrder(String(order._id), ctx, 'transfer_overdue');
      cancelled += 1;
    } catch (err) {
      // Paid or cancelled meanwhile (by staff or another instance): nothing to do.
      if (!(err instanceof DomainError)) throw err;
    }
  }
  if (cancelled) logger.info({ cancelled }, 'overdue bank-transfer orders cancelled');
  return cancelled;
}
