import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { Category, CatalogueEntry, CatalogueSearch, Product, ProductSlug } from '../../src/catalog/model.ts';
import { getPublishedBySlug, listPublishedGoods } from '../../src/catalog/queries.ts';
import { ensureCatalogueReadModel, rebuildCatalogue } from '../../src/catalog/read-model.ts';
import { catalogueQuery } from '../../src/catalog/schemas.ts';
import {
  archiveProduct,
  createCategory,
  createProduct,
  deleteProduct,
  publishProduct,
  restoreProduct,
  unpublishProduct,
  updateProduct,
} from '../../src/catalog/service.ts';
import { releaseStock, reserveStock, setStock } from '../../src/catalog/stock.ts';
import { useTestApp } from '../support/app.ts';
import { productInput } from './helpers.ts';

/**
 * The catalogue's read model (catalogue entries, slug pointers) kept by the catalogue service, and
 * the in-memory catalogue the public pages read (memory/): every change to a product shows on the
 * public pages at once.
 */
describe('public catalogue read model stays in step with the products', () => {
  const t = useTestApp();
  const pricing = { pricesIncludeVat: true };
  let categories: { medis: string; vilna: string };

  before(async () => {
    await createCategory({ nameLt: 'Medis', nameEn: 'Wood', slug: 'medis', position: 1 });
    await createCategory({ nameLt: 'Vilna', nameEn: 'Wool', slug: 'vilna', position: 2 });
    const [medis, vilna] = await Promise.all(
      ['medis', 'vilna'].map(async (slug) => String((await Category.findOne({ slug }).lean())!._id)),
    );
    categories = { medis: medis!, vilna: vilna! };
  });

  const page = (url: string) => request(t.app).get(url);
  const titles = async (url: string) => {
    const res = await page(url).expect(200);
    // The results only, not the goods suggested after "nothing found".
    const results = res.text.split('id="suggest-')[0]!;
    return [...results.matchAll(/<span class="card__title">([^<]*)<\/span>/g)].map((m) => m[1]!);
  };

  async function good(titleLt: string, sku: string, extra: Record<string, unknown> = {}) {
    const input = productInput({ titleLt, sku, category: categories.medis, stockQuantity: 5, ...extra });
    const p = await createProduct(input, [], t.storage, pricing);
    return { id: String(p._id), input };
  }

  it('publish lists the good and opens its page; unpublish takes both away', async () => {
    const { id } = await good('Ąžuolinis šaukštas', 'RM-1', { slug: 'azuolinis-saukstas' });
    expect(await titles('/catalogue?q=azuolinis')).to.deep.equal([]);
    await page('/products/azuolinis-saukstas').expect(404);
    await publishProduct(id);
    expect(await titles('/catalogue?q=azuolinis')).to.deep.equal(['Ąžuolinis šaukštas']);
    expect(await titles('/catalogue?category=medis')).to.include('Ąžuolinis šaukštas');
    expect((await page('/').expect(200)).text).to.contain('Ąžuolinis šaukštas');
    await page('/products/azuolinis-saukstas').expect(200);
    await unpublishProduct(id);
    expect(await titles('/catalogue?q=azuolinis')).to.deep.equal([]);
    expect((await page('/').expect(200)).text).to.not.contain('Ąžuolinis šaukštas');
    await page('/products/azuolinis-saukstas').expect(404);
    expect(await CatalogueEntry.findById(id).lean()).to.equal(null);
  });

  it('an edited title, price and category show in search, sort and category filter', async () => {
    const { id, input } = await good('Liepinė lentelė', 'RM-2', { price: 900 });
    await publishProduct(id);
    expect(await titles('/catalogue?category=vilna')).to.deep.equal([]);
    await updateProduct(
      id,
      { ...input, titleLt: 'Vilnonis šalikas', price: 123456, category: categories.vilna },
      [],
      t.storage,
      pricing,
    );
    expect(await titles('/catalogue?q=liepine')).to.deep.equal([]);
    expect(await titles('/catalogue?q=salikas')).to.deep.equal(['Vilnonis šalikas']);
    expect(await titles('/catalogue?category=vilna')).to.deep.equal(['Vilnonis šalikas']);
    expect(await titles('/catalogue?category=medis')).to.not.include('Vilnonis šalikas');
    expect((await titles('/catalogue?sort=price-desc'))[0]).to.equal('Vilnonis šalikas');
    const entry = await CatalogueEntry.findById(id).lean();
    expect(entry?.grossCents).to.equal(123456);
  });

  it('archive and delete take the good off the catalogue; restore does not publish it', async () => {
    const { id } = await good('Beržinis dubuo', 'RM-3', { slug: 'berzinis-dubuo' });
    await publishProduct(id);
    expect(await titles('/catalogue?q=berzinis')).to.have.length(1);
    await archiveProduct(id);
    expect(await titles('/catalogue?q=berzinis')).to.deep.equal([]);
    await page('/products/berzinis-dubuo').expect(404);
    await restoreProduct(id);
    expect(await titles('/catalogue?q=berzinis')).to.deep.equal([]);
    await publishProduct(id);
    expect(await titles('/catalogue?q=berzinis')).to.have.length(1);
    expect(await deleteProduct(id, t.storage)).to.equal('archived');
    expect(await titles('/catalogue?q=berzinis')).to.deep.equal([]);
    await page('/products/berzinis-dubuo').expect(404);
  });

  it('a sold-out good shows as sold out on its card and page at once', async () => {
    const { id } = await good('Pušinė dėžutė', 'RM-4', { slug: 'pusine-dezute' });
    await publishProduct(id);
    const card = async () => (await page('/catalogue?q=pusine').expect(200)).text;
    expect(await card()).to.contain('Yra sandėlyje');
    await setStock(id, 0);
    expect(await card()).to.contain('Šiuo metu išparduota');
    expect((await page('/products/pusine-dezute').expect(200)).text).to.contain('Šiuo metu išparduota');
  });

  it('a changed slug serves the new address and redirects the old one', async () => {
    const { id, input } = await good('Uosio kaušas', 'RM-5', { slug: 'uosio-kausas' });
    await publishProduct(id);
    await updateProduct(id, { ...input, slug: 'uosinis-kausas' }, [], t.storage, pricing);
    await page('/products/uosinis-kausas').expect(200);
    const old = await page('/products/uosio-kausas').expect(301);
    expect(old.headers.location).to.equal('/products/uosinis-kausas');
    // The old slug taken by another product now opens that product.
    const other = await good('Kitas kaušas', 'RM-6', { slug: 'uosio-kausas' });
    await publishProduct(other.id);
    expect((await page('/products/uosio-kausas').expect(200)).text).to.contain('<h1>Kitas kaušas</h1>');
    await page('/products/uosinis-kausas').expect(200);
  });

  it('a draft deleted for good leaves no page', async () => {
    const { id } = await good('Trumpalaikis', 'RM-7', { slug: 'trumpalaikis' });
    expect(await deleteProduct(id, t.storage)).to.equal('deleted');
    await page('/products/trumpalaikis').expect(404);
    expect(await CatalogueEntry.findById(id).lean()).to.equal(null);
  });

  it('follows stock reserved and released by orders', async () => {
    const { id } = await good('Klevo lentelė', 'RM-10', { stockQuantity: 2 });
    await publishProduct(id);
    const card = async () => (await page('/catalogue?q=klevo').expect(200)).text;
    expect((await reserveStock(id, 2, 'order-rm-10')).ok).to.equal(true);
    expect(await card()).to.contain('Šiuo metu išparduota');
    await releaseStock(id, 2, 'order-rm-10');
    expect(await card()).to.contain('Yra sandėlyje');
    expect((await CatalogueEntry.findById(id).lean())?.stockQuantity).to.equal(2);
  });

  it('publish and unpublish of a service show on the services page and the home page', async () => {
    const input = productInput({
      kind: 'service',
      titleLt: 'Lentpjūvės paslauga',
      sku: 'RM-S1',
      stockMode: 'made_to_order',
    });
    const id = String((await createProduct(input, [], t.storage, pricing))._id);
    expect((await page('/services').expect(200)).text).to.not.contain('Lentpjūvės paslauga');
    await publishProduct(id);
    expect((await page('/services').expect(200)).text).to.contain('Lentpjūvės paslauga');
    expect((await page('/').expect(200)).text).to.contain('Lentpjūvės paslauga');
    expect(await titles('/catalogue?q=lentpjuves')).to.deep.equal([]);
    await unpublishProduct(id);
    expect((await page('/services').expect(200)).text).to.not.contain('Lentpjūvės paslauga');
  });

  /**
   * The search on the stored read model (queries.ts), which the public pages no longer read (they
   * read the in-memory catalogue, memory/): documents deleted behind the service's back show here.
   */
  const storedTitles = async (q: string) =>
    (await listPublishedGoods(catalogueQuery.parse({ q }), 'lt')).items.map((e) => e.title?.lt ?? '');

  it('is rebuilt from the products', async () => {
    const { id } = await good('Atstatomas', 'RM-9', { slug: 'atstatomas' });
    await publishProduct(id);
    await Promise.all([CatalogueEntry.deleteMany({}), ProductSlug.deleteMany({})]);
    // An entry left behind by a write cut short, for a good that is not published.
    const draft = await good('Juodraštinis', 'RM-8');
    await CatalogueEntry.create({
      _id: draft.id,
      kind: 'good',
      slug: 'juodrastinis',
      grossCents: 1,
      publishedAt: new Date(),
    });
    await CatalogueSearch.create({
      _id: draft.id,
      searchText: 'juodrastinis',
      grossCents: 1,
      publishedAt: new Date(),
    });
    expect(await storedTitles('atstatomas')).to.deep.equal([]);
    await rebuildCatalogue();
    expect(await storedTitles('atstatomas')).to.deep.equal(['Atstatomas']);
    await getPublishedBySlug('atstatomas'); // throws when not found
    expect(await storedTitles('juodrastinis')).to.deep.equal([]);
    expect(await CatalogueEntry.exists({ _id: draft.id })).to.equal(null);
  });

  it('builds the read model of a database filled before it existed, once', async () => {
    await CatalogueEntry.deleteMany({});
    await CatalogueSearch.deleteMany({});
    expect(await storedTitles('atstatomas')).to.deep.equal([]);
    expect(await ensureCatalogueReadModel()).to.deep.equal({
      entries: await Product.countDocuments({ status: 'published' }),
    });
    expect(await storedTitles('atstatomas')).to.deep.equal(['Atstatomas']);
    await CatalogueEntry.deleteMany({});
    expect(await ensureCatalogueReadModel(), 'a second start does not rebuild').to.equal(null);
    expect(await CatalogueEntry.countDocuments()).to.equal(0);
  });

  it('is built completely when several instances start on an upgraded database at once', async () => {
    const published = await Product.countDocuments({ status: 'published' });
    await mongoose.connection.collection('migrations').deleteMany({});
    await CatalogueEntry.deleteMany({});
    await CatalogueSearch.deleteMany({});
    await ProductSlug.deleteMany({});
    const built = await Promise.all([1, 2, 3, 4].map(() => ensureCatalogueReadModel()));
    expect(built.filter(Boolean).length, 'at least one start built it').to.be.greaterThan(0);
    expect(await CatalogueEntry.countDocuments()).to.equal(published);
    expect(await storedTitles('atstatomas')).to.deep.equal(['Atstatomas']);
    await getPublishedBySlug('atstatomas'); // throws when not found
  });
});
