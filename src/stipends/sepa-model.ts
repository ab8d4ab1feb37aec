import mongoose, { type InferSchemaType } from 'mongoose';

/**
 * One issue of a finalised month's SEPA payment file, `_id` = `<period>:<issue>`. The first download
 * inserts issue 1; a re-issue (an administrator's explicit action with a reason) inserts the next
 * one. The insert is the decision (unique `_id`, and `(period, issue)`); an issue is never updated.
 * It freezes everything the file says except the participants' bank accounts, which stay encrypted
 * in the register and are read again at each download: `ibansHash` (salted scrypt of the accounts
 * as issued) proves they are the same, so every download of an issue is the same bytes.
 */
const paymentFileSchema = new mongoose.Schema(
  {
    _id: { type: String },
    period: { type: String, required: true },
    issue: { type: Number, required: true, min: 1 },
    messageId: { type: String, required: true },
    paymentInfoId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    executionDate: { type: String, required: true },
    by: { type: String, required: true },
    byName: { type: String, default: '' },
    /** Why it was issued again; empty for the first issue. */
    reason: { type: String, default: '' },
    debtor: {
      name: { type: String, required: true },
      iban: { type: String, required: true },
      bic: { type: String, required: true },
    },
    remittance: { type: String, required: true },
    transfers: {
      type: [
        {
          _id: false,
          participantId: { type: String, required: true },
          endToEndId: { type: String, required: true },
          amountCents: { type: Number, required: true },
          name: { type: String, required: true },
        },
      ],
      default: undefined,
    },
    ibansHash: { type: String, required: true },
  },
  { collection: 'stipend_payment_files', versionKey: false, minimize: false },
);
paymentFileSchema.index({ period: 1, issue: 1 }, { unique: true });
/** An issue as stored (the schema's fields, spelled out: plain arrays and objects, as `lean()` gives). */
export interface PaymentFileRecord {
  period: string;
  issue: number;
  messageId: string;
  paymentInfoId: string;
  createdAt: Date;
  executionDate: string;
  by: string;
  byName: string;
  reason: string;
  debtor: { name: string; iban: string; bic: string };
  remittance: string;
  transfers: { participantId: string; endToEndId: string; amountCents: number; name: string }[];
  ibansHash: string;
}
export type PaymentFileDoc = PaymentFileRecord & { _id: string };
export const PaymentFile = mongoose.model('StipendPaymentFile', paymentFileSchema);

/** Every download of a payment file (who, when, which issue): appended, never changed. */
const paymentDownloadSchema = new mongoose.Schema(
  {
    period: { type: String, required: true },
    issue: { type: Number, required: true },
    by: { type: String, required: true },
    byName: { type: String, default: '' },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { collection: 'stipend_payment_downloads', versionKey: false },
);
paymentDownloadSchema.index({ period: 1, at: 1 });
export type PaymentDownloadDoc = InferSchemaType<typeof paymentDownloadSchema>;
export const PaymentDownload = mongoose.model('StipendPaymentDownload', paymentDownloadSchema);
