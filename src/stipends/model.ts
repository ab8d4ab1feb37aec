import mongoose, { type InferSchemaType } from 'mongoose';

const policyFields = {
  poolShareBps: { type: Number, required: true, min: 0, max: 10000 },
  deductCosts: { type: Boolean, default: false },
  baseAmountCents: { type: Number, required: true, min: 0 },
  capCents: { type: Number, default: null, min: 0 },
};

/** The organisation's default policy (`_id: 'policy'`): what a new period starts from. */
const stipendPolicySchema = new mongoose.Schema(
  { _id: { type: String, default: 'policy' }, ...policyFields },
  { collection: 'stipend_policy', versionKey: false, timestamps: true },
);
export type StipendPolicyDoc = InferSchemaType<typeof stipendPolicySchema>;
export const StipendPolicy = mongoose.model('StipendPolicy', stipendPolicySchema);

/**
 * A period's own settings while it is a draft (`_id` = `YYYY-MM`). It is never written by finalise or
 * payment: those are separate insert-only records, so a concurrent settings edit cannot lose them.
 */
const stipendPeriodSchema = new mongoose.Schema(
  {
    _id: { type: String },
    ...policyFields,
    workdays: { type: Number, required: true, min: 1, max: 31 },
    updatedBy: { type: String, default: '' },
  },
  { collection: 'stipend_periods', versionKey: false, timestamps: true },
);
export type StipendPeriodDoc = InferSchemaType<typeof stipendPeriodSchema> & { _id: string };
export const StipendPeriod = mongoose.model('StipendPeriod', stipendPeriodSchema);

/**
 * A material cost of a period. `_id` is the one-time key the cost form carries, so a repeated submit
 * is one cost; the ledger entry is keyed by it too.
 */
const stipendCostSchema = new mongoose.Schema(
  {
    _id: { type: String },
    period: { type: String, required: true },
    amountCents: { type: Number, required: true, min: 1 },
    description: { type: String, required: true },
    paidOn: { type: String, required: true },
    by: { type: String, default: '' },
    at: { type: Date, required: true, default: () => new Date() },
    /** Posted while the period was being finalised without making it into the freeze: reversed. */
    reversed: { type: Boolean, default: false },
  },
  { collection: 'stipend_costs', versionKey: false },
);
stipendCostSchema.index({ period: 1, at: 1 });
export type StipendCostDoc = InferSchemaType<typeof stipendCostSchema> & { _id: string };
export const StipendCost = mongoose.model('StipendCost', stipendCostSchema);

/**
 * The once-only steps of a period, `_id` = `<period>:<step>`. Inserting one is the decision (atomic
 * on FerretDB too); it is never updated. `closing` is taken first: from then on nothing of the period
 * may change; `finalised` carries the exact engine input and result, the labels of the income lines
 * and the cost entries read, frozen; `paid` the payment date.
 */
const stipendClaimSchema = new mongoose.Schema(
  {
    _id: { type: String },
    period: { type: String, required: true },
    step: { type: String, enum: ['closing', 'finalised', 'paid'], required: true },
    at: { type: Date, required: true, default: () => new Date() },
    by: { type: String, default: '' },
    input: { type: mongoose.Schema.Types.Mixed, default: null },
    result: { type: mongoose.Schema.Types.Mixed, default: null },
    lineLabels: { type: mongoose.Schema.Types.Mixed, default: null },
    names: { type: mongoose.Schema.Types.Mixed, default: null },
    costKeys: { type: [String], default: undefined },
    paidOn: { type: String, default: null },
  },
  { collection: 'stipend_claims', versionKey: false, minimize: false },
);
stipendClaimSchema.index({ period: 1, step: 1 });
export type StipendClaimDoc = InferSchemaType<typeof stipendClaimSchema> & { _id: string };
export const StipendClaim = mongoose.model('StipendClaim', stipendClaimSchema);

/**
 * A change to a month's attendance or contributions that was written after its finalising began (a
 * save that passed the "not finalised" check a moment before the `closing` claim): the frozen
 * figures may not include it. Appended by the participants module, never updated; shown on the month.
 */
const stipendLateChangeSchema = new mongoose.Schema(
  {
    period: { type: String, required: true },
    what: { type: String, enum: ['attendance', 'contributions'], required: true },
    at: { type: Date, required: true, default: () => new Date() },
    by: { type: String, default: '' },
    byName: { type: String, default: '' },
    participantIds: { type: [String], default: [] },
  },
  { collection: 'stipend_late_changes', versionKey: false },
);
stipendLateChangeSchema.index({ period: 1, at: 1 });
export type StipendLateChangeDoc = InferSchemaType<typeof stipendLateChangeSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const StipendLateChange = mongoose.model('StipendLateChange', stipendLateChangeSchema);
