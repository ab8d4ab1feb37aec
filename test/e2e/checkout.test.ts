import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { createProduct, publishProduct } from '../../src/catalog/service.ts';
import { seedDemoLockers } from '../../src/lockers/demo.ts';
import { Order, type OrderDoc } from '../../src/orders/model.ts';
import { pngImage, productInput } from '../integration/helpers.ts';
import { documentWidths } from './measure.ts';
import { makeStaff } from '../support/app.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

const SHOTS = '/tmp/shots-checkout15';

/** The order just placed by this customer e-mail. */
async function lastOrderOf(email: string): Promise<OrderDoc> {
  const order = await Order.findOne({ 'customer.email': email }).sort({ createdAt: -1 }).lean<OrderDoc>();
  expect(order, `an order for ${email}`).to.not.equal(null);
  return order!;
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('e2e: a checkout a buyer trusts', function () {
  this.timeout(180_000);
  const e2e = useE2eApp({ stripe: false });
  const journey = new Journey('checkout');

  before(async () => {
    await journey.start();
    await mkdir(SHOTS, { recursive: true });
    await seedOrganisation(); // courier 4,50 €, parcel locker 2,99 €
    const goods: [string, string, string, number][] = [
      ['Molinis puodelis', 'Clay mug', 'molinis-puodelis', 1250],
      ['Keramikinė vaza', 'Ceramic vase', 'keramikine-vaza', 2299],
    ];
    for (const [titleLt, titleEn, slug, price] of goods) {
      const product = await createProduct(
        productInput({ titleLt, titleEn, slug, sku: slug.toUpperCase(), price, stockQuantity: 50 }),
        [{ originalName: `${slug}.png`, buffer: await pngImage(120, 120, price > 2000 ? '#5a7' : '#c96') }],
        e2e.storage,
        { pricesIncludeVat: true },
      );
      await publishProduct(String(product._id));
    }
    await seedDemoLockers();
  });

  async function shot(page: Page, step: string): Promise<void> {
    await journey.shot(page, step);
    await copyFile(journey.files.at(-1)!, path.join(SHOTS, path.basename(journey.files.at(-1)!)));
  }

  /** 2 mugs and a vase (47,99 € of goods) in a fresh browser's cart, then the checkout. */
  async function cartAndCheckout(opts: { phone?: boolean; lang?: 'en'; easy?: boolean } = {}): Promise<Page> {
    const page = await (await e2e.newContext()).newPage();
    if (opts.phone) await page.setViewportSize({ width: 390, height: 844 });
    if (opts.lang) await page.goto(`/lang/${opts.lang}`);
    if (opts.easy) await page.goto('/easy-read/on');
    for (const [slug, quantity] of [
      ['molinis-puodelis', '2'],
      ['keramikine-vaza', '1'],
    ] as const) {
      await page.goto(`/products/${slug}`);
      const quantityField = page.locator('form[action="/cart/add"] input[name="quantity"]');
      if ((await quantityField.count()) > 0) await quantityField.fill(quantity);
      // The product page confirms in place (public/js/cart-add.js), with a link to the cart.
      await page.locator('form[action="/cart/add"] button[type="submit"]').click();
      await page.locator('[data-cart-next] a').waitFor();
    }
    await page.goto('/checkout');
    return page;
  }

  it('LT, 1280×900: a courier order shows 52,49 € before the button, and that is what is stored', async () => {
    const page = await cartAndCheckout();
    expect(await page.locator('.summary-line img').count()).to.equal(2);
    expect(await text(page, '#checkout-total')).to.equal('47,99 €');
    expect(await page.getByText('Pristatome tik Lietuvoje.').isVisible()).to.equal(true);
    // Only the chosen method's details show: none for pickup.
    expect(await page.locator('#address').isVisible()).to.equal(false);
    expect(await page.locator('#locker').isVisible()).to.equal(false);
    await shot(page, 'lt-desktop-pickup');

    await page.getByLabel(/Kurjeriu/).check();
    expect(await text(page, '#checkout-total')).to.equal('52,49 €');
    expect(await text(page, '[data-summary="total"]')).to.equal('52,49 €');
    expect(await text(page, '.summary-totals [data-summary="fee"]')).to.equal('4,50 €');
    expect(await page.locator('#address').isVisible()).to.equal(true);
    expect(await page.locator('#locker').isVisible()).to.equal(false);
    await page.locator('#name').fill('Ona Onaitė');
    await page.locator('#email').fill('ona.courier@example.lt');
    await page.locator('#phone').fill('+370 600 12345');
    await page.locator('#address').fill('Vilniaus g. 1');
    await page.locator('#city').fill('Kretinga');
    await page.locator('#postcode').fill('97111');
    await page.getByLabel(/Banko pavedimu/).check();
    await page.locator('#terms').check();
    await shot(page, 'lt-desktop-courier-filled');
    const shown = await text(page, '#checkout-total');
    const button = await page.locator('.checkout-review button[type="submit"]').boundingBox();
    const total = await page.locator('#checkout-total').boundingBox();
    expect(total!.y, 'the total is above the order button').to.be.lessThan(button!.y);

    await clickAndLoad(page, page.locator('.checkout-review button[type="submit"]'));
    expect(page.url()).to.match(/\/orders\/[\w-]+$/);
    const order = await lastOrderOf('ona.courier@example.lt');
    const stored = new Intl.NumberFormat('lt-LT', { style: 'currency', currency: 'EUR' })
      .format(order.totals!.grossCents / 100)
      .replace(/\s/g, ' ');
    expect(stored).to.equal(shown);
    expect(order.totals!.grossCents).to.equal(5249);
    await shot(page, 'lt-desktop-order-page');
  });

  it('EN, 390×844: options one per row, no sideways scroll, a locker chosen by network and search, a VAT invoice', async () => {
    const page = await cartAndCheckout({ phone: true, lang: 'en' });
    const widths = await documentWidths(page);
    expect(widths.scrollWidth, 'no sideways scroll').to.be.at.most(widths.viewport);
    // Every option is its radio and one box of words, and no two options share a row.
    const layout = await page.evaluate<{ parts: number[]; tops: number[] }>(`(() => {
      const labels = [...document.querySelectorAll('.checkout-form fieldset.choices label.choice')];
      return {
        parts: labels.map((l) => [...l.children].filter((c) => c.tagName !== 'INPUT').length),
        tops: labels.map((l) => Math.round(l.getBoundingClientRect().top)),
      };
    })()`);
    expect(layout.parts.every((n) => n === 1)).to.equal(true);
    expect(new Set(layout.tops).size).to.equal(layout.tops.length);
    await shot(page, 'en-phone-checkout');

    await page.getByLabel(/Parcel locker —/).check();
    expect(await text(page, '#checkout-total')).to.equal('€50.98');
    await page.locator('#lockerNetwork').selectOption('dpd');
    await page.getByLabel('Search lockers by town or address').fill('kaun');
    const options = await page.locator('#locker option').allTextContents();
    expect(options.slice(1)).to.deep.equal([
      'DPD Pickup paštomatas Mega, Islandijos pl. 32, LT-47446 Kaunas',
    ]);
    await page.locator('#locker').selectOption('dpd:LT90447');
    await page.locator('#name').fill('Emily Clarke');
    await page.locator('#email').fill('emily.locker@example.com');
    await page.locator('#phone').fill('+44 7700 900123');
    await page.locator('#invoice').check();
    expect(await page.locator('#companyName').isVisible()).to.equal(true);
    await page.locator('#companyName').fill('UAB Pavyzdys');
    await page.locator('#companyCode').fill('302123456');
    await page.locator('#vatCode').fill('LT100001234567');
    await page.locator('#terms').check();
    const after = await documentWidths(page);
    expect(after.scrollWidth, 'no sideways scroll with the details shown').to.be.at.most(after.viewport);
    await shot(page, 'en-phone-locker-invoice');
    await clickAndLoad(page, page.locator('.checkout-review button[type="submit"]'));
    const order = await lastOrderOf('emily.locker@example.com');
    expect(order.delivery!.lockerPoint).to.include({ network: 'dpd', terminalId: 'LT90447' });
    expect(order.invoiceRequest).to.include({ companyName: 'UAB Pavyzdys', vatCode: 'LT100001234567' });
    expect(await page.locator('[data-invoice-request]').textContent()).to.contain('UAB Pavyzdys');
    await shot(page, 'en-phone-order-page');
  });

  it('easy-read, 390×844: numbered steps; the error summary names the fields and its links reach them', async () => {
    const page = await cartAndCheckout({ phone: true, easy: true });
    for (const step of [
      '1. Ką perkate',
      '2. Kaip gausite',
      '3. Kaip mokėsite',
      '4. Patikrinkite ir užsakykite',
    ]) {
      expect(
        await page
          .getByRole('heading', { name: step })
          .or(page.locator('legend', { hasText: step }))
          .count(),
        step,
      ).to.equal(1);
    }
    await page.getByLabel(/Kurjeriu/).check();
    await clickAndLoad(page, page.locator('.checkout-review button[type="submit"]'));
    const summary = page.locator('.error-summary');
    expect(await summary.isVisible()).to.equal(true);
    const links = await summary.locator('a').allTextContents();
    expect(links.some((l) => l.startsWith('Vardas ir pavardė: '))).to.equal(true);
    expect(links.some((l) => l.startsWith('Adresas (gatvė, namas, butas): '))).to.equal(true);
    for (const href of await summary
      .locator('a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      expect(await page.locator(href!).count(), `${href} exists`).to.equal(1);
    }
    await shot(page, 'easy-phone-errors');
    await summary.locator('a[href="#address"]').click();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).to.equal('address');
  });

  it("an administrator imports a network's list; a bad file is refused with the field named", async () => {
    const page = await (await e2e.newContext()).newPage();
    await signInWithForm(page, await makeStaff('admin'));
    await page.goto('/admin/lockers');
    expect(await text(page, 'tr[data-network="omniva"] [data-active]')).to.equal('6');
    await shot(page, 'lt-desktop-lockers');
    await page.locator('#network').selectOption('omniva');
    await page
      .locator('#file')
      .setInputFiles(fileURLToPath(new URL('../fixtures/lockers/not-a-list.csv', import.meta.url)));
    await clickAndLoad(page, page.locator('form[action="/admin/lockers/import"] button[type="submit"]'));
    expect(await text(page, '.error-summary a')).to.match(/^Sąrašo failas: failo formatas neatpažintas/);
    await shot(page, 'lt-desktop-lockers-bad-file');
    await page.locator('#network').selectOption('omniva');
    await page
      .locator('#file')
      .setInputFiles(fileURLToPath(new URL('../fixtures/lockers/omniva-locations.json', import.meta.url)));
    await clickAndLoad(page, page.locator('form[action="/admin/lockers/import"] button[type="submit"]'));
    expect(await text(page, '.notice--success')).to.contain('3 paštomatų');
    expect(await text(page, 'tr[data-network="omniva"] [data-active]')).to.equal('3');
    await shot(page, 'lt-desktop-lockers-imported');

    // The staff order page shows the buyer's VAT invoice request and the locker's number.
    const order = await lastOrderOf('emily.locker@example.com');
    await page.goto(`/admin/orders/${String(order._id)}`);
    expect(await text(page, 'section[data-invoice-request]')).to.contain('LT100001234567');
    expect(await page.getByText('DPD LT90447').count()).to.equal(1);
    await shot(page, 'lt-desktop-staff-order');
  });
});
