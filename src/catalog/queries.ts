import type { QueryFilter, SortOrder, Types } from 'mongoose';
import { NotFoundError } from '../lib/errors.ts';
import { escapeRegExp, searchTerms } from '../lib/text.ts';
import {
  CatalogueEntry,
  CatalogueSearch,
  Category,
  type CatalogueEntryDoc,
  Product,
  ProductSlug,
  type CategoryDoc,
  type ProductDoc,
} from './model.ts';
import type { AdminProductQuery, CatalogueQuery, CatalogueSort } from './schemas.ts';

export const PAGE_SIZE = 24;
export const ADMIN_PAGE_SIZE = 50;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
}

/** Search without text indexes (FerretDB has none): every folded term must occur in the folded text. */
function searchFilter(q: string): { $and?: { searchText: { $regex: string } }[] } {
  const terms = searchTerms(q);
  if (terms.length === 0) return {};
  return { $and: terms.map((t) => ({ searchText: { $regex: escapeRegExp(t) } })) };
}

function sortFor(sort: CatalogueSort, lang: 'lt' | 'en'): Record<string, SortOrder> {
  switch (sort) {
    case 'price-asc':
      return { grossCents: 1, _id: 1 };
    case 'price-desc':
      return { grossCents: -1, _id: 1 };
    case 'title':
      return { [`sortTitle.${lang}`]: 1, _id: 1 };
    default:
      return { publishedAt: -1, _id: -1 };
  }
}

export async function listCategories(): Promise<CategoryDoc[]> {
  return Category.find().sort({ position: 1, slug: 1 }).lean<CategoryDoc[]>();
}

export async function getCategoryBySlug(slug: string): Promise<CategoryDoc> {
  const c = await Category.findOne({ slug }).lean<CategoryDoc>();
  if (!c) throw new NotFoundError();
  return c;
}

/** What the list reads of an entry: the card, not the sort keys. */
const CARD = { sortTitle: 0, publishedAt: 0, category: 0 } as const;

/** Entries by id, in the order of the ids. */
async function entriesInOrder(ids: Types.ObjectId[]): Promise<CatalogueEntryDoc[]> {
  if (ids.length === 0) return [];
  const found = await CatalogueEntry.find({ _id: { $in: ids } }, CARD).lean<CatalogueEntryDoc[]>();
  const byId = new Map(found.map((e) => [String(e._id), e]));
  return ids.map((id) => byId.get(String(id))).filter((e): e is CatalogueEntryDoc => e !== undefined);
}

/**
 * Published goods for the public catalogue: category filter, search, sort and pagination, on the
 * small catalogue entries (read-model.ts), which hold the cards too. Browsing reads a page and the
 * count; a search finds the sorted ids of its matches (their number is the total) in the search
 * documents, then the page's cards by id.
 */
export async function listPublishedGoods(
  query: CatalogueQuery,
  lang: 'lt' | 'en',
): Promise<Page<CatalogueEntryDoc> & { category: CategoryDoc | null }> {
  const category = query.category ? await getCategoryBySlug(query.category) : null;
  const byCategory = category ? { category: category._id } : {};
  const goods = { kind: 'good' as const, ...byCategory };
  const sort = sortFor(query.sort, lang);
  const from = (query.page - 1) * PAGE_SIZE;
  const search = searchFilter(query.q);
  let items: CatalogueEntryDoc[];
  let total: number;
  if (search.$and) {
    const ids = await CatalogueSearch.find({ ...byCategory, ...search }, { _id: 1 })
      .sort(sort)
      .lean();
    total = ids.length;
    items = await entriesInOrder(ids.slice(from, from + PAGE_SIZE).map((e) => e._id));
  } else {
    [items, total] = await Promise.all([
      CatalogueEntry.find(goods, CARD).sort(sort).skip(from).limit(PAGE_SIZE).lean<CatalogueEntryDoc[]>(),
      CatalogueEntry.countDocuments(goods),
    ]);
  }
  return { items, total, page: query.page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), category };
}

export async function newestGoods(limit: number): Promise<CatalogueEntryDoc[]> {
  return CatalogueEntry.find({ kind: 'good' }, CARD)
    .sort({ publishedAt: -1, _id: -1 })
    .limit(limit)
    .lean<CatalogueEntryDoc[]>();
}

/** Published services by title: their ids from the catalogue entries, then each product by `_id`. */
export async function listPublishedServices(): Promise<ProductDoc[]> {
  const ids = await CatalogueEntry.find({ kind: 'service' }, { _id: 1 })
    .sort({ 'sortTitle.lt': 1, _id: 1 })
    .lean();
  const products = await Promise.all(ids.map((e) => Product.findById(e._id).lean<ProductDoc>()));
  return products.filter(
    (p): p is ProductDoc => p !== null && p.status === 'published' && p.kind === 'service',
  );
}

/**
 * A published product by a slug it has or had (`slug` of the result is its current one: the page
 * redirects when they differ). Two lookups by `_id`: the slug pointer, then the product.
 */
export async function getPublishedBySlug(
  slug: string,
): Promise<ProductDoc & { categoryDoc: CategoryDoc | null }> {
  const pointer = await ProductSlug.findById(slug).lean();
  const product = pointer ? await Product.findById(pointer.productId).lean<ProductDoc>() : null;
  if (!product || product.status !== 'published') throw new NotFoundError();
  const categoryDoc = product.category ? await Category.findById(product.category).lean<CategoryDoc>() : null;
  return { ...product, categoryDoc };
}

export async function listProductsForStaff(query: AdminProductQuery): Promise<Page<ProductDoc>> {
  const filter: QueryFilter<ProductDoc> = {
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.status ? { status: query.status } : { status: { $ne: 'archived' } }),
    ...searchFilter(query.q),
  };
  // One read of the matching ids in order (their number is the total: no countDocuments, which
  // scans and decodes every product a second time on FerretDB), then the page's products by `_id`.
  const ids = await Product.find(filter, { _id: 1 }).sort({ updatedAt: -1, _id: -1 }).lean();
  const from = (query.page - 1) * ADMIN_PAGE_SIZE;
  const pageIds = ids.slice(from, from + ADMIN_PAGE_SIZE).map((p) => p._id);
  const found = await Promise.all(pageIds.map((id) => Product.findById(id).lean<ProductDoc>()));
  const total = ids.length;
  return {
    items: found.filter((p): p is ProductDoc => p !== null),
    total,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)),
  };
}
