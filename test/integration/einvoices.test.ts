import { expect } from 'chai';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { issueCreditNote, issueInvoice } from '../../src/services/invoices.ts';
import { Invoice, type InvoiceDoc } from '../../src/services/model.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { signInAs, useTestApp, type Agent } from '../support/app.ts';
import { describeUbl, validateUbl } from '../support/ubl-validate.ts';
import { completedJob, serviceContext } from './services-support.ts';

async function setVatPayer(vatPayer: boolean) {
  await SettingsModel.updateOne(
    { _id: 'organisation' },
    {
      $set: {
        legalName: 'VšĮ Joniškio dirbtuvės',
        companyCode: '300999888',
        vatPayer,
        vatCode: vatPayer ? 'LT100009998887' : '',
        address: 'Žalioji g. 2, Joniškis',
        email: 'info@joniskio-dirbtuves.example',
        iban: 'LT121000011101001000',
      },
    },
    { upsert: true },
  );
}

function text(agent: Agent | ReturnType<typeof supertest>, url: string) {
  return agent
    .get(url)
    .buffer(true)
    .parse((res, cb) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => cb(null, data));
    });
}

describe('e-invoices: UBL 2.1 downloads of invoices and credit notes', function () {
  this.timeout(180_000);
  const t = useTestApp();
  let marketing: Agent;
  const docs: { name: string; invoice: InvoiceDoc; token?: string }[] = [];

  before(async () => {
    const ctx = serviceContext(t.config);
    marketing = await signInAs(t.app, 'marketing');

    // A VAT-paying workshop: a service invoice, a part credit note, and a shop order's VAT invoice.
    await setVatPayer(true);
    const job = await completedJob(ctx);
    const invoice = await issueInvoice(String(job._id), ctx);
    const credit = await issueCreditNote(String(invoice._id), { amountCents: 2000, reason: 'Brokas' }, ctx);
    docs.push({ name: 'VAT payer: invoice', invoice, token: job.token });
    docs.push({ name: 'VAT payer: credit note', invoice: credit, token: job.token });
    // The shop-order invoice as the orders module stores it: the same series, source 'order'.
    const order = await Invoice.create({
      ...invoice,
      _id: new mongoose.Types.ObjectId(),
      number: invoice.number + 1,
      issueKey: 'order:test:invoice',
      source: 'order',
      requestId: null,
      orderId: new mongoose.Types.ObjectId(),
      reference: '2026-00042',
      buyer: {
        ...invoice.buyer,
        name: 'Joniškio lopšelis-darželis',
        companyCode: '190012345',
        vatCode: '',
        city: 'Joniškis',
        postcode: 'LT-84001',
      },
    });
    docs.push({ name: 'VAT payer: shop-order invoice', invoice: order.toObject() as InvoiceDoc });

    // A workshop that is not a VAT payer: no VAT on the lines, category O.
    await setVatPayer(false);
    const job2 = await completedJob(ctx, [
      { description: 'Vokų klijavimas', quantity: 500, unitNetCents: 4, vatRateBps: 0 },
      { description: 'Pristatymas', quantity: 1, unitNetCents: 1500, vatRateBps: 0 },
    ]);
    const invoice2 = await issueInvoice(String(job2._id), ctx);
    const credit2 = await issueCreditNote(
      String(invoice2._id),
      { amountCents: null, reason: 'Atšaukta' },
      ctx,
    );
    docs.push({ name: 'non-payer: invoice', invoice: invoice2, token: job2.token });
    docs.push({ name: 'non-payer: credit note', invoice: credit2, token: job2.token });
  });

  it('staff and the business download every document, and each passes the UBL schema and the EN 16931 and Peppol rules', async () => {
    const files: { name: string; xml: string }[] = [];
    for (const d of docs) {
      const id = String(d.invoice._id);
      const res = await text(marketing, `/admin/service-invoices/${id}/ubl.xml`).expect(200);
      expect(res.headers['content-type']).to.match(/^application\/xml/);
      expect(res.headers['content-disposition']).to.match(/attachment; filename="(DRB|KR)-\d{6}\.xml"/);
      files.push({ name: `${d.name} (staff)`, xml: res.body as string });
      if (d.token) {
        const own = await text(supertest(t.app), `/requests/${d.token}/invoices/${id}/ubl.xml`).expect(200);
        expect(own.body).to.equal(res.body);
      }
    }
    const [vatInvoice, vatCredit, orderInvoice, plainInvoice, plainCredit] = files.map((f) => f.xml);
    expect(vatInvoice).to.include('<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>');
    expect(vatInvoice).to.include('<cbc:CompanyID>LT100009998887</cbc:CompanyID>');
    expect(vatCredit).to.include('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');
    expect(vatCredit).to.include(`<cbc:ID>${'DRB 000001'}</cbc:ID><cbc:IssueDate>`);
    expect(orderInvoice).to.include('<cbc:BuyerReference>2026-00042</cbc:BuyerReference>');
    expect(plainInvoice).to.include('<cbc:ID>O</cbc:ID>');
    expect(plainInvoice).not.to.include('LT100009998887');
    expect(plainCredit).to.include('<CreditNote ');

    const results = await validateUbl(files);
    const failed = results.filter((r) => !r.schemaOk || r.errors.length > 0);
    expect(failed, describeUbl(results)).to.deep.equal([]);
  });

  it('links the e-invoice beside the PDF on the staff request page and the business page', async () => {
    const d = docs[0]!;
    const id = String(d.invoice._id);
    const staffPage = await marketing.get(`/admin/requests/${String(d.invoice.requestId)}`).expect(200);
    expect(staffPage.text).to.include(`href="/admin/service-invoices/${id}/ubl.xml"`);
    const ownPage = await supertest(t.app).get(`/requests/${d.token}`).expect(200);
    expect(ownPage.text).to.include(`href="/requests/${d.token}/invoices/${id}/ubl.xml"`);
  });

  it('other roles are refused, a foreign or unknown id is not found, and a business sees only its own', async () => {
    const id = String(docs[0]!.invoice._id);
    const master = await signInAs(t.app, 'master');
    await master.get(`/admin/service-invoices/${id}/ubl.xml`).expect(403);
    const anonymous = await supertest(t.app).get(`/admin/service-invoices/${id}/ubl.xml`);
    expect(anonymous.status).to.be.oneOf([302, 303, 401]);
    await marketing
      .get(`/admin/service-invoices/${String(new mongoose.Types.ObjectId())}/ubl.xml`)
      .expect(404);
    await marketing.get('/admin/service-invoices/abc/ubl.xml').expect(404);
    // The first business asks for the second business's invoice with its own link: not found.
    const foreign = String(docs[3]!.invoice._id);
    await supertest(t.app).get(`/requests/${docs[0]!.token}/invoices/${foreign}/ubl.xml`).expect(404);
    // The shop-order invoice belongs to no request: no business page reaches it.
    await supertest(t.app)
      .get(`/requests/${docs[0]!.token}/invoices/${String(docs[2]!.invoice._id)}/ubl.xml`)
      .expect(404);
  });
});
