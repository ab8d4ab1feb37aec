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

/** The document's language and, for a bilingual one, the second one printed beside it. */
interface Langs {
  lang: Lang;
  second: Lang | null;
}

/** A label in both languages when there are two: "Įmonės kodas / Company code". */
function label(l: Langs, key: PdfKey, params: Record<string, string | number> = {}): string {
  const first = tr(l.lang, key, params);
  if (!l.second) return first;
  const other = tr(l.second, key, params);
  return other === first ? first : `${first} / ${other}`;
}

/** A table header: the second language on a line of its own. */
function header(l: Langs, key: PdfKey): string {
  const first = tr(l.lang, key);
  if (!l.second) return first;
  const other = tr(l.second, key);
  return other === first ? first : `${first}\n${other}`;
}

function fact(l: Langs, key: PdfKey, value: string): string {
  return `${label(l, key)}: ${value}`;
}

function partyLines(l: Langs, party: PartyDetails, withBank: boolean): string[] {
  const lines = [fact(l, 'pdf.label.companyCode', party.companyCode)];
  if (party.vatCode.trim()) lines.push(fact(l, 'pdf.label.vatCode', party.vatCode));
  if (party.address.trim()) lines.push(fact(l, 'pdf.label.address', party.address));
  if (party.contactPerson?.trim()) lines.push(fact(l, 'pdf.label.contactPerson', party.contactPerson));
  if (party.email?.trim()) lines.push(fact(l, 'pdf.label.email', party.email));
  if (party.phone?.trim()) lines.push(fact(l, 'pdf.label.phone', party.phone));
  if (withBank && party.iban?.trim()) lines.push(fact(l, 'pdf.label.iban', party.iban));
  if (withBank && party.bankName?.trim()) lines.push(fact(l, 'pdf.label.bank', party.bankName));
  return lines;
}

/** Seller on the left, buyer on the right, side by side. */
function drawParties(doc: Doc, l: Langs, seller: PartyDetails, buyer: PartyDetails): void {
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
    for (const line of partyLines(l, party, withBank)) h += doc.heightOfString(line, { width });
    return h;
  };
  ensureSpace(doc, Math.max(...blocks.map(([, p, b]) => measure(p, b))));
  const top = doc.y;
  let end = top;
  blocks.forEach(([key, party, withBank], i) => {
    const x = left(doc) + i * (width + gap);
    doc.font(BOLD).fontSize(8).fillColor('#555555');
    doc.text(label(l, key).toUpperCase(), x, top, { width });
    doc.fillColor('black').font(BOLD).fontSize(10);
    doc.text(party.name, x, doc.y + 2, { width });
    doc.font(REGULAR).fontSize(9);
    for (const line of partyLines(l, party, withBank)) doc.text(line, x, doc.y, { width });
    end = Math.max(end, doc.y);
  });
  doc.x = left(doc);
  doc.y = end + 16;
}

function showsVat(lines: DocumentLine[], totals: DocumentTotals, vatPayer: boolean): boolean {
  return vatPayer || totals.vatCents !== 0 || lines.some((l) => l.vatCents !== 0);
}

function unitText(l: Langs, unit: string): string {
  const key = `pdf.unit.${unit}` as PdfKey;
  return label(l, key);
}

/**
 * The lines: number, description, quantity and unit, unit price without VAT, the discount (only
 * when a line has one), then VAT rate, net, VAT and gross, or just the amount without VAT.
 */
function drawLines(doc: Doc, l: Langs, lines: DocumentLine[], withVat: boolean): void {
  const full = contentWidth(doc);
  const lang = l.lang;
  const withDiscount = lines.some((line) => line.discountCents !== 0);
  const col = (key: PdfKey, width: number, align: Column['align'] = 'right'): Column => ({
    header: header(l, key),
    width,
    align,
  });
  const numbers: [PdfKey, number][] = withVat
    ? [
        ['pdf.lines.quantity', 38],
        ['pdf.lines.unit', l.second ? 46 : 36],
        ['pdf.lines.unitNet', 54],
        ...(withDiscount ? ([['pdf.lines.discount', 48]] as [PdfKey, number][]) : []),
        ['pdf.lines.vatRate', 46],
        ['pdf.lines.net', 56],
        ['pdf.lines.vat', 50],
        ['pdf.lines.gross', 58],
      ]
    : [
        ['pdf.lines.quantity', 44],
        ['pdf.lines.unit', 46],
        ['pdf.lines.unitPrice', 70],
        ...(withDiscount ? ([['pdf.lines.discount', 60]] as [PdfKey, number][]) : []),
        ['pdf.lines.amount', 80],
      ];
  const used = 24 + numbers.reduce((s, [, w]) => s + w, 0);
  const columns: Column[] = [
    col('pdf.lines.no', 24),
    col('pdf.lines.description', full - used, 'left'),
    ...numbers.map(([key, width]) => col(key, width, key === 'pdf.lines.unit' ? 'left' : 'right')),
  ];
  const rows = lines.map((line, i) => {
    const cells = [
      `${i + 1}.`,
      line.description,
      quantity(lang, line.quantity),
      unitText(l, line.unit),
      money(lang, line.unitNetCents),
      ...(withDiscount ? [line.discountCents ? money(lang, line.discountCents) : ''] : []),
    ];
    return withVat
      ? [
          ...cells,
          percent(lang, line.vatRateBps),
          money(lang, line.netCents),
          money(lang, line.vatCents),
          money(lang, line.grossCents),
        ]
      : [...cells, money(lang, line.netCents)];
  });
  drawTable(doc, columns, rows, TABLE);
  doc.y += 12;
}

function drawVatBreakdown(doc: Doc, l: Langs, rows: VatBreakdownRow[]): void {
  if (rows.length === 0) return;
  const lang = l.lang;
  const widths = [70, 100, 80, 90];
  const total = widths.reduce((a, b) => a + b, 0);
  const x = left(doc) + contentWidth(doc) - total;
  const keys: PdfKey[] = ['pdf.vat.rate', 'pdf.vat.base', 'pdf.vat.amount', 'pdf.vat.gross'];
  const columns: Column[] = keys.map((key, i) => ({
    header: header(l, key),
    width: widths[i]!,
    align: 'right',
  }));
  ensureSpace(doc, 14 + 40 + rows.length * 16);
  doc.font(BOLD).fontSize(9).text(label(l, 'pdf.vat.title'), x, doc.y, { width: total });
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

function drawTotals(doc: Doc, l: Langs, totals: DocumentTotals, withVat: boolean): void {
  const lang = l.lang;
  const rows = withVat
    ? [
        { label: label(l, 'pdf.totals.net'), value: money(lang, totals.netCents) },
        { label: label(l, 'pdf.totals.vat'), value: money(lang, totals.vatCents) },
        { label: label(l, 'pdf.totals.gross'), value: money(lang, totals.grossCents), strong: true },
      ]
    : [{ label: label(l, 'pdf.totals.due'), value: money(lang, totals.grossCents), strong: true }];
  drawSums(doc, rows, { width: l.second ? 400 : 260, size: 10 });
  doc.y += 12;
}

function drawHeading(
  doc: Doc,
  title: string,
  second: string | null,
  subtitle: string,
  facts: string[],
): void {
  para(doc, title, { size: 20, bold: true });
  if (second) para(doc, second, { size: 12, gap: 2 });
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

/** A sentence in each of the document's languages, one a line. */
function sentence(l: Langs, key: PdfKey, params: Record<string, string | number> = {}): string {
  const first = tr(l.lang, key, params);
  return l.second ? `${first}\n${tr(l.second, key, params)}` : first;
}

/** The title in the document's language; a bilingual document carries the other under it. */
function titles(l: Langs, key: PdfKey): { title: string; second: string | null } {
  const title = tr(l.lang, key);
  const other = l.second ? tr(l.second, key) : null;
  return { title, second: other && other !== title ? other : null };
}

export function renderQuotePdf(data: QuotePdfData): Promise<Buffer> {
  const { lang } = data;
  const l: Langs = { lang, second: data.second ?? null };
  const { title, second } = titles(l, 'pdf.quote.title');
  const subtitle = tr(lang, 'pdf.quote.reference', { reference: data.reference, version: data.version });
  const doc = createDoc({
    lang,
    title: `${title} ${subtitle}`,
    author: data.seller.name,
    subject: data.buyer.name,
    date: data.issuedOn,
  });
  const withVat = showsVat(data.lines, data.totals, data.seller.vatCode.trim() !== '');
  drawHeading(doc, title, second, subtitle, [
    fact(l, 'pdf.label.quoteDate', data.issuedOn),
    fact(l, 'pdf.label.validUntil', data.validUntil),
  ]);
  drawParties(doc, l, data.seller, data.buyer);
  drawLines(doc, l, data.lines, withVat);
  if (withVat) drawVatBreakdown(doc, l, data.vatBreakdown);
  drawTotals(doc, l, data.totals, withVat);
  const lead = [
    leadTime(lang, data.leadTimeDays),
    ...(data.second ? [leadTime(data.second, data.leadTimeDays)] : []),
  ];
  section(doc, label(l, 'pdf.quote.leadTime'), [...new Set(lead)].join(' / '));
  section(doc, label(l, 'pdf.quote.terms'), data.terms);
  section(doc, sentence(l, 'pdf.quote.accept'), data.acceptUrl, { link: data.acceptUrl });
  return finish(
    doc,
    (page, pages) => `${title} ${data.reference} · ${tr(lang, 'pdf.page', { page, pages })}`,
  );
}

function invoiceTitleKey(data: InvoicePdfData): PdfKey {
  if (data.kind === 'credit_note') {
    return data.sellerVatPayer ? 'pdf.invoice.creditTitleVat' : 'pdf.invoice.creditTitle';
  }
  return data.sellerVatPayer ? 'pdf.invoice.titleVat' : 'pdf.invoice.title';
}

/**
 * An invoice or credit note as Lithuanian law asks (VAT Law art. 80): title by the seller's VAT
 * status, series and number, issue date and the date of supply when it differs, both parties with
 * addresses and codes, lines with unit, quantity, unit price without VAT and discount, VAT per rate,
 * totals, the reason when no VAT is charged, and who issued it.
 */
export function renderInvoicePdf(data: InvoicePdfData): Promise<Buffer> {
  const { lang } = data;
  const l: Langs = { lang, second: data.second ?? null };
  const credit = data.kind === 'credit_note';
  const { title, second } = titles(l, invoiceTitleKey(data));
  const subtitle = tr(lang, 'pdf.invoice.number', { series: data.series, number: data.number });
  const doc = createDoc({
    lang,
    title: `${title} ${subtitle}`,
    author: data.seller.name,
    subject: data.buyer.name,
    date: data.issuedOn,
  });
  const facts = [fact(l, 'pdf.label.issuedOn', data.issuedOn)];
  if (data.supplyDate) facts.push(fact(l, 'pdf.label.supplyDate', data.supplyDate));
  if (data.orderNumber) facts.push(fact(l, 'pdf.label.order', data.orderNumber));
  if (credit) {
    if (data.correctsInvoice) facts.push(fact(l, 'pdf.label.corrects', data.correctsInvoice));
    if (data.reason) facts.push(fact(l, 'pdf.label.reason', data.reason));
  } else {
    facts.push(fact(l, 'pdf.label.dueOn', data.dueOn));
  }
  drawHeading(doc, title, second, subtitle, facts);
  drawParties(doc, l, data.seller, data.buyer);
  const withVat = showsVat(data.lines, data.totals, data.sellerVatPayer);
  drawLines(doc, l, data.lines, withVat);
  if (withVat) drawVatBreakdown(doc, l, data.vatBreakdown);
  drawTotals(doc, l, data.totals, withVat);
  if (!data.sellerVatPayer) para(doc, sentence(l, 'pdf.invoice.notVatPayer'), { size: 9, gap: 10 });
  else if (data.vatExemptionReason)
    para(doc, fact(l, 'pdf.label.vatBasis', data.vatExemptionReason), { size: 9, gap: 10 });
  if (!credit) {
    const payment: string[] = [];
    if (data.seller.iban?.trim()) {
      payment.push(
        data.seller.bankName?.trim()
          ? sentence(l, 'pdf.invoice.payToBank', { iban: data.seller.iban, bank: data.seller.bankName })
          : sentence(l, 'pdf.invoice.payTo', { iban: data.seller.iban }),
      );
    }
    payment.push(sentence(l, 'pdf.invoice.paymentReference', { reference: data.paymentReference }));
    section(doc, label(l, 'pdf.invoice.payment'), payment.join('\n'));
  }
  if (data.issuedBy) para(doc, fact(l, 'pdf.label.issuedBy', data.issuedBy), { size: 9, gap: 10 });
  return finish(doc, (page, pages) => `${title} ${subtitle} · ${tr(lang, 'pdf.page', { page, pages })}`);
}
