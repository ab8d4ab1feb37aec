import type { OrderMailKind } from '../mail/types.ts';
import type { OrderDoc } from '../orders/service.ts';
import type { StaffEvent } from './compose.ts';
import { notifyStaff, type NotifyDeps } from './service.ts';

function deliveryDetails(order: OrderDoc): string {
  const d = order.delivery!;
  if (d.method === 'courier') return [d.address, d.postcode, d.city].filter(Boolean).join(', ');
  if (d.method === 'parcel_locker') return d.locker ?? '';
  return '';
}

/** A shop order's event for the staff: its lines, delivery and payment, linked to its staff page. */
export function orderStaffEvent(kind: 'orderPlaced' | 'cardPaid', order: OrderDoc): StaffEvent {
  const c = order.customer!;
  return {
    kind,
    id: String(order._id),
    reference: order.number,
    path: `/admin/orders/${String(order._id)}`,
    params: { reference: order.number, name: c.name, amount: { cents: order.totals!.grossCents } },
    order: {
      lines: order.lines.map((l) => ({
        title: l.title ?? {},
        quantity: l.quantity,
        grossCents: l.grossCents,
      })),
      deliveryMethod: order.delivery!.method,
      deliveryGrossCents: order.delivery!.grossCents ?? 0,
      deliveryDetails: deliveryDetails(order),
      paymentMethod: order.payment!.method,
      grossCents: order.totals!.grossCents,
      customer: [c.name, c.email, c.phone].filter(Boolean).join(', '),
      note: order.note ?? '',
      expectedReadyOn: order.expectedReadyOn ?? '',
    },
  };
}

/**
 * What the staff hear of an order's e-mails: a placed order, and a card payment received. Called
 * beside the customer's notifier with the same kinds; other kinds tell the staff nothing.
 */
export function staffOrderNotifier(
  deps: NotifyDeps,
): (kind: OrderMailKind, order: OrderDoc) => Promise<void> {
  return async (kind, order) => {
    if (kind === 'received') await notifyStaff(deps, orderStaffEvent('orderPlaced', order));
    if (kind === 'paid' && order.payment?.method === 'card')
      await notifyStaff(deps, orderStaffEvent('cardPaid', order));
  };
}
