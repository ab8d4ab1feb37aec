import { expect } from 'chai';
import request from 'supertest';
import { Category, Product } from '../../src/catalog/model.ts';
import { createCategory, createProduct } from '../../src/catalog/service.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { StaffUser } from '../../src/staff/model.ts';
import { csrfFrom, makeStaff, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { expectMessage, pngImage, postMultipart, productInput } from './helpers.ts';

describe('roles and access to staff pages', () => {
  const t = useTestApp();
  let productId: string;
  let categoryId: string;
  let staffId: string;
  let image: Buffer;

  before(async () => {
    image = await pngImage();
    await createCategory({ nameLt: 'Keramika', nameEn: '', slug: 'keramika', position: 0 });
    categoryId = String((await Category.findOne({ slug: 'keramika' }).lean())!._id);
    const product = await createProduct(
      productInput({ titleLt: 'Molinis puodelis', sku: 'ROLE-1', category: categoryId }),
      [{ originalName: 'a.png', buffer: image }],
      t.storage,
      { pricesIncludeVat: true },
    );
    productId = String(product._id);
    staffId = (await makeStaff('marketing')).id;
  });

  const catalogPages = () => [
    '/admin/products',
    '/admin/products/new',
    '/admin/products/new?kind=service',
    `/admin/products/${productId}/edit`,
    '/admin/categories',
    `/admin/categories/${categoryId}/edit`,
  ];
  const adminPages = ['/admin/staff', '/admin/settings'];

  /** Every form endpoint of the catalogue, with a body that would change something if it went through. */
  type Post = { url: string; form?: Record<string, string>; multipart?: Record<string, string> };
  const catalogPosts = (): Post[] => [
    {
      url: '/admin/products',
      multipart: { kind: 'good', titleLt: 'Įsiveržėlis', sku: 'HACK-1', price: '1' },
    },
    { url: `/admin/products/${productId}`, multipart: { titleLt: 'Pakeista', sku: 'ROLE-1', price: '99' } },
    { url: `/admin/products/${productId}/publish`, form: {} },
    { url: `/admin/products/${productId}/archive`, form: {} },
    { url: `/admin/products/${productId}/delete`, form: {} },
    { url: `/admin/products/${productId}/images/0/delete`, form: {} },
    { url: `/admin/products/${productId}/images/0/cover`, form: {} },
    { url: '/admin/categories', form: { nameLt: 'Įsiveržėlių', slug: 'hack' } },
    { url: `/admin/categories/${categoryId}`, form: { nameLt: 'Pakeista', slug: 'pakeista' } },
    { url: `/admin/categories/${categoryId}/delete`, form: {} },
  ];
  const adminPosts = (): Post[] => [
    { url: '/admin/staff', form: { name: 'Įsiveržėlis', email: 'hack@example.test', role: 'admin' } },
    {
      url: `/admin/staff/${staffId}`,
      form: { name: 'Įsiveržėlis', email: 'hack@example.test', role: 'admin' },
    },
    { url: `/admin/staff/${staffId}/disable`, form: {} },
    { url: `/admin/staff/${staffId}/reset-password`, form: {} },
    { url: '/admin/settings', form: { displayName: 'Hacked', legalName: 'Hacked' } },
  ];

  function send(agent: Agent, token: string | undefined, post: Post) {
    if (post.multipart) {
      return postMultipart(agent, post.url, token ?? '', post.multipart, [{ name: 'a.png', data: image }]);
    }
    return agent
      .post(post.url)
      .type('form')
      .send(token ? { _csrf: token, ...post.form } : { ...post.form });
  }

  /** Everything a forbidden request could have changed. */
  async function snapshot(): Promise<string> {
    const [products, categories, staff, settings] = await Promise.all([
      Product.find().sort({ _id: 1 }).lean(),
      Category.find().sort({ _id: 1 }).lean(),
      StaffUser.find().sort({ _id: 1 }).lean(),
      SettingsModel.find().lean(),
    ]);
    return JSON.stringify({ products, categories, staff, settings });
  }

  async function expectStatus(agent: Agent, pages: string[], status: number): Promise<void> {
    for (const page of pages) {
      const res = await agent.get(page);
      expect(res.status, page).to.equal(status);
      if (status === 403) expectMessage(res.text, 'errors.forbidden');
    }
  }

  describe('anonymous visitor', () => {
    it('is sent to the login page (and back) from every staff page', async () => {
      for (const page of ['/admin', ...catalogPages(), ...adminPages, '/account/password']) {
        const res = await request(t.app).get(page);
        expect(res.status, page).to.equal(303);
        expect(res.headers.location, page).to.equal(`/login?next=${encodeURIComponent(page)}`);
      }
    });

    it('cannot post any staff form: redirected to /login with a valid token, 403 without; nothing stored', async () => {
      const before = await snapshot();
      const agent = request.agent(t.app);
      const token = csrfFrom((await agent.get('/login').expect(200)).text);
      for (const post of [...catalogPosts(), ...adminPosts()]) {
        const res = await send(agent, token, post);
        expect(res.status, post.url).to.equal(303);
        expect(res.headers.location, post.url).to.equal('/login');
        const noToken = await send(request.agent(t.app), undefined, post);
        expect(noToken.status, `${post.url} without token`).to.equal(403);
      }
      expect(await snapshot()).to.equal(before);
      expect(await Product.countDocuments({ sku: 'HACK-1' })).to.equal(0);
    });
  });

  describe('master', () => {
    let agent: Agent;
    before(async () => {
      agent = await signInAs(t.app, 'master');
    });

    it('opens the dashboard and the password page, without catalogue or admin links', async () => {
      await expectStatus(agent, ['/admin', '/account/password'], 200);
      const dash = await agent.get('/admin');
      expect(dash.text).to.not.contain('href="/admin/products"');
      expect(dash.text).to.not.contain('href="/admin/staff"');
    });

    it('gets 403 on every catalogue and admin page', async () => {
      await expectStatus(agent, [...catalogPages(), ...adminPages], 403);
    });

    it('gets 403 on every catalogue and admin form, and nothing changes', async () => {
      const before = await snapshot();
      const token = await tokenFor(agent);
      for (const post of [...catalogPosts(), ...adminPosts()]) {
        const res = await send(agent, token, post);
        expect(res.status, post.url).to.equal(403);
      }
      expect(await snapshot()).to.equal(before);
    });
  });

  describe('marketing', () => {
    let agent: Agent;
    before(async () => {
      agent = await signInAs(t.app, 'marketing');
    });

    it('opens every catalogue page', async () => {
      await expectStatus(agent, ['/admin', '/account/password', ...catalogPages()], 200);
    });

    it('gets 403 on staff and settings pages and forms, and nothing changes', async () => {
      await expectStatus(agent, adminPages, 403);
      const before = await snapshot();
      const token = await tokenFor(agent);
      for (const post of adminPosts()) {
        const res = await send(agent, token, post);
        expect(res.status, post.url).to.equal(403);
      }
      expect(await snapshot()).to.equal(before);
    });
  });

  describe('admin', () => {
    it('opens every staff page', async () => {
      const agent = await signInAs(t.app, 'admin');
      await expectStatus(agent, ['/admin', '/account/password', ...catalogPages(), ...adminPages], 200);
      const dash = await agent.get('/admin');
      for (const link of ['/admin/products', '/admin/categories', '/admin/staff', '/admin/settings']) {
        expect(dash.text).to.contain(`href="${link}"`);
      }
    });
  });
});
