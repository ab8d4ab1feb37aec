/**
 * The order's state machine (docs/domain.md, "Orders") and the rules that follow from a state: which moves staff
 * may make, which orders can be refunded, and which days a manual payment can be dated. The
 * transitions, the staff pages and the webhook all read them from here.
 */
import { parseCalendarDate, vilniusDate, vilniusDayStart } from '../lib/dates.ts';
import type { OrderDoc, OrderState } from './model.ts';

/** No state is entered twice, so each can be left only once. */
export const TRANSITIONS: Record<OrderState, OrderState[]> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['ready', 'refunded'],
  ready: ['completed', 'refunded'],
  completed: ['refunded'],
  cancelled: [],
  refunded: [],
};

/** Money came in: a payment reported again for such an order only completes its posting. */
export const AFTER_PAYMENT: readonly OrderState[] = ['paid', 'ready', 'completed', 'refunded'];

/** Paid and not yet fully refunded: part or all of the money can go back. */
export const REFUNDABLE: readonly OrderState[] = ['paid', 'ready', 'completed'];

/** Payment methods whose payment staff record by hand (a card payment is reported by Stripe). */
export const STAFF_PAYABLE: readonly string[] = ['bank_transfer', 'pay_at_pickup', 'cash', 'card_terminal'];

export function canMove(from: OrderState, to: OrderState): boolean {
  return (TRANSITIONS[from] ?? []).includes(to);
}

export function isRefundable(state: string | null | undefined): boolean {
  return REFUNDABLE.includes(state as OrderState);
}

/** What is left to refund. */
export function remainingCents(order: Pick<OrderDoc, 'totals' | 'refundedCents'>): number {
  return Math.max(0, (order.totals?.grossCents ?? 0) - (order.refundedCents ?? 0));
}

/** What staff may do with the order now: only what the state machine (and the payment method) allows. */
export function allowedActions(order: OrderDoc) {
  const state = order.state as OrderState;
  const method = order.payment?.method ?? '';
  const actions = {
    markPaid: canMove(state, 'paid') && STAFF_PAYABLE.includes(method),
    markReady: canMove(state, 'ready'),
    markCompleted: canMove(state, 'completed'),
    cancel: canMove(state, 'cancelled'),
    refund: isRefundable(state) && remainingCents(order) > 0,
  };
  return { ...actions, any: Object.values(actions).some(Boolean) };
}

/**
 * The moment a manual payment is dated by, from the day staff name (none = now): a real day between
 * the order and today (Vilnius calendar), or null when the day is outside that range. A past day is
 * dated at its noon, so the ledger puts it in that day's month whatever the time zone.
 */
export function paidOnMoment(
  order: Pick<OrderDoc, 'createdAt'>,
  paidOn: string | undefined,
  now = new Date(),
): Date | null {
  if (!paidOn) return now;
  const day = parseCalendarDate(paidOn);
  if (!day || paidOn > vilniusDate(now) || paidOn < vilniusDate(order.createdAt)) return null;
  return paidOn === vilniusDate(now) ? now : new Date(vilniusDayStart(...day).getTime() + 12 * 3600_000);
}

/** How a recorded amount compares with the order's total: the figures shown on the staff page. */
export function paymentDifference(totalCents: number, receivedCents: number | null | undefined) {
  const received = receivedCents ?? totalCents;
  return {
    receivedCents: received,
    shortCents: Math.max(0, totalCents - received),
    excessCents: Math.max(0, received - totalCents),
  };
}
