import mongoose, { type InferSchemaType } from 'mongoose';
import { localizedText } from '../db/localized.ts';

export const ORDER_STATES = [
  'pending_payment',
  'paid',
  'ready',
  'completed',
  'cancelled',
  'refunded',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];
/** `cash` and `card_terminal`: paid on the spot at the workshop, recorded by staff as the order is taken. */
export const PAYMENT_METHODS = ['card', 'bank_transfer', 'pay_at_pickup', 'cash', 'card_terminal'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** What the public checkout offers. */
export const WEB_PAYMENT_METHODS = ['card', 'bank_transfer', 'pay_at_pickup'] as const;
export const DELIVERY_METHODS = ['pickup', 'courier', 'parcel_locker'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
/**
 * Where an order came from: the public checkout (`web`), or taken by staff over the phone (`phone`)
 * or from a visitor at the workshop (`walk_in`). `fair` is the ledger's: fair sales are not orders.
 */
export const ORDER_CHANNELS = ['web', 'phone', 'walk_in', 'fair'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];
/** The channels staff can choose on the staff order page. */
export const STAFF_CHANNELS = ['phone', 'walk_in'] as const;

/** A line snapshots the product as it was ordered; amounts are cents, VAT rounded half-up per line. */
const lineSchema = new mongoose.Schema(
  {
    lineId: { type: String, required: true },
    productId: { type: mongoose.Schema.Types.ObjectId, required: true },
    sku: { type: String, required: true },
    title: localizedText,
    quantity: { type: Number, required: true, min: 1 },
    unitNetCents: { type: Number, required: true },
    vatRateBps: { type: Number, required: true },
    netCents: { type: Number, required: true },
    vatCents: { type: Number, required: true },
    grossCents: { type: Number, required: true },
    /**
     * A staff member's price for this line instead of the catalogue's, with the reason; the catalogue
     * price is kept. Prices are as the product's (with VAT when its price includes VAT).
     */
    priceOverride: {
      type: new mongoose.Schema(
        {
          catalogPriceCents: { type: Number, required: true },
          priceCents: { type: Number, required: true, min: 0 },
          includesVat: { type: Boolean, required: true },
          reason: { type: String, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { _id: false },
);

const orderSchema = new mongoose.Schema(
  {
    number: { type: String, required: true },
    year: { type: Number, required: true },
    seq: { type: Number, required: true },
    token: { type: String, required: true },
    state: { type: String, enum: ORDER_STATES, default: 'pending_payment' },
    customer: {
      name: { type: String, required: true },
      /** Empty when a staff member took the order with a phone number only. */
      email: { type: String, default: '' },
      phone: { type: String, default: '' },
      lang: { type: String, enum: ['lt', 'en'], default: 'lt' },
    },
    delivery: {
      method: { type: String, enum: DELIVERY_METHODS, required: true },
      address: { type: String, default: '' },
      city: { type: String, default: '' },
      postcode: { type: String, default: '' },
      /** How the parcel locker reads (network, name, address); for a chosen terminal, from its snapshot. */
      locker: { type: String, default: '' },
      /** The terminal chosen from a network's list at checkout, as it was then; null otherwise. */
      lockerPoint: {
        type: new mongoose.Schema(
          {
            network: { type: String, required: true },
            terminalId: { type: String, required: true },
            name: { type: String, required: true },
            address: { type: String, default: '' },
            city: { type: String, default: '' },
            postcode: { type: String, default: '' },
          },
          { _id: false },
        ),
        default: null,
      },
      netCents: { type: Number, default: 0 },
      vatCents: { type: Number, default: 0 },
      grossCents: { type: Number, default: 0 },
    },
    payment: {
      method: { type: String, enum: PAYMENT_METHODS, required: true },
      reference: { type: String, default: '' },
      dueAt: { type: Date, default: null },
      paidAt: { type: Date, default: null },
      stripePaymentIntentId: { type: String, default: null },
      /** What staff recorded as actually received (transfer, cash); null when it was the total (or by card). */
      receivedCents: { type: Number, default: null },
      /** Why a short payment was accepted as the whole. */
      differenceReason: { type: String, default: '' },
      /** Cash: what the customer handed over, the change given back, and the 5-cent rounding of the total. */
      tenderedCents: { type: Number, default: null },
      changeCents: { type: Number, default: null },
      cashRoundingCents: { type: Number, default: 0 },
    },
    /** Orders before channels existed read as web orders. */
    channel: { type: String, enum: ORDER_CHANNELS, default: 'web' },
    /** The staff member who took the order (null for the public checkout). */
    enteredBy: {
      type: new mongoose.Schema({ id: String, name: String }, { _id: false }),
      default: null,
    },
    /** The parcel's carrier and tracking number, set when a courier or locker order is marked ready. */
    shipment: {
      carrier: { type: String, default: '' },
      trackingNumber: { type: String, default: '' },
    },
    lines: { type: [lineSchema], required: true },
    totals: {
      itemsNetCents: { type: Number, required: true },
      itemsGrossCents: { type: Number, required: true },
      netCents: { type: Number, required: true },
      vatCents: { type: Number, required: true },
      grossCents: { type: Number, required: true },
    },
    note: { type: String, default: '' },
    /** The day the made-to-order goods should be ready (YYYY-MM-DD, from their lead times); '' when none. */
    expectedReadyOn: { type: String, default: '' },
    /**
     * A buyer who needs a VAT invoice gives the company's details at checkout (or staff add them to a
     * paid order); null when none was asked for. `address` is the street line; `country` ISO 3166-1 alpha-2.
     */
    invoiceRequest: {
      type: new mongoose.Schema(
        {
          companyName: { type: String, required: true },
          companyCode: { type: String, default: '' },
          vatCode: { type: String, default: '' },
          address: { type: String, default: '' },
          city: { type: String, default: '' },
          postcode: { type: String, default: '' },
          country: { type: String, default: 'LT' },
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { timestamps: true, collection: 'orders' },
);
orderSchema.index({ number: 1 }, { unique: true });
orderSchema.index({ year: 1, seq: -1 });
orderSchema.index({ token: 1 }, { unique: true });
orderSchema.index({ state: 1, createdAt: -1 });
orderSchema.index({ 'payment.method': 1, state: 1, 'payment.dueAt': 1 });
orderSchema.index({ 'customer.email': 1 });
orderSchema.index({ channel: 1, createdAt: -1 });

export type OrderLine = InferSchemaType<typeof lineSchema>;
export const Order = mongoose.model('Order', orderSchema);

/**
 * A refund of an order, one document each, `_id` = `<orderId>:<n>`. Inserting it is the claim of
 * refund number n (atomic everywhere), so refunds never write the order document: on FerretDB v1 a
 * concurrent whole-document write could otherwise lose a refund or a state change. A card refund is
 * `pending` until the provider answers, and removed if it refuses.
 */
const orderRefundSchema = new mongoose.Schema(
  {
    _id: { type: String },
    orderId: { type: mongoose.Schema.Types.ObjectId, required: true },
    n: { type: Number, required: true },
    status: { type: String, enum: ['pending', 'succeeded'], required: true },
    amountCents: { type: Number, required: true, min: 1 },
    reason: { type: String, default: '' },
    at: { type: Date, required: true },
    by: { type: String, default: '' },
    stripeRefundId: { type: String, default: null },
    parts: {
      type: [
        new mongoose.Schema({ component: String, grossCents: Number, vatCents: Number }, { _id: false }),
      ],
      default: [],
    },
  },
  { collection: 'order_refunds', versionKey: false },
);
orderRefundSchema.index({ orderId: 1, n: 1 });

export type OrderRefundDoc = InferSchemaType<typeof orderRefundSchema> & { _id: string };
export const OrderRefund = mongoose.model('OrderRefund', orderRefundSchema);

type StoredOrder = InferSchemaType<typeof orderSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date };

/** An order as read: its document plus its refunds (from `order_refunds`) and their totals. */
export type OrderDoc = StoredOrder & {
  /** Refunds that went through (pending ones are left out). */
  refunds: OrderRefundDoc[];
  refundedCents: number;
  /** Refunded plus pending: what can no longer be refunded. */
  committedRefundCents: number;
};

/** Adds the refunds to orders read from the database. */
export async function withRefunds<T extends StoredOrder>(
  orders: T[],
): Promise<(T & Pick<OrderDoc, 'refunds' | 'refundedCents' | 'committedRefundCents'>)[]> {
  if (orders.length === 0) return [];
  const all = await OrderRefund.find({ orderId: { $in: orders.map((o) => o._id) } })
    .sort({ n: 1 })
    .lean<OrderRefundDoc[]>();
  return orders.map((o) => {
    const mine = all.filter((r) => String(r.orderId) === String(o._id));
    const done = mine.filter((r) => r.status === 'succeeded');
    return {
      ...o,
      refunds: done,
      refundedCents: done.reduce((s, r) => s + r.amountCents, 0),
      committedRefundCents: mine.reduce((s, r) => s + r.amountCents, 0),
    };
  });
}

/**
 * The order's timeline, and the guard of its state machine. `claim` is unique: a state can be left
 * only once (`<orderId>:leave:<state>`) and a refund number used only once, so concurrent requests
 * cannot both change the state, even on servers whose conditional updates are not atomic (FerretDB v1).
 * Events without a guard get a random claim.
 */
const orderEventSchema = new mongoose.Schema(
  {
    orderId: { type: mongoose.Schema.Types.ObjectId, required: true },
    claim: { type: String, required: true },
    at: { type: Date, required: true, default: () => new Date() },
    kind: { type: String, required: true },
    by: { type: String, default: '' },
    note: { type: String, default: '' },
    amountCents: { type: Number, default: null },
  },
  { collection: 'order_events', versionKey: false },
);
orderEventSchema.index({ claim: 1 }, { unique: true });
orderEventSchema.index({ orderId: 1, at: 1 });

export type OrderEventDoc = InferSchemaType<typeof orderEventSchema> & { _id: mongoose.Types.ObjectId };
export const OrderEvent = mongoose.model('OrderEvent', orderEventSchema);
