import { releaseStock } from '../catalog/stock.ts';
import { isDuplicateKeyError } from '../db/errors.ts';
import { postEntry } from '../ledger/service.ts';
import { ConflictError, NotFoundError } from '../lib/errors.ts';
import type { OrderMailKind } from '../mail/types.ts';
import { Order, OrderEvent, type OrderDoc, type OrderState } from './model.ts';
import { orderComponents, orderPaidEntry, refundEntry } from './postings.ts';
import { refundParts, remainingComponents } from './pricing.ts';

/** The state machine of domain.md. No state is entered twice, so each can be left only once. */
export const TRANSITIONS: Record<OrderState, OrderState[]> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['ready', 'refunded'],
  ready: ['completed', 'refunded'],
  completed: ['refunded'],
  cancelled: [],
  refunded: [],
};

export type Notify = (
  kind: OrderMailKind,
  order: OrderDoc,
  extra?: { refundCents?: number },
) => Promise<void>;

/** Sends a card refund to the payment provider and returns its refund id. */
export type CardRefunder = (order: OrderDoc, amountCents: number, idempotencyKey: string) => Promise<string>;

export interface OrderContext {
  /** Who acts: a staff member's name, 'customer', 'stripe' or 'system'. */
  by: string;
  notify: Notify;
  refundCard?: CardRefunder | null;
}

export async function getOrder(id: string): Promise<OrderDoc> {
  const order = await Order.findById(id).lean<OrderDoc>();
  if (!order) throw new NotFoundError();
  return order;
}

/** Inserts a unique claim; false when it was already taken (another request got there first). */
async function claim(orderId: OrderDoc['_id'], key: string, kind: string, by: string, extra: object = {}) {
  try {
    await OrderEvent.create({ orderId, claim: `${String(orderId)}:${key}`, kind, by, ...extra });
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/** Moves an order to `to` if the machine allows it and no concurrent request moved it first. */
async function transition(
  order: OrderDoc,
  to: OrderState,
  ctx: OrderContext,
  set: Record<string, unknown> = {},
  note = '',
): Promise<OrderDoc> {
  const from = order.state as OrderState;
  if (!TRANSITIONS[from].includes(to)) throw new ConflictError('orders.errors.transition', { from, to });
  if (!(await claim(order._id, `leave:${from}`, to, ctx.by, { note }))) {
    throw new ConflictError('orders.errors.changedMeanwhile');
  }
  const updated = await Order.findByIdAndUpdate(
    order._id,
    { $set: { state: to, ...set } },
    { returnDocument: 'after' },
  ).lean<OrderDoc>();
  return updated!;
}

/** Adds a note to the timeline (no guard). */
export async function addTimelineNote(
  orderId: OrderDoc['_id'],
  kind: string,
  by: string,
  note = '',
): Promise<void> {
  await OrderEvent.create({
    orderId,
    claim: `${String(orderId)}:${kind}:${Date.now()}:${Math.random()}`,
    kind,
    by,
    note,
  });
}

/**
 * Marks an order paid and posts the payment to the ledger (once, by key). A repeated call for an
 * order that is already paid (a replayed webhook) changes nothing.
 */
export async function markPaid(
  id: string,
  ctx: OrderContext,
  opts: { via: 'staff' | 'stripe'; paymentIntentId?: string | null } = { via: 'staff' },
): Promise<OrderDoc> {
  const order = await getOrder(id);
  if (opts.via === 'staff' && order.payment?.method === 'card')
    throw new ConflictError('orders.errors.cardPaidByStripe');
  if (order.state !== 'pending_payment') {
    if (opts.via === 'stripe' && order.state !== 'cancelled') return order;
    throw new ConflictError('orders.errors.transition', { from: order.state, to: 'paid' });
  }
  const paid = await transition(order, 'paid', ctx, {
    'payment.paidAt': new Date(),
    ...(opts.paymentIntentId ? { 'payment.stripePaymentIntentId': opts.paymentIntentId } : {}),
  });
  await postEntry(orderPaidEntry(paid));
  await ctx.notify('paid', paid);
  return paid;
}

export async function markReady(id: string, ctx: OrderContext): Promise<OrderDoc> {
  const ready = await transition(await getOrder(id), 'ready', ctx);
  await ctx.notify('ready', ready);
  return ready;
}

export async function markCompleted(id: string, ctx: OrderContext): Promise<OrderDoc> {
  return transition(await getOrder(id), 'completed', ctx);
}

/** Cancels an unpaid order and gives its stock back. */
export async function cancelOrder(id: string, ctx: OrderContext, reason = ''): Promise<OrderDoc> {
  const cancelled = await transition(await getOrder(id), 'cancelled', ctx, {}, reason);
  for (const line of cancelled.lines) await releaseStock(line.productId, line.quantity, id);
  await ctx.notify('cancelled', cancelled);
  return cancelled;
}

const REFUNDABLE: OrderState[] = ['paid', 'ready', 'completed'];

/**
 * Refunds part or all of a paid order. Card orders are refunded through the provider first; others
 * are recorded (the money went back by bank or in cash). Each refund takes a numbered claim, so two
 * staff members cannot refund more than was paid by clicking at once. Refunding the rest marks the
 * order refunded.
 */
export async function refundOrder(
  id: string,
  amountCents: number,
  reason: string,
  ctx: OrderContext,
): Promise<OrderDoc> {
  const order = await getOrder(id);
  if (!REFUNDABLE.includes(order.state as OrderState)) {
    throw new ConflictError('orders.errors.transition', { from: order.state, to: 'refunded' });
  }
  const remaining = order.totals!.grossCents - (order.refundedCents ?? 0);
  if (amountCents > remaining) throw new ConflictError('orders.errors.refundTooLarge', { max: remaining });
  const n = order.refunds.length + 1;
  const key = `refund:${n}`;
  if (!(await claim(order._id, key, 'refund_started', ctx.by, { amountCents, note: reason }))) {
    throw new ConflictError('orders.errors.changedMeanwhile');
  }
  let stripeRefundId: string | null = null;
  if (order.payment?.method === 'card') {
    if (!ctx.refundCard) throw new ConflictError('orders.errors.cardUnavailable');
    stripeRefundId = await ctx.refundCard(order, amountCents, `order:${id}:${key}`);
    await claim(order._id, `stripe-refund:${stripeRefundId}`, 'stripe_refund', ctx.by);
  }
  return recordRefund(order, { n, amountCents, reason, stripeRefundId }, ctx);
}

/**
 * A refund made at the provider that this app did not start (e.g. in Stripe's dashboard), reported
 * by `charge.refunded`. Recorded once per provider refund id.
 */
export async function recordProviderRefund(
  id: string,
  stripeRefundId: string,
  amountCents: number,
  ctx: OrderContext,
): Promise<void> {
  const order = await getOrder(id);
  if (order.refunds.some((r) => r.stripeRefundId === stripeRefundId)) return;
  if (!(await claim(order._id, `stripe-refund:${stripeRefundId}`, 'stripe_refund', ctx.by))) return;
  if (!REFUNDABLE.includes(order.state as OrderState)) return;
  const n = order.refunds.length + 1;
  if (!(await claim(order._id, `refund:${n}`, 'refund_started', ctx.by, { amountCents }))) {
    throw new ConflictError('orders.errors.changedMeanwhile');
  }
  const remaining = order.totals!.grossCents - (order.refundedCents ?? 0);
  await recordRefund(
    order,
    { n, amountCents: Math.min(amountCents, remaining), reason: '', stripeRefundId },
    ctx,
  );
}

async function recordRefund(
  order: OrderDoc,
  r: { n: number; amountCents: number; reason: string; stripeRefundId: string | null },
  ctx: OrderContext,
): Promise<OrderDoc> {
  const id = String(order._id);
  const done = order.refunds.flatMap((x) =>
    x.parts.map((p) => ({ component: p.component!, grossCents: p.grossCents!, vatCents: p.vatCents! })),
  );
  const parts = refundParts(remainingComponents(orderComponents(order), done), r.amountCents);
  const key = `order:${id}:refund:${r.n}`;
  const refund = {
    refundId: key,
    amountCents: r.amountCents,
    reason: r.reason,
    at: new Date(),
    by: ctx.by,
    stripeRefundId: r.stripeRefundId,
    parts,
  };
  let updated = await Order.findByIdAndUpdate(
    order._id,
    { $push: { refunds: refund }, $set: { refundedCents: (order.refundedCents ?? 0) + r.amountCents } },
    { returnDocument: 'after' },
  ).lean<OrderDoc>();
  await postEntry(refundEntry(updated!, { key, amountCents: r.amountCents, parts }));
  if (updated!.refundedCents >= updated!.totals!.grossCents)
    updated = await transition(updated!, 'refunded', ctx, {}, r.reason);
  await ctx.notify('refunded', updated!, { refundCents: r.amountCents });
  return updated!;
}
