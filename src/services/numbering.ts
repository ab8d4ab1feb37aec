/**
 * Numbering of invoices and credit notes (each series on its own, by insert-and-retry on the unique
 * `(series, number)` index), how numbers are printed, and looking the documents up.
 */
import { insertWithNextNumber } from '../db/once.ts';
import { vilniusDate, vilniusDayStart } from '../lib/dates.ts';
import { ConflictError, NotFoundError } from '../lib/errors.ts';
import type { Settings } from '../settings/service.ts';
import { Invoice, type InvoiceDoc, type ServiceRequestDoc } from './model.ts';

/** Credit notes have their own series, numbered on their own (decision: see README). */
export const CREDIT_NOTE_SERIES = 'KR';
const DEFAULT_SERIES = 'DRB';
const DEFAULT_DUE_DAYS = 14;

export function invoiceSeries(settings: Settings): string {
  return settings.invoiceSeries || DEFAULT_SERIES;
}

export function dueDays(settings: Settings): number {
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
export async function insertNumbered(
  doc: Record<string, unknown> & { series: string; issueKey: string },
): Promise<InvoiceDoc> {
  const issued = () => Invoice.findOne({ issueKey: doc.issueKey }).lean<InvoiceDoc>();
  const existing = await issued();
  if (existing) return existing;
  return insertWithNextNumber<InvoiceDoc>(Invoice, {
    scope: { series: doc.series },
    field: 'number',
    build: (number) => ({ ...doc, number }),
    limit: 1000,
    busy: () => new ConflictError('workflow.errors.busy'),
    onClash: async () => (await issued()) ?? undefined,
    pause: () => new Promise((r) => setTimeout(r, Math.random() * 10)),
  });
}

/**
 * A request's documents: its invoices, then its credit notes, each in number order. (Issue times do
 * not give that order: two instances' clocks, or a slow request, can stamp a later number earlier.)
 */
export async function invoicesOf(requestId: ServiceRequestDoc['_id']): Promise<InvoiceDoc[]> {
  const docs = await Invoice.find({ requestId }).sort({ number: 1 }).lean<InvoiceDoc[]>();
  return [...docs.filter((d) => d.kind === 'invoice'), ...docs.filter((d) => d.kind !== 'invoice')];
}

export async function getInvoice(id: string): Promise<InvoiceDoc> {
  const invoice = /^[a-f0-9]{24}$/.test(id) ? await Invoice.findById(id).lean<InvoiceDoc>() : null;
  if (!invoice) throw new NotFoundError();
  return invoice;
}

/** Credit notes of an invoice, in number order. */
export async function creditNotesOf(invoiceId: InvoiceDoc['_id']): Promise<InvoiceDoc[]> {
  return Invoice.find({ correctsInvoiceId: invoiceId, kind: 'credit_note' })
    .sort({ number: 1 })
    .lean<InvoiceDoc[]>();
}
