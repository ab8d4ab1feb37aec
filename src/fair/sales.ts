/**
 * Applying the sales phones send: each once, whatever the number of retries, in any order, from any
 * number of phones. The insert of the sale under the phone's id is the once-only decision; the
 * stock movements and the ledger entry are keyed by the sale, so a retry completes what an
 * interrupted one left and does nothing twice.
 */
import { createHash, randomBytes } from 'node:crypto';
import { productsByIds, type ProductDoc } from '../catalog/service.ts';
import { onlyClashes } from '../db/errors.ts';
import { vilniusDayStart, vilniusPeriod, parseCalendarDate } from '../lib/dates.ts';
import { lineAmounts } from '../orders/service.ts';
import { isPeriodFinalised } from '../stipends/service.ts';
import { formErrorMap } from '../web/form-fields.ts';
import {
  FairClosing,
  FairEvent,
  FairSale,
  FairSaleConflict,
  appliedAmong,
  type FairEventDoc,
  type FairSaleDoc,
} from './model.ts';
import { afterStep, completeSales } from './complete.ts';
import { cashDue } from './postings.ts';
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
  /** Whether a month's stipends are finalised, asked once per month in a batch. */
  finalised: Map<string, Promise<boolean>>;
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
  const period = vilniusPeriod(postedAt);
  if (period !== vilniusPeriod(now)) {
    if (!ctx.finalised.has(period)) ctx.finalised.set(period, isPeriodFinalised(period));
    if (await ctx.finalised.get(period)) postedAt = now;
  }
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

/** A stored sale as the batch reads it: the same contents are a retry, others a conflicting replay. */
async function seenBefore(
  input: SaleInput,
  raw: unknown,
  by: string,
  first: FairSaleDoc,
  applied: boolean,
): Promise<SaleResult | 'complete'> {
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
  if (applied) return { id: input.id, status: 'already', late: first.late, shortfall: first.shortfall };
  // Stored, but its stock or ledger entry may be missing (interrupted or still under way): complete it.
  return 'complete';
}

/**
 * Inserts the sales in one unordered insert: the stored sales, or null when some ids were stored
 * already (another request's; the caller reads them back).
 */
async function insertSales(docs: Record<string, unknown>[]): Promise<FairSaleDoc[] | null> {
  if (docs.length === 0) return [];
  let inserted: FairSaleDoc[] | null = null;
  try {
    inserted = (await FairSale.insertMany(docs, { ordered: false })).map((d) => d.toObject() as FairSaleDoc);
  } catch (err) {
    if (!onlyClashes(err)) throw err;
  }
  await afterStep('stored');
  return inserted;
}

function idsOf(raws: unknown[], pick: (r: Record<string, unknown>) => unknown): string[] {
  const ids = new Set<string>();
  for (const r of raws) {
    const v = r && typeof r === 'object' ? pick(r as Record<string, unknown>) : undefined;
    if (typeof v === 'string' && /^[a-f0-9]{24}$/.test(v)) ids.add(v);
  }
  return [...ids];
}

/**
 * Applies a batch of sales from a phone, each on its own: the answer lists every sale as applied,
 * already applied, refused (with the reason) or a conflicting replay. The batch's new sales are
 * stored in one insert and completed together (`completeSales`); sales stored before but not
 * completed (an interrupted request, or another phone's request still under way) are completed
 * with them. A sale id twice in one batch: the first decides, the later ones are its replays.
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
    finalised: new Map(),
    by,
  };
  const results: SaleResult[] = new Array(raws.length);
  const valid: { i: number; input: SaleInput; raw: unknown }[] = [];
  for (const [i, raw] of raws.entries()) {
    const parsed = saleInput.safeParse(raw, { error: formErrorMap });
    if (parsed.success) {
      valid.push({ i, input: parsed.data, raw });
      continue;
    }
    const rawId = (raw as { id?: unknown } | null)?.id;
    const issue = parsed.error.issues[0]!;
    const line = issue.path[0] === 'lines' && typeof issue.path[1] === 'number' ? issue.path[1] + 1 : 0;
    results[i] = {
      id: typeof rawId === 'string' ? rawId.slice(0, 64) : '',
      status: 'refused',
      message: { key: issue.message, params: { line } },
    };
  }
  const ids = [...new Set(valid.map((v) => v.input.id))];
  const stored = async () =>
    new Map(
      (await FairSale.find({ _id: { $in: ids } }).lean<FairSaleDoc[]>()).map((s) => [s._id, s] as const),
    );
  const known = await stored();

  // New sales: priced and stored in one insert under this request's batch id.
  const batch = randomBytes(12).toString('hex');
  const now = new Date();
  const firstOf = new Set<string>();
  const replays: typeof valid = [];
  const fresh: (typeof valid)[number][] = [];
  const docs: Record<string, unknown>[] = [];
  for (const v of valid) {
    if (known.has(v.input.id) || firstOf.has(v.input.id)) {
      replays.push(v);
      continue;
    }
    firstOf.add(v.input.id);
    try {
      const priced = await priceSale(v.input, ctx, now);
      docs.push({ ...priced.doc, batch });
      fresh.push(v);
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      results[v.i] = { id: v.input.id, status: 'refused', message: { key: err.key, params: err.params } };
      // Nothing stored: a later copy in the batch is checked on its own, as if sent after.
      firstOf.delete(v.input.id);
    }
  }
  const inserted = await insertSales(docs);
  const now2 =
    inserted && replays.length === 0
      ? new Map([...known, ...inserted.map((d) => [d._id, d] as const)])
      : await stored();

  // Every stored sale of the batch not yet completed is completed together: this request's own and
  // those another request stored (same contents) but has not finished.
  const applied = await appliedAmong([...now2.values()].filter((s) => s.batch !== batch));
  const toComplete = new Map<string, FairSaleDoc>();
  const answer = async (v: (typeof valid)[number], mine: boolean) => {
    const sale = now2.get(v.input.id);
    if (!sale) throw new Error(`sale ${v.input.id} was inserted or known but is not stored`);
    if (mine && sale.batch === batch) {
      toComplete.set(sale._id, sale);
      results[v.i] = { id: v.input.id, status: 'applied', late: sale.late };
      return;
    }
    const seen = await seenBefore(v.input, v.raw, by, sale, applied.has(sale._id));
    if (seen === 'complete') {
      toComplete.set(sale._id, sale);
      results[v.i] = { id: v.input.id, status: 'already', late: sale.late };
    } else results[v.i] = seen;
  };
  for (const v of fresh) await answer(v, true);
  for (const v of replays) await answer(v, false);

  const names = new Map(events.map((e) => [String(e._id), e.name]));
  const missingEvents = [...new Set([...toComplete.values()].map((s) => s.eventId))].filter(
    (id) => !names.has(id),
  );
  if (missingEvents.length > 0)
    for (const e of await FairEvent.find({ _id: { $in: missingEvents } }, { name: 1 }).lean())
      names.set(String(e._id), e.name);
  const shortfalls = await completeSales([...toComplete.values()], names);
  for (const r of results)
    if (r && (r.status === 'applied' || r.status === 'already') && shortfalls.has(r.id))
      r.shortfall = shortfalls.get(r.id);
  return results;
}
