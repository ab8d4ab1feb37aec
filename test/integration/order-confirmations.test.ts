import { expect } from 'chai';
import { pino } from 'pino';
import { createMailer } from '../../src/mail/mailer.ts';
import { OutboxMessage, type OutboxDoc } from '../../src/mail/model.ts';
import { CONFIRMATION_WINDOW_MS, queueMissingConfirmations } from '../../src/orders/confirmations.ts';
import type { OrderDoc } from '../../src/orders/model.ts';
import { orderNotifier } from '../../src/orders/notify.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { getSettings } from '../../src/settings/service.ts';
import { useTestApp } from '../support/app.ts';
import { checkoutInput, publishedGood } from './helpers.ts';

const logger = pino({ level: 'silent' });

/**
 * A checkout stores its order, then queues the confirmation. A process that dies in between leaves
 * an order without one; the job queues it, once.
 */
describe('order confirmations of interrupted checkouts', () => {
  const t = useTestApp();
  const mailer = createMailer(
    { smtpUrl: undefined, mailFrom: undefined, publicUrl: 'https://parduotuve.example.lt' },
    { logger },
  );
  const notify = orderNotifier({ mailer, publicUrl: 'https://parduotuve.example.lt', logger });
  let candle: string;

  before(async () => {
    candle = await publishedGood(t.storage, { titleLt: 'Žvakė', sku: 'CONF-1', stockQuantity: 50 });
  });
  after(() => mailer.settled());

  /** An order stored by a checkout that died before it queued the e-mail. */
  const storedWithoutMail = async (email: string): Promise<OrderDoc> =>
    placeOrder({
      items: [{ productId: candle, quantity: 1 }],
      form: checkoutInput({ email, name: 'Ona Petraitienė' }),
      lang: 'en',
      settings: await getSettings(),
      cardPaymentsEnabled: false,
    });

  const confirmations = (order: OrderDoc) =>
    OutboxMessage.find({ kind: 'order.received', reference: order.number }).lean<OutboxDoc[]>();

  it('queues the confirmation of each order stored without one, once, however many runs race', async () => {
    const a = await storedWithoutMail('a@example.test');
    const b = await storedWithoutMail('b@example.test');
    expect(await confirmations(a)).to.have.length(0);

    const found = await Promise.all([1, 2, 3].map(() => queueMissingConfirmations(notify, logger)));
    expect(
      found.reduce((sum, n) => sum + n, 0),
      'each order found by a run',
    ).to.be.at.least(2);
    await mailer.settled();
    for (const order of [a, b]) {
      const [m, ...more] = await confirmations(order);
      expect(more, order.number).to.have.length(0);
      expect(m!.key).to.equal(`order.received:${String(order._id)}`);
      expect(m!.to).to.equal(order.customer!.email);
      expect(m!.lang).to.equal('en');
      expect(m!.subject).to.equal(`Order ${order.number} received`);
      expect(m!.text).to.contain(`/orders/${order.token}`);
      expect(m!.status).to.equal('stored');
    }
    expect(await queueMissingConfirmations(notify, logger)).to.equal(0);
  });

  it('leaves an order that has its confirmation, also one stored before the queue had keys', async () => {
    const queued = await storedWithoutMail('c@example.test');
    await notify('received', queued);
    const legacy = await storedWithoutMail('d@example.test');
    await OutboxMessage.create({
      to: 'd@example.test',
      from: 'x@example.test',
      subject: 'Gavome jūsų užsakymą',
      kind: 'order.received',
      reference: legacy.number,
      status: 'stored',
    });
    expect(await queueMissingConfirmations(notify, logger)).to.equal(0);
    expect(await confirmations(queued)).to.have.length(1);
    expect(await confirmations(legacy)).to.have.length(1);
  });

  it('looks back a week only', async () => {
    const old = await storedWithoutMail('e@example.test');
    const weekLater = new Date(Date.now() + CONFIRMATION_WINDOW_MS + 60_000);
    expect(await queueMissingConfirmations(notify, logger, weekLater)).to.equal(0);
    expect(await confirmations(old)).to.have.length(0);
    expect(await queueMissingConfirmations(notify, logger)).to.equal(1);
    expect(await confirmations(old)).to.have.length(1);
  });
});
