/**
 * VAT invoices for shop orders whose buyer asked for one, and the credit notes their refunds
 * issue. The orders module hands over the order as plain data (it is reached only through
 * service.ts); the invoice takes the next number of the same series as service invoices, so one
 * sequence covers all the organisation's invoices. Nothing is posted to the ledger here: the order's
 * payment and refunds are posted by the orders module.
 */
import { vilniusDate } from '../lib/dates.ts';
import { ConflictError } from '../lib/errors.ts';
import { getSettings } from '../settings/service.ts';
import { Invoice, type InvoiceDoc } from './model.ts';
import { vatExemptionReason } from './invoice-law.ts';
import { CREDIT_NOTE_SERIES, insertNumbered, invoiceLabel, invoiceSeries } from './numbering.ts';
import { missingBuyerFields, orderBuyerOf, sellerOf, type OrderBuyerInput } from './parties.ts';
import { creditLines, totalsOf, vatBreakdown, type PricedLine } from './pricing.ts';
import { DEFAULT_UNIT } from './units.ts';

/** An order as its invoice needs it. Lines are priced by the shop (VAT half-up per line). */
export interface OrderForInvoice {
  orderId: string;
  number: string;
  state: string;
  lang: 'lt' | 'en';
  customer: { name: string; email: string; phone: string };
  invoiceRequest: OrderBuyerInput | null;
  paidAt: Date | null;
  lines: {
    description: string;
    quantity: number;
    unitNetCents: number;
    vatRateBps: number;
    netCents: number;
    vatCents: number;
    grossCents: number;
  }[];
}

/** Order states whose money was received and not all given back: an invoice may be issued. */
const INVOICEABLE = new Set(['paid', 'ready', 'completed']);

/** Who issued a document: the staff member, or the organisation when the system did (a Stripe refund). */
function issuerName(by: string, organisation: string): string {
  return ['stripe', 'system', 'customer', ''].includes(by) ? organisation : by;
}

const issueKeyOf = (orderId: string) => `order:${orderId}:invoice`;

export function orderInvoiceOf(orderId: string): Promise<InvoiceDoc | null> {
  return Invoice.findOne({ issueKey: issueKeyOf(orderId) }).lean<InvoiceDoc>();
}

/** The order's documents: its invoice, then its credit notes, in number order. */
export async function orderInvoiceDocs(orderId: string): Promise<InvoiceDoc[]> {
  const docs = await Invoice.find({ source: 'order', orderId }).sort({ number: 1 }).lean<InvoiceDoc[]>();
  return [...docs.filter((d) => d.kind === 'invoice'), ...docs.filter((d) => d.kind !== 'invoice')];
}

/** The buyer's missing fields, as the order's invoice-request form names them (none: ready to invoice). */
export function orderInvoiceGaps(order: Pick<OrderForInvoice, 'invoiceRequest' | 'customer'>): string[] {
  if (!order.invoiceRequest) return ['companyName'];
  return missingBuyerFields(orderBuyerOf(order.invoiceRequest, order.customer));
}

/**
 * What the order's invoice says when issued at `issuedAt` (all but its number): the preview staff
 * confirm and the issued invoice are built by this one function.
 */
async function orderInvoiceContent(order: OrderForInvoice, issuedAt: Date, by: string) {
  const settings = await getSettings();
  const issuedOn = vilniusDate(issuedAt);
  // Goods are supplied when they are paid for and handed over; the payment day stands for it.
  const suppliedOn = order.paidAt ? vilniusDate(order.paidAt) : issuedOn;
  const lines: PricedLine[] = order.lines.map((l, i) => ({
    ...l,
    lineId: `L${i + 1}`,
    unit: DEFAULT_UNIT,
    discountCents: 0,
  }));
  return {
    series: invoiceSeries(settings),
    source: 'order' as const,
    orderId: order.orderId,
    reference: order.number,
    lang: order.lang,
    issuedOn,
    // Paid already: due on the day it is issued.
    dueOn: issuedOn,
    issuedAt,
    supplyDate: suppliedOn === issuedOn ? '' : suppliedOn,
    issuedBy: issuerName(by, settings.legalName ?? ''),
    vatExemptionReason: vatExemptionReason(Boolean(settings.vatPayer)),
    sellerVatPayer: Boolean(settings.vatPayer),
    seller: sellerOf(settings),
    buyer: order.invoiceRequest
      ? orderBuyerOf(order.invoiceRequest, order.customer)
      : orderBuyerOf(
          {
            companyName: '',
            companyCode: '',
            vatCode: '',
            address: '',
            city: '',
            postcode: '',
            country: 'LT',
          },
          order.customer,
        ),
    lines,
    vatBreakdown: vatBreakdown(lines),
    totals: totalsOf(lines),
  };
}

/** The invoice the order would get if issued now, with the buyer's fields still missing; null once issued. */
export async function orderInvoicePreview(order: OrderForInvoice, by: string) {
  if (await orderInvoiceOf(order.orderId)) return null;
  return { ...(await orderInvoiceContent(order, new Date(), by)), missingBuyer: orderInvoiceGaps(order) };
}

/**
 * Issues the VAT invoice of a paid order from the buyer's invoice request: the next number of the
 * invoice series, seller and buyer snapshotted, the order's lines (and delivery) as they were
 * sold. Refused while the buyer's details lack what the law asks (with the form that fixes it) or
 * the order is not paid. Issuing again returns the same invoice (unique `issueKey`).
 */
export async function issueOrderInvoice(order: OrderForInvoice, ctx: { by: string }): Promise<InvoiceDoc> {
  const existing = await orderInvoiceOf(order.orderId);
  if (existing) return existing;
  if (!INVOICEABLE.has(order.state)) throw new ConflictError('orderInvoice.errors.notPaid');
  const gaps = orderInvoiceGaps(order);
  if (gaps.length > 0) {
    throw new ConflictError('invoice.errors.buyerIncomplete', {
      fields: gaps.join(','),
      fixUrl: `/admin/orders/${order.orderId}/invoice-request`,
    });
  }
  return insertNumbered({
    kind: 'invoice',
    issueKey: issueKeyOf(order.orderId),
    ...(await orderInvoiceContent(order, new Date(), ctx.by)),
  });
}

/**
 * The credit note matching refund `n` of an order that has an invoice (null when it has none):
 * the refunded gross spread over the invoice's lines, keyed by the refund so that a repeated call
 * issues it once. Refused if together with the earlier credit notes it would take back more than
 * the invoice.
 */
export async function issueOrderCreditNote(
  orderId: string,
  refund: { n: number; amountCents: number; reason: string },
  ctx: { by: string },
): Promise<InvoiceDoc | null> {
  const invoice = await orderInvoiceOf(orderId);
  if (!invoice) return null;
  const issueKey = `order:${orderId}:refund:${refund.n}`;
  const existing = await Invoice.findOne({ issueKey }).lean<InvoiceDoc>();
  if (existing) return existing;
  const earlier = await Invoice.find({ correctsInvoiceId: invoice._id, kind: 'credit_note' }).lean<
    InvoiceDoc[]
  >();
  const credited = -earlier.reduce((s, c) => s + c.totals!.grossCents, 0);
  const gross = invoice.totals!.grossCents;
  if (refund.amountCents <= 0 || refund.amountCents > gross - credited)
    throw new ConflictError('invoice.errors.creditTooLarge');
  const lines = creditLines(
    invoice.lines.map((l) => ({ ...l })) as PricedLine[],
    credited === 0 && refund.amountCents === gross ? gross : refund.amountCents,
  );
  const issuedAt = new Date();
  const issuedOn = vilniusDate(issuedAt);
  return insertNumbered({
    kind: 'credit_note',
    series: CREDIT_NOTE_SERIES,
    issueKey,
    source: 'order',
    orderId,
    reference: invoice.reference,
    correctsInvoiceId: invoice._id,
    correctsLabel: invoiceLabel(invoice),
    reason: refund.reason,
    lang: invoice.lang,
    issuedOn,
    dueOn: issuedOn,
    issuedAt,
    issuedBy: issuerName(ctx.by, invoice.seller?.name ?? ''),
    vatExemptionReason: invoice.vatExemptionReason ?? '',
    sellerVatPayer: Boolean(invoice.sellerVatPayer),
    seller: invoice.seller,
    buyer: invoice.buyer,
    lines,
    vatBreakdown: vatBreakdown(lines),
    totals: totalsOf(lines),
  });
}
