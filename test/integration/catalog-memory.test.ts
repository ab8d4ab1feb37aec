import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { Category } from '../../src/catalog/model.ts';
import { listPublishedGoods, newestGoods } from '../../src/catalog/queries.ts';
import { CATALOGUE_SORTS, catalogueQuery } from '../../src/catalog/schemas.ts';
import {
  archiveProduct,
  createCategory,
  createProduct,
  publishProduct,
  reserveStock,
  type PublicCatalogue,
} from '../../src/catalog/service.ts';
import { getSettings } from '../../src/settings/service.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { useTestApp } from '../support/app.ts';
import { productInput } from './helpers.ts';

/** Every query of the catalogue tests (catalog-public, shop e2e, bench), and a few more. */
const QUERIES = [
  '',
  'zvake',
  'ŽVAKĖ',
  'Žvakė',
  'ZVAKE',
  '  vaško   žvakė ',
  'soju zvake',
  'soju puodelis',
  'zv-2',
  'puodelis',
  'žvak.*',
  '(vaško',
  '.*',
  '[',
  'slaptas',
  'archyvinis',
  'atvirukas 1',
  'candle',
  'nera',
];

describe('the in-memory catalogue (one instance)', () => {
  const t = useTestApp();
  let catalogue: PublicCatalogue;
  let candleId: string;

  before(async () => {
    await createCategory({ nameLt: 'Žvakės', nameEn: 'Candles', slug: 'zvakes', position: 1 });
    await createCategory({ nameLt: 'Keramika', nameEn: 'Ceramics', slug: 'keramika', position: 2 });
    const [zvakes, keramika] = await Promise.all(
      ['zvakes', 'keramika'].map(async (slug) => String((await Category.findOne({ slug }).lean())!._id)),
    );
    async function seed(input: Parameters<typeof productInput>[0], publish = true) {
      const p = await createProduct(productInput(input), [], t.storage, { pricesIncludeVat: true });
      if (publish) await publishProduct(String(p._id));
      return String(p._id);
    }
    candleId = await seed({
      titleLt: 'Sojų vaško žvakė',
      titleEn: 'Soy wax candle',
      sku: 'ZV-1',
      category: zvakes!,
      price: 850,
    });
    await seed({ titleLt: 'Bičių vaško žvakė', sku: 'ZV-2', category: zvakes!, price: 1200 });
    await seed({ titleLt: 'Molinis puodelis', sku: 'KER-1', category: keramika!, price: 1500 });
    await seed({ titleLt: 'Molinis puodelis', sku: 'KER-3', category: keramika!, price: 1500 });
    for (let i = 1; i <= 30; i++) {
      await seed({ titleLt: `Atvirukas ${i % 7}`, sku: `ATV-${i}`, price: 100 + (i % 5) * 10 });
    }
    await seed({ titleLt: 'Slaptas juodraštis', sku: 'DRAFT-1', category: zvakes! }, false);
    await archiveProduct(await seed({ titleLt: 'Senas archyvinis', sku: 'OLD-1' }));
    await seed({ kind: 'service', titleLt: 'Dovanų rinkiniai', sku: 'SRV-1', stockMode: 'made_to_order' });
    catalogue = t.app.locals.catalogue as PublicCatalogue;
  });

  it('finds, sorts, filters, counts and pages exactly as the database queries do', async () => {
    const store = await catalogue.ready();
    let compared = 0;
    for (const q of QUERIES) {
      for (const sort of CATALOGUE_SORTS) {
        for (const category of [undefined, 'zvakes', 'keramika']) {
          for (const page of [1, 2]) {
            for (const lang of ['lt', 'en'] as const) {
              const query = catalogueQuery.parse({ q, sort, category, page: String(page) });
              const inDb = await listPublishedGoods(query, lang);
              const inMemory = store.listPublishedGoods(query, lang);
              const what = JSON.stringify({ q, sort, category, page, lang });
              const ids = (p: { items: { _id: unknown }[] }) => p.items.map((e) => String(e._id));
              if (query.sort === 'relevance') {
                // Ranked in memory, newest first in the database (no ranking): the same goods on the two pages.
                const other = catalogueQuery.parse({ q, sort, category, page: String(3 - page) });
                const inMemoryBoth = [...ids(inMemory), ...ids(store.listPublishedGoods(other, lang))];
                const inDbBoth = [...ids(inDb), ...ids(await listPublishedGoods(other, lang))];
                expect(inMemoryBoth.sort(), what).to.deep.equal(inDbBoth.sort());
              } else expect(ids(inMemory), what).to.deep.equal(ids(inDb));
              expect([inMemory.total, inMemory.pages], what).to.deep.equal([inDb.total, inDb.pages]);
              compared += 1;
            }
          }
        }
      }
    }
    expect(compared).to.equal(QUERIES.length * CATALOGUE_SORTS.length * 3 * 2 * 2);
    expect(store.newestGoods(8).map((e) => String(e._id))).to.deep.equal(
      (await newestGoods(8)).map((e) => String(e._id)),
    );
  });

  it('finds inflected words and words without diacritics that the database search misses', async () => {
    const store = await catalogue.ready();
    for (const [q, titles] of [
      ['žvakės', ['Bičių vaško žvakė', 'Sojų vaško žvakė']],
      ['zvakiu', ['Bičių vaško žvakė', 'Sojų vaško žvakė']],
      ['puodeliai', ['Molinis puodelis', 'Molinis puodelis']],
      ['candles', ['Sojų vaško žvakė']],
    ] as const) {
      const query = catalogueQuery.parse({ q });
      expect(query.sort).to.equal('relevance');
      const inMemory = store.listPublishedGoods(query, 'en').items.map((e) => e.title?.lt);
      const inDb = (await listPublishedGoods(query, 'en')).items.map((e) => String(e._id));
      expect(inMemory.sort(), q).to.deep.equal([...titles]);
      expect(inDb.length, q).to.be.lessThan(inMemory.length);
    }
  });

  it('patches a sale into the entry without rebuilding, and the page shows it', async () => {
    const store = await catalogue.ready();
    const builds = catalogue.builds;
    const outcome = await reserveStock(candleId, 3, String(new mongoose.Types.ObjectId()));
    expect(outcome).to.deep.include({ ok: true, after: 2 });
    const page = await request(t.app).get('/catalogue?q=soju').expect(200);
    expect(page.text).to.contain('Sojų vaško žvakė');
    const query = catalogueQuery.parse({ q: 'soju' });
    expect(store.listPublishedGoods(query, 'lt').items[0]!.stockQuantity).to.equal(2);
    expect(catalogue.builds).to.equal(builds);
  });

  it('answers the public pages without reading the settings, and 404 for an unknown category', async () => {
    const original = SettingsModel.findById.bind(SettingsModel);
    let reads = 0;
    SettingsModel.findById = ((...args: Parameters<typeof original>) => {
      reads += 1;
      return original(...args);
    }) as typeof SettingsModel.findById;
    try {
      for (const url of [
        '/',
        '/catalogue',
        '/catalogue?q=zvake',
        '/catalogue?category=zvakes',
        '/services',
      ]) {
        await request(t.app).get(url).expect(200);
      }
      expect(reads).to.equal(0);
      await getSettings(); // the count does see a read
      expect(reads).to.equal(1);
    } finally {
      SettingsModel.findById = original;
    }
    await request(t.app).get('/catalogue?category=nera').expect(404);
  });
});
