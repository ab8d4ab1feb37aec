import mongoose, { type InferSchemaType } from 'mongoose';

/**
 * `queued`: stored, not tried yet; `retrying`: an attempt failed, another is due at `nextAttemptAt`;
 * `stored`: composed without an SMTP server configured, kept here only; `sent`: the SMTP server took
 * it; `failed`: the last attempt failed (or an attempt was cut off and may have gone out).
 */
export const OUTBOX_STATUSES = ['queued', 'retrying', 'stored', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** The states in which a message still waits for an attempt. */
export const PENDING_STATUSES = ['queued', 'retrying'] as const satisfies readonly OutboxStatus[];

/**
 * Every e-mail the shop composes: stored first (the queue), then sent from here, so a message
 * survives a crash of the request that caused it. The staff's record of what went out.
 */
const outboxSchema = new mongoose.Schema(
  {
    /**
     * What makes the message once-only, e.g. `order.received:<order id>`: inserting a second message
     * with the same key fails, so an event is queued once however often it is reported. Sparse:
     * messages stored before the queue existed have none.
     */
    key: { type: String },
    to: { type: String, required: true },
    /** The sender as shown; `sender` is what the SMTP header is built from. */
    from: { type: String, required: true },
    sender: { type: { name: String, address: String }, default: undefined, _id: false },
    subject: { type: String, required: true },
    text: { type: String, default: '' },
    html: { type: String, default: '' },
    /**
     * Files sent with the message (a quote's PDF), kept so that a retry sends the same bytes and
     * staff can open what went out.
     */
    attachments: {
      type: [{ filename: String, contentType: String, content: Buffer, _id: false }],
      default: undefined,
    },
    /** What the message is about, e.g. order.received. */
    kind: { type: String, required: true },
    lang: { type: String, enum: ['lt', 'en'], default: 'lt' },
    /** What the message refers to, e.g. the order number; '' when nothing. */
    reference: { type: String, default: '' },
    status: { type: String, enum: OUTBOX_STATUSES, required: true },
    /** Attempts made so far; attempt n is claimed by inserting `<id>:attempt:<n>` (OutboxAttempt). */
    attempts: { type: Number, default: 0 },
    /** When the next attempt is due (queued or retrying messages). */
    nextAttemptAt: { type: Date, default: null },
    /** The last attempt's error. */
    error: { type: String, default: '' },
    messageId: { type: String, default: '' },
    createdAt: { type: Date, required: true, default: () => new Date() },
    sentAt: { type: Date, default: null },
  },
  { collection: 'outbox', versionKey: false },
);
outboxSchema.index({ key: 1 }, { unique: true, sparse: true });
outboxSchema.index({ createdAt: -1, _id: -1 });
outboxSchema.index({ reference: 1, createdAt: -1 });
outboxSchema.index({ status: 1, nextAttemptAt: 1 });

export type OutboxDoc = InferSchemaType<typeof outboxSchema> & { _id: mongoose.Types.ObjectId };
export const OutboxMessage = mongoose.model('OutboxMessage', outboxSchema);

/**
 * The claim of one delivery attempt, `_id` = `<message id>:attempt:<n>`: whoever inserts it makes
 * attempt n, so two senders (an instance's immediate attempt and another's job) never send one
 * message twice. `<…>:interrupted` records that an attempt was found cut off.
 */
const attemptSchema = new mongoose.Schema(
  {
    _id: { type: String },
    messageId: { type: mongoose.Schema.Types.ObjectId, required: true },
    attempt: { type: Number, required: true },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { collection: 'outbox_attempts', versionKey: false },
);
attemptSchema.index({ messageId: 1 });

export const OutboxAttempt = mongoose.model('OutboxAttempt', attemptSchema);
