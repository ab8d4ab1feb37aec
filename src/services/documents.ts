import { renderInvoicePdf, renderQuotePdf } from '../pdf/documents.ts';
import type { PartyDetails } from '../pdf/types.ts';
import type { Settings } from '../settings/service.ts';
import { vilniusDate } from '../lib/dates.ts';
import { Invoice, type InvoiceDoc, type QuoteDoc, type ServiceRequestDoc } from './model.ts';
import { invoiceLabel } from './invoices.ts';
import { trackingUrl } from './notify.ts';
import { buyerOf, documentLangs, postalAddress, sellerOf } from './parties.ts';
import { invoiceUbl } from './ubl.ts';
import { DEFAULT_UNIT } from './units.ts';

type Party = NonNullable<InvoiceDoc['seller']>;

function party(p: Party | undefined, lang: 'lt' | 'en'): PartyDetails {
  return {
    name: p?.name ?? '',
    companyCode: p?.companyCode ?? '',
    vatCode: p?.vatCode ?? '',
    address: p ? postalAddress(p, lang) : '',
    email: p?.email || undefined,
    phone: p?.phone || undefined,
    iban: p?.iban || undefined,
    bankName: p?.bankName || undefined,
    contactPerson: p?.contactPerson || undefined,
  };
}

function lines(doc: { lines: QuoteDoc['lines'] }) {
  return doc.lines.map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unit: l.unit ?? DEFAULT_UNIT,
    unitNetCents: l.unitNetCents,
    discountCents: l.discountCents ?? 0,
    vatRateBps: l.vatRateBps,
    netCents: l.netCents,
    vatCents: l.vatCents,
    grossCents: l.grossCents,
  }));
}

function breakdown(doc: {
  vatBreakdown: { vatRateBps?: number | null; netCents?: number | null; vatCents?: number | null }[];
}) {
  return doc.vatBreakdown.map((r) => ({
    vatRateBps: r.vatRateBps ?? 0,
    netCents: r.netCents ?? 0,
    vatCents: r.vatCents ?? 0,
  }));
}

/** The quote as a PDF in the business's language, with the organisation's current details. */
export function quotePdf(
  request: ServiceRequestDoc,
  quote: QuoteDoc,
  settings: Settings,
  publicUrl: string,
): Promise<Buffer> {
  const buyer = buyerOf(request);
  const { lang, second } = documentLangs(buyer.country, request.contact?.lang ?? 'lt');
  return renderQuotePdf({
    lang,
    second,
    reference: request.reference,
    version: quote.version,
    issuedOn: vilniusDate(quote.sentAt ?? quote.createdAt),
    validUntil: quote.validUntil,
    leadTimeDays: quote.leadTimeDays ?? 0,
    terms: quote.terms ?? '',
    seller: party(sellerOf(settings), lang),
    buyer: party(buyer, lang),
    lines: lines(quote),
    vatBreakdown: breakdown(quote),
    totals: quote.totals!,
    acceptUrl: trackingUrl(publicUrl, request),
  });
}

/** An issued invoice or credit note as a PDF, from its snapshot (never from current settings). */
export function invoicePdf(invoice: InvoiceDoc): Promise<Buffer> {
  const { lang, second } = documentLangs(invoice.buyer?.country || 'LT', invoice.lang ?? 'lt');
  return renderInvoicePdf({
    lang,
    second,
    kind: invoice.kind as 'invoice' | 'credit_note',
    series: invoice.series,
    number: String(invoice.number).padStart(6, '0'),
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
    supplyDate: invoice.supplyDate ?? '',
    issuedBy: invoice.issuedBy ?? '',
    vatExemptionReason: invoice.vatExemptionReason ?? '',
    ...(invoice.source === 'order' ? { orderNumber: invoice.reference } : {}),
    ...(invoice.kind === 'credit_note'
      ? { correctsInvoice: invoice.correctsLabel, reason: invoice.reason }
      : {}),
    sellerVatPayer: Boolean(invoice.sellerVatPayer),
    seller: party(invoice.seller ?? undefined, lang),
    buyer: party(invoice.buyer ?? undefined, lang),
    lines: lines(invoice),
    vatBreakdown: breakdown(invoice),
    totals: invoice.totals!,
    paymentReference: invoiceLabel(invoice),
  });
}

/** `DRB-000042.pdf`: a file name without spaces. */
export function pdfFileName(label: string): string {
  return `${label.replace(/\s+/g, '-')}.pdf`;
}

/**
 * An issued invoice or credit note as a UBL 2.1 e-invoice (EN 16931, Peppol BIS Billing 3.0), from
 * its snapshot; a credit note also names the issue date of the invoice it corrects.
 */
export async function invoiceXml(invoice: InvoiceDoc): Promise<string> {
  const corrected = invoice.correctsInvoiceId
    ? await Invoice.findById(invoice.correctsInvoiceId, { issuedOn: 1 }).lean<Pick<InvoiceDoc, 'issuedOn'>>()
    : null;
  return invoiceUbl(invoice, { correctsIssuedOn: corrected?.issuedOn });
}
