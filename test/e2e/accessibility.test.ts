import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT } from '../../src/app.ts';
import { translate, type Lang } from '../../src/web/i18n.ts';
import { createCategory, createProduct, publishProduct } from '../../src/catalog/service.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { getSettings } from '../../src/settings/service.ts';
import { checkoutInput, productInput } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { expectAccessible, printLesserFindings } from './axe.ts';
import { seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

interface PageCheck {
  name: string;
  path: () => string;
  /** The HTTP status the page answers with (200 unless said). */
  status?: number;
  /** Steps in the browser before the check (on the page at `path`). */
  act?: (page: Page, variant: Variant) => Promise<void>;
  /** Being built: a 404 skips the check (with a note) instead of failing it. */
  optional?: boolean;
}

interface Variant {
  lang: Lang;
  easyRead: boolean;
}

const VARIANTS: Variant[] = [
  { lang: 'lt', easyRead: false },
  { lang: 'lt', easyRead: true },
  { lang: 'en', easyRead: false },
  { lang: 'en', easyRead: true },
];

describe('e2e: accessibility (axe-core: no serious or critical violations)', function () {
  this.timeout(120_000);
  const e2e = useE2eApp();
  const seeded = { orderToken: '', orderId: '', productId: '' };
  let admin: { email: string; password: string };

  before(async () => {
    await seedOrganisation();
    await createCategory({ nameLt: 'Keramika', nameEn: 'Ceramics', slug: 'keramika', position: 1 });
    const photo = await readFile(path.join(ROOT, 'test', 'fixtures', 'photo.jpg'));
    const settings = await getSettings();
    const good = await createProduct(
      productInput({
        titleLt: 'Molinis puodelis',
        titleEn: 'Clay mug',
        descriptionLt: 'Rankų darbo puodelis.',
        descriptionEn: 'A handmade mug.',
        slug: 'molinis-puodelis',
        sku: 'PUOD-1',
        price: 1250,
        stockQuantity: 50,
      }),
      [{ originalName: 'photo.jpg', buffer: photo }],
      e2e.storage,
      settings,
    );
    await publishProduct(String(good._id));
    const service = await createProduct(
      productInput({
        kind: 'service',
        titleLt: 'Lazerinis graviravimas',
        titleEn: 'Laser engraving',
        sku: 'PASL-1',
        stockMode: 'made_to_order',
        unitLt: 'vnt.',
        unitEn: 'pc',
        leadTimeDays: 5,
        price: 300,
      }),
      [],
      e2e.storage,
      settings,
    );
    await publishProduct(String(service._id));
    const order = await placeOrder({
      items: [{ productId: String(good._id), quantity: 2 }],
      form: checkoutInput({ name: 'Ona Pirkėja', email: 'ona@example.lt' }),
      lang: 'lt',
      settings,
      cardPaymentsEnabled: true,
    });
    seeded.orderToken = order.token;
    seeded.orderId = String(order._id);
    seeded.productId = String(good._id);
    admin = await makeStaff('admin');
  });

  after(printLesserFindings);

  it("the pages' Content-Security-Policy refuses inline scripts (why axe is not injected as a script tag)", async () => {
    const page = await (await e2e.newContext()).newPage();
    await page.goto('/');
    let refused = '';
    await page.addScriptTag({ content: 'window.inlineRan = true;' }).catch((err: Error) => {
      refused = err.message;
    });
    expect(refused).to.contain('Content Security Policy');
    expect(await page.evaluate('window.inlineRan === true')).to.equal(false);
  });

  const publicPages: PageCheck[] = [
    { name: 'home', path: () => '/' },
    { name: 'catalogue', path: () => '/catalogue' },
    { name: 'catalogue with a search', path: () => '/catalogue?q=puod' },
    { name: 'catalogue search without results', path: () => '/catalogue?q=nieko' },
    { name: 'page not found', path: () => '/nera-tokio-puslapio', status: 404 },
    { name: 'product', path: () => '/products/molinis-puodelis' },
    { name: 'services', path: () => '/services' },
    { name: 'cart, empty', path: () => '/cart' },
    {
      name: 'cart, with an item',
      path: () => '/products/molinis-puodelis',
      act: async (page, { lang, easyRead }) => {
        await page.getByRole('button', { name: translate(lang, 'cart.add', {}, easyRead) }).click();
        await page.getByRole('link', { name: translate(lang, 'cart.goToCart', {}, easyRead) }).click();
        await page.waitForURL('**/cart');
      },
    },
    {
      name: 'checkout with errors',
      path: () => '/checkout',
      act: async (page) => {
        await page.locator('form.form button[type=submit]').click();
        await page.locator('.error-summary').waitFor();
      },
    },
    { name: 'order page (awaiting a bank transfer)', path: () => `/orders/${seeded.orderToken}` },
    { name: 'find my order', path: () => '/orders/find' },
    { name: 'terms', path: () => '/terms' },
    { name: 'staff sign-in', path: () => '/login' },
    { name: 'business service request form', path: () => '/requests/new', optional: true },
  ];

  const staffPages: PageCheck[] = [
    { name: 'dashboard', path: () => '/admin' },
    { name: 'pickup settings', path: () => '/admin/settings/pickup' },
    { name: 'products', path: () => '/admin/products' },
    { name: 'new product form', path: () => '/admin/products/new' },
    { name: 'product edit form', path: () => `/admin/products/${seeded.productId}/edit` },
    {
      name: 'product form with errors',
      path: () => '/admin/products/new',
      act: async (page) => {
        await page.locator('form.form button[type=submit]').click();
        await page.locator('.error-summary').waitFor();
      },
    },
    { name: 'categories', path: () => '/admin/categories' },
    { name: 'orders', path: () => '/admin/orders' },
    { name: 'order', path: () => `/admin/orders/${seeded.orderId}` },
    { name: 'outbox', path: () => '/admin/outbox' },
    { name: 'settings', path: () => '/admin/settings' },
    { name: 'parcel locker lists', path: () => '/admin/lockers' },
    { name: 'staff', path: () => '/admin/staff' },
    { name: 'ledger', path: () => '/admin/ledger' },
    { name: 'ledger balances', path: () => '/admin/ledger/balances' },
    { name: 'service requests', path: () => '/admin/requests', optional: true },
    { name: 'participants', path: () => '/admin/participants', optional: true },
    { name: 'attendance', path: () => '/admin/attendance', optional: true },
    { name: 'contributions', path: () => '/admin/contributions', optional: true },
    { name: 'stipends', path: () => '/admin/stipends', optional: true },
  ];

  for (const variant of VARIANTS) {
    const label = `${variant.lang.toUpperCase()}, easy-read ${variant.easyRead ? 'on' : 'off'}`;

    describe(label, () => {
      let visitor: Page;
      let staff: Page;

      async function preferences(context: BrowserContext): Promise<void> {
        await context.addCookies([
          { name: 'lang', value: variant.lang, url: e2e.baseUrl },
          ...(variant.easyRead ? [{ name: 'easy', value: '1', url: e2e.baseUrl }] : []),
        ]);
      }

      before(async () => {
        const visitorContext = await e2e.newContext();
        await preferences(visitorContext);
        visitor = await visitorContext.newPage();
        const staffContext = await e2e.newContext();
        await preferences(staffContext);
        staff = await staffContext.newPage();
        await signInWithForm(staff, admin);
      });

      async function check(this: Mocha.Context, page: Page, p: PageCheck): Promise<void> {
        const res = await page.goto(p.path());
        const status = res?.status() ?? 0;
        if (p.optional && status === 404) {
          console.log(`      note: ${p.path()} answers 404 (not built yet), not checked`);
          this.skip();
        }
        expect(status, `${p.path()} answers`).to.equal(p.status ?? 200);
        expect(await page.locator('html').getAttribute('lang')).to.equal(variant.lang);
        expect(await page.locator('body.easy-read').count()).to.equal(variant.easyRead ? 1 : 0);
        if (p.act) await p.act(page, variant);
        await expectAccessible(page);
      }

      for (const p of publicPages) {
        it(`public: ${p.name}`, async function () {
          await check.call(this, visitor, p);
        });
      }
      for (const p of staffPages) {
        it(`staff: ${p.name}`, async function () {
          await check.call(this, staff, p);
        });
      }
    });
  }
});
