/**
 * The two ways this app decides something exactly once without transactions (see the README,
 * "Consistency without transactions"): an insert into a unique index is atomic on every
 * MongoDB-compatible server, FerretDB v1 included, whose conditional updates and `$inc` are not.
 */
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from './errors.ts';

// Any model: the callers own their schemas; this only inserts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;

/**
 * Inserts `doc` into `model`; true when this call inserted it, false when a unique index already
 * held its key (another request made the same decision first). Any other failure is thrown.
 */
export async function claimOnce(model: AnyModel, doc: Record<string, unknown>): Promise<boolean> {
  try {
    await model.create(doc);
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

export interface RetryOptions<R> {
  /** How many attempts before giving up with `busy()`. */
  limit: number;
  /** The error when every attempt clashed (the caller's "busy, try again" message). */
  busy: () => Error;
  /**
   * After a clash: a result that ends the loop (say, the keyed document another request inserted),
   * or undefined to try again.
   */
  onClash?: (attempt: number) => Promise<R | undefined>;
  /** Waits a little before the next attempt, so clashing writers spread out; default: up to 5 ms. */
  pause?: (attempt: number) => Promise<void>;
}

const shortPause = () => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 5));

/**
 * Runs `attempt` until it does not fail on a unique-index clash: each attempt re-reads what it
 * depends on and inserts, and the insert decides. At most `limit` attempts.
 */
export async function retryOnClash<R>(attempt: (n: number) => Promise<R>, opts: RetryOptions<R>): Promise<R> {
  for (let n = 0; n < opts.limit; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    const done = await opts.onClash?.(n);
    if (done !== undefined) return done;
    await (opts.pause ?? shortPause)(n);
  }
  throw opts.busy();
}

export interface NextNumberOptions<R> extends RetryOptions<R> {
  /** Which documents share the series (e.g. `{ year }`, `{ series }`). */
  scope: Record<string, unknown>;
  /** The numbered field; a unique index on (scope fields, field) must exist. */
  field: string;
  /** The document to insert with number `n` (it must carry `n` in `field`). */
  build: (n: number) => Record<string, unknown>;
}

/**
 * Inserts a document with the next number of its series: reads the highest number taken, inserts
 * with the one after it, and on a clash (a concurrent insert took that number) reads again. Numbers
 * come out consecutive, without gaps or duplicates. Returns the inserted document as a plain object.
 */
export async function insertWithNextNumber<R>(model: AnyModel, opts: NextNumberOptions<R>): Promise<R> {
  return retryOnClash(async () => {
    const last = await model
      .findOne(opts.scope, { [opts.field]: 1 })
      .sort({ [opts.field]: -1 })
      .lean<Record<string, unknown>>();
    const n = (typeof last?.[opts.field] === 'number' ? (last[opts.field] as number) : 0) + 1;
    return (await model.create(opts.build(n))).toObject() as R;
  }, opts);
}
