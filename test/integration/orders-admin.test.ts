import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { createProduct, publishProduct } from '../../src/catalog/service.ts';
import { currentStock } from '../../src/catalog/stock.ts';
import { JournalEntry, type JournalEntryDoc } from '../../src/ledger/model.ts';
import { centsToInput, formatCents } from '../../src/lib/money.ts';
import { OrderEvent, type OrderDoc } from '../../src/orders/model.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { getOrder } from '../../src/orders/transitions.ts';
import type { CheckoutInput } from '../../src/orders/schemas.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { getSettings } from '../../src/settings/service.ts';
import { signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { expectFieldError, expectMessage, lt, productInput, unescapeHtml, checkoutInput } from './helpers.ts';
import { newFormKey } from '../../src/web/form-once.ts';

function checkout(overrides: Partial<CheckoutInput> = {}): CheckoutInput {
  return checkoutInput({
    name: 'Ona Žemaitė',
    email: 'ona@example.test',
    phone: '+370 600 00000',
    ...overrides,
  });
}

// Read as the app reads it: the order with its refunds.
const stored = (id: string) => getOrder(id);
const entriesOf = (id: string) =>
  JournalEntry.find({ 'reference.type': 'order', 'reference.id': id })
    .sort({ postedAt: 1 })
    .lean<JournalEntryDoc[]>();

function debits(e: JournalEntryDoc): number {
  return e.lines.reduce((s, l) => s + l.debitCents, 0);
}
function credits(e: JournalEntryDoc): number {
  return e.lines.reduce((s, l) => s + l.creditCents, 0);
}

/** Debits minus credits per account over entries. */
function netByAccount(entries: JournalEntryDoc[]): Map<string, number> {
  const net = new Map<string, number>();
  for (const e of entries) {
    for (const l of e.lines) net.set(l.account, (net.get(l.account) ?? 0) + l.debitCents - l.creditCents);
  }
  return net;
}

/** The `data-action` of every action form on an order page. */
function actionsOn(html: string): string[] {
  return [...html.matchAll(/data-action="([a-z]+)"/g)].map((m) => m[1]!).sort();
}

/** The kinds of the timeline rows, top to bottom. */
function timelineKinds(html: string): string[] {
  return [...html.matchAll(/<tr class="event-row" data-kind="([^"]+)">/g)].map((m) => m[1]!);
}

function inputValue(html: string, id: string): string {
  const tag = new RegExp(`<input\\b[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0];
  if (!tag) throw new Error(`no input #${id}`);
  return unescapeHtml(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '');
}

describe('staff order page and its actions', () => {
  const t = useTestApp();
  let agent: Agent;
  let token: string;
  let staffName: string;
  let candleId: string;
  let mugId: string;

  before(async () => {
    // A VAT payer: delivery carries VAT too, so refunds split over income, delivery and VAT.
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      {
        $set: {
          displayName: 'Dirbtuvės',
          legalName: 'VšĮ Dirbtuvės',
          vatPayer: true,
          defaultVatRateBps: 2100,
          courierFeeCents: 499,
        },
      },
      { upsert: true },
    );
    const candle = await createProduct(
      productInput({
        titleLt: 'Sojų vaško žvakė',
        titleEn: 'Soy wax candle',
        sku: 'ZV-1',
        price: 1210,
        vatRate: 2100,
        stockQuantity: 20,
      }),
      [],
      t.storage,
      { pricesIncludeVat: true },
    );
    const mug = await createProduct(
      productInput({ titleLt: 'Molinis puodelis', sku: 'PU-1', price: 799, vatRate: 900, stockQuantity: 20 }),
      [],
      t.storage,
      { pricesIncludeVat: true },
    );
    candleId = String(candle._id);
    mugId = String(mug._id);
    await publishProduct(candleId);
    await publishProduct(mugId);
    agent = await signInAs(t.app, 'marketing');
    token = await tokenFor(agent, '/admin/orders');
    staffName = /Test marketing \d+/.exec((await agent.get('/admin').expect(200)).text)![0];
  });

  async function order(
    form: Partial<CheckoutInput> = {},
    items = [{ productId: candleId, quantity: 2 }],
  ): Promise<OrderDoc> {
    return placeOrder({
      items,
      form: checkout(form),
      lang: 'lt',
      settings: await getSettings(),
      cardPaymentsEnabled: form.payment === 'card',
    });
  }

  function post(id: string, action: string, body: Record<string, string> = {}) {
    return agent
      .post(`/admin/orders/${id}/${action}`)
      .type('form')
      .send({ _csrf: token, formKey: newFormKey(), ...body });
  }

  async function expectDone(id: string, action: string, body: Record<string, string> = {}) {
    const res = await post(id, action, body);
    expect(res.status, unescapeHtml(res.text).slice(0, 500)).to.equal(303);
    expect(res.headers.location).to.equal(`/admin/orders/${id}`);
    return agent.get(`/admin/orders/${id}`).expect(200);
  }

  it('shows customer, delivery, payment, lines, totals, the private link, the timeline and the allowed actions', async () => {
    const o = await order(
      {
        delivery: 'courier',
        address: 'Vilniaus g. 1-2',
        city: 'Kretinga',
        postcode: 'LT-97111',
        note: 'Prašau supakuoti dovanai',
      },
      [
        { productId: candleId, quantity: 2 },
        { productId: mugId, quantity: 1 },
      ],
    );
    const id = String(o._id);
    const res = await agent.get(`/admin/orders/${id}`).expect(200);
    const html = unescapeHtml(res.text);
    expect(html).to.contain(lt('ordersAdmin.orderTitle', { number: o.number }));
    for (const text of [
      'Ona Žemaitė',
      'ona@example.test',
      '+370 600 00000',
      'Vilniaus g. 1-2, LT-97111 Kretinga',
      'Prašau supakuoti dovanai',
      'Sojų vaško žvakė',
      'Molinis puodelis',
      'ZV-1',
      lt('ordersAdmin.method.bank_transfer'),
      lt('ordersAdmin.delivery.courier'),
      lt('ordersAdmin.state.pending_payment'),
      o.number,
      `${t.config.publicUrl}/orders/${o.token}`,
    ]) {
      expect(html, text).to.contain(text);
    }
    // 2 × 12,10 + 7,99 + 4,99 delivery
    expect(o.totals!.grossCents).to.equal(2420 + 799 + 499);
    expect(html).to.contain(formatCents(o.totals!.grossCents, 'lt-LT'));
    expect(html).to.contain(formatCents(o.totals!.vatCents, 'lt-LT'));
    expect(html).to.contain(formatCents(o.lines[0]!.unitNetCents, 'lt-LT'));
    expect(html).to.contain('21 %');
    expect(html).to.contain('9 %');
    expect(timelineKinds(res.text)).to.deep.equal(['placed']);
    expect(html).to.contain(lt('ordersAdmin.event.placed'));
    expect(html).to.match(/Pateiktas \d{4}-\d{2}-\d{2}/);
    expect(actionsOn(res.text)).to.deep.equal(['cancel', 'paid']);

    // English page: English title where there is one, Lithuanian where there is none.
    await agent.get('/lang/en?next=/').expect(303);
    try {
      const en = unescapeHtml((await agent.get(`/admin/orders/${id}`).expect(200)).text);
      expect(en).to.contain('Soy wax candle');
      expect(en).to.contain('Molinis puodelis');
      expect(en).to.contain('Order ' + o.number);
      expect(en).to.contain('Awaiting payment');
    } finally {
      await agent.get('/lang/lt?next=/').expect(303);
    }
  });

  it('bank transfer: staff marks it paid once; one balanced order_paid entry; a second time is a 409', async () => {
    const o = await order();
    const id = String(o._id);
    const page = await expectDone(id, 'paid');
    expectMessage(page.text, 'ordersAdmin.flash.paid', { number: o.number });
    expect(actionsOn(page.text)).to.deep.equal(['ready', 'refund']);
    expect(timelineKinds(page.text)).to.deep.equal(['placed', 'paid']);
    expect(unescapeHtml(page.text)).to.contain(staffName);

    const paid = await stored(id);
    expect(paid!.state).to.equal('paid');
    expect(paid!.payment!.paidAt).to.be.instanceOf(Date);
    const entries = await entriesOf(id);
    expect(entries).to.have.length(1);
    expect(entries[0]!.kind).to.equal('order_paid');
    expect(debits(entries[0]!)).to.equal(credits(entries[0]!));
    expect(debits(entries[0]!)).to.equal(o.totals!.grossCents);
    expect(entries[0]!.lines.find((l) => l.debitCents > 0)!.account).to.equal('assets:bank');

    const again = await post(id, 'paid');
    expect(again.status).to.equal(409);
    expectMessage(again.text, 'orders.errors.transition', { from: lt('ordersAdmin.state.paid') });
    expect(again.text).to.contain('data-conflict');
    expect(await entriesOf(id)).to.have.length(1);
    expect((await stored(id))!.state).to.equal('paid');
  });

  it('pay at pickup: paid, then ready, then completed; each step only once', async () => {
    const o = await order({ payment: 'pay_at_pickup' });
    const id = String(o._id);
    expect((await post(id, 'ready')).status, 'ready before paid').to.equal(409);
    expect((await post(id, 'completed')).status, 'completed before paid').to.equal(409);

    await expectDone(id, 'paid');
    expect((await entriesOf(id))[0]!.lines.find((l) => l.debitCents > 0)!.account).to.equal('assets:cash');

    const ready = await expectDone(id, 'ready');
    expectMessage(ready.text, 'ordersAdmin.flash.ready', { number: o.number });
    expect((await stored(id))!.state).to.equal('ready');
    expect(actionsOn(ready.text)).to.deep.equal(['completed', 'refund']);

    const completed = await expectDone(id, 'completed');
    expectMessage(completed.text, 'ordersAdmin.flash.completed', { number: o.number });
    expect((await stored(id))!.state).to.equal('completed');
    expect(actionsOn(completed.text)).to.deep.equal(['refund']);
    expect(timelineKinds(completed.text)).to.deep.equal(['placed', 'paid', 'ready', 'completed']);

    const again = await post(id, 'completed');
    expect(again.status).to.equal(409);
    expectMessage(again.text, 'orders.errors.transition', { from: lt('ordersAdmin.state.completed') });
    expect((await post(id, 'cancel')).status, 'cancel after payment').to.equal(409);
    expect((await stored(id))!.state).to.equal('completed');
  });

  it('cancel gives the stock back and records the reason; a second cancel is a 409', async () => {
    const before = await currentStock(candleId);
    const o = await order({}, [{ productId: candleId, quantity: 3 }]);
    const id = String(o._id);
    expect(await currentStock(candleId)).to.equal(before - 3);

    const page = await expectDone(id, 'cancel', { reason: 'Pirkėjas persigalvojo' });
    expectMessage(page.text, 'ordersAdmin.flash.cancelled', { number: o.number });
    expect((await stored(id))!.state).to.equal('cancelled');
    expect(await currentStock(candleId)).to.equal(before);
    expect(timelineKinds(page.text)).to.deep.equal(['placed', 'cancelled']);
    expect(unescapeHtml(page.text)).to.contain('Pirkėjas persigalvojo');
    expect(actionsOn(page.text)).to.deep.equal([]);
    expectMessage(page.text, 'ordersAdmin.noActions');

    const again = await post(id, 'cancel', { reason: '' });
    expect(again.status).to.equal(409);
    expectMessage(again.text, 'orders.errors.transition', { from: lt('ordersAdmin.state.cancelled') });
    expect(await currentStock(candleId)).to.equal(before);
    expect(await entriesOf(id)).to.have.length(0);
    expect((await post(id, 'paid')).status, 'paying a cancelled order').to.equal(409);
    expect(await entriesOf(id)).to.have.length(0);
  });

  it('a cancel reason that is too long is a 422 and cancels nothing', async () => {
    const o = await order();
    const id = String(o._id);
    const res = await post(id, 'cancel', { reason: 'x'.repeat(301) });
    expect(res.status).to.equal(422);
    expectFieldError(res.text, 'cancel-reason', 'errors.tooLong', { max: 300 });
    expect((await stored(id))!.state).to.equal('pending_payment');
  });

  it('refunds part, then the rest: refunded in full, one balanced entry per refund, every account back to zero', async () => {
    const o = await order(
      { delivery: 'courier', address: 'Vilniaus g. 1', city: 'Kretinga', postcode: '97111' },
      [
        { productId: candleId, quantity: 2 },
        { productId: mugId, quantity: 1 },
      ],
    );
    const id = String(o._id);
    const gross = o.totals!.grossCents;
    const paidPage = await expectDone(id, 'paid');
    expect(inputValue(paidPage.text, 'amount'), 'prefilled with all that is refundable').to.equal(
      centsToInput(gross, ','),
    );

    const first = await expectDone(id, 'refund', { amount: '5,00', reason: 'Sudužo puodelis' });
    expectMessage(first.text, 'ordersAdmin.flash.refunded', {
      number: o.number,
      amount: formatCents(500, 'lt-LT'),
    });
    let doc = await stored(id);
    expect(doc!.state).to.equal('paid');
    expect(doc!.refundedCents).to.equal(500);
    expect(doc!.refunds).to.have.length(1);
    expect(doc!.refunds[0]!.reason).to.equal('Sudužo puodelis');
    expect(inputValue(first.text, 'amount')).to.equal(centsToInput(gross - 500, ','));
    expect(first.text).to.contain('class="refund-row"');
    expect(unescapeHtml(first.text)).to.contain('Sudužo puodelis');
    expect(timelineKinds(first.text)).to.deep.equal(['placed', 'paid', 'refund']);

    const rest = await expectDone(id, 'refund', { amount: centsToInput(gross - 500, ','), reason: '' });
    doc = await stored(id);
    expect(doc!.state).to.equal('refunded');
    expect(doc!.refundedCents).to.equal(gross);
    expect(doc!.refunds.map((r) => r.amountCents)).to.deep.equal([500, gross - 500]);
    expect(actionsOn(rest.text)).to.deep.equal([]);
    expect(timelineKinds(rest.text)).to.deep.equal(['placed', 'paid', 'refund', 'refund', 'refunded']);

    const entries = await entriesOf(id);
    expect(entries.map((e) => e.kind).sort()).to.deep.equal(['order_paid', 'order_refund', 'order_refund']);
    const refunds = entries.filter((e) => e.kind === 'order_refund');
    expect(refunds.map((e) => e.totalCents).sort((a, b) => a - b)).to.deep.equal(
      [500, gross - 500].sort((a, b) => a - b),
    );
    for (const e of entries) expect(debits(e), e.idempotencyKey).to.equal(credits(e));
    for (const e of refunds) {
      const asset = e.lines.filter((l) => l.account === 'assets:bank');
      expect(asset).to.have.length(1);
      expect(asset[0]!.creditCents).to.equal(e.totalCents);
    }
    const net = netByAccount(entries);
    expect([...net.keys()].sort()).to.deep.equal([
      'assets:bank',
      'income:delivery',
      'income:products',
      'liabilities:vat',
    ]);
    for (const [account, balance] of net) expect(balance, account).to.equal(0);

    const more = await post(id, 'refund', { amount: '1,00', reason: '' });
    expect(more.status).to.equal(409);
    expectMessage(more.text, 'orders.errors.transition', { from: lt('ordersAdmin.state.refunded') });
    expect(await entriesOf(id)).to.have.length(3);
  });

  it('refunding more than is left is a 409 and changes nothing', async () => {
    const o = await order();
    const id = String(o._id);
    await expectDone(id, 'paid');
    const res = await post(id, 'refund', { amount: centsToInput(o.totals!.grossCents + 1, ','), reason: '' });
    expect(res.status).to.equal(409);
    expectMessage(res.text, 'orders.errors.refundTooLarge', {
      max: formatCents(o.totals!.grossCents, 'lt-LT'),
    });
    const doc = await stored(id);
    expect(doc!.refundedCents).to.equal(0);
    expect(doc!.refunds).to.have.length(0);
    expect(doc!.state).to.equal('paid');
    expect((await entriesOf(id)).map((e) => e.kind)).to.deep.equal(['order_paid']);
    expect(await OrderEvent.countDocuments({ orderId: o._id, kind: 'refund' })).to.equal(0);
  });

  it('refund amounts that are not amounts are a 422 on the field, and nothing is stored', async () => {
    const o = await order();
    const id = String(o._id);
    await expectDone(id, 'paid');
    const cases: [string, string][] = [
      ['abc', 'errors.amount'],
      ['0', 'errors.amountRange'],
      ['-5', 'errors.amountRange'],
      ['', 'errors.required'],
    ];
    for (const [amount, key] of cases) {
      const res = await post(id, 'refund', { amount, reason: 'bandymas' });
      expect(res.status, amount).to.equal(422);
      expectFieldError(res.text, 'amount', key);
      expect(inputValue(res.text, 'amount'), 'the typed value is kept').to.equal(amount);
    }
    const long = await post(id, 'refund', { amount: '1', reason: 'y'.repeat(301) });
    expect(long.status).to.equal(422);
    expectFieldError(long.text, 'refund-reason', 'errors.tooLong', { max: 300 });

    const doc = await stored(id);
    expect(doc!.refundedCents).to.equal(0);
    expect(doc!.refunds).to.have.length(0);
    expect((await entriesOf(id)).map((e) => e.kind)).to.deep.equal(['order_paid']);
    expect(await OrderEvent.countDocuments({ orderId: o._id, kind: 'refund' })).to.equal(0);
  });

  it('a card order cannot be marked paid by staff', async () => {
    const o = await order({ payment: 'card', delivery: 'parcel_locker', locker: 'Kretingos Maxima' });
    const id = String(o._id);
    const page = await agent.get(`/admin/orders/${id}`).expect(200);
    expect(actionsOn(page.text)).to.deep.equal(['cancel']);
    expect(unescapeHtml(page.text)).to.contain('Kretingos Maxima');

    const res = await post(id, 'paid');
    expect(res.status).to.equal(409);
    expectMessage(res.text, 'orders.errors.cardPaidByStripe');
    expect((await stored(id))!.state).to.equal('pending_payment');
    expect(await entriesOf(id)).to.have.length(0);
  });

  it('answers 404 for malformed and unknown order ids', async () => {
    const unknown = new mongoose.Types.ObjectId().toHexString();
    await agent.get('/admin/orders/not-an-id').expect(404);
    await agent.get(`/admin/orders/${unknown}`).expect(404);
    await agent.get(`/admin/orders/${unknown.toUpperCase()}`).expect(404);
    for (const action of ['paid', 'ready', 'completed', 'cancel']) {
      expect((await post(unknown, action)).status, action).to.equal(404);
      expect((await post('123', action)).status, action).to.equal(404);
    }
    expect((await post(unknown, 'refund', { amount: '1,00' })).status).to.equal(404);
    expect((await post(unknown, 'refund', { amount: 'abc' })).status).to.equal(404);
  });

  describe('who may see orders', () => {
    it('lets admins in', async () => {
      const admin = await signInAs(t.app, 'admin');
      await admin.get('/admin/orders').expect(200);
      await admin.get('/admin/orders.csv').expect(200);
    });

    it('refuses production masters (403), including the actions', async () => {
      const o = await order();
      const id = String(o._id);
      const master = await signInAs(t.app, 'master');
      await master.get('/admin/orders').expect(403);
      await master.get('/admin/orders.csv').expect(403);
      await master.get(`/admin/orders/${id}`).expect(403);
      const masterToken = await tokenFor(master, '/admin');
      for (const action of ['paid', 'cancel']) {
        await master
          .post(`/admin/orders/${id}/${action}`)
          .type('form')
          .send({ _csrf: masterToken })
          .expect(403);
      }
      expect((await stored(id))!.state).to.equal('pending_payment');
    });

    it('sends anonymous visitors to the login page', async () => {
      const o = await order();
      for (const url of ['/admin/orders', '/admin/orders.csv', `/admin/orders/${String(o._id)}`]) {
        const res = await request(t.app).get(url).expect(303);
        expect(res.headers.location).to.equal(`/login?next=${encodeURIComponent(url)}`);
      }
    });
  });
});
