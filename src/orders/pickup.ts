/**
 * Orders collected at the workshop. A pay-at-pickup order is prepared before it is paid: staff mark
 * it "ready for pickup" while it waits for payment (a once-only claim `<order>:prepared` on its
 * timeline; the state stays `pending_payment`, so nothing that reads "ready" as "paid" — refunds, the
 * ledger, sales — changes), the customer gets the "ready" e-mail, and at collection the payment is
 * recorded (posted to the ledger then, as every sale) and the order moves on to ready and completed
 * in the same step. Also the expected ready date of made-to-order goods, set when the order is placed.
 */
import { claimOnce } from '../db/once.ts';
import { vilniusDate, vilniusDayStart } from '../lib/dates.ts';
import { ConflictError } from '../lib/errors.ts';
import { OrderEvent, type OrderDoc } from './model.ts';
import { getOrder, markCompleted, markPaid, markReady, type OrderContext } from './transitions.ts';

/** The timeline claim that marks a pay-at-pickup order prepared before payment. */
export const preparedClaim = (orderId: OrderDoc['_id'] | string) => `${String(orderId)}:prepared`;

/** Waiting for its payment at pickup: the orders that can be prepared before they are paid. */
export function isPayAtPickupPending(order: Pick<OrderDoc, 'state' | 'payment' | 'delivery'>): boolean {
  return (
    order.state === 'pending_payment' &&
    order.payment?.method === 'pay_at_pickup' &&
    order.delivery?.method === 'pickup'
  );
}

/** When the order was marked prepared for pickup (null: not marked). */
export async function preparedAt(orderId: OrderDoc['_id'] | string): Promise<Date | null> {
  const event = await OrderEvent.findOne({ claim: preparedClaim(orderId) }, { at: 1 }).lean();
  return event?.at ?? null;
}

/**
 * Marks a pay-at-pickup order prepared (before payment) and tells the customer it is ready to collect
 * and pay. Once only: a second mark (a double click, another staff member) is refused.
 */
export async function markPreparedForPickup(id: string, ctx: OrderContext): Promise<OrderDoc> {
  const order = await getOrder(id);
  if (!isPayAtPickupPending(order)) throw new ConflictError('pickupOrder.errors.notPayAtPickup');
  const claimed = await claimOnce(OrderEvent, {
    orderId: order._id,
    claim: preparedClaim(order._id),
    kind: 'prepared',
    by: ctx.by,
  });
  if (!claimed) throw new ConflictError('pickupOrder.errors.alreadyPrepared');
  await ctx.notify('ready', order);
  return order;
}

/**
 * Records a payment; for a pay-at-pickup order that was prepared, the payment is taken at collection,
 * so the order is then marked ready and completed as well. A repeated request after an interruption
 * finishes the moves that are left (each move is once-only and starts from the order's state).
 */
export async function markPaidOrCollected(
  id: string,
  ctx: OrderContext,
  opts: Parameters<typeof markPaid>[2],
): Promise<OrderDoc> {
  const before = await getOrder(id);
  const prepared = before.payment?.method === 'pay_at_pickup' && (await preparedAt(before._id)) !== null;
  let order = await markPaid(id, ctx, opts);
  if (!prepared) return order;
  if (order.state === 'paid') order = await markReady(id, ctx);
  if (order.state === 'ready') order = await markCompleted(id, ctx);
  return order;
}

/**
 * The day made-to-order goods should be ready: the order's day plus the longest making time of its
 * made-to-order lines (calendar days, as the product page says "about N days"); '' when every line
 * is in stock.
 */
export function expectedReadyOn(
  products: { stockMode?: string | null; leadTimeDays?: number | null }[],
  now: Date,
): string {
  const days = Math.max(
    0,
    ...products.filter((p) => p.stockMode === 'made_to_order').map((p) => p.leadTimeDays ?? 0),
  );
  if (days === 0) return '';
  const [y, m, d] = vilniusDate(now).split('-').map(Number) as [number, number, number];
  return vilniusDate(new Date(vilniusDayStart(y, m, d + days).getTime() + 12 * 3600_000));
}

/** What the customer's order page and the staff page show about pickup and making. */
export async function pickupOrderView(order: OrderDoc) {
  const payAtPickup = isPayAtPickupPending(order);
  const prepared = payAtPickup ? await preparedAt(order._id) : null;
  return {
    isPickup: order.delivery?.method === 'pickup',
    payAtPickup,
    prepared: prepared !== null,
    preparedAt: prepared,
    note: order.note ?? '',
    expectedReadyOn: (order as { expectedReadyOn?: string }).expectedReadyOn ?? '',
    // Staff: can be marked prepared now (pay at pickup, waiting, not yet prepared).
    canPrepare: payAtPickup && prepared === null,
  };
}
