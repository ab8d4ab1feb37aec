import type { RequestHandler } from 'express';
import { rateLimit, type Options, type Store, type IncrementResponse } from 'express-rate-limit';
import mongoose from 'mongoose';
import { isDuplicateKeyError } from '../db/errors.ts';

const hitSchema = new mongoose.Schema(
  { _id: { type: String }, hits: { type: Number, required: true }, resetAt: { type: Date, required: true } },
  { collection: 'rate_limits', versionKey: false },
);
hitSchema.index({ resetAt: 1 });
const RateLimitHit = mongoose.model('RateLimitHit', hitSchema);

/** express-rate-limit counters in the database, so limits hold across app instances and restarts. */
export class MongoRateLimitStore implements Store {
  windowMs = 60_000;
  prefix: string;

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
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = new Date();
      const current = await RateLimitHit.findOneAndUpdate(
        { _id: id, resetAt: { $gt: now } },
        { $inc: { hits: 1 } },
        { returnDocument: 'after' },
      ).lean();
      if (current) return { totalHits: current.hits, resetTime: current.resetAt };
      // FerretDB has no TTL indexes: finished windows are swept whenever a new one starts.
      await RateLimitHit.deleteMany({ resetAt: { $lt: new Date(now.getTime() - this.windowMs) } });
      try {
        // Starts a new window only if the old one is over; a concurrent starter makes this a duplicate key.
        const fresh = await RateLimitHit.findOneAndUpdate(
          { _id: id, resetAt: { $lte: now } },
          { $set: { hits: 1, resetAt: new Date(now.getTime() + this.windowMs) } },
          { returnDocument: 'after', upsert: true },
        ).lean();
        if (fresh) return { totalHits: fresh.hits, resetTime: fresh.resetAt };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    throw new Error('rate limit counter contention');
  }

  async decrement(key: string): Promise<void> {
    await RateLimitHit.updateOne({ _id: this.id(key), hits: { $gt: 0 } }, { $inc: { hits: -1 } });
  }

  async resetKey(key: string): Promise<void> {
    await RateLimitHit.deleteOne({ _id: this.id(key) });
  }
}

export function limiter(opts: {
  prefix: string;
  windowMs: number;
  limit: number;
  skipSuccessfulRequests?: boolean;
  handler: Options['handler'];
}): RequestHandler {
  return rateLimit({
    windowMs: opts.windowMs,
    limit: opts.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: opts.skipSuccessfulRequests ?? false,
    store: new MongoRateLimitStore(opts.prefix),
    handler: opts.handler,
  });
}

/** A limit on a public form per IP address: past it, a page in the user's language says to wait. */
export function formLimiter(prefix: string, limit: number, windowMs = 15 * 60 * 1000): RequestHandler {
  return limiter({
    prefix,
    windowMs,
    limit,
    handler: (_req, res) => {
      res.status(429).render('error', { titleKey: 'errors.title', messageKey: 'errors.tooManyRequests' });
    },
  });
}
