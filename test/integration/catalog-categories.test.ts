import { expect } from 'chai';
import request from 'supertest';
import { Category } from '../../src/catalog/model.ts';
import { createProduct } from '../../src/catalog/service.ts';
import { signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { expectFieldError, expectMessage, productInput } from './helpers.ts';

describe('category management (marketing)', () => {
  const t = useTestApp();
  let agent: Agent;
  let token: string;

  before(async () => {
    agent = await signInAs(t.app, 'marketing');
    token = await tokenFor(agent, '/admin/categories');
  });

  const post = (url: string, fields: Record<string, string> = {}) =>
    agent
      .post(url)
      .type('form')
      .send({ _csrf: token, ...fields });

  async function createCategory(fields: Record<string, string>) {
    const res = await post('/admin/categories', { nameEn: '', slug: '', position: '', ...fields });
    expect(res.status, res.text.slice(0, 200)).to.equal(303);
    expect(res.headers.location).to.equal('/admin/categories');
    return Category.findOne({ 'name.lt': fields.nameLt }).lean();
  }

  it('creates categories, deriving the slug from the Lithuanian name', async () => {
    const zvakes = await createCategory({ nameLt: 'Žvakės', nameEn: 'Candles', position: '2' });
    expect(zvakes).to.include({ slug: 'zvakes', position: 2 });
    expect(zvakes!.name).to.deep.include({ lt: 'Žvakės', en: 'Candles' });
    const list = await agent.get('/admin/categories').expect(200);
    expectMessage(list.text, 'categories.created');
    expect(list.text).to.contain(`href="/admin/categories/${String(zvakes!._id)}/edit">Žvakės</a>`);
    const keramika = await createCategory({ nameLt: 'Keramika', slug: 'keramika-ir-molis', position: '1' });
    expect(keramika!.slug).to.equal('keramika-ir-molis');
    const publicPage = await request(t.app).get('/catalogue').expect(200);
    expect(publicPage.text.indexOf('Keramika')).to.be.lessThan(publicPage.text.indexOf('Žvakės'));
  });

  it('refuses a duplicate slug, an invalid slug and a missing name with 422', async () => {
    await createCategory({ nameLt: 'Tekstilė' });
    const count = await Category.countDocuments();
    const cases: [Record<string, string>, string, string][] = [
      [{ nameLt: 'Kita tekstilė', slug: 'tekstile' }, 'slug', 'errors.slugTaken'],
      [{ nameLt: 'TEKSTILĖ' }, 'slug', 'errors.slugTaken'],
      [{ nameLt: 'Bet kas', slug: 'Ne Slug!' }, 'slug', 'errors.slug'],
      [{ nameLt: '!!!' }, 'slug', 'errors.slug'],
      [{ nameLt: '' }, 'nameLt', 'errors.required'],
      [{ nameLt: 'Skaičius', position: 'pirmas' }, 'position', 'errors.wholeNumber'],
    ];
    for (const [fields, field, key] of cases) {
      const res = await post('/admin/categories', { nameEn: '', slug: '', position: '', ...fields });
      expect(res.status, key).to.equal(422);
      expectFieldError(res.text, field, key);
      expect(await Category.countDocuments()).to.equal(count);
    }
  });

  it('edits a category; invalid values are refused', async () => {
    const medis = await createCategory({ nameLt: 'Medis' });
    const id = String(medis!._id);
    const edit = await agent.get(`/admin/categories/${id}/edit`).expect(200);
    expect(edit.text).to.contain('value="medis"');
    await post(`/admin/categories/${id}`, {
      nameLt: 'Medžio dirbiniai',
      nameEn: 'Woodwork',
      slug: 'medzio-dirbiniai',
      position: '7',
    })
      .expect(303)
      .expect('Location', '/admin/categories');
    const saved = await Category.findById(id).lean();
    expect(saved).to.include({ slug: 'medzio-dirbiniai', position: 7 });
    expect(saved!.name).to.deep.include({ lt: 'Medžio dirbiniai', en: 'Woodwork' });

    const invalid = await post(`/admin/categories/${id}`, {
      nameLt: '',
      nameEn: '',
      slug: 'Ne Slug!',
      position: '0',
    });
    expect(invalid.status).to.equal(422);
    expectFieldError(invalid.text, 'nameLt', 'errors.required');
    expectFieldError(invalid.text, 'slug', 'errors.slug');
    expect(await Category.findById(id).lean()).to.deep.equal(saved);
  });

  it('refuses, when editing, a slug another category already has (422, unchanged)', async () => {
    const pintiniai = await createCategory({ nameLt: 'Pintiniai' });
    await createCategory({ nameLt: 'Krepšiai' });
    const id = String(pintiniai!._id);
    const refused = await post(`/admin/categories/${id}`, {
      nameLt: 'Pintiniai',
      nameEn: '',
      slug: 'krepsiai',
      position: '0',
    });
    expect(refused.status).to.equal(422);
    expectFieldError(refused.text, 'slug', 'errors.slugTaken');
    expect(await Category.findById(id).lean()).to.deep.equal(pintiniai);
  });

  it('refuses to delete a category in use (409) and deletes it once empty', async () => {
    const stiklas = await createCategory({ nameLt: 'Stiklas' });
    const id = String(stiklas!._id);
    const product = await createProduct(
      productInput({ titleLt: 'Stiklinė vaza', sku: 'VAZA-1', category: id }),
      [],
      t.storage,
      {
        pricesIncludeVat: true,
      },
    );
    const refused = await post(`/admin/categories/${id}/delete`);
    expect(refused.status).to.equal(409);
    expectMessage(refused.text, 'catalog.errors.categoryInUse');
    expect(await Category.exists({ _id: id })).to.not.equal(null);

    // Moving the product out of the category frees it.
    const productToken = await tokenFor(agent, `/admin/products/${String(product._id)}/edit`);
    await agent
      .post(`/admin/products/${String(product._id)}?_csrf=${encodeURIComponent(productToken)}`)
      .field('titleLt', 'Stiklinė vaza')
      .field('sku', 'VAZA-1')
      .field('category', '')
      .field('price', '10')
      .expect(303);
    await post(`/admin/categories/${id}/delete`).expect(303).expect('Location', '/admin/categories');
    expect(await Category.exists({ _id: id })).to.equal(null);
    expectMessage((await agent.get('/admin/categories')).text, 'categories.deleted');
  });

  it('answers 404 for malformed or unknown category ids', async () => {
    for (const id of ['nope', '0123456789abcdef01234567']) {
      await agent.get(`/admin/categories/${id}/edit`).expect(404);
      await post(`/admin/categories/${id}`, { nameLt: 'X', nameEn: '', slug: '', position: '0' }).expect(404);
      await post(`/admin/categories/${id}/delete`).expect(404);
    }
  });
});
