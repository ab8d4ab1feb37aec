import mongoose, { type InferSchemaType } from 'mongoose';
import { localizedText } from '../db/localized.ts';

const localizedRequired = { lt: { type: String, required: true }, en: { type: String, default: '' } };
const categorySchema = new mongoose.Schema(
  {
    slug: { type: String, required: true },
    name: localizedRequired,
    position: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'categories' },
);
categorySchema.index({ slug: 1 }, { unique: true });

export type CategoryDoc = InferSchemaType<typeof categorySchema> & { _id: mongoose.Types.ObjectId };
export const Category = mongoose.model('Category', categorySchema);

export const PRODUCT_KINDS = ['good', 'service'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
export const PRODUCT_STATUSES = ['draft', 'published', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const STOCK_MODES = ['stock', 'made_to_order'] as const;

const imageSchema = new mongoose.Schema(
  {
    key: { type: String, required: true },
    thumbKey: { type: String, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
  },
  { _id: false },
);

/** A good sold to the public or a service offered to businesses. Money in cents, VAT in basis points. */
const productSchema = new mongoose.Schema(
  {
    kind: { type: String, enum: PRODUCT_KINDS, required: true },
    slug: { type: String, required: true },
    sku: { type: String, required: true },
    title: localizedRequired,
    description: localizedText,
    /** Optional easy-read description (short sentences), shown instead of `description` in easy-read. */
    easyDescription: localizedText,
    unit: localizedText,
    category: { type: mongoose.Schema.Types.ObjectId, ref: 'Category', default: null },
    priceCents: { type: Number, required: true, min: 0 },
    priceIncludesVat: { type: Boolean, required: true },
    vatRateBps: { type: Number, required: true, min: 0, max: 10000 },
    grossCents: { type: Number, required: true, min: 0 },
    stockMode: { type: String, enum: STOCK_MODES, default: 'stock' },
    stockQuantity: { type: Number, default: 0, min: 0 },
    /** Version of the stock movement `stockQuantity` was copied from (see stock.ts). */
    stockVersion: { type: Number, default: null },
    leadTimeDays: { type: Number, default: 0, min: 0 },
    images: { type: [imageSchema], default: [] },
    status: { type: String, enum: PRODUCT_STATUSES, default: 'draft' },
    publishedAt: { type: Date, default: null },
    firstPublishedAt: { type: Date, default: null },
    searchText: { type: String, default: '' },
    sortTitle: localizedText,
  },
  { timestamps: true, collection: 'products' },
);
productSchema.index({ slug: 1 }, { unique: true });
productSchema.index({ sku: 1 }, { unique: true });
productSchema.index({ status: 1, kind: 1, category: 1, publishedAt: -1 });
productSchema.index({ status: 1, kind: 1, grossCents: 1 });
export type ProductDoc = InferSchemaType<typeof productSchema> & { _id: mongoose.Types.ObjectId };
export type ProductImage = InferSchemaType<typeof imageSchema>;
export const Product = mongoose.model('Product', productSchema);

/**
 * The public catalogue's read model: one small document per published good or service, `_id` being the
 * product's, holding what a card shows and what the catalogue filters and sorts by. FerretDB v1
 * (SQLite) filters, sorts and counts by reading and decoding every document of a collection, so the
 * lists read these instead of the products (a quarter of the size; the search text is apart, in
 * CatalogueSearch). Kept in step by the catalogue service (read-model.ts) and, for the stock copy,
 * by stock.ts.
 */
const catalogueEntrySchema = new mongoose.Schema(
  {
    _id: { type: mongoose.Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: PRODUCT_KINDS, required: true },
    slug: { type: String, required: true },
    title: localizedText,
    unit: localizedText,
    /** The product's easy-read description: the card shows it in easy-read mode. */
    easyDescription: localizedText,
    thumbKey: { type: String, default: null },
    category: { type: mongoose.Schema.Types.ObjectId, default: null },
    grossCents: { type: Number, required: true },
    stockMode: { type: String, enum: STOCK_MODES, default: 'stock' },
    stockQuantity: { type: Number, default: 0 },
    stockVersion: { type: Number, default: null },
    leadTimeDays: { type: Number, default: 0 },
    publishedAt: { type: Date, required: true },
    sortTitle: localizedText,
  },
  { collection: 'catalogue_entries', versionKey: false },
);
catalogueEntrySchema.index({ kind: 1, category: 1, publishedAt: -1 });
catalogueEntrySchema.index({ kind: 1, grossCents: 1 });

export type CatalogueEntryDoc = InferSchemaType<typeof catalogueEntrySchema> & {
  _id: mongoose.Types.ObjectId;
};
export const CatalogueEntry = mongoose.model('CatalogueEntry', catalogueEntrySchema);

/**
 * The search side of the read model: each published good's folded search text with the keys the
 * results are filtered and sorted by, apart from the entries so that browsing does not read it.
 */
const catalogueSearchSchema = new mongoose.Schema(
  {
    _id: { type: mongoose.Schema.Types.ObjectId, required: true },
    searchText: { type: String, default: '' },
    category: { type: mongoose.Schema.Types.ObjectId, default: null },
    grossCents: { type: Number, required: true },
    publishedAt: { type: Date, required: true },
    sortTitle: localizedText,
  },
  { collection: 'catalogue_search', versionKey: false },
);

export const CatalogueSearch = mongoose.model('CatalogueSearch', catalogueSearchSchema);

/**
 * Slug → product, `_id` being the slug: the product page is a lookup by `_id`. A renamed product
 * keeps its old slugs pointing at it (the page redirects to the current one); a slug taken over by
 * another product points at the new owner.
 */
const productSlugSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    productId: { type: mongoose.Schema.Types.ObjectId, required: true },
  },
  { collection: 'product_slugs', versionKey: false },
);

export const ProductSlug = mongoose.model('ProductSlug', productSlugSchema);
