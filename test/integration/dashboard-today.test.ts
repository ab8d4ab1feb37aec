import { expect } from 'chai';
import { pino } from 'pino';
import { vilniusDate, vilniusDayStart, vilniusPeriod } from '../../src/lib/dates.ts';
import { Order, OrderEvent, type OrderDoc } from '../../src/orders/model.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import type { CheckoutInput } from '../../src/orders/schemas.ts';
import { markPaid, markReady } from '../../src/orders/transitions.ts';
import { saveAttendance } from '../../src/participants/work.ts';
import { createParticipant } from '../../src/participants/register.ts';
import { createCommerce } from '../../src/payments/commerce.ts';
import { issueInvoice } from '../../src/services/invoices.ts';
import { Invoice, Quote } from '../../src/services/model.ts';
import { getSettings } from '../../src/settings/service.ts';
import { periodToFinalise } from '../../src/stipends/service.ts';
import { signInAs, useTestApp, type Agent } from '../support/app.ts';
import { checkoutInput, lt, productInput, unescapeHtml } from './helpers.ts';
import {
  completedJob,
  dayFromToday,
  quotedRequest,
  serviceContext,
  submittedRequest,
} from './services-support.ts';
import { createProduct, publishProduct } from '../../src/catalog/service.ts';

const ORDER_QUEUES = ['pack', 'prepare', 'transfers', 'overdue', 'uncollected'];
const REQUEST_QUEUES = ['newRequests', 'waiting', 'expiring', 'inProgress', 'overdueInvoices'];

/** Each queue of the dashboard: its count and the link it gives (none when empty). */
function queuesOf(html: string): Map<string, { count: number; href: string | null; text: string }> {
  const found = new Map<string, { count: number; href: string | null; text: string }>();
  for (const m of html.matchAll(/<li data-queue="(\w+)" data-count="(\d+)">([\s\S]*?)<\/li>/g)) {
    const href = /<a href="([^"]+)"/.exec(m[3]!)?.[1] ?? null;
    const text = unescapeHtml(
      m[3]!
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    found.set(m[1]!, { count: Number(m[2]), href: href && unescapeHtml(href), text });
  }
  return found;
}

/** The rows of the list a queue links to. */
function rowsOf(html: string, href: string): number {
  if (href.startsWith('/admin/orders')) return html.match(/<tr class="order-row"/g)?.length ?? 0;
  if (href.startsWith('/admin/requests')) return html.match(/<tr class="request-row"/g)?.length ?? 0;
  if (href.startsWith('/admin/attendance')) return html.match(/name="days_/g)?.length ?? 0;
  if (href.startsWith('/admin/participants/ibans')) return html.match(/<tr data-row="\d+"/g)?.length ?? 0;
  if (href.startsWith('/admin/participants'))
    return html.match(/<td[^>]*><a href="\/admin\/participants\/[a-f0-9]{24}">/g)?.length ?? 0;
  throw new Error(`no row pattern for ${href}`);
}

function lastMonth(now = new Date()): string {
  const [y, m] = vilniusDate(now).split('-').map(Number) as [number, number];
  return vilniusPeriod(vilniusDayStart(y, m - 1, 15));
}

describe('the "today" dashboard: each queue counted, linked and listed per role', function () {
  this.timeout(120_000);
  const t = useTestApp();
  const agents: Record<string, Agent> = {};

  before(async () => {
    agents.marketing = await signInAs(t.app, 'marketing');
    agents.admin = await signInAs(t.app, 'admin');
    agents.master = await signInAs(t.app, 'master');
  });

  async function dashboard(role: string) {
    return queuesOf((await agents[role]!.get('/admin').expect(200)).text);
  }

  it('says in one line that each queue is empty, and shows each role only its queues', async () => {
    const marketing = await dashboard('marketing');
    expect([...marketing.keys()]).to.deep.equal([...ORDER_QUEUES, ...REQUEST_QUEUES]);
    for (const [id, q] of marketing) {
      expect(q.count, id).to.equal(0);
      expect(q.href, id).to.equal(null);
      expect(q.text, id).to.equal(lt(`today.empty.${id}`, { days: 7 }));
    }
    expect(marketing.get('pack')!.text).to.equal('Nėra ką pakuoti.');

    const admin = await dashboard('admin');
    expect([...admin.keys()]).to.include.members([
      ...ORDER_QUEUES,
      ...REQUEST_QUEUES,
      'attendance',
      'noIban',
    ]);
    // Last month's stipends are due from the 6th (Vilnius); nothing is finalised in this database.
    expect(admin.has('stipends')).to.equal(Number(vilniusDate(new Date()).slice(8)) > 5);
    expect(admin.get('attendance')!.text).to.equal(lt('today.empty.attendance', { period: lastMonth() }));

    const master = await dashboard('master');
    expect([...master.keys()]).to.deep.equal(['attendance']);
    const page = (await agents.master!.get('/admin').expect(200)).text;
    expect(page).to.contain(`/admin/contributions?period=${lastMonth()}`);
    expect(page).to.not.contain('data-glance');
  });

  it("asks for last month's stipends only after the 5th, until they are finalised", async () => {
    expect(await periodToFinalise(new Date('2026-03-05T12:00:00Z'))).to.equal(null);
    expect(await periodToFinalise(new Date('2026-03-06T12:00:00Z'))).to.equal('2026-02');
    // Vilnius, not UTC: 22:30 UTC on 5 January is already the 6th there.
    expect(await periodToFinalise(new Date('2026-01-05T22:30:00Z'))).to.equal('2025-12');
  });

  describe('with work in every queue', () => {
    const expected: Record<string, number> = {
      pack: 2,
      prepare: 2,
      transfers: 2,
      overdue: 1,
      uncollected: 1,
      newRequests: 2,
      waiting: 2,
      expiring: 1,
      inProgress: 0,
      overdueInvoices: 1,
      attendance: 2,
      noIban: 2,
    };

    before(async () => {
      const commerce = createCommerce({
        config: t.config,
        logger: pino({ level: 'silent' }),
        mailer: { sendOrderMail: async () => undefined, send: async () => undefined },
      });
      const ctx = commerce.context('Testas');
      const product = await createProduct(
        productInput({ titleLt: 'Žvakė', sku: 'ZV-1', price: 1000, vatRate: 2100, stockQuantity: 100 }),
        [],
        t.storage,
        { pricesIncludeVat: true },
      );
      await publishProduct(String(product._id));
      const order = async (form: Partial<CheckoutInput>): Promise<OrderDoc> =>
        placeOrder({
          items: [{ productId: String(product._id), quantity: 1 }],
          form: checkoutInput(form),
          lang: 'lt',
          settings: await getSettings(),
          cardPaymentsEnabled: false,
        });
      const courier = { delivery: 'courier' as const, address: 'Gatvė 1', city: 'Kaunas', postcode: '44001' };
      const paid = async (form: Partial<CheckoutInput>) =>
        markPaid(String((await order(form))._id), ctx, { via: 'staff' });

      // To pack: paid courier and parcel-locker orders.
      await paid(courier);
      await paid({ delivery: 'parcel_locker', locker: 'Paštomatas 1' });
      // To prepare: a paid pickup order and one to be paid at pickup.
      await paid({ delivery: 'pickup' });
      await order({ delivery: 'pickup', payment: 'pay_at_pickup' });
      // Transfers awaited, one of them past its due time.
      await order({ ...courier, payment: 'bank_transfer' });
      const late = await order({ ...courier, payment: 'bank_transfer' });
      await Order.collection.updateOne(
        { _id: late._id },
        { $set: { 'payment.dueAt': new Date(Date.now() - 3600_000) } },
      );
      // Ready 8 days ago (not collected) and ready today (not yet a queue).
      const old = await markReady(String((await paid({ delivery: 'pickup' }))._id), ctx);
      await OrderEvent.collection.updateOne(
        { claim: `${String(old._id)}:leave:paid` },
        { $set: { at: new Date(Date.now() - 8 * 24 * 3600_000) } },
      );
      await markReady(String((await paid(courier))._id), ctx);

      const sctx = serviceContext(t.config);
      const submit = () => submittedRequest(sctx);
      await submit();
      await submit();
      await quotedRequest(sctx);
      const soon = await quotedRequest(sctx);
      await Quote.collection.updateOne(
        { _id: `${String(soon._id)}:v${soon.quoteVersion}` as never },
        { $set: { validUntil: dayFromToday(2) } },
      );
      // Two invoiced requests: one due in the future, one past its due day.
      await issueInvoice(String((await completedJob(sctx))._id), sctx);
      const overdue = await issueInvoice(String((await completedJob(sctx))._id), sctx);
      await Invoice.collection.updateOne(
        { _id: overdue._id as never },
        { $set: { dueOn: dayFromToday(-1) } },
      );

      const admin = { id: '000000000000000000000001', role: 'admin', name: 'Adminas' };
      const person = (code: string, iban: string | null, endDate: string | null = null) =>
        createParticipant(
          {
            displayName: `Dalyvis ${code}`,
            code,
            startDate: '2020-01-01',
            endDate,
            consentToName: false,
            publicName: '',
            ...(iban ? { iban } : {}),
          },
          admin,
        );
      const withDays = await person('A-1', 'LT121000011101001000');
      await person('A-2', null);
      await person('A-3', null);
      // Ended long ago: neither without an IBAN nor missing attendance.
      await person('A-4', null, '2020-06-30');
      await saveAttendance(lastMonth(), new Map([[withDays, '12']]), admin);
    });

    for (const role of ['marketing', 'admin', 'master']) {
      it(`counts each queue for ${role}, and each link lists exactly that many rows`, async () => {
        const queues = await dashboard(role);
        const mine = Object.keys(expected).filter((id) =>
          role === 'master'
            ? id === 'attendance'
            : role === 'marketing'
              ? ![`attendance`, 'noIban'].includes(id)
              : true,
        );
        for (const id of mine) {
          const q = queues.get(id);
          expect(q, `${role} sees ${id}`).to.not.equal(undefined);
          expect(q!.count, `${id} count`).to.equal(expected[id]);
          if (q!.count === 0) {
            expect(q!.href, id).to.equal(null);
            continue;
          }
          expect(q!.text).to.contain(String(q!.count));
          const list = await agents[role]!.get(q!.href!).expect(200);
          expect(rowsOf(list.text, q!.href!), `rows behind ${id} (${q!.href})`).to.equal(q!.count);
          // A queue the list has no select for is named above the list, with a way to clear it.
          if (/[?&](queue|due|iban|missing)=/.test(q!.href!))
            expect(list.text, `${id} names its filter`).to.contain('data-active-queue');
          else expect(list.text, `${id} selects its state`).to.match(/<option value="\w+" selected>/);
        }
        expect([...queues.keys()].filter((id) => !mine.includes(id) && id !== 'stipends')).to.deep.equal([]);
      });
    }

    it('lets the filters be cleared, and ignores unknown or foreign filter values', async () => {
      const marketing = agents.marketing!;
      const pack = (await marketing.get('/admin/orders?queue=pack').expect(200)).text;
      expect(unescapeHtml(pack)).to.contain(lt('today.queue.pack'));
      expect(pack).to.contain('href="/admin/orders">' + lt('today.clearFilter'));
      const all = (await marketing.get('/admin/orders').expect(200)).text;
      const total = rowsOf(all, '/admin/orders');
      for (const bad of ['queue=bogus', 'queue[]=pack', 'queue=%24ne', 'queue=']) {
        const html = (await marketing.get(`/admin/orders?${bad}`).expect(200)).text;
        expect(html, bad).to.not.contain('data-active-queue');
        expect(rowsOf(html, '/admin/orders'), bad).to.equal(total);
      }
      const requests = (await marketing.get('/admin/requests').expect(200)).text;
      const bogus = (await marketing.get('/admin/requests?due=tomorrow').expect(200)).text;
      expect(bogus).to.not.contain('data-active-queue');
      expect(rowsOf(bogus, '/admin/requests')).to.equal(rowsOf(requests, '/admin/requests'));
      // The CSV follows the queue too.
      const csv = (await marketing.get('/admin/orders.csv?queue=overdue').expect(200)).text;
      expect(csv.trim().split('\r\n')).to.have.length(1 + expected.overdue!);
      // Only administrators may filter by bank accounts; for the master the filter does nothing.
      const master = agents.master!;
      const everyone = (await master.get('/admin/participants').expect(200)).text;
      const masked = (await master.get('/admin/participants?iban=missing').expect(200)).text;
      expect(masked).to.not.contain('data-active-queue');
      expect(rowsOf(masked, '/admin/participants')).to.equal(rowsOf(everyone, '/admin/participants'));
      const attendance = (await master.get(`/admin/attendance?period=${lastMonth()}&missing=yes`).expect(200))
        .text;
      expect(attendance).to.not.contain('data-active-queue');
      expect(rowsOf(attendance, '/admin/attendance')).to.equal(3);
    });
  });
});
