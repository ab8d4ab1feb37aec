import { expect } from 'chai';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { buildCommerce } from '../../src/app.ts';
import { currentStock, releaseStock, reserveStock, StockMovement } from '../../src/catalog/stock.ts';
import { runOnce } from '../../src/jobs/runner.ts';
import { ORPHAN_MIN_AGE_MS, ORPHAN_WINDOW_MS, releaseOrphanedReservations } from '../../src/orders/jobs.ts';
import { Order } from '../../src/orders/model.ts';
import { placeOrder, SoldOutError } from '../../src/orders/placement.ts';
import { cancelOrder, markPaid } from '../../src/orders/transitions.ts';
import { getSettings } from '../../src/settings/service.ts';
import { useTestApp } from '../support/app.ts';
import { checkoutInput, publishedGood } from './helpers.ts';

const logger = pino({ level: 'silent' });
const MINUTE = 60_000;

/**
 * A checkout reserves stock and then stores its order. When the process dies in between, the units
 * are held for an order that does not exist; the scheduled job gives them back, once, and never
 * touches stock of an order that exists.
 */
describe('stock of interrupted checkouts', function () {
  this.timeout(120_000);
  const t = useTestApp();
  let candle: string;
  let soap: string;

  before(async () => {
    candle = await publishedGood(t.storage, {
      titleLt: 'Žvakė',
      slug: 'zvake',
      sku: 'ORPH-1',
      price: 900,
      vatRate: 2100,
      stockQuantity: 20,
    });
    soap = await publishedGood(t.storage, {
      titleLt: 'Muilas',
      slug: 'muilas',
      sku: 'ORPH-2',
      price: 500,
      vatRate: 2100,
      stockQuantity: 20,
    });
  });

  /** What placement does up to the crash point: a fresh order id, stock reserved, no order stored. */
  async function interruptedCheckout(lines: [string, number][]): Promise<string> {
    const orderId = String(new mongoose.Types.ObjectId());
    for (const [productId, quantity] of [...lines].sort((a, b) => a[0].localeCompare(b[0]))) {
      const outcome = await reserveStock(productId, quantity, orderId);
      expect(outcome.ok).to.equal(true);
    }
    return orderId;
  }

  /** Makes an order's reservations `ms` old (the raw collection, as a past checkout would have left them). */
  async function backdate(orderId: string, ms: number): Promise<void> {
    const res = await StockMovement.collection.updateMany(
      { orderId, kind: 'reserve' },
      { $set: { at: new Date(Date.now() - ms) } },
    );
    expect(res.matchedCount).to.be.above(0);
  }

  async function releases(orderId: string) {
    return StockMovement.find({ orderId, kind: 'release' }).lean();
  }

  async function stock() {
    return { candle: await currentStock(candle), soap: await currentStock(soap) };
  }

  it('gives back the units of checkouts cut off after reserving, once however often it runs', async () => {
    const start = await stock();
    const both = await interruptedCheckout([
      [candle, 3],
      [soap, 2],
    ]);
    const one = await interruptedCheckout([[candle, 1]]);
    await backdate(both, 20 * MINUTE);
    await backdate(one, 20 * MINUTE);
    expect(await stock()).to.deep.equal({ candle: start.candle - 4, soap: start.soap - 2 });

    expect(await releaseOrphanedReservations(logger)).to.equal(3);
    expect(await stock()).to.deep.equal(start);
    expect((await releases(both)).map((m) => [String(m.productId), m.delta]).sort()).to.deep.equal(
      [
        [candle, 3],
        [soap, 2],
      ].sort(),
    );
    expect((await releases(one)).map((m) => m.delta)).to.deep.equal([1]);

    // Again, and much later (still within the week): nothing more comes back.
    expect(await releaseOrphanedReservations(logger)).to.equal(0);
    expect(await releaseOrphanedReservations(logger, new Date(Date.now() + 3 * 24 * 60 * MINUTE))).to.equal(
      0,
    );
    expect(await stock()).to.deep.equal(start);
    expect(await releases(both)).to.have.length(2);
    expect(await releases(one)).to.have.length(1);
  });

  it('gives the units back once when several instances run it at the same moment', async () => {
    const start = await stock();
    const orphans: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await interruptedCheckout([
        [candle, 1],
        [soap, 1 + (i % 2)],
      ]);
      await backdate(id, (16 + i) * MINUTE);
      orphans.push(id);
    }
    expect((await stock()).candle).to.equal(start.candle - 6);
    expect((await stock()).soap).to.equal(start.soap - 9);

    // Five instances without a lease between them (the worst case), with small batches so their
    // releases interleave; then the scheduled way, where the lease lets only one of them run.
    const counts = await Promise.all(
      Array.from({ length: 5 }, () => releaseOrphanedReservations(logger, new Date(), 2)),
    );
    // Every reservation was released by some run; no run counts one twice.
    expect(counts.reduce((a, b) => a + b, 0)).to.be.at.least(12);
    for (const c of counts) expect(c).to.be.at.most(12);
    expect(await stock()).to.deep.equal(start);
    for (const id of orphans) expect(await releases(id), `releases of ${id}`).to.have.length(2);

    let runs = 0;
    const job = {
      name: 'release-orphans-test',
      everyMs: 3_600_000,
      run: async () => {
        runs += 1;
        await releaseOrphanedReservations(logger);
      },
    };
    await Promise.all([runOnce(job, logger), runOnce(job, logger), runOnce(job, logger)]);
    expect(runs).to.equal(1);
    expect(await stock()).to.deep.equal(start);

    // The stock log is still one gapless chain per product.
    for (const productId of [candle, soap]) {
      const moves = await StockMovement.find({ productId }).sort({ version: 1 }).lean();
      moves.forEach((m, i) => expect(m.version).to.equal(i + 1));
      expect(moves.at(-1)!.after).to.equal(await currentStock(productId));
    }
  });

  it('leaves a reservation alone while its checkout could still be running', async () => {
    const start = await stock();
    const young = await interruptedCheckout([[candle, 2]]);
    await backdate(young, ORPHAN_MIN_AGE_MS - 2 * MINUTE);
    expect(await releaseOrphanedReservations(logger)).to.equal(0);
    expect(await currentStock(candle)).to.equal(start.candle - 2);
    expect(await releases(young)).to.have.length(0);

    // Once it is old enough, it comes back.
    expect(await releaseOrphanedReservations(logger, new Date(Date.now() + 3 * MINUTE))).to.equal(1);
    expect(await currentStock(candle)).to.equal(start.candle);
  });

  it('looks no further back than the last week', async () => {
    const start = await stock();
    const ancient = await interruptedCheckout([[soap, 1]]);
    await backdate(ancient, ORPHAN_WINDOW_MS + 60 * MINUTE);
    expect(await releaseOrphanedReservations(logger)).to.equal(0);
    expect(await currentStock(soap)).to.equal(start.soap - 1);
    // Give it back by hand so the other tests start from whole numbers.
    await releaseStock(soap, 1, ancient);
    expect(await currentStock(soap)).to.equal(start.soap);
  });

  it('never touches the stock of an order that exists, whatever its state', async () => {
    const commerce = buildCommerce(t.config, logger);
    const place = async () =>
      placeOrder({
        items: [
          { productId: candle, quantity: 2 },
          { productId: soap, quantity: 1 },
        ],
        form: checkoutInput(),
        lang: 'lt',
        settings: await getSettings(),
        cardPaymentsEnabled: false,
      });
    const pending = await place();
    const paid = await place();
    await markPaid(String(paid._id), commerce.context('Staff'));
    const cancelled = await place();
    await cancelOrder(String(cancelled._id), commerce.context('Staff'), 'test');
    for (const o of [pending, paid, cancelled]) await backdate(String(o._id), 2 * 24 * 60 * MINUTE);
    const before = await stock();

    expect(await releaseOrphanedReservations(logger)).to.equal(0);
    expect(await releaseOrphanedReservations(logger, new Date(Date.now() + 60 * MINUTE))).to.equal(0);
    expect(await stock()).to.deep.equal(before);
    expect(await releases(String(pending._id))).to.have.length(0);
    expect(await releases(String(paid._id))).to.have.length(0);
    // The cancellation gave its units back itself, once per product.
    expect(await releases(String(cancelled._id))).to.have.length(2);
    const states = await Promise.all(
      [pending, paid, cancelled].map(async (o) => (await Order.findById(o._id).lean())!.state),
    );
    expect(states).to.deep.equal(['pending_payment', 'paid', 'cancelled']);
  });

  it('skips a checkout that gave its units back itself (sold out on a later line)', async () => {
    const start = await stock();
    const refused = await placeOrder({
      items: [
        { productId: candle, quantity: 1 },
        { productId: soap, quantity: 1000 },
      ],
      form: checkoutInput(),
      lang: 'lt',
      settings: await getSettings(),
      cardPaymentsEnabled: false,
    }).catch((err: unknown) => err);
    expect(refused).to.be.instanceOf(SoldOutError);
    expect(await stock()).to.deep.equal(start);
    // The candle line was reserved first (lines are reserved in product id order), then given back.
    const reserve = await StockMovement.findOne({ kind: 'reserve' }).sort({ _id: -1 }).lean();
    expect(String(reserve!.productId)).to.equal(candle);
    expect(await Order.exists({ _id: reserve!.orderId })).to.equal(null);
    await backdate(reserve!.orderId!, 30 * MINUTE);

    expect(await releaseOrphanedReservations(logger)).to.equal(0);
    expect(await stock()).to.deep.equal(start);
    expect(await releases(reserve!.orderId!)).to.have.length(1);
  });
});
