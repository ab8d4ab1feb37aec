/**
 * Invoices of completed jobs (issued from the accepted quote) and their payment. Numbering, postings
 * and credit notes live in numbering.ts, postings.ts and credit-notes.ts; their functions are
 * exported from here as well.
 */
import { claimOnce } from '../db/once.ts';
import { postEntry, refuseIfLocked } from '../ledger/service.ts';
import { vilniusDate } from '../lib/dates.ts';
import { ConflictError } from '../lib/errors.ts';
import { getSettings } from '../settings/service.ts';
import {
  Invoice,
  Quote,
  Settlement,
  type InvoiceDoc,
  type QuoteDoc,
  type ServiceRequestDoc,
} from './model.ts';
import { notifyBusiness, tellStaff, type ServiceContext } from './notify.ts';
import { buyerOf, missingBuyerFields, sellerOf } from './parties.ts';
import { vatExemptionReason } from './invoice-law.ts';
import {
  addDays,
  creditNotesOf,
  dueDays,
  getInvoice,
  insertNumbered,
  invoiceLabel,
  invoiceSeries,
} from './numbering.ts';
import { invoicePaidEntry, settleCreditNote, type PaymentMethod } from './postings.ts';
import { claimOnTimeline, loadRequest, transition } from './transitions.ts';

export {
  CREDIT_NOTE_SERIES,
  addDays,
  creditNotesOf,
  getInvoice,
  invoiceLabel,
  invoiceSeries,
  invoicesOf,
} from './numbering.ts';
export { creditNoteRefundEntry, invoicePaidEntry, paidMoment, settlementOf } from './postings.ts';
export { issueCreditNote, recordCreditNoteRefund } from './credit-notes.ts';

export async function acceptedQuote(request: ServiceRequestDoc): Promise<QuoteDoc> {
  const quote = await Quote.findOne({ requestId: request._id, status: 'accepted' })
    .sort({ version: -1 })
    .lean<QuoteDoc>();
  if (!quote) throw new ConflictError('invoice.errors.noAcceptedQuote');
  return quote;
}

/**
 * What the invoice of a request says when issued at `issuedAt` (all but its number): the preview
 * staff confirm and the issued invoice are built by this one function from the same data.
 */
async function invoiceContent(request: ServiceRequestDoc, issuedAt: Date, issuedBy: string) {
  const quote = await acceptedQuote(request);
  const settings = await getSettings();
  const issuedOn = vilniusDate(issuedAt);
  // The job was done on its completion day; an invoice issued later says so (VAT Law art. 80).
  const suppliedOn = request.completedAt ? vilniusDate(request.completedAt) : issuedOn;
  return {
    series: invoiceSeries(settings),
    source: 'service' as const,
    requestId: request._id,
    reference: request.reference,
    lang: request.contact?.lang ?? 'lt',
    issuedOn,
    dueOn: addDays(issuedOn, dueDays(settings)),
    issuedAt,
    supplyDate: suppliedOn === issuedOn ? '' : suppliedOn,
    issuedBy,
    vatExemptionReason: vatExemptionReason(Boolean(settings.vatPayer)),
    sellerVatPayer: Boolean(settings.vatPayer),
    seller: sellerOf(settings),
    buyer: buyerOf(request),
    lines: quote.lines,
    vatBreakdown: quote.vatBreakdown,
    totals: quote.totals,
  };
}

/**
 * The invoice a completed job (or one in progress, completed by the same confirmation) would get if
 * issued now; null when the request has no accepted quote or is past invoicing.
 */
export async function invoicePreview(requestId: string, issuedBy = '') {
  const request = await loadRequest(requestId);
  if (!['in_progress', 'completed', 'invoiced'].includes(request.state ?? '')) return null;
  if (await Invoice.exists({ issueKey: `${requestId}:invoice` })) return null;
  const content = await invoiceContent(request, new Date(), issuedBy);
  return { ...content, missingBuyer: missingBuyerFields(content.buyer) };
}

/** Refuses, before a job is completed into its invoice, when the buyer's details are incomplete. */
export async function checkInvoiceBuyer(requestId: string): Promise<void> {
  const request = await loadRequest(requestId);
  refuseIncompleteBuyer(missingBuyerFields(buyerOf(request)), `/admin/requests/${requestId}/buyer`);
}

/** Refuses an invoice whose buyer lacks a field the law asks for, naming the page that fixes it. */
export function refuseIncompleteBuyer(fields: string[], fixUrl: string): void {
  if (fields.length === 0) return;
  throw new ConflictError('invoice.errors.buyerIncomplete', { fields: fields.join(','), fixUrl });
}

/**
 * Issues the invoice of a completed job from its accepted quote: seller and buyer snapshotted, the
 * next number of the series, due after the configured days. The request becomes invoiced. Calling it
 * again (or concurrently) returns the same invoice.
 */
export async function issueInvoice(requestId: string, ctx: ServiceContext): Promise<InvoiceDoc> {
  let request = await loadRequest(requestId);
  const issueKey = `${requestId}:invoice`;
  const existing = await Invoice.findOne({ issueKey }).lean<InvoiceDoc>();
  if (existing) return existing;
  refuseIncompleteBuyer(missingBuyerFields(buyerOf(request)), `/admin/requests/${requestId}/buyer`);
  if (request.state === 'completed') request = await transition(request, 'invoiced', ctx.by);
  else if (request.state !== 'invoiced') {
    throw new ConflictError('workflow.errors.transition', { from: request.state ?? '', to: 'invoiced' });
  }
  const invoice = await insertNumbered({
    kind: 'invoice',
    issueKey,
    ...(await invoiceContent(request, new Date(), ctx.by)),
  });
  const label = invoiceLabel(invoice);
  if (
    await claimOnTimeline(request._id, `invoice-issued:${String(invoice._id)}`, {
      kind: 'invoice_issued',
      by: ctx.by,
      note: label,
      customer: true,
    })
  ) {
    await notifyBusiness(ctx, request, 'invoice', { invoice: label });
  }
  return invoice;
}

/** What the business still has to pay: the invoice less its credit notes. */
export async function amountDue(invoice: InvoiceDoc): Promise<number> {
  const credits = await creditNotesOf(invoice._id);
  return invoice.totals!.grossCents + credits.reduce((s, c) => s + c.totals!.grossCents, 0);
}

/**
 * Marks an invoice paid (by transfer on a day staff name, or by card through Stripe) and posts it to
 * the ledger once. Credit notes issued before the payment were netted off what was paid, so they
 * are settled (posted) at the same moment. A repeat for an invoice already paid completes a posting
 * an earlier attempt may not have finished and changes nothing else.
 */
export async function markInvoicePaid(
  invoiceId: string,
  payment: {
    method: PaymentMethod;
    at?: Date;
    stripeSessionId?: string;
    stripePaymentIntentId?: string;
  },
  ctx: ServiceContext,
): Promise<InvoiceDoc> {
  const invoice = await getInvoice(invoiceId);
  if (invoice.kind !== 'invoice') throw new ConflictError('invoice.errors.notAnInvoice');
  // A shop order's invoice was paid with the order (orders module).
  if (invoice.source === 'order') throw new ConflictError('invoice.errors.orderDocument');
  const request = await loadRequest(String(invoice.requestId));
  const at = payment.at ?? ctx.at ?? new Date();
  // A transfer day staff chose must be in an open ledger period; a card payment happened when Stripe says.
  if (request.state === 'invoiced' && payment.method !== 'card') await refuseIfLocked(at, 'paidOn');
  if (request.state === 'invoiced') {
    await transition(request, 'paid', ctx.by, { set: { paidAt: at } });
  } else if (request.state !== 'paid' || payment.method !== 'card') {
    // A card payment reported again completes what an earlier delivery may have left unfinished.
    throw new ConflictError('workflow.errors.transition', { from: request.state ?? '', to: 'paid' });
  }
  await claimOnce(Settlement, {
    _id: String(invoice._id),
    method: payment.method,
    at,
    by: ctx.by,
    stripeSessionId: payment.stripeSessionId ?? null,
    stripePaymentIntentId: payment.stripePaymentIntentId ?? null,
  });
  const settled = (await Settlement.findById(String(invoice._id)).lean())!;
  await postEntry({
    ...invoicePaidEntry(invoice, settled.method),
    postedAt: settled.at,
    whenLocked: 'postNow',
  });
  for (const note of await creditNotesOf(invoice._id)) {
    if (note.issuedAt <= settled.at) await settleCreditNote(note, settled.method, settled.at, ctx.by);
  }
  await claimOnTimeline(request._id, `invoice-paid:${String(invoice._id)}`, {
    kind: 'invoice_paid',
    by: ctx.by,
    note: invoiceLabel(invoice),
    customer: true,
  });
  await tellStaff(ctx, 'invoicePaid', request, {
    id: String(invoice._id),
    params: { invoice: invoiceLabel(invoice) },
  });
  return invoice;
}
