import { expect } from 'chai';
import request from 'supertest';
import { OutboxMessage } from '../../src/mail/model.ts';
import {
  QUOTE_STATUSES,
  REQUEST_STATES,
  ServiceEvent,
  ServiceRequest,
  type ServiceRequestDoc,
} from '../../src/services/model.ts';
import { saveQuoteDraft, sendQuote } from '../../src/services/service.ts';
import { pdfText } from '../support/pdf-text.ts';
import { en } from '../../src/web/i18n/en.ts';
import { lt } from '../../src/web/i18n/lt.ts';
import { makeStaff, signInAs, tokenFor, useTestApp } from '../support/app.ts';
import { expectFieldError } from './helpers.ts';
import {
  DEFAULT_LINES,
  dayFromToday,
  postRequestForm,
  requestFields,
  serviceContext,
  submitValidRequest,
} from './services-support.ts';

describe('service requests: who sees what', () => {
  const t = useTestApp();
  let id: string;
  let token: string;
  let reference: string;

  before(async () => {
    const { request: stored } = await submitValidRequest(t.app);
    id = String(stored._id);
    token = stored.token;
    reference = stored.reference;
    await submitValidRequest(t.app, { companyName: 'UAB Kaimynas', email: 'kaimynas@example.test' });
  });

  it('shows a request only through its own private link', async () => {
    const own = await request(t.app).get(`/requests/${token}`).expect(200);
    expect(own.text).to.contain('UAB Pakuotė');
    expect(own.text).to.not.contain('UAB Kaimynas');
    expect(own.headers['cache-control']).to.contain('no-store');
  });

  it('answers 404 with no data for a wrong or malformed token', async () => {
    const wrong = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    for (const t2 of [wrong, 'short', '../../admin', `${token}x`.repeat(3), '%00']) {
      const res = await request(t.app).get(`/requests/${encodeURIComponent(t2)}`);
      expect(res.status, t2).to.equal(404);
      expect(res.text).to.not.contain('UAB Pakuotė');
      expect(res.text).to.not.contain('UAB Kaimynas');
    }
    await request(t.app).get(`/requests/${wrong}/quotes/1/pdf`).expect(404);
  });

  it('lets marketing and admin use the workflow', async () => {
    for (const role of ['marketing', 'admin'] as const) {
      const agent = await signInAs(t.app, role);
      const list = await agent.get('/admin/requests').expect(200);
      expect(list.text).to.contain('UAB Pakuotė');
      await agent.get(`/admin/requests/${id}`).expect(200);
    }
  });

  it('filters the inbox by state, assignee and search, and records the assignment on the timeline', async () => {
    const specialist = await makeStaff('marketing');
    const agent = await signInAs(t.app, 'admin');
    const token = await tokenFor(agent, `/admin/requests/${id}`);
    await agent
      .post(`/admin/requests/${id}/assign`)
      .type('form')
      .send({ _csrf: token, assignee: specialist.id })
      .expect(303);
    const bad = await agent
      .post(`/admin/requests/${id}/assign`)
      .type('form')
      .send({ _csrf: token, assignee: '0123456789abcdef01234567' })
      .expect(422);
    expectFieldError(bad.text, 'assignee', 'errors.invalidChoice');
    const mine = await agent.get(`/admin/requests?assignee=${specialist.id}`).expect(200);
    expect(mine.text).to.contain('UAB Pakuotė');
    expect(mine.text).to.not.contain('UAB Kaimynas');
    const none = await agent.get('/admin/requests?assignee=none').expect(200);
    expect(none.text).to.contain('UAB Kaimynas');
    expect(none.text).to.not.contain('UAB Pakuotė');
    const found = await agent.get('/admin/requests?q=kaimyn').expect(200);
    expect(found.text).to.contain('UAB Kaimynas');
    expect(found.text).to.not.contain('UAB Pakuotė');
    const byRef = await agent.get(`/admin/requests?q=${encodeURIComponent(reference)}`).expect(200);
    expect(byRef.text).to.contain('UAB Pakuotė');
    const quoted = await agent.get('/admin/requests?state=quoted').expect(200);
    expect(quoted.text).to.not.contain('request-row');
    // A regular expression typed in the search is plain text.
    await agent.get('/admin/requests?q=.*').expect(200);
    expect(await ServiceEvent.countDocuments({ kind: 'assigned' })).to.equal(1);
  });

  it('shows the workflow counts on the staff start page to marketing, not to the master', async () => {
    const marketing = await signInAs(t.app, 'marketing');
    const page = await marketing.get('/admin').expect(200);
    expect(page.text).to.contain('<li data-queue="newRequests" data-count="2">');
    const master = await signInAs(t.app, 'master');
    expect((await master.get('/admin').expect(200)).text).to.not.contain('data-queue="newRequests"');
  });

  it('refuses the production master (403) and sends anonymous visitors to the login page', async () => {
    const master = await signInAs(t.app, 'master');
    await master.get('/admin/requests').expect(403);
    const show = await master.get(`/admin/requests/${id}`).expect(403);
    expect(show.text).to.not.contain('UAB Pakuotė');
    const anon = await request(t.app).get(`/admin/requests/${id}`).expect(303);
    expect(anon.headers.location).to.match(/^\/login\?next=/);
    await request(t.app).get('/admin/requests').expect(303);
  });

  it('keeps the language the business wrote in: English page, e-mail and quote PDF', async () => {
    const agent = request.agent(t.app);
    await agent.get('/lang/en').expect(303);
    const res = await postRequestForm(
      agent,
      requestFields({ companyName: 'Packing Ltd', email: 'en@example.test' }),
    );
    expect(res.status).to.equal(303);
    const stored = (await ServiceRequest.findOne({
      'company.name': 'Packing Ltd',
    }).lean<ServiceRequestDoc>())!;
    expect(stored.contact!.lang).to.equal('en');
    const page = await agent.get(String(res.headers.location)).expect(200);
    expect(page.text).to.contain(en['request.submittedTitle']);
    const mail = await OutboxMessage.findOne({ to: 'en@example.test' }).lean();
    expect(mail!.lang).to.equal('en');
    expect(mail!.subject).to.equal(
      en['request.mail.received.subject'].replace('{reference}', stored.reference),
    );
    const ctx = serviceContext(t.config);
    await saveQuoteDraft(
      String(stored._id),
      { validUntil: dayFromToday(5), leadTimeDays: 3, terms: '', lines: DEFAULT_LINES },
      ctx,
    );
    await sendQuote(String(stored._id), ctx);
    const pdf = await agent
      .get(`/requests/${stored.token}/quotes/1/pdf`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(await pdfText(pdf.body as Buffer)).to.contain('Quotation');
  });

  it('names every state, quote status, timeline event and payment method in both languages', () => {
    const keys = [
      ...REQUEST_STATES.map((s) => `workflow.state.${s}`),
      ...QUOTE_STATUSES.map((s) => `quote.status.${s}`),
      ...['bank_transfer', 'card'].map((m) => `invoice.method.${m}`),
      ...[
        'submitted',
        'assigned',
        'note',
        'email_sent',
        'quote_saved',
        'quote_sent',
        'quote_accepted',
        'quote_declined',
        'scheduled',
        'invoice_issued',
        'invoice_paid',
        'credit_note_claim',
        'credit_note_issued',
        'credit_note_refunded',
        'payment_processing',
        'payment_mismatch',
      ].map((k) => `workflow.event.${k}`),
      ...['received', 'quote', 'invoice', 'creditNote'].flatMap((k) => [
        `request.mail.${k}.subject`,
        `request.mail.${k}.body`,
      ]),
    ];
    const missing = keys.filter((k) => !(k in lt) || !(k in en));
    expect(missing).to.deep.equal([]);
  });
});
