/** Credit notes: issuing them against an invoice (series `KR`), and recording money sent back. */
import { refuseIfLocked } from '../ledger/service.ts';
import { retryOnClash } from '../db/once.ts';
import { vilniusDate } from '../lib/dates.ts';
import { ConflictError } from '../lib/errors.ts';
import { getSettings } from '../settings/service.ts';
import { ServiceEvent, Settlement, type InvoiceDoc } from './model.ts';
import { notifyBusiness, type ServiceContext } from './notify.ts';
import { CREDIT_NOTE_SERIES, getInvoice, insertNumbered, invoiceLabel } from './numbering.ts';
import { paidMoment, settleCreditNote } from './postings.ts';
import { creditLines, totalsOf, vatBreakdown, type PricedLine } from './pricing.ts';
import { addEvent, claimEvent, loadRequest } from './transitions.ts';

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
  // A shop order's invoice is corrected by the order's refunds (order-invoices.ts).
  if (invoice.source === 'order') throw new ConflictError('invoice.errors.orderDocument');
  const request = await loadRequest(String(invoice.requestId));
  // The ordinal n of this credit note: claimed on the timeline with its amount.
  const { n, amount, credited } = await retryOnClash(
    async () => {
      const claims = await ServiceEvent.find({
        claim: new RegExp(`^${String(request._id)}:creditnote:${String(invoice._id)}:`),
      }).lean();
      const credited = claims.reduce((s, c) => s + Number(c.note.split(':')[0]), 0);
      const remaining = invoice.totals!.grossCents - credited;
      const amount = input.amountCents ?? remaining;
      if (amount <= 0 || amount > remaining) throw new ConflictError('invoice.errors.creditTooLarge');
      const n = claims.length + 1;
      await ServiceEvent.create(
        claimEvent(request._id, `creditnote:${String(invoice._id)}:${n}`, {
          kind: 'credit_note_claim',
          by: ctx.by,
          note: `${amount}:`,
        }),
      );
      return { n, amount, credited };
    },
    {
      limit: 20,
      busy: () => new ConflictError('workflow.errors.changedMeanwhile'),
      pause: async () => undefined,
    },
  );
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

/** Staff record that a credit note's amount went back to the business (by bank transfer). */
export async function recordCreditNoteRefund(
  noteId: string,
  paidOn: string | undefined,
  ctx: ServiceContext,
): Promise<void> {
  const note = await getInvoice(noteId);
  if (note.kind !== 'credit_note') throw new ConflictError('invoice.errors.notACreditNote');
  if (note.source === 'order') throw new ConflictError('invoice.errors.orderDocument');
  if (!(await Settlement.exists({ _id: String(note.correctsInvoiceId) }))) {
    throw new ConflictError('invoice.errors.invoiceNotPaid');
  }
  if (await Settlement.exists({ _id: String(note._id) }))
    throw new ConflictError('invoice.errors.alreadyRefunded');
  await refuseIfLocked(paidMoment(paidOn), 'paidOn');
  await settleCreditNote(note, 'bank_transfer', paidMoment(paidOn), ctx.by);
  await addEvent(note.requestId!, {
    kind: 'credit_note_refunded',
    by: ctx.by,
    note: invoiceLabel(note),
    customer: true,
  });
}
