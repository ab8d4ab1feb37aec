import { expect } from 'chai';
import { JournalEntry } from '../../src/ledger/model.ts';
import { vilniusDate, vilniusPeriod } from '../../src/lib/dates.ts';
import { Order } from '../../src/orders/model.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { getSettings } from '../../src/settings/service.ts';
import { signInAs, tokenFor, useTestApp } from '../support/app.ts';
import { checkoutInput, publishedGood } from './helpers.ts';
import { newFormKey } from '../../src/web/form-once.ts';

const DAY = 86_400_000;

/** A transfer recorded days later is booked on the day the money came in (cash basis). */
describe('marking a transfer paid on the day it arrived', () => {
  const t = useTestApp();

  it('refuses impossible days and books a past day in its own month', async () => {
    const productId = await publishedGood(t.storage, {
      titleLt: 'Kilimėlis',
      sku: 'MAT',
      price: 1500,
      vatRate: 2100,
    });
    const order = await placeOrder({
      items: [{ productId, quantity: 1 }],
      form: checkoutInput(),
      lang: 'lt',
      settings: await getSettings(),
      cardPaymentsEnabled: false,
    });
    const placedAt = new Date(Date.now() - 70 * DAY);
    // Mongoose keeps createdAt immutable; the fixture back-dates the stored order directly.
    await Order.collection.updateOne({ _id: order._id }, { $set: { createdAt: placedAt } });
    const agent = await signInAs(t.app, 'marketing');
    const page = `/admin/orders/${String(order._id)}`;
    const token = await tokenFor(agent, page);
    const tomorrow = vilniusDate(new Date(Date.now() + DAY));
    const beforeOrder = vilniusDate(new Date(placedAt.getTime() - 2 * DAY));
    for (const paidOn of [tomorrow, beforeOrder, '2026-02-30', 'vakar']) {
      const res = await agent
        .post(`${page}/paid`)
        .type('form')
        .send({ _csrf: token, formKey: newFormKey(), paidOn });
      expect(res.status, paidOn).to.equal(422);
      expect(res.text, paidOn).to.match(/id="paidOn"[^>]*aria-invalid="true"/);
    }
    expect((await Order.findById(order._id).lean())!.state).to.equal('pending_payment');

    const arrived = new Date(Date.now() - 60 * DAY);
    await agent
      .post(`${page}/paid`)
      .type('form')
      .send({ _csrf: token, formKey: newFormKey(), paidOn: vilniusDate(arrived) })
      .expect(303);
    const entry = await JournalEntry.findOne({
      'reference.id': String(order._id),
      kind: 'order_paid',
    }).lean();
    expect(entry!.period).to.equal(vilniusPeriod(arrived));
    expect(vilniusDate(entry!.postedAt)).to.equal(vilniusDate(arrived));
  });
});
