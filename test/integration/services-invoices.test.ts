import { expect } from 'chai';
import { JournalEntry, type JournalEntryDoc } from '../../src/ledger/model.ts';
import { formatCents } from '../../src/lib/money.ts';
import { Invoice, type InvoiceDoc } from '../../src/services/model.ts';
import { addDays, issueInvoice } from '../../src/services/invoices.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { Order } from '../../src/orders/model.ts';
import { issueInvoiceForOrder } from '../../src/orders/invoices.ts';
import { paidVaseOrder, vase } from '../support/paid-orders.ts';
import { signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { pdfText, plainSpaces } from '../support/pdf-text.ts';
import { expectFieldError, expectMessage } from './helpers.ts';
import { completedJob, reload, serviceContext, staffPost } from './services-support.ts';

/** The company a shop buyer asked an invoice for. */
const SHOP_BUYER = {
  companyName: 'UAB Dovanų namai',
  companyCode: '304555666',
  vatCode: '',
  address: 'Tilžės g. 10',
  city: 'Šiauliai',
  postcode: 'LT-76211',
  country: 'LT',
};

const money = (cents: number) => plainSpaces(formatCents(cents, 'lt-LT'));

function balanced(e: JournalEntryDoc): boolean {
  return e.lines.reduce((s, l) => s + l.debitCents, 0) === e.lines.reduce((s, l) => s + l.creditCents, 0);
}

describe('service requests: invoices, credit notes and documents', () => {
  const t = useTestApp();
  let marketing: Agent;

  before(async () => {
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      {
        $set: {
          displayName: 'Dirbtuvės',
          legalName: 'VšĮ Joniškio dirbtuvės',
          companyCode: '300999888',
          vatPayer: true,
          vatCode: 'LT100009998887',
          address: 'Žalioji g. 2, Joniškis',
          iban: 'LT121000011101001000',
        },
      },
      { upsert: true },
    );
    marketing = await signInAs(t.app, 'marketing');
  });

  it('numbers 50 invoices issued at once, for jobs and shop orders alike, 1…50 without gaps or duplicates', async function () {
    this.timeout(300_000);
    const ctx = serviceContext(t.config);
    const jobs = [];
    for (let i = 0; i < 35; i++) jobs.push(await completedJob(ctx));
    const productId = await vase(t.storage);
    const orders: string[] = [];
    for (let i = 0; i < 15; i++) {
      const id = await paidVaseOrder(t, productId, { quantity: 1 });
      await Order.updateOne({ _id: id }, { $set: { invoiceRequest: SHOP_BUYER } });
      orders.push(id);
    }
    const invoices = await Promise.all([
      ...jobs.map((j) => issueInvoice(String(j._id), ctx)),
      ...orders.map((id) => issueInvoiceForOrder(id, 'Testas')),
    ]);
    const numbers = invoices.map((i) => i.number).sort((a, b) => a - b);
    expect(numbers).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(invoices.map((i) => i.series))).to.deep.equal(new Set(['DRB']));
    expect(invoices.filter((i) => i.source === 'order')).to.have.length(15);
    expect(await Invoice.countDocuments({ series: 'DRB' })).to.equal(50);
    // An order's invoice issued again (a retry) is the same one and takes no number.
    const orderAgain = await Promise.all(orders.slice(0, 3).map((id) => issueInvoiceForOrder(id, 'Testas')));
    expect(orderAgain.map((i) => i.number)).to.deep.equal(invoices.slice(35, 38).map((i) => i.number));
    // Issuing again (a retry) returns the same invoice and takes no number.
    const again = await Promise.all(jobs.slice(0, 5).map((j) => issueInvoice(String(j._id), ctx)));
    expect(again.map((i) => i.number)).to.deep.equal(invoices.slice(0, 5).map((i) => i.number));
    expect(await Invoice.countDocuments({ series: 'DRB' })).to.equal(50);
  });

  it('never edits an issued invoice (405), corrects it with credit notes and posts them', async () => {
    const ctx = serviceContext(t.config);
    const job = await completedJob(ctx);
    const invoice = await issueInvoice(String(job._id), ctx);
    const id = String(invoice._id);
    const token = await tokenFor(marketing, `/admin/requests/${String(job._id)}`);

    for (const url of [`/admin/service-invoices/${id}`, `/admin/service-invoices/${id}/edit`]) {
      const res = await staffPost(marketing, url, token, {
        'lines[0][unitNetCents]': '1',
        totals: '0',
      }).expect(405);
      expectMessage(res.text, 'invoice.errors.immutable');
    }
    const unchanged = await Invoice.findById(invoice._id).lean<InvoiceDoc>();
    expect(unchanged!.totals).to.deep.equal(invoice.totals);
    expect(unchanged!.lines).to.deep.equal(invoice.lines);

    // A credit note needs a reason and a sensible amount.
    let res = await staffPost(marketing, `/admin/service-invoices/${id}/credit-notes`, token, {
      creditAmount: '10',
      creditReason: '',
    }).expect(422);
    expectFieldError(res.text, 'creditReason', 'errors.required');
    res = await staffPost(marketing, `/admin/service-invoices/${id}/credit-notes`, token, {
      creditAmount: '99999',
      creditReason: 'Per daug',
    }).expect(409);
    expectMessage(res.text, 'invoice.errors.creditTooLarge');

    // Partial credit before payment: netted off what the business pays.
    await staffPost(marketing, `/admin/service-invoices/${id}/credit-notes`, token, {
      creditAmount: '10,00',
      creditReason: 'Viena dėžutė sugadinta',
    }).expect(303);
    const first = (await Invoice.findOne({ correctsInvoiceId: invoice._id }).lean<InvoiceDoc>())!;
    expect(first).to.deep.include({
      kind: 'credit_note',
      series: 'KR',
      number: 1,
      reason: 'Viena dėžutė sugadinta',
    });
    expect(first.totals!.grossCents).to.equal(-1000);
    expect(first.lines.reduce((s, l) => s + l.grossCents, 0)).to.equal(-1000);
    expect(first.totals!.netCents + first.totals!.vatCents).to.equal(-1000);

    await staffPost(marketing, `/admin/service-invoices/${id}/paid`, token, { confirm: '1' }).expect(303);
    expect((await reload(job._id)).state).to.equal('paid');
    const paid = await JournalEntry.findOne({ idempotencyKey: `invoice:${id}:paid` }).lean<JournalEntryDoc>();
    const netted = await JournalEntry.findOne({
      idempotencyKey: `creditnote:${String(first._id)}:refund`,
    }).lean<JournalEntryDoc>();
    expect(paid && balanced(paid)).to.equal(true);
    expect(netted && balanced(netted)).to.equal(true);
    expect(netted!.lines.find((l) => l.account === 'assets:bank')?.creditCents).to.equal(1000);
    for (const l of netted!.lines.filter((x) => x.account === 'income:services')) {
      expect(l.attribution).to.deep.include({ jobId: String(job._id), invoiceId: id });
    }

    // The rest credited after payment: the money goes back when staff record the refund.
    await staffPost(marketing, `/admin/service-invoices/${id}/credit-notes`, token, {
      creditAmount: '',
      creditReason: 'Užsakymas grąžintas',
    }).expect(303);
    const second = (await Invoice.findOne({ correctsInvoiceId: invoice._id, number: 2 }).lean<InvoiceDoc>())!;
    expect(second.totals!.grossCents).to.equal(-(invoice.totals!.grossCents - 1000));
    const secondId = String(second._id);
    expect(await JournalEntry.countDocuments({ idempotencyKey: `creditnote:${secondId}:refund` })).to.equal(
      0,
    );
    await staffPost(marketing, `/admin/service-invoices/${secondId}/refunded`, token, {}).expect(303);
    await staffPost(marketing, `/admin/service-invoices/${secondId}/refunded`, token, {}).expect(409);
    const refund = await JournalEntry.find({ idempotencyKey: `creditnote:${secondId}:refund` }).lean<
      JournalEntryDoc[]
    >();
    expect(refund).to.have.length(1);
    expect(balanced(refund[0]!)).to.equal(true);
    expect(refund[0]!.lines.find((l) => l.account === 'assets:bank')?.creditCents).to.equal(
      invoice.totals!.grossCents - 1000,
    );
    // Nothing is left to credit.
    res = await staffPost(marketing, `/admin/service-invoices/${id}/credit-notes`, token, {
      creditAmount: '1',
      creditReason: 'Dar',
    }).expect(409);
    // Income net of everything credited is zero.
    const all = await JournalEntry.find({ 'lines.attribution.jobId': String(job._id) }).lean<
      JournalEntryDoc[]
    >();
    const income = all
      .flatMap((e) => e.lines)
      .filter((l) => l.account === 'income:services')
      .reduce((s, l) => s + l.creditCents - l.debitCents, 0);
    expect(income).to.equal(0);
  });

  it('renders the quote, the invoice and a credit note as PDFs with numbers, totals and both parties', async () => {
    const ctx = serviceContext(t.config);
    const job = await completedJob(ctx);
    const invoice = await issueInvoice(String(job._id), ctx);
    const token = await tokenFor(marketing, `/admin/requests/${String(job._id)}`);
    await staffPost(marketing, `/admin/service-invoices/${String(invoice._id)}/credit-notes`, token, {
      creditAmount: '5',
      creditReason: 'Nuolaida',
    }).expect(303);
    const note = (await Invoice.findOne({ correctsInvoiceId: invoice._id }).lean<InvoiceDoc>())!;

    const binary = (
      res: { on: (e: string, cb: (c: Buffer) => void) => void },
      cb: (e: Error | null, b: Buffer) => void,
    ) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    };
    const get = async (url: string) => {
      const res = await marketing.get(url).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).to.equal('application/pdf');
      expect(res.headers['content-disposition']).to.match(/^attachment/);
      return pdfText(res.body as Buffer);
    };
    const quoteText = await get(`/admin/requests/${String(job._id)}/quotes/1/pdf`);
    expect(quoteText).to.contain(job.reference);
    expect(quoteText).to.contain(money(invoice.totals!.grossCents));
    for (const s of ['VšĮ Joniškio dirbtuvės', '300999888', 'UAB Pakuotė', '304111222'])
      expect(quoteText).to.contain(s);

    const invoiceText = await get(`/admin/service-invoices/${String(invoice._id)}/pdf`);
    expect(invoiceText).to.contain('DRB');
    expect(invoiceText).to.contain(String(invoice.number).padStart(6, '0'));
    expect(invoiceText).to.contain(money(invoice.totals!.grossCents));
    expect(invoiceText).to.contain(money(invoice.totals!.vatCents));
    for (const s of [
      'VšĮ Joniškio dirbtuvės',
      '300999888',
      'LT100009998887',
      'UAB Pakuotė',
      '304111222',
      'LT100011112219',
    ]) {
      expect(invoiceText).to.contain(s);
    }

    const noteText = await get(`/admin/service-invoices/${String(note._id)}/pdf`);
    expect(noteText).to.contain('KR');
    expect(noteText).to.contain(`DRB ${String(invoice.number).padStart(6, '0')}`);
    expect(noteText).to.contain('Nuolaida');
    expect(noteText).to.contain(money(-500));
    for (const s of ['VšĮ Joniškio dirbtuvės', '300999888', 'UAB Pakuotė', '304111222'])
      expect(noteText).to.contain(s);

    // The business downloads the same invoice through its private link; another link gets nothing.
    const other = await completedJob(ctx);
    await marketing.get(`/requests/${job.token}/invoices/${String(invoice._id)}/pdf`).expect(200);
    await marketing.get(`/requests/${other.token}/invoices/${String(invoice._id)}/pdf`).expect(404);
  });

  it('takes the series and the days to pay from the settings; each series counts on its own', async () => {
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      { $set: { invoiceSeries: 'SDV', invoiceDueDays: 30 } },
    );
    const ctx = serviceContext(t.config);
    const invoice = await issueInvoice(String((await completedJob(ctx))._id), ctx);
    expect(invoice).to.deep.include({ series: 'SDV', number: 1 });
    expect(invoice.dueOn).to.equal(addDays(invoice.issuedOn, 30));
  });
});
