import { currentStock, findPublishedGood, productsByIds, type ProductDoc } from '../catalog/service.ts';
import { ConflictError, NotFoundError } from '../lib/errors.ts';
import { lineAmounts, type LineAmounts } from './pricing.ts';
import { MAX_QUANTITY } from './schemas.ts';

export const MAX_CART_LINES = 30;

/** What the session keeps: product ids and quantities only; prices are always read fresh. */
export interface CartItem {
  productId: string;
  quantity: number;
}

export type CartProblem = 'unavailable' | 'insufficient';

export interface CartLine {
  product: ProductDoc;
  quantity: number;
  amounts: LineAmounts;
  /** Units on hand for stock goods; null for made-to-order goods. */
  available: number | null;
  problem: CartProblem | null;
}

export interface PricedCart {
  lines: CartLine[];
  itemsNetCents: number;
  itemsVatCents: number;
  itemsGrossCents: number;
  hasProblems: boolean;
}

/** Adds a published good to the cart items (merging with its line), checking stock as it goes. */
export async function addToCart(items: CartItem[], productId: string, quantity: number): Promise<CartItem[]> {
  const product = await findPublishedGood(productId);
  if (!product) throw new NotFoundError('orders.errors.productUnavailable');
  const existing = items.find((i) => i.productId === productId);
  const wanted = Math.min((existing?.quantity ?? 0) + quantity, MAX_QUANTITY);
  if (product.stockMode === 'stock') {
    const available = await currentStock(product._id);
    if (available < wanted) throw new ConflictError('orders.errors.notEnoughStock', { available });
  }
  if (!existing && items.length >= MAX_CART_LINES) throw new ConflictError('orders.errors.cartFull');
  return existing
    ? items.map((i) => (i.productId === productId ? { ...i, quantity: wanted } : i))
    : [...items, { productId, quantity: wanted }];
}

/** Sets a line's quantity (0 removes it). Stock is checked when the cart is shown and at checkout. */
export function setCartQuantity(items: CartItem[], productId: string, quantity: number): CartItem[] {
  if (quantity === 0) return items.filter((i) => i.productId !== productId);
  if (!items.some((i) => i.productId === productId)) throw new NotFoundError('orders.errors.notInCart');
  return items.map((i) => (i.productId === productId ? { ...i, quantity } : i));
}

/** Prices the cart from the current catalogue and marks lines that can no longer be bought as they are. */
export async function priceCart(items: CartItem[]): Promise<PricedCart> {
  const products = await productsByIds(items.map((i) => i.productId));
  const byId = new Map(products.map((p) => [String(p._id), p]));
  const lines: CartLine[] = [];
  for (const item of items) {
    const product = byId.get(item.productId);
    if (!product) continue;
    const buyable = product.status === 'published' && product.kind === 'good';
    const available = product.stockMode === 'stock' ? await currentStock(product._id) : null;
    const problem: CartProblem | null = !buyable
      ? 'unavailable'
      : available !== null && available < item.quantity
        ? 'insufficient'
        : null;
    lines.push({
      product,
      quantity: item.quantity,
      amounts: lineAmounts(product.priceCents, item.quantity, product.vatRateBps, product.priceIncludesVat),
      available,
      problem,
    });
  }
  const sum = (f: (l: CartLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  return {
    lines,
    itemsNetCents: sum((l) => l.amounts.netCents),
    itemsVatCents: sum((l) => l.amounts.vatCents),
    itemsGrossCents: sum((l) => l.amounts.grossCents),
    hasProblems: lines.some((l) => l.problem !== null),
  };
}
