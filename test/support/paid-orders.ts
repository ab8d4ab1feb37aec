/** Paid shop orders for the invoice tests: one good in stock, orders placed and paid through the orders service. */
import { pino } from 'pino';
import { buildCommerce } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import type { FileStorage } from '../../src/media/storage.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { markPaid } from '../../src/orders/transitions.ts';
import { getSettings } from '../../src/settings/service.ts';
import { checkoutInput, publishedGood } from '../integration/helpers.ts';

/** A vase (36,30 € with 21 % VAT, 500 in stock) to order; its id. */
export function vase(storage: FileStorage, sku = 'VAZA-1'): Promise<string> {
  return publishedGood(storage, {
    titleLt: 'Keraminė vaza',
    slug: sku.toLowerCase(),
    sku,
    price: 3630,
    vatRate: 2100,
    stockQuantity: 500,
  });
}

/** An order of `quantity` vases, paid by bank transfer as staff record it; its id. */
export async function paidVaseOrder(
  t: { config: Config },
  productId: string,
  opts: { quantity?: number; lang?: 'lt' | 'en'; paid?: boolean } = {},
): Promise<string> {
  const order = await placeOrder({
    items: [{ productId, quantity: opts.quantity ?? 2 }],
    form: checkoutInput(),
    lang: opts.lang ?? 'lt',
    settings: await getSettings(),
    cardPaymentsEnabled: false,
  });
  const id = String(order._id);
  if (opts.paid !== false)
    await markPaid(id, buildCommerce(t.config, pino({ level: 'silent' })).context('Staff'));
  return id;
}
