import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { buildCommerce, createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { freePort } from '../../src/db/ferretdb.ts';
import { OutboxMessage, type OutboxDoc } from '../../src/mail/model.ts';
import { DigestItem, NotificationPrefs } from '../../src/notifications/model.ts';
import { notifyStaff, sendStaffDigests, type StaffEvent } from '../../src/notifications/service.ts';
import { Order, type OrderDoc } from '../../src/orders/model.ts';
import { CheckoutSession } from '../../src/payments/model.ts';
import { issueInvoice, markInvoicePaid } from '../../src/services/invoices.ts';
import { acceptQuote, assign, declineQuote } from '../../src/services/service.ts';
import { disableStaff } from '../../src/staff/service.ts';
import { csrfFrom, makeStaff, signIn, useTestApp, type Agent } from '../support/app.ts';
import { signedWebhook, testStripeEnv } from '../support/stripe.ts';
import { expectMessage, publishedGood, waitFor } from './helpers.ts';
import { completedJob, quotedRequest, serviceContext } from './services-support.ts';

type Staff = Awaited<ReturnType<typeof makeStaff>>;

function staffMail(kind: string, reference?: string) {
  return OutboxMessage.find({ kind: `staff.${kind}`, ...(reference ? { reference } : {}) }).lean<
    OutboxDoc[]
  >();
}
const recipients = (messages: OutboxDoc[]) => messages.map((m) => m.to).sort();

describe('staff are told by e-mail: orders, payments, requests, quotes, invoices, assignments', () => {
  const t = useTestApp(() => testStripeEnv());
  let productId: string;
  let marketing: Staff;
  let marketing2: Staff;
  let disabled: Staff;
  let master: Staff;
  let admin: Staff;
  let adminAgent: Agent;

  before(async () => {
    productId = await publishedGood(t.storage, {
      titleLt: 'Molinė vaza',
      slug: 'moline-vaza',
      sku: 'VAZA',
      price: 2500,
      vatRate: 2100,
      stockQuantity: 100,
    });
    marketing = await makeStaff('marketing');
    marketing2 = await makeStaff('marketing');
    disabled = await makeStaff('marketing');
    master = await makeStaff('master');
    admin = await makeStaff('admin');
    await disableStaff(disabled.id, admin.id);
    adminAgent = await signIn(t.app, admin);
  });

  async function placeOrder(
    app = t.app,
    form: Record<string, string> = {},
  ): Promise<{ order: OrderDoc; location: string }> {
    const agent = request.agent(app);
    const token = csrfFrom((await agent.get('/products/moline-vaza').expect(200)).text);
    await agent.post('/cart/add').type('form').send({ _csrf: token, productId, quantity: 2 }).expect(303);
    const page = await agent.get('/checkout').expect(200);
    const email = `pirkejas-${Math.random().toString(36).slice(2)}@example.lt`;
    const res = await agent
      .post('/checkout')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        name: 'Jonas Pirkėjas',
        email,
        phone: '+37060000000',
        delivery: 'courier',
        address: 'Laisvės al. 1',
        city: 'Kaunas',
        postcode: 'LT-44001',
        payment: 'bank_transfer',
        terms: 'on',
        ...form,
      })
      .expect(303);
    const order = await Order.findOne({ 'customer.email': email }).lean<OrderDoc>();
    expect(order, 'the order is stored').to.not.equal(null);
    return { order: order!, location: String(res.headers.location) };
  }

  it('a public order e-mails each active marketing account with its lines, delivery, payment and a staff link', async () => {
    const { order } = await placeOrder();
    const mails = await staffMail('orderPlaced', order.number);
    expect(recipients(mails)).to.deep.equal([marketing.email, marketing2.email].sort());
    for (const m of mails) {
      expect(m.lang).to.equal('lt');
      expect(m.subject).to.contain(order.number);
      expect(m.text).to.contain('Molinė vaza × 2');
      expect(m.text).to.contain('kurjeriu');
      expect(m.text).to.contain('Laisvės al. 1');
      expect(m.text).to.contain('bankiniu pavedimu');
      expect(m.text).to.contain(`/admin/orders/${String(order._id)}`);
      expect(m.text + m.html).to.not.contain(order.token);
      expect(m.text + m.html).to.not.contain('/orders/' + order.token);
    }
    expect(recipients(mails)).to.not.include.members([disabled.email, master.email, admin.email]);
  });

  it('a card payment through the signed webhook e-mails the admins, once however often it is sent', async () => {
    const { order, location } = await placeOrder(t.app, { delivery: 'pickup', payment: 'card' });
    expect(location).to.match(/^https:\/\/checkout\.stripe\.com\//);
    const session = await CheckoutSession.findOne({ orderId: order._id }).lean();
    const event = {
      id: `evt_staff_${String(order._id)}`,
      object: 'event',
      type: 'checkout.session.completed',
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: session!._id,
          object: 'checkout.session',
          client_reference_id: String(order._id),
          metadata: { orderId: String(order._id) },
          amount_total: order.totals!.grossCents,
          currency: 'eur',
          payment_status: 'paid',
          payment_intent: `pi_staff_${String(order._id)}`,
        },
      },
    };
    const post = (payload: object) => {
      const { body, signature } = signedWebhook(payload);
      return request(t.app)
        .post('/webhooks/stripe')
        .set('Content-Type', 'application/json')
        .set('Stripe-Signature', signature)
        .send(body)
        .expect(200);
    };
    await post(event);
    await post(event);
    await post({ ...event, id: `${event.id}_again` });
    const mails = await staffMail('cardPaid', order.number);
    expect(recipients(mails)).to.deep.equal([admin.email]);
    expect(mails[0]!.text).to.contain(`/admin/orders/${String(order._id)}`);
    expect(mails[0]!.text).to.not.contain(order.token);
  });

  it('requests, answers to quotes, paid invoices and assignments each e-mail the right people', async () => {
    const ctx = serviceContext(t.config);
    const quoted = await quotedRequest(ctx);
    const received = await staffMail('requestReceived', quoted.reference);
    expect(recipients(received)).to.deep.equal([marketing.email, marketing2.email].sort());
    expect(received[0]!.text).to.contain(`/admin/requests/${String(quoted._id)}`);
    expect(received[0]!.text + received[0]!.html).to.not.contain(quoted.token);

    await acceptQuote(quoted.token, 1, { name: 'Priėmėjas', ip: '127.0.0.1' }, ctx);
    expect(recipients(await staffMail('quoteAccepted', quoted.reference))).to.deep.equal(
      [marketing.email, marketing2.email].sort(),
    );

    const other = await quotedRequest(ctx);
    await declineQuote(other.token, 1, 'Per brangu', ctx);
    const declined = await staffMail('quoteDeclined', other.reference);
    expect(recipients(declined)).to.deep.equal([marketing.email, marketing2.email].sort());
    expect(declined[0]!.text).to.contain('Per brangu');

    await assign(String(other._id), marketing2.id, ctx);
    await assign(String(other._id), marketing2.id, ctx);
    const assigned = await staffMail('jobAssigned', other.reference);
    expect(recipients(assigned)).to.deep.equal([marketing2.email]);

    const job = await completedJob(ctx);
    const invoice = await issueInvoice(String(job._id), ctx);
    await markInvoicePaid(String(invoice._id), { method: 'bank_transfer' }, ctx);
    const paid = await staffMail('invoicePaid', job.reference);
    expect(recipients(paid)).to.deep.equal([admin.email]);
    expect(paid[0]!.text).to.contain(`/admin/requests/${String(job._id)}`);
    await (ctx.mailer as unknown as { settled(): Promise<void> }).settled();
  });

  it('a repeated event e-mails nobody twice', async () => {
    const event: StaffEvent = {
      kind: 'requestReceived',
      id: 'replayed-event',
      reference: 'REPLAY-1',
      path: '/admin/requests/replayed',
      params: { reference: 'REPLAY-1', name: 'UAB Kartas', service: 'Pakavimas', by: 'customer' },
    };
    const deps = { mailer: serviceContext(t.config).mailer, publicUrl: t.config.publicUrl };
    await Promise.all([notifyStaff(deps, event), notifyStaff(deps, event), notifyStaff(deps, event)]);
    expect(recipients(await staffMail('requestReceived', 'REPLAY-1'))).to.deep.equal(
      [marketing.email, marketing2.email].sort(),
    );
  });

  it('in digest mode a recipient gets one e-mail a day listing all its events, and none per event', async () => {
    const page = await adminAgent.get('/admin/settings/notifications').expect(200);
    await adminAgent
      .post('/admin/settings/notifications')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        staff: [marketing.id, marketing2.id, admin.id, master.id],
        orders: [marketing.id, marketing2.id],
        requests: [marketing.id, marketing2.id],
        payments: [admin.id],
        digest: [marketing.id],
        lang: [`${marketing.id}:en`, `${marketing2.id}:lt`, `${admin.id}:lt`, `${master.id}:lt`],
      })
      .expect(303);
    const { order } = await placeOrder();
    const ctx = serviceContext(t.config);
    const req = await quotedRequest(ctx);
    expect(recipients(await staffMail('orderPlaced', order.number))).to.deep.equal([marketing2.email]);
    expect(recipients(await staffMail('requestReceived', req.reference))).to.deep.equal([marketing2.email]);

    const items = await DigestItem.find({ staffId: marketing.id }).lean();
    const day = items[0]!.day;
    const nextDay = new Date(Date.now() + 24 * 3600_000);
    // Not yet: the day has not ended.
    await sendStaffDigests(ctx, new Date());
    expect(await staffMail('digest')).to.have.length(0);
    await sendStaffDigests(ctx, nextDay);
    await sendStaffDigests(ctx, nextDay);
    const digests = await staffMail('digest');
    expect(recipients(digests)).to.deep.equal([marketing.email]);
    const digest = digests[0]!;
    expect(digest.reference).to.equal(day);
    expect(digest.lang).to.equal('en');
    expect(digest.subject).to.contain('Daily summary');
    expect(digest.text).to.contain(order.number);
    expect(digest.text).to.contain('Molinė vaza × 2');
    expect(digest.text).to.contain(req.reference);
    expect(digest.text).to.contain(`/admin/orders/${String(order._id)}`);
    expect(digest.text).to.not.contain(order.token);
    await (ctx.mailer as unknown as { settled(): Promise<void> }).settled();
  });

  it('a mail server that refuses does not fail the order; the e-mails wait in the outbox', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      UPLOADS_DIR: t.uploadsDir,
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
    });
    const logger = pino({ level: 'silent' });
    const app = createApp({
      config,
      logger,
      storage: t.storage,
      mediaDir: t.uploadsDir,
      commerce: buildCommerce(config, logger),
    });
    const { order, location } = await placeOrder(app);
    expect(location).to.equal(`/orders/${order.token}`);
    await waitFor('the staff e-mails to be tried and refused', async () => {
      const mails = await staffMail('orderPlaced', order.number);
      return mails.length > 0 && mails.every((m) => m.status === 'retrying');
    });
    expect(recipients(await staffMail('orderPlaced', order.number))).to.include(marketing2.email);
    expect((await Order.findById(order._id).lean())!.state).to.equal('pending_payment');
  });

  describe('the settings form', () => {
    async function post(body: Record<string, string | string[]>, status: number) {
      const page = await adminAgent.get('/admin/settings/notifications').expect(200);
      return adminAgent
        .post('/admin/settings/notifications')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), ...body })
        .expect(status);
    }

    it('lists the active staff with the defaults', async () => {
      const page = await adminAgent.get('/admin/settings/notifications').expect(200);
      expect(page.text).to.contain(marketing.email);
      expect(page.text).to.not.contain(disabled.email);
    });

    it('refuses an unknown staff member, a malformed id or value, and a master given orders; stores nothing', async () => {
      const before = await NotificationPrefs.find().sort({ _id: 1 }).lean();
      const unknown = 'a'.repeat(24);
      expectMessage(
        (await post({ staff: [marketing.id, unknown], orders: [unknown] }, 422)).text,
        'notifications.errors.unknownStaff',
      );
      expectMessage(
        (await post({ staff: [marketing.id], orders: [unknown] }, 422)).text,
        'notifications.errors.unknownStaff',
      );
      expectMessage(
        (await post({ staff: [marketing.id, 'not-an-id'] }, 422)).text,
        'notifications.errors.malformed',
      );
      expectMessage(
        (await post({ staff: [marketing.id], lang: [`${marketing.id}:fr`] }, 422)).text,
        'notifications.errors.malformed',
      );
      expectMessage(
        (await post({ staff: [marketing2.id, master.id], orders: [marketing2.id, master.id] }, 422)).text,
        'notifications.errors.noAccess',
      );
      expectMessage((await post({ staff: [disabled.id] }, 422)).text, 'notifications.errors.unknownStaff');
      expect(await NotificationPrefs.find().sort({ _id: 1 }).lean()).to.deep.equal(before);
    });

    it('is for administrators only', async () => {
      const agent = await signIn(t.app, marketing);
      await agent.get('/admin/settings/notifications').expect(403);
    });
  });
});
