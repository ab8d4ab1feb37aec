import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { createProduct, publishProduct } from '../../src/catalog/service.ts';
import { translate, translatePlural, type Params } from '../../src/web/i18n.ts';
import { lt, pngImage, productInput, publishedGood } from '../integration/helpers.ts';
import { noTableOverflow } from './measure.ts';
import { Journey, seedOrganisation, useE2eApp } from './support.ts';

const SHOTS = '/tmp/shots-mem14';
const en = (key: string, params: Params = {}) => translate('en', key, params);

/**
 * The cart from the product page: with JavaScript the buyer stays on the page, the confirmation is
 * put in a live region and the header's count changes; without it the form goes to the cart, which
 * confirms. The cart's lines show a thumbnail, the unit and the lead time. Desktop and phone, LT/EN.
 */
describe('e2e: adding to the cart in place', function () {
  this.timeout(120_000);
  const e2e = useE2eApp({ stripe: false });

  before(async () => {
    await seedOrganisation();
    await mkdir(SHOTS, { recursive: true });
    const socks = await createProduct(
      productInput({
        titleLt: 'Vilnonės kojinės',
        titleEn: 'Woollen socks',
        slug: 'vilnones-kojines',
        sku: 'KOJ-1',
        price: 1800,
        stockQuantity: 5,
        unitLt: 'pora',
        unitEn: 'pair',
      }),
      [{ originalName: 'kojines.png', buffer: await pngImage(400, 300, '#7a9') }],
      e2e.storage,
      { pricesIncludeVat: true },
    );
    await publishProduct(String(socks._id));
    await publishedGood(e2e.storage, {
      titleLt: 'Vardinis puodelis',
      titleEn: 'Mug with a name',
      slug: 'vardinis-puodelis',
      sku: 'PUO-9',
      price: 2200,
      stockMode: 'made_to_order',
      leadTimeDays: 7,
    });
  });

  async function context(viewport: { width: number; height: number }, javaScriptEnabled = true) {
    return e2e.browser.newContext({ baseURL: e2e.baseUrl, locale: 'lt-LT', viewport, javaScriptEnabled });
  }

  const count = (page: Page) => page.locator('[data-cart-count-n]').textContent();

  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    it(`stays on the product page with the confirmation and the new count (${viewport.width}×${viewport.height})`, async () => {
      const j = await new Journey(`cart-in-place-${viewport.width}`).start();
      const ctx: BrowserContext = await context(viewport);
      const page = await ctx.newPage();
      await page.goto('/products/vilnones-kojines');
      expect(await page.locator('[data-cart-count]').isHidden()).to.equal(true);
      await page.getByLabel(lt('cart.quantity')).fill('2');
      await page.getByRole('button', { name: lt('cart.add') }).click();
      const status = page.locator('[data-cart-status]');
      await status.getByText(lt('cart.added')).waitFor();
      expect(page.url()).to.match(/\/products\/vilnones-kojines$/);
      expect(await status.getAttribute('role')).to.equal('status');
      expect(await status.textContent()).to.contain(lt('cart.countNow', { count: 2 }));
      expect(await count(page)).to.equal('2');
      expect(await page.locator('[data-cart-count]').isVisible()).to.equal(true);
      await j.shot(page, 'product-added');
      await page.screenshot({ path: path.join(SHOTS, `product-added-${viewport.width}.png`) });

      // More than is in stock: the reason in the same place, the count unchanged.
      await page.getByLabel(lt('cart.quantity')).fill('5');
      await page.getByRole('button', { name: lt('cart.add') }).click();
      await status.getByText(lt('orders.errors.notEnoughStock', { available: 5 })).waitFor();
      expect(await count(page)).to.equal('2');

      // A made-to-order good, then the cart: thumbnails (or their place), unit and lead time.
      await page.goto('/products/vardinis-puodelis');
      await page.getByRole('button', { name: lt('cart.add') }).click();
      await status.getByText(lt('cart.added')).waitFor();
      expect(await count(page)).to.equal('3');
      await page.getByRole('link', { name: lt('cart.goToCart') }).click();
      await page.waitForURL('**/cart');
      const socks = page.getByRole('row').filter({ hasText: 'Vilnonės kojinės' });
      expect(await socks.locator('img.shop-cart-line__thumb').count()).to.equal(1);
      const loaded = await socks
        .locator('img.shop-cart-line__thumb')
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
      expect(loaded, 'the thumbnail loads').to.be.greaterThan(0);
      expect(await socks.textContent()).to.contain(lt('cart.perUnit', { unit: 'pora' }));
      const mug = page.getByRole('row').filter({ hasText: 'Vardinis puodelis' });
      expect(await mug.textContent()).to.contain(translatePlural('lt', 'product.madeToOrderDays', 7));
      expect(await noTableOverflow(page)).to.deep.equal([]);
      const amount = await socks.locator('.cart-table__amount').boundingBox();
      expect(amount!.x + amount!.width, 'the amount within the screen').to.be.at.most(viewport.width);
      await j.shot(page, 'cart');
      await page.screenshot({ path: path.join(SHOTS, `cart-${viewport.width}.png`), fullPage: true });
      await ctx.close();
    });
  }

  it('speaks English on the English page', async () => {
    const ctx = await context({ width: 390, height: 844 });
    const page = await ctx.newPage();
    await page.goto('/lang/en?next=/products/vilnones-kojines');
    await page.getByRole('button', { name: en('cart.add') }).click();
    await page.locator('[data-cart-status]').getByText(en('cart.added')).waitFor();
    expect(await page.locator('[data-cart-status]').textContent()).to.contain(
      en('cart.countNow', { count: 1 }),
    );
    await page.screenshot({ path: path.join(SHOTS, 'product-added-en-390.png') });
    await ctx.close();
  });

  it('without JavaScript goes to the cart, which confirms', async () => {
    const ctx = await context({ width: 390, height: 844 }, false);
    const page = await ctx.newPage();
    await page.goto('/products/vilnones-kojines');
    await page.getByRole('button', { name: lt('cart.add') }).click();
    await page.waitForURL('**/cart?added=1');
    expect(await page.getByRole('status').first().textContent()).to.contain(lt('cart.added'));
    expect(await page.getByRole('row').filter({ hasText: 'Vilnonės kojinės' }).count()).to.equal(1);
    expect(await count(page)).to.equal('1');
    await page.screenshot({ path: path.join(SHOTS, 'cart-nojs-390.png'), fullPage: true });
    await ctx.close();
  });
});
