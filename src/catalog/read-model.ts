import mongoose, { type Types } from 'mongoose';
import { isDuplicateKeyError } from '../db/errors.ts';
import { publishChange } from './memory/index.ts';
import { CatalogueEntry, CatalogueSearch, Product, ProductSlug, type ProductDoc } from './model.ts';

/**
 * Keeping the public catalogue's read model (model.ts: catalogue entries and slug pointers) in step
 * with the products. Called by the catalogue service after every write to a product; the product as
 * stored afterwards decides, so a repeated or late call converges to it. The stock copy also follows
 * every stock movement (stock.ts). Each call is also appended to the change log the in-memory
 * catalogues follow (memory/changes.ts).
 */
export async function syncCatalogue(id: Types.ObjectId | string): Promise<void> {
  const product = await Product.findById(id).lean<ProductDoc>();
  if (!product) {
    await Promise.all([CatalogueEntry.deleteOne({ _id: id }), CatalogueSearch.deleteOne({ _id: id })]);
  } else {
    await Promise.all([pointSlug(product), syncEntry(product)]);
  }
  // Every instance's in-memory catalogue (memory/) re-reads the product.
  await publishChange({ kind: 'product', productId: String(id) });
}

async function pointSlug(product: ProductDoc): Promise<void> {
  await ProductSlug.updateOne({ _id: product.slug }, { $set: { productId: product._id } }, { upsert: true });
}

async function syncEntry(product: ProductDoc): Promise<void> {
  if (product.status !== 'published' || !product.publishedAt) {
    await Promise.all([
      CatalogueEntry.deleteOne({ _id: product._id }),
      CatalogueSearch.deleteOne({ _id: product._id }),
    ]);
    return;
  }
  await Promise.all([
    CatalogueEntry.replaceOne({ _id: product._id }, entryOf(product), { upsert: true }),
    product.kind === 'good' // services are not searched in the catalogue
      ? CatalogueSearch.replaceOne({ _id: product._id }, searchOf(product), { upsert: true })
      : CatalogueSearch.deleteOne({ _id: product._id }),
  ]);
}

/** The catalogue entry of a listed product (also what the in-memory catalogue derives, memory/store.ts). */
export function entryOf(product: ProductDoc) {
  return {
    _id: product._id,
    kind: product.kind,
    slug: product.slug,
    title: { lt: product.title?.lt ?? '', en: product.title?.en ?? '' },
    unit: { lt: product.unit?.lt ?? '', en: product.unit?.en ?? '' },
    easyDescription: { lt: product.easyDescription?.lt ?? '', en: product.easyDescription?.en ?? '' },
    thumbKey: product.images?.[0]?.thumbKey ?? null,
    category: product.category ?? null,
    grossCents: product.grossCents,
    stockMode: product.stockMode ?? 'stock',
    stockQuantity: product.stockQuantity ?? 0,
    stockVersion: product.stockVersion ?? null,
    leadTimeDays: product.leadTimeDays ?? 0,
    publishedAt: product.publishedAt,
    sortTitle: { lt: product.sortTitle?.lt ?? '', en: product.sortTitle?.en ?? '' },
  };
}

function searchOf(product: ProductDoc) {
  return {
    _id: product._id,
    searchText: product.searchText,
    category: product.category ?? null,
    grossCents: product.grossCents,
    publishedAt: product.publishedAt,
    sortTitle: { lt: product.sortTitle?.lt ?? '', en: product.sortTitle?.en ?? '' },
  };
}

/** The stock copy of a listed product, under the same version condition as the product's copy. */
export async function refreshEntryStock(
  productId: Types.ObjectId | string,
  version: number,
  after: number,
): Promise<void> {
  await CatalogueEntry.updateOne(
    { _id: productId, $or: [{ stockVersion: { $lt: version } }, { stockVersion: null }] },
    { $set: { stockQuantity: after, stockVersion: version } },
  );
}

/**
 * Inserts derived documents, leaving out those already there: every instance derives the same
 * document from the same product, so a clash means another (a start at the same moment) wrote it.
 */
async function insertMissing(
  model: { insertMany(docs: object[], options: { lean: true; ordered: false }): Promise<unknown> },
  docs: object[],
): Promise<void> {
  if (docs.length === 0) return;
  try {
    await model.insertMany(docs, { lean: true, ordered: false });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: unknown[] }).writeErrors;
    const onlyClashes = writeErrors?.length
      ? writeErrors.every((e) => isDuplicateKeyError(e))
      : isDuplicateKeyError(err);
    if (!onlyClashes) throw err;
  }
}

/**
 * Rebuilds the read model from the products (reads them all): for a database filled before the read
 * model existed, or written to behind the service's back (the benchmark's seed). Old slugs that still
 * point at their products are kept.
 */
export async function rebuildCatalogue(): Promise<{ entries: number; slugs: number }> {
  const products = await Product.find({}, { description: 0 }).lean<ProductDoc[]>();
  const listed = products.filter((p) => p.status === 'published' && p.publishedAt);
  const goods = listed.filter((p) => p.kind === 'good');
  await Promise.all([CatalogueEntry.deleteMany({}), CatalogueSearch.deleteMany({})]);
  await insertMissing(CatalogueEntry, listed.map(entryOf));
  await insertMissing(CatalogueSearch, goods.map(searchOf));
  const pointers = new Map(
    (await ProductSlug.find().lean()).map((s) => [s._id, String(s.productId)] as const),
  );
  const missing = products.filter((p) => !pointers.has(p.slug));
  const wrong = products.filter((p) => pointers.has(p.slug) && pointers.get(p.slug) !== String(p._id));
  await insertMissing(
    ProductSlug,
    missing.map((p) => ({ _id: p.slug, productId: p._id })),
  );
  for (const p of wrong) await pointSlug(p);
  return { entries: listed.length, slugs: missing.length + wrong.length };
}

/** Marks a database whose read model was built from its products (once, by whichever start was first). */
const READ_MODEL_MARKER = 'catalogue-read-model:1';

/**
 * Builds the read model of a database filled before it existed (an upgrade), once (null when it was
 * built already): the marker is
 * written after the rebuild, so a start interrupted midway rebuilds again next time. Two instances
 * starting together may both rebuild: whichever deletes last also inserts after, so the entries end
 * complete (each insert skips what the other wrote).
 */
export async function ensureCatalogueReadModel(): Promise<{ entries: number } | null> {
  const markers = mongoose.connection.collection<{ _id: string; at: Date }>('migrations');
  if (await markers.findOne({ _id: READ_MODEL_MARKER })) return null;
  const { entries } = await rebuildCatalogue();
  try {
    await markers.insertOne({ _id: READ_MODEL_MARKER, at: new Date() });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  return { entries };
}
