import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { currentStock, StockMovement } from '../../src/catalog/stock.ts';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../../src/db/connection.ts';
import { freePort } from '../../src/db/ferretdb.ts';
import { JournalEntry } from '../../src/ledger/model.ts';
import { randomName } from '../../src/lib/ids.ts';
import { LocalDiskStorage } from '../../src/media/storage.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { OutboxMessage } from '../../src/mail/model.ts';
import { queueMissingConfirmations } from '../../src/orders/confirmations.ts';
import { ORPHAN_MIN_AGE_MS, releaseOrphanedReservations } from '../../src/orders/jobs.ts';
import { Order } from '../../src/orders/model.ts';
import { orderNotifier } from '../../src/orders/notify.ts';
import { CheckoutSession } from '../../src/payments/model.ts';
import { testDatabaseUri } from '../support/global.ts';
import {
  addToCart,
  Browser,
  checkoutForm,
  deliverWebhook,
  pool,
  sessionCompletedEvent,
  startServerProcess,
  type PaymentChoice,
  type ServerProcess,
} from '../support/server-process.ts';
import { testStripeEnv } from '../support/stripe.ts';
import { publishedGood } from './helpers.ts';

const SHOPPERS = 40;
const INITIAL_STOCK = 100;
const KILL_AFTER_ACKS = 8;
const silent = pino({ level: 'silent' });

interface Shopper {
  browser: Browser;
  email: string;
  payment: PaymentChoice;
  form?: Record<string, string>;
  /** The redirect that told the shopper the order was taken (null until one arrived). */
  ack: string | null;
  refused: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The real server is killed (SIGKILL, no shutdown) in the middle of concurrent checkouts and Stripe
 * webhook deliveries, restarted on the same database, and then clients and Stripe retry. Nothing the
 * shopper was told is lost, nothing is paid or booked twice, stock and ledger still add up.
 */
describe('crash safety: the server killed mid-checkout and mid-webhook', function () {
  this.timeout(90_000);
  let dir: string;
  let uri: string;
  let port: number;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;
  let product: { id: string; slug: string };

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dirbtuves-crash-'));
    uri = `${testDatabaseUri()}test_${randomName(6)}`;
    await connectDatabase(uri);
    await ensureIndexes();
    const id = await publishedGood(new LocalDiskStorage(dir), {
      titleLt: 'Avarinė žvakė',
      slug: 'avarine-zvake',
      sku: 'CRASH-1',
      price: 1500,
      vatRate: 2100,
      stockQuantity: INITIAL_STOCK,
    });
    product = { id, slug: 'avarine-zvake' };
    port = await freePort();
    env = {
      NODE_ENV: 'test',
      MONGODB_URI: uri,
      DEMO_DATA: 'false',
      JOBS: 'false',
      TRUST_PROXY: '1',
      UPLOADS_DIR: dir,
      LOG_LEVEL: 'silent',
      ...testStripeEnv(),
    };
  });

  after(async () => {
    await server?.stop('SIGKILL');
    if (mongoose.connection.readyState === 1) await mongoose.connection.dropDatabase();
    await disconnectDatabase();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The card order a shopper's checkout made, with its Checkout Session (null if none yet). */
  async function cardPayment(email: string) {
    const order = await Order.findOne({ 'customer.email': email }).sort({ createdAt: -1 }).lean();
    const session = order && (await CheckoutSession.findOne({ orderId: order._id }).lean());
    return order && session
      ? { id: String(session._id), orderId: String(order._id), amountCents: order.totals!.grossCents }
      : null;
  }

  /** Stripe delivers the payment of the shopper's order (the same event id on every retry). */
  async function pay(email: string, times: number): Promise<number[]> {
    const session = await cardPayment(email);
    if (!session) return [];
    const event = sessionCompletedEvent(`evt_crash_${session.orderId}`, session);
    return Promise.all(
      Array.from({ length: times }, () => deliverWebhook(server!.url, event).catch(() => 0)),
    );
  }

  it('keeps every acknowledged order, pays each once, and keeps stock and ledger consistent', async () => {
    server = await startServerProcess(env, { port });
    const shoppers: Shopper[] = Array.from({ length: SHOPPERS }, (_, i) => ({
      browser: new Browser(server!.url, `10.9.0.${i + 1}`),
      email: `shopper${i}@example.lt`,
      payment: i % 2 === 0 ? 'card' : 'bank_transfer',
      ack: null,
      refused: false,
    }));
    await pool(shoppers, 8, async (s) => {
      await addToCart(s.browser, product);
      s.form = await checkoutForm(s.browser, s.payment, s.email);
    });

    // The storm: every checkout at once; each card order is paid by two concurrent deliveries of
    // its event as soon as the shopper is sent to Stripe. The server dies after a few answers.
    let acks = 0;
    let killed: Promise<unknown> | null = null;
    const webhooks: Promise<unknown>[] = [];
    await Promise.all(
      shoppers.map(async (s) => {
        const reply = await s.browser.post('/checkout', s.form!).catch(() => null);
        if (reply?.status === 303) {
          s.ack = reply.location;
          if (s.payment === 'card') webhooks.push(pay(s.email, 2));
          acks += 1;
          if (acks === KILL_AFTER_ACKS) killed = server!.stop('SIGKILL');
        }
      }),
    );
    await killed;
    await Promise.all(webhooks);
    const ackedBeforeCrash = shoppers.filter((s) => s.ack).length;
    expect(ackedBeforeCrash, 'checkouts answered before the crash').to.be.at.least(KILL_AFTER_ACKS);
    expect(ackedBeforeCrash, 'checkouts cut off by the crash').to.be.below(SHOPPERS);

    const restartedAt = Date.now();
    server = await startServerProcess(env, { port });

    // Shoppers without an answer try again: from the checkout page if their cart is still there.
    await pool(
      shoppers.filter((s) => !s.ack),
      8,
      async (s) => {
        for (let attempt = 0; attempt < 5 && !s.ack && !s.refused; attempt++) {
          try {
            const page = await s.browser.get('/checkout');
            if (page.status === 303) return; // the cart was emptied: the order went through unseen
            const reply = await s.browser.post(
              '/checkout',
              await checkoutForm(s.browser, s.payment, s.email),
            );
            if (reply.status === 303) s.ack = reply.location;
            else s.refused = reply.status === 409;
          } catch {
            await sleep(100);
          }
        }
      },
    );
    // Stripe retries every payment until it is answered 200: those cut off and those never sent.
    for (const s of shoppers.filter((x) => x.payment === 'card' && x.ack)) {
      let statuses = await pay(s.email, 2);
      for (let round = 0; round < 5 && !statuses.every((st) => st === 200); round++) {
        await sleep(100);
        statuses = await pay(s.email, 1);
      }
      expect(statuses, `deliveries for ${s.email}`).to.satisfy((st: number[]) => st.every((x) => x === 200));
    }

    // 1. Every order a shopper was told about exists (a card shopper was sent to its session).
    for (const s of shoppers.filter((x) => x.ack)) {
      if (s.payment === 'bank_transfer') {
        const token = /^\/orders\/([\w-]+)$/.exec(s.ack!)?.[1];
        expect(await Order.exists({ token }), `order behind ${s.ack}`).to.not.equal(null);
      } else {
        expect(s.ack).to.match(/^https:\/\/checkout\.stripe\.com\//);
        expect(await cardPayment(s.email), `card order of ${s.email}`).to.not.equal(null);
      }
    }

    // 2. Each paid card order has exactly one payment entry; no key is used twice.
    const orders = await Order.find({ 'lines.productId': product.id }).lean();
    const entries = await JournalEntry.find().lean();
    const keys = entries.map((e) => e.idempotencyKey);
    expect(new Set(keys).size, 'ledger keys used once').to.equal(keys.length);
    const paidEntries = (orderId: string) =>
      entries.filter((e) => e.kind === 'order_paid' && e.reference?.id === orderId);
    for (const s of shoppers.filter((x) => x.payment === 'card' && x.ack)) {
      const paid = await cardPayment(s.email);
      const order = orders.find((o) => String(o._id) === paid!.orderId)!;
      expect(order.state, `order of ${s.email}`).to.equal('paid');
    }
    for (const o of orders) {
      expect(paidEntries(String(o._id)), `payment entries of ${o.number}`).to.have.length(
        o.state === 'paid' ? 1 : 0,
      );
    }
    for (const o of orders.filter((x) => x.payment?.method === 'bank_transfer')) {
      expect(o.state).to.equal('pending_payment');
    }

    // 3. Stock: checkouts the crash cut off between reserving the stock and storing the order left
    // reservations without an order; the scheduled job gives exactly those back once they are old
    // enough. Then what is left is the initial stock less what live orders hold, and the log is a chain.
    const live = orders.filter((o) => o.state !== 'cancelled');
    const held = live.reduce(
      (sum, o) =>
        sum + o.lines.filter((l) => String(l.productId) === product.id).reduce((q, l) => q + l.quantity, 0),
      0,
    );
    const orderIds = new Set(orders.map((o) => String(o._id)));
    const orphansOf = async () => {
      const moves = await StockMovement.find({ productId: product.id }).sort({ version: 1 }).lean();
      const released = new Set(moves.filter((m) => m.kind === 'release').map((m) => m.orderId));
      return moves.filter(
        (m) => m.kind === 'reserve' && !orderIds.has(m.orderId!) && !released.has(m.orderId),
      );
    };
    const orphaned = await orphansOf();
    expect(orphaned.length, 'reservations without an order').to.be.at.most(SHOPPERS - ackedBeforeCrash);
    for (const m of orphaned) expect(m.at.getTime(), 'orphaned before the crash').to.be.below(restartedAt);
    const releasedBefore = await StockMovement.countDocuments({ productId: product.id, kind: 'release' });
    const later = new Date(Date.now() + ORPHAN_MIN_AGE_MS + 60_000);
    expect(await releaseOrphanedReservations(silent, later), 'orphans released').to.equal(orphaned.length);
    expect(await releaseOrphanedReservations(silent, later), 'released once').to.equal(0);
    expect(await orphansOf(), 'reservations without an order after the job').to.have.length(0);
    expect(
      await StockMovement.countDocuments({ productId: product.id, kind: 'release' }),
      'releases by the job',
    ).to.equal(releasedBefore + orphaned.length);
    const moves = await StockMovement.find({ productId: product.id }).sort({ version: 1 }).lean();
    moves.forEach((m, i) => expect(m.version, 'stock log without gaps').to.equal(i + 1));
    expect(await currentStock(product.id)).to.equal(INITIAL_STOCK - held);

    // 4. Every stored order has its confirmation queued, once: the checkouts cut off between storing
    // the order and queueing the e-mail get theirs from the recovery job run after the restart.
    const withoutConfirmation = async () => {
      const confirmed = new Set(
        (await OutboxMessage.find({ kind: 'order.received' }).lean()).map((m) => m.reference),
      );
      return orders.filter((o) => !confirmed.has(o.number)).map((o) => o.number);
    };
    const missingBefore = await withoutConfirmation();
    expect(missingBefore.length, 'orders without a confirmation').to.be.at.most(SHOPPERS - ackedBeforeCrash);
    const mailer = createMailer(
      { smtpUrl: undefined, mailFrom: undefined, publicUrl: server.url },
      { logger: silent },
    );
    const notify = orderNotifier({ mailer, publicUrl: server.url, logger: silent });
    expect(await queueMissingConfirmations(notify, silent), 'confirmations queued by the job').to.equal(
      missingBefore.length,
    );
    expect(await queueMissingConfirmations(notify, silent), 'queued once').to.equal(0);
    await mailer.settled();
    expect(await withoutConfirmation(), 'orders without a confirmation after the job').to.deep.equal([]);
    for (const o of orders) {
      const mails = await OutboxMessage.find({ kind: 'order.received', reference: o.number }).lean();
      expect(
        mails.map((m) => m.key),
        `confirmation of ${o.number}`,
      ).to.deep.equal([`order.received:${String(o._id)}`]);
      expect(mails[0]!.to).to.equal(o.customer!.email);
    }
    // Attempts the crash cut off are tried again by the sender job (no SMTP here: nothing went out).
    let clock = Date.now();
    for (let run = 0; run < 5; run++) {
      clock += 20 * 60_000;
      await mailer.deliverQueued(new Date(clock));
    }
    expect(
      await OutboxMessage.countDocuments({ kind: 'order.received', status: { $ne: 'stored' } }),
      'confirmations not delivered',
    ).to.equal(0);

    // 5. The ledger balances.
    const lines = entries.flatMap((e) => e.lines);
    const debits = lines.reduce((sum, l) => sum + l.debitCents, 0);
    const credits = lines.reduce((sum, l) => sum + l.creditCents, 0);
    expect(debits).to.equal(credits);
    expect(debits).to.be.above(0);
  });
});
