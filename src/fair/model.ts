import mongoose, { type InferSchemaType } from 'mongoose';

export const PAYMENT_METHODS = ['cash', 'card_terminal'] as const;
export type FairPaymentMethod = (typeof PAYMENT_METHODS)[number];

const allotmentSchema = new mongoose.Schema(
  {
    productId: { type: String, required: true },
    quantity: { type: Number, required: true, min: 0 },
  },
  { _id: false },
);

/**
 * A sales event (a fair): where and when, and the goods taken to it with their quantities (the
 * stall's own allotment; empty: every good can be sold). `status` copies the closing claim
 * (`fair_closings`), which is what decides.
 */
const eventSchema = new mongoose.Schema(
  {
    name: { type: String, required: true },
    place: { type: String, default: '' },
    /** The Vilnius calendar day, `YYYY-MM-DD`. */
    date: { type: String, required: true },
    allotment: { type: [allotmentSchema], default: [] },
    status: { type: String, enum: ['open', 'closed'], default: 'open' },
    createdBy: { type: String, default: '' },
    createdAt: { type: Date, required: true, default: () => new Date() },
  },
  { collection: 'fair_events', versionKey: false },
);
eventSchema.index({ date: -1 });

const saleLineSchema = new mongoose.Schema(
  {
    lineId: { type: String, required: true },
    productId: { type: String, required: true },
    sku: { type: String, default: '' },
    title: { lt: { type: String, default: '' }, en: { type: String, default: '' } },
    quantity: { type: Number, required: true, min: 1 },
    /** The unit price charged, with VAT when `priceIncludesVat`. */
    unitPriceCents: { type: Number, required: true, min: 0 },
    priceIncludesVat: { type: Boolean, required: true },
    /** The catalogue's price, when staff charged another one (and why). */
    cataloguePriceCents: { type: Number, default: null },
    overrideReason: { type: String, default: '' },
    vatRateBps: { type: Number, required: true },
    netCents: { type: Number, required: true },
    vatCents: { type: Number, required: true },
    grossCents: { type: Number, required: true },
    /** Whether the good is kept in stock (made-to-order goods have none to take). */
    stockKept: { type: Boolean, default: true },
    /** Stock-kept goods: units the stock log did not have when the sale was applied. */
    shortfall: { type: Number, default: 0 },
  },
  { _id: false },
);

/**
 * One sale at a fair, a receipt-like record. `_id` is the id the phone made (a UUID): inserting it is
 * the once-only decision, whatever the number of retries. `contentHash` is the canonical hash of
 * what the phone sent, so a replay with other contents is told apart from a retry.
 */
const saleSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    eventId: { type: String, required: true },
    contentHash: { type: String, required: true },
    lines: { type: [saleLineSchema], required: true },
    netCents: { type: Number, required: true },
    vatCents: { type: Number, required: true },
    grossCents: { type: Number, required: true },
    payment: {
      method: { type: String, enum: PAYMENT_METHODS, required: true },
      /** What was due: the gross, rounded to 5 cents for cash. */
      dueCents: { type: Number, required: true },
      /** due − gross: negative when rounded down. */
      roundingCents: { type: Number, required: true },
      givenCents: { type: Number, default: null },
      changeCents: { type: Number, default: 0 },
    },
    /** The moment on the phone, as sent, and the one the ledger uses (on the event's day, not ahead). */
    soldAt: { type: Date, required: true },
    postedAt: { type: Date, required: true },
    receivedAt: { type: Date, required: true, default: () => new Date() },
    by: { type: String, default: '' },
    /** Arrived after the event was closed (an offline phone): kept, and shown as a difference. */
    late: { type: Boolean, default: false },
    /** Sold more than the stock log had: staff should count and correct the stock. */
    shortfall: { type: Boolean, default: false },
    /**
     * Set once the stock and the ledger entry are done (a retry completes an interrupted sale), on
     * sales completed one by one; a batch's sales are marked in `fair_sales_applied` (`isApplied`).
     */
    appliedAt: { type: Date, default: null },
    /** The sync request that stored it (one request's sales are completed together). */
    batch: { type: String, default: '' },
  },
  { collection: 'fair_sales', versionKey: false },
);
saleSchema.index({ eventId: 1, receivedAt: 1 });

/**
 * A sale completed (its stock and ledger entry done): `_id` is the sale's id. Kept apart from the
 * sale so that a sync batch marks all its sales with one insert (an update of many documents is
 * slow on FerretDB); a sale from before has `appliedAt` on itself instead.
 */
const appliedSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { collection: 'fair_sales_applied', versionKey: false },
);

/** A voided sale: `_id` is the sale's id, so a sale is voided once. */
const voidSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    eventId: { type: String, required: true },
    reason: { type: String, required: true },
    by: { type: String, default: '' },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { collection: 'fair_voids', versionKey: false },
);
voidSchema.index({ eventId: 1 });

/** A replayed sale id with other contents: refused, and kept here for staff (the first sale stays). */
const conflictSchema = new mongoose.Schema(
  {
    saleId: { type: String, required: true },
    eventId: { type: String, default: '' },
    firstHash: { type: String, required: true },
    hash: { type: String, required: true },
    payload: { type: mongoose.Schema.Types.Mixed, default: null },
    by: { type: String, default: '' },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { collection: 'fair_sale_conflicts', versionKey: false },
);
conflictSchema.index({ saleId: 1, at: 1 });

const methodFigures = {
  cashCents: { type: Number, required: true },
  cardCents: { type: Number, required: true },
};

/**
 * The closing of an event: `_id` is the event's id, so it is closed once. Keeps what the sales added
 * up to at that moment, what staff counted and typed, and the differences (typed − expected).
 */
const closingSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    expected: { ...methodFigures, registerCents: { type: Number, required: true } },
    counted: {
      cashCents: { type: Number, required: true },
      terminalCents: { type: Number, required: true },
      registerCents: { type: Number, required: true },
    },
    differences: {
      cashCents: { type: Number, required: true },
      terminalCents: { type: Number, required: true },
      registerCents: { type: Number, required: true },
    },
    salesCount: { type: Number, required: true },
    note: { type: String, default: '' },
    by: { type: String, default: '' },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { collection: 'fair_closings', versionKey: false },
);

export type FairEventDoc = InferSchemaType<typeof eventSchema> & { _id: mongoose.Types.ObjectId };
export type FairSaleDoc = InferSchemaType<typeof saleSchema>;
export type FairSaleLine = InferSchemaType<typeof saleLineSchema>;
export type FairVoidDoc = InferSchemaType<typeof voidSchema>;
export type FairClosingDoc = InferSchemaType<typeof closingSchema>;

export const FairEvent = mongoose.model('FairEvent', eventSchema);
export const FairSale = mongoose.model('FairSale', saleSchema);
export const FairVoid = mongoose.model('FairVoid', voidSchema);
export const FairSaleApplied = mongoose.model('FairSaleApplied', appliedSchema);
export const FairSaleConflict = mongoose.model('FairSaleConflict', conflictSchema);
export const FairClosing = mongoose.model('FairClosing', closingSchema);

/** Which of the sales are completed: marked on the sale itself or in `fair_sales_applied`. */
export async function appliedAmong(sales: Pick<FairSaleDoc, '_id' | 'appliedAt'>[]): Promise<Set<string>> {
  const done = new Set(sales.filter((s) => s.appliedAt).map((s) => s._id));
  const rest = sales.filter((s) => !s.appliedAt).map((s) => s._id);
  if (rest.length > 0)
    for (const m of await FairSaleApplied.find({ _id: { $in: rest } }, { _id: 1 }).lean()) done.add(m._id);
  return done;
}
