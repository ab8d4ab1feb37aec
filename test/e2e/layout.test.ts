import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { seedDemo, DEMO_ACCOUNTS } from '../../src/demo/seed.ts';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { contentWidth, documentWidths, listAsCards, noTableOverflow } from './measure.ts';
import { clickAndLoad, Journey, signInWithForm, useE2eApp } from './support.ts';

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** The month before this one in Vilnius, whose stipend draft the demo fills. */
function lastPeriod(): string {
  const [year, month] = vilniusPeriod(new Date()).split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

interface StaffPage {
  name: string;
  /** A path, or the steps that reach the page from a list. */
  open: (page: Page) => Promise<void>;
  /** A list whose rows become cards on a phone. */
  list?: boolean;
}

/** Opens the list at `path` and follows the first row's link (`link`). */
function firstOf(path: string, link: string): (page: Page) => Promise<void> {
  return async (page) => {
    await page.goto(path);
    await clickAndLoad(page, page.locator(link).first());
  };
}

const to = (path: string) => async (page: Page) => {
  await page.goto(path);
};

const MARKETING_PAGES: StaffPage[] = [
  { name: 'dashboard', open: to('/admin') },
  { name: 'orders', open: to('/admin/orders'), list: true },
  { name: 'order', open: firstOf('/admin/orders', '.order-row a') },
  { name: 'requests', open: to('/admin/requests'), list: true },
  { name: 'request', open: firstOf('/admin/requests?state=quoted', '.request-row a') },
  { name: 'job', open: firstOf('/admin/requests?state=in_progress', '.request-row a') },
  { name: 'outbox', open: to('/admin/outbox'), list: true },
  { name: 'catalogue', open: to('/admin/products'), list: true },
];

const ADMIN_PAGES: StaffPage[] = [
  { name: 'stipend-month', open: to(`/admin/stipends/${lastPeriod()}`) },
  { name: 'participants', open: to('/admin/participants'), list: true },
  { name: 'bank-accounts', open: to('/admin/participants/ibans'), list: true },
  { name: 'ledger', open: to('/admin/ledger'), list: true },
  { name: 'staff', open: to('/admin/staff'), list: true },
];

describe('e2e: the back office uses the screen (1366×768 and 390×844)', function () {
  this.timeout(300_000);
  const e2e = useE2eApp({ stripe: false });
  const journey = new Journey('layout');
  const signedIn: Partial<Record<'admin' | 'marketing', BrowserContext>> = {};

  before(async function () {
    this.timeout(240_000);
    await seedDemo({ storage: e2e.storage, log: () => {}, reset: false, publicUrl: e2e.baseUrl });
    await journey.start();
  });

  async function as(role: 'admin' | 'marketing', javaScript = true): Promise<Page> {
    let context = javaScript ? signedIn[role] : undefined;
    if (!context) {
      context = javaScript
        ? await e2e.newContext()
        : await e2e.browser.newContext({ baseURL: e2e.baseUrl, locale: 'lt-LT', javaScriptEnabled: false });
      const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
      const page = await context.newPage();
      await page.setViewportSize(LAPTOP);
      await signInWithForm(page, account);
      if (javaScript) signedIn[role] = context;
      return page;
    }
    return context.pages()[0] ?? context.newPage();
  }

  const pages: ['admin' | 'marketing', StaffPage][] = [
    ...MARKETING_PAGES.map((p) => ['marketing', p] as ['marketing', StaffPage]),
    ...ADMIN_PAGES.map((p) => ['admin', p] as ['admin', StaffPage]),
  ];

  for (const [role, staffPage] of pages) {
    it(`${staffPage.name} (${role}): at 1366×768 no table overflows and the content is ≥ 1000 px wide`, async () => {
      const page = await as(role);
      await page.setViewportSize(LAPTOP);
      await staffPage.open(page);
      expect(new URL(page.url()).pathname).to.match(/^\/admin/);
      await journey.shot(page, `${staffPage.name}-1366`);
      expect(await noTableOverflow(page), 'tables wider than their boxes').to.deep.equal([]);
      expect(await contentWidth(page), 'width of the content column').to.be.at.least(1000);
      // The menu is there without asking for it.
      expect(await page.locator('[data-staff-menu] a[href="/admin"]').isVisible()).to.equal(true);
    });

    it(`${staffPage.name} (${role}): at 390×844 the document does not scroll sideways${staffPage.list ? ' and the list is cards' : ''}`, async () => {
      const page = await as(role);
      await page.setViewportSize(PHONE);
      await staffPage.open(page);
      await journey.shot(page, `${staffPage.name}-390`);
      const { scrollWidth } = await documentWidths(page);
      expect(scrollWidth, 'document width').to.be.at.most(PHONE.width);
      if (staffPage.list) {
        const cards = await listAsCards(page);
        expect(cards.rows, 'rows of a card list').to.be.above(0);
        expect(cards.tableRows, 'rows still laid out as table rows').to.equal(0);
        // Each card names its fields: the labels come from data-label.
        expect(cards.unlabelled, 'cells without a label').to.deep.equal([]);
      }
    });
  }

  it('on a phone the menu is one button that opens it, with and without JavaScript', async () => {
    for (const javaScript of [true, false]) {
      const page = await as('marketing', javaScript);
      page.setDefaultTimeout(15_000);
      await page.setViewportSize(PHONE);
      await page.goto('/admin/orders');
      const toggle = page.locator('[data-staff-menu] > summary');
      const link = page.locator('[data-staff-menu] a[href="/admin/requests"]');
      expect(await toggle.isVisible(), `menu button (JavaScript ${javaScript})`).to.equal(true);
      expect(await link.isVisible(), `menu closed (JavaScript ${javaScript})`).to.equal(false);
      await toggle.click();
      await link.waitFor({ state: 'visible' });
      // axe-core runs as a script: not in a page without JavaScript.
      await journey.shot(page, `menu-open-390${javaScript ? '' : '-no-js'}`, { axe: javaScript });
      await clickAndLoad(page, link);
      expect(new URL(page.url()).pathname).to.equal('/admin/requests');
      if (!javaScript) await page.context().close();
    }
  });
});
