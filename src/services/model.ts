import mongoose, { type InferSchemaType } from 'mongoose';
import { localizedText } from '../db/localized.ts';

export const REQUEST_STATES = [
  'submitted',
  'in_review',
  'quoted',
  'accepted',
  'declined',
  'expired',
  'in_progress',
  'completed',
  'invoiced',
  'paid',
  'cancelled',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** States in which the request is a job (accepted work), as the contributions grid lists them. */
export const JOB_STATES: RequestState[] = ['accepted', 'in_progress', 'completed', 'invoiced', 'paid'];

const attachmentRefSchema = new mongoose.Schema(
  {
    /** Random name of the stored file (see attachments.ts); never the uploaded name. */
    key: { type: String, required: true },
    name: { type: String, required: true },
    mime: { type: String, required: true },
    size: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * A business's service request, later the job. `reference` (P-2026-00012) is unique and taken by
 * insert-and-retry; `token` is the private tracking link. State changes are guarded by claims in
 * `service_events` (see transitions.ts), never by a conditional update.
 */
const serviceRequestSchema = new mongoose.Schema(
  {
    reference: { type: String, required: true },
    year: { type: Number, required: true },
    seq: { type: Number, required: true },
    token: { type: String, required: true },
    state: { type: String, enum: REQUEST_STATES, default: 'submitted' },
    company: {
      name: { type: String, required: true },
      code: { type: String, required: true },
      vatCode: { type: String, default: '' },
      /** The street line; city, postcode and country (ISO 3166-1 alpha-2) beside it. */
      address: { type: String, default: '' },
      city: { type: String, default: '' },
      postcode: { type: String, default: '' },
      country: { type: String, default: 'LT' },
    },
    contact: {
      name: { type: String, required: true },
      email: { type: String, required: true },
      phone: { type: String, default: '' },
      lang: { type: String, enum: ['lt', 'en'], default: 'lt' },
    },
    serviceId: { type: mongoose.Schema.Types.ObjectId, default: null },
    serviceTitle: localizedText,
    description: { type: String, default: '' },
    quantity: { type: Number, required: true, min: 1 },
    desiredOn: { type: String, default: null },
    attachments: { type: [attachmentRefSchema], default: [] },
    assigneeId: { type: mongoose.Schema.Types.ObjectId, default: null },
    assigneeName: { type: String, default: '' },
    /** The version of the quote the current quoted/declined/expired round is about (0 before any). */
    quoteVersion: { type: Number, default: 0 },
    scheduledOn: { type: String, default: null },
    startedAt: { type: Date, default: null },
    completedAt: { type: Date, default: null },
    paidAt: { type: Date, default: null },
    cancelReason: { type: String, default: '' },
  },
  { timestamps: true, collection: 'service_requests' },
);
serviceRequestSchema.index({ reference: 1 }, { unique: true });
serviceRequestSchema.index({ year: 1, seq: -1 });
serviceRequestSchema.index({ token: 1 }, { unique: true });
serviceRequestSchema.index({ state: 1, createdAt: -1 });
serviceRequestSchema.index({ assigneeId: 1, state: 1 });

export type ServiceRequestDoc = InferSchemaType<typeof serviceRequestSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const ServiceRequest = mongoose.model('ServiceRequest', serviceRequestSchema);

/**
 * The request's timeline and the guard of its state machine: `claim` is unique, so a state (of one
 * quote round) is left only once even when two clicks or an accept and a cancel arrive together.
 * `customer` marks the items the business sees on its tracking page.
 */
const serviceEventSchema = new mongoose.Schema(
  {
    requestId: { type: mongoose.Schema.Types.ObjectId, required: true },
    claim: { type: String, required: true },
    at: { type: Date, required: true, default: () => new Date() },
    kind: { type: String, required: true },
    from: { type: String, default: '' },
    to: { type: String, default: '' },
    by: { type: String, default: '' },
    note: { type: String, default: '' },
    customer: { type: Boolean, default: false },
    /** A state change: the fields written with the new state, so a lost write can be applied again. */
    set: { type: mongoose.Schema.Types.Mixed, default: null },
  },
  { collection: 'service_events', versionKey: false },
);
serviceEventSchema.index({ claim: 1 }, { unique: true });
serviceEventSchema.index({ requestId: 1, at: 1 });
serviceEventSchema.index({ requestId: 1, kind: 1, at: -1 });

export type ServiceEventDoc = InferSchemaType<typeof serviceEventSchema> & { _id: mongoose.Types.ObjectId };
export const ServiceEvent = mongoose.model('ServiceEvent', serviceEventSchema);

/** A priced line of a quote or an invoice: cents, VAT in basis points rounded half-up on the line. */
const docLineSchema = new mongoose.Schema(
  {
    lineId: { type: String, required: true },
    description: { type: String, required: true },
    quantity: { type: Number, required: true },
    /** Unit of measure, a UN/ECE Recommendation 20 code (H87 piece, HUR hour, DAY, KGM, MTR, SET…). */
    unit: { type: String, default: 'H87' },
    unitNetCents: { type: Number, required: true },
    /** A line discount in cents off the line's net amount (quantity × unit price); 0 when none. */
    discountCents: { type: Number, default: 0 },
    vatRateBps: { type: Number, required: true },
    netCents: { type: Number, required: true },
    vatCents: { type: Number, required: true },
    grossCents: { type: Number, required: true },
  },
  { _id: false },
);

const breakdownSchema = new mongoose.Schema(
  { vatRateBps: Number, netCents: Number, vatCents: Number },
  { _id: false },
);

const totalsSchema = {
  netCents: { type: Number, required: true },
  vatCents: { type: Number, required: true },
  grossCents: { type: Number, required: true },
};

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** A quote version, `_id` = `<requestId>:v<n>`: inserting it claims version n. */
const quoteSchema = new mongoose.Schema(
  {
    _id: { type: String },
    requestId: { type: mongoose.Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    status: { type: String, enum: QUOTE_STATUSES, default: 'draft' },
    lines: { type: [docLineSchema], default: [] },
    vatBreakdown: { type: [breakdownSchema], default: [] },
    totals: totalsSchema,
    validUntil: { type: String, required: true },
    leadTimeDays: { type: Number, default: 0 },
    terms: { type: String, default: '' },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    acceptedBy: { type: String, default: '' },
    acceptedAt: { type: Date, default: null },
    acceptedIp: { type: String, default: '' },
    declinedAt: { type: Date, default: null },
    declineReason: { type: String, default: '' },
  },
  { collection: 'service_quotes', versionKey: false },
);
quoteSchema.index({ requestId: 1, version: -1 });
quoteSchema.index({ status: 1, validUntil: 1 });

export type QuoteDoc = InferSchemaType<typeof quoteSchema> & { _id: string };
export type DocLine = InferSchemaType<typeof docLineSchema>;
export const Quote = mongoose.model('ServiceQuote', quoteSchema);

const partySchema = {
  name: { type: String, default: '' },
  companyCode: { type: String, default: '' },
  vatCode: { type: String, default: '' },
  /** The street line; city, postcode and country (ISO 3166-1 alpha-2) beside it. */
  address: { type: String, default: '' },
  city: { type: String, default: '' },
  postcode: { type: String, default: '' },
  country: { type: String, default: 'LT' },
  email: { type: String, default: '' },
  phone: { type: String, default: '' },
  iban: { type: String, default: '' },
  bankName: { type: String, default: '' },
  contactPerson: { type: String, default: '' },
};

/**
 * An issued invoice or credit note. Never updated after it is issued except for the payment record
 * of a credit note's refund. (series, number) is unique: the number is taken by insert-and-retry
 * (last + 1), so concurrent issuing leaves neither gaps nor duplicates. `issueKey` is unique too:
 * one invoice per request, one credit note per correction.
 */
const invoiceSchema = new mongoose.Schema(
  {
    kind: { type: String, enum: ['invoice', 'credit_note'], required: true },
    series: { type: String, required: true },
    number: { type: Number, required: true },
    issueKey: { type: String, required: true },
    /** What the document is for: a service request, or a shop order whose buyer asked for a VAT invoice. */
    source: { type: String, enum: ['service', 'order'], default: 'service' },
    requestId: { type: mongoose.Schema.Types.ObjectId, default: null },
    orderId: { type: mongoose.Schema.Types.ObjectId, default: null },
    reference: { type: String, required: true },
    correctsInvoiceId: { type: mongoose.Schema.Types.ObjectId, default: null },
    correctsLabel: { type: String, default: '' },
    reason: { type: String, default: '' },
    lang: { type: String, enum: ['lt', 'en'], default: 'lt' },
    issuedOn: { type: String, required: true },
    dueOn: { type: String, required: true },
    issuedAt: { type: Date, required: true },
    /** Date of supply (YYYY-MM-DD) when it differs from the issue date; '' when the same. */
    supplyDate: { type: String, default: '' },
    /** The staff member who issued the document, by name. */
    issuedBy: { type: String, default: '' },
    /** The legal basis printed when no VAT is charged ('' when VAT is charged). */
    vatExemptionReason: { type: String, default: '' },
    sellerVatPayer: { type: Boolean, default: false },
    seller: partySchema,
    buyer: partySchema,
    lines: { type: [docLineSchema], required: true },
    vatBreakdown: { type: [breakdownSchema], default: [] },
    totals: totalsSchema,
  },
  { collection: 'service_invoices', versionKey: false },
);
invoiceSchema.index({ series: 1, number: 1 }, { unique: true });
invoiceSchema.index({ issueKey: 1 }, { unique: true });
invoiceSchema.index({ requestId: 1, issuedAt: 1 });

export type InvoiceDoc = InferSchemaType<typeof invoiceSchema> & { _id: mongoose.Types.ObjectId };
export const Invoice = mongoose.model('ServiceInvoice', invoiceSchema);

/**
 * How an invoice was paid or a credit note refunded, one record each (`_id` = the invoice id): the
 * insert is the once-only decision, and the invoice itself is never rewritten.
 */
const settlementSchema = new mongoose.Schema(
  {
    _id: { type: String },
    method: { type: String, enum: ['bank_transfer', 'card'], required: true },
    at: { type: Date, required: true },
    by: { type: String, default: '' },
    stripeSessionId: { type: String, default: null },
    stripePaymentIntentId: { type: String, default: null },
  },
  { collection: 'service_settlements', versionKey: false },
);
export type SettlementDoc = InferSchemaType<typeof settlementSchema> & { _id: string };
export const Settlement = mongoose.model('ServiceSettlement', settlementSchema);

/** Checkout Sessions opened for invoices: only sessions recorded here are honoured by the webhook. */
const invoiceCheckoutSchema = new mongoose.Schema(
  {
    _id: { type: String },
    invoiceId: { type: mongoose.Schema.Types.ObjectId, required: true },
    url: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'service_checkout_sessions', versionKey: false },
);
invoiceCheckoutSchema.index({ invoiceId: 1, createdAt: -1 });
export const InvoiceCheckout = mongoose.model('ServiceInvoiceCheckout', invoiceCheckoutSchema);

/** Uploaded attachments live in the database, away from anything served publicly. */
const attachmentSchema = new mongoose.Schema(
  {
    _id: { type: String },
    mime: { type: String, required: true },
    data: { type: Buffer, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'service_attachments', versionKey: false },
);
export const StoredAttachment = mongoose.model('ServiceAttachment', attachmentSchema);
