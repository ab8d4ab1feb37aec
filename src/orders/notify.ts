import type { Logger } from 'pino';
import { formatIban } from '../lib/iban.ts';
import type { OrderMail, OrderMailKind, OrderMailView } from '../mail/types.ts';
import { getSettings, pickupHoursText, pickupInfo, type PickupInfo } from '../settings/service.ts';
import { localized } from '../web/i18n.ts';
import { carrierLabel } from './admin-present.ts';
import type { OrderDoc } from './model.ts';
import type { Notify } from './transitions.ts';

export interface OrderMailer {
  sendOrderMail(mail: OrderMail): Promise<void>;
}

export function statusUrl(publicUrl: string, order: Pick<OrderDoc, 'token'>): string {
  return `${publicUrl}/orders/${order.token}`;
}

function deliveryDetails(order: OrderDoc): string {
  const d = order.delivery!;
  if (d.method === 'courier') return [d.address, d.postcode, d.city].filter(Boolean).join(', ');
  if (d.method === 'parcel_locker') return d.locker ?? '';
  return '';
}

/** Pickup at the workshop in an e-mail: the opening hours in words and the instructions. */
function pickupMail(
  info: PickupInfo | null,
  lang: 'lt' | 'en',
): Pick<OrderMailView, 'pickupHours' | 'pickupInstructions'> {
  if (!info) return {};
  return { pickupHours: pickupHoursText(info, lang), pickupInstructions: info.instructions };
}

/** The mails an order sends once: each follows a state the order enters once (or its placing). */
const ONCE_PER_ORDER = new Set<OrderMailKind>(['received', 'paid', 'ready', 'cancelled']);

/**
 * The once-only key of an order's e-mail: a repeated request, or the job that queues missing
 * confirmations, cannot queue it twice. Refunds (several per order) and re-sent links have none.
 */
export function orderMailKey(kind: OrderMailKind, order: Pick<OrderDoc, '_id'>): string | undefined {
  return ONCE_PER_ORDER.has(kind) ? `order.${kind}:${String(order._id)}` : undefined;
}

/**
 * Queues an e-mail to an order's customer in the language they ordered in. A mail failure is
 * logged, never thrown: the order has already changed and must not be undone by the mail server.
 */
export function orderNotifier(deps: { mailer: OrderMailer; publicUrl: string; logger: Logger }): Notify {
  return async (kind, order, extra = {}) => {
    // An order taken by phone may have no e-mail: the staff member tells the customer instead.
    if (!order.customer?.email) return;
    try {
      const s = await getSettings();
      const lang = order.customer?.lang === 'en' ? 'en' : 'lt';
      const view: OrderMailView = {
        number: order.number,
        customerName: order.customer!.name,
        statusUrl: statusUrl(deps.publicUrl, order),
        lines: order.lines.map((l) => ({
          title: localized(l.title, lang),
          quantity: l.quantity,
          grossCents: l.grossCents,
        })),
        itemsGrossCents: order.totals!.itemsGrossCents,
        deliveryMethod: order.delivery!.method,
        deliveryGrossCents: order.delivery!.grossCents ?? 0,
        deliveryDetails: deliveryDetails(order),
        grossCents: order.totals!.grossCents,
        vatCents: order.totals!.vatCents,
        paymentMethod: order.payment!.method,
        ...(order.payment!.method === 'bank_transfer' && order.payment!.dueAt
          ? {
              bank: {
                recipient: s.legalName,
                iban: s.iban ? formatIban(s.iban) : '',
                reference: order.payment!.reference || order.number,
                amountCents: order.totals!.grossCents,
                dueAt: order.payment!.dueAt,
              },
            }
          : {}),
        ...(order.shipment?.carrier && order.shipment.trackingNumber
          ? {
              shipment: {
                carrier: carrierLabel(lang, order.shipment.carrier),
                trackingNumber: order.shipment.trackingNumber,
              },
            }
          : {}),
        ...(kind === 'received' && extra.payUrl ? { payUrl: extra.payUrl } : {}),
        ...(extra.refundCents
          ? { refundCents: extra.refundCents, refundedTotalCents: order.refundedCents }
          : {}),
        ...(order.note ? { note: order.note } : {}),
        ...(order.expectedReadyOn ? { expectedReadyOn: order.expectedReadyOn } : {}),
        ...(order.delivery!.method === 'pickup' ? pickupMail(pickupInfo(s, lang), lang) : {}),
        organisation: {
          displayName: s.displayName,
          email: s.email ?? '',
          phone: s.phone ?? '',
          address: s.address ?? '',
        },
      };
      const key = orderMailKey(kind, order);
      await deps.mailer.sendOrderMail({
        kind,
        to: order.customer!.email,
        lang,
        order: view,
        ...(key ? { key } : {}),
      });
    } catch (err) {
      deps.logger.error({ err, order: order.number, kind }, 'order e-mail failed');
    }
  };
}
