import { expect } from 'chai';
import { Collection } from 'mongodb';
import mongoose from 'mongoose';
import request from 'supertest';
import { useTestApp } from '../support/app.ts';
import { publishedGood } from './helpers.ts';

type Write = (this: Collection, ...args: unknown[]) => Promise<unknown>;

/** Counts the writes to the sessions collection made while `run` runs. */
async function sessionWrites(run: () => Promise<void>): Promise<number> {
  const proto = Collection.prototype as unknown as Record<string, Write>;
  const names = ['updateOne', 'replaceOne', 'insertOne', 'findOneAndUpdate', 'updateMany'];
  const originals = names.map((n) => proto[n]!);
  let writes = 0;
  names.forEach((n, i) => {
    proto[n] = function (this: Collection, ...args: unknown[]) {
      if (this.collectionName === 'sessions') writes += 1;
      return originals[i]!.apply(this, args);
    };
  });
  try {
    await run();
    await new Promise((r) => setTimeout(r, 100)); // a write after the response would be counted too
  } finally {
    names.forEach((n, i) => (proto[n] = originals[i]!));
  }
  return writes;
}

describe('session writes of the shop', () => {
  const t = useTestApp();
  let product: { id: string; slug: string };

  before(async () => {
    const id = await publishedGood(t.storage, { titleLt: 'Kilimėlis', slug: 'kilimelis', sku: 'KIL-1' });
    product = { id, slug: 'kilimelis' };
  });

  it('adds to the cart without any session: the cart is a signed cookie', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get(`/products/${product.slug}`).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const add = () =>
      agent
        .post('/cart/add')
        .type('form')
        .send({ _csrf: token, productId: product.id, quantity: '1' })
        .expect(303);
    let added: request.Response | undefined;
    expect(await sessionWrites(async () => void (added = await add()))).to.equal(0);
    expect(added!.headers.location).to.equal('/cart?added=1');
    const cookies = ([] as string[]).concat(added!.headers['set-cookie'] ?? []);
    expect(cookies.map((c) => c.split('=')[0])).to.deep.equal(['dv.cart']);
    expect(cookies[0])
      .to.match(/HttpOnly/i)
      .and.match(/SameSite=Lax/i);
    expect(await sessionWrites(async () => void (await add()))).to.equal(0);
    const cart = await agent.get('/cart?added=1').expect(200);
    expect(cart.text).to.contain('Prekė įdėta į krepšelį.');
    expect(cart.text).to.match(/value="2"/);
    expect(await mongoose.connection.collection('sessions').countDocuments()).to.equal(0);
  });

  it('refuses a cart cookie changed by hand (an empty cart), and a checkout empties the cart', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get(`/products/${product.slug}`).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const added = await agent
      .post('/cart/add')
      .type('form')
      .send({ _csrf: token, productId: product.id, quantity: '1' })
      .expect(303);
    const value = /dv\.cart=([^;]+)/.exec(String(added.headers['set-cookie']))![1]!;
    const forged = decodeURIComponent(value).replace(`${product.id}:1`, `${product.id}:9`);
    const other = await request(t.app)
      .get('/cart')
      .set('Cookie', `dv.cart=${encodeURIComponent(forged)}`)
      .expect(200);
    expect(other.text).to.contain('Krepšelis tuščias.');
    // The signed cookie is the cart: the same browser checks out, and the cart is emptied.
    const form = await agent.get('/checkout').expect(200);
    const placed = await agent
      .post('/checkout')
      .type('form')
      .send({
        _csrf: /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!,
        name: 'Ona',
        email: 'ona@example.lt',
        phone: '+37060000000',
        delivery: 'pickup',
        payment: 'bank_transfer',
        terms: 'on',
      });
    expect(placed.status, placed.text.slice(0, 400)).to.equal(303);
    expect(String(placed.headers['set-cookie'])).to.match(/dv\.cart=;/);
    expect((await agent.get('/cart').expect(200)).text).to.contain('Krepšelis tuščias.');
  });

  it('answers the product page script with JSON: the confirmation and the new count, or the reason', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get(`/products/${product.slug}`).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const post = (quantity: string, lang = '') =>
      agent
        .post(`/cart/add${lang}`)
        .set('Accept', 'application/json')
        .type('form')
        .send({ _csrf: token, productId: product.id, quantity });
    const ok = await post('2').expect(200);
    expect(ok.body).to.deep.equal({
      ok: true,
      count: 2,
      message: 'Prekė įdėta į krepšelį.',
      countText: 'Prekių krepšelyje: 2.',
    });
    const bad = await post('-1').expect(422);
    expect(bad.body.ok).to.equal(false);
    expect(bad.body.message)
      .to.be.a('string')
      .and.not.match(/orders\.errors/);
    expect(bad.body.count).to.equal(2);
    const tooMany = await post('99').expect(409);
    expect(tooMany.body.ok).to.equal(false);
    expect(tooMany.body.count).to.equal(2);
    // The form post's fallback for the same refusal: the cart page with the reason, nothing added.
    const fallback = await agent
      .post('/cart/add')
      .type('form')
      .send({ _csrf: token, productId: product.id, quantity: '99' })
      .expect(409);
    expect(fallback.text).to.contain('notice--error');
    expect(fallback.text).to.match(/value="2"/);
    const header = (await agent.get(`/products/${product.slug}`).expect(200)).text;
    expect(header).to.match(/data-cart-count-n>2</);
    expect(header).to.contain('role="status"');
  });

  it('reads and writes no session for anonymous browsing', async () => {
    const proto = Collection.prototype as unknown as Record<string, Write>;
    const original = proto.findOne!;
    let reads = 0;
    proto.findOne = function (this: Collection, ...args: unknown[]) {
      if (this.collectionName === 'sessions') reads += 1;
      return original.apply(this, args);
    };
    let writes = 0;
    try {
      writes = await sessionWrites(async () => {
        for (const url of [
          '/',
          '/catalogue',
          '/catalogue?q=kilim',
          `/products/${product.slug}`,
          '/services',
        ]) {
          await request(t.app).get(url).expect(200);
        }
      });
    } finally {
      proto.findOne = original;
    }
    expect([reads, writes]).to.deep.equal([0, 0]);
  });
});
