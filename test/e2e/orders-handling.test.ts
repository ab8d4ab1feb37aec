import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { placeOrder } from '../../src/orders/placement.ts';
import { getSettings } from '../../src/settings/service.ts';
import { checkoutInput, lt, publishedGood } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

/** Whether the element's box lies wholly inside the viewport as the page opens (no scrolling). */
async function inFirstScreen(page: Page, selector: string): Promise<{ bottom: number; height: number }> {
  const box = await page.locator(selector).first().boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, selector).to.not.equal(null);
  expect(box!.y, `${selector} top`).to.be.at.least(0);
  return { bottom: box!.y + box!.height, height: viewport.height };
}

describe('e2e: the marketing specialist handles a parcel order', function () {
  this.timeout(180_000);
  const e2e = useE2eApp({ stripe: false });
  let marketing: { email: string; password: string };
  const orders: string[] = [];

  before(async () => {
    await seedOrganisation();
    marketing = await makeStaff('marketing');
    const good = await publishedGood(e2e.storage, {
      titleLt: 'Keramikinis puodelis',
      sku: 'PUO-1',
      price: 1800,
      stockQuantity: 20,
    });
    for (let i = 0; i < 2; i++) {
      const o = await placeOrder({
        items: [{ productId: good, quantity: 2 }],
        form: checkoutInput({
          name: 'Ona Žemaitė',
          delivery: 'courier',
          address: 'Gedimino pr. 1',
          city: 'Vilnius',
          postcode: 'LT-01103',
          note: 'Prašau supakuoti dovanai',
        }),
        lang: 'lt',
        settings: await getSettings(),
        cardPaymentsEnabled: false,
      });
      orders.push(String(o._id));
    }
  });

  for (const viewport of [
    { width: 1366, height: 768, name: 'desktop' },
    { width: 390, height: 844, name: 'phone' },
  ]) {
    it(`at ${viewport.width}×${viewport.height}: pays, marks ready with tracking and prints the slip`, async () => {
      const id = orders[viewport.name === 'desktop' ? 0 : 1]!;
      const journey = await new Journey(`orders-handling-${viewport.name}`).start();
      const context = await e2e.newContext();
      const page = await context.newPage();
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      page.on('dialog', (dialog) => void dialog.accept()); // "mark paid" asks first
      await signInWithForm(page, marketing);

      await page.goto(`/admin/orders/${id}`);
      let fit = await inFirstScreen(page, 'button[data-primary]');
      if (viewport.name === 'desktop')
        expect(fit.bottom, 'mark paid in the first screen').to.be.at.most(fit.height);
      await journey.shot(page, 'order-awaiting-payment');
      await clickAndLoad(page, page.locator('form[data-action="paid"] button[type="submit"]'));
      expect(await page.locator('[data-state]').getAttribute('data-state')).to.equal('paid');

      fit = await inFirstScreen(page, 'form[data-action="ready"] button[data-primary]');
      if (viewport.name === 'desktop')
        expect(fit.bottom, 'mark ready in the first screen').to.be.at.most(fit.height);
      await journey.shot(page, 'order-paid');
      await page.locator('#carrier').selectOption('dpd');
      await page.locator('#trackingNumber').fill('x');
      await clickAndLoad(page, page.locator('form[data-action="ready"] button[type="submit"]'));
      expect(await page.locator('#trackingNumber').getAttribute('aria-invalid')).to.equal('true');
      await journey.shot(page, 'tracking-refused');
      await page.locator('#trackingNumber').fill('05212345678901');
      await clickAndLoad(page, page.locator('form[data-action="ready"] button[type="submit"]'));
      expect(await page.locator('[data-state]').getAttribute('data-state')).to.equal('ready');
      expect(await page.locator('[data-shipment]').innerText()).to.contain('05212345678901');
      await journey.shot(page, 'order-ready');

      await clickAndLoad(page, page.locator('a[data-slip]'));
      expect(await page.locator('article.slip').count()).to.equal(1);
      const slip = await page.locator('article.slip').innerText();
      expect(slip)
        .to.contain('Keramikinis puodelis')
        .and.contain('Gedimino pr. 1')
        .and.contain('Prašau supakuoti');
      expect(slip).to.not.contain('€');
      await journey.shot(page, 'packing-slip');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.slips-tools').isVisible()).to.equal(false);
      await journey.shot(page, 'packing-slip-print', { axe: false });
      await context.close();
    });
  }

  it('bulk: prints the slips of a selection from the list', async () => {
    const journey = await new Journey('orders-handling-bulk').start();
    const context = await e2e.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInWithForm(page, marketing);
    await page.goto('/admin/orders');
    for (const id of orders) await page.locator(`input[name="ids"][value="${id}"]`).check();
    await journey.shot(page, 'list-selected');
    await page.locator('#bulk-action').selectOption('slips');
    await clickAndLoad(page, page.locator('form#bulk button[type="submit"]'));
    expect(await page.locator('article.slip').count()).to.equal(2);
    await journey.shot(page, 'slips');
    await page.goto('/admin/orders');
    await clickAndLoad(page, page.locator('form#bulk button[type="submit"]'));
    expect(await page.locator('[data-bulk-error]').innerText()).to.contain(
      lt('ordersAdmin.errors.selectionEmpty'),
    );
    await journey.shot(page, 'empty-selection');
    await context.close();
  });
});
