/**
 * Applying the sales phones send: each once, whatever the number of retries, in any order, from any
 * number of phones. The insert of the sale under the phone's id is the once-only decision; the
 * stock movements and the ledger entry are keyed by the sale, so a retry completes what an
 * interrupted one left and does nothing twice.
 */
import { createHash } from 'node:crypto';
import { productsByIds, takeSoldStock, type ProductDoc } from '../catalog/service.ts';
import { isDuplicateKeyError } from '../db/errors.ts';
import { vilniusDayStart, vilniusPeriod, parseCalendarDate } from '../lib/dates.ts';
import { postEntry } from '../ledger/service.ts';
import { lineAmounts } from '../orders/service.ts';
import { isPeriodFinalised } from '../stipends/service.ts';
import { formErrorMap } from '../web/form-fields.ts';
import {
  FairClosing,
  FairEvent,
  FairSale,
  FairSaleConflict,
  type FairEventDoc,
  type FairSaleDoc,
} from './model.ts';
import { cashDue, fairSaleEntry } from './postings.ts';
import { saleInput, type SaleInput } from './schemas.ts';

export type SaleStatus = 'applied' | 'already' | 'refused' | 'conflict';

export interface SaleResult {
  id: string;
  status: SaleStatus;
  /** Why it was refused: a message key and its params. */
  message?: { key: string; params: Record<string, string | number> };
  late?: boolean;
  shortfall?: boolean;
}

class Refusal extends Error {
  readonly key: string;
  readonly params: Record<string, string | number>;

  constructor(key: string, params: Record<string, string | number> = {}) {
    super(key);
    this.key = key;
    this.params = params;
  }
}

/** The canonical hash of what a phone sent: the same sale always hashes the same, key order aside. */
export function contentHash(sale: SaleInput): string {
  const canonical = JSON.stringify([
    sale.eventId,
    new Date(sale.soldAt).toISOString(),
    sale.lines.map((l) => [l.productId, l.quantity, l.priceCents ?? null, l.reason ?? '']),
    [sale.payment.method, sale.payment.givenCents ?? null],
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const DAY_MS = 24 * 3600 * 1000;

/** The moment the ledger uses: the phone's, kept within the event's Vilnius day and never ahead of now. */
export function postingMoment(soldAt: Date, eventDate: string, now: Date): Date {
  const [y, m, d] = parseCalendarDate(eventDate)!;
  const start = vilniusDayStart(y, m, d).getTime();
  const end = vilniusDayStart(y, m, d + 1).getTime() - 1;
  const onDay = Math.min(Math.max(soldAt.getTime(), start), Math.max(end, start + DAY_MS - 1));
  return new Date(Math.min(onDay, now.getTime()));
}

function sellable(product: ProductDoc | undefined): product is ProductDoc {
  return !!product && product.kind === 'good' && product.status !== 'archived';
}

/** What the batch reads once: its events, whether each is closed, its products. */
interface BatchContext {
  events: Map<string, FairEventDoc | null>;
  closed: Map<string, boolean>;
  products: Map<string, ProductDoc>;
  by: string;
}

/** The sale as stored: priced from the catalogue (or the stated price), with its payment worked out. */
async function priceSale(input: SaleInput, ctx: BatchContext, now: Date) {
  const event = ctx.events.get(input.eventId);
  if (!event) throw new Refusal('fair.errors.unknownEvent');
  const lines = input.lines.map((l, i) => {
    const product = ctx.products.get(l.productId);
    if (!sellable(product)) throw new Refusal('fair.errors.unknownProduct', { line: i + 1 });
    const override = l.priceCents !== undefined && l.priceCents !== product.grossCents;
    const unitPriceCents = override ? l.priceCents! : product.priceCents;
    const includesVat = override ? true : product.priceIncludesVat;
    const amounts = lineAmounts(unitPriceCents, l.quantity, product.vatRateBps, includesVat);
    return {
      lineId: `L${i + 1}`,
      productId: l.productId,
      stockKept: product.stockMode === 'stock',
      sku: product.sku,
      title: { lt: product.title?.lt ?? '', en: product.title?.en ?? '' },
      quantity: l.quantity,
      unitPriceCents,
      priceIncludesVat: includesVat,
      cataloguePriceCents: override ? product.grossCents : null,
      overrideReason: override ? (l.reason ?? '') : '',
      vatRateBps: product.vatRateBps,
      netCents: amounts.netCents,
      vatCents: amounts.vatCents,
      grossCents: amounts.grossCents,
      shortfall: 0,
    };
  });
  const grossCents = lines.reduce((s, l) => s + l.grossCents, 0);
  if (grossCents <= 0) throw new Refusal('fair.errors.zeroTotal');
  const cash = input.payment.method === 'cash';
  const dueCents = cash ? cashDue(grossCents) : grossCents;
  const given = input.payment.givenCents;
  if (cash && given !== undefined && given < dueCents) throw new Refusal('fair.errors.givenTooLittle');
  const soldAt = new Date(input.soldAt);
  let postedAt = postingMoment(soldAt, event.date, now);
  // A month whose stipends are frozen takes no new income: the sale lands in the month it arrives.
  if (vilniusPeriod(postedAt) !== vilniusPeriod(now) && (await isPeriodFinalised(vilniusPeriod(postedAt))))
    postedAt = now;
  return {
    event,
    doc: {
      _id: input.id,
      eventId: input.eventId,
      contentHash: contentHash(input),
      lines,
      netCents: lines.reduce((s, l) => s + l.netCents, 0),
      vatCents: lines.reduce((s, l) => s + l.vatCents, 0),
      grossCents,
      payment: {
        method: input.payment.method,
        dueCents,
        roundingCents: dueCents - grossCents,
        givenCents: cash ? (given ?? dueCents) : null,
        changeCents: cash ? (given ?? dueCents) - dueCents : 0,
      },
      soldAt,
      postedAt,
      receivedAt: now,
      by: ctx.by,
      late: ctx.closed.get(input.eventId) === true,
    },
  };
}

const turns = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after this process's earlier work on the same product: sales of one good then take
 * their stock versions one after another instead of clashing and retrying. (The unique version in
 * the stock log still decides between processes.)
 */
function inTurn<T>(productId: string, work: () => Promise<T>): Promise<T> {
  const before = turns.get(productId) ?? Promise.resolve();
  const mine = before.then(work, work);
  const settled = mine.catch(() => undefined);
  turns.set(productId, settled);
  void settled.then(() => {
    if (turns.get(productId) === settled) turns.delete(productId);
  });
  return mine;
}

/**
 * The stock and the ledger entry of a stored sale; keyed, so running it again changes nothing. The
 * units leave stock through the catalogue (down to 0 at most: the shortfall is recorded on the line
 * and the sale flagged for staff).
 */
export async function completeSale(sale: FairSaleDoc, eventName: string): Promise<{ shortfall: boolean }> {
  const byProduct = new Map<string, number>();
  for (const l of sale.lines) {
    if (l.stockKept === false) continue;
    byProduct.set(l.productId, (byProduct.get(l.productId) ?? 0) + l.quantity);
  }
  const missing = new Map<string, number>();
  for (const [productId, quantity] of byProduct) {
    const take = await inTurn(productId, () => takeSoldStock(productId, quantity, `fair:${sale._id}`));
    if (take.shortfall > 0) missing.set(productId, take.shortfall);
  }
  await postEntry(fairSaleEntry(sale, eventName));
  if (!sale.appliedAt) {
    const lines = sale.lines.map((l) => {
      const short = missing.get(l.productId) ?? 0;
      missing.delete(l.productId);
      return { ...l, shortfall: short };
    });
    const shortfall = lines.some((l) => l.shortfall > 0);
    await FairSale.updateOne({ _id: sale._id }, { $set: { appliedAt: new Date(), shortfall, lines } });
    return { shortfall };
  }
  return { shortfall: sale.shortfall };
}

/** A sale id seen before: the same contents are a retry (complete it); others are refused and logged. */
async function seenBefore(
  input: SaleInput,
  raw: unknown,
  by: string,
  known?: FairSaleDoc,
): Promise<SaleResult> {
  const first = known ?? (await FairSale.findById(input.id).lean<FairSaleDoc>());
  if (!first) throw new Error(`sale ${input.id} clashed but is not stored`);
  const hash = contentHash(input);
  if (first.contentHash !== hash) {
    await FairSaleConflict.create({
      saleId: input.id,
      eventId: first.eventId,
      firstHash: first.contentHash,
      hash,
      payload: raw,
      by,
    });
    return { id: input.id, status: 'conflict', message: { key: 'fair.errors.replayDiffers', params: {} } };
  }
  if (first.appliedAt)
    return { id: input.id, status: 'already', late: first.late, shortfall: first.shortfall };
  // Stored, but its stock or ledger entry may be missing (interrupted): complete it.
  const event = await FairEvent.findById(first.eventId, { name: 1 }).lean();
  const done = await completeSale(first, event?.name ?? '');
  return { id: input.id, status: 'already', late: first.late, shortfall: done.shortfall };
}

async function applyOne(raw: unknown, ctx: BatchContext): Promise<SaleResult> {
  const parsed = saleInput.safeParse(raw, { error: formErrorMap });
  const rawId = (raw as { id?: unknown } | null)?.id;
  const id = typeof rawId === 'string' ? rawId.slice(0, 64) : '';
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const line = issue.path[0] === 'lines' && typeof issue.path[1] === 'number' ? issue.path[1] + 1 : 0;
    return { id, status: 'refused', message: { key: issue.message, params: { line } } };
  }
  const input = parsed.data;
  const known = await FairSale.findById(input.id).lean<FairSaleDoc>();
  if (known) return seenBefore(input, raw, ctx.by, known);
  let priced;
  try {
    priced = await priceSale(input, ctx, new Date());
  } catch (err) {
    if (err instanceof Refusal)
      return { id, status: 'refused', message: { key: err.key, params: err.params } };
    throw err;
  }
  try {
    await FairSale.create(priced.doc);
  } catch (err) {
    if (isDuplicateKeyError(err)) return seenBefore(input, raw, ctx.by);
    throw err;
  }
  const done = await completeSale(
    { ...priced.doc, shortfall: false, appliedAt: null } as FairSaleDoc,
    priced.event.name,
  );
  return { id, status: 'applied', late: priced.doc.late, shortfall: done.shortfall };
}

function idsOf(raws: unknown[], pick: (r: Record<string, unknown>) => unknown): string[] {
  const ids = new Set<string>();
  for (const r of raws) {
    const v = r && typeof r === 'object' ? pick(r as Record<string, unknown>) : undefined;
    if (typeof v === 'string' && /^[a-f0-9]{24}$/.test(v)) ids.add(v);
  }
  return [...ids];
}

/** How many sales of a batch are applied at once (stock of one product is still taken in turn). */
const CONCURRENCY = 6;

/**
 * Applies a batch of sales from a phone, each on its own: the answer lists every sale as applied,
 * already applied, refused (with the reason) or a conflicting replay.
 */
export async function applySales(raws: unknown[], by: string): Promise<SaleResult[]> {
  const eventIds = idsOf(raws, (r) => r.eventId);
  const productIds = idsOf(
    raws.flatMap((r) =>
      r && typeof r === 'object' && Array.isArray((r as { lines?: unknown }).lines)
        ? (r as { lines: unknown[] }).lines
        : [],
    ),
    (l) => l.productId,
  );
  const [events, closings, products] = await Promise.all([
    FairEvent.find({ _id: { $in: eventIds } }).lean<FairEventDoc[]>(),
    FairClosing.find({ _id: { $in: eventIds } }, { _id: 1 }).lean(),
    productsByIds(productIds),
  ]);
  const ctx: BatchContext = {
    events: new Map(events.map((e) => [String(e._id), e])),
    closed: new Map(closings.map((c) => [String(c._id), true])),
    products: new Map(products.map((p) => [String(p._id), p])),
    by,
  };
  const results: SaleResult[] = new Array(raws.length);
  let next = 0;
  const worker = async () => {
    while (next < raws.length) {
      const i = next++;
      results[i] = await applyOne(raws[i], ctx);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, raws.length) }, worker));
  return results;
}
