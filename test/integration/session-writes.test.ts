import { expect } from 'chai';
import { Collection } from 'mongodb';
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

  it('writes the session once per add-to-cart (the save before the redirect; no touch after it)', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get(`/products/${product.slug}`).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const add = () =>
      agent
        .post('/cart/add')
        .type('form')
        .send({ _csrf: token, productId: product.id, quantity: '1' })
        .expect(303);
    expect(await sessionWrites(async () => void (await add()))).to.equal(1); // the new session
    expect(await sessionWrites(async () => void (await add()))).to.equal(1); // an existing one
    // A request that does not change the session only moves its expiry on (one touch).
    expect(await sessionWrites(async () => void (await agent.get('/cart').expect(200)))).to.equal(1);
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
