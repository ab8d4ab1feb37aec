import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { translate } from '../web/i18n.ts';
import { inLayout, type Branding } from './layout.ts';
import { greetingName, unlinkable } from './safe-text.ts';
import { helpers } from '../web/views.ts';
import type { OrderMail, OrderMailKind, OrderMailView } from './types.ts';

const VIEWS = path.resolve(import.meta.dirname, '..', '..', 'views', 'mail');

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

type Template = (context: unknown) => string;

/** A standalone Handlebars with the app's helpers; the order templates are compiled on first use. */
let compiled: { text: Template; html: Template } | undefined;

function templates(): { text: Template; html: Template } {
  if (!compiled) {
    const hb = Handlebars.create();
    hb.registerHelper(helpers);
    const read = (name: string) => readFileSync(path.join(VIEWS, name), 'utf8');
    compiled = {
      // Plain text is not HTML: nothing is escaped there.
      text: hb.compile(read('order.text.hbs'), { noEscape: true, strict: false }),
      html: hb.compile(read('order.html.hbs'), { strict: false }),
    };
  }
  return compiled;
}

const SUBJECTS = {
  received: 'mail.subject.received',
  paid: 'mail.subject.paid',
  ready: 'mail.subject.readyPickup',
  cancelled: 'mail.subject.cancelled',
  refunded: 'mail.subject.refunded',
  link: 'mail.subject.link',
} as const satisfies Record<OrderMailKind, string>;

const DELIVERY_LABELS = {
  pickup: 'mail.delivery.pickup',
  courier: 'mail.delivery.courier',
  parcel_locker: 'mail.delivery.parcelLocker',
} as const satisfies Record<OrderMailView['deliveryMethod'], string>;

const PAYMENT_LABELS = {
  card: 'mail.payment.card',
  bank_transfer: 'mail.payment.bankTransfer',
  pay_at_pickup: 'mail.payment.payAtPickup',
  cash: 'mail.payment.cash',
  card_terminal: 'mail.payment.cardTerminal',
} as const satisfies Record<OrderMailView['paymentMethod'], string>;

/** The subject line: "ready" says "ready for pickup" or "shipped" by the delivery method. */
export function orderMailSubject(mail: OrderMail): string {
  const key =
    mail.kind === 'ready' && mail.order.deliveryMethod !== 'pickup'
      ? 'mail.subject.shipped'
      : SUBJECTS[mail.kind];
  return translate(mail.lang, key, { number: mail.order.number });
}

/** Only web links become links; anything else would be shown as text. */
function safeHref(url: string): string | null {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : null;
}

/**
 * Composes an order e-mail (subject, plain text, HTML in the shared layout) in the mail's language.
 * What the customer typed (name, delivery address) is shown as inert text: the name cut to a sane
 * length and nothing of it a link; the only link is the order's own page, under a fixed label. The
 * header and footer show the organisation as the order recorded it, with the logo of `logoUrl`.
 */
export async function renderOrderMail(mail: OrderMail, logoUrl = ''): Promise<RenderedMail> {
  const { kind, lang } = mail;
  const order = {
    ...mail.order,
    customerName: unlinkable(greetingName(mail.order.customerName)),
    deliveryDetails: unlinkable(mail.order.deliveryDetails),
    note: unlinkable(mail.order.note ?? ''),
  };
  const subject = orderMailSubject(mail);
  const pickup = order.deliveryMethod === 'pickup';
  const context = {
    lang,
    subject,
    order,
    kind,
    is: { [kind]: true } as Partial<Record<OrderMailKind, true>>,
    pickup,
    courier: order.deliveryMethod === 'courier',
    parcelLocker: order.deliveryMethod === 'parcel_locker',
    payAtPickup: order.paymentMethod === 'pay_at_pickup',
    bank: kind === 'received' ? order.bank : undefined,
    statusHref: safeHref(order.statusUrl),
    payHref: kind === 'received' && order.payUrl ? safeHref(order.payUrl) : null,
    paidOnSpot: order.paymentMethod === 'cash' || order.paymentMethod === 'card_terminal',
    deliveryLabel: translate(lang, DELIVERY_LABELS[order.deliveryMethod]),
    paymentLabel: translate(lang, PAYMENT_LABELS[order.paymentMethod]),
    hasVat: order.vatCents > 0,
    freeDelivery: order.deliveryGrossCents === 0,
    hasContacts: Boolean(order.organisation.email || order.organisation.phone || order.organisation.address),
  };
  const t = templates();
  const branding: Branding = {
    name: order.organisation.displayName,
    logoUrl,
    email: order.organisation.email,
    phone: order.organisation.phone,
    address: order.organisation.address,
  };
  return {
    subject,
    text: tidyText(t.text(context)),
    html: await inLayout({
      lang,
      subject,
      contentHtml: t.html(context),
      footer: translate(lang, 'mail.footer'),
      branding,
    }),
  };
}

/** At most one empty line in a row, no trailing spaces, one final newline. */
function tidyText(text: string): string {
  return (
    text
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}
