import { vilniusPeriod } from '../lib/dates.ts';
import { markPreparedForPickup } from '../orders/pickup.ts';
import { placeOrder } from '../orders/placement.ts';
import type { CheckoutInput, StaffOrderInput } from '../orders/schemas.ts';
import { takeStaffOrder } from '../orders/staff-order.ts';
import {
  cancelOrder,
  markCompleted,
  markPaid,
  markReady,
  refundOrder,
  type OrderContext,
} from '../orders/transitions.ts';
import { issueInvoiceForOrder, saveInvoiceRequest } from '../orders/invoices.ts';
import type { OrderBuyerInput } from '../services/service.ts';
import { getSettings } from '../settings/service.ts';
import type { Lang } from '../web/i18n.ts';
import { findTerminal, lockerText, type LockerNetwork } from '../lockers/service.ts';
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
  /** Their account id (who entered the orders taken by phone or at the workshop). */
  staffId: string;
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

type Action = 'paid' | 'prepared' | 'ready' | 'completed' | 'cancelled' | 'refund' | 'invoice';

/** An order a staff member takes (phone or walk-in), as the staff order page sends it. */
interface StaffTaken {
  channel: 'phone' | 'walk_in';
  payment: StaffOrderInput['payment'];
  tenderedCents?: number;
  /** A staff price per SKU, with its reason. */
  prices?: Record<string, { priceCents: number; reason: string }>;
}

interface DemoOrder {
  lang: Lang;
  taken?: StaffTaken;
  form: Partial<Omit<CheckoutInput, 'payment'>> &
    Pick<CheckoutInput, 'name' | 'email' | 'phone' | 'delivery'> & { payment: StaffOrderInput['payment'] };
  items: [sku: string, quantity: number][];
  /** A parcel locker chosen from the demo's lists (src/lockers/demo.ts). */
  locker?: { network: LockerNetwork; terminalId: string };
  placedAt: Date;
  then: { at: Date; action: Action; reason?: string; amountCents?: number; components?: string[] }[];
  /** The company a VAT invoice is asked for (staff enter it on the paid order, then issue the invoice). */
  company?: OrderBuyerInput;
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
        payment: 'bank_transfer',
      },
      locker: { network: 'omniva', terminalId: '97111' },
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
      // Made to order with the buyer's size, to be paid at pickup: prepared before payment, waiting
      // for the buyer to come, pay and collect (staff record the payment then).
      lang: 'lt',
      form: {
        name: 'Rūta Petrauskienė',
        email: 'ruta.petrauskiene@example.lt',
        phone: '+370 655 12121',
        delivery: 'pickup',
        payment: 'pay_at_pickup',
        note: 'Šlepetės 38 dydžio, pėdos ilgis 25 cm.',
      },
      items: [['TEK-001', 1]],
      placedAt: c.cur(0.15),
      then: [{ at: c.cur(0.9), action: 'prepared' }],
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
      // Paid this month by a company for its staff; its VAT invoice issued; waiting to be collected.
      lang: 'lt',
      form: {
        name: 'Jurgita Balčiūnienė',
        email: 'jurgita.b@example.lt',
        phone: '+370 677 99887',
        delivery: 'pickup',
        payment: 'bank_transfer',
        invoice: true,
        companyName: 'UAB „Pajūrio apskaita“',
        companyCode: '304512378',
        vatCode: 'LT100011223344',
        invoiceAddress: 'Tiltų g. 8',
        invoiceCity: 'Klaipėda',
        invoicePostcode: 'LT-91246',
        invoiceCountry: 'LT',
        note: 'Į abi dėžutes įdėkite atviruką „Ačiū, kolege!“.',
      },
      items: [['DOV-001', 2]],
      placedAt: c.cur(0.35),
      then: [
        { at: c.cur(0.5), action: 'paid' },
        { at: c.cur(0.6), action: 'invoice' },
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
        payment: 'bank_transfer',
      },
      locker: { network: 'lp_express', terminalId: 'LP0971' },
      items: [
        ['ZVK-002', 3],
        ['MUI-001', 2],
      ],
      placedAt: c.cur(0.93),
      then: [],
    },
    {
      // Taken by phone last month: two candles and a mug for pickup, paid when collected.
      lang: 'lt',
      taken: { channel: 'phone', payment: 'pay_at_pickup' },
      form: {
        name: 'Aldona Petrauskienė',
        email: 'aldona.p@example.lt',
        phone: '+370 686 55443',
        delivery: 'pickup',
        payment: 'pay_at_pickup',
        note: 'Atsiims penktadienį po pietų.',
      },
      items: [
        ['ZVK-001', 2],
        ['KER-001', 1],
      ],
      placedAt: c.prev(13, 10, 5),
      then: [
        { at: c.prev(16, 14, 20), action: 'paid' },
        { at: c.prev(16, 14, 21), action: 'ready' },
        { at: c.prev(16, 14, 22), action: 'completed' },
      ],
    },
    {
      // A visitor at the workshop paid in cash (the total rounded to 5 cents, change given).
      lang: 'lt',
      taken: { channel: 'walk_in', payment: 'cash', tenderedCents: 5000 },
      form: {
        name: 'Vytautas Jonaitis',
        email: '',
        phone: '+370 645 00112',
        delivery: 'pickup',
        payment: 'cash',
      },
      items: [
        ['MUI-001', 3],
        ['ATV-001', 2],
      ],
      placedAt: c.cur(0.4),
      then: [
        { at: c.cur(0.4), action: 'ready' },
        { at: c.cur(0.4), action: 'completed' },
      ],
    },
    {
      // A visitor bought a slightly scratched board at a lower price, on the card terminal.
      lang: 'lt',
      taken: {
        channel: 'walk_in',
        payment: 'card_terminal',
        prices: { 'MED-001': { priceCents: 1500, reason: 'Parodomasis egzempliorius su įbrėžimu' } },
      },
      form: {
        name: 'Laima Stankevičienė',
        email: 'laima.s@example.lt',
        phone: '',
        delivery: 'pickup',
        payment: 'card_terminal',
      },
      items: [['MED-001', 1]],
      placedAt: c.cur(0.6),
      then: [
        { at: c.cur(0.6), action: 'ready' },
        { at: c.cur(0.6), action: 'completed' },
      ],
    },
    {
      // Taken by phone from someone without e-mail; the bank details were read out to them.
      lang: 'lt',
      taken: { channel: 'phone', payment: 'bank_transfer' },
      form: {
        name: 'Petras Žukauskas',
        email: '',
        phone: '+370 615 77889',
        delivery: 'courier',
        address: 'Mokyklos g. 3',
        city: 'Salantai',
        postcode: 'LT-97343',
        payment: 'bank_transfer',
      },
      items: [['DOV-001', 1]],
      placedAt: c.cur(0.9),
      then: [],
    },
  ];
}

/** An order taken by the demo's marketing specialist, through the staff order page's own operation. */
async function takeDemoOrder(deps: OrderStoryDeps, story: DemoOrder & { taken: StaffTaken }) {
  const form = { ...EMPTY_FORM, ...story.form };
  const taken = await takeStaffOrder({
    lines: story.items.map(([sku, quantity]) => {
      const price = story.taken.prices?.[sku];
      return {
        product: deps.products.get(sku)!,
        qty: quantity,
        reason: price?.reason ?? '',
        ...(price ? { price: price.priceCents } : {}),
      };
    }),
    form: {
      ...form,
      channel: story.taken.channel,
      payment: story.taken.payment,
      lang: story.lang,
      ...(story.taken.tenderedCents ? { tendered: story.taken.tenderedCents } : {}),
    },
    staff: { id: deps.staffId, name: deps.staff },
    settings: await getSettings(),
    context: deps.context(deps.staff),
    cardLink: null,
    logger: console,
  });
  return taken.order;
}

/** The checkout offers no payment on the spot: such stories are taken by staff. */
function webPayment(method: StaffOrderInput['payment']): CheckoutInput['payment'] {
  if (method === 'cash' || method === 'card_terminal') throw new Error(`${method} is taken by staff`);
  return method;
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
 * ready, one waiting for its transfer, one cancelled and one partly refunded; and orders taken by
 * staff: by phone (paid at pickup; by transfer with no e-mail) and at the workshop (cash with
 * change, the card terminal at a lower price with its reason). Card orders are left out: they need
 * Stripe.
 */
export function orderStories(deps: OrderStoryDeps): OrderStories {
  const result: OrderStories = { steps: [], sales: [], count: 0 };
  for (const story of stories(deps.calendar)) {
    let orderId = '';
    result.count += 1;
    result.steps.push({
      at: story.placedAt,
      run: async () => {
        if (story.taken) {
          const order = await takeDemoOrder(deps, { ...story, taken: story.taken });
          orderId = String(order._id);
          if (order.payment?.paidAt) {
            const period = vilniusPeriod(order.payment.paidAt);
            for (const line of order.lines) result.sales.push({ period, productId: String(line.productId) });
          }
          return;
        }
        const items = story.items.map(([sku, quantity]) => {
          const id = deps.products.get(sku);
          if (!id) throw new Error(`Demo product ${sku} is missing.`);
          return { productId: id, quantity };
        });
        const form = { ...EMPTY_FORM, ...story.form, payment: webPayment(story.form.payment) };
        const lockerPoint = story.locker
          ? await findTerminal(story.locker.network, story.locker.terminalId)
          : null;
        if (story.locker && !lockerPoint)
          throw new Error(`Demo locker ${story.locker.terminalId} is missing.`);
        if (lockerPoint) form.locker = lockerText(story.lang, lockerPoint);
        const order = await placeOrder({
          items,
          form,
          lockerPoint,
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
          } else if (step.action === 'prepared') await markPreparedForPickup(orderId, ctx);
          else if (step.action === 'ready') await markReady(orderId, ctx);
          else if (step.action === 'completed') await markCompleted(orderId, ctx);
          else if (step.action === 'cancelled') await cancelOrder(orderId, ctx, step.reason);
          else if (step.action === 'invoice') {
            // The buyer asked at checkout; staff enter the company only when they did not.
            if (story.company) await saveInvoiceRequest(orderId, story.company, deps.staff);
            await issueInvoiceForOrder(orderId, deps.staff);
          } else await refundOrder(orderId, step.amountCents!, step.reason ?? '', ctx, step.components);
        },
      });
    }
  }
  return result;
}
