import { randomBytes } from 'node:crypto';
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { retryOnClash } from '../db/once.ts';
import { ConflictError } from '../lib/errors.ts';
import { Product } from './model.ts';
import { publishChange } from './memory/index.ts';
import { refreshEntryStock } from './read-model.ts';

/**
 * Stock as an append-only log. Each movement has the next version of its product; the unique
 * (productId, version) index lets exactly one concurrent writer take a version, which makes a
 * reservation atomic on any MongoDB-compatible server — FerretDB v1 included, whose conditional
 * updates are not atomic. `dedupeKey` makes a release (or any keyed movement) happen once.
 */
const movementSchema = new mongoose.Schema(
  {
    productId: { type: mongoose.Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    delta: { type: Number, required: true },
    after: { type: Number, required: true, min: 0 },
    kind: { type: String, enum: ['set', 'reserve', 'release'], required: true },
    orderId: { type: String, default: null },
    dedupeKey: { type: String, required: true },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { collection: 'stock_movements', versionKey: false },
);
movementSchema.index({ productId: 1, version: 1 }, { unique: true });
movementSchema.index({ dedupeKey: 1 }, { unique: true });
// Reservations by age: the sweep of reservations whose checkout never stored its order.
movementSchema.index({ kind: 1, at: 1 });

export type StockMovementDoc = InferSchemaType<typeof movementSchema>;
export const StockMovement = mongoose.model('StockMovement', movementSchema);

const MAX_ATTEMPTS = 400;

async function latest(productId: Types.ObjectId | string): Promise<{ version: number; after: number }> {
  const last = await StockMovement.findOne({ productId }).sort({ version: -1 }).lean();
  if (last) return { version: last.version, after: last.after };
  // Products from before the log: their stored quantity is version 0.
  const product = await Product.findById(productId, { stockQuantity: 1 }).lean();
  return { version: 0, after: product?.stockQuantity ?? 0 };
}

function pause(attempt: number): Promise<void> {
  const ms = Math.min(50, 1 + Math.random() * attempt);
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * The display copies on the product and its catalogue entry (a stale write is corrected by the next
 * movement), and the change-log entry every instance's in-memory catalogue patches its copy from.
 */
async function refreshCache(productId: Types.ObjectId | string, version: number, after: number) {
  await Product.updateOne(
    { _id: productId, $or: [{ stockVersion: { $lt: version } }, { stockVersion: null }] },
    { $set: { stockQuantity: after, stockVersion: version } },
  );
  await refreshEntryStock(productId, version, after);
  await publishChange({ kind: 'stock', productId: String(productId), version, after });
}

type Outcome = { ok: true; after: number } | { ok: false; available: number };

/**
 * Appends a movement computed from the latest one. `compute` returns the new quantity or null to
 * refuse (not enough stock). Lost races re-read and retry; a repeated dedupeKey is a no-op.
 */
async function append(
  productId: Types.ObjectId | string,
  kind: 'set' | 'reserve' | 'release',
  compute: (current: number) => number | null,
  opts: { orderId?: string; dedupeKey?: string } = {},
): Promise<Outcome> {
  const dedupeKey = opts.dedupeKey ?? `${kind}:${randomBytes(12).toString('hex')}`;
  let seen = { version: 0, after: 0 };
  return retryOnClash<Outcome>(
    async () => {
      const current = await latest(productId);
      seen = current;
      const next = compute(current.after);
      if (next === null) return { ok: false, available: current.after };
      await StockMovement.create({
        productId,
        version: current.version + 1,
        delta: next - current.after,
        after: next,
        kind,
        orderId: opts.orderId ?? null,
        dedupeKey,
      });
      await refreshCache(productId, current.version + 1, next);
      return { ok: true, after: next };
    },
    {
      limit: MAX_ATTEMPTS,
      busy: () => new ConflictError('orders.errors.busy'),
      onClash: async () =>
        opts.dedupeKey && (await StockMovement.exists({ dedupeKey }))
          ? { ok: true, after: seen.after }
          : undefined,
      pause,
    },
  );
}

export async function currentStock(productId: Types.ObjectId | string): Promise<number> {
  return (await latest(productId)).after;
}

/** Staff set the quantity on hand. */
export async function setStock(productId: Types.ObjectId | string, quantity: number): Promise<void> {
  const current = await latest(productId);
  if (current.after === quantity && current.version > 0) return;
  await append(productId, 'set', () => quantity);
}

/** Takes `quantity` units for an order, or refuses without taking any when fewer are left. */
export async function reserveStock(
  productId: Types.ObjectId | string,
  quantity: number,
  orderId: string,
): Promise<Outcome> {
  return append(productId, 'reserve', (cur) => (cur >= quantity ? cur - quantity : null), {
    orderId,
    dedupeKey: `reserve:${orderId}:${String(productId)}`,
  });
}

/** Gives an order's units back; once per order and product, however often it is called. */
export async function releaseStock(
  productId: Types.ObjectId | string,
  quantity: number,
  orderId: string,
): Promise<void> {
  const reserved = await StockMovement.exists({ dedupeKey: `reserve:${orderId}:${String(productId)}` });
  if (!reserved) return;
  await append(productId, 'release', (cur) => cur + quantity, {
    orderId,
    dedupeKey: `release:${orderId}:${String(productId)}`,
  });
}

export interface Reservation {
  productId: Types.ObjectId;
  orderId: string;
  quantity: number;
  at: Date;
}

/**
 * Reservations made from `from` up to (not including) `before`, oldest first, with whether each was
 * already given back. Reads in batches over the (kind, at) index; `onBatch` handles each batch.
 */
export async function eachReservationBetween(
  from: Date,
  before: Date,
  onBatch: (batch: (Reservation & { released: boolean })[]) => Promise<void>,
  batchSize = 200,
): Promise<void> {
  const cursor = StockMovement.find(
    { kind: 'reserve', at: { $gte: from, $lt: before } },
    { productId: 1, orderId: 1, delta: 1, at: 1 },
  )
    .sort({ at: 1 })
    .lean()
    .cursor();
  let batch: Reservation[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const keys = batch.map((r) => `release:${r.orderId}:${String(r.productId)}`);
    const released = new Set(
      (await StockMovement.find({ dedupeKey: { $in: keys } }, { dedupeKey: 1 }).lean()).map(
        (m) => m.dedupeKey,
      ),
    );
    const done = batch.map((r, i) => ({ ...r, released: released.has(keys[i]!) }));
    batch = [];
    await onBatch(done);
  };
  for await (const m of cursor) {
    if (!m.orderId) continue;
    batch.push({ productId: m.productId, orderId: m.orderId, quantity: -m.delta, at: m.at });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
}
