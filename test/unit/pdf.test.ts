import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { divRoundHalfUp, formatCents } from '../../src/lib/money.ts';
import { renderInvoicePdf, renderQuotePdf, renderStatementPdf } from '../../src/pdf/documents.ts';
import type {
  DocumentLine,
  DocumentTotals,
  InvoicePdfData,
  PartyDetails,
  QuotePdfData,
  StatementPage,
  StatementPdfData,
  VatBreakdownRow,
} from '../../src/pdf/types.ts';
import { localeOf, type Lang } from '../../src/web/i18n.ts';
import { plainSpaces, readPdf } from '../support/pdf-text.ts';

/** Money as the document prints it (and as the text comes back from the PDF). */
function eur(lang: Lang, cents: number): string {
  return plainSpaces(formatCents(cents, localeOf(lang)));
}

/** A line priced the way the shop prices: net = qty × unit, VAT half-up on the line. */
function line(description: string, quantity: number, unitNetCents: number, vatRateBps: number): DocumentLine {
  const netCents = quantity * unitNetCents;
  const vatCents = divRoundHalfUp(netCents * vatRateBps, 10000);
  return {
    description,
    quantity,
    unit: 'H87',
    unitNetCents,
    discountCents: 0,
    vatRateBps,
    netCents,
    vatCents,
    grossCents: netCents + vatCents,
  };
}

function breakdown(lines: DocumentLine[]): VatBreakdownRow[] {
  const rows = new Map<number, VatBreakdownRow>();
  for (const l of lines) {
    const row = rows.get(l.vatRateBps) ?? { vatRateBps: l.vatRateBps, netCents: 0, vatCents: 0 };
    row.netCents += l.netCents;
    row.vatCents += l.vatCents;
    rows.set(l.vatRateBps, row);
  }
  return [...rows.values()].sort((a, b) => b.vatRateBps - a.vatRateBps);
}

function totals(lines: DocumentLine[]): DocumentTotals {
  return {
    netCents: lines.reduce((s, l) => s + l.netCents, 0),
    vatCents: lines.reduce((s, l) => s + l.vatCents, 0),
    grossCents: lines.reduce((s, l) => s + l.grossCents, 0),
  };
}

const seller: PartyDetails = {
  name: 'Kretingos socialinės dirbtuvės VšĮ',
  companyCode: '305512345',
  vatCode: 'LT100013456715',
  address: 'Vytauto g. 12, LT-97111 Kretinga',
  email: 'dirbtuves@example.lt',
  phone: '+370 445 12345',
  iban: 'LT12 7300 0101 2345 6789',
  bankName: 'AB „Swedbank“',
};

const buyer: PartyDetails = {
  name: 'Žemaitė UAB',
  companyCode: '111222333',
  vatCode: 'LT222333444',
  address: 'Šiaulių g. 7-3, LT-92111 Klaipėda',
  email: 'pirkimai@zemaite.example',
  contactPerson: 'Ūla Čepulienė',
};

const buyerNoVat: PartyDetails = { ...buyer, name: 'Ąžuolų ūkis MB', companyCode: '306677889', vatCode: '' };

const quoteLines = [
  line('Šventinių dovanų rinkinys', 120, 1850, 2100),
  line('Pakavimas į firmines dėžutes ir ženklinimas', 120, 333, 2100),
  line('Sveikinimo atvirukai su įmonės logotipu', 125, 99, 900),
];

function quote(lang: Lang, overrides: Partial<QuotePdfData> = {}): QuotePdfData {
  return {
    lang,
    reference: 'P-2026-00012',
    version: 2,
    issuedOn: '2026-11-20',
    validUntil: '2026-12-04',
    leadTimeDays: 10,
    terms: 'Avansas nereikalingas. Rinkiniai pristatomi į užsakovo biurą Klaipėdoje.',
    seller,
    buyer,
    lines: quoteLines,
    vatBreakdown: breakdown(quoteLines),
    totals: totals(quoteLines),
    acceptUrl: 'https://dirbtuves.example.lt/pasiulymai/9fQ2xLr7Hc0pTq3Zb1Wk',
    ...overrides,
  };
}

const invoiceLines = [
  line('Šventinių dovanų rinkinys', 120, 1850, 2100),
  line('Pakavimas ir ženklinimas', 3, 4567, 2100),
  line('Spauda ir įrišimas', 7, 1234, 900),
];

function invoice(lang: Lang, overrides: Partial<InvoicePdfData> = {}): InvoicePdfData {
  return {
    lang,
    kind: 'invoice',
    series: 'DRB',
    number: '000042',
    issuedOn: '2026-11-22',
    dueOn: '2026-12-06',
    supplyDate: '',
    issuedBy: 'Rasa Rinkodarienė',
    vatExemptionReason: '',
    sellerVatPayer: true,
    seller,
    buyer,
    lines: invoiceLines,
    vatBreakdown: breakdown(invoiceLines),
    totals: totals(invoiceLines),
    paymentReference: 'DRB 000042',
    ...overrides,
  };
}

const creditLines = [line('Šventinių dovanų rinkinys (grąžinta)', -10, 1850, 2100)];

function creditNote(lang: Lang): InvoicePdfData {
  return invoice(lang, {
    kind: 'credit_note',
    number: '000043',
    correctsInvoice: 'DRB 000042',
    reason: 'Grąžinti 10 pažeistų rinkinių',
    lines: creditLines,
    vatBreakdown: breakdown(creditLines),
    totals: totals(creditLines),
    paymentReference: 'DRB 000043',
  });
}

const PHOTO = readFileSync(new URL('../fixtures/photo.jpg', import.meta.url));

function statementPage(lang: Lang, overrides: Partial<StatementPage> = {}): StatementPage {
  const lt = lang === 'lt';
  return {
    heading: lt ? 'Jonas Žukauskas, jūsų stipendija' : 'Jonas Žukauskas, your stipend',
    month: lt ? '2026 metų spalis' : 'October 2026',
    youGet: lt ? 'Jūs gausite' : 'You will get',
    amount: formatCents(6643, localeOf(lang)),
    days: lt ? 'Atėjote 18 dienų iš 21.' : 'You came 18 days out of 21.',
    madeHeading: lt
      ? 'Žmonės nupirko tai, ką padėjote padaryti'
      : 'People bought these things you helped make',
    items: [
      { kind: 'product', label: lt ? 'Keraminis puodelis' : 'Ceramic mug', photo: PHOTO },
      {
        kind: 'job',
        label: lt ? 'Darbas įmonei: Dovanų rinkiniai' : 'Work for a business: Gift sets',
        photo: null,
      },
      { kind: 'product', label: lt ? 'Sojų vaško žvakė' : 'Soy wax candle', photo: PHOTO },
      { kind: 'product', label: lt ? 'Lininis maišelis' : 'Linen bag', photo: null },
    ],
    more: lt ? 'Ir dar 2 kiti darbai.' : 'And 2 more things.',
    nothingSold: null,
    howHeading: lt ? 'Kaip skaičiavome' : 'How we counted',
    how: lt
      ? 'Pinigai yra už dienas, kai atėjote, ir už parduotus darbus.'
      : 'The money is for your days and for the work sold.',
    questions: lt
      ? 'Jei turite klausimų, paklauskite socialinio darbuotojo.'
      : 'If you have questions, ask your social worker.',
    from: lt ? 'Pažymą parengė Kretingos dirbtuvės.' : 'Prepared by Kretingos dirbtuvės.',
    ...overrides,
  };
}

function statements(lang: Lang, pages: StatementPage[]): StatementPdfData {
  return {
    lang,
    title: 'Stipendija: Jonas Žukauskas, 2026 metų spalis',
    organisationName: 'Kretingos dirbtuvės',
    statements: pages,
  };
}

/** A page's texts in reading order, as one line of words (what the PDF must read back as). */
function pageWords(page: StatementPage): string {
  const texts = [
    page.heading,
    page.month,
    page.youGet,
    page.amount,
    page.days,
    page.madeHeading ?? '',
    ...page.items.map((i) => i.label),
    page.more ?? '',
    page.nothingSold ?? '',
    page.howHeading,
    page.how,
    page.questions,
    page.from,
  ];
  return oneLine(texts.join(' '));
}

function oneLine(text: string): string {
  return plainSpaces(text).replace(/\s+/g, ' ').trim();
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

function expectParties(text: string, parties: PartyDetails[]): void {
  for (const p of parties) {
    expect(text).to.contain(p.name);
    expect(text).to.contain(p.companyCode);
    if (p.vatCode) expect(text).to.contain(p.vatCode);
    expect(text).to.contain(p.address);
  }
}

/** A description that may wrap inside its column: its words, in order. */
function expectWords(text: string, words: string): void {
  let from = 0;
  for (const word of words.split(' ')) {
    const at = text.indexOf(word, from);
    expect(at, `"${word}" of "${words}"`).to.be.at.least(0);
    from = at + word.length;
  }
}

function expectLinesAndTotals(text: string, lang: Lang, lines: DocumentLine[], withVat = true): void {
  for (const l of lines) {
    expectWords(text, l.description);
    expect(text).to.contain(eur(lang, l.unitNetCents));
    expect(text).to.contain(eur(lang, l.grossCents));
    if (withVat) {
      expect(text).to.contain(eur(lang, l.netCents));
      expect(text).to.contain(eur(lang, l.vatCents));
    }
  }
  if (withVat) {
    for (const row of breakdown(lines)) {
      expect(text).to.contain(`${eur(lang, row.netCents)} ${eur(lang, row.vatCents)}`);
    }
  }
}

describe('PDF documents', function () {
  this.timeout(20000);

  describe('quote', () => {
    it('prints the Lithuanian quotation with parties, lines, VAT by rate, totals and the acceptance link', async () => {
      const buf = await renderQuotePdf(quote('lt'));
      expect(buf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
      const pdf = await readPdf(buf);
      const { text } = pdf;
      expect(pdf.pages).to.have.length(1);
      expect(pdf.title).to.equal('Komercinis pasiūlymas Nr. P-2026-00012, 2 versija');
      expect(pdf.author).to.equal(seller.name);
      expect(text).to.contain('Komercinis pasiūlymas');
      expect(text).to.contain('Nr. P-2026-00012, 2 versija');
      expect(text).to.contain('Pasiūlymo data: 2026-11-20');
      expect(text).to.contain('Galioja iki: 2026-12-04');
      expectParties(text, [seller, buyer]);
      expect(text).to.contain('Kontaktinis asmuo: Ūla Čepulienė');
      expectLinesAndTotals(text, 'lt', quoteLines);
      // 120 × 18,50 = 2220,00 (+21 % 466,20); 120 × 3,33 = 399,60 (+83,92); 125 × 0,99 = 123,75 (+9 % 11,14)
      expect(text).to.contain(`Iš viso be PVM ${eur('lt', 274335)}`);
      expect(text).to.contain(`PVM ${eur('lt', 56126)}`);
      expect(text).to.contain(`Iš viso su PVM ${eur('lt', 330461)}`);
      expect(eur('lt', 330461)).to.equal('3 304,61 €');
      expect(text).to.contain(`21 % ${eur('lt', 261960)} ${eur('lt', 55012)} ${eur('lt', 316972)}`);
      expect(text).to.contain(`9 % ${eur('lt', 12375)} ${eur('lt', 1114)} ${eur('lt', 13489)}`);
      expect(text).to.contain('Atlikimo terminas');
      expect(text).to.contain('10 darbo dienų');
      expect(text).to.contain('Avansas nereikalingas.');
      expect(text).to.contain('https://dirbtuves.example.lt/pasiulymai/9fQ2xLr7Hc0pTq3Zb1Wk');
      expect(text).to.contain('Puslapis 1 iš 1');
      // The seller's bank details belong on the invoice, the buyer is not a seller
      expect(count(text, 'PVM mokėtojo kodas:')).to.equal(2);
    });

    it('prints the English quotation with English labels and money', async () => {
      const pdf = await readPdf(await renderQuotePdf(quote('en', { leadTimeDays: 1, version: 3 })));
      const { text } = pdf;
      expect(pdf.title).to.equal('Quotation No. P-2026-00012, version 3');
      expect(text).to.contain('Valid until: 2026-12-04');
      expect(text).to.contain('Company code: 111222333');
      expect(text).to.contain('VAT code: LT100013456715');
      expect(text).to.contain('Šventinių dovanų rinkinys');
      expectLinesAndTotals(text, 'en', quoteLines);
      expect(eur('en', 330461)).to.equal('€3,304.61');
      expect(text).to.contain(`Total incl. VAT ${eur('en', 330461)}`);
      expect(text).to.contain('1 working day');
      expect(text).to.contain('Accept or decline this quotation here:');
      expect(text).not.to.contain('Komercinis');
      expect(text).to.contain('Page 1 of 1');
    });

    it('leaves out the VAT columns when the seller charges no VAT', async () => {
      const lines = [line('Lauko baldų dažymas', 2, 15000, 0)];
      const data = quote('lt', {
        seller: { ...seller, vatCode: '' },
        lines,
        vatBreakdown: [],
        totals: totals(lines),
      });
      const text = (await readPdf(await renderQuotePdf(data))).text;
      expect(text).not.to.contain('PVM mokėtojo kodas: LT100013456715');
      expect(text).not.to.contain('Suma be PVM');
      expect(text).to.contain(`Iš viso mokėti ${eur('lt', 30000)}`);
    });
  });

  describe('invoice', () => {
    it('prints a Lithuanian VAT invoice: series and number, dates, both parties, lines, VAT, totals, payment', async () => {
      const buf = await renderInvoicePdf(invoice('lt'));
      expect(buf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
      const pdf = await readPdf(buf);
      const { text } = pdf;
      expect(pdf.pages).to.have.length(1);
      expect(pdf.title).to.equal('PVM sąskaita faktūra Serija DRB Nr. 000042');
      expect(pdf.author).to.equal(seller.name);
      expect(text.startsWith('PVM sąskaita faktūra\nSerija DRB Nr. 000042\n')).to.equal(true);
      expect(text).to.contain('Išrašymo data: 2026-11-22');
      expect(text).to.contain('Apmokėti iki: 2026-12-06');
      expectParties(text, [seller, buyer]);
      expect(text).to.contain('Banko sąskaita: LT12 7300 0101 2345 6789');
      expect(text).to.contain('Bankas: AB „Swedbank“');
      expectLinesAndTotals(text, 'lt', invoiceLines);
      const t = totals(invoiceLines);
      // 120 × 18,50 = 2220,00 (+466,20); 3 × 45,67 = 137,01 (+28,77); 7 × 12,34 = 86,38 (+9 % 7,77)
      expect(t).to.deep.equal({ netCents: 244339, vatCents: 50274, grossCents: 294613 });
      expect(text).to.contain(`Iš viso be PVM ${eur('lt', t.netCents)}`);
      expect(text).to.contain(`Iš viso su PVM ${eur('lt', t.grossCents)}`);
      expect(text).to.contain('Mokėjimo paskirtis: DRB 000042');
      expect(text).not.to.contain('Kreditinė');
      expect(text).not.to.contain('nėra PVM mokėtojas');
    });

    it('is a plain "Sąskaita faktūra" without VAT when the seller is not a VAT payer', async () => {
      const lines = [line('Skalbimo paslaugos', 4, 2500, 0)];
      const data = invoice('lt', {
        sellerVatPayer: false,
        seller: { ...seller, vatCode: '' },
        buyer: buyerNoVat,
        lines,
        vatBreakdown: [],
        totals: totals(lines),
      });
      const pdf = await readPdf(await renderInvoicePdf(data));
      expect(pdf.title).to.equal('Sąskaita faktūra Serija DRB Nr. 000042');
      expect(pdf.text).not.to.contain('PVM sąskaita');
      expect(pdf.text).not.to.contain('PVM mokėtojo kodas');
      expect(pdf.text).to.contain('PVM neskaičiuojamas: pardavėjas nėra PVM mokėtojas.');
      expect(pdf.text).to.contain(`Iš viso mokėti ${eur('lt', 10000)}`);
      expectParties(pdf.text, [data.seller, buyerNoVat]);
    });

    it('prints an English VAT invoice', async () => {
      const pdf = await readPdf(await renderInvoicePdf(invoice('en')));
      expect(pdf.title).to.equal('VAT invoice Series DRB No. 000042');
      expect(pdf.text).to.contain('Due date: 2026-12-06');
      expect(pdf.text).to.contain('Payment reference: DRB 000042');
      expect(pdf.text).to.contain('Žemaitė UAB');
      expectParties(pdf.text, [seller, buyer]);
      expectLinesAndTotals(pdf.text, 'en', invoiceLines);
      expect(pdf.text).to.contain(`Total incl. VAT ${eur('en', 294613)}`);
      expect(eur('en', 294613)).to.equal('€2,946.13');
    });

    it('prints a credit note that names the corrected invoice and the reason, with negative amounts', async () => {
      const pdf = await readPdf(await renderInvoicePdf(creditNote('lt')));
      expect(pdf.title).to.equal('Kreditinė PVM sąskaita faktūra Serija DRB Nr. 000043');
      expect(pdf.text).to.contain('Koreguojama sąskaita faktūra: DRB 000042');
      expect(pdf.text).to.contain('Koregavimo priežastis: Grąžinti 10 pažeistų rinkinių');
      const t = totals(creditLines);
      expect(t.grossCents).to.equal(-22385);
      expect(pdf.text).to.contain(`Iš viso su PVM ${eur('lt', -22385)}`);
      expect(pdf.text).to.contain(`Iš viso be PVM ${eur('lt', -18500)}`);
      expectParties(pdf.text, [seller, buyer]);
      expect(pdf.text).not.to.contain('Apmokėti iki');

      const en = await readPdf(await renderInvoicePdf(creditNote('en')));
      expect(en.title).to.equal('VAT credit note Series DRB No. 000043');
      expect(en.text).to.contain('Corrected invoice: DRB 000042');
      expect(en.text).to.contain(`Total incl. VAT ${eur('en', -22385)}`);
    });

    it('continues a long table on new pages with its header repeated, every line printed once', async () => {
      const lines = Array.from({ length: 60 }, (_, i) =>
        line(
          `Eilutė ${i + 1}: šventinių dovanų rinkinys „Žiemos pasaka“ su ąžuolo lentele`,
          i + 1,
          1000 + i,
          2100,
        ),
      );
      const data = invoice('lt', { lines, vatBreakdown: breakdown(lines), totals: totals(lines) });
      const pdf = await readPdf(await renderInvoicePdf(data));
      expect(pdf.pages.length).to.be.greaterThan(1);
      const pages = pdf.pages.length;
      pdf.pages.forEach((page, i) => {
        expect(page, `page ${i + 1}`).to.contain('Pavadinimas');
        expect(page, `page ${i + 1}`).to.contain('Kiekis');
        expect(page).to.contain(`Puslapis ${i + 1} iš ${pages}`);
      });
      for (let i = 1; i <= 60; i++) expect(count(pdf.text, `Eilutė ${i}:`), `line ${i}`).to.equal(1);
      const order = Array.from({ length: 60 }, (_, i) => pdf.text.indexOf(`Eilutė ${i + 1}:`));
      expect(order).to.deep.equal([...order].sort((a, b) => a - b));
      const t = totals(lines);
      expect(pdf.pages.at(-1)).to.contain(`Iš viso su PVM ${eur('lt', t.grossCents)}`);
      expect(count(pdf.text, 'Iš viso su PVM')).to.equal(1);
      expect(pdf.pages[0]).to.contain('Žemaitė UAB');
    });

    it('wraps a long description inside its column', async () => {
      const long = Array.from({ length: 40 }, (_, i) => `žodis${i}`).join(' ');
      const lines = [line(long, 1, 500, 2100)];
      const pdf = await readPdf(
        await renderInvoicePdf(
          invoice('lt', { lines, vatBreakdown: breakdown(lines), totals: totals(lines) }),
        ),
      );
      const first = pdf.text.split('\n').find((l) => l.includes('žodis0 '));
      expect(first).to.contain(eur('lt', 605));
      expect(first).not.to.contain('žodis39');
      for (let i = 0; i < 40; i++) expect(pdf.text).to.contain(`žodis${i}`);
    });

    it('gives the same bytes for the same data', async () => {
      const a = await renderInvoicePdf(invoice('lt'));
      const b = await renderInvoicePdf(invoice('lt'));
      expect(a.equals(b)).to.equal(true);
    });
  });

  describe('stipend statements', () => {
    it('prints a statement on one page in large type, word for word as given, with the photos', async () => {
      const page = statementPage('lt');
      const buf = await renderStatementPdf(statements('lt', [page]));
      expect(buf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
      const pdf = await readPdf(buf);
      expect(pdf.pages).to.have.length(1);
      expect(pdf.smallestFontSize).to.be.at.least(16);
      expect(pdf.author).to.equal('Kretingos dirbtuvės');
      expect(pdf.title).to.equal('Stipendija: Jonas Žukauskas, 2026 metų spalis');
      expect(oneLine(pdf.pages[0]!)).to.equal(pageWords(page));
      expect(count(pdf.text, eur('lt', 6643)), 'the amount once').to.equal(1);
      // Two products have a photo; the job is a drawn icon, the bag without a photo has none.
      expect(count(buf.toString('latin1'), '/Subtype /Image')).to.equal(1);
      const noPhotos = await renderStatementPdf(
        statements('lt', [{ ...page, items: page.items.map((i) => ({ ...i, photo: null })) }]),
      );
      expect(count(noPhotos.toString('latin1'), '/Subtype /Image')).to.equal(0);
    });

    it('reads in English, and says so when nothing was sold', async () => {
      const page = statementPage('en', {
        madeHeading: null,
        items: [],
        more: null,
        nothingSold: 'Nothing you helped make was sold this month.',
      });
      const pdf = await readPdf(await renderStatementPdf(statements('en', [page])));
      expect(pdf.pages).to.have.length(1);
      expect(pdf.smallestFontSize).to.be.at.least(16);
      expect(oneLine(pdf.text)).to.equal(pageWords(page));
    });

    it('gives exactly one page per participant: 16 statements, 16 pages, each its own text', async () => {
      const pages = Array.from({ length: 16 }, (_, i) =>
        statementPage('lt', {
          heading: `Dalyvis Nr${i + 1} Žukauskas, jūsų stipendija`,
          amount: formatCents(1000 + i * 137, 'lt-LT'),
          more: i % 2 ? null : 'Ir dar 11 kitų darbų.',
        }),
      );
      const pdf = await readPdf(await renderStatementPdf(statements('lt', pages)));
      expect(pdf.pages).to.have.length(16);
      pdf.pages.forEach((text, i) => expect(oneLine(text), `page ${i + 1}`).to.equal(pageWords(pages[i]!)));
    });

    it('keeps even the longest names and titles on one page, set smaller', async () => {
      const long = (n: number) =>
        Array.from({ length: n }, () => 'Ilgas')
          .join(' ')
          .slice(0, n);
      const page = statementPage('lt', {
        heading: `${long(120)}, jūsų stipendija`,
        items: Array.from({ length: 4 }, (_, i) => ({
          kind: 'product' as const,
          label: long(160),
          photo: i % 2 ? PHOTO : null,
        })),
        from: `Pažymą parengė ${long(120)}.`,
      });
      const pdf = await readPdf(await renderStatementPdf(statements('lt', [page, statementPage('lt')])));
      expect(pdf.pages).to.have.length(2);
      expect(oneLine(pdf.pages[0]!)).to.equal(pageWords(page));
      expect(oneLine(pdf.pages[1]!)).to.equal(pageWords(statementPage('lt')));
    });
  });
});
