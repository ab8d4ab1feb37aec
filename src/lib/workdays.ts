/**
 * Lithuanian public holidays and the workdays of a month.
 *
 * The holidays follow the Labour Code, art. 123 (Darbo kodeksas, švenčių dienos), as in force in
 * 2026: 1 January, 16 February, 11 March, Easter Sunday and Easter Monday, 1 May, the first Sunday of
 * May (Mother's Day), the first Sunday of June (Father's Day), 24 June, 6 July, 15 August, 1 and
 * 2 November, 24, 25 and 26 December. Easter is the Western (Gregorian) Easter. Holidays that fall on
 * a Saturday or Sunday are not moved to a weekday.
 */

/** Easter Sunday of a Gregorian year as [month, day] (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

export type HolidayName =
  | 'newYear'
  | 'statehood'
  | 'independence'
  | 'easterSunday'
  | 'easterMonday'
  | 'labourDay'
  | 'mothersDay'
  | 'fathersDay'
  | 'stJohns'
  | 'coronation'
  | 'assumption'
  | 'allSaints'
  | 'allSouls'
  | 'christmasEve'
  | 'christmas'
  | 'christmasSecond';

export interface Holiday {
  /** "2026-04-05" */
  date: string;
  name: HolidayName;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;

/** The first Sunday of a month (1–7). */
function firstSunday(year: number, month: number): number {
  const wd = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return wd === 0 ? 1 : 8 - wd;
}

/** Every public holiday of a year, in date order. */
export function lithuanianHolidays(year: number): Holiday[] {
  const [em, ed] = easterSunday(year);
  const easter = new Date(Date.UTC(year, em - 1, ed));
  const monday = new Date(easter.getTime() + 86_400_000);
  const list: Holiday[] = [
    { date: iso(year, 1, 1), name: 'newYear' },
    { date: iso(year, 2, 16), name: 'statehood' },
    { date: iso(year, 3, 11), name: 'independence' },
    { date: iso(year, em, ed), name: 'easterSunday' },
    {
      date: iso(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate()),
      name: 'easterMonday',
    },
    { date: iso(year, 5, 1), name: 'labourDay' },
    { date: iso(year, 5, firstSunday(year, 5)), name: 'mothersDay' },
    { date: iso(year, 6, firstSunday(year, 6)), name: 'fathersDay' },
    { date: iso(year, 6, 24), name: 'stJohns' },
    { date: iso(year, 7, 6), name: 'coronation' },
    { date: iso(year, 8, 15), name: 'assumption' },
    { date: iso(year, 11, 1), name: 'allSaints' },
    { date: iso(year, 11, 2), name: 'allSouls' },
    { date: iso(year, 12, 24), name: 'christmasEve' },
    { date: iso(year, 12, 25), name: 'christmas' },
    { date: iso(year, 12, 26), name: 'christmasSecond' },
  ];
  return list.sort((a, b) => a.date.localeCompare(b.date));
}

/** The public holidays of a `YYYY-MM` period. */
export function holidaysIn(period: string): Holiday[] {
  const year = Number(period.slice(0, 4));
  return lithuanianHolidays(year).filter((h) => h.date.startsWith(`${period}-`));
}

/** Monday to Friday of a `YYYY-MM` period, less the public holidays that fall on them. */
export function workdaysIn(period: string): number {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const holidays = new Set(holidaysIn(period).map((h) => h.date));
  let count = 0;
  for (let d = 1; d <= days; d++) {
    const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (wd !== 0 && wd !== 6 && !holidays.has(iso(y, m, d))) count++;
  }
  return count;
}

/** The public holidays of a period that fall on a weekday (the ones that take a workday away). */
export function weekdayHolidaysIn(period: string): Holiday[] {
  return holidaysIn(period).filter((h) => {
    const wd = new Date(`${h.date}T00:00:00Z`).getUTCDay();
    return wd !== 0 && wd !== 6;
  });
}
