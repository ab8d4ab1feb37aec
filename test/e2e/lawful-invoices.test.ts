import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { Invoice, ServiceRequest, type InvoiceDoc } from '../../src/services/model.ts';
import { issueCreditNote } from '../../src/services/invoices.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { lt } from '../integration/helpers.ts';
import { completedJob, dayFromToday, serviceContext } from '../integration/services-support.ts';
import { makeStaff } from '../support/app.ts';
import { paidVaseOrder, vase } from '../support/paid-orders.ts';
import { readPdf } from '../support/pdf-text.ts';
import { noTableOverflow } from './measure.ts';
import { clickAndLoad, Journey, signInWithForm, useE2eApp } from './support.ts';

/** A document's PDF as the signed-in staff member downloads it, kept beside the screenshots. */
async function pdfOf(page: Page, j: Journey, invoiceId: string, name: string) {
  const res = await page.request.get(`/admin/service-invoices/${invoiceId}/pdf`);
  expect(res.status()).to.equal(200);
  expect(res.headers()['content-type']).to.contain('application/pdf');
  const bytes = await res.body();
  await writeFile(path.join(j.dir, `${name}.pdf`), bytes);
  return readPdf(bytes);
}

describe('e2e: lawful invoices, credit notes and a shop order’s VAT invoice', function () {
  this.timeout(240_000);
  const e2e = useE2eApp({ stripe: false });
  let productId: string;

  before(async () => {
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      {
        $set: {
          displayName: 'Pajūrio dirbtuvės',
          legalName: 'VšĮ Pajūrio socialinės dirbtuvės',
          companyCode: '306124584',
          vatPayer: true,
          vatCode: 'LT100045612',
          address: 'Vilniaus g. 12',
          city: 'Kretinga',
          postcode: 'LT-97104',
          country: 'LT',
          iban: 'LT737300010012345678',
          bankName: 'Swedbank, AB',
          defaultVatRateBps: 2100,
        },
      },
      { upsert: true },
    );
    productId = await vase(e2e.storage);
  });

  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    it(`issues a service invoice after fixing the buyer's address, a credit note and a shop order's invoice at ${viewport.width}×${viewport.height}`, async () => {
      const j = await new Journey(`lawful-invoices-${viewport.width}`).start();
      const ctx = serviceContext(e2e.config, 'Rasa Rinkodarienė');
      const staff = await (await e2e.newContext()).newPage();
      await staff.setViewportSize(viewport);
      await signInWithForm(staff, await makeStaff('marketing'));

      // A job done three days ago whose buyer gave no street or city.
      const job = await completedJob(ctx, [
        {
          description: 'Etikečių klijavimas',
          quantity: 6,
          unit: 'HUR',
          unitNetCents: 1500,
          vatRateBps: 2100,
        },
        {
          description: 'Dovanų rinkiniai',
          quantity: 10,
          unit: 'SET',
          unitNetCents: 1200,
          discountCents: 1000,
          vatRateBps: 2100,
        },
      ]);
      const doneOn = dayFromToday(-3);
      await ServiceRequest.updateOne(
        { _id: job._id },
        { $set: { 'company.address': '', 'company.city': '', completedAt: new Date(`${doneOn}T09:00:00Z`) } },
      );
      const id = String(job._id);
      await staff.goto(`/admin/requests/${id}/invoice`);
      expect(await staff.locator('[data-buyer-incomplete]').innerText()).to.contain(
        lt('invoice.buyerField.address'),
      );
      expect(await staff.locator('[data-confirm-form]').count()).to.equal(0);
      await j.shot(staff, 'invoice-refused-without-address');

      // The notice's button leads to the buyer's details; filled in, the invoice can be issued.
      await clickAndLoad(staff, staff.getByRole('link', { name: lt('invoice.fixBuyer') }));
      expect(new URL(staff.url()).pathname).to.equal(`/admin/requests/${id}/buyer`);
      await staff.locator('#address').fill('Gedimino pr. 1');
      await staff.locator('#city').fill('Vilnius');
      await j.shot(staff, 'buyer-address');
      await clickAndLoad(staff, staff.getByRole('button', { name: lt('buyer.save') }));
      await staff.goto(`/admin/requests/${id}/invoice`);
      expect(await staff.locator('[data-preview-supply]').innerText()).to.equal(doneOn);
      expect(await staff.locator('[data-preview-lines]').innerText()).to.contain(lt('pdf.unit.HUR'));
      expect(await noTableOverflow(staff)).to.deep.equal([]);
      await j.shot(staff, 'invoice-preview');
      await clickAndLoad(staff, staff.getByRole('button', { name: lt('invoice.confirmIssue') }));
      const invoice = (await Invoice.findOne({ requestId: job._id, kind: 'invoice' }).lean<InvoiceDoc>())!;
      await j.shot(staff, 'invoice-issued');

      const printed = await pdfOf(staff, j, String(invoice._id), 'service-invoice');
      expect(printed.pages).to.have.length(1);
      for (const words of [
        'PVM sąskaita faktūra',
        `Serija DRB Nr. ${String(invoice.number).padStart(6, '0')}`,
        `Tiekimo data: ${doneOn}`,
        'Adresas: Vilniaus g. 12, LT-97104 Kretinga',
        'Adresas: Gedimino pr. 1, LT-01103 Vilnius',
        'PVM mokėtojo kodas: LT100045612',
        'Įmonės kodas: 304111222',
        'Nuolaida',
        'Apmokestinamoji',
        // Issued from the browser: by the signed-in staff member.
        'Sąskaitą išrašė: Test marketing',
      ])
        expect(printed.text).to.contain(words);
      expect(printed.text).to.match(/6 val\./);

      const note = await issueCreditNote(
        String(invoice._id),
        { amountCents: 5000, reason: 'Dalis darbo nepadaryta' },
        ctx,
      );
      const credit = await pdfOf(staff, j, String(note._id), 'credit-note');
      expect(credit.text.startsWith('Kreditinė PVM sąskaita faktūra\n')).to.equal(true);
      expect(credit.text).to.contain(
        `Koreguojama sąskaita faktūra: DRB ${String(invoice.number).padStart(6, '0')}`,
      );
      expect(credit.text).to.contain('Koregavimo priežastis: Dalis darbo nepadaryta');

      // A shop order: staff enter the company, review and confirm its VAT invoice.
      const orderId = await paidVaseOrder(e2e, productId, { quantity: 2 });
      await staff.goto(`/admin/orders/${orderId}`);
      await j.shot(staff, 'order-without-invoice');
      await clickAndLoad(staff, staff.locator('[data-edit-invoice-request]'));
      await staff.locator('#companyName').fill('SIA Rīgas Dāvanas');
      await staff.locator('#companyCode').fill('40003012345');
      await staff.locator('#vatCode').fill('LT12');
      await staff.locator('#address').fill('Brīvības iela 5');
      await staff.locator('#city').fill('Rīga');
      await staff.locator('#postcode').fill('LV-1010');
      await staff.locator('#country').fill('LV');
      await clickAndLoad(staff, staff.getByRole('button', { name: lt('orderInvoice.saveRequest') }));
      expect(await staff.locator('#vatCode-error').innerText()).to.contain(lt('errors.vatCode'));
      await j.shot(staff, 'order-company-refused');
      await staff.locator('#vatCode').fill('LV40003012345');
      await clickAndLoad(staff, staff.getByRole('button', { name: lt('orderInvoice.saveRequest') }));
      expect(new URL(staff.url()).pathname).to.equal(`/admin/orders/${orderId}/invoice`);
      expect(await noTableOverflow(staff)).to.deep.equal([]);
      await j.shot(staff, 'order-invoice-preview');
      await clickAndLoad(staff, staff.getByRole('button', { name: lt('invoice.confirmIssue') }));
      const orderInvoice = (await Invoice.findOne({ orderId, kind: 'invoice' }).lean<InvoiceDoc>())!;
      expect(orderInvoice.number).to.equal(invoice.number + 1);
      expect(await staff.locator('[data-invoice-pdf]').count()).to.equal(1);
      await j.shot(staff, 'order-invoice-issued');
      const orderPdf = await pdfOf(staff, j, String(orderInvoice._id), 'order-invoice');
      for (const words of [
        'PVM sąskaita faktūra',
        'VAT invoice',
        'Užsakymas / Order:',
        'PVM mokėtojo kodas / VAT code: LV40003012345',
        'Latvija',
        'Keraminė vaza',
      ])
        expect(orderPdf.text).to.contain(words);
    });
  }
});
