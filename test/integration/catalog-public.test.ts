import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { Category } from '../../src/catalog/model.ts';
import type { ProductInput } from '../../src/catalog/schemas.ts';
import { archiveProduct, createCategory, createProduct, publishProduct } from '../../src/catalog/service.ts';
import { foldText } from '../../src/lib/text.ts';
import { useTestApp } from '../support/app.ts';
import { cardCount, pngImage, productInput, setCookie, setCookies, unescapeHtml } from './helpers.ts';

const POSTCARDS = 26;

describe('public catalogue', () => {
  const t = useTestApp();
  const prices = new Map<string, number>();
  let imageKey: string;

  before(async () => {
    await createCategory({ nameLt: 'Žvakės', nameEn: 'Candles', slug: 'zvakes', position: 1 });
    await createCategory({ nameLt: 'Keramika', nameEn: 'Ceramics', slug: 'keramika', position: 2 });
    const [zvakes, keramika] = await Promise.all(
      ['zvakes', 'keramika'].map(async (slug) => String((await Category.findOne({ slug }).lean())!._id)),
    );
    const image = await pngImage();
    async function seed(input: ProductInput, publish = true, withImage = false) {
      const files = withImage ? [{ originalName: 'p.png', buffer: image }] : [];
      const p = await createProduct(input, files, t.storage, { pricesIncludeVat: true });
      if (publish) await publishProduct(String(p._id));
      if (input.kind === 'good' && publish) prices.set(input.titleLt, input.price);
      return p;
    }
    const candle = await seed(
      productInput({
        titleLt: 'Sojų vaško žvakė',
        titleEn: 'Soy wax candle',
        sku: 'ZV-1',
        slug: 'soju-zvake',
        category: zvakes!,
        price: 850,
      }),
      true,
      true,
    );
    imageKey = candle.images[0]!.key;
    await seed(productInput({ titleLt: 'Bičių vaško žvakė', sku: 'ZV-2', category: zvakes!, price: 1200 }));
    await seed(productInput({ titleLt: 'Molinis puodelis', sku: 'KER-1', category: keramika!, price: 1500 }));
    await seed(
      productInput({
        titleLt: 'Keramikinė vaza <script>alert(1)</script>',
        sku: 'KER-2',
        category: keramika!,
        price: 3000,
      }),
    );
    for (let i = 1; i <= POSTCARDS; i++) {
      await seed(
        productInput({
          titleLt: `Atvirukas ${String(i).padStart(2, '0')}`,
          sku: `ATV-${i}`,
          price: 100 + i * 10,
        }),
      );
    }
    await seed(
      productInput({ titleLt: 'Slaptas juodraštis', sku: 'DRAFT-1', slug: 'juodrastis', category: zvakes! }),
      false,
    );
    const archived = await seed(
      productInput({ titleLt: 'Senas archyvinis', sku: 'OLD-1', slug: 'archyvinis' }),
    );
    await archiveProduct(String(archived._id));
    prices.delete('Senas archyvinis');
    await seed(
      productInput({
        kind: 'service',
        titleLt: 'Dovanų rinkinių ruošimas',
        sku: 'SRV-1',
        stockMode: 'made_to_order',
        leadTimeDays: 3,
      }),
    );
  });

  const get = (url: string) => request(t.app).get(url).expect(200);
  const titles = (html: string) =>
    [...html.split('id="suggest-')[0]!.matchAll(/<span class="card__title">([^<]*)<\/span>/g)].map(
      (m) => m[1]!,
    );

  it('lists published goods only, filtered by category', async () => {
    const all = await get('/catalogue');
    expect(cardCount(all.text)).to.equal(24);
    const zvakes = await get('/catalogue?category=zvakes');
    expect(titles(zvakes.text).sort()).to.deep.equal(['Bičių vaško žvakė', 'Sojų vaško žvakė']);
    expect(zvakes.text).to.contain('<h1>Žvakės</h1>');
    await request(t.app).get('/catalogue?category=nera-tokios').expect(404);
  });

  it('searches case- and diacritic-insensitively, all words must match', async () => {
    const candles = ['Bičių vaško žvakė', 'Sojų vaško žvakė'];
    for (const q of ['zvake', 'ŽVAKĖ', 'Žvakė', 'ZVAKE', '  vaško   žvakė ']) {
      expect(titles((await get(`/catalogue?q=${encodeURIComponent(q)}`)).text).sort(), q).to.deep.equal(
        candles,
      );
    }
    expect(titles((await get('/catalogue?q=soju+zvake')).text)).to.deep.equal(['Sojų vaško žvakė']);
    expect(cardCount((await get('/catalogue?q=soju+puodelis')).text)).to.equal(0);
    expect(titles((await get('/catalogue?q=zv-2')).text), 'by SKU').to.deep.equal(['Bičių vaško žvakė']);
    expect(titles((await get('/catalogue?q=puodelis&category=zvakes')).text)).to.deep.equal([]);
  });

  it('treats regex metacharacters in the query literally, without errors', async () => {
    for (const q of ['.*', '(', ')', '[', '\\', '*', '+?', '^$', '{1}', '|', '$where']) {
      await get(`/catalogue?q=${encodeURIComponent(q)}`);
    }
    expect(titles((await get(`/catalogue?q=${encodeURIComponent('žvak.*')}`)).text).sort()).to.have.length(2);
    expect(cardCount((await get(`/catalogue?q=${encodeURIComponent('(vaško')}`)).text)).to.equal(2);
  });

  it('sorts by price (both ways) and by title', async () => {
    const listed = async (sort: string) => {
      const [p1, p2] = await Promise.all([
        get(`/catalogue?sort=${sort}`),
        get(`/catalogue?sort=${sort}&page=2`),
      ]);
      return [...titles(p1.text), ...titles(p2.text)].map((s) =>
        s.replace('&lt;script&gt;alert(1)&lt;/script&gt;', '<script>alert(1)</script>'),
      );
    };
    const asc = await listed('price-asc');
    expect(asc).to.have.length(prices.size);
    const ascPrices = asc.map((title) => prices.get(title)!);
    expect(ascPrices).to.deep.equal([...ascPrices].sort((a, b) => a - b));
    expect(asc[0]).to.equal('Atvirukas 01');
    const desc = await listed('price-desc');
    expect(desc[0]).to.equal('Keramikinė vaza <script>alert(1)</script>');
    expect(desc.map((title) => prices.get(title)!)).to.deep.equal([...ascPrices].reverse());
    const byTitle = (await listed('title')).map(foldText);
    expect(byTitle).to.deep.equal([...byTitle].sort());
    expect(byTitle.at(-1)).to.equal('soju vasko zvake');
  });

  it('paginates: page 2 has the rest; odd page values do not fail', async () => {
    const [p1, p2] = [await get('/catalogue'), await get('/catalogue?page=2')];
    const seen = [...titles(p1.text), ...titles(p2.text)];
    expect(titles(p2.text)).to.have.length(prices.size - 24);
    expect(new Set(seen).size).to.equal(prices.size);
    expect(unescapeHtml(p1.text)).to.match(/rel="next" href="\/catalogue\?(sort=newest&)?page=2"/);
    expect(p2.text).to.contain('rel="prev"');
    expect(p2.text).to.not.contain('rel="next"');
    for (const page of ['0', '-1', 'abc', '99999', '2.5', '']) {
      const res = await get(`/catalogue?page=${page}`);
      expect(cardCount(res.text), `page=${page}`).to.equal(24);
    }
    expect(cardCount((await get('/catalogue?page=9000')).text)).to.equal(0);
    for (const qs of [
      'q=a&q=b',
      'category=zvakes&category=keramika',
      'sort=title&sort=price-asc',
      'page=1&page=2',
    ]) {
      expect(cardCount((await get(`/catalogue?${qs}`)).text), qs).to.equal(24);
    }
  });

  it('never shows drafts or archived products', async () => {
    const pages = [
      '/',
      '/catalogue',
      '/catalogue?page=2',
      '/catalogue?q=slaptas',
      '/catalogue?q=archyvinis',
      '/services',
    ];
    for (const url of pages) {
      const res = await get(url);
      expect(res.text, url).to.not.contain('Slaptas juodraštis');
      expect(res.text, url).to.not.contain('Senas archyvinis');
    }
    await request(t.app).get('/products/juodrastis').expect(404);
    await request(t.app).get('/products/archyvinis').expect(404);
    await request(t.app).get('/products/NE_SLUG').expect(404);
  });

  it('shows a product page and escapes titles', async () => {
    const page = await get('/products/soju-zvake');
    expect(page.text).to.contain('<h1>Sojų vaško žvakė</h1>');
    expect(page.text).to.contain(`src="/media/${imageKey}"`);
    const list = await get('/catalogue?category=keramika');
    expect(list.text).to.not.contain('<script>alert(1)</script>');
    expect(list.text).to.contain('&lt;script&gt;');
    expect((await get('/services')).text).to.contain('Dovanų rinkinių ruošimas');
  });

  it('switches language with a cookie and refuses unknown languages and foreign redirects', async () => {
    const agent = request.agent(t.app);
    const res = await agent.get('/lang/en?next=/catalogue').expect(303);
    expect(res.headers.location).to.equal('/catalogue');
    expect(setCookie(res, 'lang')).to.match(/^lang=en;.*HttpOnly/i);
    const en = await agent.get('/catalogue?category=zvakes').expect(200);
    expect(en.text).to.contain('<html lang="en">');
    expect(en.text).to.contain('Soy wax candle');
    expect((await agent.get('/products/soju-zvake')).text).to.contain('<h1>Soy wax candle</h1>');
    await request(t.app).get('/lang/xx').expect(404);
    for (const next of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
      const r = await request(t.app)
        .get(`/lang/en?next=${encodeURIComponent(next)}`)
        .expect(303);
      expect(r.headers.location, next).to.equal('/');
    }
    await agent.get('/lang/lt?next=/').expect(303);
    expect((await agent.get('/')).text).to.contain('<html lang="lt">');
  });

  it('toggles easy-read with a cookie', async () => {
    const agent = request.agent(t.app);
    expect((await agent.get('/')).text).to.not.contain('class="easy-read');
    const on = await agent.get('/easy-read/on?next=/catalogue').expect(303);
    expect(on.headers.location).to.equal('/catalogue');
    expect(setCookie(on, 'easy')).to.match(/^easy=1;/);
    expect((await agent.get('/')).text).to.contain('<body class="easy-read');
    await agent.get('/easy-read/off').expect(303);
    expect((await agent.get('/')).text).to.not.contain('class="easy-read');
    await request(t.app).get('/easy-read/maybe').expect(404);
  });

  it('creates no sessions for anonymous browsing; only pages with a form set the CSRF cookies', async () => {
    const sessions = mongoose.connection.collection('sessions');
    const before = await sessions.countDocuments();
    for (const url of ['/', '/catalogue', '/catalogue?q=zvake&sort=title', '/products/x', '/services']) {
      const res = await request(t.app).get(url);
      expect(setCookies(res), url).to.deep.equal([]);
    }
    // The product page has the add-to-cart form: a CSRF cookie pair, but still no session.
    const product = await request(t.app).get('/products/soju-zvake').expect(200);
    const names = setCookies(product).map((c) => c.split('=')[0]);
    expect(names.sort()).to.deep.equal(['dv.bid', 'dv.csrf']);
    expect(await sessions.countDocuments()).to.equal(before);
    expect(before).to.equal(0);
  });

  it('sends security headers', async () => {
    const res = await get('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).to.contain("script-src 'self'");
    expect(csp).to.contain("frame-ancestors 'none'");
    expect(csp).to.contain("object-src 'none'");
    expect(csp).to.not.contain('unsafe-inline');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['x-powered-by']).to.equal(undefined);
  });

  it('serves media with a long cache and nosniff; missing media is 404', async () => {
    const res = await get(`/media/${imageKey}`);
    expect(res.headers['content-type']).to.equal('image/webp');
    expect(res.headers['cache-control']).to.contain('max-age=31536000');
    expect(res.headers['cache-control']).to.contain('immutable');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    await request(t.app).get('/media/products/0000.webp').expect(404);
    const traversal = await request(t.app).get('/media/../package.json');
    expect(traversal.status).to.be.oneOf([403, 404]);
    expect(traversal.text).to.not.contain('"dependencies"');
  });

  it('answers health checks with JSON', async () => {
    const health = await get('/healthz').expect('Content-Type', /json/);
    expect(health.body).to.deep.equal({ status: 'ok' });
    const ready = await get('/readyz').expect('Content-Type', /json/);
    expect(ready.body).to.deep.equal({ status: 'ready' });
  });
});
