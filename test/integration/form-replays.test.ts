import { expect } from 'chai';
import type { Response } from 'supertest';
import { JournalEntry } from '../../src/ledger/model.ts';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { OrderRefund } from '../../src/orders/model.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { getOrder } from '../../src/orders/transitions.ts';
import { Invoice, type InvoiceDoc } from '../../src/services/model.ts';
import { creditNotesOf, invoiceLabel, issueCreditNote, issueInvoice } from '../../src/services/invoices.ts';
import { getSettings } from '../../src/settings/service.ts';
import { StipendCost } from '../../src/stipends/model.ts';
import { csrfFrom, signInAs, useTestApp, type Agent } from '../support/app.ts';
import { checkoutInput, expectMessage, formKeyFrom, publishedGood } from './helpers.ts';
import { completedJob, serviceContext, staffPost } from './services-support.ts';

const REPLAYS = 20;

/**
 * Every form that makes a numbered or money document carries a one-time key: 20 identical posts of
 * the rendered form (a double click, a browser retrying, a replayed request) do the work once, and
 * every one of them gets the first outcome (a redirect to the same page).
 */
describe('forms that make documents or move money: replays do nothing new', () => {
  const t = useTestApp();
  let marketing: Agent;
  let admin: Agent;

  before(async () => {
    marketing = await signInAs(t.app, 'marketing');
    admin = await signInAs(t.app, 'admin');
  });

  /** Opens the page, reads the form's CSRF token and one-time key, and posts it 20 times at once. */
  async function replay(
    agent: Agent,
    page: string,
    action: string,
    fields: Record<string, string>,
  ): Promise<Response[]> {
    const html = (await agent.get(page).expect(200)).text;
    const token = csrfFrom(html);
    const formKey = formKeyFrom(html, action);
    return Promise.all(
      Array.from({ length: REPLAYS }, () => staffPost(agent, action, token, { ...fields, formKey })),
    );
  }

  function expectSameRedirect(responses: Response[], location: string): void {
    expect(
      responses.map((r) => r.status),
      responses.find((r) => r.status !== 303)?.text.slice(0, 500),
    ).to.deep.equal(Array(REPLAYS).fill(303));
    expect(new Set(responses.map((r) => r.headers.location))).to.deep.equal(new Set([location]));
  }

  async function pendingOrder(): Promise<string> {
    const sku = `G${Math.random().toString(36).slice(2, 8)}`;
    const productId = await publishedGood(t.storage, {
      titleLt: sku,
      slug: sku.toLowerCase(),
      sku,
      price: 2000,
    });
    const order = await placeOrder({
      items: [{ productId, quantity: 1 }],
      form: checkoutInput(),
      lang: 'lt',
      settings: await getSettings(),
      cardPaymentsEnabled: false,
    });
    return String(order._id);
  }

  it('issues one credit note for 20 identical posts of the credit-note form', async function () {
    this.timeout(120_000);
    const ctx = serviceContext(t.config);
    const job = await completedJob(ctx);
    const invoice = await issueInvoice(String(job._id), ctx);
    const page = `/admin/requests/${String(job._id)}`;
    const responses = await replay(
      marketing,
      page,
      `/admin/service-invoices/${String(invoice._id)}/credit-notes`,
      {
        creditAmount: '1,00',
        creditReason: 'Vienas rinkinys grąžintas',
      },
    );
    expectSameRedirect(responses, page);
    const notes = await Invoice.find({ correctsInvoiceId: invoice._id }).lean<InvoiceDoc[]>();
    expect(notes.map((n) => n.number)).to.deep.equal([1]);
    expect(await JournalEntry.countDocuments({ kind: 'credit_note_refund' })).to.equal(0);
  });

  it('issues one invoice for 20 identical posts of the invoice form', async function () {
    this.timeout(120_000);
    const job = await completedJob(serviceContext(t.config));
    const page = `/admin/requests/${String(job._id)}`;
    const before = await Invoice.countDocuments({ kind: 'invoice' });
    // The invoice is issued from its preview, which sends the confirmation.
    const responses = await replay(marketing, `${page}/invoice`, `${page}/invoice`, { confirm: '1' });
    expectSameRedirect(responses, page);
    expect(await Invoice.countDocuments({ kind: 'invoice' })).to.equal(before + 1);
    expect(await Invoice.countDocuments({ requestId: job._id })).to.equal(1);
  });

  it('records one payment for 20 identical posts of the mark-paid form', async function () {
    this.timeout(120_000);
    const id = await pendingOrder();
    const page = `/admin/orders/${id}`;
    const responses = await replay(marketing, page, `${page}/paid`, { paidOn: '' });
    expectSameRedirect(responses, page);
    expect((await getOrder(id)).state).to.equal('paid');
    expect(await JournalEntry.countDocuments({ 'reference.id': id, kind: 'order_paid' })).to.equal(1);
  });

  it('makes one refund for 20 identical posts of the refund form', async function () {
    this.timeout(120_000);
    const id = await pendingOrder();
    const page = `/admin/orders/${id}`;
    const html = (await marketing.get(page).expect(200)).text;
    await staffPost(marketing, `${page}/paid`, csrfFrom(html), {
      paidOn: '',
      formKey: formKeyFrom(html, `${page}/paid`),
    }).expect(303);
    const responses = await replay(marketing, page, `${page}/refund`, {
      amount: '1,00',
      reason: 'Įbrėžimas',
    });
    expectSameRedirect(responses, page);
    expect(await OrderRefund.countDocuments({ orderId: id })).to.equal(1);
    expect((await getOrder(id)).refundedCents).to.equal(100);
  });

  it('records one material cost for 20 identical posts of the cost form', async function () {
    this.timeout(120_000);
    const period = vilniusPeriod(new Date());
    const page = `/admin/stipends/${period}`;
    const responses = await replay(admin, page, `${page}/costs`, {
      amount: '3,00',
      description: 'Molis',
      paidOn: `${period}-01`,
    });
    expectSameRedirect(responses, page);
    expect(await StipendCost.countDocuments({ period })).to.equal(1);
    expect(await JournalEntry.countDocuments({ kind: 'material_cost' })).to.equal(1);
  });

  it('refuses a post without a key or with a malformed one, with a message, storing nothing', async () => {
    const ctx = serviceContext(t.config);
    const job = await completedJob(ctx);
    const invoice = await issueInvoice(String(job._id), ctx);
    const page = `/admin/requests/${String(job._id)}`;
    const token = csrfFrom((await marketing.get(page).expect(200)).text);
    const url = `/admin/service-invoices/${String(invoice._id)}/credit-notes`;
    for (const formKey of [undefined, '', 'x'.repeat(32), { $ne: 1 }]) {
      const res = await marketing
        .post(url)
        .type('form')
        .send({ _csrf: token, creditAmount: '1,00', creditReason: 'Klaida', formKey });
      expect(res.status, JSON.stringify(formKey)).to.equal(422);
      expectMessage(res.text, 'forms.errors.formKey');
    }
    expect(await Invoice.countDocuments({ correctsInvoiceId: invoice._id })).to.equal(0);

    const id = await pendingOrder();
    const orderToken = csrfFrom((await marketing.get(`/admin/orders/${id}`).expect(200)).text);
    const res = await marketing
      .post(`/admin/orders/${id}/paid`)
      .type('form')
      .send({ _csrf: orderToken, paidOn: '' });
    expect(res.status).to.equal(422);
    expectMessage(res.text, 'forms.errors.formKey');
    expect((await getOrder(id)).state).to.equal('pending_payment');
  });

  it('lists credit notes in number order, whatever their issue times', async function () {
    this.timeout(60_000);
    const ctx = serviceContext(t.config);
    const job = await completedJob(ctx);
    const invoice = await issueInvoice(String(job._id), ctx);
    const first = await issueCreditNote(String(invoice._id), { amountCents: 100, reason: 'Pirma' }, ctx);
    const second = await issueCreditNote(String(invoice._id), { amountCents: 100, reason: 'Antra' }, ctx);
    // Two instances' clocks (or a slow first request) can stamp the later number earlier.
    await Invoice.updateOne(
      { _id: second._id },
      { $set: { issuedAt: new Date(first.issuedAt.getTime() - 60_000) } },
    );
    const html = (await marketing.get(`/admin/requests/${String(job._id)}`).expect(200)).text;
    const documents = [...html.matchAll(/data-invoice="([^"]+)"/g)].map((m) => m[1]);
    expect(documents).to.deep.equal([invoice, first, second].map(invoiceLabel));
    expect((await creditNotesOf(invoice._id)).map((n) => n.number)).to.deep.equal([
      first.number,
      second.number,
    ]);
  });
});
