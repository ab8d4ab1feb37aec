import { expect } from 'chai';
import {
  easterSunday,
  holidaysIn,
  lithuanianHolidays,
  weekdayHolidaysIn,
  workdaysIn,
} from '../../src/lib/workdays.ts';

describe('Lithuanian workdays', () => {
  it('computes Western Easter for known years', () => {
    // Published Easter Sunday dates.
    expect(easterSunday(2024)).to.deep.equal([3, 31]);
    expect(easterSunday(2025)).to.deep.equal([4, 20]);
    expect(easterSunday(2026)).to.deep.equal([4, 5]);
    expect(easterSunday(2027)).to.deep.equal([3, 28]);
    expect(easterSunday(2038)).to.deep.equal([4, 25]);
    expect(easterSunday(2285)).to.deep.equal([3, 22]);
  });

  it('lists the sixteen public holidays of a year, the movable ones computed', () => {
    const days = lithuanianHolidays(2026).map((h) => `${h.date} ${h.name}`);
    expect(days).to.deep.equal([
      '2026-01-01 newYear',
      '2026-02-16 statehood',
      '2026-03-11 independence',
      '2026-04-05 easterSunday',
      '2026-04-06 easterMonday',
      '2026-05-01 labourDay',
      '2026-05-03 mothersDay',
      '2026-06-07 fathersDay',
      '2026-06-24 stJohns',
      '2026-07-06 coronation',
      '2026-08-15 assumption',
      '2026-11-01 allSaints',
      '2026-11-02 allSouls',
      '2026-12-24 christmasEve',
      '2026-12-25 christmas',
      '2026-12-26 christmasSecond',
    ]);
  });

  it('takes an Easter Monday in March into account', () => {
    // 2027: Easter on 28 March, Easter Monday 29 March.
    expect(holidaysIn('2027-03').map((h) => h.date)).to.deep.equal([
      '2027-03-11',
      '2027-03-28',
      '2027-03-29',
    ]);
  });

  it('counts Monday to Friday less the weekday holidays', () => {
    // November 2026: 21 weekdays; 1 Nov is a Sunday, 2 Nov a Monday.
    expect(workdaysIn('2026-11')).to.equal(20);
    expect(weekdayHolidaysIn('2026-11').map((h) => h.name)).to.deep.equal(['allSouls']);
    // December 2026: 23 weekdays; 24 (Thu) and 25 (Fri) are holidays, 26 is a Saturday.
    expect(workdaysIn('2026-12')).to.equal(21);
    // April 2026: 22 weekdays; Easter Monday 6 April.
    expect(workdaysIn('2026-04')).to.equal(21);
    // October 2026: no holidays, 22 weekdays.
    expect(workdaysIn('2026-10')).to.equal(22);
    // February 2027: 20 weekdays; 16 Feb is a Tuesday.
    expect(workdaysIn('2027-02')).to.equal(19);
  });
});
