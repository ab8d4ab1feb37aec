import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { formatCents } from '../../src/lib/money.ts';
import { Order } from '../../src/orders/model.ts';
import { easyReadProblems } from '../../src/web/easy-read.ts';
import { translate, type Lang } from '../../src/web/i18n.ts';
import { Product } from '../../src/catalog/model.ts';
import { lt, publishedGood } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { noTableOverflow } from './measure.ts';
import { Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

const MUG = { lt: 'Molinis puodelis', en: 'Clay mug' };
const EASY = {
  lt: 'Puodelis iš molio. Jį padarėme rankomis. Galima plauti indaplovėje.',
  en: 'A cup made of clay. We made it by hand. You can wash it in the dishwasher.',
};
const VIEWPORTS = [
  { name: '1280', width: 1280, height: 900 },
  { name: '390', width: 390, height: 844 },
];

/**
 * The texts the page writes for the reader (not the goods' names or the organisation's data): each
 * must follow the easy-read rules in easy-read mode.
 */
async function readerTexts(page: Page): Promise<string[]> {
  const selector = [
    'main .lead',
    'main legend',
    'main .hint',
    'main .field-error',
    'main .error-summary h2',
    'main .notice',
    'main .transfer-instruction',
    'main [data-easy-description]',
    'main .card__easy',
    'main .stock',
    'main .card__stock',
  ].join(', ');
  const texts = await page.locator(selector).allInnerTexts();
  return texts.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

async function expectEasyTexts(page: Page, where: string): Promise<void> {
  const texts = await readerTexts(page);
  expect(texts.length, `reader texts on ${where}`).to.be.greaterThan(0);
  const problems = texts.flatMap((s) => easyReadProblems(s).map((p) => `${where}: ${p}`));
  expect(problems).to.deep.equal([]);
}

describe('e2e: the buying journey in easy-read (1280×900 and 390×844, LT and EN)', function () {
  this.timeout(180_000);
  const e2e = useE2eApp({ stripe: false });

  before(async () => {
    await seedOrganisation();
    await publishedGood(e2e.storage, {
      titleLt: MUG.lt,
      titleEn: MUG.en,
      slug: 'molinis-puodelis',
      sku: 'EASY-PUOD',
      price: 1650,
      stockQuantity: 40,
      descriptionLt: 'Rankomis žiestas 300 ml puodelis, padengtas jūros spalvų glazūra.',
      descriptionEn: 'A hand-thrown 300 ml mug with a sea-coloured glaze.',
      easyDescriptionLt: EASY.lt,
      easyDescriptionEn: EASY.en,
    });
  });

  for (const viewport of VIEWPORTS) {
    for (const lang of ['lt', 'en'] as const) {
      // Both languages at both sizes would repeat the same pages: English on the phone only.
      if (lang === 'en' && viewport.name === '1280') continue;
      it(`${lang.toUpperCase()} at ${viewport.width}×${viewport.height}: home → product → cart → checkout (steps numbered, errors) → transfer in two sentences → request form`, async () => {
        await journey(lang, viewport);
      });
    }
  }

  it("after the journeys, staff write a product's easy-read description on the product form", async () => {
    const j = await new Journey('easy-read-staff-form').start();
    const context = await e2e.newContext();
    const page = await context.newPage();
    await signInWithForm(page, await makeStaff('marketing'));
    const product = await Product.findOne({ sku: 'EASY-PUOD' }).lean();
    await page.goto(`/admin/products/${String(product!._id)}/edit`);
    const field = page.getByLabel(lt('fields.easyDescriptionLt'));
    expect(await field.inputValue()).to.equal(EASY.lt);
    await field.fill(`${EASY.lt} Telpa 300 mililitrų.`);
    await j.shot(page, 'product-form');
    await page.getByRole('button', { name: lt('catalogAdmin.save') }).click();
    await page.waitForURL('**/edit');
    const saved = await Product.findById(product!._id).lean();
    expect(saved!.easyDescription!.lt).to.equal(`${EASY.lt} Telpa 300 mililitrų.`);
    await context.close();
  });

  async function journey(lang: Lang, viewport: (typeof VIEWPORTS)[number]): Promise<void> {
    const t = (key: string, params: Record<string, string | number> = {}) =>
      translate(lang, key, params, true);
    const j = await new Journey(`easy-read-${lang}-${viewport.name}`).start();
    const context = await e2e.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    if (lang === 'en') await page.goto('/lang/en?next=/');
    else await page.goto('/');

    // The toggle in the header turns easy-read on and stays on the page.
    await page.getByRole('link', { name: translate(lang, 'nav.easyReadOn') }).click();
    await page.locator('body.easy-read').waitFor();
    expect(await page.locator('.hero .lead').innerText()).to.equal(t('home.intro'));
    await expectEasyTexts(page, 'home');
    await j.shot(page, 'home');

    await page.getByRole('link', { name: MUG[lang] }).first().click();
    await page.waitForURL('**/products/molinis-puodelis');
    expect(await page.locator('[data-easy-description]').innerText()).to.equal(EASY[lang]);
    expect(await page.locator('main').innerText()).not.to.contain('300 ml');
    await expectEasyTexts(page, 'product');
    await j.shot(page, 'product');
    await page.getByLabel(t('cart.quantity')).fill('2');
    await page.getByRole('button', { name: t('cart.add') }).click();
    // The product page confirms in place (public/js/cart-add.js); its link leads to the cart.
    await page.locator('[data-cart-next] a').click();
    await page.waitForURL('**/cart');
    expect(await page.locator('main').innerText()).to.contain(t('cart.deliveryLater'));
    expect(await noTableOverflow(page)).to.deep.equal([]);
    await j.shot(page, 'cart');
    await page.getByRole('link', { name: t('cart.checkout') }).click();

    await page.waitForURL('**/checkout');
    const headings = await page.locator('main h2, main legend').allInnerTexts();
    const numbered = headings.map((h) => h.trim()).filter((h) => /^\d\. /.test(h));
    expect(numbered).to.deep.equal(
      ['items', 'delivery', 'payment', 'review'].map((s) => t(`checkout.step.${s}`)),
    );
    expect(headings.map((h) => h.trim())).to.include(t('checkout.contacts'));
    await j.shot(page, 'checkout');

    // Sent empty: the summary and each field say what to do, in easy words.
    await page.getByRole('button', { name: t('checkout.place') }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary h2').innerText()).to.equal(t('form.errorSummary'));
    const errors = await page.locator('main .field-error').allInnerTexts();
    expect(errors).to.include(t('errors.required'));
    expect(errors).to.include(t('errors.termsRequired'));
    await expectEasyTexts(page, 'checkout with errors');
    await j.shot(page, 'checkout-errors');
    expect(
      await Order.countDocuments({ 'customer.email': `easy-${lang}-${viewport.name}@example.lt` }),
    ).to.equal(0);

    await page.locator('#name').fill('Ona Onaitė');
    await page.locator('#email').fill(`easy-${lang}-${viewport.name}@example.lt`);
    await page.locator('#phone').fill('+370 600 12345');
    await page.locator('input[name=delivery][value=pickup]').check();
    await page.locator('input[name=payment][value=bank_transfer]').check();
    await page.locator('#terms').check();
    await page.getByRole('button', { name: t('checkout.place') }).click();
    await page.waitForURL('**/orders/*');

    const order = await Order.findOne({
      'customer.email': `easy-${lang}-${viewport.name}@example.lt`,
    }).lean();
    expect(order, 'the order placed').to.not.equal(null);
    const amount = formatCents(order!.totals!.grossCents, lang === 'lt' ? 'lt-LT' : 'en-IE');
    const reference = order!.payment!.reference!;
    const instruction = await page.locator('.transfer-instruction').innerText();
    expect(instruction).to.equal(t('order.transferInstruction', { amount, reference }));
    expect(instruction.startsWith(lang === 'lt' ? `Sumokėkite ${amount}.` : `Pay ${amount}.`)).to.equal(true);
    expect(await page.locator('main').innerText()).to.contain(t('orderState.pending_payment.explain'));
    await expectEasyTexts(page, 'order');
    await j.shot(page, 'order-transfer');

    await page.goto('/requests/new');
    expect(await page.locator('main .lead').innerText()).to.equal(t('requests.formIntro'));
    await expectEasyTexts(page, 'request form');
    await j.shot(page, 'request-form');
    await context.close();
  }
});
