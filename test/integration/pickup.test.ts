import { expect } from 'chai';
import request from 'supertest';
import { JournalEntry } from '../../src/ledger/model.ts';
import { OutboxMessage } from '../../src/mail/model.ts';
import { composeEvent } from '../../src/notifications/compose.ts';
import { orderStaffEvent } from '../../src/notifications/orders.ts';
import { Order, OrderEvent } from '../../src/orders/model.ts';
import { expectedReadyOn } from '../../src/orders/pickup.ts';
import { queueFilter } from '../../src/orders/queues.ts';
import { getOrder } from '../../src/orders/transitions.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { parseSpan, pickupInfo } from '../../src/settings/pickup.ts';
import { csrfFrom, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { formKeyFrom, lt, publishedGood, unescapeHtml, waitFor } from './helpers.ts';

const GOOD_HOURS = {
  hours1: '9-16',
  hours2: '9:00–16:00',
  hours3: '09.00 - 16.00',
  hours4: '9:00-16:00',
  hours5: '9:00–14:00',
  hours6: '',
  hours7: '',
  instructionsLt: 'Įėjimas iš kiemo, pro žalias duris.',
  instructionsEn: 'The entrance is from the yard, through the green door.',
};

describe('pickup done right: hours and instructions, pay-at-pickup prepared before payment', () => {
  const t = useTestApp();
  let admin: Agent;
  let slippers: string;

  before(async () => {
    admin = await signInAs(t.app, 'admin');
    slippers = await publishedGood(t.storage, {
      titleLt: 'Veltos šlepetės',
      titleEn: 'Felted slippers',
      slug: 'slepetes',
      sku: 'SLP',
      price: 3500,
      stockMode: 'made_to_order',
      leadTimeDays: 21,
    });
  });

  describe('the settings form', () => {
    async function post(body: Record<string, string>) {
      const token = await tokenFor(admin, '/admin/settings/pickup');
      return admin
        .post('/admin/settings/pickup')
        .type('form')
        .send({ ...GOOD_HOURS, ...body, _csrf: token });
    }

    it('refuses bad hours and instructions with a message per field, and stores nothing', async () => {
      const before = await SettingsModel.findById('organisation').lean();
      for (const [body, field, key] of [
        [{ hours1: '25:00-26:00' }, 'hours1', 'pickup.errors.hours'],
        [{ hours2: '16-9' }, 'hours2', 'pickup.errors.hours'],
        [{ hours3: '9:00' }, 'hours3', 'pickup.errors.hours'],
        [{ hours4: 'visada' }, 'hours4', 'pickup.errors.hours'],
        [{ hours5: '9:75-10' }, 'hours5', 'pickup.errors.hours'],
        [
          { instructionsLt: '', instructionsEn: 'Only English' },
          'instructionsLt',
          'pickup.errors.instructionsLtFirst',
        ],
        [{ instructionsLt: 'x'.repeat(601) }, 'instructionsLt', null],
      ] as const) {
        const res = await post(body);
        expect(res.status, JSON.stringify(body)).to.equal(422);
        const html = unescapeHtml(res.text);
        expect(html, JSON.stringify(body)).to.match(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
        if (key) expect(html, JSON.stringify(body)).to.contain(lt(key));
        expect(html).to.contain('href="#' + field + '"'); // the error summary links to the field
      }
      expect(await SettingsModel.findById('organisation').lean()).to.deep.equal(before);
    });

    it('is for administrators only', async () => {
      const marketing = await signInAs(t.app, 'marketing');
      await marketing.get('/admin/settings/pickup').expect(403);
      const token = await tokenFor(marketing, '/admin');
      await marketing
        .post('/admin/settings/pickup')
        .type('form')
        .send({ ...GOOD_HOURS, _csrf: token })
        .expect(403);
      expect((await SettingsModel.findById('organisation').lean())?.pickupHours ?? []).to.have.length(0);
    });

    it('saves hours in one form and shows them grouped, in both languages', async () => {
      const res = await post({});
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/admin/settings/pickup');
      const stored = (await SettingsModel.findById('organisation').lean())!;
      expect(stored.pickupHours.map((h) => [h.day, h.open, h.close])).to.deep.equal([
        [1, '09:00', '16:00'],
        [2, '09:00', '16:00'],
        [3, '09:00', '16:00'],
        [4, '09:00', '16:00'],
        [5, '09:00', '14:00'],
      ]);
      const page = await admin.get('/admin/settings/pickup').expect(200);
      expect(page.text).to.contain('value="09:00–16:00"');
      expect(pickupInfo(stored, 'en')!.hours).to.deep.equal([
        { from: 1, to: 4, open: '9:00', close: '16:00' },
        { from: 5, to: null, open: '9:00', close: '14:00' },
      ]);
      expect(parseSpan('8–24')).to.deep.equal(['08:00', '24:00']);
      expect(parseSpan('24-24')).to.equal(null);
    });
  });

  describe('the shop pages', () => {
    it('shows pickup on the product page and the checkout, in Lithuanian and English', async () => {
      await waitFor('the pickup hours on the product page', async () =>
        (await request(t.app).get('/products/slepetes')).text.includes('pirmadienis–ketvirtadienis'),
      );
      const lt = unescapeHtml((await request(t.app).get('/products/slepetes').expect(200)).text);
      expect(lt).to.contain(
        'Galima atsiimti dirbtuvėse nemokamai: pirmadienis–ketvirtadienis 9:00–16:00; penktadienis 9:00–14:00.',
      );
      const en = unescapeHtml(
        (await request(t.app).get('/products/slepetes').set('Cookie', 'lang=en').expect(200)).text,
      );
      expect(en).to.contain('Free pickup at the workshop: Monday–Thursday 9:00–16:00; Friday 9:00–14:00.');
      const agent = request.agent(t.app);
      const token = csrfFrom((await agent.get('/products/slepetes').expect(200)).text);
      await agent
        .post('/cart/add')
        .type('form')
        .send({ _csrf: token, productId: slippers, quantity: 1 })
        .expect(303);
      const checkout = unescapeHtml((await agent.get('/checkout').expect(200)).text);
      expect(checkout).to.contain('data-checkout-pickup');
      expect(checkout).to.contain('Įėjimas iš kiemo, pro žalias duris.');
      expect(checkout).to.contain('penktadienis 9:00–14:00');
    });
  });

  describe('a made-to-order pay-at-pickup order', () => {
    let orderId: string;
    let orderUrl: string;
    let buyer: Agent;

    before(async () => {
      buyer = request.agent(t.app);
      let token = csrfFrom((await buyer.get('/products/slepetes').expect(200)).text);
      await buyer
        .post('/cart/add')
        .type('form')
        .send({ _csrf: token, productId: slippers, quantity: 1 })
        .expect(303);
      token = csrfFrom((await buyer.get('/checkout').expect(200)).text);
      const res = await buyer
        .post('/checkout')
        .type('form')
        .send({
          _csrf: token,
          name: 'Rūta Petrauskienė',
          email: 'ruta@example.lt',
          phone: '+370 655 12121',
          delivery: 'pickup',
          payment: 'pay_at_pickup',
          note: 'Pėdos ilgis 25 cm.',
          terms: 'on',
        })
        .expect(303);
      orderUrl = res.headers.location!;
      const order = await Order.findOne({ token: orderUrl.split('/').pop() }).lean();
      orderId = String(order!._id);
    });

    it('keeps the expected ready date from the lead time', async () => {
      const order = await getOrder(orderId);
      expect(order.expectedReadyOn).to.equal(
        expectedReadyOn([{ stockMode: 'made_to_order', leadTimeDays: 21 }], order.createdAt),
      );
      expect(expectedReadyOn([{ stockMode: 'stock', leadTimeDays: 0 }], new Date())).to.equal('');
      expect(
        expectedReadyOn([{ stockMode: 'made_to_order', leadTimeDays: 3 }], new Date('2026-03-30T21:30:00Z')),
      ).to.equal(
        '2026-04-03', // 23:30 in Vilnius on 30 March is already 31 March there
      );
    });

    it('says the same on its page and in its e-mail: prepared first, paid at collection', async () => {
      const sentence = lt('pickupOrder.prepareThenPay');
      const page = unescapeHtml((await buyer.get(orderUrl).expect(200)).text);
      expect(page).to.contain(sentence);
      expect(page).not.to.contain(lt('orderState.pending_payment.explain'));
      expect(page).to.contain('Pėdos ilgis 25 cm.');
      expect(page).to.match(/data-expected-ready>Numatoma pagaminti iki /);
      expect(page).to.contain('Įėjimas iš kiemo, pro žalias duris.');
      const mail = await OutboxMessage.findOne({ to: 'ruta@example.lt', kind: /received/ }).lean();
      expect(mail!.text).to.contain(sentence);
      expect(mail!.html).to.contain(sentence);
      expect(mail!.text).to.contain('Jūsų pastaba: Pėdos ilgis 25 cm.');
      expect(mail!.text).to.contain('numatome pagaminti iki');
      expect(mail!.text).to.contain(
        'Darbo laikas: pirmadienis–ketvirtadienis 9:00–16:00; penktadienis 9:00–14:00.',
      );
      // The staff's e-mail of the new order carries the note and the ready date too.
      const staff = composeEvent(orderStaffEvent('orderPlaced', await getOrder(orderId)), 'lt', 'http://x');
      expect(staff.lines).to.include('Pastaba: Pėdos ilgis 25 cm.');
      expect(staff.lines.some((l) => l.startsWith('Paruošti iki: '))).to.equal(true);
    });

    it('shows the note and ready date to staff, and lets them mark it ready for pickup before payment, once', async () => {
      const marketing = await signInAs(t.app, 'marketing');
      const staffPage = unescapeHtml((await marketing.get(`/admin/orders/${orderId}`).expect(200)).text);
      expect(staffPage).to.contain('Pėdos ilgis 25 cm.');
      expect(staffPage).to.contain('Gaminama pagal užsakymą: paruošti iki');
      expect(staffPage).to.contain('action="/admin/orders/' + orderId + '/prepared"');
      expect(await Order.countDocuments(await queueFilter('prepare'))).to.equal(1);

      const token = csrfFrom(staffPage);
      const res = await marketing
        .post(`/admin/orders/${orderId}/prepared`)
        .type('form')
        .send({ _csrf: token })
        .expect(303);
      expect(res.headers.location).to.equal(`/admin/orders/${orderId}`);
      const order = await getOrder(orderId);
      expect(order.state).to.equal('pending_payment'); // not paid: nothing in the ledger yet
      expect(await JournalEntry.countDocuments({ idempotencyKey: new RegExp(orderId) })).to.equal(0);
      expect(await OrderEvent.countDocuments({ claim: `${orderId}:prepared` })).to.equal(1);
      expect(await Order.countDocuments(await queueFilter('prepare'))).to.equal(0);

      const again = await marketing
        .post(`/admin/orders/${orderId}/prepared`)
        .type('form')
        .send({ _csrf: token })
        .expect(409);
      expect(unescapeHtml(again.text)).to.contain(lt('pickupOrder.errors.alreadyPrepared'));
      expect(await OrderEvent.countDocuments({ claim: `${orderId}:prepared` })).to.equal(1);

      const ready = await OutboxMessage.findOne({ to: 'ruta@example.lt', kind: /ready/ }).lean();
      expect(ready!.text).to.contain('Atsiimdami sumokėsite 35,00');
      const page = unescapeHtml((await buyer.get(orderUrl).expect(200)).text);
      expect(page).to.contain('Paruošta atsiimti');
      expect(page).to.contain('Atvykite jo atsiimti ir sumokėkite 35,00');
    });

    it('refuses to prepare an order that is not paid at pickup', async () => {
      const other = await Order.create({
        ...(await Order.findById(orderId).lean())!,
        _id: undefined,
        number: '2099-00001',
        year: 2099,
        seq: 1,
        token: 'other-token-000000000000',
        payment: { method: 'bank_transfer' },
      });
      const marketing = await signInAs(t.app, 'marketing');
      const token = await tokenFor(marketing, `/admin/orders/${String(other._id)}`);
      const res = await marketing
        .post(`/admin/orders/${String(other._id)}/prepared`)
        .type('form')
        .send({ _csrf: token })
        .expect(409);
      expect(unescapeHtml(res.text)).to.contain(lt('pickupOrder.errors.notPayAtPickup'));
      expect(await OrderEvent.exists({ claim: `${String(other._id)}:prepared` })).to.equal(null);
    });

    it('records the payment at collection: paid (posted to the ledger once), ready and completed', async () => {
      const marketing = await signInAs(t.app, 'marketing');
      const page = (await marketing.get(`/admin/orders/${orderId}`).expect(200)).text;
      expect(unescapeHtml(page)).to.contain(lt('pickupOrder.collectHint'));
      const res = await marketing
        .post(`/admin/orders/${orderId}/paid`)
        .type('form')
        .send({ _csrf: csrfFrom(page), formKey: formKeyFrom(page, `/admin/orders/${orderId}/paid`) })
        .expect(303);
      const done = unescapeHtml((await marketing.get(res.headers.location!).expect(200)).text);
      expect(done).to.contain(
        lt('pickupOrder.flash.collected', { number: (await getOrder(orderId)).number }),
      );
      const order = await getOrder(orderId);
      expect(order.state).to.equal('completed');
      expect(order.payment!.paidAt).to.be.instanceOf(Date);
      expect(await JournalEntry.countDocuments({ idempotencyKey: `order:${orderId}:paid` })).to.equal(1);
      // One "ready" e-mail (at preparing), none again at collection.
      expect(await OutboxMessage.countDocuments({ to: 'ruta@example.lt', kind: /ready/ })).to.equal(1);
    });
  });
});
