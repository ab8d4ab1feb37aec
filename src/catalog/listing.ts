/**
 * What the sitemap, the shopping feeds (Meta, Google Merchant Center) and a product page's structured
 * data say about a published good: one derivation, from the in-memory catalogue, so the price and
 * availability in each of them equal the page's.
 */
import type { FileStorage } from '../media/storage.ts';
import { localized, type Lang } from '../web/i18n.ts';
import type { CatalogueStore } from './memory/store.ts';
import type { ProductDoc } from './model.ts';
import { presentProduct } from './present.ts';

/** In stock (some on hand), sold out, or made when ordered (ready after the lead time). */
export type Availability = 'in_stock' | 'out_of_stock' | 'made_to_order';

export function availabilityOf(p: Pick<ProductDoc, 'stockMode' | 'stockQuantity'>): Availability {
  if (p.stockMode === 'made_to_order') return 'made_to_order';
  return p.stockQuantity > 0 ? 'in_stock' : 'out_of_stock';
}

export interface ListingItem {
  id: string;
  sku: string;
  slug: string;
  /** The product page, from the site's root (`/products/<slug>`). */
  path: string;
  title: string;
  description: string;
  grossCents: number;
  availability: Availability;
  stockQuantity: number;
  leadTimeDays: number;
  /** Photos as the storage serves them (a path under /media, or an absolute URL). */
  images: string[];
  /** The main photo's size in pixels (null without a photo). */
  coverSize: { width: number; height: number } | null;
  category: string;
  updatedAt: Date | null;
}

/** One published good as the listings show it, in one language. */
export function listingItem(p: ProductDoc, lang: Lang, storage: FileStorage, categoryName = ''): ListingItem {
  const view = presentProduct(p, lang, storage);
  const updated = (p as { updatedAt?: Date }).updatedAt ?? p.publishedAt ?? null;
  return {
    id: view.id,
    sku: view.sku,
    slug: view.slug,
    path: view.url,
    title: view.title,
    description: view.description,
    grossCents: view.grossCents,
    availability: availabilityOf(p),
    stockQuantity: p.stockMode === 'stock' ? p.stockQuantity : 0,
    leadTimeDays: p.leadTimeDays,
    images: view.images.map((img) => img.url),
    coverSize: p.images[0] ? { width: p.images[0].width, height: p.images[0].height } : null,
    category: categoryName,
    updatedAt: updated ? new Date(updated) : null,
  };
}

/** Every published good of this instance's in-memory catalogue, newest first. */
export function publicListing(store: CatalogueStore, lang: Lang, storage: FileStorage): ListingItem[] {
  return store.publishedGoods().map((p) => {
    const category = store.categoryOf(p);
    return listingItem(p, lang, storage, category ? localized(category.name, lang) : '');
  });
}
