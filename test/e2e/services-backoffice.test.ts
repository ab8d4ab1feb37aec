import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { Invoice, Quote, type QuoteDoc } from '../../src/services/model.ts';
import { submitRequest } from '../../src/services/service.ts';
import { lt } from '../integration/helpers.ts';
import { completedJob, requestFields, serviceContext } from '../integration/services-support.ts';
import { makeStaff } from '../support/app.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

/**
 * The first primary action of the page lies inside the first screen (the viewport, not scrolled).
 * On a phone the back office's menu comes first (the shared layout folds it away); there the
 * action must be within one screen from where the page's own content starts.
 */
async function primaryInFirstScreen(page: Page): Promise<void> {
  const box = await page.locator('[data-primary]').first().boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, 'no primary action on the page').to.not.equal(null);
  const top = viewport.width < 600 ? (await page.locator('.admin-main').boundingBox())!.y : 0;
  const bottom = box!.y + box!.height - top;
  expect(bottom, `primary action ends ${bottom}px into the first screen`).to.be.at.most(viewport.height);
  expect(box!.x + box!.width).to.be.at.most(viewport.width);
}

async function newRequest(ctx: ReturnType<typeof serviceContext>): Promise<string> {
  const f = requestFields();
  const created = await submitRequest(
    {
      companyName: f.companyName!,
      companyCode: f.companyCode!,
      vatCode: f.vatCode!,
      address: f.address!,
      city: f.city!,
      postcode: f.postcode!,
      country: f.country!,
      contactName: f.contactName!,
      email: f.email!,
      phone: f.phone!,
      service: 'other',
      description: f.description!,
      quantity: 200,
      desiredOn: null,
    },
    [],
    'lt',
    ctx,
  );
  return String(created._id);
}

describe('e2e: the marketing specialist runs business requests from the back office', function () {
  this.timeout(180_000);
  const e2e = useE2eApp({ stripe: false });

  before(async () => {
    await seedOrganisation();
  });

  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    it(`quotes with lines added in the page, previews and issues an invoice at ${viewport.width}×${viewport.height}`, async () => {
      const j = await new Journey(`services-backoffice-${viewport.width}`).start();
      const ctx = serviceContext(e2e.config);
      const staff = await (await e2e.newContext()).newPage();
      await staff.setViewportSize(viewport);
      await signInWithForm(staff, await makeStaff('marketing'));

      // A new request: the next step (prepare a quote) is on the first screen.
      const id = await newRequest(ctx);
      await staff.goto(`/admin/requests/${id}`);
      await primaryInFirstScreen(staff);
      await j.shot(staff, 'request-new');

      // With JavaScript the editor keeps one empty row and adds more on demand.
      const rows = staff.locator('[data-quote-lines] tbody tr');
      expect(await rows.count()).to.equal(1);
      await staff.locator('#description-0').fill('Pakavimas');
      await staff.locator('#quantity-0').fill('200');
      await staff.locator('#unitPrice-0').fill('1,50');
      await staff.getByRole('button', { name: lt('quote.addLine') }).click();
      expect(await rows.count()).to.equal(2);
      await staff.locator('#description-1').fill('Kaspinai');
      await staff.locator('#quantity-1').fill('200');
      await staff.locator('#unitPrice-1').fill('0,20');
      await staff.getByRole('button', { name: lt('quote.addLine') }).click();
      await staff.locator('#description-2').fill('Klaidinga eilutė');
      await staff.getByRole('button', { name: lt('quote.removeLine', { n: 3 }) }).click();
      expect(await rows.count()).to.equal(2);
      await j.shot(staff, 'quote-lines-added');
      await clickAndLoad(staff, staff.getByRole('button', { name: lt('quote.saveDraft') }));
      const draft = await Quote.findOne({ requestId: id, status: 'draft' }).lean<QuoteDoc>();
      expect(draft?.lines.map((l) => l.description)).to.deep.equal(['Pakavimas', 'Kaspinai']);
      expect(draft?.totals?.grossCents).to.equal(34000);
      // The page shows the lines of the quote and its amount at the top.
      await primaryInFirstScreen(staff);
      expect(await staff.locator('[data-amount]').innerText()).to.contain('340,00');
      await j.shot(staff, 'quote-draft');

      // A completed job: the invoice is reviewed before it is issued.
      const job = await completedJob(ctx);
      await staff.goto(`/admin/requests/${String(job._id)}`);
      await primaryInFirstScreen(staff);
      await j.shot(staff, 'job-completed');
      await clickAndLoad(staff, staff.getByRole('link', { name: lt('invoice.review') }));
      expect(await staff.locator('[data-preview-number]').innerText()).to.contain(
        lt('invoice.previewNextNumber', { series: 'DRB' }),
      );
      expect(await staff.locator('[data-preview-lines] tbody tr').count()).to.equal(2);
      expect(await Invoice.countDocuments({ requestId: job._id })).to.equal(0);
      await primaryInFirstScreen(staff);
      await j.shot(staff, 'invoice-preview');
      await clickAndLoad(staff, staff.getByRole('button', { name: lt('invoice.confirmIssue') }));
      expect(await staff.locator('[data-state]').first().getAttribute('data-state')).to.equal('invoiced');
      expect(await Invoice.countDocuments({ requestId: job._id })).to.equal(1);
      // Next: marking it paid, on the first screen too.
      await primaryInFirstScreen(staff);
      await j.shot(staff, 'invoice-issued');
    });
  }
});
