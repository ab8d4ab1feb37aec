/**
 * Completing stored sales, many at once: their units leave stock in one movement per product (the
 * movement lists each sale), their ledger entries are posted in one bulk insert (keyed per sale),
 * and they are marked applied. Each step is idempotent and detectable — the stock log knows which
 * sales it took, the ledger knows which keys it holds — so a batch interrupted between steps is
 * finished by the next call with the same sales, and two calls at once do nothing twice.
 */
import { takeSoldStockBatch, type BatchTake, type SoldUnits } from '../catalog/service.ts';
import { postEntries } from '../ledger/service.ts';
import { onlyClashes } from '../db/errors.ts';
import { FairSale, FairSaleApplied, type FairSaleDoc } from './model.ts';
import { fairSaleEntry } from './postings.ts';

/** Where a test can stop a batch between its steps (a crash); empty in the running app. */
export const completionHooks: { afterStep?: (step: 'stored' | 'stock' | 'ledger') => Promise<void> } = {};

export async function afterStep(step: 'stored' | 'stock' | 'ledger'): Promise<void> {
  if (completionHooks.afterStep) await completionHooks.afterStep(step);
}

const turns = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after this process's earlier work on the same product: batches of one good then take
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
 * The stock, the ledger entries and the applied mark of stored sales; running it again (or at the
 * same time) changes nothing. Units leave stock down to 0 at most: the shortfall is recorded on the
 * sale's lines and the sale flagged. The sales are ones not known to be completed (one completed
 * meanwhile by another call is marked once all the same). Answers each sale's shortfall, by sale id.
 */
export async function completeSales(
  sales: FairSaleDoc[],
  eventNames: Map<string, string>,
): Promise<Map<string, boolean>> {
  const done = new Map<string, boolean>();
  if (sales.length === 0) return done;
  const byProduct = new Map<string, SoldUnits[]>();
  for (const sale of sales) {
    const units = new Map<string, number>();
    for (const l of sale.lines) {
      if (l.stockKept === false) continue;
      units.set(l.productId, (units.get(l.productId) ?? 0) + l.quantity);
    }
    for (const [productId, quantity] of units) {
      const list = byProduct.get(productId) ?? [];
      list.push({ key: `fair:${sale._id}`, quantity });
      byProduct.set(productId, list);
    }
  }
  const takes = new Map<string, BatchTake>();
  await Promise.all(
    [...byProduct].map(async ([productId, list]) => {
      takes.set(productId, await inTurn(productId, () => takeSoldStockBatch(productId, list)));
    }),
  );
  await afterStep('stock');
  await postEntries(sales.map((s) => fairSaleEntry(s, eventNames.get(s.eventId) ?? '')));
  await afterStep('ledger');

  const marks: { _id: string; at: Date }[] = [];
  const now = new Date();
  for (const sale of sales) {
    const missing = new Map<string, number>();
    for (const [productId, take] of takes) {
      const t = take.get(`fair:${sale._id}`);
      if (t && t.shortfall > 0) missing.set(productId, t.shortfall);
    }
    // The shortfall is written on the sale's first line of the product.
    const lines = sale.lines.map((l) => {
      const s = missing.get(l.productId) ?? 0;
      missing.delete(l.productId);
      return { ...l, shortfall: s };
    });
    const shortfall = lines.some((l) => l.shortfall > 0);
    done.set(sale._id, shortfall);
    // Recorded before the mark, so a marked sale always carries its shortfall.
    if (shortfall) await FairSale.updateOne({ _id: sale._id }, { $set: { shortfall: true, lines } });
    marks.push({ _id: sale._id, at: now });
  }
  if (marks.length > 0) {
    try {
      await FairSaleApplied.insertMany(marks, { ordered: false });
    } catch (err) {
      // Marked by another call at the same time: the same fact.
      if (!onlyClashes(err)) throw err;
    }
  }
  return done;
}
