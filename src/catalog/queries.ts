import type { QueryFilter, SortOrder } from 'mongoose';
import { NotFoundError } from '../lib/errors.ts';
import { escapeRegExp, searchTerms } from '../lib/text.ts';
import { Category, Product, type CategoryDoc, type ProductDoc } from './model.ts';
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
function searchFilter(q: string): QueryFilter<ProductDoc> {
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

/** Published goods for the public catalogue: category filter, search, sort and pagination. */
export async function listPublishedGoods(
  query: CatalogueQuery,
  lang: 'lt' | 'en',
): Promise<Page<ProductDoc> & { category: CategoryDoc | null }> {
  const category = query.category ? await getCategoryBySlug(query.category) : null;
  const filter: QueryFilter<ProductDoc> = {
    status: 'published',
    kind: 'good',
    ...(category ? { category: category._id } : {}),
    ...searchFilter(query.q),
  };
  const result = await paged<ProductDoc>(filter, sortFor(query.sort, lang), query.page, PAGE_SIZE);
  return { ...result, category };
}

export async function newestGoods(limit: number): Promise<ProductDoc[]> {
  return Product.find({ status: 'published', kind: 'good' })
    .sort({ publishedAt: -1, _id: -1 })
    .limit(limit)
    .lean<ProductDoc[]>();
}

export async function listPublishedServices(): Promise<ProductDoc[]> {
  return Product.find({ status: 'published', kind: 'service' })
    .sort({ 'sortTitle.lt': 1 })
    .lean<ProductDoc[]>();
}

export async function getPublishedBySlug(
  slug: string,
): Promise<ProductDoc & { categoryDoc: CategoryDoc | null }> {
  const product = await Product.findOne({ slug, status: 'published' }).lean<ProductDoc>();
  if (!product) throw new NotFoundError();
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
