/** How the staff order pages show an order: labels in words, the page's figures (the CSV is in csv.ts). */
import type { ConflictError } from '../lib/errors.ts';
import { formatCents } from '../lib/money.ts';
import type { FieldMessage } from '../web/form-fields.ts';
import { localeOf, localized, translate, translateOr, type Lang } from '../web/i18n.ts';
import type { OrderDoc, OrderEventDoc } from './model.ts';
import { statusUrl } from './notify.ts';
import { ORDER_STATES } from './schemas.ts';
import { cashRounding } from './pricing.ts';
import { paymentDifference, remainingCents } from './states.ts';

/** A translated label, or the raw value when there is no message for it (a kind added later, say). */
export const labelOr = translateOr;

/** A carrier's name in words (`other` reads "another carrier"; a key ending in `.other` would be a plural). */
export const carrierLabel = (lang: Lang, carrier: string) =>
  labelOr(lang, `ordersAdmin.carrier.${carrier === 'other' ? 'otherCarrier' : carrier}`, carrier);

/**
 * The money of an order at a glance: its total, what came in (the amount recorded, or the total once
 * paid), what went back, and what is still due; with a short or excess payment named.
 */
export function amountsOf(order: OrderDoc) {
  // A cash total is due rounded to 5 cents (recorded when paid; worked out while it is awaited).
  const gross = order.totals?.grossCents ?? 0;
  const rounding =
    order.payment?.cashRoundingCents ||
    (order.payment?.method === 'cash' && !order.payment.paidAt ? cashRounding(gross) : 0);
  const total = gross + rounding;
  const paid = Boolean(order.payment?.paidAt);
  const diff = paymentDifference(total, order.payment?.receivedCents);
  return {
    totalCents: total,
    paidCents: paid ? diff.receivedCents : 0,
    refundedCents: order.refundedCents ?? 0,
    dueCents: paid || order.state === 'cancelled' ? 0 : total,
    shortCents: paid ? diff.shortCents : 0,
    excessCents: paid ? diff.excessCents : 0,
  };
}

export const stateLabel = (lang: Lang, state: string) => labelOr(lang, `ordersAdmin.state.${state}`, state);
export const methodLabel = (lang: Lang, method: string) =>
  labelOr(lang, `ordersAdmin.method.${method}`, method);
export const channelLabel = (lang: Lang, channel: string) => labelOr(lang, `channel.${channel}`, channel);
export const deliveryLabel = (lang: Lang, method: string) =>
  labelOr(lang, `ordersAdmin.delivery.${method}`, method);
const eventLabel = (lang: Lang, kind: string) => labelOr(lang, `ordersAdmin.event.${kind}`, kind);
const byLabel = (lang: Lang, by: string) => (by ? labelOr(lang, `ordersAdmin.by.${by}`, by) : '');

export function presentRow(order: OrderDoc, lang: Lang) {
  const state = order.state ?? 'pending_payment';
  const method = order.payment?.method ?? '';
  return {
    id: String(order._id),
    number: order.number,
    createdAt: order.createdAt,
    customerName: order.customer?.name ?? '',
    // An order taken by phone may have only a phone number.
    customerEmail: order.customer?.email || order.customer?.phone || '',
    itemsCount: order.lines.reduce((sum, l) => sum + l.quantity, 0),
    grossCents: order.totals?.grossCents ?? 0,
    paymentLabel: methodLabel(lang, method),
    channel: order.channel ?? 'web',
    channelLabel: channelLabel(lang, order.channel ?? 'web'),
    state,
    stateLabel: stateLabel(lang, state),
  };
}

function presentEvent(event: OrderEventDoc, lang: Lang) {
  return {
    at: event.at,
    kind: event.kind,
    label: eventLabel(lang, event.kind),
    by: byLabel(lang, event.by ?? ''),
    note: event.note ?? '',
    amountCents: typeof event.amountCents === 'number' ? event.amountCents : null,
  };
}

/** A buyer's VAT invoice request as pages show it (the country in words), or null. */
export function presentInvoiceRequest(
  r:
    | {
        companyName: string;
        companyCode?: string | null;
        vatCode?: string | null;
        address?: string | null;
        city?: string | null;
        postcode?: string | null;
        country?: string | null;
      }
    | null
    | undefined,
  lang: Lang,
) {
  if (!r) return null;
  const country = r.country || 'LT';
  const countryName = new Intl.DisplayNames([localeOf(lang)], { type: 'region' }).of(country) ?? country;
  return {
    companyName: r.companyName,
    companyCode: r.companyCode ?? '',
    vatCode: r.vatCode ?? '',
    address: [r.address, [r.postcode, r.city].filter(Boolean).join(' '), countryName]
      .filter(Boolean)
      .join(', '),
  };
}

export function presentOrder(order: OrderDoc, events: OrderEventDoc[], lang: Lang, publicUrl: string) {
  const locale = localeOf(lang);
  const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const d = order.delivery!;
  const p = order.payment!;
  const state = order.state ?? 'pending_payment';
  return {
    id: String(order._id),
    number: order.number,
    createdAt: order.createdAt,
    state,
    stateLabel: stateLabel(lang, state),
    channel: order.channel ?? 'web',
    channelLabel: channelLabel(lang, order.channel ?? 'web'),
    enteredBy: order.enteredBy?.name ?? '',
    customer: {
      name: order.customer?.name ?? '',
      email: order.customer?.email ?? '',
      phone: order.customer?.phone ?? '',
      languageLabel: translate(
        lang,
        order.customer?.lang === 'en' ? 'ordersAdmin.lang.en' : 'ordersAdmin.lang.lt',
      ),
    },
    note: order.note ?? '',
    privateUrl: statusUrl(publicUrl, order),
    delivery: {
      label: deliveryLabel(lang, d.method),
      address:
        d.method === 'courier'
          ? [d.address, [d.postcode, d.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')
          : '',
      locker: d.method === 'parcel_locker' ? (d.locker ?? '') : '',
      lockerTerminal:
        d.method === 'parcel_locker' && d.lockerPoint
          ? `${translate(lang, `lockers.networks.${d.lockerPoint.network}`)} ${d.lockerPoint.terminalId}`
          : '',
      grossCents: d.grossCents ?? 0,
    },
    invoiceRequest: presentInvoiceRequest(order.invoiceRequest, lang),
    payment: {
      method: p.method,
      label: methodLabel(lang, p.method),
      reference: p.reference || order.number,
      dueAt: p.method === 'bank_transfer' ? p.dueAt : null,
      paidAt: p.paidAt,
      isCard: p.method === 'card',
      stripePaymentIntentId: p.stripePaymentIntentId ?? '',
      differenceReason: p.differenceReason ?? '',
      tenderedCents: p.tenderedCents ?? null,
      changeCents: p.changeCents ?? null,
      cashRoundingCents: p.cashRoundingCents ?? 0,
      cashTotalCents: (order.totals?.grossCents ?? 0) + (p.cashRoundingCents ?? 0),
    },
    shipment: {
      carrierLabel: order.shipment?.carrier ? carrierLabel(lang, order.shipment.carrier) : '',
      trackingNumber: order.shipment?.trackingNumber ?? '',
    },
    isParcel: d.method !== 'pickup',
    amounts: amountsOf(order),
    lines: order.lines.map((l) => ({
      lineId: l.lineId,
      title: localized(l.title, lang),
      sku: l.sku,
      quantity: l.quantity,
      unitNetCents: l.unitNetCents,
      vatRate: percent.format(l.vatRateBps / 100),
      vatCents: l.vatCents,
      grossCents: l.grossCents,
      override: l.priceOverride
        ? { catalogPriceCents: l.priceOverride.catalogPriceCents, reason: l.priceOverride.reason }
        : null,
    })),
    totals: {
      itemsNetCents: order.totals!.itemsNetCents,
      itemsGrossCents: order.totals!.itemsGrossCents,
      vatCents: order.totals!.vatCents,
      grossCents: order.totals!.grossCents,
    },
    refundedCents: order.refundedCents ?? 0,
    remainingCents: remainingCents(order),
    refunds: order.refunds.map((r) => ({
      at: r.at,
      amountCents: r.amountCents,
      reason: r.reason ?? '',
      by: byLabel(lang, r.by ?? ''),
      stripeRefundId: r.stripeRefundId ?? '',
    })),
    timeline: events.map((e) => presentEvent(e, lang)),
  };
}

/** Parameters of a domain error made readable: states translated, amounts in cents as money. */
export function conflictMessage(err: ConflictError, lang: Lang): FieldMessage {
  const params: Record<string, string | number> = { ...err.params };
  for (const name of ['from', 'to']) {
    const v = params[name];
    if (typeof v === 'string' && (ORDER_STATES as readonly string[]).includes(v))
      params[name] = stateLabel(lang, v);
  }
  for (const name of ['max', 'received', 'total', 'short', 'tendered']) {
    const v = params[name];
    if (typeof v === 'number') params[name] = formatCents(v, localeOf(lang));
  }
  return { key: err.messageKey, params };
}
