import { expect } from 'chai';
import fc from 'fast-check';
import {
  centsToInput,
  divRoundHalfUp,
  formatCents,
  parseAmountToCents,
  parsePercentToBps,
  priceBreakdown,
} from '../../src/lib/money.ts';

const NBSP = '\u00a0';
const NARROW_NBSP = '\u202f';

describe('money', () => {
  describe('parseAmountToCents', () => {
    const accepted: Array<[string, number]> = [
      ['12', 1200],
      ['0', 0],
      ['12,5', 1250],
      ['12.5', 1250],
      ['12,50', 1250],
      ['12.50', 1250],
      ['12,05', 1205],
      ['0,01', 1],
      ['0.99', 99],
      ['1 234,50', 123450],
      [`1${NBSP}234,50`, 123450],
      [`1${NARROW_NBSP}234,50`, 123450],
      ['1 234 567,89', 123456789],
      ['12 €', 1200],
      ['12€', 1200],
      ['12,50 €', 1250],
      [`1${NBSP}234,50${NBSP}€`, 123450],
      ['  7,25  ', 725],
      ['-3,10', -310],
      ['-3', -300],
      ['999999999,99', 99999999999],
    ];
    for (const [input, cents] of accepted) {
      it(`parses ${JSON.stringify(input)} as ${cents}`, () => {
        expect(parseAmountToCents(input)).to.equal(cents);
      });
    }

    const rejected = [
      '',
      '   ',
      '€',
      'abc',
      '12abc',
      '1.234', // a thousands dot would be ambiguous with a decimal point
      '1.234,50',
      '1,234.50',
      '12,345', // three decimals is not a euro amount
      '12.345',
      '1e3',
      '0x10',
      '12,',
      '12.',
      ',5',
      '.5',
      '12,5,0',
      '12.5.',
      '+5',
      '--5',
      '€12',
      '12 € €',
      '12 $',
      'Infinity',
      'NaN',
      '１２', // full-width digits
      '١٢', // Arabic-Indic digits
      '1234567890', // more than nine whole digits
    ];
    for (const input of rejected) {
      it(`rejects ${JSON.stringify(input)}`, () => {
        expect(parseAmountToCents(input)).to.equal(null);
      });
    }

    it('rejects digits split by spaces that are not thousands groups (a typo, not an amount)', () => {
      // Spaces are accepted as thousands separators ("1 234,50"); "1 2" is not one thousand-something.
      const loose = ['1 2', '12 34', '1 2 3 4', '1234 567', '12 ,5', '1\t2', '1\n2'];
      const read = loose.filter((input) => parseAmountToCents(input) !== null);
      expect(read, 'inputs read as amounts').to.deep.equal([]);
    });

    it('reads "-0" as plain zero, not negative zero', () => {
      expect(Object.is(parseAmountToCents('-0'), 0)).to.equal(true);
      expect(Object.is(parseAmountToCents('-0,00'), 0)).to.equal(true);
    });

    it('round-trips centsToInput with either decimal separator (property)', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }),
          fc.constantFrom(',' as const, '.' as const),
          (cents, sep) => {
            const parsed = parseAmountToCents(centsToInput(cents, sep));
            expect(parsed).to.equal(cents);
          },
        ),
        { numRuns: 500 },
      );
    });

    it('never returns anything but null or a safe integer (property)', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 20 }), (s) => {
          const r = parseAmountToCents(s);
          expect(r === null || Number.isSafeInteger(r)).to.equal(true);
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('centsToInput', () => {
    it('formats cents as an editable value', () => {
      expect(centsToInput(1250, ',')).to.equal('12,50');
      expect(centsToInput(1250, '.')).to.equal('12.50');
      expect(centsToInput(5, ',')).to.equal('0,05');
      expect(centsToInput(0, '.')).to.equal('0.00');
      expect(centsToInput(-310, ',')).to.equal('-3,10');
      expect(centsToInput(123450, ',')).to.equal('1234,50');
    });
  });

  describe('divRoundHalfUp', () => {
    it('rounds exact examples half away from zero', () => {
      expect(divRoundHalfUp(5, 2)).to.equal(3);
      expect(divRoundHalfUp(-5, 2)).to.equal(-3);
      expect(divRoundHalfUp(4, 3)).to.equal(1);
      expect(divRoundHalfUp(-4, 3)).to.equal(-1);
      expect(divRoundHalfUp(5, 3)).to.equal(2);
      expect(divRoundHalfUp(-5, 3)).to.equal(-2);
      expect(divRoundHalfUp(0, 7)).to.equal(0);
      expect(divRoundHalfUp(10, 5)).to.equal(2);
      expect(divRoundHalfUp(7, 1)).to.equal(7);
      expect(divRoundHalfUp(1, 3)).to.equal(0);
      expect(divRoundHalfUp(15, 10)).to.equal(2);
      expect(divRoundHalfUp(14, 10)).to.equal(1);
      expect(divRoundHalfUp(-15, 10)).to.equal(-2);
    });

    it('is within half a denominator and breaks ties away from zero (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
          const r = divRoundHalfUp(n, d);
          expect(Number.isSafeInteger(r)).to.equal(true);
          const diff = Math.abs(n - r * d);
          expect(2 * diff).to.be.at.most(d);
          if (2 * diff === d) {
            // a tie: the result is the one further from zero
            expect(Math.abs(r * d)).to.be.greaterThan(Math.abs(n));
          }
        }),
        { numRuns: 1000 },
      );
    });

    it('is odd-symmetric: rounding -n gives minus the rounding of n (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
          expect(divRoundHalfUp(-n, d) + divRoundHalfUp(n, d)).to.equal(0);
        }),
      );
    });

    it('refuses non-integers, unsafe integers and non-positive denominators', () => {
      expect(() => divRoundHalfUp(1.5, 2)).to.throw(RangeError);
      expect(() => divRoundHalfUp(1, 2.5)).to.throw(RangeError);
      expect(() => divRoundHalfUp(Number.NaN, 2)).to.throw(RangeError);
      expect(() => divRoundHalfUp(1, Number.POSITIVE_INFINITY)).to.throw(RangeError);
      expect(() => divRoundHalfUp(2 ** 53, 2)).to.throw(RangeError);
      expect(() => divRoundHalfUp(1, 0)).to.throw(RangeError);
      expect(() => divRoundHalfUp(1, -3)).to.throw(RangeError);
    });
  });

  describe('priceBreakdown', () => {
    it('splits a gross price', () => {
      expect(priceBreakdown(1210, 2100, true)).to.deep.equal({
        netCents: 1000,
        vatCents: 210,
        grossCents: 1210,
      });
      expect(priceBreakdown(1000, 900, true)).to.deep.equal({
        netCents: 917,
        vatCents: 83,
        grossCents: 1000,
      });
    });

    it('adds VAT to a net price', () => {
      expect(priceBreakdown(1000, 2100, false)).to.deep.equal({
        netCents: 1000,
        vatCents: 210,
        grossCents: 1210,
      });
      // 999 * 21 % = 209.79 → 210
      expect(priceBreakdown(999, 2100, false)).to.deep.equal({
        netCents: 999,
        vatCents: 210,
        grossCents: 1209,
      });
      // 50 * 9 % = 4.5 → 5 (half up)
      expect(priceBreakdown(50, 900, false)).to.deep.equal({ netCents: 50, vatCents: 5, grossCents: 55 });
    });

    it('has no VAT at a 0 % rate', () => {
      expect(priceBreakdown(1234, 0, true)).to.deep.equal({ netCents: 1234, vatCents: 0, grossCents: 1234 });
      expect(priceBreakdown(1234, 0, false)).to.deep.equal({ netCents: 1234, vatCents: 0, grossCents: 1234 });
    });

    it('keeps net + VAT = gross with non-negative parts in both modes (property)', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 10_000_000 }),
          fc.integer({ min: 0, max: 10_000 }),
          fc.boolean(),
          (price, rate, includesVat) => {
            const b = priceBreakdown(price, rate, includesVat);
            expect(b.netCents + b.vatCents).to.equal(b.grossCents);
            expect(b.vatCents).to.be.at.least(0);
            expect(b.netCents).to.be.at.least(0);
            for (const v of [b.netCents, b.vatCents, b.grossCents])
              expect(Number.isSafeInteger(v)).to.equal(true);
            if (includesVat) expect(b.grossCents).to.equal(price);
            else expect(b.netCents).to.equal(price);
            // VAT is the rate applied to the price, rounded to the nearest cent
            expect(Math.abs(b.vatCents * 10_000 - b.netCents * rate)).to.be.at.most(
              includesVat ? (10_000 + rate) / 2 : 5_000,
            );
          },
        ),
        { numRuns: 1000 },
      );
    });
  });

  describe('formatCents', () => {
    it('formats in Lithuanian: comma decimals, grouped thousands, € after', () => {
      const s = formatCents(123456, 'lt-LT');
      expect(s).to.match(/^1[\s\u00a0\u202f]234,56[\s\u00a0\u202f]€$/);
      expect(formatCents(1250, 'lt-LT')).to.match(/^12,50[\s\u00a0\u202f]€$/);
      expect(formatCents(0, 'lt-LT')).to.match(/^0,00[\s\u00a0\u202f]€$/);
    });

    it('formats in English (Ireland): € first, point decimals, comma thousands', () => {
      expect(formatCents(123456, 'en-IE')).to.equal('€1,234.56');
      expect(formatCents(5, 'en-IE')).to.equal('€0.05');
    });

    it('shows negative amounts with a minus sign', () => {
      expect(formatCents(-310, 'en-IE')).to.match(/^[-\u2212]€3\.10$/);
      expect(formatCents(-310, 'lt-LT')).to.match(/^[-\u2212]3,10[\s\u00a0\u202f]€$/);
    });
  });

  describe('parsePercentToBps', () => {
    const accepted: Array<[string, number]> = [
      ['21', 2100],
      ['9,5', 950],
      ['9.5', 950],
      ['9,05', 905],
      ['5', 500],
      ['0', 0],
      ['100', 10000],
      ['100,00', 10000],
      [' 21 ', 2100],
      ['21%', 2100],
      ['21 %', 2100],
    ];
    for (const [input, bps] of accepted) {
      it(`parses ${JSON.stringify(input)} as ${bps} bps`, () => {
        expect(parsePercentToBps(input)).to.equal(bps);
      });
    }
    for (const input of [
      '',
      '101',
      '100,01',
      '1000',
      'abc',
      '-1',
      '21.555',
      '21,',
      ',5',
      '1e2',
      '%',
      '21%%',
    ]) {
      it(`rejects ${JSON.stringify(input)}`, () => {
        expect(parsePercentToBps(input)).to.equal(null);
      });
    }
  });
});
