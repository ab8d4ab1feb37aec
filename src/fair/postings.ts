import type { EntryInput } from '../ledger/service.ts';
import { cashRounding } from '../orders/service.ts';
import type { FairPaymentMethod, FairSaleDoc } from './model.ts';

const ASSET: Record<FairPaymentMethod, string> = {
  cash: 'assets:cash',
  card_terminal: 'assets:card_terminal',
};

/**
 * Lithuanian cash rounding: a cash total is rounded to the nearest 5 cents (…1, …2 down; …3, …4 up;
 * …6, …7 down; …8, …9 up). Card payments are not rounded.
 */
export function cashDue(grossCents: number): number {
  return grossCents + cashRounding(grossCents);
}

/** A short, receipt-like label of a sale (the start of the phone's id). */
export function receiptLabel(saleId: string): string {
  return saleId.slice(0, 8).toUpperCase();
}

/**
 * A fair sale: Dr what was received (cash or the card terminal); Cr income:products per line (net,
 * attributed to the product and the sale's line, as a web order's lines are); Cr liabilities:vat.
 * Cash rounding: rounded down is the workshop's cost (Dr expenses:cash_rounding), rounded up is
 * income (Cr income:cash_rounding), never part of the products' income.
 */
export function fairSaleEntry(sale: FairSaleDoc, eventName: string): EntryInput {
  const rounding = sale.payment!.roundingCents;
  return {
    idempotencyKey: `fair:${sale._id}:sold`,
    kind: 'fair_sale',
    channel: 'fair',
    reference: { type: 'fair_sale', id: sale._id, label: `${eventName} · ${receiptLabel(sale._id)}` },
    postedAt: sale.postedAt,
    lines: [
      { account: ASSET[sale.payment!.method as FairPaymentMethod], debitCents: sale.payment!.dueCents },
      ...(rounding < 0 ? [{ account: 'expenses:cash_rounding', debitCents: -rounding }] : []),
      ...sale.lines.map((l) => ({
        account: 'income:products',
        creditCents: l.netCents,
        attribution: { productId: l.productId, lineId: l.lineId },
      })),
      { account: 'liabilities:vat', creditCents: sale.vatCents },
      ...(rounding > 0 ? [{ account: 'income:cash_rounding', creditCents: rounding }] : []),
    ],
  };
}

/** A voided sale: its entry reversed line by line, dated when it was voided. */
export function fairVoidEntry(sale: FairSaleDoc, eventName: string, at: Date): EntryInput {
  const sold = fairSaleEntry(sale, eventName);
  return {
    ...sold,
    idempotencyKey: `fair:${sale._id}:void`,
    kind: 'fair_sale_void',
    postedAt: at,
    lines: sold.lines.map((l) => ({
      account: l.account,
      debitCents: l.creditCents ?? 0,
      creditCents: l.debitCents ?? 0,
      ...(l.attribution ? { attribution: l.attribution } : {}),
    })),
  };
}
