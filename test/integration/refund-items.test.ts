import { expect } from 'chai';
import { pino } from 'pino';
import { buildCommerce } from '../../src/app.ts';
import { JournalEntry } from '../../src/ledger/model.ts';
import { getOrder, refundOrder } from '../../src/orders/transitions.ts';
import { signInAs, tokenFor, useTestApp } from '../support/app.ts';
import { newFormKey } from '../../src/web/form-once.ts';
import { paidBagAndCandle } from './helpers.ts';

/** A refund for returned items reverses their income, which is what stipends are computed from. */
describe('refunds for the items that came back', () => {
  const t = useTestApp();
  let orderId: string;
  let candleId: string;

  before(async () => {
    ({ orderId, candleId } = await paidBagAndCandle(t));
  });

  it('takes a refund for the candle from the candle only', async () => {
    const order = await getOrder(orderId);
    const candleLine = order.lines.find((l) => String(l.productId) === candleId)!.lineId;
    await refundOrder(
      orderId,
      1210,
      'returned',
      buildCommerce(t.config, pino({ level: 'silent' })).context('Staff'),
      [candleLine],
    );
    const entry = await JournalEntry.findOne({ 'reference.id': orderId, kind: 'order_refund' }).lean();
    const income = entry!.lines.filter((l) => l.account === 'income:products');
    expect(income).to.have.length(1);
    expect(income[0]!.attribution!.productId).to.equal(candleId);
    expect(income[0]!.debitCents).to.equal(1000);
    expect(entry!.lines.find((l) => l.account === 'liabilities:vat')!.debitCents).to.equal(210);
  });

  it('refuses more than the ticked items cost, unknown lines and malformed values', async () => {
    const ctx = buildCommerce(t.config, pino({ level: 'silent' })).context('Staff');
    // The candle was refunded in full already: nothing of it is left to refund.
    const candleLine = (await getOrder(orderId)).lines.find((l) => String(l.productId) === candleId)!.lineId;
    try {
      await refundOrder(orderId, 100, '', ctx, [candleLine]);
      expect.fail('refunded more than is left of the candle');
    } catch (err) {
      expect((err as { messageKey?: string }).messageKey).to.equal('orders.errors.refundTooLargeForItems');
    }
    const agent = await signInAs(t.app, 'marketing');
    const token = await tokenFor(agent, `/admin/orders/${orderId}`);
    await agent
      .post(`/admin/orders/${orderId}/refund`)
      .type('form')
      .send({ _csrf: token, formKey: newFormKey(), amount: '1,00', components: 'L99' })
      .expect(409);
    const bad = await agent
      .post(`/admin/orders/${orderId}/refund`)
      .type('form')
      .send({ _csrf: token, formKey: newFormKey(), amount: '1,00', components: 'x;drop' });
    expect(bad.status).to.equal(422);
    expect((await getOrder(orderId)).refunds).to.have.length(1);
  });
});
