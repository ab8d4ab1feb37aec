import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import sharp from 'sharp';
import { Product } from '../../src/catalog/model.ts';
import { formatCents } from '../../src/lib/money.ts';
import { signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import {
  cardCount,
  expectMessage,
  listFiles,
  pngImage,
  postMultipart,
  productIdFrom,
  unescapeHtml,
  type FormValue,
} from './helpers.ts';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe('catalogue management through the web forms (marketing)', () => {
  const t = useTestApp();
  let agent: Agent;
  let token: string;
  let exifJpeg: Buffer;
  let png: Buffer;
  let counter = 0;

  before(async () => {
    agent = await signInAs(t.app, 'marketing');
    token = await tokenFor(agent, '/admin/products/new');
    exifJpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#c96' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'secret', Artist: 'Jonas' } } })
      .toBuffer();
    png = await pngImage(300, 200, '#369');
  });

  function goodForm(overrides: Record<string, FormValue> = {}): Record<string, FormValue> {
    counter += 1;
    return {
      kind: 'good',
      titleLt: `Molinis dubenėlis ${counter}`,
      titleEn: '',
      descriptionLt: 'Rankų darbo.',
      descriptionEn: '',
      slug: '',
      sku: `CAT-${counter}`,
      category: '',
      price: '12,50',
      vatRate: '0',
      stockMode: 'stock',
      stockQuantity: '3',
      leadTimeDays: '0',
      ...overrides,
    };
  }

  async function create(fields: Record<string, FormValue>, files: { name: string; data: Buffer }[] = []) {
    const res = await postMultipart(agent, '/admin/products', token, fields, files);
    expect(res.status, unescapeHtml(res.text).slice(0, 300)).to.equal(303);
    return productIdFrom(res);
  }

  async function act(id: string, action: string, expected = 303) {
    const res = await agent.post(`/admin/products/${id}/${action}`).type('form').send({ _csrf: token });
    expect(res.status, action).to.equal(expected);
    return res;
  }

  const stored = (id: string) => Product.findById(id).lean();
  const filePath = (key: string) => path.join(t.uploadsDir, key);

  it('creates a good with an image: re-encoded to WebP without EXIF, shown on the edit page', async () => {
    expect((await sharp(exifJpeg).metadata()).exif, 'fixture has EXIF').to.be.instanceOf(Buffer);
    const filesBefore = await listFiles(t.uploadsDir);
    const id = await create(goodForm({ titleLt: 'Sojų vaško žvakė' }), [
      { name: 'IMG_0001.JPG', data: exifJpeg },
    ]);

    const doc = await stored(id);
    expect(doc).to.include({ kind: 'good', status: 'draft', slug: 'soju-vasko-zvake', priceCents: 1250 });
    expect(doc!.images).to.have.length(1);
    const { key, thumbKey, width, height } = doc!.images[0]!;
    expect(key).to.match(/^products\/[a-f0-9]{32}\.webp$/);
    expect(thumbKey).to.match(/^products\/[a-f0-9]{32}-thumb\.webp$/);
    expect([width, height]).to.deep.equal([900, 600]);
    expect(await listFiles(t.uploadsDir)).to.have.length(filesBefore.length + 2);
    for (const k of [key, thumbKey]) {
      const data = await readFile(filePath(k));
      const meta = await sharp(data).metadata();
      expect(meta.format, k).to.equal('webp');
      expect(meta.exif, `${k} EXIF`).to.equal(undefined);
      expect(data.includes('secret'), `${k} contains the EXIF text`).to.equal(false);
    }

    const edit = await agent.get(`/admin/products/${id}/edit`).expect(200);
    expectMessage(edit.text, 'catalogAdmin.created', { title: 'Sojų vaško žvakė' });
    expect(edit.text).to.contain(`src="/media/${thumbKey}"`);
    const media = await request(t.app).get(`/media/${key}`).expect(200);
    expect(media.headers['content-type']).to.equal('image/webp');
  });

  it('shows a multi-line description on the edit form exactly as saved (no added indentation)', async () => {
    const description = 'Pirma eilutė.\nAntra eilutė.\n\nTrečia po tarpo.';
    const id = await create(goodForm({ descriptionLt: description }));
    const edit = await agent.get(`/admin/products/${id}/edit`).expect(200);
    const textarea = /<textarea[^>]*id="descriptionLt"[^>]*>([\s\S]*?)<\/textarea>/.exec(edit.text);
    expect(textarea, 'the LT description field').to.not.equal(null);
    expect(unescapeHtml(textarea![1]!).replace(/^\n/, '')).to.equal((await stored(id))!.description!.lt);
    expect((await stored(id))!.description!.lt).to.equal(description);
  });

  it('publishes, unpublishes and edits: the public pages follow', async () => {
    const id = await create(goodForm({ titleLt: 'Lininė staltiesė', slug: 'lanine-staltiese', price: '45' }));
    await request(t.app).get('/products/lanine-staltiese').expect(404);

    await act(id, 'publish');
    expect((await stored(id))!.status).to.equal('published');
    const page = await request(t.app).get('/products/lanine-staltiese').expect(200);
    expect(page.text).to.contain('Lininė staltiesė');
    expect(page.text).to.contain(formatCents(4500, 'lt-LT'));
    expect((await request(t.app).get('/catalogue').expect(200)).text).to.contain('Lininė staltiesė');
    const search = await request(t.app).get('/catalogue?q=linine').expect(200);
    expect(cardCount(search.text)).to.equal(1);
    expect(search.text).to.contain('href="/products/lanine-staltiese"');
    await act(id, 'publish', 409);

    await postMultipart(
      agent,
      `/admin/products/${id}`,
      token,
      goodForm({ titleLt: 'Lininė staltiesė su kutais', sku: 'STAL-1', price: '49,90' }),
    ).expect(303);
    const edited = await request(t.app).get('/products/lanine-staltiese').expect(200);
    expect(edited.text).to.contain('Lininė staltiesė su kutais');
    expect(edited.text).to.contain(formatCents(4990, 'lt-LT'));
    expect(edited.text).to.not.contain(formatCents(4500, 'lt-LT'));
    expect((await stored(id))!.sku).to.equal('STAL-1');

    await act(id, 'unpublish');
    expect((await stored(id))!.status).to.equal('draft');
    await request(t.app).get('/products/lanine-staltiese').expect(404);
    expect((await request(t.app).get('/catalogue').expect(200)).text).to.not.contain('Lininė staltiesė');
    expect(cardCount((await request(t.app).get('/catalogue?q=linine')).text)).to.equal(0);
  });

  it('adds an image, makes it the cover and removes one (files removed too)', async () => {
    const id = await create(goodForm(), [{ name: 'first.jpg', data: exifJpeg }]);
    const [first] = (await stored(id))!.images;
    await postMultipart(agent, `/admin/products/${id}`, token, goodForm({ sku: `IMG-${counter}` }), [
      { name: 'second.png', data: png },
    ]).expect(303);
    const two = (await stored(id))!.images;
    expect(two.map((i) => i.key)).to.have.length(2);
    expect(two[0]!.key).to.equal(first!.key);
    const second = two[1]!;
    expect([second.width, second.height]).to.deep.equal([300, 200]);

    await act(id, 'images/1/cover');
    const reordered = (await stored(id))!.images;
    expect(reordered.map((i) => i.key)).to.deep.equal([second.key, first!.key]);
    const edit = await agent.get(`/admin/products/${id}/edit`).expect(200);
    expect(edit.text.indexOf(second.thumbKey)).to.be.lessThan(edit.text.indexOf(first!.thumbKey));

    await act(id, 'images/1/delete');
    const left = (await stored(id))!.images;
    expect(left.map((i) => i.key)).to.deep.equal([second.key]);
    expect(await exists(filePath(first!.key))).to.equal(false);
    expect(await exists(filePath(first!.thumbKey))).to.equal(false);
    expect(await exists(filePath(second.key))).to.equal(true);
    await act(id, 'images/5/delete', 404);
  });

  it('archives (read-only, not public) and restores as a draft', async () => {
    const id = await create(goodForm({ slug: 'archyvuojamas' }));
    await act(id, 'publish');
    await act(id, 'archive');
    expect((await stored(id))!.status).to.equal('archived');
    await request(t.app).get('/products/archyvuojamas').expect(404);
    const refused = await postMultipart(
      agent,
      `/admin/products/${id}`,
      token,
      goodForm({ titleLt: 'Nauja' }),
    );
    expect(refused.status).to.equal(409);
    expectMessage(refused.text, 'catalog.errors.archivedReadOnly');
    expect((await stored(id))!.title?.lt).to.not.equal('Nauja');
    await act(id, 'archive', 409);

    await act(id, 'restore');
    expect((await stored(id))!.status).to.equal('draft');
    await request(t.app).get('/products/archyvuojamas').expect(404);
    await act(id, 'restore', 409);
  });

  it('deletes a never-published draft together with its files', async () => {
    const id = await create(goodForm(), [{ name: 'a.jpg', data: exifJpeg }]);
    const { key, thumbKey } = (await stored(id))!.images[0]!;
    expect(await exists(filePath(key))).to.equal(true);
    const res = await act(id, 'delete');
    expect(res.headers.location).to.equal('/admin/products');
    expect(await stored(id)).to.equal(null);
    expect(await exists(filePath(key))).to.equal(false);
    expect(await exists(filePath(thumbKey))).to.equal(false);
    await request(t.app).get(`/media/${key}`).expect(404);
  });

  it('archives a once-published product instead of deleting it', async () => {
    const id = await create(goodForm({ slug: 'buvo-paskelbta' }), [{ name: 'a.png', data: png }]);
    await act(id, 'publish');
    await act(id, 'unpublish');
    const res = await act(id, 'delete');
    expect(res.headers.location).to.equal(`/admin/products/${id}/edit`);
    const doc = await stored(id);
    expect(doc, 'still in the database').to.not.equal(null);
    expect(doc!.status).to.equal('archived');
    expect(await exists(filePath(doc!.images[0]!.key))).to.equal(true);
    await request(t.app).get('/products/buvo-paskelbta').expect(404);
    const edit = await agent.get(`/admin/products/${id}/edit`).expect(200);
    expectMessage(edit.text, 'catalogAdmin.archivedInstead');
    const list = await agent.get('/admin/products?status=archived').expect(200);
    expect(list.text).to.contain(`/admin/products/${id}/edit`);
  });

  it('creates a service that appears on /services (not in the catalogue) once published', async () => {
    const form = await agent.get('/admin/products/new?kind=service').expect(200);
    expect(form.text).to.contain('name="kind" value="service"');
    const id = await create(
      goodForm({ kind: 'service', titleLt: 'Dovanų pakavimas', unitLt: '100 vnt.', leadTimeDays: '5' }),
    );
    const doc = await stored(id);
    expect(doc).to.include({ kind: 'service', stockMode: 'made_to_order', leadTimeDays: 5 });
    expect((await request(t.app).get('/services')).text).to.not.contain('Dovanų pakavimas');
    await act(id, 'publish');
    const services = await request(t.app).get('/services').expect(200);
    expect(services.text).to.contain('Dovanų pakavimas');
    expect(services.text).to.contain('100 vnt.');
    expect((await request(t.app).get('/catalogue')).text).to.not.contain('Dovanų pakavimas');
  });

  it('lists products for staff with search and filters', async () => {
    const board = await create(goodForm({ titleLt: 'Ąžuolinė lentelė', sku: 'LENT-1' }));
    const labels = await create(
      goodForm({ kind: 'service', titleLt: 'Etikečių klijavimas', leadTimeDays: '2' }),
    );
    const row = (id: string) => `href="/admin/products/${id}/edit"`;
    const res = await agent.get('/admin/products?q=AZUOLINE').expect(200);
    expect(res.text).to.contain(row(board));
    expect(res.text).to.not.contain(row(labels));
    const services = await agent.get('/admin/products?kind=service').expect(200);
    expect(services.text).to.contain(row(labels));
    expect(services.text).to.not.contain(row(board));
  });
});
