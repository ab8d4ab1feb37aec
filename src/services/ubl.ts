/**
 * An issued invoice or credit note as a UBL 2.1 e-invoice following EN 16931 and Peppol BIS Billing
 * 3.0, the form E. sąskaita and Peppol take: built from the document's snapshot only, so the file
 * says what the PDF says. Amounts are the stored cents with two decimals; the VAT breakdown is the
 * sum of the lines per category, as on the PDF. The tests check every kind of document against the
 * published UBL schema and the EN 16931 and Peppol rule sets (README: "E-invoice validators").
 */
import type { InvoiceDoc } from './model.ts';
import { invoiceLabel } from './numbering.ts';
import {
  categoryOf,
  el,
  eur,
  exemption,
  lineXml,
  party,
  taxCategory,
  ublLine,
  type UblLine,
  type VatCategory,
} from './ubl-parts.ts';

export const CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  credit_note: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

interface Subtotal {
  category: VatCategory;
  vatRateBps: number;
  netCents: number;
  vatCents: number;
}

function subtotals(invoice: InvoiceDoc, lines: UblLine[]): Subtotal[] {
  const rows = new Map<string, Subtotal>();
  for (const l of lines) {
    const category = categoryOf(invoice, l.vatRateBps);
    const key = `${category}:${l.vatRateBps}`;
    const row = rows.get(key) ?? { category, vatRateBps: l.vatRateBps, netCents: 0, vatCents: 0 };
    row.netCents += l.netCents;
    row.vatCents += l.vatCents;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.vatRateBps - a.vatRateBps);
}

/** What a credit note needs of the invoice it corrects beyond its own snapshot. */
export interface UblOptions {
  /** The issue date of the corrected invoice (BT-26), when known. */
  correctsIssuedOn?: string;
  /** The shop order's number, for a document of a shop order (the buyer's reference). */
  orderNumber?: string;
}

/** The document as UBL 2.1 XML (an Invoice, type 380, or a CreditNote, type 381). */
export function invoiceUbl(invoice: InvoiceDoc, opts: UblOptions = {}): string {
  const kind = invoice.kind === 'credit_note' ? 'credit_note' : 'invoice';
  const sign = kind === 'credit_note' ? -1 : 1;
  const lines = invoice.lines.map((l, i) => ublLine(l, i, sign));
  const rows = subtotals(invoice, lines);
  const net = lines.reduce((s, l) => s + l.netCents, 0);
  const vat = rows.reduce((s, r) => s + r.vatCents, 0);
  const withVat = Boolean(invoice.sellerVatPayer);
  const seller = invoice.seller!;
  const buyer = invoice.buyer!;
  const root = kind === 'invoice' ? 'Invoice' : 'CreditNote';
  const buyerReference = opts.orderNumber || invoice.reference || invoiceLabel(invoice);
  const note = kind === 'credit_note' ? invoice.reason : '';
  const iban = (seller.iban ?? '').replace(/\s+/g, '');

  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<${root} xmlns="${NS[kind]}" xmlns:cac="${NS.cac}" xmlns:cbc="${NS.cbc}">`,
    `<cbc:CustomizationID>${CUSTOMIZATION_ID}</cbc:CustomizationID>`,
    `<cbc:ProfileID>${PROFILE_ID}</cbc:ProfileID>`,
    el('cbc:ID', invoiceLabel(invoice)),
    el('cbc:IssueDate', invoice.issuedOn),
    kind === 'invoice' ? el('cbc:DueDate', invoice.dueOn) : '',
    kind === 'invoice'
      ? '<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>'
      : '<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>',
    el('cbc:Note', note),
    '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>',
    el('cbc:BuyerReference', buyerReference),
    kind === 'credit_note' && invoice.correctsLabel
      ? `<cac:BillingReference><cac:InvoiceDocumentReference>${el('cbc:ID', invoice.correctsLabel)}${el(
          'cbc:IssueDate',
          opts.correctsIssuedOn,
        )}</cac:InvoiceDocumentReference></cac:BillingReference>`
      : '',
    `<cac:AccountingSupplierParty>${party(seller, { withVat, contact: true })}</cac:AccountingSupplierParty>`,
    // BR-O-02: a document not subject to VAT names no VAT identifier of the buyer either.
    `<cac:AccountingCustomerParty>${party(buyer, { withVat, contact: true })}</cac:AccountingCustomerParty>`,
    invoice.supplyDate || kind === 'invoice'
      ? `<cac:Delivery>${el('cbc:ActualDeliveryDate', invoice.supplyDate || invoice.issuedOn)}</cac:Delivery>`
      : '',
    kind === 'invoice' && iban
      ? `<cac:PaymentMeans><cbc:PaymentMeansCode name="Credit transfer">30</cbc:PaymentMeansCode>${el(
          'cbc:PaymentID',
          invoiceLabel(invoice),
        )}<cac:PayeeFinancialAccount>${el('cbc:ID', iban)}${el('cbc:Name', seller.name)}</cac:PayeeFinancialAccount></cac:PaymentMeans>`
      : '',
    kind === 'credit_note'
      ? `<cac:PaymentTerms>${el('cbc:Note', `Credit note to invoice ${invoice.correctsLabel}`)}</cac:PaymentTerms>`
      : '',
    `<cac:TaxTotal>${eur('cbc:TaxAmount', vat)}`,
    ...rows.map(
      (r) =>
        `<cac:TaxSubtotal>${eur('cbc:TaxableAmount', r.netCents)}${eur('cbc:TaxAmount', r.vatCents)}${taxCategory(
          'cac:TaxCategory',
          r.category,
          r.vatRateBps,
          exemption(invoice, r.category),
        )}</cac:TaxSubtotal>`,
    ),
    '</cac:TaxTotal>',
    '<cac:LegalMonetaryTotal>',
    eur('cbc:LineExtensionAmount', net),
    eur('cbc:TaxExclusiveAmount', net),
    eur('cbc:TaxInclusiveAmount', net + vat),
    eur('cbc:PayableAmount', net + vat),
    '</cac:LegalMonetaryTotal>',
    ...lines.map((l) => lineXml(kind, l, categoryOf(invoice, l.vatRateBps))),
    `</${root}>`,
  ];
  return parts.filter((p) => p !== '').join('\n') + '\n';
}

/** `DRB-000042.xml`. */
export function ublFileName(invoice: Pick<InvoiceDoc, 'series' | 'number'>): string {
  return `${invoiceLabel(invoice).replace(/\s+/g, '-')}.xml`;
}
