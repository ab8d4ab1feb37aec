import mongoose from 'mongoose';
import { releaseStock, reserveStock } from '../catalog/service.ts';
import { insertWithNextNumber } from '../db/once.ts';
import { vilniusDate, vilniusDayStart, vilniusYear } from '../lib/dates.ts';
import { ConflictError } from '../lib/errors.ts';
import { randomToken } from '../lib/ids.ts';
import type { Settings } from '../settings/service.ts';
import type { Lang } from '../web/i18n.ts';
import { priceCart, type CartItem, type CartLine } from './cart.ts';
import { Order, OrderEvent, type OrderChannel, type OrderDoc, type PaymentMethod } from './model.ts';
import { deliveryAmounts, lineAmounts, type LineAmounts } from './pricing.ts';
import { expectedReadyOn } from './pickup.ts';
import type { CheckoutInput } from './schemas.ts';

export class SoldOutError extends ConflictError {
  constructor(title: string, available: number) {
    super('orders.errors.soldOut', { title, available });
  }
}

export function deliveryFee(settings: Settings, method: CheckoutInput['delivery']): number {
  if (method === 'courier') return settings.courierFeeCents ?? 0;
  if (method === 'parcel_locker') return settings.parcelLockerFeeCents ?? 0;
  return 0;
}

/** A delivery method's fee with its VAT (at the organisation's rate when it pays VAT). */
export function deliveryQuote(settings: Settings, method: CheckoutInput['delivery']) {
  const vatRate = settings.vatPayer ? (settings.defaultVatRateBps ?? 0) : 0;
  return deliveryAmounts(deliveryFee(settings, method), vatRate);
}

/**
 * Inserts the order with the next number of the year, e.g. 2026-00042. The unique index on `number`
 * makes the insert the claim: a concurrent order that took the number makes this one
 * retry with the next.
 */
async function insertNumberedOrder(doc: Record<string, unknown>, year: number): Promise<OrderDoc> {
  const created = await insertWithNextNumber<
    Omit<OrderDoc, 'refunds' | 'refundedCents' | 'committedRefundCents'>
  >(Order, {
    scope: { year },
    field: 'seq',
    build: (seq) => {
      const number = `${year}-${String(seq).padStart(5, '0')}`;
      return { ...doc, year, seq, number, payment: { ...(doc.payment as object), reference: number } };
    },
    limit: 200,
    busy: () => new ConflictError('orders.errors.busy'),
  });
  return { ...created, refunds: [], refundedCents: 0, committedRefundCents: 0 };
}

/** A transfer is due by the end of the Vilnius day `days` after the order (the customer sees a date). */
export function transferDueAt(now: Date, days: number): Date {
  const [y, m, d] = vilniusDate(now).split('-').map(Number) as [number, number, number];
  return new Date(vilniusDayStart(y, m, d + days + 1).getTime() - 1);
}

/** A parcel locker terminal as the order keeps it (a snapshot of the network's list). */
export interface LockerPoint {
  network: string;
  terminalId: string;
  name: string;
  address: string;
  city: string;
  postcode: string;
}

/** The company details of a buyer who asked for a VAT invoice. */
export interface InvoiceRequest {
  companyName: string;
  companyCode: string;
  vatCode: string;
  address: string;
  city: string;
  postcode: string;
  country: string;
}

/** The invoice request of a checkout form: null unless the box was ticked. */
export function invoiceRequestOf(form: CheckoutInput): InvoiceRequest | null {
  if (!form.invoice || !form.companyName) return null;
  return {
    companyName: form.companyName,
    companyCode: form.companyCode ?? '',
    vatCode: form.vatCode ?? '',
    address: form.invoiceAddress ?? '',
    city: form.invoiceCity ?? '',
    postcode: form.invoicePostcode ?? '',
    country: form.invoiceCountry ?? 'LT',
  };
}

export interface PlaceOrderInput {
  items: CartItem[];
  form: CheckoutInput;
  /** The terminal of a parcel locker order, looked up from the network's list (the form's locker text reads it). */
  lockerPoint?: LockerPoint | null;
  lang: Lang;
  settings: Settings;
  cardPaymentsEnabled: boolean;
}

/** A staff member's own price for a line, with the reason (shown to the customer as the price they pay). */
export interface PriceOverride {
  priceCents: number;
  reason: string;
}

/**
 * What placing an order needs, whoever takes it: the public checkout (channel `web`) or a staff
 * member (`phone`, `walk_in`, with who entered it and optional price overrides per product).
 */
export interface Placement {
  items: (CartItem & { override?: PriceOverride | null })[];
  customer: { name: string; email: string; phone: string; lang: Lang };
  delivery: Pick<CheckoutInput, 'delivery' | 'address' | 'city' | 'postcode' | 'locker'> & {
    lockerPoint?: LockerPoint | null;
  };
  payment: PaymentMethod;
  invoiceRequest?: InvoiceRequest | null;
  note: string;
  channel: OrderChannel;
  enteredBy: { id: string; name: string } | null;
  settings: Settings;
  cardPaymentsEnabled: boolean;
}

/** The public checkout's order: the customer's own form, channel web. */
export function placeOrder(input: PlaceOrderInput): Promise<OrderDoc> {
  const { form } = input;
  return placeOrderFrom({
    items: input.items,
    customer: { name: form.name, email: form.email, phone: form.phone, lang: input.lang },
    delivery: { ...form, lockerPoint: input.lockerPoint ?? null },
    payment: form.payment,
    invoiceRequest: invoiceRequestOf(form),
    note: form.note,
    channel: 'web',
    enteredBy: null,
    settings: input.settings,
    cardPaymentsEnabled: input.cardPaymentsEnabled,
  });
}

/** A line's amounts: the catalogue's price, or a staff price entered the way the product's price is. */
export function pricedLine(line: CartLine, override: PriceOverride | null | undefined) {
  if (!override) return { amounts: line.amounts, priceOverride: null };
  const p = line.product;
  return {
    amounts: lineAmounts(override.priceCents, line.quantity, p.vatRateBps, p.priceIncludesVat),
    priceOverride: {
      catalogPriceCents: p.priceCents,
      priceCents: override.priceCents,
      includesVat: p.priceIncludesVat,
      reason: override.reason,
    },
  };
}

/**
 * Turns goods into an order: prices them afresh from the catalogue (or at a staff price with its
 * reason), reserves stock (all lines or none), numbers it and stores it as pending payment. Nothing
 * a browser sent is trusted but product ids, quantities and a staff member's override.
 */
export async function placeOrderFrom(input: Placement): Promise<OrderDoc> {
  const { delivery: form, settings } = input;
  if (input.items.length === 0) throw new ConflictError('orders.errors.emptyCart');
  if (input.payment === 'card' && !input.cardPaymentsEnabled)
    throw new ConflictError('orders.errors.cardUnavailable');
  const cart = await priceCart(input.items);
  if (cart.lines.length === 0) throw new ConflictError('orders.errors.emptyCart');
  const unavailable = cart.lines.find((l) => l.problem === 'unavailable');
  if (unavailable) throw new ConflictError('orders.errors.productUnavailable');
  const overrides = new Map(input.items.map((i) => [i.productId, i.override]));
  const lines = cart.lines.map((l) => ({ line: l, ...pricedLine(l, overrides.get(String(l.product._id))) }));
  const sum = (f: (a: LineAmounts) => number) => lines.reduce((s, l) => s + f(l.amounts), 0);

  const orderId = new mongoose.Types.ObjectId();
  const reserved: { productId: mongoose.Types.ObjectId; quantity: number }[] = [];
  const releaseAll = async () => {
    for (const r of reserved) await releaseStock(r.productId, r.quantity, String(orderId));
  };
  try {
    for (const line of [...cart.lines].sort((a, b) =>
      String(a.product._id).localeCompare(String(b.product._id)),
    )) {
      if (line.product.stockMode !== 'stock') continue;
      const outcome = await reserveStock(line.product._id, line.quantity, String(orderId));
      if (!outcome.ok) throw new SoldOutError(line.product.title?.lt ?? line.product.sku, outcome.available);
      reserved.push({ productId: line.product._id, quantity: line.quantity });
    }

    const delivery = deliveryQuote(settings, form.delivery);
    const now = new Date();
    const items = {
      net: sum((a) => a.netCents),
      vat: sum((a) => a.vatCents),
      gross: sum((a) => a.grossCents),
    };
    const order = await insertNumberedOrder(
      {
        _id: orderId,
        token: randomToken(),
        state: 'pending_payment',
        channel: input.channel,
        enteredBy: input.enteredBy,
        customer: input.customer,
        delivery: {
          method: form.delivery,
          address: form.delivery === 'courier' ? form.address : '',
          city: form.delivery === 'courier' ? form.city : '',
          postcode: form.delivery === 'courier' ? form.postcode : '',
          locker: form.delivery === 'parcel_locker' ? form.locker : '',
          lockerPoint: form.delivery === 'parcel_locker' ? (form.lockerPoint ?? null) : null,
          ...delivery,
        },
        payment: {
          method: input.payment,
          dueAt: input.payment === 'bank_transfer' ? transferDueAt(now, settings.transferDueDays ?? 7) : null,
        },
        lines: lines.map(({ line: l, amounts, priceOverride }, i) => ({
          lineId: `L${i + 1}`,
          productId: l.product._id,
          sku: l.product.sku,
          title: { lt: l.product.title?.lt ?? '', en: l.product.title?.en ?? '' },
          quantity: l.quantity,
          unitNetCents: amounts.unitNetCents,
          vatRateBps: l.product.vatRateBps,
          netCents: amounts.netCents,
          vatCents: amounts.vatCents,
          grossCents: amounts.grossCents,
          priceOverride,
        })),
        totals: {
          itemsNetCents: items.net,
          itemsGrossCents: items.gross,
          netCents: items.net + delivery.netCents,
          vatCents: items.vat + delivery.vatCents,
          grossCents: items.gross + delivery.grossCents,
        },
        note: input.note,
        expectedReadyOn: expectedReadyOn(
          cart.lines.map((l) => l.product),
          now,
        ),
        invoiceRequest: input.invoiceRequest ?? null,
      },
      vilniusYear(now),
    );
    await OrderEvent.create({
      orderId,
      claim: `${String(orderId)}:placed`,
      kind: 'placed',
      by: input.enteredBy?.name ?? 'customer',
    });
    return order;
  } catch (err) {
    await releaseAll();
    throw err;
  }
}
