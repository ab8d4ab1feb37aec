import { expect } from 'chai';
import { createParticipant } from '../../src/participants/register.ts';
import { pino } from 'pino';
import { buildCommerce } from '../../src/app.ts';
import { JournalEntry, LedgerLock, type JournalEntryDoc } from '../../src/ledger/model.ts';
import { PeriodLockedError, postEntry } from '../../src/ledger/service.ts';
import { vilniusDate, vilniusPeriod } from '../../src/lib/dates.ts';
import { Order } from '../../src/orders/model.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { markPaid, refundOrder } from '../../src/orders/transitions.ts';
import { lateSaveProbe } from '../../src/participants/late-save.ts';
import { Attendance, AuditEntry, Contribution } from '../../src/participants/model.ts';
import { saveContributions } from '../../src/participants/work.ts';
import type { ConflictError } from '../../src/lib/errors.ts';
import { getSettings } from '../../src/settings/service.ts';
import { StipendClaim, StipendLateChange } from '../../src/stipends/model.ts';
import { newFormKey } from '../../src/web/form-once.ts';
import { signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { checkoutInput, expectMessage, lt, publishedGood, unescapeHtml } from './helpers.ts';
import { completedJob, reload, serviceContext, staffPost } from './services-support.ts';
import { issueInvoice } from '../../src/services/invoices.ts';

/** November of a past year, finalised "in December" (today, whatever day the tests run). */
const NOV = '2025-11';
/** A month that is never finalised. */
const OCT = '2025-10';
/** A draft month for the late-save checks. */
const SEP = '2025-09';

function section(html: string, entryId: string): string {
  const from = html.slice(html.indexOf(`data-entry-id="${entryId}"`));
  return from.slice(0, from.indexOf('</section>'));
}

describe('month-end: stipend expense dating, period lock, corrections and late saves', () => {
  const t = useTestApp();
  let admin: Agent;
  let token: string;
  let participantId: string;
  let productId: string;
  let orderId: string;
  let orderNumber: string;

  const post = (path: string, body: Record<string, string>) =>
    admin
      .post(path)
      .type('form')
      .send({ _csrf: token, ...body });

  before(async () => {
    // With a bank account: finalising is refused while someone paid has none.
    participantId = await createParticipant(
      {
        displayName: 'Jonas Jonaitis',
        code: 'D-777',
        startDate: '2025-01-01',
        endDate: null,
        consentToName: false,
        publicName: '',
        iban: 'LT121000011101001000',
      },
      { id: 'setup', role: 'admin', name: 'Setup' },
    );
    await Attendance.create({ period: NOV, participantId, days: 18 });
    productId = await publishedGood(t.storage, {
      titleLt: 'Molinis puodelis',
      slug: 'molinis-puodelis',
      sku: 'MUG-1',
      price: 1210,
      vatRate: 2100,
    });
    const order = await placeOrder({
      items: [{ productId, quantity: 1 }],
      form: checkoutInput(),
      lang: 'lt',
      settings: await getSettings(),
      cardPaymentsEnabled: false,
    });
    orderId = String(order._id);
    orderNumber = order.number;
    await Order.collection.updateOne(
      { _id: order._id },
      { $set: { createdAt: new Date('2025-11-10T10:00:00Z') } },
    );
    const ctx = buildCommerce(t.config, pino({ level: 'silent' })).context('Staff');
    await markPaid(orderId, { ...ctx, at: new Date('2025-11-20T10:00:00Z') });
    admin = await signInAs(t.app, 'admin');
    token = await tokenFor(admin, `/admin/stipends/${NOV}`);
  });

  afterEach(() => {
    lateSaveProbe.afterCheck = null;
  });

  describe('the stipend expense of a month', () => {
    it('is dated on the month’s last day (23:59:59 Vilnius) though finalised later; its payment on the day paid', async () => {
      expect(vilniusPeriod(new Date()) > NOV, 'the tests run after November 2025').to.equal(true);
      await post(`/admin/stipends/${NOV}/finalise`, { confirm: 'on' }).expect(303);
      const fin = await StipendClaim.findById(`${NOV}:finalised`).lean();
      expect(vilniusPeriod(fin!.at), 'finalised after the month').not.to.equal(NOV);
      const entry = await JournalEntry.findOne({
        idempotencyKey: `stipends:${NOV}:finalised`,
      }).lean<JournalEntryDoc>();
      expect(entry!.period).to.equal(NOV);
      // Vilnius is UTC+2 in November: 23:59:59 on the 30th is 21:59:59 UTC.
      expect(entry!.postedAt.toISOString()).to.equal('2025-11-30T21:59:59.000Z');
      expect(entry!.lines.find((l) => l.account === 'expenses:stipends')!.debitCents).to.be.greaterThan(0);

      await post(`/admin/stipends/${NOV}/paid`, { paidOn: '2025-12-03', confirm: 'on' }).expect(303);
      const paid = await JournalEntry.findOne({
        idempotencyKey: `stipends:${NOV}:paid`,
      }).lean<JournalEntryDoc>();
      expect(paid!.period, 'the payment is dated the day it was paid').to.equal('2025-12');
      expect(vilniusDate(paid!.postedAt)).to.equal('2025-12-03');
    });
  });

  describe('locking a month', () => {
    it('is refused for a month that is not finalised, with a message, and stores nothing', async () => {
      const res = await post(`/admin/stipends/${OCT}/lock`, { confirm: 'on' });
      expect(res.status).to.equal(409);
      expectMessage(res.text, 'period.errors.lockNotFinalised', { period: OCT });
      expect(await LedgerLock.countDocuments()).to.equal(0);
    });

    it('needs the confirmation tick', async () => {
      const res = await post(`/admin/stipends/${NOV}/lock`, {});
      expect(res.status).to.equal(422);
      expectMessage(res.text, 'period.close.errors.confirm');
      expect(res.text).to.match(/id="lock-confirm"[^>]*aria-invalid="true"/);
      expect(await LedgerLock.countDocuments()).to.equal(0);
    });

    it('is for administrators only', async () => {
      for (const role of ['marketing', 'master'] as const) {
        const agent = await signInAs(t.app, role);
        const csrf = await tokenFor(agent);
        const res = await agent
          .post(`/admin/stipends/${NOV}/lock`)
          .type('form')
          .send({ _csrf: csrf, confirm: 'on' });
        expect(res.status, role).to.equal(403);
      }
      expect(await LedgerLock.countDocuments()).to.equal(0);
    });

    it('locks a finalised month once and shows it on the month page and in the ledger', async () => {
      const [a, b] = await Promise.all([
        post(`/admin/stipends/${NOV}/lock`, { confirm: 'on' }),
        post(`/admin/stipends/${NOV}/lock`, { confirm: 'on' }),
      ]);
      expect([a.status, b.status]).to.deep.equal([303, 303]);
      expect(await LedgerLock.countDocuments()).to.equal(1);
      const lock = await LedgerLock.findById(NOV).lean();
      expect(lock!.entryIds).to.have.length(await JournalEntry.countDocuments({ period: NOV }));

      const page = await admin.get(`/admin/stipends/${NOV}`).expect(200);
      expect(page.text).to.contain('data-locked-badge');
      expect(page.text).to.contain(`data-locked="${NOV}"`);
      expect(page.text, 'no lock form once locked').not.to.contain('data-action="lock"');
      const ledger = await admin.get(`/admin/ledger?period=${NOV}`).expect(200);
      expect(ledger.text).to.contain('data-locked-badge');
      expect(unescapeHtml(ledger.text)).to.contain(lt('ledger.locked'));
    });

    it('refuses any posting dated in the locked month with a clear message; a repeated key is still answered', async () => {
      const before = await JournalEntry.countDocuments();
      let refused: unknown = null;
      try {
        await postEntry({
          idempotencyKey: 'test:late-cost',
          kind: 'material_cost',
          reference: { type: 'stipend_period', id: NOV },
          postedAt: new Date('2025-11-25T10:00:00Z'),
          lines: [
            { account: 'expenses:materials', debitCents: 500 },
            { account: 'assets:bank', creditCents: 500 },
          ],
        });
      } catch (err) {
        refused = err;
      }
      expect(refused).to.be.instanceOf(PeriodLockedError);
      expect((refused as PeriodLockedError).messageKey).to.equal('ledger.errors.periodLocked');
      expect(lt('ledger.errors.periodLocked', (refused as PeriodLockedError).params)).to.contain(NOV);
      expect(await JournalEntry.countDocuments()).to.equal(before);

      const again = await postEntry({
        idempotencyKey: `stipends:${NOV}:finalised`,
        kind: 'stipends_finalised',
        reference: { type: 'stipend_period', id: NOV },
        postedAt: new Date('2025-11-30T21:59:59Z'),
        lines: [
          { account: 'expenses:stipends', debitCents: 1 },
          { account: 'liabilities:stipends:x', creditCents: 1 },
        ],
      });
      expect(again.posted, 'the stored entry is returned, nothing posted').to.equal(false);
      expect(await JournalEntry.countDocuments()).to.equal(before);
    });

    it('refuses a bank payment dated in the locked month on the order page, and the order stays unpaid', async () => {
      const order = await placeOrder({
        items: [{ productId, quantity: 1 }],
        form: checkoutInput(),
        lang: 'lt',
        settings: await getSettings(),
        cardPaymentsEnabled: false,
      });
      await Order.collection.updateOne(
        { _id: order._id },
        { $set: { createdAt: new Date('2025-11-12T10:00:00Z') } },
      );
      const page = `/admin/orders/${String(order._id)}`;
      const csrf = await tokenFor(admin, page);
      const res = await admin
        .post(`${page}/paid`)
        .type('form')
        .send({ _csrf: csrf, formKey: newFormKey(), paidOn: '2025-11-28' });
      expect(res.status).to.equal(409);
      expectMessage(res.text, 'ledger.errors.periodLocked', { period: NOV, open: '2025-12-01' });
      expect((await Order.findById(order._id).lean())!.state).to.equal('pending_payment');
      expect(await JournalEntry.countDocuments({ 'reference.id': String(order._id) })).to.equal(0);
    });

    it('refuses stipends paid on a day of the locked month, next to the date', async () => {
      // October is finalised for this, and locked; its payment day would fall in locked November.
      await post(`/admin/stipends/${OCT}/finalise`, { confirm: 'on' }).expect(303);
      const res = await post(`/admin/stipends/${OCT}/paid`, { paidOn: '2025-11-05', confirm: 'on' });
      expect(res.status).to.equal(409);
      expectMessage(res.text, 'ledger.errors.periodLocked', { period: NOV, open: '2025-12-01' });
      expect(res.text).to.match(/id="paidOn"[^>]*aria-invalid="true"/);
      expect(await StipendClaim.exists({ _id: `${OCT}:paid` })).to.equal(null);
    });

    it('refuses an invoice paid by transfer on a day of the locked month; paid today, the ledger names the job and invoice', async () => {
      const ctx = serviceContext(t.config);
      const job = await completedJob(ctx);
      const invoice = await issueInvoice(String(job._id), ctx);
      const id = String(invoice._id);
      const url = `/admin/service-invoices/${id}/paid`;
      const csrf = await tokenFor(admin, `/admin/requests/${String(job._id)}`);
      const res = await staffPost(admin, url, csrf, { paidOn: '2025-11-27', confirm: '1' });
      expect(res.status).to.equal(409);
      expectMessage(res.text, 'ledger.errors.periodLocked', { period: NOV, open: '2025-12-01' });
      expect((await reload(job._id)).state).to.equal('invoiced');
      expect(await JournalEntry.countDocuments({ idempotencyKey: `invoice:${id}:paid` })).to.equal(0);

      await staffPost(admin, url, csrf, { confirm: '1' }).expect(303);
      const list = await admin.get('/admin/ledger?kind=invoice_paid').expect(200);
      const html = unescapeHtml(list.text);
      expect(html).to.contain(`href="/admin/requests/${String(job._id)}"`);
      expect(html).to.contain(job.reference);
      expect(html).to.contain(`href="/admin/service-invoices/${id}/pdf"`);
      expect(html).to.contain(`data-channel="services">${lt('channel.services')}`);
    });

    it('posts a refund of an order paid in the locked month today, referring to the payment it corrects', async () => {
      const ctx = buildCommerce(t.config, pino({ level: 'silent' })).context('Staff');
      await refundOrder(orderId, 500, 'Įskilęs puodelis', ctx);
      const refund = await JournalEntry.findOne({
        idempotencyKey: `order:${orderId}:refund:1`,
      }).lean<JournalEntryDoc>();
      const paid = await JournalEntry.findOne({
        idempotencyKey: `order:${orderId}:paid`,
      }).lean<JournalEntryDoc>();
      expect(refund!.period).to.equal(vilniusPeriod(new Date()));
      expect(refund!.corrects).to.deep.equal({
        key: `order:${orderId}:paid`,
        entryId: String(paid!._id),
        period: NOV,
      });

      const res = await admin.get(`/admin/ledger?kind=order_refund`).expect(200);
      const html = unescapeHtml(section(res.text, String(refund!._id)));
      expect(html).to.contain(`data-corrects="order:${orderId}:paid"`);
      expect(html).to.contain(
        lt('ledger.correctsEntry', { kind: lt('ledger.kind.order_paid'), period: NOV }),
      );
      expect(html).to.contain(`#entry-${String(paid!._id)}`);
    });

    it('posts money a provider reports late for the locked month in the open period, keeping its date', async () => {
      const { entry } = await postEntry({
        idempotencyKey: 'test:late-card',
        kind: 'order_paid',
        reference: { type: 'order', id: orderId, label: orderNumber },
        postedAt: new Date('2025-11-29T10:00:00Z'),
        whenLocked: 'postNow',
        lines: [
          { account: 'assets:stripe', debitCents: 100 },
          { account: 'income:products', creditCents: 100 },
        ],
      });
      expect(entry.period).to.equal(vilniusPeriod(new Date()));
      expect(entry.movedFrom).to.deep.equal({ postedAt: new Date('2025-11-29T10:00:00Z'), period: NOV });
      const res = await admin.get(`/admin/ledger?period=${entry.period}`).expect(200);
      expect(section(res.text, String(entry._id))).to.contain(`data-moved-from="${NOV}"`);
    });

    it('shows an entry that slipped in as the lock was taken as arrived after locking', async () => {
      // A posting that checked the lock a moment before it was inserted writes after it: stage that write.
      const slipped = await JournalEntry.create({
        idempotencyKey: 'test:slipped',
        postedAt: new Date('2025-11-30T09:00:00Z'),
        period: NOV,
        kind: 'order_paid',
        reference: { type: 'order', id: 'x', label: 'x' },
        lines: [
          { account: 'assets:bank', debitCents: 700 },
          { account: 'income:products', creditCents: 700 },
        ],
        totalCents: 700,
      });
      const page = await admin.get(`/admin/stipends/${NOV}`).expect(200);
      expect(page.text).to.contain('data-late-entries="1"');
      expect(page.text).to.contain(`#entry-${String(slipped._id)}`);
      const ledger = await admin.get(`/admin/ledger?period=${NOV}`).expect(200);
      expect(section(ledger.text, String(slipped._id))).to.contain('data-late-entry');
    });
  });

  describe('the ledger in words', () => {
    it('names accounts, the participant (admin), the product and the order, with links, and the channel', async () => {
      const res = await admin.get(`/admin/ledger?period=${NOV}`).expect(200);
      const html = unescapeHtml(res.text);
      expect(html).to.contain(lt('ledger.acct.expenses:stipends'));
      expect(html).to.contain(
        lt('ledger.acct.withName', {
          account: lt('ledger.acct.liabilities:stipends'),
          name: 'Jonas Jonaitis',
        }),
      );
      expect(html).to.contain(`<code>liabilities:stipends:${participantId}</code>`);
      expect(html).to.contain(`href="/admin/products/${productId}/edit"`);
      expect(html).to.contain('Molinis puodelis');
      expect(html).to.contain(`<a href="/admin/orders/${orderId}" title="${orderId}">${orderNumber}</a>`);
      expect(html).to.contain(`href="/admin/stipends/${NOV}"`);
      expect(html).to.contain(`data-channel="web">${lt('channel.web')}`);
      const audit = await AuditEntry.findOne({ context: 'ledger', participantIds: participantId }).lean();
      expect(audit, 'showing participants’ names is written to their audit log').not.to.equal(null);
    });

    it('is in English too', async () => {
      const res = await admin.get(`/admin/ledger?period=${NOV}`).set('Cookie', 'lang=en').expect(200);
      expect(unescapeHtml(res.text)).to.contain('Stipends payable to participants: Jonas Jonaitis');
      expect(res.text).to.contain('Expenses: participants’ stipends');
      expect(res.text).to.contain('Online');
    });

    it('names accounts on the balances page, with the code beside', async () => {
      const res = await admin.get(`/admin/ledger/balances?period=${NOV}`).expect(200);
      const html = unescapeHtml(res.text);
      expect(html).to.contain(lt('ledger.acct.income:products'));
      expect(html).to.contain('<code>income:products</code>');
      expect(html).to.contain('Jonas Jonaitis');
      expect(html).to.contain('data-locked-badge');
    });

    it('filters the list by sales channel', async () => {
      const web = await admin.get(`/admin/ledger?period=${NOV}&channel=web`).expect(200);
      expect(web.text).to.contain('data-channel="web"');
      expect(web.text).not.to.contain('data-entry-id="' + (await stipendEntryId()) + '"');
      const services = await admin.get(`/admin/ledger?period=${NOV}&channel=services`).expect(200);
      expect(services.text).not.to.contain('data-entry-id=');
      const bad = await admin.get(`/admin/ledger?period=${NOV}&channel=nowhere`).expect(200);
      expect(bad.text, 'a bad channel is no filter').to.contain(`data-entry-id="${await stipendEntryId()}"`);
    });
  });

  describe('a contributions or attendance save that lands after finalising began', () => {
    it('is recorded, the person is told, and the month page lists who and when', async () => {
      await Attendance.create({ period: SEP, participantId, days: 2 });
      lateSaveProbe.afterCheck = async () => {
        // Finalising begins between the save's check and its writes.
        await StipendClaim.create({ _id: `${SEP}:closing`, period: SEP, step: 'closing', by: 'x' });
      };
      const page = `/admin/attendance?period=${SEP}`;
      const csrf = await tokenFor(admin, page);
      const res = await admin
        .post('/admin/attendance')
        .type('form')
        .send({ _csrf: csrf, period: SEP, [`days_${participantId}`]: '9' });
      expect(res.status).to.equal(422);
      expectMessage(res.text, 'contributions.errors.lateSave', { period: SEP });
      expect((await Attendance.findOne({ period: SEP, participantId }).lean())!.days).to.equal(9);
      const late = await StipendLateChange.find({ period: SEP }).lean();
      expect(late).to.have.length(1);
      expect(late[0]).to.include({ what: 'attendance' });
      expect(late[0]!.participantIds).to.deep.equal([participantId]);

      const month = await admin.get(`/admin/stipends/${SEP}`).expect(200);
      expect(month.text).to.contain('data-late-changes="1"');
      expect(unescapeHtml(month.text)).to.contain(lt('period.late.one', { count: 1 }));
      expect(month.text).to.contain(late[0]!.byName);
    });

    it('is caught for the contributions grid too', async () => {
      lateSaveProbe.afterCheck = async () => {
        await StipendClaim.create({ _id: '2025-07:closing', period: '2025-07', step: 'closing', by: 'x' });
      };
      const actor = { id: 'm1', role: 'master', name: 'Meistras Petras' };
      const cell = { field: 'w', participantId, kind: 'product', targetId: productId, value: '3' };
      let told: unknown = null;
      try {
        await saveContributions('2025-07', [cell], actor);
      } catch (err) {
        told = err;
      }
      expect((told as ConflictError).messageKey).to.equal('contributions.errors.lateSave');
      expect(await Contribution.countDocuments({ period: '2025-07', participantId })).to.equal(1);
      const late = await StipendLateChange.findOne({ period: '2025-07' }).lean();
      expect(late).to.include({ what: 'contributions', by: 'm1', byName: 'Meistras Petras' });
    });

    it('is not recorded when nobody is finalising', async () => {
      const page = `/admin/attendance?period=2025-08`;
      const csrf = await tokenFor(admin, page);
      await admin
        .post('/admin/attendance')
        .type('form')
        .send({ _csrf: csrf, period: '2025-08', [`days_${participantId}`]: '4' })
        .expect(303);
      expect(await StipendLateChange.countDocuments({ period: '2025-08' })).to.equal(0);
    });
  });
});

async function stipendEntryId(): Promise<string> {
  const e = await JournalEntry.findOne({
    idempotencyKey: `stipends:${NOV}:finalised`,
  }).lean<JournalEntryDoc>();
  return String(e!._id);
}
