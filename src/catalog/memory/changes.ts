import mongoose from 'mongoose';
import { isDuplicateKeyError } from '../../db/errors.ts';

/**
 * The public catalogue's change log: one document per change to what a public page shows, `_id`
 * being its sequence number. Each instance follows it by reading `_id` seq+1, seq+2, … (a lookup by
 * `_id`, the one read FerretDB v1 answers without a scan). A number is taken by inserting it (the
 * `_id` index decides between concurrent writers; never counted with `$inc`, which loses updates on
 * FerretDB v1). An entry names what changed; the follower re-reads it from the database, except a
 * stock movement, which carries its version and quantity. A `makers` entry names the goods whose
 * public makers changed (work recorded, a participant's consent or public name); the follower
 * re-reads their names through the participants module.
 */
export type Change =
  | { kind: 'product'; productId: string }
  | { kind: 'stock'; productId: string; version: number; after: number }
  | { kind: 'makers'; productIds: string[] }
  | { kind: 'categories' }
  | { kind: 'settings' };

/** Goods named by one `makers` entry at most (a longer list is appended as several entries). */
export const MAKERS_PER_ENTRY = 500;

export interface ChangeEntry {
  _id: number;
  at: Date;
  change: Change;
}

const COLLECTION = 'catalog_changes';
/** Entries this far behind the newest are deleted (a follower further behind rebuilds). */
export const KEEP_ENTRIES = 5_000;

function changes() {
  return mongoose.connection.collection<{ _id: number; at: Date } & Record<string, unknown>>(COLLECTION);
}

/** The highest number this process knows to be taken (its own appends and what its follower read). */
let head: number | null = null;

export function noteTaken(seq: number): void {
  if (head === null || seq > head) head = seq;
}

/** The highest number this process knows to be taken, 0 when it knows none. */
export function knownHead(): number {
  return head ?? 0;
}

/** Forgets what this process knew of the log (another database was connected: tests). */
export function forgetHead(): void {
  head = null;
}

/** The newest entry's number, 0 for an empty log. Reads the whole (pruned) log: used rarely. */
export async function readHead(): Promise<number> {
  const last = await changes()
    .find({}, { projection: { _id: 1 } })
    .sort({ _id: -1 })
    .limit(1)
    .next();
  return last?._id ?? 0;
}

const MAX_ATTEMPTS = 200;

/**
 * Appends a change with the next free number and returns it: tries the number after the newest
 * this process knows; a clash means another writer took it, so the next one is tried (after a few
 * clashes in a row the newest is read again).
 */
export async function appendChange(change: Change): Promise<number> {
  let clashes = 0;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (head === null || clashes >= 8) {
      noteTaken(await readHead());
      clashes = 0;
    }
    const seq = head! + 1;
    try {
      await changes().insertOne({ _id: seq, at: new Date(), ...change });
      noteTaken(seq);
      if (seq % 500 === 0) prune(seq);
      return seq;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      noteTaken(seq);
      clashes += 1;
    }
  }
  throw new Error('catalogue change log: no free number after many attempts');
}

function prune(seq: number): void {
  changes()
    .deleteMany({ _id: { $lte: seq - KEEP_ENTRIES } })
    .catch(() => undefined); // the next prune tries again
}

/** The entry with this number: undefined when there is none, null when it is there but unreadable. */
export async function readEntry(seq: number): Promise<ChangeEntry | null | undefined> {
  const doc = await changes().findOne({ _id: seq });
  if (!doc) return undefined;
  const change = parseChange(doc);
  return change ? { _id: seq, at: doc.at, change } : null;
}

const OBJECT_ID = /^[a-f0-9]{24}$/;

function parseChange(doc: Record<string, unknown>): Change | null {
  const id = typeof doc.productId === 'string' && OBJECT_ID.test(doc.productId) ? doc.productId : null;
  switch (doc.kind) {
    case 'product':
      return id ? { kind: 'product', productId: id } : null;
    case 'stock':
      return id && Number.isInteger(doc.version) && Number.isInteger(doc.after)
        ? { kind: 'stock', productId: id, version: doc.version as number, after: doc.after as number }
        : null;
    case 'makers': {
      const ids = doc.productIds;
      return Array.isArray(ids) &&
        ids.length <= MAKERS_PER_ENTRY &&
        ids.every((x) => typeof x === 'string' && OBJECT_ID.test(x))
        ? { kind: 'makers', productIds: ids as string[] }
        : null;
    }
    case 'categories':
      return { kind: 'categories' };
    case 'settings':
      return { kind: 'settings' };
    default:
      return null;
  }
}
