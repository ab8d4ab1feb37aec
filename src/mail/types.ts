import type { Lang } from '../web/i18n.ts';

/** The e-mails an order sends; `link` re-sends the private order link ("find my order"). */
export const ORDER_MAIL_KINDS = ['received', 'paid', 'ready', 'cancelled', 'refunded', 'link'] as const;
export type OrderMailKind = (typeof ORDER_MAIL_KINDS)[number];

/** Everything an order e-mail shows, already localized where text comes from data. */
export interface OrderMailView {
  number: string;
  customerName: string;
  /** Absolute URL of the private order page. */
  statusUrl: string;
  lines: { title: string; quantity: number; grossCents: number }[];
  itemsGrossCents: number;
  deliveryMethod: 'pickup' | 'courier' | 'parcel_locker';
  deliveryGrossCents: number;
  /** Courier address or parcel locker, one line; empty for pickup. */
  deliveryDetails: string;
  grossCents: number;
  vatCents: number;
  paymentMethod: 'card' | 'bank_transfer' | 'pay_at_pickup' | 'cash' | 'card_terminal';
  /** Present when the customer pays by bank transfer. */
  bank?: { recipient: string; iban: string; reference: string; amountCents: number; dueAt: Date };
  /** A card payment page made for the customer by staff (an order taken by phone), for `received`. */
  payUrl?: string;
  /** A parcel's carrier (its name, in words) and tracking number, once marked ready. */
  shipment?: { carrier: string; trackingNumber: string };
  /** For `refunded`: this refund, and all refunded so far. */
  refundCents?: number;
  refundedTotalCents?: number;
  organisation: { displayName: string; email: string; phone: string; address: string };
  /** The buyer's note at checkout (e.g. a size for made-to-order goods); shown as inert text. */
  note?: string;
  /** The day the made-to-order goods should be ready (YYYY-MM-DD). */
  expectedReadyOn?: string;
  /** Pickup at the workshop: the opening hours in words ("pirmadienis–penktadienis 9:00–16:00") and how to collect. */
  pickupHours?: string;
  pickupInstructions?: string;
}

export interface OrderMail {
  kind: OrderMailKind;
  to: string;
  lang: Lang;
  order: OrderMailView;
  /** Once-only key of the event (see OutgoingMessage.key). */
  key?: string;
}
