import { expect } from 'chai';
import { Invoice, ServiceEvent, Settlement, type InvoiceDoc } from '../../src/services/model.ts';
import { issueInvoice } from '../../src/services/invoices.ts';
import { startJob } from '../../src/services/service.ts';
import { csrfFrom, signInAs, useTestApp, type Agent } from '../support/app.ts';
import { en } from '../../src/web/i18n/en.ts';
import { expectMessage, formKeyFrom, unescapeHtml } from './helpers.ts';
import {
  completedJob,
  quotedRequest,
  reload,
  requestFields,
  serviceContext,
  staffPost,
  submitValidRequest,
} from './services-support.ts';
import { acceptQuote } from '../../src/services/service.ts';

/** The staff request page as the marketing specialist's tool: summary first, confirmations, buyer editing. */
describe('service requests in the back office', () => {
  const t = useTestApp();
  let marketing: Agent;

  before(async () => {
    marketing = await signInAs(t.app, 'marketing');
  });

  const buyerFields = (overrides: Record<string, string> = {}) => {
    const f = requestFields();
    return {
      companyName: 'UAB Nauja Pakuotė',
      companyCode: '304111333',
      vatCode: 'LT100011113319',
      address: 'Konstitucijos pr. 7',
      city: 'Vilnius',
      postcode: '09308',
      country: 'LT',
      contactName: f.contactName!,
      email: f.email!,
      phone: f.phone!,
      ...overrides,
    };
  };

  describe('the request page', () => {
    it('puts the state, the amount and the next action before the details, and shows the quote lines', async () => {
      const ctx = serviceContext(t.config);
      const quoted = await quotedRequest(ctx);
      await acceptQuote(quoted.token, 1, { name: 'Priėmėjas', ip: '127.0.0.1' }, ctx);
      const html = (await marketing.get(`/admin/requests/${String(quoted._id)}`).expect(200)).text;
      const summary = html.indexOf('data-request-summary');
      expect(summary).to.be.greaterThan(0);
      expect(html.indexOf('data-primary')).to.be.greaterThan(summary);
      expect(html.indexOf('data-primary')).to.be.lessThan(html.indexOf('id="company-heading"'));
      expect(html.indexOf('data-primary')).to.be.lessThan(html.indexOf('id="timeline-heading"'));
      expect(html).to.match(/data-amount><strong>[^<]*160,20/);
      const lines = html.slice(html.indexOf('data-quote-lines-of="1"'));
      expect(lines).to.contain('Pakavimas').and.to.contain('Etiketės');
    });

    it('offers ten empty quote rows without JavaScript', async () => {
      const { request } = await submitValidRequest(t.app);
      const html = (await marketing.get(`/admin/requests/${String(request._id)}`).expect(200)).text;
      expect(html.match(/name="description" value=""/g)).to.have.length(10);
      expect(html).to.contain('src="/static/js/quote-lines.js"');
    });
  });

  describe('issuing an invoice', () => {
    it('shows a preview with the lines, totals, buyer and "the next number", and stores nothing', async () => {
      const job = await completedJob(serviceContext(t.config));
      const res = await marketing.get(`/admin/requests/${String(job._id)}/invoice`).expect(200);
      expect(res.text).to.contain('data-invoice-preview');
      expectMessage(res.text, 'invoice.previewNextNumber', { series: 'DRB' });
      expect(res.text).to.contain('Pakavimas').and.to.contain('UAB Pakuotė').and.to.contain('304111222');
      expect(res.text).to.match(/160,20/);
      expect(await Invoice.countDocuments({ requestId: job._id })).to.equal(0);
    });

    it('refuses to issue without the confirmation: the preview again with a message, no invoice', async () => {
      const job = await completedJob(serviceContext(t.config));
      const page = `/admin/requests/${String(job._id)}`;
      const token = csrfFrom((await marketing.get(page).expect(200)).text);
      const res = await staffPost(marketing, `${page}/invoice`, token, {}).expect(422);
      expectMessage(res.text, 'confirm.requiredIssue');
      expect(res.text).to.contain('data-invoice-preview');
      expect(await Invoice.countDocuments({ requestId: job._id })).to.equal(0);
      expect((await reload(job._id)).state).to.equal('completed');
    });

    it('refuses to complete (and invoice) a job without the confirmation', async () => {
      const ctx = serviceContext(t.config);
      const quoted = await quotedRequest(ctx);
      await acceptQuote(quoted.token, 1, { name: 'Priėmėjas', ip: '127.0.0.1' }, ctx);
      await startJob(String(quoted._id), ctx);
      const page = `/admin/requests/${String(quoted._id)}`;
      const preview = (await marketing.get(`${page}/invoice`).expect(200)).text;
      expectMessage(preview, 'invoice.previewCompletes');
      const token = csrfFrom(preview);
      await staffPost(marketing, `${page}/complete`, token, { confirm: 'yes' }).expect(422);
      expect((await reload(quoted._id)).state).to.equal('in_progress');
      expect(await Invoice.countDocuments({ requestId: quoted._id })).to.equal(0);
    });

    it('issues one invoice for two concurrent confirmations of the preview, with the previewed data', async () => {
      const job = await completedJob(serviceContext(t.config));
      const page = `/admin/requests/${String(job._id)}`;
      const html = (await marketing.get(`${page}/invoice`).expect(200)).text;
      const fields = { confirm: '1', formKey: formKeyFrom(html, `${page}/invoice`) };
      const token = csrfFrom(html);
      const responses = await Promise.all([
        staffPost(marketing, `${page}/invoice`, token, fields),
        staffPost(marketing, `${page}/invoice`, token, fields),
      ]);
      expect(responses.map((r) => r.status)).to.deep.equal([303, 303]);
      const invoices = await Invoice.find({ requestId: job._id }).lean<InvoiceDoc[]>();
      expect(invoices).to.have.length(1);
      expect(invoices[0]!.buyer?.name).to.equal('UAB Pakuotė');
      expect(invoices[0]!.totals?.grossCents).to.equal(16020);
      // Two confirmations from two preview pages (two keys) still make one invoice.
      const again = (await marketing.get(`${page}/invoice`)).status;
      expect(again).to.equal(409);
    });
  });

  describe('marking an invoice paid', () => {
    it('refuses without the tick, with a message, and records no payment', async () => {
      const ctx = serviceContext(t.config);
      const job = await completedJob(ctx);
      const invoice = await issueInvoice(String(job._id), ctx);
      const page = `/admin/requests/${String(job._id)}`;
      const html = (await marketing.get(page).expect(200)).text;
      const action = `/admin/service-invoices/${String(invoice._id)}/paid`;
      const res = await staffPost(marketing, action, csrfFrom(html), {
        paidOn: '',
        formKey: formKeyFrom(html, action),
      }).expect(422);
      expectMessage(res.text, 'confirm.required');
      expect(res.text).to.contain('id="confirmPaid-error"');
      expect(await Settlement.countDocuments({ _id: String(invoice._id) })).to.equal(0);
      expect((await reload(job._id)).state).to.equal('invoiced');
    });

    it('records one payment for two concurrent confirmed posts', async () => {
      const ctx = serviceContext(t.config);
      const job = await completedJob(ctx);
      const invoice = await issueInvoice(String(job._id), ctx);
      const html = (await marketing.get(`/admin/requests/${String(job._id)}`).expect(200)).text;
      const action = `/admin/service-invoices/${String(invoice._id)}/paid`;
      const fields = { paidOn: '', confirm: '1', formKey: formKeyFrom(html, action) };
      const responses = await Promise.all([
        staffPost(marketing, action, csrfFrom(html), fields),
        staffPost(marketing, action, csrfFrom(html), fields),
      ]);
      expect(responses.map((r) => r.status)).to.deep.equal([303, 303]);
      expect(await Settlement.countDocuments({ _id: String(invoice._id) })).to.equal(1);
      expect((await reload(job._id)).state).to.equal('paid');
    });
  });

  describe('cancelling a request', () => {
    it('refuses without the tick, keeps the request open', async () => {
      const { request } = await submitValidRequest(t.app);
      const page = `/admin/requests/${String(request._id)}`;
      const token = csrfFrom((await marketing.get(page).expect(200)).text);
      const res = await staffPost(marketing, `${page}/cancel`, token, {
        reason: 'Klientas persigalvojo',
      }).expect(422);
      expectMessage(res.text, 'confirm.required');
      expect(res.text).to.contain('id="confirmCancel-error"');
      expect((await reload(request._id)).state).to.equal('submitted');
      await staffPost(marketing, `${page}/cancel`, token, {
        reason: 'Klientas persigalvojo',
        confirm: '1',
      }).expect(303);
      expect((await reload(request._id)).state).to.equal('cancelled');
    });
  });

  describe("the buyer's details", () => {
    it('are corrected before invoicing, logged on the timeline, and the invoice carries them', async () => {
      const ctx = serviceContext(t.config);
      const job = await completedJob(ctx);
      const page = `/admin/requests/${String(job._id)}`;
      const form = (await marketing.get(`${page}/buyer`).expect(200)).text;
      expect(form).to.contain('value="UAB Pakuotė"');
      await staffPost(marketing, `${page}/buyer`, csrfFrom(form), buyerFields()).expect(303);
      const stored = await reload(job._id);
      expect(stored.company?.name).to.equal('UAB Nauja Pakuotė');
      expect(stored.company?.code).to.equal('304111333');
      const event = await ServiceEvent.findOne({ requestId: job._id, kind: 'buyer_updated' }).lean();
      expect(event?.note).to.equal('companyName,companyCode,vatCode,address,postcode');
      expect(stored.company?.postcode).to.equal('LT-09308');
      const show = (await marketing.get(page).expect(200)).text;
      expectMessage(show, 'workflow.event.buyer_updated');
      const invoice = await issueInvoice(String(job._id), ctx);
      expect(invoice.buyer?.name).to.equal('UAB Nauja Pakuotė');
      expect(invoice.buyer?.vatCode).to.equal('LT100011113319');
    });

    for (const [field, value, key] of [
      ['companyCode', '12345', 'errors.companyCode'],
      ['vatCode', 'LT12', 'errors.vatCode'],
      ['email', 'ne-el-pastas', 'errors.email'],
      ['companyName', '', 'errors.required'],
      ['address', 'x'.repeat(301), 'errors.tooLong'],
    ] as const) {
      it(`refuses a malformed ${field} with a message and stores nothing`, async () => {
        const { request } = await submitValidRequest(t.app);
        const page = `/admin/requests/${String(request._id)}`;
        const token = csrfFrom((await marketing.get(`${page}/buyer`).expect(200)).text);
        const res = await staffPost(
          marketing,
          `${page}/buyer`,
          token,
          buyerFields({ [field]: value }),
        ).expect(422);
        expect(res.text).to.contain(`id="${field}-error"`);
        if (key !== 'errors.tooLong') expectMessage(res.text, key);
        const stored = await reload(request._id);
        expect(stored.company?.name).to.equal('UAB Pakuotė');
        expect(await ServiceEvent.countDocuments({ requestId: request._id, kind: 'buyer_updated' })).to.equal(
          0,
        );
      });
    }

    it('are refused in English for an English-speaking staff page', async () => {
      const { request } = await submitValidRequest(t.app);
      const page = `/admin/requests/${String(request._id)}`;
      const token = csrfFrom((await marketing.get(`${page}/buyer`).expect(200)).text);
      const res = await staffPost(marketing, `${page}/buyer`, token, buyerFields({ companyCode: 'abc' }))
        .set('Cookie', 'lang=en')
        .expect(422);
      expect(unescapeHtml(res.text)).to.contain(en['errors.companyCode']);
    });

    it('cannot change once the invoice is issued', async () => {
      const ctx = serviceContext(t.config);
      const job = await completedJob(ctx);
      await issueInvoice(String(job._id), ctx);
      const page = `/admin/requests/${String(job._id)}`;
      const html = (await marketing.get(page).expect(200)).text;
      expect(html).to.not.contain('data-edit-buyer');
      const res = await staffPost(marketing, `${page}/buyer`, csrfFrom(html), buyerFields()).expect(409);
      expectMessage(res.text, 'buyer.errors.locked');
      expect((await reload(job._id)).company?.name).to.equal('UAB Pakuotė');
      expect(await ServiceEvent.countDocuments({ requestId: job._id, kind: 'buyer_updated' })).to.equal(0);
    });
  });
});
