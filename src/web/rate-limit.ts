import type { RequestHandler } from 'express';
import { rateLimit, type Options, type Store, type IncrementResponse } from 'express-rate-limit';
import mongoose from 'mongoose';

/**
 * One document per counted request. Counting inserts is exact under concurrency on every
 * MongoDB-compatible server; a shared counter moved by `$inc` is not on FerretDB v1, which reads the
 * document and writes it back in a separate step.
 */
const hitSchema = new mongoose.Schema(
  {
    key: { type: String, required: true },
    at: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'rate_limit_hits', versionKey: false },
);
hitSchema.index({ key: 1, at: 1 });
hitSchema.index({ expiresAt: 1 });
export const RateLimitHit = mongoose.model('RateLimitHit', hitSchema);

const SWEEP_EVERY_MS = 60_000;

/**
 * Runs `sweep` (deleting expired documents: FerretDB has no TTL indexes) at most once a minute in
 * this process. Counts never depend on it, as they look at their window only: a late sweep costs
 * space, not correctness.
 */
export function expirySweeper(sweep: (now: Date) => Promise<unknown>): (now: Date) => Promise<void> {
  let due = 0;
  return async (now) => {
    if (now.getTime() < due) return;
    due = now.getTime() + SWEEP_EVERY_MS;
    await sweep(now);
  };
}

const sweepHits = expirySweeper((now) => RateLimitHit.deleteMany({ expiresAt: { $lt: now } }));

/**
 * express-rate-limit counters in the database, so limits hold across app instances and restarts: a
 * sliding window of `windowMs`, counted as the hits of the key inserted within it.
 */
export class MongoRateLimitStore implements Store {
  windowMs = 60_000;
  prefix: string;
  localKeys = false;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private id(key: string): string {
    return `${this.prefix}:${key}`;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const id = this.id(key);
    const now = new Date();
    await sweepHits(now);
    await RateLimitHit.create({ key: id, at: now, expiresAt: new Date(now.getTime() + this.windowMs) });
    const inWindow = { key: id, at: { $gt: new Date(now.getTime() - this.windowMs) } };
    const [totalHits, oldest] = await Promise.all([
      RateLimitHit.countDocuments(inWindow),
      RateLimitHit.findOne(inWindow).sort({ at: 1 }).lean(),
    ]);
    return { totalHits, resetTime: new Date((oldest?.at ?? now).getTime() + this.windowMs) };
  }

  /**
   * Takes back one hit, the newest one free: deleting a document by id succeeds once, so a taker who
   * loses one to another moves on to the next, and no two take the same.
   */
  async decrement(key: string): Promise<void> {
    const newestFirst = RateLimitHit.find({ key: this.id(key) }, { _id: 1 })
      .sort({ at: -1 })
      .lean()
      .cursor();
    for await (const hit of newestFirst) {
      if ((await RateLimitHit.deleteOne({ _id: hit._id })).deletedCount === 1) return;
    }
  }

  async resetKey(key: string): Promise<void> {
    await RateLimitHit.deleteMany({ key: this.id(key) });
  }
}

/** A limit on a public form per IP address: past it, a page in the user's language says to wait. */
export function formLimiter(prefix: string, limit: number, windowMs = 15 * 60 * 1000): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new MongoRateLimitStore(prefix),
    handler: (_req, res) => {
      res.status(429).render('error', { titleKey: 'errors.title', messageKey: 'errors.tooManyRequests' });
    },
  });
}
