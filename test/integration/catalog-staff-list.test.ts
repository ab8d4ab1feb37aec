import { expect } from 'chai';
import { Collection } from 'mongodb';
import { archiveProduct } from '../../src/catalog/service.ts';
import { ADMIN_PAGE_SIZE } from '../../src/catalog/queries.ts';
import { signInAs, useTestApp } from '../support/app.ts';
import { publishedGood } from './helpers.ts';

type Method = (this: Collection, ...args: unknown[]) => unknown;

describe('the staff product list', () => {
  const t = useTestApp();

  before(async () => {
    for (let i = 1; i <= ADMIN_PAGE_SIZE + 2; i++) {
      await publishedGood(t.storage, { titleLt: `Prekė ${i}`, sku: `SL-${i}`, slug: `preke-${i}` });
    }
    const archived = await publishedGood(t.storage, { titleLt: 'Archyvinė', sku: 'SL-X', slug: 'archyvine' });
    await archiveProduct(archived);
  });

  it('counts without countDocuments: the matching ids in order, then the page by _id', async () => {
    const proto = Collection.prototype as unknown as Record<string, Method>;
    const original = proto.countDocuments!;
    let counts = 0;
    proto.countDocuments = function (this: Collection, ...args: unknown[]) {
      if (this.collectionName === 'products') counts += 1;
      return original.apply(this, args);
    };
    const agent = await signInAs(t.app, 'marketing');
    let first: string;
    let second: string;
    try {
      first = (await agent.get('/admin/products').expect(200)).text;
      second = (await agent.get('/admin/products?page=2').expect(200)).text;
    } finally {
      proto.countDocuments = original;
    }
    expect(counts).to.equal(0);
    const rows = (html: string) => (html.match(/SL-\d+/g) ?? []).length;
    // The newest change first: the page holds ADMIN_PAGE_SIZE goods, the next the 2 left; no archived.
    expect(rows(first)).to.equal(ADMIN_PAGE_SIZE);
    expect(rows(second)).to.equal(2);
    expect(first + second).not.to.contain('SL-X');
    expect(first).to.contain(`Prekė ${ADMIN_PAGE_SIZE + 2}`);
    expect(second).to.contain('Prekė 1<');
  });
});
