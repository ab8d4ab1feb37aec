import { expect } from 'chai';
import fc from 'fast-check';
import { executionDate, isWorkingDay } from '../../src/stipends/sepa-dates.ts';

describe('the payment file execution date', () => {
  it('counts Lithuanian working days: weekends and public holidays are skipped', () => {
    expect(executionDate('2026-11-04', 1)).to.equal('2026-11-05'); // Wednesday → Thursday
    expect(executionDate('2026-11-06', 1)).to.equal('2026-11-09'); // Friday → Monday
    expect(executionDate('2026-10-30', 1)).to.equal('2026-11-03'); // 1 Nov Sunday, 2 Nov All Souls
    expect(executionDate('2026-12-23', 1)).to.equal('2026-12-28'); // 24–26 Dec, then Sunday
    expect(executionDate('2027-03-26', 1)).to.equal('2027-03-30'); // Easter Monday 29 Mar 2027
    expect(executionDate('2026-12-31', 2)).to.equal('2027-01-05'); // 1 Jan, weekend, 4 Jan, 5 Jan
    expect(executionDate('2026-11-04', 3)).to.equal('2026-11-09');
  });

  it('with 0 days takes the day itself when it is a working day, else the next one', () => {
    expect(executionDate('2026-11-04', 0)).to.equal('2026-11-04');
    expect(executionDate('2026-11-07', 0)).to.equal('2026-11-09');
    expect(executionDate('2026-12-24', 0)).to.equal('2026-12-28');
  });

  it('is always a working day, never before today, and exactly n working days on', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2025-01-01T00:00:00Z'),
          max: new Date('2035-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 10 }),
        (date, n) => {
          const today = date.toISOString().slice(0, 10);
          const day = executionDate(today, n);
          expect(isWorkingDay(day)).to.equal(true);
          expect(day >= today).to.equal(true);
          if (n > 0) expect(day > today).to.equal(true);
          let between = 0;
          for (let d = new Date(`${today}T00:00:00Z`); d.toISOString().slice(0, 10) < day; ) {
            d = new Date(d.getTime() + 86_400_000);
            if (isWorkingDay(d.toISOString().slice(0, 10))) between += 1;
          }
          expect(between).to.equal(n === 0 ? (isWorkingDay(today) ? 0 : 1) : n);
        },
      ),
      { numRuns: 300 },
    );
  });
});
