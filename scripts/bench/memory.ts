/**
 * The in-memory catalogue's own figures for `npm run bench`: how much memory the catalogue of the
 * seeded database takes in a process, and how soon a change shows on an instance that did not make
 * it (the change log followed, src/catalog/memory/).
 */
import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CatalogueStore } from '../../src/catalog/memory/store.ts';
import { setStock } from '../../src/catalog/stock.ts';

export interface CatalogueMemory {
  goods: number;
  /** V8 heap and external memory taken by the loaded catalogue (after a full collection). */
  heapMb: number;
  /** The benchmark process's resident memory before and after loading it. */
  rssBeforeMb: number;
  rssAfterMb: number;
  loadMs: number;
}

function collect(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** Loads the connected database's catalogue into a fresh store and measures what it holds. */
export async function measureCatalogueMemory(): Promise<CatalogueMemory> {
  collect();
  const before = process.memoryUsage();
  const started = performance.now();
  const store = new CatalogueStore();
  await store.load();
  const loadMs = performance.now() - started;
  collect();
  const after = process.memoryUsage();
  const goods = store.size.entries;
  return {
    goods,
    heapMb: mb(after.heapUsed + after.external - before.heapUsed - before.external),
    rssBeforeMb: mb(before.rss),
    rssAfterMb: mb(after.rss),
    loadMs,
  };
}

/** An app process's resident memory (VmRSS), in MB, after a few warming requests and a pause. */
export async function appResidentMb(
  server: { url: string; child: { pid?: number } },
  paths: string[],
): Promise<number> {
  for (let round = 0; round < 3; round++) {
    for (const p of paths) await (await fetch(`${server.url}${p}`)).text();
  }
  await new Promise((r) => setTimeout(r, 2_000));
  const status = await readFile(`/proc/${server.child.pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!kb) throw new Error('no VmRSS for the app process');
  return Number(kb[1]) / 1024;
}

/** The app's resident memory with the seeded catalogue over its idle footprint on an empty one. */
export interface AppMemory {
  goods: number;
  emptyRssMb: number;
  fullRssMb: number;
  /** fullRssMb - emptyRssMb: what the target (≤ 150 MB at 10,000 goods) is about. */
  overIdleMb: number;
}

export interface PropagationResults {
  changes: number;
  p50: number;
  p99: number;
  max: number;
  /** Changes not seen within the 10 s limit. */
  missed: number;
}

/**
 * Sets the stock of a product `changes` times through the catalogue service (as any other instance
 * would: the database and the change log) and, after each, asks the app server for the product page
 * until it shows the new quantity: the time from the write's end to the page showing it.
 */
export async function measurePropagation(opts: {
  appUrl: string;
  product: { id: string; slug: string };
  changes: number;
}): Promise<PropagationResults> {
  const times: number[] = [];
  let missed = 0;
  for (let i = 0; i < opts.changes; i++) {
    const quantity = 1_000 + i;
    await setStock(opts.product.id, quantity);
    const started = performance.now();
    for (;;) {
      const res = await fetch(`${opts.appUrl}/products/${opts.product.slug}`);
      const text = await res.text();
      const elapsed = performance.now() - started;
      if (text.includes(`${quantity.toLocaleString('lt-LT')} vnt.`) || text.includes(`${quantity} vnt.`)) {
        times.push(elapsed);
        break;
      }
      if (elapsed > 10_000) {
        missed += 1;
        times.push(elapsed);
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  return { changes: opts.changes, p50: at(0.5), p99: at(0.99), max: Math.round(sorted.at(-1) ?? 0), missed };
}
