import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { Category, Product } from '../../src/catalog/model.ts';
import { ensureCatalogueReadModel, syncCatalogue } from '../../src/catalog/read-model.ts';
import { priceBreakdown } from '../../src/lib/money.ts';
import { foldText, slugify } from '../../src/lib/text.ts';

const CATEGORIES: [string, string, string][] = [
  ['keramika', 'Keramika', 'Ceramics'],
  ['tekstile', 'Tekstilė', 'Textiles'],
  ['medis', 'Medžio dirbiniai', 'Woodwork'],
  ['zvakes', 'Žvakės', 'Candles'],
  ['pynimas', 'Pynimas', 'Weaving'],
  ['papuosalai', 'Papuošalai', 'Jewellery'],
  ['atvirukai', 'Atvirukai', 'Cards'],
  ['virtuve', 'Virtuvei', 'For the kitchen'],
];

const THINGS: [string, string, number][] = [
  ['puodelis', 'mug', 0],
  ['dubenėlis', 'bowl', 0],
  ['vaza', 'vase', 0],
  ['staltiesė', 'tablecloth', 1],
  ['rankšluostis', 'towel', 1],
  ['pirkinių krepšys', 'shopping bag', 1],
  ['pjaustymo lentelė', 'cutting board', 2],
  ['šaukštas', 'spoon', 2],
  ['sojų vaško žvakė', 'soy wax candle', 3],
  ['bičių vaško žvakė', 'beeswax candle', 3],
  ['pintinė', 'basket', 4],
  ['kilimėlis', 'rug', 4],
  ['auskarai', 'earrings', 5],
  ['apyrankė', 'bracelet', 5],
  ['atvirukas', 'greeting card', 6],
  ['prijuostė', 'apron', 7],
];

const QUALITIES: [string, string][] = [
  ['Rankų darbo', 'Handmade'],
  ['Mažas', 'Small'],
  ['Didelis', 'Large'],
  ['Mėlynas', 'Blue'],
  ['Žalias', 'Green'],
  ['Rudas', 'Brown'],
  ['Baltas', 'White'],
  ['Raštuotas', 'Patterned'],
  ['Lininis', 'Linen'],
  ['Vilnonis', 'Woollen'],
];

/** One stored image description shared by every seeded product: pages render it, nothing is processed. */
const IMAGE = { width: 1200, height: 900 };

/**
 * Seeds `count` published goods straight through the Product model (insertMany in batches): realistic
 * two-language titles, search text and sort keys as the catalogue service derives them, categories,
 * prices with VAT, and 100–149 units on hand (the stored quantity is version 0 of the stock log); then
 * the catalogue's read model (src/catalog/read-model.ts) is built from them.
 */
export async function seedCatalogue(count: number): Promise<{ ms: number; categories: number }> {
  const started = performance.now();
  const categories = await Category.insertMany(
    CATEGORIES.map(([slug, lt, en], position) => ({ slug, name: { lt, en }, position })),
  );
  const imageHex = randomBytes(16).toString('hex');
  const images = [
    { key: `products/${imageHex}.webp`, thumbKey: `products/${imageHex}-thumb.webp`, ...IMAGE },
  ];
  const now = Date.now();
  const batch = 1000;
  for (let from = 0; from < count; from += batch) {
    const docs = [];
    for (let i = from; i < Math.min(count, from + batch); i++) {
      const [thingLt, thingEn, cat] = THINGS[i % THINGS.length]!;
      const [qualLt, qualEn] = QUALITIES[Math.floor(i / THINGS.length) % QUALITIES.length]!;
      const titleLt = `${qualLt} ${thingLt} Nr. ${i + 1}`;
      const titleEn = `${qualEn} ${thingEn} No. ${i + 1}`;
      const sku = `B-${String(i + 1).padStart(5, '0')}`;
      const descriptionLt = `${qualLt} ${thingLt}, pagamintas socialinėse dirbtuvėse. Kiekvienas egzempliorius šiek tiek kitoks.`;
      const descriptionEn = `${qualEn} ${thingEn}, made in a social workshop. Each piece is a little different.`;
      const priceCents = 500 + ((i * 37) % 9500);
      const publishedAt = new Date(now - i * 60_000);
      docs.push({
        _id: new mongoose.Types.ObjectId(),
        kind: 'good',
        slug: `${slugify(titleLt)}`,
        sku,
        title: { lt: titleLt, en: titleEn },
        description: { lt: descriptionLt, en: descriptionEn },
        unit: { lt: 'vnt.', en: 'pc.' },
        category: categories[cat]!._id,
        priceCents,
        priceIncludesVat: true,
        vatRateBps: 2100,
        grossCents: priceBreakdown(priceCents, 2100, true).grossCents,
        stockMode: 'stock',
        stockQuantity: 100 + (i % 50),
        stockVersion: null,
        leadTimeDays: 0,
        images,
        status: 'published',
        publishedAt,
        firstPublishedAt: publishedAt,
        searchText: foldText([titleLt, titleEn, sku, descriptionLt, descriptionEn].join(' \u0001 ')),
        sortTitle: { lt: foldText(titleLt), en: foldText(titleEn) },
      });
    }
    await Product.insertMany(docs, { lean: true });
  }
  // Written behind the service's back, so the catalogue's read model is built from the products,
  // marked as built: the app's start does not build it again (under load that took longer than the
  // database timeout).
  await ensureCatalogueReadModel();
  return { ms: performance.now() - started, categories: categories.length };
}

/** A published good with its own stock, for the contention and webhook scenarios; its id and slug. */
export async function seedProduct(
  titleLt: string,
  stockQuantity: number,
  priceCents = 2500,
): Promise<{ id: string; slug: string }> {
  const slug = slugify(titleLt);
  const sku = `S-${randomBytes(4).toString('hex')}`;
  const doc = await Product.create({
    kind: 'good',
    slug,
    sku,
    title: { lt: titleLt, en: titleLt },
    priceCents,
    priceIncludesVat: true,
    vatRateBps: 2100,
    grossCents: priceCents,
    stockMode: 'stock',
    stockQuantity,
    status: 'published',
    publishedAt: new Date(),
    firstPublishedAt: new Date(),
    searchText: foldText(`${titleLt} ${sku}`),
    sortTitle: { lt: foldText(titleLt), en: foldText(titleLt) },
  });
  await syncCatalogue(doc._id);
  return { id: String(doc._id), slug };
}

/**
 * Waits until the app's public page of a product seeded here shows it: the app reads its in-memory
 * catalogue, which follows the change log within its interval (src/catalog/memory/).
 */
export async function shownOn(appUrl: string, slug: string, limitMs = 10_000): Promise<void> {
  const started = Date.now();
  while ((await fetch(`${appUrl}/products/${slug}`).then((r) => r.status)) !== 200) {
    if (Date.now() - started > limitMs) throw new Error(`/products/${slug} not shown within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
