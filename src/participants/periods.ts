import { PERIOD_RE, shiftPeriod, vilniusPeriod } from '../lib/dates.ts';

export { PERIOD_RE, shiftPeriod };

export function isPeriod(text: unknown): text is string {
  return typeof text === 'string' && PERIOD_RE.test(text);
}

export function currentPeriod(now = new Date()): string {
  return vilniusPeriod(now);
}

export function daysInPeriod(period: string): number {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** First and last calendar dates of a period ("2026-02-01", "2026-02-28"). */
export function periodDates(period: string): { first: string; last: string } {
  return { first: `${period}-01`, last: `${period}-${String(daysInPeriod(period)).padStart(2, '0')}` };
}

/** Mongo filter: participation (start/end dates) overlaps the period. */
export function activeInPeriodFilter(period: string) {
  const { first, last } = periodDates(period);
  return { startDate: { $lte: last }, $or: [{ endDate: null }, { endDate: { $gte: first } }] };
}
