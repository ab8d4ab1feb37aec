/**
 * Orders taken by staff (`/admin/orders/new`): the goods a staff member can add, the preview of
 * what the order will cost, and taking it through the same placement as the public checkout, then
 * what the chosen payment needs at once (paid on the spot, a card payment link, the e-mails).
 */
import type { Logger } from 'pino';
import { currentStock, searchPublishedGoods } from '../catalog/service.ts';
import { formatIban } from '../lib/iban.ts';
import { openCardPaymentUrl } from '../payments/service.ts';
import { getSettings, type Settings } from '../settings/service.ts';
import type { FieldErrors } from '../web/form-fields.ts';
import { localized, type Lang } from '../web/i18n.ts';
import { priceCart } from './cart.ts';
import type { OrderDoc } from './model.ts';
import type { OrderContext } from './transitions.ts';
import { deliveryFee, placeOrderFrom, pricedLine } from './placement.ts';
import { cashRounding, deliveryAmounts } from './pricing.ts';
import type { StaffOrderInput, StaffOrderLine } from './schemas.ts';
import { getOrder, markPaid } from './transitions.ts';

/** Published goods matching the search, with what is on hand (null: made to order). */
export async function goodsForStaffOrder(q: string, lang: Lang) {
  if (!q.trim()) return [];
  const goods = await searchPublishedGoods(q);
  return Promise.all(
    goods.map(async (p) => ({
      id: String(p._id),
      title: localized(p.title, lang),
      sku: p.sku,
      grossCents: p.grossCents,
      madeToOrder: p.stockMode !== 'stock',
      leadTimeDays: p.leadTimeDays ?? 0,
      available: p.stockMode === 'stock' ? await currentStock(p._id) : null,
    })),
  );
}

/**
 * What the chosen lines come to, priced as placing will price them (catalogue or staff price, VAT
 * per line, the delivery fee), with a message per line that cannot be ordered: an unknown or
 * archived good (`line-<i>`), or more than is on hand.
 */
export async function previewStaffOrder(
  lines: StaffOrderLine[],
  delivery: StaffOrderInput['delivery'],
  payment: StaffOrderInput['payment'] | undefined,
  settings: Settings,
  lang: Lang,
) {
  const cart = await priceCart(lines.map((l) => ({ productId: l.product, quantity: l.qty })));
  const byId = new Map(cart.lines.map((l) => [String(l.product._id), l]));
  const errors: FieldErrors = {};
  const shown = lines.map((l, i) => {
    const line = byId.get(l.product);
    if (!line || line.problem === 'unavailable') {
      errors[`line-${i}`] = { key: 'staffOrder.errors.productUnavailable', params: {} };
      return { index: i, productId: l.product, title: '', sku: '', quantity: l.qty, grossCents: 0 };
    }
    if (line.problem === 'insufficient')
      errors[`qty-${i}`] = {
        key: 'orders.errors.notEnoughStock',
        params: { available: line.available ?? 0 },
      };
    const priced = pricedLine(line, l.price !== undefined ? { priceCents: l.price, reason: l.reason } : null);
    return {
      index: i,
      productId: l.product,
      title: localized(line.product.title, lang),
      sku: line.product.sku,
      quantity: l.qty,
      catalogPriceCents: line.product.priceCents,
      includesVat: line.product.priceIncludesVat,
      available: line.available,
      grossCents: priced.amounts.grossCents,
      override: priced.priceOverride,
    };
  });
  const vatRate = settings.vatPayer ? (settings.defaultVatRateBps ?? 0) : 0;
  const deliveryGross = deliveryAmounts(deliveryFee(settings, delivery), vatRate).grossCents;
  const itemsGrossCents = shown.reduce((s, l) => s + l.grossCents, 0);
  const totalCents = itemsGrossCents + deliveryGross;
  const cashTotalCents = payment === 'cash' ? totalCents + cashRounding(totalCents) : totalCents;
  return {
    lines: shown,
    errors,
    itemsGrossCents,
    deliveryGrossCents: deliveryGross,
    totalCents,
    cashTotalCents,
  };
}

export interface TakenOrder {
  order: OrderDoc;
  /** The card payment page sent to the customer (card orders), or null when it could not be opened. */
  payUrl: string | null;
}

/**
 * Places an order a staff member took, through the public checkout's placement (prices, stock all or
 * nothing, the number), as `channel` and entered by them. Cash and card-terminal orders are then
 * marked paid at once (the same move as a received transfer: one ledger entry); a card order gets a
 * Checkout Session whose address is e-mailed with the confirmation and shown to the staff member.
 */
export async function takeStaffOrder(input: {
  lines: StaffOrderLine[];
  form: StaffOrderInput;
  staff: { id: string; name: string };
  settings: Settings;
  /** The staff member's order context (notifies the customer and the staff). */
  context: OrderContext;
  /** Opens the card payment page of an order (null when card payments are off). */
  cardLink: ((order: OrderDoc) => Promise<string>) | null;
  logger: Pick<Logger, 'error'>;
}): Promise<TakenOrder> {
  const { form } = input;
  const placed = await placeOrderFrom({
    items: input.lines.map((l) => ({
      productId: l.product,
      quantity: l.qty,
      override: l.price !== undefined ? { priceCents: l.price, reason: l.reason } : null,
    })),
    customer: { name: form.name, email: form.email, phone: form.phone, lang: form.lang },
    delivery: form,
    payment: form.payment,
    note: form.note,
    channel: form.channel,
    enteredBy: input.staff,
    settings: input.settings,
    cardPaymentsEnabled: input.cardLink !== null,
  });
  const ctx = input.context;
  let payUrl: string | null = null;
  if (placed.payment?.method === 'card' && input.cardLink) {
    try {
      payUrl = await input.cardLink(placed);
    } catch (err) {
      // The order stands; the customer can still pay from the order's own page, which opens a session.
      input.logger.error({ err, order: placed.number }, 'could not open the card payment link');
    }
  }
  await ctx.notify('received', placed, payUrl ? { payUrl } : {});
  if (placed.payment?.method === 'cash' || placed.payment?.method === 'card_terminal') {
    const paid = await markPaid(String(placed._id), ctx, {
      via: 'staff',
      ...(placed.payment.method === 'cash' && form.tendered !== undefined
        ? { tenderedCents: form.tendered }
        : {}),
    });
    return { order: paid, payUrl };
  }
  return { order: await getOrder(String(placed._id)), payUrl };
}

/**
 * What the order page shows while an order waits for its money: the open card payment link (to copy
 * and send), or the bank details to read over the phone.
 */
export async function awaitedPayment(order: OrderDoc) {
  const pending = order.state === 'pending_payment';
  const method = order.payment?.method;
  const settings = pending && method === 'bank_transfer' ? await getSettings() : null;
  return {
    payUrl: pending && method === 'card' ? await openCardPaymentUrl(order._id) : null,
    bank: settings
      ? {
          recipient: settings.legalName,
          iban: settings.iban ? formatIban(settings.iban) : '',
          bankName: settings.bankName,
        }
      : null,
  };
}
