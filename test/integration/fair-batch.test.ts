import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { currentStock } from '../../src/catalog/service.ts';
import { StockMovement } from '../../src/catalog/stock.ts';
import { completionHooks } from '../../src/fair/complete.ts';
import { FairSale, FairSaleApplied, FairSaleConflict } from '../../src/fair/model.ts';
import { applySales, createEvent, voidSale } from '../../src/fair/service.ts';
import { JournalEntry } from '../../src/ledger/model.ts';
import { lockPeriod, PeriodLockedError, postEntries, postEntry } from '../../src/ledger/service.ts';
import { vilniusDate } from '../../src/lib/dates.ts';
import { useTestApp } from '../support/app.ts';
import { publishedGood } from './helpers.ts';

/** A sync batch applied together: duplicates inside it, two at once, and one interrupted between steps. */
describe('fair sync batches: stored, stocked, posted and marked together', function () {
  const t = useTestApp();
  let eventId: string;
  let bowl: string;

  const sale = (productId: string, quantity = 1) => ({
    id: randomUUID(),
    eventId,
    soldAt: new Date().toISOString(),
    lines: [{ productId, quantity }],
    payment: { method: 'card_terminal' },
  });

  /** Every sale of the list stored, posted and marked exactly once. */
  async function onceEach(ids: string[]) {
    for (const id of ids) {
      expect(await FairSale.countDocuments({ _id: id }), id).to.equal(1);
      expect(await JournalEntry.countDocuments({ idempotencyKey: `fair:${id}:sold` }), id).to.equal(1);
      expect(await FairSaleApplied.countDocuments({ _id: id }), id).to.equal(1);
    }
    // Each sale's units were taken by exactly one movement.
    const listed = (await StockMovement.find({ 'sales.key': { $in: ids.map((i) => `fair:${i}`) } }).lean())
      .flatMap((m) => m.sales ?? [])
      .map((s) => s.key)
      .filter((k) => ids.includes(k!.slice('fair:'.length)));
    expect(listed.sort()).to.deep.equal(ids.map((i) => `fair:${i}`).sort());
  }

  before(async () => {
    bowl = await publishedGood(t.storage, {
      titleLt: 'Dubenėlis',
      sku: 'FB-1',
      price: 1000,
      stockQuantity: 1000,
    });
    eventId = await createEvent({ name: 'Batch fair', place: '', date: vilniusDate(new Date()) }, [], 'test');
  });

  afterEach(() => {
    delete completionHooks.afterStep;
  });

  it('a batch with a sale twice and a changed replay inside it: applied once, the replay refused', async () => {
    const before = await currentStock(bowl);
    const a = sale(bowl, 2);
    const b = sale(bowl, 3);
    const changed = { ...a, lines: [{ productId: bowl, quantity: 7 }] };
    const res = await applySales([a, b, a, changed, { ...a }], 'test');
    expect(res.map((r) => r.status)).to.deep.equal(['applied', 'applied', 'already', 'conflict', 'already']);
    await onceEach([a.id, b.id]);
    expect(await currentStock(bowl)).to.equal(before - 5);
    expect(await FairSaleConflict.countDocuments({ saleId: a.id })).to.equal(1);
    expect((await FairSale.findById(a.id).lean())!.lines[0]!.quantity).to.equal(2);
  });

  it('two batches with overlapping sales at the same time: each sale once, stock exact', async () => {
    const before = await currentStock(bowl);
    const sales = Array.from({ length: 30 }, (_, i) => sale(bowl, 1 + (i % 3)));
    const [one, two] = await Promise.all([
      applySales(sales.slice(0, 20), 'phone-1'),
      applySales(sales.slice(10).reverse(), 'phone-2'),
    ]);
    const overlap = new Set(sales.slice(10, 20).map((s) => s.id));
    for (const r of [...one, ...two]) expect(['applied', 'already']).to.include(r.status);
    // Each overlapping sale is "applied" for exactly one of the phones.
    for (const id of overlap) {
      const statuses = [...one, ...two]
        .filter((r) => r.id === id)
        .map((r) => r.status)
        .sort();
      expect(statuses, id).to.deep.equal(['already', 'applied']);
    }
    await onceEach(sales.map((s) => s.id));
    const units = sales.reduce((n, s) => n + s.lines[0]!.quantity, 0);
    expect(await currentStock(bowl)).to.equal(before - units);
  });

  it('two overlapping batches selling more than there is: stock stops at 0, the shortfall adds up', async () => {
    const jug = await publishedGood(t.storage, {
      titleLt: 'Ąsotis',
      sku: 'FB-2',
      price: 900,
      stockQuantity: 5,
    });
    const sales = Array.from({ length: 8 }, () => sale(jug, 1));
    await Promise.all([applySales(sales.slice(0, 6), 'phone-1'), applySales(sales.slice(2), 'phone-2')]);
    await onceEach(sales.map((s) => s.id));
    expect(await currentStock(jug)).to.equal(0);
    const stored = await FairSale.find({ _id: { $in: sales.map((s) => s.id) } }).lean();
    expect(stored.reduce((n, s) => n + s.lines[0]!.shortfall, 0)).to.equal(3);
    expect(stored.filter((s) => s.shortfall)).to.have.length(3);
  });

  for (const step of ['stored', 'stock', 'ledger'] as const) {
    it(`a batch interrupted after "${step}" is completed by the retry, nothing twice`, async () => {
      const before = await currentStock(bowl);
      const sales = Array.from({ length: 6 }, (_, i) => sale(bowl, 1 + (i % 2)));
      completionHooks.afterStep = async (s) => {
        if (s === step) throw new Error(`crash after ${step}`);
      };
      let crashed: unknown;
      await applySales(sales, 'phone-1').catch((err: unknown) => (crashed = err));
      expect(String(crashed)).to.contain(`crash after ${step}`);
      expect(await FairSaleApplied.countDocuments({ _id: { $in: sales.map((s) => s.id) } })).to.equal(0);
      delete completionHooks.afterStep;

      // The phone sends the queue again, with one new sale at its end.
      const extra = sale(bowl, 4);
      const res = await applySales([...sales, extra], 'phone-1');
      expect(res.map((r) => r.status)).to.deep.equal([...sales.map(() => 'already'), 'applied']);
      await onceEach([...sales, extra].map((s) => s.id));
      const units = [...sales, extra].reduce((n, s) => n + s.lines[0]!.quantity, 0);
      expect(await currentStock(bowl)).to.equal(before - units);
      expect(await JournalEntry.countDocuments({ 'reference.id': { $in: sales.map((s) => s.id) } })).to.equal(
        sales.length,
      );
    });
  }

  it('a sale taken in a batch is voided with its units back, once', async () => {
    const s = sale(bowl, 3);
    await applySales([s, sale(bowl, 1)], 'phone-1');
    const before = await currentStock(bowl);
    await voidSale(eventId, s.id, 'Klaida', 'test');
    await voidSale(eventId, s.id, 'Klaida', 'test').catch(() => undefined);
    expect(await currentStock(bowl)).to.equal(before + 3);
  });

  describe('postEntries: many entries, each as postEntry would', () => {
    const entry = (key: string, cents: number, postedAt?: Date) => ({
      idempotencyKey: key,
      kind: 'test',
      reference: { type: 'test', id: key },
      postedAt,
      lines: [
        { account: 'assets:cash', debitCents: cents },
        { account: 'income:products', creditCents: cents },
      ],
    });

    it('posts each once: a key stored before is answered with the stored entry', async () => {
      const first = await postEntry(entry('bulk-1', 100));
      const res = await postEntries([entry('bulk-1', 999), entry('bulk-2', 200), entry('bulk-3', 300)]);
      expect(res.map((r) => r.posted)).to.deep.equal([false, true, true]);
      expect(String(res[0]!.entry._id)).to.equal(String(first.entry._id));
      expect(res[0]!.entry.totalCents).to.equal(100);
      const again = await postEntries([entry('bulk-2', 200), entry('bulk-3', 300)]);
      expect(again.map((r) => r.posted)).to.deep.equal([false, false]);
      expect(await JournalEntry.countDocuments({ idempotencyKey: /^bulk-/ })).to.equal(3);
    });

    it('refuses an unbalanced entry or one in a locked period, storing none of the batch', async () => {
      const bad = { ...entry('bulk-bad', 100), lines: [{ account: 'assets:cash', debitCents: 100 }] };
      let err: unknown;
      await postEntries([entry('bulk-4', 100), bad]).catch((e: unknown) => (err = e));
      expect(String(err)).to.match(/two non-zero lines/);
      await lockPeriod('2020-01', { id: 'test', name: 'Test' });
      err = undefined;
      await postEntries([entry('bulk-5', 100), entry('bulk-6', 100, new Date('2020-01-15T10:00:00Z'))]).catch(
        (e: unknown) => (err = e),
      );
      expect(err).to.be.instanceOf(PeriodLockedError);
      expect(
        await JournalEntry.countDocuments({ idempotencyKey: { $in: ['bulk-4', 'bulk-5', 'bulk-6'] } }),
      ).to.equal(0);
      const moved = await postEntries([
        { ...entry('bulk-7', 100, new Date('2020-01-15T10:00:00Z')), whenLocked: 'postNow' as const },
      ]);
      expect(moved[0]!.posted).to.equal(true);
      expect(moved[0]!.entry.movedFrom?.period).to.equal('2020-01');
    });
  });
});
