import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import request from 'supertest';
import { Category } from '../../src/catalog/model.ts';
import { archiveProduct, createCategory, createProduct, publishProduct } from '../../src/catalog/service.ts';
import { useTestApp } from '../support/app.ts';
import { readCsv } from '../support/csv-reader.ts';
import { seedOrganisation, ORGANISATION } from '../e2e/support.ts';
import { lt, pngImage, productInput, unescapeHtml } from './helpers.ts';

const PUBLIC_URL = 'https://shop.example.lt';

/** The Meta catalogue feed's required fields (Meta Commerce Manager, data feed specification). */
const META_REQUIRED = [
  'id',
  'title',
  'description',
  'availability',
  'condition',
  'price',
  'link',
  'image_link',
  'brand',
] as const;
const META_AVAILABILITY = ['in stock', 'out of stock', 'preorder', 'available for order', 'discontinued'];
/** Google Merchant Center's required attributes (brand, or identifier_exists = no, for goods without GTIN). */
const GOOGLE_REQUIRED = [
  'g:id',
  'g:title',
  'g:description',
  'g:link',
  'g:image_link',
  'g:availability',
  'g:price',
];
const GOOGLE_AVAILABILITY = ['in_stock', 'out_of_stock', 'preorder', 'backorder'];
const SCHEMA = 'https://schema.org/';

type Availability = 'InStock' | 'OutOfStock' | 'MadeToOrder';

/** What a product page itself shows: its price in cents and its stock line in words. */
function pageFacts(html: string): { cents: number; availability: Availability; quantity: number | null } {
  const text = unescapeHtml(html);
  const price = /<p class="price">([^<]+)<\/p>/.exec(text)?.[1] ?? '';
  const cents = Math.round(Number(price.replace(/[^\d,]/g, '').replace(',', '.')) * 100);
  const stock = /<p class="stock">\s*([^<]+?)\s*<\/p>/.exec(text)?.[1] ?? '';
  const madeToOrder = /^(.*)\d+/.exec(lt('product.madeToOrderDays.other', { count: 7 }))![1]!;
  if (stock.startsWith(madeToOrder)) return { cents, availability: 'MadeToOrder', quantity: null };
  if (stock === lt('product.soldOut')) return { cents, availability: 'OutOfStock', quantity: null };
  const quantity = Number(/(\d+)/.exec(stock)?.[1]);
  expect(stock, 'the stock line').to.equal(lt('product.inStockCount', { count: quantity }));
  return { cents, availability: 'InStock', quantity };
}

function jsonLdOf(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1]!) as Record<string, unknown>,
  );
}

function metaContent(html: string, attr: 'property' | 'name', name: string): string | undefined {
  const m = new RegExp(`<meta ${attr}="${name.replace(/[:.]/g, '\\$&')}" content="([^"]*)">`).exec(html);
  return m ? unescapeHtml(m[1]!) : undefined;
}

describe('sharing and being found: tags, structured data, sitemap, robots, icons and feeds', function () {
  this.timeout(120_000);
  const t = useTestApp({ PUBLIC_URL });
  const published: { slug: string; sku: string; withPhoto: boolean }[] = [];
  let hidden: string[] = [];

  before(async () => {
    await seedOrganisation();
    await createCategory({ nameLt: 'Žvakės', nameEn: 'Candles', slug: 'zvakes', position: 1 });
    const category = String((await Category.findOne({ slug: 'zvakes' }).lean())!._id);
    const photo = await pngImage(400, 300);
    const goods = [
      { titleLt: 'Sojų vaško žvakė', sku: 'ZV-1', price: 850, stockQuantity: 3, photo: true },
      {
        titleLt: 'Pinta krepšys „Didelis“ <b>& Co</b>',
        sku: 'KR-1',
        price: 2420,
        stockQuantity: 0,
        photo: true,
        descriptionLt: 'Pintas iš vytelių.\nTinka turgui & pikniko pintinei.',
      },
      {
        titleLt: 'Vilnonės kojinės',
        sku: 'KO-1',
        price: 1999,
        stockMode: 'made_to_order' as const,
        leadTimeDays: 7,
        photo: true,
      },
      { titleLt: 'Atvirukas be nuotraukos', sku: 'AT-1', price: 150, stockQuantity: 10, photo: false },
    ];
    for (const g of goods) {
      const { photo: withPhoto, ...input } = g;
      const p = await createProduct(
        productInput({ ...input, category }),
        withPhoto ? [{ originalName: 'p.png', buffer: photo }] : [],
        t.storage,
        { pricesIncludeVat: true },
      );
      await publishProduct(String(p._id));
      published.push({ slug: p.slug, sku: p.sku, withPhoto });
    }
    const draft = await createProduct(productInput({ titleLt: 'Juodraštis', sku: 'DR-1' }), [], t.storage, {
      pricesIncludeVat: true,
    });
    const archived = await createProduct(productInput({ titleLt: 'Archyvinė', sku: 'AR-1' }), [], t.storage, {
      pricesIncludeVat: true,
    });
    await publishProduct(String(archived._id));
    await archiveProduct(String(archived._id));
    hidden = [draft.slug, archived.slug];
  });

  it('gives every product page Open Graph, Twitter card tags and JSON-LD equal to its own price and stock', async () => {
    for (const { slug } of published) {
      const res = await request(t.app).get(`/products/${slug}`).expect(200);
      const page = pageFacts(res.text);
      const [product, ...rest] = jsonLdOf(res.text);
      expect(rest, slug).to.have.length(0);
      expect(product!['@context']).to.equal('https://schema.org');
      expect(product!['@type']).to.equal('Product');
      expect(product!.name).to.equal(metaContent(res.text, 'property', 'og:title'));
      expect(product!.url).to.equal(`${PUBLIC_URL}/products/${slug}`);
      const offer = product!.offers as Record<string, unknown>;
      expect(offer['@type']).to.equal('Offer');
      expect(Math.round(Number(offer.price) * 100), `${slug} price`).to.equal(page.cents);
      expect(offer.price).to.match(/^\d+\.\d{2}$/);
      expect(offer.priceCurrency).to.equal('EUR');
      expect(offer.availability, `${slug} availability`).to.equal(SCHEMA + page.availability);
      if (page.availability === 'InStock')
        expect((offer.inventoryLevel as { value: number }).value).to.equal(page.quantity);
      const seller = offer.seller as Record<string, unknown>;
      expect(seller['@type']).to.equal('Organization');
      expect(seller.name).to.equal(ORGANISATION.displayName);

      expect(metaContent(res.text, 'property', 'og:type')).to.equal('product');
      expect(metaContent(res.text, 'property', 'og:url')).to.equal(`${PUBLIC_URL}/products/${slug}`);
      expect(metaContent(res.text, 'property', 'og:image')).to.match(/^https:\/\/shop\.example\.lt\//);
      const image = await request(t.app)
        .get(new URL(metaContent(res.text, 'property', 'og:image')!).pathname)
        .buffer(true)
        .expect(200);
      const size = await sharp(image.body as Buffer).metadata();
      expect(Number(metaContent(res.text, 'property', 'og:image:width')), slug).to.equal(size.width);
      expect(Number(metaContent(res.text, 'property', 'og:image:height')), slug).to.equal(size.height);
      expect(Math.round(Number(metaContent(res.text, 'property', 'product:price:amount')) * 100)).to.equal(
        page.cents,
      );
      expect(metaContent(res.text, 'property', 'product:price:currency')).to.equal('EUR');
      expect(metaContent(res.text, 'name', 'twitter:card')).to.match(/^summary(_large_image)?$/);
      expect(metaContent(res.text, 'name', 'twitter:image')).to.equal(
        metaContent(res.text, 'property', 'og:image'),
      );
      expect(metaContent(res.text, 'name', 'description'))
        .to.be.a('string')
        .and.not.equal('');
      expect(res.text).to.contain(`<link rel="canonical" href="${PUBLIC_URL}/products/${slug}">`);
    }
  });

  it('keeps text in the structured data from closing its script element', async () => {
    const basket = published.find((p) => p.sku === 'KR-1')!;
    const res = await request(t.app).get(`/products/${basket.slug}`).expect(200);
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(res.text)![1]!;
    expect(script).to.not.contain('<b>');
    expect(jsonLdOf(res.text)[0]!.name).to.equal('Pinta krepšys „Didelis“ <b>& Co</b>');
    expect(metaContent(res.text, 'name', 'description')).to.equal(
      'Pintas iš vytelių. Tinka turgui & pikniko pintinei.',
    );
  });

  it('describes the organisation in JSON-LD on the home page, with a description and canonical URL', async () => {
    const res = await request(t.app).get('/').expect(200);
    const [org] = jsonLdOf(res.text);
    expect(org!['@type']).to.equal('Organization');
    expect(org!.name).to.equal(ORGANISATION.displayName);
    expect(org!.legalName).to.equal(ORGANISATION.legalName);
    expect(org!.url).to.equal(`${PUBLIC_URL}/`);
    expect(res.text).to.contain(`<link rel="canonical" href="${PUBLIC_URL}/">`);
    expect(metaContent(res.text, 'name', 'description')).to.not.equal(undefined);
  });

  it('keeps only the category and page in the catalogue canonical URL', async () => {
    const res = await request(t.app).get('/catalogue?category=zvakes&sort=price-asc&q=').expect(200);
    expect(unescapeHtml(res.text)).to.contain(
      `<link rel="canonical" href="${PUBLIC_URL}/catalogue?category=zvakes">`,
    );
  });

  it('lists every published good, the categories and public pages in the sitemap, nothing private', async () => {
    const res = await request(t.app).get('/sitemap.xml').expect(200).expect('Content-Type', /xml/);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(res.text) as {
      urlset: { '@_xmlns': string; url: { loc: string; lastmod?: string }[] };
    };
    expect(doc.urlset['@_xmlns']).to.equal('http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs = doc.urlset.url.map((u) => u.loc);
    for (const { slug } of published) expect(locs).to.include(`${PUBLIC_URL}/products/${slug}`);
    for (const slug of hidden) expect(locs).to.not.include(`${PUBLIC_URL}/products/${slug}`);
    for (const path of ['/', '/catalogue', '/services', '/accessibility', '/privacy', '/returns', '/terms'])
      expect(locs).to.include(`${PUBLIC_URL}${path}`);
    expect(locs).to.include(`${PUBLIC_URL}/catalogue?category=zvakes`);
    expect(locs.filter((l) => /\/admin|\/orders\/|\/cart/.test(l))).to.deep.equal([]);
    for (const u of doc.urlset.url.filter((u) => u.lastmod))
      expect(u.lastmod).to.match(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('disallows the staff area and private links in robots.txt and names the sitemap', async () => {
    const res = await request(t.app)
      .get('/robots.txt')
      .expect(200)
      .expect('Content-Type', /text\/plain/);
    const lines = res.text.split('\n');
    expect(lines).to.include('User-agent: *');
    for (const path of ['/admin', '/orders/', '/requests/', '/cart', '/checkout', '/login'])
      expect(lines).to.include(`Disallow: ${path}`);
    expect(lines).to.include('Allow: /requests/new');
    expect(lines).to.include(`Sitemap: ${PUBLIC_URL}/sitemap.xml`);
  });

  it('serves the favicon, the apple-touch icon and a web manifest whose icons exist', async () => {
    const ico = await request(t.app).get('/favicon.ico').buffer(true).expect(200);
    expect(ico.headers['content-type']).to.match(/image\/(x-icon|vnd\.microsoft\.icon)/);
    const body = ico.body as Buffer;
    expect([...body.subarray(0, 4)]).to.deep.equal([0, 0, 1, 0]);
    expect(body.readUInt16LE(4)).to.be.at.least(2);

    const touch = await request(t.app).get('/apple-touch-icon.png').buffer(true).expect(200);
    const meta = await sharp(touch.body as Buffer).metadata();
    expect([meta.format, meta.width, meta.height]).to.deep.equal(['png', 180, 180]);

    const home = await request(t.app).get('/').expect(200);
    expect(home.text).to.contain('<link rel="manifest" href="/manifest.webmanifest">');
    expect(home.text).to.contain('<link rel="apple-touch-icon" href="/apple-touch-icon.png">');
    const res = await request(t.app).get('/manifest.webmanifest').expect(200);
    expect(res.headers['content-type']).to.match(/application\/manifest\+json/);
    const manifest = JSON.parse(res.text) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; type: string }[];
    };
    expect(manifest.name).to.equal(ORGANISATION.displayName);
    expect(manifest.start_url).to.equal('/');
    expect(manifest.icons.map((i) => i.sizes)).to.include.members(['192x192', '512x512']);
    for (const icon of manifest.icons) {
      const file = await request(t.app).get(icon.src).buffer(true).expect(200);
      const m = await sharp(file.body as Buffer).metadata();
      expect(`${m.width}x${m.height}`, icon.src).to.equal(icon.sizes);
    }
  });

  it("gives Meta a catalogue feed with its required fields, equal to each page's price and availability", async () => {
    const res = await request(t.app)
      .get('/feeds/meta.csv')
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    const csv = readCsv(res.text, ',');
    for (const field of META_REQUIRED) expect(csv.header, field).to.include(field);
    const rows = csv.rows
      .filter((r) => r.length > 1)
      .map((r) => Object.fromEntries(csv.header.map((h, i) => [h, r[i] ?? ''])));
    expect(rows.map((r) => r.id).sort()).to.deep.equal(
      published
        .filter((p) => p.withPhoto)
        .map((p) => p.sku)
        .sort(),
    );
    for (const row of rows) {
      for (const field of META_REQUIRED) expect(row[field], `${row.id} ${field}`).to.not.equal('');
      expect(META_AVAILABILITY).to.include(row.availability);
      expect(row.condition).to.equal('new');
      expect(row.price).to.match(/^\d+\.\d{2} EUR$/);
      expect(row.brand).to.equal(ORGANISATION.displayName);
      expect(row.image_link).to.match(/^https:\/\/shop\.example\.lt\/media\//);
      const page = pageFacts((await request(t.app).get(new URL(row.link!).pathname).expect(200)).text);
      expect(Math.round(parseFloat(row.price!) * 100), row.id).to.equal(page.cents);
      expect(row.availability, row.id).to.equal(
        { InStock: 'in stock', OutOfStock: 'out of stock', MadeToOrder: 'available for order' }[
          page.availability
        ],
      );
      const image = await request(t.app).get(new URL(row.image_link!).pathname).expect(200);
      expect(image.headers['content-type']).to.match(/^image\//);
    }
  });

  it('gives Google Merchant Center an RSS 2.0 feed with its required attributes, equal to each page', async () => {
    const res = await request(t.app).get('/feeds/google.xml').expect(200).expect('Content-Type', /xml/);
    const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(res.text) as {
      rss: {
        '@_version': string;
        '@_xmlns:g': string;
        channel: { title: string; link: string; item: Record<string, string>[] };
      };
    };
    expect(doc.rss['@_version']).to.equal('2.0');
    expect(doc.rss['@_xmlns:g']).to.equal('http://base.google.com/ns/1.0');
    expect(doc.rss.channel.title).to.equal(ORGANISATION.displayName);
    const items = doc.rss.channel.item;
    expect(items.map((i) => i['g:id']).sort()).to.deep.equal(
      published
        .filter((p) => p.withPhoto)
        .map((p) => p.sku)
        .sort(),
    );
    for (const item of items) {
      for (const field of GOOGLE_REQUIRED)
        expect(item[field], `${item['g:id']} ${field}`).to.be.a('string').and.not.equal('');
      expect(Boolean(item['g:brand']) || item['g:identifier_exists'] === 'no').to.equal(true);
      expect(item['g:condition']).to.equal('new');
      expect(GOOGLE_AVAILABILITY).to.include(item['g:availability']);
      expect(item['g:price']).to.match(/^\d+\.\d{2} EUR$/);
      const page = pageFacts((await request(t.app).get(new URL(item['g:link']!).pathname).expect(200)).text);
      expect(Math.round(parseFloat(item['g:price']!) * 100)).to.equal(page.cents);
      expect(item['g:availability']).to.equal(
        { InStock: 'in_stock', OutOfStock: 'out_of_stock', MadeToOrder: 'backorder' }[page.availability],
      );
      if (item['g:availability'] === 'backorder')
        expect(item['g:availability_date']).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    }
  });

  it('writes the feeds in English on request, with the same prices', async () => {
    const lt = await request(t.app).get('/feeds/google.xml').expect(200);
    const en = await request(t.app).get('/feeds/google.xml?lang=en').expect(200);
    const prices = (xml: string) => [...xml.matchAll(/<g:price>([^<]+)<\/g:price>/g)].map((m) => m[1]);
    expect(prices(en.text)).to.deep.equal(prices(lt.text));
    expect(en.text).to.contain(`<description>${'Handmade goods'}`);
  });
});
