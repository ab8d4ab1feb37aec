import { releaseStock } from '../catalog/service.ts';
import { claimOnce, retryOnClash } from '../db/once.ts';
import { postEntry, refuseIfLocked } from '../ledger/service.ts';
import { ConflictError, NotFoundError } from '../lib/errors.ts';
import type { OrderMailKind } from '../mail/types.ts';
import { Order, OrderEvent, OrderRefund, withRefunds, type OrderDoc, type OrderState } from './model.ts';
import { orderComponents, orderPaidEntry, refundEntry } from './postings.ts';
import { cashRounding, refundParts, remainingComponents } from './pricing.ts';
import { AFTER_PAYMENT, canMove, isRefundable } from './states.ts';
import { creditNoteForRefund } from './invoices.ts';

export type Notify = (
  kind: OrderMailKind,
  order: OrderDoc,
  extra?: { refundCents?: number; payUrl?: string },
) => Promise<void>;

/** Sends a card refund to the payment provider and returns its refund id. */
export type CardRefunder = (order: OrderDoc, amountCents: number, idempotencyKey: string) => Promise<string>;

export interface OrderContext {
  /** Who acts: a staff member's name, 'customer', 'stripe' or 'system'. */
  by: string;
  notify: Notify;
  refundCard?: CardRefunder | null;
  /** Closes any card payment page still open for the order (when it is cancelled). */
  closeCardCheckout?: ((order: OrderDoc) => Promise<void>) | null;
  /** When the money moved, if not now (e.g. a Stripe event's time): the ledger dates entries by it. */
  at?: Date;
}

export async function getOrder(id: string): Promise<OrderDoc> {
  const order =
    await Order.findById(id).lean<Omit<OrderDoc, 'refunds' | 'refundedCents' | 'committedRefundCents'>>();
  if (!order) throw new NotFoundError();
  return (await withRefunds([order]))[0]!;
}

/** Inserts a unique claim on the timeline; false when another request took it first. */
function claim(orderId: OrderDoc['_id'], key: string, kind: string, by: string, extra: object = {}) {
  return claimOnce(OrderEvent, { orderId, claim: `${String(orderId)}:${key}`, kind, by, ...extra });
}

/**
 * Moves an order to `to` if the machine allows it and no concurrent request moved it first. If the
 * claim for exactly this move exists but the order still shows the old state (the winner stopped
 * before writing), the move is completed here instead of being refused.
 */
async function transition(
  order: OrderDoc,
  to: OrderState,
  ctx: OrderContext,
  set: Record<string, unknown> = {},
  note = '',
): Promise<OrderDoc> {
  const from = order.state as OrderState;
  if (!canMove(from, to)) throw new ConflictError('orders.errors.transition', { from, to });
  if (!(await claim(order._id, `leave:${from}`, to, ctx.by, { note }))) {
    const taken = await OrderEvent.findOne({ claim: `${String(order._id)}:leave:${from}` }).lean();
    const current = await Order.findById(order._id, { state: 1 }).lean();
    if (taken?.kind !== to || current?.state !== from)
      throw new ConflictError('orders.errors.changedMeanwhile');
  }
  await Order.updateOne({ _id: order._id }, { $set: { state: to, ...set } });
  return getOrder(String(order._id));
}

/** Adds a note to the timeline (no guard). */
export async function addTimelineNote(
  orderId: OrderDoc['_id'],
  kind: string,
  by: string,
  note = '',
  amountCents: number | null = null,
): Promise<void> {
  await OrderEvent.create({
    orderId,
    claim: `${String(orderId)}:${kind}:${Date.now()}:${Math.random()}`,
    kind,
    by,
    note,
    amountCents,
  });
}

/**
 * Marks an order paid and posts the payment to the ledger (once, by key). A repeated call from
 * Stripe for an order already past payment posts nothing new, but completes a posting that an
 * earlier attempt may not have finished.
 */
export async function markPaid(
  id: string,
  ctx: OrderContext,
  opts: {
    via: 'staff' | 'stripe';
    paymentIntentId?: string | null;
    /** Staff: the amount actually received, when it is not the total; a shortfall needs `differenceReason`. */
    receivedCents?: number;
    differenceReason?: string;
    /** Cash on the spot: what the customer handed over (the change is what exceeds the rounded total). */
    tenderedCents?: number;
  } = { via: 'staff' },
): Promise<OrderDoc> {
  const order = await getOrder(id);
  if (opts.via === 'staff' && order.payment?.method === 'card')
    throw new ConflictError('orders.errors.cardPaidByStripe');
  if (order.state !== 'pending_payment') {
    if (opts.via === 'stripe' && AFTER_PAYMENT.includes(order.state as OrderState)) {
      await postEntry({
        ...orderPaidEntry(order),
        postedAt: order.payment?.paidAt ?? ctx.at,
        whenLocked: 'postNow',
      });
      return order;
    }
    throw new ConflictError('orders.errors.transition', { from: order.state, to: 'paid' });
  }
  const paidAt = ctx.at ?? new Date();
  // A day staff chose must be in an open ledger period; a card payment happened when Stripe says.
  if (opts.via === 'staff') await refuseIfLocked(paidAt, 'paidOn');
  // A cash total is rounded to 5 cents (docs/domain.md, "Orders"): that is what is due in cash.
  const rounding = order.payment?.method === 'cash' ? cashRounding(order.totals!.grossCents) : 0;
  const gross = order.totals!.grossCents + rounding;
  const received = opts.via === 'staff' && opts.receivedCents !== undefined ? opts.receivedCents : gross;
  if (received < gross && !opts.differenceReason)
    throw new ConflictError('ordersAdmin.errors.shortPayment', {
      received,
      total: gross,
      short: gross - received,
    });
  const tendered = opts.via === 'staff' && order.payment?.method === 'cash' ? opts.tenderedCents : undefined;
  if (tendered !== undefined && tendered < gross)
    throw new ConflictError('staffOrder.errors.tenderedShort', { tendered, total: gross });
  const paid = await transition(
    order,
    'paid',
    ctx,
    {
      'payment.paidAt': paidAt,
      ...(opts.paymentIntentId ? { 'payment.stripePaymentIntentId': opts.paymentIntentId } : {}),
      ...(rounding ? { 'payment.cashRoundingCents': rounding } : {}),
      ...(tendered !== undefined
        ? { 'payment.tenderedCents': tendered, 'payment.changeCents': tendered - gross }
        : {}),
      ...(received !== gross
        ? { 'payment.receivedCents': received, 'payment.differenceReason': opts.differenceReason ?? '' }
        : {}),
    },
    received !== gross ? (opts.differenceReason ?? '') : '',
  );
  // A lock taken since the check above (or a late card event) moves the entry into the open period.
  if (paid.totals!.grossCents > 0)
    await postEntry({ ...orderPaidEntry(paid), postedAt: paidAt, whenLocked: 'postNow' });
  await ctx.notify('paid', paid);
  return paid;
}

/** Marks an order ready; a parcel's carrier and tracking number are stored by the move that wins. */
export async function markReady(
  id: string,
  ctx: OrderContext,
  shipment?: { carrier: string; trackingNumber: string },
): Promise<OrderDoc> {
  const order = await getOrder(id);
  const parcel = shipment?.carrier && order.delivery?.method !== 'pickup';
  const ready = await transition(
    order,
    'ready',
    ctx,
    parcel
      ? { 'shipment.carrier': shipment.carrier, 'shipment.trackingNumber': shipment.trackingNumber }
      : {},
    parcel ? `${shipment.carrier} ${shipment.trackingNumber}` : '',
  );
  await ctx.notify('ready', ready);
  return ready;
}

export async function markCompleted(id: string, ctx: OrderContext): Promise<OrderDoc> {
  return transition(await getOrder(id), 'completed', ctx);
}

async function releaseAll(order: OrderDoc): Promise<void> {
  for (const line of order.lines) await releaseStock(line.productId, line.quantity, String(order._id));
}

/** Cancels an unpaid order and gives its stock back (once per line, however often it runs). */
export async function cancelOrder(id: string, ctx: OrderContext, reason = ''): Promise<OrderDoc> {
  const order = await getOrder(id);
  if (order.state === 'cancelled') {
    await releaseAll(order); // completes a cancellation that stopped half-way; keyed, so no double release
    throw new ConflictError('orders.errors.transition', { from: order.state, to: 'cancelled' });
  }
  const cancelled = await transition(order, 'cancelled', ctx, {}, reason);
  await releaseAll(cancelled);
  if (cancelled.payment?.method === 'card') await ctx.closeCardCheckout?.(cancelled);
  await ctx.notify('cancelled', cancelled);
  return cancelled;
}

/**
 * Takes the next refund number for `amountCents` with the parts it refunds. The insert is the claim;
 * a concurrent refund that took the number makes this one re-read and take the next, and if the two
 * together would refund more than was paid, this one is withdrawn.
 */
async function claimRefund(
  order: OrderDoc,
  r: { amountCents: number; reason: string; by: string; stripeRefundId?: string; components?: string[] },
) {
  const gross = order.totals!.grossCents;
  const claimed = await retryOnClash(
    async () => {
      const existing = await OrderRefund.find({ orderId: order._id }).sort({ n: 1 }).lean();
      const committed = existing.reduce((s, x) => s + x.amountCents, 0);
      if (r.amountCents > gross - committed) throw new ConflictError('orders.errors.refundTooLarge');
      const done = existing.flatMap((x) =>
        x.parts.map((p) => ({ component: p.component!, grossCents: p.grossCents!, vatCents: p.vatCents! })),
      );
      // The returned items (when staff named them) carry the refund, so income is reversed where it arose.
      const remaining = remainingComponents(orderComponents(order), done);
      const chosen = r.components?.length
        ? remaining.filter((c) => r.components!.includes(c.component))
        : remaining;
      if (r.amountCents > chosen.reduce((sum, c) => sum + c.grossCents, 0)) {
        throw new ConflictError('orders.errors.refundTooLargeForItems');
      }
      const parts = refundParts(chosen, r.amountCents);
      const n = existing.length + 1;
      const id = `${String(order._id)}:${n}`;
      await OrderRefund.create({
        _id: id,
        orderId: order._id,
        n,
        status: r.stripeRefundId === undefined && order.payment?.method === 'card' ? 'pending' : 'succeeded',
        amountCents: r.amountCents,
        reason: r.reason,
        at: new Date(),
        by: r.by,
        stripeRefundId: r.stripeRefundId ?? null,
        parts,
      });
      return { id, n, parts };
    },
    {
      limit: 20,
      busy: () => new ConflictError('orders.errors.changedMeanwhile'),
      pause: async () => undefined,
    },
  );
  const all = await OrderRefund.find({ orderId: order._id }, { amountCents: 1, n: 1 }).lean();
  if (all.reduce((s, x) => s + x.amountCents, 0) > gross) {
    await OrderRefund.deleteOne({ _id: claimed.id });
    throw new ConflictError('orders.errors.refundTooLarge');
  }
  return claimed;
}

/** Posts the refund, moves a fully refunded order to `refunded`, and tells the customer. */
async function completeRefund(
  orderId: string,
  refund: { n: number; amountCents: number; parts: ReturnType<typeof refundParts>; reason: string },
  ctx: OrderContext,
): Promise<OrderDoc> {
  let order = await getOrder(orderId);
  await postEntry({
    ...refundEntry(order, {
      key: `order:${orderId}:refund:${refund.n}`,
      amountCents: refund.amountCents,
      parts: refund.parts,
    }),
    postedAt: ctx.at,
    corrects: `order:${orderId}:paid`,
    whenLocked: 'postNow',
  });
  await addTimelineNote(order._id, 'refund', ctx.by, refund.reason, refund.amountCents);
  await creditNoteForRefund(order, refund, ctx.by);
  // A concurrent "ready"/"completed" may move the order while this runs: retry from its new state.
  for (let attempt = 0; attempt < 5 && order.refundedCents >= order.totals!.grossCents; attempt++) {
    if (!isRefundable(order.state)) break;
    try {
      order = await transition(order, 'refunded', ctx, {}, refund.reason);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      order = await getOrder(orderId);
    }
  }
  await ctx.notify('refunded', order, { refundCents: refund.amountCents });
  return order;
}

/**
 * Refunds part or all of a paid order. Card orders are refunded through the provider (the refund is
 * pending until it answers, and withdrawn if it refuses); others are recorded, as the money went back
 * by bank or in cash. Refunding the rest marks the order refunded.
 */
export async function refundOrder(
  id: string,
  amountCents: number,
  reason: string,
  ctx: OrderContext,
  components: string[] = [],
): Promise<OrderDoc> {
  const order = await getOrder(id);
  if (!isRefundable(order.state)) {
    throw new ConflictError('orders.errors.transition', { from: order.state, to: 'refunded' });
  }
  const isCard = order.payment?.method === 'card';
  if (isCard && (!ctx.refundCard || !order.payment?.stripePaymentIntentId)) {
    throw new ConflictError('orders.errors.cardUnavailable');
  }
  const known = new Set(orderComponents(order).map((c) => c.component));
  if (components.some((c) => !known.has(c))) throw new ConflictError('orders.errors.unknownRefundItem');
  const claimed = await claimRefund(order, { amountCents, reason, by: ctx.by, components });
  if (isCard) {
    let stripeRefundId: string;
    try {
      stripeRefundId = await ctx.refundCard!(order, amountCents, `order:${id}:refund:${claimed.n}`);
    } catch (err) {
      await OrderRefund.deleteOne({ _id: claimed.id, status: 'pending' });
      throw err;
    }
    // If Stripe's charge.refunded webhook recorded this refund first, this claim is withdrawn.
    if (!(await claim(order._id, `stripe-refund:${stripeRefundId}`, 'stripe_refund', ctx.by))) {
      await OrderRefund.deleteOne({ _id: claimed.id, status: 'pending' });
      return getOrder(id);
    }
    await OrderRefund.updateOne({ _id: claimed.id }, { $set: { status: 'succeeded', stripeRefundId } });
  }
  return completeRefund(id, { n: claimed.n, amountCents, parts: claimed.parts, reason }, ctx);
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
  if (await OrderRefund.exists({ orderId: order._id, stripeRefundId })) return;
  if (!isRefundable(order.state)) return;
  if (!(await claim(order._id, `stripe-refund:${stripeRefundId}`, 'stripe_refund', ctx.by))) return;
  const amount = Math.min(amountCents, order.totals!.grossCents - order.committedRefundCents);
  if (amount <= 0) return addTimelineNote(order._id, 'refund_mismatch', ctx.by, stripeRefundId, amountCents);
  const claimed = await claimRefund(order, { amountCents: amount, reason: '', by: ctx.by, stripeRefundId });
  await completeRefund(id, { n: claimed.n, amountCents: amount, parts: claimed.parts, reason: '' }, ctx);
}
