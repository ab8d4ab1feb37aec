/**
 * What a shared link and a search engine see of the shop: Open Graph and Twitter card tags of a
 * product page, and its structured data (schema.org Product with an Offer, the Organization selling
 * it), from the same listing item the feeds use (listing.ts), so the price and availability agree.
 */
import type { Settings } from '../settings/service.ts';
import type { Lang } from '../web/i18n.ts';
import { metaDescription } from '../web/page-meta.ts';
import type { Availability, ListingItem } from './listing.ts';

/** schema.org's ItemAvailability for each availability. */
export const SCHEMA_AVAILABILITY: Record<Availability, string> = {
  in_stock: 'https://schema.org/InStock',
  out_of_stock: 'https://schema.org/OutOfStock',
  made_to_order: 'https://schema.org/MadeToOrder',
};

/** Open Graph's `product:availability` values. */
const OG_AVAILABILITY: Record<Availability, string> = {
  in_stock: 'in stock',
  out_of_stock: 'out of stock',
  made_to_order: 'available for order',
};

/** A link made absolute with the public base URL (storage may give absolute links already). */
export function absoluteUrl(publicUrl: string, link: string): string {
  return /^https?:\/\//.test(link) ? link : `${publicUrl}${link.startsWith('/') ? '' : '/'}${link}`;
}

/** A price as the structured data and the feeds write it: euros with a point and two decimals. */
export function decimalPrice(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** schema.org Organization: the workshop, with its legal name, contacts and logo. */
export function organizationJsonLd(settings: Settings | null, publicUrl: string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    '@id': `${publicUrl}/#organization`,
    name: settings?.displayName ?? '',
    legalName: settings?.legalName || undefined,
    url: `${publicUrl}/`,
    logo: `${publicUrl}/static/images/icon-512.png`,
    email: settings?.email || undefined,
    telephone: settings?.phone || undefined,
    address: settings?.address || undefined,
    identifier: settings?.companyCode || undefined,
  };
}

/** schema.org Product with its Offer (price with VAT, euro, availability) sold by the Organization. */
export function productJsonLd(
  item: ListingItem,
  settings: Settings | null,
  publicUrl: string,
): Record<string, unknown> {
  const url = absoluteUrl(publicUrl, item.path);
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    '@id': `${url}#product`,
    name: item.title,
    description: item.description || item.title,
    sku: item.sku,
    url,
    image: item.images.map((i) => absoluteUrl(publicUrl, i)),
    category: item.category || undefined,
    brand: { '@type': 'Brand', name: settings?.displayName ?? '' },
    offers: {
      '@type': 'Offer',
      url,
      price: decimalPrice(item.grossCents),
      priceCurrency: 'EUR',
      availability: SCHEMA_AVAILABILITY[item.availability],
      itemCondition: 'https://schema.org/NewCondition',
      ...(item.availability === 'in_stock'
        ? { inventoryLevel: { '@type': 'QuantitativeValue', value: item.stockQuantity } }
        : {}),
      seller: organizationJsonLd(settings, publicUrl),
    },
  };
}

/** The head of a product page: description, Open Graph and Twitter card tags, structured data. */
export function productHead(item: ListingItem, settings: Settings | null, publicUrl: string, lang: Lang) {
  const image = item.images[0]
    ? absoluteUrl(publicUrl, item.images[0])
    : `${publicUrl}/static/images/icon-512.png`;
  const description = metaDescription(item.description || item.title);
  return {
    metaDescription: description,
    og: {
      type: 'product',
      title: item.title,
      description,
      url: absoluteUrl(publicUrl, item.path),
      image,
      imageWidth: item.coverSize?.width ?? 512,
      imageHeight: item.coverSize?.height ?? 512,
      imageAlt: item.title,
      siteName: settings?.displayName ?? '',
      locale: lang === 'en' ? 'en_IE' : 'lt_LT',
      price: decimalPrice(item.grossCents),
      currency: 'EUR',
      availability: OG_AVAILABILITY[item.availability],
      card: item.images[0] ? 'summary_large_image' : 'summary',
    },
    jsonLd: [productJsonLd(item, settings, publicUrl)],
  };
}
