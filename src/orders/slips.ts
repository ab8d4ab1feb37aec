/** Packing slips of orders: what to pack and where it goes, for the print page and the PDF. */
import type { PackingSlip } from '../pdf/types.ts';
import { localeOf, localized, translate, type Lang } from '../web/i18n.ts';
import { deliveryLabel } from './admin-present.ts';
import type { OrderDoc } from './model.ts';

export function packingSlip(order: OrderDoc, lang: Lang): PackingSlip & { id: string; pickup: boolean } {
  const d = order.delivery!;
  const deliveryLines =
    d.method === 'courier'
      ? [d.address ?? '', [d.postcode, d.city].filter(Boolean).join(' ')].filter(Boolean)
      : d.method === 'parcel_locker'
        ? [d.locker ?? '']
        : [];
  return {
    id: String(order._id),
    number: order.number,
    placedOn: new Intl.DateTimeFormat(localeOf(lang), {
      timeZone: 'Europe/Vilnius',
      dateStyle: 'medium',
    }).format(order.createdAt),
    customerName: order.customer?.name ?? '',
    phone: order.customer?.phone ?? '',
    deliveryLabel:
      d.method === 'pickup' ? translate(lang, 'ordersAdmin.slips.pickup') : deliveryLabel(lang, d.method),
    deliveryLines,
    pickup: d.method === 'pickup',
    note: order.note ?? '',
    lines: order.lines.map((l) => ({ title: localized(l.title, lang), sku: l.sku, quantity: l.quantity })),
    units: order.lines.reduce((sum, l) => sum + l.quantity, 0),
  };
}
