import { expect } from 'chai';
import request from 'supertest';
import { JournalEntry, type JournalEntryDoc } from '../../src/ledger/model.ts';
import { OutboxMessage } from '../../src/mail/model.ts';
import { Order, OrderEvent } from '../../src/orders/model.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import type { CheckoutInput } from '../../src/orders/schemas.ts';
import { getOrder } from '../../src/orders/transitions.ts';
import { getSettings } from '../../src/settings/service.ts';
import { newFormKey } from '../../src/web/form-once.ts';
import { localeOf, translate } from '../../src/web/i18n.ts';
import { formatCents } from '../../src/lib/money.ts';
import { signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { checkoutInput, expectFieldError, lt, publishedGood, unescapeHtml } from './helpers.ts';

/** Page text with money's non-breaking spaces as plain ones. */
const plain = (html: string) => unescapeHtml(html).replace(/[\u00a0\u202f]/g, ' ');
const eur = (cents: number) => formatCents(cents, localeOf('lt'));

/** Order handling as in a shop: the page's order, receipts that differ, tracking, slips, bulk actions. */
describe('order handling', () => {
  const t = useTestApp();
  let productId: string;
  let agent: Agent;
  let csrf: string;

  before(async () => {
    // 33,00 € with VAT: 27,27 + 5,73.
    productId = await publishedGood(t.storage, {
      titleLt: 'Puodelis',
      sku: 'MUG',
      price: 3300,
      vatRate: 2100,
      stockQuantity: 500,
    });
  });

  beforeEach(async () => {
    agent = await signInAs(t.app, 'marketing');
    csrf = await tokenFor(agent, '/admin/orders');
  });

  async function order(form: Partial<CheckoutInput> = {}) {
    const o = await placeOrder({
      items: [{ productId, quantity: 1 }],
      form: checkoutInput({ note: 'Prašau supakuoti dovanai', ...form }),
      lang: 'lt',
      settings: await getSettings(),
      cardPaymentsEnabled: false,
    });
    return String(o._id);
  }
  const courier = {
    delivery: 'courier',
    address: 'Gedimino pr. 1',
    city: 'Vilnius',
    postcode: 'LT-01103',
  } as const;
  const entries = (id: string) =>
    JournalEntry.find({ 'reference.type': 'order', 'reference.id': id }).lean<JournalEntryDoc[]>();
  const pay = (id: string, body: Record<string, string>) =>
    agent
      .post(`/admin/orders/${id}/paid`)
      .type('form')
      .send({ _csrf: csrf, formKey: newFormKey(), ...body });

  describe('the staff order page', () => {
    it('puts the state, the amounts and the next action before the timeline and the details', async () => {
      const id = await order();
      const html = unescapeHtml((await agent.get(`/admin/orders/${id}`).expect(200)).text);
      const at = (marker: string) => {
        const i = html.indexOf(marker);
        expect(i, marker).to.be.greaterThan(-1);
        return i;
      };
      expect(at('data-state=')).to.be.lessThan(at('data-amounts'));
      expect(at('data-amounts')).to.be.lessThan(at('data-action="paid"'));
      expect(at('data-action="paid"')).to.be.lessThan(at('id="timeline-heading"'));
      expect(at('id="timeline-heading"')).to.be.lessThan(at('id="customer-heading"'));
      expect(at('id="customer-heading"')).to.be.lessThan(at('id="lines-heading"'));
      expect(html).to.match(/data-amount-total><strong>33,00\s€/);
      expect(html).to.match(/data-amount-due>33,00\s€/);
      expect(html).to.contain(`href="/admin/orders/${id}/slip"`);
    });
  });

  describe('the amount actually received', () => {
    for (const received of ['abc', '-5', '0', '']) {
      it(`refuses "${received}" on the field and stores nothing`, async () => {
        const id = await order();
        const res = await pay(id, { received }).expect(422);
        expect(res.text).to.match(/id="received"[^>]*aria-invalid="true"/);
        expect((await getOrder(id)).state).to.equal('pending_payment');
        expect(await entries(id)).to.have.length(0);
      });
    }

    it('refuses a short payment without the tick, naming what came in and what is missing', async () => {
      const id = await order();
      const res = await pay(id, { received: '30,00' }).expect(422);
      expectFieldError(res.text, 'received', 'ordersAdmin.errors.shortPayment', {
        received: eur(3000),
        total: eur(3300),
        short: eur(300),
      });
      expect(plain(res.text)).to.contain('Gauta 30,00 € iš 33,00 € — trūksta 3,00 €');
      const tickNoReason = await pay(id, { received: '30,00', acceptDifference: 'on' }).expect(422);
      expectFieldError(tickNoReason.text, 'differenceReason', 'ordersAdmin.errors.differenceReason');
      expect((await getOrder(id)).state).to.equal('pending_payment');
      expect(await entries(id)).to.have.length(0);
    });

    it('records an accepted shortfall: paid, shown, the missing part booked as a cost', async () => {
      const id = await order();
      await pay(id, { received: '30,00', acceptDifference: 'on', differenceReason: 'Banko mokestis' }).expect(
        303,
      );
      const o = await getOrder(id);
      expect(o.state).to.equal('paid');
      expect(o.payment!.receivedCents).to.equal(3000);
      const [entry] = await entries(id);
      const line = (account: string) => entry!.lines.find((l) => l.account === account);
      expect(line('assets:bank')!.debitCents).to.equal(3000);
      expect(line('expenses:payment_shortfalls')!.debitCents).to.equal(300);
      expect(line('income:products')!.creditCents).to.equal(2727);
      expect(line('liabilities:vat')!.creditCents).to.equal(573);
      const sum = (k: 'debitCents' | 'creditCents') => entry!.lines.reduce((s, l) => s + l[k], 0);
      expect(sum('debitCents')).to.equal(sum('creditCents'));
      const html = plain((await agent.get(`/admin/orders/${id}`)).text);
      expect(html).to.contain('Gauta 30,00 € iš 33,00 € — trūksta 3,00 €.');
      expect(html).to.contain('Banko mokestis');
    });

    it('records an excess as an overpayment to refund', async () => {
      const id = await order();
      await pay(id, { received: '35,50' }).expect(303);
      expect((await getOrder(id)).payment!.receivedCents).to.equal(3550);
      const [entry] = await entries(id);
      expect(entry!.lines.find((l) => l.account === 'assets:bank')!.debitCents).to.equal(3550);
      expect(entry!.lines.find((l) => l.account === 'liabilities:overpayments')!.creditCents).to.equal(250);
      const html = plain((await agent.get(`/admin/orders/${id}`)).text);
      expect(html).to.contain('Gauta 35,50 € iš 33,00 € — permoka 2,50 €');
    });

    it('an exact amount is the plain payment, as before', async () => {
      const id = await order();
      await pay(id, { received: '33,00' }).expect(303);
      expect((await getOrder(id)).payment!.receivedCents).to.equal(null);
      const [entry] = await entries(id);
      expect(entry!.lines.map((l) => l.account)).to.not.include.members([
        'expenses:payment_shortfalls',
        'liabilities:overpayments',
      ]);
    });
  });

  describe('carrier and tracking number', () => {
    async function paidCourierOrder() {
      const id = await order(courier);
      await pay(id, {}).expect(303);
      return id;
    }
    const bad: [Record<string, string>, string, string][] = [
      [{ carrier: 'dpd', trackingNumber: 'ab' }, 'trackingNumber', 'ordersAdmin.errors.trackingNumber'],
      [{ carrier: 'dpd', trackingNumber: 'AB 12<3' }, 'trackingNumber', 'ordersAdmin.errors.trackingNumber'],
      [{ carrier: 'dpd', trackingNumber: 'A'.repeat(41) }, 'trackingNumber', 'errors.tooLong'],
      [{ carrier: 'dpd', trackingNumber: '' }, 'trackingNumber', 'ordersAdmin.errors.trackingRequired'],
      [{ carrier: '', trackingNumber: 'AB123' }, 'carrier', 'ordersAdmin.errors.carrierRequired'],
      [{ carrier: 'ups', trackingNumber: 'AB123' }, 'carrier', 'errors.invalidChoice'],
    ];
    for (const [body, field] of bad) {
      it(`refuses ${JSON.stringify(body).slice(0, 60)} on ${field}, and the order stays paid`, async () => {
        const id = await paidCourierOrder();
        const res = await agent
          .post(`/admin/orders/${id}/ready`)
          .type('form')
          .send({ _csrf: csrf, ...body })
          .expect(422);
        expect(res.text).to.match(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
        const o = await getOrder(id);
        expect(o.state).to.equal('paid');
        expect(o.shipment?.trackingNumber ?? '').to.equal('');
      });
    }

    it('stores them with the ready move, shows them to staff and customer, and puts them in the e-mail', async () => {
      const id = await paidCourierOrder();
      await agent
        .post(`/admin/orders/${id}/ready`)
        .type('form')
        .send({ _csrf: csrf, carrier: 'lp_express', trackingNumber: 'CC123456789LT' })
        .expect(303);
      const o = await getOrder(id);
      expect(o.state).to.equal('ready');
      expect(o.shipment).to.deep.include({ carrier: 'lp_express', trackingNumber: 'CC123456789LT' });
      const staff = unescapeHtml((await agent.get(`/admin/orders/${id}`)).text);
      expect(staff).to.contain('Siunta: LP Express, siuntos numeris CC123456789LT');
      const customer = unescapeHtml((await request(t.app).get(`/orders/${o.token}`).expect(200)).text);
      expect(customer).to.contain(lt('order.shipment', { carrier: 'LP Express', tracking: 'CC123456789LT' }));
      const mail = await OutboxMessage.findOne({ key: `order.ready:${id}` }).lean();
      expect(mail!.text).to.contain(
        lt('mail.ready.tracking', { carrier: 'LP Express', tracking: 'CC123456789LT' }),
      );
      expect(mail!.html).to.contain('CC123456789LT');
    });
  });

  describe('packing slips', () => {
    it('prints lines, quantities, address and note without prices; one slip per order of a selection', async () => {
      const a = await order(courier);
      const b = await order({ delivery: 'parcel_locker', locker: 'Omniva Akropolis' });
      const one = unescapeHtml((await agent.get(`/admin/orders/${a}/slip`).expect(200)).text);
      expect(one).to.contain('Puodelis').and.contain('MUG').and.contain('Gedimino pr. 1');
      expect(one).to.contain('LT-01103 Vilnius').and.contain('Prašau supakuoti dovanai');
      expect(one).to.contain('slips.css');
      expect(one).to.not.contain('€');
      const both = (await agent.get(`/admin/orders/slips?ids=${a}&ids=${b}`).expect(200)).text;
      expect(both.match(/<article class="slip"/g)).to.have.length(2);
      expect(both).to.contain('Omniva Akropolis');
      const pdf = await agent
        .get(`/admin/orders/slips.pdf?ids=${a}&ids=${b}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(pdf.headers['content-type']).to.equal('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');
      expect((pdf.body as Buffer).toString('latin1').match(/\/Type \/Page\b/g)).to.have.length(2);
    });

    it('refuses a malformed or unknown selection with a message', async () => {
      const res = await agent.get('/admin/orders/slips?ids=nope').expect(422);
      expect(unescapeHtml(res.text)).to.contain(lt('ordersAdmin.errors.selectionInvalid'));
      const empty = await agent.get('/admin/orders/slips').expect(200);
      expect(unescapeHtml(empty.text)).to.contain(lt('ordersAdmin.errors.selectionEmpty'));
      const unknown = await agent.get(`/admin/orders/slips?ids=${'a'.repeat(24)}`).expect(404);
      expect(unescapeHtml(unknown.text)).to.contain(lt('ordersAdmin.errors.unknownOrder'));
      await agent.get(`/admin/orders/${'b'.repeat(24)}/slip`).expect(404);
    });

    it('is for staff who handle orders only', async () => {
      const id = await order();
      const master = await signInAs(t.app, 'master');
      await master.get(`/admin/orders/${id}/slip`).expect(403);
      await request(t.app).get(`/admin/orders/${id}/slip.pdf`).expect(303);
    });
  });

  describe('bulk actions on the list', () => {
    const bulk = (body: Record<string, string | string[]>) =>
      agent
        .post('/admin/orders/bulk')
        .type('form')
        .send({ _csrf: csrf, ...body });

    it('lists each order with a checkbox and the bulk form', async () => {
      const id = await order();
      const html = (await agent.get('/admin/orders').expect(200)).text;
      expect(html).to.contain('action="/admin/orders/bulk"');
      expect(html).to.match(new RegExp(`name="ids" value="${id}" form="bulk"`));
    });

    it('marks ready what may be, and says which were refused and why', async () => {
      const paid = await order();
      await pay(paid, {}).expect(303);
      const pending = await order();
      const res = await bulk({ action: 'ready', ids: [paid, pending] }).expect(200);
      const html = unescapeHtml(res.text);
      expect(html).to.contain(lt('ordersAdmin.bulk.summary', { done: 1, refused: 1 }));
      expect(html).to.match(new RegExp(`data-id="${paid}" data-done="yes"`));
      expect(html).to.match(new RegExp(`data-id="${pending}" data-done="no"`));
      expect(html).to.contain(
        lt('orders.errors.transition', { from: lt('ordersAdmin.state.pending_payment') }),
      );
      expect((await getOrder(paid)).state).to.equal('ready');
      expect((await getOrder(pending)).state).to.equal('pending_payment');
      // Again: the once-only move refuses the second time.
      const again = unescapeHtml((await bulk({ action: 'ready', ids: [paid] }).expect(200)).text);
      expect(again).to.contain(lt('ordersAdmin.bulk.summary', { done: 0, refused: 1 }));
      expect(
        await OrderEvent.countDocuments({ orderId: (await getOrder(paid))._id, kind: 'ready' }),
      ).to.equal(1);
    });

    it('two bulk posts at once mark an order ready once, and send one e-mail', async () => {
      const id = await order();
      await pay(id, {}).expect(303);
      const [a, b] = await Promise.all([
        bulk({ action: 'ready', ids: [id] }).expect(200),
        bulk({ action: 'ready', ids: [id] }).expect(200),
      ]);
      // Each answer reports the order: done, or refused with a reason when the other post had
      // already moved it. (A post that finds the same move claimed but not yet written completes it
      // and reports it done too: either way the move is made once.)
      for (const r of [a, b]) expect(r.text).to.match(new RegExp(`data-id="${id}" data-done="(yes|no)"`));
      expect([a, b].some((r) => r.text.includes(`data-id="${id}" data-done="yes"`))).to.equal(true);
      const orderId = (await getOrder(id))._id;
      expect(await OrderEvent.countDocuments({ orderId, kind: 'ready' })).to.equal(1);
      expect(await OutboxMessage.countDocuments({ key: `order.ready:${id}` })).to.equal(1);
    });

    it('sends a selection to its packing slips', async () => {
      const a = await order();
      const b = await order();
      const res = await bulk({ action: 'slips', ids: [a, b] }).expect(303);
      expect(res.headers.location).to.equal(`/admin/orders/slips?ids=${a}&ids=${b}`);
    });

    const paidOrders = async () => {
      const id = await order();
      await pay(id, {}).expect(303);
      return id;
    };
    const cases: [string, (known: string) => Record<string, string | string[]>, string][] = [
      ['an empty selection', () => ({ action: 'ready' }), 'ordersAdmin.errors.selectionEmpty'],
      [
        'a malformed id',
        (k) => ({ action: 'ready', ids: [k, '../x'] }),
        'ordersAdmin.errors.selectionInvalid',
      ],
      [
        'an unknown id',
        (k) => ({ action: 'ready', ids: [k, 'c'.repeat(24)] }),
        'ordersAdmin.errors.unknownOrder',
      ],
      [
        'too many',
        (k) => ({
          action: 'ready',
          ids: [k, ...Array.from({ length: 50 }, (_, i) => i.toString(16).padStart(24, '0'))],
        }),
        'ordersAdmin.errors.selectionTooMany',
      ],
      ['an unknown action', (k) => ({ action: 'delete', ids: [k] }), 'ordersAdmin.errors.bulkAction'],
    ];
    for (const [name, body, key] of cases) {
      it(`refuses ${name} with a message and changes nothing`, async () => {
        const known = await paidOrders();
        const res = await bulk(body(known)).expect(422);
        expect(unescapeHtml(res.text)).to.contain(lt(key));
        expect((await getOrder(known)).state).to.equal('paid');
      });
    }

    it('speaks English to staff who chose it', async () => {
      (agent as unknown as { jar: { setCookie(c: string): void } }).jar.setCookie('lang=en');
      const res = await bulk({ action: 'ready' }).expect(422);
      expect(unescapeHtml(res.text)).to.contain(translate('en', 'ordersAdmin.errors.selectionEmpty'));
    });

    it('is refused to the production master', async () => {
      const id = await paidOrders();
      const master = await signInAs(t.app, 'master');
      const token = await tokenFor(master, '/admin');
      await master
        .post('/admin/orders/bulk')
        .type('form')
        .send({ _csrf: token, action: 'ready', ids: [id] })
        .expect(403);
      expect((await getOrder(id)).state).to.equal('paid');
    });
  });

  it('keeps orders stored without the new fields readable', async () => {
    const id = await order();
    await Order.collection.updateOne({ _id: (await getOrder(id))._id }, { $unset: { shipment: '' } });
    await agent.get(`/admin/orders/${id}`).expect(200);
  });
});
