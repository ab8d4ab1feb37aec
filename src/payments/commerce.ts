import type { Logger } from 'pino';
import type Stripe from 'stripe';
import type { Config } from '../config.ts';
import type { Mailer } from '../mail/mailer.ts';
import { staffOrderNotifier } from '../notifications/service.ts';
import { orderNotifier, type Notify, type OrderContext } from '../orders/service.ts';
import { expireOpenSessions, refundCardPayment, stripeClient } from './stripe.ts';

/** What the order and payment routes share: the Stripe client (when configured) and how orders notify. */
export interface Commerce {
  stripe: Stripe | null;
  webhookSecret: string | null;
  publicUrl: string;
  /** Every e-mail the app sends goes through it (SMTP, or the outbox collection only). */
  mailer: Mailer;
  context(by: string): OrderContext;
}

export function createCommerce(deps: { config: Config; logger: Logger; mailer: Mailer }): Commerce {
  const stripe = deps.config.stripe ? stripeClient(deps.config.stripe) : null;
  const customer = orderNotifier({
    mailer: deps.mailer,
    publicUrl: deps.config.publicUrl,
    logger: deps.logger,
  });
  // The staff are told of a new order and of a card payment (neither ever throws).
  const staff = staffOrderNotifier({ mailer: deps.mailer, publicUrl: deps.config.publicUrl });
  const notify: Notify = async (kind, order, extra) => {
    await customer(kind, order, extra);
    await staff(kind, order);
  };
  return {
    stripe,
    webhookSecret: deps.config.stripe?.webhookSecret ?? null,
    publicUrl: deps.config.publicUrl,
    mailer: deps.mailer,
    context: (by) => ({
      by,
      notify,
      refundCard: stripe ? (order, amount, key) => refundCardPayment(stripe, order, amount, key) : null,
      closeCardCheckout: stripe ? (order) => expireOpenSessions(stripe, order, deps.logger) : null,
    }),
  };
}
