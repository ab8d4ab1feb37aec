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
    kind: { type: String, enum: ['set', 'reserve', 'release', 'sale', 'return'], required: true },
    orderId: { type: String, default: null },
    dedupeKey: { type: String, required: true },
    /** A batch of sales taken in one movement (`takeSoldStockBatch`): each sale's key, units and take. */
    sales: {
      type: [{ _id: false, key: String, quantity: Number, taken: Number }],
      default: undefined,
    },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { collection: 'stock_movements', versionKey: false },
);
movementSchema.index({ productId: 1, version: 1 }, { unique: true });
movementSchema.index({ dedupeKey: 1 }, { unique: true });
// Reservations by age: the sweep of reservations whose checkout never stored its order.
movementSchema.index({ kind: 1, at: 1 });
// Which batch movement took a sale's units (a retry or a void looks it up).
movementSchema.index({ 'sales.key': 1 });

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

type MovementKind = 'set' | 'reserve' | 'release' | 'sale' | 'return';

type Outcome = { ok: true; after: number; repeat?: boolean } | { ok: false; available: number };

/**
 * Appends a movement computed from the latest one (`repeat`: another call had made this keyed one). `compute` returns the new quantity or null to
 * refuse (not enough stock). Lost races re-read and retry; a repeated dedupeKey is a no-op.
 */
async function append(
  productId: Types.ObjectId | string,
  kind: MovementKind,
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
          ? { ok: true, after: seen.after, repeat: true }
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

/** What a sale on the spot took from stock: the units there were, and how many were missing. */
export interface SaleTake {
  taken: number;
  shortfall: number;
}

/**
 * Units sold on the spot (a fair): the goods have already left, so the sale is never refused. Stock
 * goes down to 0 at most; the units beyond what the log had are the shortfall, which the caller
 * records on the sale for staff. Once per `key`, however often it is called; a repeat returns what
 * the first call took.
 */
export async function takeSoldStock(
  productId: Types.ObjectId | string,
  quantity: number,
  key: string,
): Promise<SaleTake> {
  const dedupeKey = `sale:${key}:${String(productId)}`;
  let taken = 0;
  const outcome = await append(
    productId,
    'sale',
    (cur) => {
      taken = Math.min(cur, quantity);
      return cur - taken;
    },
    { orderId: key, dedupeKey },
  );
  // Another call made this sale's movement first (a retry): what it took is recorded there.
  if (!outcome.ok || outcome.repeat) {
    const m = await StockMovement.findOne({ dedupeKey }, { delta: 1 }).lean();
    if (m) return { taken: -m.delta, shortfall: quantity + m.delta };
  }
  return { taken, shortfall: quantity - taken };
}

/** Gives back the units a sale took (a voided sale), once per `key`. */
export async function returnSoldStock(productId: Types.ObjectId | string, key: string): Promise<void> {
  const sale = await StockMovement.findOne(
    { dedupeKey: `sale:${key}:${String(productId)}` },
    { delta: 1 },
  ).lean();
  if (!sale || sale.delta === 0) return;
  await append(productId, 'return', (cur) => cur - sale.delta, {
    orderId: key,
    dedupeKey: `return:${key}:${String(productId)}`,
  });
}

/** One sale's units of a product, for `takeSoldStockBatch`. */
export interface SoldUnits {
  key: string;
  quantity: number;
}

/** What each sale's units took: what the log had, and how many were missing. */
export type BatchTake = Map<string, SaleTake>;

/** The units each of `keys` already took from the product (its own movement or a batch's), by key. */
async function takenBefore(productId: Types.ObjectId | string, keys: string[]): Promise<Map<string, number>> {
  const pid = String(productId);
  const found = await StockMovement.find(
    {
      productId,
      $or: [{ dedupeKey: { $in: keys.map((k) => `sale:${k}:${pid}`) } }, { 'sales.key': { $in: keys } }],
    },
    { dedupeKey: 1, delta: 1, sales: 1 },
  ).lean();
  const wanted = new Set(keys);
  const taken = new Map<string, number>();
  for (const m of found) {
    if (m.sales?.length) {
      for (const s of m.sales) if (s.key && wanted.has(s.key)) taken.set(s.key, s.taken ?? 0);
    } else if (m.dedupeKey.startsWith('sale:')) {
      // One sale's own movement (`takeSoldStock`), keyed `sale:<key>:<product>`.
      taken.set(m.dedupeKey.slice('sale:'.length, -(pid.length + 1)), -m.delta);
    }
  }
  return taken;
}

/**
 * Units sold on the spot by many sales at once (a fair's sync batch): one movement for all of them,
 * listing each sale's key, units and what it took, in the order given. Like `takeSoldStock`: never
 * refused, stock goes down to 0 at most, and each sale's units leave once per key whatever the
 * number of calls — a sale already taken (by an earlier batch or its own `takeSoldStock` movement)
 * is answered from the log. The check and the insert are one step of the product's version
 * sequence: a concurrent movement makes the insert clash, and the attempt reads again.
 */
export async function takeSoldStockBatch(
  productId: Types.ObjectId | string,
  sales: SoldUnits[],
): Promise<BatchTake> {
  const keys = sales.map((s) => s.key);
  return retryOnClash<BatchTake>(
    async () => {
      const current = await latest(productId);
      const before = await takenBefore(productId, keys);
      const result: BatchTake = new Map();
      for (const s of sales) {
        const taken = before.get(s.key);
        if (taken !== undefined) result.set(s.key, { taken, shortfall: s.quantity - taken });
      }
      const fresh = sales.filter((s) => !result.has(s.key));
      if (fresh.length === 0) return result;
      let left = current.after;
      const listed = fresh.map((s) => {
        const taken = Math.min(left, s.quantity);
        left -= taken;
        result.set(s.key, { taken, shortfall: s.quantity - taken });
        return { key: s.key, quantity: s.quantity, taken };
      });
      await StockMovement.create({
        productId,
        version: current.version + 1,
        delta: left - current.after,
        after: left,
        kind: 'sale',
        orderId: null,
        dedupeKey: `salebatch:${randomBytes(12).toString('hex')}:${String(productId)}`,
        sales: listed,
      });
      await refreshCache(productId, current.version + 1, left);
      return result;
    },
    { limit: MAX_ATTEMPTS, busy: () => new ConflictError('orders.errors.busy'), pause },
  );
}

/**
 * Gives back what a sale took, whether its units left in their own movement (`takeSoldStock`) or in
 * a batch (`takeSoldStockBatch`); once per `key` (the same once-key as `returnSoldStock`).
 */
export async function returnSoldStockAny(productId: Types.ObjectId | string, key: string): Promise<void> {
  const taken = (await takenBefore(productId, [key])).get(key) ?? 0;
  if (taken === 0) return;
  await append(productId, 'return', (cur) => cur + taken, {
    orderId: key,
    dedupeKey: `return:${key}:${String(productId)}`,
  });
}
