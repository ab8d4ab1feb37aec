import type { Lang } from '../web/i18n.ts';
import {
  contentWidth,
  createDoc,
  drawSums,
  drawTable,
  ensureSpace,
  finish,
  left,
  money,
  para,
  percent,
  quantity,
  tr,
  BOLD,
  REGULAR,
  type Column,
  type Doc,
  type PdfKey,
} from './layout.ts';
import type {
  DocumentLine,
  DocumentTotals,
  InvoicePdfData,
  PartyDetails,
  QuotePdfData,
  VatBreakdownRow,
} from './types.ts';

export { renderStatementPdf } from './statement.ts';
export { renderCardsPdf, type CardData } from './cards.ts';
export { renderPackingSlipsPdf } from './slip.ts';

/** The quote and the invoice (or credit note) a business downloads, in the document's language. */

const TABLE = { size: 8, headerSize: 7.5, padding: 4 };

function partyLines(lang: Lang, party: PartyDetails, withBank: boolean): string[] {
  const lines = [tr(lang, 'pdf.party.companyCode', { code: party.companyCode })];
  if (party.vatCode.trim()) lines.push(tr(lang, 'pdf.party.vatCode', { code: party.vatCode }));
  if (party.address.trim()) lines.push(tr(lang, 'pdf.party.address', { address: party.address }));
  if (party.contactPerson?.trim())
    lines.push(tr(lang, 'pdf.party.contactPerson', { name: party.contactPerson }));
  if (party.email?.trim()) lines.push(tr(lang, 'pdf.party.email', { email: party.email }));
  if (party.phone?.trim()) lines.push(tr(lang, 'pdf.party.phone', { phone: party.phone }));
  if (withBank && party.iban?.trim()) lines.push(tr(lang, 'pdf.party.iban', { iban: party.iban }));
  if (withBank && party.bankName?.trim()) lines.push(tr(lang, 'pdf.party.bank', { bank: party.bankName }));
  return lines;
}

/** Seller on the left, buyer on the right, side by side. */
function drawParties(doc: Doc, lang: Lang, seller: PartyDetails, buyer: PartyDetails): void {
  const gap = 20;
  const width = (contentWidth(doc) - gap) / 2;
  const blocks: Array<[PdfKey, PartyDetails, boolean]> = [
    ['pdf.seller', seller, true],
    ['pdf.buyer', buyer, false],
  ];
  const measure = (party: PartyDetails, withBank: boolean) => {
    doc.font(BOLD).fontSize(10);
    let h = 14 + doc.heightOfString(party.name, { width });
    doc.font(REGULAR).fontSize(9);
    for (const line of partyLines(lang, party, withBank)) h += doc.heightOfString(line, { width });
    return h;
  };
  ensureSpace(doc, Math.max(...blocks.map(([, p, b]) => measure(p, b))));
  const top = doc.y;
  let end = top;
  blocks.forEach(([label, party, withBank], i) => {
    const x = left(doc) + i * (width + gap);
    doc.font(BOLD).fontSize(8).fillColor('#555555');
    doc.text(tr(lang, label).toUpperCase(), x, top, { width });
    doc.fillColor('black').font(BOLD).fontSize(10);
    doc.text(party.name, x, doc.y + 2, { width });
    doc.font(REGULAR).fontSize(9);
    for (const line of partyLines(lang, party, withBank)) doc.text(line, x, doc.y, { width });
    end = Math.max(end, doc.y);
  });
  doc.x = left(doc);
  doc.y = end + 16;
}

function showsVat(lines: DocumentLine[], totals: DocumentTotals, vatPayer: boolean): boolean {
  return vatPayer || totals.vatCents !== 0 || lines.some((l) => l.vatCents !== 0);
}

function drawLines(doc: Doc, lang: Lang, lines: DocumentLine[], withVat: boolean): void {
  const full = contentWidth(doc);
  const col = (key: PdfKey, width: number, align: Column['align'] = 'right'): Column => ({
    header: tr(lang, key),
    width,
    align,
  });
  const columns: Column[] = withVat
    ? [
        col('pdf.lines.no', 26),
        col('pdf.lines.description', full - 26 - 36 - 60 - 42 - 62 - 56 - 64, 'left'),
        col('pdf.lines.quantity', 36),
        col('pdf.lines.unitNet', 60),
        col('pdf.lines.vatRate', 42),
        col('pdf.lines.net', 62),
        col('pdf.lines.vat', 56),
        col('pdf.lines.gross', 64),
      ]
    : [
        col('pdf.lines.no', 26),
        col('pdf.lines.description', full - 26 - 50 - 80 - 90, 'left'),
        col('pdf.lines.quantity', 50),
        col('pdf.lines.unitPrice', 80),
        col('pdf.lines.amount', 90),
      ];
  const rows = lines.map((line, i) =>
    withVat
      ? [
          `${i + 1}.`,
          line.description,
          quantity(lang, line.quantity),
          money(lang, line.unitNetCents),
          percent(lang, line.vatRateBps),
          money(lang, line.netCents),
          money(lang, line.vatCents),
          money(lang, line.grossCents),
        ]
      : [
          `${i + 1}.`,
          line.description,
          quantity(lang, line.quantity),
          money(lang, line.unitNetCents),
          money(lang, line.grossCents),
        ],
  );
  drawTable(doc, columns, rows, TABLE);
  doc.y += 12;
}

function drawVatBreakdown(doc: Doc, lang: Lang, rows: VatBreakdownRow[]): void {
  if (rows.length === 0) return;
  const widths = [70, 100, 80, 90];
  const total = widths.reduce((a, b) => a + b, 0);
  const x = left(doc) + contentWidth(doc) - total;
  const keys: PdfKey[] = ['pdf.vat.rate', 'pdf.vat.base', 'pdf.vat.amount', 'pdf.vat.gross'];
  const columns: Column[] = keys.map((key, i) => ({
    header: tr(lang, key),
    width: widths[i]!,
    align: 'right',
  }));
  ensureSpace(doc, 14 + 40 + rows.length * 16);
  doc.font(BOLD).fontSize(9).text(tr(lang, 'pdf.vat.title'), x, doc.y, { width: total });
  doc.y += 3;
  drawTable(
    doc,
    columns,
    rows.map((r) => [
      percent(lang, r.vatRateBps),
      money(lang, r.netCents),
      money(lang, r.vatCents),
      money(lang, r.netCents + r.vatCents),
    ]),
    { ...TABLE, x },
  );
  doc.y += 10;
}

function drawTotals(doc: Doc, lang: Lang, totals: DocumentTotals, withVat: boolean): void {
  const rows = withVat
    ? [
        { label: tr(lang, 'pdf.totals.net'), value: money(lang, totals.netCents) },
        { label: tr(lang, 'pdf.totals.vat'), value: money(lang, totals.vatCents) },
        { label: tr(lang, 'pdf.totals.gross'), value: money(lang, totals.grossCents), strong: true },
      ]
    : [{ label: tr(lang, 'pdf.totals.due'), value: money(lang, totals.grossCents), strong: true }];
  drawSums(doc, rows, { width: 260, size: 10 });
  doc.y += 12;
}

function drawHeading(doc: Doc, title: string, subtitle: string, facts: string[]): void {
  para(doc, title, { size: 20, bold: true });
  para(doc, subtitle, { size: 12, bold: true, gap: 6 });
  for (const fact of facts) para(doc, fact, { size: 10 });
  doc.y += 16;
}

function section(doc: Doc, heading: string, body: string, opts: { link?: string } = {}): void {
  if (!body.trim()) return;
  ensureSpace(doc, 40);
  para(doc, heading, { size: 10, bold: true, gap: 2 });
  para(doc, body, { size: 9, gap: 10, ...opts });
}

const pluralRules = new Map<Lang, Intl.PluralRules>();
const LEAD_TIME_FORMS: Record<Intl.LDMLPluralRule, PdfKey> = {
  zero: 'pdf.quote.leadTimeDays.other',
  one: 'pdf.quote.leadTimeDays.one',
  two: 'pdf.quote.leadTimeDays.other',
  few: 'pdf.quote.leadTimeDays.few',
  many: 'pdf.quote.leadTimeDays.many',
  other: 'pdf.quote.leadTimeDays.other',
};

function leadTime(lang: Lang, days: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang === 'lt' ? 'lt-LT' : 'en-IE');
    pluralRules.set(lang, rules);
  }
  return tr(lang, LEAD_TIME_FORMS[rules.select(days)], { count: days });
}

export function renderQuotePdf(data: QuotePdfData): Promise<Buffer> {
  const { lang } = data;
  const title = tr(lang, 'pdf.quote.title');
  const subtitle = tr(lang, 'pdf.quote.reference', { reference: data.reference, version: data.version });
  const doc = createDoc({
    lang,
    title: `${title} ${subtitle}`,
    author: data.seller.name,
    subject: data.buyer.name,
    date: data.issuedOn,
  });
  const withVat = showsVat(data.lines, data.totals, data.seller.vatCode.trim() !== '');
  drawHeading(doc, title, subtitle, [
    tr(lang, 'pdf.quote.issuedOn', { date: data.issuedOn }),
    tr(lang, 'pdf.quote.validUntil', { date: data.validUntil }),
  ]);
  drawParties(doc, lang, data.seller, data.buyer);
  drawLines(doc, lang, data.lines, withVat);
  if (withVat) drawVatBreakdown(doc, lang, data.vatBreakdown);
  drawTotals(doc, lang, data.totals, withVat);
  section(doc, tr(lang, 'pdf.quote.leadTime'), leadTime(lang, data.leadTimeDays));
  section(doc, tr(lang, 'pdf.quote.terms'), data.terms);
  section(doc, tr(lang, 'pdf.quote.accept'), data.acceptUrl, { link: data.acceptUrl });
  return finish(
    doc,
    (page, pages) => `${title} ${data.reference} · ${tr(lang, 'pdf.page', { page, pages })}`,
  );
}

function invoiceTitle(data: InvoicePdfData): string {
  const { lang } = data;
  if (data.kind === 'credit_note') {
    return tr(lang, data.sellerVatPayer ? 'pdf.invoice.creditTitleVat' : 'pdf.invoice.creditTitle');
  }
  return tr(lang, data.sellerVatPayer ? 'pdf.invoice.titleVat' : 'pdf.invoice.title');
}

export function renderInvoicePdf(data: InvoicePdfData): Promise<Buffer> {
  const { lang } = data;
  const credit = data.kind === 'credit_note';
  const title = invoiceTitle(data);
  const subtitle = tr(lang, 'pdf.invoice.number', { series: data.series, number: data.number });
  const doc = createDoc({
    lang,
    title: `${title} ${subtitle}`,
    author: data.seller.name,
    subject: data.buyer.name,
    date: data.issuedOn,
  });
  const facts = [tr(lang, 'pdf.invoice.issuedOn', { date: data.issuedOn })];
  if (credit) {
    if (data.correctsInvoice) facts.push(tr(lang, 'pdf.invoice.corrects', { invoice: data.correctsInvoice }));
    if (data.reason) facts.push(tr(lang, 'pdf.invoice.reason', { reason: data.reason }));
  } else {
    facts.push(tr(lang, 'pdf.invoice.dueOn', { date: data.dueOn }));
  }
  drawHeading(doc, title, subtitle, facts);
  drawParties(doc, lang, data.seller, data.buyer);
  const withVat = showsVat(data.lines, data.totals, data.sellerVatPayer);
  drawLines(doc, lang, data.lines, withVat);
  if (withVat) drawVatBreakdown(doc, lang, data.vatBreakdown);
  drawTotals(doc, lang, data.totals, withVat);
  if (!data.sellerVatPayer) para(doc, tr(lang, 'pdf.invoice.notVatPayer'), { size: 9, gap: 10 });
  if (!credit) {
    const payment: string[] = [];
    if (data.seller.iban?.trim()) {
      payment.push(
        data.seller.bankName?.trim()
          ? tr(lang, 'pdf.invoice.payToBank', { iban: data.seller.iban, bank: data.seller.bankName })
          : tr(lang, 'pdf.invoice.payTo', { iban: data.seller.iban }),
      );
    }
    payment.push(tr(lang, 'pdf.invoice.paymentReference', { reference: data.paymentReference }));
    payment.push(tr(lang, 'pdf.invoice.dueOn', { date: data.dueOn }));
    section(doc, tr(lang, 'pdf.invoice.payment'), payment.join('\n'));
  }
  return finish(doc, (page, pages) => `${title} ${subtitle} · ${tr(lang, 'pdf.page', { page, pages })}`);
}
