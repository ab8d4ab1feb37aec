import { vilniusPeriod } from '../lib/dates.ts';
import { placeOrder } from '../orders/placement.ts';
import type { CheckoutInput } from '../orders/schemas.ts';
import {
  cancelOrder,
  markCompleted,
  markPaid,
  markReady,
  refundOrder,
  type OrderContext,
} from '../orders/transitions.ts';
import { getSettings } from '../settings/service.ts';
import type { Lang } from '../web/i18n.ts';
import type { Calendar, Step } from './clock.ts';

/** What the demo's order stories need from the seed. */
export interface OrderStoryDeps {
  calendar: Calendar;
  /** Product id by SKU. */
  products: Map<string, string>;
  /** The order context of a staff member (or 'customer'), with the seed's notifier. */
  context: (by: string) => OrderContext;
  /** The staff member who handles orders in the demo. */
  staff: string;
}

/** A product sold in the demo, for the contributions of the month it was paid in. */
export interface Sale {
  period: string;
  productId: string;
}

export interface OrderStories {
  steps: Step[];
  /** Goods paid for, by Vilnius month (filled in while the steps run). */
  sales: Sale[];
  count: number;
}

type Action = 'paid' | 'ready' | 'completed' | 'cancelled' | 'refund';

interface DemoOrder {
  lang: Lang;
  form: Partial<CheckoutInput> & Pick<CheckoutInput, 'name' | 'email' | 'phone' | 'delivery' | 'payment'>;
  items: [sku: string, quantity: number][];
  placedAt: Date;
  then: { at: Date; action: Action; reason?: string; amountCents?: number; components?: string[] }[];
}

function stories(c: Calendar): DemoOrder[] {
  return [
    {
      // Paid by transfer last month, sent by courier and delivered.
      lang: 'lt',
      form: {
        name: 'Ona Kairienė',
        email: 'ona.kairiene@example.lt',
        phone: '+370 612 34567',
        delivery: 'courier',
        address: 'Tiltų g. 8-3',
        city: 'Kretinga',
        postcode: 'LT-97120',
        payment: 'bank_transfer',
        note: 'Puodelius prašau gerai supakuoti – dovana mamai.',
      },
      items: [
        ['KER-001', 2],
        ['ZVK-001', 1],
      ],
      placedAt: c.prev(3, 19, 40),
      then: [
        { at: c.prev(5, 10, 15), action: 'paid' },
        { at: c.prev(6, 11, 0), action: 'ready' },
        { at: c.prev(7, 15, 30), action: 'completed' },
      ],
    },
    {
      // An English order to a parcel locker; one pair of socks came back, so part was refunded.
      lang: 'en',
      form: {
        name: 'Emily Clarke',
        email: 'emily.clarke@example.com',
        phone: '+44 7700 900123',
        delivery: 'parcel_locker',
        locker: 'Omniva, Kretinga, Vilniaus g. 20 (Maxima)',
        payment: 'bank_transfer',
      },
      items: [
        ['TEK-002', 2],
        ['MUI-002', 1],
      ],
      placedAt: c.prev(9, 21, 5),
      then: [
        { at: c.prev(10, 9, 30), action: 'paid' },
        { at: c.prev(10, 14, 0), action: 'ready' },
        { at: c.prev(12, 10, 0), action: 'completed' },
        {
          at: c.prev(16, 11, 20),
          action: 'refund',
          amountCents: 1600,
          components: ['L1'],
          reason: 'Viena pora kojinių grąžinta – netiko dydis.',
        },
      ],
    },
    {
      // Collected at the workshop and paid there.
      lang: 'lt',
      form: {
        name: 'Gintarė Mockutė',
        email: 'gintare.mockute@example.lt',
        phone: '+370 698 76543',
        delivery: 'pickup',
        payment: 'pay_at_pickup',
      },
      items: [
        ['MED-001', 1],
        ['ATV-001', 2],
      ],
      placedAt: c.prev(17, 12, 10),
      then: [
        { at: c.prev(18, 16, 45), action: 'paid' },
        { at: c.prev(18, 16, 46), action: 'ready' },
        { at: c.prev(18, 16, 47), action: 'completed' },
      ],
    },
    {
      // Made to order: paid last month, felted and sent this month.
      lang: 'lt',
      form: {
        name: 'Rokas Vaitkus',
        email: 'rokas.vaitkus@example.lt',
        phone: '+370 655 11223',
        delivery: 'courier',
        address: 'Herkaus Manto g. 41-12',
        city: 'Klaipėda',
        postcode: 'LT-92236',
        payment: 'bank_transfer',
        note: 'Šlepetės 43 dydžio, pėdos ilgis 27 cm.',
      },
      items: [
        ['TEK-001', 1],
        ['TEK-003', 1],
      ],
      placedAt: c.prev(22, 8, 50),
      then: [
        { at: c.prev(23, 10, 0), action: 'paid' },
        { at: c.cur(0.25), action: 'ready' },
        { at: c.cur(0.3), action: 'completed' },
      ],
    },
    {
      // Cancelled at the customer's request before paying.
      lang: 'lt',
      form: {
        name: 'Darius Kazlauskas',
        email: 'darius.kazlauskas@example.lt',
        phone: '+370 600 44556',
        delivery: 'courier',
        address: 'Palangos g. 5',
        city: 'Darbėnai',
        postcode: 'LT-97332',
        payment: 'bank_transfer',
      },
      items: [['KER-002', 1]],
      placedAt: c.cur(0.1),
      then: [{ at: c.cur(0.2), action: 'cancelled', reason: 'Pirkėjas paskambino ir paprašė atšaukti.' }],
    },
    {
      // Paid this month; waiting to be collected.
      lang: 'lt',
      form: {
        name: 'Jurgita Balčiūnienė',
        email: 'jurgita.b@example.lt',
        phone: '+370 677 99887',
        delivery: 'pickup',
        payment: 'bank_transfer',
        note: 'Į abi dėžutes įdėkite atviruką „Ačiū, kolege!“.',
      },
      items: [['DOV-001', 2]],
      placedAt: c.cur(0.35),
      then: [
        { at: c.cur(0.5), action: 'paid' },
        { at: c.cur(0.75), action: 'ready' },
      ],
    },
    {
      // Placed a few days ago; the transfer has not arrived yet.
      lang: 'lt',
      form: {
        name: 'Simona Urbonaitė',
        email: 'simona.urbonaite@example.lt',
        phone: '+370 611 22334',
        delivery: 'parcel_locker',
        locker: 'LP Express, Kretinga, Savanorių g. 2 (Iki)',
        payment: 'bank_transfer',
      },
      items: [
        ['ZVK-002', 3],
        ['MUI-001', 2],
      ],
      placedAt: c.cur(0.93),
      then: [],
    },
  ];
}

const EMPTY_FORM: CheckoutInput = {
  name: '',
  email: '',
  phone: '',
  delivery: 'pickup',
  address: '',
  city: '',
  postcode: '',
  locker: '',
  payment: 'bank_transfer',
  note: '',
  terms: true,
};

/**
 * About a month of shop orders, each through the checkout's placement and the staff's transitions:
 * transfers marked paid (several last month, so that month has income), one paid at pickup, one
 * ready, one waiting for its transfer, one cancelled and one partly refunded. Card orders are left
 * out: they need Stripe.
 */
export function orderStories(deps: OrderStoryDeps): OrderStories {
  const result: OrderStories = { steps: [], sales: [], count: 0 };
  for (const story of stories(deps.calendar)) {
    let orderId = '';
    result.count += 1;
    result.steps.push({
      at: story.placedAt,
      run: async () => {
        const items = story.items.map(([sku, quantity]) => {
          const id = deps.products.get(sku);
          if (!id) throw new Error(`Demo product ${sku} is missing.`);
          return { productId: id, quantity };
        });
        const order = await placeOrder({
          items,
          form: { ...EMPTY_FORM, ...story.form },
          lang: story.lang,
          settings: await getSettings(),
          cardPaymentsEnabled: false,
        });
        orderId = String(order._id);
        await deps.context('customer').notify('received', order);
      },
    });
    for (const step of story.then) {
      result.steps.push({
        at: step.at,
        run: async () => {
          const ctx = deps.context(deps.staff);
          if (step.action === 'paid') {
            const paid = await markPaid(orderId, ctx, { via: 'staff' });
            const period = vilniusPeriod(paid.payment!.paidAt!);
            for (const line of paid.lines) result.sales.push({ period, productId: String(line.productId) });
          } else if (step.action === 'ready') await markReady(orderId, ctx);
          else if (step.action === 'completed') await markCompleted(orderId, ctx);
          else if (step.action === 'cancelled') await cancelOrder(orderId, ctx, step.reason);
          else await refundOrder(orderId, step.amountCents!, step.reason ?? '', ctx, step.components);
        },
      });
    }
  }
  return result;
}
