import { expect } from 'chai';
import fc from 'fast-check';
import mongoose from 'mongoose';
import type { JournalEntryDoc } from '../../src/ledger/model.ts';
import { accountMatches, computeBalances, ledgerFilter } from '../../src/ledger/queries.ts';
import { centsToCsv, csvSafe } from '../../src/lib/csv.ts';
import { kindLabel, shortId } from '../../src/ledger/routes.ts';
import { ledgerCsv, participantIdsOf, type LedgerCsvOptions } from '../../src/ledger/csv.ts';
import { balancesQuery, ledgerQuery } from '../../src/ledger/schemas.ts';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { translate } from '../../src/web/i18n.ts';

const ltText = (key: string) => translate('lt', key);
const en = (key: string) => translate('en', key);
import { lt } from '../../src/web/i18n/lt.ts';

type Line = { account: string; debitCents: number; creditCents: number };
const line = (account: string, debitCents: number, creditCents: number): Line => ({
  account,
  debitCents,
  creditCents,
});

describe('ledger', () => {
  describe('csvSafe', () => {
    it('puts an apostrophe before cells a spreadsheet would run as formulas', () => {
      expect(csvSafe('=HYPERLINK("x")')).to.equal(`'=HYPERLINK("x")`);
      expect(csvSafe('+370 600')).to.equal(`'+370 600`);
      expect(csvSafe('-2+3')).to.equal(`'-2+3`);
      expect(csvSafe('@SUM(A1)')).to.equal(`'@SUM(A1)`);
      expect(csvSafe('\t=1')).to.equal(`'\t=1`);
    });

    it('leaves numbers and ordinary text alone', () => {
      for (const v of ['-12.50', '+5', '-3', '12.50', '0.00', 'Molis = 5 €', '', 'income:products']) {
        expect(csvSafe(v), v).to.equal(v);
      }
    });
  });

  describe('centsToCsv', () => {
    it('writes euros with two decimals and a dot', () => {
      expect(centsToCsv(1250)).to.equal('12.50');
      expect(centsToCsv(5)).to.equal('0.05');
      expect(centsToCsv(0)).to.equal('0.00');
      expect(centsToCsv(123456789)).to.equal('1234567.89');
    });

    it('round-trips every amount (property)', () => {
      fc.assert(
        fc.property(fc.nat(1_000_000_000), (cents) => {
          const text = centsToCsv(cents);
          expect(text).to.match(/^\d+\.\d{2}$/);
          expect(Math.round(Number(text) * 100)).to.equal(cents);
        }),
      );
    });
  });

  describe('labels', () => {
    it('translates known kinds and shows unknown kinds as they are', () => {
      expect(kindLabel('order_paid', 'lt')).to.equal(lt['ledger.kind.order_paid']);
      expect(kindLabel('order_paid', 'en')).to.equal('Order paid');
      expect(kindLabel('something_new', 'lt')).to.equal('something_new');
    });

    it('shortens long ids only', () => {
      expect(shortId('665f1c2e9b1e8a0012345678')).to.equal('…345678');
      expect(shortId('l1')).to.equal('l1');
    });
  });

  describe('accountMatches', () => {
    it('matches an account and the accounts under it, by whole segments', () => {
      expect(accountMatches('income:products', 'income')).to.equal(true);
      expect(accountMatches('income', 'income')).to.equal(true);
      expect(accountMatches('income:products', 'income:products')).to.equal(true);
      expect(accountMatches('liabilities:stipends:a1', 'liabilities:stipends')).to.equal(true);
      expect(accountMatches('income:products', 'income:prod')).to.equal(false);
      expect(accountMatches('incomes:x', 'income')).to.equal(false);
      expect(accountMatches('assets:bank', 'income')).to.equal(false);
      expect(accountMatches('assets:bank', undefined)).to.equal(true);
    });
  });

  describe('query schemas', () => {
    it('keeps good filter values', () => {
      expect(
        ledgerQuery.parse({
          period: '2026-10',
          account: 'Income:Products',
          kind: 'order_paid',
          q: ' 2026-1 ',
          page: '3',
        }),
      ).to.deep.equal({
        period: '2026-10',
        account: 'income:products',
        kind: 'order_paid',
        q: '2026-1',
        page: 3,
      });
    });

    it('falls back to the defaults for bad values, never throws', () => {
      const defaults = { q: '', page: 1 };
      const defined = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
      for (const bad of [
        { period: '2026-13' },
        { period: ['2026-01', '2026-02'] },
        { account: 'cash' },
        { account: 'income:' },
        { account: 'x'.repeat(200) },
        { kind: 'a b' },
        { kind: '<script>' },
        { q: 'x'.repeat(101) },
        { q: ['a', 'b'] },
        { page: '0' },
        { page: '-2' },
        { page: 'x' },
        { page: '100000' },
      ]) {
        expect(defined(ledgerQuery.parse(bad)), JSON.stringify(bad)).to.deep.equal(defaults);
      }
      expect(defined(ledgerQuery.parse({}))).to.deep.equal(defaults);
    });

    it('defaults the balances period to the current Vilnius period, and allows "all"', () => {
      expect(balancesQuery.parse({ period: 'all' })).to.deep.equal({ period: 'all' });
      expect(balancesQuery.parse({ period: '2025-12' })).to.deep.equal({ period: '2025-12' });
      for (const bad of [{}, { period: '' }, { period: '2025-00' }, { period: ['all'] }, { period: 'ALL' }]) {
        expect(balancesQuery.parse(bad).period, JSON.stringify(bad)).to.equal(vilniusPeriod(new Date()));
      }
    });
  });

  describe('ledgerFilter', () => {
    it('escapes the reference search and anchors the account prefix', () => {
      const f = ledgerFilter({ q: 'a.b(', account: 'income', period: '2026-01', kind: 'refund' }) as Record<
        string,
        unknown
      >;
      expect(f).to.deep.include({ period: '2026-01', kind: 'refund' });
      expect(f['lines.account']).to.deep.equal({ $regex: '^income(:|$)' });
      expect(f.$or).to.deep.equal([
        { 'reference.label': { $regex: 'a\\.b\\(', $options: 'i' } },
        { 'reference.id': { $regex: 'a\\.b\\(', $options: 'i' } },
      ]);
      expect(ledgerFilter({ q: '' })).to.deep.equal({});
    });
  });

  describe('computeBalances', () => {
    it('adds up debits and credits per account, grouped by type in balance-sheet order', () => {
      const result = computeBalances([
        {
          lines: [
            line('income:products', 0, 1000),
            line('assets:bank', 1210, 0),
            line('liabilities:vat', 0, 210),
          ],
        },
        { lines: [line('expenses:materials', 300, 0), line('assets:bank', 0, 300)] },
        { lines: [line('equity:opening', 0, 50), line('assets:cash', 50, 0)] },
      ]);
      expect(result.groups.map((g) => g.type)).to.deep.equal([
        'assets',
        'liabilities',
        'equity',
        'income',
        'expenses',
      ]);
      expect(result.groups[0]!.accounts).to.deep.equal([
        { account: 'assets:bank', debitCents: 1210, creditCents: 300, balanceCents: 910 },
        { account: 'assets:cash', debitCents: 50, creditCents: 0, balanceCents: 50 },
      ]);
      expect(result.groups[0]).to.include({ debitCents: 1260, creditCents: 300, balanceCents: 960 });
      expect(result).to.include({ debitCents: 1560, creditCents: 1560, balanced: true, entryCount: 3 });
    });

    it('reports an unbalanced journal', () => {
      const result = computeBalances([
        { lines: [line('assets:bank', 100, 0), line('income:products', 0, 99)] },
      ]);
      expect(result).to.include({ debitCents: 100, creditCents: 99, balanced: false });
    });

    it('is empty and balanced for no entries', () => {
      expect(computeBalances([])).to.deep.equal({
        groups: [],
        debitCents: 0,
        creditCents: 0,
        balanced: true,
        entryCount: 0,
      });
    });

    it('always balances for balanced entries, and the balances sum to zero (property)', () => {
      const accounts = ['assets:bank', 'assets:stripe', 'income:products', 'liabilities:vat', 'expenses:x'];
      const entry = fc
        .tuple(fc.constantFrom(...accounts), fc.constantFrom(...accounts), fc.integer({ min: 1, max: 1e7 }))
        .map(([a, b, cents]) => ({ lines: [line(a, cents, 0), line(b, 0, cents)] }));
      fc.assert(
        fc.property(fc.array(entry, { maxLength: 30 }), (entries) => {
          const r = computeBalances(entries);
          expect(r.balanced).to.equal(true);
          const sum = r.groups.flatMap((g) => g.accounts).reduce((s, a) => s + a.balanceCents, 0);
          expect(sum).to.equal(0);
        }),
      );
    });
  });

  describe('ledgerCsv', () => {
    const entry = {
      _id: new mongoose.Types.ObjectId('665f1c2e9b1e8a0012345678'),
      idempotencyKey: 'k',
      postedAt: new Date('2026-03-01T10:00:00Z'),
      period: '2026-03',
      kind: 'order_refund',
      channel: 'web',
      reference: { type: 'order', id: 'o1', label: 'Užsakymas, "2026-00001"' },
      memo: '@evil',
      lines: [
        { account: 'income:products', debitCents: 1250, creditCents: 0, attribution: null },
        { account: 'assets:stripe', debitCents: 0, creditCents: 1250, attribution: null },
      ],
      totalCents: 1250,
    } as unknown as JournalEntryDoc;

    const opts = (extra: Partial<LedgerCsvOptions> = {}): LedgerCsvOptions => ({
      format: 'spreadsheet',
      lang: 'en',
      participants: new Map(),
      showNames: true,
      ...extra,
    });

    it('spreadsheet: BOM, CRLF, semicolons, decimal comma, Vilnius time, words; quotes what needs quoting', () => {
      const csv = ledgerCsv([entry], opts());
      expect(csv.charCodeAt(0)).to.equal(0xfeff);
      const lines = csv.slice(1).split('\r\n');
      expect(lines).to.have.length(4);
      expect(lines[0]).to.equal(
        'Entry ID;Posted at;Period;Kind;Sales channel;Reference type;Reference ID;Reference;Account;Participant;Debit, EUR;Credit, EUR;Product ID;Order ID;Line ID;Memo',
      );
      expect(lines[1]).to.equal(
        `665f1c2e9b1e8a0012345678;2026-03-01 12:00;2026-03;Order refund;${en('channel.web')};order;o1;"Užsakymas, ""2026-00001""";${en('ledger.acct.income:products')};;12,50;0,00;;;;'@evil`,
      );
      expect(lines[3]).to.equal('');
    });

    it('machine: no BOM, commas, decimal point, UTC ISO time, codes as stored, snake_case headers', () => {
      const csv = ledgerCsv([entry], opts({ format: 'machine' }));
      expect(csv.charCodeAt(0)).to.not.equal(0xfeff);
      const lines = csv.split('\r\n');
      expect(lines[0]).to.equal(
        'entry_id,posted_at,period,kind,channel,reference_type,reference_id,reference_label,account,participant,debit_eur,credit_eur,product_id,order_id,line_id,memo',
      );
      expect(lines[1]).to.equal(
        '665f1c2e9b1e8a0012345678,2026-03-01T10:00:00.000Z,2026-03,order_refund,web,order,o1,"Užsakymas, ""2026-00001""",income:products,,12.50,0.00,,,,\'@evil',
      );
    });

    it('lists only the lines under the account filter', () => {
      const csv = ledgerCsv([entry], opts({ lang: 'lt', account: 'assets' }));
      const lines = csv.slice(1).trimEnd().split('\r\n');
      expect(lines).to.have.length(2);
      expect(lines[1]).to.contain(`;${ltText('ledger.acct.assets:stripe')};;0,00;12,50;`);
    });

    it('names the participant of a stipend line to administrators only; others see the code', () => {
      const stipend = {
        ...entry,
        kind: 'stipends_finalised',
        channel: null,
        reference: { type: 'stipend_period', id: '2026-03', label: '2026-03' },
        memo: '',
        lines: [
          { account: 'expenses:stipends', debitCents: 5000, creditCents: 0, attribution: null },
          {
            account: 'liabilities:stipends:665f1c2e9b1e8a00000000aa',
            debitCents: 0,
            creditCents: 5000,
            attribution: { participantId: '665f1c2e9b1e8a00000000aa' },
          },
        ],
      } as unknown as JournalEntryDoc;
      expect(participantIdsOf([entry, stipend])).to.deep.equal(['665f1c2e9b1e8a00000000aa']);
      const participants = new Map([
        ['665f1c2e9b1e8a00000000aa', { displayName: 'Ona Žemaitė', code: 'D-07' }],
      ]);
      const admin = ledgerCsv([stipend], opts({ lang: 'lt', participants })).split('\r\n');
      expect(admin[2]).to.contain(`;${ltText('ledger.acct.liabilities:stipends')};Ona Žemaitė;0,00;50,00;`);
      expect(admin[1]).to.contain(';Patvirtintos stipendijos;;stipendijų mėnuo;');
      const other = ledgerCsv([stipend], opts({ lang: 'lt', participants, showNames: false }));
      expect(other).to.contain(`;${ltText('ledger.acct.liabilities:stipends')};D-07;0,00;50,00;`);
      expect(other).to.not.contain('Ona');
    });
  });
});
