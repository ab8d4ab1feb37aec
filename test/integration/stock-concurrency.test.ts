import { expect } from 'chai';
import request from 'supertest';
import { currentStock, StockMovement } from '../../src/catalog/stock.ts';
import { Order } from '../../src/orders/model.ts';
import { placeOrder, SoldOutError } from '../../src/orders/placement.ts';
import { getSettings } from '../../src/settings/service.ts';
import { csrfFrom, useTestApp } from '../support/app.ts';
import { checkoutInput, publishedGood } from './helpers.ts';

const form = checkoutInput();

/** Stock is never oversold and order numbers never repeat, however many checkouts run at once. */
describe('checkout under contention', function () {
  this.timeout(180_000);
  const t = useTestApp();

  it('200 simultaneous checkouts for 20 units: exactly 20 orders, numbered without gaps', async () => {
    const productId = await publishedGood(t.storage, {
      titleLt: 'HOT',
      slug: 'hot',
      sku: 'HOT',
      vatRate: 2100,
      stockQuantity: 20,
    });
    const settings = await getSettings();
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () =>
        placeOrder({
          items: [{ productId: productId, quantity: 1 }],
          form,
          lang: 'lt',
          settings,
          cardPaymentsEnabled: false,
        }),
      ),
    );
    const placed = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(placed).to.have.length(20);
    expect(refused).to.have.length(180);
    for (const r of refused) expect(r.reason).to.be.instanceOf(SoldOutError);
    expect(await currentStock(productId)).to.equal(0);
    const orders = await Order.find({ 'lines.productId': productId }).sort({ seq: 1 }).lean();
    expect(orders).to.have.length(20);
    expect(new Set(orders.map((o) => o.number)).size).to.equal(20);
    const seqs = orders.map((o) => o.seq);
    expect(seqs).to.deep.equal(Array.from({ length: 20 }, (_, i) => seqs[0]! + i));
    // The movement log is a gapless chain that ends at zero.
    const moves = await StockMovement.find({ productId: productId }).sort({ version: 1 }).lean();
    moves.forEach((m, i) => expect(m.version).to.equal(i + 1));
    expect(moves.at(-1)!.after).to.equal(0);
  });

  it('through HTTP: 30 shoppers for 6 units get 6 orders and a clear sold-out message', async () => {
    const productId = await publishedGood(t.storage, {
      titleLt: 'HTTP',
      slug: 'http',
      sku: 'HTTP',
      vatRate: 2100,
      stockQuantity: 6,
    });
    const shoppers = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const agent = request.agent(t.app);
        const token = csrfFrom((await agent.get('/products/http').expect(200)).text);
        await agent
          .post('/cart/add')
          .type('form')
          .send({ _csrf: token, productId: productId, quantity: '1' })
          .expect(303);
        const checkout = await agent.get('/checkout').expect(200);
        return { agent, token: csrfFrom(checkout.text) };
      }),
    );
    const responses = await Promise.all(
      shoppers.map(({ agent, token }) =>
        agent.post('/checkout').type('form').send({
          _csrf: token,
          name: 'A',
          email: 'a@example.lt',
          phone: '+37060000000',
          delivery: 'pickup',
          payment: 'bank_transfer',
          terms: 'on',
        }),
      ),
    );
    expect(responses.filter((r) => r.status === 303)).to.have.length(6);
    const soldOut = responses.filter((r) => r.status === 409);
    expect(soldOut).to.have.length(24);
    expect(soldOut[0]!.text).to.contain('išparduota');
    expect(await currentStock(productId)).to.equal(0);
  });
});
