import mongoose from 'mongoose';
import { releaseStock, reserveStock } from '../catalog/service.ts';
import { insertWithNextNumber } from '../db/once.ts';
import { vilniusDate, vilniusDayStart, vilniusYear } from '../lib/dates.ts';
import { ConflictError } from '../lib/errors.ts';
import { randomToken } from '../lib/ids.ts';
import type { Settings } from '../settings/service.ts';
import type { Lang } from '../web/i18n.ts';
import { priceCart, type CartItem } from './cart.ts';
import { Order, OrderEvent, type OrderDoc } from './model.ts';
import { deliveryAmounts } from './pricing.ts';
import type { CheckoutInput } from './schemas.ts';

export class SoldOutError extends ConflictError {
  constructor(title: string, available: number) {
    super('orders.errors.soldOut', { title, available });
  }
}

function deliveryFee(settings: Settings, method: CheckoutInput['delivery']): number {
  if (method === 'courier') return settings.courierFeeCents ?? 0;
  if (method === 'parcel_locker') return settings.parcelLockerFeeCents ?? 0;
  return 0;
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

export interface PlaceOrderInput {
  items: CartItem[];
  form: CheckoutInput;
  lang: Lang;
  settings: Settings;
  cardPaymentsEnabled: boolean;
}

/**
 * Turns a cart into an order: prices it afresh, reserves stock (all lines or none), numbers it and
 * stores it as pending payment. Nothing the browser sent is trusted but product ids and quantities.
 */
export async function placeOrder(input: PlaceOrderInput): Promise<OrderDoc> {
  const { form, settings } = input;
  if (input.items.length === 0) throw new ConflictError('orders.errors.emptyCart');
  if (form.payment === 'card' && !input.cardPaymentsEnabled)
    throw new ConflictError('orders.errors.cardUnavailable');
  const cart = await priceCart(input.items);
  if (cart.lines.length === 0) throw new ConflictError('orders.errors.emptyCart');
  const unavailable = cart.lines.find((l) => l.problem === 'unavailable');
  if (unavailable) throw new ConflictError('orders.errors.productUnavailable');

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

    const vatRate = settings.vatPayer ? (settings.defaultVatRateBps ?? 0) : 0;
    const delivery = deliveryAmounts(deliveryFee(settings, form.delivery), vatRate);
    const now = new Date();
    const order = await insertNumberedOrder(
      {
        _id: orderId,
        token: randomToken(),
        state: 'pending_payment',
        customer: { name: form.name, email: form.email, phone: form.phone, lang: input.lang },
        delivery: {
          method: form.delivery,
          address: form.delivery === 'courier' ? form.address : '',
          city: form.delivery === 'courier' ? form.city : '',
          postcode: form.delivery === 'courier' ? form.postcode : '',
          locker: form.delivery === 'parcel_locker' ? form.locker : '',
          ...delivery,
        },
        payment: {
          method: form.payment,
          dueAt: form.payment === 'bank_transfer' ? transferDueAt(now, settings.transferDueDays ?? 7) : null,
        },
        lines: cart.lines.map((l, i) => ({
          lineId: `L${i + 1}`,
          productId: l.product._id,
          sku: l.product.sku,
          title: { lt: l.product.title?.lt ?? '', en: l.product.title?.en ?? '' },
          quantity: l.quantity,
          unitNetCents: l.amounts.unitNetCents,
          vatRateBps: l.product.vatRateBps,
          netCents: l.amounts.netCents,
          vatCents: l.amounts.vatCents,
          grossCents: l.amounts.grossCents,
        })),
        totals: {
          itemsNetCents: cart.itemsNetCents,
          itemsGrossCents: cart.itemsGrossCents,
          netCents: cart.itemsNetCents + delivery.netCents,
          vatCents: cart.itemsVatCents + delivery.vatCents,
          grossCents: cart.itemsGrossCents + delivery.grossCents,
        },
        note: form.note,
      },
      vilniusYear(now),
    );
    await OrderEvent.create({ orderId, claim: `${String(orderId)}:placed`, kind: 'placed', by: 'customer' });
    return order;
  } catch (err) {
    await releaseAll();
    throw err;
  }
}
