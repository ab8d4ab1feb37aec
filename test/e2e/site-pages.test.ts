import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { ROOT } from '../../src/app.ts';
import { Category } from '../../src/catalog/model.ts';
import { createCategory, createProduct, publishProduct } from '../../src/catalog/service.ts';
import { translate, type Lang } from '../../src/web/i18n.ts';
import { productInput } from '../integration/helpers.ts';
import { documentWidths, noTableOverflow } from './measure.ts';
import { makeStaff } from '../support/app.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

interface Variant {
  name: string;
  lang: Lang;
  easyRead: boolean;
}
const VARIANTS: Variant[] = [
  { name: 'lt', lang: 'lt', easyRead: false },
  { name: 'en', lang: 'en', easyRead: false },
  { name: 'easy', lang: 'lt', easyRead: true },
  { name: 'easy-en', lang: 'en', easyRead: true },
];

const PAGES = [
  { name: 'home', path: '/' },
  { name: 'catalogue', path: '/catalogue' },
  { name: 'product', path: '/products/molinis-puodelis' },
  { name: 'services', path: '/services' },
  { name: 'accessibility', path: '/accessibility' },
  { name: 'privacy', path: '/privacy' },
  { name: 'returns', path: '/returns' },
  { name: 'terms', path: '/terms' },
];

/** Where each of the first cards of the catalogue's grid sits (top and left, rounded). */
function cardBoxes(page: Page): Promise<{ top: number; left: number; width: number }[]> {
  return page.evaluate<{ top: number; left: number; width: number }[]>(`(() =>
    [...document.querySelectorAll('.cards .card')].slice(0, 3).map((el) => {
      const b = el.getBoundingClientRect();
      return { top: Math.round(b.top), left: Math.round(b.left), width: Math.round(b.width) };
    }))()`);
}

describe('e2e: the public site on a computer and a phone (LT, EN, easy-read): new pages, header, filters, cards', function () {
  this.timeout(600_000);
  const e2e = useE2eApp({ stripe: false });
  const journey = new Journey('site-pages');

  before(async function () {
    this.timeout(120_000);
    await seedOrganisation();
    await createCategory({ nameLt: 'Keramika', nameEn: 'Ceramics', slug: 'keramika', position: 1 });
    await createCategory({ nameLt: 'Žvakės', nameEn: 'Candles', slug: 'zvakes', position: 2 });
    const category = String((await Category.findOne({ slug: 'keramika' }).lean())!._id);
    const photo = await readFile(path.join(ROOT, 'test', 'fixtures', 'photo.jpg'));
    const goods = [
      ['Molinis puodelis', 'Clay mug', 'molinis-puodelis', 1250],
      ['Keramikinė vaza su ilgu pavadinimu', 'Ceramic vase with a long name', 'vaza', 3400],
      ['Dubenėlis', 'Small bowl', 'dubenelis', 900],
      ['Lėkštė', 'Plate', 'lekste', 1500],
      ['Sojų vaško žvakė', 'Soy wax candle', 'zvake', 850],
    ] as const;
    for (const [i, [titleLt, titleEn, slug, price]] of goods.entries()) {
      const p = await createProduct(
        productInput({
          titleLt,
          titleEn,
          slug,
          sku: `SP-${i}`,
          price,
          category,
          descriptionLt: 'Rankų darbo gaminys iš dirbtuvių.',
          descriptionEn: 'Handmade in the workshop.',
          ...(i === 3 ? { stockMode: 'made_to_order' as const, leadTimeDays: 10 } : {}),
        }),
        [{ originalName: 'photo.jpg', buffer: photo }],
        e2e.storage,
        { pricesIncludeVat: true },
      );
      await publishProduct(String(p._id));
    }
    await journey.start();
  });

  async function pageFor(variant: Variant, viewport: typeof DESKTOP): Promise<Page> {
    const context = await e2e.newContext();
    await context.addCookies([
      { name: 'lang', value: variant.lang, url: e2e.baseUrl },
      ...(variant.easyRead ? [{ name: 'easy', value: '1', url: e2e.baseUrl }] : []),
    ]);
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    return page;
  }

  for (const variant of VARIANTS) {
    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      it(`${variant.name}, ${size}: every public page passes axe, fits the screen, its footer links the statement`, async () => {
        const page = await pageFor(variant, viewport);
        for (const p of PAGES) {
          const res = await page.goto(p.path);
          expect(res?.status(), p.path).to.equal(200);
          await journey.shot(page, `${variant.name}-${size}-${p.name}`);
          const widths = await documentWidths(page);
          expect(widths.scrollWidth, `${p.path} scrolls sideways`).to.be.at.most(widths.viewport);
          expect(await noTableOverflow(page), p.path).to.deep.equal([]);
          const footerLink = page.locator('footer a[href="/accessibility"]');
          expect(await footerLink.textContent()).to.equal(translate(variant.lang, 'footer.accessibility'));
          if (size === 'phone') {
            const header = await page.locator('.site-header').boundingBox();
            // Easy-read text is 22 px: the same two rows, a little taller.
            const limit = variant.easyRead ? 115 : 100;
            expect(header!.height, `${p.path}: header height`).to.be.at.most(limit);
          }
        }
        await page.context().close();
      });
    }
  }

  it('on a phone folds the catalogue filters behind one button and shows two cards per row', async () => {
    const page = await pageFor(VARIANTS[0]!, PHONE);
    await page.goto('/catalogue');
    const form = page.locator('form.filters');
    expect(await form.isVisible()).to.equal(false);
    const [a, b, c] = await cardBoxes(page);
    expect(a!.top).to.equal(b!.top);
    expect(b!.left).to.be.greaterThan(a!.left);
    expect(c!.top).to.be.greaterThan(a!.top);
    expect(a!.width).to.be.within(140, 195);
    await page.locator('summary.filters-fold__button').click();
    expect(await form.isVisible()).to.equal(true);
    await journey.shot(page, 'phone-filters-open');
    await page.locator('#q').fill('puodelis');
    await clickAndLoad(page, form.locator('button[type=submit]'));
    // With a search made, the filters stay open to show it.
    expect(await page.locator('form.filters').isVisible()).to.equal(true);
    expect(await page.locator('.cards .card').count()).to.equal(1);
    await page.context().close();
  });

  it('on a computer shows the filters without a button', async () => {
    const page = await pageFor(VARIANTS[0]!, DESKTOP);
    await page.goto('/catalogue');
    expect(await page.locator('form.filters').isVisible()).to.equal(true);
    expect(await page.locator('summary.filters-fold__button').isVisible()).to.equal(false);
    await page.context().close();
  });

  it('takes accessibility feedback with the keyboard and says it arrived', async () => {
    const page = await pageFor(VARIANTS[0]!, PHONE);
    await page.goto('/accessibility');
    await clickAndLoad(page, page.locator('form.form button[type=submit]'));
    expect(await page.locator('.error-summary').isVisible()).to.equal(true);
    await journey.shot(page, 'phone-feedback-errors');
    await page.locator('#message').fill('Negaliu pasirinkti paštomato klaviatūra.');
    await page.locator('#message').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Užsakymas');
    await clickAndLoad(page, page.locator('form.form button[type=submit]'));
    expect(await page.locator('.notice--success').textContent()).to.equal(translate('lt', 'a11y.sent'));
    await journey.shot(page, 'phone-feedback-sent');
    await page.context().close();
  });

  it('shows the feedback to marketing staff from the back-office menu', async () => {
    const staff = await makeStaff('marketing');
    for (const viewport of [DESKTOP, PHONE]) {
      const context = await e2e.newContext();
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      await signInWithForm(page, staff);
      // On a computer from the menu; on a phone the menu is folded, so by its address.
      if (viewport === DESKTOP) {
        const link = page
          .locator('a[href="/admin/accessibility-feedback"]')
          .filter({ hasText: translate('lt', 'a11y.staff.navLabel') });
        await clickAndLoad(page, link);
      } else {
        await page.goto('/admin/accessibility-feedback');
      }
      expect(await page.locator('.feedback-item').count()).to.equal(1);
      expect(await page.locator('.feedback-item__message').textContent()).to.equal(
        'Negaliu pasirinkti paštomato klaviatūra.',
      );
      await journey.shot(page, `staff-feedback-${viewport.width}`);
      await context.close();
    }
  });
});
