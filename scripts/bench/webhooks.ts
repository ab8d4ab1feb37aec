import { JournalEntry } from '../../src/ledger/model.ts';
import { Order } from '../../src/orders/model.ts';
import { CheckoutSession } from '../../src/payments/model.ts';
import {
  addToCart,
  Browser,
  checkoutForm,
  deliverWebhook,
  pool,
  sessionCompletedEvent,
} from '../../test/support/server-process.ts';
import { seedProduct, shownOn } from './seed.ts';

export interface WebhookResults {
  orders: number;
  deliveries: number;
  concurrency: number;
  deliveriesPerOrder: number;
  firstRoundStatuses: Record<string, number>;
  retried: number;
  ms: number;
  deliveriesPerSec: number;
  paidOrders: number;
  entriesPerOrder: { one: number; other: number };
  debitsCents: number;
  creditsCents: number;
  stripeDebitCents: number;
  expectedStripeCents: number;
  ok: boolean;
}

/** Fisher–Yates with a fixed seed, so every run delivers in a comparable (but mixed) order. */
function shuffle<T>(items: T[]): T[] {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * `orders` card orders placed through the shop (each opens a Checkout Session at stripe-mock), then
 * `deliveriesPerOrder` deliveries per order, shuffled and sent concurrently: the same
 * `checkout.session.completed` event again and again (Stripe's retries) and once under an event id of
 * its own (a second event for the same payment). Deliveries refused with a non-2xx are delivered
 * again, as Stripe retries them.
 */
export async function runWebhookStorm(opts: {
  appUrl: string;
  orders: number;
  /** All but one are the same event (Stripe's retries); the last has an event id of its own. */
  deliveriesPerOrder: number;
  concurrency: number;
}): Promise<WebhookResults> {
  const product = await seedProduct('Sojų vaško žvakė, kortele', 100_000, 1990);
  await shownOn(opts.appUrl, product.slug);
  const browsers = Array.from(
    { length: opts.orders },
    (_, i) => new Browser(opts.appUrl, `10.2.${Math.floor(i / 250)}.${(i % 250) + 1}`),
  );
  await pool(browsers, 16, async (b, i) => {
    await addToCart(b, product);
    const reply = await b.post('/checkout', await checkoutForm(b, 'card', `kortele${i}@example.lt`));
    if (reply.status !== 303 || !reply.location.startsWith('https://checkout.stripe.com/')) {
      throw new Error(`card checkout ${i}: ${reply.status} ${reply.location || reply.text.slice(0, 200)}`);
    }
  });
  const orders = await Order.find({ 'lines.productId': product.id }, { _id: 1, totals: 1 }).lean();
  const sessions = await CheckoutSession.find({ orderId: { $in: orders.map((o) => o._id) } }).lean();
  const sessionOf = new Map(sessions.map((s) => [String(s.orderId), s._id]));

  const events = orders.flatMap((o) => {
    const id = String(o._id);
    const session = { id: sessionOf.get(id)!, orderId: id, amountCents: o.totals!.grossCents };
    const first = sessionCompletedEvent(`evt_bench_${id}_a`, session);
    const again = Array.from({ length: opts.deliveriesPerOrder - 1 }, () => first);
    return [...again, sessionCompletedEvent(`evt_bench_${id}_b`, session)];
  });
  const deliveries = shuffle(events);
  const started = performance.now();
  const statuses = await pool(deliveries, opts.concurrency, (e) => deliverWebhook(opts.appUrl, e));
  const ms = performance.now() - started;
  const firstRoundStatuses: Record<string, number> = {};
  for (const s of statuses) firstRoundStatuses[s] = (firstRoundStatuses[s] ?? 0) + 1;
  let pending = deliveries.filter((_, i) => statuses[i] !== 200);
  let retried = 0;
  for (let round = 0; round < 5 && pending.length; round++) {
    retried += pending.length;
    const again = await pool(pending, 8, (e) => deliverWebhook(opts.appUrl, e));
    pending = pending.filter((_, i) => again[i] !== 200);
  }

  const ids = orders.map((o) => String(o._id));
  const paidOrders = await Order.countDocuments({ _id: { $in: ids }, state: 'paid' });
  const entries = await JournalEntry.find({ 'reference.id': { $in: ids } }, { reference: 1 }).lean();
  const perOrder = new Map<string, number>();
  for (const e of entries) perOrder.set(e.reference!.id, (perOrder.get(e.reference!.id) ?? 0) + 1);
  const one = ids.filter((id) => perOrder.get(id) === 1).length;
  const all = await JournalEntry.find({}, { lines: 1 }).lean();
  let debitsCents = 0;
  let creditsCents = 0;
  for (const e of all)
    for (const l of e.lines) {
      debitsCents += l.debitCents;
      creditsCents += l.creditCents;
    }
  const mine = await JournalEntry.find({ 'reference.id': { $in: ids } }, { lines: 1 }).lean();
  const stripeDebitCents = mine
    .flatMap((e) => e.lines)
    .filter((l) => l.account === 'assets:stripe')
    .reduce((s, l) => s + l.debitCents, 0);
  const expectedStripeCents = orders.reduce((s, o) => s + o.totals!.grossCents, 0);
  return {
    orders: orders.length,
    deliveries: deliveries.length,
    concurrency: opts.concurrency,
    deliveriesPerOrder: opts.deliveriesPerOrder,
    firstRoundStatuses,
    retried,
    ms,
    deliveriesPerSec: deliveries.length / (ms / 1000),
    paidOrders,
    entriesPerOrder: { one, other: ids.length - one },
    debitsCents,
    creditsCents,
    stripeDebitCents,
    expectedStripeCents,
    ok:
      orders.length === opts.orders &&
      pending.length === 0 &&
      paidOrders === opts.orders &&
      one === opts.orders &&
      debitsCents === creditsCents &&
      stripeDebitCents === expectedStripeCents,
  };
}
