const TIME_ZONE = 'Europe/Vilnius';

const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function parts(date: Date): { year: string; month: string; day: string } {
  const p = Object.fromEntries(partsFormat.formatToParts(date).map((x) => [x.type, x.value]));
  return { year: p.year!, month: p.month!, day: p.day! };
}

/** The period (month) a moment belongs to in Vilnius, e.g. "2026-10". */
export function vilniusPeriod(date: Date): string {
  const p = parts(date);
  return `${p.year}-${p.month}`;
}

/** The month `months` after (or, negative, before) a `YYYY-MM` period. */
export function shiftPeriod(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + months, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function vilniusYear(date: Date): number {
  return Number(parts(date).year);
}

/** The calendar date in Vilnius, e.g. "2026-10-31". */
export function vilniusDate(date: Date): string {
  const p = parts(date);
  return `${p.year}-${p.month}-${p.day}`;
}

export const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Vilnius wall-clock time is ahead of UTC at a moment (2 or 3 hours), in milliseconds. */
function vilniusOffsetMs(at: number): number {
  const p = Object.fromEntries(wallClock.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * The moment a Vilnius calendar day begins. The offset is read at a first guess and again at the
 * result, which settles it (Vilnius switches summer time at 03:00/04:00, never around midnight).
 * Days past the month's end roll over (`day = 32` is the next month), as `Date.UTC` does.
 */
export function vilniusDayStart(year: number, month: number, day: number): Date {
  const wall = Date.UTC(year, month - 1, day);
  let utc = wall - vilniusOffsetMs(wall);
  utc = wall - vilniusOffsetMs(utc);
  return new Date(utc);
}

/** "2026-03-15" as [year, month, day] when it names a real calendar date, else null. */
export function parseCalendarDate(text: string | undefined): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return [y, mo, d];
}
