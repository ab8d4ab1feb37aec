import { expect } from 'chai';
import { createProduct } from '../../src/catalog/service.ts';
import { currentStock, reserveStock } from '../../src/catalog/stock.ts';
import { signInAs, tokenFor, useTestApp } from '../support/app.ts';

/** Saving the product form must not undo sales made while it was open. */
describe('stock edits from the product form', () => {
  const t = useTestApp();

  it('leaves stock alone when the quantity was not changed, and sets it when it was', async () => {
    const p = await createProduct(
      {
        kind: 'good',
        titleLt: 'Lentelė',
        titleEn: 'Board',
        descriptionLt: '',
        descriptionEn: '',
        unitLt: '',
        unitEn: '',
        slug: 'lentele',
        sku: 'BOARD',
        category: '',
        price: 3200,
        vatRate: 2100,
        stockMode: 'stock',
        stockQuantity: 10,
        leadTimeDays: 0,
      },
      [],
      t.storage,
      { pricesIncludeVat: true },
    );
    const id = String(p._id);
    const agent = await signInAs(t.app, 'marketing');
    const form = `/admin/products/${id}/edit`;
    const token = await tokenFor(agent, form);
    // The form was opened when 10 were on hand; 3 sell before it is saved.
    await reserveStock(p._id, 3, 'order-a');
    const fields = {
      kind: 'good',
      titleLt: 'Ąžuolinė lentelė',
      sku: 'BOARD',
      price: '32,00',
      vatRate: '21',
      stockMode: 'stock',
      stockQuantity: '10',
      stockShown: '10',
      leadTimeDays: '0',
    };
    const post = (f: Record<string, string>) => {
      const req = agent.post(`/admin/products/${id}?_csrf=${encodeURIComponent(token)}`);
      for (const [k, v] of Object.entries(f)) req.field(k, v);
      return req;
    };
    await post(fields).expect(303);
    expect(await currentStock(p._id)).to.equal(7);
    await post({ ...fields, stockQuantity: '12' }).expect(303);
    expect(await currentStock(p._id)).to.equal(12);
  });
});
