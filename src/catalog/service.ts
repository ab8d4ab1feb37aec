import { listProductsForStaff } from './queries.ts';
import type { Types } from 'mongoose';
import { ConflictError, FieldError, NotFoundError } from '../lib/errors.ts';
import { priceBreakdown } from '../lib/money.ts';
import { foldText, slugify } from '../lib/text.ts';
import { removeImages, storeImages, type UploadedImage } from '../media/images.ts';
import type { FileStorage } from '../media/storage.ts';
import { isDuplicateKeyError } from '../db/errors.ts';
import {
  Category,
  Product,
  type CategoryDoc,
  type ProductDoc,
  type ProductImage,
  type ProductStatus,
} from './model.ts';
import type { CategoryInput, ProductInput } from './schemas.ts';
import { publishChange } from './memory/index.ts';
import { MAKERS_PER_ENTRY } from './memory/changes.ts';
import { syncCatalogue } from './read-model.ts';
import { setStock } from './stock.ts';

export const MAX_IMAGES = 8;

/**
 * A unique-index clash on a product becomes the form error of the field that clashed; the servers
 * do not reliably say which index it was, so the clash is looked up.
 */
async function asFieldError(
  err: unknown,
  attempted: { sku: string; exceptId?: Types.ObjectId },
): Promise<unknown> {
  if (!isDuplicateKeyError(err)) return err;
  const skuTaken = await Product.exists({
    sku: attempted.sku,
    ...(attempted.exceptId ? { _id: { $ne: attempted.exceptId } } : {}),
  });
  return skuTaken ? new FieldError('sku', 'errors.skuTaken') : new FieldError('slug', 'errors.slugTaken');
}

async function freeSlug(base: string, exceptId?: Types.ObjectId): Promise<string> {
  const root = base || 'produktas';
  for (let n = 1; n < 100; n++) {
    const candidate = n === 1 ? root : `${root}-${n}`;
    const clash = await Product.exists({ slug: candidate, ...(exceptId ? { _id: { $ne: exceptId } } : {}) });
    if (!clash) return candidate;
  }
  throw new FieldError('slug', 'errors.slugTaken');
}

async function assertCategory(id: string): Promise<void> {
  if (id && !(await Category.exists({ _id: id }))) throw new FieldError('category', 'errors.invalidChoice');
}

/** Prices are entered as the organisation's setting says (gross or net); the flag is stored per product. */
export interface PriceEntry {
  pricesIncludeVat: boolean;
}

/** Goods sold from stock have a quantity on hand (kept in the stock log); the rest do not. */
function tracksStock(input: Pick<ProductInput, 'kind' | 'stockMode'>): boolean {
  return input.kind === 'good' && input.stockMode === 'stock';
}

/** The stored fields that follow from a form: derived price, search text and sort keys included. */
function productFields(input: ProductInput, pricing: PriceEntry) {
  const isService = input.kind === 'service';
  return {
    kind: input.kind,
    sku: input.sku,
    title: { lt: input.titleLt, en: input.titleEn },
    description: { lt: input.descriptionLt, en: input.descriptionEn },
    easyDescription: { lt: input.easyDescriptionLt ?? '', en: input.easyDescriptionEn ?? '' },
    unit: { lt: input.unitLt, en: input.unitEn },
    category: input.category || null,
    priceCents: input.price,
    priceIncludesVat: pricing.pricesIncludeVat,
    vatRateBps: input.vatRate,
    grossCents: priceBreakdown(input.price, input.vatRate, pricing.pricesIncludeVat).grossCents,
    stockMode: isService ? 'made_to_order' : input.stockMode,
    leadTimeDays: input.leadTimeDays,
    searchText: foldText(
      [input.titleLt, input.titleEn, input.sku, input.descriptionLt, input.descriptionEn].join(' \u0001 '),
    ),
    sortTitle: { lt: foldText(input.titleLt), en: foldText(input.titleEn || input.titleLt) },
  };
}

export async function createProduct(
  input: ProductInput,
  files: UploadedImage[],
  storage: FileStorage,
  pricing: PriceEntry,
): Promise<ProductDoc> {
  if (files.length > MAX_IMAGES) throw new FieldError('images', 'errors.tooManyImages', { max: MAX_IMAGES });
  await assertCategory(input.category);
  if (input.slug && (await Product.exists({ slug: input.slug })))
    throw new FieldError('slug', 'errors.slugTaken');
  if (await Product.exists({ sku: input.sku })) throw new FieldError('sku', 'errors.skuTaken');
  const slug = input.slug || (await freeSlug(slugify(input.titleLt)));
  const images = await storeImages(storage, 'products', files);
  try {
    const doc = await Product.create({ ...productFields(input, pricing), slug, images });
    if (tracksStock(input)) await setStock(doc._id, input.stockQuantity);
    await syncCatalogue(doc._id);
    return doc.toObject();
  } catch (err) {
    await removeImages(storage, images);
    throw await asFieldError(err, { sku: input.sku });
  }
}

export async function getProduct(id: string): Promise<ProductDoc> {
  const doc = await Product.findById(id).lean<ProductDoc>();
  if (!doc) throw new NotFoundError();
  return doc;
}

export async function updateProduct(
  id: string,
  input: ProductInput,
  files: UploadedImage[],
  storage: FileStorage,
  pricing: PriceEntry,
): Promise<ProductDoc> {
  const current = await getProduct(id);
  if (current.status === 'archived') throw new ConflictError('catalog.errors.archivedReadOnly');
  if (current.images.length + files.length > MAX_IMAGES) {
    throw new FieldError('images', 'errors.tooManyImages', { max: MAX_IMAGES });
  }
  await assertCategory(input.category);
  const slug = input.slug || current.slug;
  if (await Product.exists({ slug, _id: { $ne: current._id } }))
    throw new FieldError('slug', 'errors.slugTaken');
  if (await Product.exists({ sku: input.sku, _id: { $ne: current._id } })) {
    throw new FieldError('sku', 'errors.skuTaken');
  }
  const images = await storeImages(storage, 'products', files);
  try {
    const fields = productFields({ ...input, kind: current.kind }, pricing);
    const updated = await Product.findOneAndUpdate(
      { _id: current._id, status: { $ne: 'archived' } },
      { $set: { ...fields, slug }, $push: { images: { $each: images } } },
      { returnDocument: 'after', runValidators: true },
    ).lean<ProductDoc>();
    if (!updated) throw new ConflictError('catalog.errors.archivedReadOnly');
    const stockEdited = input.stockShown === undefined || input.stockShown !== input.stockQuantity;
    if (tracksStock({ ...input, kind: current.kind }) && stockEdited)
      await setStock(current._id, input.stockQuantity);
    await syncCatalogue(current._id);
    return updated;
  } catch (err) {
    await removeImages(storage, images);
    throw await asFieldError(err, { sku: input.sku, exceptId: current._id });
  }
}

/**
 * Image changes replace the whole array on the condition that it is still what was read: FerretDB v1
 * cannot `$pull` by a sub-field, and the condition keeps a concurrent edit from being lost.
 */
async function replaceImages(current: ProductDoc, images: ProductImage[]): Promise<void> {
  const res = await Product.updateOne({ _id: current._id, images: current.images }, { $set: { images } });
  if (res.matchedCount === 0) throw new ConflictError('catalog.errors.concurrentEdit');
  await syncCatalogue(current._id); // the cover is on the card
}

export async function removeProductImage(id: string, index: number, storage: FileStorage): Promise<void> {
  const current = await getProduct(id);
  const image = current.images[index];
  if (!image) throw new NotFoundError();
  await replaceImages(
    current,
    current.images.filter((_, i) => i !== index),
  );
  await removeImages(storage, [image]);
}

/** Moves the image at `index` to the front: the first image is the product's cover. */
export async function makeCoverImage(id: string, index: number): Promise<void> {
  const current = await getProduct(id);
  const image = current.images[index];
  if (!image) throw new NotFoundError();
  await replaceImages(current, [image, ...current.images.filter((_, i) => i !== index)]);
}

/** A conditional status change; an unknown product is 404, one in the wrong status is 409. */
async function transition(
  id: string,
  from: ProductStatus[],
  set: Record<string, unknown>,
  conflictKey: string,
) {
  const res = await Product.updateOne({ _id: id, status: { $in: from } }, { $set: set });
  if (res.matchedCount === 1) {
    await syncCatalogue(id);
    return;
  }
  if (!(await Product.exists({ _id: id }))) throw new NotFoundError();
  throw new ConflictError(conflictKey);
}

export async function publishProduct(id: string): Promise<void> {
  const now = new Date();
  await transition(id, ['draft'], { status: 'published', publishedAt: now }, 'catalog.errors.notDraft');
  await Product.updateOne({ _id: id, firstPublishedAt: null }, { $set: { firstPublishedAt: now } });
}

export async function unpublishProduct(id: string): Promise<void> {
  await transition(id, ['published'], { status: 'draft' }, 'catalog.errors.notPublished');
}

export async function archiveProduct(id: string): Promise<void> {
  await transition(id, ['draft', 'published'], { status: 'archived' }, 'catalog.errors.alreadyArchived');
}

export async function restoreProduct(id: string): Promise<void> {
  await transition(id, ['archived'], { status: 'draft' }, 'catalog.errors.notArchived');
}

/**
 * A product that was ever published may be in orders, carts and links, so it is archived, not deleted.
 * A draft that never went public is deleted with its images. Returns what happened.
 */
export async function deleteProduct(id: string, storage: FileStorage): Promise<'deleted' | 'archived'> {
  const current = await getProduct(id);
  if (current.firstPublishedAt) {
    await Product.updateOne({ _id: current._id }, { $set: { status: 'archived' } });
    await syncCatalogue(current._id);
    return 'archived';
  }
  const res = await Product.deleteOne({ _id: current._id, firstPublishedAt: null });
  if (res.deletedCount === 1) {
    await syncCatalogue(current._id);
    await removeImages(storage, current.images);
    return 'deleted';
  }
  await Product.updateOne({ _id: current._id }, { $set: { status: 'archived' } });
  await syncCatalogue(current._id);
  return 'archived';
}

export async function getCategory(id: string): Promise<CategoryDoc> {
  const c = await Category.findById(id).lean<CategoryDoc>();
  if (!c) throw new NotFoundError();
  return c;
}

export async function createCategory(input: CategoryInput): Promise<void> {
  const slug = input.slug || slugify(input.nameLt);
  if (!slug) throw new FieldError('slug', 'errors.slug');
  try {
    await Category.create({ slug, name: { lt: input.nameLt, en: input.nameEn }, position: input.position });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new FieldError('slug', 'errors.slugTaken');
    throw err;
  }
  await publishChange({ kind: 'categories' });
}

export async function updateCategory(id: string, input: CategoryInput): Promise<void> {
  const current = await Category.findById(id).lean();
  if (!current) throw new NotFoundError();
  const slug = input.slug || current.slug;
  if (await Category.exists({ slug, _id: { $ne: id } })) throw new FieldError('slug', 'errors.slugTaken');
  try {
    await Category.updateOne(
      { _id: id },
      { $set: { slug, name: { lt: input.nameLt, en: input.nameEn }, position: input.position } },
    );
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new FieldError('slug', 'errors.slugTaken');
    throw err;
  }
  await publishChange({ kind: 'categories' });
}

export async function deleteCategory(id: string): Promise<void> {
  if (await Product.exists({ category: id })) throw new ConflictError('catalog.errors.categoryInUse');
  const res = await Category.deleteOne({ _id: id });
  if (res.deletedCount === 0) throw new NotFoundError();
  await publishChange({ kind: 'categories' });
}

/**
 * For the settings module: the organisation settings changed (the public pages show them from
 * each instance's memory, which re-reads them).
 */
export async function noteSettingsChanged(): Promise<void> {
  await publishChange({ kind: 'settings' });
}

/**
 * For the participants module: the public makers of these goods may have changed (work recorded or
 * removed, a participant's consent or public name). Each instance re-reads their names through the
 * participants service; the list is split over as many change-log entries as it needs.
 */
export async function noteMakersChanged(productIds: string[]): Promise<void> {
  const ids = [...new Set(productIds)].filter((id) => /^[a-f0-9]{24}$/.test(id));
  for (let i = 0; i < ids.length; i += MAKERS_PER_ENTRY) {
    await publishChange({ kind: 'makers', productIds: ids.slice(i, i + MAKERS_PER_ENTRY) });
  }
}

// ---- for the app: the in-memory public catalogue of this instance ----

export { startPublicCatalogue, type PublicCatalogue } from './memory/index.ts';
export {
  availabilityOf,
  listingItem,
  publicListing,
  type Availability,
  type ListingItem,
} from './listing.ts';
export { absoluteUrl, decimalPrice, organizationJsonLd, SCHEMA_AVAILABILITY } from './seo.ts';

// ---- for the orders module: goods as a cart and a checkout see them, and their stock ----

export type { ProductDoc };
export {
  currentStock,
  eachReservationBetween,
  releaseStock,
  reserveStock,
  returnSoldStock,
  returnSoldStockAny,
  takeSoldStock,
  takeSoldStockBatch,
  type BatchTake,
  type SoldUnits,
  type Reservation,
  type SaleTake,
} from './stock.ts';

/** Published goods matching a search, newest change first: what staff add to an order they take. */
export async function searchPublishedGoods(q: string, limit = 20): Promise<ProductDoc[]> {
  const page = await listProductsForStaff({ q, kind: 'good', status: 'published', page: 1 });
  return page.items.slice(0, limit);
}

/** A good that can be put in a cart (published), or null. */
export async function findPublishedGood(id: string): Promise<ProductDoc | null> {
  return Product.findOne({ _id: id, status: 'published', kind: 'good' }).lean<ProductDoc>();
}

/** The products with these ids (any status), as stored. */
export async function productsByIds(ids: string[]): Promise<ProductDoc[]> {
  return Product.find({ _id: { $in: ids } }).lean<ProductDoc[]>();
}

/** Goods that can be sold on the spot (at a fair): not archived, drafts included, by title. */
export async function goodsOnSale(limit: number): Promise<ProductDoc[]> {
  return Product.find({ kind: 'good', status: { $ne: 'archived' } })
    .sort({ 'sortTitle.lt': 1, _id: 1 })
    .limit(limit)
    .lean<ProductDoc[]>();
}
