import type { Logger } from 'pino';
import type Stripe from 'stripe';
import type { Config } from '../config.ts';
import { orderNotifier, type OrderMailer } from '../orders/notify.ts';
import type { OrderContext } from '../orders/transitions.ts';
import { expireOpenSessions, refundCardPayment, stripeClient } from './stripe.ts';

/** What the order and payment routes share: the Stripe client (when configured) and how orders notify. */
export interface Commerce {
  stripe: Stripe | null;
  webhookSecret: string | null;
  publicUrl: string;
  context(by: string): OrderContext;
}

export function createCommerce(deps: { config: Config; logger: Logger; mailer: OrderMailer }): Commerce {
  const stripe = deps.config.stripe ? stripeClient(deps.config.stripe) : null;
  const notify = orderNotifier({
    mailer: deps.mailer,
    publicUrl: deps.config.publicUrl,
    logger: deps.logger,
  });
  return {
    stripe,
    webhookSecret: deps.config.stripe?.webhookSecret ?? null,
    publicUrl: deps.config.publicUrl,
    context: (by) => ({
      by,
      notify,
      refundCard: stripe ? (order, amount, key) => refundCardPayment(stripe, order, amount, key) : null,
      closeCardCheckout: stripe ? (order) => expireOpenSessions(stripe, order, deps.logger) : null,
    }),
  };
}
