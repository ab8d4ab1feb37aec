import { expect } from 'chai';
import mongoose from 'mongoose';
import type { InvoiceDoc } from '../../src/services/model.ts';
import {
  creditLines,
  priceLines,
  totalsOf,
  vatBreakdown,
  type PricedLine,
} from '../../src/services/pricing.ts';
import { amount } from '../../src/services/ubl-parts.ts';
import { invoiceUbl } from '../../src/services/ubl.ts';
import { describeUbl, svrlFindings, validateUbl, type UblResult } from '../support/ubl-validate.ts';

const seller = {
  name: 'VšĮ Kretingos socialinės dirbtuvės',
  companyCode: '306124584',
  vatCode: 'LT100045612',
  address: 'Vilniaus g. 12',
  city: 'Kretinga',
  postcode: 'LT-97104',
  country: 'LT',
  email: 'info@dirbtuves.test',
  phone: '+370 445 12345',
  iban: 'LT12 1000 0111 0100 1000',
  bankName: 'AB Bankas',
  contactPerson: '',
};
const buyer = {
  name: 'UAB Pakuotė',
  companyCode: '304111222',
  vatCode: 'LT100011112219',
  address: 'Gedimino pr. 1',
  city: 'Vilnius',
  postcode: 'LT-01103',
  country: 'LT',
  email: 'ruta@pakuote.example',
  phone: '',
  iban: '',
  bankName: '',
  contactPerson: 'Rūta Pirkėja',
};

function doc(over: Partial<InvoiceDoc> & { priced: ReturnType<typeof priceLines> }): InvoiceDoc {
  const { priced, ...rest } = over;
  return {
    _id: new mongoose.Types.ObjectId(),
    kind: 'invoice',
    series: 'DRB',
    number: 42,
    issueKey: 'x',
    source: 'service',
    requestId: new mongoose.Types.ObjectId(),
    orderId: null,
    reference: 'P-2026-00012',
    correctsInvoiceId: null,
    correctsLabel: '',
    reason: '',
    lang: 'lt',
    issuedOn: '2026-11-30',
    dueOn: '2026-12-14',
    issuedAt: new Date('2026-11-30T10:00:00Z'),
    supplyDate: '2026-11-27',
    issuedBy: 'Rinkodaros specialistė',
    vatExemptionReason: '',
    sellerVatPayer: true,
    seller,
    buyer,
    lines: priced.lines,
    vatBreakdown: priced.vatBreakdown,
    totals: priced.totals,
    ...rest,
  } as InvoiceDoc;
}

function creditOf(invoice: InvoiceDoc, amountCents: number, number: number): InvoiceDoc {
  const lines = creditLines(invoice.lines as PricedLine[], amountCents);
  const priced = {
    lines,
    vatBreakdown: [],
    totals: {
      netCents: lines.reduce((s, l) => s + l.netCents, 0),
      vatCents: lines.reduce((s, l) => s + l.vatCents, 0),
      grossCents: lines.reduce((s, l) => s + l.grossCents, 0),
    },
  };
  return doc({
    ...invoice,
    priced,
    _id: new mongoose.Types.ObjectId(),
    kind: 'credit_note',
    series: 'KR',
    number,
    correctsInvoiceId: invoice._id,
    correctsLabel: 'DRB 000042',
    reason: 'Dalis darbų neatlikta',
    supplyDate: '',
    lines: lines as unknown as InvoiceDoc['lines'],
  });
}

function samples(): { name: string; doc: InvoiceDoc }[] {
  const vatInvoice = doc({
    priced: priceLines([
      { description: 'Renginio dovanų pakavimas', quantity: 40, unitNetCents: 250, vatRateBps: 2100 },
      { description: 'Atvirukai su logotipu', quantity: 3, unitNetCents: 1999, vatRateBps: 900 },
    ]),
  });
  // Hours, and a discount of 5.00 off the first line: its net is quantity × price less the discount.
  const first = vatInvoice.lines[0]!;
  first.unit = 'HUR';
  first.discountCents = 500;
  first.netCents -= 500;
  first.vatCents = Math.round((first.netCents * 21) / 100);
  first.grossCents = first.netCents + first.vatCents;
  vatInvoice.vatBreakdown = vatBreakdown(vatInvoice.lines as PricedLine[]) as InvoiceDoc['vatBreakdown'];
  vatInvoice.totals = totalsOf(vatInvoice.lines as PricedLine[]);
  const exempt = doc({
    number: 43,
    vatExemptionReason: 'PVMĮ 20 str. (socialinės paslaugos)',
    priced: priceLines([{ description: 'Dienos užimtumas', quantity: 2, unitNetCents: 4500, vatRateBps: 0 }]),
  });
  const nonPayer = doc({
    number: 7,
    sellerVatPayer: false,
    seller: { ...seller, vatCode: '' },
    supplyDate: '',
    priced: priceLines([
      { description: 'Vokų klijavimas', quantity: 1000, unitNetCents: 3, vatRateBps: 0 },
      { description: 'Pristatymas', quantity: 1, unitNetCents: 1500, vatRateBps: 0 },
    ]),
  });
  const order = doc({
    number: 44,
    source: 'order',
    requestId: null,
    orderId: new mongoose.Types.ObjectId(),
    reference: '2026-00042',
    buyer: { ...buyer, name: 'Vilniaus lopšelis-darželis „Saulutė“', companyCode: '190012345', vatCode: '' },
    priced: priceLines([{ description: 'Žvakė „Ruduo“', quantity: 12, unitNetCents: 826, vatRateBps: 2100 }]),
  });
  const foreign = doc({
    number: 45,
    buyer: {
      ...buyer,
      name: 'SIA Iepakojums',
      companyCode: '40003012345',
      vatCode: 'LV40003012345',
      country: 'LV',
      city: 'Rīga',
      postcode: 'LV-1010',
    },
    priced: priceLines([{ description: 'Pakavimas', quantity: 1.5, unitNetCents: 1001, vatRateBps: 2100 }]),
  });
  return [
    { name: 'VAT invoice', doc: vatInvoice },
    { name: 'VAT credit note (all)', doc: creditOf(vatInvoice, vatInvoice.totals!.grossCents, 3) },
    { name: 'VAT credit note (part)', doc: creditOf(vatInvoice, 2000, 4) },
    { name: 'exempt invoice', doc: exempt },
    { name: 'non-payer invoice', doc: nonPayer },
    { name: 'non-payer credit note', doc: creditOf(nonPayer, 1000, 5) },
    { name: 'shop-order invoice', doc: order },
    { name: 'foreign buyer invoice', doc: foreign },
  ];
}

describe('UBL 2.1 e-invoices (EN 16931, Peppol BIS Billing 3.0)', function () {
  this.timeout(180_000);

  it('prints cents as amounts with two decimals', () => {
    expect(amount(123456)).to.equal('1234.56');
    expect(amount(-5)).to.equal('-0.05');
    expect(amount(0)).to.equal('0.00');
  });

  it('reads fatal errors and warnings from an SVRL report', () => {
    const found = svrlFindings(
      '<svrl:schematron-output xmlns:svrl="http://purl.oclc.org/dsdl/svrl">' +
        '<svrl:failed-assert id="BR-01" flag="fatal" location="/Invoice"><svrl:text>[BR-01] x &amp; y</svrl:text></svrl:failed-assert>' +
        '<svrl:failed-assert id="PEPPOL-R1" flag="warning" location="/Invoice"><svrl:text>w</svrl:text></svrl:failed-assert>' +
        '</svrl:schematron-output>',
    );
    expect(found.map((f) => [f.rule, f.flag, f.text])).to.deep.equal([
      ['BR-01', 'fatal', '[BR-01] x & y'],
      ['PEPPOL-R1', 'warning', 'w'],
    ]);
  });

  const good = doc({
    priced: priceLines([{ description: 'Pakavimas', quantity: 1, unitNetCents: 1000, vatRateBps: 2100 }]),
  });
  const broken = [
    {
      name: 'wrong total',
      xml: invoiceUbl(good).replace(
        '<cbc:PayableAmount currencyID="EUR">12.10</cbc:PayableAmount>',
        '<cbc:PayableAmount currencyID="EUR">12.11</cbc:PayableAmount>',
      ),
    },
    {
      name: 'unknown element',
      xml: invoiceUbl(good).replace(
        '<cbc:DocumentCurrencyCode>',
        '<cbc:Nonsense>x</cbc:Nonsense><cbc:DocumentCurrencyCode>',
      ),
    },
  ];
  let results: UblResult[] = [];

  // One batch for the whole file: the validators' Java start and rule compilation are paid once.
  before(async () => {
    results = await validateUbl([
      ...samples().map((d) => ({
        name: d.name,
        xml: invoiceUbl(d.doc, { correctsIssuedOn: '2026-11-30' }),
      })),
      ...broken,
    ]);
  });

  it('VAT payer and non-payer: invoices, credit notes and shop-order and foreign invoices pass the schema and the rules', () => {
    const ours = results.filter((r) => !broken.some((b) => b.name === r.name));
    expect(ours.map((r) => r.name)).to.deep.equal(samples().map((s) => s.name));
    const failed = ours.filter((r) => !r.schemaOk || r.errors.length > 0);
    expect(failed, describeUbl(ours)).to.deep.equal([]);
  });

  it('a broken document fails: the validators are really applied', () => {
    const total = results.find((r) => r.name === 'wrong total')!;
    const schema = results.find((r) => r.name === 'unknown element')!;
    expect(total.errors.map((e) => e.rule)).to.include('BR-CO-16');
    expect(schema.schemaOk).to.equal(false);
  });

  it('credit notes are CreditNote documents of type 381 that name the invoice they correct', () => {
    const note = samples().find((s) => s.name === 'VAT credit note (all)')!.doc;
    const xml = invoiceUbl(note, { correctsIssuedOn: '2026-11-30' });
    expect(xml).to.match(/<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"/);
    expect(xml).to.include('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');
    expect(xml).to.include(
      '<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>DRB 000042</cbc:ID><cbc:IssueDate>2026-11-30</cbc:IssueDate>',
    );
    // Amounts positive, as a credit note states them.
    expect(xml).not.to.match(/currencyID="EUR">-/);
  });

  it('a seller that is not a VAT payer: category O, no VAT identifiers, the reason given', () => {
    const xml = invoiceUbl(samples().find((s) => s.name === 'non-payer invoice')!.doc);
    expect(xml).to.include('<cbc:ID>O</cbc:ID>');
    expect(xml).to.include('VATEX-EU-O');
    expect(xml).not.to.include('<cac:PartyTaxScheme>');
    expect(xml).not.to.include('<cbc:Percent>');
  });

  it('addresses Lithuanian companies by company code (0200), foreign ones by VAT number', () => {
    const lt = invoiceUbl(good);
    expect(lt).to.include('<cbc:EndpointID schemeID="0200">306124584</cbc:EndpointID>');
    expect(lt).to.include('<cbc:EndpointID schemeID="0200">304111222</cbc:EndpointID>');
    const lv = invoiceUbl(samples().find((s) => s.name === 'foreign buyer invoice')!.doc);
    expect(lv).to.include('<cbc:EndpointID schemeID="9939">LV40003012345</cbc:EndpointID>');
  });
});
