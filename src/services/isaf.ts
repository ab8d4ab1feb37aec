/**
 * The month's i.SAF register (version 1.2) of the VAT invoices and credit notes the organisation
 * issued, for the tax authority: every document issued in the month while the organisation was a VAT
 * payer, service and shop-order invoices alike, in series and number order. Each document lists its
 * taxable value and VAT per rate, as on the document (a credit note's amounts negative, naming the
 * invoice it corrects). Checked in the tests against the kept schema schemas/isaf/isaf_1.2.xsd.
 */
import { ConflictError } from '../lib/errors.ts';
import { getSettings } from '../settings/service.ts';
import { Invoice, type InvoiceDoc } from './model.ts';
import { invoiceLabel } from './numbering.ts';
import { amount, categoryOf, esc, type VatCategory } from './ubl-parts.ts';

export const ISAF_NAMESPACE = 'http://www.vmi.lt/cms/imas/isaf';
export const ISAF_FILE_VERSION = 'iSAF1.2';
const SOFTWARE = { company: 'Dirbtuvės', name: 'Dirbtuvės', version: '0.1.0' };

/**
 * The tax code of the VAT classifier (PVM klasifikatorius) for a rate and category: PVM1 the
 * standard 21 %, PVM2 9 %, PVM3 5 %, PVM5 a supply exempt from VAT (VAT law arts. 20–32, the
 * reason on the invoice), PVM4 any other supply at 0 %.
 */
export function taxCode(category: VatCategory, vatRateBps: number): string {
  if (category === 'E' || category === 'O') return 'PVM5';
  if (vatRateBps === 2100) return 'PVM1';
  if (vatRateBps === 900) return 'PVM2';
  if (vatRateBps === 500) return 'PVM3';
  return vatRateBps === 0 ? 'PVM4' : 'PVM1';
}

/** The first and last calendar day of a month `YYYY-MM`. */
export function monthBounds(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}

/** The VAT invoices and credit notes issued in the month, in series and number order. */
export async function isafDocuments(month: string): Promise<InvoiceDoc[]> {
  const { start, end } = monthBounds(month);
  const docs = await Invoice.find({ issuedOn: { $gte: start, $lte: end }, sellerVatPayer: true }).lean<
    InvoiceDoc[]
  >();
  return docs.sort((a, b) => a.series.localeCompare(b.series) || a.number - b.number);
}

function vatNumber(p: NonNullable<InvoiceDoc['buyer']>): string {
  const code = (p.vatCode ?? '').replace(/\s+/g, '').toUpperCase();
  if (code === '') return 'ND';
  return /^[A-Z]{2}/.test(code) ? code : `${(p.country || 'LT').toUpperCase()}${code}`;
}

function text(name: string, value: string): string {
  return `<${name}>${esc(value)}</${name}>`;
}

/** Taxable value and VAT per tax code of one document, from its lines. */
function documentTotals(doc: InvoiceDoc): string[] {
  const rows = new Map<string, { code: string; rate: number; net: number; vat: number }>();
  for (const l of doc.lines) {
    const code = taxCode(categoryOf(doc, l.vatRateBps), l.vatRateBps);
    const key = `${code}:${l.vatRateBps}`;
    const row = rows.get(key) ?? { code, rate: l.vatRateBps, net: 0, vat: 0 };
    row.net += l.netCents;
    row.vat += l.vatCents;
    rows.set(key, row);
  }
  return [...rows.values()].map(
    (r) =>
      `<DocumentTotal>${text('TaxableValue', amount(r.net))}${text('TaxCode', r.code)}${text(
        'TaxPercentage',
        String(r.rate / 100),
      )}${text('Amount', amount(r.vat))}</DocumentTotal>`,
  );
}

function invoiceXml(doc: InvoiceDoc, issuedOnOf: Map<string, string>): string {
  const buyer = doc.buyer!;
  const credit = doc.kind === 'credit_note';
  const corrected = credit && doc.correctsLabel ? issuedOnOf.get(String(doc.correctsInvoiceId)) : undefined;
  return [
    '<Invoice>',
    text('InvoiceNo', invoiceLabel(doc)),
    '<CustomerInfo>',
    text('VATRegistrationNumber', vatNumber(buyer)),
    buyer.companyCode ? text('RegistrationNumber', buyer.companyCode) : '',
    text('Country', (buyer.country || 'LT').toUpperCase()),
    text('Name', buyer.name || '-'),
    '</CustomerInfo>',
    text('InvoiceDate', doc.issuedOn),
    text('InvoiceType', credit ? 'KS' : 'SF'),
    '<SpecialTaxation></SpecialTaxation>',
    '<References>',
    corrected
      ? `<Reference>${text('ReferenceNo', doc.correctsLabel)}${text('ReferenceDate', corrected)}</Reference>`
      : '',
    '</References>',
    doc.supplyDate && doc.supplyDate !== doc.issuedOn
      ? text('VATPointDate', doc.supplyDate)
      : '<VATPointDate xsi:nil="true"/>',
    '<DocumentTotals>',
    ...documentTotals(doc),
    '</DocumentTotals>',
    '</Invoice>',
  ].join('');
}

/** A moment as Vilnius local time without a zone, `2026-12-02T15:54:56`, as the file states its creation. */
function vilniusDateTime(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Europe/Vilnius', hour12: false }).replace(' ', 'T');
}

export interface IsafFile {
  xml: string;
  documents: InvoiceDoc[];
}

/**
 * The i.SAF file of a month `YYYY-MM` (the route has checked the form). Refused (409) when the
 * organisation is not a VAT payer: it files no i.SAF.
 */
export async function isafFile(month: string, now = new Date()): Promise<IsafFile> {
  const settings = await getSettings();
  if (!settings.vatPayer) throw new ConflictError('isaf.notVatPayer');
  const documents = await isafDocuments(month);
  const correctedIds = documents.filter((d) => d.correctsInvoiceId).map((d) => d.correctsInvoiceId);
  const corrected = correctedIds.length
    ? await Invoice.find({ _id: { $in: correctedIds } }, { issuedOn: 1 }).lean<InvoiceDoc[]>()
    : [];
  const issuedOnOf = new Map(corrected.map((c) => [String(c._id), c.issuedOn]));
  const { start, end } = monthBounds(month);
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<iSAFFile xmlns="${ISAF_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    '<Header><FileDescription>',
    text('FileVersion', ISAF_FILE_VERSION),
    text('FileDateCreated', vilniusDateTime(now)),
    text('DataType', 'S'),
    text('SoftwareCompanyName', SOFTWARE.company),
    text('SoftwareName', SOFTWARE.name),
    text('SoftwareVersion', SOFTWARE.version),
    text('RegistrationNumber', settings.companyCode || '-'),
    text('NumberOfParts', '1'),
    text('PartNumber', '1'),
    `<SelectionCriteria>${text('SelectionStartDate', start)}${text('SelectionEndDate', end)}</SelectionCriteria>`,
    '</FileDescription></Header>',
    documents.length
      ? `<SourceDocuments><SalesInvoices>${documents.map((d) => invoiceXml(d, issuedOnOf)).join('\n')}</SalesInvoices></SourceDocuments>`
      : '',
    '</iSAFFile>',
  ];
  return { xml: xml.filter((p) => p !== '').join('\n') + '\n', documents };
}
