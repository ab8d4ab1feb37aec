import { expect } from 'chai';
import fc from 'fast-check';
import {
  ACCOUNT_RE,
  UnbalancedEntryError,
  validateEntry,
  type EntryInput,
  type EntryLine,
} from '../../src/ledger/service.ts';

const entry = (lines: EntryLine[], over: Partial<EntryInput> = {}): EntryInput => ({
  idempotencyKey: 'order:abc:paid',
  kind: 'order_paid',
  reference: { type: 'order', id: 'abc' },
  lines,
  ...over,
});
const dr = (account: string, debitCents: number): EntryLine => ({ account, debitCents });
const cr = (account: string, creditCents: number): EntryLine => ({ account, creditCents });

const paid = (): EntryLine[] => [
  dr('assets:stripe', 2783),
  cr('income:products', 2000),
  cr('income:delivery', 300),
  cr('liabilities:vat', 483),
];

const refuses = (input: EntryInput, message?: RegExp) => {
  expect(() => validateEntry(input)).to.throw(UnbalancedEntryError, message);
};

describe('validateEntry', () => {
  describe('accepts', () => {
    it('a balanced entry and returns its total', () => {
      expect(validateEntry(entry(paid()))).to.equal(2783);
    });

    it('a two-line entry, lines in any order, explicit zeros on the other side', () => {
      expect(validateEntry(entry([cr('assets:bank', 500), dr('expenses:materials', 500)]))).to.equal(500);
      expect(
        validateEntry(
          entry([
            { account: 'expenses:stipends', debitCents: 700, creditCents: 0 },
            { account: 'liabilities:stipends:64b7f0c2a1e4d3f5a6b7c8d9', debitCents: 0, creditCents: 700 },
          ]),
        ),
      ).to.equal(700);
    });

    it('ignores zero lines (e.g. no delivery fee), even with an odd account name', () => {
      const lines = [...paid(), cr('income:delivery', 0), { account: 'whatever' }, dr('Assets:bank', 0)];
      expect(validateEntry(entry(lines))).to.equal(2783);
    });

    it('every account of the chart', () => {
      for (const account of [
        'assets:stripe',
        'assets:bank',
        'assets:cash',
        'income:products',
        'income:services',
        'income:delivery',
        'liabilities:vat',
        'expenses:materials',
        'expenses:stipends',
        'liabilities:stipends:64b7f0c2a1e4d3f5a6b7c8d9',
        'equity:opening_balance',
      ]) {
        expect(validateEntry(entry([dr(account, 1), cr('assets:bank', 1)])), account).to.equal(1);
      }
    });
  });

  describe('refuses', () => {
    it('an unbalanced entry', () => {
      refuses(entry([dr('assets:stripe', 2783), cr('income:products', 2000), cr('liabilities:vat', 482)]));
      refuses(entry([dr('assets:stripe', 1), cr('income:products', 2)]));
    });

    it('a negative amount, even when the entry would balance', () => {
      refuses(entry([dr('assets:bank', 100), cr('income:products', 200), cr('liabilities:vat', -100)]));
      refuses(entry([dr('assets:bank', -100), cr('income:products', -100)]));
      // a negative credit hidden on a debit line, which would otherwise balance
      refuses(
        entry([{ account: 'assets:bank', debitCents: 100, creditCents: -50 }, cr('income:products', 50)]),
      );
      refuses(
        entry([{ account: 'assets:bank', debitCents: 100, creditCents: -50 }, cr('income:products', 150)]),
      );
      refuses(
        entry([{ account: 'assets:bank', debitCents: -50, creditCents: 100 }, dr('expenses:materials', 150)]),
      );
      refuses(
        entry([{ account: 'assets:bank', debitCents: 100, creditCents: -5 }, cr('income:products', 95)]),
      );
    });

    it('a non-integer or non-finite amount', () => {
      refuses(entry([dr('assets:bank', 10.5), cr('income:products', 10.5)]));
      refuses(entry([dr('assets:bank', 0.1), cr('income:products', 0.1)]));
      refuses(entry([dr('assets:bank', Number.NaN), cr('income:products', Number.NaN)]));
      refuses(entry([dr('assets:bank', Infinity), cr('income:products', Infinity)]));
      refuses(entry([dr('assets:bank', 2 ** 53), cr('income:products', 2 ** 53)]));
    });

    it('a line with both a debit and a credit', () => {
      refuses(
        entry([
          { account: 'assets:bank', debitCents: 100, creditCents: 100 },
          dr('expenses:materials', 50),
          cr('assets:cash', 50),
        ]),
      );
    });

    it('an account of an unknown shape', () => {
      for (const account of [
        'Assets:bank',
        'assets',
        'income products',
        'income:',
        'income::products',
        'assets:Bank',
        'revenue:products',
        ' assets:bank',
        'assets:bank ',
        'assets:bank\n',
        '',
      ]) {
        refuses(entry([dr(account, 100), cr('income:products', 100)]));
        expect(ACCOUNT_RE.test(account), account).to.equal(false);
      }
    });

    it('fewer than two non-zero lines', () => {
      refuses(entry([]));
      refuses(entry([dr('assets:bank', 0), cr('income:products', 0)]));
      refuses(entry([dr('assets:bank', 100)]));
      refuses(entry([dr('assets:bank', 100), cr('income:products', 0)]));
    });

    it('an entry without an idempotency key', () => {
      refuses(entry(paid(), { idempotencyKey: '' }));
      refuses(entry(paid(), { idempotencyKey: undefined as unknown as string }));
    });

    it('an unbalanced entry whose sums are beyond 2^53 (no floating-point rounding may hide the difference)', () => {
      // debits 2^53 + 1, credits 2^53: in floating point both sums round to 2^53.
      const max = Number.MAX_SAFE_INTEGER; // 2^53 − 1
      refuses(
        entry([
          dr('assets:bank', max),
          dr('assets:cash', 2),
          cr('income:products', max),
          cr('income:services', 1),
        ]),
      );
    });
  });

  describe('properties', () => {
    const debitAccount = fc.constantFrom('assets:stripe', 'assets:bank', 'assets:cash', 'expenses:materials');
    const creditAccount = fc.constantFrom(
      'income:products',
      'income:services',
      'income:delivery',
      'liabilities:vat',
      'liabilities:stipends:p1',
    );
    const cents = fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100_000_000 }));

    /** Random debits; the credits split the same total into 1–6 positive parts; shuffled; maybe zero lines. */
    const balanced = fc
      .tuple(
        fc.array(fc.tuple(debitAccount, cents), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 0, maxLength: 5 }),
        creditAccount,
        fc.array(creditAccount, { minLength: 5, maxLength: 5 }),
        fc.array(fc.tuple(creditAccount, fc.boolean()), { maxLength: 2 }),
        fc.array(fc.integer(), { minLength: 14, maxLength: 14 }),
      )
      .map(([debits, cuts, firstCredit, creditAccounts, zeros, order]) => {
        const total = debits.reduce((s, [, c]) => s + c, 0);
        // cut points inside 1..total−1 give positive credit parts
        const points = [...new Set(cuts.map((c) => 1 + Math.floor(((total - 1) * c) / 1000)))]
          .filter((p) => p > 0 && p < total)
          .sort((a, b) => a - b);
        const bounds = [0, ...points, total];
        const credits = bounds
          .slice(1)
          .map((b, i) => cr(i === 0 ? firstCredit : creditAccounts[i - 1]!, b - bounds[i]!));
        const lines: EntryLine[] = [
          ...debits.map(([a, c]) => dr(a, c)),
          ...credits,
          ...zeros.map(([a, debit]) => (debit ? dr(a, 0) : cr(a, 0))),
        ];
        const shuffled = lines
          .map((l, i) => ({ l, o: order[i] ?? 0 }))
          .sort((a, b) => a.o - b.o)
          .map(({ l }) => l);
        return { total, lines: shuffled };
      });

    it('any balanced entry passes and returns its total', () => {
      fc.assert(
        fc.property(balanced, ({ total, lines }) => {
          expect(validateEntry(entry(lines))).to.equal(total);
        }),
      );
    });

    it('changing any one amount by ±1 makes it fail', () => {
      fc.assert(
        fc.property(balanced, fc.nat(), fc.constantFrom(1, -1), ({ lines }, pick, delta) => {
          const nonZero = lines
            .map((l, i) => ({ l, i }))
            .filter(({ l }) => (l.debitCents ?? 0) !== 0 || (l.creditCents ?? 0) !== 0);
          const { l, i } = nonZero[pick % nonZero.length]!;
          const changed: EntryLine =
            l.debitCents !== undefined
              ? { ...l, debitCents: l.debitCents + delta }
              : { ...l, creditCents: l.creditCents! + delta };
          const altered = lines.map((x, j) => (j === i ? changed : x));
          refuses(entry(altered));
        }),
      );
    });

    it('any refused entry throws UnbalancedEntryError, never something else', () => {
      const anyLine = fc.record(
        {
          account: fc.oneof(debitAccount, creditAccount, fc.string({ maxLength: 12 })),
          debitCents: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double()),
          creditCents: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double()),
        },
        { requiredKeys: ['account'] },
      );
      fc.assert(
        fc.property(fc.array(anyLine, { maxLength: 6 }), fc.string({ maxLength: 3 }), (lines, key) => {
          try {
            const total = validateEntry(entry(lines, { idempotencyKey: key }));
            expect(Number.isSafeInteger(total) && total > 0).to.equal(true);
          } catch (err) {
            expect(err).to.be.instanceOf(UnbalancedEntryError);
          }
        }),
      );
    });
  });
});
