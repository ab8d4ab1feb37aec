/**
 * The machine-read files of the public site, from the in-memory catalogue (through the catalogue
 * service): the sitemap, robots.txt, the web manifest and the two shopping feeds: a CSV for Meta
 * (Facebook and Instagram) catalogues and an RSS 2.0 feed with the `g:` namespace for Google
 * Merchant Center. Prices and availability come from the same listing item as the product page's
 * structured data, so they agree with the page.
 */
import { stringify } from 'csv-stringify/sync';
import { absoluteUrl, decimalPrice, type Availability, type ListingItem } from '../catalog/service.ts';

export interface FeedContext {
  publicUrl: string;
  /** The brand every good carries: the workshop's name. */
  brand: string;
  title: string;
  description: string;
  now?: Date;
}

/** Meta's availability values (catalogue data feed specification). */
export const META_AVAILABILITY: Record<Availability, string> = {
  in_stock: 'in stock',
  out_of_stock: 'out of stock',
  made_to_order: 'available for order',
};

/** Google Merchant Center's availability values. */
export const GOOGLE_AVAILABILITY: Record<Availability, string> = {
  in_stock: 'in_stock',
  out_of_stock: 'out_of_stock',
  made_to_order: 'backorder',
};

/** The fields Meta requires of every item (and the ones we add), in the CSV's column order. */
export const META_COLUMNS = [
  'id',
  'title',
  'description',
  'availability',
  'condition',
  'price',
  'link',
  'image_link',
  'brand',
  'additional_image_link',
  'product_type',
  'inventory',
] as const;

/** A good can be listed by Meta and Google only with a photo (both require `image_link`). */
export function listable(item: ListingItem): boolean {
  return item.images.length > 0;
}

function plain(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Meta catalogue feed (CSV, comma-separated, a header row with the field names). */
export function metaFeedCsv(items: ListingItem[], ctx: FeedContext): string {
  const rows = items.filter(listable).map((item) => ({
    id: item.sku,
    title: plain(item.title, 200),
    description: plain(item.description || item.title, 9999),
    availability: META_AVAILABILITY[item.availability],
    condition: 'new',
    price: `${decimalPrice(item.grossCents)} EUR`,
    link: absoluteUrl(ctx.publicUrl, item.path),
    image_link: absoluteUrl(ctx.publicUrl, item.images[0]!),
    brand: ctx.brand,
    additional_image_link: item.images
      .slice(1, 11)
      .map((i) => absoluteUrl(ctx.publicUrl, i))
      .join(','),
    product_type: item.category,
    inventory: item.availability === 'in_stock' ? String(item.stockQuantity) : '',
  }));
  return stringify(rows, { header: true, columns: [...META_COLUMNS] });
}

/** Characters XML 1.0 does not allow (control characters other than tab and line breaks). */
function xmlAllowed(c: string): boolean {
  const code = c.charCodeAt(0);
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

export function escapeXml(text: string): string {
  return [...text]
    .filter(xmlAllowed)
    .join('')
    .replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
    );
}

function tag(name: string, value: string): string {
  return `<${name}>${escapeXml(value)}</${name}>`;
}

/** When a made-to-order good is ready: after its lead time, as ISO 8601 (whole minutes, UTC). */
function readyOn(now: number, days: number): string {
  return new Date(now + days * 24 * 3600_000).toISOString().slice(0, 16) + 'Z';
}

/** Google Merchant Center feed: RSS 2.0 with the `g:` namespace, one `<item>` per good. */
export function googleFeedXml(items: ListingItem[], ctx: FeedContext): string {
  const now = (ctx.now ?? new Date()).getTime();
  const entries = items.filter(listable).map((item) => {
    const fields = [
      tag('g:id', item.sku),
      tag('g:title', plain(item.title, 150)),
      tag('g:description', plain(item.description || item.title, 5000)),
      tag('g:link', absoluteUrl(ctx.publicUrl, item.path)),
      tag('g:image_link', absoluteUrl(ctx.publicUrl, item.images[0]!)),
      ...item.images.slice(1, 11).map((i) => tag('g:additional_image_link', absoluteUrl(ctx.publicUrl, i))),
      tag('g:availability', GOOGLE_AVAILABILITY[item.availability]),
      ...(item.availability === 'made_to_order'
        ? [tag('g:availability_date', readyOn(now, item.leadTimeDays))]
        : []),
      tag('g:price', `${decimalPrice(item.grossCents)} EUR`),
      tag('g:condition', 'new'),
      tag('g:brand', ctx.brand),
      tag('g:identifier_exists', 'no'),
      ...(item.category ? [tag('g:product_type', item.category)] : []),
    ];
    return `<item>\n      ${fields.join('\n      ')}\n    </item>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">',
    '  <channel>',
    `    ${tag('title', ctx.title)}`,
    `    ${tag('link', `${ctx.publicUrl}/`)}`,
    `    ${tag('description', ctx.description)}`,
    ...entries.map((e) => `    ${e}`),
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

export interface SitemapEntry {
  path: string;
  lastmod?: Date | null;
}

/** The sitemap protocol's urlset: every public page, absolute. */
export function sitemapXml(entries: SitemapEntry[], publicUrl: string): string {
  const urls = entries.map((e) => {
    const loc = tag('loc', absoluteUrl(publicUrl, e.path));
    const lastmod = e.lastmod ? tag('lastmod', e.lastmod.toISOString().slice(0, 10)) : '';
    return `  <url>${loc}${lastmod}</url>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

/** Paths no crawler should read: the staff area, private order and request links, forms, preferences. */
export const DISALLOWED = [
  '/admin',
  '/login',
  '/account/',
  '/orders/',
  '/requests/',
  '/cart',
  '/checkout',
  '/lang/',
  '/easy-read/',
  '/webhooks/',
  '/media/requests/',
] as const;

/** robots.txt: the private paths disallowed (the request form allowed), and the sitemap. */
export function robotsTxt(publicUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /requests/new',
    ...DISALLOWED.map((p) => `Disallow: ${p}`),
    '',
    `Sitemap: ${publicUrl}/sitemap.xml`,
    '',
  ].join('\n');
}

/** The web app manifest: name, colours and icons (the icons are made by scripts/icons.ts). */
export function webManifest(opts: { name: string; description: string; lang: string }) {
  return {
    name: opts.name,
    short_name: opts.name.length > 12 ? opts.name.split(/\s+/)[0]!.slice(0, 12) : opts.name,
    description: opts.description,
    lang: opts.lang,
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#fbf7f1',
    theme_color: '#9c4221',
    icons: [
      { src: '/static/images/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/static/images/icon-512.png', sizes: '512x512', type: 'image/png' },
      {
        src: '/static/images/icon-maskable-512.png',
        sizes: '512x512',
        type: 'image/png',
        purpose: 'maskable',
      },
    ],
  };
}
