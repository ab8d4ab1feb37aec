import { expect } from 'chai';
import request from 'supertest';
import { JournalEntry, type JournalEntryDoc } from '../../src/ledger/model.ts';
import { issueInvoice } from '../../src/services/invoices.ts';
import { InvoiceCheckout, type InvoiceDoc } from '../../src/services/model.ts';
import { csrfFrom, useTestApp } from '../support/app.ts';
import { signedWebhook, testStripeEnv } from '../support/stripe.ts';
import { completedJob, reload, serviceContext } from './services-support.ts';

let counter = 0;
function event(type: string, object: Record<string, unknown>) {
  counter += 1;
  return {
    id: `evt_inv_${Date.now()}_${counter}`,
    object: 'event',
    type,
    data: { object },
    created: Math.floor(Date.now() / 1000),
  };
}

describe('service requests: paying an invoice by card (stripe-mock, signed webhook)', () => {
  const t = useTestApp(() => testStripeEnv());

  function post(payload: object) {
    const { body, signature } = signedWebhook(payload);
    return request(t.app)
      .post('/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', signature)
      .send(body);
  }

  /** An invoiced job whose business opened the card payment from its tracking page. */
  async function invoiceWithSession(): Promise<{ invoice: InvoiceDoc; sessionId: string; token: string }> {
    const ctx = serviceContext(t.config);
    const job = await completedJob(ctx);
    const invoice = await issueInvoice(String(job._id), ctx);
    const agent = request.agent(t.app);
    const page = await agent.get(`/requests/${job.token}`).expect(200);
    expect(page.text).to.contain(`/requests/${job.token}/invoices/${String(invoice._id)}/pay`);
    const res = await agent
      .post(`/requests/${job.token}/invoices/${String(invoice._id)}/pay`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    expect(res.headers.location).to.match(/^https:\/\/checkout\.stripe\.com\//);
    const session = await InvoiceCheckout.findOne({ invoiceId: invoice._id }).lean();
    expect(String(session!._id)).to.match(/^cs_/);
    return { invoice, sessionId: String(session!._id), token: job.token };
  }

  function sessionObject(invoice: InvoiceDoc, sessionId: string, extra: Record<string, unknown> = {}) {
    return {
      id: sessionId,
      object: 'checkout.session',
      client_reference_id: String(invoice._id),
      metadata: { invoiceId: String(invoice._id) },
      amount_total: invoice.totals!.grossCents,
      currency: 'eur',
      payment_status: 'paid',
      payment_intent: `pi_inv_${String(invoice._id)}`,
      ...extra,
    };
  }

  it('pays the invoice once through checkout.session.completed, however often the event comes', async () => {
    const { invoice, sessionId } = await invoiceWithSession();
    const evt = event('checkout.session.completed', sessionObject(invoice, sessionId));
    await post(evt).expect(200);
    expect((await reload(invoice.requestId!)).state).to.equal('paid');
    const replay = await post(evt).expect(200);
    expect(replay.body.duplicate).to.equal(true);
    await post(event('checkout.session.completed', sessionObject(invoice, sessionId))).expect(200);
    await post(event('checkout.session.async_payment_succeeded', sessionObject(invoice, sessionId))).expect(
      200,
    );
    const entries = await JournalEntry.find({ 'reference.id': String(invoice._id) }).lean<
      JournalEntryDoc[]
    >();
    expect(entries).to.have.length(1);
    const entry = entries[0]!;
    expect(entry.idempotencyKey).to.equal(`invoice:${String(invoice._id)}:paid`);
    expect(entry.lines.find((l) => l.account === 'assets:stripe')?.debitCents).to.equal(
      invoice.totals!.grossCents,
    );
    const income = entry.lines.filter((l) => l.account === 'income:services');
    expect(income).to.have.length(invoice.lines.length);
    for (const l of income) expect(l.attribution?.jobId).to.equal(String(invoice.requestId));
    expect(entry.lines.reduce((s, l) => s + l.debitCents - l.creditCents, 0)).to.equal(0);
  });

  it('does not pay on a wrong amount or on a session it did not make', async () => {
    const { invoice, sessionId } = await invoiceWithSession();
    await post(
      event('checkout.session.completed', sessionObject(invoice, sessionId, { amount_total: 1 })),
    ).expect(200);
    await post(event('checkout.session.completed', sessionObject(invoice, 'cs_test_forged'))).expect(200);
    expect((await reload(invoice.requestId!)).state).to.equal('invoiced');
    expect(await JournalEntry.countDocuments({ 'reference.id': String(invoice._id) })).to.equal(0);
  });
});
