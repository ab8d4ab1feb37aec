import { expect } from 'chai';
import mongoose from 'mongoose';
import type { JournalEntryDoc } from '../../src/ledger/model.ts';
import { accountName, NO_LOOKUPS, presentEntry, type Lookups } from '../../src/ledger/present.ts';
import { ledgerQuery } from '../../src/ledger/schemas.ts';
import { ledgerFilter } from '../../src/ledger/queries.ts';
import { vilniusDate, vilniusPeriod } from '../../src/lib/dates.ts';
import { monthEndMoment } from '../../src/stipends/close.ts';
import { en } from '../../src/web/i18n/en.ts';
import { lt } from '../../src/web/i18n/lt.ts';

const ACCOUNTS = [
  'assets:bank',
  'assets:stripe',
  'assets:cash',
  'assets:card_terminal',
  'income:products',
  'income:services',
  'income:delivery',
  'income:cash_rounding',
  'liabilities:vat',
  'liabilities:overpayments',
  'expenses:stipends',
  'expenses:materials',
  'expenses:payment_shortfalls',
  'expenses:cash_rounding',
];

const PERSON = '665f1c2e9b1e8a0012340001';

describe('the ledger in words', () => {
  it('names every account of the chart in Lithuanian and English, never as its code', () => {
    for (const account of ACCOUNTS) {
      const inLt = accountName(account, 'lt', NO_LOOKUPS);
      const inEn = accountName(account, 'en', NO_LOOKUPS);
      expect(inLt.name, account).to.equal(lt[`ledger.acct.${account}` as keyof typeof lt]);
      expect(inEn.name, account).to.equal(en[`ledger.acct.${account}` as keyof typeof en]);
      expect(inLt.name).not.to.equal(account);
      expect(inLt.code).to.equal(account);
    }
    expect(accountName('income:products', 'lt', NO_LOOKUPS).name).to.equal('Pardavimo pajamos: prekės');
    expect(accountName('assets:bank', 'lt', NO_LOOKUPS).name).to.equal('Bankas');
  });

  it('falls back to the code for an account it does not know', () => {
    expect(accountName('expenses:rent', 'lt', NO_LOOKUPS)).to.deep.equal({
      name: 'expenses:rent',
      code: 'expenses:rent',
    });
  });

  it('names a participant’s stipend account when names were looked up, else says "participant"', () => {
    const account = `liabilities:stipends:${PERSON}`;
    const named: Lookups = { ...NO_LOOKUPS, participants: new Map([[PERSON, 'Jonas J.']]) };
    expect(accountName(account, 'lt', named).name).to.equal('Stipendijos dalyviams (mokėtina): Jonas J.');
    expect(accountName(account, 'lt', NO_LOOKUPS).name).to.equal('Stipendijos dalyviams (mokėtina): dalyvis');
    expect(accountName(account, 'en', NO_LOOKUPS).name).to.equal(
      'Stipends payable to participants: participant',
    );
  });

  it('shows a service line by job and invoice, with links, and the channel in words', () => {
    const job = '665f1c2e9b1e8a00000000a1';
    const invoice = '665f1c2e9b1e8a00000000b1';
    const entry = {
      _id: new mongoose.Types.ObjectId(),
      idempotencyKey: `invoice:${invoice}:paid`,
      postedAt: new Date('2026-10-05T10:00:00Z'),
      period: '2026-10',
      kind: 'invoice_paid',
      channel: 'services',
      reference: { type: 'invoice', id: invoice, label: '' },
      memo: '',
      totalCents: 12100,
      corrects: null,
      movedFrom: null,
      lines: [
        { account: 'assets:bank', debitCents: 12100, creditCents: 0, attribution: null },
        {
          account: 'income:services',
          debitCents: 0,
          creditCents: 10000,
          attribution: {
            jobId: job,
            invoiceId: invoice,
            lineId: 'q1',
            productId: null,
            orderId: null,
            participantId: null,
          },
        },
        { account: 'liabilities:vat', debitCents: 0, creditCents: 2100, attribution: null },
      ],
    } as unknown as JournalEntryDoc;
    const lookups: Lookups = {
      ...NO_LOOKUPS,
      jobs: new Map([[job, { reference: 'U-2026-0007', title: 'Dovanų rinkiniai' }]]),
      invoices: new Map([[invoice, { label: 'DV 000012', requestId: job }]]),
    };
    const shown = presentEntry(entry, 'lt', null, lookups);
    expect(shown.channelLabel).to.equal('Paslaugos verslui');
    expect(shown.reference).to.include({
      label: 'DV 000012',
      href: `/admin/service-invoices/${invoice}/pdf`,
    });
    expect(shown.lines[1]!.accountName).to.equal('Pardavimo pajamos: paslaugos');
    expect(shown.lines[1]!.attribution).to.deep.equal([
      { label: 'darbas', text: 'U-2026-0007 · Dovanų rinkiniai', href: `/admin/requests/${job}`, title: job },
      {
        label: 'sąskaita faktūra',
        text: 'DV 000012',
        href: `/admin/service-invoices/${invoice}/pdf`,
        title: invoice,
      },
    ]);
  });

  it('keeps a good channel filter and drops a bad one', () => {
    expect(ledgerQuery.parse({ channel: 'fair' }).channel).to.equal('fair');
    expect(ledgerQuery.parse({ channel: 'moon' }).channel).to.equal(undefined);
    expect(ledgerFilter({ ...ledgerQuery.parse({ channel: 'phone' }) })).to.deep.include({
      channel: 'phone',
    });
  });

  it('dates a month’s stipend expense on its last second in Vilnius, in winter and in summer time', () => {
    expect(monthEndMoment('2026-11').toISOString()).to.equal('2026-11-30T21:59:59.000Z');
    expect(monthEndMoment('2026-07').toISOString()).to.equal('2026-07-31T20:59:59.000Z');
    expect(monthEndMoment('2026-12').toISOString()).to.equal('2026-12-31T21:59:59.000Z');
    expect(monthEndMoment('2028-02').toISOString()).to.equal('2028-02-29T21:59:59.000Z');
    for (const period of ['2026-01', '2026-03', '2026-10', '2027-02']) {
      expect(vilniusPeriod(monthEndMoment(period)), period).to.equal(period);
      expect(vilniusDate(new Date(monthEndMoment(period).getTime() + 1000)).endsWith('-01'), period).to.equal(
        true,
      );
    }
  });
});
