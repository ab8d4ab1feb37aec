import { NotFoundError } from '../../lib/errors.ts';
import { makersByProduct } from '../../participants/service.ts';
import { getSettings, type Settings } from '../../settings/service.ts';
import {
  Category,
  Product,
  ProductSlug,
  type CatalogueEntryDoc,
  type CategoryDoc,
  type ProductDoc,
} from '../model.ts';
import { entryOf } from '../read-model.ts';
import type { CatalogueQuery, CatalogueSort } from '../schemas.ts';
import type { Change } from './changes.ts';
import { SearchIndex, searchFields } from './search.ts';

export const PAGE_SIZE = 24;

type Lang = 'lt' | 'en';
type Entry = CatalogueEntryDoc;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
}

const byId = (a: Entry, b: Entry) =>
  String(a._id) < String(b._id) ? -1 : String(a._id) > String(b._id) ? 1 : 0;
/** An entry's id as text, worked out once per entry (an ObjectId's hex is slow to make 10,000 times). */
const idTexts = new WeakMap<Entry, string>();
function idOf(e: Entry): string {
  let id = idTexts.get(e);
  if (id === undefined) idTexts.set(e, (id = String(e._id)));
  return id;
}
const time = (d: Date | null | undefined) => (d ? new Date(d).getTime() : 0);

/** The database's orders (queries.ts, sortFor), ties broken by `_id` the same way. */
function comparator(sort: CatalogueSort, lang: Lang): (a: Entry, b: Entry) => number {
  switch (sort) {
    case 'price-asc':
      return (a, b) => a.grossCents - b.grossCents || byId(a, b);
    case 'price-desc':
      return (a, b) => b.grossCents - a.grossCents || byId(a, b);
    case 'title':
      return (a, b) => {
        const x = a.sortTitle?.[lang] ?? '';
        const y = b.sortTitle?.[lang] ?? '';
        return x < y ? -1 : x > y ? 1 : byId(a, b);
      };
    default:
      return (a, b) => time(b.publishedAt) - time(a.publishedAt) || byId(b, a);
  }
}

/**
 * The published catalogue of one instance, in memory: the listed products (whole, for their pages),
 * their catalogue entries (the cards, derived as the read model derives them), the slug pointers,
 * the categories, the search index, the organisation settings and the goods' consenting makers. Filled by `load` from the
 * database, patched by `apply` for each change-log entry; the public pages read only this.
 */
export class CatalogueStore {
  private products = new Map<string, ProductDoc>();
  private entries = new Map<string, Entry>();
  private slugs = new Map<string, string>();
  private categories: CategoryDoc[] = [];
  private categoryBySlug = new Map<string, CategoryDoc>();
  private categoryById = new Map<string, CategoryDoc>();
  private organisation: Settings | null = null;
  /** Consenting makers' public names per good (the participants module decides who is named). */
  private makers = new Map<string, string[]>();
  private readonly index = new SearchIndex();
  /** Sorted goods per (category, sort, language), made on first use after a change to the list. */
  private sorted = new Map<string, Entry[]>();

  get searchIndex(): SearchIndex {
    return this.index;
  }

  get size(): { products: number; entries: number; slugs: number; categories: number; makers: number } {
    return {
      makers: this.makers.size,
      products: this.products.size,
      entries: this.entries.size,
      slugs: this.slugs.size,
      categories: this.categories.length,
    };
  }

  /**
   * Everything from the database: the slug pointers of the read model, the published products (each
   * card derived by the read model's own `entryOf`), the categories and the settings.
   */
  async load(): Promise<void> {
    const [slugs, products] = await Promise.all([
      ProductSlug.find().lean(),
      Product.find({ status: 'published' }).lean<ProductDoc[]>(),
    ]);
    this.products.clear();
    this.entries.clear();
    this.index.clear();
    this.slugs = new Map(slugs.map((s) => [s._id, String(s.productId)]));
    for (const p of products) this.put(p);
    this.sorted.clear();
    await Promise.all([this.loadCategories(), this.loadSettings(), this.loadMakers()]);
  }

  private async loadMakers(): Promise<void> {
    this.makers = await makersByProduct();
  }

  /** The makers of these goods, read again (whatever the map held for them is replaced). */
  private async patchMakers(productIds: string[]): Promise<void> {
    const fresh = await makersByProduct(productIds);
    for (const id of productIds) {
      const names = fresh.get(id);
      if (names) this.makers.set(id, names);
      else this.makers.delete(id);
    }
  }

  private async loadCategories(): Promise<void> {
    const categories = await Category.find().sort({ position: 1, slug: 1 }).lean<CategoryDoc[]>();
    this.categories = categories;
    this.categoryBySlug = new Map(categories.map((c) => [c.slug, c]));
    this.categoryById = new Map(categories.map((c) => [String(c._id), c]));
    this.sorted.clear();
  }

  private async loadSettings(): Promise<void> {
    this.organisation = await getSettings();
  }

  private put(p: ProductDoc): void {
    const id = String(p._id);
    if (p.status !== 'published' || !p.publishedAt) {
      this.drop(id);
      return;
    }
    this.products.set(id, p);
    this.entries.set(id, entryOf(p) as Entry);
    if (p.kind === 'good') this.index.set(id, searchFields(p));
    else this.index.delete(id);
    this.slugs.set(p.slug, id);
  }

  private drop(id: string): void {
    this.products.delete(id);
    this.entries.delete(id);
    this.index.delete(id);
  }

  /** One change: re-read what it names (a product by `_id`, the categories, the settings), or patch the stock. */
  async apply(change: Change): Promise<void> {
    switch (change.kind) {
      case 'product': {
        const p = await Product.findById(change.productId).lean<ProductDoc>();
        if (p) this.put(p);
        else this.drop(change.productId);
        this.sorted.clear();
        return;
      }
      case 'stock':
        this.patchStock(change.productId, change.version, change.after);
        return;
      case 'makers':
        await this.patchMakers(change.productIds);
        return;
      case 'categories':
        await this.loadCategories();
        return;
      case 'settings':
        await this.loadSettings();
        return;
    }
  }

  /** A stock movement: the copies on the product and its card, if not newer already (the sort orders stay). */
  private patchStock(id: string, version: number, after: number): void {
    for (const doc of [this.products.get(id), this.entries.get(id)]) {
      if (doc && (doc.stockVersion == null || doc.stockVersion < version)) {
        doc.stockQuantity = after;
        doc.stockVersion = version;
      }
    }
  }

  // ---- what the public pages read ----

  settings(): Settings | null {
    return this.organisation;
  }

  /** The public names of the people who made this good and consented to be named with it. */
  makersOf(productId: string): string[] {
    return this.makers.get(productId) ?? [];
  }

  listCategories(): CategoryDoc[] {
    return this.categories;
  }

  private goodsSorted(category: string | null, sort: CatalogueSort, lang: Lang): Entry[] {
    const key = `${category ?? ''}|${sort}|${sort === 'title' ? lang : ''}`;
    let list = this.sorted.get(key);
    if (!list) {
      list = [...this.entries.values()]
        .filter((e) => e.kind === 'good' && (category === null || String(e.category) === category))
        .sort(comparator(sort, lang));
      this.sorted.set(key, list);
    }
    return list;
  }

  /** The catalogue page: category filter, search, sort and pages, as queries.ts does it on the database. */
  listPublishedGoods(query: CatalogueQuery, lang: Lang): Page<Entry> & { category: CategoryDoc | null } {
    const category = query.category ? (this.categoryBySlug.get(query.category) ?? null) : null;
    if (query.category && !category) throw new NotFoundError();
    let list = this.goodsSorted(category ? String(category._id) : null, query.sort, lang);
    const found = this.index.search(query.q);
    if (found) list = list.filter((e) => found.has(idOf(e)));
    // Best match first; equal scores keep the newest-first order (a stable sort).
    if (found && query.sort === 'relevance')
      list = list.toSorted((a, b) => found.get(idOf(b))! - found.get(idOf(a))!);
    const from = (query.page - 1) * PAGE_SIZE;
    const total = list.length;
    return {
      items: list.slice(from, from + PAGE_SIZE),
      total,
      page: query.page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      category,
    };
  }

  newestGoods(limit: number): Entry[] {
    return this.goodsSorted(null, 'newest', 'lt').slice(0, limit);
  }

  /** Every published good, whole, newest first (the sitemap and the shopping feeds list them all). */
  publishedGoods(): ProductDoc[] {
    return this.goodsSorted(null, 'newest', 'lt')
      .map((e) => this.products.get(String(e._id)))
      .filter((p): p is ProductDoc => p !== undefined);
  }

  /** A published product's category, by its id. */
  categoryOf(product: Pick<ProductDoc, 'category'>): CategoryDoc | null {
    return product.category ? (this.categoryById.get(String(product.category)) ?? null) : null;
  }

  /** Published services by their Lithuanian title. */
  listPublishedServices(): ProductDoc[] {
    return [...this.entries.values()]
      .filter((e) => e.kind === 'service')
      .sort(comparator('title', 'lt'))
      .map((e) => this.products.get(String(e._id)))
      .filter((p): p is ProductDoc => p !== undefined);
  }

  /** A published product by a slug it has or had (its `slug` is the current one). */
  getPublishedBySlug(slug: string): ProductDoc & { categoryDoc: CategoryDoc | null } {
    const id = this.slugs.get(slug);
    const product = id ? this.products.get(id) : undefined;
    if (!product) throw new NotFoundError();
    const categoryDoc = product.category ? (this.categoryById.get(String(product.category)) ?? null) : null;
    return { ...product, categoryDoc };
  }
}
