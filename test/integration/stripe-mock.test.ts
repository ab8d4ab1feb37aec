import { expect } from 'chai';
import Stripe from 'stripe';
import { loadConfig } from '../../src/config.ts';
import {
  TEST_STRIPE_WEBHOOK_SECRET,
  signedWebhook,
  stripeClient,
  stripeMockUrl,
  testStripeEnv,
} from '../support/stripe.ts';

/*
 * The harness itself: the real Stripe SDK against stripe-mock (started once in mochaGlobalSetup).
 *
 * What stripe-mock (v0.203.0) does with a request, found with these calls; code under test must
 * not rely on more than this:
 * - It is stateless. Every response is the fixture for that object with a fresh random id
 *   (`cs_test_…`, `re_…`, `pi_…`); a later retrieve returns the fixture again, not what was created.
 * - It reflects a request parameter only where the response has a field of the same name and type:
 *   top-level scalars come back (checkout session: mode, currency, client_reference_id,
 *   success_url, cancel_url, customer_email, expires_at; refund: amount, payment_intent, reason;
 *   payment intent: amount, currency). Objects are merged only into keys the fixture already has,
 *   and the fixture's `metadata` is `{}`, so metadata never comes back.
 * - Derived fields are the fixture's: a checkout session has amount_total/amount_subtotal null,
 *   payment_status 'unpaid', status 'open', a `payment_intent` id unrelated to anything sent, and
 *   the same fixed `url` (https://checkout.stripe.com/pay/c/cs_test_a1…) whatever its id; a refund
 *   has currency 'usd' and status 'succeeded'.
 * - Idempotency keys are sent by the SDK but ignored: the same key twice gives two different ids.
 * - Parameters are checked against the OpenAPI schema (unknown ones: 400 invalid_request_error),
 *   but values are not checked for sense (a negative refund amount is accepted).
 */
describe('stripe-mock harness', () => {
  let stripe: Stripe;
  before(() => {
    stripe = stripeClient(); // not at load time: stripe-mock starts after the test files are loaded
  });

  it('gives the app a valid Stripe config pointing at the mock', () => {
    const config = loadConfig({ NODE_ENV: 'test', ...testStripeEnv() });
    expect(config.stripe).to.not.equal(null);
    expect(config.stripe?.apiUrl?.href).to.equal(`${stripeMockUrl()}/`);
    expect(config.stripe?.apiUrl?.protocol).to.equal('http:');
    expect(config.stripe?.apiUrl?.hostname).to.equal('127.0.0.1');
  });

  it('creates a Checkout Session in payment mode', async () => {
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: 'payment',
      line_items: [
        {
          price_data: { currency: 'eur', unit_amount: 1250, product_data: { name: 'Puodelis' } },
          quantity: 2,
        },
      ],
      metadata: { orderId: 'order-1' },
      client_reference_id: 'order-1',
      success_url: 'http://localhost:3000/orders/order-1/paid',
      cancel_url: 'http://localhost:3000/orders/order-1',
    };
    const session = await stripe.checkout.sessions.create(params, {
      idempotencyKey: 'checkout-order-1',
    });
    expect(session.object).to.equal('checkout.session');
    expect(session.id).to.match(/^cs_/);
    expect(session.url)
      .to.be.a('string')
      .and.match(/^https:\/\//);
    expect(session.lastResponse.headers['idempotency-key']).to.equal('checkout-order-1');
    // Reflected: top-level scalars.
    expect(session.mode).to.equal('payment');
    expect(session.client_reference_id).to.equal('order-1');
    expect(session.success_url).to.equal(params.success_url);
    // Not reflected: metadata and amounts (see the comment at the top).
    expect(session.metadata).to.deep.equal({});
    expect(session.amount_total).to.equal(null);

    const again = await stripe.checkout.sessions.create(params, { idempotencyKey: 'checkout-order-1' });
    expect(again.id, 'stripe-mock ignores idempotency keys').to.not.equal(session.id);
  });

  it('rejects parameters the API does not know', async () => {
    const err = await stripe.checkout.sessions
      .create({ mode: 'payment', no_such_param: 1 } as Stripe.Checkout.SessionCreateParams)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).to.be.instanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((err as Stripe.errors.StripeError).statusCode).to.equal(400);
  });

  it('refunds part of a payment intent', async () => {
    const refund = await stripe.refunds.create(
      { payment_intent: 'pi_test_order1', amount: 500 },
      { idempotencyKey: 'refund-order-1-1' },
    );
    expect(refund.object).to.equal('refund');
    expect(refund.id).to.match(/^re_/);
    expect(refund.amount).to.equal(500);
    expect(refund.payment_intent).to.equal('pi_test_order1');
    expect(refund.status).to.equal('succeeded');
  });

  describe('signed webhooks', () => {
    const event = {
      id: 'evt_test_1',
      object: 'event',
      type: 'checkout.session.completed',
      data: { object: { id: 'cs_test_1', object: 'checkout.session', client_reference_id: 'order-1' } },
    };

    it('are accepted by constructEvent with the webhook secret', () => {
      const { body, signature } = signedWebhook(event);
      expect(signature).to.match(/^t=\d+,v1=[0-9a-f]{64}$/);
      const parsed = stripe.webhooks.constructEvent(body, signature, TEST_STRIPE_WEBHOOK_SECRET);
      expect(parsed.id).to.equal('evt_test_1');
      expect(parsed.type).to.equal('checkout.session.completed');
      const raw = Buffer.from(body); // what express.raw() hands a webhook route
      expect(() => stripe.webhooks.constructEvent(raw, signature, TEST_STRIPE_WEBHOOK_SECRET)).to.not.throw();
    });

    it('are rejected when tampered with or checked with another secret', () => {
      const { body, signature } = signedWebhook(event);
      const tampered = body.replace('order-1', 'order-2');
      expect(tampered).to.not.equal(body);
      expect(() => stripe.webhooks.constructEvent(tampered, signature, TEST_STRIPE_WEBHOOK_SECRET)).to.throw(
        Stripe.errors.StripeSignatureVerificationError,
      );
      expect(() => stripe.webhooks.constructEvent(body, signature, 'whsec_other')).to.throw(
        Stripe.errors.StripeSignatureVerificationError,
      );
    });
  });
});
