import { formatCents } from '../lib/money.ts';
import { escapeHtml, inLayout, type Branding } from '../mail/layout.ts';
import { localeOf, localized, translate, type Lang, type Params } from '../web/i18n.ts';
import type { EventGroup } from './model.ts';

/** The events staff are told about. */
export const STAFF_EVENT_KINDS = [
  'orderPlaced',
  'cardPaid',
  'requestReceived',
  'quoteAccepted',
  'quoteDeclined',
  'invoicePaid',
  'jobAssigned',
  'accessibilityFeedback',
] as const;
export type StaffEventKind = (typeof STAFF_EVENT_KINDS)[number];

/** Who hears of an event: the staff who chose its group; a job assignment goes to its assignee. */
export const GROUP_OF: Record<StaffEventKind, EventGroup | null> = {
  orderPlaced: 'orders',
  cardPaid: 'payments',
  requestReceived: 'requests',
  quoteAccepted: 'requests',
  quoteDeclined: 'requests',
  invoicePaid: 'payments',
  jobAssigned: null,
  accessibilityFeedback: 'requests',
};

/** Amounts stay cents here and are put in words per recipient language. */
export type EventParams = Record<string, string | number | { cents: number }>;

export interface OrderDetails {
  lines: { title: { lt?: string | null; en?: string | null }; quantity: number; grossCents: number }[];
  deliveryMethod: 'pickup' | 'courier' | 'parcel_locker';
  deliveryGrossCents: number;
  deliveryDetails: string;
  paymentMethod: 'card' | 'bank_transfer' | 'pay_at_pickup' | 'cash' | 'card_terminal';
  grossCents: number;
  customer: string;
  note: string;
  /** The day made-to-order goods should be ready (YYYY-MM-DD), or ''. */
  expectedReadyOn?: string;
}

export interface StaffEvent {
  kind: StaffEventKind;
  /** What makes the event once-only (an order's, request's or invoice's id, with a version). */
  id: string;
  /** The order number or request reference (the outbox is filtered by it). */
  reference: string;
  /** The staff page of the thing, e.g. `/admin/orders/<id>`: never a customer's private link. */
  path: string;
  params: EventParams;
  order?: OrderDetails;
  /** For `jobAssigned`: the staff account the request was assigned to. */
  assigneeId?: string;
  /** Lines of text given as they are (a visitor's message), after the event's own. */
  text?: string[];
}

export interface ComposedEvent {
  subject: string;
  body: string;
  lines: string[];
  url: string;
}

const DELIVERY: Record<OrderDetails['deliveryMethod'], string> = {
  pickup: 'mail.delivery.pickup',
  courier: 'mail.delivery.courier',
  parcel_locker: 'mail.delivery.parcelLocker',
};
const PAYMENT: Record<OrderDetails['paymentMethod'], string> = {
  card: 'mail.payment.card',
  bank_transfer: 'mail.payment.bankTransfer',
  pay_at_pickup: 'mail.payment.payAtPickup',
  cash: 'mail.payment.cash',
  card_terminal: 'mail.payment.cardTerminal',
};

function inWords(lang: Lang, params: EventParams): Params {
  const money = (cents: number) => formatCents(cents, localeOf(lang));
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? money(v.cents) : v]),
  );
}

function orderLines(lang: Lang, o: OrderDetails): string[] {
  const money = (cents: number) => formatCents(cents, localeOf(lang));
  return [
    ...o.lines.map((l) =>
      translate(lang, 'staffMail.line', {
        title: localized(l.title, lang),
        quantity: l.quantity,
        amount: money(l.grossCents),
      }),
    ),
    translate(lang, 'staffMail.delivery', {
      method: translate(lang, DELIVERY[o.deliveryMethod]),
      amount: money(o.deliveryGrossCents),
    }),
    ...(o.deliveryDetails ? [translate(lang, 'staffMail.deliveryTo', { details: o.deliveryDetails })] : []),
    translate(lang, 'staffMail.payment', { method: translate(lang, PAYMENT[o.paymentMethod]) }),
    translate(lang, 'staffMail.total', { amount: money(o.grossCents) }),
    translate(lang, 'staffMail.customer', { details: o.customer }),
    ...(o.note ? [translate(lang, 'staffMail.note', { note: o.note })] : []),
    ...(o.expectedReadyOn
      ? [translate(lang, 'staffMail.expectedReady', { date: dayOf(o.expectedReadyOn, lang) })]
      : []),
  ];
}

/** A calendar day (YYYY-MM-DD) as the pages write it. */
function dayOf(day: string, lang: Lang): string {
  return new Intl.DateTimeFormat(localeOf(lang), { timeZone: 'Europe/Vilnius', dateStyle: 'medium' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** The event in one recipient's language. */
export function composeEvent(event: StaffEvent, lang: Lang, publicUrl: string): ComposedEvent {
  const params = inWords(lang, event.params);
  const lines = event.order ? orderLines(lang, event.order) : [];
  if (typeof params.quoteTotal === 'string' && params.quoteTotal)
    lines.push(translate(lang, 'staffMail.quoteTotal', { amount: params.quoteTotal }));
  if (typeof params.reason === 'string' && params.reason)
    lines.push(translate(lang, 'staffMail.reason', { reason: params.reason }));
  lines.push(...(event.text ?? []));
  return {
    subject: translate(lang, `staffMail.${event.kind}.subject`, params),
    body: translate(lang, `staffMail.${event.kind}.body`, params),
    lines,
    url: `${publicUrl}${event.path}`,
  };
}

/**
 * Text and HTML (in the shared e-mail layout) of an e-mail to `name` made of sections, each a
 * heading line, details and a link to the staff page.
 */
export async function renderStaffMail(
  lang: Lang,
  name: string,
  intro: string,
  sections: { title: string; lines: string[]; url: string }[],
  branding: Branding,
  subject = '',
): Promise<{ text: string; html: string }> {
  const greeting = translate(lang, 'staffMail.greeting', { name });
  const open = translate(lang, 'staffMail.open');
  const footer = translate(lang, 'staffMail.footer');
  const text = [
    greeting,
    '',
    ...(intro ? [intro, ''] : []),
    ...sections.flatMap((s) => [s.title, ...s.lines.map((l) => `  ${l}`), `${open}: ${s.url}`, '']),
    footer,
    '',
  ].join('\n');
  const content = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...(intro ? [`<p>${escapeHtml(intro)}</p>`] : []),
    ...sections.map(
      (s) =>
        `<p><strong>${escapeHtml(s.title)}</strong></p>` +
        (s.lines.length ? `<ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : '') +
        `<p><a href="${escapeHtml(s.url)}" class="button">${escapeHtml(open)}</a></p>`,
    ),
  ].join('\n');
  const html = await inLayout({
    lang,
    subject: subject || sections[0]?.title || greeting,
    preheader: sections[0]?.title ?? intro,
    contentHtml: content,
    footer,
    branding,
  });
  return { text, html };
}
