import mongoose, { type InferSchemaType } from 'mongoose';

const attributionSchema = new mongoose.Schema(
  {
    productId: { type: String, default: null },
    orderId: { type: String, default: null },
    lineId: { type: String, default: null },
    /** Business service work: the job (service request) and its invoice. */
    jobId: { type: String, default: null },
    invoiceId: { type: String, default: null },
    participantId: { type: String, default: null },
  },
  { _id: false },
);

const lineSchema = new mongoose.Schema(
  {
    account: { type: String, required: true },
    debitCents: { type: Number, default: 0, min: 0 },
    creditCents: { type: Number, default: 0, min: 0 },
    attribution: { type: attributionSchema, default: null },
  },
  { _id: false },
);

/**
 * An immutable journal entry (cash basis). Never updated or deleted: corrections are new entries.
 * `idempotencyKey` is derived from the business event (`order:<id>:paid`), so nothing posts twice.
 */
const journalEntrySchema = new mongoose.Schema(
  {
    idempotencyKey: { type: String, required: true },
    postedAt: { type: Date, required: true },
    period: { type: String, required: true },
    kind: { type: String, required: true },
    reference: {
      type: { type: String, required: true },
      id: { type: String, required: true },
      label: { type: String, default: '' },
    },
    memo: { type: String, default: '' },
    /** Where the sale behind an income entry came from (`web`, `phone`, `walk_in`, `fair`, `services`); null otherwise. */
    channel: { type: String, default: null },
    lines: { type: [lineSchema], required: true },
    totalCents: { type: Number, required: true },
  },
  { collection: 'journal_entries', versionKey: false },
);
journalEntrySchema.index({ idempotencyKey: 1 }, { unique: true });
journalEntrySchema.index({ period: 1, postedAt: 1 });
journalEntrySchema.index({ 'reference.type': 1, 'reference.id': 1 });
journalEntrySchema.index({ 'lines.account': 1, period: 1 });

export type JournalEntryDoc = InferSchemaType<typeof journalEntrySchema> & { _id: mongoose.Types.ObjectId };
export type JournalLine = InferSchemaType<typeof lineSchema>;
export const JournalEntry = mongoose.model('JournalEntry', journalEntrySchema);
