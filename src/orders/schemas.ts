import { z } from 'zod';
import { checkbox, objectId, optionalText, requiredText, wholeNumber } from '../web/form-fields.ts';
import {
  DELIVERY_METHODS,
  ORDER_CHANNELS,
  ORDER_STATES,
  PAYMENT_METHODS,
  STAFF_CHANNELS,
  WEB_PAYMENT_METHODS,
} from './model.ts';
import { ORDER_QUEUES } from './queues.ts';
import { isLockerNetwork, LOCKER_NETWORKS, type LockerNetwork } from '../lockers/service.ts';
import { isLithuanianCompanyCode, normalizeVatCode, vatCodeProblem, vatPrefixOf } from '../lib/vat-codes.ts';

export { DELIVERY_METHODS, ORDER_CHANNELS, ORDER_STATES, PAYMENT_METHODS, STAFF_CHANNELS };
import { moneyCents } from '../web/form-fields.ts';

export const MAX_QUANTITY = 99;

export const cartAddForm = z.object({
  productId: objectId,
  quantity: z.preprocess((v) => (v === undefined || v === '' ? '1' : v), wholeNumber(1, MAX_QUANTITY)),
});

/** 0 removes the line. */
export const cartUpdateForm = z.object({
  productId: objectId,
  quantity: wholeNumber(0, MAX_QUANTITY),
});

/** The EU member states a VAT invoice's company can be in (ISO 3166-1 alpha-2). */
export const EU_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
] as const;

const LOCKER_VALUE = new RegExp(`^(${LOCKER_NETWORKS.join('|')}):([A-Za-z0-9._-]{1,40})$`);

/** A chosen terminal, `network:terminalId` as the checkout's select sends it, or null. */
export function lockerChoice(value: string): { network: LockerNetwork; terminalId: string } | null {
  const m = LOCKER_VALUE.exec(value);
  return m ? { network: m[1] as LockerNetwork, terminalId: m[2]! } : null;
}

export const checkoutForm = z
  .object({
    name: requiredText(120),
    email: requiredText(200)
      .pipe(z.email('errors.email'))
      .transform((v) => v.toLowerCase()),
    phone: requiredText(30).pipe(z.string().regex(/^[+\d\s()-]{6,30}$/, 'errors.phone')),
    delivery: z.enum(DELIVERY_METHODS),
    address: optionalText(200),
    city: optionalText(80),
    postcode: optionalText(10).pipe(z.string().regex(/^((LT-?)?\d{5})?$/i, 'errors.postcode')),
    lockerNetwork: optionalText(20),
    /** The terminal chosen from the networks' lists: `network:terminalId`. */
    locker: optionalText(80),
    payment: z.enum(WEB_PAYMENT_METHODS),
    invoice: checkbox,
    companyName: optionalText(200),
    companyCode: optionalText(20),
    vatCode: optionalText(24).transform(normalizeVatCode),
    invoiceAddress: optionalText(200),
    invoiceCity: optionalText(80),
    invoicePostcode: optionalText(12),
    invoiceCountry: z.preprocess((v) => (v === undefined || v === '' ? 'LT' : v), z.enum(EU_COUNTRIES)),
    note: optionalText(500),
    terms: checkbox.refine((v) => v, 'errors.termsRequired'),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.delivery === 'courier') {
      for (const field of ['address', 'city', 'postcode'] as const) {
        if (!v[field]) issue(field, 'errors.required');
      }
    }
    if (v.delivery === 'parcel_locker') {
      const choice = lockerChoice(v.locker);
      if (!isLockerNetwork(v.lockerNetwork)) issue('lockerNetwork', 'checkout.errors.lockerNetwork');
      if (!v.locker) issue('locker', 'checkout.errors.locker');
      else if (!choice) issue('locker', 'errors.invalidChoice');
      else if (isLockerNetwork(v.lockerNetwork) && choice.network !== v.lockerNetwork)
        issue('locker', 'checkout.errors.lockerOtherNetwork');
    }
    if (v.payment === 'pay_at_pickup' && v.delivery !== 'pickup') {
      issue('payment', 'orders.errors.payAtPickupOnly');
    }
    if (v.invoice) {
      if (!v.companyName) issue('companyName', 'errors.required');
      if (!v.companyCode) issue('companyCode', 'errors.required');
      else if (v.invoiceCountry === 'LT' && !isLithuanianCompanyCode(v.companyCode))
        issue('companyCode', 'checkout.errors.companyCode');
      if (v.vatCode) {
        const problem = vatCodeProblem(v.vatCode);
        if (problem === 'prefix') issue('vatCode', 'checkout.errors.vatPrefix');
        else if (problem === 'format') issue('vatCode', 'checkout.errors.vatFormat');
        else if (v.vatCode.slice(0, 2) !== vatPrefixOf(v.invoiceCountry))
          issue('vatCode', 'checkout.errors.vatCountry');
      }
      if (v.invoiceCountry === 'LT' && !/^((LT-?)?\d{5})?$/i.test(v.invoicePostcode))
        issue('invoicePostcode', 'errors.postcode');
    }
  });
type CheckoutOutput = z.output<typeof checkoutForm>;
type CheckoutExtras =
  | 'lockerNetwork'
  | 'invoice'
  | 'companyName'
  | 'companyCode'
  | 'vatCode'
  | 'invoiceAddress'
  | 'invoiceCity'
  | 'invoicePostcode'
  | 'invoiceCountry';
/** The checkout form as the service takes it (the locker network and invoice request may be absent). */
export type CheckoutInput = Omit<CheckoutOutput, CheckoutExtras> &
  Partial<Pick<CheckoutOutput, CheckoutExtras>>;

export const findOrderForm = z.object({
  number: requiredText(20).pipe(z.string().regex(/^\d{4}-\d{5,}$/, 'orders.errors.numberFormat')),
  email: requiredText(200).pipe(z.email('errors.email')),
});

export const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/) });
export const orderIdParam = z.object({ id: objectId });

/** Which parts of the order were returned: line ids (`L1`…) and/or `delivery`; none = the whole order. */
const refundComponents = z
  .union([z.string(), z.array(z.string()).max(60)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().regex(/^(L\d{1,3}|delivery)$/, 'errors.invalidChoice')));

export const refundForm = z.object({
  amount: moneyCents({ min: 1, max: 10_000_000 }),
  reason: optionalText(300),
  components: refundComponents,
});

export const cancelForm = z.object({ reason: optionalText(300) });

/**
 * The day a transfer or cash payment came in (empty = today) and the amount actually received
 * (absent = the total). A short amount needs the tick "accept the difference" and a reason.
 */
export const markPaidForm = z.object({
  paidOn: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date')
      .optional(),
  ),
  received: moneyCents({ min: 1, max: 10_000_000 }).optional(),
  acceptDifference: checkbox,
  differenceReason: optionalText(300),
});

/** The carriers a parcel can go with; `other` for anyone else. */
export const CARRIERS = ['dpd', 'omniva', 'lp_express', 'venipak', 'other'] as const;
export type Carrier = (typeof CARRIERS)[number];

/** Marking ready: a courier or locker parcel may name its carrier and tracking number (both or neither). */
export const readyForm = z
  .object({
    carrier: z.preprocess((v) => (v === '' ? undefined : v), z.enum(CARRIERS).optional()),
    trackingNumber: optionalText(40).pipe(
      z.string().regex(/^([A-Za-z0-9-]{3,40})?$/, 'ordersAdmin.errors.trackingNumber'),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.carrier && !v.trackingNumber)
      ctx.addIssue({
        code: 'custom',
        path: ['trackingNumber'],
        message: 'ordersAdmin.errors.trackingRequired',
      });
    if (!v.carrier && v.trackingNumber)
      ctx.addIssue({ code: 'custom', path: ['carrier'], message: 'ordersAdmin.errors.carrierRequired' });
  });

export const MAX_BULK = 50;

/** A selection on the orders list: one to MAX_BULK order ids. */
export const orderSelection = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(
    z
      .array(z.string().regex(/^[a-f0-9]{24}$/, 'ordersAdmin.errors.selectionInvalid'))
      .min(1, 'ordersAdmin.errors.selectionEmpty')
      .max(MAX_BULK, 'ordersAdmin.errors.selectionTooMany'),
  )
  .transform((ids) => [...new Set(ids)]);

export const bulkForm = z.object({
  action: z.enum(['ready', 'slips'], 'ordersAdmin.errors.bulkAction'),
  ids: orderSelection,
});

/** The slips of a selection, named in the address (`?ids=a&ids=b`). */
export const slipsQuery = z.object({ ids: orderSelection });

const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

export const staffOrderQuery = z.object({
  q: z.string().trim().max(100).catch(''),
  state: z.enum(ORDER_STATES).optional().catch(undefined),
  payment: z.enum(PAYMENT_METHODS).optional().catch(undefined),
  channel: z.enum(ORDER_CHANNELS).optional().catch(undefined),
  from: dateText,
  to: dateText,
  queue: z.enum(ORDER_QUEUES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type StaffOrderQuery = z.output<typeof staffOrderQuery>;

/** The staff order page's details: customer (e-mail or phone, at least one), delivery, payment, channel. */
export const staffOrderForm = z
  .object({
    channel: z.enum(STAFF_CHANNELS),
    name: requiredText(120),
    email: optionalText(200)
      .pipe(z.union([z.literal(''), z.email('errors.email')]))
      .transform((v) => v.toLowerCase()),
    phone: optionalText(30).pipe(z.string().regex(/^([+\d\s()-]{6,30})?$/, 'errors.phone')),
    lang: z.enum(['lt', 'en']),
    delivery: z.enum(DELIVERY_METHODS),
    address: optionalText(200),
    city: optionalText(80),
    postcode: optionalText(10).pipe(z.string().regex(/^((LT-?)?\d{5})?$/i, 'errors.postcode')),
    locker: optionalText(120),
    payment: z.enum(PAYMENT_METHODS),
    /** Cash: what the customer hands over (empty = exactly the rounded total). */
    tendered: z.preprocess(
      (v) => (v === '' ? undefined : v),
      moneyCents({ min: 1, max: 10_000_000 }).optional(),
    ),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (!v.email && !v.phone)
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'staffOrder.errors.contactRequired' });
    if (v.delivery === 'courier') {
      for (const field of ['address', 'city', 'postcode'] as const) {
        if (!v[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'errors.required' });
      }
    }
    if (v.delivery === 'parcel_locker' && !v.locker) {
      ctx.addIssue({ code: 'custom', path: ['locker'], message: 'errors.required' });
    }
    if (v.payment === 'pay_at_pickup' && v.delivery !== 'pickup') {
      ctx.addIssue({ code: 'custom', path: ['payment'], message: 'orders.errors.payAtPickupOnly' });
    }
  });
export type StaffOrderInput = z.output<typeof staffOrderForm>;

/** One chosen line of the staff order page: a good, its quantity, and optionally a price with a reason. */
export const staffOrderLine = z
  .object({
    product: objectId,
    qty: wholeNumber(1, MAX_QUANTITY),
    price: z.preprocess(
      (v) => (v === '' ? undefined : v),
      moneyCents({ min: 0, max: 10_000_000 }).optional(),
    ),
    reason: optionalText(200),
  })
  .superRefine((v, ctx) => {
    if (v.price !== undefined && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'staffOrder.errors.reasonRequired' });
  });
export type StaffOrderLine = z.output<typeof staffOrderLine>;

/** The lines as posted: parallel repeated fields `product`, `qty`, `price`, `reason` (at most 30). */
/**
 * The shape of a staff order page post: text fields, and the goods' repeated fields (one value per
 * line). Anything else (objects, unknown fields, too many lines) is not a post of this page.
 */
const text = z.string().max(2000);
const repeated = z.union([text, z.array(text).max(30)]);
export const staffOrderBody = z.strictObject({
  _csrf: text.optional(),
  formKey: text.optional(),
  // Every button of the page sends `do` (Enter in a field sends the first one, the search).
  do: text,
  q: text.optional(),
  total: text.optional(),
  channel: text.optional(),
  name: text.optional(),
  email: text.optional(),
  phone: text.optional(),
  lang: text.optional(),
  delivery: text.optional(),
  address: text.optional(),
  city: text.optional(),
  postcode: text.optional(),
  locker: text.optional(),
  payment: text.optional(),
  tendered: text.optional(),
  note: text.optional(),
  product: repeated.optional(),
  qty: repeated.optional(),
  price: repeated.optional(),
  reason: repeated.optional(),
});

export function postedLines(body: Record<string, unknown>): Record<string, string>[] {
  const list = (v: unknown) =>
    (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : ''));
  const products = list(body.product).slice(0, 30);
  const qty = list(body.qty);
  const price = list(body.price);
  const reason = list(body.reason);
  return products.map((product, i) => ({
    product,
    qty: qty[i] ?? '',
    price: price[i] ?? '',
    reason: reason[i] ?? '',
  }));
}
