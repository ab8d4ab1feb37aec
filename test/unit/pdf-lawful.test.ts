import { expect } from 'chai';
import { renderInvoicePdf, renderQuotePdf } from '../../src/pdf/documents.ts';
import type { DocumentLine, InvoicePdfData, PartyDetails } from '../../src/pdf/types.ts';
import { priceLines } from '../../src/services/pricing.ts';
import { readPdf } from '../support/pdf-text.ts';

const seller: PartyDetails = {
  name: 'VšĮ Pajūrio socialinės dirbtuvės',
  companyCode: '306124584',
  vatCode: 'LT100045612',
  address: 'Vilniaus g. 12, LT-97104 Kretinga, Lietuva',
  iban: 'LT737300010012345678',
};
const buyer: PartyDetails = {
  name: 'SIA Rīgas Tekstils',
  companyCode: '40003012345',
  vatCode: 'LV40003012345',
  address: 'Brīvības iela 5, LV-1010 Rīga, Latvija',
  contactPerson: 'Anna Bērziņa',
};

function docLines(): DocumentLine[] {
  return priceLines([
    { description: 'Etikečių klijavimas', quantity: 6, unit: 'HUR', unitNetCents: 1500, vatRateBps: 2100 },
    {
      description: 'Dovanų rinkinys',
      quantity: 10,
      unit: 'SET',
      unitNetCents: 1200,
      discountCents: 1000,
      vatRateBps: 2100,
    },
  ]).lines;
}

function invoice(overrides: Partial<InvoicePdfData> = {}): InvoicePdfData {
  const priced = priceLines(docLines());
  return {
    lang: 'lt',
    second: null,
    kind: 'invoice',
    series: 'DRB',
    number: '000007',
    issuedOn: '2026-11-30',
    dueOn: '2026-12-14',
    supplyDate: '2026-11-27',
    issuedBy: 'Rasa Rinkodarienė',
    vatExemptionReason: '',
    sellerVatPayer: true,
    seller,
    buyer,
    lines: priced.lines,
    vatBreakdown: priced.vatBreakdown,
    totals: priced.totals,
    paymentReference: 'DRB 000007',
    ...overrides,
  };
}

describe('lawful invoice PDFs (VAT Law art. 80)', () => {
  it('prints the date of supply, who issued it, units and the discount column', async () => {
    const { text } = await readPdf(await renderInvoicePdf(invoice()));
    expect(text).to.contain('Išrašymo data: 2026-11-30');
    expect(text).to.contain('Tiekimo data: 2026-11-27');
    expect(text).to.contain('Sąskaitą išrašė: Rasa Rinkodarienė');
    expect(text).to.match(/\bMato\b/);
    expect(text).to.contain('Nuolaida');
    expect(text).to.match(/6 val\./);
    expect(text).to.match(/10 kompl\./);
    // 10 × 12,00 − 10,00 = 110,00 net; 6 × 15,00 = 90,00 net.
    expect(text).to.contain('110,00');
    expect(text).to.contain('10,00');
    expect(text).to.contain('Apmokestinamoji');
    expect(text).to.contain('PVM pagal tarifus');
    expect(text).to.contain('Adresas: Brīvības iela 5, LV-1010 Rīga');
    expect(text).to.contain('PVM mokėtojo kodas: LV40003012345');
  });

  it('leaves the supply date and discount out when there are none', async () => {
    const plain = priceLines([
      { description: 'Pakavimas', quantity: 2, unitNetCents: 500, vatRateBps: 2100 },
    ]);
    const { text } = await readPdf(
      await renderInvoicePdf(
        invoice({
          supplyDate: '',
          lines: plain.lines,
          vatBreakdown: plain.vatBreakdown,
          totals: plain.totals,
        }),
      ),
    );
    expect(text).not.to.contain('Tiekimo data');
    expect(text).not.to.contain('Nuolaida');
    expect(text).to.match(/2 vnt\./);
  });

  it('prints a bilingual document (Lithuanian first, English beside it)', async () => {
    const { text } = await readPdf(await renderInvoicePdf(invoice({ second: 'en' })));
    expect(text.startsWith('PVM sąskaita faktūra\nVAT invoice\n')).to.equal(true);
    expect(text).to.contain('Išrašymo data / Date of issue: 2026-11-30');
    expect(text).to.contain('Tiekimo data / Date of supply: 2026-11-27');
    expect(text).to.contain('Įmonės kodas / Company code: 40003012345');
    expect(text).to.contain('Sąskaitą išrašė / Issued by: Rasa Rinkodarienė');
    expect(text).to.contain('Iš viso su PVM / Total incl. VAT');
    expect(text).to.contain('val. / h');
  });

  it("titles a non-VAT seller's documents and gives the reason for no VAT in both languages", async () => {
    const lines = priceLines([
      { description: 'Pakavimas', quantity: 2, unit: 'H87', unitNetCents: 500, vatRateBps: 0 },
    ]);
    const base = {
      sellerVatPayer: false,
      seller: { ...seller, vatCode: '' },
      ...lines,
      second: 'en' as const,
    };
    const inv = await readPdf(await renderInvoicePdf(invoice(base)));
    expect(inv.text.startsWith('Sąskaita faktūra\nInvoice\n')).to.equal(true);
    expect(inv.text).to.contain('PVM neskaičiuojamas: pardavėjas nėra PVM mokėtojas.');
    expect(inv.text).to.contain('No VAT charged: the seller is not registered for VAT.');
    const credit = await readPdf(await renderInvoicePdf(invoice({ ...base, kind: 'credit_note' })));
    expect(credit.text.startsWith('Kreditinė sąskaita faktūra\nCredit note\n')).to.equal(true);
    const vatCredit = await readPdf(await renderInvoicePdf(invoice({ kind: 'credit_note' })));
    expect(vatCredit.text.startsWith('Kreditinė PVM sąskaita faktūra\n')).to.equal(true);
  });

  it('prints a quote with the same parties and units as its invoice', async () => {
    const priced = priceLines(docLines());
    const { text } = await readPdf(
      await renderQuotePdf({
        lang: 'lt',
        second: 'en',
        reference: 'P-2026-00003',
        version: 1,
        issuedOn: '2026-11-20',
        validUntil: '2026-12-04',
        leadTimeDays: 5,
        terms: '',
        seller,
        buyer,
        lines: priced.lines,
        vatBreakdown: priced.vatBreakdown,
        totals: priced.totals,
        acceptUrl: 'https://dirbtuves.example/requests/x',
      }),
    );
    expect(text).to.contain('Adresas / Address: Brīvības iela 5');
    expect(text).to.contain('Latvija');
    expect(text).to.contain('Įmonės kodas / Company code: 40003012345');
    expect(text).to.contain('val. / h');
    expect(text).to.match(/kompl\.\s*(\/ set)?/);
    expect(text).to.contain('Galioja iki / Valid until: 2026-12-04');
  });
});
