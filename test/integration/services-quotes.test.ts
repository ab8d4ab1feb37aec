import { expect } from 'chai';
import { Quote, ServiceEvent, ServiceRequest } from '../../src/services/model.ts';
import { acceptQuote, expireQuotes, getRequest, quoteDeadline } from '../../src/services/service.ts';
import { csrfFrom, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { expectFieldError, expectMessage } from './helpers.ts';
import {
  dayFromToday,
  quoteForm,
  quotedRequest,
  reload,
  serviceContext,
  staffPost,
  submitValidRequest,
} from './services-support.ts';

describe('service requests: quotes', () => {
  const t = useTestApp();
  let marketing: Agent;

  before(async () => {
    marketing = await signInAs(t.app, 'marketing');
  });

  it('a declined request is quoted again: v2 is sent, v1 is kept as declined', async () => {
    const { agent: business, request: req } = await submitValidRequest(t.app);
    const id = String(req._id);
    const token = await tokenFor(marketing, `/admin/requests/${id}`);
    const line = { description: 'Darbas', quantity: '5', unitPrice: '10', vatRate: '21' };
    await staffPost(marketing, `/admin/requests/${id}/quote`, token, quoteForm([line], { send: '1' })).expect(
      303,
    );

    let page = await business.get(`/requests/${req.token}`).expect(200);
    await business
      .post(`/requests/${req.token}/quotes/1/decline`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), reason: 'Per brangu' })
      .expect(303);
    expect((await reload(req._id)).state).to.equal('declined');
    expect(await Quote.findById(`${id}:v1`).lean()).to.deep.include({
      status: 'declined',
      declineReason: 'Per brangu',
    });

    // Staff re-quote: the page offers v1's lines to edit into a new version.
    const cheaper = { ...line, unitPrice: '8' };
    await staffPost(marketing, `/admin/requests/${id}/quote`, token, quoteForm([cheaper])).expect(303);
    expect(await Quote.findById(`${id}:v2`).lean()).to.deep.include({ status: 'draft', version: 2 });
    await staffPost(marketing, `/admin/requests/${id}/quote/send`, token, {}).expect(303);
    const after = await reload(req._id);
    expect(after.state).to.equal('quoted');
    expect(after.quoteVersion).to.equal(2);
    const v1 = await Quote.findById(`${id}:v1`).lean();
    const v2 = await Quote.findById(`${id}:v2`).lean();
    expect(v1!.status).to.equal('declined');
    expect(v1!.totals!.netCents).to.equal(5000);
    expect(v2!.status).to.equal('sent');
    expect(v2!.totals!.netCents).to.equal(4000);

    // The old version cannot be accepted any more; the new one can.
    page = await business.get(`/requests/${req.token}`).expect(200);
    const old = await business
      .post(`/requests/${req.token}/quotes/1/accept`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), acceptedBy: 'Rūta' })
      .expect(409);
    expectMessage(old.text, 'quote.errors.notOpen');
    await business
      .post(`/requests/${req.token}/quotes/2/accept`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), acceptedBy: 'Rūta' })
      .expect(303);
    expect((await reload(req._id)).state).to.equal('accepted');
  });

  it('accepting needs the typed name', async () => {
    const { agent: business, request: req } = await submitValidRequest(t.app);
    const ctx = serviceContext(t.config);
    const id = String(req._id);
    const token = await tokenFor(marketing, `/admin/requests/${id}`);
    const line = { description: 'Darbas', quantity: '1', unitPrice: '10', vatRate: '21' };
    await staffPost(marketing, `/admin/requests/${id}/quote`, token, quoteForm([line], { send: '1' })).expect(
      303,
    );
    const page = await business.get(`/requests/${req.token}`).expect(200);
    const res = await business
      .post(`/requests/${req.token}/quotes/1/accept`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), acceptedBy: '  ' })
      .expect(422);
    expectFieldError(res.text, 'acceptedBy', 'errors.required');
    expect((await reload(req._id)).state).to.equal('quoted');
    // Concurrent accepts: exactly one goes through.
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => acceptQuote(req.token, 1, { name: `P${i}`, ip: '10.0.0.1' }, ctx)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length.at.least(1);
    expect(await ServiceEvent.countDocuments({ requestId: req._id, kind: 'state', to: 'accepted' })).to.equal(
      1,
    );
    expect((await reload(req._id)).state).to.equal('accepted');
  });

  it('expires quotes after the end of their valid-until day (Vilnius), by the job function', async () => {
    const ctx = serviceContext(t.config, 'system');
    const quoted = await quotedRequest(ctx);
    const quote = await Quote.findById(`${String(quoted._id)}:v1`).lean();
    const deadline = quoteDeadline(quote!.validUntil);
    expect(await expireQuotes(ctx, new Date(deadline.getTime() - 1000))).to.equal(0);
    expect((await reload(quoted._id)).state).to.equal('quoted');
    expect(await expireQuotes(ctx, new Date(deadline.getTime() + 1000))).to.equal(1);
    expect((await reload(quoted._id)).state).to.equal('expired');
    expect((await Quote.findById(`${String(quoted._id)}:v1`).lean())!.status).to.equal('expired');
    // Running again changes nothing.
    expect(await expireQuotes(ctx, new Date(deadline.getTime() + 5000))).to.equal(0);
    // An expired request can be quoted again.
    const id = String(quoted._id);
    const token = await tokenFor(marketing, `/admin/requests/${id}`);
    const line = { description: 'Darbas', quantity: '1', unitPrice: '10', vatRate: '21' };
    await staffPost(marketing, `/admin/requests/${id}/quote`, token, quoteForm([line], { send: '1' })).expect(
      303,
    );
    const again = await reload(quoted._id);
    expect(again.state).to.equal('quoted');
    expect(again.quoteVersion).to.equal(2);
  });

  it('refuses bad quote lines and a valid-until in the past, storing nothing', async () => {
    const { request: req } = await submitValidRequest(t.app);
    const id = String(req._id);
    const token = await tokenFor(marketing, `/admin/requests/${id}`);
    const ok = { description: 'Darbas', quantity: '2', unitPrice: '10', vatRate: '21' };
    const cases: [Record<string, string | string[]>, string, string][] = [
      [quoteForm([{ ...ok, unitPrice: '-5' }]), 'unitPrice-0', 'errors.amountRange'],
      [quoteForm([ok, { ...ok, quantity: '1.5' }]), 'quantity-1', 'errors.wholeNumber'],
      [quoteForm([{ ...ok, quantity: '0' }]), 'quantity-0', 'errors.numberRange'],
      [quoteForm([{ ...ok, vatRate: 'daug' }]), 'vatRate-0', 'errors.vatRate'],
      [quoteForm([ok], { validUntil: dayFromToday(-1) }), 'validUntil', 'request.errors.dateInPast'],
      [quoteForm([]), 'description-0', 'quote.errors.noLines'],
    ];
    for (const [form, field, key] of cases) {
      const res = await staffPost(marketing, `/admin/requests/${id}/quote`, token, form);
      expect(res.status, field).to.equal(422);
      expectFieldError(res.text, field, key);
    }
    expect(await Quote.countDocuments({ requestId: req._id })).to.equal(0);
    expect((await ServiceRequest.findById(req._id).lean())!.state).to.equal('submitted');
  });

  it('cancels with a reason from any state before completed, never after', async () => {
    const { request: req } = await submitValidRequest(t.app);
    const id = String(req._id);
    const token = await tokenFor(marketing, `/admin/requests/${id}`);
    const res = await staffPost(marketing, `/admin/requests/${id}/cancel`, token, { reason: '' }).expect(422);
    expectFieldError(res.text, 'cancelReason', 'errors.required');
    await staffPost(marketing, `/admin/requests/${id}/cancel`, token, {
      reason: 'Klientas persigalvojo',
      confirm: '1',
    }).expect(303);
    const cancelled = await reload(req._id);
    expect(cancelled.state).to.equal('cancelled');
    expect(cancelled.cancelReason).to.equal('Klientas persigalvojo');
    await staffPost(marketing, `/admin/requests/${id}/review`, token, {}).expect(409);
  });

  it('applies a state change again when a concurrent whole-document write undid it', async () => {
    const ctx = serviceContext(t.config);
    const quoted = await quotedRequest(ctx);
    // What a concurrent assignment, written from a copy read before the quote was sent, leaves behind.
    await ServiceRequest.updateOne({ _id: quoted._id }, { $set: { state: 'in_review', quoteVersion: 0 } });
    const repaired = await getRequest(String(quoted._id));
    expect(repaired.state).to.equal('quoted');
    expect(repaired.quoteVersion).to.equal(1);
    const accepted = await acceptQuote(quoted.token, 1, { name: 'Rūta', ip: '10.0.0.2' }, ctx);
    expect(accepted.state).to.equal('accepted');
  });
});
