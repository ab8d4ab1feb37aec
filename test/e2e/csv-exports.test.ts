import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { pino } from 'pino';
import type { Page } from 'playwright-core';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { markPaid, refundOrder } from '../../src/orders/transitions.ts';
import { createCommerce } from '../../src/payments/commerce.ts';
import { getSettings } from '../../src/settings/service.ts';
import { finalisePeriod } from '../../src/stipends/service.ts';
import { checkoutInput, lt, publishedGood } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { columnTotal, lithuanianCents, readCsv, screenCents } from '../support/csv-reader.ts';
import { noTableOverflow } from './measure.ts';
import { Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';
import { onaAndJonas } from '../support/two-participants.ts';

const period = vilniusPeriod(new Date());
const SIZES = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Clicks a download link and reads the file the browser saved, as text. */
async function download(page: Page, selector: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).first().click()]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(saved, 'utf8') };
}

/** What the page shows in an element, as cents. */
async function shown(page: Page, selector: string): Promise<number> {
  return screenCents((await page.locator(selector).first().innerText()).trim());
}

describe('e2e: the accountant’s CSVs open as the screen shows them', function () {
  this.timeout(180_000);
  const e2e = useE2eApp({ stripe: false });
  let admin: { email: string; password: string; id: string };

  before(async () => {
    await seedOrganisation();
    admin = await makeStaff('admin');
    const commerce = createCommerce({
      config: e2e.config,
      logger: pino({ level: 'silent' }),
      mailer: { sendOrderMail: async () => undefined, send: async () => undefined },
    });
    const ctx = commerce.context('Testas');
    const good = await publishedGood(e2e.storage, {
      titleLt: 'Keramikinis puodelis',
      sku: 'PUO-1',
      price: 123456,
      stockQuantity: 50,
    });
    for (const [name, quantity] of [
      ['Ona Žemaitė', 2],
      ['=HYPERLINK("x")', 1],
      ['Jonas Petraitis', 3],
    ] as const) {
      const o = await placeOrder({
        items: [{ productId: good, quantity }],
        form: checkoutInput({ name }),
        lang: 'lt',
        settings: await getSettings(),
        cardPaymentsEnabled: false,
      });
      const paid = await markPaid(String(o._id), ctx, { via: 'staff' });
      if (quantity === 3) await refundOrder(String(paid._id), 10_001, 'sudužo', ctx);
    }
    const actor = { id: admin.id, role: 'admin', name: 'Administratorė' };
    await onaAndJonas(actor, [period]);
    await finalisePeriod(period, actor);
  });

  for (const size of SIZES) {
    it(`at ${size.width}×${size.height}: orders, ledger and stipends offer both formats; the files add up to the screen`, async () => {
      const j = await new Journey(`csv-exports-${size.name}`).start();
      const context = await e2e.newContext();
      const page = await context.newPage();
      await page.setViewportSize({ width: size.width, height: size.height });
      await signInWithForm(page, admin);

      // Orders: the totals of the filtered list, and the file read with `;` and decimal comma.
      await page.goto('/admin/orders');
      expect(await noTableOverflow(page)).to.deep.equal([]);
      expect(await page.locator('[data-csv="spreadsheet"]').first().innerText()).to.equal(
        lt('csv.spreadsheet'),
      );
      await j.shot(page, 'orders');
      await page.screenshot({ path: `/tmp/shots-csv/orders-${size.name}.png`, fullPage: true });
      const orders = await download(page, '[data-csv="spreadsheet"]');
      expect(orders.name).to.match(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
      const ordersDoc = readCsv(orders.text, ';');
      for (const [key, header] of [
        ['items_net', 'itemsNet'],
        ['vat', 'vat'],
        ['delivery', 'delivery'],
        ['gross', 'gross'],
        ['refunded', 'refunded'],
      ] as const) {
        expect(columnTotal(ordersDoc, lt(`ordersAdmin.csv.${header}`), lithuanianCents), key).to.equal(
          await shown(page, `[data-total="${key}"]`),
        );
      }
      expect(await shown(page, '[data-total="refunded"]')).to.equal(10_001);
      const machine = await download(page, '[data-csv="machine"]');
      expect(machine.name).to.match(/-machine\.csv$/);
      expect(readCsv(machine.text, ',').header[0]).to.equal('number');

      // Ledger: the month's file adds up to the balances page's grand total.
      await page.goto(`/admin/ledger?period=${period}`);
      await j.shot(page, 'ledger');
      await page.screenshot({ path: `/tmp/shots-csv/ledger-${size.name}.png`, fullPage: true });
      const ledger = readCsv((await download(page, '[data-csv="spreadsheet"]')).text, ';');
      await page.goto(`/admin/ledger/balances?period=${period}`);
      const grand = page.locator('tr[data-grand-total] td');
      const debit = screenCents((await grand.nth(0).innerText()).trim());
      const credit = screenCents((await grand.nth(1).innerText()).trim());
      expect(columnTotal(ledger, lt('ledger.csv.debit'), lithuanianCents)).to.equal(debit);
      expect(columnTotal(ledger, lt('ledger.csv.credit'), lithuanianCents)).to.equal(credit);
      expect(debit).to.be.greaterThan(0);

      // Stipends: the finalised month's file adds up to its allocation table's totals row.
      await page.goto(`/admin/stipends/${period}`);
      // On a phone the allocation table scrolls in its own box, as it did before its totals row.
      if (size.name === 'laptop') expect(await noTableOverflow(page)).to.deep.equal([]);
      await j.shot(page, 'stipends-month');
      await page.screenshot({ path: `/tmp/shots-csv/stipends-${size.name}.png`, fullPage: true });
      const stipends = readCsv((await download(page, '[data-csv="spreadsheet"]')).text, ';');
      for (const [of, header] of [
        ['attributed', 'stipends.csv.attributed'],
        ['base', 'stipends.csv.base'],
        ['performance', 'stipends.csv.performance'],
        ['total', 'stipends.csv.total'],
      ] as const) {
        expect(columnTotal(stipends, lt(header), lithuanianCents), of).to.equal(
          await shown(page, `[data-total-of="${of}"]`),
        );
      }
      expect(await shown(page, '[data-total-of="total"]')).to.be.greaterThan(0);
      await context.close();
    });
  }
});
