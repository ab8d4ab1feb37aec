/**
 * Fair mode as the routes and the other modules see it: sales events (open, sell, void, close) and
 * the sales phones send, applied once each. The rules are in docs/domain.md, "Fairs".
 */
import { goodsOnSale, type ProductDoc } from '../catalog/service.ts';
import { eventView, MAX_GOODS, stallGoods } from './events.ts';
import type { FairEventDoc } from './model.ts';

export type { FairClosingDoc, FairEventDoc, FairSaleDoc, FairPaymentMethod } from './model.ts';
export { PAYMENT_METHODS } from './model.ts';
export {
  closeEvent,
  createEvent,
  eventView,
  getEvent,
  isClosed,
  listEvents,
  MAX_GOODS,
  voidSale,
  type EventListItem,
  type EventView,
  type MethodTotals,
  type SaleRow,
} from './events.ts';
export { applySales, contentHash, postingMoment, type SaleResult, type SaleStatus } from './sales.ts';
export { cashDue, receiptLabel } from './postings.ts';

/** The goods the new-event form offers for the allotment. */
export function allotmentChoices(): Promise<ProductDoc[]> {
  return goodsOnSale(MAX_GOODS);
}

export interface StallGood {
  id: string;
  sku: string;
  title: { lt: string; en: string };
  /** One unit's price with VAT, as the buyer pays it. */
  priceCents: number;
  thumbKey: string | null;
  /** Units left of what was taken to the event; null when the event lists no goods. */
  left: number | null;
}

/** What the sell page shows: the stall's goods with their prices and how many are left at the stall. */
export async function stallOffer(event: FairEventDoc): Promise<StallGood[]> {
  const [goods, view] = await Promise.all([stallGoods(event), eventView(String(event._id))]);
  const left = new Map(view.goods.map((g) => [g.productId, g.left]));
  return goods.map((p) => ({
    id: String(p._id),
    sku: p.sku,
    title: { lt: p.title?.lt ?? '', en: p.title?.en ?? '' },
    priceCents: p.grossCents,
    thumbKey: p.images?.[0]?.thumbKey ?? null,
    left: left.get(String(p._id)) ?? null,
  }));
}
