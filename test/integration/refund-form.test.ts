import { expect } from 'chai';
import { JournalEntry } from '../../src/ledger/model.ts';
import { getOrder } from '../../src/orders/transitions.ts';
import { signInAs, useTestApp } from '../support/app.ts';
import { formFor, submission } from './page-forms.ts';
import { paidBagAndCandle } from './helpers.ts';

/** The staff order page's refund form, submitted as the browser sends it. */
describe('refund form on the staff order page', () => {
  const t = useTestApp();
  let orderId: string;
  let candleId: string;

  before(async () => {
    ({ orderId, candleId } = await paidBagAndCandle(t));
  });

  it('refunds the good whose box is ticked and reverses that good’s income', async () => {
    const agent = await signInAs(t.app, 'marketing');
    const page = await agent.get(`/admin/orders/${orderId}`).expect(200);
    const form = formFor(page.text, `/admin/orders/${orderId}/refund`);
    expect(form.method).to.equal('post');
    const boxes = form.controls.filter((c) => c.type === 'checkbox' && c.name === 'components');
    expect(boxes.map((b) => b.label)).to.have.length(2);
    for (const box of boxes) expect(box.value, `value of “${box.label}”`).to.not.equal('');
    // The user types the candle's price and ticks the candle.
    for (const c of form.controls) if (c.name === 'amount') c.value = '12,10';
    const body = submission(form, (c) => c.name === 'components' && c.label.startsWith('CANDLE'));

    const res = await agent.post(form.action).type('form').send(body);
    expect(res.status, res.text.slice(0, 300)).to.equal(303);

    const order = await getOrder(orderId);
    expect(order.refunds).to.have.length(1);
    expect(order.refunds[0]!.amountCents).to.equal(1210);
    const entry = await JournalEntry.findOne({ 'reference.id': orderId, kind: 'order_refund' }).lean();
    const income = entry!.lines.filter((l) => l.account === 'income:products');
    expect(income).to.have.length(1);
    expect(income[0]!.attribution!.productId).to.equal(candleId);
    expect(income[0]!.debitCents).to.equal(1000);
  });
});
