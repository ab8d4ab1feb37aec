/**
 * The orders module as other modules and the app see it: placing orders, their state changes and
 * refunds, the lookups the payment webhook and the customer pages need, and order e-mails.
 */
export type { OrderDoc, OrderEventDoc, OrderState, PaymentMethod } from './model.ts';
export type { CheckoutInput } from './schemas.ts';
export { placeOrder, SoldOutError, transferDueAt, type PlaceOrderInput } from './placement.ts';
export {
  addTimelineNote,
  cancelOrder,
  getOrder,
  markCompleted,
  markPaid,
  markReady,
  recordProviderRefund,
  refundOrder,
  type CardRefunder,
  type Notify,
  type OrderContext,
} from './transitions.ts';
export { orderByPaymentIntent, orderIdByNumberAndEmail, orderIdByToken, orderNumbers } from './queries.ts';
export { orderNotifier, statusUrl } from './notify.ts';

// The staff's work queues: counts for the dashboard, the same filters as the order list.
export {
  ORDER_QUEUES,
  UNCOLLECTED_AFTER_DAYS,
  orderQueueCounts,
  type OrderQueue,
  type OrderQueueCounts,
} from './queues.ts';
export { salesGlance, type SalesGlance } from './queries.ts';
// Line pricing (VAT half-up per line), shared with sales made outside the web shop (fairs).
export { cashRounding, lineAmounts, type LineAmounts } from './pricing.ts';
export {
  expectedReadyOn,
  markPaidOrCollected,
  markPreparedForPickup,
  pickupOrderView,
  preparedClaim,
} from './pickup.ts';
