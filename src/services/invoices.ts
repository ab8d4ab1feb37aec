import { isDuplicateKeyError } from '../db/errors.ts';
import { postEntry, type EntryInput } from '../ledger/service.ts';
import { parseCalendarDate, vilniusDate, vilniusDayStart } from '../lib/dates.ts';
import { ConflictError, NotFoundError } from '../lib/errors.ts';
import { getSettings, type Settings } from '../settings/service.ts';
import {
  Invoice,
  Quote,
  ServiceEvent,
  Settlement,
  type InvoiceDoc,
  type QuoteDoc,
  type ServiceRequestDoc,
} from './model.ts';
import { notifyBusiness, type ServiceContext } from './notify.ts';
import { creditLines, totalsOf, vatBreakdown, type PricedLine } from './pricing.ts';
import { addEvent, claimOnce, loadRequest, transition } from './transitions.ts';

/** Credit notes have their own series, numbered on their own (decision: see README). */
export const CREDIT_NOTE_SERIES = 'KR';
const DEFAULT_SERIES = 'DRB';
const DEFAULT_DUE_DAYS = 14;

export function invoiceSeries(settings: Settings): string {
  return settings.invoiceSeries || DEFAULT_SERIES;
}

function dueDays(settings: Settings): number {
  return settings.invoiceDueDays ?? DEFAULT_DUE_DAYS;
}

/** How an invoice number is printed: `DRB 000042`. */
export function invoiceLabel(inv: Pick<InvoiceDoc, 'series' | 'number'>): string {
  return `${inv.series} ${String(inv.number).padStart(6, '0')}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return vilniusDate(vilniusDayStart(y, m, d + days));
}

/**
 * Inserts the document with the next number of its series. The unique (series, number) index makes
 * the insert the claim: a concurrent issue that took the number makes this one retry with the next,
 * so numbers have no gaps and no duplicates. A clash on `issueKey` means this document was issued
 * already (a retry or a double click): the existing one is returned.
 */
async function insertNumbered(doc: Record<string, unknown> & { series: string; issueKey: string }) {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const existing = await Invoice.findOne({ issueKey: doc.issueKey }).lean<InvoiceDoc>();
    if (existing) return existing;
    const last = await Invoice.findOne({ series: doc.series }, { number: 1 }).sort({ number: -1 }).lean();
    const number = (last?.number ?? 0) + 1;
    try {
      return (await Invoice.create({ ...doc, number })).toObject() as InvoiceDoc;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 10));
    }
  }
  throw new ConflictError('workflow.errors.busy');
}

function sellerOf(settings: Settings) {
  return {
    name: settings.legalName ?? '',
    companyCode: settings.companyCode ?? '',
    vatCode: settings.vatPayer ? (settings.vatCode ?? '') : '',
    address: settings.address ?? '',
    email: settings.email ?? '',
    phone: settings.phone ?? '',
    iban: settings.iban ?? '',
    bankName: settings.bankName ?? '',
    contactPerson: '',
  };
}

function buyerOf(request: ServiceRequestDoc) {
  return {
    name: request.company!.name,
    companyCode: request.company!.code,
    vatCode: request.company!.vatCode ?? '',
    address: request.company!.address ?? '',
    email: request.contact!.email,
    phone: request.contact!.phone ?? '',
    iban: '',
    bankName: '',
    contactPerson: request.contact!.name,
  };
}

export async function acceptedQuote(request: ServiceRequestDoc): Promise<QuoteDoc> {
  const quote = await Quote.findOne({ requestId: request._id, status: 'accepted' })
    .sort({ version: -1 })
    .lean<QuoteDoc>();
  if (!quote) throw new ConflictError('invoice.errors.noAcceptedQuote');
  return quote;
}

export async function invoicesOf(requestId: ServiceRequestDoc['_id']): Promise<InvoiceDoc[]> {
  return Invoice.find({ requestId }).sort({ issuedAt: 1 }).lean<InvoiceDoc[]>();
}

export async function getInvoice(id: string): Promise<InvoiceDoc> {
  const invoice = /^[a-f0-9]{24}$/.test(id) ? await Invoice.findById(id).lean<InvoiceDoc>() : null;
  if (!invoice) throw new NotFoundError();
  return invoice;
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
  if (request.state === 'completed') request = await transition(request, 'invoiced', ctx.by);
  else if (request.state !== 'invoiced') {
    throw new ConflictError('workflow.errors.transition', { from: request.state ?? '', to: 'invoiced' });
  }
  const quote = await acceptedQuote(request);
  const settings = await getSettings();
  const issuedAt = new Date();
  const issuedOn = vilniusDate(issuedAt);
  const invoice = await insertNumbered({
    kind: 'invoice',
    series: invoiceSeries(settings),
    issueKey,
    requestId: request._id,
    reference: request.reference,
    lang: request.contact?.lang ?? 'lt',
    issuedOn,
    dueOn: addDays(issuedOn, dueDays(settings)),
    issuedAt,
    sellerVatPayer: Boolean(settings.vatPayer),
    seller: sellerOf(settings),
    buyer: buyerOf(request),
    lines: quote.lines,
    vatBreakdown: quote.vatBreakdown,
    totals: quote.totals,
  });
  const label = invoiceLabel(invoice);
  if (
    await claimOnce(request._id, `invoice-issued:${String(invoice._id)}`, {
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

/** Credit notes of an invoice, oldest first. */
export async function creditNotesOf(invoiceId: InvoiceDoc['_id']): Promise<InvoiceDoc[]> {
  return Invoice.find({ correctsInvoiceId: invoiceId, kind: 'credit_note' })
    .sort({ issuedAt: 1 })
    .lean<InvoiceDoc[]>();
}

/** What the business still has to pay: the invoice less its credit notes. */
export async function amountDue(invoice: InvoiceDoc): Promise<number> {
  const credits = await creditNotesOf(invoice._id);
  return invoice.totals!.grossCents + credits.reduce((s, c) => s + c.totals!.grossCents, 0);
}

const ASSET = { bank_transfer: 'assets:bank', card: 'assets:stripe' } as const;

/** Invoice paid: Dr asset (gross); Cr income:services per line (net, job and line), Cr liabilities:vat. */
export function invoicePaidEntry(invoice: InvoiceDoc, method: keyof typeof ASSET): EntryInput {
  const id = String(invoice._id);
  const jobId = String(invoice.requestId);
  return {
    idempotencyKey: `invoice:${id}:paid`,
    kind: 'invoice_paid',
    reference: { type: 'invoice', id, label: invoiceLabel(invoice) },
    lines: [
      { account: ASSET[method], debitCents: invoice.totals!.grossCents },
      ...invoice.lines.map((l) => ({
        account: 'income:services',
        creditCents: l.netCents,
        attribution: { jobId, invoiceId: id, lineId: l.lineId },
      })),
      { account: 'liabilities:vat', creditCents: invoice.totals!.vatCents },
    ],
  };
}

/** Credit note refunded: the reverse of its lines, attributed to the corrected invoice's lines. */
export function creditNoteRefundEntry(note: InvoiceDoc, method: keyof typeof ASSET): EntryInput {
  const id = String(note._id);
  const jobId = String(note.requestId);
  const invoiceId = String(note.correctsInvoiceId);
  return {
    idempotencyKey: `creditnote:${id}:refund`,
    kind: 'creditnote_refund',
    reference: { type: 'credit_note', id, label: invoiceLabel(note) },
    lines: [
      ...note.lines.map((l) => ({
        account: 'income:services',
        debitCents: -l.netCents,
        attribution: { jobId, invoiceId, lineId: l.lineId },
      })),
      { account: 'liabilities:vat', debitCents: -note.totals!.vatCents },
      { account: ASSET[method], creditCents: -note.totals!.grossCents },
    ],
  };
}

/** The day money came in, as a moment: now for today, else noon of that Vilnius day. */
export function paidMoment(paidOn: string | undefined, now = new Date()): Date {
  if (!paidOn || paidOn === vilniusDate(now)) return now;
  const [y, m, d] = parseCalendarDate(paidOn)!;
  return new Date(vilniusDayStart(y, m, d).getTime() + 12 * 3600_000);
}

/** Settles a credit note (money back to the business, or netted off an invoice paid after it). */
async function settleCreditNote(
  note: InvoiceDoc,
  method: keyof typeof ASSET,
  at: Date,
  by: string,
): Promise<void> {
  try {
    await Settlement.create({ _id: String(note._id), method, at, by });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  const settled = await Settlement.findById(String(note._id)).lean();
  await postEntry({ ...creditNoteRefundEntry(note, settled!.method), postedAt: settled!.at });
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
    method: keyof typeof ASSET;
    at?: Date;
    stripeSessionId?: string;
    stripePaymentIntentId?: string;
  },
  ctx: ServiceContext,
): Promise<InvoiceDoc> {
  const invoice = await getInvoice(invoiceId);
  if (invoice.kind !== 'invoice') throw new ConflictError('invoice.errors.notAnInvoice');
  const request = await loadRequest(String(invoice.requestId));
  const at = payment.at ?? ctx.at ?? new Date();
  if (request.state === 'invoiced') {
    await transition(request, 'paid', ctx.by, { set: { paidAt: at } });
  } else if (request.state !== 'paid' || payment.method !== 'card') {
    // A card payment reported again completes what an earlier delivery may have left unfinished.
    throw new ConflictError('workflow.errors.transition', { from: request.state ?? '', to: 'paid' });
  }
  try {
    await Settlement.create({
      _id: String(invoice._id),
      method: payment.method,
      at,
      by: ctx.by,
      stripeSessionId: payment.stripeSessionId ?? null,
      stripePaymentIntentId: payment.stripePaymentIntentId ?? null,
    });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  const settled = (await Settlement.findById(String(invoice._id)).lean())!;
  await postEntry({ ...invoicePaidEntry(invoice, settled.method), postedAt: settled.at });
  for (const note of await creditNotesOf(invoice._id)) {
    if (note.issuedAt <= settled.at) await settleCreditNote(note, settled.method, settled.at, ctx.by);
  }
  await claimOnce(request._id, `invoice-paid:${String(invoice._id)}`, {
    kind: 'invoice_paid',
    by: ctx.by,
    note: invoiceLabel(invoice),
    customer: true,
  });
  return invoice;
}

export async function settlementOf(id: InvoiceDoc['_id']) {
  return Settlement.findById(String(id)).lean();
}

/**
 * Issues a credit note correcting an invoice, for all of it (no amount) or part of its gross, with a
 * reason. Each credit note of an invoice first claims its ordinal on the timeline, so two issued at
 * once cannot together take back more than the invoice.
 */
export async function issueCreditNote(
  invoiceId: string,
  input: { amountCents: number | null; reason: string },
  ctx: ServiceContext,
): Promise<InvoiceDoc> {
  const invoice = await getInvoice(invoiceId);
  if (invoice.kind !== 'invoice') throw new ConflictError('invoice.errors.notAnInvoice');
  const request = await loadRequest(String(invoice.requestId));
  for (let attempt = 0; attempt < 20; attempt++) {
    const claims = await ServiceEvent.find({
      claim: new RegExp(`^${String(request._id)}:creditnote:${String(invoice._id)}:`),
    }).lean();
    const credited = claims.reduce((s, c) => s + Number(c.note.split(':')[0]), 0);
    const remaining = invoice.totals!.grossCents - credited;
    const amount = input.amountCents ?? remaining;
    if (amount <= 0 || amount > remaining) throw new ConflictError('invoice.errors.creditTooLarge');
    const n = claims.length + 1;
    const key = `creditnote:${String(invoice._id)}:${n}`;
    if (!(await claimOnce(request._id, key, { kind: 'credit_note_claim', by: ctx.by, note: `${amount}:` }))) {
      continue;
    }
    // All of the invoice when nothing was credited yet: the exact negated lines; else a spread part.
    const lines = creditLines(
      invoice.lines.map((l) => ({ ...l })) as PricedLine[],
      credited === 0 && amount === invoice.totals!.grossCents ? invoice.totals!.grossCents : amount,
    );
    const settings = await getSettings();
    const issuedAt = new Date();
    const issuedOn = vilniusDate(issuedAt);
    const note = await insertNumbered({
      kind: 'credit_note',
      series: CREDIT_NOTE_SERIES,
      issueKey: `${String(invoice._id)}:cn:${n}`,
      requestId: request._id,
      reference: request.reference,
      correctsInvoiceId: invoice._id,
      correctsLabel: invoiceLabel(invoice),
      reason: input.reason,
      lang: invoice.lang,
      issuedOn,
      dueOn: issuedOn,
      issuedAt,
      sellerVatPayer: Boolean(settings.vatPayer),
      seller: invoice.seller,
      buyer: invoice.buyer,
      lines,
      vatBreakdown: vatBreakdown(lines),
      totals: totalsOf(lines),
    });
    await addEvent(request._id, {
      kind: 'credit_note_issued',
      by: ctx.by,
      note: `${invoiceLabel(note)} → ${invoiceLabel(invoice)}: ${input.reason}`,
      customer: true,
    });
    await notifyBusiness(ctx, request, 'creditNote', { invoice: invoiceLabel(note) });
    // Issued after the invoice was paid: the money goes back when staff record the refund.
    return note;
  }
  throw new ConflictError('workflow.errors.changedMeanwhile');
}

/** Staff record that a credit note's amount went back to the business (by bank transfer). */
export async function recordCreditNoteRefund(
  noteId: string,
  paidOn: string | undefined,
  ctx: ServiceContext,
): Promise<void> {
  const note = await getInvoice(noteId);
  if (note.kind !== 'credit_note') throw new ConflictError('invoice.errors.notACreditNote');
  if (!(await Settlement.exists({ _id: String(note.correctsInvoiceId) }))) {
    throw new ConflictError('invoice.errors.invoiceNotPaid');
  }
  if (await Settlement.exists({ _id: String(note._id) }))
    throw new ConflictError('invoice.errors.alreadyRefunded');
  await settleCreditNote(note, 'bank_transfer', paidMoment(paidOn), ctx.by);
  await addEvent(note.requestId, {
    kind: 'credit_note_refunded',
    by: ctx.by,
    note: invoiceLabel(note),
    customer: true,
  });
}
