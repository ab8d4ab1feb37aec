import { parseCalendarDate, vilniusDayStart } from '../lib/dates.ts';
import type { QueryFilter } from 'mongoose';
import { vilniusPeriod } from '../lib/dates.ts';
import { escapeRegExp } from '../lib/text.ts';
import { Order, OrderEvent, type OrderDoc, type OrderEventDoc, withRefunds } from './model.ts';
import { queueFilter } from './queues.ts';
import type { StaffOrderQuery } from './schemas.ts';

export const ADMIN_ORDERS_PAGE_SIZE = 50;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
}

/** The filters of the staff order list, shared by the page and the CSV export. */
export type StaffOrderFilters = Omit<StaffOrderQuery, 'page'>;

/** UTC bounds `[from, to)` of Vilnius calendar dates, both inclusive; an invalid date is no bound. */
export function vilniusDateBounds(from?: string, to?: string): { gte?: Date; lt?: Date } {
  const f = parseCalendarDate(from);
  const t = parseCalendarDate(to);
  return {
    ...(f ? { gte: vilniusDayStart(f[0], f[1], f[2]) } : {}),
    ...(t ? { lt: vilniusDayStart(t[0], t[1], t[2] + 1) } : {}),
  };
}

/** UTC bounds `[start, end)` of the Vilnius month a moment falls in. */
export function vilniusMonthBounds(now: Date): { start: Date; end: Date; period: string } {
  const period = vilniusPeriod(now);
  const [y, m] = period.split('-').map(Number) as [number, number];
  return { start: vilniusDayStart(y, m, 1), end: vilniusDayStart(y, m + 1, 1), period };
}

/** The filter of the staff list: state, payment method, creation date (Vilnius days), search. */
export function staffOrderFilter(query: StaffOrderFilters): QueryFilter<OrderDoc> {
  const filter: QueryFilter<OrderDoc> = {};
  if (query.state) filter.state = query.state;
  if (query.payment) filter['payment.method'] = query.payment;
  // Orders from before channels were recorded have none: they are web orders.
  if (query.channel) filter.channel = query.channel === 'web' ? { $in: ['web', null] } : query.channel;
  const bounds = vilniusDateBounds(query.from, query.to);
  if (bounds.gte || bounds.lt) {
    filter.createdAt = {
      ...(bounds.gte ? { $gte: bounds.gte } : {}),
      ...(bounds.lt ? { $lt: bounds.lt } : {}),
    };
  }
  const q = query.q.trim();
  if (q) {
    const pattern = escapeRegExp(q);
    filter.$or = [
      { number: { $regex: `^${pattern}` } },
      { 'customer.name': { $regex: pattern, $options: 'i' } },
      { 'customer.email': { $regex: pattern, $options: 'i' } },
    ];
  }
  return filter;
}

type StoredOrder = Omit<OrderDoc, 'refunds' | 'refundedCents' | 'committedRefundCents'>;

const NEWEST_FIRST = { createdAt: -1, _id: -1 } as const;

/** The list's filters and, when one is chosen, a work queue's (queues.ts). */
async function listFilter(query: StaffOrderFilters): Promise<QueryFilter<OrderDoc>> {
  const filter = staffOrderFilter(query);
  if (!query.queue) return filter;
  const queue = await queueFilter(query.queue);
  return Object.keys(filter).length ? { $and: [filter, queue] } : queue;
}

/** A page of orders for staff, newest first. */
export async function listOrdersForStaff(query: StaffOrderQuery): Promise<Page<OrderDoc>> {
  const filter = await listFilter(query);
  const [items, total] = await Promise.all([
    Order.find(filter)
      .sort(NEWEST_FIRST)
      .skip((query.page - 1) * ADMIN_ORDERS_PAGE_SIZE)
      .limit(ADMIN_ORDERS_PAGE_SIZE)
      .lean<StoredOrder[]>(),
    Order.countDocuments(filter),
  ]);
  return {
    items: await withRefunds(items),
    total,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / ADMIN_ORDERS_PAGE_SIZE)),
  };
}

/** Every order the filters match, newest first, for the CSV export. */
export async function ordersForExport(query: StaffOrderFilters): Promise<OrderDoc[]> {
  const filter = await listFilter(query);
  return withRefunds(await Order.find(filter).sort(NEWEST_FIRST).lean<StoredOrder[]>());
}

/** The money of every order the filters match (all pages), for the totals above the list. */
export async function ordersForTotals(query: StaffOrderFilters): Promise<OrderDoc[]> {
  const filter = await listFilter(query);
  const orders = await Order.find(filter, { totals: 1, 'delivery.grossCents': 1 }).lean<StoredOrder[]>();
  return withRefunds(orders);
}

export interface SalesGlance {
  /** The Vilnius month, e.g. "2026-10". */
  period: string;
  /** Orders paid this month that are still paid, ready or completed. */
  paidCount: number;
  paidGrossCents: number;
  /** Orders waiting for their payment, whenever placed. */
  awaitingPayment: number;
}

/** Sales at a glance: this Vilnius month's paid orders (by payment date) and the unpaid ones. */
export async function salesGlance(now = new Date()): Promise<SalesGlance> {
  const { start, end, period } = vilniusMonthBounds(now);
  const [paid, awaitingPayment] = await Promise.all([
    Order.find(
      { state: { $in: ['paid', 'ready', 'completed'] }, 'payment.paidAt': { $gte: start, $lt: end } },
      { 'totals.grossCents': 1 },
    ).lean<Pick<OrderDoc, 'totals'>[]>(),
    Order.countDocuments({ state: 'pending_payment' }),
  ]);
  return {
    period,
    paidCount: paid.length,
    paidGrossCents: paid.reduce((sum, o) => sum + (o.totals?.grossCents ?? 0), 0),
    awaitingPayment,
  };
}

/** The order's timeline, oldest first. */
export async function orderTimeline(orderId: OrderDoc['_id']): Promise<OrderEventDoc[]> {
  return OrderEvent.find({ orderId }).sort({ at: 1, _id: 1 }).lean<OrderEventDoc[]>();
}

/** The order a private link's token names, or null. */
export async function orderIdByToken(token: string): Promise<string | null> {
  const order = await Order.findOne({ token }, { _id: 1 }).lean();
  return order ? String(order._id) : null;
}

/** The order with this number placed with this e-mail ("find my order"), or null. */
export async function orderIdByNumberAndEmail(number: string, email: string): Promise<string | null> {
  const order = await Order.findOne({ number, 'customer.email': email.toLowerCase() }, { _id: 1 }).lean();
  return order ? String(order._id) : null;
}

/** The order a Stripe payment intent paid, or null. */
export async function orderByPaymentIntent(paymentIntentId: string): Promise<OrderDoc | null> {
  return Order.findOne({ 'payment.stripePaymentIntentId': paymentIntentId }).lean<OrderDoc>();
}

/** The orders of a selection that exist, in the order they were named. */
export async function ordersByIds(ids: string[]): Promise<OrderDoc[]> {
  const found = await withRefunds(await Order.find({ _id: { $in: ids } }).lean<StoredOrder[]>());
  const byId = new Map(found.map((o) => [String(o._id), o]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Order numbers by id, for the ledger's lines (one query however many). */
export async function orderNumbers(ids: string[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids)].filter((id) => /^[a-f0-9]{24}$/.test(id));
  if (valid.length === 0) return new Map();
  const found = await Order.find({ _id: { $in: valid } }, { number: 1 }).lean<
    { _id: unknown; number: string }[]
  >();
  return new Map(found.map((o) => [String(o._id), o.number]));
}
