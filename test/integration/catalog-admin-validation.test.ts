import { expect } from 'chai';
import { Category, Product } from '../../src/catalog/model.ts';
import { createCategory, createProduct } from '../../src/catalog/service.ts';
import { signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import {
  expectFieldError,
  expectMessage,
  listFiles,
  pngImage,
  postMultipart,
  productInput,
  type FormValue,
} from './helpers.ts';

type Files = { name: string; data: Buffer }[];

describe('catalogue forms refuse bad input and store nothing', () => {
  const t = useTestApp();
  let agent: Agent;
  let token: string;
  let png: Buffer;
  let categoryId: string;
  let existingId: string;

  before(async () => {
    agent = await signInAs(t.app, 'marketing');
    token = await tokenFor(agent, '/admin/products/new');
    png = await pngImage(120, 80);
    await createCategory({ nameLt: 'Tekstilė', nameEn: '', slug: 'tekstile', position: 0 });
    categoryId = String((await Category.findOne({ slug: 'tekstile' }).lean())!._id);
    const existing = await createProduct(
      productInput({ titleLt: 'Esamas gaminys', sku: 'DUP-1', slug: 'esamas' }),
      [{ originalName: 'a.png', buffer: png }],
      t.storage,
      { pricesIncludeVat: true },
    );
    existingId = String(existing._id);
  });

  const validForm = (overrides: Record<string, FormValue> = {}): Record<string, FormValue> => ({
    kind: 'good',
    titleLt: 'Naujas gaminys',
    titleEn: '',
    descriptionLt: '',
    descriptionEn: '',
    slug: '',
    sku: 'NEW-1',
    category: categoryId,
    price: '10',
    vatRate: '21',
    stockMode: 'stock',
    stockQuantity: '2',
    leadTimeDays: '0',
    ...overrides,
  });

  /** Posts the form and checks the 422 re-render, the marked field and that nothing was stored. */
  async function expectRefused(
    fields: Record<string, FormValue>,
    files: Files,
    field: string,
    key: string,
    params: Record<string, string | number> = {},
    url = '/admin/products',
  ) {
    const [countBefore, filesBefore, existingBefore] = await Promise.all([
      Product.countDocuments(),
      listFiles(t.uploadsDir),
      Product.findById(existingId).lean(),
    ]);
    const res = await postMultipart(agent, url, token, fields, files);
    expect(res.status, `${field}: ${key}`).to.equal(422);
    expectMessage(res.text, 'form.errorSummary');
    if (field === 'kind') expect(res.text).to.contain('href="#kind"');
    else expectFieldError(res.text, field, key, params);
    expectMessage(res.text, key, params);
    expect(await Product.countDocuments(), 'product count').to.equal(countBefore);
    expect(await listFiles(t.uploadsDir), 'stored files').to.deep.equal(filesBefore);
    expect(await Product.findById(existingId).lean(), 'existing product').to.deep.equal(existingBefore);
    return res;
  }

  it('accepts the valid baseline form (so the refusals below are about one field each)', async () => {
    const res = await postMultipart(agent, '/admin/products', token, validForm({ sku: 'BASE-1' }), [
      { name: 'ok.png', data: png },
    ]);
    expect(res.status).to.equal(303);
    expect(await Product.countDocuments({ sku: 'BASE-1', vatRateBps: 2100 })).to.equal(1);
  });

  const image = (): Files => [{ name: 'photo.png', data: png }];
  const cases: [string, Record<string, FormValue>, string, string][] = [
    ['missing title', { titleLt: '   ' }, 'titleLt', 'errors.required'],
    ['missing SKU', { sku: '' }, 'sku', 'errors.required'],
    ['duplicate SKU (any case)', { sku: 'dup-1' }, 'sku', 'errors.skuTaken'],
    ['duplicate slug', { slug: 'esamas' }, 'slug', 'errors.slugTaken'],
    ['invalid slug', { slug: 'Ne Slug!' }, 'slug', 'errors.slug'],
    ['price "abc"', { price: 'abc' }, 'price', 'errors.amount'],
    ['negative price', { price: '-5' }, 'price', 'errors.amountRange'],
    ['price with 3 decimals', { price: '12,345' }, 'price', 'errors.amount'],
    ['empty price', { price: '' }, 'price', 'errors.required'],
    ['VAT 150 %', { vatRate: '150' }, 'vatRate', 'errors.vatRate'],
    ['stock -1', { stockQuantity: '-1' }, 'stockQuantity', 'errors.wholeNumber'],
    ['stock 1.5', { stockQuantity: '1.5' }, 'stockQuantity', 'errors.wholeNumber'],
    [
      'made to order without lead time',
      { stockMode: 'made_to_order', leadTimeDays: '0' },
      'leadTimeDays',
      'errors.leadTimeRequired',
    ],
    ['unknown category', { category: '0123456789abcdef01234567' }, 'category', 'errors.invalidChoice'],
    ['malformed category', { category: 'tekstile' }, 'category', 'errors.invalid'],
    ['kind "other"', { kind: 'other' }, 'kind', 'errors.invalidChoice'],
    ['repeated title field', { titleLt: ['Vienas', 'Du'] }, 'titleLt', 'errors.invalid'],
  ];
  for (const [name, overrides, field, key] of cases) {
    it(`refuses ${name}`, async () => {
      const res = await expectRefused(validForm(overrides), image(), field, key);
      if (field !== 'titleLt' && typeof overrides[field] !== 'object') {
        expect(res.text, 'typed values are kept').to.contain('value="Naujas gaminys"');
      }
      expectMessage(res.text, 'fields.imagesAgain');
    });
  }

  it('refuses bad input when editing, leaving the product unchanged', async () => {
    const url = `/admin/products/${existingId}`;
    await expectRefused(
      validForm({ price: 'abc', sku: 'DUP-1' }),
      image(),
      'price',
      'errors.amount',
      {},
      url,
    );
    await createProduct(productInput({ titleLt: 'Kitas', sku: 'OTHER-1', slug: 'kitas' }), [], t.storage, {
      pricesIncludeVat: true,
    });
    await expectRefused(validForm({ sku: 'other-1' }), image(), 'sku', 'errors.skuTaken', {}, url);
    await expectRefused(
      validForm({ sku: 'DUP-1', slug: 'kitas' }),
      image(),
      'slug',
      'errors.slugTaken',
      {},
      url,
    );
  });

  it('names the SKU when two forms with the same new SKU are saved at the same moment', async () => {
    for (let round = 1; round <= 3; round++) {
      const sku = `RACE-${round}`;
      const form = (n: number) => validForm({ titleLt: `Lenktynės ${round}-${n}`, sku, category: '' });
      const results = await Promise.all(
        [1, 2].map((n) => postMultipart(agent, '/admin/products', token, form(n))),
      );
      expect(results.map((r) => r.status).sort(), `round ${round}`).to.deep.equal([303, 422]);
      expect(await Product.countDocuments({ sku })).to.equal(1);
      expectFieldError(results.find((r) => r.status === 422)!.text, 'sku', 'errors.skuTaken');
    }
  });

  describe('uploads', () => {
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' +
        '<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
    );

    it('refuses a text file named .jpg', async () => {
      const files = [{ name: 'notes.jpg', data: Buffer.from('just some text, not a picture\n'.repeat(20)) }];
      await expectRefused(validForm(), files, 'images', 'errors.imageType', { name: 'notes.jpg' });
    });

    it('refuses an SVG with a script, named .svg or renamed .jpg', async () => {
      await expectRefused(validForm(), [{ name: 'logo.svg', data: svg }], 'images', 'errors.imageType', {
        name: 'logo.svg',
      });
      await expectRefused(validForm(), [{ name: 'logo.jpg', data: svg }], 'images', 'errors.imageType', {
        name: 'logo.jpg',
      });
    });

    it('stores nothing when one of several files is bad', async () => {
      const files = [...image(), { name: 'bad.jpg', data: svg }];
      await expectRefused(validForm(), files, 'images', 'errors.imageType', { name: 'bad.jpg' });
    });

    it('refuses a 20 MB file', async () => {
      const big = Buffer.alloc(20 * 1024 * 1024, 0xab);
      await expectRefused(validForm(), [{ name: 'big.jpg', data: big }], 'images', 'errors.imageTooLarge', {
        max: 10,
      });
    });

    it('refuses 9 images', async () => {
      const files = Array.from({ length: 9 }, (_, i) => ({ name: `p${i}.png`, data: png }));
      await expectRefused(validForm(), files, 'images', 'errors.tooManyImages', { max: 8 });
    });

    it('refuses more than 8 images in total when adding to a product', async () => {
      const files = Array.from({ length: 8 }, (_, i) => ({ name: `p${i}.png`, data: png }));
      const url = `/admin/products/${existingId}`;
      await expectRefused(
        validForm({ sku: 'DUP-1' }),
        files,
        'images',
        'errors.tooManyImages',
        { max: 8 },
        url,
      );
    });
  });

  describe('unknown or malformed product ids', () => {
    const unknown = '0123456789abcdef01234567';
    for (const id of ['nope', '123', `${unknown}0`, unknown.toUpperCase(), unknown]) {
      it(`answers 404 for "${id}"`, async () => {
        await agent.get(`/admin/products/${id}/edit`).expect(404);
        const post = (p: string) =>
          agent.post(`/admin/products/${id}/${p}`).type('form').send({ _csrf: token });
        const actions = [
          'publish',
          'unpublish',
          'archive',
          'restore',
          'delete',
          'images/0/cover',
          'images/0/delete',
        ];
        const statuses: Record<string, number> = {};
        for (const action of actions) statuses[action] = (await post(action)).status;
        expect(statuses).to.deep.equal(Object.fromEntries(actions.map((a) => [a, 404])));
        expectMessage((await post('delete')).text, 'errors.notFound');
        await postMultipart(agent, `/admin/products/${id}`, token, validForm()).expect(404);
      });
    }
  });
});
