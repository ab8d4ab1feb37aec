import { holidaysIn, type HolidayName } from '../lib/workdays.ts';
import { getFinalised, periodSettings } from '../stipends/service.ts';
import { daysInPeriod } from './periods.ts';

/** Where the month's workdays come from: the finalised record, the stipend month's rules, or the calendar. */
export type WorkdaysSource = 'finalised' | 'saved' | 'calendar';

export interface MonthDays {
  period: string;
  /** Calendar days of the month: attendance above it is refused. */
  daysInMonth: number;
  /** The workdays the stipend counts: attendance above it is kept, and counts as this many. */
  workdays: number;
  source: WorkdaysSource;
  /** The month's public holidays, weekend ones marked (they take no workday away). */
  holidays: { date: string; name: HolidayName; weekend: boolean }[];
}

/**
 * The month's days as the attendance page shows them and the stipend counts them: a finalised month's
 * frozen workdays, else `periodSettings` (the workdays an administrator saved for the month, else
 * Monday to Friday less weekday public holidays).
 */
export async function monthDays(period: string): Promise<MonthDays> {
  const [settings, finalised] = await Promise.all([periodSettings(period), getFinalised(period)]);
  const frozen = finalised?.input?.workdays;
  const holidays = holidaysIn(period).map((h) => {
    const wd = new Date(`${h.date}T00:00:00Z`).getUTCDay();
    return { date: h.date, name: h.name, weekend: wd === 0 || wd === 6 };
  });
  return {
    period,
    daysInMonth: daysInPeriod(period),
    workdays: typeof frozen === 'number' ? frozen : settings.workdays,
    source: typeof frozen === 'number' ? 'finalised' : settings.saved ? 'saved' : 'calendar',
    holidays,
  };
}

/** Days above the workdays: kept as recorded, counted as `workdays` (the engine takes the smaller). */
export function countedDays(days: number, workdays: number): number {
  return Math.min(days, workdays);
}
