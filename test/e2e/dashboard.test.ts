import { expect } from 'chai';
import { pino } from 'pino';
import type { Page } from 'playwright-core';
import { buildCommerce } from '../../src/app.ts';
import { Order } from '../../src/orders/model.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { markPaid } from '../../src/orders/transitions.ts';
import { createParticipant } from '../../src/participants/register.ts';
import { getSettings } from '../../src/settings/service.ts';
import { checkoutInput, lt, publishedGood } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

const SCREENS = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** The queue's line on the dashboard. */
const queueLine = (page: Page, id: string) => page.locator(`li[data-queue="${id}"]`);

describe('e2e: the staff start page shows what needs doing today', function () {
  this.timeout(180_000);
  const e2e = useE2eApp({ stripe: false });
  const staff: Record<string, { email: string; password: string; id: string }> = {};

  before(async () => {
    await seedOrganisation();
    for (const role of ['marketing', 'admin', 'master'] as const) staff[role] = await makeStaff(role);
    const candle = await publishedGood(e2e.storage, {
      titleLt: 'Sojų vaško žvakė',
      sku: 'ZV-1',
      price: 1500,
      stockQuantity: 20,
    });
    const order = (form: Parameters<typeof checkoutInput>[0]) =>
      getSettings().then((settings) =>
        placeOrder({
          items: [{ productId: candle, quantity: 1 }],
          form: checkoutInput(form),
          lang: 'lt',
          settings,
          cardPaymentsEnabled: false,
        }),
      );
    const commerce = buildCommerce(e2e.config, pino({ level: 'silent' }));
    const courier = {
      delivery: 'courier',
      address: 'Laisvės al. 1',
      city: 'Kaunas',
      postcode: '44001',
    } as const;
    // One paid courier order to pack, one transfer overdue, one still in time.
    await markPaid(String((await order({ ...courier, name: 'Ona Pakuotė' }))._id), commerce.context('staff'));
    const late = await order({ ...courier, name: 'Jonas Vėluoja' });
    await Order.collection.updateOne(
      { _id: late._id },
      { $set: { 'payment.dueAt': new Date(Date.now() - 60_000) } },
    );
    await order({ name: 'Eglė Laukia' });
    const actor = { id: staff.admin!.id, role: 'admin', name: 'Administratorė' };
    await createParticipant(
      {
        displayName: 'Rasa Be Sąskaitos',
        code: 'R-1',
        startDate: '2020-01-01',
        endDate: null,
        consentToName: false,
        publicName: '',
      },
      actor,
    );
  });

  for (const screen of SCREENS) {
    it(`marketing at ${screen.width}×${screen.height}: a count opens exactly its orders, and the filter clears`, async () => {
      const j = await new Journey(`dashboard-marketing-${screen.name}`).start();
      const page = await (await e2e.newContext()).newPage();
      await page.setViewportSize({ width: screen.width, height: screen.height });
      await signInWithForm(page, staff.marketing!);
      expect(await queueLine(page, 'pack').getAttribute('data-count')).to.equal('1');
      expect(await queueLine(page, 'overdue').getAttribute('data-count')).to.equal('1');
      expect(await queueLine(page, 'transfers').getAttribute('data-count')).to.equal('2');
      expect((await queueLine(page, 'newRequests').textContent())?.trim()).to.equal(
        lt('today.empty.newRequests'),
      );
      // The first queue is on the first screen.
      const box = await queueLine(page, 'pack').boundingBox();
      expect(box!.y + box!.height, 'the first queue is visible without scrolling').to.be.lessThan(
        screen.height,
      );
      await j.shot(page, 'dashboard');

      await clickAndLoad(page, queueLine(page, 'overdue').getByRole('link'));
      expect(new URL(page.url()).search).to.equal('?queue=overdue');
      expect(await page.locator('tr.order-row').count()).to.equal(1);
      expect(await page.locator('tr.order-row').textContent()).to.contain('Jonas Vėluoja');
      expect(await page.locator('[data-active-queue]').textContent()).to.contain(lt('today.queue.overdue'));
      await j.shot(page, 'orders-overdue');

      await clickAndLoad(
        page,
        page.locator('[data-active-queue]').getByRole('link', { name: lt('today.clearFilter') }),
      );
      expect(await page.locator('[data-active-queue]').count()).to.equal(0);
      expect(await page.locator('tr.order-row').count()).to.equal(3);
    });
  }

  it('administrator and production master at both sizes: their own queues', async () => {
    for (const screen of SCREENS) {
      for (const role of ['admin', 'master'] as const) {
        const j = await new Journey(`dashboard-${role}-${screen.name}`).start();
        const page = await (await e2e.newContext()).newPage();
        await page.setViewportSize({ width: screen.width, height: screen.height });
        await signInWithForm(page, staff[role]!);
        expect(await queueLine(page, 'attendance').getAttribute('data-count')).to.equal('1');
        expect(await queueLine(page, 'pack').count()).to.equal(role === 'admin' ? 1 : 0);
        await j.shot(page, 'dashboard');
        if (role === 'admin') {
          await clickAndLoad(page, queueLine(page, 'noIban').getByRole('link'));
          expect(await page.locator('tbody tr').count()).to.equal(1);
          expect(await page.locator('tbody').textContent()).to.contain('Rasa Be Sąskaitos');
          await j.shot(page, 'participants-without-iban');
        } else {
          await clickAndLoad(page, queueLine(page, 'attendance').getByRole('link'));
          expect(await page.locator('input[name^="days_"]').count()).to.equal(1);
          await j.shot(page, 'attendance-missing');
        }
        await page.context().close();
      }
    }
  });
});
