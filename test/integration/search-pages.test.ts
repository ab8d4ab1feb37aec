import { expect } from 'chai';
import request from 'supertest';
import { Category } from '../../src/catalog/model.ts';
import { createCategory, createProduct, publishProduct } from '../../src/catalog/service.ts';
import { DEMO_GOODS } from '../../src/demo/data.ts';
import { signInAs, useTestApp } from '../support/app.ts';
import { productInput } from './helpers.ts';

/** The titles of the product cards on a page, in their order. */
function cardTitles(html: string): string[] {
  return [...html.matchAll(/<span class="card__title">([^<]*)<\/span>/g)].map((m) => m[1]!);
}

describe('catalogue search pages and the helpful "page not found"', () => {
  const t = useTestApp();

  before(async () => {
    await createCategory({
      nameLt: 'Žvakės ir muilas',
      nameEn: 'Candles and soap',
      slug: 'zvakes-ir-muilas',
      position: 1,
    });
    await createCategory({ nameLt: 'Keramika', nameEn: 'Ceramics', slug: 'keramika', position: 2 });
    const ids = new Map((await Category.find().lean()).map((c) => [c.slug, String(c._id)] as const));
    // The demo's candles, soaps, gift box and mugs, as the demo makes them.
    for (const sku of ['ZVK-001', 'ZVK-002', 'MUI-001', 'MUI-002', 'DOV-001', 'KER-001', 'KER-004']) {
      const g = DEMO_GOODS.find((p) => p.sku === sku)!;
      const p = await createProduct(
        productInput({
          sku: g.sku,
          titleLt: g.titleLt,
          titleEn: g.titleEn,
          descriptionLt: g.descriptionLt,
          descriptionEn: g.descriptionEn,
          ...g.stock,
          category: ids.get(g.category) ?? '',
          price: g.price,
        }),
        [],
        t.storage,
        { pricesIncludeVat: true },
      );
      await publishProduct(String(p._id));
    }
  });

  it('finds "zvakes" ranked by relevance: the candles by title, then the gift box by its description', async () => {
    const page = await request(t.app).get('/catalogue?q=zvakes').expect(200);
    const titles = cardTitles(page.text);
    expect(titles.slice(0, 2).sort()).to.deep.equal(['Bičių vaško žvakė', 'Sojų vaško žvakė su levandomis']);
    expect(titles[2]).to.equal('Dovanų dėžutė „Pajūrio rytas“');
    expect(titles).to.have.length(3);
    expect(page.text).to.match(/<option value="relevance" selected>Tinkamiausi<\/option>/);
    // Another order can still be chosen, and the same goods are listed in it.
    const byPrice = await request(t.app).get('/catalogue?q=zvakes&sort=price-asc').expect(200);
    expect(cardTitles(byPrice.text).sort()).to.deep.equal([...titles].sort());
    // Without a search there is no "best match" to choose.
    const all = await request(t.app).get('/catalogue').expect(200);
    expect(all.text).not.to.contain('value="relevance"');
  });

  it('"puodeliai" and "candles" find what a buyer expects, in English too', async () => {
    const mugs = await request(t.app).get('/catalogue?q=puodeliai').expect(200);
    expect(cardTitles(mugs.text).sort()).to.deep.equal([
      'Espreso puodelių pora',
      'Keramikinis puodelis „Jūra“',
    ]);
    const candles = await request(t.app).get('/catalogue?q=candles').set('Cookie', 'lang=en').expect(200);
    expect(cardTitles(candles.text).slice(0, 2).sort()).to.deep.equal([
      'Beeswax candle',
      'Soy wax candle with lavender',
    ]);
    expect(candles.text).to.contain('Best match');
  });

  it('suggests the categories and goods available now when nothing is found', async () => {
    const page = await request(t.app).get('/catalogue?q=nerandamas').expect(200);
    expect(page.text).to.contain('Pažiūrėkite kategorijas');
    expect(page.text).to.contain('href="/catalogue?category=keramika"');
    expect(page.text).to.contain('Gal patiks');
    const suggested = cardTitles(page.text);
    expect(suggested.length).to.be.within(1, 4);
    // The espresso cups are sold out in the demo: not suggested.
    expect(suggested).not.to.include('Espreso puodelių pora');
    const found = await request(t.app).get('/catalogue?q=muilo').expect(200);
    expect(found.text).not.to.contain('Gal patiks');
  });

  it('answers an unknown public address with a helpful 404: search box, categories, home', async () => {
    for (const url of ['/nera-tokio-puslapio', '/products/nera-tokios-prekes', '/catalogue?category=nera']) {
      const page = await request(t.app).get(url).expect(404);
      expect(page.text, url).to.contain('Puslapis nerastas');
      expect(page.text, url).not.to.contain('Kažkas negerai');
      expect(page.text, url).to.match(/<form[^>]*action="\/catalogue"[^>]*role="search"/);
      expect(page.text, url).to.contain('name="q"');
      expect(page.text, url).to.contain('href="/catalogue?category=zvakes-ir-muilas"');
      expect(page.text, url).to.contain('Į pradžios puslapį');
    }
    const en = await request(t.app).get('/no-such-page').set('Cookie', 'lang=en').expect(404);
    expect(en.text).to.contain('Page not found');
    expect(en.text).to.contain('Candles and soap');
    const easy = await request(t.app).get('/no-such-page').set('Cookie', 'easy=1').expect(404);
    expect(easy.text).to.contain('Šio puslapio nėra. Patikrinkite adresą.');
    expect(easy.text).to.contain('Parašykite, ko ieškote');
  });

  it('keeps the staff layout and the plain error page for staff in the staff area', async () => {
    const admin = await signInAs(t.app, 'admin');
    const page = await admin.get('/admin/no-such-page').expect(404);
    expect(page.text).to.contain('Tokio puslapio nėra.');
    expect(page.text).not.to.contain('Puslapis nerastas');
    expect(page.text).to.contain('class="staff-header"'); // the staff layout
    // A form posted to an unknown address gets the plain error page too.
    await request(t.app).post('/nera').expect(403);
  });
});
