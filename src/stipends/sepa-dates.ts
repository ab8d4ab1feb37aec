import { lithuanianHolidays } from '../lib/workdays.ts';

/** Whether a calendar day ("2026-11-06") is a Lithuanian working day: Monday–Friday, not a holiday. */
export function isWorkingDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !lithuanianHolidays(y).some((h) => h.date === day);
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * The execution date a payment file asks the bank for, by the organisation's setting: the
 * `workdaysAfter`-th working day after `today` (Vilnius), or with 0 `today` itself when it is a
 * working day, else the next one. Never before `today`, so a file is never made with a past date.
 */
export function executionDate(today: string, workdaysAfter: number): string {
  let day = today;
  if (workdaysAfter === 0) {
    while (!isWorkingDay(day)) day = nextDay(day);
    return day;
  }
  for (let left = workdaysAfter; left > 0; ) {
    day = nextDay(day);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}
