/**
 * `npx node scripts/bench/queries.ts`: times the catalogue's database queries alone on a scratch
 * FerretDB seeded with 10,000 published goods (no HTTP, no templates): what the catalogue page and
 * the product page cost in the database, query by query. Prints a table; changes no file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { loadConfig } from '../../src/config.ts';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../../src/db/connection.ts';
import { startFerretDb } from '../../src/db/ferretdb.ts';
import { ensureFerretDb } from '../../src/db/tools.ts';
import { CatalogueEntry, Category, Product } from '../../src/catalog/model.ts';
import {
  getPublishedBySlug,
  listPublishedGoods,
  listPublishedServices,
  newestGoods,
} from '../../src/catalog/queries.ts';
import { seedCatalogue } from './seed.ts';

const COUNT = Number(process.env.BENCH_PRODUCTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(64)} ${ms.map((m) => m.toFixed(0).padStart(6)).join(' ')}  ms`);
}

const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
const dir = await mkdtemp(path.join(tmpdir(), 'dirbtuves-queries-'));
const bin = await ensureFerretDb({
  explicitBin: config.ferretdbBin,
  toolsDir: config.toolsDir,
  log: console.log,
});
const db = await startFerretDb({ bin, dataDir: path.join(dir, 'ferretdb') });
try {
  await connectDatabase(`${db.uri}queries`);
  await ensureIndexes();
  const seeded = await seedCatalogue(COUNT);
  console.log(`Seeded ${COUNT} products in ${seeded.ms.toFixed(0)} ms; ${RUNS} runs each, sorted`);
  const some = await Product.find({}, { slug: 1, category: 1 })
    .skip(Math.floor(COUNT / 2))
    .limit(1)
    .lean();
  const { slug, _id, category } = some[0]!;
  const filter = { status: 'published' as const, kind: 'good' as const };
  const newest = { publishedAt: -1 as const, _id: -1 as const };

  const before = process.env.BENCH_BEFORE !== '0';
  if (before) {
    await time('products: find page 1 newest (24)', () => Product.find(filter).sort(newest).limit(24).lean());
    await time('products: find page 1 newest, projection', () =>
      Product.find(filter, { _id: 1 }).sort(newest).limit(24).lean(),
    );
    await time('products: countDocuments', () => Product.countDocuments(filter));
    await time('products: find by category, page 1', () =>
      Product.find({ ...filter, category })
        .sort(newest)
        .limit(24)
        .lean(),
    );
    await time('products: search puodelis', () =>
      Product.find({ ...filter, searchText: { $regex: 'puodelis' } })
        .sort(newest)
        .limit(24)
        .lean(),
    );
    await time('products: find({}) no filter, limit 24', () => Product.find().limit(24).lean());
    await time('products: findOne by slug', () => Product.findOne({ slug, status: 'published' }).lean());
    await time('products: findById', () => Product.findById(_id).lean());
    await time('products: published services (sorted)', () =>
      Product.find({ status: 'published', kind: 'service' }).sort({ 'sortTitle.lt': 1 }).lean(),
    );
    await time('categories: list', () => Category.find().sort({ position: 1, slug: 1 }).lean());

    // A compact copy: only what the list needs to filter and sort, the _id being the product's.
    const raw = mongoose.connection.db!;
    const all = await Product.find(filter).lean();
    const compact = all.map((p) => ({
      _id: p._id,
      c: p.category,
      g: p.grossCents,
      p: p.publishedAt,
      t: p.sortTitle,
      s: p.searchText,
    }));
    const tiny = all.map((p) => ({ _id: p._id, c: p.category, g: p.grossCents, p: p.publishedAt }));
    await raw.collection('compact').insertMany(compact);
    await raw.collection('tiny').insertMany(tiny);
    console.log(
      `doc sizes (BSON bytes): product ${mongoose.mongo.BSON.calculateObjectSize(all[0]!)}, compact ${mongoose.mongo.BSON.calculateObjectSize(compact[0]!)}, tiny ${mongoose.mongo.BSON.calculateObjectSize(tiny[0]!)}`,
    );
    for (const name of ['compact', 'tiny']) {
      const c = raw.collection(name);
      await time(`${name}: find newest, limit 24`, () =>
        c.find({}).sort({ p: -1, _id: -1 }).limit(24).toArray(),
      );
      await time(`${name}: countDocuments({})`, () => c.countDocuments({}));
      await time(`${name}: estimatedDocumentCount`, () => c.estimatedDocumentCount());
      await time(`${name}: find by category, limit 24`, () =>
        c.find({ c: category }).sort({ p: -1, _id: -1 }).limit(24).toArray(),
      );
      await time(`${name}: countDocuments by category`, () => c.countDocuments({ c: category }));
    }
    await time('compact: search puodelis', () =>
      raw
        .collection('compact')
        .find({ s: { $regex: 'puodelis' } })
        .sort({ p: -1 })
        .limit(24)
        .toArray(),
    );
  }
  // What the pages run now (catalogue entries and slug pointers, filled by the seed).
  const catalogue = { q: '', category: '', sort: 'newest' as const, page: 1 };
  const catSlug = (await Category.findById(category).lean())!.slug;
  await time('now: catalogue page 1 (entries: page of cards + count)', () =>
    listPublishedGoods(catalogue, 'lt'),
  );
  await time('now: catalogue page 200', () => listPublishedGoods({ ...catalogue, page: 200 }, 'lt'));
  await time('now: catalogue by category', () =>
    listPublishedGoods({ ...catalogue, category: catSlug }, 'lt'),
  );
  await time('now: catalogue price-asc', () => listPublishedGoods({ ...catalogue, sort: 'price-asc' }, 'lt'));
  await time('now: catalogue title', () => listPublishedGoods({ ...catalogue, sort: 'title' }, 'lt'));
  await time('now: catalogue search puodelis', () =>
    listPublishedGoods({ ...catalogue, q: 'puodelis' }, 'lt'),
  );
  await time('entries: ids of all, sorted (no limit)', () =>
    CatalogueEntry.find({}, { _id: 1 }).sort({ publishedAt: -1, _id: -1 }).lean(),
  );
  await time('entries: find sorted limit 24 + countDocuments in parallel', () =>
    Promise.all([
      CatalogueEntry.find({}, { _id: 1 }).sort({ publishedAt: -1, _id: -1 }).limit(24).lean(),
      CatalogueEntry.countDocuments({}),
    ]),
  );
  await time('entries: find sorted limit 24', () =>
    CatalogueEntry.find({}, { _id: 1 }).sort({ publishedAt: -1, _id: -1 }).limit(24).lean(),
  );
  await time('now: home newest 8', () => newestGoods(8));
  await time('now: services (ids from entries, then by _id)', () => listPublishedServices());
  await time('now: product by slug (pointer + product + category)', () => getPublishedBySlug(slug));
  const ids = await CatalogueEntry.find({}, { _id: 1 }).sort({ publishedAt: -1, _id: -1 }).lean();
  for (const at of [0, Math.floor(ids.length / 2), ids.length - 1]) {
    await time(`products: findById, product ${at} of ${ids.length} in insertion order`, () =>
      Product.findById(ids[at]!._id).lean(),
    );
  }
  for (const at of [0, ids.length - 24]) {
    await time(`24 × products findById in parallel, from ${at}`, () =>
      Promise.all(ids.slice(at, at + 24).map((e) => Product.findById(e._id).lean())),
    );
  }
} finally {
  await disconnectDatabase().catch(() => undefined);
  await db.stop();
  await rm(dir, { recursive: true, force: true });
}
