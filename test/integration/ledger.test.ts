import { expect } from 'chai';
import request from 'supertest';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { formatCents } from '../../src/lib/money.ts';
import { accountBalances } from '../../src/ledger/queries.ts';
import { postEntry, type EntryInput } from '../../src/ledger/service.ts';
import { translatePlural } from '../../src/web/i18n.ts';
import { signInAs, useTestApp, type Agent } from '../support/app.ts';
import { expectMessage, lt, unescapeHtml } from './helpers.ts';
import {
  column,
  columnTotal,
  lithuanianCents,
  machineCents,
  readCsv,
  screenCents,
} from '../support/csv-reader.ts';

const PRODUCT_A = '665f1c2e9b1e8a0012345678';
const ORDER_1 = '665f1c2e9b1e8a00aaaaaaa1';
const ORDER_2 = '665f1c2e9b1e8a00aaaaaaa2';

/** Entries posted in two past periods (plus one at the Vilnius month boundary) and one posted now. */
const E = {
  order1: {
    idempotencyKey: `order:${ORDER_1}:paid`,
    kind: 'order_paid',
    reference: { type: 'order', id: ORDER_1, label: '2024-00001' },
    postedAt: new Date('2024-01-15T10:00:00Z'),
    lines: [
      { account: 'assets:stripe', debitCents: 12100 },
      {
        account: 'income:products',
        creditCents: 6000,
        attribution: { productId: PRODUCT_A, orderId: ORDER_1, lineId: 'l1' },
      },
      { account: 'income:products', creditCents: 4000, attribution: { orderId: ORDER_1, lineId: 'l2' } },
      { account: 'liabilities:vat', creditCents: 2100 },
    ],
  },
  materials: {
    idempotencyKey: 'materials:2024-01',
    kind: 'materials',
    reference: { type: 'period', id: '2024-01', label: 'Medžiagos 2024-01' },
    memo: '+370 molis ir glazūra',
    postedAt: new Date('2024-01-20T09:00:00Z'),
    lines: [
      { account: 'expenses:materials', debitCents: 3050 },
      { account: 'assets:bank', creditCents: 3050 },
    ],
  },
  order2: {
    idempotencyKey: `order:${ORDER_2}:paid`,
    kind: 'order_paid',
    reference: { type: 'order', id: ORDER_2, label: '2024-00002' },
    postedAt: new Date('2024-02-10T12:00:00Z'),
    lines: [
      { account: 'assets:bank', debitCents: 5000 },
      { account: 'income:products', creditCents: 4132, attribution: { productId: PRODUCT_A } },
      { account: 'liabilities:vat', creditCents: 868 },
    ],
  },
  refund: {
    idempotencyKey: 'stripe:evt_refund_1',
    kind: 'order_refund',
    reference: { type: 'order', id: ORDER_2, label: '2024-00002' },
    memo: '=HYPERLINK("x")',
    postedAt: new Date('2024-02-12T12:00:00Z'),
    lines: [
      { account: 'income:products', debitCents: 1000, attribution: { productId: PRODUCT_A } },
      { account: 'liabilities:vat', debitCents: 210 },
      { account: 'assets:stripe', creditCents: 1210 },
    ],
  },
  invoice: {
    idempotencyKey: 'invoice:inv1:paid',
    kind: 'invoice_paid',
    reference: { type: 'invoice', id: 'inv1', label: 'DV-0007' },
    postedAt: new Date('2024-02-20T12:00:00Z'),
    lines: [
      { account: 'assets:bank', debitCents: 24200 },
      { account: 'income:services', creditCents: 20000 },
      { account: 'liabilities:vat', creditCents: 4200 },
    ],
  },
  /** 2024-01-31 22:30 UTC is 2024-02-01 00:30 in Vilnius: it belongs to February. */
  boundary: {
    idempotencyKey: 'stipends:2024-01:finalised',
    kind: 'custom_kind_x',
    reference: { type: 'stipend-period', id: '2024-01' },
    memo: '-12.50',
    postedAt: new Date('2024-01-31T22:30:00Z'),
    lines: [
      { account: 'expenses:stipends', debitCents: 1000 },
      { account: 'liabilities:stipends:abc', creditCents: 1000 },
    ],
  },
} satisfies Record<string, EntryInput>;

const BULK = 55;

/** Rows of `data-account` balance lines: account → [debit, credit, balance]. */
function balanceRows(html: string): Record<string, [number, number, number]> {
  const rows: Record<string, [number, number, number]> = {};
  const re = /<tr data-account="([^"]+)" data-debit="(-?\d+)" data-credit="(-?\d+)" data-balance="(-?\d+)">/g;
  for (const m of html.matchAll(re)) rows[m[1]!] = [Number(m[2]), Number(m[3]), Number(m[4])];
  return rows;
}

function grandTotal(html: string): { debit: number; credit: number; balance: number } {
  const m = /<tr data-grand-total data-balance="(-?\d+)" data-debit="(-?\d+)" data-credit="(-?\d+)">/.exec(
    html,
  );
  if (!m) throw new Error('no grand total row');
  return { balance: Number(m[1]), debit: Number(m[2]), credit: Number(m[3]) };
}

function entryIds(html: string): string[] {
  return [...html.matchAll(/data-entry-id="([a-f0-9]{24})"/g)].map((m) => m[1]!);
}

/** The raw bytes of a response (so the BOM is seen as sent). */
function rawBody(agent: Agent, url: string) {
  return agent
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

/** The default CSV, read as a spreadsheet set to Lithuanian reads it: `;` between cells. */
async function csvOf(agent: Agent, url: string) {
  const res = await rawBody(agent, url).expect(200);
  const bytes = res.body as Buffer;
  const doc = readCsv(bytes.toString('utf8'), ';');
  return { res, bytes, doc, rows: [doc.header, ...doc.rows] };
}

/** A total as the balances page shows it, read from the text of its cells (debit, credit). */
function shownTotals(html: string, rowAttr: string): { debit: number; credit: number } {
  const m = new RegExp(
    `<tr ${rowAttr}[^>]*>\\s*<th[^>]*>[^<]*</th>\\s*<td[^>]*>(?:<strong>)?([^<]*)(?:</strong>)?</td>\\s*<td[^>]*>(?:<strong>)?([^<]*)(?:</strong>)?</td>`,
  ).exec(unescapeHtml(html));
  if (!m) throw new Error(`no row ${rowAttr} on the page`);
  return { debit: screenCents(m[1]!), credit: screenCents(m[2]!) };
}

describe('ledger pages (admin)', () => {
  const t = useTestApp();
  let admin: Agent;
  const ids: Record<keyof typeof E | 'now', string> = {} as never;
  let nowPeriod: string;
  let found: (n: number) => string;

  before(async () => {
    for (const [name, input] of Object.entries(E)) {
      const { entry } = await postEntry(input);
      ids[name as keyof typeof E] = String(entry._id);
    }
    for (let i = 0; i < BULK; i++) {
      await postEntry({
        idempotencyKey: `bulk:${i}`,
        kind: 'bulk_test',
        reference: { type: 'order', id: `bulk${i}`, label: `2023-${String(i).padStart(5, '0')}` },
        postedAt: new Date(Date.UTC(2023, 5, 1, 8, i)),
        lines: [
          { account: 'assets:cash', debitCents: 100 },
          { account: 'income:products', creditCents: 100 },
        ],
      });
    }
    const { entry } = await postEntry({
      idempotencyKey: 'now:1',
      kind: 'order_paid',
      reference: { type: 'order', id: 'now1', label: '2026-99999' },
      lines: [
        { account: 'assets:cash', debitCents: 700 },
        { account: 'income:products', creditCents: 700 },
      ],
    });
    ids.now = String(entry._id);
    nowPeriod = entry.period;
    admin = await signInAs(t.app, 'admin');
    found = (n) => translatePlural('lt', 'ledger.found', n);
  });

  const TOTAL = Object.keys(E).length + BULK + 1;

  describe('journal list', () => {
    it('lists the newest entries first, 50 to a page, with the count', async () => {
      const res = await admin.get('/admin/ledger').expect(200);
      expect(res.text).to.contain(found(TOTAL));
      const shown = entryIds(res.text);
      expect(shown).to.have.length(50);
      expect(shown[0]).to.equal(ids.now);
      expect(shown[1]).to.equal(ids.invoice);
      expect(shown[2]).to.equal(ids.refund);
      expect(shown[3]).to.equal(ids.order2);
      expect(shown[4]).to.equal(ids.boundary);
      expect(shown[5]).to.equal(ids.materials);
      expect(shown[6]).to.equal(ids.order1);
    });

    it('paginates, keeping the filters in the page links', async () => {
      const first = await admin.get('/admin/ledger?period=2023-06').expect(200);
      expect(first.text).to.contain(found(BULK));
      expect(entryIds(first.text)).to.have.length(50);
      const html = unescapeHtml(first.text);
      expect(html).to.contain('href="/admin/ledger?period=2023-06&page=2"');
      expect(html).to.contain(lt('pagination.position', { page: 1, pages: 2 }));

      const second = await admin.get('/admin/ledger?period=2023-06&page=2').expect(200);
      expect(entryIds(second.text)).to.have.length(BULK - 50);
      expect(unescapeHtml(second.text)).to.contain('rel="prev" href="/admin/ledger?period=2023-06"');
      const all = [...entryIds(first.text), ...entryIds(second.text)];
      expect(new Set(all).size).to.equal(BULK);
      // newest first: the last bulk entry opens page 1, the first one closes page 2
      expect(second.text).to.contain('2023-00000');
      expect(first.text).to.contain('2023-00054');
      expect(first.text).not.to.contain('2023-00000');
    });

    it('shows each entry: Vilnius time, period, translated kind, reference, memo, lines and total', async () => {
      const res = await admin.get('/admin/ledger?period=2024-02').expect(200);
      const html = unescapeHtml(res.text);
      const boundary = html.slice(html.indexOf(`data-entry-id="${ids.boundary}"`));
      const section = boundary.slice(0, boundary.indexOf('</section>'));
      const vilnius = new Intl.DateTimeFormat('lt-LT', {
        timeZone: 'Europe/Vilnius',
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(E.boundary.postedAt);
      expect(vilnius).to.contain('2024-02-01').and.contain('00:30');
      expect(section).to.contain(vilnius);
      expect(section).to.contain('<dd>2024-02</dd>');
      expect(section, 'an unknown kind is shown as it is').to.contain('custom_kind_x');
      expect(section).to.contain('-12.50');
      expect(section).to.contain('<code>liabilities:stipends:abc</code>');
      expect(section, 'an unknown participant is "participant"').to.contain(
        lt('ledger.acct.withName', {
          account: lt('ledger.acct.liabilities:stipends'),
          name: lt('ledger.acct.participant'),
        }),
      );
      expect(section).to.contain(formatCents(1000, 'lt-LT'));

      const order = html.slice(html.indexOf(`data-entry-id="${ids.order2}"`));
      const orderSection = order.slice(0, order.indexOf('</section>'));
      expect(orderSection).to.contain(lt('ledger.kind.order_paid'));
      expect(orderSection).to.contain('2024-00002');
      expect(orderSection).to.contain(formatCents(4132, 'lt-LT'));
      expect(orderSection, 'entry total').to.contain(`data-total="5000"`);
      expect(
        orderSection,
        'a product that is not in the catalogue: shortened id, said so, full id in the title',
      ).to.contain(`<span title="${PRODUCT_A}">…345678 (${lt('ledger.attr.unknown')})</span>`);
      expect(orderSection, 'accounts in words, the code beside them').to.contain(
        lt('ledger.acct.income:products'),
      );
      expect(orderSection).to.contain('<code>income:products</code>');
      // the memo is text, never markup
      expect(res.text).to.contain('&#x3D;HYPERLINK(&quot;x&quot;)');
    });

    it('filters by period (Vilnius month of posting)', async () => {
      const jan = await admin.get('/admin/ledger?period=2024-01').expect(200);
      expect(entryIds(jan.text)).to.deep.equal([ids.materials, ids.order1]);
      const feb = await admin.get('/admin/ledger?period=2024-02').expect(200);
      expect(entryIds(feb.text)).to.deep.equal([ids.invoice, ids.refund, ids.order2, ids.boundary]);
      expect(feb.text).to.contain(found(4));
    });

    it('filters by account, exact or by whole-segment prefix', async () => {
      const income = await admin.get('/admin/ledger?period=2024-02&account=income').expect(200);
      expect(entryIds(income.text)).to.deep.equal([ids.invoice, ids.refund, ids.order2]);
      const services = await admin.get('/admin/ledger?account=income:services').expect(200);
      expect(entryIds(services.text)).to.deep.equal([ids.invoice]);
      const stipends = await admin.get('/admin/ledger?account=liabilities:stipends').expect(200);
      expect(entryIds(stipends.text)).to.deep.equal([ids.boundary]);
      const partial = await admin.get('/admin/ledger?account=income:prod').expect(200);
      expect(entryIds(partial.text)).to.deep.equal([]);
      expectMessage(partial.text, 'ledger.noEntries');
      const upper = await admin.get('/admin/ledger?account=INCOME:SERVICES').expect(200);
      expect(entryIds(upper.text)).to.deep.equal([ids.invoice]);
    });

    it('filters by kind', async () => {
      const res = await admin.get('/admin/ledger?kind=order_refund').expect(200);
      expect(entryIds(res.text)).to.deep.equal([ids.refund]);
      const paid = await admin.get('/admin/ledger?kind=order_paid&period=2024-01').expect(200);
      expect(entryIds(paid.text)).to.deep.equal([ids.order1]);
      expect(res.text).to.contain(
        `<option value="order_refund" selected>${lt('ledger.kind.order_refund')}</option>`,
      );
    });

    it('searches the reference label and id', async () => {
      const byNumber = await admin.get('/admin/ledger?q=2024-00002').expect(200);
      expect(entryIds(byNumber.text)).to.deep.equal([ids.refund, ids.order2]);
      const byId = await admin.get(`/admin/ledger?q=${ORDER_1.slice(-8)}`).expect(200);
      expect(entryIds(byId.text)).to.deep.equal([ids.order1]);
      const caseless = await admin.get('/admin/ledger?q=dv-0007').expect(200);
      expect(entryIds(caseless.text)).to.deep.equal([ids.invoice]);
      const regexChars = await admin.get('/admin/ledger?q=' + encodeURIComponent('(.*')).expect(200);
      expect(entryIds(regexChars.text)).to.deep.equal([]);
    });

    it('ignores bad filter values instead of failing', async () => {
      for (const qs of [
        'period=2024-13',
        'period=24-01',
        'period=2024-01&period=2024-02',
        'account=foo',
        'account=income::x',
        'kind=%3Cscript%3E',
        'page=-1',
        'page=abc',
        'page=1.5',
        `q=${'x'.repeat(150)}`,
      ]) {
        const res = await admin.get(`/admin/ledger?${qs}`);
        expect(res.status, qs).to.equal(200);
        expect(res.text, qs).to.contain(found(TOTAL));
      }
      const far = await admin.get('/admin/ledger?page=999').expect(200);
      expect(entryIds(far.text)).to.deep.equal([]);
    });
  });

  describe('balances', () => {
    it('gives the hand-computed figures for January, with debits = credits', async () => {
      const res = await admin.get('/admin/ledger/balances?period=2024-01').expect(200);
      expect(balanceRows(res.text)).to.deep.equal({
        'assets:bank': [0, 3050, -3050],
        'assets:stripe': [12100, 0, 12100],
        'liabilities:vat': [0, 2100, -2100],
        'income:products': [0, 10000, -10000],
        'expenses:materials': [3050, 0, 3050],
      });
      expect(grandTotal(res.text)).to.deep.equal({ debit: 15150, credit: 15150, balance: 0 });
      expect(res.text).to.contain('data-check="ok"');
      expectMessage(res.text, 'ledger.balances.checkOk', { amount: formatCents(15150, 'lt-LT') });
    });

    it('gives the hand-computed figures for February (including the boundary entry)', async () => {
      const res = await admin.get('/admin/ledger/balances?period=2024-02').expect(200);
      expect(balanceRows(res.text)).to.deep.equal({
        'assets:bank': [29200, 0, 29200],
        'assets:stripe': [0, 1210, -1210],
        'liabilities:stipends:abc': [0, 1000, -1000],
        'liabilities:vat': [210, 5068, -4858],
        'income:products': [1000, 4132, -3132],
        'income:services': [0, 20000, -20000],
        'expenses:stipends': [1000, 0, 1000],
      });
      expect(grandTotal(res.text)).to.deep.equal({ debit: 31410, credit: 31410, balance: 0 });
      expect(res.text).to.contain('data-check="ok"');
    });

    it('groups accounts by type in balance-sheet order, with group totals', async () => {
      const res = await admin.get('/admin/ledger/balances?period=2024-02').expect(200);
      const order = [...res.text.matchAll(/<tbody data-type="(\w+)">/g)].map((m) => m[1]);
      expect(order).to.deep.equal(['assets', 'liabilities', 'income', 'expenses']);
      expect(res.text).to.contain('data-group-total="liabilities" data-debit="210" data-credit="6068"');
      expectMessage(res.text, 'ledger.balances.groupTotal', { type: lt('ledger.type.income') });
    });

    it('shows the trial balance over all periods', async () => {
      const res = await admin.get('/admin/ledger/balances?period=all').expect(200);
      const rows = balanceRows(res.text);
      expect(rows['assets:cash']).to.deep.equal([BULK * 100 + 700, 0, BULK * 100 + 700]);
      expect(rows['assets:stripe']).to.deep.equal([12100, 1210, 10890]);
      expect(rows['income:products']).to.deep.equal([1000, 10000 + 4132 + BULK * 100 + 700, -19332]);
      const total = 15150 + 31410 + BULK * 100 + 700;
      expect(grandTotal(res.text)).to.deep.equal({ debit: total, credit: total, balance: 0 });
      expectMessage(res.text, 'ledger.balances.allHeading');
    });

    it('defaults to the current Vilnius period, also for a bad period', async () => {
      expect(nowPeriod).to.equal(vilniusPeriod(new Date()));
      for (const url of ['/admin/ledger/balances', '/admin/ledger/balances?period=2024-13']) {
        const res = await admin.get(url).expect(200);
        expectMessage(res.text, 'ledger.balances.periodHeading', { period: nowPeriod });
        expect(balanceRows(res.text), url).to.deep.equal({
          'assets:cash': [700, 0, 700],
          'income:products': [0, 700, -700],
        });
      }
    });

    it('says so for a period without entries, and the check still holds', async () => {
      const res = await admin.get('/admin/ledger/balances?period=2020-05').expect(200);
      expect(balanceRows(res.text)).to.deep.equal({});
      expectMessage(res.text, 'ledger.balances.empty');
      expect(res.text).to.contain('data-check="ok"');
    });

    it('agrees with accountBalances', async () => {
      const jan = await accountBalances('2024-01');
      expect(jan.entryCount).to.equal(2);
      expect(jan.balanced).to.equal(true);
      expect(jan.groups.map((g) => g.type)).to.deep.equal(['assets', 'liabilities', 'income', 'expenses']);
    });
  });

  describe('CSV export', () => {
    const HEADER = [
      'entryId',
      'postedAt',
      'period',
      'kind',
      'channel',
      'referenceType',
      'referenceId',
      'referenceLabel',
      'account',
      'participant',
      'debit',
      'credit',
      'productId',
      'orderId',
      'lineId',
      'memo',
    ].map((k) => lt(`ledger.csv.${k}`));

    it('sends a UTF-8 CSV with a BOM as a download named after the period', async () => {
      const { res, bytes } = await csvOf(admin, '/admin/ledger.csv?period=2024-01');
      expect(res.headers['content-type']).to.equal('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).to.equal('attachment; filename="ledger-2024-01.csv"');
      expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const all = await rawBody(admin, '/admin/ledger.csv').expect(200);
      expect(all.headers['content-disposition']).to.equal('attachment; filename="ledger-all.csv"');
      const machine = await rawBody(admin, '/admin/ledger.csv?period=2024-01&format=machine').expect(200);
      expect(machine.headers['content-disposition']).to.equal(
        'attachment; filename="ledger-2024-01-machine.csv"',
      );
      expect([...(machine.body as Buffer).subarray(0, 3)]).to.not.deep.equal([0xef, 0xbb, 0xbf]);
    });

    it('has one row per journal line with every column in words, amounts as 12,50, Vilnius times', async () => {
      const { rows } = await csvOf(admin, '/admin/ledger.csv?period=2024-01');
      expect(rows[0]).to.deep.equal(HEADER);
      const order1 = [
        ids.order1,
        '2024-01-15 12:00',
        '2024-01',
        lt('ledger.kind.order_paid'),
        // Posted without a channel (before channels were recorded): an order's entry reads as the web shop.
        lt('channel.web'),
        lt('ledger.refType.order'),
        ORDER_1,
        '2024-00001',
      ];
      const materials = [ids.materials, '2024-01-20 11:00', '2024-01', 'materials', '', 'period', '2024-01'];
      expect(rows.slice(1)).to.deep.equal([
        [...order1, lt('ledger.acct.assets:stripe'), '', '121,00', '0,00', '', '', '', ''],
        [...order1, lt('ledger.acct.income:products'), '', '0,00', '60,00', PRODUCT_A, ORDER_1, 'l1', ''],
        [...order1, lt('ledger.acct.income:products'), '', '0,00', '40,00', '', ORDER_1, 'l2', ''],
        [...order1, lt('ledger.acct.liabilities:vat'), '', '0,00', '21,00', '', '', '', ''],
        [...materials, 'Medžiagos 2024-01', lt('ledger.acct.expenses:materials'), '', '30,50', '0,00'].concat(
          ['', '', '', "'+370 molis ir glazūra"],
        ),
        [...materials, 'Medžiagos 2024-01', lt('ledger.acct.assets:bank'), '', '0,00', '30,50'].concat([
          '',
          '',
          '',
          "'+370 molis ir glazūra",
        ]),
      ]);
    });

    it('writes times in Vilnius: 22:30 UTC on 31 January is 00:30 on 1 February, in the February file', async () => {
      const { doc } = await csvOf(admin, '/admin/ledger.csv?period=2024-02');
      const at = column(doc, lt('ledger.csv.entryId')).indexOf(ids.boundary);
      expect(at).to.be.greaterThan(-1);
      expect(doc.rows[at]![1]).to.equal('2024-02-01 00:30');
      expect(doc.rows[at]![2]).to.equal('2024-02');
      const machine = readCsv((await admin.get('/admin/ledger.csv?period=2024-02&format=machine')).text, ',');
      const row = machine.rows.find((r) => r[0] === ids.boundary)!;
      expect(row[1]).to.equal('2024-01-31T22:30:00.000Z');
    });

    it('adds up, read with `;` and decimal comma, to the totals the balances page shows', async () => {
      for (const period of ['2024-01', '2024-02', '2023-06', 'all']) {
        const page = (await admin.get(`/admin/ledger/balances?period=${period}`).expect(200)).text;
        const shown = shownTotals(page, 'data-grand-total');
        const { doc } = await csvOf(admin, `/admin/ledger.csv${period === 'all' ? '' : `?period=${period}`}`);
        expect(columnTotal(doc, lt('ledger.csv.debit'), lithuanianCents), `debit ${period}`).to.equal(
          shown.debit,
        );
        expect(columnTotal(doc, lt('ledger.csv.credit'), lithuanianCents), `credit ${period}`).to.equal(
          shown.credit,
        );
        expect(shown.debit, period).to.be.greaterThan(0);
      }
      // With an account filter the file holds that account's lines: the group's turnover on the page.
      const page = (await admin.get('/admin/ledger/balances?period=2024-02').expect(200)).text;
      const income = shownTotals(page, 'data-group-total="income"');
      const { doc } = await csvOf(admin, '/admin/ledger.csv?period=2024-02&account=income');
      expect(columnTotal(doc, lt('ledger.csv.debit'), lithuanianCents)).to.equal(income.debit);
      expect(columnTotal(doc, lt('ledger.csv.credit'), lithuanianCents)).to.equal(income.credit);
      expect(income.credit).to.equal(4132 + 20000);
    });

    it('gives the machine format on request: codes, dots and UTC, with cents that round-trip', async () => {
      const res = await admin.get('/admin/ledger.csv?period=2024-02&format=machine').expect(200);
      const doc = readCsv(res.text, ',');
      expect(doc.header).to.deep.equal([
        'entry_id',
        'posted_at',
        'period',
        'kind',
        'channel',
        'reference_type',
        'reference_id',
        'reference_label',
        'account',
        'participant',
        'debit_eur',
        'credit_eur',
        'product_id',
        'order_id',
        'line_id',
        'memo',
      ]);
      const refund = doc.rows.filter((r) => r[0] === ids.refund);
      expect(refund.map((r) => [r[1], r[3], r[5], r[8], r[10], r[11]])).to.deep.equal([
        ['2024-02-12T12:00:00.000Z', 'order_refund', 'order', 'income:products', '10.00', '0.00'],
        ['2024-02-12T12:00:00.000Z', 'order_refund', 'order', 'liabilities:vat', '2.10', '0.00'],
        ['2024-02-12T12:00:00.000Z', 'order_refund', 'order', 'assets:stripe', '0.00', '12.10'],
      ]);
      const debits = columnTotal(doc, 'debit_eur', machineCents);
      const credits = columnTotal(doc, 'credit_eur', machineCents);
      expect(debits).to.equal(credits);
      expect(debits).to.equal(5000 + 1000 + 210 + 24200 + 1000);
    });

    it('has the sales channel and the participant of a stipend line (a name to administrators)', async () => {
      const { doc } = await csvOf(admin, '/admin/ledger.csv?period=2024-02');
      const boundary = doc.rows.filter((r) => r[0] === ids.boundary);
      expect(boundary.map((r) => r[9])).to.deep.equal(['', 'abc']); // no such participant: the id
      expect(boundary.map((r) => r[8])).to.deep.equal([
        lt('ledger.acct.expenses:stipends'),
        lt('ledger.acct.liabilities:stipends'),
      ]);
      // These entries carry no channel: an order's read as the web shop, an invoice's as services.
      const machine = readCsv((await admin.get('/admin/ledger.csv?period=2024-02&format=machine')).text, ',');
      const expected = (type: string) =>
        type === 'order' ? 'web' : type === 'invoice' || type === 'credit_note' ? 'services' : '';
      expect(machine.rows.length).to.be.greaterThan(0);
      for (const r of machine.rows) expect(r[4], `${r[5]} ${r[0]}`).to.equal(expected(r[5]!));
      expect(machine.rows.map((r) => r[4])).to.include.members(['web', 'services']);
      expect(column(doc, lt('ledger.csv.channel'))).to.include(lt('channel.web'));
    });

    it('uses the same filters as the list; with an account filter only the matching lines', async () => {
      const { rows } = await csvOf(admin, '/admin/ledger.csv?period=2024-02&account=income');
      expect(rows.slice(1).map((r) => [r[0], r[8], r[10], r[11]])).to.deep.equal([
        [ids.order2, lt('ledger.acct.income:products'), '0,00', '41,32'],
        [ids.refund, lt('ledger.acct.income:products'), '10,00', '0,00'],
        [ids.invoice, lt('ledger.acct.income:services'), '0,00', '200,00'],
      ]);
      const refund = await csvOf(admin, '/admin/ledger.csv?kind=order_refund&q=00002&format=bogus');
      expect(refund.rows.slice(1).map((r) => r[8])).to.deep.equal([
        lt('ledger.acct.income:products'),
        lt('ledger.acct.liabilities:vat'),
        lt('ledger.acct.assets:stripe'),
      ]);
      const all = await csvOf(admin, '/admin/ledger.csv?period=bad&page=7');
      expect(all.rows).to.have.length(1 + 4 + 2 + 3 + 3 + 3 + 2 + BULK * 2 + 2);
    });

    it('defuses spreadsheet formulas but leaves numbers alone', async () => {
      const { rows, bytes } = await csvOf(admin, '/admin/ledger.csv?period=2024-02');
      const memos = Object.fromEntries(rows.slice(1).map((r) => [r[0], r[15]]));
      expect(memos[ids.refund]).to.equal(`'=HYPERLINK("x")`);
      expect(memos[ids.boundary]).to.equal('-12.50');
      expect(bytes.toString('utf8')).to.contain(`"'=HYPERLINK(""x"")"`);
      for (const row of rows) for (const cell of row) expect(cell).not.to.match(/^[=+@]/);
    });

    it('offers both formats on the journal page, with the filters', async () => {
      const html = unescapeHtml(
        (await admin.get('/admin/ledger?period=2024-02&account=income').expect(200)).text,
      );
      expect(html).to.contain('href="/admin/ledger.csv?period=2024-02&account=income"');
      expect(html).to.contain('href="/admin/ledger.csv?period=2024-02&account=income&format=machine"');
      expect(html).to.contain(lt('csv.spreadsheet'));
      expect(html).to.contain(lt('csv.machine'));
    });
  });

  describe('access', () => {
    const urls = [
      '/admin/ledger',
      '/admin/ledger/balances?period=2024-01',
      '/admin/ledger.csv?period=2024-01',
    ];

    it('admin gets every page', async () => {
      for (const url of urls) expect((await admin.get(url)).status, url).to.equal(200);
    });

    for (const role of ['marketing', 'master'] as const) {
      it(`${role} gets 403 everywhere, and no figures`, async () => {
        const agent = await signInAs(t.app, role);
        for (const url of urls) {
          const res = await agent.get(url);
          expect(res.status, url).to.equal(403);
          expectMessage(res.text, 'errors.forbidden');
          expect(res.text, url).not.to.contain('income:products');
        }
      });
    }

    it('an anonymous visitor is sent to the login page', async () => {
      for (const url of urls) {
        const res = await request(t.app).get(url);
        expect(res.status, url).to.equal(303);
        expect(res.headers.location, url).to.equal(`/login?next=${encodeURIComponent(url)}`);
      }
    });
  });
});
