import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { issueInvoice, markInvoicePaid } from '../../src/services/invoices.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { completedJob, serviceContext } from '../integration/services-support.ts';
import { makeStaff } from '../support/app.ts';
import { documentWidths, noTableOverflow } from './measure.ts';
import { Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

const SHOTS = '/tmp/shots-ubl16';
const SIZES = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** The e-invoice beside the invoice's PDF (staff and business) and the month's i.SAF on the ledger. */
describe('e2e: e-invoice and i.SAF downloads', function () {
  this.timeout(180_000);
  const e2e = useE2eApp({ stripe: false });
  let admin: { email: string; password: string; id: string };
  let requestId = '';
  let token = '';
  const month = vilniusPeriod(new Date());

  before(async () => {
    await seedOrganisation();
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      { $set: { vatPayer: true, vatCode: 'LT100009998887' } },
    );
    admin = await makeStaff('admin');
    const ctx = serviceContext(e2e.config);
    const job = await completedJob(ctx);
    const invoice = await issueInvoice(String(job._id), ctx);
    await markInvoicePaid(String(invoice._id), { method: 'bank_transfer' }, ctx);
    requestId = String(job._id);
    token = job.token;
    await mkdir(SHOTS, { recursive: true });
  });

  it('offers the e-invoice beside the PDF and the i.SAF on the ledger, without overflow at 1366 and 390', async () => {
    const j = await new Journey('einvoices').start();
    const context = await e2e.newContext();
    const page = await context.newPage();
    await signInWithForm(page, admin);
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });

      await page.goto(`/admin/requests/${requestId}`);
      const staffLink = page.locator('a[data-ubl]').first();
      await staffLink.scrollIntoViewIfNeeded();
      expect(await staffLink.isVisible()).to.equal(true);
      await j.shot(page, `request-${size.name}`);
      const xml = await page.request.get((await staffLink.getAttribute('href'))!);
      expect(xml.status()).to.equal(200);
      expect(await xml.text()).to.contain('<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>');

      await page.goto(`/admin/ledger/balances?period=${month}`);
      const isaf = page.locator('[data-isaf] a');
      expect(await isaf.getAttribute('href')).to.equal(`/admin/isaf/${month}.xml`);
      expect(await noTableOverflow(page)).to.deep.equal([]);
      const widths = await documentWidths(page);
      expect(widths.scrollWidth).to.be.at.most(widths.viewport);
      await j.shot(page, `ledger-balances-${size.name}`);
      const file = await page.request.get(`/admin/isaf/${month}.xml`);
      expect(file.status()).to.equal(200);
      expect(await file.text()).to.contain('<InvoiceType>SF</InvoiceType>');
    }

    // The business, on its private page, on a phone.
    const business = await e2e.newContext();
    const own = await business.newPage();
    await own.setViewportSize({ width: 390, height: 844 });
    await own.goto(`/requests/${token}`);
    const link = own.locator('a[data-ubl]').first();
    await link.scrollIntoViewIfNeeded();
    expect(await link.isVisible()).to.equal(true);
    await j.shot(own, 'tracking-phone');
    const mine = await own.request.get((await link.getAttribute('href'))!);
    expect(mine.status()).to.equal(200);
    for (const file of j.files) await copyFile(file, path.join(SHOTS, path.basename(file)));
    await business.close();
    await context.close();
  });
});
