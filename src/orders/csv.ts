import { code, money, moment, text, writeCsv, type CsvCell, type CsvFormat } from '../lib/csv.ts';
import { translate, type Lang } from '../web/i18n.ts';
import { channelLabel, deliveryLabel, methodLabel, stateLabel } from './admin-present.ts';
import type { OrderDoc } from './model.ts';

/** The columns: the machine format's stable name and the message of the header people read. */
const COLUMNS = [
  ['number', 'ordersAdmin.csv.number'],
  ['created_at', 'ordersAdmin.csv.createdAt'],
  ['state', 'ordersAdmin.csv.state'],
  ['payment_method', 'ordersAdmin.csv.paymentMethod'],
  ['delivery_method', 'ordersAdmin.csv.deliveryMethod'],
  ['customer_name', 'ordersAdmin.csv.customerName'],
  ['email', 'ordersAdmin.csv.email'],
  ['phone', 'ordersAdmin.csv.phone'],
  ['items_net_eur', 'ordersAdmin.csv.itemsNet'],
  ['vat_eur', 'ordersAdmin.csv.vat'],
  ['delivery_eur', 'ordersAdmin.csv.delivery'],
  ['gross_eur', 'ordersAdmin.csv.gross'],
  ['refunded_eur', 'ordersAdmin.csv.refunded'],
  ['paid_at', 'ordersAdmin.csv.paidAt'],
  ['channel', 'ordersAdmin.csv.channel'],
] as const;

/** The amount columns of one order, as the CSV has them and the list's totals add them up. */
export function orderAmounts(o: OrderDoc) {
  return {
    itemsNetCents: o.totals?.itemsNetCents ?? 0,
    vatCents: o.totals?.vatCents ?? 0,
    deliveryCents: o.delivery?.grossCents ?? 0,
    grossCents: o.totals?.grossCents ?? 0,
    refundedCents: o.refundedCents ?? 0,
  };
}
export type OrderAmounts = ReturnType<typeof orderAmounts>;

/** The amount columns added up over orders (the totals above the staff list). */
export function sumOrderAmounts(orders: OrderDoc[]): OrderAmounts & { count: number } {
  const sum = {
    count: orders.length,
    itemsNetCents: 0,
    vatCents: 0,
    deliveryCents: 0,
    grossCents: 0,
    refundedCents: 0,
  };
  for (const o of orders) {
    const a = orderAmounts(o);
    sum.itemsNetCents += a.itemsNetCents;
    sum.vatCents += a.vatCents;
    sum.deliveryCents += a.deliveryCents;
    sum.grossCents += a.grossCents;
    sum.refundedCents += a.refundedCents;
  }
  return sum;
}

/** One row per order: state, payment and delivery in words (codes in the machine format), times in Vilnius. */
export function ordersCsv(orders: OrderDoc[], lang: Lang, format: CsvFormat = 'spreadsheet'): string {
  const rows: CsvCell[][] = orders.map((o) => {
    const a = orderAmounts(o);
    const state = o.state ?? '';
    const payment = o.payment?.method ?? '';
    const delivery = o.delivery?.method ?? '';
    return [
      text(o.number),
      moment(o.createdAt),
      code(state, stateLabel(lang, state)),
      code(payment, methodLabel(lang, payment)),
      code(delivery, deliveryLabel(lang, delivery)),
      text(o.customer?.name),
      text(o.customer?.email),
      text(o.customer?.phone),
      money(a.itemsNetCents),
      money(a.vatCents),
      money(a.deliveryCents),
      money(a.grossCents),
      money(a.refundedCents),
      moment(o.payment?.paidAt),
      code(o.channel ?? 'web', channelLabel(lang, o.channel ?? 'web')),
    ];
  });
  const columns = COLUMNS.map(([name, key]) => ({ name, label: translate(lang, key) }));
  return writeCsv(format, columns, rows);
}
