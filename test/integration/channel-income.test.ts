import { expect } from 'chai';
import { JournalEntry } from '../../src/ledger/model.ts';
import { channelIncomeTable, incomeByChannel, postEntry, type Channel } from '../../src/ledger/service.ts';
import { shiftPeriod, vilniusPeriod } from '../../src/lib/dates.ts';
import { signInAs, useTestApp } from '../support/app.ts';

/** A sale of `cents` (net) through a channel, posted as its module would: asset against income and VAT. */
async function sale(
  key: string,
  channel: Channel | undefined,
  cents: number,
  account = 'income:products',
  at?: Date,
) {
  await postEntry({
    idempotencyKey: key,
    kind: 'test_sale',
    ...(channel ? { channel } : {}),
    reference: { type: channel === 'services' ? 'invoice' : 'order', id: key },
    postedAt: at,
    lines: [
      { account: 'assets:bank', debitCents: cents + 100 },
      { account, creditCents: cents },
      { account: 'liabilities:vat', creditCents: 100 },
    ],
  });
}

/** The cents shown in the dashboard's channel table, per channel, for the first column (this month). */
function shownThisMonth(html: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const m of html.matchAll(/<tr data-income-channel="(\w+)">[\s\S]*?<td data-cents="(-?\d+)"/g))
    found.set(m[1]!, Number(m[2]));
  return found;
}

describe('income per channel, from the ledger', function () {
  const t = useTestApp();
  const period = vilniusPeriod(new Date());

  beforeEach(async () => {
    await JournalEntry.deleteMany({});
  });

  it('adds net sales per channel, refunds deducted, older entries read by their reference', async () => {
    await sale('a', 'web', 1000);
    await sale('b', 'phone', 2500);
    await sale('c', 'fair', 700);
    await sale('d', 'fair', 300);
    await sale('e', 'services', 4000, 'income:services');
    await sale('f', 'walk_in', 1200);
    // A refund of part of the phone sale.
    await postEntry({
      idempotencyKey: 'b:refund',
      kind: 'order_refund',
      channel: 'phone',
      reference: { type: 'order', id: 'b' },
      lines: [
        { account: 'income:products', debitCents: 500 },
        { account: 'assets:bank', creditCents: 500 },
      ],
    });
    // Entries from before channels were recorded: an order is a web sale, an invoice a service.
    await sale('old-order', undefined, 90);
    await postEntry({
      idempotencyKey: 'old-invoice',
      kind: 'invoice_paid',
      reference: { type: 'invoice', id: 'x' },
      lines: [
        { account: 'assets:bank', debitCents: 10 },
        { account: 'income:services', creditCents: 10 },
      ],
    });
    // Delivery is not a sale of goods.
    await postEntry({
      idempotencyKey: 'delivery',
      kind: 'test',
      channel: 'web',
      reference: { type: 'order', id: 'y' },
      lines: [
        { account: 'assets:bank', debitCents: 350 },
        { account: 'income:delivery', creditCents: 350 },
      ],
    });
    const income = await incomeByChannel([period]);
    expect(income.byChannel).to.deep.equal({
      web: 1090,
      phone: 2000,
      walk_in: 1200,
      fair: 1000,
      services: 4010,
    });
    expect(income.totalCents).to.equal(9300);
  });

  it('keeps months apart', async () => {
    const last = shiftPeriod(period, -1);
    const [y, m] = last.split('-').map(Number) as [number, number];
    await sale('now', 'fair', 500);
    await sale('then', 'fair', 800, 'income:products', new Date(Date.UTC(y, m - 1, 15, 12)));
    const table = await channelIncomeTable([period, last]);
    expect(table.rows.find((r) => r.channel === 'fair')!.cents).to.deep.equal([500, 800]);
    expect(table.totals).to.deep.equal([500, 800]);
  });

  it('shows the table to the people who sell, not to the production master', async () => {
    await sale('p', 'phone', 2500);
    await sale('q', 'fair', 1234);
    for (const role of ['admin', 'marketing'] as const) {
      const agent = await signInAs(t.app, role);
      const html = (await agent.get('/admin').expect(200)).text;
      const shown = shownThisMonth(html);
      expect(shown.get('phone'), role).to.equal(2500);
      expect(shown.get('fair'), role).to.equal(1234);
      expect(shown.get('web'), role).to.equal(0);
      expect(html).to.include('Pardavimai pagal kanalą');
      expect(html).to.include('Mugėje');
    }
    const master = await signInAs(t.app, 'master');
    expect((await master.get('/admin').expect(200)).text).not.to.include('data-channel-income');
  });

  it("shows the month's sales per channel on the stipend month page", async () => {
    await sale('p', 'phone', 2500);
    await sale('q', 'fair', 1234);
    await sale('r', 'fair', 766);
    const admin = await signInAs(t.app, 'admin');
    const html = (await admin.get(`/admin/stipends/${period}`).expect(200)).text;
    const shown = shownThisMonth(html);
    expect(shown.get('fair')).to.equal(2000);
    expect(shown.get('phone')).to.equal(2500);
    expect(html).to.match(/<td data-total="4500"/);
  });
});
