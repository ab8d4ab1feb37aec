/**
 * Fair sync burst: 500 sales queued on phones, sent in one burst (one sync request's worth, the most
 * one may carry), applied by the fair service on the connected database. Then the same queue again:
 * every sale must answer "already applied" and nothing may change. Run alone with
 * `node scripts/bench/fair.ts` (it starts its own FerretDB), or as part of `npm run bench`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentStock } from '../../src/catalog/service.ts';
import { setStock } from '../../src/catalog/stock.ts';
import { Product } from '../../src/catalog/model.ts';
import { applySales, createEvent } from '../../src/fair/service.ts';
import { FairSale } from '../../src/fair/model.ts';
import { JournalEntry } from '../../src/ledger/model.ts';
import { vilniusDate } from '../../src/lib/dates.ts';

export interface FairBenchResult {
  sales: number;
  ms: number;
  salesPerSec: number;
  replayMs: number;
  stored: number;
  entries: number;
  stockOk: boolean;
  balanced: boolean;
  replayUnchanged: boolean;
  ok: boolean;
}

export const FAIR_LIMIT_MS = 10_000;

/** Needs a connected database with goods in it (the bench's catalogue). */
export async function benchFairSync(count = 500): Promise<FairBenchResult> {
  const picks = await Product.find({ kind: 'good', status: 'published', stockMode: 'stock' }, { _id: 1 })
    .limit(8)
    .lean();
  const ids = picks.map((p) => String(p._id));
  // Plenty of stock: the burst measures applying sales, not shortfalls.
  for (const id of ids) await setStock(id, 100_000);
  const stockBefore = new Map(
    await Promise.all(ids.map(async (id) => [id, await currentStock(id)] as const)),
  );
  const eventId = await createEvent(
    { name: 'Bench fair', place: '', date: vilniusDate(new Date()) },
    [],
    'bench',
  );
  const now = Date.now();
  const sales = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    eventId,
    soldAt: new Date(now - (count - i) * 1000).toISOString(),
    lines: [
      { productId: ids[i % ids.length]!, quantity: 1 + (i % 3) },
      ...(i % 4 === 0 ? [{ productId: ids[(i + 3) % ids.length]!, quantity: 1 }] : []),
    ],
    payment: i % 2 ? { method: 'cash', givenCents: 100_000_00 } : { method: 'card_terminal' },
  }));

  const started = performance.now();
  const results = await applySales(sales, 'bench');
  const ms = performance.now() - started;
  const applied = results.filter((r) => r.status === 'applied').length;

  const snapshot = async () => ({
    stored: await FairSale.countDocuments({ eventId }),
    entries: await JournalEntry.countDocuments({ 'reference.type': 'fair_sale' }),
    stock: await Promise.all(ids.map((id) => currentStock(id))),
  });
  const after = await snapshot();
  const replayStarted = performance.now();
  const replay = await applySales(sales, 'bench');
  const replayMs = performance.now() - replayStarted;
  const again = await snapshot();

  const units = new Map<string, number>();
  for (const s of sales)
    for (const l of s.lines) units.set(l.productId, (units.get(l.productId) ?? 0) + l.quantity);
  const stockOk = ids.every((id, i) => after.stock[i] === stockBefore.get(id)! - (units.get(id) ?? 0));
  const entries = await JournalEntry.find({ 'reference.type': 'fair_sale' }, { lines: 1 }).lean();
  const balanced = entries.every(
    (e) => e.lines.reduce((s, l) => s + l.debitCents, 0) === e.lines.reduce((s, l) => s + l.creditCents, 0),
  );
  const replayUnchanged =
    replay.every((r) => r.status === 'already') && JSON.stringify(again) === JSON.stringify(after);
  return {
    sales: count,
    ms,
    salesPerSec: (count / ms) * 1000,
    replayMs,
    stored: after.stored,
    entries: after.entries,
    stockOk,
    balanced,
    replayUnchanged,
    ok:
      applied === count &&
      after.stored === count &&
      after.entries === count &&
      stockOk &&
      balanced &&
      replayUnchanged &&
      ms < FAIR_LIMIT_MS,
  };
}

async function standalone(): Promise<number> {
  const { loadConfig } = await import('../../src/config.ts');
  const { connectDatabase, disconnectDatabase, ensureIndexes } = await import('../../src/db/connection.ts');
  const { startFerretDb } = await import('../../src/db/ferretdb.ts');
  const { ensureFerretDb } = await import('../../src/db/tools.ts');
  const { seedCatalogue } = await import('./seed.ts');
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const dir = await mkdtemp(path.join(tmpdir(), 'dirbtuves-bench-fair-'));
  const bin = await ensureFerretDb({
    explicitBin: config.ferretdbBin,
    toolsDir: config.toolsDir,
    log: console.log,
  });
  const db = await startFerretDb({ bin, dataDir: path.join(dir, 'ferretdb') });
  try {
    await connectDatabase(`${db.uri}bench_fair`);
    await ensureIndexes();
    await seedCatalogue(240);
    const r = await benchFairSync();
    console.log(JSON.stringify(r, null, 2));
    return r.ok ? 0 : 1;
  } finally {
    await disconnectDatabase().catch(() => undefined);
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await standalone();
}
