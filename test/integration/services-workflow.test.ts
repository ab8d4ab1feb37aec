import { expect } from 'chai';
import request from 'supertest';
import { JournalEntry, type JournalEntryDoc } from '../../src/ledger/model.ts';
import { OutboxMessage } from '../../src/mail/model.ts';
import { Invoice, Quote, ServiceEvent, type InvoiceDoc } from '../../src/services/model.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { csrfFrom, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { unescapeHtml } from './helpers.ts';
import {
  PDF_BYTES,
  dayFromToday,
  quoteForm,
  reload,
  staffPost,
  submitValidRequest,
} from './services-support.ts';

describe('service requests: request → quote → accept → job → invoice → paid', () => {
  const t = useTestApp();
  let marketing: Agent;

  before(async () => {
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      {
        $set: {
          displayName: 'Dirbtuvės',
          legalName: 'VšĮ Kretingos socialinės dirbtuvės',
          companyCode: '300123456',
          vatPayer: true,
          vatCode: 'LT100001234567',
          address: 'Vilniaus g. 5, Kretinga',
          iban: 'LT121000011101001000',
          bankName: 'Bankas',
          email: 'info@dirbtuves.example',
        },
      },
      { upsert: true },
    );
    marketing = await signInAs(t.app, 'marketing');
  });

  it('walks the whole path, posting the payment to the ledger per invoice line', async () => {
    const { agent: business, request: submitted } = await submitValidRequest(t.app);
    expect(submitted.state).to.equal('submitted');
    expect(submitted.reference).to.match(/^P-\d{4}-00001$/);
    expect(submitted.token.length).to.be.at.least(22);
    expect(submitted.attachments).to.have.length(1);
    expect(submitted.attachments[0]!.key).to.match(/^[a-f0-9]{32}$/);

    // Confirmation page and e-mail with the private link.
    const confirmation = await business.get(`/requests/${submitted.token}?submitted=1`).expect(200);
    expect(confirmation.text).to.contain('data-submitted');
    const mail = await OutboxMessage.findOne({ kind: 'request.received' }).lean();
    expect(mail?.to).to.equal('ruta@pakuote.example');
    expect(mail?.text).to.contain(`/requests/${submitted.token}`);

    // Marketing sees it in the inbox and opens it.
    const inbox = await marketing.get('/admin/requests?state=submitted').expect(200);
    expect(inbox.text).to.contain(submitted.reference);
    expect(inbox.text).to.match(/data-count-new>1</);
    const id = String(submitted._id);
    const token = await tokenFor(marketing, `/admin/requests/${id}`);

    // The attachment is served only to staff, as a download.
    const file = await marketing
      .get(`/admin/requests/${id}/attachments/${submitted.attachments[0]!.key}`)
      .expect(200);
    expect(file.headers['content-disposition']).to.match(/^attachment/);
    expect(file.headers['x-content-type-options']).to.equal('nosniff');
    expect(file.headers['content-type']).to.match(/^application\/pdf/);
    expect(Buffer.from(file.body as Buffer).equals(PDF_BYTES)).to.equal(true);
    await request(t.app)
      .get(`/admin/requests/${id}/attachments/${submitted.attachments[0]!.key}`)
      .expect(303);

    await staffPost(marketing, `/admin/requests/${id}/review`, token, {}).expect(303);
    await staffPost(marketing, `/admin/requests/${id}/notes`, token, {
      note: 'Paskambinti dėl dėžučių.',
    }).expect(303);
    const quoted = await staffPost(
      marketing,
      `/admin/requests/${id}/quote`,
      token,
      quoteForm(
        [
          { description: 'Rinkinių pakavimas', quantity: '200', unitPrice: '1,55', vatRate: '21' },
          { description: 'Dėžutės', quantity: '3', unitPrice: '0,33', vatRate: '9' },
        ],
        { send: '1' },
      ),
    );
    expect(quoted.status, unescapeHtml(quoted.text).slice(0, 3000)).to.equal(303);
    expect((await reload(submitted._id)).state).to.equal('quoted');
    const quote = await Quote.findById(`${id}:v1`).lean();
    // 200 × 1.55 = 310.00 net, VAT 65.10; 3 × 0.33 = 0.99 net, VAT 0.0891 → 0.09 (half-up per line).
    expect(quote!.lines.map((l) => [l.netCents, l.vatCents, l.grossCents])).to.deep.equal([
      [31000, 6510, 37510],
      [99, 9, 108],
    ]);
    expect(quote!.totals).to.deep.include({ netCents: 31099, vatCents: 6519, grossCents: 37618 });
    expect(quote!.vatBreakdown.map((r) => r.vatRateBps)).to.deep.equal([2100, 900]);
    expect(await OutboxMessage.countDocuments({ kind: 'request.quote' })).to.equal(1);

    // The business accepts on the tracking page, typing its name.
    const page = await business.get(`/requests/${submitted.token}`).expect(200);
    expect(page.text).to.contain('Rinkinių pakavimas');
    await business
      .post(`/requests/${submitted.token}/quotes/1/accept`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), acceptedBy: 'Rūta Pirkėja' })
      .expect(303);
    const accepted = await Quote.findById(`${id}:v1`).lean();
    expect(accepted).to.deep.include({ status: 'accepted', acceptedBy: 'Rūta Pirkėja' });
    expect(accepted!.acceptedAt).to.be.instanceOf(Date);
    expect(accepted!.acceptedIp).to.not.equal('');
    expect((await reload(submitted._id)).state).to.equal('accepted');

    // A second accept (double click) changes nothing.
    const again = await business
      .post(`/requests/${submitted.token}/quotes/1/accept`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), acceptedBy: 'Kitas' })
      .expect(409);
    expect(again.text).to.contain('data-conflict');
    expect(await ServiceEvent.countDocuments({ requestId: submitted._id, kind: 'quote_accepted' })).to.equal(
      1,
    );

    // The job: scheduled, started, completed → invoice issued.
    const jobPage = await marketing.get(`/admin/requests/${id}`).expect(200);
    // Who worked on the job is for the administrator and the production master (job-page-links.test.ts).
    expect(jobPage.text).to.not.contain(`/admin/contributions?job=${id}`);
    await staffPost(marketing, `/admin/requests/${id}/schedule`, token, {
      scheduledOn: dayFromToday(3),
    }).expect(303);
    await staffPost(marketing, `/admin/requests/${id}/start`, token, {}).expect(303);
    expect((await reload(submitted._id)).state).to.equal('in_progress');
    await staffPost(marketing, `/admin/requests/${id}/complete`, token, { confirm: '1' }).expect(303);
    expect((await reload(submitted._id)).state).to.equal('invoiced');
    const invoice = (await Invoice.findOne({
      requestId: submitted._id,
      kind: 'invoice',
    }).lean<InvoiceDoc>())!;
    expect(invoice).to.deep.include({ series: 'DRB', number: 1 });
    expect(invoice.totals).to.deep.include({ grossCents: 37618 });
    expect(invoice.seller).to.deep.include({ companyCode: '300123456', vatCode: 'LT100001234567' });
    expect(invoice.buyer).to.deep.include({ companyCode: '304111222', name: 'UAB Pakuotė' });
    expect(invoice.dueOn > invoice.issuedOn).to.equal(true);
    expect(await OutboxMessage.countDocuments({ kind: 'request.invoice' })).to.equal(1);
    // Issuing again returns the same invoice.
    await staffPost(marketing, `/admin/requests/${id}/invoice`, token, { confirm: '1' }).expect(303);
    expect(await Invoice.countDocuments({ requestId: submitted._id })).to.equal(1);

    // The business sees the invoice and downloads it.
    const tracking = await business.get(`/requests/${submitted.token}`).expect(200);
    expect(tracking.text).to.contain('DRB 000001');
    const pdf = await business
      .get(`/requests/${submitted.token}/invoices/${String(invoice._id)}/pdf`)
      .expect(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');

    // Bank transfer marked paid on a given day.
    const paidOn = dayFromToday(-1);
    await staffPost(marketing, `/admin/service-invoices/${String(invoice._id)}/paid`, token, {
      paidOn,
      confirm: '1',
    }).expect(303);
    expect((await reload(submitted._id)).state).to.equal('paid');
    const entries = await JournalEntry.find({ 'reference.type': 'invoice' }).lean<JournalEntryDoc[]>();
    expect(entries).to.have.length(1);
    const entry = entries[0]!;
    expect(entry.idempotencyKey).to.equal(`invoice:${String(invoice._id)}:paid`);
    const debit = entry.lines.reduce((s, l) => s + l.debitCents, 0);
    const credit = entry.lines.reduce((s, l) => s + l.creditCents, 0);
    expect(debit).to.equal(credit);
    expect(entry.lines.find((l) => l.account === 'assets:bank')?.debitCents).to.equal(37618);
    const income = entry.lines.filter((l) => l.account === 'income:services');
    expect(
      income.map((l) => [
        l.creditCents,
        l.attribution?.jobId,
        l.attribution?.invoiceId,
        l.attribution?.lineId,
      ]),
    ).to.deep.equal([
      [31000, id, String(invoice._id), 'L1'],
      [99, id, String(invoice._id), 'L2'],
    ]);
    expect(entry.lines.find((l) => l.account === 'liabilities:vat')?.creditCents).to.equal(6519);
    expect(entry.period).to.equal(paidOn.slice(0, 7));

    // Marking paid again is refused and posts nothing.
    await staffPost(marketing, `/admin/service-invoices/${String(invoice._id)}/paid`, token, {
      confirm: '1',
    }).expect(409);
    expect(await JournalEntry.countDocuments({ 'reference.type': 'invoice' })).to.equal(1);

    // The timeline holds every step.
    const kinds = (await ServiceEvent.find({ requestId: submitted._id }).lean()).map((e) => e.kind);
    for (const k of [
      'submitted',
      'note',
      'quote_sent',
      'quote_accepted',
      'scheduled',
      'invoice_issued',
      'invoice_paid',
      'email_sent',
    ]) {
      expect(kinds, k).to.include(k);
    }
    const states = (
      await ServiceEvent.find({ requestId: submitted._id, kind: 'state' }).sort({ at: 1 }).lean()
    ).map((e) => e.to);
    expect(states).to.deep.equal([
      'in_review',
      'quoted',
      'accepted',
      'in_progress',
      'completed',
      'invoiced',
      'paid',
    ]);
  });
});
