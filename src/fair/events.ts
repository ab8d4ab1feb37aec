/** Sales events: opening one, what it shows (totals, flagged sales, goods), voiding a sale, closing it. */
import { goodsOnSale, productsByIds, returnSoldStockAny, type ProductDoc } from '../catalog/service.ts';
import { claimOnce } from '../db/once.ts';
import { ConflictError, NotFoundError } from '../lib/errors.ts';
import { postEntry } from '../ledger/service.ts';
import {
  appliedAmong,
  FairClosing,
  FairEvent,
  FairSale,
  FairSaleConflict,
  FairVoid,
  type FairClosingDoc,
  type FairEventDoc,
  type FairSaleDoc,
  type FairVoidDoc,
} from './model.ts';
import { fairVoidEntry, receiptLabel } from './postings.ts';
import type { CloseInput, EventInput } from './schemas.ts';

/** The goods offered for an event's allotment form (and the sell page when it has none). */
export const MAX_GOODS = 150;

export async function createEvent(
  input: EventInput,
  allotment: { productId: string; quantity: number }[],
  by: string,
): Promise<string> {
  const known = new Set((await productsByIds(allotment.map((a) => a.productId))).map((p) => String(p._id)));
  const doc = await FairEvent.create({
    name: input.name,
    place: input.place,
    date: input.date,
    allotment: allotment.filter((a) => a.quantity > 0 && known.has(a.productId)),
    createdBy: by,
  });
  return String(doc._id);
}

export async function getEvent(id: string): Promise<FairEventDoc> {
  const event = await FairEvent.findById(id).lean<FairEventDoc>();
  if (!event) throw new NotFoundError();
  return event;
}

export async function isClosed(eventId: string): Promise<boolean> {
  return (await FairClosing.exists({ _id: eventId })) !== null;
}

export interface EventListItem {
  id: string;
  name: string;
  place: string;
  date: string;
  closed: boolean;
}

/** Open events first, then the closed ones; newest day first within each. */
export async function listEvents(limit = 100): Promise<EventListItem[]> {
  const events = await FairEvent.find({}).sort({ date: -1, _id: -1 }).limit(limit).lean<FairEventDoc[]>();
  const closed = new Set(
    (await FairClosing.find({ _id: { $in: events.map((e) => String(e._id)) } }, { _id: 1 }).lean()).map((c) =>
      String(c._id),
    ),
  );
  const items = events.map((e) => ({
    id: String(e._id),
    name: e.name,
    place: e.place ?? '',
    date: e.date,
    closed: closed.has(String(e._id)),
  }));
  return [...items.filter((e) => !e.closed), ...items.filter((e) => e.closed)];
}

/** The goods a stall sells: the event's allotment, or (none listed) the catalogue's goods by title. */
export async function stallGoods(event: FairEventDoc): Promise<ProductDoc[]> {
  if (event.allotment.length === 0) return goodsOnSale(MAX_GOODS);
  const order = new Map(event.allotment.map((a, i) => [a.productId, i]));
  return (await productsByIds([...order.keys()]))
    .filter((p) => p.kind === 'good' && p.status !== 'archived')
    .sort((a, b) => order.get(String(a._id))! - order.get(String(b._id))!);
}

export interface MethodTotals {
  count: number;
  grossCents: number;
  dueCents: number;
  roundingCents: number;
}

const emptyTotals = (): MethodTotals => ({ count: 0, grossCents: 0, dueCents: 0, roundingCents: 0 });

function add(t: MethodTotals, s: FairSaleDoc): void {
  t.count += 1;
  t.grossCents += s.grossCents;
  t.dueCents += s.payment!.dueCents;
  t.roundingCents += s.payment!.roundingCents;
}

export interface SaleRow {
  id: string;
  receipt: string;
  soldAt: Date;
  method: string;
  grossCents: number;
  dueCents: number;
  roundingCents: number;
  givenCents: number | null;
  changeCents: number;
  lines: {
    title: { lt: string; en: string };
    quantity: number;
    grossCents: number;
    overrideReason: string;
    shortfall: number;
  }[];
  late: boolean;
  shortfall: boolean;
  voided: FairVoidDoc | null;
}

export interface EventView {
  event: FairEventDoc;
  closing: FairClosingDoc | null;
  sales: SaleRow[];
  /** Sales counted (not voided), per payment method, and together. */
  cash: MethodTotals;
  card: MethodTotals;
  total: MethodTotals;
  voided: MethodTotals;
  /** Sales that arrived after the closing (from an offline phone): differences on top of the closing's. */
  late: { cash: MethodTotals; card: MethodTotals };
  flagged: SaleRow[];
  conflicts: number;
  goods: {
    productId: string;
    title: { lt: string; en: string };
    allotted: number | null;
    sold: number;
    left: number | null;
  }[];
}

/** Everything the event's pages show, computed from its sales (the sales are the truth). */
export async function eventView(id: string): Promise<EventView> {
  const event = await getEvent(id);
  const [closing, sales, voids, conflicts] = await Promise.all([
    FairClosing.findById(id).lean<FairClosingDoc>(),
    FairSale.find({ eventId: id }).sort({ soldAt: -1, _id: 1 }).lean<FairSaleDoc[]>(),
    FairVoid.find({ eventId: id }).lean<FairVoidDoc[]>(),
    FairSaleConflict.countDocuments({ eventId: id }),
  ]);
  const voidById = new Map(voids.map((v) => [v._id, v]));
  const view: EventView = {
    event,
    closing,
    sales: [],
    cash: emptyTotals(),
    card: emptyTotals(),
    total: emptyTotals(),
    voided: emptyTotals(),
    late: { cash: emptyTotals(), card: emptyTotals() },
    flagged: [],
    conflicts,
    goods: [],
  };
  const sold = new Map<string, { title: { lt: string; en: string }; quantity: number }>();
  for (const s of sales) {
    const voided = voidById.get(s._id) ?? null;
    const late = s.late || (closing !== null && s.receivedAt > closing.at);
    const row: SaleRow = {
      id: s._id,
      receipt: receiptLabel(s._id),
      soldAt: s.soldAt,
      method: s.payment!.method,
      grossCents: s.grossCents,
      dueCents: s.payment!.dueCents,
      roundingCents: s.payment!.roundingCents,
      givenCents: s.payment!.givenCents ?? null,
      changeCents: s.payment!.changeCents,
      lines: s.lines.map((l) => ({
        title: { lt: l.title?.lt ?? '', en: l.title?.en ?? '' },
        quantity: l.quantity,
        grossCents: l.grossCents,
        overrideReason: l.overrideReason ?? '',
        shortfall: l.shortfall ?? 0,
      })),
      late,
      shortfall: s.shortfall,
      voided,
    };
    view.sales.push(row);
    if (voided) {
      add(view.voided, s);
      continue;
    }
    const method = s.payment!.method === 'cash' ? 'cash' : 'card';
    add(view[method], s);
    add(view.total, s);
    if (late) add(view.late[method], s);
    if (late || s.shortfall) view.flagged.push(row);
    for (const l of s.lines) {
      const entry = sold.get(l.productId) ?? {
        title: { lt: l.title?.lt ?? '', en: l.title?.en ?? '' },
        quantity: 0,
      };
      entry.quantity += l.quantity;
      sold.set(l.productId, entry);
    }
  }
  const allotted = new Map(event.allotment.map((a) => [a.productId, a.quantity]));
  const titles = new Map(
    (await productsByIds([...allotted.keys()].filter((p) => !sold.has(p)))).map((p) => [
      String(p._id),
      { lt: p.title?.lt ?? '', en: p.title?.en ?? '' },
    ]),
  );
  for (const productId of new Set([...allotted.keys(), ...sold.keys()])) {
    const a = allotted.get(productId) ?? null;
    const q = sold.get(productId)?.quantity ?? 0;
    view.goods.push({
      productId,
      title: sold.get(productId)?.title ?? titles.get(productId) ?? { lt: '', en: '' },
      allotted: a,
      sold: q,
      left: a === null ? null : a - q,
    });
  }
  return view;
}

/**
 * Voids a sale of an open event: a reversal entry dated now (never a delete) and the units it took
 * back in stock. Once per sale (`fair_voids` is keyed by the sale); a repeat completes and says so.
 */
export async function voidSale(eventId: string, saleId: string, reason: string, by: string): Promise<void> {
  const sale = await FairSale.findOne({ _id: saleId, eventId }).lean<FairSaleDoc>();
  if (!sale) throw new NotFoundError();
  if (await isClosed(eventId)) throw new ConflictError('fair.errors.voidClosed');
  if (!(await appliedAmong([sale])).has(sale._id)) throw new ConflictError('fair.errors.notApplied');
  const event = await getEvent(eventId);
  const first = await claimOnce(FairVoid, { _id: saleId, eventId, reason, by });
  const record = (await FairVoid.findById(saleId).lean<FairVoidDoc>())!;
  await postEntry(fairVoidEntry(sale, event.name, record.at));
  for (const productId of new Set(sale.lines.filter((l) => l.stockKept !== false).map((l) => l.productId)))
    await returnSoldStockAny(productId, `fair:${saleId}`);
  if (!first) throw new ConflictError('fair.errors.alreadyVoided');
}

/**
 * Closes an event once (`fair_closings` keyed by the event): what the sales add up to per payment
 * method, what staff counted and typed, and the differences (typed − expected), all kept.
 */
export async function closeEvent(eventId: string, input: CloseInput, by: string): Promise<FairClosingDoc> {
  const view = await eventView(eventId);
  if (view.closing) throw new ConflictError('fair.errors.alreadyClosed');
  const expected = {
    cashCents: view.cash.dueCents,
    cardCents: view.card.dueCents,
    registerCents: view.cash.dueCents + view.card.dueCents,
  };
  const counted = {
    cashCents: input.countedCash,
    terminalCents: input.terminalTotal,
    registerCents: input.registerTotal,
  };
  const claimed = await claimOnce(FairClosing, {
    _id: eventId,
    expected,
    counted,
    differences: {
      cashCents: counted.cashCents - expected.cashCents,
      terminalCents: counted.terminalCents - expected.cardCents,
      registerCents: counted.registerCents - expected.registerCents,
    },
    salesCount: view.total.count,
    note: input.note,
    by,
  });
  if (!claimed) throw new ConflictError('fair.errors.alreadyClosed');
  await FairEvent.updateOne({ _id: eventId }, { $set: { status: 'closed' } });
  return (await FairClosing.findById(eventId).lean<FairClosingDoc>())!;
}
