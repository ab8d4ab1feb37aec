import { currentStock } from '../../src/catalog/stock.ts';
import { Order } from '../../src/orders/model.ts';
import { addToCart, Browser, checkoutForm, pool } from '../../test/support/server-process.ts';
import { seedProduct, shownOn } from './seed.ts';

export interface ContentionResults {
  shoppers: number;
  stock: number;
  placed: number;
  refused: number;
  otherStatuses: number;
  ordersStored: number;
  stockAfter: number;
  ms: number;
  ok: boolean;
}

/**
 * `shoppers` browsers (each its own address, cart and session) fill their carts with the one unit
 * of a good that has `stock` units, then all post the checkout form at the same moment.
 */
export async function runContention(opts: {
  appUrl: string;
  shoppers: number;
  stock: number;
}): Promise<ContentionResults> {
  const product = await seedProduct('Riboto tiražo vaza', opts.stock);
  await shownOn(opts.appUrl, product.slug);
  const browsers = Array.from(
    { length: opts.shoppers },
    (_, i) => new Browser(opts.appUrl, `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`),
  );
  const forms = await pool(browsers, 16, async (b) => {
    await addToCart(b, product);
    return checkoutForm(b, 'bank_transfer');
  });
  const started = performance.now();
  const replies = await Promise.all(browsers.map((b, i) => b.post('/checkout', forms[i]!)));
  const ms = performance.now() - started;
  const placed = replies.filter((r) => r.status === 303 && r.location.startsWith('/orders/')).length;
  const refused = replies.filter((r) => r.status === 409).length;
  const ordersStored = await Order.countDocuments({ 'lines.productId': product.id });
  const stockAfter = await currentStock(product.id);
  return {
    shoppers: opts.shoppers,
    stock: opts.stock,
    placed,
    refused,
    otherStatuses: replies.length - placed - refused,
    ordersStored,
    stockAfter,
    ms,
    ok:
      placed === opts.stock &&
      refused === opts.shoppers - opts.stock &&
      ordersStored === opts.stock &&
      stockAfter === 0,
  };
}
