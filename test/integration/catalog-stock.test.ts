import { expect } from 'chai';
import { currentStock, reserveStock } from '../../src/catalog/stock.ts';
import { signInAs, tokenFor, useTestApp } from '../support/app.ts';
import { publishedGood } from './helpers.ts';

/** Saving the product form must not undo sales made while it was open. */
describe('stock edits from the product form', () => {
  const t = useTestApp();

  it('leaves stock alone when the quantity was not changed, and sets it when it was', async () => {
    const id = await publishedGood(t.storage, {
      titleLt: 'Lentelė',
      slug: 'lentele',
      sku: 'BOARD',
      price: 3200,
      vatRate: 2100,
      stockQuantity: 10,
    });
    const agent = await signInAs(t.app, 'marketing');
    const form = `/admin/products/${id}/edit`;
    const token = await tokenFor(agent, form);
    // The form was opened when 10 were on hand; 3 sell before it is saved.
    await reserveStock(id, 3, 'order-a');
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
    expect(await currentStock(id)).to.equal(7);
    await post({ ...fields, stockQuantity: '12' }).expect(303);
    expect(await currentStock(id)).to.equal(12);
  });
});
