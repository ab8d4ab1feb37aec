import mongoose, { type InferSchemaType } from 'mongoose';

/** The parcel locker networks whose terminal lists the app keeps (the carriers' codes of orders). */
export const LOCKER_NETWORKS = ['omniva', 'lp_express', 'dpd'] as const;
export type LockerNetwork = (typeof LOCKER_NETWORKS)[number];

/**
 * One terminal of a network, as its list last gave it. `(network, terminalId)` is unique; a terminal
 * that a newer list no longer has is kept as inactive (orders keep their own snapshot anyway).
 */
const lockerSchema = new mongoose.Schema(
  {
    network: { type: String, enum: LOCKER_NETWORKS, required: true },
    terminalId: { type: String, required: true },
    name: { type: String, required: true },
    address: { type: String, default: '' },
    city: { type: String, default: '' },
    postcode: { type: String, default: '' },
    active: { type: Boolean, default: true },
    /** When the list that last had this terminal was imported. */
    importedAt: { type: Date, required: true },
  },
  { collection: 'lockers', versionKey: false },
);
lockerSchema.index({ network: 1, terminalId: 1 }, { unique: true });
lockerSchema.index({ network: 1, active: 1, city: 1, name: 1 });

export type LockerDoc = InferSchemaType<typeof lockerSchema> & { _id: mongoose.Types.ObjectId };
export const Locker = mongoose.model('Locker', lockerSchema);

/** The last import of each network's list (`_id` = network): when, how many, from where, by whom. */
const lockerListSchema = new mongoose.Schema(
  {
    _id: { type: String },
    importedAt: { type: Date, required: true },
    count: { type: Number, required: true },
    skipped: { type: Number, default: 0 },
    source: { type: String, enum: ['upload', 'url', 'demo'], required: true },
    by: { type: String, default: '' },
  },
  { collection: 'locker_lists', versionKey: false },
);
export type LockerListDoc = InferSchemaType<typeof lockerListSchema> & { _id: string };
export const LockerList = mongoose.model('LockerList', lockerListSchema);
