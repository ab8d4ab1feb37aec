import type { QueryFilter, SortOrder } from 'mongoose';
import { NotFoundError } from '../lib/errors.ts';
import { escapeRegExp, searchTerms } from '../lib/text.ts';
import {
  CatalogueEntry,
  Category,
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

async function paged<T>(
  filter: QueryFilter<ProductDoc>,
  sort: Record<string, SortOrder>,
  page: number,
  size: number,
) {
  const [items, total] = await Promise.all([
    Product.find(filter)
      .sort(sort)
      .skip((page - 1) * size)
      .limit(size)
      .lean<T[]>(),
    Product.countDocuments(filter),
  ]);
  return { items, total, page, pages: Math.max(1, Math.ceil(total / size)) };
}

export async function listCategories(): Promise<CategoryDoc[]> {
  return Category.find().sort({ position: 1, slug: 1 }).lean<CategoryDoc[]>();
}

export async function getCategoryBySlug(slug: string): Promise<CategoryDoc> {
  const c = await Category.findOne({ slug }).lean<CategoryDoc>();
  if (!c) throw new NotFoundError();
  return c;
}

/** Whether a product read for a public list is still what the list shows (its entry may be stale). */
function listed(p: ProductDoc | null): p is ProductDoc {
  return p !== null && p.status === 'published' && p.kind === 'good';
}

/** The products of a page of catalogue entries, in the entries' order, each read by its `_id`. */
async function productsFor(ids: unknown[]): Promise<ProductDoc[]> {
  const products = await Promise.all(ids.map((id) => Product.findById(id).lean<ProductDoc>()));
  return products.filter(listed);
}

/**
 * Published goods for the public catalogue: category filter, search, sort and pagination. Filtered
 * and sorted on the small catalogue entries (read-model.ts) in one query that returns only their ids:
 * the total is their number and the page a slice of them, so the entries are read once per page.
 */
export async function listPublishedGoods(
  query: CatalogueQuery,
  lang: 'lt' | 'en',
): Promise<Page<ProductDoc> & { category: CategoryDoc | null }> {
  const category = query.category ? await getCategoryBySlug(query.category) : null;
  const filter = {
    ...(category ? { category: category._id } : {}),
    ...searchFilter(query.q),
  };
  const ids = await CatalogueEntry.find(filter, { _id: 1 }).sort(sortFor(query.sort, lang)).lean();
  const from = (query.page - 1) * PAGE_SIZE;
  const items = await productsFor(ids.slice(from, from + PAGE_SIZE).map((e) => e._id));
  const total = ids.length;
  return { items, total, page: query.page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), category };
}

export async function newestGoods(limit: number): Promise<ProductDoc[]> {
  const ids = await CatalogueEntry.find({}, { _id: 1 })
    .sort({ publishedAt: -1, _id: -1 })
    .limit(limit)
    .lean();
  return productsFor(ids.map((e) => e._id));
}

export async function listPublishedServices(): Promise<ProductDoc[]> {
  return Product.find({ status: 'published', kind: 'service' })
    .sort({ 'sortTitle.lt': 1 })
    .lean<ProductDoc[]>();
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
  return paged<ProductDoc>(filter, { updatedAt: -1, _id: -1 }, query.page, ADMIN_PAGE_SIZE);
}
