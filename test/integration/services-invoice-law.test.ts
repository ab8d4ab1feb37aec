import { expect } from 'chai';
import { Invoice, Quote, ServiceRequest } from '../../src/services/model.ts';
import { issueCreditNote, issueInvoice } from '../../src/services/invoices.ts';
import { invoicePdf } from '../../src/services/documents.ts';
import { NOT_VAT_PAYER_REASON } from '../../src/services/invoice-law.ts';
import { startJob } from '../../src/services/service.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { pdfText } from '../support/pdf-text.ts';
import { expectFieldError, expectMessage, lt } from './helpers.ts';
import {
  completedJob,
  dayFromToday,
  quotedRequest,
  reload,
  serviceContext,
  staffPost,
  submitValidRequest,
} from './services-support.ts';
import { acceptQuote } from '../../src/services/service.ts';

const ORGANISATION = {
  displayName: 'Dirbtuvės',
  legalName: 'VšĮ Joniškio dirbtuvės',
  companyCode: '300999888',
  address: 'Žalioji g. 2',
  city: 'Joniškis',
  postcode: 'LT-84124',
  country: 'LT',
  iban: 'LT121000011101001000',
};

function settings(vatPayer: boolean) {
  return SettingsModel.updateOne(
    { _id: 'organisation' },
    { $set: { ...ORGANISATION, vatPayer, vatCode: vatPayer ? 'LT100009998887' : '' } },
    { upsert: true },
  );
}

describe('lawful invoices of service requests', () => {
  const t = useTestApp();
  let marketing: Agent;

  before(async () => {
    await settings(true);
    marketing = await signInAs(t.app, 'marketing');
  });

  describe('issuing is refused while the buyer has no address', () => {
    it('from the preview, with a link to the buyer details form, and nothing is issued', async () => {
      const ctx = serviceContext(t.config);
      const job = await completedJob(ctx);
      const id = String(job._id);
      await ServiceRequest.updateOne(
        { _id: job._id },
        { $set: { 'company.address': '', 'company.city': '' } },
      );
      const preview = (await marketing.get(`/admin/requests/${id}/invoice`).expect(200)).text;
      expect(preview).to.contain('data-buyer-incomplete');
      expect(preview).to.contain(`href="/admin/requests/${id}/buyer"`);
      expect(preview).not.to.contain('data-confirm-form');
      const token = await tokenFor(marketing, `/admin/requests/${id}`);
      const res = await staffPost(marketing, `/admin/requests/${id}/invoice`, token, { confirm: '1' }).expect(
        409,
      );
      expect(res.text).to.contain(
        lt('invoice.errors.buyerIncomplete', { fields: 'gatvė ir namas, miestas' }),
      );
      expect(res.text).to.contain(`href="/admin/requests/${id}/buyer" data-fix-link`);
      expect(await Invoice.countDocuments({ requestId: job._id })).to.equal(0);
      expect((await reload(job._id)).state).to.equal('completed');
      const refused = await issueInvoice(id, ctx).then(
        () => null,
        (err: { messageKey?: string }) => err.messageKey,
      );
      expect(refused).to.equal('invoice.errors.buyerIncomplete');

      // Once fixed on the buyer form, the invoice is issued with the address.
      await staffPost(marketing, `/admin/requests/${id}/buyer`, token, {
        companyName: job.company!.name,
        companyCode: job.company!.code,
        vatCode: job.company!.vatCode ?? '',
        address: 'Gedimino pr. 9',
        city: 'Vilnius',
        postcode: '01103',
        country: 'LT',
        contactName: job.contact!.name,
        email: job.contact!.email,
        phone: job.contact!.phone ?? '',
      }).expect(303);
      const invoice = await issueInvoice(id, ctx);
      expect(invoice.buyer).to.include({ address: 'Gedimino pr. 9', city: 'Vilnius', postcode: 'LT-01103' });
    });

    it('before completing a job into its invoice: the job stays in progress', async () => {
      const ctx = serviceContext(t.config);
      const quoted = await quotedRequest(ctx);
      await acceptQuote(quoted.token, 1, { name: 'Priėmėjas', ip: '127.0.0.1' }, ctx);
      const id = String(quoted._id);
      await startJob(id, ctx);
      await ServiceRequest.updateOne({ _id: quoted._id }, { $set: { 'company.postcode': '' } });
      const token = await tokenFor(marketing, `/admin/requests/${id}`);
      const res = await staffPost(marketing, `/admin/requests/${id}/complete`, token, {
        confirm: '1',
      }).expect(409);
      expectMessage(res.text, 'invoice.errors.buyerIncomplete', { fields: 'pašto kodas' });
      expect((await reload(quoted._id)).state).to.equal('in_progress');
      expect(await Invoice.countDocuments({ requestId: quoted._id })).to.equal(0);
    });
  });

  it('a VAT-paying workshop issues a "PVM sąskaita faktūra" with the date of supply and who issued it', async () => {
    await settings(true);
    const ctx = serviceContext(t.config, 'Rasa Rinkodarienė');
    const job = await completedJob(ctx, [
      { description: 'Etikečių klijavimas', quantity: 6, unit: 'HUR', unitNetCents: 1500, vatRateBps: 2100 },
      {
        description: 'Dovanų rinkiniai',
        quantity: 10,
        unit: 'SET',
        unitNetCents: 1200,
        discountCents: 1000,
        vatRateBps: 2100,
      },
    ]);
    // The job was done three days before the invoice.
    const doneOn = dayFromToday(-3);
    await ServiceRequest.updateOne(
      { _id: job._id },
      { $set: { completedAt: new Date(`${doneOn}T10:00:00Z`) } },
    );
    const invoice = await issueInvoice(String(job._id), ctx);
    expect(invoice.supplyDate).to.equal(doneOn);
    expect(invoice.issuedBy).to.equal('Rasa Rinkodarienė');
    expect(invoice.vatExemptionReason).to.equal('');
    expect(invoice.seller).to.include({
      address: 'Žalioji g. 2',
      city: 'Joniškis',
      postcode: 'LT-84124',
      country: 'LT',
    });
    expect(invoice.lines.map((l) => [l.unit, l.discountCents, l.netCents])).to.deep.equal([
      ['HUR', 0, 9000],
      ['SET', 1000, 11000],
    ]);
    const text = await pdfText(await invoicePdf(invoice));
    expect(text.startsWith('PVM sąskaita faktūra\nSerija DRB')).to.equal(true);
    expect(text).to.contain(`Tiekimo data: ${doneOn}`);
    expect(text).to.contain('Sąskaitą išrašė: Rasa Rinkodarienė');
    expect(text).to.contain('Adresas: Žalioji g. 2, LT-84124 Joniškis, Lietuva');
    expect(text).to.contain('Adresas: Gedimino pr. 1, LT-01103 Vilnius, Lietuva');
    expect(text).to.contain('PVM mokėtojo kodas: LT100009998887');
    expect(text).to.match(/6 val\./);
    expect(text).to.contain('Nuolaida');
    const note = await issueCreditNote(String(invoice._id), { amountCents: null, reason: 'Klaida' }, ctx);
    const credit = await pdfText(await invoicePdf(note));
    expect(credit.startsWith('Kreditinė PVM sąskaita faktūra\n')).to.equal(true);
  });

  it('a workshop that is not a VAT payer issues a "Sąskaita faktūra" saying why no VAT is charged', async () => {
    await settings(false);
    try {
      const ctx = serviceContext(t.config);
      const job = await completedJob(ctx, [
        { description: 'Lauko baldų dažymas', quantity: 2, unit: 'DAY', unitNetCents: 15000, vatRateBps: 0 },
      ]);
      const invoice = await issueInvoice(String(job._id), ctx);
      expect(invoice.sellerVatPayer).to.equal(false);
      expect(invoice.vatExemptionReason).to.equal(NOT_VAT_PAYER_REASON);
      const text = await pdfText(await invoicePdf(invoice));
      expect(text.startsWith('Sąskaita faktūra\nSerija DRB')).to.equal(true);
      expect(text).to.contain('PVM neskaičiuojamas: pardavėjas nėra PVM mokėtojas.');
      expect(text).not.to.contain('PVM mokėtojo kodas: LT100009998887');
      expect(text).to.match(/2 d\./);
      const note = await issueCreditNote(String(invoice._id), { amountCents: null, reason: 'Klaida' }, ctx);
      expect((await pdfText(await invoicePdf(note))).startsWith('Kreditinė sąskaita faktūra\n')).to.equal(
        true,
      );
    } finally {
      await settings(true);
    }
  });

  it('an English-speaking contact of a Lithuanian company gets a Lithuanian invoice with English beside it', async () => {
    const ctx = serviceContext(t.config);
    const job = await completedJob(ctx);
    await ServiceRequest.updateOne({ _id: job._id }, { $set: { 'contact.lang': 'en' } });
    const invoice = await issueInvoice(String(job._id), ctx);
    const text = await pdfText(await invoicePdf(invoice));
    expect(text.startsWith('PVM sąskaita faktūra\nVAT invoice\n')).to.equal(true);
    expect(text).to.contain('Išrašymo data / Date of issue:');
    expect(text).to.contain('Pirkėjas / Buyer'.toUpperCase());
  });

  describe('bad inputs are refused with clear messages and nothing is stored', () => {
    it('quote lines: a negative quantity, a unit not in the list, a unit longer than a code', async () => {
      const { request } = await submitValidRequest(t.app);
      const id = String(request._id);
      const token = await tokenFor(marketing, `/admin/requests/${id}`);
      const form = (line: Record<string, string>) => ({
        description: ['Pakavimas'],
        quantity: [line.quantity ?? '2'],
        unit: [line.unit ?? 'H87'],
        unitPrice: ['10,00'],
        discount: [line.discount ?? ''],
        vatRate: ['21'],
        validUntil: dayFromToday(14),
        leadTimeDays: '5',
        terms: '',
      });
      const cases: [Record<string, string>, string, string][] = [
        [{ quantity: '-2' }, 'quantity-0', 'quote.errors.negativeQuantity'],
        [{ unit: 'LTR' }, 'unit-0', 'unit.errors.unknown'],
        [{ unit: 'VALANDOS' }, 'unit-0', 'unit.errors.tooLong'],
        [{ discount: '25,00' }, 'discount-0', 'quote.errors.discountTooLarge'],
      ];
      for (const [line, field, key] of cases) {
        const res = await staffPost(marketing, `/admin/requests/${id}/quote`, token, form(line)).expect(422);
        expectFieldError(res.text, field, key);
      }
      expect(await Quote.countDocuments({ requestId: request._id })).to.equal(0);
      // A valid line keeps its unit and discount.
      await staffPost(
        marketing,
        `/admin/requests/${id}/quote`,
        token,
        form({ unit: 'hur', discount: '5' }),
      ).expect(303);
      const quote = await Quote.findOne({ requestId: request._id }).lean();
      expect(quote!.lines[0]).to.include({ unit: 'HUR', discountCents: 500, netCents: 1500 });
    });

    it("the buyer's VAT code (LT12, a wrong EU format) and address on the staff buyer form", async () => {
      const { request } = await submitValidRequest(t.app);
      const id = String(request._id);
      const token = await tokenFor(marketing, `/admin/requests/${id}/buyer`);
      const fields = {
        companyName: 'SIA Rīgas Tekstils',
        companyCode: '40003012345',
        vatCode: 'LV40003012345',
        address: 'Brīvības iela 5',
        city: 'Rīga',
        postcode: 'LV-1010',
        country: 'LV',
        contactName: 'Anna Bērziņa',
        email: 'anna@example.lv',
        phone: '+371 2000 0000',
      };
      for (const [field, value, key] of [
        ['vatCode', 'LT12', 'errors.vatCode'],
        ['vatCode', 'LV4000301234', 'vat.errors.format'],
        ['vatCode', 'US123456789', 'vat.errors.country'],
        ['country', 'LAT', 'address.errors.country'],
      ] as const) {
        const res = await staffPost(marketing, `/admin/requests/${id}/buyer`, token, {
          ...fields,
          [field]: value,
        }).expect(422);
        expectFieldError(res.text, field, key);
      }
      const res = await staffPost(marketing, `/admin/requests/${id}/buyer`, token, {
        ...fields,
        country: 'LT',
      }).expect(422);
      expectFieldError(res.text, 'companyCode', 'errors.companyCode');
      expect((await reload(request._id)).company?.name).to.equal(request.company!.name);
      // A foreign company with its own code and EU VAT code is taken.
      await staffPost(marketing, `/admin/requests/${id}/buyer`, token, fields).expect(303);
      expect((await reload(request._id)).company).to.include({ country: 'LV', vatCode: 'LV40003012345' });
    });

    it("the organisation's postcode and country in the settings", async () => {
      const admin = await signInAs(t.app, 'admin');
      const page = (await admin.get('/admin/settings').expect(200)).text;
      expect(page).to.contain('id="city"');
      const token = await tokenFor(admin, '/admin/settings');
      const form = {
        displayName: 'Dirbtuvės',
        legalName: 'VšĮ Joniškio dirbtuvės',
        companyCode: '300999888',
        vatPayer: 'on',
        vatCode: 'LT100009998887',
        address: 'Žalioji g. 2',
        city: 'Joniškis',
        postcode: '84124',
        country: 'LT',
        email: '',
        phone: '',
        iban: '',
        bankName: '',
        defaultVatRate: '21',
        courierFee: '4,99',
        parcelLockerFee: '2,99',
        transferDueDays: '7',
      };
      let res = await staffPost(admin, '/admin/settings', token, { ...form, postcode: '8412' }).expect(422);
      expectFieldError(res.text, 'postcode', 'address.errors.postcodeLt');
      res = await staffPost(admin, '/admin/settings', token, { ...form, country: 'Lietuva' }).expect(422);
      expectFieldError(res.text, 'country', 'address.errors.country');
      expect((await SettingsModel.findById('organisation').lean())!.postcode).to.equal('LT-84124');
      await staffPost(admin, '/admin/settings', token, { ...form, city: 'Joniškio m.' }).expect(303);
      const stored = (await SettingsModel.findById('organisation').lean())!;
      expect(stored).to.include({ city: 'Joniškio m.', postcode: 'LT-84124', country: 'LT' });
      await settings(true);
    });
  });
});
