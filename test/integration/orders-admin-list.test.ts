import { expect } from 'chai';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { createProduct, publishProduct } from '../../src/catalog/service.ts';
import { vilniusDate, vilniusYear } from '../../src/lib/dates.ts';
import { randomToken } from '../../src/lib/ids.ts';
import { formatCents } from '../../src/lib/money.ts';
import { Order, type OrderDoc } from '../../src/orders/model.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import type { CheckoutInput } from '../../src/orders/schemas.ts';
import { cancelOrder, markPaid, markReady, refundOrder } from '../../src/orders/transitions.ts';
import { createCommerce } from '../../src/payments/commerce.ts';
import { getSettings } from '../../src/settings/service.ts';
import { signInAs, useTestApp, type Agent, type TestApp } from '../support/app.ts';
import { lt, productInput, unescapeHtml, checkoutInput } from './helpers.ts';
import {
  column,
  columnTotal,
  lithuanianCents,
  machineCents,
  readCsv,
  screenCents,
} from '../support/csv-reader.ts';

function checkout(overrides: Partial<CheckoutInput> = {}): CheckoutInput {
  return checkoutInput({
    name: 'Ona Žemaitė',
    email: 'ona@example.test',
    phone: '+37060000000',
    ...overrides,
  });
}

async function goods(t: TestApp, sku: string, price: number): Promise<string> {
  const p = await createProduct(
    productInput({ titleLt: `Gaminys ${sku}`, sku, price, vatRate: 2100, stockQuantity: 500 }),
    [],
    t.storage,
    { pricesIncludeVat: true },
  );
  await publishProduct(String(p._id));
  return String(p._id);
}

async function order(productId: string, form: Partial<CheckoutInput>, quantity = 1): Promise<OrderDoc> {
  return placeOrder({
    items: [{ productId, quantity }],
    form: checkout(form),
    lang: 'lt',
    settings: await getSettings(),
    cardPaymentsEnabled: form.payment === 'card',
  });
}

/** The ids of the listed orders, top to bottom. */
function listedIds(html: string): string[] {
  return [...html.matchAll(/<tr class="order-row" data-id="([a-f0-9]{24})">/g)].map((m) => m[1]!);
}

function rowOf(html: string, id: string): string {
  const m = new RegExp(`<tr class="order-row" data-id="${id}">([\\s\\S]*?)</tr>`).exec(html);
  if (!m) throw new Error(`order ${id} is not listed`);
  return unescapeHtml(m[1]!);
}

/** Cents as the CSV should write them, computed independently of the app's helpers. */
const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

/** A moment as Vilnius wall-clock time to the minute ("2024-01-14 23:59"), read independently of the app. */
const vilnius = (at: Date | string) =>
  new Date(at).toLocaleString('sv-SE', { timeZone: 'Europe/Vilnius' }).slice(0, 16);

describe('staff order list: filters, search, sales at a glance and CSV', () => {
  const t = useTestApp();
  const mails: unknown[] = [];
  let agent: Agent;
  const o: Record<string, OrderDoc> = {};
  const ids = (...names: string[]) => names.map((n) => String(o[n]!._id));

  before(async () => {
    const commerce = createCommerce({
      config: t.config,
      logger: pino({ level: 'silent' }),
      mailer: { sendOrderMail: async (m) => void mails.push(m), send: async () => undefined },
    });
    const ctx = commerce.context('Testas');
    const vase = await goods(t, 'VAZA', 2500);
    const candle = await goods(t, 'ZVAKE', 1210);

    // Four orders in the past, just either side of Vilnius midnights in winter (UTC+2) and summer (UTC+3).
    const past: [string, string][] = [
      ['winterLate', '2024-01-14T21:59:59.999Z'], // 2024-01-14 23:59:59.999 in Vilnius
      ['winterEarly', '2024-01-14T22:00:00.000Z'], // 2024-01-15 00:00 in Vilnius
      ['summerLate', '2024-07-14T20:59:59.999Z'], // 2024-07-14 23:59:59.999 in Vilnius
      ['summerEarly', '2024-07-14T21:00:00.000Z'], // 2024-07-15 00:00 in Vilnius
    ];
    for (const [name, at] of past) {
      o[name] = await order(candle, { name: `Senas ${name}`, email: `${name.toLowerCase()}@example.test` });
      await Order.collection.updateOne({ _id: o[name]._id }, { $set: { createdAt: new Date(at) } });
      o[name] = (await Order.findById(o[name]._id).lean<OrderDoc>())!;
    }

    o.ona = await order(vase, { name: 'Ona Žemaitė', email: 'ona@example.test' }, 2);
    o.ona = await markPaid(String(o.ona._id), ctx, { via: 'staff' });
    o.jonas = await order(candle, {
      name: 'Jonas Petraitis',
      email: 'jonas.p@example.test',
      payment: 'pay_at_pickup',
    });
    o.ruta = await order(
      vase,
      {
        name: 'Rūta Kazlauskienė',
        email: 'ruta+shop@example.test',
        delivery: 'courier',
        address: 'Vilniaus g. 1',
        city: 'Kretinga',
        postcode: '97111',
      },
      3,
    );
    await markPaid(String(o.ruta._id), ctx, { via: 'staff' });
    o.ruta = await markReady(String(o.ruta._id), ctx);
    o.ruta = await refundOrder(String(o.ruta._id), 1234, 'sudužo vienas', ctx);
    o.card = await order(candle, {
      name: 'Eglė Kortelė',
      email: 'egle@example.test',
      payment: 'card',
      delivery: 'parcel_locker',
      locker: 'Paštomatas 1',
    });
    o.formula = await order(candle, {
      name: '=HYPERLINK("http://evil.test","spausk")',
      email: 'formula@example.test',
      phone: '+370 600 00000',
    });
    o.formula = await cancelOrder(String(o.formula._id), ctx, 'bandymas');

    agent = await signInAs(t.app, 'marketing');
  });

  async function list(query = ''): Promise<string> {
    const res = await agent.get(`/admin/orders${query}`).expect(200);
    return res.text;
  }

  it('lists every order newest first, with number, date, customer, items, total, method and state', async () => {
    const html = await list();
    expect(listedIds(html)).to.deep.equal(
      ids(
        'formula',
        'card',
        'ruta',
        'jonas',
        'ona',
        'summerEarly',
        'summerLate',
        'winterEarly',
        'winterLate',
      ),
    );
    expect(unescapeHtml(html)).to.contain(translateFound(9));
    const ona = rowOf(html, String(o.ona!._id));
    expect(ona).to.contain(`href="/admin/orders/${String(o.ona!._id)}">${o.ona!.number}</a>`);
    expect(ona).to.contain('Ona Žemaitė');
    expect(ona).to.match(/<td[^>]*>2<\/td>/);
    expect(ona).to.contain(formatCents(5000, 'lt-LT'));
    expect(ona).to.contain(lt('ordersAdmin.method.bank_transfer'));
    expect(ona).to.contain(`badge--paid">${lt('ordersAdmin.state.paid')}<`);
    const ruta = rowOf(html, String(o.ruta!._id));
    expect(ruta).to.contain(`badge--ready">${lt('ordersAdmin.state.ready')}<`);
    expect(ruta).to.match(/<td[^>]*>3<\/td>/);
    expect(rowOf(html, String(o.card!._id))).to.contain(lt('ordersAdmin.method.card'));
    expect(rowOf(html, String(o.jonas!._id))).to.contain(lt('ordersAdmin.method.pay_at_pickup'));
  });

  it('sums up this month: paid, ready and completed orders and their total; orders awaiting payment', async () => {
    const html = await list();
    const paidGross = o.ona!.totals!.grossCents + o.ruta!.totals!.grossCents;
    expect(paidGross).to.equal(5000 + 7500 + 499);
    expect(html).to.match(/data-glance-paid-count>2</);
    expect(unescapeHtml(html)).to.match(
      new RegExp(`data-glance-paid-gross>${formatCents(paidGross, 'lt-LT').replace(/\s/g, '\\s')}<`),
    );
    // Jonas, the card order and the four past ones.
    expect(html).to.match(/data-glance-awaiting>6</);
  });

  it('filters by state and payment method', async () => {
    expect(listedIds(await list('?state=paid'))).to.deep.equal(ids('ona'));
    expect(listedIds(await list('?state=ready'))).to.deep.equal(ids('ruta'));
    expect(listedIds(await list('?state=cancelled'))).to.deep.equal(ids('formula'));
    expect(listedIds(await list('?payment=card'))).to.deep.equal(ids('card'));
    expect(listedIds(await list('?payment=pay_at_pickup'))).to.deep.equal(ids('jonas'));
    expect(listedIds(await list('?state=pending_payment&payment=bank_transfer'))).to.deep.equal(
      ids('summerEarly', 'summerLate', 'winterEarly', 'winterLate'),
    );
    const html = await list('?state=completed');
    expect(listedIds(html)).to.deep.equal([]);
    expect(unescapeHtml(html)).to.contain(lt('ordersAdmin.noOrders'));
    expect(await list('?state=paid')).to.match(/<option value="paid" selected>/);
  });

  it('filters by Vilnius calendar dates, both ends inclusive, in winter and in summer time', async () => {
    expect(listedIds(await list('?from=2024-01-15&to=2024-01-15'))).to.deep.equal(ids('winterEarly'));
    expect(listedIds(await list('?from=2024-01-14&to=2024-01-14'))).to.deep.equal(ids('winterLate'));
    expect(listedIds(await list('?to=2024-01-14'))).to.deep.equal(ids('winterLate'));
    expect(listedIds(await list('?from=2024-07-15&to=2024-07-15'))).to.deep.equal(ids('summerEarly'));
    expect(listedIds(await list('?from=2024-07-14&to=2024-07-14'))).to.deep.equal(ids('summerLate'));
    expect(listedIds(await list('?from=2024-01-15&to=2024-07-14'))).to.deep.equal(
      ids('summerLate', 'winterEarly'),
    );
    const today = vilniusDate(new Date());
    expect(listedIds(await list(`?from=${today}&to=${today}`))).to.deep.equal(
      ids('formula', 'card', 'ruta', 'jonas', 'ona'),
    );
    expect(listedIds(await list('?from=2024-07-15&to=2024-01-15')), 'from after to').to.deep.equal([]);
  });

  it('searches the order number (exact or prefix), the name and the e-mail, case-insensitively and literally', async () => {
    const number = o.ona!.number;
    expect(listedIds(await list(`?q=${number}`))).to.deep.equal(ids('ona'));
    const prefix = await list(`?q=${number.slice(0, -1)}`);
    expect(listedIds(prefix)).to.include(String(o.ona!._id));
    expect(listedIds(prefix).length).to.be.greaterThan(1);
    expect(listedIds(await list(`?q=${number.slice(5)}`)), 'not a prefix').to.deep.equal([]);
    expect(listedIds(await list(`?q=${encodeURIComponent('žemaitė')}`))).to.deep.equal(ids('ona'));
    expect(listedIds(await list(`?q=${encodeURIComponent('ŽEMAITĖ')}`))).to.deep.equal(ids('ona'));
    expect(listedIds(await list('?q=PETRAIT'))).to.deep.equal(ids('jonas'));
    expect(listedIds(await list('?q=jonas.p%40EXAMPLE'))).to.deep.equal(ids('jonas'));
    expect(listedIds(await list(`?q=${encodeURIComponent('RUTA+SHOP@')}`))).to.deep.equal(ids('ruta'));
    expect(listedIds(await list('?q=.*')), 'regex characters are literal').to.deep.equal([]);
    expect(listedIds(await list('?q=%5B')), 'a lone bracket').to.deep.equal([]);
    expect(listedIds(await list(`?q=${encodeURIComponent('HYPERLINK("')}`))).to.deep.equal(ids('formula'));
    expect(listedIds(await list('?q=%20%20ruta%2Bshop%20'))).to.deep.equal(ids('ruta'));
    expect(listedIds(await list('?q=ona&state=paid'))).to.deep.equal(ids('ona'));
    expect(await list('?q=%22%3E%3Cscript%3E')).not.to.contain('"><script>');
  });

  it('ignores filter values it does not know instead of failing', async () => {
    const all = ids(
      'formula',
      'card',
      'ruta',
      'jonas',
      'ona',
      'summerEarly',
      'summerLate',
      'winterEarly',
      'winterLate',
    );
    for (const q of [
      '?state=bogus',
      '?payment=bitcoin',
      '?channel=bogus',
      '?state=paid&state=ready',
      '?from=yesterday&to=2024-13-01',
      '?from=2024-02-30',
      '?page=abc',
      '?page=-3',
      '?page=1.5',
      `?q=${'x'.repeat(101)}`,
      '?q[$ne]=x',
    ]) {
      expect(listedIds(await list(q)), q).to.deep.equal(all);
    }
  });

  describe('CSV export', () => {
    async function download(query = '', format?: 'machine') {
      const sep = query ? '&' : '?';
      const url = `/admin/orders.csv${query}${format ? `${sep}format=${format}` : ''}`;
      const res = await agent.get(url).buffer(true).expect(200);
      expect(res.headers['content-type']).to.equal('text/csv; charset=utf-8');
      const name = `orders-${vilniusDate(new Date())}${format ? '-machine' : ''}`;
      expect(res.headers['content-disposition']).to.match(
        new RegExp(`^attachment; filename="?${name}\\.csv"?$`),
      );
      return res.text;
    }

    /** The default download, read as a spreadsheet set to Lithuanian reads it: `;` and decimal comma. */
    async function csv(query = '') {
      const text = await download(query);
      expect(text.charCodeAt(0), 'starts with a BOM').to.equal(0xfeff);
      expect(text).to.contain('\r\n');
      const doc = readCsv(text, ';');
      return [doc.header, ...doc.rows];
    }

    it('has one row per order with every column in words, amounts as 12,50, times in Vilnius', async () => {
      const rows = await csv();
      expect(rows[0]).to.deep.equal(
        [
          'number',
          'createdAt',
          'state',
          'paymentMethod',
          'deliveryMethod',
          'customerName',
          'email',
          'phone',
          'itemsNet',
          'vat',
          'delivery',
          'gross',
          'refunded',
          'paidAt',
          'channel',
        ].map((c) => lt(`ordersAdmin.csv.${c}`)),
      );
      expect(rows).to.have.length(10);
      const ruta = o.ruta!;
      const row = rows.find((r) => r[0] === ruta.number)!;
      expect(row).to.deep.equal([
        ruta.number,
        vilnius(ruta.createdAt),
        lt('ordersAdmin.state.ready'),
        lt('ordersAdmin.method.bank_transfer'),
        lt('ordersAdmin.delivery.courier'),
        'Rūta Kazlauskienė',
        'ruta+shop@example.test',
        '+37060000000',
        euros(ruta.totals!.itemsNetCents),
        euros(ruta.totals!.vatCents),
        '4,99',
        '79,99',
        '12,34',
        vilnius(ruta.payment!.paidAt!),
        lt('channel.web'),
      ]);
      expect(euros(ruta.totals!.itemsNetCents)).to.equal('61,98'); // 75,00 with 21 % VAT
      const jonas = rows.find((r) => r[0] === o.jonas!.number)!;
      expect(jonas[13], 'not paid').to.equal('');
      // 21:59 UTC on 14 January is 23:59 in Vilnius (winter, UTC+2); 21:00 UTC on 14 July is 00:00 on the 15th (summer).
      expect(rows.find((r) => r[0] === o.winterLate!.number)![1]).to.equal('2024-01-14 23:59');
      expect(rows.find((r) => r[0] === o.winterEarly!.number)![1]).to.equal('2024-01-15 00:00');
      expect(rows.find((r) => r[0] === o.summerEarly!.number)![1]).to.equal('2024-07-15 00:00');
    });

    it('has the totals of the list on screen in every amount column, for all orders and a filter', async () => {
      for (const query of ['', '?state=ready', '?payment=bank_transfer']) {
        const html = unescapeHtml(await list(query));
        const doc = readCsv(await download(query), ';');
        for (const [key, header] of [
          ['items_net', 'itemsNet'],
          ['vat', 'vat'],
          ['delivery', 'delivery'],
          ['gross', 'gross'],
          ['refunded', 'refunded'],
        ] as const) {
          const m = new RegExp(`<dd data-total="${key}">([^<]*)</dd>`).exec(html);
          expect(m, `${key} total on the page ${query}`).to.not.equal(null);
          const shown = screenCents(m![1]!);
          expect(
            columnTotal(doc, lt(`ordersAdmin.csv.${header}`), lithuanianCents),
            `${key} ${query}`,
          ).to.equal(shown);
        }
      }
      const all = unescapeHtml(await list());
      const gross = Object.values(o).reduce((s, x) => s + x.totals!.grossCents, 0);
      expect(screenCents(/<dd data-total="gross">([^<]*)</.exec(all)![1]!)).to.equal(gross);
      expect(screenCents(/<dd data-total="refunded">([^<]*)</.exec(all)![1]!)).to.equal(1234);
    });

    it('gives the machine format on request: commas, dots, codes, UTC, stable headers, cents round-trip', async () => {
      const text = await download('', 'machine');
      expect(text.charCodeAt(0), 'no BOM').to.not.equal(0xfeff);
      const doc = readCsv(text, ',');
      expect(doc.header).to.deep.equal([
        'number',
        'created_at',
        'state',
        'payment_method',
        'delivery_method',
        'customer_name',
        'email',
        'phone',
        'items_net_eur',
        'vat_eur',
        'delivery_eur',
        'gross_eur',
        'refunded_eur',
        'paid_at',
        'channel',
      ]);
      const ruta = doc.rows.find((r) => r[0] === o.ruta!.number)!;
      expect(ruta.slice(1, 5)).to.deep.equal([
        new Date(o.ruta!.createdAt).toISOString(),
        'ready',
        'bank_transfer',
        'courier',
      ]);
      expect(ruta[13]).to.equal(new Date(o.ruta!.payment!.paidAt!).toISOString());
      expect(doc.rows.find((r) => r[0] === o.winterLate!.number)![1]).to.equal('2024-01-14T21:59:59.999Z');
      for (const x of Object.values(o)) {
        const row = doc.rows.find((r) => r[0] === x.number)!;
        expect(machineCents(row[11]!), x.number).to.equal(x.totals!.grossCents);
        expect(machineCents(row[8]!) + machineCents(row[9]!) + machineCents(row[10]!)).to.equal(
          x.totals!.grossCents,
        );
      }
      expect(column(doc, 'refunded_eur')).to.include('12.34');
      // Anything but `machine` is the spreadsheet format.
      const other = await agent.get('/admin/orders.csv?format=xlsx').buffer(true).expect(200);
      expect(other.text.charCodeAt(0)).to.equal(0xfeff);
    });

    it('defuses cells a spreadsheet would run as formulas', async () => {
      const rows = await csv('?state=cancelled');
      expect(rows).to.have.length(2);
      expect(rows[1]![5]).to.equal(`'=HYPERLINK("http://evil.test","spausk")`);
      expect(rows[1]![7]).to.equal(`'+370 600 00000`);
      expect(rows[1]![11], 'numbers stay numbers').to.equal('12,10');
    });

    it('uses the same filters as the list', async () => {
      expect((await csv('?state=paid')).slice(1).map((r) => r[0])).to.deep.equal([o.ona!.number]);
      expect((await csv(`?q=${encodeURIComponent('ŽEMAITĖ')}`)).slice(1).map((r) => r[0])).to.deep.equal([
        o.ona!.number,
      ]);
      expect((await csv('?from=2024-01-15&to=2024-07-14')).slice(1).map((r) => r[0])).to.deep.equal([
        o.summerLate!.number,
        o.winterEarly!.number,
      ]);
      expect((await csv('?state=bogus&page=7')).length, 'no pagination, bad values ignored').to.equal(10);
    });

    it('links both formats from the list with the current filters', async () => {
      const html = unescapeHtml(await list('?state=paid&q=ona'));
      expect(html).to.contain('href="/admin/orders.csv?q=ona&state=paid"');
      expect(html).to.contain('href="/admin/orders.csv?q=ona&state=paid&format=machine"');
      expect(html).to.contain(lt('csv.spreadsheet'));
      expect(html).to.contain(lt('csv.machine'));
    });
  });
});

function translateFound(count: number): string {
  const form = new Intl.PluralRules('lt-LT').select(count);
  return lt(`ordersAdmin.found.${form}`, { count });
}

describe('staff order list: pagination', () => {
  const t = useTestApp();
  let agent: Agent;
  let all: string[];

  before(async () => {
    const candle = await goods(t, 'PAGE', 500);
    const first = await order(candle, { name: 'Puslapių Tikrintoja', email: 'pages@example.test' });
    const year = vilniusYear(new Date());
    const now = Date.now();
    const copies = Array.from({ length: 54 }, (_, i) => ({
      ...first,
      _id: new mongoose.Types.ObjectId(),
      seq: 1000 + i,
      number: `${year}-${String(1000 + i).padStart(5, '0')}`,
      token: randomToken(),
      createdAt: new Date(now - (i + 1) * 60_000),
      updatedAt: new Date(now - (i + 1) * 60_000),
    }));
    await Order.collection.insertMany(copies);
    all = [String(first._id), ...copies.map((c) => String(c._id))];
    agent = await signInAs(t.app, 'admin');
  });

  it('shows 50 orders a page, newest first, with links between the pages', async () => {
    const one = unescapeHtml((await agent.get('/admin/orders').expect(200)).text);
    expect(listedIds(one)).to.deep.equal(all.slice(0, 50));
    expect(unescapeHtml(one)).to.contain(translateFound(55));
    expect(one).to.contain('rel="next" href="/admin/orders?page=2"');
    expect(one).not.to.contain('rel="prev"');

    const two = unescapeHtml((await agent.get('/admin/orders?page=2').expect(200)).text);
    expect(listedIds(two)).to.deep.equal(all.slice(50));
    expect(two).to.contain('rel="prev" href="/admin/orders"');
    expect(two).not.to.contain('rel="next"');

    const beyond = (await agent.get('/admin/orders?page=9').expect(200)).text;
    expect(listedIds(beyond)).to.deep.equal([]);
  });

  it('keeps the filters in the page links', async () => {
    const html = unescapeHtml(
      (await agent.get('/admin/orders?q=Tikrintoja&state=pending_payment').expect(200)).text,
    );
    expect(html).to.contain('rel="next" href="/admin/orders?q=Tikrintoja&state=pending_payment&page=2"');
    const narrowed = (await agent.get('/admin/orders?q=nobody-matches').expect(200)).text;
    expect(listedIds(narrowed)).to.deep.equal([]);
    expect(narrowed).not.to.contain('rel="next"');
  });
});
