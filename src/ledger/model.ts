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
    /** A refund or reversal: the entry it corrects (by its key), found when this one was posted. */
    corrects: {
      type: new mongoose.Schema(
        {
          key: { type: String, required: true },
          entryId: { type: String, default: null },
          period: { type: String, default: null },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Dated in a period that was locked by then: posted now, in the open period, with the date it had. */
    movedFrom: {
      type: new mongoose.Schema(
        { postedAt: { type: Date, required: true }, period: { type: String, required: true } },
        { _id: false },
      ),
      default: null,
    },
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

/**
 * A locked ledger period (`_id` = `YYYY-MM`): inserted once, never updated or deleted. From then on
 * `postEntry` refuses entries dated in it. `entryIds` are the period's entries read just before the
 * insert: an entry of the period not among them was posted while or after the lock was taken (a
 * posting that had checked the lock a moment earlier), and the pages show it as such.
 */
const ledgerLockSchema = new mongoose.Schema(
  {
    _id: { type: String },
    at: { type: Date, required: true, default: () => new Date() },
    by: { type: String, default: '' },
    byName: { type: String, default: '' },
    entryIds: { type: [String], default: [] },
    debitCents: { type: Number, required: true },
  },
  { collection: 'ledger_locks', versionKey: false },
);
export type LedgerLockDoc = InferSchemaType<typeof ledgerLockSchema> & { _id: string };
export const LedgerLock = mongoose.model('LedgerLock', ledgerLockSchema);
