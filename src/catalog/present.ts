import { priceBreakdown } from '../lib/money.ts';
import type { FileStorage } from '../media/storage.ts';
import { localized, type Lang } from '../web/i18n.ts';
import type { CatalogueEntryDoc, CategoryDoc, ProductDoc } from './model.ts';

type Texts = { lt?: string | null; en?: string | null } | null | undefined;

/**
 * The easy-read description in the language the page shows the product's texts in: an English page
 * shows the English one, or the Lithuanian one when the product has no English texts at all (its
 * standard text is Lithuanian then too); '' means "show the standard description".
 */
function easyText(easy: Texts, lang: Lang, standard: Texts): string {
  if (lang === 'lt') return easy?.lt || '';
  return easy?.en || (standard?.en ? '' : easy?.lt || '');
}

/** What a page shows of a product, in one language; the templates never see the stored document. */
export function presentProduct(p: ProductDoc, lang: Lang, storage: FileStorage) {
  const title = localized(p.title, lang);
  const price = priceBreakdown(p.priceCents, p.vatRateBps, p.priceIncludesVat);
  return {
    id: String(p._id),
    kind: p.kind,
    slug: p.slug,
    sku: p.sku,
    title,
    description: localized(p.description, lang),
    easyDescription: easyText(p.easyDescription, lang, p.description),
    unit: localized(p.unit, lang),
    grossCents: price.grossCents,
    netCents: price.netCents,
    vatCents: price.vatCents,
    vatRatePercent: p.vatRateBps / 100,
    madeToOrder: p.stockMode === 'made_to_order',
    inStock: p.stockMode === 'stock' && p.stockQuantity > 0,
    stockQuantity: p.stockQuantity,
    leadTimeDays: p.leadTimeDays,
    status: p.status,
    images: p.images.map((img, i) => ({
      url: storage.publicUrl(img.key),
      thumbUrl: storage.publicUrl(img.thumbKey),
      width: img.width,
      height: img.height,
      index: i,
      cover: i === 0,
    })),
    cover: p.images[0]
      ? { url: storage.publicUrl(p.images[0].key), thumbUrl: storage.publicUrl(p.images[0].thumbKey) }
      : null,
    url: p.kind === 'service' ? `/services#${p.slug}` : `/products/${p.slug}`,
  };
}

/** What a card in a list shows of a good, from its catalogue entry (read-model.ts). */
export function presentCard(e: CatalogueEntryDoc, lang: Lang, storage: FileStorage) {
  return {
    id: String(e._id),
    kind: 'good' as const,
    slug: e.slug,
    title: localized(e.title, lang),
    unit: localized(e.unit, lang),
    easyDescription: easyText(e.easyDescription, lang, e.title),
    grossCents: e.grossCents,
    madeToOrder: e.stockMode === 'made_to_order',
    inStock: e.stockMode === 'stock' && e.stockQuantity > 0,
    leadTimeDays: e.leadTimeDays,
    cover: e.thumbKey ? { thumbUrl: storage.publicUrl(e.thumbKey) } : null,
    url: `/products/${e.slug}`,
  };
}

export function presentCategory(c: CategoryDoc, lang: Lang) {
  return { id: String(c._id), slug: c.slug, name: localized(c.name, lang), position: c.position };
}
