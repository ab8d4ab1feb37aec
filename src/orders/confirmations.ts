import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { referencesWithMessage } from '../mail/mailer.ts';
import type { OrderMailKind } from '../mail/types.ts';
import { Order } from './model.ts';
import { getOrder, type Notify } from './transitions.ts';

const CONFIRMATION: OrderMailKind = 'received';

/** Orders this recent are looked at, so a run reads a bounded slice (as the orphaned-stock job). */
export const CONFIRMATION_WINDOW_MS = 7 * 24 * 3600_000;

/**
 * Queues the confirmation (the e-mail of kind order.received) of every order of the last week that
 * has none: the checkout stores its order and then queues the e-mail, and a process that died in
 * between left the order without one. The e-mail's key (`order.received:<order id>`) lets it be
 * queued once, so a run racing a checkout still in flight, or another instance's run, adds nothing
 * twice. Returns how many orders it found without their confirmation.
 */
export async function queueMissingConfirmations(
  notify: Notify,
  logger: Logger,
  now = new Date(),
  batchSize = 200,
): Promise<number> {
  let after = mongoose.Types.ObjectId.createFromTime(
    Math.floor((now.getTime() - CONFIRMATION_WINDOW_MS) / 1000),
  );
  let missing = 0;
  for (;;) {
    const batch = await Order.find({ _id: { $gt: after } }, { _id: 1, number: 1, customer: 1 })
      .sort({ _id: 1 })
      .limit(batchSize)
      .lean();
    if (batch.length === 0) break;
    after = batch.at(-1)!._id;
    const confirmed = await referencesWithMessage(
      `order.${CONFIRMATION}`,
      batch.map((o) => o.number),
    );
    // An order taken without an e-mail has no confirmation to send.
    for (const o of batch.filter((x) => x.customer?.email && !confirmed.has(x.number))) {
      await notify(CONFIRMATION, await getOrder(String(o._id)));
      missing += 1;
    }
  }
  if (missing) logger.warn({ missing }, 'confirmations of interrupted checkouts queued');
  return missing;
}
