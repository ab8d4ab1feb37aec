import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { archiveProduct, currentStock } from '../../src/catalog/service.ts';
import { FairClosing, FairEvent, FairSale, FairSaleConflict, FairVoid } from '../../src/fair/model.ts';
import { JournalEntry } from '../../src/ledger/model.ts';
import { vilniusDate, vilniusPeriod } from '../../src/lib/dates.ts';
import { incomeLines } from '../../src/stipends/inputs.ts';
import { signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { expectMessage, lt, publishedGood, unescapeHtml } from './helpers.ts';

interface SaleBody {
  id: string;
  eventId: string;
  soldAt: string;
  lines: Record<string, unknown>[];
  payment: Record<string, unknown>;
}

describe('fair mode: events, sales sent by phones, voids and closing', function () {
  const t = useTestApp();
  let marketing: Agent;
  let token: string;
  let candle: string; // 12,47 € with 21 % VAT, 10 in stock
  let mug: string; // 8,00 €, 1 in stock
  let eventId: string;

  const sale = (over: Partial<SaleBody> = {}): SaleBody => ({
    id: randomUUID(),
    eventId,
    soldAt: new Date().toISOString(),
    lines: [{ productId: candle, quantity: 1 }],
    payment: { method: 'cash', givenCents: 2000 },
    ...over,
  });

  const sync = (sales: unknown[], agent = marketing, csrf = token) =>
    agent
      .post('/admin/fair/sync')
      .set('x-csrf-token', csrf)
      .set('content-type', 'application/json')
      .send({ sales });

  async function openEvent(name: string, allotment: Record<string, string> = {}): Promise<string> {
    const res = await marketing
      .post('/admin/fair/events')
      .type('form')
      .send({ _csrf: token, name, place: 'Vilnius, Rotušės a.', date: vilniusDate(new Date()), ...allotment })
      .expect(303);
    return /\/admin\/fair\/events\/([a-f0-9]{24})$/.exec(String(res.headers.location))![1]!;
  }

  before(async () => {
    candle = await publishedGood(t.storage, {
      titleLt: 'Žvakė',
      sku: 'FAIR-C',
      price: 1247,
      vatRate: 2100,
      stockQuantity: 10,
    });
    mug = await publishedGood(t.storage, {
      titleLt: 'Puodelis',
      sku: 'FAIR-M',
      price: 800,
      vatRate: 2100,
      stockQuantity: 1,
    });
    marketing = await signInAs(t.app, 'marketing');
    token = await tokenFor(marketing, '/admin/fair');
    eventId = await openEvent('Kaziuko mugė', { [`qty_${candle}`]: '6', [`qty_${mug}`]: '2' });
  });

  it('is for marketing and administrators: the production master gets 403, also on the sync', async () => {
    const master = await signInAs(t.app, 'master');
    await master.get('/admin/fair').expect(403);
    await master.get(`/admin/fair/events/${eventId}/sell`).expect(403);
    const masterToken = await tokenFor(master);
    await sync([sale()], master, masterToken).expect(403);
    expect(await FairSale.countDocuments()).to.equal(0);
    const admin = await signInAs(t.app, 'admin');
    await admin.get('/admin/fair').expect(200);
  });

  it('refuses a bad event form with messages, storing nothing', async () => {
    const before = await FairEvent.countDocuments();
    const res = await marketing
      .post('/admin/fair/events')
      .type('form')
      .send({ _csrf: token, name: '', place: '', date: '2026-02-30', [`qty_${candle}`]: 'abc' })
      .expect(422);
    expectMessage(res.text, 'errors.required');
    expectMessage(res.text, 'errors.date');
    expectMessage(res.text, 'errors.wholeNumber');
    expect(await FairEvent.countDocuments()).to.equal(before);
  });

  it('the event lists the goods taken, and the sell page and its goods are served', async () => {
    const page = await marketing.get(`/admin/fair/events/${eventId}`).expect(200);
    expect(unescapeHtml(page.text)).to.contain('Kaziuko mugė').and.contain('Žvakė');
    const sell = await marketing.get(`/admin/fair/events/${eventId}/sell`).expect(200);
    expect(sell.text).to.contain('data-sell').and.contain('/static/js/fair-sell.js');
    const goods = await marketing.get(`/admin/fair/events/${eventId}/goods.json`).expect(200);
    expect(
      goods.body.goods.map((g: { id: string; left: number; priceCents: number }) => [
        g.id,
        g.left,
        g.priceCents,
      ]),
    ).to.deep.equal([
      [candle, 6, 1247],
      [mug, 2, 800],
    ]);
    const sw = await marketing.get('/fair-sw.js').expect(200);
    expect(sw.headers['content-type']).to.contain('javascript');
    expect(sw.headers['service-worker-allowed']).to.equal('/admin/fair/');
    expect(sw.text).to.not.contain('__FAIR_CACHE_VERSION__');
  });

  it('a 12,47 € cash sale is paid 12,45 €: the 0,02 € rounding line posts and the entry balances', async () => {
    const s = sale({ payment: { method: 'cash', givenCents: 2000 } });
    const res = await sync([s]).expect(200);
    expect(res.body.results).to.deep.equal([{ id: s.id, status: 'applied' }]);
    const stored = await FairSale.findById(s.id).lean();
    expect(stored!.payment).to.include({
      dueCents: 1245,
      roundingCents: -2,
      givenCents: 2000,
      changeCents: 755,
    });
    const entry = await JournalEntry.findOne({ idempotencyKey: `fair:${s.id}:sold` }).lean();
    expect(entry!.channel).to.equal('fair');
    const lines = entry!.lines.map((l) => [l.account, l.debitCents, l.creditCents]);
    expect(lines).to.deep.equal([
      ['assets:cash', 1245, 0],
      ['expenses:cash_rounding', 2, 0],
      ['income:products', 0, 1031],
      ['liabilities:vat', 0, 216],
    ]);
    const debits = entry!.lines.reduce((a, l) => a + l.debitCents, 0);
    const credits = entry!.lines.reduce((a, l) => a + l.creditCents, 0);
    expect(debits).to.equal(credits);
    expect(entry!.lines[2]!.attribution).to.include({ productId: candle, lineId: 'L1', orderId: null });
    expect(await currentStock(candle)).to.equal(9);
  });

  it('rounds a cash total up to the next 5 cents as income, and leaves card payments unrounded', async () => {
    const up = sale({ lines: [{ productId: candle, quantity: 1, priceCents: 1248, reason: 'Nuolaida' }] });
    const card = sale({ payment: { method: 'card_terminal' } });
    const res = await sync([up, card]).expect(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).to.deep.equal(['applied', 'applied']);
    const upEntry = await JournalEntry.findOne({ idempotencyKey: `fair:${up.id}:sold` }).lean();
    expect(upEntry!.lines.map((l) => [l.account, l.debitCents, l.creditCents])).to.deep.include.members([
      ['assets:cash', 1250, 0],
      ['income:cash_rounding', 0, 2],
    ]);
    const stored = await FairSale.findById(up.id).lean();
    expect(stored!.lines[0]).to.include({
      unitPriceCents: 1248,
      cataloguePriceCents: 1247,
      overrideReason: 'Nuolaida',
    });
    const cardEntry = await JournalEntry.findOne({ idempotencyKey: `fair:${card.id}:sold` }).lean();
    expect(cardEntry!.lines[0]).to.include({ account: 'assets:card_terminal', debitCents: 1247 });
  });

  it('applies a sale once however often it is sent, in one request or several', async () => {
    const s = sale({
      lines: [{ productId: candle, quantity: 2 }],
      payment: { method: 'cash', givenCents: 3000 },
    });
    const stockBefore = await currentStock(candle);
    const first = await sync([s, s]).expect(200);
    expect(first.body.results.map((r: { status: string }) => r.status).sort()).to.deep.equal([
      'already',
      'applied',
    ]);
    for (let i = 0; i < 3; i++) {
      const again = await sync([s]).expect(200);
      expect(again.body.results[0].status).to.equal('already');
    }
    expect(await FairSale.countDocuments({ _id: s.id })).to.equal(1);
    expect(await JournalEntry.countDocuments({ idempotencyKey: `fair:${s.id}:sold` })).to.equal(1);
    expect(await currentStock(candle)).to.equal(stockBefore - 2);
  });

  it('refuses a replayed id with other contents and logs it; the first sale stays', async () => {
    const s = sale();
    await sync([s]).expect(200);
    const other = { ...s, lines: [{ productId: candle, quantity: 5 }] };
    const res = await sync([other]).expect(200);
    expect(res.body.results[0]).to.deep.equal({
      id: s.id,
      status: 'conflict',
      message: lt('fair.errors.replayDiffers'),
    });
    const stored = await FairSale.findById(s.id).lean();
    expect(stored!.lines[0]!.quantity).to.equal(1);
    const conflicts = await FairSaleConflict.find({ saleId: s.id }).lean();
    expect(conflicts).to.have.length(1);
    expect(await JournalEntry.countDocuments({ idempotencyKey: `fair:${s.id}:sold` })).to.equal(1);
  });

  describe('bad inputs: each gets a clear answer and nothing is stored', () => {
    const cases: [string, () => unknown, string, Record<string, string | number>][] = [
      ['an empty sale', () => sale({ lines: [] }), 'fair.errors.emptySale', {}],
      [
        'a quantity of 0',
        () => sale({ lines: [{ productId: candle, quantity: 0 }] }),
        'fair.errors.quantity',
        { line: 1 },
      ],
      [
        'a quantity of −1',
        () => sale({ lines: [{ productId: candle, quantity: -1 }] }),
        'fair.errors.quantity',
        { line: 1 },
      ],
      [
        'a quantity of 1e9',
        () => sale({ lines: [{ productId: candle, quantity: 1e9 }] }),
        'fair.errors.quantity',
        { line: 1 },
      ],
      [
        'a quantity "abc"',
        () => sale({ lines: [{ productId: candle, quantity: 'abc' }] }),
        'fair.errors.quantity',
        { line: 1 },
      ],
      [
        'a fractional quantity',
        () => sale({ lines: [{ productId: candle, quantity: 1.5 }] }),
        'fair.errors.quantity',
        { line: 1 },
      ],
      [
        'a price override without a reason',
        () =>
          sale({
            lines: [
              { productId: mug, quantity: 1 },
              { productId: candle, quantity: 1, priceCents: 1000 },
            ],
          }),
        'fair.errors.overrideReason',
        { line: 2 },
      ],
      [
        'an unknown product',
        () => sale({ lines: [{ productId: 'a'.repeat(24), quantity: 1 }] }),
        'fair.errors.unknownProduct',
        { line: 1 },
      ],
      [
        'a malformed product id',
        () => sale({ lines: [{ productId: '$gt', quantity: 1 }] }),
        'fair.errors.unknownProduct',
        { line: 1 },
      ],
      ['an unknown event', () => sale({ eventId: 'b'.repeat(24) }), 'fair.errors.unknownEvent', {}],
      ['a sale id that is no UUID', () => sale({ id: 'abc' }), 'fair.errors.saleId', {}],
      [
        'too little cash given',
        () => sale({ payment: { method: 'cash', givenCents: 1000 } }),
        'fair.errors.givenTooLittle',
        {},
      ],
      ['an unknown payment method', () => sale({ payment: { method: 'iou' } }), 'fair.errors.method', {}],
      ['a bad time', () => sale({ soldAt: 'yesterday' }), 'fair.errors.soldAt', {}],
    ];
    for (const [what, make, key, params] of cases) {
      it(what, async () => {
        const [sales, entries, stock] = await Promise.all([
          FairSale.countDocuments(),
          JournalEntry.countDocuments(),
          currentStock(candle),
        ]);
        const body = make();
        const res = await sync([body]).expect(200);
        expect(res.body.results[0].status).to.equal('refused');
        expect(res.body.results[0].message).to.equal(lt(key, params));
        expect(await FairSale.countDocuments()).to.equal(sales);
        expect(await JournalEntry.countDocuments()).to.equal(entries);
        expect(await currentStock(candle)).to.equal(stock);
      });
    }

    it('an archived product', async () => {
      const old = await publishedGood(t.storage, {
        titleLt: 'Senas',
        sku: 'FAIR-OLD',
        price: 500,
        stockQuantity: 3,
      });
      await archiveProduct(old);
      const res = await sync([sale({ lines: [{ productId: old, quantity: 1 }] })]).expect(200);
      expect(res.body.results[0]).to.include({
        status: 'refused',
        message: lt('fair.errors.unknownProduct', { line: 1 }),
      });
      expect(await FairSale.countDocuments({ 'lines.productId': old })).to.equal(0);
      expect(await currentStock(old)).to.equal(3);
    });

    it('a request that is not a list of sales (400), one without the CSRF header (403)', async () => {
      const count = await FairSale.countDocuments();
      await sync([]).expect(400);
      await marketing
        .post('/admin/fair/sync')
        .set('x-csrf-token', token)
        .set('content-type', 'application/json')
        .send('{"sales":')
        .expect(400);
      await marketing
        .post('/admin/fair/sync')
        .set('content-type', 'application/json')
        .send({ sales: [sale()] })
        .expect(403);
      expect(await FairSale.countDocuments()).to.equal(count);
    });
  });

  it('stores a sale for goods that ran out, stock down to 0 and the sale flagged for staff', async () => {
    const s = sale({ lines: [{ productId: mug, quantity: 3 }], payment: { method: 'card_terminal' } });
    const res = await sync([s]).expect(200);
    expect(res.body.results[0]).to.deep.equal({ id: s.id, status: 'applied', shortfall: true });
    expect(await currentStock(mug)).to.equal(0);
    const stored = await FairSale.findById(s.id).lean();
    expect(stored!.shortfall).to.equal(true);
    expect(stored!.lines[0]!.shortfall).to.equal(2);
    const page = await marketing.get(`/admin/fair/events/${eventId}`).expect(200);
    expect(page.text).to.contain('data-flagged');
    expect(unescapeHtml(page.text)).to.contain(lt('fair.flag.shortfallLine', { count: 2 }));
    // Three mugs sold of two taken: the goods table says so.
    expect(unescapeHtml(page.text)).to.contain(lt('fair.goods.over'));
  });

  it('voids a sale by a reversal entry dated now, gives the units back, and only once', async () => {
    const s = sale({ lines: [{ productId: candle, quantity: 2 }], payment: { method: 'card_terminal' } });
    await sync([s]).expect(200);
    const stock = await currentStock(candle);
    const url = `/admin/fair/events/${eventId}/sales/${s.id}/void`;
    await marketing.post(url).type('form').send({ _csrf: token, reason: '', confirm: 'on' }).expect(303);
    await marketing.post(url).type('form').send({ _csrf: token, reason: 'Klaida' }).expect(303);
    expect(await FairVoid.countDocuments({ _id: s.id })).to.equal(0);
    await marketing
      .post(url)
      .type('form')
      .send({ _csrf: token, reason: 'Klaida', confirm: 'on' })
      .expect(303);
    await marketing
      .post(url)
      .type('form')
      .send({ _csrf: token, reason: 'Klaida', confirm: 'on' })
      .expect(303);
    expect(await FairVoid.countDocuments({ _id: s.id })).to.equal(1);
    const sold = await JournalEntry.findOne({ idempotencyKey: `fair:${s.id}:sold` }).lean();
    const voided = await JournalEntry.findOne({ idempotencyKey: `fair:${s.id}:void` }).lean();
    expect(voided!.lines.map((l) => [l.account, l.creditCents, l.debitCents])).to.deep.equal(
      sold!.lines.map((l) => [l.account, l.debitCents, l.creditCents]),
    );
    expect(await JournalEntry.countDocuments({ idempotencyKey: `fair:${s.id}:void` })).to.equal(1);
    expect(await currentStock(candle)).to.equal(stock + 2);
    expect(await FairSale.countDocuments({ _id: s.id })).to.equal(1);
    const page = await marketing.get(`/admin/fair/events/${eventId}/sales`).expect(200);
    expect(unescapeHtml(page.text)).to.contain(lt('fair.sales.voided', { reason: 'Klaida' }));
  });

  it("the event's totals equal the sum of its sales, and the month's stipend income includes them by product", async () => {
    const sales = await FairSale.find({ eventId }).lean();
    const voided = new Set((await FairVoid.find({ eventId }).lean()).map((v) => v._id));
    const counted = sales.filter((s) => !voided.has(s._id));
    const page = await marketing.get(`/admin/fair/events/${eventId}`).expect(200);
    const all = /data-method="all">[\s\S]*?data-due>([^<]*)</.exec(page.text)![1]!;
    const sum = counted.reduce((a, s) => a + s.payment!.dueCents, 0);
    expect(unescapeHtml(all).replace(/\s/g, ' ')).to.equal(
      new Intl.NumberFormat('lt-LT', { style: 'currency', currency: 'EUR' })
        .format(sum / 100)
        .replace(/\s/g, ' '),
    );
    const lines = await incomeLines(vilniusPeriod(new Date()));
    const fairNet = (productId: string) =>
      lines.filter((l) => l.productId === productId).reduce((a, l) => a + l.amountCents, 0);
    const expected = (productId: string) =>
      counted
        .flatMap((s) => s.lines)
        .filter((l) => l.productId === productId)
        .reduce((a, l) => a + l.netCents, 0);
    expect(fairNet(candle)).to.equal(expected(candle));
    expect(fairNet(mug)).to.equal(expected(mug));
    expect(expected(candle)).to.be.greaterThan(0);
  });

  it('closes with the typed totals and their differences; a late sale is kept, flagged and shown; no void after', async () => {
    const ev = await openEvent('Kalėdų mugė');
    await sync([
      sale({ eventId: ev, payment: { method: 'cash', givenCents: 1245 } }),
      sale({ eventId: ev, payment: { method: 'card_terminal' } }),
    ]).expect(200);
    const url = `/admin/fair/events/${ev}/close`;
    let res = await marketing
      .post(url)
      .type('form')
      .send({ _csrf: token, countedCash: 'daug', terminalTotal: '', registerTotal: '24,92' })
      .expect(422);
    expectMessage(res.text, 'errors.amount');
    expectMessage(res.text, 'fair.errors.confirmClose');
    expect(await FairClosing.countDocuments({ _id: ev })).to.equal(0);
    await marketing
      .post(url)
      .type('form')
      .send({
        _csrf: token,
        countedCash: '12,40',
        terminalTotal: '12,47',
        registerTotal: '24,92',
        confirm: 'on',
      })
      .expect(303);
    const closing = await FairClosing.findById(ev).lean();
    expect(closing!.expected).to.deep.equal({ cashCents: 1245, cardCents: 1247, registerCents: 2492 });
    expect(closing!.differences).to.deep.equal({ cashCents: -5, terminalCents: 0, registerCents: 0 });
    await marketing
      .post(url)
      .type('form')
      .send({ _csrf: token, countedCash: '1', terminalTotal: '1', registerTotal: '1', confirm: 'on' })
      .expect(409);

    const late = sale({ eventId: ev, payment: { method: 'card_terminal' } });
    res = await sync([late]).expect(200);
    expect(res.body.results[0]).to.deep.equal({ id: late.id, status: 'applied', late: true });
    expect(await JournalEntry.countDocuments({ idempotencyKey: `fair:${late.id}:sold` })).to.equal(1);
    const page = await marketing.get(`/admin/fair/events/${ev}`).expect(200);
    expect(page.text).to.contain('data-late').and.contain('data-closing');
    expect(unescapeHtml(page.text)).to.contain(lt('fair.flag.late'));

    await marketing
      .post(`/admin/fair/events/${ev}/sales/${late.id}/void`)
      .type('form')
      .send({ _csrf: token, reason: 'x', confirm: 'on' })
      .expect(303);
    expect(await FairVoid.countDocuments({ _id: late.id })).to.equal(0);
    await marketing.get(`/admin/fair/events/${ev}/sell`).expect(303);
  });

  it('dates a sale at the moment on the phone, within the event day and never ahead of now', async () => {
    const ahead = sale({ soldAt: new Date(Date.now() + 3600_000).toISOString() });
    await sync([ahead]).expect(200);
    const stored = await FairSale.findById(ahead.id).lean();
    expect(stored!.postedAt.getTime()).to.be.at.most(Date.now());
    expect(vilniusDate(stored!.postedAt)).to.equal(vilniusDate(new Date()));
  });
});
