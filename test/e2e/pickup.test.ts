import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { Order } from '../../src/orders/model.ts';
import { DEMO_PICKUP } from '../../src/demo/data.ts';
import { savePickup } from '../../src/settings/service.ts';
import { translate } from '../../src/web/i18n.ts';
import { publishedGood } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { documentWidths, noTableOverflow } from './measure.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

const SHOTS = '/tmp/shots-search15';
const lt = (key: string, params = {}) => translate('lt', key, params);

describe('e2e: pickup done right, search in Lithuanian and the helpful 404', function () {
  this.timeout(240_000);
  const e2e = useE2eApp();
  let marketing: { email: string; password: string };

  before(async () => {
    await seedOrganisation();
    await savePickup(DEMO_PICKUP);
    marketing = await makeStaff('marketing');
    await publishedGood(e2e.storage, {
      titleLt: 'Veltos vilnonės šlepetės',
      titleEn: 'Felted wool slippers',
      slug: 'slepetes',
      sku: 'TEK-1',
      price: 3500,
      stockMode: 'made_to_order',
      stockQuantity: 0,
      leadTimeDays: 21,
    });
    await publishedGood(e2e.storage, {
      titleLt: 'Bičių vaško žvakė',
      titleEn: 'Beeswax candle',
      slug: 'zvake',
      sku: 'ZVK-1',
      price: 1150,
      stockQuantity: 30,
    });
    await mkdir(SHOTS, { recursive: true });
  });

  async function fits(page: Page) {
    expect(await noTableOverflow(page)).to.deep.equal([]);
    const widths = await documentWidths(page);
    expect(widths.scrollWidth, 'no sideways scrolling').to.be.at.most(widths.viewport);
  }

  async function shot(j: Journey, page: Page, name: string) {
    await j.shot(page, name); // axe-core checks the page too
    await page.screenshot({
      path: path.join(SHOTS, `${j.dir.split(path.sep).pop()}-${name}.png`),
      fullPage: true,
    });
    await fits(page);
  }

  for (const run of [
    { width: 1366, height: 768, name: 'desktop' },
    { width: 390, height: 844, name: 'phone' },
  ]) {
    it(`at ${run.width}×${run.height}: pickup hours, a pay-at-pickup order prepared, then paid at collection`, async () => {
      const j = await new Journey(`pickup-${run.name}`).start();
      const buyer = await e2e.newContext();
      const page = await buyer.newPage();
      await page.setViewportSize({ width: run.width, height: run.height });

      // Search finds the candle by another form of its word, without diacritics.
      await page.goto('/catalogue?q=zvakes');
      expect(await page.locator('.card__title').allInnerTexts()).to.deep.equal(['Bičių vaško žvakė']);
      await shot(j, page, 'search-zvakes');
      await page.goto('/catalogue?q=nerandama');
      expect(await page.locator('#suggest-categories, #suggest-goods').count()).to.be.at.least(1);
      await shot(j, page, 'search-nothing');
      const missing = await page.goto('/nera-tokio-puslapio');
      expect(missing!.status()).to.equal(404);
      expect(await page.locator('h1').innerText()).to.equal(lt('notFound.title'));
      await shot(j, page, 'not-found');

      await page.goto('/products/slepetes');
      const line = page.locator('[data-pickup-line]');
      expect(await line.innerText()).to.contain(
        'pirmadienis–ketvirtadienis 9:00–16:00; penktadienis 9:00–14:00',
      );
      await shot(j, page, 'product');
      await page.getByRole('button', { name: lt('cart.add') }).click();
      await page.locator('[data-cart-next] a').waitFor();
      await page.goto('/checkout');
      expect(await page.locator('[data-checkout-pickup]').innerText()).to.contain(
        DEMO_PICKUP.instructions.lt,
      );
      await page.getByLabel(lt('checkout.name')).fill('Rūta Petrauskienė');
      await page.getByLabel(lt('fields.email')).fill(`ruta-${run.name}@example.lt`);
      await page.getByLabel(lt('fields.phone')).fill('+37065512121');
      await page.getByLabel(lt('delivery.pickup')).check();
      await page.getByLabel(lt('payment.pay_at_pickup')).check();
      await page.getByLabel(lt('checkout.note')).fill('Pėdos ilgis 25 cm.');
      await page.getByLabel(lt('checkout.terms')).check();
      await shot(j, page, 'checkout');
      await clickAndLoad(page, page.getByRole('button', { name: lt('checkout.place') }));
      expect(await page.locator('[data-pickup-status]').innerText()).to.equal(
        lt('pickupOrder.prepareThenPay'),
      );
      expect(await page.locator('[data-order-note]').innerText()).to.contain('Pėdos ilgis 25 cm.');
      expect(await page.locator('[data-expected-ready]').count()).to.equal(1);
      await shot(j, page, 'order-placed');
      const orderUrl = page.url();
      const order = await Order.findOne({ token: orderUrl.split('/').pop() }).lean();

      // Staff prepare it before it is paid, then record the payment when the buyer comes.
      const staff = await e2e.newContext();
      const admin = await staff.newPage();
      await admin.setViewportSize({ width: run.width, height: run.height });
      admin.on('dialog', (d) => void d.accept());
      await signInWithForm(admin, marketing);
      await admin.goto(`/admin/orders/${String(order!._id)}`);
      expect(await admin.locator('[data-expected-ready]').innerText()).to.contain(
        'Gaminama pagal užsakymą: paruošti iki',
      );
      await shot(j, admin, 'staff-order');
      await clickAndLoad(admin, admin.getByRole('button', { name: lt('pickupOrder.markPrepared') }));
      expect(await admin.locator('[data-prepared]').count()).to.equal(1);
      await shot(j, admin, 'staff-prepared');

      await page.reload();
      expect(await page.locator('[data-prepared]').innerText()).to.equal(lt('pickupOrder.preparedBadge'));
      await shot(j, page, 'order-prepared');

      await clickAndLoad(admin, admin.getByRole('button', { name: lt('ordersAdmin.markPaid') }));
      expect(await admin.locator('[data-state]').getAttribute('data-state')).to.equal('completed');
      await shot(j, admin, 'staff-collected');
      await staff.close();
      await buyer.close();
    });
  }

  it('the pickup settings form at 1366×768 and 390×844, with a refused value named', async () => {
    const admin = await makeStaff('admin');
    for (const run of [
      { width: 1366, height: 768, name: 'desktop' },
      { width: 390, height: 844, name: 'phone' },
    ]) {
      const j = await new Journey(`pickup-settings-${run.name}`).start();
      const context = await e2e.newContext();
      const page = await context.newPage();
      await page.setViewportSize({ width: run.width, height: run.height });
      await signInWithForm(page, admin);
      await page.goto('/admin/settings/pickup');
      await page.locator('#hours6').fill('14-10');
      await clickAndLoad(page, page.getByRole('button', { name: lt('catalogAdmin.save') }));
      expect(await page.locator('#hours6-error').innerText()).to.equal(lt('pickup.errors.hours'));
      await shot(j, page, 'settings-error');
      await context.close();
    }
  });
});
