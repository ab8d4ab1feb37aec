import { expect } from 'chai';
import fc from 'fast-check';
import { PERIOD_RE, vilniusDate, vilniusPeriod, vilniusYear } from '../../src/lib/dates.ts';

const at = (iso: string) => new Date(iso);

/** The last Sunday of a month (1-based), as a UTC day of the month. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0)); // day 0 of the next month
  return last.getUTCDate() - last.getUTCDay();
}

/**
 * Vilnius's offset from UTC in hours, written from the EU rule rather than Intl: summer time (UTC+3) from
 * 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October, UTC+2 otherwise.
 */
function vilniusOffsetHours(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const start = Date.UTC(year, 2, lastSunday(year, 3), 1);
  const end = Date.UTC(year, 9, lastSunday(year, 10), 1);
  return ms >= start && ms < end ? 3 : 2;
}

function expectedDate(ms: number): string {
  return new Date(ms + vilniusOffsetHours(ms) * 3600_000).toISOString().slice(0, 10);
}

describe('Vilnius dates', () => {
  describe('around midnight in winter (UTC+2)', () => {
    it('2026-10-31T21:30Z is still 31 October (23:30 local) — the period is 2026-10', () => {
      const d = at('2026-10-31T21:30:00Z');
      expect(vilniusDate(d)).to.equal('2026-10-31');
      expect(vilniusPeriod(d)).to.equal('2026-10');
    });

    it('2026-10-31T22:00Z is already 1 November in Vilnius — the period is 2026-11', () => {
      const d = at('2026-10-31T22:00:00Z');
      expect(vilniusDate(d)).to.equal('2026-11-01');
      expect(vilniusPeriod(d)).to.equal('2026-11');
      expect(vilniusPeriod(at('2026-10-31T21:59:59.999Z'))).to.equal('2026-10');
    });

    it('2026-12-31T22:00Z is already 2027 in Vilnius', () => {
      const d = at('2026-12-31T22:00:00Z');
      expect(vilniusYear(d)).to.equal(2027);
      expect(vilniusPeriod(d)).to.equal('2027-01');
      expect(vilniusDate(d)).to.equal('2027-01-01');
      const before = at('2026-12-31T21:59:59.999Z');
      expect(vilniusYear(before)).to.equal(2026);
      expect(vilniusPeriod(before)).to.equal('2026-12');
      expect(vilniusDate(before)).to.equal('2026-12-31');
    });

    it('month ends in winter: 2027-02-28T22:00Z is 1 March, and leap years count', () => {
      expect(vilniusDate(at('2027-02-28T22:00:00Z'))).to.equal('2027-03-01');
      expect(vilniusPeriod(at('2027-02-28T21:59:59Z'))).to.equal('2027-02');
      // 2028 is a leap year
      expect(vilniusDate(at('2028-02-28T22:00:00Z'))).to.equal('2028-02-29');
      expect(vilniusDate(at('2028-02-29T22:00:00Z'))).to.equal('2028-03-01');
    });
  });

  describe('around midnight in summer (UTC+3)', () => {
    it('2026-08-31T21:30Z is already 1 September (00:30 local)', () => {
      const d = at('2026-08-31T21:30:00Z');
      expect(vilniusDate(d)).to.equal('2026-09-01');
      expect(vilniusPeriod(d)).to.equal('2026-09');
      expect(vilniusYear(d)).to.equal(2026);
    });

    it('switches the date at 21:00 UTC, not 22:00', () => {
      expect(vilniusDate(at('2026-06-30T20:59:59.999Z'))).to.equal('2026-06-30');
      expect(vilniusPeriod(at('2026-06-30T20:59:59.999Z'))).to.equal('2026-06');
      expect(vilniusDate(at('2026-06-30T21:00:00Z'))).to.equal('2026-07-01');
      expect(vilniusPeriod(at('2026-06-30T21:00:00Z'))).to.equal('2026-07');
    });
  });

  describe('the DST switch days', () => {
    it('spring forward (Sun 2026-03-29, 03:00 → 04:00 local at 01:00 UTC)', () => {
      // the evening before: still UTC+2
      expect(vilniusDate(at('2026-03-28T21:59:59Z'))).to.equal('2026-03-28');
      expect(vilniusDate(at('2026-03-28T22:00:00Z'))).to.equal('2026-03-29');
      // across the switch the date stays the 29th
      expect(vilniusDate(at('2026-03-29T00:59:59Z'))).to.equal('2026-03-29');
      expect(vilniusDate(at('2026-03-29T01:00:00Z'))).to.equal('2026-03-29');
      // that evening: already UTC+3, so midnight is at 21:00 UTC
      expect(vilniusDate(at('2026-03-29T20:59:59Z'))).to.equal('2026-03-29');
      expect(vilniusDate(at('2026-03-29T21:00:00Z'))).to.equal('2026-03-30');
      expect(vilniusPeriod(at('2026-03-31T21:00:00Z'))).to.equal('2026-04');
      expect(vilniusPeriod(at('2026-03-31T20:59:59Z'))).to.equal('2026-03');
    });

    it('fall back (Sun 2026-10-25, 04:00 → 03:00 local at 01:00 UTC)', () => {
      // the evening before: still UTC+3
      expect(vilniusDate(at('2026-10-24T20:59:59Z'))).to.equal('2026-10-24');
      expect(vilniusDate(at('2026-10-24T21:00:00Z'))).to.equal('2026-10-25');
      expect(vilniusDate(at('2026-10-25T00:59:59Z'))).to.equal('2026-10-25');
      expect(vilniusDate(at('2026-10-25T01:00:00Z'))).to.equal('2026-10-25');
      // that evening: back to UTC+2, so midnight is at 22:00 UTC
      expect(vilniusDate(at('2026-10-25T21:30:00Z'))).to.equal('2026-10-25');
      expect(vilniusDate(at('2026-10-25T22:00:00Z'))).to.equal('2026-10-26');
    });
  });

  describe('properties', () => {
    // Lithuania has followed the EU summer-time rule since 2003.
    const moment = fc
      .integer({ min: Date.UTC(2004, 0, 1), max: Date.UTC(2099, 11, 31) })
      .map((ms) => new Date(ms));
    const nearMidnight = fc
      .tuple(
        fc.integer({ min: Date.UTC(2004, 0, 1) / 86400_000, max: Date.UTC(2099, 0, 1) / 86400_000 }),
        fc.constantFrom(20, 21, 22, 23, 0, 1),
        fc.integer({ min: -2, max: 2 }),
      )
      .map(([day, hour, ms]) => new Date(day * 86400_000 + hour * 3600_000 + ms));

    it('vilniusDate is the UTC date shifted by the EU-rule offset (+2 winter, +3 summer)', () => {
      fc.assert(
        fc.property(fc.oneof(moment, nearMidnight), (d) => {
          expect(vilniusDate(d), d.toISOString()).to.equal(expectedDate(d.getTime()));
        }),
        { numRuns: 1000 },
      );
    });

    it('period and year agree with the date', () => {
      fc.assert(
        fc.property(fc.oneof(moment, nearMidnight), (d) => {
          const date = vilniusDate(d);
          expect(date).to.match(/^\d{4}-\d{2}-\d{2}$/);
          expect(vilniusPeriod(d)).to.equal(date.slice(0, 7));
          expect(vilniusPeriod(d)).to.match(PERIOD_RE);
          expect(vilniusYear(d)).to.equal(Number(date.slice(0, 4)));
        }),
      );
    });
  });
});
