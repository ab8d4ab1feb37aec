import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { retryOnClash } from '../db/once.ts';
import { vilniusDate } from '../lib/dates.ts';
import { ConflictError } from '../lib/errors.ts';

/**
 * The day's quota of anonymous attachments as an append-only log per Vilnius day: each entry has the
 * next `seq` of its day and the day's total `used` after it. The unique (day, seq) index lets exactly
 * one concurrent writer take a number, so a reservation computed from the latest entry is exact on any
 * MongoDB-compatible server (FerretDB v1's `$inc` and conditional updates are not atomic).
 */
const quotaSchema = new mongoose.Schema(
  {
    day: { type: String, required: true },
    seq: { type: Number, required: true },
    delta: { type: Number, required: true },
    used: { type: Number, required: true, min: 0 },
    /** `reserve:<random>`, or `release:<the reservation's key>` so a reservation is given back once. */
    key: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'upload_quota', versionKey: false },
);
quotaSchema.index({ day: 1, seq: 1 }, { unique: true });
quotaSchema.index({ key: 1 }, { unique: true });
export const UploadQuota = mongoose.model('UploadQuota', quotaSchema);

export interface QuotaReservation {
  day: string;
  bytes: number;
  key: string;
}

const MAX_ATTEMPTS = 400;

function pause(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.min(50, 1 + Math.random() * attempt)));
}

/** Bytes of attachments taken on the Vilnius day of `now`. */
export async function usedUploadQuota(now = new Date()): Promise<number> {
  const last = await UploadQuota.findOne({ day: vilniusDate(now) })
    .sort({ seq: -1 })
    .lean();
  return last?.used ?? 0;
}

/**
 * Appends an entry computed from the day's latest one; `allow` refuses (null) when the new total is
 * not allowed. A lost race re-reads and retries; a repeated key is a no-op (false).
 */
async function append(
  day: string,
  delta: number,
  key: string,
  allow: (used: number) => boolean,
): Promise<boolean | null> {
  return retryOnClash<boolean | null>(
    async () => {
      const last = await UploadQuota.findOne({ day }).sort({ seq: -1 }).lean();
      const used = (last?.used ?? 0) + delta;
      if (!allow(used)) return null;
      await UploadQuota.create({ day, seq: (last?.seq ?? 0) + 1, delta, used, key, at: new Date() });
      return true;
    },
    {
      limit: MAX_ATTEMPTS,
      busy: () => new ConflictError('workflow.errors.busy'),
      onClash: async () => ((await UploadQuota.exists({ key })) ? false : undefined),
      pause,
    },
  );
}

/**
 * Takes `bytes` of the day's quota of `limit` bytes; null when they do not fit (nothing is taken).
 */
export async function reserveUploadQuota(
  bytes: number,
  limit: number,
  now = new Date(),
): Promise<QuotaReservation | null> {
  const day = vilniusDate(now);
  const key = `reserve:${randomBytes(12).toString('hex')}`;
  const taken = await append(day, bytes, key, (used) => used <= limit);
  return taken ? { day, bytes, key } : null;
}

/** Gives a reservation back (its request was not stored); once, however often it is called. */
export async function releaseUploadQuota(reservation: QuotaReservation): Promise<void> {
  await append(reservation.day, -reservation.bytes, `release:${reservation.key}`, () => true);
}

/** Drops the entries of days before `day` (YYYY-MM-DD); only today's entries are ever read. */
export async function pruneUploadQuota(day: string): Promise<void> {
  await UploadQuota.deleteMany({ day: { $lt: day } });
}
