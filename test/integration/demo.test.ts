import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { Calendar } from '../../src/demo/clock.ts';
import { seedDemo, seedDemoIfEmpty } from '../../src/demo/seed.ts';
import { JournalEntry, type JournalEntryDoc } from '../../src/ledger/model.ts';
import { accountBalances } from '../../src/ledger/queries.ts';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { OutboxMessage } from '../../src/mail/model.ts';
import { cancelOverdueTransfers } from '../../src/orders/jobs.ts';
import { Locker } from '../../src/lockers/model.ts';
import { Order, OrderEvent, withRefunds } from '../../src/orders/model.ts';
import { shiftPeriod } from '../../src/participants/periods.ts';
import {
  Invoice,
  Quote,
  ServiceEvent,
  ServiceRequest,
  type InvoiceDoc,
  type ServiceRequestDoc,
} from '../../src/services/model.ts';
import { expireQuotes } from '../../src/services/service.ts';
import { allocateStipends } from '../../src/stipends/allocate.ts';
import { buildPeriodInput } from '../../src/stipends/inputs.ts';
import { periodSettings } from '../../src/stipends/service.ts';
import { signInAs, useTestApp } from '../support/app.ts';
import { describeUbl, validateUbl } from '../support/ubl-validate.ts';

/** The demo workshop: a month of orders, requests, ledger entries and work, made through the services. */
describe('demo workshop history', function () {
  this.timeout(180_000);
  const t = useTestApp();
  const RealDate = Date;
  const current = vilniusPeriod(new Date());
  const previous = shiftPeriod(current, -1);
  let seededAt = 0;

  before(async () => {
    await seedDemo({ storage: t.storage, log: () => {}, reset: false });
    seededAt = Date.now();
  });

  it('puts the real clock back after seeding', () => {
    expect(Date).to.equal(RealDate);
    expect(Math.abs(new Date().getTime() - (performance.timeOrigin + performance.now()))).to.be.below(5_000);
  });

  it('dates the history in the previous and the current month, in the past, whatever the day', () => {
    const nows = [
      '2027-01-01T00:00:20+02:00', // seconds into a new year
      '2027-01-01T00:03:00+02:00',
      '2027-01-01T09:30:00+02:00',
      '2026-03-29T12:00:00+03:00', // the day summer time starts
      '2026-02-28T23:59:00+02:00',
      '2026-11-22T20:00:00+02:00',
    ];
    for (const text of nows) {
      const now = new Date(text);
      const c = new Calendar(now);
      expect(c.current, text).to.equal(vilniusPeriod(now));
      expect(c.previous, text).to.equal(shiftPeriod(c.current, -1));
      for (const day of [1, 14, 28]) expect(vilniusPeriod(c.prev(day, 23, 59)), text).to.equal(c.previous);
      let last = 0;
      for (const f of [0, 0.1, 0.2, 0.5, 0.93, 0.97, 1]) {
        const at = c.cur(f);
        expect(vilniusPeriod(at), `${text} ${f}`).to.equal(c.current);
        expect(at.getTime(), `${text} ${f}`).to.be.at.most(now.getTime()).and.at.least(last);
        last = at.getTime();
      }
    }
  });

  it('has orders in every state the brief asks for, over this and last month', async () => {
    const all = await withRefunds(await Order.find().sort({ year: 1, seq: 1 }).lean());
    expect(all).to.have.length(13);
    const orders = all.filter((o) => o.channel === 'web');
    expect(orders).to.have.length(9);
    const states = orders.map((o) => o.state);
    expect(states.filter((s) => s === 'completed')).to.have.length(5);
    expect(states).to.include.members(['ready', 'pending_payment', 'cancelled']);
    expect(orders.every((o) => o.payment?.method !== 'card')).to.equal(true);

    const pending = orders.find(
      (o) => o.state === 'pending_payment' && o.payment?.method !== 'pay_at_pickup',
    )!;
    expect(pending.payment!.method).to.equal('bank_transfer');
    // Made to order with the buyer's size, to be paid at pickup, prepared before payment.
    const prepared = orders.find(
      (o) => o.state === 'pending_payment' && o.payment?.method === 'pay_at_pickup',
    )!;
    expect(prepared.note).to.contain('pėdos ilgis 25 cm');
    expect(prepared.expectedReadyOn).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(await OrderEvent.exists({ claim: `${String(prepared._id)}:prepared` })).to.not.equal(null);
    expect(pending.payment!.dueAt!.getTime()).to.be.above(seededAt);

    const atPickup = orders.find((o) => o.payment?.method === 'pay_at_pickup')!;
    expect(atPickup.state).to.equal('completed');

    const refunded = orders.filter((o) => o.refundedCents > 0);
    expect(refunded, 'one of last month, one of the closed month before it').to.have.length(2);
    for (const o of refunded) expect(o.refundedCents).to.be.below(o.totals!.grossCents);

    const paidLastMonth = orders.filter(
      (o) => o.payment?.paidAt && vilniusPeriod(o.payment.paidAt) === previous,
    );
    expect(paidLastMonth.length).to.be.at.least(3);
    expect(orders.some((o) => vilniusPeriod(o.createdAt) === previous)).to.equal(true);
    expect(orders.some((o) => vilniusPeriod(o.createdAt) === current)).to.equal(true);

    // Numbers follow the moments the orders were placed, and each timeline reads in order.
    for (let i = 1; i < orders.length; i++) {
      expect(orders[i]!.createdAt.getTime()).to.be.above(orders[i - 1]!.createdAt.getTime());
    }
    for (const o of orders) {
      const events = await OrderEvent.find({ orderId: o._id }).sort({ _id: 1 }).lean();
      expect(events[0]!.kind).to.equal('placed');
      const times = events.map((e) => e.at.getTime());
      expect(times).to.deep.equal([...times].sort((a, b) => a - b));
      expect(times.every((x) => x <= seededAt)).to.equal(true);
    }
  });

  it('has orders taken by staff by phone and at the workshop, paid in different ways', async () => {
    const taken = await Order.find({ channel: { $in: ['phone', 'walk_in'] } })
      .sort({ year: 1, seq: 1 })
      .lean();
    expect(taken.map((o) => `${o.channel} ${o.payment!.method} ${o.state}`)).to.deep.equal([
      'phone pay_at_pickup completed',
      'walk_in cash completed',
      'walk_in card_terminal completed',
      'phone bank_transfer pending_payment',
    ]);
    expect(taken.every((o) => o.enteredBy?.name)).to.equal(true);
    const cash = taken.find((o) => o.payment!.method === 'cash')!;
    const due = cash.totals!.grossCents + cash.payment!.cashRoundingCents!;
    expect(due % 5).to.equal(0);
    expect(cash.payment!.changeCents).to.equal(cash.payment!.tenderedCents! - due);
    const terminal = taken.find((o) => o.payment!.method === 'card_terminal')!;
    expect(terminal.lines[0]!.priceOverride?.reason).to.be.a('string').and.not.equal('');
    expect(taken.find((o) => o.payment!.method === 'bank_transfer')!.customer!.email).to.equal('');
    const entries = await JournalEntry.find({
      'reference.id': { $in: taken.map((o) => String(o._id)) },
    }).lean();
    expect(entries.map((e) => e.channel).sort()).to.deep.equal(['phone', 'walk_in', 'walk_in']);
  });

  it("seeds the parcel locker networks' lists; web orders chose a terminal, and one asks for a VAT invoice", async () => {
    for (const network of ['omniva', 'lp_express', 'dpd'] as const) {
      expect(await Locker.countDocuments({ network, active: true }), network).to.be.greaterThan(3);
    }
    const lockerOrders = await Order.find({ channel: 'web', 'delivery.method': 'parcel_locker' }).lean();
    expect(lockerOrders.length).to.be.greaterThan(0);
    for (const o of lockerOrders) {
      expect(o.delivery!.lockerPoint?.terminalId, o.number).to.be.a('string');
      expect(o.delivery!.locker, o.number).to.contain(o.delivery!.lockerPoint!.name);
    }
    const invoiced = await Order.find({ invoiceRequest: { $ne: null } }).lean();
    expect(invoiced.map((o) => o.invoiceRequest!.vatCode)).to.deep.equal(['LT100011223344']);
  });

  it('has business requests submitted, quoted, in progress and paid', async () => {
    const requests = await ServiceRequest.find().sort({ year: 1, seq: 1 }).lean<ServiceRequestDoc[]>();
    expect(requests.map((r) => r.state)).to.deep.equal(['paid', 'in_progress', 'quoted', 'submitted']);
    const [paid, active, quoted, submitted] = requests as [
      ServiceRequestDoc,
      ServiceRequestDoc,
      ServiceRequestDoc,
      ServiceRequestDoc,
    ];
    expect(submitted.attachments ?? []).to.have.length(0);
    expect(active.scheduledOn).to.be.a('string');

    const versions = await Quote.find({ requestId: paid._id }).sort({ version: 1 }).lean();
    expect(versions.map((q) => q.status)).to.deep.equal(['declined', 'accepted']);
    const open = await Quote.findOne({ requestId: quoted._id }).lean();
    expect(open!.status).to.equal('sent');

    const invoice = await Invoice.findOne({ requestId: paid._id, kind: 'invoice' }).lean();
    expect(invoice!.issuedOn.startsWith(previous)).to.equal(true);
    // Done the day before it was invoiced: the invoice names the date of supply; units and the discount.
    expect(invoice!.supplyDate).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(invoice!.supplyDate < invoice!.issuedOn).to.equal(true);
    expect(invoice!.lines.map((l) => [l.unit, l.discountCents])).to.deep.equal([['SET', 3300]]);
    expect(invoice!.buyer).to.include({ city: 'Klaipėda', postcode: 'LT-92138', country: 'LT' });
    // A shop order's VAT invoice, in the same series.
    const orderInvoice = await Invoice.findOne({ source: 'order', kind: 'invoice' }).lean();
    expect(orderInvoice!.buyer!.name).to.equal('UAB „Pajūrio apskaita“');
    expect(orderInvoice!.series).to.equal(invoice!.series);
    expect(vilniusPeriod(paid.paidAt!)).to.equal(previous);
    const timeline = await ServiceEvent.find({ requestId: paid._id }).sort({ _id: 1 }).lean();
    const times = timeline.map((e) => e.at.getTime());
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
  });

  it('keeps a balanced ledger with last month income from goods and a paid job', async () => {
    const entries = await JournalEntry.find().lean<JournalEntryDoc[]>();
    expect(entries.length).to.be.at.least(8);
    for (const e of entries) {
      const debits = e.lines.reduce((s, l) => s + (l.debitCents ?? 0), 0);
      const credits = e.lines.reduce((s, l) => s + (l.creditCents ?? 0), 0);
      expect(debits, e.idempotencyKey).to.equal(credits);
    }
    expect((await accountBalances(null)).balanced).to.equal(true);
    const kinds = new Set(entries.map((e) => e.kind));
    expect([...kinds]).to.include.members(['order_paid', 'order_refund', 'invoice_paid', 'material_cost']);
    const lastMonth = entries.filter((e) => e.period === previous);
    const serviceLine = lastMonth.flatMap((e) => e.lines).find((l) => l.account === 'income:services');
    expect(serviceLine?.attribution?.jobId).to.be.a('string');
    expect(lastMonth.some((e) => e.lines.some((l) => l.account === 'income:products'))).to.equal(true);
  });

  it("allocates last month's stipends from product and service lines", async () => {
    const data = await buildPeriodInput(previous, await periodSettings(previous));
    const labels = Object.values(data.lineLabels);
    expect(labels.some((l) => l.kind === 'job')).to.equal(true);
    expect(labels.some((l) => l.kind === 'product' && !l.refund)).to.equal(true);
    expect(labels.some((l) => l.refund)).to.equal(true);
    expect(data.input.lines.every((l) => l.contributions.length > 0)).to.equal(true);
    const result = allocateStipends(data.input);
    expect(result.allocatedCents).to.be.above(0);
    expect(result.participants.filter((p) => p.totalCents > 0)).to.have.length(6);
  });

  it('closes the month before last: stipends dated on its last day, paid, locked; a later refund refers to it', async () => {
    const closed = shiftPeriod(previous, -1);
    const expense = await JournalEntry.findOne({
      idempotencyKey: `stipends:${closed}:finalised`,
    }).lean<JournalEntryDoc>();
    expect(expense!.period).to.equal(closed);
    expect(vilniusPeriod(new Date(expense!.postedAt.getTime() + 1000))).to.equal(previous);
    expect(await JournalEntry.exists({ idempotencyKey: `stipends:${closed}:paid` })).not.to.equal(null);
    const refund = await JournalEntry.findOne({
      kind: 'order_refund',
      'corrects.period': closed,
    }).lean<JournalEntryDoc>();
    expect(refund!.period).to.equal(previous);
    const admin = await signInAs(t.app, 'admin');
    const month = await admin.get(`/admin/stipends/${closed}`).expect(200);
    expect(month.text).to.contain(`data-locked="${closed}"`);
    const ledger = await admin.get(`/admin/ledger?period=${closed}`).expect(200);
    expect(ledger.text).to.contain('data-locked-badge');
  });

  it('stores the customers’ e-mails in the outbox', async () => {
    const kinds = new Set((await OutboxMessage.find().lean()).map((m) => m.kind));
    expect([...kinds]).to.include.members([
      'order.received',
      'order.paid',
      'request.quote',
      'request.invoice',
      'request.accepted',
      'request.declined',
      'staff.quoteAccepted',
    ]);
    // In the layout with the demo's logo; quotes carry their PDF.
    const quote = await OutboxMessage.findOne({ kind: 'request.quote' }).lean();
    expect(quote!.html).to.match(
      /<img\b[^>]*src="http:\/\/localhost:3000\/mail-logo\.png\?v&#x3D;[a-f0-9]{8}"/,
    );
    expect(quote!.attachments![0]!.filename).to.match(/^P-\d{4}-\d{5}-v\d+\.pdf$/);
    const png = await request(t.app).get('/mail-logo.png').expect(200);
    expect(png.headers['content-type']).to.equal('image/png');
  });

  it('leaves nothing for the scheduled jobs to cancel or expire', async () => {
    const ctx = { by: 'system', notify: async () => {} };
    expect(await cancelOverdueTransfers(ctx, pino({ level: 'silent' }))).to.equal(0);
    const mailer = { send: async () => {}, sendOrderMail: async () => {} };
    expect(await expireQuotes({ by: 'system', mailer, publicUrl: 'http://localhost' })).to.equal(0);
  });

  it('shows the history on the staff pages', async () => {
    const admin = await signInAs(t.app, 'admin');
    const orders = await admin.get('/admin/orders').expect(200);
    expect(orders.text).to.contain('Emily Clarke');
    const requests = await admin.get('/admin/requests').expect(200);
    expect(requests.text).to.contain('UAB Baltijos kavos skrudykla');
    await admin.get('/admin/ledger').expect(200);
    const stipends = await admin.get(`/admin/stipends/${previous}`).expect(200);
    expect(stipends.text).to.contain('Ženklinimas ir etikečių klijavimas');
  });

  it("offers the paid job's invoice as an e-invoice that passes the validators, and lists it in last month's i.SAF", async () => {
    const admin = await signInAs(t.app, 'admin');
    const invoice = (await Invoice.findOne({ kind: 'invoice' }).lean<InvoiceDoc>())!;
    const page = await admin.get(`/admin/requests/${String(invoice.requestId)}`).expect(200);
    expect(page.text).to.contain(`/admin/service-invoices/${String(invoice._id)}/ubl.xml`);
    const ubl = await admin.get(`/admin/service-invoices/${String(invoice._id)}/ubl.xml`).expect(200);
    const [result] = await validateUbl([{ name: 'demo invoice', xml: ubl.text }]);
    expect(result!.schemaOk && result!.errors.length === 0, describeUbl([result!])).to.equal(true);

    const balances = await admin.get(`/admin/ledger/balances?period=${previous}`).expect(200);
    expect(balances.text).to.contain(`/admin/isaf/${previous}.xml`);
    const isaf = await admin.get(`/admin/isaf/${previous}.xml`).expect(200);
    expect(isaf.text).to.contain(
      `<InvoiceNo>${invoice.series} ${String(invoice.number).padStart(6, '0')}</InvoiceNo>`,
    );
  });

  it('is seeded only into an empty database', async () => {
    expect(await seedDemoIfEmpty({ storage: t.storage, log: () => {} })).to.equal(false);
    expect(await Order.countDocuments()).to.equal(13);
    await request(t.app).get('/').expect(200);
  });
});
