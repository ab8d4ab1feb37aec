import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { ROOT } from '../../src/app.ts';
import { createProduct, publishProduct } from '../../src/catalog/service.ts';
import { vilniusDate, vilniusDayStart } from '../../src/lib/dates.ts';
import { Invoice, ServiceRequest, type InvoiceDoc } from '../../src/services/model.ts';
import { getSettings } from '../../src/settings/service.ts';
import { lt, productInput } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

const SERVICE = 'Dovanų rinkinių pakavimas';
const PHOTO = path.join(ROOT, 'test', 'fixtures', 'photo.jpg');

/** A Vilnius calendar date `days` from today, as a date field takes it. */
function dayFromToday(days: number): string {
  const [y, m, d] = vilniusDate(new Date()).split('-').map(Number) as [number, number, number];
  return vilniusDate(vilniusDayStart(y, m, d + days));
}

/** The request's state as its page shows it (the badge). */
async function shownState(page: Page): Promise<string | null> {
  return page.locator('[data-state]').first().getAttribute('data-state');
}

describe('e2e: a business orders a service', function () {
  this.timeout(180_000);
  const e2e = useE2eApp({ stripe: false });

  before(async () => {
    await seedOrganisation();
    const service = await createProduct(
      productInput({
        kind: 'service',
        titleLt: SERVICE,
        titleEn: 'Gift set packing',
        sku: 'PASL-PAK',
        stockMode: 'made_to_order',
        unitLt: 'rinkinys',
        unitEn: 'set',
        leadTimeDays: 10,
        price: 150,
      }),
      [],
      e2e.storage,
      await getSettings(),
    );
    await publishProduct(String(service._id));
  });

  it('requests a service, accepts the quote marketing sent, and downloads the invoice', async () => {
    const j = await new Journey('business-service-request').start();
    const business = await (await e2e.newContext()).newPage();
    const staff = await (await e2e.newContext()).newPage();

    // The business finds the service and sends a request with an attachment.
    await business.goto('/services');
    await j.shot(business, 'services');
    await business
      .getByRole('link', { name: new RegExp(`${lt('requests.requestThis')}.*${SERVICE}`) })
      .click();
    await business.waitForURL('**/requests/new?service=*');
    expect(await business.getByLabel(lt('requests.service')).inputValue()).to.not.equal('');
    await business.getByRole('button', { name: lt('requests.submit') }).click();
    await business.locator('.error-summary').waitFor();
    expect(await ServiceRequest.countDocuments()).to.equal(0);
    await j.shot(business, 'request-errors');
    await business.getByLabel(lt('requests.companyName')).fill('UAB Pakuotė');
    await business.getByLabel(lt('requests.companyCode')).fill('304111222');
    // The invoice at the end needs the buyer's postal address.
    await business.locator('#address').fill('Gedimino pr. 1');
    await business.locator('#city').fill('Vilnius');
    await business.locator('#postcode').fill('LT-01103');
    await business.getByLabel(lt('requests.contactName')).fill('Rūta Pirkėja');
    await business.getByLabel(lt('fields.email')).fill('ruta@pakuote.example');
    await business.getByLabel(lt('fields.phone')).fill('+370 600 12345');
    await business.getByLabel(lt('requests.description')).fill('Supakuoti 40 dovanų rinkinių renginiui.');
    await business.getByLabel(lt('requests.quantity')).fill('40');
    await business.getByLabel(lt('requests.desiredOn')).fill(dayFromToday(20));
    await business.getByLabel(lt('requests.attachments')).setInputFiles({
      name: 'pavyzdys.jpg',
      mimeType: 'image/jpeg',
      buffer: await readFile(PHOTO),
    });
    await j.shot(business, 'request-filled');
    await business.getByRole('button', { name: lt('requests.submit') }).click();
    await business.waitForURL(/\/requests\/[\w-]{20,}\?submitted=1$/);
    const submitted = await ServiceRequest.findOne().lean();
    expect(submitted?.state).to.equal('submitted');
    expect(submitted?.attachments).to.have.length(1);
    expect(await business.locator('[data-submitted]').count()).to.equal(1);
    const trackingUrl = business.url().replace(/\?.*$/, '');
    await j.shot(business, 'request-received');

    // Marketing reviews it and sends a quote.
    await signInWithForm(staff, await makeStaff('marketing'));
    await staff
      .getByRole('navigation', { name: lt('admin.nav') })
      .getByRole('link', { name: lt('requests.navLabel') })
      .click();
    await staff.waitForURL('**/admin/requests');
    await j.shot(staff, 'staff-requests');
    await staff.getByRole('link', { name: submitted!.reference }).first().click();
    await staff.waitForURL(`**/admin/requests/${String(submitted!._id)}`);
    await clickAndLoad(staff, staff.getByRole('button', { name: lt('workflow.review') }));
    await staff.locator('#description-0').fill('Rinkinių pakavimas');
    await staff.locator('#quantity-0').fill('40');
    await staff.locator('#unitPrice-0').fill('1,50');
    await staff.locator('#vatRate-0').fill('0');
    await staff.getByLabel(lt('quote.validUntil')).fill(dayFromToday(14));
    await staff.getByLabel(lt('quote.leadTime')).fill('10');
    await j.shot(staff, 'staff-quote');
    await clickAndLoad(staff, staff.getByRole('button', { name: lt('quote.saveAndSend') }));
    expect(await staff.locator('.notice--success').textContent()).to.contain(lt('quote.sentFlash'));
    expect(await shownState(staff)).to.equal('quoted');
    await j.shot(staff, 'staff-quote-sent');

    // The business accepts the quote on its private page, typing its name.
    await business.goto(trackingUrl);
    expect(await shownState(business)).to.equal('quoted');
    await business.getByLabel(lt('quote.acceptedByLabel')).fill('Rūta Pirkėja');
    await j.shot(business, 'quote');
    await clickAndLoad(business, business.getByRole('button', { name: lt('quote.accept') }));
    expect(await business.locator('[data-answer]').getAttribute('data-answer')).to.equal('accepted');
    await j.shot(business, 'quote-accepted-next');
    await business.goto(trackingUrl);
    expect(await shownState(business)).to.equal('accepted');
    await j.shot(business, 'quote-accepted');

    // Marketing schedules and does the job; completing it issues the invoice, after its preview.
    await staff.reload();
    await staff.getByLabel(lt('job.scheduledOn')).fill(dayFromToday(3));
    await clickAndLoad(staff, staff.getByRole('button', { name: lt('job.schedule') }));
    await clickAndLoad(staff, staff.getByRole('button', { name: lt('job.start') }));
    expect(await shownState(staff)).to.equal('in_progress');
    // Completing issues the invoice: its preview first, then the confirmation.
    await clickAndLoad(staff, staff.getByRole('link', { name: lt('job.review') }));
    await clickAndLoad(staff, staff.getByRole('button', { name: lt('invoice.confirmIssue') }));
    expect(await shownState(staff)).to.equal('invoiced');
    await j.shot(staff, 'staff-invoiced');
    const invoice = await Invoice.findOne({ requestId: submitted!._id, kind: 'invoice' }).lean<InvoiceDoc>();
    expect(invoice?.totals?.grossCents).to.equal(6000);

    // The business sees the invoice and downloads its PDF.
    await business.goto(trackingUrl);
    expect(await shownState(business)).to.equal('invoiced');
    await j.shot(business, 'invoice');
    const [download] = await Promise.all([
      business.waitForEvent('download'),
      business.locator(`a[href$="/invoices/${String(invoice!._id)}/pdf"]`).click(),
    ]);
    const saved = path.join(j.dir, download.suggestedFilename());
    await download.saveAs(saved);
    const pdf = await readFile(saved);
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    expect(download.suggestedFilename()).to.match(/\.pdf$/);
  });
});
