import { expect } from 'chai';
import { pino } from 'pino';
import { buildCommerce } from '../../src/app.ts';
import { currentStock } from '../../src/catalog/stock.ts';
import { runOnce, takeLease } from '../../src/jobs/runner.ts';
import { cancelAbandonedCardOrders, cancelOverdueTransfers } from '../../src/orders/jobs.ts';
import { CheckoutSession } from '../../src/payments/model.ts';
import { Order } from '../../src/orders/model.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { markPaid } from '../../src/orders/transitions.ts';
import { getSettings } from '../../src/settings/service.ts';
import { useTestApp } from '../support/app.ts';
import { checkoutInput, publishedGood } from './helpers.ts';

const logger = pino({ level: 'silent' });

describe('scheduled jobs', () => {
  const t = useTestApp();
  let productId: string;

  before(async () => {
    productId = await publishedGood(t.storage, {
      titleLt: 'Muilas',
      slug: 'muilas',
      sku: 'SOAP',
      price: 550,
      vatRate: 2100,
      stockQuantity: 10,
    });
  });

  async function transferOrder(quantity: number) {
    return placeOrder({
      items: [{ productId, quantity }],
      form: checkoutInput(),
      lang: 'lt',
      settings: await getSettings(),
      cardPaymentsEnabled: false,
    });
  }

  it('gives each job slot to exactly one of several instances', async () => {
    const job = { name: 'test-job', everyMs: 60_000 };
    const now = Date.now();
    const taken = await Promise.all(Array.from({ length: 10 }, () => takeLease(job, now)));
    expect(taken.filter(Boolean)).to.have.length(1);
    expect(await takeLease(job, now + 60_000)).to.equal(true);
  });

  it('cancels bank transfers past their due date, releases their stock, leaves the rest alone', async () => {
    const commerce = buildCommerce(t.config, logger);
    const overdue = await transferOrder(3);
    const notYetDue = await transferOrder(1);
    const paid = await transferOrder(1);
    await markPaid(String(paid._id), commerce.context('Staff'));
    await Order.updateMany(
      { _id: { $in: [overdue._id, paid._id] } },
      { $set: { 'payment.dueAt': new Date(Date.now() - 1000) } },
    );
    expect(await currentStock(productId)).to.equal(5);

    let runs = 0;
    const job = {
      name: 'cancel-overdue',
      everyMs: 3_600_000,
      run: async () => {
        runs += 1;
        await cancelOverdueTransfers(commerce.context('system'), logger);
      },
    };
    // Two instances wake up at once: one runs.
    await Promise.all([runOnce(job, logger), runOnce(job, logger)]);
    expect(runs).to.equal(1);
    expect((await Order.findById(overdue._id).lean())!.state).to.equal('cancelled');
    expect((await Order.findById(notYetDue._id).lean())!.state).to.equal('pending_payment');
    expect((await Order.findById(paid._id).lean())!.state).to.equal('paid');
    expect(await currentStock(productId)).to.equal(8);
    // Running the job itself again changes nothing.
    expect(await cancelOverdueTransfers(commerce.context('system'), logger)).to.equal(0);
    expect(await currentStock(productId)).to.equal(8);
  });

  it('cancels card orders whose payment can no longer happen, and only those', async () => {
    const commerce = buildCommerce(t.config, logger);
    const card = async () =>
      placeOrder({
        items: [{ productId, quantity: 1 }],
        form: checkoutInput({ payment: 'card' }),
        lang: 'lt',
        settings: await getSettings(),
        cardPaymentsEnabled: true,
      });
    const lapsed = await card();
    const open = await card();
    const neverOpened = await card();
    const hour = 3600_000;
    const now = Date.now();
    await CheckoutSession.create({
      _id: 'cs_lapsed',
      orderId: lapsed._id,
      url: 'https://x',
      expiresAt: new Date(now - 2 * hour),
      createdAt: new Date(now - 4 * hour),
    });
    await CheckoutSession.create({
      _id: 'cs_open',
      orderId: open._id,
      url: 'https://x',
      expiresAt: new Date(now + 5 * hour),
      createdAt: new Date(now),
    });
    const stock = await currentStock(productId);
    // Four hours on, the order without any session is past its three hours too.
    expect(await cancelAbandonedCardOrders(commerce.context('system'), logger, new Date(now))).to.equal(1);
    expect((await Order.findById(lapsed._id).lean())!.state).to.equal('cancelled');
    expect((await Order.findById(open._id).lean())!.state).to.equal('pending_payment');
    expect((await Order.findById(neverOpened._id).lean())!.state).to.equal('pending_payment');
    expect(
      await cancelAbandonedCardOrders(commerce.context('system'), logger, new Date(now + 4 * hour)),
    ).to.equal(1);
    expect((await Order.findById(neverOpened._id).lean())!.state).to.equal('cancelled');
    expect(await currentStock(productId)).to.equal(stock + 2);
  });
});
