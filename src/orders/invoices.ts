/**
 * A shop order's VAT invoice: the buyer's company details (given at checkout, or by staff for a paid
 * order), issuing the invoice and the credit notes of its refunds. The documents themselves are the
 * services module's (one invoice series for the organisation), reached through its service.ts.
 */
import { DomainError } from '../lib/errors.ts';
import { ConflictError } from '../lib/errors.ts';
import { localized } from '../web/i18n.ts';
import {
  issueOrderCreditNote,
  issueOrderInvoice,
  orderInvoiceOf,
  type InvoiceDoc,
  type OrderBuyerInput,
  type OrderForInvoice,
} from '../services/service.ts';
import { Order, type OrderDoc } from './model.ts';
import { deliveryAmounts } from './pricing.ts';
import { addTimelineNote, getOrder } from './transitions.ts';
import { translate } from '../web/i18n.ts';

/**
 * The VAT rate the delivery fee was charged at (the order keeps its amounts, not its rate): the
 * rate, of the order's lines' and Lithuania's, that gives the fee's VAT back exactly.
 */
function deliveryRate(order: OrderDoc, grossCents: number, vatCents: number): number {
  if (vatCents === 0) return 0;
  const candidates = [...new Set([...order.lines.map((l) => l.vatRateBps), 2100, 900, 500])];
  return candidates.find((r) => deliveryAmounts(grossCents, r).vatCents === vatCents) ?? candidates[0]!;
}

/** The order as its invoice reads it: lines in Lithuanian (the document's first language), delivery as a line. */
export function orderForInvoice(order: OrderDoc): OrderForInvoice {
  const lines = order.lines.map((l) => ({
    description: localized(l.title, 'lt'),
    quantity: l.quantity,
    unitNetCents: l.unitNetCents,
    vatRateBps: l.vatRateBps,
    netCents: l.netCents,
    vatCents: l.vatCents,
    grossCents: l.grossCents,
  }));
  const delivery = order.delivery;
  if (delivery && (delivery.grossCents ?? 0) > 0) {
    lines.push({
      description: translate('lt', `orderInvoice.deliveryLine.${delivery.method}`),
      quantity: 1,
      unitNetCents: delivery.netCents ?? 0,
      vatRateBps: deliveryRate(order, delivery.grossCents ?? 0, delivery.vatCents ?? 0),
      netCents: delivery.netCents ?? 0,
      vatCents: delivery.vatCents ?? 0,
      grossCents: delivery.grossCents ?? 0,
    });
  }
  const request = order.invoiceRequest;
  return {
    orderId: String(order._id),
    number: order.number,
    state: order.state ?? '',
    lang: order.customer?.lang === 'en' ? 'en' : 'lt',
    customer: {
      name: order.customer?.name ?? '',
      email: order.customer?.email ?? '',
      phone: order.customer?.phone ?? '',
    },
    invoiceRequest: request
      ? {
          companyName: request.companyName,
          companyCode: request.companyCode ?? '',
          vatCode: request.vatCode ?? '',
          address: request.address ?? '',
          city: request.city ?? '',
          postcode: request.postcode ?? '',
          country: request.country || 'LT',
        }
      : null,
    paidAt: order.payment?.paidAt ?? null,
    lines,
  };
}

/** States in which staff may give or correct the buyer's company details: paid, not closed. */
const EDITABLE = new Set(['paid', 'ready', 'completed']);

/**
 * Stores the buyer's company details for the order's VAT invoice, noted on the timeline. Refused
 * before payment, after a cancellation or full refund, and once the invoice is issued (it keeps
 * the details it was issued with; a credit note corrects a mistake).
 */
export async function saveInvoiceRequest(id: string, input: OrderBuyerInput, by: string): Promise<void> {
  const order = await getOrder(id);
  if (!EDITABLE.has(order.state ?? '')) throw new ConflictError('orderInvoice.errors.notPaid');
  if (await orderInvoiceOf(id)) throw new ConflictError('orderInvoice.errors.locked');
  // Only this field is written; a state change racing it is completed again from its claim (transitions.ts).
  await Order.updateOne({ _id: order._id }, { $set: { invoiceRequest: input } });
  await addTimelineNote(order._id, 'invoice_request', by, input.companyName);
}

/**
 * Issues the order's VAT invoice, then the credit notes of refunds made before it, and notes it on
 * the timeline. Repeating it returns the same invoice.
 */
export async function issueInvoiceForOrder(id: string, by: string): Promise<InvoiceDoc> {
  const order = await getOrder(id);
  const had = await orderInvoiceOf(id);
  const invoice = await issueOrderInvoice(orderForInvoice(order), { by });
  for (const refund of order.refunds) {
    await issueOrderCreditNote(
      id,
      { n: refund.n, amountCents: refund.amountCents, reason: refund.reason ?? '' },
      { by },
    );
  }
  if (!had)
    await addTimelineNote(
      order._id,
      'invoice_issued',
      by,
      `${invoice.series} ${String(invoice.number).padStart(6, '0')}`,
    );
  return invoice;
}

/**
 * After a refund: the credit note matching it, when the order has an invoice. The refund has
 * happened whatever this does, so a refusal is noted on the timeline instead of failing the refund.
 */
export async function creditNoteForRefund(
  order: OrderDoc,
  refund: { n: number; amountCents: number; reason: string },
  by: string,
): Promise<void> {
  try {
    const note = await issueOrderCreditNote(String(order._id), refund, { by });
    if (note)
      await addTimelineNote(
        order._id,
        'credit_note_issued',
        by,
        `${note.series} ${String(note.number).padStart(6, '0')}`,
        note.totals!.grossCents,
      );
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await addTimelineNote(order._id, 'credit_note_failed', by, err.messageKey, refund.amountCents);
  }
}
