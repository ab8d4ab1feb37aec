/**
 * Ledger postings of service invoices and credit notes, and the settlements (payments and refunds)
 * they are posted from.
 */
import { claimOnce } from '../db/once.ts';
import { postEntry, type EntryInput } from '../ledger/service.ts';
import { parseCalendarDate, vilniusDate, vilniusDayStart } from '../lib/dates.ts';
import { Settlement, type InvoiceDoc } from './model.ts';
import { invoiceLabel } from './numbering.ts';

const ASSET = { bank_transfer: 'assets:bank', card: 'assets:stripe' } as const;

/** How money moved: by bank transfer or by card (Stripe). */
export type PaymentMethod = keyof typeof ASSET;

/** Invoice paid: Dr asset (gross); Cr income:services per line (net, job and line), Cr liabilities:vat. */
export function invoicePaidEntry(invoice: InvoiceDoc, method: PaymentMethod): EntryInput {
  const id = String(invoice._id);
  const jobId = String(invoice.requestId);
  return {
    idempotencyKey: `invoice:${id}:paid`,
    kind: 'invoice_paid',
    channel: 'services',
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
export function creditNoteRefundEntry(note: InvoiceDoc, method: PaymentMethod): EntryInput {
  const id = String(note._id);
  const jobId = String(note.requestId);
  const invoiceId = String(note.correctsInvoiceId);
  return {
    idempotencyKey: `creditnote:${id}:refund`,
    kind: 'creditnote_refund',
    channel: 'services',
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
export async function settleCreditNote(
  note: InvoiceDoc,
  method: PaymentMethod,
  at: Date,
  by: string,
): Promise<void> {
  await claimOnce(Settlement, { _id: String(note._id), method, at, by });
  const settled = await Settlement.findById(String(note._id)).lean();
  await postEntry({
    ...creditNoteRefundEntry(note, settled!.method),
    postedAt: settled!.at,
    corrects: `invoice:${String(note.correctsInvoiceId)}:paid`,
    whenLocked: 'postNow',
  });
}

export async function settlementOf(id: InvoiceDoc['_id']) {
  return Settlement.findById(String(id)).lean();
}
