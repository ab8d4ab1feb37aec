import { CHANNELS, type Channel, type EntryInput } from '../ledger/service.ts';
import type { OrderDoc, PaymentMethod } from './model.ts';
import type { Component } from './pricing.ts';

const ASSET: Record<PaymentMethod, string> = {
  card: 'assets:stripe',
  bank_transfer: 'assets:bank',
  pay_at_pickup: 'assets:cash',
  cash: 'assets:cash',
  card_terminal: 'assets:card_terminal',
};

export function assetAccount(method: PaymentMethod): string {
  return ASSET[method];
}

/** The ledger's channel of an order's income: its own (orders from before channels are web orders). */
function orderChannel(order: OrderDoc): Channel {
  const channel = order.channel ?? 'web';
  return (CHANNELS as readonly string[]).includes(channel) ? (channel as Channel) : 'web';
}

/** What a refund or the payment can be split into: each line, and the delivery. */
export function orderComponents(order: OrderDoc): Component[] {
  return [
    ...order.lines.map((l) => ({ component: l.lineId, grossCents: l.grossCents, vatCents: l.vatCents })),
    {
      component: 'delivery',
      grossCents: order.delivery?.grossCents ?? 0,
      vatCents: order.delivery?.vatCents ?? 0,
    },
  ];
}

/**
 * Order paid: Dr asset (what came in); Cr income:products per line (net), Cr income:delivery,
 * Cr liabilities:vat. When staff recorded a different amount: an excess is owed back to the customer
 * (Cr liabilities:overpayments), an accepted shortfall is the workshop's cost
 * (Dr expenses:payment_shortfalls); income and VAT stay those of the sale.
 */
export function orderPaidEntry(order: OrderDoc): EntryInput {
  const id = String(order._id);
  // Cash totals are rounded to 5 cents: what was due is the rounded total, the rounding a line apart.
  const rounding = order.payment?.cashRoundingCents ?? 0;
  const gross = order.totals!.grossCents + rounding;
  const received = order.payment?.receivedCents ?? gross;
  return {
    idempotencyKey: `order:${id}:paid`,
    kind: 'order_paid',
    channel: orderChannel(order),
    reference: { type: 'order', id, label: order.number },
    lines: [
      { account: assetAccount(order.payment!.method), debitCents: received },
      ...(rounding < 0 ? [{ account: 'expenses:cash_rounding', debitCents: -rounding }] : []),
      ...(rounding > 0 ? [{ account: 'income:cash_rounding', creditCents: rounding }] : []),
      ...(received < gross ? [{ account: 'expenses:payment_shortfalls', debitCents: gross - received }] : []),
      ...(received > gross ? [{ account: 'liabilities:overpayments', creditCents: received - gross }] : []),
      ...order.lines.map((l) => ({
        account: 'income:products',
        creditCents: l.netCents,
        attribution: { productId: String(l.productId), orderId: id, lineId: l.lineId },
      })),
      { account: 'income:delivery', creditCents: order.delivery?.netCents ?? 0 },
      { account: 'liabilities:vat', creditCents: order.totals!.vatCents },
    ],
  };
}

/** A refund: the reverse of the refunded parts, with the same attributions. */
export function refundEntry(
  order: OrderDoc,
  refund: { key: string; amountCents: number; parts: Component[] },
): EntryInput {
  const id = String(order._id);
  const lineById = new Map(order.lines.map((l) => [l.lineId, l]));
  const vat = refund.parts.reduce((s, p) => s + p.vatCents, 0);
  return {
    idempotencyKey: refund.key,
    kind: 'order_refund',
    channel: orderChannel(order),
    reference: { type: 'order', id, label: order.number },
    lines: [
      ...refund.parts.map((p) => {
        const line = lineById.get(p.component);
        return line
          ? {
              account: 'income:products',
              debitCents: p.grossCents - p.vatCents,
              attribution: { productId: String(line.productId), orderId: id, lineId: line.lineId },
            }
          : { account: 'income:delivery', debitCents: p.grossCents - p.vatCents };
      }),
      { account: 'liabilities:vat', debitCents: vat },
      { account: assetAccount(order.payment!.method), creditCents: refund.amountCents },
    ],
  };
}
