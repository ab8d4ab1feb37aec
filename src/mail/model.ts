import mongoose, { type InferSchemaType } from 'mongoose';

/** `stored`: no SMTP server configured, kept here only; `sent`/`failed`: the SMTP server's answer. */
export const OUTBOX_STATUSES = ['stored', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Every e-mail the shop composes, whether or not it was delivered: the staff's record of what went out. */
const outboxSchema = new mongoose.Schema(
  {
    to: { type: String, required: true },
    from: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, default: '' },
    html: { type: String, default: '' },
    /** What the message is about, e.g. order.received. */
    kind: { type: String, required: true },
    lang: { type: String, enum: ['lt', 'en'], default: 'lt' },
    /** What the message refers to, e.g. the order number; '' when nothing. */
    reference: { type: String, default: '' },
    status: { type: String, enum: OUTBOX_STATUSES, required: true },
    error: { type: String, default: '' },
    messageId: { type: String, default: '' },
    createdAt: { type: Date, required: true, default: () => new Date() },
    sentAt: { type: Date, default: null },
  },
  { collection: 'outbox', versionKey: false },
);
outboxSchema.index({ createdAt: -1, _id: -1 });
outboxSchema.index({ reference: 1, createdAt: -1 });

export type OutboxDoc = InferSchemaType<typeof outboxSchema> & { _id: mongoose.Types.ObjectId };
export const OutboxMessage = mongoose.model('OutboxMessage', outboxSchema);
